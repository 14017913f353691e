/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An import writes its periods' columns in the same pass as their rows
 * (strata_period_columns_builder_*): the blobs are byte for byte what the
 * rebuild from values_json makes, with missing values, a rejected repeated
 * id, known customers listed out of id order, several periods of order
 * lines; an import into a period that has rows leaves the columns to the
 * commit's rebuild, which gives the merged values. A large import holds a
 * bounded amount of its columns in memory (the rest spills to a file). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "import-test-util.h"
#include "strata-import.h"
#include "strata-period-columns.h"

typedef TestWorkspace Fixture;

/* Runs the import inside an outer transaction, so that the commit's
 * rebuild has not run yet when it returns. */
static StrataImportResult *
import_open (Fixture             *f,
             const char          *text,
             StrataImportOptions *o)
{
  g_autofree char *file = g_build_filename (f->dir, "in.csv", NULL);
  g_autoptr(GError) error = NULL;
  StrataImportResult *r;

  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  g_assert_true (strata_workspace_begin (f->ws, &error));
  r = strata_import_run (f->ws, file, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return r;
}

static void
commit (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (strata_workspace_commit (f->ws, &error));
  g_assert_no_error (error);
}

static gint64
period_id (Fixture    *f,
           const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM periods WHERE name = '%s'", name);

  return test_query_int (f->ws, sql);
}

/* The period's blobs, one line per metric id: "id:hex". */
static char *
blobs (Fixture *f,
       gint64   period)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (f->ws, "SELECT metric_id, data FROM period_columns"
                              " WHERE period_id = ?1 ORDER BY metric_id", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, period);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      int n = sqlite3_column_bytes (stmt, 1);

      g_string_append_printf (out, "%lld:", (long long) sqlite3_column_int64 (stmt, 0));
      for (int i = 0; i < n; i++)
        g_string_append_printf (out, "%02x", data[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The columns are there before the commit (the import wrote them) and
 * equal, byte for byte, what the rebuild from values_json writes. */
static void
assert_written_as_rebuilt (Fixture *f,
                           gint64   period)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = blobs (f, period);
  g_autofree char *rebuilt = NULL;
  g_autofree char *rows = g_strdup_printf ("SELECT count(*) FROM period_customers WHERE period_id = %"
                                           G_GINT64_FORMAT, period);

  g_assert_cmpint (strata_period_columns_count (f->ws, period), ==, test_query_int (f->ws, rows));
  g_assert_cmpint (test_query_int (f->ws, rows), >, 0);
  test_workspace_exec (f->ws, "SAVEPOINT rebuild");
  g_assert_true (strata_period_columns_rebuild (f->ws, period, &error));
  g_assert_no_error (error);
  rebuilt = blobs (f, period);
  test_workspace_exec (f->ws, "ROLLBACK TO rebuild; RELEASE rebuild");
  g_assert_cmpstr (written, ==, rebuilt);
}

/* One value through the columns as the loader reads them. */
static double
column_value (Fixture    *f,
              gint64      period,
              const char *ext_id,
              const char *key)
{
  g_autofree char *id_sql = g_strdup_printf ("SELECT id FROM customers WHERE ext_id = '%s'", ext_id);
  g_autofree char *metric_sql = g_strdup_printf ("SELECT id FROM metrics WHERE key = '%s'", key);
  gint64 id = test_query_int (f->ws, id_sql);
  gint64 metric = test_query_int (f->ws, metric_sql);
  StrataPeriodColumns columns;
  double value = -1;

  g_assert_true (strata_period_columns_read (f->ws, period, &metric, 1, &columns));
  for (guint i = 0; i < columns.n; i++)
    if (columns.ids[i] == id)
      value = columns.columns[0] != NULL ? columns.columns[0][i] : NAN;
  strata_period_columns_clear (&columns);
  return value;
}

static void
test_customers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StrataImportOptions) q1 = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q1");
  g_autoptr(StrataImportOptions) q2 = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q2");
  g_autoptr(StrataImportResult) r1 = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;
  gint64 p1, p2;

  /* Missing values (a metric only some rows have, one that no row has),
   * a negative zero, a repeated id (rejected) and a bad number. */
  r1 = import_open (f,
                    "customer_id,name,order_amount,referrals,login_days,fault_tickets\n"
                    "A,Alpha,100.5,3,,\n"
                    "B,Beta,,1,-0,\n"
                    "C,Gamma,0.1,,7,\n"
                    "A,Again,1,1,1,\n"
                    "D,Delta,abc,1,1,\n"
                    "E,Epsilon,123456789.123,2,,\n", q1);
  g_assert_cmpuint (r1->rows_imported, ==, 4);
  g_assert_cmpuint (r1->rows_rejected, ==, 2);
  p1 = period_id (f, "2026-Q1");
  assert_written_as_rebuilt (f, p1);
  /* fault_tickets has no value at all: no column, as the rebuild has. */
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM period_columns WHERE metric_id = "
                                          "(SELECT id FROM metrics WHERE key = 'fault_tickets')"), ==, 0);
  commit (f);

  /* A new period: the known customers in reverse id order, a new one
   * between them. */
  r2 = import_open (f,
                    "customer_id,name,order_amount,referrals\n"
                    "E,,5,\n"
                    "F,Phi,6,6\n"
                    "C,,7,7\n"
                    "A,,8,\n", q2);
  g_assert_cmpuint (r2->rows_imported, ==, 4);
  p2 = period_id (f, "2026-Q2");
  assert_written_as_rebuilt (f, p2);
  commit (f);

  g_assert_cmpfloat (column_value (f, p1, "A", "order_amount"), ==, 100.5);
  g_assert_true (isnan (column_value (f, p1, "B", "order_amount")));
  g_assert_cmpfloat (column_value (f, p1, "E", "order_amount"), ==, 123456789.123);
  g_assert_cmpfloat (column_value (f, p2, "C", "referrals"), ==, 7);
  g_assert_true (isnan (column_value (f, p2, "A", "referrals")));
  g_assert_cmpfloat (column_value (f, p2, "F", "order_amount"), ==, 6);
  /* The repeated A kept its first row. */
  g_assert_cmpfloat (column_value (f, p1, "A", "referrals"), ==, 3);
  g_assert_cmpint (strata_period_columns_count (f->ws, p1), ==, 4);
}

