/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Frame time of the quadrant chart on a 1200x800 image surface:
 *   bench-charts [N_CUSTOMERS...]
 * (default 10000 100000 1000000, or $STRATA_BENCH_CHART_SIZES). For each
 * size: the index build; the first frame of a new chart (cold: nothing
 * cached); a frame after a threshold drag (the chart's caches dropped); a
 * hover frame (warm: only the highlight ring changes); the chart forced to
 * draw every point (one path per tier), and the naive way (cairo_arc +
 * cairo_fill per point), in the same run. Also hit testing and the
 * pyramid. CPU time of this thread, in memory: no file is read, so the OS
 * page cache plays no part; the window's whole start-up is timed by
 * bench-customers-page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "render-demo-data.h"
#include "strata-pyramid-chart.h"
#include "strata-quadrant-chart-private.h"

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

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median frame time of repeat frames. */
static double
frame (StrataChart            *chart,
       const StrataChartStyle *style,
       cairo_surface_t        *surface,
       int                     repeat)
{
  double ms[32];

  g_assert (repeat > 0 && repeat <= (int) G_N_ELEMENTS (ms));
  for (int i = 0; i < repeat; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double t0 = now_ms ();

      strata_chart_draw (chart, cr, style, W, H);
      cairo_surface_flush (surface);
      ms[i] = now_ms () - t0;
      cairo_destroy (cr);
    }
  qsort (ms, repeat, sizeof *ms, cmp_double);
  return repeat % 2 ? ms[repeat / 2] : (ms[repeat / 2 - 1] + ms[repeat / 2]) / 2;
}

/* Median of frames after a change that drops the caches (a threshold
 * drag). */
static double
drag_frame (StrataQuadrantChart    *chart,
            const StrataChartStyle *style,
            cairo_surface_t        *surface,
            int                     repeat)
{
  double ms[32], tx, ty;

  g_assert (repeat > 0 && repeat <= (int) G_N_ELEMENTS (ms));
  strata_quadrant_chart_get_thresholds (chart, &tx, &ty);
  for (int i = 0; i < repeat; i++)
    {
      strata_quadrant_chart_set_thresholds (chart, tx, ty);
      ms[i] = frame (STRATA_CHART (chart), style, surface, 1);
    }
  qsort (ms, repeat, sizeof *ms, cmp_double);
  return repeat % 2 ? ms[repeat / 2] : (ms[repeat / 2 - 1] + ms[repeat / 2]) / 2;
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
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) sizes = NULL;
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);

  if (argc > 1)
    sizes = g_strdupv (argv + 1);
  else
    sizes = g_strsplit (g_getenv ("STRATA_BENCH_CHART_SIZES") ? g_getenv ("STRATA_BENCH_CHART_SIZES")
                                                              : "10000 100000 1000000", " ", -1);
  printf ("quadrant chart, %dx%d image surface, ms of CPU time; first = the first frame of a new\n"
          "chart (cold, 1 run); drag = after a threshold drag (caches dropped), warm = a hover frame\n"
          "(caches kept): medians of several frames\n", W, H);
  printf ("%10s %8s %8s %8s %8s %8s %11s %11s %10s\n", "customers", "index", "first", "drag", "warm",
          "mode", "all points", "naive", "hit (us)");
  for (guint s = 0; sizes[s] != NULL; s++)
    {
      g_autoptr(StrataQuadrantChart) chart = strata_quadrant_chart_new ();
      StrataQuadrantData q;
      DemoData d;
      double t0, index_ms, first_ms, auto_ms, warm_ms, points_ms, naive_ms, hit_us;
      gboolean density;
      gsize n = g_ascii_strtoull (sizes[s], NULL, 10);
      int repeat = n >= 1000000 ? 3 : 5;
      GRand *r = g_rand_new_with_seed (1);
      guint hits = 0;

      if (n == 0)
        continue;
      demo_data_init (&d, n, 42);
      demo_quadrant_data (&d, &q, FALSE);
      t0 = now_ms ();
      strata_quadrant_chart_set_data (chart, &q);
      index_ms = now_ms () - t0;

      first_ms = frame (STRATA_CHART (chart), style, surface, 1);
      auto_ms = drag_frame (chart, style, surface, repeat);
      density = strata_quadrant_chart_get_drew_density (chart);
      /* Hover: only the highlight ring changes, caches stay. */
      strata_quadrant_chart_set_highlight (chart, 7);
      warm_ms = frame (STRATA_CHART (chart), style, surface, repeat);
      strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_POINTS, 0);
      points_ms = drag_frame (chart, style, surface, n >= 1000000 ? 1 : 3);
      strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_AUTO, 0);
      naive_ms = naive (chart, &d, style, surface);

      t0 = now_ms ();
      for (int k = 0; k < 10000; k++)
        hits += strata_quadrant_chart_hit_test (chart, g_rand_double_range (r, 0, W),
                                                g_rand_double_range (r, 0, H)) >= 0;
      hit_us = (now_ms () - t0) * 1000 / 10000;

      printf ("%10zu %8.1f %8.1f %8.1f %8.1f %8s %11.1f %11.1f %10.2f  (%u of 10000 hit)\n", n,
              index_ms, first_ms, auto_ms, warm_ms, density ? "density" : "points", points_ms, naive_ms,
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
    printf ("pyramid (two panels, 5 tiers), warm: %.2f ms per frame (median of 20)\n",
            frame (STRATA_CHART (pyramid), style, surface, 20));
  }
  cairo_surface_destroy (surface);
  return 0;
}
