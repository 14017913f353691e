/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columnar form of each period (schema 4, strata-period-columns.h):
 * a file of format 3 made by an earlier release opens with the same
 * scores, every kind of write leaves columns equal to values_json (or none,
 * never stale ones), strata-cli score writes its numbers as before, and
 * each metric's blob takes the narrowest form that holds it (schema 5). */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-test-util.h"
#include "strata-period-columns.h"
#include "strata-period-data.h"
#include "strata-period-values.h"
#include "strata-period-summary.h"
#include "strata-rules.h"
#include "strata-schema.h"
#include "workspace-test-util.h"

typedef TestWorkspace Fixture;   /* its folder and path; ws unused */

/* A copy of the format-3 fixture (60 customers, 2 quarters, written by
 * strata-cli demo of format 3). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup_copy (f, "strata-columns", "workspace-v3", "demo-60.strata");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

static StrataWorkspace *
open_ws (const char *path)
{
  g_autoptr(GError) error = NULL;
  StrataWorkspace *ws = strata_workspace_open (path, NULL, &error);

  g_assert_no_error (error);
  return ws;
}

static StrataPeriodData *
load (StrataWorkspace *ws,
      gint64           period_id)
{
  g_autoptr(GError) error = NULL;
  StrataPeriodData *data = strata_period_data_load (ws, period_id, &error);

  g_assert_no_error (error);
  return data;
}

static gint64
period_rows (StrataWorkspace *ws,
             gint64           period_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM period_customers WHERE period_id = %"
                                          G_GINT64_FORMAT, period_id);

  return test_query_int (ws, sql);
}

/* The period has columns, and they load as values_json does. */
static void
assert_columns_match (StrataWorkspace *ws,
                      gint64           period_id)
{
  g_autoptr(StrataPeriodData) columns = NULL;
  g_autoptr(StrataPeriodData) json = NULL;
  g_autofree char *drop = g_strdup_printf ("SAVEPOINT t; DELETE FROM period_columns WHERE period_id = %"
                                           G_GINT64_FORMAT, period_id);

  g_assert_cmpint (strata_period_columns_count (ws, period_id), ==, period_rows (ws, period_id));
  columns = load (ws, period_id);
  test_workspace_exec (ws, drop);
  g_assert_cmpint (strata_period_columns_count (ws, period_id), ==, -1);
  json = load (ws, period_id);
  test_workspace_exec (ws, "ROLLBACK TO t; RELEASE t");
  g_assert_true (columns != json);

  g_assert_cmpuint (columns->n, ==, json->n);
  g_assert_cmpuint (columns->n_metrics, ==, json->n_metrics);
  g_assert_cmpmem (columns->ids, columns->n * sizeof (gint64), json->ids, json->n * sizeof (gint64));
  for (guint i = 0; i < json->n; i++)
    {
      g_assert_cmpstr (strata_period_data_get_ext_id (columns, i), ==, strata_period_data_get_ext_id (json, i));
      g_assert_cmpstr (strata_period_data_get_name (columns, i), ==, strata_period_data_get_name (json, i));
    }
  for (guint m = 0; m < json->n_metrics; m++)
    {
      g_assert_cmpstr (columns->metric_keys[m], ==, json->metric_keys[m]);
      /* Bit for bit: NaN where there is no value. */
      g_assert_cmpmem (columns->columns[m], columns->n * sizeof (double),
                       json->columns[m], json->n * sizeof (double));
    }
  g_assert_cmpuint (columns->overrides->len, ==, json->overrides->len);
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GError) error = NULL;

  ws = open_ws (f->path);
  g_assert_cmpint (test_query_int (ws, "PRAGMA user_version"), ==, STRATA_SCHEMA_VERSION);
  g_assert_cmpint (STRATA_SCHEMA_VERSION, ==, 6);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM periods"), ==, 2);
  /* Ids and one array per metric that has values, per period. */
  g_assert_cmpint (test_query_int (ws, "SELECT count(DISTINCT period_id) FROM period_columns"), ==, 2);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM period_columns WHERE metric_id = -1"), ==, 2);
  assert_columns_match (ws, test_period_id (ws, "2026-Q2"));
  assert_columns_match (ws, test_period_id (ws, "2026-Q3"));

  periods = strata_period_summary_list (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (periods->len, ==, 2);
  for (guint i = 0; i < periods->len; i++)
    {
      StrataPeriodSummary *s = periods->pdata[i];

      g_assert_cmpint (s->n_customers, ==, period_rows (ws, s->id));
      g_assert_cmpint (s->n_customers, >, 40);
    }
  g_clear_object (&ws);

  /* The same scores and listing as the release that wrote the file. */
  cli_test_assert_fixture_output (f->path, "workspace-v3");
}

