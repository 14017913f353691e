/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order lines split into one period per quarter, month or year of their
 * dates, in one import: the edges of the periods (the last second of a
 * quarter and the first of the next), their dates, re-imports, lines
 * without a date, and one transaction for all. The files are written here
 * so that every number can be checked by hand. */
#include <math.h>

#include "import-test-util.h"
#include "strata-import.h"

/* C1: 10 in the last second of 2010-Q4, 2 x 5 in the first of 2011-Q1;
 * C2: 7 on 2010-10-01, 3 on 2011-03-31. */
static const char lines[] =
  "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
  "1,P1,1,2010-12-31 23:59:59,10,C1\n"
  "2,P1,2,2011-01-01 00:00:00,5,C1\n"
  "3,P2,1,2010-10-01 00:00:00,7,C2\n"
  "4,P1,1,2011-03-31 12:00:00,3,C2\n";

static char *
write_lines (TestWorkspace *f,
             const char    *name,
             const char    *text)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static StrataImportResult *
run_split (TestWorkspace      *f,
           const char         *text,
           StrataImportSplit   split,
           GError            **error)
{
  g_autofree char *file = write_lines (f, "lines.csv", text);
  g_autoptr(StrataWorkspace) ws = strata_import_open_workspace (f->path, error);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, NULL);

  if (ws == NULL)
    return NULL;
  o->split = split;
  return strata_import_run (ws, file, o, NULL, NULL, NULL, error);
}

static char *
value (TestWorkspace *f,
       const char    *period,
       const char    *ext_id,
       const char    *key)
{
  return metric_value (f->path, period, ext_id, key);
}

#define assert_value(f, period, ext_id, key, expected) \
  G_STMT_START { \
    g_autofree char *v_ = value (f, period, ext_id, key); \
    g_assert_cmpstr (v_, ==, expected); \
  } G_STMT_END

/* Each argument "PERIOD CUSTOMER METRIC VALUE" (no VALUE: none), up to a
 * NULL; a failure names the whole line. */
static void
assert_values (TestWorkspace *f,
               ...)
{
  va_list ap;
  const char *line;

  va_start (ap, f);
  while ((line = va_arg (ap, const char *)) != NULL)
    {
      g_auto(GStrv) w = g_strsplit (line, " ", 4);
      g_autofree char *v = NULL;
      g_autofree char *got = NULL;

      g_assert_cmpuint (g_strv_length (w), >=, 3);
      v = value (f, w[0], w[1], w[2]);
      got = g_strdup_printf ("%s %s %s%s%s", w[0], w[1], w[2], v && *v ? " " : "", v ? v : "");
      g_assert_cmpstr (got, ==, line);
    }
  va_end (ap);
}

static char *
periods (TestWorkspace *f)
{
  return query_text (f->path, "SELECT group_concat (name || ' ' || start_date || '..' || end_date"
                     " || ' #' || position, '; ') FROM (SELECT * FROM periods ORDER BY position)");
}

static void
test_quarter_edges (TestWorkspace *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) r = run_split (f, lines, STRATA_IMPORT_SPLIT_QUARTER, &error);
  g_autofree char *made = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (r->periods->len, ==, 2);
  g_assert_cmpstr (r->periods->pdata[0], ==, "2010-Q4");
  g_assert_cmpstr (r->periods->pdata[1], ==, "2011-Q1");
  g_assert_cmpuint (r->rows_imported, ==, 4);
  g_assert_cmpuint (r->customers, ==, 2);
  g_assert_cmpfloat (r->total_amount, ==, 30);

  /* Periods as `periods add` makes them: dates from the name, in order. */
  made = periods (f);
  g_assert_cmpstr (made, ==, "2010-Q4 2010-10-01..2010-12-31 #0; 2011-Q1 2011-01-01..2011-03-31 #1");

  /* 23:59:59 on 31 December is still Q4; midnight on 1 January is Q1. */
  assert_values (f,
                 "2010-Q4 C1 order_amount 10",
                 "2011-Q1 C1 order_amount 10",
                 "2010-Q4 C2 order_amount 7",
                 "2011-Q1 C2 order_amount 3",
                 "2010-Q4 C1 order_count 1",
                 "2011-Q1 C1 active_months 1",
                 /* last_order_date in days since 1970: 2010-12-31 is 14974. */
                 "2010-Q4 C1 last_order_date 14974",
                 "2011-Q1 C1 last_order_date 14975",
                 NULL);
}

