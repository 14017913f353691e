/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The renewal curve of Fit to Data, drawn without a display: the
 * threshold marker sits where the value falls on the axis (linear: 100
 * on 0–1,000 is a tenth of the plot; log: 100 on 1–1,000 is two thirds)
 * in the threshold colour, the steps are drawn at their rates, and with
 * no steps the note ("too few outcomes") is drawn instead of a curve. */
#include "config.h"

#include <math.h>

#include "strata-renewal-curve.h"
#include "chart-test-util.h"

static gboolean
same (StrataRgba a,
      StrataRgba b)
{
  return chart_test_near (a, b, 0.02);
}

static GArray *
make_steps (void)
{
  static const StrataIsotonicStep s[] = {
    { 1, 9, 40, 12, 0.30, 0.18, 0.45 },
    { 10, 99, 50, 30, 0.60, 0.46, 0.72 },
    { 100, 1000, 20, 18, 0.90, 0.70, 0.97 },
  };
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (StrataIsotonicStep));

  g_array_append_vals (steps, s, G_N_ELEMENTS (s));
  return steps;
}

static cairo_surface_t *
draw (const StrataRenewalCurve *curve,
      const StrataChartStyle   *style,
      cairo_rectangle_t        *plot,
      double                   *x_thr)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
  cairo_t *cr = cairo_create (s);

  strata_renewal_curve_draw (curve, cr, style, 600, 300, plot, x_thr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
check_marker (gboolean log_x,
              double   unit)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  g_autoptr(GArray) steps = make_steps ();
  StrataRenewalCurve curve = { "Renewal by order_amount", steps, 0.8, 100, log_x, NULL };
  cairo_rectangle_t plot;
  double x_thr;
  cairo_surface_t *s = draw (&curve, style, &plot, &x_thr);
  double expect = round (plot.x + unit * plot.width);
  int mid = (int) (plot.y + plot.height / 2);

  g_assert_cmpfloat (fabs (x_thr - expect), <=, 1);
  /* The marker is a 2-pixel bar in the threshold colour over the plot's
   * height; a column well away from it is not. */
  g_assert_true (same (chart_test_pixel (s, (int) x_thr, mid), style->threshold) ||
                 same (chart_test_pixel (s, (int) x_thr - 1, mid), style->threshold));
  g_assert_true (same (chart_test_pixel (s, (int) x_thr, (int) (plot.y + plot.height - 3)), style->threshold) ||
                 same (chart_test_pixel (s, (int) x_thr - 1, (int) (plot.y + plot.height - 3)), style->threshold));
  g_assert_false (same (chart_test_pixel (s, (int) (x_thr + plot.width / 20), mid), style->threshold));
  /* The last step's rate (90%) is drawn in the accent colour near the
   * right end of the plot. */
  {
    int x = (int) (plot.x + plot.width * 0.97);
    int y = (int) round (plot.y + 0.1 * plot.height);
    gboolean found = FALSE;

    for (int dy = -2; dy <= 2; dy++)
      found |= same (chart_test_pixel (s, x, y + dy), style->accent);
    g_assert_true (found);
  }
  cairo_surface_destroy (s);
}

static void
test_marker_linear (void)
{
  /* 1 to 1,000 on a linear axis from 0 to 1,000. */
  check_marker (FALSE, 0.1);
}

static void
test_marker_log (void)
{
  /* Decades 1, 10, 100, 1,000: 100 is two thirds along. */
  check_marker (TRUE, 2.0 / 3.0);
}

static void
test_wants_log (void)
{
  g_autoptr(GArray) steps = make_steps ();

  g_assert_true (strata_renewal_curve_wants_log (steps));
  g_array_index (steps, StrataIsotonicStep, 0).from = 20;
  g_array_index (steps, StrataIsotonicStep, 0).to = 30;
  g_array_index (steps, StrataIsotonicStep, 1).from = 40;
  g_array_index (steps, StrataIsotonicStep, 1).to = 99;
  /* 20 to 1,000: less than two decades. */
  g_assert_false (strata_renewal_curve_wants_log (steps));
  g_assert_false (strata_renewal_curve_wants_log (NULL));
}

static void
test_too_few (void)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  StrataRenewalCurve curve = { "Renewal by order_amount", NULL, 0.8, NAN, FALSE,
                               "Only 12 customers have both a value and an outcome: too few to trust a fit" };
  cairo_rectangle_t plot;
  double x_thr;
  cairo_surface_t *s = draw (&curve, style, &plot, &x_thr);
  guint text = 0, accent = 0;

  g_assert_true (isnan (x_thr));
  for (int y = (int) plot.y + 2; y < (int) (plot.y + plot.height) - 2; y++)
    for (int x = (int) plot.x + 2; x < (int) (plot.x + plot.width) - 2; x++)
      {
        StrataRgba p = chart_test_pixel (s, x, y);

        text += !same (p, style->background) && !same (p, style->grid);
        accent += same (p, style->accent);
      }
  /* The note's letters, and no curve. */
  g_assert_cmpuint (text, >, 200);
  g_assert_cmpuint (accent, ==, 0);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/renewal-curve/marker-linear", test_marker_linear);
  g_test_add_func ("/renewal-curve/marker-log", test_marker_log);
  g_test_add_func ("/renewal-curve/wants-log", test_wants_log);
  g_test_add_func ("/renewal-curve/too-few", test_too_few);
  return g_test_run ();
}
