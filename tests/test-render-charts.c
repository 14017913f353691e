/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pyramid, Pareto and movement charts: geometry, pixels, tables. */
#include <math.h>

#include "render-demo-data.h"
#include "strata-movement-chart.h"
#include "strata-pareto.h"
#include "strata-pareto-chart.h"
#include "strata-pyramid-chart.h"
#include "strata-movement-chart-private.h"
#include "strata-pareto-chart-private.h"
#include "strata-pyramid-chart-private.h"
#include "chart-test-util.h"

/* Length of the run of @colour on row @y. */
static int
run_of (cairo_surface_t *s,
        int              y,
        StrataRgba       colour)
{
  int run = 0;
  for (int x = 0; x < cairo_image_surface_get_width (s); x++)
    run += chart_test_same (chart_test_pixel (s, x, y), colour);
  return run;
}

static void
test_pyramid_widths (void)
{
  g_autoptr(StrataPyramidChart) chart = strata_pyramid_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  guint counts[5] = { 40, 160, 400, 320, 80 };
  guint base[5] = { 50, 150, 380, 340, 80 };
  double revenue[5] = { 5e6, 4e6, 2e6, 6e5, 1e5 };
  StrataPyramidData d = { 5, demo_tiers, counts, revenue, NULL, NULL, "Final tier", NULL };
  cairo_surface_t *s;
  int runs[5];

  strata_pyramid_chart_set_data (chart, &d);
  s = chart_test_render (STRATA_CHART (chart), style, 800, 500);
  for (guint t = 0; t < 5; t++)
    {
      cairo_rectangle_t r;
      g_assert_true (strata_pyramid_chart_get_layer_rect (chart, 0, t, &r));
      runs[t] = run_of (s, (int) (r.y + r.height / 2), strata_rgba_parse (demo_tiers[t].colour));
      g_assert_cmpfloat (fabs (runs[t] - r.width), <=, 2);
      /* A on top: each layer below the previous one. */
      if (t > 0)
        {
          cairo_rectangle_t above;
          strata_pyramid_chart_get_layer_rect (chart, 0, t - 1, &above);
          g_assert_cmpfloat (r.y, >=, above.y + above.height);
        }
    }
  /* Widths in proportion to the counts: C is 10 times A, D 8 times. */
  g_assert_cmpfloat (fabs (runs[2] / (double) runs[0] - 10), <, 0.6);
  g_assert_cmpfloat (fabs (runs[3] / (double) runs[2] - 0.8), <, 0.01);
  g_assert_cmpfloat (fabs (runs[1] / (double) runs[2] - 0.4), <, 0.01);
  cairo_surface_destroy (s);

  {
    guint panel = 9, tier = 9;
    cairo_rectangle_t r;
    strata_pyramid_chart_get_layer_rect (chart, 0, 2, &r);
    g_assert_true (strata_pyramid_chart_hit_test (chart, r.x + 1, r.y + 1, &panel, &tier));
    g_assert_cmpuint (panel, ==, 0);
    g_assert_cmpuint (tier, ==, 2);
    g_assert_false (strata_pyramid_chart_hit_test (chart, 2, 2, NULL, NULL));
  }

  /* Two pyramids on one scale: equal counts, equal widths. */
  d.base_counts = base;
  d.base_title = "Base tier";
  strata_pyramid_chart_set_data (chart, &d);
  s = chart_test_render (STRATA_CHART (chart), style, 1000, 500);
  {
    cairo_rectangle_t b4, f4, b2, f2;
    g_assert_true (strata_pyramid_chart_get_layer_rect (chart, 0, 4, &b4));
    g_assert_true (strata_pyramid_chart_get_layer_rect (chart, 1, 4, &f4));
    strata_pyramid_chart_get_layer_rect (chart, 0, 2, &b2);
    strata_pyramid_chart_get_layer_rect (chart, 1, 2, &f2);
    g_assert_cmpfloat (fabs (b4.width - f4.width), <, 0.01);
    g_assert_cmpfloat (b4.x + b4.width, <, f4.x);        /* base on the left */
    g_assert_cmpfloat (fabs (b2.y - f2.y), <, 0.01);     /* rows level */
    g_assert_cmpfloat (fabs (b2.width / f2.width - 380.0 / 400), <, 0.001);
  }
  cairo_surface_destroy (s);

  {
    g_autoptr(GPtrArray) table = strata_pyramid_chart_get_table (chart);
    g_autofree char *desc = strata_pyramid_chart_get_description (chart);
    char **row = table->pdata[1];
    g_assert_cmpuint (table->len, ==, 6);
    g_assert_cmpstr (row[0], ==, "A");
    g_assert_cmpstr (row[1], ==, "40");
    g_assert_cmpstr (row[2], ==, "4.0%");
    g_assert_cmpstr (row[3], ==, "5,000,000");
    g_assert_cmpstr (row[4], ==, "42.7%");
    g_assert_cmpstr (row[5], ==, "50");
    g_assert_nonnull (strstr (desc, "Tier pyramid of 1,000 customers."));
    g_assert_nonnull (strstr (desc, "C: 400 customers (40.0%), 17.1% of revenue, 380 by base points alone."));
  }
}

