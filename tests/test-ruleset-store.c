/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine against a real workspace: loading a period as columns, rule
 * set versions (seed, draft, publish, list, restore), overrides, freezing
 * results, and the live StrataScoring object. */
#include "config.h"

#include <math.h>

#include "engine-test-util.h"
#include "import-test-util.h"
#include "strata-override.h"
#include "strata-rules-json.h"
#include "strata-scoring.h"
#include "workspace-test-util.h"
#include "strata-ruleset-store-private.h"
#include "strata-scoring-private.h"
#include "strata-override-private.h"

typedef struct
{
  char            *dir;
  StrataWorkspace *ws;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmp_dir ("strata-engine");
  f->ws = engine_test_workspace (f->dir, "test.strata");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->ws);
  test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_period_data (Fixture       *f,
                  gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autofree char *name = NULL;
  gint64 period = 0;

  g_assert_true (strata_period_find (f->ws, NULL, &period, &name, &error));
  g_assert_cmpint (period, ==, 2);
  g_assert_cmpstr (name, ==, "2026-Q3");
  g_assert_false (strata_period_find (f->ws, "2027-Q1", &period, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_assert_nonnull (strstr (error->message, "no period named “2027-Q1”"));
  g_clear_error (&error);

  data = strata_period_data_load (f->ws, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->n, ==, 3);
  g_assert_cmpstr (data->period_name, ==, "2026-Q3");
  g_assert_cmpint (data->ids[0], ==, 10);
  g_assert_cmpstr (strata_period_data_get_ext_id (data, 1), ==, "C002");
  g_assert_cmpstr (strata_period_data_get_name (data, 0), ==, "Acme, \"Ltd\"");
  g_assert_cmpfloat (strata_period_data_get_value (data, 0, "order_amount"), ==, 500000);
  g_assert_cmpfloat (strata_period_data_get_value (data, 1, "order_amount"), ==, 12000000);
  g_assert_true (isnan (strata_period_data_get_value (data, 2, "order_amount")));
  g_assert_true (isnan (strata_period_data_get_value (data, 0, "no_such_metric")));
  g_assert_cmpint (strata_period_data_find_ext_id (data, "C004"), ==, -1);
  g_assert_cmpint (strata_period_data_find_id (data, 30), ==, 2);
  g_assert_cmpint (strata_period_data_find_id (data, 25), ==, -1);
}

static void
test_seed_and_versions (Fixture       *f,
                        gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) defaults = strata_rules_new_default ();
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataRules) v1 = NULL;
  g_autoptr(StrataRules) v2 = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  StrataRulesetVersion *v;
  guint version = 0;

  /* Seeded: the default rules, published as version 1 and as the draft. */
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (f->ws), ==, 1);
  draft = strata_ruleset_store_get_draft (f->ws, &error);
  g_assert_no_error (error);
  g_assert_true (strata_rules_equal (draft, defaults));
  v1 = strata_ruleset_store_load_version (f->ws, 1, &error);
  g_assert_no_error (error);
  g_assert_true (strata_rules_equal (v1, defaults));

  /* Saving a draft changes neither version 1 nor the version count. */
  ((StrataTier *) draft->tiers->pdata[0])->min_score = 85;
  g_assert_true (strata_ruleset_store_save_draft (f->ws, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (f->ws), ==, 1);
  g_clear_pointer (&draft, strata_rules_free);
  draft = strata_ruleset_store_get_draft (f->ws, &error);
  g_assert_cmpfloat (((StrataTier *) draft->tiers->pdata[0])->min_score, ==, 85);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM rulesets WHERE state = 'draft'"), ==, 1);

  /* Publishing makes version 2 with the note and the author. */
  g_assert_true (strata_ruleset_store_publish (f->ws, draft, "Raise A to 85", &version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  versions = strata_ruleset_store_list_versions (f->ws, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  v = versions->pdata[0];
  g_assert_cmpuint (v->version, ==, 2);
  g_assert_cmpstr (v->note, ==, "Raise A to 85");
  g_assert_cmpstr (v->author, ==, strata_workspace_get_author (f->ws));
  g_assert_cmpuint (strlen (v->published_at), ==, 20);
  g_assert_cmpuint (((StrataRulesetVersion *) versions->pdata[1])->version, ==, 1);
  v2 = strata_ruleset_store_load_version (f->ws, 0, &error);
  g_assert_true (strata_rules_equal (v2, draft));
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM audit_log WHERE action = 'rules.publish' "
                                      "AND subject = 'version 2' AND detail = 'Raise A to 85'"), ==, 1);

  /* Restoring version 1 into the draft. */
  g_assert_true (strata_ruleset_store_restore (f->ws, 1, &error));
  g_clear_pointer (&draft, strata_rules_free);
  draft = strata_ruleset_store_get_draft (f->ws, &error);
  g_assert_true (strata_rules_equal (draft, defaults));
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (f->ws), ==, 2);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM audit_log WHERE action = 'rules.restore'"), ==, 1);

  g_assert_false (strata_ruleset_store_restore (f->ws, 9, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_clear_error (&error);

  /* Invalid rules are not published, and nothing is written. */
  ((StrataAdjustment *) draft->adjustments->pdata[1])->metric = (g_free (((StrataAdjustment *) draft->adjustments->pdata[1])->metric), g_strdup ("bogus"));
  g_assert_false (strata_ruleset_store_publish (f->ws, draft, "bad", NULL, &error));
  g_assert_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Adjustment 2: Unknown metric “bogus”");
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (f->ws), ==, 2);
}

static void
test_overrides (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataResult) result = NULL;
  StrataOverride *o;

  g_assert_false (strata_override_set (f->ws, 2, 10, "B", "  ", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (strata_override_set (f->ws, 2, 10, "C", "First try", &error));
  g_assert_true (strata_override_set (f->ws, 2, 10, "B", "Strategic partner", &error));
  g_assert_no_error (error);

  list = strata_override_list (f->ws, 2, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  o = list->pdata[0];
  g_assert_cmpstr (o->tier, ==, "B");
  g_assert_cmpstr (o->ext_id, ==, "C001");
  g_assert_cmpstr (o->reason, ==, "Strategic partner");
  g_assert_null (o->removed_at);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = strata_override_list (f->ws, 2, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_nonnull (((StrataOverride *) list->pdata[0])->removed_at);

  data = strata_period_data_load (f->ws, 2, &error);
  result = strata_engine_score (rules, data, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->tier[0], ==, 3);
  g_assert_cmpint (result->override_tier[0], ==, 1);
  g_assert_cmpint (result->final_tier[0], ==, 1);

  g_assert_true (strata_override_remove (f->ws, 2, 10, &error));
  g_assert_false (strata_override_remove (f->ws, 2, 10, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_clear_error (&error);
  {
    /* A view with the overrides as they are now; the loaded data stays. */
    g_autoptr(StrataPeriodData) fresh = strata_period_data_reload_overrides (data, f->ws, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fresh->overrides->len, ==, 0);
    g_assert_cmpuint (data->overrides->len, ==, 1);
    g_assert_true (fresh->columns == data->columns);
  }
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM overrides WHERE removed_at IS NOT NULL"), ==, 2);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM audit_log WHERE action LIKE 'override.%'"), ==, 3);
}

static void
test_freeze (Fixture       *f,
             gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) data = strata_period_data_load (f->ws, 2, &error);
  g_autoptr(StrataRules) rules = strata_ruleset_store_load_version (f->ws, 1, &error);
  g_autoptr(StrataResult) result = strata_engine_score (rules, data, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (strata_ruleset_store_freeze_results (f->ws, data, 1, rules, result, &error));
  g_assert_no_error (error);
  /* Twice: replaces, does not duplicate. */
  g_assert_true (strata_ruleset_store_freeze_results (f->ws, data, 1, rules, result, &error));
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM period_results WHERE period_id = 2"), ==, 3);
  g_assert_cmpint (test_query_int (f->ws, "SELECT ruleset_id = (SELECT id FROM rulesets WHERE version = 1) "
                                      "FROM periods WHERE id = 2"), ==, 1);
  stmt = strata_workspace_prepare (f->ws, "SELECT score, base_tier, tier, quadrant FROM period_results "
                                          "WHERE customer_id = 20", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 0), ==, 45);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "C");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "C");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "A");
}

