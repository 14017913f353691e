/* SPDX-License-Identifier: GPL-3.0-or-later */
/* minizip (libminizip-dev) opens the zip container because it inflates an
 * entry on demand through a read callback, which is exactly what
 * xmlReaderForIO wants: the sheet is parsed as it is inflated and never
 * held whole. The small parts (workbook, relationships, styles) and the
 * shared strings, which every cell may refer to, are read first (the
 * shared strings streamed the same way: only the strings are kept). */
#include "config.h"

#include "strata-cell-format.h"
#include "strata-i18n.h"
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>
#include <unzip.h>

#include "strata-error.h"
#include "strata-value.h"
#include "strata-xlsx.h"
#include "strata-xlsx-private.h"
#include "strata-xlsx-strings.h"

gsize strata_xlsx_strings_cap = STRATA_XLSX_STRINGS_CAP;

void
strata_xlsx_row_free (Row *row)
{
  if (row == NULL)
    return;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->entry);
  g_free (sheet);
}

static gboolean
is_zip (const char *path)
{
  char magic[4] = { 0 };
  gboolean zip = FALSE;
  FILE *f = fopen (path, "rb");

  if (f != NULL)
    {
      zip = fread (magic, 1, 4, f) == 4 && memcmp (magic, "PK\x03\x04", 4) == 0;
      fclose (f);
    }
  return zip;
}

gboolean
strata_xlsx_is_workbook (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm")
         || g_str_has_suffix (lower, ".xls") || is_zip (path)
         || strata_xls_is_compound_file (path);
}

gint64
strata_xlsx_serial_to_days (double   serial,
                            gboolean date1904)
{
  gint64 day = (gint64) floor (serial);

  if (date1904)
    return day - 24107;
  /* Excel counts a 29 February 1900 that never was (day 60). */
  if (day < 60)
    return day - 25568;
  return day - 25569;
}

static void
set_broken (GError    **error,
            const char *path,
            const char *why)
{
  g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
               _("“%s” is not an Excel workbook (.xlsx) or is damaged: %s"), path, why);
}

gboolean
strata_xlsx_open_entry (StrataXlsxReader *self,
            const char       *entry,
            guint64          *size)
{
  unz_file_info64 info;

  if (unzLocateFile (self->zip, entry, 2) != UNZ_OK ||
      unzGetCurrentFileInfo64 (self->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
      unzOpenCurrentFile (self->zip) != UNZ_OK)
    return FALSE;
  if (size != NULL)
    *size = info.uncompressed_size;
  return TRUE;
}

/* A small part read whole; NULL when missing or damaged. */
static GBytes *
read_entry (StrataXlsxReader *self,
            const char       *entry)
{
  GByteArray *data = g_byte_array_new ();
  guint8 buf[65536];
  int n;

  if (!strata_xlsx_open_entry (self, entry, NULL))
    {
      g_byte_array_unref (data);
      return NULL;
    }
  while ((n = unzReadCurrentFile (self->zip, buf, sizeof buf)) > 0)
    g_byte_array_append (data, buf, n);
  if (unzCloseCurrentFile (self->zip) != UNZ_OK || n < 0)
    {
      g_byte_array_unref (data);
      return NULL;
    }
  return g_byte_array_free_to_bytes (data);
}

static void
on_xml_error (void                   *arg,
              const char             *msg,
              xmlParserSeverities     severity,
              xmlTextReaderLocatorPtr locator)
{
  StrataXlsxReader *self = arg;

  if (self->xml_error == NULL && severity >= XML_PARSER_SEVERITY_ERROR)
    self->xml_error = g_strchomp (g_strdup (msg));
}

static xmlTextReaderPtr
reader_for_bytes (StrataXlsxReader *self,
                  GBytes           *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlTextReaderPtr r = xmlReaderForMemory (data, (int) len, NULL, NULL,
                                           XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_HUGE);

  if (r != NULL)
    xmlTextReaderSetErrorHandler (r, on_xml_error, self);
  return r;
}

static gboolean
is_element (xmlTextReaderPtr r,
            const char      *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr r,
        const char      *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

/* An attribute by local name, whatever its namespace (r:id in transitional
 * and strict workbooks). */
static char *
attr (xmlTextReaderPtr r,
      const char      *name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (r) != 1)
    return NULL;
  do
    if (strcmp ((const char *) xmlTextReaderConstLocalName (r), name) == 0)
      {
        value = g_strdup ((const char *) xmlTextReaderConstValue (r));
        break;
      }
  while (xmlTextReaderMoveToNextAttribute (r) == 1);
  xmlTextReaderMoveToElement (r);
  return value;
}

static char *
text_of (xmlTextReaderPtr r)
{
  xmlChar *t = xmlTextReaderReadString (r);
  char *copy = g_strdup (t != NULL ? (const char *) t : "");

  xmlFree (t);
  return copy;
}

static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

/* An OpenDocument spreadsheet (.ods) is a zip too, but no library Debian
 * keeps reads it as a stream: say what it is and what to do. */
static gboolean
is_opendocument (StrataXlsxReader *self,
                 GError          **error)
{
  static const char ods[] = "application/vnd.oasis.opendocument.spreadsheet";
  g_autoptr(GBytes) mimetype = read_entry (self, "mimetype");
  gsize n = 0;
  const char *data = mimetype ? g_bytes_get_data (mimetype, &n) : NULL;

  if (data == NULL || n < sizeof ods - 1 || memcmp (data, ods, sizeof ods - 1) != 0)
    return FALSE;
  g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
               _("“%s” is an OpenDocument spreadsheet (.ods), which Strata cannot read: "
                 "save it as .xlsx or CSV"), self->path);
  return TRUE;
}

