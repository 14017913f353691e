/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Merged cells of an .xls sheet, for the helper strata-xls-reader: FreeXL
 * does not report them, so the workbook stream of the compound file is
 * opened again with libgsf and its records are walked. The globals give
 * each sheet's BOUNDSHEET (0x0085: the stream offset of its BOF, its
 * name); the sheet's substream, from that BOF to its EOF, holds its
 * MERGEDCELLS records (0x00E5: a count, then count × rwFirst, rwLast,
 * colFirst, colLast, all u16 LE). The same walk reads what FreeXL 1.0.6
 * gives no value for: formulas' cached results (FORMULA, STRING) and
 * rich strings in RSTRING records (as Gnumeric writes them; FreeXL reads
 * rich shared strings, LABELSST, itself), with
 * the globals' XF and FORMAT records to tell a date from a number.
 * Every read is checked against the stream: the file is not trusted,
 * though FreeXL has read its cells. */
#include "config.h"

#include <gsf/gsf.h>
#include <math.h>
#include <string.h>

#include "strata-cell-format.h"
#include "strata-xls-merges.h"

#define BIFF_BOF          0x0809
#define BIFF_EOF          0x000A
#define BIFF_FILEPASS     0x002F
#define BIFF_CONTINUE     0x003C
#define BIFF_BOUNDSHEET   0x0085
#define BIFF_MERGEDCELLS  0x00E5
#define BIFF_DATEMODE     0x0022
#define BIFF_FORMAT       0x041E
#define BIFF_XF           0x00E0
#define BIFF_FORMULA      0x0006
#define BIFF_STRING       0x0207
#define BIFF_RSTRING      0x00D6
#define BIFF8_VERSION     0x0600

/* A sheet substream nests charts (BOF ... EOF) in it: deeper is absurd. */
#define MAX_DEPTH 16

typedef struct
{
  guint32  offset;     /* of its BOF in the stream */
  char    *name;       /* UTF-8 */
} BoundSheet;

static void
bound_sheet_clear (gpointer data)
{
  g_free (((BoundSheet *) data)->name);
}

/* The workbook stream, read in chunks: a sheet of 65,536 rows is some
 * 600,000 records, and a read of 4 bytes each through libgsf's block
 * chains costs seconds. */
typedef struct
{
  GsfInput *in;
  guint64   size;      /* of the stream */
  guint64   pos;       /* the next byte to read */
  guint64   start;     /* the stream offset of buf[0] */
  gsize     len;       /* bytes in buf */
  guint8   *buf;       /* CHUNK bytes */
} Biff;

/* More than a record (4 + 65,535 bytes). */
#define CHUNK (1u << 18)

/* The n bytes at pos, moving past them; NULL when the stream ends first
 * or cannot be read. */
static const guint8 *
take (Biff  *b,
      gsize  n)
{
  const guint8 *p;

  if (n > b->size || b->pos > b->size - n)
    return NULL;
  if (b->pos < b->start || b->pos + n > b->start + b->len)
    {
      gsize len = (gsize) MIN ((guint64) CHUNK, b->size - b->pos);

      /* gsf_input_seek returns TRUE on error. */
      b->len = 0;
      if (gsf_input_seek (b->in, b->pos, G_SEEK_SET)
          || gsf_input_read (b->in, len, b->buf) == NULL)
        return NULL;
      b->start = b->pos;
      b->len = len;
    }
  p = b->buf + (b->pos - b->start);
  b->pos += n;
  return p;
}

/* The next record's header; FALSE at the end of the stream or when the
 * record would run past it. */
static gboolean
next_header (Biff    *b,
             guint16 *type,
             guint16 *len)
{
  const guint8 *p = take (b, 4);

  if (p == NULL)
    return FALSE;
  *type = GSF_LE_GET_GUINT16 (p);
  *len = GSF_LE_GET_GUINT16 (p + 2);
  return b->size - b->pos >= *len;
}

/* A BOF record of BIFF8 (its first field, vers, is 0x0600). */
static gboolean
is_biff8_bof (Biff *b)
{
  guint16 type, len;
  const guint8 *p;

  if (!next_header (b, &type, &len) || type != BIFF_BOF || len < 2
      || (p = take (b, len)) == NULL)
    return FALSE;
  return GSF_LE_GET_GUINT16 (p) == BIFF8_VERSION;
}

