/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli calibrate on the review fixture grown by 200 customers whose
 * renewal depends on their monthly inquiries: all of those with 15 or
 * more stay into 2026-Q2, a quarter of the others do. */
#include <locale.h>
#include <math.h>

#include "cli-test-util.h"
#include "review-fixture.h"
#include "strata-rules-json.h"

typedef struct
{
  char            *dir;
  char            *path;
  char            *out;
  StrataWorkspace *ws;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gboolean grow = GPOINTER_TO_INT (data);

  f->dir = g_dir_make_tmp ("strata-cli-calibrate-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "fit.strata", NULL);
  f->out = g_build_filename (f->dir, "fitted.json", NULL);
  f->ws = review_fixture_create (f->path);
  test_workspace_exec (f->ws, "INSERT INTO periods (id, name, start_date, end_date, position)"
                       " VALUES (3, '2026-Q3', '2026-07-01', '2026-09-30', 3)");
  if (!grow)
    return;
  test_workspace_exec (f->ws, "BEGIN");
  for (guint k = 1; k <= 200; k++)
    {
      guint id = 100 + k, inquiries = k % 40;
      g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (id, ext_id, name) VALUES (%u, 'N%u', 'New %u');"
                                              "INSERT INTO period_customers (period_id, customer_id) VALUES (1, %u)",
                                              id, k, k, id);

      test_workspace_exec (f->ws, sql);
      test_workspace_set_value (f->ws, 1, id, "order_amount", 1000.0 * k);
      test_workspace_set_value (f->ws, 1, id, "monthly_inquiries", inquiries);
      test_workspace_set_value (f->ws, 1, id, "listed_products", inquiries * 3);
      if (inquiries >= 15 || k % 4 == 0)
        {
          g_autofree char *q2 = g_strdup_printf ("INSERT INTO period_customers (period_id, customer_id)"
                                                 " VALUES (2, %u)", id);
          test_workspace_exec (f->ws, q2);
        }
    }
  test_workspace_exec (f->ws, "COMMIT");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->ws);
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->out);
}

static void
test_renewal (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  const StrataIndicator *ind;

  g_assert_cmpint (run_cli (&out, &err, "calibrate", f->path, "--period", "2026-Q1",
                            "--renewal", "0.8", "-o", f->out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Fitted on 2026-Q1: 205 customers, order_amount by shares."));
  g_assert_nonnull (strstr (out, "Bands of order_amount:"));
  g_assert_nonnull (strstr (out, "outcomes 2026-Q1 → 2026-Q2"));
  g_assert_nonnull (strstr (out, "monthly_inquiries ≥ 15: renewal by step"));
  g_assert_nonnull (strstr (out, "listed_products ≥ 45: customers reaching monthly_inquiries ≥ 15"));
  g_assert_nonnull (strstr (out, "Listed company: with 2 customers, 100% retained"));
  g_assert_nonnull (strstr (out, "Wrote "));

  rules = strata_rules_load_file (f->out, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (rules->quadrant.y_threshold, ==, 15);
  g_assert_cmpfloat (rules->quadrant.x_threshold, ==, 45);
  ind = rules->indicators->pdata[0];
  g_assert_cmpuint (ind->bands->len, ==, 5);
  /* Top 5% of 205 (10 customers): Zeta 11M, Epsilon 6M, Beta 3.5M,
   * Alpha 500k and the six new ones from 195,000 up. */
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 4).from, ==, 195000);
}

static void
test_method_and_shares (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataRules) draft = strata_rules_new_default ();

  g_assert_cmpint (run_cli (&out, &err, "calibrate", f->path, "--period", "2026-Q1",
                            "--method", "quantiles", "--shares", "A=10,B=20,C=20,D=20,E=30",
                            "-o", f->out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "order_amount by quantiles"));
  /* Without --renewal the quadrant stays and nothing is said of it. */
  g_assert_null (strstr (out, "Quadrant thresholds"));
  rules = strata_rules_load_file (f->out, NULL);
  g_assert_nonnull (rules);
  g_assert_cmpfloat (rules->quadrant.y_threshold, ==, draft->quadrant.y_threshold);
  g_assert_cmpfloat (rules->quadrant.x_threshold, ==, draft->quadrant.x_threshold);
  /* Tier shares on the final score: A 10% of 205 is about 21. */
  g_assert_nonnull (strstr (out, "  A "));
}

static void
test_thin_data (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(StrataRules) rules = NULL;

  /* Five customers in 2026-Q1: the bands and tiers are fitted, the quadrant is not. */
  g_assert_cmpint (run_cli (&out, &err, "calibrate", f->path, "--period", "2026-Q1",
                            "--renewal", "80%", "-o", f->out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Only 5 customers have both a value and an outcome"));
  g_assert_nonnull (strstr (out, "Kept as in the draft"));
  rules = strata_rules_load_file (f->out, NULL);
  g_assert_cmpfloat (rules->quadrant.y_threshold, ==, 15);
}

static void
test_nothing_to_fit (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "calibrate", f->path, "--period", "2026-Q3",
                            "-o", f->out, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "nothing could be fitted: period 2026-Q3 has no values of order_amount"));
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "calibrate", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "usage: strata-cli calibrate"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "calibrate", f->path, "--method", "magic",
                            "-o", f->out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "unknown method “magic”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "calibrate", f->path, "--shares", "A=5",
                            "-o", f->out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No share for tier B"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-calibrate/renewal", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_renewal, fixture_teardown);
  g_test_add ("/cli-calibrate/method-and-shares", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_method_and_shares, fixture_teardown);
  g_test_add ("/cli-calibrate/thin-data", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_thin_data, fixture_teardown);
  g_test_add ("/cli-calibrate/nothing-to-fit", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_nothing_to_fit, fixture_teardown);
  return g_test_run ();
}
