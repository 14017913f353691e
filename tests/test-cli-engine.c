/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli rules/score/explain/whatif, run as a user would ($STRATA_CLI):
 * exact output, one-line messages naming the file, and exit codes
 * (0 success, 1 bad usage, 2 bad input). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <sys/wait.h>

#include "cli-test-util.h"
#include "engine-test-util.h"
#include "strata-rules-json.h"
#include "strata-ruleset-store.h"

static char *dir;
static char *ws_path;

static char *
write_rules (const char        *name,
             const StrataRules *rules)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (strata_rules_save_file (rules, path, &error));
  return path;
}

static void
test_score_csv (void)
{
  g_auto(CliRun) r = { 0 };

  r.status = run_cli (&r.out, &r.err, "score", ws_path, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "id,name,base_points,adjustment_points,score,base_tier,tier,quadrant,override\n"
                   "C001,\"Acme, \"\"Ltd\"\"\",10,25,35,E,D,,B\n"
                   "C002,Big Co,50,-5,45,C,C,A,\n"
                   "C003,Empty,0,0,0,E,E,,\n");
}

static void
test_score_period_and_json (void)
{
  g_auto(CliRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  JsonObject *first;

  r.status = run_cli (&r.out, &r.err, "score", ws_path, "--period", "2026-Q2", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  first = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "C001");
  g_assert_cmpfloat (json_object_get_double_member (first, "score"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (first, "tier"), ==, "D");
  g_assert_true (json_object_get_null_member (first, "quadrant"));
  g_assert_true (json_object_get_null_member (first, "override"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "id"), ==, "C004");
}

static void
test_score_with_rules_file (void)
{
  g_auto(CliRun) r = { 0 };
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autofree char *path = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *expected = NULL;

  /* Business lines worth 15: C001 scores 45, tier C. Nothing is saved. */
  ((StrataAdjustment *) rules->adjustments->pdata[1])->points = 15;
  path = write_rules ("lines15.json", rules);
  r.status = run_cli (&r.out, &r.err, "score", ws_path, "--rules", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\nC001,\"Acme, \"\"Ltd\"\"\",10,35,45,E,C,,B\n"));
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "score", ws_path, NULL);
  g_assert_nonnull (strstr (r.out, "\nC001,\"Acme, \"\"Ltd\"\"\",10,25,35,E,D,,B\n"));
  cli_run_clear (&r);

  /* A rules file naming a metric the workspace does not have. */
  g_free (((StrataAdjustment *) rules->adjustments->pdata[1])->metric);
  ((StrataAdjustment *) rules->adjustments->pdata[1])->metric = g_strdup ("lines");
  bad = write_rules ("bad-metric.json", rules);
  r.status = run_cli (&r.out, &r.err, "score", ws_path, "--rules", bad, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  expected = g_strdup_printf ("strata-cli: %s: Adjustment 2: Unknown metric “lines”\n", bad);
  g_assert_cmpstr (r.err, ==, expected);
}

static void
test_usage_and_input_errors (void)
{
  g_autofree char *missing = g_build_filename (dir, "missing.strata", NULL);
  g_autofree char *not_json = g_build_filename (dir, "not.json", NULL);
  static const char *cases_usage[][4] = {
    { "score", NULL },
    { "score", "a", "b", NULL },
    { "score", "x.strata", "--format", "xml" },
    { "score", "x.strata", "--bogus", NULL },
    { "rules", NULL },
    { "rules", "delete", NULL },
    { "rules", "import", "x.strata", NULL },
    { "explain", "x.strata", NULL },
    { "whatif", "x.strata", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases_usage); i++)
    {
      g_auto(CliRun) r = { 0 };

      r.status = run_cli (&r.out, &r.err, cases_usage[i][0], cases_usage[i][1], cases_usage[i][2], cases_usage[i][3], NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_true (g_str_has_prefix (r.err, "strata-cli: "));
      /* One line. */
      g_assert_cmpint (strchr (r.err, '\n') - r.err, ==, strlen (r.err) - 1);
    }

  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "score", missing, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, missing));
  }
  {
    g_auto(CliRun) r = { 0 };
    g_autofree char *expected = g_strdup_printf ("strata-cli: %s: no period named “1999-Q1”\n", ws_path);

    r.status = run_cli (&r.out, &r.err, "score", ws_path, "--period", "1999-Q1", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpstr (r.err, ==, expected);
  }
  {
    g_auto(CliRun) r = { 0 };
    g_autofree char *expected = g_strdup_printf ("strata-cli: %s: no customer “C999” in period 2026-Q3\n", ws_path);

    r.status = run_cli (&r.out, &r.err, "explain", ws_path, "C999", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpstr (r.err, ==, expected);
  }
  {
    g_auto(CliRun) r = { 0 };

    g_assert_true (g_file_set_contents (not_json, "{\"format\": \"strata-rules/1\",", -1, NULL));
    r.status = run_cli (&r.out, &r.err, "rules", "import", ws_path, not_json, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_true (g_str_has_prefix (r.err, "strata-cli: "));
    g_assert_nonnull (strstr (r.err, not_json));
    g_assert_nonnull (strstr (r.err, "Parse error"));
    cli_run_clear (&r);
    r.status = run_cli (&r.out, &r.err, "whatif", ws_path, not_json, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, not_json));
  }
}

static void
test_explain (void)
{
  g_auto(CliRun) r = { 0 };

  r.status = run_cli (&r.out, &r.err, "explain", ws_path, "C001", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "Period 2026-Q3, rules version 1\n"
                   "Customer C001: Acme, \"Ltd\"\n"
                   "Base indicators\n"
                   "  Annual order amount 500,000 is in the band 500K to under 1M: 10 points\n"
                   "Adjustments\n"
                   "  Referred customers = 2: +10 (+5 each, at most 15)\n"
                   "  Three or more business lines (Business lines = 3): +5 (+5 when ≥ 3)\n"
                   "  High growth potential = yes: +10 (+10 when yes)\n"
                   "  Listed company = no value: not applied (+5 when yes)\n"
                   "  Overdue invoices = no value: not applied (-10 when ≥ 1)\n"
                   "  Five or more fault tickets (Fault tickets = no value): not applied (-5 when ≥ 5)\n"
                   "Score: 10 base points +25 adjustments = 35\n"
                   "Base tier: E Ordinary\n"
                   "Tier: D Potential (score 35 ≥ 30)\n"
                   "Next tier: C Value from 45, 10 points away\n"
                   "Quadrant: none (a value is missing)\n"
                   "Override: tier B (Key account), by tester on 2026-07-01T09:00:00Z\n"
                   "Final tier: B Key\n");
}

static void
test_explain_translated (void)
{
  g_auto(CliRun) r = { 0 };
  /* Messages are translated once installed; metric labels always. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  r.status = run_cli (&r.out, &r.err, "explain", ws_path, "C002", NULL);
  g_unsetenv ("LANGUAGE");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "C002"));
  /* Metric labels come from the workspace, in the user's language. */
  g_assert_nonnull (strstr (r.out, "年度订单金额 1,200万"));
  g_assert_nonnull (strstr (r.out, "逾期账单数 = 2"));
}

static void
test_whatif (void)
{
  g_auto(CliRun) r = { 0 };
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autofree char *path = NULL;

  /* Four tiers: A 80, B 60, C 40, E; C002 stays C, C001 (override B) stays. */
  g_ptr_array_remove_index (rules->tiers, 3);
  ((StrataTier *) rules->tiers->pdata[2])->min_score = 40;
  ((StrataAdjustment *) rules->adjustments->pdata[0])->cap = 20;
  ((StrataAdjustment *) rules->adjustments->pdata[0])->points = 10;
  path = write_rules ("four-tiers.json", rules);
  r.status = run_cli (&r.out, &r.err, "whatif", ws_path, path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_test_message ("%s", r.out);
  g_assert_true (g_str_has_prefix (r.out, "Period 2026-Q3: rules version 1 → "));
  g_assert_nonnull (strstr (r.out, ", 3 customers\n"
                                   "         A   B   C   E\n"
                                   "A    →   0   0   0   0\n"
                                   "B    →   0   1   0   0\n"
                                   "C    →   0   0   1   0\n"
                                   "D    →   0   0   0   0\n"
                                   "E    →   0   0   0   1\n"
                                   "\n"
                                   "0 customers change tier (0 up, 0 down)\n"));
  cli_run_clear (&r);

  /* Remove the override: C001 scores 10 + 20 + 5 + 10 = 45 -> C (was D). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);

    test_workspace_exec (ws, "UPDATE overrides SET removed_at = '2026-07-02T00:00:00Z'");
  }
  r.status = run_cli (&r.out, &r.err, "whatif", ws_path, path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "D    →   0   0   1   0\n"));
  g_assert_nonnull (strstr (r.out, "1 customer changes tier (1 up, 0 down)\n"
                                   "id,name,old_score,old_tier,new_score,new_tier\n"
                                   "C001,\"Acme, \"\"Ltd\"\"\",35,D,45,C\n"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);

    test_workspace_exec (ws, "UPDATE overrides SET removed_at = NULL");
  }
}

static void
test_rules_export_import (void)
{
  g_auto(CliRun) r = { 0 };
  g_autoptr(StrataRules) defaults = strata_rules_new_default ();
  g_autofree char *default_json = strata_rules_to_json (defaults);
  g_autofree char *exported = g_build_filename (dir, "exported.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(StrataRules) changed = strata_rules_copy (defaults);
  g_autofree char *changed_path = NULL;
  g_autofree char *invalid_path = NULL;

  r.status = run_cli (&r.out, &r.err, "rules", "export", ws_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, default_json);
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "rules", "export", ws_path, "-o", exported, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (exported, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, default_json);
  cli_run_clear (&r);
  /* An output that cannot be written is named as given, not as GLib's
   * temporary file next to it. */
  {
    g_autofree char *nowhere = g_build_filename (dir, "no-such-folder", "x.json", NULL);
    g_autofree char *message = g_strdup_printf ("strata-cli: Cannot write “%s”: the folder “%s%sno-such-folder” does not exist\n",
                                                nowhere, dir, G_DIR_SEPARATOR_S);

    r.status = run_cli (&r.out, &r.err, "rules", "export", ws_path, "-o", nowhere, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpstr (r.err, ==, message);
    cli_run_clear (&r);
  }

  /* Import as draft: the published rules (score) do not change. */
  ((StrataTier *) changed->tiers->pdata[3])->min_score = 35;
  changed_path = write_rules ("d35.json", changed);
  r.status = run_cli (&r.out, &r.err, "rules", "import", ws_path, changed_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  expected = g_strdup_printf ("Saved %s as the draft rules of %s\n", changed_path, ws_path);
  g_assert_cmpstr (r.out, ==, expected);
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "rules", "export", ws_path, NULL);
  g_assert_nonnull (strstr (r.out, "\"min_score\": 35"));
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "rules", "export", ws_path, "--version", "1", NULL);
  g_assert_cmpstr (r.out, ==, default_json);
  cli_run_clear (&r);

  /* An invalid file changes nothing. */
  ((StrataTier *) changed->tiers->pdata[3])->min_score = 50;
  invalid_path = write_rules ("d50.json", changed);
  r.status = run_cli (&r.out, &r.err, "rules", "import", ws_path, invalid_path, "--publish", "bad", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_free (expected);
  expected = g_strdup_printf ("strata-cli: %s: Tier 4: Tiers are out of order: minimum 50 is not "
                              "below 45 of tier “C”\n", invalid_path);
  g_assert_cmpstr (r.err, ==, expected);
  cli_run_clear (&r);

  /* Publish: version 2, and score follows. */
  r.status = run_cli (&r.out, &r.err, "rules", "import", ws_path, changed_path, "--publish", "D from 35", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_free (expected);
  expected = g_strdup_printf ("Published %s as rules version 2 of %s\n", changed_path, ws_path);
  g_assert_cmpstr (r.out, ==, expected);
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "score", ws_path, NULL);
  g_assert_nonnull (strstr (r.out, "\nC001,\"Acme, \"\"Ltd\"\"\",10,25,35,E,D,,B\n"));
  g_assert_nonnull (strstr (r.out, "\nC002,Big Co,50,-5,45,C,C,A,\n"));
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "rules", "export", ws_path, "--version", "7", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no published rules version 7"));
}

/* strata-cli override and override remove: what the customer detail does,
 * with the same audit record; the score shows it. */
static void
test_override (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "override", ws_path, "C002", "A", "--reason", "Signed a three-year frame contract", NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "C002: tier A in 2026-Q3"));
  }
  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "score", ws_path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "\nC002,Big Co,50,-5,45,C,C,A,A\n"));
  }
  ws = strata_workspace_open (ws_path, NULL, &error);
  g_assert_no_error (error);
  stmt = strata_workspace_prepare (ws, "SELECT action, detail, author FROM audit_log"
                                       " ORDER BY id DESC LIMIT 1", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "override.set");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==,
                   "tier A: Signed a three-year frame contract");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, strata_workspace_get_author (ws));
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_object (&ws);

  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "override", ws_path, "C002", "Z", "--reason", "typo", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, ws_path));
    g_assert_nonnull (strstr (r.err, "“Z”"));
    g_assert_nonnull (strstr (r.err, "A, B, C, D, E"));
  }
  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "override", ws_path, "C999", "A", "--reason", "no such customer", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "“C999”"));
  }
  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "override", ws_path, "C002", "A", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "--reason"));
  }
  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "override", "remove", ws_path, "C002", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "C002: override removed in 2026-Q3"));
  }
  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "override", "remove", ws_path, "C002", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, ws_path));
  }
  {
    g_auto(CliRun) r = { 0 };

    r.status = run_cli (&r.out, &r.err, "score", ws_path, NULL);
    g_assert_nonnull (strstr (r.out, "\nC002,Big Co,50,-5,45,C,C,A,\n"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StrataWorkspace) ws = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = test_make_tmp_dir ("strata-cli-engine");
  ws = engine_test_workspace (dir, "cli.strata");
  ws_path = g_strdup (strata_workspace_get_path (ws));
  test_workspace_exec (ws, "INSERT INTO overrides (customer_id, period_id, tier, reason, author, created_at) "
                        "VALUES (10, 2, 'B', 'Key account', 'tester', '2026-07-01T09:00:00Z')");
  g_clear_object (&ws);

  /* Order matters: the last one publishes version 2. */
  g_test_add_func ("/cli-engine/score-csv", test_score_csv);
  g_test_add_func ("/cli-engine/score-period-json", test_score_period_and_json);
  g_test_add_func ("/cli-engine/score-rules-file", test_score_with_rules_file);
  g_test_add_func ("/cli-engine/errors", test_usage_and_input_errors);
  g_test_add_func ("/cli-engine/explain", test_explain);
  g_test_add_func ("/cli-engine/explain-translated", test_explain_translated);
  g_test_add_func ("/cli-engine/whatif", test_whatif);
  g_test_add_func ("/cli-engine/override", test_override);
  g_test_add_func ("/cli-engine/rules-export-import", test_rules_export_import);
  status = g_test_run ();

  test_remove_dir (dir);
  return status;
}
