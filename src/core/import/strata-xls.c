/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Excel 97–2003 workbooks (.xls, BIFF in an OLE compound file) behind the
 * same reader as .xlsx: their rows become the reader's Row records, so the
 * header below title rows, the sheet picker and the typed cells work alike.
 * FreeXL parses them, in a process of its own (strata-xls-reader.c, in
 * libexecdir or at $STRATA_XLS_READER): FreeXL 1.0.6 reads out of bounds on
 * some damaged files, and a crash there must end that process, never the
 * app. Its output is checked as it comes; anything short of a whole,
 * well-formed answer reports the file as damaged. FreeXL parses the whole
 * workbook on open; an .xls sheet holds at most 65,536 rows, so that is
 * bounded too. FreeXL reports no merged cells: the helper reads them
 * from the workbook's records itself (strata-xls-merges.c) and sends
 * them after the sheet's dimensions, so a merged header is filled in as
 * in a .xlsx (strata-xlsx-header.c). */
#include "config.h"

#include "strata-i18n.h"
#include <freexl.h>
#include <string.h>

#include "strata-error.h"
#include "strata-xls-merges.h"
#include "strata-xlsx-private.h"

/* A record the reader writes; bigger is not one (a row of 256 cells of
 * 32,767 characters is under 33 MiB). */
#define MAX_RECORD (64u << 20)

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

static void
stop_reader (StrataXlsxReader *self)
{
  g_clear_object (&self->xls_in);
  if (self->xls_proc != NULL)
    {
      g_subprocess_force_exit (self->xls_proc);
      g_subprocess_wait (self->xls_proc, NULL, NULL);
    }
  g_clear_object (&self->xls_proc);
  g_clear_pointer (&self->xls_record, g_free);
}

static void
set_damaged (StrataXlsxReader *self,
             GError          **error)
{
  g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
               _("Could not read “%s”: the spreadsheet is damaged"), self->path);
}

static gboolean
start_reader (StrataXlsxReader *self,
              const Sheet      *sheet,
              GError          **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *index = sheet != NULL ? g_strdup_printf ("%u", sheet->index) : NULL;
  const char *program = g_getenv ("STRATA_XLS_READER");
  GError *local = NULL;

  stop_reader (self);
  if (program == NULL || *program == '\0')
    program = LIBEXECDIR "/strata-xls-reader";
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  self->xls_proc = g_subprocess_launcher_spawn (launcher, &local, program, self->path,
                                                index, NULL);
  if (self->xls_proc == NULL)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                   _("Could not read “%s”: the .xls reader cannot be started: %s"),
                   self->path, local->message);
      g_error_free (local);
      return FALSE;
    }
  self->xls_in = g_buffered_input_stream_new_sized (g_subprocess_get_stdout_pipe (self->xls_proc),
                                                    1 << 16);
  return TRUE;
}

/* The next record into self->xls_record; its tag, or 0 when the reader
 * stopped short or wrote something that is not a record (the reader is
 * stopped then). */
static char
next_record (StrataXlsxReader *self)
{
  guint8 head[5];
  gsize n = 0;
  guint32 len;

  if (self->xls_in == NULL
      || !g_input_stream_read_all (self->xls_in, head, sizeof head, &n, NULL, NULL)
      || n != sizeof head)
    goto broken;
  memcpy (&len, head + 1, 4);
  len = GUINT32_FROM_LE (len);
  if (len > MAX_RECORD)
    goto broken;
  g_free (self->xls_record);
  self->xls_record = g_malloc (len + 1);
  self->xls_record_len = len;
  if (!g_input_stream_read_all (self->xls_in, self->xls_record, len, &n, NULL, NULL) || n != len)
    goto broken;
  self->xls_record[len] = '\0';
  return (char) head[0];

broken:
  stop_reader (self);
  return 0;
}

/* The 32-bit number at *pos of the record, moving past it. */
static gboolean
take_u32 (StrataXlsxReader *self,
          gsize            *pos,
          guint32          *value)
{
  if (self->xls_record_len - *pos < 4 || *pos > self->xls_record_len)
    return FALSE;
  memcpy (value, self->xls_record + *pos, 4);
  *value = GUINT32_FROM_LE (*value);
  *pos += 4;
  return TRUE;
}

/* FreeXL's status in an 'E' record. */
static int
record_status (StrataXlsxReader *self)
{
  gsize pos = 0;
  guint32 status = 0;

  take_u32 (self, &pos, &status);
  return (int) (gint32) status;
}

/* Waits for the reader to end after its last record: it must exit 0. */
static gboolean
reader_finished (StrataXlsxReader *self)
{
  gboolean ok;

  g_clear_object (&self->xls_in);
  ok = g_subprocess_wait (self->xls_proc, NULL, NULL)
       && g_subprocess_get_if_exited (self->xls_proc)
       && g_subprocess_get_exit_status (self->xls_proc) == 0;
  stop_reader (self);
  return ok;
}

