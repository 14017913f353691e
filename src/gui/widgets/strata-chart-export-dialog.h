/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting a chart from its page: a save dialog with its file types (PDF,
 * PNG, SVG) and a choice of size (the size shown, or a fixed one for slides
 * and print); the file name's ending picks the format (the chosen type's
 * when it has none); the image has the chart's name and period on top
 * (strata_chart_export_set_caption). A toast says where it went and opens it. */
#pragma once

#include <gtk/gtk.h>

#include "strata-chart.h"

G_BEGIN_DECLS

/* What the exported image says above the chart: its name ("Tier pyramid")
 * and the period shown; kept on the chart until set again (NULL: none). */
void     strata_chart_export_set_caption (StrataChart *chart,
                                          const char  *title,
                                          const char  *period);
/* size: "shown" or "WxH" (pixels for PNG, points for SVG and PDF). */
gboolean strata_chart_export_to_path     (StrataChart *chart,
                                          GtkWidget   *view,
                                          const char  *size,
                                          const char  *path,
                                          GError     **error);
/* Exports to path (what the dialog does on Export): a toast in the window
 * of view with an Open button, or a message dialog naming the problem. */
gboolean strata_chart_export_save        (StrataChart *chart,
                                          GtkWidget   *view,
                                          const char  *size,
                                          const char  *path);
void     strata_chart_export_dialog_show (GtkWidget   *parent,
                                          StrataChart *chart,
                                          GtkWidget   *view,
                                          const char  *suggested_name);

G_END_DECLS
