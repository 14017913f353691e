/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the funnel says in words, under the funnel charts of the Quadrant
 * page and the customer detail. */
#pragma once

#include "strata-funnel.h"

G_BEGIN_DECLS

/* The best group and, for each other group with customers, the step where
 * it falls furthest below it; NULL when the workspace has no funnel. */
char *strata_funnel_text_summary       (const StrataFunnel         *funnel);
/* The customer's weakest step against its quadrant's median. */
char *strata_funnel_text_customer_note (const StrataFunnelCustomer *customer);
/* TRUE when the data has at least two consecutive funnel steps. */
gboolean strata_funnel_text_has_funnel (const StrataPeriodData     *data);

G_END_DECLS
