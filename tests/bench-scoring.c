/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scoring benchmark:
 *   bench-scoring [--dir DIR] [--runs K] [N_CUSTOMERS...]
 * For each size (default 600 and 1000000; or $STRATA_BENCH_CUSTOMERS, e.g.
 * "600 1000000") it uses DIR/demo-N.strata (written as `strata-cli demo
 * --customers N` writes it when missing; DIR defaults to /tmp/strata-bench)
 * and times, in the same run:
 * - in this process: opening the workspace and loading the latest period
 *   as columns, cold (a new StrataWorkspace, the file dropped from the OS
 *   page cache), warm (a new StrataWorkspace, the file cached) and again on
 *   the same workspace (strata_period_data_load's cache), and from
 *   values_json (the period's columnar form dropped: the format-3 load,
 *   open not counted); rescoring, a
 *   what-if diff and a keystroke on data in memory; the same scoring as ONE
 *   SQL query (each metric taken out of values_json with json_extract (),
 *   the rules as CASE expressions), cold and warm, checked against the
 *   engine;
 * - the whole commands a user runs, as processes from start to exit:
 *   `strata-cli score FILE` and `sqlite3 FILE "<that query>"`, each with
 *   its output to /dev/null, cold and warm; `strata-cli periods FILE`
 *   against sqlite3 counting each period's rows (what format 3 listed).
 * Wall-clock times; K runs of each (default 3, $STRATA_BENCH_RUNS). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-demo.h"
#include "bench-util.h"
#include "strata-demo.h"
#include "strata-scoring.h"
#include "strata-rules-private.h"

static gint64
metric_id (StrataWorkspace *ws,
           const char      *key)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, "SELECT id FROM metrics WHERE key = ?1", NULL);

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
num (GString *sql,
     double   v)
{
  g_autofree char *text = strata_format_number (v);

  g_string_append (sql, text);
}

/* The rules as one SQL query: the period's values as one row per customer
 * (json_extract () of each metric), then the same bands, conditions,
 * caps, tiers and quadrants as CASE expressions. Returns (customer_id, score, tier, quadrant). */