static gboolean
read_workbook (StrataXlsxReader *self,
               GError          **error)
{
  g_autoptr(GBytes) wb = read_entry (self, "xl/workbook.xml");
  g_autoptr(GBytes) rels = read_entry (self, "xl/_rels/workbook.xml.rels");
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr r;

  if (wb == NULL || rels == NULL)
    {
      set_broken (error, self->path, _("it has no workbook part"));
      return FALSE;
    }
  r = reader_for_bytes (self, rels);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (is_element (r, "Relationship"))
      {
        char *id = attr (r, "Id"), *target = attr (r, "Target");

        if (id != NULL && target != NULL)
          {
            g_hash_table_insert (targets, id, resolve_target (target));
            g_free (target);
          }
        else
          {
            g_free (id);
            g_free (target);
          }
      }
  xmlFreeTextReader (r);

  r = reader_for_bytes (self, wb);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (is_element (r, "workbookPr"))
      {
        g_autofree char *d = attr (r, "date1904");
        self->date1904 = d != NULL && (g_str_equal (d, "1") || g_ascii_strcasecmp (d, "true") == 0);
      }
    else if (is_element (r, "sheet"))
      {
        g_autofree char *name = attr (r, "name");
        g_autofree char *id = attr (r, "id");
        const char *entry = id != NULL ? g_hash_table_lookup (targets, id) : NULL;

        if (name != NULL && entry != NULL)
          {
            Sheet *s = g_new0 (Sheet, 1);
            s->name = g_steal_pointer (&name);
            s->entry = g_strdup (entry);
            g_ptr_array_add (self->sheets, s);
          }
      }
  xmlFreeTextReader (r);
  if (self->sheets->len == 0)
    {
      set_broken (error, self->path, self->xml_error ? self->xml_error : _("it has no sheets"));
      return FALSE;
    }
  return TRUE;
}

static int
read_cb (void *context,
         char *buffer,
         int   len);
static int
close_cb (void *context);

/* Streamed as it is inflated, like a sheet, into a table of bounded
 * memory (strata-xlsx-strings.c): a million-row sheet of ids and names has
 * two million shared strings, tens of megabytes that stay in memory only
 * up to its cap. */
