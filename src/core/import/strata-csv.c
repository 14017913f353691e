/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV reader is a byte-level state machine rather than libcsv (Debian's
 * libcsv-dev 3.0.3): libcsv's callbacks do not say where in the input a
 * record began, so the physical line of each record (which the reject log
 * must name) would need a second scanner that tracks quotes anyway; its
 * strict mode stops the whole parse at the first bad quote instead of
 * flagging one record and going on; and it is not in the GNOME Flatpak
 * runtime. The machine below is a few hundred lines, resumable at any byte
 * (the buffer is refilled between any two bytes), and has a fast path that
 * copies runs of plain field bytes at once. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-csv.h"
#include "strata-encoding.h"
#include "strata-error.h"
#include "strata-xlsx.h"
#include "strata-csv-private.h"

#define CHUNK_SIZE (256 * 1024)
#define SAMPLE_SIZE (64 * 1024)

typedef enum
{
  STATE_RECORD_START,  /* nothing of the record read yet */
  STATE_FIELD_START,   /* after a delimiter */
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED, /* a quote inside a quoted field: end or doubled */
} State;

struct _StrataCsvReader
{
  char            delimiter;
  char           *encoding;
  char           *name;         /* the file, for messages */

  GInputStream   *stream;       /* NULL when reading data */
  StrataDecoder  *decoder;
  guint8         *raw;
  guint64         bytes_read;
  guint64         size;
  gboolean        eof;          /* no more input to decode */

  GString        *buf;          /* decoded UTF-8 */
  gsize           pos;

  State           state;
  guint64         line;         /* physical line at pos */
  gboolean        skip_lf;      /* last byte was a CR ending a line */
  gboolean        quoted_cr;    /* last byte was a CR inside quotes */
  gboolean        bom_checked;

  GString        *rec;          /* fields, each followed by a NUL */
  guint          *starts;       /* offsets of the fields in rec */
  guint           n_starts;
  guint           starts_size;
  guint8          stop[256];    /* bytes that end a run of plain field bytes */
  guint64         rec_line;
  const char     *problem;

  StrataXlsxReader *xlsx;      /* a workbook's sheet, read instead */
};

static StrataCsvReader *
reader_new (char  delimiter,
            gsize buffer_size)
{
  StrataCsvReader *self = g_new0 (StrataCsvReader, 1);

  self->delimiter = delimiter ? delimiter : ',';
  self->buf = g_string_sized_new (buffer_size);
  self->rec = g_string_sized_new (256);
  self->starts_size = 64;
  self->starts = g_new (guint, self->starts_size);
  self->stop[(guchar) self->delimiter] = TRUE;
  self->stop['\n'] = TRUE;
  self->stop['\r'] = TRUE;
  self->line = 1;
  self->encoding = g_strdup ("UTF-8");
  return self;
}

StrataCsvReader *
strata_csv_reader_new_for_data (const char *data,
                                gsize       len,
                                char        delimiter)
{
  StrataCsvReader *self = reader_new (delimiter, len + 1);

  g_string_append_len (self->buf, data, len);
  self->eof = TRUE;
  return self;
}

void
strata_csv_reader_free (StrataCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_clear_pointer (&self->xlsx, strata_xlsx_reader_free);
  g_clear_pointer (&self->decoder, strata_decoder_free);
  g_free (self->raw);
  g_string_free (self->buf, TRUE);
  g_string_free (self->rec, TRUE);
  g_free (self->starts);
  g_free (self->encoding);
  g_free (self->name);
  g_free (self);
}

/* Decodes raw bytes into buf, prefixing errors with the file name. */
static gboolean
decode (StrataCsvReader  *self,
        const guint8     *data,
        gsize             len,
        gboolean          at_eof,
        GError          **error)
{
  g_autoptr(GError) local = NULL;

  if (!strata_decoder_feed (self->decoder, data, len, at_eof, self->buf, &local))
    {
      g_set_error (error, local->domain, local->code, "“%s”: %s", self->name, local->message);
      return FALSE;
    }
  return TRUE;
}

/* Appends the next chunk of the file to buf. FALSE when nothing is left
 * (or on error, which is then set). */