gboolean
strata_xls_open (StrataXlsxReader *self,
                 GError          **error)
{
  char tag;

  self->is_xls = TRUE;
  if (!start_reader (self, NULL, error))
    return FALSE;
  while ((tag = next_record (self)) != 'Z')
    {
      gsize pos = 0;
      guint32 value;
      Sheet *s;

      switch (tag)
        {
        case 'E':
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                       _("“%s” is not an Excel 97–2003 workbook (.xls) or is damaged: %s"),
                       self->path, why (record_status (self)));
          stop_reader (self);
          return FALSE;
        case 'P':
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                       _("“%s” is protected with a password: save it without one, as .xlsx or CSV"),
                       self->path);
          stop_reader (self);
          return FALSE;
        case 'M':
          if (!take_u32 (self, &pos, &value))
            goto damaged;
          self->date1904 = value != 0;
          break;
        case 'S':
          if (!take_u32 (self, &pos, &value))
            goto damaged;
          s = g_new0 (Sheet, 1);
          s->name = g_utf8_validate (self->xls_record + pos, self->xls_record_len - pos, NULL)
                    ? g_strdup (self->xls_record + pos) : g_strdup ("");
          s->index = value;
          g_ptr_array_add (self->sheets, s);
          break;
        default:
          goto damaged;
        }
    }
  if (!reader_finished (self))
    goto damaged;
  if (self->sheets->len == 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s” is not an Excel 97–2003 workbook (.xls) or is damaged: %s"),
                   self->path, _("it has no sheets"));
      return FALSE;
    }
  return TRUE;

damaged:
  stop_reader (self);
  set_damaged (self, error);
  return FALSE;
}

/* The 'G' record after 'D': count, then count × (r1 r2 c1 c2), each
 * range inside the sheet's rows × cols. The helper checked the file's
 * ranges already, so one that is not is a broken answer. */
static gboolean
take_merges (StrataXlsxReader *self,
             guint32           rows,
             guint32           cols)
{
  gsize pos = 0;
  guint32 count = 0;

  if (!take_u32 (self, &pos, &count) || count > STRATA_XLS_MAX_MERGES
      || self->xls_record_len != 4 + 16 * (gsize) count)
    return FALSE;
  for (guint32 i = 0; i < count; i++)
    {
      guint32 r1 = 0, r2 = 0, c1 = 0, c2 = 0;

      take_u32 (self, &pos, &r1);
      take_u32 (self, &pos, &r2);
      take_u32 (self, &pos, &c1);
      take_u32 (self, &pos, &c2);
      if (r1 == 0 || r2 < r1 || r2 > rows || c2 < c1 || c2 >= cols
          || !strata_xlsx_add_merge (self, r1, r2, c1, c2))
        return FALSE;
    }
  return TRUE;
}

gboolean
strata_xls_begin_sheet (StrataXlsxReader *self,
                        Sheet            *sheet,
                        GError          **error)
{
  gsize pos = 0;
  guint32 rows = 0, cols = 0;
  char tag;

  self->sheet = sheet;
  self->xml_done = FALSE;
  self->bytes_read = 0;
  self->size = 0;
  g_array_set_size (self->merges, 0);
  if (!start_reader (self, sheet, error))
    return FALSE;
  tag = next_record (self);
  if (tag == 'E')
    {
      stop_reader (self);
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”, sheet “%s”: the sheet is missing or damaged"), self->path, sheet->name);
      return FALSE;
    }
  if (tag != 'D' || !take_u32 (self, &pos, &rows) || !take_u32 (self, &pos, &cols)
      || next_record (self) != 'G' || !take_merges (self, rows, cols))
    {
      g_array_set_size (self->merges, 0);
      stop_reader (self);
      set_damaged (self, error);
      return FALSE;
    }
  /* Progress counts rows: the workbook was read whole on open. */
  self->size = rows;
  return TRUE;
}

Row *
strata_xls_read_row (StrataXlsxReader *self,
                     GError          **error)
{
  g_autoptr(GPtrArray) cells = NULL;
  gsize pos = 0;
  guint32 number = 0;
  guint n_values = 0;
  Row *row;
  char tag;

  if (!self->is_xls || self->xml_done)
    return NULL;
  tag = next_record (self);
  if (tag == 'Z')
    {
      self->xml_done = TRUE;
      if (!reader_finished (self))
        {
          set_damaged (self, error);
          return NULL;
        }
      self->bytes_read = self->size;
      return NULL;
    }
  if (tag == 'E')
    {
      self->xml_done = TRUE;
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                   _("“%s”, sheet “%s”: the sheet cannot be read, the file is damaged%s%s"),
                   self->path, self->sheet->name, ": ", why (record_status (self)));
      stop_reader (self);
      return NULL;
    }
  if (tag != 'R' || !take_u32 (self, &pos, &number) || number == 0 || number > self->size)
    goto damaged;
  cells = g_ptr_array_new_with_free_func (g_free);
  while (pos < self->xls_record_len)
    {
      guint32 col, len;
      const char *text;

      /* Columns rise and stay within the sheet's 256. */
      if (!take_u32 (self, &pos, &col) || !take_u32 (self, &pos, &len)
          || col < cells->len || col > G_MAXUINT16 || len > self->xls_record_len - pos)
        goto damaged;
      text = self->xls_record + pos;
      if (!g_utf8_validate (text, len, NULL))
        goto damaged;
      g_ptr_array_set_size (cells, col + 1);
      cells->pdata[col] = g_strndup (text, len);
      pos += len;
      if (len > 0)
        n_values++;
    }
  if (n_values == 0)
    goto damaged;
  row = g_new0 (Row, 1);
  row->number = number;
  row->cells = g_steal_pointer (&cells);
  row->n_values = n_values;
  self->bytes_read = number;
  return row;

damaged:
  self->xml_done = TRUE;
  stop_reader (self);
  set_damaged (self, error);
  return NULL;
}

void
strata_xls_close (StrataXlsxReader *self)
{
  stop_reader (self);
}