static gboolean
read_shared_strings (StrataXlsxReader *self,
                     GError          **error)
{
  g_autoptr(GString) si = g_string_new (NULL);
  gboolean in_si = FALSE;
  gboolean phonetic = FALSE;
  xmlTextReaderPtr r;
  int ret;

  /* Optional: a workbook of numbers and inline strings has none. */
  if (!strata_xlsx_open_entry (self, "xl/sharedStrings.xml", NULL))
    return TRUE;
  r = xmlReaderForIO (read_cb, close_cb, self, NULL, NULL,
                      XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_HUGE);
  if (r != NULL)
    xmlTextReaderSetErrorHandler (r, on_xml_error, self);
  while (r != NULL && (ret = xmlTextReaderRead (r)) == 1)
    {
      if (is_element (r, "si"))
        {
          if (xmlTextReaderIsEmptyElement (r))
            strata_xlsx_strings_add (self->strings, "", 0);
          else
            {
              g_string_truncate (si, 0);
              in_si = TRUE;
            }
        }
      else if (is_element (r, "rPh"))
        phonetic = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "rPh"))
        phonetic = FALSE;
      else if (is_element (r, "t") && in_si && !phonetic)
        {
          xmlChar *t = xmlTextReaderReadString (r);

          if (t != NULL)
            g_string_append (si, (const char *) t);
          xmlFree (t);
        }
      else if (is_end (r, "si") && in_si)
        {
          strata_xlsx_strings_add (self->strings, si->str, si->len);
          in_si = FALSE;
        }
    }
  xmlFreeTextReader (r);
  strata_xlsx_strings_finish (self->strings);
  self->bytes_read = 0;
  /* A part the zip cannot inflate counts as none, as it always has. */
  if (unzCloseCurrentFile (self->zip) != UNZ_OK || self->zip_error)
    {
      strata_xlsx_strings_clear (self->strings);
      g_clear_pointer (&self->xml_error, g_free);
      self->zip_error = FALSE;
      return TRUE;
    }
  if (self->xml_error != NULL)
    {
      set_broken (error, self->path, self->xml_error);
      return FALSE;
    }
  return TRUE;
}

static void
read_styles (StrataXlsxReader *self)
{
  g_autoptr(GBytes) bytes = read_entry (self, "xl/styles.xml");
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  gboolean in_xfs = FALSE;
  xmlTextReaderPtr r;

  if (bytes == NULL)
    return;
  r = reader_for_bytes (self, bytes);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (is_element (r, "numFmt"))
      {
        g_autofree char *id = attr (r, "numFmtId"), *code = attr (r, "formatCode");
        if (id != NULL && code != NULL)
          g_hash_table_insert (custom, GUINT_TO_POINTER (atoi (id)),
                               GINT_TO_POINTER (strata_cell_format_is_date (code) ? 2 : 1));
      }
    else if (is_element (r, "cellXfs"))
      in_xfs = !xmlTextReaderIsEmptyElement (r);
    else if (is_end (r, "cellXfs"))
      in_xfs = FALSE;
    else if (in_xfs && is_element (r, "xf"))
      {
        g_autofree char *id = attr (r, "numFmtId");
        guint n = id != NULL ? (guint) atoi (id) : 0;
        int kind = GPOINTER_TO_INT (g_hash_table_lookup (custom, GUINT_TO_POINTER (n)));
        guint8 date = kind != 0 ? kind == 2 : strata_cell_format_builtin_is_date (n);

        g_array_append_val (self->date_xf, date);
      }
  xmlFreeTextReader (r);
  g_clear_pointer (&self->xml_error, g_free);
}

/* "C7" -> column 2 (0-based); the row part is ignored. Past XFD (the last
 * column) it stays at 16384, so that a long run of letters cannot
 * overflow. */
int
strata_xlsx_column_of_ref (const char *ref)
{
  int col = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    col = MIN (col * 26 + (g_ascii_toupper (*p) - 'A' + 1), 16385);
  return p == ref ? -1 : col - 1;
}

guint
strata_xlsx_row_of_ref (const char *ref)
{
  while (g_ascii_isalpha (*ref))
    ref++;
  return (guint) g_ascii_strtoull (ref, NULL, 10);
}

static char *
column_name (guint col)
{
  char buf[8];
  int i = sizeof buf - 1;

  buf[i] = '\0';
  col++;
  while (col > 0 && i > 0)
    {
      buf[--i] = 'A' + (col - 1) % 26;
      col = (col - 1) / 26;
    }
  return g_strdup (buf + i);
}

