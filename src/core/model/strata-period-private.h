/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-period.h. */
#pragma once

#include "strata-period.h"

G_BEGIN_DECLS

/* Deletes an open period with its customers' values and results. A closed
 * period is history and is refused. */
gboolean           strata_period_delete             (StrataWorkspace    *workspace,
                                                     gint64              period_id,
                                                     GError            **error);

StrataPeriod      *strata_period_lookup_name        (StrataWorkspace    *workspace,
                                                     const char         *name,
                                                     GError            **error);
/* The period that starts last, or NULL (error unset) when there is none. */
StrataPeriod      *strata_period_get_latest         (StrataWorkspace    *workspace,
                                                     GError            **error);

G_END_DECLS
