/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Merged header cells in a legacy .xls: the helper strata-xls-reader reads
 * the sheet's MERGEDCELLS records (strata-xls-merges.c, compiled in here
 * too) and sends them to the importer, which fills the header as for a
 * .xlsx. The fixture tests/fixtures/import/merged-header.xls (make-xls.sh,
 * written by Gnumeric) has the header of customers.xlsx. Damaged merge
 * records are ignored (the cells FreeXL read are intact, and a merge only
 * labels columns), a damaged answer from the helper is an error. */
#include <string.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"
#include "import-test-util.h"
#include "xlsx-test-util.h"
#include "strata-csv.h"
#include "strata-xls-merges.h"
#include "strata-xlsx.h"
#include "strata-xlsx-private.h"

/* The header of customers.xlsx and of merged-header.xls, and what it is
 * without merges: the group label stays over its first column only and
 * the row under it becomes a record. */
#define HEADER "Customer ID|Name|Annual order amount|Logins Web|Logins App|Postal code|" \
               "Last order date|Phone"
#define UNMERGED "Customer ID|Name|Annual order amount|Logins||Postal code|Last order date|Phone"

/* Where merged-header.xls has its MERGEDCELLS record: the type 0x00E5,
 * the length 66, the count 8, then 8 ranges of rwFirst, rwLast,
 * colFirst, colLast. Found by its bytes, so that a fixture written again
 * needs no new number. */
static const char merged_cells[] = "\xE5\x00\x42\x00\x08\x00";

/* The merges the importer got for the first sheet with data, as
 * "r1-r2:c1-c2 " each (rows 1-based, columns 0-based). */
static char *
merges_of (const char *path)
{
  g_autoptr(GError) error = NULL;
  StrataXlsxReader *r = strata_xlsx_reader_open (path, NULL, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < r->merges->len; i++)
    {
      const Merge *m = &g_array_index (r->merges, Merge, i);
      g_string_append_printf (s, "%u-%u:%u-%u ", m->r1, m->r2, m->c1, m->c2);
    }
  strata_xlsx_reader_free (r);
  return g_string_free (s, FALSE);
}

/* The fixture's bytes and the offset of its MERGEDCELLS record, which
 * is there once. */
static char *
load (gsize *length,
      gsize *record)
{
  g_autofree char *good = xlsx_test_fixture ("merged-header.xls");
  const gsize n = sizeof merged_cells - 1;
  char *contents = NULL;
  guint found = 0;

  g_assert_true (g_file_get_contents (good, &contents, length, NULL));
  for (gsize i = 0; i + n <= *length; i++)
    if (memcmp (contents + i, merged_cells, n) == 0)
      {
        *record = i;
        found++;
      }
  g_assert_cmpuint (found, ==, 1);
  return contents;
}

static void
put_u16 (char   *at,
         guint16 v)
{
  at[0] = (char) (v & 0xFF);
  at[1] = (char) (v >> 8);
}

/* The merged header reads as in customers.xlsx: the same columns, the
 * same records, and the ranges as the file has them. */
static void
test_merged_header (void)
{
  g_autofree char *xls = xlsx_test_fixture ("merged-header.xls");
  g_autofree char *xlsx = xlsx_test_fixture ("customers.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *from_xls = xlsx_test_records (xls, &error);
  g_autofree char *from_xlsx = NULL, *merges = NULL, *xlsx_header = NULL;

  g_assert_no_error (error);
  from_xlsx = xlsx_test_records (xlsx, &error);
  g_assert_no_error (error);
  xlsx_header = g_strndup (from_xlsx, strchr (from_xlsx, '\n') - from_xlsx);
  g_assert_cmpstr (xlsx_header, ==, HEADER);
  g_assert_cmpstr (from_xls, ==,
                   HEADER "\n"
                   "C001|Acme 有限公司|1234.5|10|20|08123|2026-01-01|+86 138 0013 8000\n"
                   "C002|Beta|99.9|5|7|00501|2026-01-02 12:00:00|021-5555\n"
                   "C003|Gamma|n/a|1|2|10115|2026-01-03|0049 30 1234\n");
  merges = merges_of (xls);
  g_assert_cmpstr (merges, ==, "3-4:0-0 3-4:1-1 3-4:2-2 3-3:3-4 3-4:5-5 3-4:6-6 3-4:7-7 1-1:0-7 ");
}

/* strata-cli import takes it as it takes the .xlsx: the grouped columns
 * become metrics (logins_web, logins_app, named from the joined labels). */
static void
test_cli_import (TestWorkspace *f,
                 gconstpointer  data)
{
  g_autofree char *file = xlsx_test_fixture ("merged-header.xls");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *web = NULL, *app = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2026-Q1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "(sheet “客户”)\n"));
  g_assert_nonnull (strstr (out, "rows imported:         2\n"));
  g_assert_nonnull (strstr (out, "rows rejected:         1\n"));
  web = metric_value (f->path, "2026-Q1", "C001", "logins_web");
  app = metric_value (f->path, "2026-Q1", "C001", "logins_app");
  g_assert_cmpstr (web, ==, "10");
  g_assert_cmpstr (app, ==, "20");
}

