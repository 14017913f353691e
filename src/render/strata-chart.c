/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-chart.h"

G_DEFINE_INTERFACE (StrataChart, strata_chart, G_TYPE_OBJECT)

static void
strata_chart_default_init (StrataChartInterface *iface)
{
}

void
strata_chart_draw (StrataChart            *chart,
                   cairo_t                *cr,
                   const StrataChartStyle *style,
                   double                  width,
                   double                  height)
{
  g_return_if_fail (STRATA_IS_CHART (chart));
  g_return_if_fail (cr != NULL && style != NULL);

  if (width <= 0 || height <= 0)
    return;
  cairo_save (cr);
  /* Charts draw in 0..width x 0..height; whatever the caller clipped to
   * stays, nothing spills outside the chart's box. */
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  STRATA_CHART_GET_IFACE (chart)->draw (chart, cr, style, width, height);
  cairo_restore (cr);
}

/**
 * strata_chart_get_description:
 *
 * Returns: (transfer full): a sentence or two for screen readers.
 */
char *
strata_chart_get_description (StrataChart *chart)
{
  g_return_val_if_fail (STRATA_IS_CHART (chart), NULL);
  return STRATA_CHART_GET_IFACE (chart)->get_description (chart);
}

/**
 * strata_chart_get_table:
 *
 * Returns: (transfer full): rows (each a GStrv), the first row the header.
 */
GPtrArray *
strata_chart_get_table (StrataChart *chart)
{
  g_return_val_if_fail (STRATA_IS_CHART (chart), NULL);
  return STRATA_CHART_GET_IFACE (chart)->get_table (chart);
}