/* Tier names stay whole on a narrow chart (the bars shrink), in every
 * language's default names: 380 and 480 px are the Tiers page's two
 * pyramids at 800×600 and 1024×768. Only a long typed name ellipsizes. */
static void
test_pyramid_names_whole (void)
{
  static const char *const names[][5] = {
    { "战略客户", "重点客户", "价值客户", "潜力客户", "普通客户" },
    { "戰略客戶", "重點客戶", "價值客戶", "潛力客戶", "普通客戶" },
    { "Strategic", "Key", "Value", "Potential", "Ordinary" },
  };
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  guint counts[5] = { 40, 160, 400, 320, 80 };
  guint base[5] = { 50, 150, 380, 340, 80 };
  double revenue[5] = { 5e6, 4e6, 2e6, 6e5, 1e5 };

  for (guint lang = 0; lang < G_N_ELEMENTS (names); lang++)
    for (guint k = 0; k < 3; k++)
      {
        g_autoptr(StrataPyramidChart) chart = strata_pyramid_chart_new ();
        StrataChartTier tiers[5];
        StrataPyramidData d = { 5, tiers, counts, revenue, base, revenue, "Final tier", "Base tier" };
        int w = (int[]) { 380, 480, 900 }[k];
        g_autoptr(GPtrArray) table = NULL;
        double label_w, stats_w;
        cairo_surface_t *s;
        cairo_t *cr;

        for (guint t = 0; t < 5; t++)
          tiers[t] = (StrataChartTier) { t, names[lang][t], demo_tiers[t].colour };
        strata_pyramid_chart_set_data (chart, &d);
        s = chart_test_render (STRATA_CHART (chart), style, w, 400);
        cr = cairo_create (s);
        strata_pyramid_chart_get_text_widths (chart, &label_w, &stats_w);
        table = strata_pyramid_chart_get_table (chart);
        for (guint t = 0; t < 5; t++)
          {
            char **row = table->pdata[t + 1];
            g_autofree char *stats = g_strdup_printf ("%s · %s", row[1], row[2]);
            g_autofree char *share = g_strdup_printf ("%s of revenue", row[4]);
            cairo_rectangle_t r;
            double tw;

            strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, names[lang][t], &tw, NULL);
            g_assert_cmpfloat (tw, <=, label_w);
            /* The figures beside it too; "46.1% of revenue" on one line
             * from 1024×768, at 800×600 on two. */
            strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, stats, &tw, NULL);
            g_assert_cmpfloat (tw, <=, stats_w);
            strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, share, &tw, NULL);
            if (w >= 480)
              g_assert_cmpfloat (tw, <=, stats_w);
            else
              g_assert_cmpfloat (tw, <=, 2 * stats_w);
            /* The bars still have room: the widest tier is a real bar. */
            g_assert_true (strata_pyramid_chart_get_layer_rect (chart, 1, t, &r));
            if (t == 2)
              g_assert_cmpfloat (r.width, >, w * 0.05);
          }
        /* Nothing on the chart ends in "…". */
        g_assert_cmpuint (strata_pyramid_chart_get_n_ellipsized (chart), ==, 0);
        cairo_destroy (cr);
        cairo_surface_destroy (s);
      }

  /* A long typed name is capped: it ellipsizes, the bars keep their room. */
  {
    g_autoptr(StrataPyramidChart) chart = strata_pyramid_chart_new ();
    StrataChartTier tiers[5];
    StrataPyramidData d = { 5, tiers, counts, revenue, NULL, NULL, "Final tier", NULL };
    cairo_surface_t *s;
    cairo_rectangle_t r;
    double label_w;

    memcpy (tiers, demo_tiers, sizeof tiers);
    tiers[0].label = "Strategic accounts of the northern region and their subsidiaries";
    strata_pyramid_chart_set_data (chart, &d);
    s = chart_test_render (STRATA_CHART (chart), style, 600, 400);
    strata_pyramid_chart_get_text_widths (chart, &label_w, NULL);
    g_assert_cmpfloat (label_w, <=, 600 * 0.35);
    g_assert_cmpuint (strata_pyramid_chart_get_n_ellipsized (chart), ==, 1);
    g_assert_true (strata_pyramid_chart_get_layer_rect (chart, 0, 2, &r));
    g_assert_cmpfloat (r.width, >, 600 * 0.2);
    cairo_surface_destroy (s);
  }
}

