/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Excel workbooks in and out: the reader on hand-zipped fixtures
 * (tests/fixtures/import/make-xlsx.py: an empty first sheet, a Chinese
 * sheet name, a title row, a merged two-row header, shared, rich and
 * inline strings, formulas with cached values, 1900 and 1904 dates),
 * damaged and renamed files, codes that stay text, and the round trip
 * export then import for CSV and .xlsx alike. */
#include <math.h>
#include <string.h>
#include <unzip.h>
#include <glib/gstdio.h>

#include "import-test-util.h"
#include "xlsx-test-util.h"
#include "strata-csv.h"
#include "strata-export.h"
#include "strata-import.h"
#include "strata-ruleset-store.h"
#include "strata-value.h"
#include "strata-xlsx.h"
#include "strata-xlsx-private.h"

static gint64
day (const char *iso)
{
  gint64 d = 0;
  g_assert_true (strata_value_parse_date (iso, &d, NULL));
  return d;
}

static char *
day_text (gint64 days)
{
  return strata_value_format_date (days);
}

/* The record's fields joined with | */
static char *
record (StrataCsvReader *r)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < strata_csv_reader_get_n_fields (r); i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", strata_csv_reader_get_field (r, i));
  return g_string_free (s, FALSE);
}

static void
expect_record (StrataCsvReader *r,
               guint64          line,
               const char      *fields)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (strata_csv_reader_next (r, NULL, &error));
  g_assert_no_error (error);
  text = record (r);
  g_assert_cmpstr (text, ==, fields);
  g_assert_cmpuint (strata_csv_reader_get_line (r), ==, line);
}

static void
test_serial_dates (void)
{
  g_autofree char *a = day_text (strata_xlsx_serial_to_days (1, FALSE));
  g_autofree char *b = day_text (strata_xlsx_serial_to_days (59, FALSE));
  g_autofree char *c = day_text (strata_xlsx_serial_to_days (61, FALSE));
  g_autofree char *d = day_text (strata_xlsx_serial_to_days (46023.75, FALSE));
  g_autofree char *e = day_text (strata_xlsx_serial_to_days (0, TRUE));
  g_autofree char *g = day_text (strata_xlsx_serial_to_days (44561, TRUE));

  g_assert_cmpstr (a, ==, "1900-01-01");
  g_assert_cmpstr (b, ==, "1900-02-28");
  g_assert_cmpstr (c, ==, "1900-03-01");
  g_assert_cmpstr (d, ==, "2026-01-01");
  g_assert_cmpstr (e, ==, "1904-01-01");
  g_assert_cmpstr (g, ==, "2026-01-01");
}

/* Cell references to columns; a run of letters past XFD stays at the
 * column after it (found by fuzz-xlsx: it overflowed). */
static void
test_column_refs (void)
{
  g_assert_cmpint (strata_xlsx_column_of_ref ("A1"), ==, 0);
  g_assert_cmpint (strata_xlsx_column_of_ref ("AA7"), ==, 26);
  g_assert_cmpint (strata_xlsx_column_of_ref ("XFD1048576"), ==, 16383);
  g_assert_cmpint (strata_xlsx_column_of_ref ("ZZZZZZZZZZZZZZZZZZZZ1"), ==, 16384);
  g_assert_cmpint (strata_xlsx_column_of_ref ("7"), ==, -1);
  g_assert_cmpuint (strata_xlsx_row_of_ref ("XFD1048576"), ==, 1048576);
}