static int
read_cb (void *context,
         char *buffer,
         int   len)
{
  StrataXlsxReader *self = context;
  int n = unzReadCurrentFile (self->zip, buffer, len);

  if (n < 0)
    {
      self->zip_error = TRUE;
      return -1;
    }
  self->bytes_read += n;
  return n;
}

static int
close_cb (void *context)
{
  return 0;
}

static void
end_sheet (StrataXlsxReader *self)
{
  if (self->xml != NULL)
    {
      xmlFreeTextReader (self->xml);
      self->xml = NULL;
      unzCloseCurrentFile (self->zip);
    }
}

static gboolean
begin_sheet (StrataXlsxReader *self,
             Sheet            *sheet,
             GError          **error)
{
  end_sheet (self);
  if (self->is_xls)
    return strata_xls_begin_sheet (self, sheet, error);
  self->sheet = sheet;
  self->bytes_read = 0;
  self->xml_done = FALSE;
  if (!strata_xlsx_open_entry (self, sheet->entry, &self->size))
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”, sheet “%s”: the sheet is missing or damaged"), self->path, sheet->name);
      return FALSE;
    }
  self->xml = xmlReaderForIO (read_cb, close_cb, self, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_HUGE);
  if (self->xml == NULL)
    {
      unzCloseCurrentFile (self->zip);
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                   _("“%s”, sheet “%s”: the sheet cannot be read"), self->path, sheet->name);
      return FALSE;
    }
  xmlTextReaderSetErrorHandler (self->xml, on_xml_error, self);
  return TRUE;
}

static char *
format_serial (StrataXlsxReader *self,
               double            serial)
{
  gint64 days = strata_xlsx_serial_to_days (serial, self->date1904);
  g_autofree char *day = strata_value_format_date (days);
  int seconds = (int) round ((serial - floor (serial)) * 86400.0);

  if (day == NULL)
    return NULL;
  if (seconds == 0 || seconds >= 86400)
    return g_steal_pointer (&day);
  return g_strdup_printf ("%s %02d:%02d:%02d", day, seconds / 3600, seconds / 60 % 60, seconds % 60);
}

static char *
cell_text (StrataXlsxReader *self,
           const char       *type,
           const char       *style,
           char             *value)
{
  if (type != NULL && g_str_equal (type, "s"))
    {
      guint64 i = g_ascii_strtoull (value, NULL, 10);
      const char *s = i < G_MAXUINT ? strata_xlsx_strings_get (self->strings, (guint) i) : NULL;

      g_free (value);
      return g_strdup (s != NULL ? s : "");
    }
  if (type != NULL && g_str_equal (type, "b"))
    {
      gboolean t = g_str_equal (value, "1");
      g_free (value);
      return g_strdup (t ? "TRUE" : "FALSE");
    }
  if (type == NULL || g_str_equal (type, "n"))
    {
      char *end = NULL;
      double d = g_ascii_strtod (value, &end);
      guint xf = style != NULL ? (guint) atoi (style) : 0;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      char *text = NULL;

      if (end == value || *end != '\0' || !isfinite (d))
        return value;
      if (xf < self->date_xf->len && g_array_index (self->date_xf, guint8, xf))
        text = format_serial (self, d);
      if (text == NULL)
        text = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", d));
      g_free (value);
      return text;
    }
  /* str (a formula's text), inlineStr, e (#N/A...), d (ISO date). */
  return value;
}

