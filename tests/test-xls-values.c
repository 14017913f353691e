/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Formulas' cached values and rich strings in a legacy .xls: FreeXL 1.0.6
 * gives them no value, so the helper strata-xls-reader reads them in its
 * walk over the sheet's BIFF8 records (strata-xls-merges.c, compiled in
 * here too) and fills the cells FreeXL leaves empty. The fixture
 * tests/fixtures/import/formulas.xls (make-xls.sh) is customers.xlsx
 * written by Gnumeric: formulas in E5 and C6, a rich string in B5. A
 * workbook stream built here has what Gnumeric does not write: date,
 * boolean, error and string results, and rich and phonetic shared strings
 * cut across CONTINUE records, which FreeXL reads itself (checked with
 * a hand-made file: so the walk leaves them alone). Damaged records drop
 * values, never crash. */
#include <string.h>
#include <gsf/gsf.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"
#include "import-test-util.h"
#include "xlsx-test-util.h"
#include "strata-csv.h"
#include "strata-error.h"
#include "strata-xls-merges.h"

/* E5 (=D5*2, 20), C6 (=SUM(99.9)) and B5 ("Acme " and "有限公司" in two
 * runs) read as from customers.xlsx: every record the same. */
static void
test_fixture (void)
{
  g_autofree char *xls = xlsx_test_fixture ("formulas.xls");
  g_autofree char *xlsx = xlsx_test_fixture ("customers.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *from_xls = xlsx_test_records (xls, &error);
  g_autofree char *from_xlsx = NULL;

  g_assert_no_error (error);
  from_xlsx = xlsx_test_records (xlsx, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (from_xls, "\nC001|Acme 有限公司|1234.5|10|20|08123|2026-01-01|"));
  g_assert_nonnull (strstr (from_xls, "\nC002|Beta|99.9|5|7|00501|"));
  g_assert_cmpstr (from_xls, ==, from_xlsx);
}

/* strata-cli import stores them: E5 (a formula) as C001's App logins,
 * C6 (a formula) as C002's amount, B5 (a rich string) as C001's name. */
static void
test_cli_import (TestWorkspace *w,
                 gconstpointer  data)
{
  g_autofree char *file = xlsx_test_fixture ("formulas.xls");
  const char *path = w->path;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *app = NULL, *amount = NULL, *name = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", path, file, "--period", "2026-Q1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rows imported:         2\n"));
  app = metric_value (path, "2026-Q1", "C001", "logins_app");
  amount = metric_value (path, "2026-Q1", "C002", "order_amount");
  name = query_text (path, "SELECT name FROM customers WHERE ext_id = 'C001'");
  g_assert_cmpstr (app, ==, "20");
  g_assert_cmpstr (amount, ==, "99.9");
  g_assert_cmpstr (name, ==, "Acme 有限公司");
}

/* A BIFF8 record. */
static void
rec (GByteArray   *b,
     guint16       type,
     const guint8 *data,
     guint16       len)
{
  guint8 head[4] = { type & 0xFF, type >> 8, len & 0xFF, len >> 8 };

  g_byte_array_append (b, head, 4);
  g_byte_array_append (b, data, len);
}

static const guint8 bof[16] = { 0x00, 0x06, 0x05, 0x00 };
static const guint8 sheet_bof[16] = { 0x00, 0x06, 0x10, 0x00 };

/* A FORMULA record at row, col with style xf and the 8 result bytes. */
static void
formula (GByteArray   *b,
         guint8        row,
         guint8        col,
         guint8        xf,
         const guint8 *result)
{
  guint8 f[20] = { row, 0, col, 0, xf, 0 };

  memcpy (f + 6, result, 8);
  rec (b, 0x0006, f, sizeof f);
}

/* Where the records the damage tests change start in the stream. */
typedef struct
{
  gsize string, formula, rstring, split;
} Offsets;

/* A workbook: FORMAT 164 "yyyy-mm-dd", XF 0 (General), 1 (164), 2 (the
 * built-in date 14); an SST of a plain string (FreeXL reads it), a rich
 * one cut by a CONTINUE between its Latin-1 and its UTF-16 characters,
 * and one with phonetic data; one sheet "S1" whose row 0 refers to the
 * three, row 1 has formulas, row 2 a RSTRING; H2's string result is
 * split over two CONTINUE records, Latin-1, UTF-16, Latin-1 again. */
static GByteArray *
workbook (Offsets *at)
{
  GByteArray *b = g_byte_array_new ();
  static const guint8 format[] = { 164, 0, 10, 0, 0, 'y', 'y', 'y', 'y', '-', 'm', 'm', '-', 'd', 'd' };
  static const guint8 sst[] = {
    3, 0, 0, 0, 3, 0, 0, 0,
    5, 0, 0x00, 'p', 'l', 'a', 'i', 'n',
    9, 0, 0x08, 1, 0, 'A', 'c', 'm', 'e', ' ',
  };
  static const guint8 cont[] = {
    0x01, 0x09, 0x67, 0x50, 0x96, 0x6C, 0x51, 0xF8, 0x53,   /* 有限公司 */
    0, 0, 1, 0,                                             /* the run */
    3, 0, 0x04, 4, 0, 0, 0, 'Z', 'e', 'd', 1, 2, 3, 4,
  };
  static const guint8 labels[3][10] = {
    { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, { 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 },
    { 0, 0, 2, 0, 0, 0, 2, 0, 0, 0 },
  };
  static const guint8 twenty[8] = { 0, 0, 0, 0, 0, 0, 0x34, 0x40 };
  static const guint8 noon[8] = { 0, 0, 0, 0, 0x10, 0x79, 0xE6, 0x40 };  /* 46024.5 */
  static const guint8 day[8] = { 0, 0, 0, 0, 0xE0, 0x78, 0xE6, 0x40 };   /* 46023 */
  static const guint8 yes[8] = { 1, 0, 1, 0, 0, 0, 0xFF, 0xFF };
  static const guint8 div0[8] = { 2, 0, 0x07, 0, 0, 0, 0xFF, 0xFF };
  static const guint8 text[8] = { 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };
  static const guint8 empty[8] = { 3, 0, 0, 0, 0, 0, 0xFF, 0xFF };
  static const guint8 string[] = { 5, 0, 0, 't', 'o', 't', 'a', 'l' };
  static const guint8 rstring[] = { 2, 0, 0, 0, 0, 0, 4, 0, 0, 'R', 'i', 'c', 'h', 1, 0, 0, 0, 0, 0 };
  static const guint8 split[] = { 9, 0, 0, 'T', 'o', 't', 'a', 'l', ' ' };
  static const guint8 split_wide[] = { 0x01, 0x08, 0x54, 0xA1, 0x8B };  /* 合计 */
  static const guint8 split_narrow[] = { 0x00, '!' };
  guint8 xf[20] = { 0 };
  guint8 sheet[10] = { 0, 0, 0, 0, 0, 0, 2, 0, 'S', '1' };
  gsize sheet_at;
  guint32 le;

  rec (b, 0x0809, bof, sizeof bof);
  rec (b, 0x0022, (const guint8 *) "\0\0", 2);
  rec (b, 0x041E, format, sizeof format);
  rec (b, 0x00E0, xf, sizeof xf);
  xf[2] = 164;
  rec (b, 0x00E0, xf, sizeof xf);
  xf[2] = 14;
  rec (b, 0x00E0, xf, sizeof xf);
  rec (b, 0x00FC, sst, sizeof sst);
  rec (b, 0x003C, cont, sizeof cont);
  sheet_at = b->len;
  rec (b, 0x0085, sheet, sizeof sheet);
  rec (b, 0x000A, NULL, 0);
  le = GUINT32_TO_LE (b->len);
  memcpy (b->data + sheet_at + 4, &le, 4);
  rec (b, 0x0809, sheet_bof, sizeof sheet_bof);
  for (guint i = 0; i < 3; i++)
    rec (b, 0x00FD, labels[i], 10);
  formula (b, 1, 0, 0, twenty);
  formula (b, 1, 1, 1, noon);
  formula (b, 1, 2, 2, day);
  formula (b, 1, 3, 0, yes);
  formula (b, 1, 4, 0, div0);
  at->formula = b->len;
  formula (b, 1, 5, 0, text);
  at->string = b->len;
  rec (b, 0x0207, string, sizeof string);
  formula (b, 1, 6, 0, empty);
  at->rstring = b->len;
  rec (b, 0x00D6, rstring, sizeof rstring);
  formula (b, 1, 7, 0, text);
  at->split = b->len;
  rec (b, 0x0207, split, sizeof split);
  rec (b, 0x003C, split_wide, sizeof split_wide);
  rec (b, 0x003C, split_narrow, sizeof split_narrow);
  rec (b, 0x000A, NULL, 0);
  return b;
}

/* The walk over the stream, put in a compound file as "Workbook". */
static StrataXlsSheet *
walk (const guint8 *data,
      gsize         size)
{
  GsfOutput *mem = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (mem);
  GsfOutput *stream = gsf_outfile_new_child (ole, "Workbook", FALSE);
  GsfInput *in;
  StrataXlsSheet *sheet;

  gsf_output_write (stream, size, data);
  gsf_output_close (stream);
  g_object_unref (stream);
  gsf_output_close (GSF_OUTPUT (ole));
  g_object_unref (ole);
  in = gsf_input_memory_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (mem)),
                             gsf_output_size (mem), FALSE);
  sheet = strata_xls_read_sheet_from (in, "S1", 0, 1, STRATA_XLS_MAX_MERGES);
  g_object_unref (in);
  g_object_unref (mem);
  return sheet;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The values of the built workbook, "row,col=text" sorted. */
static char *
values_of (const StrataXlsSheet *sheet)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, sheet->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (all, g_strdup_printf ("%u,%u=%s", GPOINTER_TO_UINT (key) >> 16,
                                           GPOINTER_TO_UINT (key) & 0xFFFF, (char *) value));
  g_ptr_array_sort (all, compare_strings);
  g_ptr_array_add (all, NULL);
  return g_strjoinv (" ", (char **) all->pdata);
}

