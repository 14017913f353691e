/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "render-demo-data.h"
#include "strata-quadrant-chart-private.h"

#define W 600
#define H 400

static const char *names[4] = { "Head", "Natural", "Effort", "Tail" };
static const char *actions[4] = { "VIP", "Recruit", "Churn", "Reach" };

/* Four customers, one per quadrant, thresholds x = 50, y = 10. */
static const double four_x[] = { 80, 20, 80, 20 };
static const double four_y[] = { 18, 18, 4, 4 };
static const double four_rev[] = { 600, 200, 150, 50 };
static const int four_tier[] = { 0, 1, 2, 4 };

static StrataQuadrantChart *
four_chart (void)
{
  StrataQuadrantChart *chart = strata_quadrant_chart_new ();
  StrataQuadrantData d = {
    .n_points = 4, .x = four_x, .y = four_y, .revenue = four_rev, .tier = four_tier,
    .n_tiers = G_N_ELEMENTS (demo_tiers), .tiers = demo_tiers,
    .x_threshold = 50, .y_threshold = 10, .x_title = "Products", .y_title = "Inquiries",
    .x_kind = STRATA_METRIC_COUNT, .y_kind = STRATA_METRIC_COUNT,
    .quadrant_names = { names[0], names[1], names[2], names[3] },
    .quadrant_actions = { actions[0], actions[1], actions[2], actions[3] },
  };
  strata_quadrant_chart_set_data (chart, &d);
  return chart;
}

static cairo_surface_t *
render (StrataChart            *chart,
        const StrataChartStyle *style)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);
  strata_chart_draw (chart, cr, style, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
pixel (cairo_surface_t *s,
       int              x,
       int              y,
       double          *r,
       double          *g,
       double          *b)
{
  guint32 p = *(guint32 *) (gpointer) (cairo_image_surface_get_data (s)
                                       + y * cairo_image_surface_get_stride (s) + x * 4);
  *r = ((p >> 16) & 0xff) / 255.0;
  *g = ((p >> 8) & 0xff) / 255.0;
  *b = (p & 0xff) / 255.0;
}

static gboolean
near_colour (cairo_surface_t  *s,
             int               x,
             int               y,
             const StrataRgba *c,
             double            tolerance)
{
  double r, g, b;
  pixel (s, x, y, &r, &g, &b);
  return fabs (r - c->r) <= tolerance && fabs (g - c->g) <= tolerance
         && fabs (b - c->b) <= tolerance;
}

static void
test_thresholds_drawn (void)
{
  g_autoptr(StrataQuadrantChart) chart = four_chart ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *s;
  cairo_rectangle_t p;
  int tx, ty;

  strata_quadrant_chart_set_show_captions (chart, FALSE);
  s = render (STRATA_CHART (chart), style);
  strata_quadrant_chart_get_plot_area (chart, &p);
  g_assert_cmpfloat (p.width, >, W / 2);
  g_assert_cmpfloat (p.height, >, H / 2);

  tx = (int) floor (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, 50));
  ty = (int) floor (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, 10));
  /* The axes are fitted to 0..80 and 0..20 (nice 1-2-5 steps). */
  g_assert_cmpfloat (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->max, ==, 80);
  g_assert_cmpfloat (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_Y)->max, ==, 20);
  g_assert_cmpfloat (fabs (tx - (p.x + p.width * 50 / 80)), <=, 1);
  g_assert_cmpfloat (fabs (ty - (p.y + p.height / 2)), <=, 1);

  /* The threshold colour along each line, and not beside it. */
  for (double f = 0.1; f < 0.95; f += 0.2)
    {
      int y = (int) (p.y + p.height * f);
      int x = (int) (p.x + p.width * f);
      if (abs (y - ty) > 3)
        {
          g_assert_true (near_colour (s, tx, y, &style->threshold, 0.02));
          g_assert_false (near_colour (s, tx + 6, y, &style->threshold, 0.2));
        }
      if (abs (x - tx) > 3)
        g_assert_true (near_colour (s, x, ty, &style->threshold, 0.02));
    }

  /* Each point in its tier colour at its centre (88% over white). */
  for (guint i = 0; i < 4; i++)
    {
      StrataRgba c = strata_rgba_parse (demo_tiers[four_tier[i]].colour);
      StrataRgba want = strata_rgba_mix (&style->background, &c, 0.88);
      int x = (int) floor (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, four_x[i]));
      int y = (int) floor (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, four_y[i]));
      g_assert_true (near_colour (s, x, y, &want, 0.03));
    }
  cairo_surface_destroy (s);
}

