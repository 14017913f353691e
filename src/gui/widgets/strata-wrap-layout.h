/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STRATA_TYPE_WRAP_LAYOUT (strata_wrap_layout_get_type ())
G_DECLARE_FINAL_TYPE (StrataWrapLayout, strata_wrap_layout, STRATA, WRAP_LAYOUT, GtkLayoutManager)

/* Lays the visible children out left to right at their natural width and
 * starts a new line when the next one does not fit (GTK 4.8 has no wrap
 * box; GtkFlowBox would make each child a focus stop of its own). */
GtkLayoutManager *strata_wrap_layout_new (int column_spacing,
                                          int row_spacing);

G_END_DECLS
