/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's period holds only the metrics its rules and pages read
 * (8 MB each at a million customers): after opening, the columns loaded
 * are exactly those; a draft rule on another metric reads that column and
 * scores as over the whole period; the Tiers and Quadrant pages read their
 * results over the window's data instead of a second copy. */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-period-data.h"
#include "strata-period-results.h"
#include "strata-rules-private.h"
#include "strata-scoring-private.h"
#include "workspace-test-util.h"

/* What the context loads: the Customers page's columns and the rules'. */
static const char * const page_metrics[] = {
  "order_amount", "referrals", "monthly_inquiries", NULL
};

static guint
count_loaded (const StrataPeriodData *data)
{
  guint n = 0;

  for (guint m = 0; m < data->n_metrics; m++)
    n += strata_period_data_has_metric (data, data->metric_keys[m]);
  return n;
}

static void
assert_results_equal (const StrataResult *a,
                      const StrataResult *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->n, ==, b->n);
  for (guint i = 0; i < a->n; i++)
    {
      g_assert_true (a->score[i] == b->score[i] || (isnan (a->score[i]) && isnan (b->score[i])));
      g_assert_cmpuint (a->final_tier[i], ==, b->final_tier[i]);
      g_assert_cmpuint (a->quadrant[i], ==, b->quadrant[i]);
    }
}

/* A demo of n customers (seed, two quarters) in dir, opened into *ws,
 * and a context on it with its scoring loaded. */
static StrataContext *
demo_context (const char       *dir,
              guint             n,
              guint             seed,
              StrataWorkspace **ws)
{
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);

  return gui_test_demo_context (path, n, seed, 2, ws);
}

static void
test_window_metrics (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-window-metrics");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataPeriodData) full = NULL;
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataResult) full_draft = NULL;
  g_autoptr(StrataResult) full_published = NULL;
  g_autoptr(StrataWhatIf) full_whatif = NULL;
  g_autoptr(GPtrArray) used = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  StrataScoring *scoring;
  const StrataPeriodData *data;
  const StrataWhatIf *whatif;
  StrataAdjustment *adjustment;
  guint loaded;

  context = demo_context (dir, 400, 7, &ws);
  scoring = strata_context_get_scoring (context);
  data = strata_scoring_get_data (scoring);
  g_assert_cmpuint (data->n, >, 300);

  /* Exactly the rules' metrics and the pages' are loaded. */
  draft = strata_rules_copy (strata_scoring_get_draft (scoring));
  used = strata_rules_get_metrics (draft);
  for (guint i = 0; page_metrics[i] != NULL; i++)
    g_hash_table_add (expected, (gpointer) page_metrics[i]);
  for (guint i = 0; i < used->len; i++)
    g_hash_table_add (expected, used->pdata[i]);
  loaded = count_loaded (data);
  g_assert_cmpuint (loaded, ==, g_hash_table_size (expected));
  g_assert_cmpuint (loaded, <, data->n_metrics);
  for (guint m = 0; m < data->n_metrics; m++)
    g_assert_cmpint (strata_period_data_has_metric (data, data->metric_keys[m]), ==,
                     g_hash_table_contains (expected, data->metric_keys[m]));
  g_assert_false (strata_period_data_has_metric (data, "clicks"));
  g_assert_false (strata_period_data_has_metric (data, "no-such-metric"));

  /* The same scores, tiers and quadrants as over the whole period. */
  full = strata_period_data_load (ws, data->period_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_loaded (full), ==, full->n_metrics);
  full_published = strata_engine_score (strata_scoring_get_published (scoring), full, &error);
  g_assert_no_error (error);
  assert_results_equal (strata_scoring_get_published_result (scoring), full_published);

  /* A draft rule on a metric not loaded: its column is read, and the
   * scores and movers are those of the whole period. */
  adjustment = draft->adjustments->pdata[0];
  g_free (adjustment->metric);
  adjustment->metric = g_strdup ("clicks");
  strata_scoring_set_draft (scoring, draft);
  data = strata_scoring_get_data (scoring);
  g_assert_true (strata_period_data_has_metric (data, "clicks"));
  g_assert_cmpuint (count_loaded (data), ==, loaded + 1);
  for (guint i = 0; i < data->n; i++)
    g_assert_true (strata_period_data_get_value (data, i, "clicks") ==
                   strata_period_data_get_value (full, i, "clicks") ||
                   (isnan (strata_period_data_get_value (full, i, "clicks")) &&
                    isnan (strata_period_data_get_value (data, i, "clicks"))));
  full_draft = strata_engine_score (draft, full, &error);
  g_assert_no_error (error);
  assert_results_equal (strata_scoring_get_draft_result (scoring), full_draft);
  full_whatif = strata_whatif_compute (strata_scoring_get_published (scoring), full_published,
                                       draft, full_draft);
  whatif = strata_scoring_get_whatif (scoring);
  g_assert_nonnull (whatif);
  g_assert_cmpuint (whatif->n_up, ==, full_whatif->n_up);
  g_assert_cmpuint (whatif->n_down, ==, full_whatif->n_down);
  g_assert_cmpuint (whatif->n_up + whatif->n_down, >, 0);

  /* Every metric on demand (Fit to Data), then nothing left to read. */
  g_assert_true (strata_period_data_ensure_metrics (data, ws, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_loaded (data), ==, data->n_metrics);
  for (guint m = 0; m < data->n_metrics; m++)
    for (guint i = 0; i < data->n; i++)
      {
        double a = data->columns[m][i], b = strata_period_data_get_value (full, i, data->metric_keys[m]);

        g_assert_true (a == b || (isnan (a) && isnan (b)));
      }

  test_remove_dir (dir);
}