static void
test_counts_and_table (void)
{
  g_autoptr(StrataQuadrantChart) chart = four_chart ();
  g_autoptr(GPtrArray) table = NULL;
  g_autofree char *desc = NULL;
  guint counts[4];
  double share[4];

  strata_quadrant_chart_get_counts (chart, counts, share);
  for (guint q = 0; q < 4; q++)
    g_assert_cmpuint (counts[q], ==, 1);
  g_assert_cmpfloat_with_epsilon (share[0], 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (share[3], 0.05, 1e-12);
  /* ">= threshold is high". */
  strata_quadrant_chart_set_thresholds (chart, 80, 18);
  g_assert_cmpint (strata_quadrant_chart_classify (chart, 0), ==, STRATA_QUADRANT_A);
  g_assert_cmpint (strata_quadrant_chart_classify (chart, 2), ==, STRATA_QUADRANT_C);
  strata_quadrant_chart_set_thresholds (chart, 50, 10);

  table = strata_quadrant_chart_get_table (chart);
  g_assert_cmpuint (table->len, ==, 5);
  g_assert_cmpstr (((char **) table->pdata[1])[0], ==, "A");
  g_assert_cmpstr (((char **) table->pdata[1])[1], ==, "Head");
  g_assert_cmpstr (((char **) table->pdata[1])[2], ==, "1");
  g_assert_cmpstr (((char **) table->pdata[1])[4], ==, "60.0%");
  g_assert_cmpstr (((char **) table->pdata[4])[5], ==, "Reach");

  desc = strata_quadrant_chart_get_description (chart);
  g_assert_nonnull (strstr (desc, "4 customers"));
  g_assert_nonnull (strstr (desc, "Head"));
  g_assert_nonnull (strstr (desc, "60.0% of revenue"));
}

static void
test_hit_testing (void)
{
  g_autoptr(StrataQuadrantChart) chart = four_chart ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_rectangle_t p, band;
  g_autoptr(GArray) sel = NULL;

  strata_quadrant_chart_layout (chart, style, W, H);
  strata_quadrant_chart_get_plot_area (chart, &p);
  for (guint i = 0; i < 4; i++)
    {
      double x = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, four_x[i]);
      double y = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, four_y[i]);
      g_assert_cmpint (strata_quadrant_chart_hit_test (chart, x, y), ==, i);
      g_assert_cmpint (strata_quadrant_chart_hit_test (chart, x + 3, y - 2), ==, i);
      g_assert_cmpint (strata_quadrant_chart_hit_test (chart, x + 25, y + 25), ==, -1);
    }
  /* Empty space and outside the plot. */
  g_assert_cmpint (strata_quadrant_chart_hit_test (chart, p.x + p.width / 2 + 40,
                                                   p.y + p.height / 2 + 40), ==, -1);
  g_assert_cmpint (strata_quadrant_chart_hit_test (chart, 1, 1), ==, -1);

  /* A hidden tier cannot be hit. */
  strata_quadrant_chart_set_tier_visible (chart, 0, FALSE);
  g_assert_cmpint (strata_quadrant_chart_hit_test (
                     chart, strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, 80),
                     strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, 18)), ==, -1);
  strata_quadrant_chart_set_tier_visible (chart, 0, TRUE);

  /* Rubber band over the right half: customers 0 (A) and 2 (C). */
  band = (cairo_rectangle_t) { p.x + p.width * 0.55, p.y, p.width * 0.5, p.height };
  sel = strata_quadrant_chart_select_rect (chart, &band);
  g_assert_cmpuint (sel->len, ==, 2);
  g_assert_cmpuint (g_array_index (sel, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (sel, guint, 1), ==, 2);

  /* Threshold lines: found near them, value to pixel and back. */
  {
    double tx = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, 50);
    double ty = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, 10);
    g_assert_cmpint (strata_quadrant_chart_threshold_at (chart, tx + 2, p.y + 30), ==,
                     STRATA_THRESHOLD_X);
    g_assert_cmpint (strata_quadrant_chart_threshold_at (chart, p.x + 30, ty - 2), ==,
                     STRATA_THRESHOLD_Y);
    g_assert_cmpint (strata_quadrant_chart_threshold_at (chart, tx + 40, ty + 40), ==,
                     STRATA_THRESHOLD_NONE);
    g_assert_cmpfloat_with_epsilon (strata_quadrant_chart_pixel_to_value (chart, STRATA_THRESHOLD_X, tx),
                                    50, 1e-9);
    g_assert_cmpfloat_with_epsilon (strata_quadrant_chart_pixel_to_value (chart, STRATA_THRESHOLD_Y,
                                                                          ty - p.height / 4), 15, 1e-9);
  }
}