/* A MERGEDCELLS record whose count does not fit its length (more ranges
 * than it holds, 65,535 of them, or fewer) is ignored whole: nothing says
 * whether the count or the length is wrong. The sheet still reads, its
 * cells intact, as if nothing were merged. */
static void
test_bad_count (TestWorkspace *f,
                gconstpointer  data)
{
  const guint16 counts[] = { 9, 0xFFFF, 7, 0 };
  gsize length, record;
  g_autofree char *contents = load (&length, &record);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/count-%u.xls", f->dir, counts[i]);
      g_autofree char *bytes = g_memdup2 (contents, length);
      g_autofree char *records = NULL, *merges = NULL;
      g_autoptr(GError) error = NULL;

      put_u16 (bytes + record + 4, counts[i]);
      g_assert_true (g_file_set_contents (path, bytes, length, NULL));
      records = xlsx_test_records (path, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (records, UNMERGED "\n|||Web|App|||\nC001|"));
      merges = merges_of (path);
      g_assert_cmpstr (merges, ==, "");
    }
}

/* Ranges past the sheet: cut to its rows and columns by the helper, or
 * dropped when they start past it; a range whose last is before its
 * first is dropped. The header is unchanged here: the title's merge is
 * above it, and "Logins" cut to the last column fills only empty cells. */
static void
test_out_of_bounds (TestWorkspace *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bounds.xls", NULL);
  g_autofree char *records = NULL, *merges = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, record;
  g_autofree char *bytes = load (&length, &record);
  char *range = bytes + record + 6;

  /* A3:A4 with its rows reversed; Logins D3:E3 to column 256 (IV);
   * B3:B4 to row 65,536; the title A1:H1 moved to row 65,536. */
  put_u16 (range + 0 * 8 + 0, 3);
  put_u16 (range + 3 * 8 + 6, 0xFF);
  put_u16 (range + 1 * 8 + 2, 0xFFFF);
  put_u16 (range + 7 * 8 + 0, 0xFFFF);
  put_u16 (range + 7 * 8 + 2, 0xFFFF);
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
  merges = merges_of (path);
  g_assert_cmpstr (merges, ==, "3-7:1-1 3-4:2-2 3-3:3-7 3-4:5-5 3-4:6-6 3-4:7-7 ");
  records = xlsx_test_records (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (records, HEADER "\nC001|Acme 有限公司|"));
}

/* libgsf checks a block number past a cut file with g_return_val_if_fail
 * and then fails the read, which the walk handles: its criticals are
 * expected here (the helper's stderr goes nowhere), counted, not fatal. */
static guint n_gsf_criticals;

static void
count_gsf_message (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        data)
{
  n_gsf_criticals++;
}

static gboolean
not_fatal_in_libgsf (const char     *domain,
                     GLogLevelFlags  level,
                     const char     *message,
                     gpointer        data)
{
  return domain == NULL || !g_str_has_prefix (domain, "libgsf");
}

/* The walk over the workbook stream on a file cut anywhere, and with the
 * record's length running past the stream: no crash (this test runs under
 * ASan in CI), and no range that the file does not hold whole. FreeXL
 * refuses a cut file before the helper looks for merges, so this calls
 * the walk directly. */
