/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Excel 97–2003 workbooks (.xls, BIFF in an OLE compound file) through
 * FreeXL, behind the same reader as .xlsx: its rows become the reader's
 * Row records, so the header below title rows, the sheet picker and the
 * typed cells work alike. FreeXL parses the whole workbook on open; an
 * .xls sheet holds at most 65,536 rows, so that is bounded too. FreeXL
 * reports no merged cells, so a merged header is not filled in. */
#include "config.h"

#include "strata-i18n.h"
#include <freexl.h>
#include <math.h>
#include <string.h>

#include "strata-error.h"
#include "strata-xlsx-private.h"

gboolean
strata_xls_is_compound_file (const char *path)
{
  static const char magic[8] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  char head[8] = { 0 };
  gboolean yes = FALSE;
  FILE *f = fopen (path, "rb");

  if (f != NULL)
    {
      yes = fread (head, 1, 8, f) == 8 && memcmp (head, magic, 8) == 0;
      fclose (f);
    }
  return yes;
}

static const char *
why (int status)
{
  switch (status)
    {
    case FREEXL_INSUFFICIENT_MEMORY:
      return _("out of memory");
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return _("it holds no Excel workbook");
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return _("it is not an Excel file");
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
      return _("its text encoding is not supported");
    default:
      return _("its structure is broken");
    }
}

gboolean
strata_xls_open (StrataXlsxReader *self,
                 GError          **error)
{
  const void *handle = NULL;
  unsigned int n_sheets = 0, password = 0, mode = 0;
  int status = freexl_open (self->path, &handle);

  if (status != FREEXL_OK)
    {
      if (handle != NULL)
        freexl_close (handle);
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s” is not an Excel 97–2003 workbook (.xls) or is damaged: %s"),
                   self->path, why (status));
      return FALSE;
    }
  self->xls = handle;
  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK
      && password == FREEXL_BIFF_OBFUSCATED)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s” is protected with a password: save it without one, as .xlsx or CSV"),
                   self->path);
      return FALSE;
    }
  if (freexl_get_info (handle, FREEXL_BIFF_DATEMODE, &mode) == FREEXL_OK)
    self->date1904 = mode == FREEXL_BIFF_DATEMODE_1904;
  freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &n_sheets);
  for (unsigned int i = 0; i < n_sheets && i <= G_MAXUINT16; i++)
    {
      const char *name = NULL;
      Sheet *s;

      if (freexl_get_worksheet_name (handle, (unsigned short) i, &name) != FREEXL_OK)
        continue;
      s = g_new0 (Sheet, 1);
      s->name = g_strdup (name != NULL && g_utf8_validate (name, -1, NULL) ? name : "");
      s->index = i;
      g_ptr_array_add (self->sheets, s);
    }
  if (self->sheets->len == 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s” is not an Excel 97–2003 workbook (.xls) or is damaged: %s"),
                   self->path, _("it has no sheets"));
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_xls_begin_sheet (StrataXlsxReader *self,
                        Sheet            *sheet,
                        GError          **error)
{
  unsigned int rows = 0;
  unsigned short cols = 0;

  self->sheet = sheet;
  self->xls_row = 0;
  self->xml_done = FALSE;
  if (freexl_select_active_worksheet (self->xls, (unsigned short) sheet->index) != FREEXL_OK
      || freexl_worksheet_dimensions (self->xls, &rows, &cols) != FREEXL_OK)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”, sheet “%s”: the sheet is missing or damaged"), self->path, sheet->name);
      return FALSE;
    }
  self->xls_rows = rows;
  self->xls_cols = cols;
  /* Progress counts rows: the workbook was read whole on open. */
  self->size = rows;
  self->bytes_read = 0;
  return TRUE;
}

static char *
cell_text (const FreeXL_CellValue *v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (v->type)
    {
    case FREEXL_CELL_INT:
      return g_strdup_printf ("%d", v->value.int_value);
    case FREEXL_CELL_DOUBLE:
      if (!isfinite (v->value.double_value))
        return NULL;
      /* %.15g, as the .xlsx reader: 99.9 stays 99.9. */
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", v->value.double_value));
    case FREEXL_CELL_DATETIME:
      /* A date-time at midnight reads as the date, as in a .xlsx. */
      if (v->value.text_value != NULL && g_str_has_suffix (v->value.text_value, " 00:00:00"))
        return g_strndup (v->value.text_value, strlen (v->value.text_value) - 9);
      G_GNUC_FALLTHROUGH;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_TIME:
      if (v->value.text_value == NULL)
        return NULL;
      return g_utf8_make_valid (v->value.text_value, -1);
    default:
      return NULL;
    }
}

Row *
strata_xls_read_row (StrataXlsxReader *self,
                     GError          **error)
{
  if (self->xls == NULL || self->xml_done)
    return NULL;
  while (self->xls_row < self->xls_rows)
    {
      Row *row = g_new0 (Row, 1);
      guint r = self->xls_row++;

      self->bytes_read = self->xls_row;
      row->number = (guint64) r + 1;
      row->cells = g_ptr_array_new_with_free_func (g_free);
      for (guint c = 0; c < self->xls_cols; c++)
        {
          FreeXL_CellValue v;
          char *text;
          int status = freexl_get_cell_value (self->xls, r, (unsigned short) c, &v);

          if (status != FREEXL_OK)
            {
              strata_xlsx_row_free (row);
              self->xml_done = TRUE;
              g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                           _("“%s”, sheet “%s”: the sheet cannot be read, the file is damaged%s%s"),
                           self->path, self->sheet->name, ": ", why (status));
              return NULL;
            }
          text = cell_text (&v);
          if (text == NULL)
            continue;
          g_ptr_array_set_size (row->cells, c + 1);
          row->cells->pdata[c] = text;
          if (*text != '\0')
            row->n_values++;
        }
      if (row->n_values > 0)
        return row;
      strata_xlsx_row_free (row);
    }
  self->xml_done = TRUE;
  return NULL;
}

void
strata_xls_close (StrataXlsxReader *self)
{
  if (self->xls != NULL)
    freexl_close (self->xls);
  self->xls = NULL;
}