static char *
rules_to_sql (StrataWorkspace   *ws,
              const StrataRules *rules,
              gint64             period_id)
{
  g_autoptr(GPtrArray) metrics = strata_rules_get_metrics (rules);
  GString *sql = g_string_new ("WITH v AS (SELECT customer_id AS id");

  for (guint m = 0; m < metrics->len; m++)
    g_string_append_printf (sql, ", json_extract (values_json, '$.\"%" G_GINT64_FORMAT "\"') AS \"%s\"",
                            metric_id (ws, metrics->pdata[m]), (char *) metrics->pdata[m]);
  g_string_append_printf (sql, " FROM period_customers WHERE period_id = %" G_GINT64_FORMAT
                          "), s AS (SELECT pc.customer_id AS id, (0", period_id);
  for (guint i = 0; i < rules->indicators->len; i++)
    {
      const StrataIndicator *ind = rules->indicators->pdata[i];

      g_string_append (sql, " + ");
      num (sql, ind->weight);
      g_string_append (sql, " * CASE");
      for (guint j = 0; j < ind->bands->len; j++)
        {
          const StrataBand *b = &g_array_index (ind->bands, StrataBand, j);

          g_string_append_printf (sql, " WHEN \"%s\" >= ", ind->metric);
          num (sql, b->from);
          if (isfinite (b->to))
            {
              g_string_append_printf (sql, " AND \"%s\" < ", ind->metric);
              num (sql, b->to);
            }
          g_string_append (sql, " THEN ");
          num (sql, b->points);
        }
      g_string_append (sql, " ELSE 0 END");
    }
  g_string_append (sql, ") AS base, (0");
  for (guint i = 0; i < rules->adjustments->len; i++)
    {
      const StrataAdjustment *a = rules->adjustments->pdata[i];
      static const char *ops[] = { ">=", "<=", ">", "<", "=" };
      g_autofree char *total = NULL;

      if (!a->enabled)
        continue;
      g_string_append_printf (sql, " + CASE WHEN \"%s\" ", a->metric);
      if (a->condition <= STRATA_CONDITION_EQ)
        {
          g_string_append_printf (sql, "%s ", ops[a->condition]);
          num (sql, a->a);
        }
      else if (a->condition == STRATA_CONDITION_BETWEEN)
        {
          g_string_append (sql, "BETWEEN ");
          num (sql, a->a);
          g_string_append (sql, " AND ");
          num (sql, a->b);
        }
      else
        g_string_append (sql, "<> 0");
      g_string_append (sql, " THEN ");
      if (a->per_unit && !isnan (a->cap))
        {
          g_string_append (sql, "max(min(");
          num (sql, a->points);
          g_string_append_printf (sql, " * \"%s\", ", a->metric);
          num (sql, a->cap);
          g_string_append (sql, "), ");
          num (sql, -a->cap);
          g_string_append (sql, ")");
        }
      else if (a->per_unit)
        {
          num (sql, a->points);
          g_string_append_printf (sql, " * \"%s\"", a->metric);
        }
      else
        num (sql, isnan (a->cap) ? a->points : CLAMP (a->points, -a->cap, a->cap));
      g_string_append (sql, " ELSE 0 END");
    }
  g_string_append_printf (sql, ") AS adj, \"%s\" AS x, \"%s\" AS y FROM period_customers pc "
                          "LEFT JOIN v ON v.id = pc.customer_id WHERE pc.period_id = %" G_GINT64_FORMAT ")"
                          " SELECT id, base + adj AS score, CASE",
                          rules->quadrant.x_metric, rules->quadrant.y_metric, period_id);
  for (guint t = 0; t + 1 < rules->tiers->len; t++)
    {
      g_string_append (sql, " WHEN base + adj >= ");
      num (sql, ((StrataTier *) rules->tiers->pdata[t])->min_score);
      g_string_append_printf (sql, " THEN %u", t);
    }
  g_string_append_printf (sql, " ELSE %u END AS tier, CASE WHEN x IS NULL OR y IS NULL THEN 0 "
                          "ELSE 1 + (x < ", rules->tiers->len - 1);
  num (sql, rules->quadrant.x_threshold);
  g_string_append (sql, ") + 2 * (y < ");
  num (sql, rules->quadrant.y_threshold);
  g_string_append (sql, ") END AS quadrant FROM s ORDER BY id");
  return g_string_free (sql, FALSE);
}

static StrataWorkspace *
open_workspace (const char *path,
                gint64     *period_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);

  if (ws == NULL || !strata_period_find (ws, NULL, period_id, NULL, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&ws);
}

/* Opens a new workspace and loads the period as columns: what a window or
 * a command does first. */
static double
time_load (const char        *path,
           StrataPeriodData **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  gint64 period_id;
  double t = bench_now_ms ();

  ws = open_workspace (path, &period_id);
  *out = strata_period_data_load (ws, period_id, &error);
  g_assert_no_error (error);
  return bench_now_ms () - t;
}

/* The same load from values_json (what a period without its columnar
 * form, or format 3, reads): the columns dropped in a savepoint that is
 * rolled back. Warm, new workspace; the open is not counted. */
static double
time_load_json (const char *path,
                guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  gint64 period_id;
  double t;

  ws = open_workspace (path, &period_id);
  strata_workspace_exec (ws, "SAVEPOINT json; DELETE FROM period_columns", &error);
  g_assert_no_error (error);
  t = bench_now_ms ();
  data = strata_period_data_load (ws, period_id, &error);
  t = bench_now_ms () - t;
  g_assert_no_error (error);
  g_assert_cmpuint (data->n, ==, n);
  strata_workspace_exec (ws, "ROLLBACK TO json; RELEASE json", &error);
  g_assert_no_error (error);
  return t;
}

/* The one-query SQL on a new workspace; counts rows that differ from the
 * engine's result. */