#define ALL_VALUES "1,0=20 1,1=2026-01-02 12:00:00 1,2=2026-01-01 " \
                   "1,3=TRUE 1,4=#DIV/0! 1,5=total 1,7=Total 合计! 2,0=Rich"

/* Every kind of value; not the shared strings (FreeXL's), nor the empty
 * string result. */
static void
test_walk (void)
{
  Offsets at;
  g_autoptr(GByteArray) b = workbook (&at);
  g_autoptr(StrataXlsSheet) sheet = walk (b->data, b->len);
  g_autofree char *values = values_of (sheet);

  g_assert_cmpstr (values, ==, ALL_VALUES);
  g_assert_cmpstr (strata_xls_sheet_lookup (sheet, 1, 5), ==, "total");
  g_assert_cmpstr (strata_xls_sheet_lookup (sheet, 1, 7), ==, "Total 合计!");
  g_assert_null (strata_xls_sheet_lookup (sheet, 1, 6));
  g_assert_null (strata_xls_sheet_lookup (sheet, 0, 1));
  g_assert_null (strata_xls_sheet_lookup (sheet, 70000, 0));
}

static gboolean
not_fatal_in_libgsf (const char     *domain,
                     GLogLevelFlags  level,
                     const char     *message,
                     gpointer        data)
{
  return domain == NULL || !g_str_has_prefix (domain, "libgsf");
}