static void
test_existing_period (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q1");
  g_autoptr(StrataImportResult) r1 = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 p;

  r1 = import_open (f,
                    "customer_id,name,order_amount,referrals\n"
                    "A,Alpha,10,1\n"
                    "B,Beta,20,2\n"
                    "C,Gamma,30,3\n", o);
  commit (f);
  p = period_id (f, "2026-Q1");
  before = blobs (f, p);

  /* Into the same period: B's order amount cleared, C's changed, a new
   * customer D; A is not in the file and keeps its values. */
  r2 = import_open (f,
                    "customer_id,order_amount,login_days\n"
                    "C,33,9\n"
                    "B,,4\n"
                    "D,40,\n", o);
  g_assert_cmpuint (r2->rows_imported, ==, 3);
  commit (f);
  after = blobs (f, p);
  g_assert_cmpstr (before, !=, after);

  /* What the commit left equals the rebuild from the merged rows. */
  g_assert_true (strata_workspace_begin (f->ws, NULL));
  assert_written_as_rebuilt (f, p);
  strata_workspace_rollback (f->ws);
  g_assert_cmpint (strata_period_columns_count (f->ws, p), ==, 4);
  g_assert_cmpfloat (column_value (f, p, "A", "order_amount"), ==, 10);
  g_assert_cmpfloat (column_value (f, p, "A", "referrals"), ==, 1);
  g_assert_true (isnan (column_value (f, p, "B", "order_amount")));
  g_assert_cmpfloat (column_value (f, p, "B", "referrals"), ==, 2);
  g_assert_cmpfloat (column_value (f, p, "B", "login_days"), ==, 4);
  g_assert_cmpfloat (column_value (f, p, "C", "order_amount"), ==, 33);
  g_assert_cmpfloat (column_value (f, p, "D", "order_amount"), ==, 40);
  g_assert_true (isnan (column_value (f, p, "D", "referrals")));
}