static gboolean
fill (StrataCsvReader  *self,
      GCancellable     *cancellable,
      GError          **error)
{
  if (self->pos > 0)
    {
      g_string_erase (self->buf, 0, self->pos);
      self->pos = 0;
    }
  while (!self->eof)
    {
      gsize before = self->buf->len;
      gssize n;
      g_autoptr(GError) local = NULL;

      n = g_input_stream_read (self->stream, self->raw, CHUNK_SIZE, cancellable, &local);
      if (n < 0)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                         _("Cannot read “%s”: %s"), self->name, local->message);
          return FALSE;
        }
      self->bytes_read += n;
      self->eof = n == 0;
      if (!decode (self, self->raw, n, self->eof, error))
        return FALSE;
      if (self->buf->len > before)
        return TRUE;
    }
  return FALSE;
}

/* Appends to rec without g_string_append_len's per-call overhead (it
 * handles overlapping and negative lengths), which showed in profiles:
 * a record is several small appends. */
static inline void
rec_append (StrataCsvReader *self,
            const char      *p,
            gsize            n)
{
  GString *rec = self->rec;
  gsize len = rec->len;

  if (G_UNLIKELY (len + n + 1 > rec->allocated_len))
    g_string_set_size (rec, len + n);   /* grows geometrically */
  memcpy (rec->str + len, p, n);
  rec->len = len + n;
  rec->str[rec->len] = '\0';
}

static inline void
end_field (StrataCsvReader *self)
{
  GString *rec = self->rec;

  /* The field's NUL is the one rec always keeps after its last byte;
   * step over it and keep a new one. */
  if (G_UNLIKELY (rec->len + 2 > rec->allocated_len))
    g_string_set_size (rec, rec->len + 1);
  else
    rec->len++;
  rec->str[rec->len - 1] = '\0';
  rec->str[rec->len] = '\0';
}

static inline void
start_field (StrataCsvReader *self)
{
  if (G_UNLIKELY (self->n_starts == self->starts_size))
    {
      self->starts_size *= 2;
      self->starts = g_renew (guint, self->starts, self->starts_size);
    }
  self->starts[self->n_starts++] = self->rec->len;
}

gboolean
strata_csv_reader_next (StrataCsvReader  *self,
                        GCancellable     *cancellable,
                        GError          **error)
{
  if (self->xlsx != NULL)
    return strata_xlsx_reader_next (self->xlsx, error);
  const char delim = self->delimiter;

  g_return_val_if_fail (self != NULL, FALSE);

  g_string_truncate (self->rec, 0);
  self->n_starts = 0;
  self->problem = NULL;
  self->state = STATE_RECORD_START;

  for (;;)
    {
      const char *p, *end;

      if (self->pos >= self->buf->len)
        {
          GError *local = NULL;

          if (!self->eof || self->stream != NULL)
            {
              if (fill (self, cancellable, &local))
                continue;
              if (local != NULL)
                {
                  g_propagate_error (error, local);
                  return FALSE;
                }
            }
          /* End of input: a record without a final line end. */
          if (self->state == STATE_RECORD_START)
            return FALSE;
          if (self->state == STATE_QUOTED)
            self->problem = _("a quoted field is not closed before the end of the file");
          if (self->state == STATE_FIELD_START)
            start_field (self);   /* "a," ends with an empty field */
          end_field (self);
          return TRUE;
        }

      if (!self->bom_checked)
        {
          self->bom_checked = TRUE;
          if (g_str_has_prefix (self->buf->str + self->pos, "\xEF\xBB\xBF"))
            self->pos += 3;
          continue;
        }

      p = self->buf->str + self->pos;
      end = self->buf->str + self->buf->len;

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (*p == '\n')
            {
              self->pos++;
              continue;
            }
        }

      switch (self->state)
        {
        case STATE_RECORD_START:
          if (*p == '\n' || *p == '\r')
            {
              /* A blank line: skipped, but counted. */
              self->line++;
              self->skip_lf = *p == '\r';
              self->pos++;
              continue;
            }
          self->rec_line = self->line;
          G_GNUC_FALLTHROUGH;
        case STATE_FIELD_START:
          start_field (self);
          if (*p == '"')
            {
              self->state = STATE_QUOTED;
              self->quoted_cr = FALSE;
              self->pos++;
              continue;
            }
          self->state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;
        case STATE_UNQUOTED:
          {
            const char *q = p;

            /* Fast path: the run of plain bytes up to a delimiter or line end,
             * found by table lookup. A quote in the middle of an unquoted
             * field is kept as text. */
            while (q < end && !self->stop[(guchar) *q])
              q++;
            rec_append (self, p, q - p);
            self->pos += q - p;
            if (q == end)
              continue;
            self->pos++;
            end_field (self);
            if (*q == delim)
              {
                self->state = STATE_FIELD_START;
                continue;
              }
            self->line++;
            self->skip_lf = *q == '\r';
            return TRUE;
          }

        case STATE_QUOTED:
          {
            const char *q = p;

            /* Line breaks inside quotes still count as physical lines;
             * quoted_cr carries "the last byte was a CR" across chunks. */
            while (q < end && *q != '"')
              {
                if (*q == '\r' || (*q == '\n' && !self->quoted_cr))
                  self->line++;
                self->quoted_cr = *q == '\r';
                q++;
              }
            rec_append (self, p, q - p);
            self->pos += q - p;
            if (q < end)
              {
                self->pos++;
                self->quoted_cr = FALSE;
                self->state = STATE_QUOTE_IN_QUOTED;
              }
            continue;
          }

        case STATE_QUOTE_IN_QUOTED:
          self->pos++;
          if (*p == '"')
            {
              rec_append (self, "\"", 1);
              self->state = STATE_QUOTED;
            }
          else if (*p == delim)
            {
              end_field (self);
              self->state = STATE_FIELD_START;
            }
          else if (*p == '\n' || *p == '\r')
            {
              end_field (self);
              self->line++;
              self->skip_lf = *p == '\r';
              return TRUE;
            }
          else
            {
              /* "abc"def: text after the closing quote is kept, as
               * spreadsheets do. */
              rec_append (self, p, 1);
              self->state = STATE_UNQUOTED;
            }
          continue;
        }
    }
}

