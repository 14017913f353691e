/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Filling a StrataPeriodData by hand, for tests: the application loads
 * it from a workspace (strata_period_data_load). */
#pragma once

#include "strata-period-data.h"

G_BEGIN_DECLS

guint strata_period_data_add_row      (StrataPeriodData *data,
                                       gint64            id,
                                       const char       *ext_id,
                                       const char       *name);
void  strata_period_data_set_value    (StrataPeriodData *data,
                                       guint             row,
                                       const char       *metric,
                                       double            value);
void  strata_period_data_add_override (StrataPeriodData *data,
                                       guint             row,
                                       const char       *tier,
                                       const char       *reason,
                                       const char       *author,
                                       const char       *created_at);

G_END_DECLS
