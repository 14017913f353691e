/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-xls-reader: reads an Excel 97–2003 workbook (.xls) with FreeXL in a
 * process of its own and writes what Strata needs to stdout. FreeXL 1.0.6
 * (Debian 12) reads past a stack buffer under iconv on some damaged files;
 * here that can only end this process, and the importer (strata-xls.c)
 * reports the file as damaged.
 *
 *   strata-xls-reader FILE          the workbook: date system, sheets
 *   strata-xls-reader FILE INDEX    the rows of sheet INDEX (0-based)
 *
 * Output: records of a tag byte, a 32-bit little-endian payload length and
 * the payload (numbers in it 32-bit little-endian too):
 *   'E' status      FreeXL refused: its status code (negative), then exit 1
 *   'P'             the workbook is protected with a password
 *   'M' 1904        its date system: 1 for 1904, else 0
 *   'S' index name  a sheet (name in UTF-8)
 *   'D' rows cols   the selected sheet's dimensions
 *   'G' count {r1 r2 c1 c2}...  its merged ranges, right after 'D' (rows
 *                   1-based, columns 0-based, first <= last, within the
 *                   dimensions; at most STRATA_XLS_MAX_MERGES)
 *   'R' row {col len text}...  a row with a value (row 1-based, col 0-based)
 *   'Z'             the end: everything was written
 * Cells come as the text a CSV file would hold, as the .xlsx reader gives.
 * FreeXL 1.0.6 gives formulas and rich strings no value: the walk that
 * finds the merges reads them too, and fills those cells. */
#include "config.h"

#include <freexl.h>
#include <glib.h>
#include <gsf/gsf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "strata-xls-merges.h"

static GString *out;

static void
put_u32 (GString *s,
         guint32  v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_string_append_len (s, (const char *) &le, 4);
}

/* Starts a record; end_record fills in its length and writes it. */
static void
begin_record (char tag)
{
  g_string_truncate (out, 0);
  g_string_append_c (out, tag);
  put_u32 (out, 0);
}

static void
end_record (void)
{
  guint32 len = GUINT32_TO_LE ((guint32) (out->len - 5));

  memcpy (out->str + 1, &len, 4);
  if (fwrite (out->str, 1, out->len, stdout) != out->len)
    exit (2);
}

static int
fail (int status)
{
  begin_record ('E');
  put_u32 (out, (guint32) status);
  end_record ();
  fflush (stdout);
  return 1;
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

static int
list_sheets (const void *handle)
{
  unsigned int n_sheets = 0, password = 0, mode = 0;

  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK
      && password == FREEXL_BIFF_OBFUSCATED)
    {
      begin_record ('P');
      end_record ();
      return 0;
    }
  if (freexl_get_info (handle, FREEXL_BIFF_DATEMODE, &mode) != FREEXL_OK)
    mode = 0;
  begin_record ('M');
  put_u32 (out, mode == FREEXL_BIFF_DATEMODE_1904);
  end_record ();
  freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &n_sheets);
  for (unsigned int i = 0; i < n_sheets && i <= G_MAXUINT16; i++)
    {
      const char *name = NULL;

      if (freexl_get_worksheet_name (handle, (unsigned short) i, &name) != FREEXL_OK)
        continue;
      begin_record ('S');
      put_u32 (out, i);
      if (name != NULL && g_utf8_validate (name, -1, NULL))
        g_string_append (out, name);
      end_record ();
    }
  return 0;
}

/* The sheet's merged ranges (FreeXL has none: strata-xls-merges.c reads
 * them), cut to its dimensions: a merged title may run past the last
 * column with a value. A range with one cell left merges nothing.
 * Returns the walk's result: its values fill the cells FreeXL leaves
 * empty (formulas, RSTRING rich strings). */
