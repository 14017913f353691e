/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo workspace: deterministic (golden numbers), realistic (long
 * tail, every metric and attribute, Chinese and English names), with tier
 * movement under the default rules between its four quarters. */
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "strata-demo.h"
#include "strata-engine.h"
#include "strata-ruleset-store.h"
#include "strata-seed.h"
#include "workspace-test-util.h"
#include "strata-engine-private.h"

typedef TestWorkspace Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup_dir (f, "strata-demo", "demo.strata");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

/* A digest of everything the demo generated (not the timestamps). */
static char *
digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *queries[] = {
    "SELECT id, ext_id, name FROM customers ORDER BY id",
    "SELECT customer_id, key, value FROM attributes ORDER BY 1, 2",
    "SELECT period_id, customer_id FROM period_customers ORDER BY 1, 2",
    "SELECT period_id, metric_id, customer_id, value FROM metric_values ORDER BY 1, 2, 3",
    "SELECT id, name, start_date, end_date FROM periods ORDER BY id",
  };

  g_assert_no_error (error);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, queries[q], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *t = (const char *) sqlite3_column_text (stmt, c);
            g_checksum_update (sum, (const guchar *) t, -1);
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

static void
test_default_demo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *company = NULL;
  g_autofree char *name1 = NULL;

  g_assert_true (strata_demo_write (f->path, STRATA_DEMO_DEFAULT_CUSTOMERS,
                                    STRATA_DEMO_DEFAULT_SEED, STRATA_DEMO_DEFAULT_PERIODS,
                                    STRATA_DEMO_NONE, on_progress, seen, &error));
  g_assert_no_error (error);

  /* Progress rises to 1. */
  g_assert_cmpuint (seen->len, >=, 10);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);

  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  company = strata_workspace_get_meta (ws, "company");
  g_assert_cmpstr (company, ==, "Skyline Cloud Networks 天际云网");

  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM customers"), ==, 600);
  /* The built-in metrics and the funnel's impressions, clicks and orders. */
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM metrics"), ==, 17);
  {
    g_autofree char *names = test_query_text (ws, "SELECT group_concat (name, ' ') FROM"
                                                  " (SELECT name FROM periods ORDER BY start_date)");
    g_assert_cmpstr (names, ==, "2025-Q4 2026-Q1 2026-Q2 2026-Q3");
  }
  /* Every customer has its three attributes; ext ids are C000001... */
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM attributes"), ==, 1800);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (DISTINCT value) FROM attributes"
                              " WHERE key = 'industry'"), ==, 10);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (DISTINCT value) FROM attributes"
                              " WHERE key = 'region'"), ==, 8);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (DISTINCT value) FROM attributes"
                              " WHERE key = 'account_manager'"), ==, 24);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM customers WHERE ext_id = 'C000600'"), ==, 1);
  /* Chinese and English names, all distinct. */
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (DISTINCT name) FROM customers"), ==, 600);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM customers WHERE name LIKE '%有限公司'"),
                   >, 400);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM customers WHERE name LIKE '% Ltd'"
                              " OR name LIKE '% Inc.' OR name LIKE '% Limited'"), >, 30);

  /* Golden values: the same seed gives these numbers everywhere. */
  name1 = test_query_text (ws, "SELECT name FROM customers WHERE id = 1");
  g_assert_cmpstr (name1, ==, "宁波金桥智能制造有限公司");
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM metric_values"), ==, 28587);  /* 2199 rows, 13 metrics */
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM period_customers pc JOIN periods p"
                              " ON p.id = pc.period_id WHERE p.name = '2026-Q3'"), ==,
                   567);
  g_assert_cmpfloat (test_query_double (ws, "SELECT SUM (value) FROM metric_values v"
                                            " JOIN metrics m ON m.id = v.metric_id"
                                            " JOIN periods p ON p.id = v.period_id"
                                            " WHERE m.key = 'order_amount' AND p.name = '2026-Q3'"), ==,
                     3903679000.0);

  /* Every metric of the default rules, of the quadrant and of the
   * funnel, for every customer of a period. */
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (DISTINCT m.key) FROM metric_values v"
                              " JOIN metrics m ON m.id = v.metric_id"), ==, 13);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM period_customers pc"
                              " WHERE (SELECT COUNT (*) FROM metric_values v"
                              "  WHERE v.period_id = pc.period_id"
                              "  AND v.customer_id = pc.customer_id) != 13"), ==, 0);
  /* The funnel narrows: impressions >= clicks >= inquiries >= orders. */
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM period_customers pc WHERE NOT"
                              " (json_extract (values_json, '$.' || (SELECT id FROM metrics WHERE key = 'impressions'))"
                              "  >= json_extract (values_json, '$.' || (SELECT id FROM metrics WHERE key = 'clicks'))"
                              "  AND json_extract (values_json, '$.' || (SELECT id FROM metrics WHERE key = 'clicks'))"
                              "  >= json_extract (values_json, '$.' || (SELECT id FROM metrics WHERE key = 'monthly_inquiries'))"
                              "  AND json_extract (values_json, '$.' || (SELECT id FROM metrics WHERE key = 'monthly_inquiries'))"
                              "  >= json_extract (values_json, '$.' || (SELECT id FROM metrics WHERE key = 'orders')))"),
                   ==, 0);
  /* Booleans are 0/1, counts whole, login days within the quarter. */
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM metric_values v JOIN metrics m"
                              " ON m.id = v.metric_id WHERE m.kind = 'boolean'"
                              " AND v.value NOT IN (0, 1)"), ==, 0);
  g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM metric_values v JOIN metrics m"
                              " ON m.id = v.metric_id WHERE m.kind = 'count'"
                              " AND (v.value != CAST (v.value AS INTEGER) OR v.value < 0)"), ==, 0);
  g_assert_cmpint (test_query_int (ws, "SELECT MAX (value) FROM metric_values v JOIN metrics m"
                              " ON m.id = v.metric_id WHERE m.key = 'login_days'"), <=, 92);
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.strata", NULL);
  g_autofree char *third = g_build_filename (f->dir, "third.strata", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (strata_demo_write (f->path, 300, 7, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_true (strata_demo_write (other, 300, 7, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_true (strata_demo_write (third, 300, 8, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  a = digest (f->path);
  b = digest (other);
  c = digest (third);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);

  /* The same file, byte for byte, whoever writes it and whenever: nothing
   * in it carries the clock or the user's name. */
  {
    g_autofree char *bytes_a = NULL;
    g_autofree char *bytes_b = NULL;
    g_autoptr(StrataWorkspace) ws = NULL;
    gsize len_a = 0, len_b = 0;

    g_assert_true (g_file_get_contents (f->path, &bytes_a, &len_a, NULL));
    g_assert_true (g_file_get_contents (other, &bytes_b, &len_b, NULL));
    g_assert_cmpmem (bytes_a, len_a, bytes_b, len_b);

    ws = strata_workspace_open (other, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM periods"
                                " WHERE created_at != '2026-10-01T09:00:00Z'"), ==, 0);
    g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM rulesets"
                                " WHERE created_at != '2026-10-01T09:00:00Z'"
                                " OR author != 'Strata'"
                                " OR (state = 'published' AND published_at != '2026-10-01T09:00:00Z')"),
                     ==, 0);
    g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM rulesets WHERE state = 'published'"), ==, 1);
    g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM audit_log"
                                " WHERE at != '2026-10-01T09:00:00Z' OR author != 'Strata'"), ==, 0);
    g_assert_cmpint (test_query_int (ws, "SELECT COUNT (DISTINCT created_at) FROM customers"), ==, 1);
  }
}