/* The next row with a value; NULL at the end or on error. */
Row *
strata_xlsx_read_row (StrataXlsxReader *self,
          GError          **error)
{
  Row *row = NULL;
  g_autofree char *type = NULL, *style = NULL, *value = NULL, *row_style = NULL;
  int col = -1, ret;
  guint64 last_row = 0;
  gboolean in_is = FALSE, phonetic = FALSE;

  if (self->is_xls)
    return strata_xls_read_row (self, error);
  if (self->xml == NULL || self->xml_done)
    return NULL;
  while ((ret = xmlTextReaderRead (self->xml)) == 1)
    {
      xmlTextReaderPtr r = self->xml;
      int node = xmlTextReaderNodeType (r);
      const char *name;

      if (node != XML_READER_TYPE_ELEMENT && node != XML_READER_TYPE_END_ELEMENT)
        continue;
      name = (const char *) xmlTextReaderConstLocalName (r);
      if (node == XML_READER_TYPE_ELEMENT)
        {
          if (strcmp (name, "col") == 0)
            {
              /* A cell without a style takes its row's or column's, as
               * Gnumeric writes date columns. */
              g_autofree char *min = attr (r, "min"), *max = attr (r, "max"), *st = attr (r, "style");
              guint lo = min ? (guint) atoi (min) : 0, hi = max ? (guint) atoi (max) : 0;

              if (st != NULL && lo >= 1 && hi >= lo)
                {
                  hi = MIN (hi, 16384);
                  if (self->col_styles->len < hi)
                    g_array_set_size (self->col_styles, hi);
                  for (guint c = lo; c <= hi; c++)
                    g_array_index (self->col_styles, guint, c - 1) = (guint) atoi (st);
                }
            }
          else if (strcmp (name, "row") == 0)
            {
              g_autofree char *n = attr (r, "r");
              g_autofree char *custom = attr (r, "customFormat");

              g_free (row_style);
              row_style = custom != NULL && (g_str_equal (custom, "1") || g_str_equal (custom, "true"))
                          ? attr (r, "s") : NULL;

              last_row = n != NULL ? g_ascii_strtoull (n, NULL, 10) : last_row + 1;
              if (xmlTextReaderIsEmptyElement (r))
                continue;
              /* A row inside a row (a damaged sheet): the outer one is dropped. */
              strata_xlsx_row_free (row);
              row = g_new0 (Row, 1);
              row->number = last_row;
              row->cells = g_ptr_array_new_with_free_func (g_free);
              col = -1;
            }
          else if (strcmp (name, "c") == 0 && row != NULL)
            {
              g_autofree char *ref = attr (r, "r");

              col = ref != NULL ? strata_xlsx_column_of_ref (ref) : col + 1;
              if (col < 0 || col > 16383)
                col = row->cells->len;
              g_free (type);
              g_free (style);
              g_clear_pointer (&value, g_free);
              type = attr (r, "t");
              style = attr (r, "s");
              if (style == NULL && row_style != NULL)
                style = g_strdup (row_style);
              else if (style == NULL && (guint) col < self->col_styles->len)
                style = g_strdup_printf ("%u", g_array_index (self->col_styles, guint, col));
            }
          else if (strcmp (name, "v") == 0 && row != NULL)
            {
              g_free (value);
              value = text_of (r);
            }
          else if (strcmp (name, "is") == 0)
            {
              in_is = TRUE;
              g_free (value);
              value = g_strdup ("");
            }
          else if (strcmp (name, "rPh") == 0)
            phonetic = !xmlTextReaderIsEmptyElement (r);
          else if (strcmp (name, "t") == 0 && in_is && !phonetic)
            {
              g_autofree char *t = text_of (r);
              char *joined = g_strconcat (value, t, NULL);
              g_free (value);
              value = joined;
            }
          else if (strcmp (name, "sheetData") == 0 && xmlTextReaderIsEmptyElement (r))
            break;
        }
      else if (strcmp (name, "c") == 0 && row != NULL)
        {
          if (value != NULL && col >= 0)
            {
              char *text = cell_text (self, type, style, g_steal_pointer (&value));

              if ((guint) col >= row->cells->len)
                g_ptr_array_set_size (row->cells, col + 1);
              g_free (row->cells->pdata[col]);
              row->cells->pdata[col] = text;
              if (*text != '\0')
                row->n_values++;
            }
        }
      else if (strcmp (name, "is") == 0)
        in_is = FALSE;
      else if (strcmp (name, "rPh") == 0)
        phonetic = FALSE;
      else if (strcmp (name, "row") == 0 && row != NULL)
        {
          if (row->n_values > 0)
            return row;
          g_clear_pointer (&row, strata_xlsx_row_free);
        }
      else if (strcmp (name, "sheetData") == 0)
        break;
    }
  strata_xlsx_row_free (row);
  self->xml_done = TRUE;
  if (ret < 0 || self->zip_error || self->xml_error != NULL)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                   _("“%s”, sheet “%s”: the sheet cannot be read, the file is damaged%s%s"),
                   self->path, self->sheet->name,
                   self->xml_error != NULL ? ": " : "",
                   self->xml_error != NULL ? self->xml_error : "");
      return NULL;
    }
  return NULL;
}