/* C1: 10 in 2010-Q4, 2 x 5 in 2011-Q1; C2: 7 in 2010-Q4, 3 in 2011-Q1;
 * C3 only in 2011-Q1, without a date on one line. */
static const char lines[] =
  "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
  "1,P1,1,2010-12-31 23:59:59,10,C1\n"
  "2,P1,2,2011-01-01 00:00:00,5,C1\n"
  "3,P2,1,2010-10-01 00:00:00,7,C2\n"
  "4,P1,1,2011-03-31 12:00:00,3,C2\n"
  "5,P3,3,2011-02-01 08:00:00,0.1,C3\n"
  "6,P3,1,,4,C3\n";

static void
test_orders_split (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, NULL);
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(StrataImportResult) again = NULL;
  gint64 q4, q1;

  o->split = STRATA_IMPORT_SPLIT_QUARTER;
  r = import_open (f, lines, o);
  g_assert_cmpuint (r->periods->len, ==, 2);
  q4 = period_id (f, "2010-Q4");
  q1 = period_id (f, "2011-Q1");
  assert_written_as_rebuilt (f, q4);
  assert_written_as_rebuilt (f, q1);
  commit (f);
  g_assert_cmpint (strata_period_columns_count (f->ws, q4), ==, 2);
  g_assert_cmpint (strata_period_columns_count (f->ws, q1), ==, 3);
  g_assert_cmpfloat (column_value (f, q4, "C1", "order_amount"), ==, 10);
  g_assert_cmpfloat (column_value (f, q1, "C1", "order_amount"), ==, 10);
  g_assert_cmpfloat (column_value (f, q1, "C3", "order_amount"), ==, 0.3);
  g_assert_cmpfloat (column_value (f, q1, "C2", "order_count"), ==, 1);

  /* The same lines again: the rows are all there already, unchanged. */
  again = import_open (f, lines, o);
  assert_written_as_rebuilt (f, q4);
  assert_written_as_rebuilt (f, q1);
  commit (f);
  g_assert_cmpfloat (column_value (f, q4, "C2", "order_amount"), ==, 7);
}

/* The same as assert_written_as_rebuilt, compared by SQLite: a large
 * period's blobs as hex would be tens of megabytes. */
static void
assert_large_written_as_rebuilt (Fixture *f,
                                 gint64   period,
                                 gint64   rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_strdup_printf ("CREATE TEMP TABLE written AS SELECT metric_id, data"
                                           " FROM period_columns WHERE period_id = %" G_GINT64_FORMAT,
                                           period);
  g_autofree char *same = g_strdup_printf ("SELECT count(*) FROM written w JOIN period_columns c"
                                           " ON c.period_id = %" G_GINT64_FORMAT " AND c.metric_id = w.metric_id"
                                           " AND c.data = w.data", period);
  g_autofree char *all = g_strdup_printf ("SELECT count(*) FROM period_columns WHERE period_id = %"
                                          G_GINT64_FORMAT, period);
  gint64 written;

  g_assert_cmpint (strata_period_columns_count (f->ws, period), ==, rows);
  test_workspace_exec (f->ws, keep);
  written = test_query_int (f->ws, "SELECT count(*) FROM written");
  /* The ids and every metric of the file. */
  g_assert_cmpint (written, ==, 11);
  test_workspace_exec (f->ws, "SAVEPOINT rebuild");
  g_assert_true (strata_period_columns_rebuild (f->ws, period, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->ws, all), ==, written);
  g_assert_cmpint (test_query_int (f->ws, same), ==, written);
  test_workspace_exec (f->ws, "ROLLBACK TO rebuild; RELEASE rebuild; DROP TABLE written");
}

/* rows customers with ten metrics; order_amount only from row 70,000 on
 * (a column met after the first chunk was spilled), referrals only before
 * it. reverse: the ids from last to first. */
