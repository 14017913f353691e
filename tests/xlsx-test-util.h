/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading back a workbook a test wrote: its rows through the project's own
 * reader (the header first), and one cell's XML to see its type; writing
 * a minimal one from its shared strings' and sheet's XML; the import
 * fixtures' paths and their records as the importer reads them. */
#pragma once

#include <string.h>
#include <unzip.h>
#include <zip.h>

#include "strata-csv.h"
#include "strata-xlsx.h"

/* tests/fixtures/import/name */
static inline char *
xlsx_test_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

/* Every record of the file's first sheet with data (any file the importer
 * reads), joined with | per field and \n per record; NULL with error when
 * it cannot be read. */
static inline char *
xlsx_test_records (const char  *path,
                   GError     **error)
{
  g_autoptr(StrataCsvReader) r = strata_csv_reader_open (path, NULL, 0, NULL, error);
  g_autoptr(GString) s = g_string_new (NULL);

  if (r == NULL)
    return NULL;
  while (strata_csv_reader_next (r, NULL, error))
    {
      for (guint i = 0; i < strata_csv_reader_get_n_fields (r); i++)
        g_string_append_printf (s, "%s%s", i ? "|" : "", strata_csv_reader_get_field (r, i));
      g_string_append_c (s, '\n');
    }
  if (error != NULL && *error != NULL)
    return NULL;
  return g_strdup (s->str);
}

/* The records of sheet (NULL: the first with data), each a GStrv. */
static inline GPtrArray *
xlsx_test_read (const char *path,
                const char *sheet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataXlsxReader) reader = strata_xlsx_reader_open (path, sheet, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_no_error (error);
  while (strata_xlsx_reader_next (reader, &error))
    {
      guint n = strata_xlsx_reader_get_n_fields (reader);
      char **fields = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        fields[i] = g_strdup (strata_xlsx_reader_get_field (reader, i));
      g_ptr_array_add (rows, fields);
    }
  g_assert_no_error (error);
  return rows;
}

/* A part of the workbook (xl/worksheets/sheet1.xml), whole. */
static inline char *
xlsx_test_part (const char *path,
                const char *entry)
{
  unzFile zip = unzOpen64 (path);
  GString *xml = g_string_new (NULL);
  char buf[65536];
  int n;

  g_assert_nonnull (zip);
  g_assert_cmpint (unzLocateFile (zip, entry, 0), ==, UNZ_OK);
  g_assert_cmpint (unzOpenCurrentFile (zip), ==, UNZ_OK);
  while ((n = unzReadCurrentFile (zip, buf, sizeof buf)) > 0)
    g_string_append_len (xml, buf, n);
  unzCloseCurrentFile (zip);
  unzClose (zip);
  return g_string_free (xml, FALSE);
}

/* The <c r="ref" ...> element of the part entry (xl/worksheets/sheet1.xml),
 * up to its end, or NULL. */
static inline char *
xlsx_test_cell_xml (const char *path,
                    const char *entry,
                    const char *ref)
{
  g_autofree char *xml = xlsx_test_part (path, entry);
  g_autofree char *start = g_strdup_printf ("<c r=\"%s\"", ref);
  const char *at = strstr (xml, start), *end;

  if (at == NULL)
    return NULL;
  end = strstr (at, "</c>");
  return end != NULL ? g_strndup (at, end + 4 - at) : g_strdup (at);
}

/* A workbook of one sheet "S1": the parts the reader needs, the shared
 * strings' <sst> and the sheet's <sheetData> as given (the shared strings
 * left out when NULL), deflated at level 1. */
static inline void
xlsx_test_write (const char *path,
                 const char *shared_strings,
                 const char *sheet_data)
{
  static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"S1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  g_autofree char *sheet = g_strconcat (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>", sheet_data, "</sheetData></worksheet>", NULL);
  const char *names[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                          "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
  const char *parts[] = { workbook, rels, sheet, shared_strings };
  zipFile zip = zipOpen64 (path, APPEND_STATUS_CREATE);

  g_assert_nonnull (zip);
  for (guint i = 0; i < G_N_ELEMENTS (names) && parts[i] != NULL; i++)
    {
      g_assert_cmpint (zipOpenNewFileInZip64 (zip, names[i], NULL, NULL, 0, NULL, 0, NULL,
                                              Z_DEFLATED, 1, 1), ==, ZIP_OK);
      g_assert_cmpint (zipWriteInFileInZip (zip, parts[i], (unsigned) strlen (parts[i])),
                       ==, ZIP_OK);
      g_assert_cmpint (zipCloseFileInZip (zip), ==, ZIP_OK);
    }
  g_assert_cmpint (zipClose (zip, NULL), ==, ZIP_OK);
}
