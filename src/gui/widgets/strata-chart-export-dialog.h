/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting a chart from its page: a save dialog with a choice of size
 * (the size shown, or a fixed one for slides and print); the file name's
 * ending picks PNG, SVG or PDF. */
#pragma once

#include <gtk/gtk.h>

#include "strata-chart.h"

G_BEGIN_DECLS

/* size: "shown" or "WxH" (pixels for PNG, points for SVG and PDF). */
gboolean strata_chart_export_to_path     (StrataChart *chart,
                                          GtkWidget   *view,
                                          const char  *size,
                                          const char  *path,
                                          GError     **error);
void     strata_chart_export_dialog_show (GtkWidget   *parent,
                                          StrataChart *chart,
                                          GtkWidget   *view,
                                          const char  *suggested_name);

G_END_DECLS