static gboolean
pick_sheet (StrataXlsxReader *self,
            const char       *wanted,
            GError          **error)
{
  if (wanted != NULL)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (wanted, &end, 10);
      Sheet *found = NULL;

      for (guint i = 0; i < self->sheets->len && found == NULL; i++)
        if (g_str_equal (((Sheet *) self->sheets->pdata[i])->name, wanted))
          found = self->sheets->pdata[i];
      for (guint i = 0; i < self->sheets->len && found == NULL; i++)
        if (g_utf8_collate (((Sheet *) self->sheets->pdata[i])->name, wanted) == 0 ||
            g_ascii_strcasecmp (((Sheet *) self->sheets->pdata[i])->name, wanted) == 0)
          found = self->sheets->pdata[i];
      if (found == NULL && end != wanted && *end == '\0' && n >= 1 && n <= self->sheets->len)
        found = self->sheets->pdata[n - 1];
      if (found == NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < self->sheets->len; i++)
            g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                                    ((Sheet *) self->sheets->pdata[i])->name);
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                       _("“%s” has no sheet “%s”; its sheets: %s"), self->path, wanted, names->str);
          return FALSE;
        }
      return begin_sheet (self, found, error);
    }

  /* The first sheet with data: a workbook often starts with an empty or
   * cover sheet. */
  for (guint i = 0; i < self->sheets->len; i++)
    {
      GError *local = NULL;
      Row *row;

      if (!begin_sheet (self, self->sheets->pdata[i], error))
        return FALSE;
      row = strata_xlsx_read_row (self, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (row != NULL)
        {
          g_queue_push_tail (&self->pending, row);
          return TRUE;
        }
    }
  return begin_sheet (self, self->sheets->pdata[0], error);
}

