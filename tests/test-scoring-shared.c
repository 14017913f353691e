/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two StrataScoring objects on one workspace and period share the cached
 * period data but not its overrides: an override edit gives each its own
 * view with the new overrides, while the cached data, and every pointer
 * taken into it before, stay as they were. A draft scored on a worker (as
 * from 50,000 customers, forced here) ends exactly as scored at once. */
#include "config.h"

#include <glib/gstdio.h>

#include "strata-demo.h"
#include "strata-metric.h"
#include "strata-period-data-private.h"
#include "strata-ruleset-store.h"
#include "strata-scoring.h"
#include "strata-scoring-private.h"

typedef struct
{
  char            *dir;
  char            *path;
  StrataWorkspace *ws;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("strata-scoring-shared-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "demo.strata", NULL);
  g_assert_true (strata_demo_write (f->path, 200, 3, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  unused)
{
  g_clear_object (&f->ws);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The first row of the tier's customers that has no override. */
static guint
row_not_in_tier (StrataScoring *scoring,
                 guint8         tier)
{
  for (guint i = 0; i < strata_scoring_get_n_rows (scoring); i++)
    if (strata_scoring_get_final_tier (scoring, i) != tier &&
        strata_period_data_get_override (strata_scoring_get_data (scoring), i) == NULL)
      return i;
  g_assert_not_reached ();
}

static void
test_overrides_apart (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataScoring) a = strata_scoring_new (f->ws, &error);
  g_autoptr(StrataScoring) b = strata_scoring_new (f->ws, &error);
  g_autoptr(StrataPeriodData) cached = NULL;
  g_autoptr(StrataPeriodData) a_before = NULL;
  const StrataPeriodData *a_data, *b_data;
  guint n_before, row;
  gint64 period_id;

  g_assert_no_error (error);
  period_id = strata_scoring_get_period_id (a);
  g_assert_cmpint (period_id, >, 0);
  g_assert_cmpint (strata_scoring_get_period_id (b), ==, period_id);

  /* Both start from the one cached load of the period. */
  cached = strata_period_data_load (f->ws, period_id, &error);
  g_assert_no_error (error);
  g_assert_true (strata_scoring_get_data (a) == cached);
  g_assert_true (strata_scoring_get_data (b) == cached);
  n_before = cached->overrides->len;
  /* Shared data can no longer be changed in place. */
  g_test_expect_message ("strata-core", G_LOG_LEVEL_CRITICAL, "*is_private*");
  strata_period_data_add_override (cached, 0, "A", "sneaky", NULL, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (cached->overrides->len, ==, n_before);

  row = row_not_in_tier (a, 0);
  a_before = strata_period_data_ref ((StrataPeriodData *) strata_scoring_get_data (a));
  g_assert_true (strata_scoring_set_override (a, row, "A", "Board decision", &error));
  g_assert_no_error (error);

  /* Each scoring has its own overrides, with the new one, and scores it. */
  a_data = strata_scoring_get_data (a);
  b_data = strata_scoring_get_data (b);
  g_assert_true (a_data != cached && b_data != cached);
  g_assert_true (a_data->overrides != b_data->overrides);
  g_assert_cmpuint (a_data->overrides->len, ==, n_before + 1);
  g_assert_cmpuint (b_data->overrides->len, ==, n_before + 1);
  g_assert_cmpstr (strata_period_data_get_override (a_data, row)->tier, ==, "A");
  g_assert_cmpstr (strata_period_data_get_override (b_data, row)->reason, ==, "Board decision");
  g_assert_cmpuint (strata_scoring_get_final_tier (a, row), ==, 0);
  g_assert_cmpuint (strata_scoring_get_final_tier (b, row), ==, 0);
  /* The views share the columns: nothing was copied but the overrides. */
  g_assert_true (a_data->columns == cached->columns && b_data->ids == cached->ids);

  /* The cached data, and what A held before, are unchanged. */
  g_assert_cmpuint (cached->overrides->len, ==, n_before);
  g_assert_null (strata_period_data_get_override (cached, row));
  g_assert_true (a_before == cached);

  /* B keeps its override pointer while A removes the override. */
  {
    g_autoptr(StrataPeriodData) b_held = strata_period_data_ref ((StrataPeriodData *) b_data);
    const StrataPeriodOverride *o = strata_period_data_get_override (b_held, row);

    g_assert_true (strata_scoring_remove_override (a, row, &error));
    g_assert_no_error (error);
    g_assert_null (strata_period_data_get_override (strata_scoring_get_data (a), row));
    g_assert_null (strata_period_data_get_override (strata_scoring_get_data (b), row));
    g_assert_cmpstr (o->tier, ==, "A");
    g_assert_cmpstr (o->reason, ==, "Board decision");
    g_assert_cmpuint (b_held->overrides->len, ==, n_before + 1);
  }
  g_assert_cmpuint (strata_scoring_get_final_tier (a, row), !=, 0);
  g_assert_cmpuint (strata_scoring_get_final_tier (a, row), ==, strata_scoring_get_final_tier (b, row));
  g_assert_cmpuint (cached->overrides->len, ==, n_before);
}

static void
exec_ok (StrataWorkspace *ws,
         const char      *sql)
{
  g_assert_cmpint (sqlite3_exec (strata_workspace_get_db (ws), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A draft save or publishing writes no row a period reads: the next load
 * is the cached data, not a second read of the whole period. A change to
 * the period's values, a customer's name, an override or the metrics is a
 * new load, also when made with plain SQL. */
static void
test_cache_key (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (f->ws, &error);
  g_autoptr(StrataPeriodData) first = NULL;
  g_autoptr(StrataPeriodData) again = NULL;
  g_autoptr(StrataPeriodData) valued = NULL;
  g_autoptr(StrataPeriodData) renamed = NULL;
  g_autoptr(StrataPeriodData) raw = NULL;
  g_autofree char *sql = NULL;
  gint64 period_id = 0;
  gint64 customer_id;
  int row;

  g_assert_no_error (error);
  g_assert_true (strata_period_find (f->ws, NULL, &period_id, NULL, &error));
  first = strata_period_data_load (f->ws, period_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n, >, 8);
  customer_id = first->ids[7];

  /* Rules: the draft saved twice, then published. */
  ((StrataBand *) ((StrataIndicator *) g_ptr_array_index (draft->indicators, 0))->bands->data)->points += 3;
  g_assert_true (strata_ruleset_store_save_draft (f->ws, draft, &error));
  g_assert_no_error (error);
  ((StrataBand *) ((StrataIndicator *) g_ptr_array_index (draft->indicators, 0))->bands->data)->points += 1;
  g_assert_true (strata_ruleset_store_save_draft (f->ws, draft, &error));
  g_assert_true (strata_ruleset_store_publish (f->ws, draft, "cache", NULL, &error));
  g_assert_no_error (error);
  again = strata_period_data_load (f->ws, period_id, &error);
  g_assert_true (again == first);
  g_clear_pointer (&again, strata_period_data_unref);

  /* A metric value of the period, through a transaction as Strata writes. */
  g_assert_true (strata_workspace_begin (f->ws, &error));
  sql = g_strdup_printf ("UPDATE period_customers SET values_json = json_set (values_json, '$.\"%lld\"', 123456.5)"
                         " WHERE period_id = %lld AND customer_id = %lld",
                         (long long) strata_metric_id_for_key (f->ws, first->metric_keys[0], NULL),
                         (long long) period_id, (long long) customer_id);
  exec_ok (f->ws, sql);
  g_assert_true (strata_workspace_commit (f->ws, &error));
  g_assert_no_error (error);
  valued = strata_period_data_load (f->ws, period_id, &error);
  g_assert_true (valued != first);
  row = strata_period_data_find_id (valued, customer_id);
  g_assert_cmpfloat (valued->columns[0][row], ==, 123456.5);

  /* A customer's name: a row of a table the period reads, not the period's. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE customers SET name = 'Renamed Ltd' WHERE id = %lld",
                         (long long) customer_id);
  exec_ok (f->ws, sql);
  renamed = strata_period_data_load (f->ws, period_id, &error);
  g_assert_true (renamed != valued);
  g_assert_cmpstr (strata_period_data_get_name (renamed, row), ==, "Renamed Ltd");

  /* Plain SQL on the period's rows (a WITHOUT ROWID table). */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM period_customers WHERE period_id = %lld AND customer_id = %lld",
                         (long long) period_id, (long long) customer_id);
  exec_ok (f->ws, sql);
  raw = strata_period_data_load (f->ws, period_id, &error);
  g_assert_no_error (error);
  g_assert_true (raw != renamed);
  g_assert_cmpuint (raw->n, ==, renamed->n - 1);
  g_assert_cmpint (strata_period_data_find_id (raw, customer_id), <, 0);
}

/* The draft's rules with the first indicator's weight set. */
static StrataRules *
with_weight (StrataScoring *scoring,
             double         weight)
{
  StrataRules *rules = strata_rules_copy (strata_scoring_get_latest_draft (scoring));

  ((StrataIndicator *) rules->indicators->pdata[0])->weight = weight;
  return rules;
}

static double
weight_of (const StrataRules *rules)
{
  return ((StrataIndicator *) rules->indicators->pdata[0])->weight;
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* Until the draft set is scored (a minute at most). */
static void
wait_scored (StrataScoring *scoring)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (strata_scoring_get_draft_pending (scoring) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (strata_scoring_get_draft_pending (scoring));
}

/* Everything a reader sees of the draft's scoring equals what a scoring
 * that scored rules at once holds. */
static void
assert_scored_as (StrataScoring     *scoring,
                  const StrataRules *rules)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataScoring) direct = strata_scoring_new (strata_scoring_get_workspace (scoring), &error);
  StrataResult *a, *b;
  const StrataWhatIf *wa, *wb;
  guint n_tiers;

  g_assert_no_error (error);
  strata_scoring_set_draft (direct, rules);
  g_assert_false (strata_scoring_get_draft_pending (direct));
  g_assert_true (strata_rules_equal (strata_scoring_get_draft (scoring), rules));
  a = strata_scoring_get_draft_result (scoring);
  b = strata_scoring_get_draft_result (direct);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpuint (a->n_tiers, ==, b->n_tiers);
  g_assert_cmpmem (a->final_tier, a->n, b->final_tier, b->n);
  g_assert_cmpmem (a->quadrant, a->n, b->quadrant, b->n);
  g_assert_cmpmem (a->score, a->n * sizeof (double), b->score, b->n * sizeof (double));
  n_tiers = a->n_tiers;
  g_assert_cmpmem (strata_scoring_get_draft_tier_counts (scoring), n_tiers * sizeof (guint),
                   strata_scoring_get_draft_tier_counts (direct), n_tiers * sizeof (guint));
  wa = strata_scoring_get_whatif (scoring);
  wb = strata_scoring_get_whatif (direct);
  g_assert_nonnull (wa);
  g_assert_cmpuint (wa->n_up, ==, wb->n_up);
  g_assert_cmpuint (wa->n_down, ==, wb->n_down);
  g_assert_cmpmem (wa->matrix, wa->n_from * wa->n_to * sizeof (guint),
                   wb->matrix, wb->n_from * wb->n_to * sizeof (guint));
  g_assert_cmpmem (wa->changed_rows->data, wa->changed_rows->len * sizeof (guint),
                   wb->changed_rows->data, wb->changed_rows->len * sizeof (guint));
  g_assert_cmpuint (strata_scoring_get_problems (scoring)->len, ==, 0);
}

static void
test_draft_on_worker (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataScoring) s = strata_scoring_new (f->ws, &error);
  g_autoptr(StrataRules) heavier = NULL;
  g_autoptr(StrataRules) lighter = NULL;
  g_autoptr(StrataRules) invalid = NULL;
  StrataResult *before;
  guint changed = 0, sum = 0;
  const guint *counts;

  g_assert_no_error (error);
  g_signal_connect_swapped (s, "scores-changed", G_CALLBACK (count_signal), &changed);
  strata_scoring_set_draft_async_rows (s, 1);
  before = strata_scoring_get_draft_result (s);
  heavier = with_weight (s, 1.8);
  lighter = with_weight (s, 0.6);

  /* Until its result is there, every reader sees the last scored draft. */
  strata_scoring_set_draft (s, heavier);
  g_assert_true (strata_scoring_get_draft_pending (s));
  g_assert_cmpfloat (weight_of (strata_scoring_get_draft (s)), ==, 1);
  g_assert_cmpfloat (weight_of (strata_scoring_get_latest_draft (s)), ==, 1.8);
  g_assert_true (strata_scoring_get_draft_result (s) == before);
  g_assert_cmpuint (changed, ==, 0);
  wait_scored (s);
  g_assert_cmpuint (changed, ==, 1);
  assert_scored_as (s, heavier);
  /* The counts are the result's: every customer in a tier, some moved. */
  counts = strata_scoring_get_draft_tier_counts (s);
  for (guint t = 0; t < strata_scoring_get_draft_result (s)->n_tiers; t++)
    sum += counts[t];
  g_assert_cmpuint (sum, ==, strata_scoring_get_n_rows (s));
  g_assert_cmpuint (strata_scoring_get_whatif (s)->changed_rows->len, >, 0);

  /* Two edits in a row: the first one's result is dropped unseen. */
  changed = 0;
  strata_scoring_set_draft (s, lighter);
  strata_scoring_set_draft (s, heavier);
  wait_scored (s);
  g_assert_cmpuint (changed, ==, 1);
  assert_scored_as (s, heavier);

  /* A re-score of new overrides while an edit is scored takes that edit
   * at once; its job's result, when it comes, is dropped. */
  changed = 0;
  strata_scoring_set_draft (s, lighter);
  g_assert_true (strata_scoring_set_override (s, 0, "A", "Board decision", &error));
  g_assert_no_error (error);
  g_assert_false (strata_scoring_get_draft_pending (s));
  g_assert_cmpuint (changed, ==, 1);
  assert_scored_as (s, lighter);
  g_assert_cmpuint (strata_scoring_get_final_tier (s, 0), ==, 0);
  strata_scoring_set_draft (s, heavier);
  wait_scored (s);
  g_assert_cmpuint (changed, ==, 2);
  assert_scored_as (s, heavier);

  /* Saving writes the draft last set, not the one scored last. */
  strata_scoring_set_draft (s, lighter);
  g_assert_true (strata_scoring_save_draft (s, &error));
  g_assert_no_error (error);
  {
    g_autoptr(StrataRules) saved = strata_ruleset_store_get_draft (f->ws, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (weight_of (saved), ==, 0.6);
  }
  /* Its own save reads nothing again: still scored on the worker. */
  g_assert_true (strata_scoring_get_draft_pending (s));
  wait_scored (s);
  assert_scored_as (s, lighter);

  /* An invalid draft has no result to wait for. */
  invalid = with_weight (s, 1);
  g_ptr_array_set_size (invalid->tiers, 0);
  strata_scoring_set_draft (s, invalid);
  g_assert_false (strata_scoring_get_draft_pending (s));
  g_assert_null (strata_scoring_get_draft_result (s));
  g_assert_null (strata_scoring_get_draft_tier_counts (s));
  g_assert_cmpuint (strata_scoring_get_problems (s)->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/scoring-shared/overrides-apart", Fixture, NULL, fixture_setup,
              test_overrides_apart, fixture_teardown);
  g_test_add ("/scoring-shared/cache-key", Fixture, NULL, fixture_setup,
              test_cache_key, fixture_teardown);
  g_test_add ("/scoring-shared/draft-on-worker", Fixture, NULL, fixture_setup,
              test_draft_on_worker, fixture_teardown);
  return g_test_run ();
}