/* The stream cut anywhere: values drop, none is garbled. Then records
 * whose lengths lie: a STRING and an RSTRING whose cch runs past them,
 * a FORMULA too short for its result. */
static void
test_damaged (void)
{
  Offsets at;
  g_autoptr(GByteArray) b = workbook (&at);
  g_auto(GStrv) all = g_strsplit (ALL_VALUES, " ", -1);

  g_test_log_set_fatal_handler (not_fatal_in_libgsf, NULL);
  for (gsize cut = 0; cut < b->len; cut++)
    {
      g_autoptr(StrataXlsSheet) sheet = walk (b->data, cut);
      g_autofree char *values = values_of (sheet);
      g_auto(GStrv) some = g_strsplit (values, " ", -1);
      const char *split = strata_xls_sheet_lookup (sheet, 1, 7);

      for (guint i = 0; some[i] != NULL && *some[i] != '\0'; i++)
        g_assert_true (g_strv_contains ((const char * const *) all, some[i]));
      /* The split string whole or not at all. */
      if (split != NULL)
        g_assert_cmpstr (split, ==, "Total 合计!");
    }

  {
    g_autoptr(GByteArray) c = g_byte_array_new ();
    g_autoptr(StrataXlsSheet) sheet = NULL;
    g_autofree char *values = NULL;

    g_byte_array_append (c, b->data, b->len);
    c->data[at.string + 4] = 200;                    /* cch 200 in 8 bytes */
    c->data[at.formula + 2] = 10;                    /* a FORMULA of 10 bytes... */
    c->data[at.formula + 3] = 0;
    /* ...whose 10 bytes end the record: the other 10 become one of
     * type 0, which the walk skips. */
    c->data[at.formula + 14] = 0;
    c->data[at.formula + 15] = 0;
    c->data[at.formula + 16] = 6;
    c->data[at.formula + 17] = 0;
    sheet = walk (c->data, c->len);
    values = values_of (sheet);
    g_assert_cmpstr (values, ==, "1,0=20 1,1=2026-01-02 12:00:00 "
                                 "1,2=2026-01-01 1,3=TRUE 1,4=#DIV/0! 1,7=Total 合计! 2,0=Rich");
  }
  {
    g_autoptr(GByteArray) c = g_byte_array_new ();
    g_autoptr(StrataXlsSheet) sheet = NULL;

    g_byte_array_append (c, b->data, b->len);
    c->data[at.rstring + 4 + 6] = 32;                /* cch 32 in 13 bytes */
    sheet = walk (c->data, c->len);
    g_assert_null (strata_xls_sheet_lookup (sheet, 2, 0));
    g_assert_cmpstr (strata_xls_sheet_lookup (sheet, 1, 5), ==, "total");
  }
  /* The split string: one character more than its records hold; its
   * first CONTINUE of another type; that CONTINUE cut to its flag byte.
   * It drops, and the rest is read. */
  for (guint damage = 0; damage < 3; damage++)
    {
      g_autoptr(GByteArray) c = g_byte_array_new ();
      g_autoptr(StrataXlsSheet) sheet = NULL;
      gsize cont = at.split + 4 + 9;

      g_byte_array_append (c, b->data, b->len);
      if (damage == 0)
        c->data[at.split + 4] = 10;
      else if (damage == 1)
        c->data[cont] = 0x3D;
      else
        /* Length 1: the characters after it read as a header whose
         * length (0x8BA1) runs past the stream, where the walk stops. */
        c->data[cont + 2] = 1;
      sheet = walk (c->data, c->len);
      g_assert_null (strata_xls_sheet_lookup (sheet, 1, 7));
      g_assert_cmpstr (strata_xls_sheet_lookup (sheet, 1, 5), ==, "total");
      g_assert_cmpstr (strata_xls_sheet_lookup (sheet, 2, 0), ==, "Rich");
    }
}