/* The grid index must find exactly what a linear scan finds. */
static void
test_hit_index_matches_scan (void)
{
  g_autoptr(StrataQuadrantChart) chart = strata_quadrant_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  StrataQuadrantData q;
  DemoData d;
  GRand *r = g_rand_new_with_seed (5);
  guint hits = 0;

  demo_data_init (&d, 50000, 1);
  demo_quadrant_data (&d, &q, FALSE);
  q.z = NULL; /* every point the same radius: 2.2 + 0.35 * (7.5 - 2.2), plus 3 of slop */
  strata_quadrant_chart_set_data (chart, &q);
  strata_quadrant_chart_set_scales (chart, STRATA_AXIS_LOG, STRATA_AXIS_LINEAR);
  strata_quadrant_chart_layout (chart, style, 1200, 800);
  for (guint k = 0; k < 300; k++)
    {
      cairo_rectangle_t p;
      double x, y, best = INFINITY;
      gssize want = -1, got;
      strata_quadrant_chart_get_plot_area (chart, &p);
      x = p.x + g_rand_double (r) * p.width;
      y = p.y + g_rand_double (r) * p.height;
      for (gsize i = 0; i < d.n; i++)
        {
          double px = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, d.x[i]);
          double py = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, d.y[i]);
          double dist = hypot (px - x, py - y);
          if (dist < best && dist <= 2.2 + 0.35 * 5.3 + 3)
            {
              best = dist;
              want = i;
            }
        }
      got = strata_quadrant_chart_hit_test (chart, x, y);
      if (got >= 0)
        {
          double px = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, d.x[got]);
          double py = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, d.y[got]);
          hits++;
          g_assert_cmpint (want, >=, 0);
          /* Same distance: ties between coincident points are fine. */
          g_assert_cmpfloat_with_epsilon (hypot (px - x, py - y), best, 1e-3);
        }
      else
        g_assert_cmpint (want, ==, -1);
    }
  g_assert_cmpuint (hits, >, 10);
  g_rand_free (r);
  demo_data_clear (&d);
}

/* Even spread, no piles: only the count decides. */
static void
spread (DemoData *d)
{
  GRand *r = g_rand_new_with_seed (17);
  for (gsize i = 0; i < d->n; i++)
    {
      d->x[i] = g_rand_double_range (r, 0, 100);
      d->y[i] = g_rand_double_range (r, 0, 30);
      d->tier[i] = i % 5;
    }
  g_rand_free (r);
}

