/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A page reloads what it shows (a whole period, scored and charted) only
 * when it is on screen: a change while it is hidden waits until it is
 * mapped. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*StrataReload) (GtkWidget *widget);

/* Runs reload (widget) now if the widget is mapped, else when it is next. */
void     strata_reload_when_shown      (GtkWidget     *widget,
                                        StrataReload   reload);
/* Runs a reload that is waiting for the widget to be shown, now (for a
 * caller that needs what the page shows, such as the presentation). */
void     strata_reload_if_pending      (GtkWidget     *widget);

G_END_DECLS