static void
on_scores_changed (StrataScoring *scoring,
                   guint         *count)
{
  (*count)++;
}

static void
test_scoring_object (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataScoring) scoring = strata_scoring_new (f->ws, &error);
  g_autoptr(StrataRules) draft = NULL;
  const StrataWhatIf *whatif;
  guint changes = 0;

  g_assert_no_error (error);
  g_signal_connect (scoring, "scores-changed", G_CALLBACK (on_scores_changed), &changes);
  g_assert_cmpuint (strata_scoring_get_n_rows (scoring), ==, 3);
  g_assert_cmpstr (strata_scoring_get_period_name (scoring), ==, "2026-Q3");
  g_assert_cmpfloat (strata_scoring_get_score (scoring, 0), ==, 35);
  g_assert_cmpint (strata_scoring_get_final_tier (scoring, 0), ==, 3);
  g_assert_cmpint (strata_scoring_get_quadrant (scoring, 1), ==, STRATA_QUADRANT_A);
  g_assert_cmpstr (strata_scoring_get_tier (scoring, 3)->id, ==, "D");
  g_assert_cmpuint (strata_scoring_get_whatif (scoring)->changed_rows->len, ==, 0);

  /* Editing the draft: D from 35, so C001 moves up to C with 45 -> 35. */
  draft = strata_rules_copy (strata_scoring_get_draft (scoring));
  ((StrataTier *) draft->tiers->pdata[2])->min_score = 35;
  strata_scoring_set_draft (scoring, draft);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (strata_scoring_get_final_tier (scoring, 0), ==, 2);
  g_assert_cmpint (strata_scoring_get_published_result (scoring)->final_tier[0], ==, 3);
  whatif = strata_scoring_get_whatif (scoring);
  g_assert_cmpuint (whatif->changed_rows->len, ==, 1);
  g_assert_cmpuint (whatif->matrix[3 * 5 + 2], ==, 1);

  /* An invalid draft: no draft result, problems located, published kept. */
  ((StrataTier *) draft->tiers->pdata[2])->min_score = 70;
  strata_scoring_set_draft (scoring, draft);
  g_assert_null (strata_scoring_get_draft_result (scoring));
  g_assert_null (strata_scoring_get_whatif (scoring));
  g_assert_cmpuint (strata_scoring_get_problems (scoring)->len, ==, 1);
  g_assert_cmpint (((StrataRulesProblem *) strata_scoring_get_problems (scoring)->pdata[0])->section,
                   ==, STRATA_RULES_SECTION_TIER);
  g_assert_true (isnan (strata_scoring_get_score (scoring, 0)));
  g_assert_nonnull (strata_scoring_get_published_result (scoring));

  /* Publishing the fixed draft: the published result follows. */
  ((StrataTier *) draft->tiers->pdata[2])->min_score = 35;
  strata_scoring_set_draft (scoring, draft);
  g_assert_true (strata_scoring_publish (scoring, "C from 35", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strata_scoring_get_published_version (scoring), ==, 2);
  g_assert_cmpint (strata_scoring_get_published_result (scoring)->final_tier[0], ==, 2);

  /* An override reloads by itself. */
  changes = 0;
  g_assert_true (strata_scoring_set_override (scoring, 2, "A", "Board decision", &error));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (strata_scoring_get_final_tier (scoring, 2), ==, 0);
  g_assert_true (strata_scoring_remove_override (scoring, 2, &error));
  g_assert_cmpint (strata_scoring_get_final_tier (scoring, 2), ==, 4);

  /* New data (another helper's import) reloads by itself. */
  test_workspace_set_value (f->ws, 2, 30, "order_amount", 5000000);
  strata_workspace_emit_changed (f->ws, "customers");
  g_assert_cmpfloat (strata_scoring_get_score (scoring, 2), ==, 40);

  g_assert_true (strata_scoring_set_period (scoring, 1, &error));
  g_assert_cmpuint (strata_scoring_get_n_rows (scoring), ==, 2);
  g_assert_cmpstr (strata_scoring_get_ext_id (scoring, 1), ==, "C004");
  g_assert_cmpfloat (strata_scoring_get_value (scoring, 0, "order_amount"), ==, 3000000);
}

/* A workspace without periods: the period id is 0, as everywhere
 * (StrataContext's "period-id" included), not -1. */
static void
test_scoring_no_period (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-engine-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_seed_create_workspace (path, &error);
  g_autoptr(StrataScoring) scoring = NULL;

  g_assert_no_error (error);
  scoring = strata_scoring_new (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_scoring_get_n_rows (scoring), ==, 0);
  g_assert_cmpint (strata_scoring_get_period_id (scoring), ==, 0);

  g_clear_object (&scoring);
  g_clear_object (&ws);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ruleset-store/period-data", test_period_data);
  ADD ("/ruleset-store/seed-and-versions", test_seed_and_versions);
  ADD ("/ruleset-store/overrides", test_overrides);
  ADD ("/ruleset-store/freeze", test_freeze);
  ADD ("/ruleset-store/scoring-object", test_scoring_object);
  g_test_add_func ("/ruleset-store/scoring-no-period", test_scoring_no_period);
  return g_test_run ();
}
