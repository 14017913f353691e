/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Metric values stored per customer and period (period_customers.values_json):
 * the number format reads back bit for bit, damaged objects are refused
 * with a reason, a format-1 workspace migrates without losing a value, and
 * the metric_values view reads and writes like the old table. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "strata-i18n.h"
#include "strata-period-data.h"
#include "strata-period-values.h"
#include "strata-schema.h"
#include "strata-workspace.h"
#include "workspace-test-util.h"
#include "strata-catalog-private.h"

static double
read_back (double v)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  StrataMetricValue in = { 7, v };
  const char *problem = NULL;

  strata_period_values_format (s, &in, 1);
  g_assert_true (strata_period_values_parse (s->str, out, &problem));
  g_assert_null (problem);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpint (g_array_index (out, StrataMetricValue, 0).metric_id, ==, 7);
  return g_array_index (out, StrataMetricValue, 0).value;
}

static char *
format_one (double v)
{
  GString *s = g_string_new (NULL);
  StrataMetricValue in = { 3, v };

  strata_period_values_format (s, &in, 1);
  return g_string_free (s, FALSE);
}

static void
test_format (void)
{
  static const double exact[] = {
    0, 1, -1, 5, 42, 0.1, 0.05, -0.05, -1.05, 1234567.89, 0.30000000000000004,
    1.0 / 3.0, 1e-7, 123456789012345678.0, 9007199254740993.0, 1e300, -2.5e-300,
    4999999.99, 19723, 99.995,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *cents = format_one (1234567.89);
  g_autofree char *whole = format_one (19723);
  g_autofree char *dime = format_one (-0.5);
  g_autofree char *third = format_one (1.0 / 3.0);

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    g_assert_true (read_back (exact[i]) == exact[i]);
  for (guint i = 0; i < 100000; i++)
    {
      double v;

      switch (i % 3)
        {
        case 0:   /* any bits that are a finite number */
          {
            guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
            memcpy (&v, &bits, sizeof v);
            if (!isfinite (v))
              continue;
          }
          break;
        case 1:   /* money */
          v = g_rand_int_range (rand, -100000000, 100000000) / 100.0;
          break;
        default:
          v = g_rand_double_range (rand, -1e6, 1e6);
          break;
        }
      g_assert_true (read_back (v) == v);
    }
  /* Short forms: what a person reading the file with sqlite3 expects. */
  g_assert_cmpstr (cents, ==, "{\"3\":1234567.89}");
  g_assert_cmpstr (whole, ==, "{\"3\":19723}");
  g_assert_cmpstr (dime, ==, "{\"3\":-0.5}");
  g_assert_cmpstr (third, ==, "{\"3\":0.3333333333333333}");
}

/* The printer before its decimal fast path (kept here to compare with):
 * whole numbers and cents by hand, else the shortest of "%.15g", "%.16g"
 * and "%.17g" that reads back. */
static void
old_number (GString *out,
            double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (v) < 1e13)
    {
      gint64 cents = llround (v * 100.0);

      if ((double) cents / 100.0 == v)
        {
          gint64 whole = cents / 100, part = llabs (cents % 100);

          if (cents < 0 && whole == 0)
            g_string_append_c (out, '-');
          g_string_append_printf (out, "%" G_GINT64_FORMAT, whole);
          if (part != 0)
            {
              g_string_append_c (out, '.');
              g_string_append_c (out, '0' + part / 10);
              if (part % 10 != 0)
                g_string_append_c (out, '0' + part % 10);
            }
          return;
        }
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

      g_ascii_formatd (buf, sizeof buf, formats[digits - 15], v);
      if (digits == 17 || g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

/* A million values of every kind: the same text as the old printer, and
 * each reads back to the same double. */
static void
test_format_as_before (void)
{
  static const double edges[] = {
    0.0, -0.0, 1e-4, -1e-4, 9.9999999999999991e-05, 0.00012345, 1e15, -1e15, 999999999999999.0,
    999999999999999.9, 99999999999999.99, 1e13, 1e13 + 0.125, 4.9406564584124654e-324,
    2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740992.0, 0.1, 0.7, 1.0 / 3.0,
    123.456, -123.456, 0.001, 5e-324, -5e-324,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  guint decimals = 0;

  for (guint i = 0; i < 1000000 + G_N_ELEMENTS (edges); i++)
    {
      StrataMetricValue in = { 3, 0 };
      const char *problem = NULL;
      double v;

      if (i < G_N_ELEMENTS (edges))
        v = edges[i];
      else
        switch (i % 6)
          {
          case 0:   /* any finite bits: subnormals, huge, tiny */
            {
              guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
              memcpy (&v, &bits, sizeof v);
              if (!isfinite (v))
                v = 0;
            }
            break;
          case 1:   /* a decimal of up to 15 digits, 0 to 15 of them after the point */
            {
              guint digits = g_rand_int_range (rand, 1, 16);
              gint64 m = (gint64) (g_rand_double (rand) * pow (10, digits));

              v = (g_rand_boolean (rand) ? -m : m) / pow (10, g_rand_int_range (rand, 0, 19));
              decimals++;
            }
            break;
          case 2:   /* whole numbers up to 2^53, and beyond */
            v = floor (g_rand_double (rand) * pow (2, g_rand_int_range (rand, 0, 70)));
            break;
          case 3:   /* near the edges of the fast path */
            v = g_rand_double_range (rand, 0.5, 2) * (g_rand_boolean (rand) ? 1e-4 : 1e15);
            break;
          case 4:   /* money */
            v = g_rand_int_range (rand, -100000000, 100000000) / 100.0;
            break;
          default:
            v = g_rand_double_range (rand, -1e6, 1e6);
            break;
          }
      in.value = v;
      g_string_truncate (got, 0);
      strata_period_values_format (got, &in, 1);
      g_string_assign (want, "{\"3\":");
      old_number (want, v);
      g_string_append_c (want, '}');
      if (!g_str_equal (got->str, want->str))
        g_error ("%.17g: %s, was %s", v, got->str, want->str);
      g_array_set_size (back, 0);
      g_assert_true (strata_period_values_parse (got->str, back, &problem));
      /* -0 is written 0, as before: equal, not the same bits. */
      g_assert_true (g_array_index (back, StrataMetricValue, 0).value == v);
    }
  g_assert_cmpuint (decimals, >, 100000);
}

static void
test_parse (void)
{
  static const char *bad[] = {
    "", "[]", "{", "{\"a\":1}", "{\"1\":}", "{\"1\":1,}", "{\"1\" 1}", "{\"1\":1 \"2\":2}",
    "{\"1\":\"x\"}", "{\"1\":nan}", "{\"1\":1e999}", "{\"1\":1}x", "{\"-1\":1}", "{\"1\":null}",
  };
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  const char *problem = NULL;

  /* What SQLite's json_set () writes is read too. */
  g_assert_true (strata_period_values_parse (" { \"2\" : 5.0 , \"10\":-1.5e3 } ", out, &problem));
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpint (g_array_index (out, StrataMetricValue, 1).metric_id, ==, 10);
  g_assert_cmpfloat (g_array_index (out, StrataMetricValue, 1).value, ==, -1500);
  g_array_set_size (out, 0);
  g_assert_true (strata_period_values_parse ("{}", out, &problem));
  g_assert_cmpuint (out->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      problem = NULL;
      g_assert_false (strata_period_values_parse (bad[i], out, &problem));
      g_assert_nonnull (problem);
    }
  g_assert_false (strata_period_values_parse (NULL, out, &problem));
  g_assert_cmpstr (problem, ==, "not a JSON object");

  /* The reason is translated: it ends up in an error message. */
  {
    g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
    g_autoptr(StrataCatalog) catalog = NULL;

    bindtextdomain (GETTEXT_PACKAGE, po);
    catalog = strata_catalog_new_for_language ("zh_CN");
    if (!strata_catalog_has_messages (catalog))
      {
        g_test_skip ("the zh_CN catalogue is not built");
        return;
      }
    strata_catalog_push_thread_default (catalog);
    g_assert_false (strata_period_values_parse ("{\"1\" 1}", out, &problem));
    g_assert_cmpstr (problem, ==, "缺少冒号");
    g_assert_false (strata_period_values_parse ("{\"1\":1}x", out, &problem));
    g_assert_cmpstr (problem, ==, "对象后有多余文本");
    strata_catalog_pop_thread_default (catalog);
  }
}

typedef TestWorkspace Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup_dir (f, "strata-values", "old.strata");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A workspace as Strata 0.1 wrote it: format 1, values in their own table. */
static void
write_format_1 (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;",
                                          STRATA_WORKSPACE_APPLICATION_ID);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  raw_exec (db, strata_schema_migration (0));
  raw_exec (db, app);
  raw_exec (db,
            "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q2', 1), (2, '2026-Q3', 2);"
            "INSERT INTO metrics (id, key, label) VALUES (1, 'order_amount', 'Order amount'),"
            "  (2, 'referrals', 'Referrals'), (3, 'ratio', 'Ratio');"
            "INSERT INTO customers (id, ext_id, name) VALUES (1, 'K1', 'One'), (2, 'K2', 'Two'),"
            "  (3, 'K3', 'Three');"
            "INSERT INTO period_customers VALUES (1, 1), (2, 1), (2, 2), (2, 3);"
            "INSERT INTO metric_values VALUES (2, 1, 1, 500000), (2, 2, 1, 2),"
            "  (2, 3, 1, 0.30000000000000004), (2, 1, 2, 1234567.89), (1, 1, 1, 7.5),"
            /* a value whose customer was not in the period's list */
            "  (1, 2, 2, 3);");
  sqlite3_close (db);
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) q3 = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *version = NULL;
  g_autofree char *json = NULL;

  write_format_1 (f->path);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  version = test_query_text (ws, "PRAGMA user_version");
  g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), ==, STRATA_SCHEMA_VERSION);

  /* Every value, through the view, as it was. */
  rows = test_query_text (ws, "SELECT group_concat (r, ' ') FROM (SELECT period_id || '/' || metric_id"
                              " || '/' || customer_id || '=' || printf ('%!.17g', value) AS r FROM metric_values"
                              " ORDER BY period_id, metric_id, customer_id)");
  g_assert_cmpstr (rows, ==, "1/1/1=7.5 1/2/2=3.0 2/1/1=500000.0 2/1/2=1234567.8899999999 "
                             "2/2/1=2.0 2/3/1=0.30000000000000004");
  g_assert_true (test_query_double (ws, "SELECT value FROM metric_values WHERE metric_id = 3") ==
                 0.30000000000000004);
  /* The customer with a value and no membership joined the period; the
   * one with neither stays a member with no values. */
  json = test_query_text (ws, "SELECT group_concat (period_id || ':' || customer_id || ':' || values_json, ' ')"
                              " FROM (SELECT * FROM period_customers ORDER BY 1, 2)");
  g_assert_nonnull (strstr (json, "1:2:{\"2\":3"));
  g_assert_nonnull (strstr (json, "2:3:{}"));

  q3 = strata_period_data_load (ws, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (q3->n, ==, 3);
  g_assert_cmpfloat (strata_period_data_get_value (q3, 0, "order_amount"), ==, 500000);
  g_assert_true (strata_period_data_get_value (q3, 0, "ratio") == 0.30000000000000004);
  g_assert_cmpfloat (strata_period_data_get_value (q3, 1, "order_amount"), ==, 1234567.89);
  g_assert_true (isnan (strata_period_data_get_value (q3, 1, "referrals")));
  g_assert_true (isnan (strata_period_data_get_value (q3, 2, "order_amount")));
}

static void
test_view_writes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autofree char *after = NULL;
  g_autofree char *json = NULL;

  write_format_1 (f->path);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (strata_workspace_exec (ws,
                                        "UPDATE metric_values SET value = 600000 WHERE period_id = 2"
                                        "  AND metric_id = 1 AND customer_id = 1;"
                                        "DELETE FROM metric_values WHERE period_id = 2 AND metric_id = 2;"
                                        "INSERT INTO metric_values VALUES (2, 2, 3, 9);", &error));
  g_assert_no_error (error);
  after = test_query_text (ws, "SELECT group_concat (metric_id || '/' || customer_id || '=' || value, ' ')"
                               " FROM (SELECT * FROM metric_values WHERE period_id = 2 ORDER BY 2, 3)");
  g_assert_cmpstr (after, ==, "1/1=600000.0 1/2=1234567.89 2/3=9.0 3/1=0.3");
  json = test_query_text (ws, "SELECT values_json FROM period_customers WHERE period_id = 2 AND customer_id = 3");
  g_assert_cmpstr (json, ==, "{\"2\":9.0}");

  /* The old table's constraints hold. */
  g_assert_false (strata_workspace_exec (ws, "INSERT INTO metric_values VALUES (2, 99, 1, 1)", &error));
  g_assert_nonnull (strstr (error->message, "no such metric"));
  g_clear_error (&error);
  g_assert_false (strata_workspace_exec (ws, "INSERT INTO metric_values VALUES (2, 1, 1, NULL)", &error));
  g_assert_nonnull (strstr (error->message, "NOT NULL"));
  g_clear_error (&error);
  g_assert_false (strata_workspace_exec (ws, "INSERT INTO metric_values VALUES (2, 1, 77, 1)", &error));
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) q3 = NULL;

  write_format_1 (f->path);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_workspace_exec (ws, "UPDATE period_customers SET values_json = '{\"1\": oops}'"
                                            " WHERE period_id = 2 AND customer_id = 2", &error));
  q3 = strata_period_data_load (ws, 2, &error);
  g_assert_null (q3);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "customer “K2” in period “2026-Q3”"));
  g_assert_nonnull (strstr (error->message, "a value is not a number"));
  g_assert_nonnull (strstr (error->message, "oops"));
}