StrataXlsxReader *
strata_xlsx_reader_open (const char  *path,
                         const char  *sheet,
                         GError     **error)
{
  g_autoptr(StrataXlsxReader) self = g_new0 (StrataXlsxReader, 1);
  g_autofree char *lower = NULL;
  GError *local = NULL;
  Row *first;

  g_return_val_if_fail (path != NULL, NULL);

  lower = g_ascii_strdown (path, -1);
  self->path = g_strdup (path);
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  self->strings = strata_xlsx_strings_new (strata_xlsx_strings_cap);
  self->date_xf = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->merges = g_array_new (FALSE, FALSE, sizeof (Merge));
  self->col_styles = g_array_new (FALSE, TRUE, sizeof (guint));
  self->fields = g_ptr_array_new ();
  g_queue_init (&self->pending);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: no such file"), path);
      return NULL;
    }
  /* An .xls is a compound file; one named .xls that is neither that nor a
   * zip (a .xlsx misnamed) gets FreeXL's refusal, which names the format. */
  if (strata_xls_is_compound_file (path)
      || (g_str_has_suffix (lower, ".xls") && !is_zip (path)))
    {
      if (!strata_xls_open (self, error) || !pick_sheet (self, sheet, error))
        return NULL;
      /* The first row read to pick the sheet is read again below. */
      g_queue_clear_full (&self->pending, (GDestroyNotify) strata_xlsx_row_free);
      if (!begin_sheet (self, self->sheet, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  self->zip = unzOpen64 (path);
  if (self->zip == NULL)
    {
      set_broken (error, path, _("it is not a zip archive"));
      return NULL;
    }
  if (is_opendocument (self, error) || !read_workbook (self, error)
      || !read_shared_strings (self, error))
    return NULL;
  read_styles (self);
  if (!pick_sheet (self, sheet, error))
    return NULL;
  /* pick_sheet may have read the first row already: keep it. */
  first = g_queue_pop_head (&self->pending);
  end_sheet (self);
  strata_xlsx_read_merges (self);
  if (!begin_sheet (self, self->sheet, error))
    {
      strata_xlsx_row_free (first);
      return NULL;
    }
  if (first != NULL)
    {
      Row *again;

      strata_xlsx_row_free (first);
      again = strata_xlsx_read_row (self, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (again != NULL)
        g_queue_push_tail (&self->pending, again);
    }
  return g_steal_pointer (&self);
}

void
strata_xlsx_reader_free (StrataXlsxReader *self)
{
  if (self == NULL)
    return;
  end_sheet (self);
  strata_xls_close (self);
  if (self->zip != NULL)
    unzClose (self->zip);
  g_queue_clear_full (&self->pending, (GDestroyNotify) strata_xlsx_row_free);
  strata_xlsx_row_free (self->current);
  g_ptr_array_unref (self->sheets);
  strata_xlsx_strings_free (self->strings);
  g_array_unref (self->date_xf);
  g_array_unref (self->merges);
  g_array_unref (self->col_styles);
  g_ptr_array_unref (self->fields);
  g_free (self->xml_error);
  g_free (self->path);
  g_free (self);
}

gboolean
strata_xlsx_reader_next (StrataXlsxReader  *self,
                         GError           **error)
{
  Row *row;

  g_return_val_if_fail (self != NULL, FALSE);

  g_clear_pointer (&self->current, strata_xlsx_row_free);
  g_ptr_array_set_size (self->fields, 0);
  if (!self->header_done)
    {
      self->header_done = TRUE;
      if (!strata_xlsx_find_header (self, error))
        return FALSE;
    }
  row = g_queue_pop_head (&self->pending);
  if (row == NULL)
    row = strata_xlsx_read_row (self, error);
  if (row == NULL)
    return FALSE;
  self->current = row;
  for (guint c = 0; c < self->width; c++)
    g_ptr_array_add (self->fields, (gpointer) strata_xlsx_cell_at (row, self->col_offset + c));
  return TRUE;
}

guint
strata_xlsx_reader_get_n_fields (StrataXlsxReader *self)
{
  return self->fields->len;
}

const char *
strata_xlsx_reader_get_field (StrataXlsxReader *self,
                              guint             index)
{
  return index < self->fields->len ? self->fields->pdata[index] : "";
}

guint64
strata_xlsx_reader_get_row (StrataXlsxReader *self)
{
  return self->current != NULL ? self->current->number : 0;
}

const char *
strata_xlsx_reader_get_sheet (StrataXlsxReader *self)
{
  return self->sheet->name;
}

char *
strata_xlsx_reader_cell_name (StrataXlsxReader *self,
                              guint             index,
                              guint64           row)
{
  g_autofree char *col = column_name (self->col_offset + index);
  const char *name = self->sheet->name;
  gboolean plain = TRUE;

  for (const char *p = name; *p != '\0' && plain; p = g_utf8_next_char (p))
    plain = g_unichar_isalnum (g_utf8_get_char (p)) || *p == '_';
  if (plain && *name != '\0')
    return g_strdup_printf ("%s!%s%llu", name, col, (unsigned long long) row);
  {
    g_autoptr(GString) quoted = g_string_new ("'");

    for (const char *p = name; *p != '\0'; p++)
      {
        if (*p == '\'')
          g_string_append_c (quoted, '\'');
        g_string_append_c (quoted, *p);
      }
    return g_strdup_printf ("%s'!%s%llu", quoted->str, col, (unsigned long long) row);
  }
}

guint64
strata_xlsx_reader_get_bytes_read (StrataXlsxReader *self)
{
  return self->bytes_read;
}

guint64
strata_xlsx_reader_get_size (StrataXlsxReader *self)
{
  return self->size;
}

GStrv
strata_xlsx_reader_dup_sheet_names (StrataXlsxReader *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->sheets->len; i++)
    g_strv_builder_add (names, ((Sheet *) self->sheets->pdata[i])->name);
  return g_strv_builder_end (names);
}