static void
set_value_sql (StrataWorkspace *ws,
               gint64           period_id,
               gint64           customer_id,
               double           value)
{
  g_autofree char *sql = g_strdup_printf (
    "UPDATE metric_values SET value = %.17g WHERE period_id = %" G_GINT64_FORMAT
    " AND customer_id = %" G_GINT64_FORMAT
    " AND metric_id = (SELECT id FROM metrics WHERE key = 'order_amount')",
    value, period_id, customer_id);

  test_workspace_exec (ws, sql);
}

static double
order_amount (StrataWorkspace *ws,
              gint64           period_id,
              gint64           customer_id)
{
  g_autoptr(StrataPeriodData) data = load (ws, period_id);
  int row = strata_period_data_find_id (data, customer_id);

  g_assert_cmpint (row, >=, 0);
  return strata_period_data_get_value (data, row, "order_amount");
}

static void
test_writes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StrataWorkspace) ws = open_ws (f->path);
  g_autoptr(GError) error = NULL;
  gint64 q2 = test_period_id (ws, "2026-Q2");
  gint64 q3 = test_period_id (ws, "2026-Q3");
  gint64 customer = test_query_int (ws, "SELECT min(customer_id) FROM metric_values WHERE period_id = "
                                        "(SELECT id FROM periods WHERE name = '2026-Q3') "
                                        "AND metric_id = (SELECT id FROM metrics WHERE key = 'order_amount')");
  gint64 before;

  /* A write through the metric_values view in a transaction: the commit
   * writes the columns anew. */
  g_assert_true (strata_workspace_begin (ws, &error));
  set_value_sql (ws, q3, customer, 1234.5);
  g_assert_cmpint (strata_period_columns_count (ws, q3), ==, -1);
  g_assert_true (strata_workspace_commit (ws, &error));
  g_assert_no_error (error);
  assert_columns_match (ws, q3);
  assert_columns_match (ws, q2);
  g_assert_cmpfloat (order_amount (ws, q3, customer), ==, 1234.5);

  /* A rolled back write leaves the columns as they were. */
  g_assert_true (strata_workspace_begin (ws, &error));
  set_value_sql (ws, q3, customer, 99);
  strata_workspace_rollback (ws);
  assert_columns_match (ws, q3);
  g_assert_cmpfloat (order_amount (ws, q3, customer), ==, 1234.5);

  /* SQL outside Strata's transactions (another program): the columns go,
   * the load reads values_json and sees the new value. */
  set_value_sql (ws, q3, customer, 77);
  g_assert_cmpint (strata_period_columns_count (ws, q3), ==, -1);
  g_assert_cmpint (strata_period_columns_count (ws, q2), ==, period_rows (ws, q2));
  g_assert_cmpfloat (order_amount (ws, q3, customer), ==, 77);
  /* ... and the next commit of any write brings them back. */
  g_assert_true (strata_workspace_begin (ws, &error));
  g_assert_true (strata_workspace_set_meta (ws, "columns-test", "1", &error));
  g_assert_true (strata_workspace_commit (ws, &error));
  assert_columns_match (ws, q3);
  g_assert_cmpfloat (order_amount (ws, q3, customer), ==, 77);

  /* A customer deleted: gone from the columns of every period. */
  before = strata_period_columns_count (ws, q3);
  g_assert_true (strata_workspace_begin (ws, &error));
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM customers WHERE id = %" G_GINT64_FORMAT, customer);

    test_workspace_exec (ws, sql);
  }
  g_assert_true (strata_workspace_commit (ws, &error));
  g_assert_cmpint (strata_period_columns_count (ws, q3), ==, before - 1);
  assert_columns_match (ws, q3);
  assert_columns_match (ws, q2);

  /* A period deleted: its columns go with it. */
  g_assert_true (strata_workspace_begin (ws, &error));
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM periods WHERE id = %" G_GINT64_FORMAT, q2);

    test_workspace_exec (ws, sql);
  }
  g_assert_true (strata_workspace_commit (ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "SELECT count(DISTINCT period_id) FROM period_columns"), ==, 1);
  assert_columns_match (ws, q3);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "update.csv", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) n = { 0 };
  gint64 q3, fresh, c1;

  g_assert_true (g_file_set_contents (csv,
                                      "customer_id,name,order_amount,referrals\n"
                                      "C000001,,4321.25,\n"
                                      "NEW-1,New One,1000000,2\n", -1, NULL));
  /* Into an existing period (merged) and into a new one. */
  r.status = run_cli (&r.out, &r.err, "import", f->path, csv, "--period", "2026-Q3", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  n.status = run_cli (&n.out, &n.err, "import", f->path, csv, "--period", "2026-Q4", NULL);
  g_assert_cmpint (n.status, ==, 0);

  ws = open_ws (f->path);
  q3 = test_period_id (ws, "2026-Q3");
  fresh = test_period_id (ws, "2026-Q4");
  c1 = test_query_int (ws, "SELECT id FROM customers WHERE ext_id = 'C000001'");
  assert_columns_match (ws, q3);
  assert_columns_match (ws, fresh);
  g_assert_cmpint (strata_period_columns_count (ws, fresh), ==, 2);
  g_assert_cmpfloat (order_amount (ws, q3, c1), ==, 4321.25);
  g_assert_cmpfloat (order_amount (ws, fresh, c1), ==, 4321.25);
}

