/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataSlideReceipt: a customer's score receipt over the whole
 * projector, in the presentation's style. Escape or its button closes it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STRATA_TYPE_SLIDE_RECEIPT (strata_slide_receipt_get_type ())
G_DECLARE_FINAL_TYPE (StrataSlideReceipt, strata_slide_receipt, STRATA, SLIDE_RECEIPT, GtkWindow)

/* name: the customer's; text: the receipt (or why there is none). */
GtkWidget *strata_slide_receipt_new (GtkWindow  *presentation,
                                     const char *name,
                                     const char *text);

G_END_DECLS