static void
test_reader (void)
{
  g_autofree char *path = xlsx_test_fixture ("customers.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = strata_csv_reader_open (path, NULL, 0, NULL, &error);
  g_autofree char *cell = NULL;

  g_assert_no_error (error);
  /* The first sheet (Cover) is empty: the first with data is read. */
  g_assert_cmpstr (strata_csv_reader_get_sheet (r), ==, "客户");
  /* The title in row 1 is skipped; the header spans rows 3 and 4, with
   * "Logins" merged over Web and App. */
  expect_record (r, 3, "Customer ID|Name|Annual order amount|Logins Web|Logins App|Postal code|"
                       "Last order date|Phone");
  /* Shared and rich strings (the phonetic run left out), numbers, a
   * formula's cached value, inline strings, a date cell. */
  expect_record (r, 5, "C001|Acme 有限公司|1234.5|10|20|08123|2026-01-01|+86 138 0013 8000");
  /* A cached 99.900000000000006 reads as the 99.9 Excel shows; a date
   * with a time keeps it. */
  expect_record (r, 6, "C002|Beta|99.9|5|7|00501|2026-01-02 12:00:00|021-5555");
  expect_record (r, 7, "C003|Gamma|n/a|1|2|10115|2026-01-03|0049 30 1234");
  cell = strata_csv_reader_cell_name (r, 2, 7);
  g_assert_cmpstr (cell, ==, "客户!C7");
  g_assert_false (strata_csv_reader_next (r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strata_csv_reader_get_size (r), >, 0);
  g_assert_cmpuint (strata_csv_reader_get_bytes_read (r), ==, strata_csv_reader_get_size (r));
}

static void
test_sheet_option (void)
{
  g_autofree char *path = xlsx_test_fixture ("customers.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) by_number = strata_csv_reader_open_sheet (path, "2", NULL, 0, NULL, &error);
  g_autoptr(StrataCsvReader) by_name = NULL, cover = NULL, none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (strata_csv_reader_get_sheet (by_number), ==, "客户");
  by_name = strata_csv_reader_open_sheet (path, "客户", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  expect_record (by_name, 3, "Customer ID|Name|Annual order amount|Logins Web|Logins App|Postal code|"
                             "Last order date|Phone");

  /* The empty sheet asked for by number has no records, and no error. */
  cover = strata_csv_reader_open_sheet (path, "1", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_csv_reader_get_sheet (cover), ==, "Cover");
  g_assert_false (strata_csv_reader_next (cover, NULL, &error));
  g_assert_no_error (error);

  none = strata_csv_reader_open_sheet (path, "Orders", NULL, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "“Orders”"));
  g_assert_nonnull (strstr (error->message, "“Cover”, “客户”"));
}

static void
test_1904 (void)
{
  g_autofree char *path = xlsx_test_fixture ("dates-1904.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = strata_csv_reader_open (path, NULL, 0, NULL, &error);

  g_assert_no_error (error);
  expect_record (r, 1, "Customer ID|Last order date|Orders");
  expect_record (r, 2, "C001|2026-01-01|3");
  expect_record (r, 3, "C002|2026-02-01|4");
}

static void
test_damaged (void)
{
  const char *names[] = { "corrupt.xlsx", "not-excel.xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = xlsx_test_fixture (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataCsvReader) r = strata_csv_reader_open (path, NULL, 0, NULL, &error);

      g_assert_null (r);
      g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "not an Excel workbook"));
    }
}

/* An Excel 97–2003 workbook (tests/fixtures/import/make-xls.sh, written by
 * Gnumeric): the same records as a .xlsx, through FreeXL. */
static void
test_xls_reader (void)
{
  g_autofree char *path = xlsx_test_fixture ("customers.xls");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = strata_csv_reader_open (path, NULL, 0, NULL, &error);
  g_autoptr(StrataCsvReader) notes = NULL, by_number = NULL, none = NULL;
  g_autofree char *cell = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (strata_csv_reader_get_sheet (r), ==, "客户");
  /* The title in row 1 is skipped. */
  expect_record (r, 2, "Customer ID|Name|Annual order amount|Orders|Last order date|City");
  /* Numbers as numbers (99.9 as Excel shows it), date cells as dates,
   * Chinese text as typed. */
  expect_record (r, 3, "C001|Acme 有限公司|1234.5|10|2026-01-01|上海");
  expect_record (r, 4, "C002|Beta 貿易|99.9|5|2026-01-02|臺北");
  expect_record (r, 5, "C003|Gamma|42|1|2026-02-28|Berlin");
  cell = strata_csv_reader_cell_name (r, 1, 4);
  g_assert_cmpstr (cell, ==, "客户!B4");
  g_assert_false (strata_csv_reader_next (r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strata_csv_reader_get_bytes_read (r), ==, strata_csv_reader_get_size (r));

  notes = strata_csv_reader_open_sheet (path, "Notes", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  expect_record (notes, 1, "Notes");
  expect_record (notes, 2, "Made with ssconvert");
  by_number = strata_csv_reader_open_sheet (path, "1", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_csv_reader_get_sheet (by_number), ==, "客户");

  none = strata_csv_reader_open_sheet (path, "Orders", NULL, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“客户”, “Notes”"));
}

/* A damaged .xls (a compound file header and nothing else, or the fixture
 * cut in half) and a text file named .xls: refused, naming the file. */
static void
test_xls_damaged (TestWorkspace *f,
                  gconstpointer  data)
{
  g_autofree char *good = xlsx_test_fixture ("customers.xls");
  g_autofree char *header_only = g_build_filename (f->dir, "header.xls", NULL);
  g_autofree char *cut = g_build_filename (f->dir, "cut.xls", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.xls", NULL);
  g_autofree char *contents = NULL;
  char header[512] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  const char *paths[] = { header_only, cut, text };
  gsize length;

  g_assert_true (g_file_set_contents (header_only, header, sizeof header, NULL));
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, length / 2, NULL));
  g_assert_true (g_file_set_contents (text, "id,name\nC1,A\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataCsvReader) r = strata_csv_reader_open (paths[i], NULL, 0, NULL, &error);

      g_assert_null (r);
      g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, paths[i]));
      g_assert_nonnull (strstr (error->message, "Excel 97–2003 workbook (.xls)"));
    }
}

/* The .xls reader runs in a process of its own ($STRATA_XLS_READER): one
 * that crashes (as FreeXL may on a damaged file), stops short or writes
 * garbage ends the read with an error naming the file, in this process. */
static void
test_xls_helper_fails (TestWorkspace *f,
                       gconstpointer  data)
{
  g_autofree char *good = xlsx_test_fixture ("customers.xls");
  g_autofree char *real = g_strdup (g_getenv ("STRATA_XLS_READER"));
  /* Each script: crash at once; crash after the sheet list (so reading a
   * sheet crashes); the real output cut after 40 bytes; noise. */
  const char *scripts[] = {
    "kill -SEGV $$",
    "if [ $# -eq 2 ]; then kill -SEGV $$; fi; exec \"$READER\" \"$@\"",
    "\"$READER\" \"$@\" | head -c 40",
    "printf 'R\\377\\377\\377\\377garbage'",
  };

  g_assert_nonnull (real);
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_autofree char *script = g_strdup_printf ("%s/reader-%u.sh", f->dir, i);
      g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", scripts[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataCsvReader) r = NULL;

      g_assert_true (g_file_set_contents (script, text, -1, NULL));
      g_assert_cmpint (g_chmod (script, 0755), ==, 0);
      g_setenv ("READER", real, TRUE);
      g_setenv ("STRATA_XLS_READER", script, TRUE);
      r = strata_csv_reader_open (good, NULL, 0, NULL, &error);
      while (r != NULL && strata_csv_reader_next (r, NULL, &error))
        ;
      if (g_test_verbose ())
        g_test_message ("%s: %s", scripts[i], error ? error->message : "(no error)");
      g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ);
      g_assert_nonnull (strstr (error->message, good));
      g_assert_nonnull (strstr (error->message, "the spreadsheet is damaged"));
    }
  g_setenv ("STRATA_XLS_READER", real, TRUE);

  /* No reader at all: said so, naming the file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(StrataCsvReader) r = NULL;

    g_setenv ("STRATA_XLS_READER", "/nonexistent/strata-xls-reader", TRUE);
    r = strata_csv_reader_open (good, NULL, 0, NULL, &error);
    g_setenv ("STRATA_XLS_READER", real, TRUE);
    g_assert_null (r);
    g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ);
    g_assert_nonnull (strstr (error->message, good));
    g_assert_nonnull (strstr (error->message, "cannot be started"));
  }
}

/* An OpenDocument spreadsheet, whatever its name: refused with a message
 * naming the file and what to save it as. */
static void
test_opendocument (TestWorkspace *f,
                   gconstpointer  data)
{
  g_autofree char *ods = xlsx_test_fixture ("spreadsheet.ods");
  g_autofree char *renamed = g_build_filename (f->dir, "renamed.xlsx", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  const char *paths[2] = { ods, renamed };

  g_assert_true (g_file_get_contents (ods, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (renamed, contents, length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataCsvReader) r = strata_csv_reader_open (paths[i], NULL, 0, NULL, &error);

      g_assert_null (r);
      g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, paths[i]));
      g_assert_nonnull (strstr (error->message, "OpenDocument spreadsheet (.ods)"));
      g_assert_nonnull (strstr (error->message, "save it as .xlsx or CSV"));
    }
}

static StrataImportResult *
import (const char  *workspace,
        const char  *file,
        const char  *period,
        GError     **error)
{
  g_autoptr(StrataWorkspace) ws = strata_import_open_workspace (workspace, error);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, period);

  if (ws == NULL)
    return NULL;
  return strata_import_run (ws, file, o, NULL, NULL, NULL, error);
}

static char *
attribute (const char *workspace,
           const char *ext_id,
           const char *key)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT a.value FROM attributes a JOIN customers c ON c.id = a.customer_id"
                     " WHERE c.ext_id = '%s' AND a.key = '%s'", ext_id, key);
  return query_text (workspace, sql);
}

