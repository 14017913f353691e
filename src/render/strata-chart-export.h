/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes any chart to a PNG, SVG or PDF file at a given size (pixels for
 * PNG, points for SVG and PDF), through the same drawing function. */
#pragma once

#include "strata-chart.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_EXPORT_PNG,
  STRATA_EXPORT_SVG,
  STRATA_EXPORT_PDF,
} StrataExportFormat;

gboolean strata_chart_export_format_for_path (const char             *path,
                                              StrataExportFormat     *format);
gboolean strata_chart_export                 (StrataChart            *chart,
                                              const StrataChartStyle *style,
                                              StrataExportFormat      format,
                                              const char             *path,
                                              double                  width,
                                              double                  height,
                                              GError                **error);
/* The same with a heading band on top: title (e.g. "Tier pyramid") and
 * subtitle (e.g. the period) on the left, above the chart; either may be
 * NULL, both NULL is strata_chart_export. */
gboolean strata_chart_export_captioned       (StrataChart            *chart,
                                              const StrataChartStyle *style,
                                              StrataExportFormat      format,
                                              const char             *path,
                                              double                  width,
                                              double                  height,
                                              const char             *title,
                                              const char             *subtitle,
                                              GError                **error);

G_END_DECLS
