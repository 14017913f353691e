/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataSlideMover: a customer on the movers slide, as a button that
 * shows the customer's score receipt: the tier change, the name and the
 * first reason. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STRATA_TYPE_SLIDE_MOVER (strata_slide_mover_get_type ())
G_DECLARE_FINAL_TYPE (StrataSlideMover, strata_slide_mover, STRATA, SLIDE_MOVER, GtkButton)

/* change: "B → A"; up: an upgrade (else a downgrade). */
GtkWidget *strata_slide_mover_new             (gint64            customer_id,
                                               const char       *change,
                                               const char       *name,
                                               const char       *reason,
                                               gboolean          up);
gint64     strata_slide_mover_get_customer_id (StrataSlideMover *self);

G_END_DECLS
