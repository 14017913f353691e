/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rule set's published versions with their notes, authors and dates;
 * any two compared on the current period (tier transitions and the rules
 * that changed); any one restored into the draft (::restore, handled by
 * the Scoring page). */
#pragma once

#include <adwaita.h>

#include "strata-period-data.h"

G_BEGIN_DECLS

#define STRATA_TYPE_HISTORY_DIALOG (strata_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StrataHistoryDialog, strata_history_dialog, STRATA, HISTORY_DIALOG, AdwWindow)

/* data: the period to compare on (may be NULL: no comparison). */
GtkWidget *strata_history_dialog_new     (StrataWorkspace  *workspace,
                                          StrataPeriodData *data);
/* Compares versions a and b; returns the text shown (for tests). */
char      *strata_history_dialog_compare (StrataHistoryDialog *self,
                                          guint                a,
                                          guint                b);

G_END_DECLS
