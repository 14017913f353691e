/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data: nice numbers (read in English and Chinese), edges hitting
 * their shares, the isotonic fit against values worked out by hand, the
 * refusals on thin data, and a whole fit on hand-made data. */
#include <locale.h>
#include <math.h>

#include "strata-calibrate.h"
#include "strata-period-data-private.h"

static void
test_nice_numbers (void)
{
  StrataNumberFormat en, zh;
  struct { double lo, hi, target, want; const char *en, *zh; } cases[] = {
    { 480000, 520000, 503112, 500000, "500K", "50万" },
    { 1150000, 1249999, 1203400, 1200000, "1.2M", "120万" },
    { 12345, 12999, 12400, 12400, "12.4K", "1.24万" },
    { 12345, 13000, 12400, 13000, "13K", "1.3万" },
    { 123, 124, 123.4, 124, "124", "124" },
    { 0.5, 1000, 3, 3, "3", "3" },
    { 27, 2900, 2500, 2000, "2,000", "2,000" },
  };

  strata_number_format_init_for_language (&en, "en");
  strata_number_format_init_for_language (&zh, "zh_CN");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double v = strata_nice_number_between (cases[i].lo, cases[i].hi, cases[i].target);
      g_autofree char *e = NULL, *z = NULL;

      g_assert_cmpfloat (v, ==, cases[i].want);
      e = strata_format_compact (&en, v);
      z = strata_format_compact (&zh, v);
      g_assert_cmpstr (e, ==, cases[i].en);
      g_assert_cmpstr (z, ==, cases[i].zh);
    }
  /* Zero when the interval holds it; the mirror for negatives. */
  g_assert_cmpfloat (strata_nice_number_between (-5, 5, 2), ==, 0);
  g_assert_cmpfloat (strata_nice_number_between (-520, -480, -500), ==, -500);
  /* Nothing shorter in the interval: its top. */
  g_assert_cmpfloat (strata_nice_number_between (123456.5, 123457, 123457), ==, 123457);
}