/* A ShortXLUnicodeString (cch, then a flag: UTF-16LE or Latin-1 bytes). */
static char *
short_string (const guint8 *p,
              gsize         len)
{
  guint cch;

  if (len < 2)
    return NULL;
  cch = p[0];
  if (p[1] & 1)
    {
      g_autofree gunichar2 *units = NULL;

      if (len - 2 < 2u * cch)
        return NULL;
      units = g_new (gunichar2, cch + 1);
      for (guint i = 0; i < cch; i++)
        units[i] = GSF_LE_GET_GUINT16 (p + 2 + 2 * i);
      return g_utf16_to_utf8 (units, cch, NULL, NULL, NULL);
    }
  if (len - 2 < cch)
    return NULL;
  {
    GString *s = g_string_sized_new (2 * cch);

    for (guint i = 0; i < cch; i++)
      g_string_append_unichar (s, p[2 + i]);
    return g_string_free (s, FALSE);
  }
}

/* What the globals tell about cells: the date system, which XF shows a
 * date. */
typedef struct
{
  gboolean    date1904;
  GHashTable *date_formats;  /* ifmt of a FORMAT showing a date */
  GArray     *date_xf;       /* guint8 per XF: shows a date */
} Globals;

static void
globals_clear (Globals *g)
{
  g_clear_pointer (&g->date_formats, g_hash_table_unref);
  g_clear_pointer (&g->date_xf, g_array_unref);
}

/* A FORMAT record: ifmt, then an XLUnicodeString (cch u16, flags, chars). */
static void
read_format (Globals      *g,
             const guint8 *p,
             guint16       len)
{
  guint cch, width;
  g_autoptr(GString) code = NULL;

  if (len < 5)
    return;
  cch = GSF_LE_GET_GUINT16 (p + 2);
  width = (p[4] & 1) ? 2 : 1;
  if ((gsize) len - 5 < (gsize) cch * width)
    return;
  code = g_string_sized_new (cch);
  for (guint i = 0; i < cch; i++)
    {
      guint c = width == 2 ? GSF_LE_GET_GUINT16 (p + 5 + 2 * i) : p[5 + i];

      /* Only ASCII matters to format_is_date. */
      g_string_append_c (code, c < 0x80 && c != 0 ? (char) c : '?');
    }
  if (strata_cell_format_is_date (code->str))
    g_hash_table_add (g->date_formats, GUINT_TO_POINTER (GSF_LE_GET_GUINT16 (p)));
}

/* The globals' sheets; FALSE for a workbook that is not BIFF8 or is
 * encrypted (its records are scrambled). */
static gboolean
read_globals (Biff    *b,
              GArray  *sheets,
              Globals *g)
{
  guint16 type, len;

  b->pos = 0;
  if (!is_biff8_bof (b))
    return FALSE;
  while (next_header (b, &type, &len) && type != BIFF_EOF)
    {
      const guint8 *p;
      BoundSheet s;

      if (type == BIFF_FILEPASS)
        return FALSE;
      if ((p = take (b, len)) == NULL)
        break;
      if (type == BIFF_DATEMODE && len >= 2)
        g->date1904 = GSF_LE_GET_GUINT16 (p) == 1;
      else if (type == BIFF_FORMAT)
        read_format (g, p, len);
      else if (type == BIFF_XF && len >= 4)
        {
          guint fmt = GSF_LE_GET_GUINT16 (p + 2);
          guint8 date = strata_cell_format_builtin_is_date (fmt)
                        || g_hash_table_contains (g->date_formats, GUINT_TO_POINTER (fmt));

          g_array_append_val (g->date_xf, date);
        }
      if (type != BIFF_BOUNDSHEET || len < 8)
        continue;
      s.offset = GSF_LE_GET_GUINT32 (p);
      s.name = short_string (p + 6, len - 6);
      g_array_append_val (sheets, s);
    }
  return TRUE;
}

/* One MERGEDCELLS record and the CONTINUE records after it (Excel writes
 * at most 1,026 ranges per record, so it needs none, but the format
 * allows them). A count that disagrees with the length means one of the
 * two is wrong and nothing says which: the record is skipped whole. */