/* The default rules of the engine (base bands on order_amount, bonuses,
 * penalties, tiers at 80/60/45/30), computed here so that the test does
 * not depend on the engine. */
static char
tier_of (double amount, double referrals, double lines, double growth, double listed,
         double overdue, double faults)
{
  double s = amount < 5e5 ? 5 : amount < 1e6 ? 10 : amount < 3e6 ? 20 :
             amount < 5e6 ? 30 : amount < 1e7 ? 40 : 50;

  s += MIN (15, 5 * referrals) + (lines >= 3 ? 5 : 0) + (growth ? 10 : 0) + (listed ? 5 : 0);
  s -= (overdue >= 1 ? 10 : 0) + (faults >= 5 ? 5 : 0);
  return s >= 80 ? 'A' : s >= 60 ? 'B' : s >= 45 ? 'C' : s >= 30 ? 'D' : 'E';
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x < y) - (x > y);
}

static void
test_long_tail_and_movement (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GHashTable) previous = NULL;
  guint moved_total = 0;

  g_assert_true (strata_demo_write (f->path, 600, STRATA_DEMO_DEFAULT_SEED, 4, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);

  for (int p = 1; p <= 4; p++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT v.customer_id, group_concat (v.value, ' ') FROM"
        " (SELECT v.customer_id, v.value FROM metric_values v JOIN metrics m"
        "  ON m.id = v.metric_id WHERE v.period_id = %d AND m.key IN ('order_amount',"
        "  'referrals', 'business_lines', 'high_growth', 'listed_company',"
        "  'overdue_invoices', 'fault_tickets') ORDER BY v.customer_id, m.position) v"
        " GROUP BY v.customer_id", p);
      g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, sql, NULL);
      g_autoptr(GHashTable) tiers = g_hash_table_new (NULL, NULL);
      g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (double));
      guint per_tier[5] = { 0 };
      double total = 0, top = 0;
      guint moved = 0, common = 0;

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          double v[7];
          char t;

          g_assert_cmpint (sscanf ((const char *) sqlite3_column_text (stmt, 1),
                                   "%lf %lf %lf %lf %lf %lf %lf",
                                   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]), ==, 7);
          t = tier_of (v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
          per_tier[t - 'A']++;
          g_hash_table_insert (tiers, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                               GINT_TO_POINTER (t));
          g_array_append_val (amounts, v[0]);
          total += v[0];
        }

      /* 80/20: the top fifth of the customers brings most of the revenue. */
      g_array_sort (amounts, compare_descending);
      for (guint i = 0; i < amounts->len / 5; i++)
        top += g_array_index (amounts, double, i);
      g_assert_cmpfloat (top / total, >, 0.65);

      /* A pyramid: every tier has customers, E the most, A the fewest. */
      for (int t = 0; t < 5; t++)
        g_assert_cmpuint (per_tier[t], >, 0);
      g_assert_cmpuint (per_tier[4], >, per_tier[3]);
      g_assert_cmpuint (per_tier[0], <, per_tier[1]);

      if (previous != NULL)
        {
          GHashTableIter iter;
          gpointer key, value;

          g_hash_table_iter_init (&iter, tiers);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              gpointer before;

              if (!g_hash_table_lookup_extended (previous, key, NULL, &before))
                continue;
              common++;
              moved += before != value;
            }
          /* Some, not all, customers change tier each quarter. */
          g_assert_cmpuint (moved, >, common / 20);
          g_assert_cmpuint (moved, <, common / 2);
          moved_total += moved;
        }
      g_clear_pointer (&previous, g_hash_table_unref);
      previous = g_steal_pointer (&tiers);
    }
  g_assert_cmpuint (moved_total, >, 100);
}