/* Loads are shared while the file is unchanged, and fresh after a write
 * on the same connection or on another one. */
static void
test_load_cache (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataWorkspace) other = NULL;
  g_autoptr(StrataPeriodData) a = NULL;
  g_autoptr(StrataPeriodData) b = NULL;
  g_autoptr(StrataPeriodData) c = NULL;
  g_autoptr(StrataPeriodData) d = NULL;
  int row;

  write_format_1 (f->path);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  a = strata_period_data_load (ws, 2, &error);
  g_assert_no_error (error);
  b = strata_period_data_load (ws, 2, &error);
  g_assert_no_error (error);
  g_assert_true (a == b);

  /* This connection writes: a new load. */
  g_assert_true (strata_workspace_exec (ws, "UPDATE metric_values SET value = 7 WHERE period_id = 2"
                                            " AND metric_id = 1 AND customer_id = 1", &error));
  c = strata_period_data_load (ws, 2, &error);
  g_assert_no_error (error);
  g_assert_true (c != a);
  row = strata_period_data_find_id (c, 1);
  g_assert_cmpfloat (c->columns[0][row], ==, 7);
  g_assert_cmpfloat (a->columns[0][row], !=, 7);   /* what a holder had stays as it was */

  /* Another connection commits: a new load too. */
  other = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_workspace_exec (other, "UPDATE metric_values SET value = 8 WHERE period_id = 2"
                                               " AND metric_id = 1 AND customer_id = 1", &error));
  d = strata_period_data_load (ws, 2, &error);
  g_assert_no_error (error);
  g_assert_true (d != c);
  g_assert_cmpfloat (d->columns[0][strata_period_data_find_id (d, 1)], ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/period-values/format", test_format);
  g_test_add_func ("/period-values/parse", test_parse);
  g_test_add_func ("/period-values/format-as-before", test_format_as_before);
  g_test_add ("/period-values/migration", Fixture, NULL, fixture_setup, test_migration, fixture_teardown);
  g_test_add ("/period-values/view-writes", Fixture, NULL, fixture_setup, test_view_writes, fixture_teardown);
  g_test_add ("/period-values/load-cache", Fixture, NULL, fixture_setup, test_load_cache, fixture_teardown);
  g_test_add ("/period-values/damaged", Fixture, NULL, fixture_setup, test_damaged, fixture_teardown);
  return g_test_run ();
}