static gboolean
read_merged_cells (Biff   *b,
                   guint16 len,
                   GArray *ranges,
                   guint   max_ranges)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  const guint8 *p;
  guint16 type, more;
  guint count;

  if ((p = take (b, len)) == NULL)
    return FALSE;
  g_byte_array_append (data, p, len);
  for (;;)
    {
      guint64 at = b->pos;

      if (!next_header (b, &type, &more) || type != BIFF_CONTINUE)
        {
          b->pos = at;
          break;
        }
      if ((p = take (b, more)) == NULL)
        return FALSE;
      g_byte_array_append (data, p, more);
    }
  if (data->len < 2)
    return TRUE;
  count = GSF_LE_GET_GUINT16 (data->data);
  if (data->len != 2 + 8 * (gsize) count)
    return TRUE;
  for (guint i = 0; i < count && ranges->len < max_ranges; i++)
    {
      const guint8 *r = data->data + 2 + 8 * i;
      StrataXlsRange range = {
        GSF_LE_GET_GUINT16 (r), GSF_LE_GET_GUINT16 (r + 2),
        GSF_LE_GET_GUINT16 (r + 4), GSF_LE_GET_GUINT16 (r + 6),
      };

      if (range.r2 >= range.r1 && range.c2 >= range.c1)
        g_array_append_val (ranges, range);
    }
  return TRUE;
}

/* A number as the helper writes a cell (%.15g, as the .xlsx reader);
 * a date as FreeXL gives one: YYYY-MM-DD, with the time unless midnight. */
static char *
number_text (const Globals *g,
             guint          xf,
             double         d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (d))
    return NULL;
  if (xf < g->date_xf->len && g_array_index (g->date_xf, guint8, xf) && d >= 0 && d < 2958466)
    {
      gint64 day = (gint64) floor (d);
      int seconds = (int) round ((d - floor (d)) * 86400.0);
      g_autoptr(GDate) date = NULL;
      char text[11];

      /* Days since 1970 as strata_xlsx_serial_to_days counts them (the
       * 1900 system has a 29 February 1900 that never was, day 60). */
      day = g->date1904 ? day - 24107 : day < 60 ? day - 25568 : day - 25569;
      if (day + 719163 >= 1)
        {
          date = g_date_new_julian ((guint32) (day + 719163));
          g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (date),
                      g_date_get_month (date), g_date_get_day (date));
          if (seconds == 0 || seconds >= 86400)
            return g_strdup (text);
          return g_strdup_printf ("%s %02d:%02d:%02d", text, seconds / 3600,
                                  seconds / 60 % 60, seconds % 60);
        }
    }
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", d));
}

/* Appends up to *left characters of n bytes (UTF-16LE when wide, else
 * Latin-1) to s. */
static void
append_chars (GString      *s,
              const guint8 *p,
              gsize         n,
              gboolean      wide,
              guint        *left)
{
  gsize k = MIN (wide ? n / 2 : n, (gsize) *left);

  for (gsize i = 0; i < k; i++)
    {
      gunichar u = wide ? GSF_LE_GET_GUINT16 (p + 2 * i) : p[i];

      g_string_append_unichar (s, g_unichar_validate (u) && u != 0 ? u : 0xFFFD);
    }
  *left -= (guint) k;
}

/* The text of a STRING record (a formula's string result): cch u16,
 * flags (bit 0: UTF-16LE), the characters; NULL when they do not fit. */
static char *
string_text (const guint8 *p,
             guint16       len)
{
  guint cch;
  GString *s;

  if (len < 3)
    return NULL;
  cch = GSF_LE_GET_GUINT16 (p);
  if ((gsize) len - 3 < (gsize) cch * ((p[2] & 1) ? 2 : 1))
    return NULL;
  s = g_string_sized_new (cch);
  append_chars (s, p + 3, len - 3, p[2] & 1, &cch);
  return g_string_free (s, FALSE);
}

/* A STRING record (p, len bytes, already taken from b) whose characters
 * go on in the CONTINUE records after it, as a string longer than a
 * record (8,224 bytes) does: each starts with its own flag byte, so the
 * characters may switch between Latin-1 and UTF-16 at a record's start.
 * NULL when the records end before the characters do; b is then at the
 * first record that is not a CONTINUE, for the walk to read. */