static char *
large_csv (Fixture  *f,
           guint     rows,
           gboolean  reverse)
{
  g_autofree char *file = g_build_filename (f->dir, reverse ? "reverse.csv" : "large.csv", NULL);
  g_autoptr(GString) text = g_string_new ("customer_id,name,order_amount,referrals,business_lines,"
                                          "high_growth,listed_company,overdue_invoices,fault_tickets,"
                                          "listed_products,monthly_inquiries,login_days\n");

  for (guint k = 0; k < rows; k++)
    {
      guint i = reverse ? rows - 1 - k : k;

      g_string_append_printf (text, "C%07u,Customer %u,", i, i);
      if (i >= 70000)
        g_string_append_printf (text, "%u.%02u", i * 7 % 100000, i % 100);
      g_string_append_c (text, ',');
      if (i < 70000)
        g_string_append_printf (text, "%u", i % 12);
      g_string_append_printf (text, ",%u,%s,%s,%u,%u,%u,%u,%u\n", i % 5 + 1, i % 5 ? "no" : "yes",
                              i % 2 ? "yes" : "no", i % 4, i % 8, i % 200, i % 40, i % 92);
    }
  g_assert_true (g_file_set_contents (file, text->str, text->len, NULL));
  return g_steal_pointer (&file);
}

static void
test_bounded (Fixture       *f,
              gconstpointer  data)
{
  const guint rows = 150000;
  g_autoptr(StrataImportOptions) q1 = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q1");
  g_autoptr(StrataImportOptions) q2 = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q2");
  g_autoptr(StrataImportResult) r1 = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *large = large_csv (f, rows, FALSE);
  g_autofree char *reverse = large_csv (f, rows, TRUE);
  /* One chunk of 65,536 ids and eleven columns, and a chunk's buffer:
   * 6.5 MiB. Holding every column whole would be 13.2 MB here, and grow
   * with the rows. */
  const gsize chunked = 7 * 1024 * 1024;
  gint64 p1, p2;

  strata_period_columns_builder_peak_bytes (TRUE);
  g_assert_true (strata_workspace_begin (f->ws, &error));
  r1 = strata_import_run (f->ws, large, q1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->rows_imported, ==, rows);
  g_assert_cmpuint (strata_period_columns_builder_peak_bytes (TRUE), <=, chunked);
  p1 = period_id (f, "2026-Q1");
  assert_large_written_as_rebuilt (f, p1, rows);
  commit (f);
  g_assert_cmpfloat (column_value (f, p1, "C0069999", "referrals"), ==, 69999 % 12);
  g_assert_true (isnan (column_value (f, p1, "C0069999", "order_amount")));
  g_assert_cmpfloat (column_value (f, p1, "C0149999", "order_amount"), ==, 49993.99);
  g_assert_true (isnan (column_value (f, p1, "C0149999", "referrals")));

  /* The known customers in reverse: sorted while written, 24 bytes a
   * customer more. */
  strata_period_columns_builder_peak_bytes (TRUE);
  g_assert_true (strata_workspace_begin (f->ws, &error));
  r2 = strata_import_run (f->ws, reverse, q2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->rows_imported, ==, rows);
  g_assert_cmpuint (strata_period_columns_builder_peak_bytes (TRUE), <=, chunked + 24 * rows);
  p2 = period_id (f, "2026-Q2");
  assert_large_written_as_rebuilt (f, p2, rows);
  commit (f);
  g_assert_cmpfloat (column_value (f, p2, "C0000001", "login_days"), ==, 1);
  g_assert_cmpfloat (column_value (f, p2, "C0100000", "order_amount"), ==, 100000 * 7 % 100000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, "strata-import-columns", import_test_fixture_setup, fn, \
                                 test_workspace_fixture_teardown)
  ADD ("/import-columns/customers", test_customers);
  ADD ("/import-columns/existing-period", test_existing_period);
  ADD ("/import-columns/orders-split", test_orders_split);
  ADD ("/import-columns/bounded", test_bounded);
  return g_test_run ();
}