/* The fixture with its E5 FORMULA record's length cut to 0, 8, 13 bytes
 * (one short of the result) or past the stream, read by the helper and
 * the importer: the file reads without the value or is reported as
 * damaged, by name (FreeXL 1.0.6 refuses all four), and nothing crashes.
 * Found by its bytes: FORMULA (0x0006) of 31 bytes at row 4, column 4. */
static void
test_damaged_file (TestWorkspace *w,
                   gconstpointer  data)
{
  static const char e5[] = "\x06\x00\x1F\x00\x04\x00\x04\x00";
  g_autofree char *good = xlsx_test_fixture ("formulas.xls");
  g_autofree char *path = g_build_filename (w->dir, "bad.xls", NULL);
  g_autofree char *contents = NULL;
  const guint16 lengths[] = { 0, 8, 13, 0xFFFF };
  gsize length, record = 0;
  guint found = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  for (gsize i = 0; i + 8 <= length; i++)
    if (memcmp (contents + i, e5, 8) == 0)
      {
        record = i;
        found++;
      }
  g_assert_cmpuint (found, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *bytes = g_memdup2 (contents, length);
      g_autoptr(GError) error = NULL;
      g_autofree char *records = NULL;

      bytes[record + 2] = (char) (lengths[i] & 0xFF);
      bytes[record + 3] = (char) (lengths[i] >> 8);
      g_assert_true (g_file_set_contents (path, bytes, length, NULL));
      records = xlsx_test_records (path, &error);
      if (records == NULL)
        {
          g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT);
          g_assert_nonnull (strstr (error->message, "bad.xls"));
        }
      else
        g_assert_null (strstr (records, "C001|Acme 有限公司|1234.5|10|20|"));
      if (g_test_verbose ())
        g_test_message ("length %u: %s", lengths[i], records ? records : error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gsf_init ();
  g_test_add_func ("/xls-values/fixture", test_fixture);
  g_test_add ("/xls-values/cli-import", TestWorkspace, "strata-xls-values",
              test_workspace_fixture_setup_dir, test_cli_import, test_workspace_fixture_teardown);
  g_test_add_func ("/xls-values/walk", test_walk);
  g_test_add_func ("/xls-values/damaged", test_damaged);
  g_test_add ("/xls-values/damaged-file", TestWorkspace, "strata-xls-values",
              test_workspace_fixture_setup_dir, test_damaged_file, test_workspace_fixture_teardown);
  return g_test_run ();
}