static void
test_month_and_year (TestWorkspace *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) months = run_split (f, lines, STRATA_IMPORT_SPLIT_MONTH, &error);
  g_autoptr(StrataImportResult) years = NULL;
  g_autofree char *made = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (months->periods->len, ==, 4);
  made = periods (f);
  g_assert_cmpstr (made, ==, "2010-10 2010-10-01..2010-10-31 #0; 2010-12 2010-12-01..2010-12-31 #1; "
                   "2011-01 2011-01-01..2011-01-31 #2; 2011-03 2011-03-01..2011-03-31 #3");
  assert_values (f,
                 "2010-12 C1 order_amount 10",
                 "2011-01 C1 order_amount 10",
                 "2010-10 C2 order_amount 7",
                 "2011-03 C2 order_amount 3",
                 "2010-10 C1 order_amount",
                 NULL);

  years = run_split (f, lines, STRATA_IMPORT_SPLIT_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->periods->len, ==, 2);
  g_clear_pointer (&made, g_free);
  made = query_text (f->path, "SELECT group_concat (name || ' ' || start_date || '..' || end_date, '; ')"
                     " FROM (SELECT * FROM periods WHERE length (name) = 4 ORDER BY position)");
  g_assert_cmpstr (made, ==, "2010 2010-01-01..2010-12-31; 2011 2011-01-01..2011-12-31");
  assert_values (f,
                 "2010 C1 order_amount 10",
                 "2010 C2 order_amount 7",
                 "2011 C1 order_amount 10",
                 "2011 C2 order_amount 3",
                 "2011 C2 order_count 1",
                 NULL);
}

/* A second file updates the periods it has lines for exactly as an import
 * into one period does: its order metrics are recalculated for every
 * customer of the period; periods it has no line for are not touched. */
static void
test_reimport (TestWorkspace *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) first = run_split (f, lines, STRATA_IMPORT_SPLIT_QUARTER, &error);
  g_autoptr(StrataImportResult) second = NULL;
  g_autofree char *n = NULL;

  g_assert_no_error (error);
  second = run_split (f,
                      "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                      "9,P1,4,2011-02-10,5,C1\n"
                      "9,P2,1,2011-02-10,1,C1\n"
                      "10,P3,1,2011-04-01,8,C3\n",
                      STRATA_IMPORT_SPLIT_QUARTER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->periods->len, ==, 2);
  g_assert_cmpstr (second->periods->pdata[0], ==, "2011-Q1");
  g_assert_cmpstr (second->periods->pdata[1], ==, "2011-Q2");

  n = query_text (f->path, "SELECT COUNT (*) FROM periods");
  g_assert_cmpstr (n, ==, "3");
  assert_values (f,
                 "2011-Q1 C1 order_amount 21",
                 "2011-Q1 C1 distinct_products 2",
                 /* C2 has no line in the new file: its Q1 order metrics are gone. */
                 "2011-Q1 C2 order_amount",
                 "2011-Q1 C2 order_count",
                 "2010-Q4 C1 order_amount 10",
                 "2010-Q4 C2 order_amount 7",
                 "2011-Q2 C3 order_amount 8",
                 NULL);
}

static void
test_no_date (TestWorkspace *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) r =
    run_split (f,
               "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
               "1,P1,1,2010-12-31 10:00:00,10,C1\n"
               "2,P1,1,,10,C1\n"
               "3,P1,1,someday,10,C2\n",
               STRATA_IMPORT_SPLIT_QUARTER, &error);
  StrataImportReject *j;

  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_read, ==, 3);
  g_assert_cmpuint (r->rows_imported, ==, 1);
  g_assert_cmpuint (r->rows_rejected, ==, 2);
  g_assert_cmpuint (r->rejects->len, ==, 2);
  j = r->rejects->pdata[0];
  g_assert_cmpuint (j->line, ==, 3);
  g_assert_cmpstr (j->column, ==, "InvoiceDate");
  g_assert_cmpstr (j->value, ==, "");
  j = r->rejects->pdata[1];
  g_assert_cmpuint (j->line, ==, 4);
  g_assert_cmpstr (j->column, ==, "InvoiceDate");
  g_assert_cmpstr (j->value, ==, "someday");
  g_assert_cmpuint (r->periods->len, ==, 1);
  assert_value (f, "2010-Q4", "C1", "order_amount", "10");
}

