/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Merged cells of an .xls sheet, for the helper strata-xls-reader: FreeXL
 * does not report them, so the workbook stream of the compound file is
 * opened again with libgsf and its records are walked. The globals give
 * each sheet's BOUNDSHEET (0x0085: the stream offset of its BOF, its
 * name); the sheet's substream, from that BOF to its EOF, holds its
 * MERGEDCELLS records (0x00E5: a count, then count × rwFirst, rwLast,
 * colFirst, colLast, all u16 LE). Every read is checked against the
 * stream: the file is not trusted, though FreeXL has read its cells. */
#include "config.h"

#include <gsf/gsf.h>
#include <string.h>

#include "strata-xls-merges.h"

#define BIFF_BOF          0x0809
#define BIFF_EOF          0x000A
#define BIFF_FILEPASS     0x002F
#define BIFF_CONTINUE     0x003C
#define BIFF_BOUNDSHEET   0x0085
#define BIFF_MERGEDCELLS  0x00E5
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

/* The globals' sheets; FALSE for a workbook that is not BIFF8 or is
 * encrypted (its records are scrambled). */
static gboolean
read_globals (Biff   *b,
              GArray *sheets)
{
  guint16 type, len;

  b->pos = 0;
  if (!is_biff8_bof (b))
    return FALSE;
  while (next_header (b, &type, &len) && type != BIFF_EOF)
    {
      const guint8 *p = take (b, len);
      BoundSheet s;

      if (type == BIFF_FILEPASS)
        return FALSE;
      if (p == NULL)
        break;
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

/* The sheet's substream: its MERGEDCELLS, not those of a chart in it. */
static void
read_sheet (Biff    *b,
            guint32  offset,
            GArray  *ranges,
            guint    max_ranges)
{
  guint16 type, len;
  guint depth = 1;

  b->pos = offset;
  if (!is_biff8_bof (b))
    return;
  while (ranges->len < max_ranges && next_header (b, &type, &len))
    {
      if (type == BIFF_BOF && ++depth > MAX_DEPTH)
        return;
      if (type == BIFF_EOF && --depth == 0)
        return;
      if (type == BIFF_MERGEDCELLS && depth == 1)
        {
          if (!read_merged_cells (b, len, ranges, max_ranges))
            return;
        }
      else
        b->pos += len;
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

GArray *
strata_xls_read_merges_from (GsfInput   *file,
                             const char *name,
                             guint       index,
                             guint       n_sheets,
                             guint       max_ranges)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (StrataXlsRange));
  g_autoptr(GArray) sheets = g_array_new (FALSE, FALSE, sizeof (BoundSheet));
  /* libgsf 1.14.50 declares no g_autoptr cleanups. */
  GsfInput *book = NULL;
  GsfInfile *ole = NULL;
  const BoundSheet *sheet = NULL;
  Biff b = { 0 };

  g_array_set_clear_func (sheets, bound_sheet_clear);
  if ((ole = gsf_infile_msole_new (file, NULL)) == NULL
      || (book = workbook_stream (ole)) == NULL)
    goto out;
  b.in = book;
  b.size = (guint64) MAX (gsf_input_size (book), 0);
  b.buf = g_malloc (CHUNK);
  if (!read_globals (&b, sheets))
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
    read_sheet (&b, sheet->offset, ranges, max_ranges);

out:
  g_free (b.buf);
  g_clear_object (&book);
  g_clear_object (&ole);
  return ranges;
}

GArray *
strata_xls_read_merges (const char *path,
                        const char *name,
                        guint       index,
                        guint       n_sheets,
                        guint       max_ranges)
{
  GsfInput *file = gsf_input_stdio_new (path, NULL);
  GArray *ranges;

  if (file == NULL)
    return g_array_new (FALSE, FALSE, sizeof (StrataXlsRange));
  ranges = strata_xls_read_merges_from (file, name, index, n_sheets, max_ranges);
  g_object_unref (file);
  return ranges;
}