static double
value (const char *workspace,
       const char *period,
       const char *ext_id,
       const char *key)
{
  g_autofree char *text = metric_value (workspace, period, ext_id, key);
  return *text ? g_ascii_strtod (text, NULL) : NAN;
}

static void
test_import (TestWorkspace *f,
             gconstpointer  data)
{
  g_autofree char *path = xlsx_test_fixture ("customers.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) r = import (f->path, path, "2026-Q1", &error);
  g_autofree char *postal = NULL, *phone = NULL, *name = NULL;
  StrataImportReject *j;

  g_assert_no_error (error);
  g_assert_cmpstr (r->sheet, ==, "客户");
  g_assert_cmpuint (r->rows_read, ==, 3);
  g_assert_cmpuint (r->rows_imported, ==, 2);
  g_assert_cmpuint (r->rows_rejected, ==, 1);
  j = r->rejects->pdata[0];
  g_assert_cmpuint (j->line, ==, 7);
  g_assert_cmpstr (j->cell, ==, "客户!C7");
  g_assert_cmpstr (j->column, ==, "Annual order amount");
  g_assert_cmpstr (j->value, ==, "n/a");

  g_assert_cmpfloat (value (f->path, "2026-Q1", "C001", "order_amount"), ==, 1234.5);
  g_assert_cmpfloat (value (f->path, "2026-Q1", "C002", "order_amount"), ==, 99.9);
  g_assert_cmpfloat (value (f->path, "2026-Q1", "C001", "logins_app"), ==, 20);
  g_assert_cmpfloat (value (f->path, "2026-Q1", "C001", "last_order_date"), ==, day ("2026-01-01"));
  g_assert_cmpfloat (value (f->path, "2026-Q1", "C002", "last_order_date"), ==, day ("2026-01-02"));

  /* Postal codes and phone numbers stay as typed: attributes, not metrics. */
  g_assert_true (g_ptr_array_find_with_equal_func (r->attributes, "Postal code", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (r->attributes, "Phone", g_str_equal, NULL));
  postal = attribute (f->path, "C001", "Postal code");
  phone = attribute (f->path, "C001", "Phone");
  name = query_text (f->path, "SELECT name FROM customers WHERE ext_id = 'C001'");
  g_assert_cmpstr (postal, ==, "08123");
  g_assert_cmpstr (phone, ==, "+86 138 0013 8000");
  g_assert_cmpstr (name, ==, "Acme 有限公司");
}

/* An .xls imports as its .xlsx twin would: numbers, dates, names. */
static void
test_xls_import (TestWorkspace *f,
                 gconstpointer  data)
{
  g_autofree char *path = xlsx_test_fixture ("customers.xls");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) r = import (f->path, path, "2026-Q1", &error);
  g_autofree char *name = NULL, *city = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (r->sheet, ==, "客户");
  g_assert_cmpuint (r->rows_read, ==, 3);
  g_assert_cmpuint (r->rows_imported, ==, 3);
  g_assert_cmpuint (r->rows_rejected, ==, 0);
  g_assert_cmpfloat (value (f->path, "2026-Q1", "C001", "order_amount"), ==, 1234.5);
  g_assert_cmpfloat (value (f->path, "2026-Q1", "C002", "order_amount"), ==, 99.9);
  g_assert_cmpfloat (value (f->path, "2026-Q1", "C003", "last_order_date"), ==, day ("2026-02-28"));
  name = query_text (f->path, "SELECT name FROM customers WHERE ext_id = 'C002'");
  city = attribute (f->path, "C002", "City");
  g_assert_cmpstr (name, ==, "Beta 貿易");
  g_assert_cmpstr (city, ==, "臺北");
}

static void
test_codes_stay_text (TestWorkspace *f,
                      gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "codes.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) r = NULL;
  g_autofree char *zip = NULL, *store = NULL, *staff = NULL;

  g_assert_true (strata_value_is_code ("08123"));
  g_assert_true (strata_value_is_code ("+86 138 0013 8000"));
  g_assert_false (strata_value_is_code ("0.5"));
  g_assert_false (strata_value_is_code ("0"));
  g_assert_false (strata_value_is_code ("+5"));
  g_assert_true (strata_value_header_is_code ("ZIP"));
  g_assert_true (strata_value_header_is_code ("SalesRepID"));
  g_assert_true (strata_value_header_is_code ("邮政编码"));
  g_assert_false (strata_value_header_is_code ("Fault tickets"));
  g_assert_false (strata_value_header_is_code ("Identity score"));

  g_assert_true (g_file_set_contents (csv,
                                      "Customer ID,Name,Store,ZIP,Staff\n"
                                      "C1,A,0042,10115,12\n"
                                      "C2,B,1234,20095,30\n", -1, NULL));
  r = import (f->path, csv, "P", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, 2);
  /* Store has a leading zero, ZIP names codes; Staff is a number. */
  g_assert_cmpuint (r->attributes->len, ==, 2);
  g_assert_cmpuint (r->new_metrics->len, ==, 1);
  g_assert_cmpstr (r->new_metrics->pdata[0], ==, "staff");
  store = attribute (f->path, "C1", "Store");
  zip = attribute (f->path, "C1", "ZIP");
  g_assert_cmpstr (store, ==, "0042");
  g_assert_cmpstr (zip, ==, "10115");
  staff = metric_value (f->path, "P", "C2", "staff");
  g_assert_cmpstr (staff, ==, "30");
}

static char *
zip_part (const char *path,
          const char *name)
{
  unzFile z = unzOpen64 (path);
  GString *s = g_string_new (NULL);
  char buf[4096];
  int n;

  g_assert_nonnull (z);
  g_assert_cmpint (unzLocateFile (z, name, 1), ==, UNZ_OK);
  g_assert_cmpint (unzOpenCurrentFile (z), ==, UNZ_OK);
  while ((n = unzReadCurrentFile (z, buf, sizeof buf)) > 0)
    g_string_append_len (s, buf, n);
  g_assert_cmpint (n, ==, 0);
  unzCloseCurrentFile (z);
  unzClose (z);
  return g_string_free (s, FALSE);
}

/* Every metric value and attribute of a period, as sorted text. */
static char *
period_dump (const char *workspace,
             const char *period,
             const char *skip)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT group_concat (line, ';') FROM (SELECT c.ext_id || ':' || m.key || '=' || v.value AS line"
    " FROM metric_values v JOIN metrics m ON m.id = v.metric_id JOIN customers c ON c.id = v.customer_id"
    " JOIN periods p ON p.id = v.period_id WHERE p.name = '%s' AND m.key NOT IN (%s)"
    " UNION ALL SELECT c.ext_id || ':' || a.key || '=' || a.value FROM attributes a"
    " JOIN customers c ON c.id = a.customer_id WHERE a.key NOT IN ('Tier', 'Quadrant')"
    " UNION ALL SELECT ext_id || ':name=' || name FROM customers ORDER BY 1)", period, skip);
  return query_text (workspace, sql);
}