static void
test_density_switch (void)
{
  g_autoptr(StrataQuadrantChart) chart = strata_quadrant_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  StrataQuadrantData q;
  DemoData d;
  cairo_surface_t *s;
  g_autoptr(GPtrArray) table = NULL;

  /* 30,000 customers spread evenly: above the 20,000 limit, density. */
  demo_data_init (&d, 30000, 2);
  spread (&d);
  demo_quadrant_data (&d, &q, FALSE);
  strata_quadrant_chart_set_data (chart, &q);
  s = render (STRATA_CHART (chart), style);
  g_assert_true (strata_quadrant_chart_get_drew_density (chart));
  cairo_surface_destroy (s);

  /* Hiding two of five tiers leaves 18,000: points again. */
  strata_quadrant_chart_set_tier_visible (chart, 3, FALSE);
  strata_quadrant_chart_set_tier_visible (chart, 4, FALSE);
  s = render (STRATA_CHART (chart), style);
  g_assert_false (strata_quadrant_chart_get_drew_density (chart));
  cairo_surface_destroy (s);

  /* Forced modes win. */
  strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_DENSITY, 0);
  s = render (STRATA_CHART (chart), style);
  g_assert_true (strata_quadrant_chart_get_drew_density (chart));
  cairo_surface_destroy (s);
  strata_quadrant_chart_set_tier_visible (chart, 3, TRUE);
  strata_quadrant_chart_set_tier_visible (chart, 4, TRUE);
  strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_POINTS, 0);
  s = render (STRATA_CHART (chart), style);
  g_assert_false (strata_quadrant_chart_get_drew_density (chart));
  cairo_surface_destroy (s);
  demo_data_clear (&d);

  /* A lower limit switches earlier. */
  demo_data_init (&d, 10000, 3);
  spread (&d);
  demo_quadrant_data (&d, &q, FALSE);
  strata_quadrant_chart_set_data (chart, &q);
  strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_AUTO, 20000);
  s = render (STRATA_CHART (chart), style);
  g_assert_false (strata_quadrant_chart_get_drew_density (chart));
  cairo_surface_destroy (s);
  strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_AUTO, 5000);
  s = render (STRATA_CHART (chart), style);
  g_assert_true (strata_quadrant_chart_get_drew_density (chart));
  cairo_surface_destroy (s);
  strata_quadrant_chart_set_point_mode (chart, STRATA_POINT_MODE_AUTO, 20000);

  /* 5,000 customers, half of them on the very same spot: a pile. */
  for (gsize i = 0; i < 2500; i++)
    d.x[i] = 0, d.y[i] = 0;
  q.n_points = 5000;
  strata_quadrant_chart_set_data (chart, &q);
  strata_quadrant_chart_set_show_captions (chart, FALSE);
  s = render (STRATA_CHART (chart), style);
  g_assert_true (strata_quadrant_chart_get_drew_density (chart));
  {
    /* The pile's cell is the densest colour there is: opaque-ish. */
    cairo_rectangle_t p;
    double r, g, b;
    strata_quadrant_chart_get_plot_area (chart, &p);
    pixel (s, (int) p.x + 1, (int) (p.y + p.height) - 2, &r, &g, &b);
    g_assert_cmpfloat (r + g + b, <, 2.2);
  }
  cairo_surface_destroy (s);
  demo_data_clear (&d);
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * cairo_image_surface_get_height (a)) == 0;
}