/* Skewed values people meet: order amounts, log-normal-ish. */
static double *
skewed (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  double *v = g_new (double, n);

  for (guint i = 0; i < n; i++)
    v[i] = round (exp (g_rand_double_range (rand, 6, 14)) * g_rand_double_range (rand, 0.5, 1.5));
  return v;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static guint
count_below (const double *v,
             guint         n,
             double        edge)
{
  guint c = 0;

  for (guint i = 0; i < n; i++)
    c += v[i] < edge;
  return c;
}

/* At most two significant digits unless the data left no room. */
static gboolean
is_short (double v)
{
  double m = pow (10, floor (log10 (fabs (v))) - 1);
  return v == 0 || fabs (v / m - round (v / m)) < 1e-9;
}

static void
test_shares_hit (void)
{
  const guint n = 20000;
  const double shares[] = { 5, 15, 25, 25, 30 };
  g_autofree double *v = skewed (n);
  double edges[4], below = 0;

  qsort (v, n, sizeof (double), cmp_double);
  g_assert_true (strata_calibrate_edges (v, n, STRATA_CALIBRATE_SHARES, shares, 5, 0.005, edges));
  for (guint j = 0; j < 4; j++)
    {
      below += shares[4 - j];
      /* Each cumulative share within the half-point tolerance. */
      g_assert_cmpfloat (fabs (100.0 * count_below (v, n, edges[j]) / n - below), <=, 0.5 + 1e-9);
      g_assert_true (is_short (edges[j]));
      if (j > 0)
        g_assert_cmpfloat (edges[j], >, edges[j - 1]);
    }

  /* Quantiles: four equal bands for four tiers. */
  g_assert_true (strata_calibrate_edges (v, n, STRATA_CALIBRATE_QUANTILES, shares, 4, 0.005, edges));
  for (guint j = 0; j < 3; j++)
    g_assert_cmpfloat (fabs (100.0 * count_below (v, n, edges[j]) / n - 25.0 * (j + 1)), <=, 0.5 + 1e-9);
}

static void
test_sort (void)
{
  const guint n = 10000;
  g_autofree double *v = skewed (n);
  g_autofree double *w = NULL;

  for (guint i = 0; i < n; i += 3)
    v[i] = -v[i] / 7;       /* negatives, fractions, zero */
  v[5] = 0;
  w = g_memdup2 (v, sizeof (double) * n);
  qsort (w, n, sizeof (double), cmp_double);
  strata_calibrate_sort (v, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (v[i], ==, w[i]);
}

static void
test_pareto (void)
{
  const guint n = 20000;
  const double shares[] = { 1, 1, 1, 1 };
  g_autofree double *v = skewed (n);
  double edges[3], total = 0, top = 0;

  qsort (v, n, sizeof (double), cmp_double);
  for (guint i = 0; i < n; i++)
    total += v[i];
  g_assert_true (strata_calibrate_edges (v, n, STRATA_CALIBRATE_PARETO, shares, 4, 0.005, edges));
  /* The top tier (above the highest edge) brings about half of revenue. */
  for (guint i = 0; i < n; i++)
    if (v[i] >= edges[2])
      top += v[i];
  g_assert_cmpfloat (top / total, >, 0.45);
  g_assert_cmpfloat (top / total, <, 0.55);
  g_assert_cmpfloat (edges[0], <, edges[1]);
}

static void
test_breaks (void)
{
  /* Three clear clusters: breaks fall between them. */
  const double shares[] = { 1, 1, 1 };
  g_autofree double *v = g_new (double, 300);
  double edges[2];

  for (guint i = 0; i < 300; i++)
    v[i] = (i < 100 ? 10 : i < 200 ? 1000 : 100000) + i % 7;
  qsort (v, 300, sizeof (double), cmp_double);
  g_assert_true (strata_calibrate_edges (v, 300, STRATA_CALIBRATE_BREAKS, shares, 3, 0.005, edges));
  g_assert_cmpfloat (edges[0], >, 16);
  g_assert_cmpfloat (edges[0], <=, 1000);
  g_assert_cmpfloat (edges[1], >, 1006);
  g_assert_cmpfloat (edges[1], <=, 100000);
}

static void
test_isotonic_by_hand (void)
{
  /* x 1..6, renewed 0 1 0 1 1 1: the dip at 3 pools with 2 (1 of 2),
   * 4..6 are one step of 3 of 3. */
  const double x[] = { 6, 1, 2, 3, 4, 5, NAN };
  const guint8 y[] = { 1, 0, 1, 0, 1, 1, 1 };
  g_autoptr(GArray) steps = strata_isotonic_fit (x, y, G_N_ELEMENTS (x));
  const StrataIsotonicStep *s;

  g_assert_cmpuint (steps->len, ==, 3);
  s = &g_array_index (steps, StrataIsotonicStep, 0);
  g_assert_cmpfloat (s->from, ==, 1);
  g_assert_cmpfloat (s->to, ==, 1);
  g_assert_cmpuint (s->count, ==, 1);
  g_assert_cmpfloat (s->rate, ==, 0);
  s = &g_array_index (steps, StrataIsotonicStep, 1);
  g_assert_cmpfloat (s->from, ==, 2);
  g_assert_cmpfloat (s->to, ==, 3);
  g_assert_cmpuint (s->count, ==, 2);
  g_assert_cmpuint (s->positives, ==, 1);
  g_assert_cmpfloat (s->rate, ==, 0.5);
  s = &g_array_index (steps, StrataIsotonicStep, 2);
  g_assert_cmpfloat (s->from, ==, 4);
  g_assert_cmpfloat (s->to, ==, 6);
  g_assert_cmpuint (s->count, ==, 3);
  g_assert_cmpfloat (s->rate, ==, 1);
  /* Wilson 95% for 3 of 3: [0.4385, 1]. */
  g_assert_cmpfloat_with_epsilon (s->low, 0.4385, 1e-3);
  g_assert_cmpfloat (s->high, ==, 1);
  g_assert_cmpint (strata_isotonic_first_at (steps, 0.8), ==, 2);
  g_assert_cmpint (strata_isotonic_first_at (steps, 0.5), ==, 1);
}

static void
test_threshold (void)
{
  /* 100 customers, x 0..99; renewal 30% below 40, 90% from 40 (every
   * tenth lost), so the rate reaches 0.8 at 40. */
  double x[100];
  guint8 y[100];
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  double thr = 0;

  for (guint i = 0; i < 100; i++)
    {
      x[i] = i;
      y[i] = i < 40 ? (i % 10 < 3) : (i % 10 != 5);
    }
  g_assert_true (strata_calibrate_threshold (x, y, 100, 0.8, &thr, &steps, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (thr, ==, 40);
  {
    const StrataIsotonicStep *last = &g_array_index (steps, StrataIsotonicStep, steps->len - 1);
    g_assert_cmpfloat (last->to, ==, 99);
    g_assert_cmpfloat (last->rate, >=, 0.8);
  }
}

static void
test_thin_data (void)
{
  double x[40];
  guint8 y[40];
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  double thr = -1;

  for (guint i = 0; i < 40; i++)
    {
      x[i] = i;
      y[i] = i >= 37;   /* only the top three renew */
    }
  /* Too few customers with an outcome. */
  g_assert_false (strata_calibrate_threshold (x, y, 20, 0.8, &thr, &steps, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Only 20 customers"));
  g_assert_nonnull (strstr (error->message, "at least 30"));
  g_assert_null (steps);
  g_clear_error (&error);

  /* Enough customers, but the step reaching 80% holds three. */
  g_assert_false (strata_calibrate_threshold (x, y, 40, 0.8, &thr, &steps, &error));
  g_assert_nonnull (strstr (error->message, "a step of 3 customers"));
  g_assert_nonnull (steps);
  g_assert_cmpfloat (thr, ==, -1);
  g_clear_error (&error);
  g_clear_pointer (&steps, g_array_unref);

  /* Never reaching the rate: renewal falls as x grows. */
  for (guint i = 0; i < 40; i++)
    y[i] = i < 20 && i % 2;
  g_assert_false (strata_calibrate_threshold (x, y, 40, 0.8, &thr, &steps, &error));
  g_assert_nonnull (strstr (error->message, "never reaches 80%"));
}

static StrataPeriodData *
make_data (guint n)
{
  /* Every metric the default rules name (missing values are NaN). */
  static const char *keys[] = { "order_amount", "high_growth", "monthly_inquiries",
                                "listed_products", "referrals", "business_lines",
                                "listed_company", "overdue_invoices", "fault_tickets",
                                "login_days", NULL };
  StrataPeriodData *data = strata_period_data_new (keys, n);

  data->period_name = g_strdup ("2026-Q1");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ext = g_strdup_printf ("C%04u", i);
      guint row = strata_period_data_add_row (data, i + 1, ext, ext);

      /* Small amounts: every customer in E under the default bands. */
      strata_period_data_set_value (data, row, "order_amount", 100.0 * (i + 1));
      strata_period_data_set_value (data, row, "high_growth", i % 10 == 0);
      strata_period_data_set_value (data, row, "monthly_inquiries", i % 50);
      strata_period_data_set_value (data, row, "listed_products", (i % 50) * 4 + i % 3);
    }
  return data;
}

static void
test_calibrate_data (void)
{
  const guint n = 2000;
  g_autoptr(StrataPeriodData) data = make_data (n);
  g_autoptr(StrataRules) draft = strata_rules_new_default ();
  g_autoptr(StrataCalibration) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *outcomes = g_new (guint8, n);
  g_autofree char *text = NULL;
  StrataCalibrateOptions options = { STRATA_CALIBRATE_SHARES, NULL, NULL, 0.8 };
  const double targets[] = { 5, 15, 25, 25, 30 };
  const StrataIndicator *ind;

  /* Renewal: 90% from 20 monthly inquiries up (every tenth block of 50
   * lost), below 20 the even values renew and the odd ones do not, which
   * pools into one step of 50%. */
  for (guint i = 0; i < n; i++)
    outcomes[i] = (i % 50) >= 20 ? ((i / 50) % 10 != 0) : (i % 2 == 0);

  c = strata_calibrate_data (draft, data, data, outcomes, &options, &error);
  g_assert_no_error (error);
  g_assert_true (c->bands_fitted);
  g_assert_true (c->tiers_fitted);
  g_assert_true (c->quadrant_fitted);
  g_assert_cmpuint (c->before[4], ==, n);
  for (guint t = 0; t < 5; t++)
    g_assert_cmpfloat (fabs (100.0 * c->after[t] / n - targets[t]), <=, 1.0);
  g_assert_cmpuint (c->n_changed, ==, n - c->after[4]);

  ind = c->rules->indicators->pdata[0];
  g_assert_cmpuint (ind->bands->len, ==, 5);
  for (guint j = 1; j < 5; j++)
    {
      const StrataBand *b = &g_array_index (ind->bands, StrataBand, j);
      g_assert_true (is_short (b->from));
      g_assert_cmpfloat (b->from, ==, g_array_index (ind->bands, StrataBand, j - 1).to);
    }
  /* Top 5% of 100 .. 200,000 starts at 190,000. */
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 4).from, ==, 190000);
  g_assert_true (isinf (g_array_index (ind->bands, StrataBand, 4).to));
  g_assert_true (strata_rules_check (c->rules, NULL, NULL));

  /* The quadrant: renewal reaches 80% at 20 inquiries; at least half of
   * the customers reach 20 from 80 listed products up. */
  g_assert_cmpfloat (c->rules->quadrant.y_threshold, ==, 20);
  g_assert_cmpfloat (c->rules->quadrant.x_threshold, ==, 80);

  /* Evidence: high_growth (every tenth) with and without. */
  g_assert_cmpuint (c->evidence->len, ==, 1);
  {
    const StrataCalibrateEvidence *e = c->evidence->pdata[0];
    guint with_ret = 0;

    for (guint i = 0; i < n; i += 10)
      with_ret += outcomes[i];
    g_assert_cmpstr (e->id, ==, "high_growth");
    g_assert_cmpuint (e->with, ==, n / 10);
    g_assert_cmpuint (e->without, ==, n - n / 10);
    g_assert_cmpuint (e->with_retained, ==, with_ret);
  }
  text = strata_calibration_to_text (c, strata_number_format_get_default ());
  g_assert_nonnull (strstr (text, "Bands of order_amount:"));
  g_assert_nonnull (strstr (text, "monthly_inquiries ≥ 20"));
  g_assert_nonnull (strstr (text, "High growth potential: with 200 customers"));
}

static void
test_calibrate_parts_missing (void)
{
  static const char *keys[] = { "order_amount", NULL };
  g_autoptr(StrataPeriodData) data = strata_period_data_new (keys, 4);
  g_autoptr(StrataRules) draft = strata_rules_new_default ();
  g_autoptr(StrataCalibration) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  StrataCalibrateOptions options = { STRATA_CALIBRATE_QUANTILES, "monthly_inquiries", NULL, 0.8 };

  data->period_name = g_strdup ("2026-Q1");
  /* An invalid draft: the adjustments' metrics are unknown to this data,
   * so nothing is fitted and each part says why. */
  c = strata_calibrate_data (draft, data, NULL, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_false (strata_calibration_fitted_anything (c));
  g_assert_nonnull (c->bands_note);
  g_assert_nonnull (strstr (c->quadrant_note, "no two consecutive periods"));
  g_assert_true (strata_rules_equal (c->rules, draft));
  text = strata_calibration_to_text (c, strata_number_format_get_default ());
  g_assert_nonnull (strstr (text, "kept as in the draft"));
}

static void
test_parse_shares (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autofree double *s = strata_calibrate_parse_shares ("A=10, B=20,C=20,D=20,E=30", rules, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (s);
  g_assert_cmpfloat (s[0], ==, 10);
  g_assert_cmpfloat (s[4], ==, 30);
  g_assert_null (strata_calibrate_parse_shares ("A=10,B=20", rules, &error));
  g_assert_nonnull (strstr (error->message, "No share for tier C"));
  g_clear_error (&error);
  g_assert_null (strata_calibrate_parse_shares ("A=10,B=x,C=1,D=1,E=1", rules, &error));
  g_assert_nonnull (strstr (error->message, "tier B"));
  g_clear_error (&error);
  g_assert_null (strata_calibrate_parse_shares ("Z=10", rules, &error));
  g_assert_nonnull (strstr (error->message, "no tier “Z”"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calibrate/nice-numbers", test_nice_numbers);
  g_test_add_func ("/calibrate/shares-hit", test_shares_hit);
  g_test_add_func ("/calibrate/sort", test_sort);
  g_test_add_func ("/calibrate/pareto", test_pareto);
  g_test_add_func ("/calibrate/breaks", test_breaks);
  g_test_add_func ("/calibrate/isotonic-by-hand", test_isotonic_by_hand);
  g_test_add_func ("/calibrate/threshold", test_threshold);
  g_test_add_func ("/calibrate/thin-data", test_thin_data);
  g_test_add_func ("/calibrate/data", test_calibrate_data);
  g_test_add_func ("/calibrate/parts-missing", test_calibrate_parts_missing);
  g_test_add_func ("/calibrate/parse-shares", test_parse_shares);
  return g_test_run ();
}
