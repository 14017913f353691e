/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-axis.h"
#include "strata-label-layout.h"
#include "strata-chart-style-private.h"

static void
assert_ticks (const StrataAxis *axis,
              guint             max_ticks,
              const double     *want,
              guint             n_want)
{
  g_autoptr(GArray) ticks = strata_axis_ticks (axis, max_ticks);

  g_assert_cmpuint (ticks->len, ==, n_want);
  for (guint i = 0; i < n_want; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (ticks, double, i), want[i], 1e-9);
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat (strata_axis_nice_step (100, 10), ==, 10);
  g_assert_cmpfloat (strata_axis_nice_step (100, 5), ==, 20);
  g_assert_cmpfloat (strata_axis_nice_step (100, 3), ==, 50);
  g_assert_cmpfloat_with_epsilon (strata_axis_nice_step (1, 5), 0.2, 1e-12);
  g_assert_cmpfloat (strata_axis_nice_step (7300, 8), ==, 1000);
  g_assert_cmpfloat (strata_axis_nice_step (0, 8), ==, 1);
}

static void
test_linear (void)
{
  StrataAxis a = { STRATA_AXIS_LINEAR, 0, 100, STRATA_METRIC_COUNT };
  double want[] = { 0, 20, 40, 60, 80, 100 };
  double want2[] = { 0.2, 0.4, 0.6, 0.8 };
  double values[] = { 3, 47, 91 };
  double extra = 120;

  assert_ticks (&a, 5, want, G_N_ELEMENTS (want));
  a.min = 0.1, a.max = 0.9;
  assert_ticks (&a, 5, want2, G_N_ELEMENTS (want2));

  /* Fitting starts counts at zero and rounds up to a nice step, keeping
   * the extra value (a threshold) in range. */
  strata_axis_fit (&a, values, 3, &extra, 1, 8);
  g_assert_cmpfloat (a.min, ==, 0);
  g_assert_cmpfloat (a.max, ==, 120);
  g_assert_cmpfloat (strata_axis_to_unit (&a, 60), ==, 0.5);
  g_assert_cmpfloat (strata_axis_from_unit (&a, 0.25), ==, 30);
}

static void
test_log (void)
{
  StrataAxis a = { STRATA_AXIS_LOG, 1, 1e6, STRATA_METRIC_MONEY };
  double decades[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
  double every_other[] = { 1, 100, 1e4, 1e6 };
  double short_range[] = { 10, 20, 50, 100, 200, 500, 1000 };
  double values[] = { 0, 3, 47, 12000 };

  assert_ticks (&a, 8, decades, G_N_ELEMENTS (decades));
  assert_ticks (&a, 3, every_other, G_N_ELEMENTS (every_other));
  a.min = 10, a.max = 1000;
  assert_ticks (&a, 8, short_range, G_N_ELEMENTS (short_range));
  g_assert_cmpfloat_with_epsilon (strata_axis_to_unit (&a, 100), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_axis_from_unit (&a, 0.5), 100, 1e-9);

  /* Zero cannot sit on a log axis: the range covers the positive values
   * and zero maps to the lower edge. */
  strata_axis_fit (&a, values, 4, NULL, 0, 8);
  g_assert_cmpfloat (a.min, ==, 1);
  g_assert_cmpfloat (a.max, ==, 1e5);
  g_assert_cmpfloat (strata_axis_to_unit (&a, 0), ==, 0);
}

static void
test_tick_labels (void)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  StrataAxis money = { STRATA_AXIS_LINEAR, 0, 1e8, STRATA_METRIC_MONEY };
  StrataAxis date = { STRATA_AXIS_LINEAR, 0, 1e5, STRATA_METRIC_DATE };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  strata_chart_style_set_currency (style, "¥");
  strata_chart_style_set_language (style, "zh_CN");
  a = strata_axis_format (&money, style, 12000000);
  g_assert_cmpstr (a, ==, "¥1,200万");
  strata_chart_style_set_language (style, "en");
  b = strata_axis_format (&money, style, 12000000);
  g_assert_cmpstr (b, ==, "¥12M");
  c = strata_axis_format (&date, style, 20454);
  g_assert_cmpstr (c, ==, "2026-01-01");
}

static void
test_label_layout (void)
{
  cairo_rectangle_t bounds = { 0, 0, 400, 300 };
  cairo_rectangle_t obstacle = { 150, 100, 100, 60 };
  StrataLabel labels[40] = { 0 };
  guint placed, n = G_N_ELEMENTS (labels);
  GRand *r = g_rand_new_with_seed (3);

  /* A crowd of labels around a few spots, next to an obstacle. */
  for (guint i = 0; i < n; i++)
    {
      labels[i].anchor_x = 120 + g_rand_double_range (r, 0, 160);
      labels[i].anchor_y = 80 + g_rand_double_range (r, 0, 100);
      labels[i].anchor_radius = 4;
      labels[i].width = 70;
      labels[i].height = 16;
    }
  placed = strata_label_layout (labels, n, &bounds, &obstacle, 1);
  g_rand_free (r);

  g_assert_cmpuint (placed, >=, 20);
  g_assert_cmpuint (placed, <, n); /* this crowd cannot all fit */
  for (guint i = 0; i < n; i++)
    {
      if (labels[i].state == STRATA_LABEL_DROPPED)
        continue;
      g_assert_false (strata_rect_intersects (&labels[i].box, &obstacle));
      g_assert_cmpfloat (labels[i].box.x, >=, 0);
      g_assert_cmpfloat (labels[i].box.y + labels[i].box.height, <=, 300);
      for (guint j = i + 1; j < n; j++)
        if (labels[j].state != STRATA_LABEL_DROPPED)
          g_assert_false (strata_rect_intersects (&labels[i].box, &labels[j].box));
    }

  /* A lone label goes right above its anchor, clear of the point. */
  {
    StrataLabel one = { .anchor_x = 50, .anchor_y = 50, .anchor_radius = 5, .width = 40,
                        .height = 12 };
    strata_label_layout (&one, 1, &bounds, NULL, 0);
    g_assert_cmpint (one.state, ==, STRATA_LABEL_PLACED);
    g_assert_cmpfloat (one.box.x, >, 50);
    g_assert_cmpfloat (one.box.y + one.box.height, <, 50);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/axis/nice-step", test_nice_step);
  g_test_add_func ("/axis/linear", test_linear);
  g_test_add_func ("/axis/log", test_log);
  g_test_add_func ("/axis/tick-labels", test_tick_labels);
  g_test_add_func ("/label-layout/no-overlap", test_label_layout);
  return g_test_run ();
}
