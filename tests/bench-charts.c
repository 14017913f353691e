/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Frame time of the quadrant chart at 10k, 100k and 1M customers on a
 * 1200x800 image surface: the chart as it draws (density above 20,000),
 * the chart forced to draw every point (one path per tier), and the naive
 * way (cairo_arc + cairo_fill per point), in the same run. Also the index
 * build, hit testing and the pyramid. Built, not run by meson test. */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "render-demo-data.h"
#include "strata-pyramid-chart.h"

#define W 1200
#define H 800

/* CPU time of this thread: the machine is shared, wall time would mostly
 * measure the other processes. */
static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
frame (StrataChart            *chart,
       const StrataChartStyle *style,
       cairo_surface_t        *surface,
       int                     repeat)
{
  double best = INFINITY;
  for (int i = 0; i < repeat; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double t0 = now_ms ();
      double ms;
      strata_chart_draw (chart, cr, style, W, H);
      cairo_surface_flush (surface);
      ms = now_ms () - t0; /* not inside MIN (): it evaluates twice */
      best = MIN (best, ms);
      cairo_destroy (cr);
    }
  return best;
}

/* A frame after a change that drops the caches (a threshold drag). */
static double
cold_frame (StrataQuadrantChart    *chart,
            const StrataChartStyle *style,
            cairo_surface_t        *surface,
            int                     repeat)
{
  double best = INFINITY, tx, ty;
  strata_quadrant_chart_get_thresholds (chart, &tx, &ty);
  for (int i = 0; i < repeat; i++)
    {
      double ms;
      strata_quadrant_chart_set_thresholds (chart, tx, ty);
      ms = frame (STRATA_CHART (chart), style, surface, 1);
      best = MIN (best, ms);
    }
  return best;
}

static double
naive (StrataQuadrantChart    *chart,
       const DemoData         *d,
       const StrataChartStyle *style,
       cairo_surface_t        *surface)
{
  cairo_t *cr = cairo_create (surface);
  double t0 = now_ms ();

  /* What a straightforward chart does: one arc and one fill per point. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (gsize i = 0; i < d->n; i++)
    {
      StrataRgba c = strata_rgba_parse (demo_tiers[d->tier[i]].colour);
      double x = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, d->x[i]);
      double y = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, d->y[i]);
      cairo_set_source_rgba (cr, c.r, c.g, c.b, 0.85);
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  return now_ms () - t0;
}

int
main (void)
{
  static const gsize sizes[] = { 10000, 100000, 1000000 };
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);

  printf ("quadrant chart, %dx%d image surface, best of several frames (ms of CPU time)\n", W, H);
  printf ("%10s %8s %8s %8s %8s %11s %11s %10s\n", "customers", "index", "cold", "warm", "mode",
          "all points", "naive", "hit (us)");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(StrataQuadrantChart) chart = strata_quadrant_chart_new ();
      StrataQuadrantData q;
      DemoData d;
      double t0, index_ms, auto_ms, warm_ms, points_ms, naive_ms, hit_us;
      gboolean density;
      int repeat = sizes[s] >= 1000000 ? 2 : 5;
      GRand *r = g_rand_new_with_seed (1);
      guint hits = 0;

      demo_data_init (&d, sizes[s], 42);
      demo_quadrant_data (&d, &q, FALSE);
      t0 = now_ms ();
      strata_quadrant_chart_set_data (chart, &q);
      index_ms = now_ms () - t0;

      auto_ms = cold_frame (chart, style, surface, repeat);
      density = strata_quadrant_chart_get_drew_density (chart);
      /* Hover: only the highlight ring changes, caches stay. */
      strata_quadrant_chart_set_highlight (chart, 7);
      warm_ms = frame (STRATA_CHART (chart), style, surface, repeat);
      strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_POINTS, 0);
      points_ms = cold_frame (chart, style, surface, sizes[s] >= 1000000 ? 1 : 3);
      strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_AUTO, 0);
      naive_ms = naive (chart, &d, style, surface);

      t0 = now_ms ();
      for (int k = 0; k < 10000; k++)
        hits += strata_quadrant_chart_hit_test (chart, g_rand_double_range (r, 0, W),
                                                g_rand_double_range (r, 0, H)) >= 0;
      hit_us = (now_ms () - t0) * 1000 / 10000;

      printf ("%10zu %8.1f %8.1f %8.1f %8s %11.1f %11.1f %10.2f  (%u of 10000 hit)\n", sizes[s],
              index_ms, auto_ms, warm_ms, density ? "density" : "points", points_ms, naive_ms,
              hit_us, hits);
      g_rand_free (r);
      demo_data_clear (&d);
    }

  {
    g_autoptr(StrataPyramidChart) pyramid = strata_pyramid_chart_new ();
    guint counts[5] = { 2680, 16190, 42230, 39070, 24200 };
    guint base[5] = { 3640, 16520, 39010, 38320, 26880 };
    double revenue[5] = { 5e8, 4e8, 2e8, 6e7, 1e7 };
    StrataPyramidData p = { 5, demo_tiers, counts, revenue, base, revenue, "Final tier", "Base tier" };
    strata_pyramid_chart_set_data (pyramid, &p);
    printf ("pyramid (two panels, 5 tiers): %.2f ms per frame\n",
            frame (STRATA_CHART (pyramid), style, surface, 20));
  }
  cairo_surface_destroy (surface);
  return 0;
}