/* A deferred frame draws like render(), or says it lacks something. */
static cairo_surface_t *
render_deferred (StrataQuadrantChart    *chart,
                 const StrataChartStyle *style,
                 gboolean               *complete)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);

  *complete = strata_quadrant_chart_draw_deferred (chart, cr, style, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static gpointer
run_job (gpointer job)
{
  strata_quadrant_job_run (job);
  return job;
}

/* The job on a thread of its own, as the window's view runs it. */
static gboolean
job_on_thread (StrataQuadrantChart *chart)
{
  GThread *thread = g_thread_new ("quadrant-job", run_job, strata_quadrant_chart_job_new (chart));

  return strata_quadrant_job_finish (g_thread_join (thread));
}

/* The window's deferred drawing: a frame that lacks the counts or the
 * density image passes over no point (the counter of passes on the thread
 * that owns the main context stays), a job on another thread makes them,
 * and the picture is then the direct drawing's, pixel for pixel; after a
 * threshold moves or a tier is hidden, the frame shows the last picture
 * until the next job. */
static void
test_deferred_matches_direct (void)
{
  g_autoptr(StrataQuadrantChart) direct = strata_quadrant_chart_new ();
  g_autoptr(StrataQuadrantChart) deferred = strata_quadrant_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *a, *b, *before;
  StrataQuadrantData q;
  DemoData d;
  gboolean complete;
  guint passes, empty_ink;
  guint counts[4];
  cairo_rectangle_t plot;

  demo_data_init (&d, 300, 5);
  spread (&d);
  demo_quadrant_data (&d, &q, FALSE);
  q.x_threshold = 50;
  q.y_threshold = 15;
  strata_quadrant_chart_set_data (direct, &q);
  strata_quadrant_chart_set_data (deferred, &q);
  for (guint k = 0; k < 2; k++)
    {
      StrataQuadrantChart *c = k == 0 ? direct : deferred;
      strata_quadrant_chart_set_point_mode (c, STRATA_POINT_MODE_DENSITY, 0);
      strata_quadrant_chart_set_colouring (c, STRATA_QUADRANT_COLOUR_BY_QUADRANT);
    }
  g_assert_true (g_main_context_acquire (g_main_context_default ()));

  /* First frame: nothing counted yet; no pass over the points. */
  passes = strata_quadrant_chart_get_main_thread_passes ();
  b = render_deferred (deferred, style, &complete);
  g_assert_false (complete);
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes);
  strata_quadrant_chart_get_plot_area (deferred, &plot);
  empty_ink = chart_test_ink (b, style, plot.x, plot.y, plot.width, plot.height);
  cairo_surface_destroy (b);
  g_assert_true (job_on_thread (deferred));
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes);
  b = render_deferred (deferred, style, &complete);
  g_assert_true (complete);
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes);
  /* The direct drawing counts and bins here. */
  a = render (STRATA_CHART (direct), style);
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), >, passes);
  g_assert_true (strata_quadrant_chart_get_drew_density (deferred));
  /* The cells are there now. */
  g_assert_cmpuint (chart_test_ink (b, style, plot.x, plot.y, plot.width, plot.height), >, empty_ink + 100);
  g_assert_true (same_pixels (a, b));
  cairo_surface_destroy (a);
  before = b;

  /* A threshold moves: coloured by quadrant, the cells change colour. The
   * deferred frame shows the last picture and counts meanwhile. */
  strata_quadrant_chart_set_thresholds (direct, 30, 15);
  strata_quadrant_chart_set_thresholds (deferred, 30, 15);
  passes = strata_quadrant_chart_get_main_thread_passes ();
  b = render_deferred (deferred, style, &complete);
  g_assert_false (complete);
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes);
  cairo_surface_destroy (b);
  /* A job for a chart that changes meanwhile installs nothing. */
  {
    StrataQuadrantJob *job = strata_quadrant_chart_job_new (deferred);

    strata_quadrant_chart_set_thresholds (deferred, 30, 15.5);
    strata_quadrant_job_run (job);
    g_assert_false (strata_quadrant_job_finish (job));
    strata_quadrant_chart_set_thresholds (deferred, 30, 15);
  }
  g_assert_true (job_on_thread (deferred));
  b = render_deferred (deferred, style, &complete);
  g_assert_true (complete);
  a = render (STRATA_CHART (direct), style);
  g_assert_true (same_pixels (a, b));
  g_assert_false (same_pixels (before, b));
  strata_quadrant_chart_get_counts (deferred, counts, NULL);
  g_assert_cmpuint (counts[0] + counts[1] + counts[2] + counts[3], ==, 300);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (before);

  /* Hiding a tier, by tier colour, in AUTO mode (points for 240). */
  for (guint k = 0; k < 2; k++)
    {
      StrataQuadrantChart *c = k == 0 ? direct : deferred;
      strata_quadrant_chart_set_point_mode (c, STRATA_POINT_MODE_AUTO, 0);
      strata_quadrant_chart_set_colouring (c, STRATA_QUADRANT_COLOUR_BY_TIER);
      strata_quadrant_chart_set_tier_visible (c, 1, FALSE);
    }
  b = render_deferred (deferred, style, &complete);
  g_assert_false (complete);
  cairo_surface_destroy (b);
  g_assert_true (job_on_thread (deferred));
  b = render_deferred (deferred, style, &complete);
  g_assert_true (complete);
  a = render (STRATA_CHART (direct), style);
  g_assert_true (same_pixels (a, b));
  strata_quadrant_chart_get_counts (deferred, counts, NULL);
  g_assert_cmpuint (counts[0] + counts[1] + counts[2] + counts[3], ==, 240);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  g_main_context_release (g_main_context_default ());
  demo_data_clear (&d);
}