/* The CSV's numbers are written without printf: they must read exactly as
 * strata_format_number() writes them, fractions and all. */
static void
test_score_numbers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StrataWorkspace) ws = open_ws (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *rules_path = g_build_filename (f->dir, "rules.json", NULL);
  g_autofree char *rules_json = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) csv = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) exported = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonArray *rows;
  guint fractions = 0;

  g_clear_object (&ws);
  /* Points with cents, thirds and tiny fractions. */
  exported.status = run_cli (&exported.out, &exported.err, "rules", "export", f->path, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  edited = g_string_new (exported.out);
  g_assert_cmpint (g_string_replace (edited, "\"points\": 5,", "\"points\": 5.05,", 0), >, 0);
  g_assert_cmpint (g_string_replace (edited, "\"points\": 10,", "\"points\": 3.3333333333333335,", 0), >, 0);
  g_assert_cmpint (g_string_replace (edited, "\"points\": 20,", "\"points\": -0.125,", 0), >=, 0);
  g_assert_cmpint (g_string_replace (edited, "\"points\": 30,", "\"points\": 1e-7,", 0), >=, 0);
  g_assert_true (g_file_set_contents (rules_path, edited->str, -1, NULL));

  csv.status = run_cli (&csv.out, &csv.err, "score", f->path, "--rules", rules_path, NULL);
  g_assert_cmpstr (csv.err, ==, "");
  g_assert_cmpint (csv.status, ==, 0);
  json.status = run_cli (&json.out, &json.err, "score", f->path, "--rules", rules_path,
                         "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  rows = json_node_get_array (json_parser_get_root (parser));
  lines = g_strsplit (csv.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, json_array_get_length (rows) + 2);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *names[] = { "base_points", "adjustment_points", "score" };
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);
      guint first = g_strv_length (fields) - 7;   /* a name may hold commas */

      g_assert_cmpstr (fields[0], ==, json_object_get_string_member (row, "id"));
      for (guint k = 0; k < 3; k++)
        {
          double v = json_object_get_double_member (row, names[k]);
          g_autofree char *text = strata_format_number (v);

          g_assert_cmpstr (fields[first + k], ==, text);
          if (v != floor (v))
            fractions++;
        }
    }
  g_assert_cmpuint (fractions, >, 10);
}