static void
test_pareto (void)
{
  g_autoptr(StrataParetoChart) chart = strata_pareto_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  /* Ten customers: the top two bring 600 + 200 of 1000. */
  double values[] = { 20, 600, 20, 20, 20, 200, 20, 20, 80, -5 };
  StrataParetoData d = { G_N_ELEMENTS (values), values, 0.2, NULL };
  cairo_surface_t *s;
  cairo_rectangle_t p;
  g_autofree char *desc = NULL;

  strata_pareto_chart_set_data (chart, &d);
  g_assert_cmpfloat_with_epsilon (strata_pareto_chart_share_at (chart, 0.2), 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_pareto_chart_share_at (chart, 0.1), 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_pareto_chart_share_at (chart, 0.15), 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_pareto_chart_share_at (chart, 1), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_pareto_chart_customers_for (chart, 0.8), 0.2, 1e-12);
  /* The marked figure is core's, the one the report prints. */
  {
    gsize n_top = 0;
    double eleven[11] = { 20, 600, 20, 20, 20, 200, 20, 20, 80, -5, NAN };

    g_assert_cmpfloat_with_epsilon (strata_pareto_chart_get_top (chart, &n_top), 0.8, 1e-12);
    g_assert_cmpuint (n_top, ==, 2);
    /* Eleven customers: the top 20% are 3 whole ones (600 + 200 + 80). */
    g_assert_cmpfloat_with_epsilon (strata_pareto_top_share (eleven, 11, 0.2, &n_top), 0.88, 1e-12);
    g_assert_cmpuint (n_top, ==, 3);
    g_assert_cmpfloat (strata_pareto_top_share (NULL, 300, 0.2, &n_top), ==, 0);
    g_assert_cmpuint (n_top, ==, 60);
  }

  s = chart_test_render (STRATA_CHART (chart), style, 700, 450);
  strata_pareto_chart_get_plot_area (chart, &p);
  /* The mark's dot at (20%, 80%) in the threshold colour. */
  g_assert_true (chart_test_same (chart_test_pixel (s, (int) (p.x + 0.2 * p.width), (int) (p.y + 0.2 * p.height)),
                       style->threshold));
  /* The curve passes (50%, 92%) in the accent colour; above it, no tint. */
  g_assert_cmpfloat_with_epsilon (strata_pareto_chart_share_at (chart, 0.5), 0.92, 1e-12);
  {
    int x = (int) (p.x + 0.5 * p.width);
    int y = (int) round (p.y + 0.08 * p.height);
    gboolean found = FALSE;
    for (int dy = -2; dy <= 2; dy++)
      found |= chart_test_same (chart_test_pixel (s, x, y + dy), style->accent);
    g_assert_true (found);
    g_assert_true (chart_test_same (chart_test_pixel (s, x + 3, (int) (p.y + 0.02 * p.height)), style->background));
  }
  cairo_surface_destroy (s);

  desc = strata_pareto_chart_get_description (chart);
  g_assert_nonnull (strstr (desc, "Top 20% of customers: 80.0% of revenue"));
  g_assert_nonnull (strstr (desc, "from 20.0% of customers"));
}

