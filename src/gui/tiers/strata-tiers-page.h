/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Tiers page: the tier pyramid of the current period (base tier beside
 * final tier, so the adjustments' effect shows) and the Pareto curve of
 * revenue, each exportable, with the same data as a table one click away. */
#pragma once

#include "strata-page.h"

#include "strata-pareto-chart.h"
#include "strata-pyramid-chart.h"

G_BEGIN_DECLS

#define STRATA_TYPE_TIERS_PAGE (strata_tiers_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataTiersPage, strata_tiers_page, STRATA, TIERS_PAGE, StrataPage)

StrataPyramidChart *strata_tiers_page_get_pyramid (StrataTiersPage *self);
StrataParetoChart  *strata_tiers_page_get_pareto  (StrataTiersPage *self);
const char         *strata_tiers_page_get_state   (StrataTiersPage *self);
gboolean            strata_tiers_page_export      (StrataTiersPage *self,
                                                   const char      *chart,
                                                   const char      *path,
                                                   GError         **error);

G_END_DECLS
