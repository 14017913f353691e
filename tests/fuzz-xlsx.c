/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the workbook reader (strata-xlsx*.c, strata-xls.c):
 * any file must be read without a crash, a leak or undefined behaviour.
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true -Dtests=true
 * Run:   _build-fuzz/tests/fuzz-xlsx tests/fixtures/fuzz-xlsx -dict=tests/fuzz-xlsx.dict \
 *          -max_total_time=600
 * Mutating a zip mostly breaks its checksums, so the first byte chooses:
 * odd, the rest is the file as it is (a .xlsx or an .xls); even, the rest
 * is the workbook's XML parts separated by SEPARATOR (workbook, sheet,
 * shared strings, styles), zipped here without compression, so that the
 * mutations reach the XML parsers. Seeds: tests/fixtures/fuzz-xlsx, made
 * from the fixtures by tests/fixtures/fuzz-xlsx/make-seeds.py.
 * An .xls is parsed by FreeXL, whose 1.0.6 (Debian 12) reads out of bounds
 * on some damaged files (found here within a minute: a stack buffer
 * underflow under iconv in freexl_open). Strata runs it in the helper
 * process strata-xls-reader (this build's, or $STRATA_XLS_READER), so such
 * a file must end with an error here, never a crash. Starting a process
 * per input is slow, so raw compound files are skipped unless
 * FUZZ_FREEXL=1, so that a plain run explores Strata's own code; with it,
 * the inputs the helper did not read to the end ("the spreadsheet is
 * damaged": it crashed or wrote garbage) are counted at exit. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "strata-xlsx.h"

#ifndef FUZZ_XLS_READER
#define FUZZ_XLS_READER "strata-xls-reader"
#endif

#define SEPARATOR "\n--PART--\n"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";

static void
add_entry (zipFile     zip,
           const char *name,
           const char *bytes,
           gsize       len)
{
  if (zipOpenNewFileInZip64 (zip, name, NULL, NULL, 0, NULL, 0, NULL, 0, 0, 1) != ZIP_OK)
    return;
  zipWriteInFileInZip (zip, bytes, (unsigned) len);
  zipCloseFileInZip (zip);
}

static void
write_parts (const char *path,
             const char *data,
             gsize       size)
{
  static const char *names[] = { "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                 "xl/sharedStrings.xml", "xl/styles.xml",
                                 "xl/worksheets/sheet2.xml" };
  zipFile zip = zipOpen64 (path, APPEND_STATUS_CREATE);
  const char *p = data, *end = data + size;

  if (zip == NULL)
    return;
  add_entry (zip, "[Content_Types].xml", content_types, strlen (content_types));
  add_entry (zip, "xl/_rels/workbook.xml.rels", rels, strlen (rels));
  for (guint i = 0; i < G_N_ELEMENTS (names) && p <= end; i++)
    {
      const char *sep = g_strstr_len (p, end - p, SEPARATOR);
      const char *stop = sep != NULL ? sep : end;

      add_entry (zip, names[i], p, stop - p);
      p = stop + strlen (SEPARATOR);
      if (sep == NULL)
        break;
    }
  zipClose (zip, NULL);
}

static guint64 n_xls, n_helper_failed;

static void
count_helper_failure (GError *error)
{
  if (error != NULL && strstr (error->message, "the spreadsheet is damaged") != NULL)
    n_helper_failed++;
}

static void
print_counts (void)
{
  if (n_xls > 0)
    fprintf (stderr, "fuzz-xlsx: %" G_GUINT64_FORMAT " compound files read, "
             "%" G_GUINT64_FORMAT " ended the helper early (a crash or garbage)\n",
             n_xls, n_helper_failed);
}

static void
read_all (const char *path)
{
  GError *error = NULL;
  StrataXlsxReader *r = strata_xlsx_reader_open (path, NULL, &error);
  GStrv names;
  guint n = 0;

  if (r == NULL)
    {
      count_helper_failure (error);
      g_clear_error (&error);
      return;
    }
  names = strata_xlsx_reader_dup_sheet_names (r);
  if (names == NULL || names[0] == NULL)
    __builtin_trap ();
  while (strata_xlsx_reader_next (r, &error))
    {
      guint fields = strata_xlsx_reader_get_n_fields (r);

      for (guint i = 0; i < fields; i++)
        if (!g_utf8_validate (strata_xlsx_reader_get_field (r, i), -1, NULL))
          __builtin_trap ();
      if (fields > 0 && n++ < 3)
        g_free (strata_xlsx_reader_cell_name (r, fields - 1, strata_xlsx_reader_get_row (r)));
    }
  count_helper_failure (error);
  g_clear_error (&error);
  if (strata_xlsx_reader_get_bytes_read (r) > strata_xlsx_reader_get_size (r)
      && strata_xlsx_reader_get_size (r) > 0)
    __builtin_trap ();
  strata_xlsx_reader_free (r);

  /* The second sheet by number, as --sheet 2 asks. */
  if (g_strv_length (names) > 1)
    {
      r = strata_xlsx_reader_open (path, "2", NULL);
      while (r != NULL && strata_xlsx_reader_next (r, NULL))
        ;
      if (r != NULL)
        strata_xlsx_reader_free (r);
    }
  g_strfreev (names);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static char *path;

  if (size < 1)
    return 0;
  if (path == NULL)
    path = g_strdup_printf ("%s/fuzz-xlsx-%d.bin", g_get_tmp_dir (), (int) getpid ());
  if (data[0] & 1)
    {
      static int freexl = -1;
      FILE *f;

      if (freexl < 0)
        {
          freexl = g_strcmp0 (g_getenv ("FUZZ_FREEXL"), "1") == 0;
          g_setenv ("STRATA_XLS_READER", FUZZ_XLS_READER, FALSE);
          atexit (print_counts);
        }
      if (size >= 9 && memcmp (data + 1, "\xD0\xCF\x11\xE0", 4) == 0)
        {
          if (!freexl)
            return 0;
          n_xls++;
        }
      f = fopen (path, "wb");

      if (f == NULL)
        return 0;
      fwrite (data + 1, 1, size - 1, f);
      fclose (f);
    }
  else
    write_parts (path, (const char *) data + 1, size - 1);
  read_all (path);
  unlink (path);
  return 0;
}