/* The engine with the workspace's published default rules agrees with the
 * rules above, and moves customers between tiers from quarter to quarter. */
static void
test_engine_movement (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GHashTable) previous = NULL;
  StrataRules *rules;
  guint total_moved = 0;

  g_assert_true (strata_demo_write (f->path, 600, STRATA_DEMO_DEFAULT_SEED, 4, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  rules = strata_ruleset_store_load_version (ws, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);

  for (int p = 1; p <= 4; p++)
    {
      g_autoptr(StrataPeriodData) period = strata_period_data_load (ws, p, &error);
      g_autoptr(StrataResult) result = NULL;
      g_autoptr(GHashTable) tiers = g_hash_table_new (NULL, NULL);
      g_autofree guint *per_tier = NULL;
      guint moved = 0;

      g_assert_no_error (error);
      result = strata_engine_score (rules, period, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->n_tiers, ==, 5);
      per_tier = strata_result_count_tiers (result);
      for (guint t = 0; t < 5; t++)
        g_assert_cmpuint (per_tier[t], >, 0);

      for (guint i = 0; i < period->n; i++)
        {
          double v[7];
          const char *keys[7] = { "order_amount", "referrals", "business_lines", "high_growth",
                                  "listed_company", "overdue_invoices", "fault_tickets" };
          StrataTier *tier = g_ptr_array_index (rules->tiers, result->final_tier[i]);

          for (int k = 0; k < 7; k++)
            v[k] = strata_period_data_get_value (period, i, keys[k]);
          g_assert_cmpint (tier->id[0], ==, tier_of (v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
          g_hash_table_insert (tiers, GINT_TO_POINTER ((int) period->ids[i]),
                               GUINT_TO_POINTER (result->final_tier[i] + 1));
          if (previous != NULL)
            {
              guint before = GPOINTER_TO_UINT (g_hash_table_lookup (previous,
                                                                    GINT_TO_POINTER ((int) period->ids[i])));
              moved += before != 0 && before != result->final_tier[i] + 1u;
            }
        }
      if (previous != NULL)
        g_assert_cmpuint (moved, >, 30);
      total_moved += moved;
      g_clear_pointer (&previous, g_hash_table_unref);
      previous = g_steal_pointer (&tiers);
    }
  g_assert_cmpuint (total_moved, >, 100);
  strata_rules_free (rules);
}

static void
test_refuse_and_overwrite (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (f->path, "precious", -1, NULL));

  g_assert_false (strata_demo_write (f->path, 10, 1, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* Invalid arguments fail before anything is touched. */
  g_assert_false (strata_demo_write (f->path, 0, 1, 2, STRATA_DEMO_OVERWRITE, NULL, NULL,
                                     &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (strata_demo_write (f->path, 10, 1, 13, STRATA_DEMO_OVERWRITE, NULL, NULL,
                                     &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "precious");

  g_assert_true (strata_demo_write (f->path, 10, 1, 2, STRATA_DEMO_OVERWRITE, NULL, NULL,
                                    &error));
  g_assert_no_error (error);
  {
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
    g_autofree char *names = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (test_query_int (ws, "SELECT COUNT (*) FROM customers"), ==, 10);
    names = test_query_text (ws, "SELECT group_concat (name, ' ') FROM"
                                 " (SELECT name FROM periods ORDER BY start_date)");
    g_assert_cmpstr (names, ==, "2026-Q2 2026-Q3");
  }
  /* No temporary file is left behind. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)))
      {
        g_assert_null (strstr (name, ".tmp-"));
        n++;
      }
    g_assert_cmpuint (n, >=, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/default", Fixture, NULL, fixture_setup, test_default_demo,
              fixture_teardown);
  g_test_add ("/demo/deterministic", Fixture, NULL, fixture_setup, test_deterministic,
              fixture_teardown);
  g_test_add ("/demo/long-tail-and-movement", Fixture, NULL, fixture_setup,
              test_long_tail_and_movement, fixture_teardown);
  g_test_add ("/demo/engine-movement", Fixture, NULL, fixture_setup, test_engine_movement,
              fixture_teardown);
  g_test_add ("/demo/refuse-and-overwrite", Fixture, NULL, fixture_setup,
              test_refuse_and_overwrite, fixture_teardown);
  return g_test_run ();
}