/* The pages' results over the window's data: the same columns, the
 * published result itself, and what a load of their own gives. */
static void
test_shared_results (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-window-shared");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataSharedPeriod) shared = NULL;
  g_autoptr(StrataSharedPeriod) other = NULL;
  g_autoptr(StrataPeriodResults) results = NULL;
  g_autoptr(StrataPeriodResults) own = NULL;
  g_autoptr(StrataPeriodResults) previous = NULL;
  static const char * const funnel[] = { "impressions", "clicks", NULL };
  StrataScoring *scoring;
  const StrataPeriodData *data;
  gint64 first_id;

  context = demo_context (dir, 300, 5, &ws);
  scoring = strata_context_get_scoring (context);
  data = strata_scoring_get_data (scoring);
  g_assert_false (strata_period_data_has_metric (data, "impressions"));

  shared = strata_context_share_period (context, strata_context_get_period_id (context));
  g_assert_true (shared->data == data);
  results = strata_shared_period_load (shared, ws, funnel, &error);
  g_assert_no_error (error);
  g_assert_true (results->data == data);
  g_assert_true (results->result == strata_scoring_get_published_result (scoring));
  g_assert_true (strata_period_data_has_metric (data, "impressions"));
  g_assert_true (strata_period_data_has_metric (data, "clicks"));
  own = strata_period_results_load (ws, data->period_id, &error);
  g_assert_no_error (error);
  assert_results_equal (results->result, own->result);
  g_assert_cmpfloat (strata_period_data_get_value (data, 17, "impressions"), ==,
                     strata_period_data_get_value (own->data, 17, "impressions"));

  /* Another period (or the scoring still loading): a load of its own. */
  first_id = test_query_int (ws, "SELECT id FROM periods ORDER BY position LIMIT 1");
  g_assert_cmpint (first_id, !=, data->period_id);
  other = strata_context_share_period (context, first_id);
  g_assert_null (other->data);
  previous = strata_shared_period_load (other, ws, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (previous->period_id, ==, first_id);
  g_assert_true (previous->data != data);

  test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/window-period-metrics/loaded", test_window_metrics);
  g_test_add_func ("/window-period-metrics/shared-results", test_shared_results);
  return g_test_run ();
}
