/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window reads with less memory gives what the full reads give:
 * a period's final tiers without its names (strata_period_results_load_tiers),
 * a period for scoring only (strata_period_data_load_for_scoring), the
 * outcomes of retention over some columns, and one result for a draft equal
 * to the published rules. */
#include "config.h"

#include <math.h>

#include "strata-calibrate.h"
#include "strata-demo.h"
#include "strata-period-close.h"
#include "strata-period-results.h"
#include "strata-scoring.h"
#include "workspace-test-util.h"

static void
setup (TestWorkspace *t)
{
  g_autoptr(GError) error = NULL;

  test_workspace_setup_dir (t, "strata-period-tiers", "demo.strata");
  g_assert_true (strata_demo_write (t->path, 400, 7, 3, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  t->ws = strata_workspace_open (t->path, NULL, &error);
  g_assert_no_error (error);
}

static gint64
period_id (TestWorkspace *t,
           guint          index)
{
  g_autofree char *name = strata_demo_period_name (index, 3);
  gint64 id = 0;

  g_assert_true (strata_period_find (t->ws, name, &id, NULL, NULL));
  return id;
}

/* The tiers equal the full results' final tiers, row by row. */
static void
check_tiers (TestWorkspace *t,
             gint64         id,
             gboolean       frozen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodResults) full = strata_period_results_load (t->ws, id, &error);
  g_auto(StrataPeriodTiers) tiers = { 0 };
  guint n_tiered = 0;

  g_assert_no_error (error);
  g_assert_true (strata_period_results_load_tiers (t->ws, id, &tiers, &error));
  g_assert_no_error (error);
  g_assert_cmpint (full->frozen, ==, frozen);
  g_assert_cmpuint (tiers.n, ==, full->data->n);
  g_assert_cmpuint (tiers.tier_ids->len, ==, full->rules->tiers->len);
  for (guint i = 0; i < tiers.n; i++)
    {
      const char *want = strata_period_results_get_tier_id (full, i);
      guint8 t_index = tiers.final_tier[i];

      g_assert_cmpint (tiers.ids[i], ==, full->data->ids[i]);
      if (want == NULL)
        g_assert_cmpuint (t_index, ==, STRATA_TIER_NONE);
      else
        {
          g_assert_cmpuint (t_index, <, tiers.tier_ids->len);
          g_assert_cmpstr (tiers.tier_ids->pdata[t_index], ==, want);
          n_tiered++;
        }
    }
  g_assert_cmpuint (n_tiered, >, 300);
}

static void
test_tiers_open_and_closed (void)
{
  TestWorkspace t;
  g_autoptr(GError) error = NULL;
  gint64 first;

  setup (&t);
  first = period_id (&t, 0);
  check_tiers (&t, first, FALSE);
  g_assert_true (strata_period_close (t.ws, first, &error));
  g_assert_no_error (error);
  check_tiers (&t, first, TRUE);
  /* A frozen tier stays when the period's values change afterwards. */
  test_workspace_exec (t.ws, "UPDATE period_customers SET values_json = '{}' "
                             "WHERE period_id = (SELECT min(id) FROM periods)");
  check_tiers (&t, first, TRUE);
  g_assert_false (strata_period_results_load_tiers (t.ws, 9999, &(StrataPeriodTiers) { 0 }, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  test_workspace_teardown (&t);
}

static void
test_load_for_scoring (void)
{
  TestWorkspace t;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) full = NULL;
  g_autoptr(StrataPeriodData) some = NULL;
  static const char * const wanted[] = { "order_amount", "referrals", NULL };
  gint64 id;

  setup (&t);
  id = period_id (&t, 2);
  full = strata_period_data_load (t.ws, id, &error);
  g_assert_no_error (error);
  some = strata_period_data_load_for_scoring (t.ws, id, wanted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->n, ==, full->n);
  g_assert_cmpuint (some->n_metrics, ==, full->n_metrics);
  g_assert_cmpuint (full->n, >, 300);
  for (guint i = 0; i < some->n; i++)
    {
      g_assert_cmpint (some->ids[i], ==, full->ids[i]);
      g_assert_cmpstr (strata_period_data_get_name (some, i), ==, "");
      g_assert_cmpstr (strata_period_data_get_ext_id (some, i), ==, "");
      g_assert_cmpfloat (some->columns[0][i], ==, strata_period_data_get_value (full, i, "order_amount"));
      g_assert_cmpfloat (strata_period_data_get_value (some, i, "referrals"), ==,
                         strata_period_data_get_value (full, i, "referrals"));
      g_assert_true (isnan (strata_period_data_get_value (some, i, "login_days")));
    }
  g_assert_cmpstr (full->metric_keys[0], ==, "order_amount");
  test_workspace_teardown (&t);
}

/* Outcomes read with some columns: the same outcomes and evidence. */
static void
test_outcomes_of (void)
{
  TestWorkspace t;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) all = NULL;
  g_autoptr(StrataPeriodData) some = NULL;
  g_autofree guint8 *all_out = NULL;
  g_autofree guint8 *some_out = NULL;
  g_autofree char *all_to = NULL;
  g_autofree char *some_to = NULL;
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(GPtrArray) metrics = g_ptr_array_new ();
  g_autoptr(GPtrArray) all_evidence = NULL;
  g_autoptr(GPtrArray) some_evidence = NULL;
  guint kept = 0;

  setup (&t);
  for (guint a = 0; a < rules->adjustments->len; a++)
    g_ptr_array_add (metrics, ((StrataAdjustment *) rules->adjustments->pdata[a])->metric);
  g_ptr_array_add (metrics, NULL);
  g_assert_true (strata_calibrate_load_outcomes (t.ws, period_id (&t, 2), &all, &all_out, &all_to, &error));
  g_assert_no_error (error);
  g_assert_true (strata_calibrate_load_outcomes_of (t.ws, period_id (&t, 2),
                                                    (const char * const *) metrics->pdata,
                                                    &some, &some_out, &some_to, &error));
  g_assert_no_error (error);
  g_assert_nonnull (all);
  g_assert_cmpstr (some_to, ==, all_to);
  g_assert_cmpuint (some->n, ==, all->n);
  for (guint i = 0; i < all->n; i++)
    {
      g_assert_cmpuint (some_out[i], ==, all_out[i]);
      kept += all_out[i];
    }
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, all->n);
  all_evidence = strata_calibrate_evidence (rules, all, all_out);
  some_evidence = strata_calibrate_evidence (rules, some, some_out);
  g_assert_cmpuint (all_evidence->len, >, 0);
  g_assert_cmpuint (some_evidence->len, ==, all_evidence->len);
  for (guint e = 0; e < all_evidence->len; e++)
    {
      const StrataCalibrateEvidence *x = all_evidence->pdata[e], *y = some_evidence->pdata[e];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpuint (x->with, ==, y->with);
      g_assert_cmpuint (x->with_retained, ==, y->with_retained);
      g_assert_cmpuint (x->without_retained, ==, y->without_retained);
    }
  test_workspace_teardown (&t);
}