static void
test_movement (void)
{
  g_autoptr(StrataMovementChart) chart = strata_movement_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  static const StrataChartTier tiers[] = { { 1, "A", "#1a5fb4" }, { 2, "B", "#2a9d8f" },
                                           { 3, "C", "#e5a50a" } };
  guint m[9] = { 50, 6, 0,
                 14, 200, 3,
                 1, 9, 300 };
  guint lost[3] = { 0, 2, 7 };
  StrataMovementData d = { 3, tiers, m, NULL, NULL, lost, "2026-Q2", "2026-Q3" };
  guint up, down, same_tier, row, col;
  cairo_surface_t *s;
  cairo_rectangle_t big, small, empty;

  strata_movement_chart_set_data (chart, &d);
  strata_movement_chart_get_summary (chart, &up, &down, &same_tier);
  g_assert_cmpuint (up, ==, 14 + 1 + 9);
  g_assert_cmpuint (down, ==, 6 + 3);
  g_assert_cmpuint (same_tier, ==, 550);

  s = chart_test_render (STRATA_CHART (chart), style, 600, 400);
  /* Upgrade cells are blue; the one with more customers is deeper. */
  g_assert_true (strata_movement_chart_get_cell_rect (chart, 1, 0, &big));   /* B to A: 14 */
  g_assert_true (strata_movement_chart_get_cell_rect (chart, 2, 0, &small)); /* C to A: 1 */
  g_assert_true (strata_movement_chart_get_cell_rect (chart, 0, 2, &empty)); /* A to C: 0 */
  {
    StrataRgba b = chart_test_pixel (s, (int) big.x + 5, (int) big.y + 5);
    StrataRgba sm = chart_test_pixel (s, (int) small.x + 5, (int) small.y + 5);
    StrataRgba e = chart_test_pixel (s, (int) empty.x + 5, (int) empty.y + 5);
    g_assert_cmpfloat (b.b, >, b.r + 0.2);
    g_assert_cmpfloat (b.r + b.g + b.b, <, sm.r + sm.g + sm.b);
    g_assert_true (chart_test_same (e, style->background));
  }
  /* Lost column present, hit test finds cells. */
  g_assert_true (strata_movement_chart_get_cell_rect (chart, 2, 3, &big));
  g_assert_true (strata_movement_chart_hit_test (chart, big.x + 2, big.y + 2, &row, &col));
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (col, ==, 3);
  g_assert_false (strata_movement_chart_hit_test (chart, 1, 1, NULL, NULL));
  cairo_surface_destroy (s);

  {
    g_autoptr(GPtrArray) table = strata_movement_chart_get_table (chart);
    g_autofree char *desc = strata_movement_chart_get_description (chart);
    g_assert_cmpuint (table->len, ==, 4);
    g_assert_cmpstr (((char **) table->pdata[0])[4], ==, "Lost");
    g_assert_cmpstr (((char **) table->pdata[2])[1], ==, "14");
    g_assert_cmpstr (((char **) table->pdata[3])[4], ==, "7");
    g_assert_nonnull (strstr (desc, "24 customers moved up, 9 moved down, 550 stayed"));
    g_assert_nonnull (strstr (desc, "B to A: 14."));
  }
}

static void
test_empty_charts (void)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_DARK);
  g_autoptr(StrataPyramidChart) pyramid = strata_pyramid_chart_new ();
  g_autoptr(StrataParetoChart) pareto = strata_pareto_chart_new ();
  g_autoptr(StrataMovementChart) movement = strata_movement_chart_new ();
  g_autoptr(StrataQuadrantChart) quadrant = strata_quadrant_chart_new ();
  StrataChart *charts[] = { STRATA_CHART (pyramid), STRATA_CHART (pareto),
                            STRATA_CHART (movement), STRATA_CHART (quadrant) };

  /* Nothing set: each draws its empty state and describes itself. */
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      cairo_surface_t *s = chart_test_render (charts[i], style, 300, 200);
      g_autofree char *desc = strata_chart_get_description (charts[i]);
      g_autoptr(GPtrArray) table = strata_chart_get_table (charts[i]);
      guint ink = 0;
      for (int y = 0; y < 200; y += 2)
        for (int x = 0; x < 300; x += 2)
          ink += !chart_test_same (chart_test_pixel (s, x, y), style->background);
      g_assert_cmpuint (ink, >, 20); /* "No customers to show" */
      g_assert_nonnull (desc);
      g_assert_cmpuint (table->len, >=, 1);
      cairo_surface_destroy (s);
    }
}

/* Text leaves no current point behind: a circle drawn next (a legend dot,
 * a rounded box) would otherwise be joined to the text by a hairline. */
