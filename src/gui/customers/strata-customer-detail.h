/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The detail pane of the Customers page: one customer's score receipt, its
 * score and tier over the periods, what its tier entitles it to, and the
 * manual override (tier and a required reason; removable). */
#pragma once

#include <adwaita.h>

#include "strata-context.h"
#include "strata-entitlements.h"
#include "strata-metric-list.h"
#include "strata-scoring.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CUSTOMER_DETAIL (strata_customer_detail_get_type ())
G_DECLARE_FINAL_TYPE (StrataCustomerDetail, strata_customer_detail, STRATA, CUSTOMER_DETAIL, GtkBox)

GtkWidget *strata_customer_detail_new        (void);
/* Where the pane reads from (all borrowed, kept alive by the page; NULL
 * clears). */
void       strata_customer_detail_set_source (StrataCustomerDetail *self,
                                              StrataContext        *context,
                                              StrataScoring        *scoring,
                                              StrataMetricList     *metrics,
                                              StrataEntitlements   *entitlements);
/* Shows a row of the scoring's period, or the empty state (-1). */
void       strata_customer_detail_show_row   (StrataCustomerDetail *self,
                                              int                   row);
/* Forgets the scores of other periods (the rules or data changed). */
void       strata_customer_detail_invalidate (StrataCustomerDetail *self);

/* For tests: set the override of the shown customer as the pane's button
 * does (tier id, reason); FALSE with error when refused. */
gboolean   strata_customer_detail_override   (StrataCustomerDetail *self,
                                              const char           *tier,
                                              const char           *reason,
                                              GError              **error);

G_END_DECLS
