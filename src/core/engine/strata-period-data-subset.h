/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Some customers of a period, read through the primary keys: what one
 * customer's receipt needs, at the same cost for 600 customers or a million.
 * The result is a StrataPeriodData like the full load's (same metrics and
 * labels, those customers' values and active overrides) whose rows are just
 * those customers, so strata_engine_explain works on it unchanged: a
 * receipt depends on its own row and the rules only (absolute bands, tier
 * thresholds and quadrant thresholds), never on the rest of the period. */
#pragma once

#include "strata-period-data.h"

G_BEGIN_DECLS

/* The customers of the period with these ext ids (NULL-terminated), in
 * customer order; ids that the period does not have are left out, so the
 * data may have fewer rows (or none). Fails only when the period does not
 * exist or the file cannot be read. */
StrataPeriodData *strata_period_data_load_customers    (StrataWorkspace    *workspace,
                                                        gint64              period_id,
                                                        const char * const *ext_ids,
                                                        GError            **error);
/* The same by workspace customer id (customers.id). */
StrataPeriodData *strata_period_data_load_customer_ids (StrataWorkspace    *workspace,
                                                        gint64              period_id,
                                                        const gint64       *ids,
                                                        guint               n_ids,
                                                        GError            **error);

G_END_DECLS
