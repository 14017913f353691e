/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing a chart without a display and reading its pixels back, for the
 * render tests. */
#pragma once

#include <math.h>

#include "strata-chart.h"

/* Draws chart (any StrataChart) on a new w × h RGB image. */
static inline cairo_surface_t *
chart_test_render (gpointer                chart,
                   const StrataChartStyle *style,
                   int                     w,
                   int                     h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (s);

  strata_chart_draw (STRATA_CHART (chart), cr, style, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static inline StrataRgba
chart_test_pixel (cairo_surface_t *s,
                  int              x,
                  int              y)
{
  guint32 p = *(guint32 *) (gpointer) (cairo_image_surface_get_data (s)
                                       + y * cairo_image_surface_get_stride (s) + x * 4);
  return (StrataRgba) { ((p >> 16) & 0xff) / 255.0, ((p >> 8) & 0xff) / 255.0,
                        (p & 0xff) / 255.0, 1 };
}

/* The same colour, each channel within tolerance. */
static inline gboolean
chart_test_near (StrataRgba a,
                 StrataRgba b,
                 double     tolerance)
{
  return fabs (a.r - b.r) < tolerance && fabs (a.g - b.g) < tolerance && fabs (a.b - b.b) < tolerance;
}

static inline gboolean
chart_test_same (StrataRgba a,
                 StrataRgba b)
{
  return chart_test_near (a, b, 0.01);
}

/* Pixels in a rectangle that are not the background. */
static inline guint
chart_test_ink (cairo_surface_t        *s,
                const StrataChartStyle *style,
                double                  x,
                double                  y,
                double                  w,
                double                  h)
{
  guint n = 0;

  for (int py = (int) y; py < (int) (y + h); py++)
    for (int px = (int) x; px < (int) (x + w); px++)
      n += !chart_test_same (chart_test_pixel (s, px, py), style->background);
  return n;
}