/* A draft equal to the published rules shares its result; an edit scores
 * a result of its own and leaves the published one as it was. */
static void
test_draft_shares_result (void)
{
  TestWorkspace t;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataScoring) scoring = NULL;
  g_autoptr(StrataRules) draft = NULL;
  const StrataResult *published;
  g_autofree double *before = NULL;
  guint differ = 0;

  setup (&t);
  scoring = strata_scoring_new (t.ws, &error);
  g_assert_no_error (error);
  published = strata_scoring_get_published_result (scoring);
  g_assert_nonnull (published);
  g_assert_cmpuint (published->n, >, 300);
  g_assert_true (strata_scoring_get_draft_result (scoring) == published);
  before = g_memdup2 (published->score, sizeof (double) * published->n);

  draft = strata_rules_copy (strata_scoring_get_draft (scoring));
  ((StrataIndicator *) draft->indicators->pdata[0])->weight *= 2;
  strata_scoring_set_draft (scoring, draft);
  g_assert_true (strata_scoring_get_draft_result (scoring) != strata_scoring_get_published_result (scoring));
  for (guint i = 0; i < published->n; i++)
    {
      g_assert_cmpfloat (strata_scoring_get_published_result (scoring)->score[i], ==, before[i]);
      differ += strata_scoring_get_draft_result (scoring)->score[i] != before[i];
    }
  g_assert_cmpuint (differ, >, 0);

  /* Back to the published rules: shared again, same scores. */
  strata_scoring_set_draft (scoring, strata_scoring_get_published (scoring));
  g_assert_true (strata_scoring_get_draft_result (scoring) == strata_scoring_get_published_result (scoring));
  g_assert_cmpfloat (strata_scoring_get_draft_result (scoring)->score[0], ==, before[0]);
  g_clear_object (&scoring);
  test_workspace_teardown (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/period-tiers/open-and-closed", test_tiers_open_and_closed);
  g_test_add_func ("/period-tiers/load-for-scoring", test_load_for_scoring);
  g_test_add_func ("/period-tiers/outcomes-of", test_outcomes_of);
  g_test_add_func ("/period-tiers/draft-shares-result", test_draft_shares_result);
  return g_test_run ();
}
