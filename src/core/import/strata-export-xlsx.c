/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libxlsxwriter in constant-memory mode: each row goes to a temporary
 * file as it is written, so an export of a million customers does not
 * hold them. The workbook is written beside the target and renamed over
 * it, so a failed export leaves an earlier file as it was. */
#include "config.h"

#include <errno.h>
#include "strata-i18n.h"
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "strata-error.h"
#include "strata-export-xlsx.h"

/* Excel counts days from 1899-12-30 (in the 1900 date system). */
#define EXCEL_DAY_OF_1970 25569

struct _StrataXlsxSink
{
  char           *path;
  char           *tmp_path;
  lxw_workbook   *workbook;
  lxw_worksheet  *sheet;
  GPtrArray      *kinds;
  GHashTable     *tier_formats;  /* colour -> lxw_format* */
  lxw_format     *header_format;
  lxw_format     *count_format;
  lxw_format     *money_format;
  lxw_format     *number_format;
  lxw_format     *date_format;
  lxw_format     *score_format;
  lxw_row_t       row;
  double         *widths;
};

static void
sink_free (StrataXlsxSink *self)
{
  g_free (self->path);
  g_free (self->tmp_path);
  g_ptr_array_unref (self->kinds);
  g_hash_table_unref (self->tier_formats);
  g_free (self->widths);
  g_free (self);
}

static void
grow (StrataXlsxSink *self,
      guint           col,
      const char     *text)
{
  double w = 0;

  /* Wide (CJK) characters take two columns. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  self->widths[col] = MAX (self->widths[col], MIN (w + 2, 60));
}

/* A sheet with its header row: bold, frozen, with an autofilter. */
static void
begin_sheet (StrataXlsxSink *self,
             const char     *sheet_name,
             GPtrArray      *header,
             GPtrArray      *kinds)
{
  g_ptr_array_unref (self->kinds);
  self->kinds = g_ptr_array_ref (kinds);
  g_free (self->widths);
  self->widths = g_new0 (double, header->len + 1);
  self->sheet = workbook_add_worksheet (self->workbook, sheet_name);
  for (guint i = 0; i < header->len; i++)
    {
      worksheet_write_string (self->sheet, 0, i, header->pdata[i], self->header_format);
      grow (self, i, header->pdata[i]);
      self->widths[i] += 2;  /* room for the filter button */
    }
  /* Column widths must come before the rows in constant-memory mode:
   * from the header, at least 10 for numbers and dates. */
  for (guint i = 0; i < header->len; i++)
    {
      const char *k = kinds->pdata[i];
      double w = MAX (self->widths[i], g_str_equal (k, "text") ? 8 : 12);
      worksheet_set_column (self->sheet, i, i, w, NULL);
    }
  if (header->len > 0)
    worksheet_autofilter (self->sheet, 0, 0, 0, header->len - 1);
  worksheet_freeze_panes (self->sheet, 1, 0);
  self->row = 1;
}

StrataXlsxSink *
strata_xlsx_sink_open (const char  *path,
                       const char  *sheet_name,
                       GPtrArray   *header,
                       GPtrArray   *kinds,
                       GError     **error)
{
  StrataXlsxSink *self = g_new0 (StrataXlsxSink, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.%u.tmp", base, g_random_int ());
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE };

  self->path = g_strdup (path);
  self->tmp_path = g_build_filename (dir, tmp_name, NULL);
  self->kinds = g_ptr_array_new ();
  self->tier_formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->workbook = workbook_new_opt (self->tmp_path, &options);
  if (self->workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”"), path);
      sink_free (self);
      return NULL;
    }
  self->header_format = workbook_add_format (self->workbook);
  format_set_bold (self->header_format);
  format_set_bg_color (self->header_format, 0xE8E8E8);
  format_set_bottom (self->header_format, LXW_BORDER_THIN);
  self->count_format = workbook_add_format (self->workbook);
  format_set_num_format (self->count_format, "#,##0");
  self->money_format = workbook_add_format (self->workbook);
  format_set_num_format (self->money_format, "#,##0.00");
  self->number_format = workbook_add_format (self->workbook);
  format_set_num_format (self->number_format, "#,##0.##########");
  self->date_format = workbook_add_format (self->workbook);
  format_set_num_format (self->date_format, "yyyy-mm-dd");
  self->score_format = workbook_add_format (self->workbook);
  format_set_num_format (self->score_format, "0.00");

  begin_sheet (self, sheet_name, header, kinds);
  return self;
}

void
strata_xlsx_sink_text (StrataXlsxSink *self,
                       guint           col,
                       const char     *text)
{
  if (text != NULL && *text != '\0')
    worksheet_write_string (self->sheet, self->row, col, text, NULL);
}

void
strata_xlsx_sink_value (StrataXlsxSink *self,
                        guint           col,
                        double          v)
{
  const char *kind = self->kinds->pdata[col];

  if (!isfinite (v))
    return;
  if (g_str_equal (kind, "boolean"))
    worksheet_write_boolean (self->sheet, self->row, col, v != 0, NULL);
  else if (g_str_equal (kind, "date"))
    worksheet_write_number (self->sheet, self->row, col, floor (v) + EXCEL_DAY_OF_1970, self->date_format);
  else if (g_str_equal (kind, "money"))
    worksheet_write_number (self->sheet, self->row, col, v, self->money_format);
  else if (g_str_equal (kind, "score"))
    worksheet_write_number (self->sheet, self->row, col, v, self->score_format);
  else
    worksheet_write_number (self->sheet, self->row, col, v,
                            v == floor (v) ? self->count_format : self->number_format);
}

static guint32
parse_colour (const char *colour)
{
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return 0xFFFFFF;
  return (guint32) g_ascii_strtoull (colour + 1, NULL, 16);
}

void
strata_xlsx_sink_tier (StrataXlsxSink *self,
                       guint           col,
                       const char     *label,
                       const char     *colour)
{
  lxw_format *format;
  const char *key = colour != NULL ? colour : "";

  if (label == NULL || *label == '\0')
    return;
  format = g_hash_table_lookup (self->tier_formats, key);
  if (format == NULL)
    {
      guint32 rgb = parse_colour (colour);
      double luma = 0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);

      format = workbook_add_format (self->workbook);
      format_set_bg_color (format, rgb);
      /* Dark tiers get white text, as in the window. */
      format_set_font_color (format, luma < 140 ? 0xFFFFFF : 0x000000);
      format_set_bold (format);
      g_hash_table_insert (self->tier_formats, g_strdup (key), format);
    }
  worksheet_write_string (self->sheet, self->row, col, label, format);
}