static void
test_round_trip (TestWorkspace *f,
                 gconstpointer  data)
{
  g_autofree char *source = xlsx_test_fixture ("customers.xlsx");
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autofree char *from_csv = g_build_filename (f->dir, "csv.strata", NULL);
  g_autofree char *from_xlsx = g_build_filename (f->dir, "xlsx.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) r = import (f->path, source, "P", &error);
  g_autoptr(StrataImportResult) r_csv = NULL, r_xlsx = NULL;
  g_autofree char *original = NULL, *via_csv = NULL, *via_xlsx = NULL;
  g_autofree char *sheet = NULL, *styles = NULL, *workbook = NULL, *colour = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataCsvReader) about = NULL;

  g_assert_no_error (error);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_export_customers_full (ws, "P", csv, STRATA_EXPORT_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (strata_export_customers_full (ws, "P", xlsx, STRATA_EXPORT_FLAGS_NONE, &error));
  g_assert_no_error (error);

  r_csv = import (from_csv, csv, "P", &error);
  g_assert_no_error (error);
  r_xlsx = import (from_xlsx, xlsx, "P", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r_xlsx->rows_imported, ==, 2);
  g_assert_cmpuint (r_xlsx->rows_rejected, ==, 0);

  /* The score the export adds comes back as a metric: leave it out. */
  original = period_dump (f->path, "P", "'score'");
  via_csv = period_dump (from_csv, "P", "'score'");
  via_xlsx = period_dump (from_xlsx, "P", "'score'");
  g_assert_nonnull (strstr (original, "C001:Postal code=08123"));
  g_assert_nonnull (strstr (original, "C001:order_amount=1234.5"));
  g_assert_cmpstr (via_csv, ==, original);
  g_assert_cmpstr (via_xlsx, ==, original);

  /* The workbook: frozen header row, autofilter, formats, tier colours. */
  sheet = zip_part (xlsx, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "ySplit=\"1\""));
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  g_assert_nonnull (strstr (sheet, "<autoFilter ref=\"A1:"));
  /* Amounts are numbers, not text. */
  g_assert_nonnull (strstr (sheet, "<v>1234.5</v>"));
  styles = zip_part (xlsx, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "formatCode=\"#,##0.00\""));
  g_assert_nonnull (strstr (styles, "formatCode=\"yyyy-mm-dd\""));
  rules = strata_ruleset_store_load_version (ws, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rules->tiers->len; i++)
    {
      StrataTier *t = rules->tiers->pdata[i];
      g_autofree char *tier_text = g_strdup_printf (">%s<", t->label);

      if (strstr (sheet, tier_text) == NULL)
        continue;
      colour = g_ascii_strup (t->colour + 1, -1);
      break;
    }
  g_assert_nonnull (colour);
  {
    g_autofree char *fill = g_strdup_printf ("rgb=\"FF%s\"", colour);
    g_assert_nonnull (strstr (styles, fill));
  }
  workbook = zip_part (xlsx, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "name=\"About\""));

  /* The metadata sheet, read back with the reader. */
  about = strata_csv_reader_open_sheet (xlsx, "About", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  expect_record (about, 1, "Workspace|test.strata");
  expect_record (about, 2, "Period|P");
  g_assert_true (strata_csv_reader_next (about, NULL, &error));
  g_assert_cmpstr (strata_csv_reader_get_field (about, 0), ==, "Rule-set version");
  g_assert_cmpuint (g_ascii_strtoull (strata_csv_reader_get_field (about, 1), NULL, 10), ==,
                    strata_ruleset_store_get_latest_version (ws));
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (ws), >, 0);
  g_assert_true (strata_csv_reader_next (about, NULL, &error));
  g_assert_cmpstr (strata_csv_reader_get_field (about, 0), ==, "Exported");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$",
                                       strata_csv_reader_get_field (about, 1), 0, 0));
}

