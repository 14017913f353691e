/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Customers page keeps of the previous period: its customers' ids
 * and final tiers, to show who moved. */
#pragma once

#include "strata-period-data.h"
#include "strata-rules.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct _StrataPrevTiers StrataPrevTiers;

StrataPrevTiers *strata_prev_tiers_read (StrataWorkspace         *workspace,
                                         gint64                   period_id,
                                         GError                 **error);
void             strata_prev_tiers_free (StrataPrevTiers         *prev);
guint8          *strata_prev_tiers_map  (const StrataPrevTiers   *prev,
                                         const StrataRules       *rules,
                                         const StrataPeriodData  *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataPrevTiers, strata_prev_tiers_free)

G_END_DECLS