/* Each metric's blob takes the narrowest form that gives back every
 * value bit for bit (format 5): 8, 16 or 32-bit integers, amounts in
 * cents, or doubles; a value a form cannot hold (the integers' least
 * value, which means "no value"; cents beyond 32 bits; 0.125) moves the
 * column to a wider one. A header that names no form leaves the period
 * to values_json. */
typedef struct
{
  gint64      metric;
  char        form;
  int         decimals;
  double      values[4];   /* of customers 1-4; NAN: none */
} FormCase;

static void
test_forms (Fixture       *f,
            gconstpointer  data)
{
  static const FormCase cases[] = {
    { 101, 'b', 0, { 0, 127, -127, NAN } },
    { 102, 'h', 0, { 1, -128, 127, 0 } },
    { 103, 'h', 0, { 32767, -32767, NAN, 5 } },
    { 104, 'i', 0, { 32768, -2147483647.0, 2147483647.0, NAN } },
    { 105, 'i', 2, { 1964056.49, 0.1, -2.5, 7 } },
    { 106, 'i', 2, { 21474836.47, -21474836, NAN, 0.01 } },
    { 107, 'd', 0, { 0.125, 1, 2, 3 } },
    { 108, 'd', 0, { 30000000, 0.5, NAN, NAN } },
    { 109, 'd', 0, { 2147483648.0, 1, 2, 3 } },
    { 110, 'd', 0, { 1e-7, 4.9e-324, -1, 1 } },
  };
  g_autoptr(StrataWorkspace) ws = open_ws (f->path);
  g_autoptr(StrataPeriodColumnsBuilder) builder = strata_period_columns_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 metric_ids[G_N_ELEMENTS (cases)];
  StrataPeriodColumns columns;
  sqlite3_blob *blob = NULL;
  gint64 period;

  test_workspace_exec (ws, "INSERT INTO periods (name) VALUES ('2027-Q1')");
  period = test_period_id (ws, "2027-Q1");
  for (guint i = 0; i < 4; i++)
    {
      StrataMetricValue values[G_N_ELEMENTS (cases)];
      guint n = 0;

      for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
        if (!isnan (cases[k].values[i]))
          values[n++] = (StrataMetricValue) { cases[k].metric, cases[k].values[i] };
      strata_period_columns_builder_add (builder, i + 1, values, n);
    }
  g_assert_true (strata_workspace_begin (ws, &error));
  g_assert_true (strata_period_columns_builder_write (builder, ws, period, &error));
  g_assert_true (strata_workspace_commit (ws, &error));
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT hex (substr (data, 1, 8)) || ' ' || length (data)"
                                              " FROM period_columns WHERE period_id = %" G_GINT64_FORMAT
                                              " AND metric_id = %" G_GINT64_FORMAT, period, cases[k].metric);
      guint width = cases[k].form == 'b' ? 1 : cases[k].form == 'h' ? 2 : cases[k].form == 'i' ? 4 : 8;
      g_autofree char *expected = g_strdup_printf ("%02X%02X000000000000 %u", (guint) cases[k].form,
                                                   (guint) cases[k].decimals, 8 + 4 * width);
      g_autofree char *got = test_query_text (ws, sql);

      g_assert_cmpstr (got, ==, expected);
      metric_ids[k] = cases[k].metric;
    }
  /* The ids stay plain 8-byte integers: their length is the count. */
  g_assert_cmpint (strata_period_columns_count (ws, period), ==, 4);

  g_assert_true (strata_period_columns_read (ws, period, metric_ids, G_N_ELEMENTS (cases), &columns));
  g_assert_cmpuint (columns.n, ==, 4);
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (guint i = 0; i < 4; i++)
      {
        double expected = cases[k].values[i];

        if (isnan (expected))
          g_assert_true (isnan (columns.columns[k][i]));
        else if (memcmp (&columns.columns[k][i], &expected, sizeof expected) != 0)
          g_error ("metric %" G_GINT64_FORMAT ", customer %u: %.17g read back as %.17g",
                   cases[k].metric, i + 1, expected, columns.columns[k][i]);
      }
  strata_period_columns_clear (&columns);

  /* A header of no known form: no columns, the load reads values_json. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM period_columns WHERE period_id = %" G_GINT64_FORMAT
                                            " AND metric_id = 105", period);

    g_assert_cmpint (sqlite3_blob_open (strata_workspace_get_db (ws), "main", "period_columns", "data",
                                        test_query_int (ws, sql), 1, &blob), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_blob_write (blob, "x", 1, 0), ==, SQLITE_OK);
    sqlite3_blob_close (blob);
  }
  g_assert_false (strata_period_columns_read (ws, period, metric_ids, G_N_ELEMENTS (cases), &columns));
  g_assert_null (columns.columns);
}

/* The parser's shortcut for plain decimals reads every number exactly as
 * strtod does. */
