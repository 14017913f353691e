/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A workspace of format 4 (the columnar form beside values_json, made by
 * the release of format 4; tests/fixtures/workspace-v4/README in
 * tests/fixtures/README.md) opens in the current format with every
 * member and every value exactly as that release stored them, and
 * strata-cli gives the same scores and period list. The fixture has the
 * awkward cases: a value that needs 17 digits, the smallest subnormal, a
 * negative number, a member without any value and an override. When the
 * format changes, this is the migration's test. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli-test-util.h"
#include "strata-period-data.h"
#include "strata-period-data-subset.h"
#include "strata-period-summary.h"
#include "strata-schema.h"
#include "workspace-test-util.h"

typedef TestWorkspace Fixture;   /* its folder and path; ws unused */

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "workspace-v4", name, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup_copy (f, "strata-v4", "workspace-v4", "demo-60.strata");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

/* The lines of a fixture file, each split at tabs. */
static GPtrArray *
read_table (const char *name)
{
  g_autofree char *path = fixture_file (name);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (rows, g_strsplit (lines[i], "\t", -1));
  return rows;
}

/* Every member (ext id and name, in customer id order) and every value of
 * every period, bit for bit as format 4 stored it (values.tsv holds them
 * as SQLite's %!.17g, which reads back to the same double). */
static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  g_autoptr(GPtrArray) members = read_table ("members.tsv");
  g_autoptr(GPtrArray) values = read_table ("values.tsv");
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *periods[] = { "2026-Q2", "2026-Q3" };
  guint member = 0, found = 0;

  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "PRAGMA user_version"), ==, STRATA_SCHEMA_VERSION);
  g_assert_cmpuint (members->len, >, 80);
  g_assert_cmpuint (values->len, >, 500);
  /* Format 4's columns (doubles) rewritten by the migration in format 5's
   * forms, so that the loads below read those: both periods have them,
   * every metric's with a header, the counts in 8 bits. */
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM period_columns WHERE metric_id = -1"), ==, 2);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM period_columns WHERE metric_id >= 0 AND"
                                       " substr (data, 1, 1) NOT IN (x'62', x'68', x'69', x'64')"), ==, 0);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM period_columns WHERE substr (data, 1, 1) = x'62'"), >, 0);

  for (guint i = 0; i < values->len; i++)
    {
      char **v = values->pdata[i];
      double *value = g_new (double, 1);

      g_assert_cmpuint (g_strv_length (v), ==, 4);
      *value = g_ascii_strtod (v[3], NULL);
      g_hash_table_insert (expected, g_strjoin ("\t", v[0], v[1], v[2], NULL), value);
    }

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(StrataPeriodData) d = strata_period_data_load (ws, test_period_id (ws, periods[p]), &error);

      g_assert_no_error (error);
      for (guint i = 0; i < d->n; i++, member++)
        {
          char **m;

          g_assert_cmpuint (member, <, members->len);
          m = members->pdata[member];
          g_assert_cmpstr (m[0], ==, periods[p]);
          g_assert_cmpstr (m[1], ==, strata_period_data_get_ext_id (d, i));
          g_assert_cmpstr (m[2], ==, strata_period_data_get_name (d, i));
          for (guint k = 0; k < d->n_metrics; k++)
            {
              g_autofree char *key = g_strjoin ("\t", periods[p], strata_period_data_get_ext_id (d, i), d->metric_keys[k], NULL);
              double *want = g_hash_table_lookup (expected, key);
              double got = d->columns[k][i];

              if (want == NULL)
                {
                  if (!isnan (got))
                    g_error ("%s: %.17g, expected no value", key, got);
                  continue;
                }
              if (memcmp (want, &got, sizeof got) != 0)
                g_error ("%s: %.17g, expected %.17g", key, got, *want);
              found++;
            }
        }
      if (p == 1)
        {
          /* The override the fixture holds (customer C000007, tier A). */
          g_assert_cmpuint (d->overrides->len, ==, 1);
          g_assert_cmpstr (g_array_index (d->overrides, StrataPeriodOverride, 0).tier, ==, "A");
          g_assert_cmpstr (strata_period_data_get_ext_id (d, g_array_index (d->overrides, StrataPeriodOverride, 0).row), ==, "C000007");
        }
    }
  g_assert_cmpuint (member, ==, members->len);
  g_assert_cmpuint (found, ==, values->len);
}

/* The awkward values by name, so that a failure says which one. */
static void
test_edge_values (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  g_autoptr(StrataPeriodData) d = NULL;
  const char *ext_ids[] = { "C000001", "C000002", "C000003", "C000060", NULL };

  g_assert_no_error (error);
  d = strata_period_data_load_customers (ws, test_period_id (ws, "2026-Q3"), ext_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->n, ==, 4);
  g_assert_cmpstr (strata_period_data_get_ext_id (d, 0), ==, "C000001");
  g_assert_true (strata_period_data_get_value (d, 0, "order_amount") == 0.1 + 0.2);  /* 0.30000000000000004 */
  g_assert_true (strata_period_data_get_value (d, 1, "order_amount") == 5e-324);
  g_assert_true (strata_period_data_get_value (d, 2, "order_amount") == -1234.5);
  /* C000060 is a member of the quarter without a single value. */
  g_assert_cmpstr (strata_period_data_get_ext_id (d, 3), ==, "C000060");
  for (guint k = 0; k < d->n_metrics; k++)
    g_assert_true (isnan (d->columns[k][3]));
}

/* The same scores and listing as the release that wrote the file. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  cli_test_assert_fixture_output (f->path, "workspace-v4");
}

/* The window's open (no waiting) leaves a file of an older format as it
 * was, for a worker to bring up to date; strata_workspace_open does. */
static void
test_no_wait (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open_no_wait (f->path, &error);
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;

  g_assert_null (ws);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_OLDER_FORMAT);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "PRAGMA user_version"), ==, STRATA_SCHEMA_VERSION);
  g_clear_object (&ws);
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_true (after_len != before_len || memcmp (before, after, after_len) != 0);
  ws = strata_workspace_open_no_wait (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ws);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/workspace-v4/values", Fixture, NULL, fixture_setup, test_values, fixture_teardown);
  g_test_add ("/workspace-v4/edge-values", Fixture, NULL, fixture_setup, test_edge_values, fixture_teardown);
  g_test_add ("/workspace-v4/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/workspace-v4/no-wait", Fixture, NULL, fixture_setup, test_no_wait, fixture_teardown);
  return g_test_run ();
}