static void
test_keys (TestWorkspace *f,
           gconstpointer  data)
{
  g_autofree char *source = xlsx_test_fixture ("dates-1904.xlsx");
  g_autofree char *csv = g_build_filename (f->dir, "keys.csv", NULL);
  g_autofree char *labels = g_build_filename (f->dir, "labels.csv", NULL);
  g_autofree char *text = NULL, *text2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportResult) r = import (f->path, source, "P", &error);
  g_autoptr(StrataWorkspace) ws = NULL;

  g_assert_no_error (error);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_export_customers_full (ws, "P", csv, STRATA_EXPORT_KEYS, &error));
  g_assert_true (strata_export_customers_full (ws, "P", labels, STRATA_EXPORT_FLAGS_NONE, &error));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (labels, &text2, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "customer_id,name,order_count,last_order_date,"
                                         "score,tier,quadrant\r\n"));
  g_assert_true (g_str_has_prefix (text2, "\xEF\xBB\xBF" "Customer ID,Name,Orders,Last order date,"
                                          "Score,Tier,Quadrant\r\n"));
  g_assert_nonnull (strstr (text, "\r\nC001,,3,2026-01-01,"));
}

/* Each test with a temporary folder and test.strata in it (not created). */
#define ADD(path, fn) g_test_add (path, TestWorkspace, "strata-xlsx", \
                                  test_workspace_fixture_setup_dir, fn, \
                                  test_workspace_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx/serial-dates", test_serial_dates);
  g_test_add_func ("/xlsx/column-refs", test_column_refs);
  g_test_add_func ("/xlsx/reader", test_reader);
  g_test_add_func ("/xlsx/sheet-option", test_sheet_option);
  g_test_add_func ("/xlsx/1904", test_1904);
  g_test_add_func ("/xlsx/damaged", test_damaged);
  g_test_add_func ("/xlsx/xls-reader", test_xls_reader);
  ADD ("/xlsx/xls-damaged", test_xls_damaged);
  ADD ("/xlsx/xls-helper-fails", test_xls_helper_fails);
  ADD ("/xlsx/xls-import", test_xls_import);
  ADD ("/xlsx/opendocument", test_opendocument);
  ADD ("/xlsx/import", test_import);
  ADD ("/xlsx/codes-stay-text", test_codes_stay_text);
  ADD ("/xlsx/round-trip", test_round_trip);
  ADD ("/xlsx/keys", test_keys);
  return g_test_run ();
}