void
strata_xlsx_sink_end_row (StrataXlsxSink *self)
{
  self->row++;
}

void
strata_xlsx_sink_add_sheet (StrataXlsxSink *self,
                            const char     *sheet_name,
                            GPtrArray      *header,
                            GPtrArray      *kinds)
{
  begin_sheet (self, sheet_name, header, kinds);
}

gboolean
strata_xlsx_sink_close (StrataXlsxSink     *self,
                        const char         *meta_title,
                        const char *const  *meta,
                        gboolean            ok,
                        GError            **error)
{
  lxw_worksheet *info = workbook_add_worksheet (self->workbook, meta_title);
  lxw_error rc;

  for (guint i = 0; info != NULL && meta != NULL && meta[i] != NULL && meta[i + 1] != NULL; i += 2)
    {
      worksheet_write_string (info, i / 2, 0, meta[i], self->header_format);
      worksheet_write_string (info, i / 2, 1, meta[i + 1], NULL);
    }
  if (info != NULL)
    {
      worksheet_set_column (info, 0, 0, 20, NULL);
      worksheet_set_column (info, 1, 1, 40, NULL);
    }
  rc = workbook_close (self->workbook);
  if (ok && rc != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   self->path, lxw_strerror (rc));
      ok = FALSE;
    }
  if (ok && g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"),
                   self->path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (self->tmp_path);
  sink_free (self);
  return ok;
}