static void
test_truncated (TestWorkspace *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cut.xls", NULL);
  gsize length, record;
  g_autofree char *bytes = load (&length, &record);
  guint whole = 0;

  /* Reset by GLib for each test case. */
  g_test_log_set_fatal_handler (not_fatal_in_libgsf, NULL);
  /* Every 61 bytes, every byte around the record, and the whole file;
   * written without fsync (g_file_set_contents syncs a file it replaces). */
  for (gsize cut = 0; cut <= length; cut += (cut + 40 >= record && cut < record + 80 ? 1 : 61))
    {
      g_autoptr(GArray) ranges = NULL;

      if (cut + 61 > length && cut < length && !(cut + 40 >= record && cut < record + 80))
        cut = length;
      g_assert_true (g_file_set_contents_full (path, bytes, cut, G_FILE_SET_CONTENTS_NONE,
                                               0644, NULL));
      ranges = strata_xls_read_merges (path, "客户", 0, 1, STRATA_XLS_MAX_MERGES);
      g_assert_true (ranges->len == 0 || ranges->len == 8);
      if (ranges->len == 8)
        {
          const StrataXlsRange *title = &g_array_index (ranges, StrataXlsRange, 7);

          g_assert_cmpuint (title->c2, ==, 7);
          whole++;
        }
    }
  /* Only the whole file has them: libgsf refuses a compound file cut
   * short (with criticals, then an error). */
  g_assert_cmpuint (whole, ==, 1);
  if (g_test_verbose ())
    g_test_message ("%u whole, %u criticals from libgsf", whole, n_gsf_criticals);

  /* A record that says it runs past the stream's end. */
  put_u16 (bytes + record + 2, 0xFFFF);
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
  {
    g_autoptr(GArray) ranges = strata_xls_read_merges (path, "客户", 0, 1, STRATA_XLS_MAX_MERGES);
    g_assert_cmpuint (ranges->len, ==, 0);
  }

  /* Neither a sheet of another name nor one past the count. */
  {
    g_autofree char *good = xlsx_test_fixture ("merged-header.xls");
    g_autoptr(GArray) none = strata_xls_read_merges (good, "Orders", 3, 1, STRATA_XLS_MAX_MERGES);
    g_autoptr(GArray) by_index = strata_xls_read_merges (good, NULL, 0, 1, STRATA_XLS_MAX_MERGES);
    g_autoptr(GArray) capped = strata_xls_read_merges (good, "客户", 0, 1, 3);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (by_index->len, ==, 8);
    g_assert_cmpuint (capped->len, ==, 3);
  }
}

/* A record: tag, length, then 32-bit numbers and text. */
static void
add_record (GByteArray    *b,
            char           tag,
            const guint32 *numbers,
            guint          n,
            const char    *text)
{
  guint32 len = GUINT32_TO_LE (4 * n + (text ? strlen (text) : 0));

  g_byte_array_append (b, (const guint8 *) &tag, 1);
  g_byte_array_append (b, (const guint8 *) &len, 4);
  for (guint i = 0; i < n; i++)
    {
      guint32 le = GUINT32_TO_LE (numbers[i]);
      g_byte_array_append (b, (const guint8 *) &le, 4);
    }
  if (text != NULL)
    g_byte_array_append (b, (const guint8 *) text, strlen (text));
}

/* A row record: its number, then column 0 and 1 with one-letter text. */
static void
add_row (GByteArray *b,
         guint32     number,
         const char *a,
         const char *c)
{
  g_autoptr(GByteArray) p = g_byte_array_new ();
  const char *texts[] = { a, c };
  guint32 len;

  number = GUINT32_TO_LE (number);
  g_byte_array_append (p, (const guint8 *) &number, 4);
  for (guint32 col = 0; col < 2; col++)
    {
      guint32 cell[2] = { GUINT32_TO_LE (col), GUINT32_TO_LE (strlen (texts[col])) };

      g_byte_array_append (p, (const guint8 *) cell, 8);
      g_byte_array_append (p, (const guint8 *) texts[col], strlen (texts[col]));
    }
  len = GUINT32_TO_LE (p->len);
  g_byte_array_append (b, (const guint8 *) "R", 1);
  g_byte_array_append (b, (const guint8 *) &len, 4);
  g_byte_array_append (b, p->data, p->len);
}

