/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing into a period that already has customers: the merge keeps
 * the metrics the file does not have, replaces those it has, leaves the
 * customers it does not name untouched, and holds a window of the
 * period's rows at a time, not all of them (strata-import-period.c). */
#include "config.h"

#include <string.h>

#include "import-test-util.h"
#include "strata-import.h"
#include "strata-import-period.h"
#include "strata-period-columns.h"

typedef TestWorkspace Fixture;

/* Imports text into 2026-Q1 and commits. */
static void
import (Fixture             *f,
        const char          *text,
        StrataImportKind     kind,
        guint                rows)
{
  g_autofree char *file = g_build_filename (f->dir, "in.csv", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (kind, "2026-Q1");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  g_assert_true (strata_workspace_begin (f->ws, &error));
  r = strata_import_run (f->ws, file, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, rows);
  g_assert_true (strata_workspace_commit (f->ws, &error));
  g_assert_no_error (error);
}

/* Customers C0000001 to Cn: order_amount i, referrals i % 12,
 * login_days i % 90. */
static void
import_base (Fixture *f,
             guint    n)
{
  g_autoptr(GString) text = g_string_new ("customer_id,name,order_amount,referrals,login_days\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "C%07u,Customer %u,%u,%u,%u\n", i, i, i, i % 12, i % 90);
  import (f, text->str, STRATA_IMPORT_KIND_CUSTOMERS, n);
  /* What the customers looked like before the merges below. */
  test_workspace_exec (f->ws, "CREATE TEMP TABLE before AS SELECT customer_id, values_json"
                              " FROM period_customers");
}

/* Rows of the period that break expect, an SQL condition over i (the
 * customer's number) and v(key) (its value of metric key, NULL for none). */
static gint64
count_wrong (Fixture    *f,
             const char *expect)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM (SELECT CAST (substr (c.ext_id, 2) AS INTEGER) AS i,"
                                         " pc.values_json AS j FROM period_customers pc"
                                         " JOIN customers c ON c.id = pc.customer_id) WHERE NOT coalesce (");
  g_autofree char *cond = g_strdup (expect);
  const char *keys[] = { "order_amount", "referrals", "login_days", "order_count" };

  /* v(key): json_extract of the metric's id. */
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree char *call = g_strdup_printf ("v(%s)", keys[k]);
      g_autofree char *by = g_strdup_printf ("json_extract (j, '$.\"' || (SELECT id FROM metrics"
                                             " WHERE key = '%s') || '\"')", keys[k]);
      g_auto(GStrv) parts = g_strsplit (cond, call, -1);

      g_free (cond);
      cond = g_strjoinv (by, parts);
    }
  g_string_append_printf (sql, "%s, 0)", cond);
  return test_query_int (f->ws, sql->str);
}

static gint64
unchanged (Fixture    *f,
           const char *where)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM before b JOIN period_customers pc USING (customer_id)"
                     " JOIN customers c ON c.id = pc.customer_id"
                     " WHERE pc.values_json = b.values_json AND %s", where);
  return test_query_int (f->ws, sql);
}

static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  const guint n = 12000;
  g_autoptr(GString) dense = g_string_new ("customer_id,referrals\n");
  g_autoptr(GString) sparse = g_string_new ("customer_id,login_days,order_amount\n");
  const char *every_third = "CAST (substr (c.ext_id, 2) AS INTEGER) % 3 <> 0";

  import_base (f, n);

  /* Every third customer from last to first (windows of ids close
   * together, read with one scan each): referrals replaced, cleared by an
   * empty cell for every sixth; ten new customers. */
  for (guint i = n; i >= 1; i--)
    if (i % 6 == 0)
      g_string_append_printf (dense, "C%07u,\n", i);
    else if (i % 3 == 0)
      g_string_append_printf (dense, "C%07u,%u\n", i, 100 + i % 12);
  for (guint i = 1; i <= 10; i++)
    g_string_append_printf (dense, "C%07u,%u\n", 900000 + i, i);
  strata_import_period_peak_bytes (TRUE);
  import (f, dense->str, STRATA_IMPORT_KIND_CUSTOMERS, n / 3 + 10);
  g_assert_cmpuint (strata_import_period_peak_bytes (FALSE), >, 0);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM period_customers"), ==, n + 10);
  g_assert_cmpint (count_wrong (f, "i > 900000 OR (v(order_amount) = i AND v(login_days) = i % 90 AND"
                                   " CASE WHEN i % 6 = 0 THEN v(referrals) IS NULL"
                                   " WHEN i % 3 = 0 THEN v(referrals) = 100 + i % 12"
                                   " ELSE v(referrals) = i % 12 END)"), ==, 0);
  g_assert_cmpint (count_wrong (f, "i < 900000 OR (v(referrals) = i - 900000 AND v(order_amount) IS NULL)"), ==, 0);
  /* The customers not in the file: not one byte changed. */
  g_assert_cmpint (unchanged (f, every_third), ==, n - n / 3);

  /* Every fiftieth (far apart: a look-up each): two metrics replaced,
   * referrals kept as the first merge left them. */
  for (guint i = 50; i <= n; i += 50)
    g_string_append_printf (sparse, "C%07u,%u,%u.5\n", i, 1000 + i, i);
  import (f, sparse->str, STRATA_IMPORT_KIND_CUSTOMERS, n / 50);
  g_assert_cmpint (count_wrong (f, "i > 900000 OR"
                                   " (CASE WHEN i % 50 = 0 THEN v(login_days) = 1000 + i AND v(order_amount) = i + 0.5"
                                   " ELSE v(login_days) = i % 90 AND v(order_amount) = i END AND"
                                   " CASE WHEN i % 6 = 0 THEN v(referrals) IS NULL"
                                   " WHEN i % 3 = 0 THEN v(referrals) = 100 + i % 12"
                                   " ELSE v(referrals) = i % 12 END)"), ==, 0);
  g_assert_cmpint (unchanged (f, "CAST (substr (c.ext_id, 2) AS INTEGER) % 150 NOT IN (0, 50, 100)"
                                 " AND CAST (substr (c.ext_id, 2) AS INTEGER) % 3 <> 0"),
                   ==, n - n / 3 - (n / 50 - n / 150));
}