guint
strata_csv_reader_get_n_fields (StrataCsvReader *self)
{
  if (self->xlsx != NULL)
    return strata_xlsx_reader_get_n_fields (self->xlsx);
  g_return_val_if_fail (self != NULL, 0);
  return self->n_starts;
}

const char *
strata_csv_reader_get_field (StrataCsvReader *self,
                             guint            index)
{
  if (self->xlsx != NULL)
    return strata_xlsx_reader_get_field (self->xlsx, index);
  g_return_val_if_fail (self != NULL, "");
  if (index >= self->n_starts)
    return "";
  return self->rec->str + self->starts[index];
}

gsize
strata_csv_reader_get_field_length (StrataCsvReader *self,
                                    guint            index)
{
  if (self->xlsx != NULL)
    return strlen (strata_xlsx_reader_get_field (self->xlsx, index));
  guint start, stop;

  g_return_val_if_fail (self != NULL, 0);
  if (index >= self->n_starts)
    return 0;
  start = self->starts[index];
  stop = index + 1 < self->n_starts ? self->starts[index + 1] : self->rec->len;
  return stop - start - 1;
}

guint64
strata_csv_reader_get_line (StrataCsvReader *self)
{
  if (self->xlsx != NULL)
    return strata_xlsx_reader_get_row (self->xlsx);
  g_return_val_if_fail (self != NULL, 0);
  return self->rec_line;
}

const char *
strata_csv_reader_get_problem (StrataCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problem;
}

guint64
strata_csv_reader_get_bytes_read (StrataCsvReader *self)
{
  if (self->xlsx != NULL)
    return strata_xlsx_reader_get_bytes_read (self->xlsx);
  g_return_val_if_fail (self != NULL, 0);
  return self->stream ? self->bytes_read : self->pos;
}

guint64
strata_csv_reader_get_size (StrataCsvReader *self)
{
  if (self->xlsx != NULL)
    return strata_xlsx_reader_get_size (self->xlsx);
  g_return_val_if_fail (self != NULL, 0);
  return self->stream ? self->size : self->buf->len;
}

const char *
strata_csv_reader_get_encoding (StrataCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->encoding;
}

char
strata_csv_reader_get_delimiter (StrataCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter;
}

char
strata_csv_detect_delimiter (const char *text,
                             gsize       len,
                             gboolean    at_eof)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = ',';
  double best_score = 0;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      g_autoptr(StrataCsvReader) r = strata_csv_reader_new_for_data (text, len, candidates[c]);
      guint counts[20];
      guint n = 0, mode = 0, mode_freq = 0;
      double score;

      while (n < G_N_ELEMENTS (counts) && strata_csv_reader_next (r, NULL, NULL))
        counts[n++] = strata_csv_reader_get_n_fields (r);
      /* The last record of a cut sample may be cut too. */
      if (!at_eof && n > 1)
        n--;
      for (guint i = 0; i < n; i++)
        {
          guint freq = 0;
          for (guint j = 0; j < n; j++)
            freq += counts[j] == counts[i];
          if (freq > mode_freq || (freq == mode_freq && counts[i] > mode))
            mode = counts[i], mode_freq = freq;
        }
      if (n == 0 || mode < 2)
        continue;
      /* Consistency first, then more columns. */
      score = (double) mode_freq / n * 1000.0 + MIN (mode, 999);
      if (score > best_score)
        {
          best_score = score;
          best = candidates[c];
        }
    }
  return best;
}