static void
test_cjk_text (void)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 80);
  cairo_t *cr = cairo_create (s);
  g_autoptr(PangoLayout) layout = strata_chart_style_layout (style, cr, STRATA_TEXT_HEADING,
                                                             "头部客户 頭部客戶");
  double w, h;
  guint dark = 0;

  /* Every glyph found in some font: no boxes for missing characters. */
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_HEADING, "头部客户 頭部客戶", &w, &h);
  g_assert_cmpfloat (w, >, 8 * strata_chart_style_font_px (style, STRATA_TEXT_HEADING) * 0.8);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, "头部客户 頭部客戶", 10, 10, 0, 0,
                                NULL);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  for (int y = 10; y < 10 + (int) h; y++)
    for (int x = 10; x < 10 + (int) w; x++)
      {
        double r, g, b;
        pixel (s, x, y, &r, &g, &b);
        dark += r + g + b < 1.5;
      }
  /* Ink covers a good part of the box, as Chinese glyphs are dense. */
  g_assert_cmpuint (dark, >, (guint) (w * h * 0.08));
  cairo_surface_destroy (s);
}

static void
test_movement_and_labels_draw (void)
{
  g_autoptr(StrataQuadrantChart) chart = four_chart ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_DARK);
  guint idx[] = { 0, 3 };
  double px[] = { 20, 80 }, py[] = { 4, 18 };
  const char *labels[] = { "华东贸易", "Tail Co" };
  cairo_surface_t *s;
  double r, g, b;
  int mx, my;

  strata_quadrant_chart_set_movement (chart, idx, px, py, 2);
  strata_quadrant_chart_set_labels (chart, idx, labels, 2);
  strata_quadrant_chart_set_selection (chart, idx, 1);
  s = render (STRATA_CHART (chart), style);
  /* Midway along customer 0's arrow from (20, 4) to (80, 18): text colour. */
  mx = (int) round ((strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, 20)
                     + strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, 80)) / 2);
  my = (int) round ((strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, 4)
                     + strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, 18)) / 2);
  pixel (s, mx, my, &r, &g, &b);
  g_assert_cmpfloat (r + g + b, >, 1.5); /* light ink on the dark background */
  cairo_surface_destroy (s);
}

/* Cached point images must follow the theme (dark mode switched on). */
static void
test_theme_switch (void)
{
  g_autoptr(StrataQuadrantChart) chart = four_chart ();
  g_autoptr(StrataChartStyle) light = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  g_autoptr(StrataChartStyle) dark = strata_chart_style_new (STRATA_CHART_THEME_DARK);
  cairo_surface_t *s;
  double r, g, b;
  int x, y;

  strata_quadrant_chart_set_show_captions (chart, FALSE);
  s = render (STRATA_CHART (chart), light);
  cairo_surface_destroy (s);
  s = render (STRATA_CHART (chart), dark);
  /* Just outside customer 1's disc (radius about 4 px): the ring in the
   * background colour, dark now, not the light theme's white. */
  x = (int) floor (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, four_x[1]));
  y = (int) floor (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, four_y[1]));
  pixel (s, x + 5, y, &r, &g, &b);
  g_assert_cmpfloat (r + g + b, <, 1.0);
  pixel (s, x, y, &r, &g, &b);
  g_assert_cmpfloat (r + g + b, >, 0.3); /* the point itself is there */
  cairo_surface_destroy (s);
}

/* A process metric over almost four decades and a result metric over
 * less than two: a log scale is wanted for x alone. Drawn on a log x
 * axis, the decades are evenly spaced, the ticks sit at 1, 10, 100…,
 * the threshold line is drawn where its value falls in log space and a
 * drag (pixel to value) works in log space too. */