/* Order lines into the period: every customer of the period is walked,
 * the order metrics replaced for each, the rest kept. */
static void
test_orders (Fixture       *f,
             gconstpointer  data)
{
  const guint n = 9000;
  g_autoptr(GString) lines = g_string_new ("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
  g_autofree char *rows = NULL;
  gint64 p;

  import_base (f, n);
  /* Customers 7, 14, ... two lines each; two customers not in the period. */
  for (guint i = 7; i <= n; i += 7)
    g_string_append_printf (lines, "%u,P1,1,2026-01-15,%u,C%07u\n%ua,P2,2,2026-02-15,1,C%07u\n",
                            i, i, i, i, i);
  g_string_append (lines, "X1,P1,1,2026-01-15,5,C0900001\nX2,P1,1,2026-01-15,6,C0900002\n");
  strata_import_period_peak_bytes (TRUE);
  import (f, lines->str, STRATA_IMPORT_KIND_ORDERS, 2 * (n / 7) + 2);
  g_assert_cmpuint (strata_import_period_peak_bytes (FALSE), >, 0);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM period_customers"), ==, n + 2);
  g_assert_cmpint (count_wrong (f, "i > 900000 OR (v(referrals) = i % 12 AND v(login_days) = i % 90 AND"
                                   " CASE WHEN i % 7 = 0 THEN v(order_amount) = i + 2 AND v(order_count) = 2"
                                   " ELSE v(order_amount) IS NULL END)"), ==, 0);
  g_assert_cmpint (count_wrong (f, "i < 900000 OR v(order_amount) = i - 900000 + 4"), ==, 0);
  /* The columns the walk wrote are what the commit found nothing to
   * rebuild for: equal to the rows. */
  p = test_query_int (f->ws, "SELECT id FROM periods WHERE name = '2026-Q1'");
  g_assert_cmpint (strata_period_columns_count (f->ws, p), ==, n + 2);
  rows = g_strdup_printf ("SELECT count(*) FROM period_columns WHERE period_id = %" G_GINT64_FORMAT, p);
  g_assert_cmpint (test_query_int (f->ws, rows), >=, 5);
}

/* 100,000 customers in the period: the merges hold a window of their
 * rows, a small fraction of what the period's values_json take. */
static void
test_bounded (Fixture       *f,
              gconstpointer  data)
{
  const guint n = 100000;
  g_autoptr(GString) half = g_string_new ("customer_id,referrals\n");
  g_autoptr(GString) lines = g_string_new ("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
  gint64 all_json;
  /* 4,096 rows of about 26 bytes, in a string that doubles, and their
   * ids and offsets (16 bytes each): under 256 KiB. */
  const gsize cap = 256 * 1024;

  import_base (f, n);
  all_json = test_query_int (f->ws, "SELECT sum (length (values_json) + 1) FROM period_customers");
  g_assert_cmpint (all_json, >, 8 * cap);

  for (guint i = 2; i <= n; i += 2)
    g_string_append_printf (half, "C%07u,%u\n", i, 50 + i % 7);
  strata_import_period_peak_bytes (TRUE);
  strata_period_columns_builder_peak_bytes (TRUE);
  import (f, half->str, STRATA_IMPORT_KIND_CUSTOMERS, n / 2);
  g_test_message ("customers: %" G_GSIZE_FORMAT " bytes held", strata_import_period_peak_bytes (FALSE));
  g_assert_cmpuint (strata_import_period_peak_bytes (TRUE), <=, cap);
  /* The commit rebuilt the period's columns from all its rows, a chunk
   * of 65,536 customers at a time (ids and three metrics, and a chunk's
   * buffer to write them), not the 3.2 MB of all four arrays. */
  g_assert_cmpuint (strata_period_columns_builder_peak_bytes (FALSE), >, 0);
  g_assert_cmpuint (strata_period_columns_builder_peak_bytes (TRUE), <=, 65536 * 8 * 5);
  g_assert_cmpint (count_wrong (f, "v(referrals) = CASE WHEN i % 2 = 0 THEN 50 + i % 7 ELSE i % 12 END"
                                   " AND v(order_amount) = i"), ==, 0);

  for (guint i = 1000; i <= n; i += 1000)
    g_string_append_printf (lines, "%u,P1,1,2026-01-15,%u,C%07u\n", i, i, i);
  import (f, lines->str, STRATA_IMPORT_KIND_ORDERS, n / 1000);
  g_test_message ("orders: %" G_GSIZE_FORMAT " bytes held", strata_import_period_peak_bytes (FALSE));
  g_assert_cmpuint (strata_import_period_peak_bytes (TRUE), <=, cap);
  g_assert_cmpint (count_wrong (f, "v(login_days) = i % 90 AND CASE WHEN i % 1000 = 0 THEN v(order_amount) = i"
                                   " ELSE v(order_amount) IS NULL END"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, "strata-import-merge", import_test_fixture_setup, fn, \
                                 test_workspace_fixture_teardown)
  ADD ("/import-merge/values", test_values);
  ADD ("/import-merge/orders", test_orders);
  ADD ("/import-merge/bounded", test_bounded);
  return g_test_run ();
}