static double
time_sql (const char         *path,
          const char         *sql,
          const StrataPeriodData *data,
          const StrataResult *result,
          guint              *mismatches,
          double             *sum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 period_id;
  guint row = 0;
  double t = bench_now_ms ();

  ws = open_workspace (path, &period_id);
  stmt = strata_workspace_prepare (ws, sql, &error);
  g_assert_no_error (error);
  *mismatches = 0;
  *sum = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double score = sqlite3_column_double (stmt, 1);

      *sum += score;
      if (row >= data->n || sqlite3_column_int64 (stmt, 0) != data->ids[row] ||
          score != result->score[row] || sqlite3_column_int (stmt, 2) != result->tier[row] ||
          sqlite3_column_int (stmt, 3) != result->quadrant[row])
        (*mismatches)++;
      row++;
    }
  t = bench_now_ms () - t;
  if (row != data->n)
    *mismatches += MAX (row, data->n) - MIN (row, data->n);
  return t;
}

static gboolean
bench_one (const char *path,
           const char *cli,
           guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataCompiledRules) compiled = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(StrataResult) result_b = NULL;
  g_autoptr(StrataScoring) scoring = NULL;
  g_autofree char *sql = NULL;
  g_autofree double *load_cold = g_new0 (double, runs);
  g_autofree double *load_warm = g_new0 (double, runs);
  g_autofree double *load_hit = g_new0 (double, runs);
  g_autofree double *sql_cold = g_new0 (double, runs);
  g_autofree double *sql_warm = g_new0 (double, runs);
  double score_ms[21], whatif_ms[11], keystroke_ms[11], t;
  double engine_sum = 0, sql_sum = 0, cli_cold, cli_warm, sqlite_cold, sqlite_warm;
  double load_c, load_w, score_w, sql_c, sql_w;
  const char *cold = "cold";
  guint mismatches = 0, bad = 0, changed = 0;
  gint64 period_id;

  for (guint k = 0; k < runs; k++)
    {
      g_autoptr(StrataPeriodData) d = NULL;
      const char *state = bench_drop_cache (path);

      if (g_strcmp0 (state, "cold") != 0)
        cold = state;
      load_cold[k] = time_load (path, &d);
    }
  for (guint k = 0; k < runs; k++)
    {
      g_clear_pointer (&data, strata_period_data_unref);
      load_warm[k] = time_load (path, &data);
    }

  ws = open_workspace (path, &period_id);
  rules = strata_ruleset_store_load_version (ws, 0, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < runs; k++)
    {
      g_autoptr(StrataPeriodData) d = NULL;

      t = bench_now_ms ();
      d = strata_period_data_load (ws, period_id, &error);
      load_hit[k] = bench_now_ms () - t;
      g_assert_no_error (error);
    }

  printf ("%s: %u customers, %u metrics, period %s\n", path, data->n, data->n_metrics,
          data->period_name);
  printf (" in this process:\n");
  bench_print ("open + load period as columns", cold, load_cold, runs);
  load_c = bench_median (load_cold, runs);
  bench_print ("open + load period as columns", "warm, new workspace", load_warm, runs);
  load_w = bench_median (load_warm, runs);
  bench_print ("load period again", "warm, same workspace: its cache", load_hit, runs);
  {
    g_autofree double *load_json = g_new0 (double, runs);

    for (guint k = 0; k < runs; k++)
      load_json[k] = time_load_json (path, data->n);
    /* The open is not in this figure: compare with the columns' load. */
    bench_print ("load period from values_json (no columns; open not counted)",
                 "warm, new workspace", load_json, runs);
  }

  compiled = strata_engine_compile (rules, data, &error);
  g_assert_no_error (error);
  result = strata_result_new (data->n);
  for (guint k = 0; k < G_N_ELEMENTS (score_ms); k++)
    {
      t = bench_now_ms ();
      strata_engine_run (compiled, result);
      score_ms[k] = bench_now_ms () - t;
    }
  bench_print ("rescore (compiled rules)", "warm", score_ms, G_N_ELEMENTS (score_ms));
  score_w = bench_median (score_ms, G_N_ELEMENTS (score_ms));

  /* What-if: raise tier C to 50. */
  draft = strata_rules_copy (rules);
  ((StrataTier *) draft->tiers->pdata[2])->min_score = 50;
  result_b = strata_engine_score (draft, data, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (whatif_ms); k++)
    {
      g_autoptr(StrataWhatIf) w = NULL;

      t = bench_now_ms ();
      w = strata_whatif_compute (rules, result, draft, result_b);
      whatif_ms[k] = bench_now_ms () - t;
      changed = w->changed_rows->len;
    }
  bench_print ("what-if diff", "warm", whatif_ms, G_N_ELEMENTS (whatif_ms));
  printf ("    (%u customers change tier)\n", changed);

  /* A keystroke in the rules editor: validate, compile, score, diff. */
  scoring = strata_scoring_new (ws, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (keystroke_ms); k++)
    {
      ((StrataTier *) draft->tiers->pdata[2])->min_score = 46 + k % 3;
      t = bench_now_ms ();
      strata_scoring_set_draft (scoring, draft);
      keystroke_ms[k] = bench_now_ms () - t;
    }
  bench_print ("keystroke (StrataScoring)", "warm", keystroke_ms, G_N_ELEMENTS (keystroke_ms));

  sql = rules_to_sql (ws, rules, period_id);
  cold = "cold";
  for (guint k = 0; k < runs; k++)
    {
      const char *state = bench_drop_cache (path);

      if (g_strcmp0 (state, "cold") != 0)
        cold = state;
      sql_cold[k] = time_sql (path, sql, data, result, &mismatches, &sql_sum);
      bad += mismatches;
    }
  for (guint k = 0; k < runs; k++)
    {
      sql_warm[k] = time_sql (path, sql, data, result, &mismatches, &sql_sum);
      bad += mismatches;
    }
  bench_print ("open + the same scoring as one SQL query", cold, sql_cold, runs);
  sql_c = bench_median (sql_cold, runs);
  bench_print ("open + the same scoring as one SQL query", "warm, new workspace", sql_warm, runs);
  sql_w = bench_median (sql_warm, runs);
  bench_print_ratio ("ratio SQL / (open + load + rescore), cold", sql_c / (load_c + score_w));
  bench_print_ratio ("ratio SQL / (open + load + rescore), warm", sql_w / (load_w + score_w));

  printf (" whole commands (processes, start to exit, output to /dev/null):\n");
  {
    const char *score_argv[] = { cli, "score", path, NULL };
    const char *sqlite_argv[] = { "sqlite3", path, sql, NULL };

    bench_command ("strata-cli score", path, score_argv, NULL, runs, &cli_cold, &cli_warm);
    bench_command ("sqlite3 FILE \"<the one SQL query>\"", path, sqlite_argv, NULL, runs,
                   &sqlite_cold, &sqlite_warm);
  }
  bench_print_ratio ("ratio sqlite3 / strata-cli score, cold", sqlite_cold / cli_cold);
  bench_print_ratio ("ratio sqlite3 / strata-cli score, warm", sqlite_warm / cli_warm);
  {
    /* Listing the periods with their customer counts: the columns' count
     * against count(*) of each period's rows (what format 3 ran). */
    const char *periods_argv[] = { cli, "periods", path, NULL };
    const char *count_argv[] = { "sqlite3", path,
                                 "SELECT period_id, count(*) FROM period_customers GROUP BY period_id",
                                 NULL };
    double periods_cold, periods_warm, count_cold, count_warm;

    bench_command ("strata-cli periods", path, periods_argv, NULL, runs, &periods_cold, &periods_warm);
    bench_command ("sqlite3 FILE \"<count(*) per period>\"", path, count_argv, NULL, runs,
                   &count_cold, &count_warm);
    bench_print_ratio ("ratio sqlite3 count(*) / strata-cli periods, warm", count_warm / periods_warm);
  }

  for (guint i = 0; i < data->n; i++)
    engine_sum += result->score[i];
  printf ("check: score sums engine %.0f, SQL %.0f; %u rows differ\n\n", engine_sum, sql_sum, bad);
  fflush (stdout);
  return bad == 0 && engine_sum == sql_sum;
}

int
main (int   argc,
      char *argv[])
{
  return bench_demo_main (argc, argv, "bench-scoring", "Runs of each cold and warm figure (default 3)", "600 1000000",
                          "wall-clock times; cold = a new StrataWorkspace and the file dropped from the OS page cache",
                          bench_one);
}