static char *
string_continued (Biff         *b,
                  const guint8 *p,
                  guint16       len)
{
  g_autoptr(GString) s = NULL;
  guint16 type, clen;
  guint left;

  if (len < 3)
    return NULL;
  left = GSF_LE_GET_GUINT16 (p);
  s = g_string_sized_new (left);
  append_chars (s, p + 3, len - 3, p[2] & 1, &left);
  while (left > 0)
    {
      guint64 at = b->pos;
      const guint8 *q;

      if (!next_header (b, &type, &clen) || type != BIFF_CONTINUE)
        {
          b->pos = at;
          return NULL;
        }
      /* A CONTINUE without characters adds nothing: damage. */
      if (clen < 2)
        {
          b->pos += clen;
          return NULL;
        }
      if ((q = take (b, clen)) == NULL)
        return NULL;
      append_chars (s, q + 1, clen - 1, q[0] & 1, &left);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

#define CELL_KEY(row, col) GUINT_TO_POINTER (((guint) (row) << 16) | (col))

/* A FORMULA record's cached result: row, col, ixfe, then 8 bytes, an
 * IEEE double unless bytes 6-7 are 0xFFFF: then byte 0 says 0 a string
 * (in the STRING record that follows), 1 a boolean (byte 2), 2 an error
 * (its code in byte 2), 3 an empty string. TRUE when a STRING record is
 * to come for this cell. */
static gboolean
read_formula (const Globals *g,
              const guint8  *p,
              guint16        len,
              GHashTable    *values)
{
  guint row, col, xf;
  const guint8 *v;
  char *text = NULL;

  if (len < 14)
    return FALSE;
  row = GSF_LE_GET_GUINT16 (p);
  col = GSF_LE_GET_GUINT16 (p + 2);
  xf = GSF_LE_GET_GUINT16 (p + 4);
  v = p + 6;
  if (GSF_LE_GET_GUINT16 (v + 6) != 0xFFFF)
    text = number_text (g, xf, gsf_le_get_double (v));
  else
    switch (v[0])
      {
      case 0:
        return TRUE;
      case 1:
        text = g_strdup (v[2] ? "TRUE" : "FALSE");
        break;
      case 2:
        switch (v[2])
          {
          case 0x00: text = g_strdup ("#NULL!"); break;
          case 0x07: text = g_strdup ("#DIV/0!"); break;
          case 0x0F: text = g_strdup ("#VALUE!"); break;
          case 0x17: text = g_strdup ("#REF!"); break;
          case 0x1D: text = g_strdup ("#NAME?"); break;
          case 0x24: text = g_strdup ("#NUM!"); break;
          case 0x2A: text = g_strdup ("#N/A"); break;
          default: break;
          }
        break;
      default:
        break;
      }
  if (text != NULL)
    g_hash_table_replace (values, CELL_KEY (row, col), text);
  return FALSE;
}

/* The sheet's substream: its MERGEDCELLS and the values FreeXL loses
 * (formulas' results, RSTRING records), not those of a chart in it. */
static void
read_sheet (Biff          *b,
            guint32        offset,
            const Globals *g,
            GArray        *ranges,
            guint          max_ranges,
            GHashTable    *values)
{
  guint16 type, len;
  guint depth = 1;
  /* The cell whose string result the next STRING record holds. */
  gboolean pending = FALSE;
  guint pending_key = 0;

  b->pos = offset;
  if (!is_biff8_bof (b))
    return;
  while (next_header (b, &type, &len))
    {
      const guint8 *p;

      if (type == BIFF_BOF && ++depth > MAX_DEPTH)
        return;
      if (type == BIFF_EOF && --depth == 0)
        return;
      if (depth != 1)
        {
          b->pos += len;
          continue;
        }
      if (type == BIFF_MERGEDCELLS)
        {
          if (ranges->len < max_ranges && !read_merged_cells (b, len, ranges, max_ranges))
            return;
          continue;
        }
      if (type != BIFF_FORMULA && type != BIFF_STRING && type != BIFF_RSTRING)
        {
          b->pos += len;
          continue;
        }
      if ((p = take (b, len)) == NULL)
        return;
      if (type == BIFF_FORMULA)
        {
          pending = read_formula (g, p, len, values);
          pending_key = len >= 4 ? (guint) GSF_LE_GET_GUINT16 (p) << 16 | GSF_LE_GET_GUINT16 (p + 2) : 0;
        }
      else if (type == BIFF_STRING && pending)
        {
          char *text = string_text (p, len);

          if (text == NULL)
            text = string_continued (b, p, len);
          if (text != NULL)
            g_hash_table_replace (values, GUINT_TO_POINTER (pending_key), text);
          pending = FALSE;
        }
      else if (type == BIFF_RSTRING && len >= 6)
        {
          /* row, col, ixfe, the string as in STRING, then its runs. */
          char *text = string_text (p + 6, len - 6);

          if (text != NULL)
            g_hash_table_replace (values, CELL_KEY (GSF_LE_GET_GUINT16 (p), GSF_LE_GET_GUINT16 (p + 2)),
                                  text);
        }
    }
}

/* The workbook stream: "Workbook" (BIFF8), whatever its case. */
static GsfInput *
workbook_stream (GsfInfile *ole)
{
  int n = gsf_infile_num_children (ole);

  for (int i = 0; i < n; i++)
    {
      const char *name = gsf_infile_name_by_index (ole, i);

      if (name != NULL && g_ascii_strcasecmp (name, "Workbook") == 0)
        return gsf_infile_child_by_index (ole, i);
    }
  return NULL;
}

StrataXlsSheet *
strata_xls_read_sheet_from (GsfInput   *file,
                            const char *name,
                            guint       index,
                            guint       n_sheets,
                            guint       max_ranges)
{
  StrataXlsSheet *result = g_new0 (StrataXlsSheet, 1);
  g_autoptr(GArray) sheets = g_array_new (FALSE, FALSE, sizeof (BoundSheet));
  /* libgsf 1.14.50 declares no g_autoptr cleanups. */
  GsfInput *book = NULL;
  GsfInfile *ole = NULL;
  const BoundSheet *sheet = NULL;
  Biff b = { 0 };
  Globals g = {
    FALSE, g_hash_table_new (NULL, NULL), g_array_new (FALSE, FALSE, sizeof (guint8)),
  };

  result->ranges = g_array_new (FALSE, FALSE, sizeof (StrataXlsRange));
  result->values = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_array_set_clear_func (sheets, bound_sheet_clear);
  if ((ole = gsf_infile_msole_new (file, NULL)) == NULL
      || (book = workbook_stream (ole)) == NULL)
    goto out;
  b.in = book;
  b.size = (guint64) MAX (gsf_input_size (book), 0);
  b.buf = g_malloc (CHUNK);
  if (!read_globals (&b, sheets, &g))
    goto out;
  /* FreeXL's index counts the sheets it lists, which may skip some kinds
   * of sheet: the name, unique in a workbook, finds the BOUNDSHEET. */
  for (guint i = 0; i < sheets->len && sheet == NULL; i++)
    {
      const BoundSheet *s = &g_array_index (sheets, BoundSheet, i);

      if (name != NULL && g_strcmp0 (s->name, name) == 0)
        sheet = s;
    }
  if (sheet == NULL && sheets->len == n_sheets && index < sheets->len)
    sheet = &g_array_index (sheets, BoundSheet, index);
  if (sheet != NULL)
    read_sheet (&b, sheet->offset, &g, result->ranges, max_ranges, result->values);

out:
  globals_clear (&g);
  g_free (b.buf);
  g_clear_object (&book);
  g_clear_object (&ole);
  return result;
}

StrataXlsSheet *
strata_xls_read_sheet (const char *path,
                       const char *name,
                       guint       index,
                       guint       n_sheets,
                       guint       max_ranges)
{
  GsfInput *file = gsf_input_stdio_new (path, NULL);
  StrataXlsSheet *sheet;

  if (file == NULL)
    {
      sheet = g_new0 (StrataXlsSheet, 1);
      sheet->ranges = g_array_new (FALSE, FALSE, sizeof (StrataXlsRange));
      sheet->values = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      return sheet;
    }
  sheet = strata_xls_read_sheet_from (file, name, index, n_sheets, max_ranges);
  g_object_unref (file);
  return sheet;
}

void
strata_xls_sheet_free (StrataXlsSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_array_unref (sheet->ranges);
  g_hash_table_unref (sheet->values);
  g_free (sheet);
}

const char *
strata_xls_sheet_lookup (const StrataXlsSheet *sheet,
                         guint                 row,
                         guint                 col)
{
  if (row > G_MAXUINT16 || col > G_MAXUINT16)
    return NULL;
  return g_hash_table_lookup (sheet->values, CELL_KEY (row, col));
}

static GArray *
steal_ranges (StrataXlsSheet *sheet)
{
  GArray *ranges = g_array_ref (sheet->ranges);

  strata_xls_sheet_free (sheet);
  return ranges;
}

GArray *
strata_xls_read_merges_from (GsfInput   *file,
                             const char *name,
                             guint       index,
                             guint       n_sheets,
                             guint       max_ranges)
{
  return steal_ranges (strata_xls_read_sheet_from (file, name, index, n_sheets, max_ranges));
}

GArray *
strata_xls_read_merges (const char *path,
                        const char *name,
                        guint       index,
                        guint       n_sheets,
                        guint       max_ranges)
{
  return steal_ranges (strata_xls_read_sheet (path, name, index, n_sheets, max_ranges));
}
