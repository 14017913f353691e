/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (built, not run by meson test):
 *   bench-scoring [WORKSPACE] [N_CUSTOMERS]
 * Writes a demo workspace of N customers (default 1,000,000, one period)
 * unless WORKSPACE exists, then measures loading the period as columns,
 * rescoring (median of many runs), a what-if diff, a full keystroke
 * (StrataScoring: validate + compile + score + diff), and the same scoring
 * written as ONE SQL query (each metric taken out of values_json with
 * json_extract (), the rules as CASE expressions)
 * over the same workspace, and checks that both agree. Times are this
 * thread's CPU time (the machine may be busy with other work). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "strata-demo.h"
#include "strata-scoring.h"

/* CPU time of this thread: the machine may be shared, and the target is
 * "on one core". Wall-clock totals are printed alongside. */
static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

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

int
main (int   argc,
      char *argv[])
{
  const char *path = argc > 1 ? argv[1] : "/tmp/strata-bench.strata";
  guint n_customers = argc > 2 ? (guint) atoi (argv[2]) : 1000000;
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double t, load_ms[3], score_ms[21], whatif_ms[11], keystroke_ms[11], sql_ms[3];
  double engine_sum = 0, sql_sum = 0;
  guint mismatches = 0, changed = 0;
  gint64 period_id;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      printf ("writing a demo workspace of %u customers to %s...\n", n_customers, path);
      t = now_ms ();
      if (!strata_demo_write (path, n_customers, STRATA_DEMO_DEFAULT_SEED, 1, STRATA_DEMO_NONE,
                              NULL, NULL, &error))
        g_error ("%s", error->message);
      printf ("  demo written in %.0f ms\n", now_ms () - t);
    }
  ws = strata_workspace_open (path, NULL, &error);
  if (ws == NULL || !strata_period_find (ws, NULL, &period_id, NULL, &error))
    g_error ("%s", error->message);
  rules = strata_ruleset_store_load_version (ws, 0, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (load_ms); k++)
    {
      g_clear_pointer (&data, strata_period_data_unref);
      t = now_ms ();
      data = strata_period_data_load (ws, period_id, &error);
      load_ms[k] = now_ms () - t;
      g_assert_no_error (error);
    }
  printf ("customers: %u, metrics: %u, period: %s\n", data->n, data->n_metrics, data->period_name);
  printf ("load period as columns:     %8.1f ms (median of %u)\n",
          median (load_ms, G_N_ELEMENTS (load_ms)), (guint) G_N_ELEMENTS (load_ms));

  compiled = strata_engine_compile (rules, data, &error);
  g_assert_no_error (error);
  result = strata_result_new (data->n);
  for (guint k = 0; k < G_N_ELEMENTS (score_ms); k++)
    {
      t = now_ms ();
      strata_engine_run (compiled, result);
      score_ms[k] = now_ms () - t;
    }
  printf ("rescore (compiled rules):   %8.2f ms (median of %u)\n",
          median (score_ms, G_N_ELEMENTS (score_ms)), (guint) G_N_ELEMENTS (score_ms));

  /* What-if: raise tier C to 50. */
  draft = strata_rules_copy (rules);
  ((StrataTier *) draft->tiers->pdata[2])->min_score = 50;
  result_b = strata_engine_score (draft, data, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (whatif_ms); k++)
    {
      g_autoptr(StrataWhatIf) w = NULL;

      t = now_ms ();
      w = strata_whatif_compute (rules, result, draft, result_b);
      whatif_ms[k] = now_ms () - t;
      changed = w->changed_rows->len;
    }
  printf ("what-if diff:               %8.2f ms (median of %u; %u customers change tier)\n",
          median (whatif_ms, G_N_ELEMENTS (whatif_ms)), (guint) G_N_ELEMENTS (whatif_ms), changed);

  /* A keystroke in the rules editor: validate, compile, score, diff. */
  scoring = strata_scoring_new (ws, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (keystroke_ms); k++)
    {
      ((StrataTier *) draft->tiers->pdata[2])->min_score = 46 + k % 3;
      t = now_ms ();
      strata_scoring_set_draft (scoring, draft);
      keystroke_ms[k] = now_ms () - t;
    }
  printf ("keystroke (StrataScoring):  %8.2f ms (median of %u)\n",
          median (keystroke_ms, G_N_ELEMENTS (keystroke_ms)), (guint) G_N_ELEMENTS (keystroke_ms));

  sql = rules_to_sql (ws, rules, period_id);
  stmt = strata_workspace_prepare (ws, sql, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (sql_ms); k++)
    {
      guint row = 0;

      sqlite3_reset (stmt);
      sql_sum = 0;
      mismatches = 0;
      t = now_ms ();
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          double score = sqlite3_column_double (stmt, 1);

          sql_sum += score;
          if (row >= data->n || sqlite3_column_int64 (stmt, 0) != data->ids[row] ||
              score != result->score[row] || sqlite3_column_int (stmt, 2) != result->tier[row] ||
              sqlite3_column_int (stmt, 3) != result->quadrant[row])
            mismatches++;
          row++;
        }
      sql_ms[k] = now_ms () - t;
    }
  for (guint i = 0; i < data->n; i++)
    engine_sum += result->score[i];
  printf ("same scoring as one SQL:    %8.1f ms (median of %u)\n",
          median (sql_ms, G_N_ELEMENTS (sql_ms)), (guint) G_N_ELEMENTS (sql_ms));
  printf ("ratio SQL / rescore:        %8.0f x\n",
          median (sql_ms, G_N_ELEMENTS (sql_ms)) / median (score_ms, G_N_ELEMENTS (score_ms)));
  printf ("ratio SQL / (load + score): %8.2f x\n",
          median (sql_ms, G_N_ELEMENTS (sql_ms)) /
          (median (load_ms, G_N_ELEMENTS (load_ms)) + median (score_ms, G_N_ELEMENTS (score_ms))));
  printf ("check: score sums engine %.0f, SQL %.0f; %u rows differ\n", engine_sum, sql_sum, mismatches);
  return mismatches == 0 && engine_sum == sql_sum ? 0 : 1;
}