/* A closed period among those of the file: nothing is written at all. */
static void
test_one_transaction (TestWorkspace *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) first = run_split (f, lines, STRATA_IMPORT_SPLIT_QUARTER, &error);
  g_autoptr(StrataImportResult) second = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
    g_assert_no_error (error);
    strata_workspace_exec (ws, "UPDATE periods SET state = 'closed' WHERE name = '2011-Q1'", &error);
    g_assert_no_error (error);
  }
  before = dump_database (f->path);
  second = run_split (f,
                      "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                      "1,P1,1,2010-11-02,50,C9\n"
                      "2,P1,1,2011-02-02,50,C9\n",
                      STRATA_IMPORT_SPLIT_QUARTER, &error);
  g_assert_null (second);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2011-Q1"));
  after = dump_database (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_options (TestWorkspace *f,
              gconstpointer  data)
{
  g_autofree char *file = write_lines (f, "lines.csv", lines);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, "2011-Q1");
  g_autoptr(StrataImportOptions) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  StrataImportSplit split = STRATA_IMPORT_SPLIT_NONE;

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  o->split = STRATA_IMPORT_SPLIT_MONTH;
  copy = strata_import_options_copy (o);
  g_assert_cmpint (copy->split, ==, STRATA_IMPORT_SPLIT_MONTH);
  /* A period and a split: refused. */
  g_assert_null (strata_import_run (ws, file, o, NULL, NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_true (strata_import_split_from_string ("Quarter", &split));
  g_assert_cmpint (split, ==, STRATA_IMPORT_SPLIT_QUARTER);
  g_assert_false (strata_import_split_from_string ("week", &split));
  name = strata_import_split_period_name (STRATA_IMPORT_SPLIT_QUARTER, 14974);
  g_assert_cmpstr (name, ==, "2010-Q4");
}

/* A customer table whose rows carry their period: one period per distinct
 * value, each written as an import into that period; the period column is
 * not a metric; a row without a period is rejected with its line. */
static void
test_period_column (TestWorkspace *f,
                    gconstpointer  data)
{
  g_autofree char *file = write_lines (f, "customers.csv",
                                       "customer_id,period,order_amount,segment\n"
                                       "C1,2026-Q1,100,retail\n"
                                       "C2,2026-Q1,200,retail\n"
                                       "C1,2026-Q2,150,retail\n"
                                       "C3,,50,retail\n"
                                       "C2,2026-Q2,abc,retail\n");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, NULL);
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL, *n = NULL;
  StrataImportReject *j;

  ws = strata_import_open_workspace (f->path, &error);
  g_assert_no_error (error);
  o->period_column = g_strdup ("period");
  r = strata_import_run (ws, file, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->periods->len, ==, 2);
  g_assert_cmpstr (r->periods->pdata[0], ==, "2026-Q1");
  g_assert_cmpstr (r->periods->pdata[1], ==, "2026-Q2");
  g_assert_cmpuint (r->rows_read, ==, 5);
  g_assert_cmpuint (r->rows_imported, ==, 3);
  g_assert_cmpuint (r->rows_rejected, ==, 2);
  j = r->rejects->pdata[0];
  g_assert_cmpuint (j->line, ==, 5);
  g_assert_cmpstr (j->column, ==, "period");
  j = r->rejects->pdata[1];
  g_assert_cmpuint (j->line, ==, 6);
  g_assert_cmpstr (j->column, ==, "order_amount");

  made = periods (f);
  g_assert_cmpstr (made, ==, "2026-Q1 2026-01-01..2026-03-31 #0; 2026-Q2 2026-04-01..2026-06-30 #1");
  assert_values (f,
                 "2026-Q1 C1 order_amount 100",
                 "2026-Q1 C2 order_amount 200",
                 "2026-Q2 C1 order_amount 150",
                 "2026-Q2 C2 order_amount",
                 NULL);
  n = query_text (f->path, "SELECT COUNT (*) FROM metrics WHERE key = 'period' OR label = 'period'");
  g_assert_cmpstr (n, ==, "0");
  g_clear_pointer (&n, g_free);
  n = query_text (f->path, "SELECT group_concat (p.name) FROM period_customers pc JOIN periods p"
                  " ON p.id = pc.period_id JOIN customers c ON c.id = pc.customer_id WHERE c.ext_id = 'C3'");
  g_assert_cmpstr (n, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, TestWorkspace, "strata-import-split", \
                                  test_workspace_fixture_setup_dir, fn, \
                                  test_workspace_fixture_teardown)
  ADD ("/import-split/quarter-edges", test_quarter_edges);
  ADD ("/import-split/month-and-year", test_month_and_year);
  ADD ("/import-split/reimport", test_reimport);
  ADD ("/import-split/no-date", test_no_date);
  ADD ("/import-split/one-transaction", test_one_transaction);
  ADD ("/import-split/options", test_options);
  ADD ("/import-split/period-column", test_period_column);
#undef ADD

  return g_test_run ();
}