static void
test_text_leaves_no_path (void)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (s);

  strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, "Tail 尾部", 10, 10, 0, 0, NULL);
  g_assert_false (cairo_has_current_point (cr));
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* Borrowed values (the Tiers page's): every share, count, the marked
 * figure, the picture, the description and the table are the same as a
 * chart that keeps the shares, over more customers than 16 bits count,
 * with ties, refunds, zeros and missing values; and it holds half. */
static void
test_pareto_borrowed (void)
{
  const gsize n = 100003;
  g_autoptr(StrataParetoChart) kept = strata_pareto_chart_new ();
  g_autoptr(StrataParetoChart) borrowed = strata_pareto_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  double *values = g_new (double, n);
  StrataParetoData d = { n, values, 0.2, "Revenue" };
  GRand *r = g_rand_new_with_seed (22);
  g_autofree char *desc_kept = NULL, *desc_borrowed = NULL;
  g_autoptr(GPtrArray) table_kept = NULL, table_borrowed = NULL;
  cairo_surface_t *a, *b;
  gsize top_kept, top_borrowed;

  for (gsize i = 0; i < n; i++)
    switch (g_rand_int_range (r, 0, 8))
      {
      case 0: values[i] = NAN; break;
      case 1: values[i] = -g_rand_double_range (r, 0, 500); break;
      case 2: values[i] = 0; break;
      case 3: values[i] = 1250; break;   /* ties */
      default: values[i] = exp (g_rand_double_range (r, 0, 12)); break;
      }
  strata_pareto_chart_set_data (kept, &d);
  strata_pareto_chart_set_data_borrowed (borrowed, &d, values, g_free);
  g_assert_cmpuint (strata_pareto_chart_get_held_bytes (borrowed), <=,
                    strata_pareto_chart_get_held_bytes (kept) / 2 + 16 * 1024);

  for (guint k = 0; k <= 2000; k++)
    {
      double s = k < 1000 ? g_rand_double (r) : (double) (k - 1000) / 1000;
      g_assert_cmpfloat (strata_pareto_chart_share_at (borrowed, s), ==, strata_pareto_chart_share_at (kept, s));
    }
  for (gsize k = 0; k <= n; k += 997)
    g_assert_cmpfloat (strata_pareto_chart_share_at (borrowed, (double) k / n), ==,
                       strata_pareto_chart_share_at (kept, (double) k / n));
  for (guint k = 0; k <= 600; k++)
    {
      double s = k < 500 ? g_rand_double (r) : (double) (k - 500) / 100;
      g_assert_cmpfloat (strata_pareto_chart_customers_for (borrowed, s), ==,
                         strata_pareto_chart_customers_for (kept, s));
    }
  g_assert_cmpfloat (strata_pareto_chart_get_top (borrowed, &top_borrowed), ==,
                     strata_pareto_chart_get_top (kept, &top_kept));
  g_assert_cmpuint (top_borrowed, ==, top_kept);

  a = chart_test_render (STRATA_CHART (kept), style, 700, 450);
  b = chart_test_render (STRATA_CHART (borrowed), style, 700, 450);
  g_assert_cmpmem (cairo_image_surface_get_data (a), cairo_image_surface_get_stride (a) * 450,
                   cairo_image_surface_get_data (b), cairo_image_surface_get_stride (b) * 450);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  desc_kept = strata_pareto_chart_get_description (kept);
  desc_borrowed = strata_pareto_chart_get_description (borrowed);
  g_assert_cmpstr (desc_borrowed, ==, desc_kept);
  table_kept = strata_pareto_chart_get_table (kept);
  table_borrowed = strata_pareto_chart_get_table (borrowed);
  g_assert_cmpuint (table_borrowed->len, ==, table_kept->len);
  for (guint i = 0; i < table_kept->len; i++)
    {
      GStrv row_kept = table_kept->pdata[i], row_borrowed = table_borrowed->pdata[i];
      g_assert_cmpstrv (row_borrowed, row_kept);
    }
  g_rand_free (r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pyramid/widths", test_pyramid_widths);
  g_test_add_func ("/pyramid/names-whole", test_pyramid_names_whole);
  g_test_add_func ("/pareto/curve", test_pareto);
  g_test_add_func ("/pareto/borrowed", test_pareto_borrowed);
  g_test_add_func ("/movement/matrix", test_movement);
  g_test_add_func ("/charts/empty", test_empty_charts);
  g_test_add_func ("/charts/text-leaves-no-path", test_text_leaves_no_path);
  return g_test_run ();
}
