/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page: the rules editor on the left, the live impact of the
 * draft against the published rules on the right; draft, publish, history,
 * undo and redo, import and export of rules files. */
#pragma once

#include <adwaita.h>

#include "strata-page.h"

G_BEGIN_DECLS

#define STRATA_TYPE_SCORING_PAGE (strata_scoring_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataScoringPage, strata_scoring_page, STRATA, SCORING_PAGE, StrataPage)

GtkWidget     *strata_scoring_page_new         (void);

G_END_DECLS