static void
test_parse_decimals (void)
{
  static const char *fixed[] = { "0", "-0", "7", "007", "0.1", "0.3", "-2.5", "933912.03",
                                 "123456789012345", "1234567890123456", "99999999999999.9",
                                 "0.000000000000001", "1e-7", "2.5E3", "-12345.678901234",
                                 "4503599627370497", "9007199254740993" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);

  for (guint i = 0; i < G_N_ELEMENTS (fixed) + 20000; i++)
    {
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
      g_autofree char *number = NULL;
      g_autofree char *json = NULL;
      const char *problem = NULL;
      double expected;

      if (i < G_N_ELEMENTS (fixed))
        number = g_strdup (fixed[i]);
      else
        {
          guint64 whole = g_rand_int (rand) % 100000000u;
          guint fraction_digits = g_rand_int_range (rand, 0, 8);

          number = g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%0*u", g_rand_boolean (rand) ? "-" : "",
                                    whole, fraction_digits > 0 ? "." : "", (int) fraction_digits,
                                    fraction_digits > 0 ? g_rand_int (rand) % (guint) pow (10, fraction_digits) : 0);
          if (fraction_digits == 0)
            number[strlen (number) - 1] = '\0';   /* %0*u wrote one 0 */
        }
      json = g_strdup_printf ("{\"3\":%s}", number);
      expected = g_ascii_strtod (number, NULL);
      g_assert_true (strata_period_values_parse (json, values, &problem));
      g_assert_cmpuint (values->len, ==, 1);
      if (memcmp (&g_array_index (values, StrataMetricValue, 0).value, &expected, sizeof expected) != 0)
        g_error ("%s read as %.17g, strtod %.17g", number,
                 g_array_index (values, StrataMetricValue, 0).value, expected);
    }
}

static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StrataWorkspace) ws = open_ws (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", STRATA_SCHEMA_VERSION + 1);
  StrataWorkspace *again;

  test_workspace_exec (ws, bump);
  g_clear_object (&ws);
  again = strata_workspace_open (f->path, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_TOO_NEW);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/period-columns/migration", Fixture, NULL, fixture_setup, test_migration, fixture_teardown);
  g_test_add ("/period-columns/writes", Fixture, NULL, fixture_setup, test_writes, fixture_teardown);
  g_test_add ("/period-columns/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/period-columns/score-numbers", Fixture, NULL, fixture_setup, test_score_numbers, fixture_teardown);
  g_test_add_func ("/period-columns/parse-decimals", test_parse_decimals);
  g_test_add ("/period-columns/forms", Fixture, NULL, fixture_setup, test_forms, fixture_teardown);
  g_test_add ("/period-columns/newer-refused", Fixture, NULL, fixture_setup, test_newer_refused, fixture_teardown);
  return g_test_run ();
}