static void
test_log_axis (void)
{
  static const double xs[] = { 1, 30, 1000, 5000 };
  static const double ys[] = { 2, 5, 10, 50 };
  g_autoptr(StrataQuadrantChart) chart = strata_quadrant_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  g_autoptr(GArray) ticks = NULL;
  StrataQuadrantData d = {
    .n_points = 4, .x = xs, .y = ys, .revenue = four_rev, .tier = four_tier,
    .n_tiers = G_N_ELEMENTS (demo_tiers), .tiers = demo_tiers,
    .x_threshold = 100, .y_threshold = 8, .x_title = "Products", .y_title = "Inquiries",
    .x_kind = STRATA_METRIC_COUNT, .y_kind = STRATA_METRIC_COUNT,
    .quadrant_names = { names[0], names[1], names[2], names[3] },
    .quadrant_actions = { actions[0], actions[1], actions[2], actions[3] },
  };
  const StrataAxis *axis;
  cairo_surface_t *s;
  cairo_rectangle_t p;
  double px[5], step;
  guint counts[4];
  double share[4];
  int tx;

  strata_quadrant_chart_set_data (chart, &d);
  g_assert_true (strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_X));
  g_assert_false (strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_Y));
  /* Exactly two decades is not more than two. */
  g_assert_false (strata_axis_spans_decades ((const double[]) { 3, 300 }, 2, 2));
  g_assert_true (strata_axis_spans_decades ((const double[]) { 0, 3, 301 }, 3, 2));
  g_assert_false (strata_axis_spans_decades ((const double[]) { 0, -5, NAN }, 3, 2));

  strata_quadrant_chart_set_scales (chart, STRATA_AXIS_LOG, STRATA_AXIS_LINEAR);
  strata_quadrant_chart_set_show_captions (chart, FALSE);
  s = render (STRATA_CHART (chart), style);
  strata_quadrant_chart_get_plot_area (chart, &p);
  axis = strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X);
  g_assert_cmpint (axis->scale, ==, STRATA_AXIS_LOG);
  g_assert_cmpfloat (axis->min, ==, 1);
  g_assert_cmpfloat (axis->max, ==, 10000);
  ticks = strata_axis_ticks (axis, 6);
  g_assert_cmpuint (ticks->len, ==, 5);
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpfloat (g_array_index (ticks, double, i), ==, pow (10, i));

  /* Decades evenly spaced across the plot: 1 at its left edge, 10,000 at
   * its right. */
  for (guint i = 0; i < 5; i++)
    px[i] = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, pow (10, i));
  step = p.width / 4;
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (fabs (px[i] - (p.x + i * step)), <=, 0.5);

  /* The threshold (100) is drawn half way, the middle decade. */
  tx = (int) floor (px[2]);
  for (double f = 0.1; f < 0.95; f += 0.2)
    {
      int y = (int) (p.y + p.height * f);
      int ty = (int) floor (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, 8));

      if (abs (y - ty) > 3)
        {
          g_assert_true (near_colour (s, tx, y, &style->threshold, 0.02));
          g_assert_false (near_colour (s, tx + 6, y, &style->threshold, 0.2));
        }
    }
  cairo_surface_destroy (s);

  /* Dragging works in log space: half way between 10 and 100 is √1000. */
  g_assert_cmpfloat_with_epsilon (strata_quadrant_chart_pixel_to_value (chart, STRATA_THRESHOLD_X, px[2]),
                                  100, 1e-6);
  g_assert_cmpfloat_with_epsilon (strata_quadrant_chart_pixel_to_value (chart, STRATA_THRESHOLD_X,
                                                                        (px[1] + px[2]) / 2),
                                  sqrt (1000), 1e-6);
  g_assert_cmpint (strata_quadrant_chart_threshold_at (chart, px[2] + 2, p.y + 30), ==, STRATA_THRESHOLD_X);
  /* A threshold moved to 1,000 lies three quarters across; the quadrants
   * are counted by value, whatever the scale: x ≥ 1,000 are 1,000 and
   * 5,000 (y 10 and 50 ≥ 8: both high, A), the others low on both (D). */
  strata_quadrant_chart_set_thresholds (chart, 1000, 8);
  s = render (STRATA_CHART (chart), style);
  g_assert_cmpfloat (fabs (strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, 1000)
                           - (p.x + 3 * step)), <=, 0.5);
  g_assert_true (near_colour (s, (int) floor (p.x + 3 * step), (int) (p.y + p.height * 0.1),
                              &style->threshold, 0.02));
  strata_quadrant_chart_get_counts (chart, counts, share);
  g_assert_cmpuint (counts[STRATA_QUADRANT_A - STRATA_QUADRANT_A], ==, 2);
  g_assert_cmpuint (counts[STRATA_QUADRANT_B - STRATA_QUADRANT_A], ==, 0);
  g_assert_cmpuint (counts[STRATA_QUADRANT_C - STRATA_QUADRANT_A], ==, 0);
  g_assert_cmpuint (counts[STRATA_QUADRANT_D - STRATA_QUADRANT_A], ==, 2);
  cairo_surface_destroy (s);
}

