/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports end to end: every encoding fixture, every value format, bad
 * rows at the right line and column, strict mode, re-import, real order
 * lines with totals checked independently (python3's csv module, see
 * tests/fixtures/README.md), cancellation that leaves the file as it was,
 * the async variant, and the CSV exports. */
#include <math.h>
#include <string.h>

#include "import-test-util.h"
#include "strata-csv.h"
#include "strata-export.h"
#include "strata-import.h"
#include "strata-export-private.h"

typedef TestWorkspace Fixture;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static double
value_of (Fixture    *f,
          const char *period,
          const char *ext_id,
          const char *key)
{
  g_autofree char *text = metric_value (f->path, period, ext_id, key);
  return *text ? g_ascii_strtod (text, NULL) : NAN;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autofree char *text = query_text (f->path, sql);
  return g_ascii_strtoll (text, NULL, 10);
}

static StrataImportResult *
run_import (Fixture              *f,
            const char           *file,
            StrataImportOptions  *o,
            GError              **error)
{
  g_autofree char *path = fixture (file);
  g_autoptr(StrataWorkspace) ws = strata_import_open_workspace (f->path, error);

  if (ws == NULL)
    return NULL;
  return strata_import_run (ws, path, o, NULL, NULL, NULL, error);
}

static gint64
day (const char *iso)
{
  int y, m, d;
  GDate date;

  g_assert_cmpint (sscanf (iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return (gint64) g_date_get_julian (&date) - 719163;
}

static void
test_encodings (Fixture       *f,
                gconstpointer  data)
{
  const char *files[] = {
    "customers-utf8.csv", "customers-utf8-bom.csv", "customers-utf16le.csv",
    "customers-gb18030.csv", "customers-big5.csv",
  };
  const double amounts[] = {
    1250000.5, 500000, 250000000, -1234, 88000, 0.125, 3400, 1234.56, 1200, 30000
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, files[i]);
      g_autoptr(StrataImportResult) r = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *sql = NULL;
      gboolean traditional = strstr (files[i], "big5") != NULL;

      /* A fresh workspace each, so each creates its new metric. */
      g_free (f->path);
      f->path = g_strdup_printf ("%s/%u.strata", f->dir, i);
      r = run_import (f, files[i], o, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (r->rows_read, ==, 10);
      g_assert_cmpuint (r->rows_imported, ==, 10);
      g_assert_cmpuint (r->rows_rejected, ==, 0);
      g_assert_cmpuint (r->customers, ==, 10);
      /* 员工人数 is numeric: a new metric; 行业 and 地区 are text: attributes. */
      g_assert_cmpuint (r->new_metrics->len, ==, 1);
      g_assert_cmpuint (r->attributes->len, ==, 2);

      for (guint c = 0; c < G_N_ELEMENTS (amounts); c++)
        {
          g_autofree char *id = g_strdup_printf ("C%03u", c + 1);
          g_assert_cmpfloat_with_epsilon (value_of (f, files[i], id, "order_amount"), amounts[c], 1e-6);
        }
      g_assert_cmpfloat (value_of (f, files[i], "C001", "listed_company"), ==, 1);
      g_assert_cmpfloat (value_of (f, files[i], "C002", "listed_company"), ==, 0);
      g_assert_cmpfloat (value_of (f, files[i], "C006", "referrals"), ==, 5);
      g_assert_cmpfloat (value_of (f, files[i], "C001", "last_order_date"), ==, day ("2024-10-23"));
      g_assert_cmpfloat (value_of (f, files[i], "C003", "last_order_date"), ==, day ("2024-08-15"));
      g_assert_cmpfloat (value_of (f, files[i], "C004", "last_order_date"), ==, day ("2024-07-30"));
      sql = g_strdup_printf ("SELECT v.value FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " JOIN customers c ON c.id = v.customer_id WHERE m.label = '%s' AND c.ext_id = 'C007'",
                             traditional ? "員工人數" : "员工人数");
      name = query_text (f->path, sql);
      g_assert_cmpfloat (g_ascii_strtod (name, NULL), ==, 2300);
      g_free (name);
      name = query_text (f->path, "SELECT name FROM customers WHERE ext_id = 'C001'");
      g_assert_cmpstr (name, ==, traditional ? "台北華東機電設備有限公司" : "上海华东机电设备有限公司");
      g_free (name);
      name = query_text (f->path, "SELECT a.value FROM attributes a JOIN customers c ON c.id = a.customer_id"
                                  " WHERE c.ext_id = 'C003' AND a.key IN ('行业', '行業')");
      g_assert_cmpstr (name, ==, "物流");
    }
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  struct { const char *id; double amount; int listed, growth; const char *date; } rows[] = {
    { "F01", 1234.56, 1, 1, "2024-10-23" }, { "F02", 800, 0, 0, "2024-01-05" },
    { "F03", 1.5, 1, 0, "2024-01-05" }, { "F04", 1234567, 1, 0, "2024-02-29" },
    { "F05", 1500000, 1, 0, "2024-12-31" }, { "F06", -0.125, 1, 0, "2024-03-15" },
    { "F07", 120000000, 1, 0, "2024-05-06" }, { "F08", -2000, 1, 0, "2024-10-23" },
  };
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = run_import (f, "formats.csv", o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, G_N_ELEMENTS (rows));
  g_assert_cmpuint (r->new_metrics->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpfloat_with_epsilon (value_of (f, "Q", rows[i].id, "order_amount"), rows[i].amount, 1e-9);
      g_assert_cmpfloat (value_of (f, "Q", rows[i].id, "listed_company"), ==, rows[i].listed);
      g_assert_cmpfloat (value_of (f, "Q", rows[i].id, "high_growth"), ==, rows[i].growth);
      g_assert_cmpfloat (value_of (f, "Q", rows[i].id, "last_order_date"), ==, day (rows[i].date));
    }
}

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  struct { guint64 line; const char *column, *value, *reason_part; } expected[] = {
    { 3, "order_amount", "12abc", "not a number" },
    { 4, "", "B03,Too Few,5", "3 fields" },
    { 5, "customer id", "", "no customer id" },
    { 8, "referrals", "many", "not a number" },
    { 9, "customer id", "B01", "line 2" },
    { 11, "", "5,5\n", "not closed" },
  };
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  r = run_import (f, "bad-rows.csv", o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_read, ==, 9);
  g_assert_cmpuint (r->rows_imported, ==, 3);
  g_assert_cmpuint (r->rows_rejected, ==, 6);
  g_assert_cmpuint (r->rows_without_customer, ==, 1);
  g_assert_cmpuint (r->rejects->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      StrataImportReject *j = r->rejects->pdata[i];

      g_assert_cmpuint (j->line, ==, expected[i].line);
      g_assert_cmpstr (j->column, ==, expected[i].column);
      g_assert_true (g_str_has_suffix (j->value, expected[i].value));
      if (strstr (j->reason, expected[i].reason_part) == NULL)
        g_error ("line %" G_GUINT64_FORMAT ": “%s” lacks “%s”", j->line, j->reason, expected[i].reason_part);
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM import_rejects"), ==, 6);
  g_assert_cmpint (count (f, "SELECT rows_rejected FROM imports"), ==, 6);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpfloat (value_of (f, "Q", "B01", "order_amount"), ==, 100);
  g_assert_cmpfloat (value_of (f, "Q", "B06", "order_amount"), ==, 1000);
  log = query_text (f->path, "SELECT name FROM customers WHERE ext_id = 'B04'");
  g_assert_cmpstr (log, ==, "Multi\nline name");
  /* A rejected row changes nothing, not even the name of a known id. */
  g_free (log);
  log = query_text (f->path, "SELECT name FROM customers WHERE ext_id = 'B01'");
  g_assert_cmpstr (log, ==, "Good One");
}

static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  r = run_import (f, "formats.csv", o, &error);
  g_assert_no_error (error);
  g_clear_pointer (&r, strata_import_result_free);
  before = dump_database (f->path);

  o->strict = TRUE;
  r = run_import (f, "bad-rows.csv", o, &error);
  g_assert_null (r);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_BAD_ROWS);
  g_assert_nonnull (strstr (error->message, "bad-rows.csv"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "12abc"));
  after = dump_database (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q3");
  g_autoptr(GError) error = NULL;
  g_autofree char *update = g_build_filename (f->dir, "update.csv", NULL);
  g_autofree char *source = fixture ("customers-utf8.csv");
  const char *text = "Customer ID,年度订单金额\nC001,7\nC002,\n";
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) r1 = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  r1 = strata_import_run (ws, source, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (update, text, -1, NULL));
  r2 = strata_import_run (ws, update, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->rows_imported, ==, 2);

  /* The file's customers get its values (C002's empty cell clears its
   * amount); every other customer keeps what it had; other metrics stay. */
  g_assert_cmpfloat (value_of (f, "2026-Q3", "C001", "order_amount"), ==, 7);
  g_assert_true (isnan (value_of (f, "2026-Q3", "C002", "order_amount")));
  g_assert_cmpfloat (value_of (f, "2026-Q3", "C003", "order_amount"), ==, 250000000);
  g_assert_cmpfloat (value_of (f, "2026-Q3", "C010", "order_amount"), ==, 30000);
  g_assert_cmpfloat (value_of (f, "2026-Q3", "C003", "referrals"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'order_amount'"), ==, 9);
  g_assert_cmpint (count (f, "SELECT count(*) FROM periods"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM period_customers"), ==, 10);
  g_assert_cmpint (count (f, "SELECT count(*) FROM imports"), ==, 2);
}

/* A customer table imported into a period that has data: only the file's
 * customers change, cell by cell. */
static void
test_reimport_merges (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (f->dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.csv", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) r1 = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;
  g_autoptr(StrataImportResult) r3 = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.csv", NULL);

  g_assert_true (g_file_set_contents (first,
                                      "customer_id,name,order_amount,referrals\n"
                                      "A1,Alpha,100,10\nB2,Beta,200,20\nC3,Gamma,300,30\n", -1, NULL));
  g_assert_true (g_file_set_contents (second, "customer_id,order_amount,referrals\nB2,250,\n", -1, NULL));
  g_assert_true (g_file_set_contents (other, "customer_id,order_amount\nA1,1\n", -1, NULL));

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  r1 = strata_import_run (ws, first, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->rows_imported, ==, 3);
  r2 = strata_import_run (ws, second, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->rows_imported, ==, 1);
  g_assert_cmpuint (r2->customers, ==, 1);

  /* The customers not in the file keep both values. */
  g_assert_cmpfloat (value_of (f, "Q", "A1", "order_amount"), ==, 100);
  g_assert_cmpfloat (value_of (f, "Q", "A1", "referrals"), ==, 10);
  g_assert_cmpfloat (value_of (f, "Q", "C3", "order_amount"), ==, 300);
  g_assert_cmpfloat (value_of (f, "Q", "C3", "referrals"), ==, 30);
  /* B2: the changed value is updated, the empty cell cleared. */
  g_assert_cmpfloat (value_of (f, "Q", "B2", "order_amount"), ==, 250);
  g_assert_true (isnan (value_of (f, "Q", "B2", "referrals")));
  g_assert_cmpint (count (f, "SELECT count(*) FROM metric_values"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM period_customers"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 3);

  /* A file with every customer (the fast path): the same cell by cell. */
  {
    g_autofree char *all = g_build_filename (f->dir, "all.csv", NULL);
    g_autoptr(StrataImportResult) r = NULL;

    g_assert_true (g_file_set_contents (all, "customer_id,order_amount,referrals\n"
                                        "A1,,11\nB2,7,\nC3,9,33\n", -1, NULL));
    r = strata_import_run (ws, all, o, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (isnan (value_of (f, "Q", "A1", "order_amount")));
    g_assert_cmpfloat (value_of (f, "Q", "A1", "referrals"), ==, 11);
    g_assert_cmpfloat (value_of (f, "Q", "B2", "order_amount"), ==, 7);
    g_assert_true (isnan (value_of (f, "Q", "B2", "referrals")));
    g_assert_cmpfloat (value_of (f, "Q", "C3", "order_amount"), ==, 9);
    g_assert_cmpfloat (value_of (f, "Q", "C3", "referrals"), ==, 33);
    g_assert_cmpint (count (f, "SELECT count(*) FROM metric_values"), ==, 4);
  }
  /* A rejected row leaves its customer as it was, even when every other
   * customer is in the file. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
    g_autoptr(StrataImportResult) r = NULL;

    g_assert_true (g_file_set_contents (bad, "customer_id,order_amount,referrals\n"
                                        "A1,5,\nB2,6,2\nC3,lots,1\n", -1, NULL));
    r = strata_import_run (ws, bad, o, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->rows_rejected, ==, 1);
    g_assert_cmpfloat (value_of (f, "Q", "A1", "order_amount"), ==, 5);
    g_assert_true (isnan (value_of (f, "Q", "A1", "referrals")));
    g_assert_cmpfloat (value_of (f, "Q", "B2", "order_amount"), ==, 6);
    g_assert_cmpfloat (value_of (f, "Q", "B2", "referrals"), ==, 2);
    g_assert_cmpfloat (value_of (f, "Q", "C3", "order_amount"), ==, 9);
    g_assert_cmpfloat (value_of (f, "Q", "C3", "referrals"), ==, 33);
  }

  /* Another period is not touched by an import into Q. */
  g_clear_pointer (&o, strata_import_options_free);
  o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "R");
  r3 = strata_import_run (ws, other, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (value_of (f, "R", "A1", "order_amount"), ==, 1);
  g_assert_cmpfloat (value_of (f, "Q", "A1", "order_amount"), ==, 5);
  g_assert_cmpfloat (value_of (f, "Q", "C3", "order_amount"), ==, 9);
  g_assert_cmpint (count (f, "SELECT count(*) FROM metric_values"), ==, 6);
}

/* An order-line file is all of the period's order lines: a re-import
 * replaces what they aggregate to for every customer. */
static void
test_reimport_orders (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, "Q");
  g_autoptr(StrataImportOptions) oc = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(GError) error = NULL;
  g_autofree char *lines1 = g_build_filename (f->dir, "lines1.csv", NULL);
  g_autofree char *lines2 = g_build_filename (f->dir, "lines2.csv", NULL);
  g_autofree char *table = g_build_filename (f->dir, "table.csv", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) r1 = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;
  g_autoptr(StrataImportResult) r3 = NULL;

  g_assert_true (g_file_set_contents (lines1,
                                      "invoice,customer_id,date,amount\n"
                                      "I1,A1,2024-01-05,10\nI2,B2,2024-02-05,20\n", -1, NULL));
  g_assert_true (g_file_set_contents (lines2,
                                      "invoice,customer_id,date,amount\nI3,B2,2024-03-05,5\n", -1, NULL));
  g_assert_true (g_file_set_contents (table, "customer_id,referrals\nA1,3\n", -1, NULL));

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  r1 = strata_import_run (ws, lines1, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  r3 = strata_import_run (ws, table, oc, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (value_of (f, "Q", "A1", "order_amount"), ==, 10);
  r2 = strata_import_run (ws, lines2, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (value_of (f, "Q", "A1", "order_amount")));
  g_assert_true (isnan (value_of (f, "Q", "A1", "order_count")));
  g_assert_cmpfloat (value_of (f, "Q", "B2", "order_amount"), ==, 5);
  g_assert_cmpfloat (value_of (f, "Q", "B2", "order_count"), ==, 1);
  /* A metric order lines do not make stays. */
  g_assert_cmpfloat (value_of (f, "Q", "A1", "referrals"), ==, 3);
}

static void
test_orders_retail (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, "2010-12");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = run_import (f, "online-retail-200.csv", o, &error);
  g_assert_no_error (error);
  /* Independent totals: see tests/fixtures/README.md. */
  g_assert_cmpuint (r->rows_read, ==, 200);
  g_assert_cmpuint (r->rows_without_customer, ==, 1);
  g_assert_cmpuint (r->rows_imported, ==, 199);
  g_assert_cmpuint (r->rows_rejected, ==, 0);
  g_assert_cmpuint (r->lines_cancelled, ==, 1);
  g_assert_cmpuint (r->customers, ==, 13);
  g_assert_cmpfloat_with_epsilon (r->total_amount, 4296.80, 1e-6);
  g_assert_cmpint (count (f, "SELECT sum(value) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'order_count'"), ==, 19);
  g_assert_cmpint (count (f, "SELECT sum(value) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'distinct_products'"), ==, 164);
  g_assert_cmpint (count (f, "SELECT sum(value) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'active_months'"), ==, 12);
  g_assert_cmpfloat_with_epsilon (value_of (f, "2010-12", "12583", "order_amount"), 855.86, 1e-9);
  g_assert_cmpfloat (value_of (f, "2010-12", "12583", "order_count"), ==, 1);
  g_assert_cmpfloat (value_of (f, "2010-12", "12583", "distinct_products"), ==, 20);
  g_assert_cmpfloat (value_of (f, "2010-12", "12583", "last_order_date"), ==, day ("2010-12-01"));
  g_assert_cmpint (count (f, "SELECT line FROM import_rejects"), ==, 174);
}

static void
test_orders_olist (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, "olist");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = run_import (f, "olist-items-200.csv", o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_read, ==, 200);
  g_assert_cmpuint (r->rows_imported, ==, 200);
  g_assert_cmpuint (r->lines_cancelled, ==, 0);   /* hex order ids starting with c are not cancellations */
  g_assert_cmpuint (r->customers, ==, 150);
  g_assert_cmpfloat_with_epsilon (r->total_amount, 22805.71, 1e-6);
  g_assert_cmpint (count (f, "SELECT sum(value) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'order_count'"), ==, 181);
  g_assert_cmpint (count (f, "SELECT sum(value) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'active_months'"), ==, 177);
  g_assert_cmpfloat (value_of (f, "olist", "001cca7ae9ae17fb1caed9dfb1094831", "order_amount"), ==, 99);
  g_assert_cmpfloat (value_of (f, "olist", "001cca7ae9ae17fb1caed9dfb1094831", "last_order_date"), ==,
                     day ("2017-05-17"));
}

static void
test_orders_columns (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, "2024");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;

  o->id_column = g_strdup ("kunde");
  o->date_column = g_strdup ("Datum");
  o->invoice_column = g_strdup ("Rechnung");
  o->product_column = g_strdup ("Artikel");
  o->quantity_column = g_strdup ("Menge");
  o->unit_price_column = g_strdup ("Preis");
  r = run_import (f, "orders-semicolon.csv", o, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->delimiter, ==, ';');
  g_assert_cmpuint (r->rows_read, ==, 6);
  g_assert_cmpuint (r->rows_without_customer, ==, 1);
  g_assert_cmpuint (r->lines_cancelled, ==, 1);
  g_assert_cmpfloat_with_epsilon (value_of (f, "2024", "K1", "order_amount"), 13.0, 1e-9);
  g_assert_cmpfloat (value_of (f, "2024", "K1", "order_count"), ==, 2);
  g_assert_cmpfloat (value_of (f, "2024", "K1", "distinct_products"), ==, 2);
  g_assert_cmpfloat (value_of (f, "2024", "K1", "active_months"), ==, 2);
  g_assert_cmpfloat (value_of (f, "2024", "K1", "last_order_date"), ==, day ("2024-03-01"));
  g_assert_cmpfloat_with_epsilon (value_of (f, "2024", "K2", "order_amount"), 4.5, 1e-9);
  g_assert_cmpint (count (f, "SELECT line FROM import_rejects WHERE reason = 'no customer id'"), ==, 7);

  /* A column that is not there: an error naming the file and the columns. */
  g_clear_pointer (&r, strata_import_result_free);
  g_free (o->product_column);
  o->product_column = g_strdup ("SKU");
  r = run_import (f, "orders-semicolon.csv", o, &error);
  g_assert_null (r);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "orders-semicolon.csv"));
  g_assert_nonnull (strstr (error->message, "“SKU”"));
  g_assert_nonnull (strstr (error->message, "“Artikel”"));
}

static void
test_wholesale (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2014");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;

  /* No id column: without one the import refuses, with “#” rows are numbered. */
  r = run_import (f, "wholesale-100.csv", o, &error);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
  g_clear_error (&error);
  o->id_column = g_strdup ("#");
  r = run_import (f, "wholesale-100.csv", o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, 100);
  g_assert_cmpuint (r->new_metrics->len, ==, 8);
  g_assert_cmpint (count (f, "SELECT sum(value) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'fresh'"), ==, 1295747);
  g_assert_cmpint (count (f, "SELECT sum(value) FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                             " WHERE m.key = 'milk'"), ==, 832708);
}

/* A generated customer table of n rows. */
static char *
write_big (Fixture *f,
           guint    n)
{
  char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GString) s = g_string_new ("id,name,order_amount,referrals,region\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "K%07u,Customer %u,%u.%02u,%u,R%u\n", i, i, i * 7 % 100000, i % 100, i % 13, i % 5);
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  return path;
}

static void
cancel_halfway (double   fraction,
                gpointer data)
{
  if (fraction > 0.4)
    g_cancellable_cancel (data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *big = write_big (f, 60000);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  r = run_import (f, "customers-utf8.csv", o, &error);
  g_assert_no_error (error);
  g_clear_pointer (&r, strata_import_result_free);
  before = dump_database (f->path);

  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  r = strata_import_run (ws, big, o, cancel_halfway, cancellable, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (strata_workspace_in_transaction (ws));
  g_clear_object (&ws);

  after = dump_database (f->path);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GMainLoop          *loop;
  StrataImportResult *result;
  GError             *error;
  double              last;
  guint               calls;
  guint               changed;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer data)
{
  AsyncState *st = data;

  g_assert_cmpfloat (fraction, >=, st->last);
  st->last = fraction;
  st->calls++;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  AsyncState *st = data;

  st->result = strata_import_run_finish (STRATA_WORKSPACE (source), result, &st->error);
  g_main_loop_quit (st->loop);
}

static void
on_changed (StrataWorkspace *ws,
            const char      *what,
            gpointer         data)
{
  AsyncState *st = data;

  /* One signal for all an import changes. */
  st->changed++;
  g_assert_cmpstr (what, ==, "all");
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *big = write_big (f, 20000);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState st = { 0 };
  gint64 start;

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (ws, "changed", G_CALLBACK (on_changed), &st);
  st.loop = g_main_loop_new (NULL, FALSE);
  start = g_get_monotonic_time ();
  strata_import_run_async (ws, big, o, on_progress, &st, NULL, NULL, on_done, &st);
  g_main_loop_run (st.loop);
  /* Beside the window's connection the import stays in WAL mode, and
   * finds that out at once, not after the 5 s busy timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  {
    g_autoptr(sqlite3_stmt) mode = strata_workspace_prepare (ws, "PRAGMA journal_mode", NULL);
    g_assert_cmpint (sqlite3_step (mode), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (mode, 0), ==, "wal");
  }
  /* Progress calls queued before the result are delivered first. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (st.error);
  g_assert_nonnull (st.result);
  g_assert_cmpuint (st.result->rows_imported, ==, 20000);
  g_assert_cmpuint (st.changed, ==, 1);
  g_assert_cmpuint (st.calls, >, 2);
  g_assert_cmpfloat (st.last, ==, 1.0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 20000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attributes WHERE key = 'region'"), ==, 20000);
  g_assert_cmpfloat_with_epsilon (value_of (f, "Q", "K0000123", "order_amount"), 861.23, 1e-9);

  strata_import_result_free (st.result);
  g_main_loop_unref (st.loop);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *log = g_build_filename (f->dir, "log.csv", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.strata", NULL);
  g_autofree char *text = NULL;
  g_autoptr(StrataCsvReader) reader = NULL;

  r = run_import (f, "customers-utf8.csv", o, &error);
  g_assert_no_error (error);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_export_customers (ws, NULL, out, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Customer ID,Name,"));
  g_assert_nonnull (strstr (text, "\r\nC004,深圳前海电子商务有限公司,华南,电商,-1234.00,2,no,2024-07-30,95,10.00,Ordinary,\r\n"));
  /* The score columns come from the published rules (the seeded v1). */
  g_assert_nonnull (strstr (text, ",员工人数,Score,Tier,Quadrant\r\n"));
  g_assert_nonnull (strstr (text, "\r\nC003,广州南方物流集团,华南,物流,250000000.00,0,yes,2024-08-15,8000,55.00,Value,\r\n"));

  /* The export imports back with the same values. */
  {
    g_autoptr(StrataWorkspace) ws2 = strata_import_open_workspace (copy, &error);
    g_autoptr(StrataImportResult) r2 = NULL;

    g_assert_no_error (error);
    r2 = strata_import_run (ws2, out, o, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r2->rows_imported, ==, 10);
    /* 员工人数 and the score are new metrics there; tier an attribute. */
    g_assert_cmpuint (r2->new_metrics->len, ==, 2);
  }
  {
    g_autofree char *a = query_text (copy, "SELECT group_concat(value, ';') FROM (SELECT value FROM metric_values"
                                           " WHERE metric_id <> (SELECT id FROM metrics WHERE key = 'score') ORDER BY metric_id, customer_id)");
    g_autofree char *b = query_text (f->path, "SELECT group_concat(value, ';') FROM (SELECT value FROM metric_values ORDER BY metric_id, customer_id)");
    g_assert_cmpstr (a, ==, b);
  }

  /* The reject log of the latest import. */
  g_clear_pointer (&r, strata_import_result_free);
  r = run_import (f, "bad-rows.csv", o, &error);
  g_assert_no_error (error);
  g_assert_true (strata_export_rejects (ws, 0, log, &error));
  g_assert_no_error (error);
  reader = strata_csv_reader_open (log, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_csv_reader_next (reader, NULL, NULL));
  g_assert_cmpstr (strata_csv_reader_get_field (reader, 1), ==, "Line");
  g_assert_true (strata_csv_reader_next (reader, NULL, NULL));
  g_assert_cmpstr (strata_csv_reader_get_field (reader, 0), ==, "bad-rows.csv");
  g_assert_cmpstr (strata_csv_reader_get_field (reader, 1), ==, "3");
  g_assert_cmpstr (strata_csv_reader_get_field (reader, 2), ==, "order_amount");
  g_assert_cmpstr (strata_csv_reader_get_field (reader, 3), ==, "12abc");
  for (guint i = 0; i < 5; i++)
    g_assert_true (strata_csv_reader_next (reader, NULL, NULL));
  g_assert_cmpstr (strata_csv_reader_get_field (reader, 1), ==, "11");
  g_assert_false (strata_csv_reader_next (reader, NULL, NULL));
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportPreview) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = fixture ("bad-rows.csv");
  g_autofree char *gb = fixture ("customers-gb18030.csv");
  g_autofree char *before = NULL, *after = NULL;
  const char *roles[] = { "id", "name", "metric:order_amount", "metric:referrals" };

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  before = dump_database (f->path);

  /* Strict mode does not hide the problems from the preview. */
  o->strict = TRUE;
  p = strata_import_preview (ws, bad, o, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->header->len, ==, 4);
  g_assert_cmpstr (p->header->pdata[0], ==, "customer id");
  g_assert_cmpuint (p->rows->len, ==, 5);
  g_assert_cmpuint (g_array_index (p->lines, guint64, 4), ==, 6);   /* B04 spans lines 6-7 */
  g_assert_cmpstr (((GStrv) p->rows->pdata[4])[1], ==, "Multi\nline name");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    g_assert_cmpstr (p->result->columns->pdata[i], ==, roles[i]);
  g_assert_cmpuint (p->result->rows_read, ==, 5);
  g_assert_cmpuint (p->result->rows_rejected, ==, 3);
  g_assert_cmpuint (((StrataImportReject *) p->result->rejects->pdata[0])->line, ==, 3);
  g_assert_cmpstr (((StrataImportReject *) p->result->rejects->pdata[0])->column, ==, "order_amount");
  after = dump_database (f->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&p, strata_import_preview_free);

  /* Changing the encoding and delimiter changes what the preview shows. */
  o->strict = FALSE;
  p = strata_import_preview (ws, gb, o, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->result->encoding, ==, "GB18030");
  g_assert_cmpstr (p->header->pdata[1], ==, "客户名称");
  g_assert_cmpstr (p->result->columns->pdata[6], ==, "attribute");
  g_assert_true (g_str_has_prefix (p->result->columns->pdata[8], "metric:"));
  g_clear_pointer (&p, strata_import_preview_free);
  o->delimiter = ';';
  p = strata_import_preview (ws, gb, o, 3, NULL, &error);
  /* One column: no id. The records still show, as read, with the reason. */
  g_assert_no_error (error);
  g_assert_error (p->problem, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
  g_assert_cmpuint (p->header->len, ==, 1);
  g_assert_cmpuint (p->rows->len, ==, 3);
  g_assert_cmpuint (g_array_index (p->lines, guint64, 0), ==, 2);
  g_assert_true (g_str_has_prefix (((GStrv) p->rows->pdata[0])[0], "C001,"));
  g_assert_cmpstr (p->result->columns->pdata[0], ==, "ignored");
  g_clear_pointer (&p, strata_import_preview_free);
  o->delimiter = 0;
  o->encoding = g_strdup ("UTF-8");
  p = strata_import_preview (ws, gb, o, 3, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING);
  g_free (after);
  after = dump_database (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_missing_period_and_file (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, " ");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_import_open_workspace (f->path, &error);

  g_assert_no_error (error);
  g_assert_null (strata_import_run (ws, "/nonexistent/customers.csv", o, NULL, NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
  g_clear_error (&error);
  g_free (o->period);
  o->period = g_strdup ("Q");
  g_assert_null (strata_import_run (ws, "/nonexistent/customers.csv", o, NULL, NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/customers.csv"));
}

/* The assistant's choices: a column set aside is neither used nor guessed
 * for a role; a numeric column can be kept as a text attribute. */
static void
test_ignore_and_attribute (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(StrataImportOptions) copy = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = fixture ("customers-gb18030.csv");
  g_autofree char *v = NULL;

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  strata_import_options_ignore_column (o, "客户名称");
  strata_import_options_attribute_column (o, "员工人数");
  copy = strata_import_options_copy (o);
  r = strata_import_run (ws, gb, copy, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->columns->pdata[1], ==, "ignored");
  g_assert_cmpstr (r->columns->pdata[8], ==, "attribute");
  g_assert_cmpuint (r->new_metrics->len, ==, 0);
  v = query_text (f->path, "SELECT name FROM customers WHERE ext_id = 'C001'");
  g_assert_cmpstr (v, ==, "");
  g_clear_pointer (&v, g_free);
  v = query_text (f->path, "SELECT a.value FROM attributes a JOIN customers c ON c.id = a.customer_id"
                           " WHERE c.ext_id = 'C001' AND a.key = '员工人数'");
  g_assert_cmpstr (v, ==, "1200");
}

/* A file larger than the writer's batches, new customers mixed with known
 * ones, bad rows and a repeated id scattered through it: every row lands
 * where it would in one pass, every reject in the log at its line. */
static void
test_batches (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "Q");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (f->dir, "first.csv", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("id,name,order_amount,referrals,region\n");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) r1 = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;
  g_autofree char *v = NULL;
  guint bad = 0;

  g_assert_true (g_file_set_contents (first, "id,name,order_amount,referrals,region\n"
                                      "K0004000,Old name,1,2,West\nK0009000,Kept,3,4,East\n", -1, NULL));
  /* 10,000 rows: line i + 2 holds customer i; every 997th amount is bad. */
  for (guint i = 0; i < 10000; i++)
    {
      if (i % 997 == 500)
        {
          g_string_append_printf (text, "K%07u,Customer %u,not a number,1,R%u\n", i, i, i % 3);
          bad++;
        }
      else
        g_string_append_printf (text, "K%07u,Customer %u,%u.5,%u,R%u\n", i, i, i, i % 7, i % 3);
    }
  g_string_append (text, "K0000001,Again,1,1,R0\n");   /* line 10,002 */
  g_assert_true (g_file_set_contents (big, text->str, text->len, NULL));

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  r1 = strata_import_run (ws, first, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  r2 = strata_import_run (ws, big, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Alone with the file, the import used a rollback journal; WAL is back. */
  {
    g_autoptr(sqlite3_stmt) mode = strata_workspace_prepare (ws, "PRAGMA journal_mode", NULL);
    g_assert_cmpint (sqlite3_step (mode), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (mode, 0), ==, "wal");
  }
  g_assert_cmpuint (r2->rows_read, ==, 10001);
  g_assert_cmpuint (r2->rows_rejected, ==, bad + 1);
  g_assert_cmpuint (r2->rows_imported, ==, 10000 - bad);
  g_clear_object (&ws);

  /* A rejected row makes no customer. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 10000 - bad);
  g_assert_cmpint (count (f, "SELECT count(*) FROM period_customers"), ==, 10000 - bad);
  g_assert_cmpint (count (f, "SELECT count(*) FROM import_rejects r JOIN imports i ON i.id = r.import_id"
                             " WHERE i.id = (SELECT max(id) FROM imports)"), ==, bad + 1);
  /* The bad rows at their lines and column, the repeated id last. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM import_rejects WHERE column_name = 'order_amount'"
                             " AND value = 'not a number' AND (line - 2) % 997 = 500"), ==, bad);
  v = query_text (f->path, "SELECT line || ' ' || value FROM import_rejects WHERE column_name = 'id'");
  g_assert_cmpstr (v, ==, "10002 K0000001");
  g_clear_pointer (&v, g_free);

  /* New customers, in and across batches. */
  g_assert_cmpfloat (value_of (f, "Q", "K0000000", "order_amount"), ==, 0.5);
  g_assert_cmpfloat (value_of (f, "Q", "K0008191", "order_amount"), ==, 8191.5);
  g_assert_cmpfloat (value_of (f, "Q", "K0008191", "referrals"), ==, 8191 % 7);
  g_assert_true (isnan (value_of (f, "Q", "K0000500", "order_amount")));
  v = query_text (f->path, "SELECT c.name || ' ' || a.value FROM customers c JOIN attributes a"
                           " ON a.customer_id = c.id WHERE c.ext_id = 'K0009999'");
  g_assert_cmpstr (v, ==, "Customer 9999 R0");
  g_clear_pointer (&v, g_free);
  /* Known customers: renamed, values and attribute replaced. */
  g_assert_cmpfloat (value_of (f, "Q", "K0004000", "order_amount"), ==, 4000.5);
  v = query_text (f->path, "SELECT c.name || ' ' || a.value FROM customers c JOIN attributes a"
                           " ON a.customer_id = c.id WHERE c.ext_id = 'K0004000'");
  g_assert_cmpstr (v, ==, "Customer 4000 R1");
  g_clear_pointer (&v, g_free);
  /* Ids: the two known ones first, the rest in file order (which is
   * their ids' order: see /import-batches/numbered-by-ext-id). */
  g_assert_cmpint (count (f, "SELECT id FROM customers WHERE ext_id = 'K0000000'"), ==, 3);
  g_assert_cmpint (count (f, "SELECT id FROM customers WHERE ext_id = 'K0009999'"), ==, 10000 - bad);

  /* The same file into a new period: every customer is known, none is in
   * the period yet. */
  {
    g_autoptr(StrataImportOptions) next = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "R");
    g_autoptr(StrataImportResult) r3 = NULL;

    ws = strata_workspace_open (f->path, NULL, &error);
    g_assert_no_error (error);
    r3 = strata_import_run (ws, big, next, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r3->rows_imported, ==, 10000 - bad);
    g_clear_object (&ws);
    g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 10000 - bad);
    g_assert_cmpint (count (f, "SELECT count(*) FROM period_customers p JOIN periods r ON r.id = p.period_id"
                               " WHERE r.name = 'R'"), ==, 10000 - bad);
    g_assert_cmpfloat (value_of (f, "R", "K0009000", "order_amount"), ==, 9000.5);
    g_assert_cmpfloat (value_of (f, "R", "K0000007", "referrals"), ==, 0);
    g_assert_cmpfloat (value_of (f, "Q", "K0009000", "order_amount"), ==, 9000.5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, "strata-import", test_workspace_fixture_setup_dir, fn, \
                                  test_workspace_fixture_teardown)
  ADD ("/import/encodings", test_encodings);
  ADD ("/import/formats", test_formats);
  ADD ("/import/bad-rows", test_bad_rows);
  ADD ("/import/strict", test_strict);
  ADD ("/import/reimport", test_reimport);
  ADD ("/import/reimport-merges", test_reimport_merges);
  ADD ("/import/reimport-orders", test_reimport_orders);
  ADD ("/import/orders-retail", test_orders_retail);
  ADD ("/import/orders-olist", test_orders_olist);
  ADD ("/import/orders-columns", test_orders_columns);
  ADD ("/import/wholesale", test_wholesale);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/batches", test_batches);
  ADD ("/import/async", test_async);
  ADD ("/import/export", test_export);
  ADD ("/import/missing", test_missing_period_and_file);
  ADD ("/import/preview", test_preview);
  ADD ("/import/ignore-and-attribute", test_ignore_and_attribute);
  return g_test_run ();
}