const char *
strata_csv_reader_get_sheet (StrataCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->xlsx != NULL ? strata_xlsx_reader_get_sheet (self->xlsx) : NULL;
}

char *
strata_csv_reader_cell_name (StrataCsvReader *self,
                             guint            index,
                             guint64          line)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->xlsx != NULL ? strata_xlsx_reader_cell_name (self->xlsx, index, line) : NULL;
}

StrataCsvReader *
strata_csv_reader_open (const char    *path,
                        const char    *encoding,
                        char           delimiter,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return strata_csv_reader_open_sheet (path, NULL, encoding, delimiter, cancellable, error);
}

StrataCsvReader *
strata_csv_reader_open_sheet (const char    *path,
                              const char    *sheet,
                              const char    *encoding,
                              char           delimiter,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree guint8 *sample = NULL;
  g_autofree char *enc = NULL;
  gsize n = 0;
  StrataCsvReader *self;

  g_return_val_if_fail (path != NULL, NULL);

  /* A workbook (.xlsx, or .xls: an OLE compound file) is read through the
   * same records as text, so everything after the reader (columns,
   * values, rejects) is shared. */
  if (strata_xlsx_is_workbook (path))
    {
      StrataXlsxReader *xlsx = strata_xlsx_reader_open (path, sheet, error);

      if (xlsx == NULL)
        return NULL;
      self = reader_new (',', 16);
      self->name = g_strdup (path);
      self->xlsx = xlsx;
      return self;
    }

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, &local);
  if (stream == NULL)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: %s"), path, local->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  sample = g_malloc (CHUNK_SIZE);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), sample, SAMPLE_SIZE, &n,
                                cancellable, &local))
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: %s"), path, local->message);
      return NULL;
    }
  if (encoding != NULL && *encoding != '\0')
    {
      enc = strata_encoding_canonicalize (encoding, &local);
      if (enc == NULL)
        {
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING,
                       "“%s”: %s", path, local->message);
          return NULL;
        }
    }
  else
    enc = strata_encoding_detect (sample, n, n < SAMPLE_SIZE);

  if (delimiter == 0)
    {
      g_autoptr(StrataDecoder) probe = strata_decoder_new (enc, NULL);
      g_autoptr(GString) text = g_string_new (NULL);

      /* An undecodable byte in the sample is reported when the reader
       * reaches it; the text before it is enough to find the delimiter. */
      if (probe != NULL)
        strata_decoder_feed (probe, sample, n, n < SAMPLE_SIZE, text, NULL);
      delimiter = strata_csv_detect_delimiter (text->str, text->len, n < SAMPLE_SIZE);
    }

  self = reader_new (delimiter, CHUNK_SIZE * 2);
  self->name = g_strdup (path);
  g_free (self->encoding);
  self->encoding = g_steal_pointer (&enc);
  self->decoder = strata_decoder_new (self->encoding, error);
  if (self->decoder == NULL)
    {
      strata_csv_reader_free (self);
      return NULL;
    }
  self->stream = G_INPUT_STREAM (g_steal_pointer (&stream));
  self->raw = g_steal_pointer (&sample);
  self->size = info ? (guint64) g_file_info_get_size (info) : 0;
  self->bytes_read = n;
  self->eof = n < SAMPLE_SIZE;
  if (!decode (self, self->raw, n, self->eof, error))
    {
      strata_csv_reader_free (self);
      return NULL;
    }
  return self;
}

void
strata_csv_append_field (GString    *out,
                         const char *text,
                         char        delimiter)
{
  gboolean quote = FALSE;

  for (const char *p = text; *p; p++)
    if (*p == delimiter || *p == '"' || *p == '\n' || *p == '\r')
      {
        quote = TRUE;
        break;
      }
  /* Leading or trailing spaces would be trimmed by some readers. */
  if (!quote && *text != '\0' && (text[0] == ' ' || text[strlen (text) - 1] == ' '))
    quote = TRUE;
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