/* A chart that borrows its data (the Quadrant page's) keeps no per-point
 * arrays it can do without: the sizes come from z when asked, the drawing
 * order is made when points are drawn one by one, the hit-test grid on the
 * first hit test. Its pictures, hits and selections equal those of a chart
 * that copies the data and holds all of them. */
static void
test_borrowed_lazy (void)
{
  g_autoptr(StrataQuadrantChart) copied = strata_quadrant_chart_new ();
  g_autoptr(StrataQuadrantChart) borrowed = strata_quadrant_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  StrataQuadrantData q;
  DemoData d;
  GRand *r = g_rand_new_with_seed (22);
  guint hits = 0;

  demo_data_init (&d, 3000, 2);
  demo_quadrant_data (&d, &q, FALSE);
  g_assert_nonnull (q.z);
  /* Missing and equal sizes too. */
  d.z[7] = NAN;
  d.z[8] = d.z[9];
  strata_quadrant_chart_set_data (copied, &q);
  strata_quadrant_chart_set_data_borrowed (borrowed, &q, g_strdup ("owner"), g_free);
  g_assert_nonnull (copied->size);
  g_assert_null (borrowed->size);
  g_assert_null (borrowed->order);
  g_assert_null (borrowed->cell_items);

  for (int mode = 0; mode < 2; mode++)
    {
      cairo_surface_t *a, *b;

      for (guint k = 0; k < 2; k++)
        strata_quadrant_chart_set_point_mode (k == 0 ? copied : borrowed,
                                              mode == 0 ? STRATA_POINT_MODE_DENSITY : STRATA_POINT_MODE_POINTS, 0);
      a = render (STRATA_CHART (copied), style);
      b = render (STRATA_CHART (borrowed), style);
      g_assert_cmpmem (cairo_image_surface_get_data (a), cairo_image_surface_get_stride (a) * H,
                       cairo_image_surface_get_data (b), cairo_image_surface_get_stride (b) * H);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
      /* A density picture needs no drawing order; points do. */
      if (mode == 0)
        g_assert_null (borrowed->order);
      else
        g_assert_nonnull (borrowed->order);
    }
  g_assert_null (borrowed->cell_items);

  for (guint k = 0; k < 400; k++)
    {
      cairo_rectangle_t p, rect;
      double x, y;
      gssize got;
      g_autoptr(GArray) in_copied = NULL, in_borrowed = NULL;

      strata_quadrant_chart_get_plot_area (copied, &p);
      x = p.x + g_rand_double (r) * p.width;
      y = p.y + g_rand_double (r) * p.height;
      got = strata_quadrant_chart_hit_test (borrowed, x, y);
      g_assert_cmpint (got, ==, strata_quadrant_chart_hit_test (copied, x, y));
      hits += got >= 0;
      rect = (cairo_rectangle_t) { x, y, g_rand_double_range (r, -80, 80), g_rand_double_range (r, -80, 80) };
      in_copied = strata_quadrant_chart_select_rect (copied, &rect);
      in_borrowed = strata_quadrant_chart_select_rect (borrowed, &rect);
      g_assert_cmpmem (in_borrowed->data, in_borrowed->len * sizeof (guint),
                       in_copied->data, in_copied->len * sizeof (guint));
    }
  g_assert_cmpuint (hits, >, 20);
  g_assert_nonnull (borrowed->cell_items);
  g_rand_free (r);
  demo_data_clear (&d);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/quadrant/thresholds-drawn", test_thresholds_drawn);
  g_test_add_func ("/quadrant/counts-and-table", test_counts_and_table);
  g_test_add_func ("/quadrant/hit-testing", test_hit_testing);
  g_test_add_func ("/quadrant/hit-index-matches-scan", test_hit_index_matches_scan);
  g_test_add_func ("/quadrant/borrowed-lazy", test_borrowed_lazy);
  g_test_add_func ("/quadrant/density-switch", test_density_switch);
  g_test_add_func ("/quadrant/movement-and-labels", test_movement_and_labels_draw);
  g_test_add_func ("/quadrant/theme-switch", test_theme_switch);
  g_test_add_func ("/quadrant/log-axis", test_log_axis);
  g_test_add_func ("/quadrant/deferred-matches-direct", test_deferred_matches_direct);
  g_test_add_func ("/render/cjk-text", test_cjk_text);
  return g_test_run ();
}
