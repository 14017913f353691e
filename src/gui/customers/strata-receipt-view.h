/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A customer's score receipt as a table: every base indicator with its
 * value, band and points, every adjustment that applied (and those that
 * did not, dimmed), the score, the tiers and the active override. Used by
 * the impact panel (a mover) and the Customers page's detail pane. */
#pragma once

#include <gtk/gtk.h>

#include "strata-engine.h"
#include "strata-metric-list.h"

G_BEGIN_DECLS

#define STRATA_TYPE_RECEIPT_VIEW (strata_receipt_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataReceiptView, strata_receipt_view, STRATA, RECEIPT_VIEW, GtkBox)

GtkWidget *strata_receipt_view_new         (void);
/* For metric labels in the user's language (may be NULL: keys are shown). */
void       strata_receipt_view_set_metrics (StrataReceiptView   *self,
                                            StrataMetricList    *metrics);
/* Shows receipt (borrowed; copied into labels), or nothing when NULL. */
void       strata_receipt_view_set_receipt (StrataReceiptView   *self,
                                            const StrataReceipt *receipt);

G_END_DECLS