/* A helper that sends a broken 'G' record (missing, a count past the cap,
 * a count the record does not hold, a range outside the sheet's 2 × 2 or
 * reversed) ends the read with "the spreadsheet is damaged": the real
 * helper checked the file's ranges, so this one is broken. */
static void
test_protocol (TestWorkspace *f,
               gconstpointer  data)
{
  g_autofree char *real = g_strdup (g_getenv ("STRATA_XLS_READER"));
  g_autofree char *script = g_build_filename (f->dir, "reader.sh", NULL);
  g_autofree char *list = g_build_filename (f->dir, "list.bin", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "sheet.bin", NULL);
  g_autofree char *book = g_build_filename (f->dir, "book.xls", NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\nif [ $# -eq 1 ]; then cat '%s'; "
                                           "else cat '%s'; fi\n", list, sheet);
  const guint32 zero = 0, dims[] = { 2, 2 };
  /* Each case: the G record's numbers (count first), or none at all. */
  const struct { guint n; guint32 g[5]; gboolean ok; } cases[] = {
    { 5, { 1, 1, 2, 0, 0 }, TRUE },        /* A1:A2 */
    { 1, { 0 }, TRUE },                    /* no merges */
    { 0, { 0 }, FALSE },                   /* no G record */
    { 1, { STRATA_XLS_MAX_MERGES + 1 }, FALSE },
    { 1, { 1 }, FALSE },                   /* a count of 1 and no range */
    { 5, { 2, 1, 1, 0, 1 }, FALSE },       /* a count of 2, one range */
    { 5, { 1, 1, 3, 0, 1 }, FALSE },       /* past the last row */
    { 5, { 1, 1, 1, 0, 2 }, FALSE },       /* past the last column */
    { 5, { 1, 0, 1, 0, 1 }, FALSE },       /* row 0 */
    { 5, { 1, 2, 1, 0, 1 }, FALSE },       /* rows reversed */
    { 5, { 1, 1, 1, 1, 0 }, FALSE },       /* columns reversed */
  };
  g_autoptr(GByteArray) l = g_byte_array_new ();

  add_record (l, 'M', &zero, 1, NULL);
  add_record (l, 'S', &zero, 1, "S1");
  add_record (l, 'Z', NULL, 0, NULL);
  g_assert_true (g_file_set_contents (list, (const char *) l->data, l->len, NULL));
  g_assert_true (g_file_set_contents (script, text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  /* Any compound file: the script answers, not FreeXL. */
  g_assert_true (g_file_set_contents (book, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, NULL));
  g_setenv ("STRATA_XLS_READER", script, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) b = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *records = NULL;

      add_record (b, 'D', dims, 2, NULL);
      if (cases[i].n > 0)
        add_record (b, 'G', cases[i].g, cases[i].n, NULL);
      add_row (b, 1, "a", "b");
      add_row (b, 2, "c", "d");
      add_record (b, 'Z', NULL, 0, NULL);
      g_assert_true (g_file_set_contents (sheet, (const char *) b->data, b->len, NULL));
      records = xlsx_test_records (book, &error);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (records, ==, "a|b\nc|d\n");
        }
      else
        {
          g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ);
          g_assert_nonnull (strstr (error->message, book));
          g_assert_nonnull (strstr (error->message, "the spreadsheet is damaged"));
        }
    }
  g_setenv ("STRATA_XLS_READER", real, TRUE);
}

/* Each test with a temporary folder and test.strata in it (not created). */
#define ADD(path, fn) g_test_add (path, TestWorkspace, "strata-xls-merges", \
                                  test_workspace_fixture_setup_dir, fn, \
                                  test_workspace_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_handler ("libgsf:msole", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING
                     | G_LOG_FLAG_FATAL, count_gsf_message, NULL);
  g_test_add_func ("/xls-merges/merged-header", test_merged_header);
  ADD ("/xls-merges/cli-import", test_cli_import);
  ADD ("/xls-merges/bad-count", test_bad_count);
  ADD ("/xls-merges/out-of-bounds", test_out_of_bounds);
  ADD ("/xls-merges/truncated", test_truncated);
  ADD ("/xls-merges/protocol", test_protocol);
  return g_test_run ();
}