static StrataXlsSheet *
write_merges (const void *handle,
              const char *path,
              guint       index,
              guint       rows,
              guint       cols)
{
  StrataXlsSheet *sheet;
  GArray *ranges;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (StrataXlsRange));
  const char *name = NULL;
  unsigned int n_sheets = 0;

  if (freexl_get_worksheet_name (handle, (unsigned short) index, &name) != FREEXL_OK)
    name = NULL;
  freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &n_sheets);
  /* Here, not in main: it registers libgsf's types, which the sheet
   * list does not need. */
  gsf_init ();
  sheet = strata_xls_read_sheet (path, name, index, n_sheets, STRATA_XLS_MAX_MERGES);
  ranges = sheet->ranges;
  for (guint i = 0; i < ranges->len; i++)
    {
      StrataXlsRange r = g_array_index (ranges, StrataXlsRange, i);

      if (r.r1 >= rows || r.c1 >= cols)
        continue;
      r.r2 = MIN (r.r2, rows - 1);
      r.c2 = MIN (r.c2, cols - 1);
      if (r.r1 != r.r2 || r.c1 != r.c2)
        g_array_append_val (kept, r);
    }
  begin_record ('G');
  put_u32 (out, kept->len);
  for (guint i = 0; i < kept->len; i++)
    {
      const StrataXlsRange *r = &g_array_index (kept, StrataXlsRange, i);

      put_u32 (out, r->r1 + 1u);
      put_u32 (out, r->r2 + 1u);
      put_u32 (out, r->c1);
      put_u32 (out, r->c2);
    }
  end_record ();
  return sheet;
}

static int
read_sheet (const void *handle,
            const char *path,
            guint       index)
{
  unsigned int rows = 0;
  unsigned short cols = 0;
  g_autoptr(StrataXlsSheet) sheet = NULL;
  int status;

  if ((status = freexl_select_active_worksheet (handle, (unsigned short) index)) != FREEXL_OK
      || (status = freexl_worksheet_dimensions (handle, &rows, &cols)) != FREEXL_OK)
    return fail (status);
  begin_record ('D');
  put_u32 (out, rows);
  put_u32 (out, cols);
  end_record ();
  sheet = write_merges (handle, path, index, rows, cols);
  for (guint r = 0; r < rows; r++)
    {
      guint n_values = 0;

      begin_record ('R');
      put_u32 (out, r + 1);
      for (guint c = 0; c < cols; c++)
        {
          FreeXL_CellValue v;
          g_autofree char *text = NULL;

          if ((status = freexl_get_cell_value (handle, r, (unsigned short) c, &v)) != FREEXL_OK)
            return fail (status);
          text = cell_text (&v);
          /* FreeXL 1.0.6 gives formulas and RSTRING records no value:
           * the walk read them. */
          if (text == NULL || (*text == '\0' && v.type != FREEXL_CELL_TEXT))
            {
              const char *found = strata_xls_sheet_lookup (sheet, r, c);

              if (found != NULL)
                {
                  g_free (text);
                  text = g_strdup (found);
                }
            }
          if (text == NULL)
            continue;
          put_u32 (out, c);
          put_u32 (out, (guint32) strlen (text));
          g_string_append (out, text);
          if (*text != '\0')
            n_values++;
        }
      if (n_values > 0)
        end_record ();
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const void *handle = NULL;
  /* A damaged file that sends FreeXL into a loop ends here too: an .xls
   * holds at most 65,536 rows, which FreeXL reads in seconds. */
  struct rlimit cpu = { 120, 130 };
  int status, ret;

  if (argc != 2 && argc != 3)
    {
      fprintf (stderr, "usage: %s FILE [SHEET-INDEX]\n", argv[0]);
      return 2;
    }
  setrlimit (RLIMIT_CPU, &cpu);
  out = g_string_sized_new (4096);
  status = freexl_open (argv[1], &handle);
  if (status != FREEXL_OK)
    ret = fail (status);
  else if (argc == 2)
    ret = list_sheets (handle);
  else
    ret = read_sheet (handle, argv[1], (guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (ret == 0)
    {
      begin_record ('Z');
      end_record ();
    }
  if (handle != NULL)
    freexl_close (handle);
  g_string_free (out, TRUE);
  return fflush (stdout) == 0 ? ret : 2;
}
