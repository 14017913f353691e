/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and writing period_columns. A period of a million customers
 * loads as a handful of contiguous blobs read straight into the arrays
 * (sqlite3_blob_read), instead of a million values_json objects parsed. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "strata-period-columns.h"
#include "strata-period-values.h"

void
strata_period_columns_clear (StrataPeriodColumns *columns)
{
  for (guint m = 0; columns->columns != NULL && m < columns->n_metrics; m++)
    g_free (columns->columns[m]);
  g_clear_pointer (&columns->columns, g_free);
  g_clear_pointer (&columns->ids, g_free);
  columns->n = columns->n_metrics = 0;
}

/* The blobs are little-endian; swap in place on a big-endian host. */
static void
swap64 (void  *values,
        gsize  n)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  guint64 *v = values;

  for (gsize i = 0; i < n; i++)
    v[i] = GUINT64_SWAP_LE_BE (v[i]);
#else
  (void) values;
  (void) n;
#endif
}

/* A metric's blob (format 5): an 8-byte header, then its n values,
 * little-endian, in the narrowest form that holds every one of them
 * exactly: byte 0 of the header says which ('b', 'h', 'i': 8, 16 or 32-bit
 * integers, whose least value means "no value"; 'd': doubles, NaN for
 * none) and byte 1 the decimals the integers carry (0 or 2: an amount in
 * cents). Most metrics are counts, yes/no and amounts: a million
 * customers' ten metrics were 88 MB of doubles, a fifth of a large
 * import's writes, and are 15 MB so. The ids' blob stays n 8-byte
 * integers (its length gives the count; strata-period-summary.c). */
#define HEADER 8

typedef enum
{
  FORM_DOUBLE = 'd',
  FORM_INT8   = 'b',
  FORM_INT16  = 'h',
  FORM_INT32  = 'i',
} Form;

static guint
form_width (int form)
{
  switch (form)
    {
    case FORM_INT8:
      return 1;
    case FORM_INT16:
      return 2;
    case FORM_INT32:
      return 4;
    case FORM_DOUBLE:
      return 8;
    default:
      return 0;
    }
}

/* Decodes n values read to the start of values, in place: backwards, so
 * that each one is read before its double overwrites it. */
static void
decode (double *values,
        guint   n,
        int     form,
        int     decimals)
{
  const guint8 *raw = (const guint8 *) values;
  double scale = decimals == 2 ? 100.0 : 1.0;

  for (guint i = n; i-- > 0;)
    {
      double v;

      if (form == FORM_INT8)
        /* (double): NAN is a float, which the other branch would become. */
        v = (gint8) raw[i] == G_MININT8 ? (double) NAN : (double) (gint8) raw[i];
      else if (form == FORM_INT16)
        {
          gint16 x = (gint16) (raw[2 * i] | raw[2 * i + 1] << 8);

          v = x == G_MININT16 ? (double) NAN : (double) x;
        }
      else
        {
          gint32 x = (gint32) ((guint32) raw[4 * i] | (guint32) raw[4 * i + 1] << 8 |
                               (guint32) raw[4 * i + 2] << 16 | (guint32) raw[4 * i + 3] << 24);

          v = x == G_MININT32 ? (double) NAN : (double) x;
        }
      values[i] = decimals ? v / scale : v;
    }
}

/* Encodes n doubles in place (forwards: each value is read before its
 * narrower form overwrites it); the values are known to fit. */
static void
encode (double *values,
        guint   n,
        int     form,
        int     decimals)
{
  guint8 *raw = (guint8 *) values;

  if (form == FORM_DOUBLE)
    {
      swap64 (values, n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      double v = values[i];
      gint32 x = isnan (v) ? (form == FORM_INT8 ? G_MININT8 : form == FORM_INT16 ? G_MININT16 : G_MININT32)
                 : (gint32) (decimals ? nearbyint (v * 100) : v);

      if (form == FORM_INT8)
        raw[i] = (guint8) x;
      else if (form == FORM_INT16)
        {
          raw[2 * i] = (guint8) x;
          raw[2 * i + 1] = (guint8) ((guint32) x >> 8);
        }
      else
        {
          raw[4 * i] = (guint8) x;
          raw[4 * i + 1] = (guint8) ((guint32) x >> 8);
          raw[4 * i + 2] = (guint8) ((guint32) x >> 16);
          raw[4 * i + 3] = (guint8) ((guint32) x >> 24);
        }
    }
}

static gboolean
open_blob (sqlite3        *db,
           sqlite3_blob  **blob,
           sqlite3_int64   rowid,
           int             bytes)
{
  int rc = *blob == NULL
           ? sqlite3_blob_open (db, "main", "period_columns", "data", rowid, 0, blob)
           : sqlite3_blob_reopen (*blob, rowid);

  return rc == SQLITE_OK && sqlite3_blob_bytes (*blob) == bytes;
}

static gboolean
read_blob (sqlite3        *db,
           sqlite3_blob  **blob,
           sqlite3_int64   rowid,
           void           *into,
           int             bytes)
{
  return open_blob (db, blob, rowid, bytes) && sqlite3_blob_read (*blob, into, bytes, 0) == SQLITE_OK;
}

/* A metric's n values (see HEADER) into doubles; FALSE on anything but a
 * blob of the form its header gives, n values long. */
static gboolean
read_metric (sqlite3        *db,
             sqlite3_blob  **blob,
             sqlite3_int64   rowid,
             gint64          bytes,
             guint           n,
             double         *into)
{
  guint8 header[HEADER];
  guint width;

  if (bytes < HEADER || bytes > G_MAXINT || !open_blob (db, blob, rowid, (int) bytes) ||
      sqlite3_blob_read (*blob, header, HEADER, 0) != SQLITE_OK)
    return FALSE;
  width = form_width (header[0]);
  if (width == 0 || (header[1] != 0 && (header[1] != 2 || header[0] == FORM_DOUBLE)) ||
      bytes != HEADER + (gint64) n * width)
    return FALSE;
  for (guint i = 2; i < HEADER; i++)
    if (header[i] != 0)
      return FALSE;
  if (n > 0 && sqlite3_blob_read (*blob, into, (int) (n * width), HEADER) != SQLITE_OK)
    return FALSE;
  if (header[0] == FORM_DOUBLE)
    swap64 (into, n);
  else
    decode (into, n, header[0], header[1]);
  return TRUE;
}

static gboolean
read_columns (StrataWorkspace     *workspace,
              gint64               period_id,
              const gint64        *metric_ids,
              guint                n_metrics,
              StrataPeriodColumns *out)
{
  sqlite3 *db = strata_workspace_get_db (workspace);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3_blob *blob = NULL;
  sqlite3_int64 ids_rowid = 0;
  gint64 ids_bytes = -1;
  gboolean ok = TRUE;
  int rc;

  /* Any failure here (no table, damage) means: read values_json, whose
   * reader reports what is wrong. */
  stmt = strata_workspace_prepare (workspace,
                                   "SELECT rowid, length (data) FROM period_columns "
                                   "WHERE period_id = ?1 AND metric_id = ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_int64 (stmt, 2, STRATA_PERIOD_COLUMNS_IDS);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ids_rowid = sqlite3_column_int64 (stmt, 0);
      ids_bytes = sqlite3_column_int64 (stmt, 1);
    }
  if (ids_bytes < 0 || ids_bytes % 8 != 0 || ids_bytes / 8 > G_MAXINT32 / 8)
    return FALSE;

  out->n = (guint) (ids_bytes / 8);
  out->ids = g_new (gint64, MAX (out->n, 1));
  out->n_metrics = n_metrics;
  out->columns = g_new0 (double *, MAX (n_metrics, 1));
  if (out->n > 0 && !read_blob (db, &blob, ids_rowid, out->ids, (int) ids_bytes))
    ok = FALSE;
  swap64 (out->ids, out->n);

  for (guint m = 0; ok && m < n_metrics; m++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 2, metric_ids[m]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;   /* no customer has a value */
      if (rc != SQLITE_ROW)
        {
          ok = FALSE;
          break;
        }
      out->columns[m] = g_new (double, MAX (out->n, 1));
      ok = read_metric (db, &blob, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                        out->n, out->columns[m]);
    }
  sqlite3_blob_close (blob);
  /* Ids must ascend; anything else is damage: read values_json instead. */
  for (guint i = 1; ok && i < out->n; i++)
    if (out->ids[i] <= out->ids[i - 1])
      ok = FALSE;
  if (!ok)
    strata_period_columns_clear (out);
  return ok;
}

gboolean
strata_period_columns_read (StrataWorkspace     *workspace,
                            gint64               period_id,
                            const gint64        *metric_ids,
                            guint                n_metrics,
                            StrataPeriodColumns *out)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  memset (out, 0, sizeof *out);
  db = strata_workspace_get_db (workspace);
  /* One read transaction: every blob of the same commit. */
  if (sqlite3_exec (db, "SAVEPOINT strata_columns_read", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  ok = read_columns (workspace, period_id, metric_ids, n_metrics, out);
  sqlite3_exec (db, "RELEASE strata_columns_read", NULL, NULL, NULL);
  return ok;
}

gint64
strata_period_columns_count (StrataWorkspace *workspace,
                             gint64           period_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = -1;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), -1);
  /* length() of a blob reads its record header, not its pages. */
  stmt = strata_workspace_prepare (workspace,
                                   "SELECT length (data) / 8 FROM period_columns "
                                   "WHERE period_id = ?1 AND metric_id = ?2", NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_int64 (stmt, 2, STRATA_PERIOD_COLUMNS_IDS);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  return n;
}

/* The builder holds one chunk of CHUNK customers (their ids and a column
 * of values per metric) and appends each full chunk to a temporary file;
 * the blobs are then written a chunk at a time. A million customers'
 * thirteen arrays were 104 MB held until the import's last row; now they
 * are 6.5 MiB whatever the rows. */
#define CHUNK 65536

/* A column per metric id met in the values. */
typedef struct
{
  gint64  metric_id;
  double *values;        /* the current chunk's values */
  /* What its blob's form must hold (see HEADER), from every value added */
  gboolean not_integers; /* a value that is no 32-bit integer (or is -0) */
  gboolean not_cents;    /* one of those, times 100, no 32-bit integer */
  double   lo, hi;       /* the least and greatest integer */
  double   cents_lo, cents_hi;  /* of the others, times 100 */
} Column;

/* A full chunk in the spill file: its ids at offset, then the columns
 * that existed when it was written (columns are only ever appended), CHUNK
 * values each. A column added later has no value in the chunk. */
typedef struct
{
  gint64 offset;
  guint  n_columns;
} Chunk;

struct _StrataPeriodColumnsBuilder
{
  gint64   *ids;          /* the current chunk's ids */
  guint     n;            /* customers added */
  guint     fill;         /* of them in the current chunk */
  guint     capacity;     /* of the current chunk's arrays, up to CHUNK */
  GArray   *columns;      /* Column */
  guint     last;         /* the column of the previous value */
  gboolean  ascending;    /* ids were added in order */
  gboolean  unwritable;   /* a value values_json cannot hold */
  gint64    last_id;
  FILE     *spill;        /* the full chunks; NULL until the first */
  GArray   *chunks;       /* Chunk */
  gboolean  spill_failed;
  gsize     resident;     /* bytes of arrays held now */
};

/* The most any builder has held at once: tests check it stays bounded. */
static gsize peak_resident;
G_LOCK_DEFINE_STATIC (peak_resident);

static void
hold (StrataPeriodColumnsBuilder *b,
      gsize                       bytes)
{
  b->resident += bytes;
  G_LOCK (peak_resident);
  peak_resident = MAX (peak_resident, b->resident);
  G_UNLOCK (peak_resident);
}

static void
release (StrataPeriodColumnsBuilder *b,
         gsize                       bytes)
{
  b->resident -= bytes;
}

gsize
strata_period_columns_builder_peak_bytes (gboolean reset)
{
  gsize peak;

  G_LOCK (peak_resident);
  peak = peak_resident;
  if (reset)
    peak_resident = 0;
  G_UNLOCK (peak_resident);
  return peak;
}

static void
fill_nan (double *values,
          guint   from,
          guint   to)
{
  for (guint i = from; i < to; i++)
    values[i] = NAN;
}

StrataPeriodColumnsBuilder *
strata_period_columns_builder_new (void)
{
  StrataPeriodColumnsBuilder *b = g_new0 (StrataPeriodColumnsBuilder, 1);

  /* A small period (most are) never needs a whole chunk. */
  b->capacity = 1024;
  b->ids = g_new (gint64, b->capacity);
  hold (b, b->capacity * sizeof (gint64));
  b->columns = g_array_new (FALSE, FALSE, sizeof (Column));
  b->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  b->ascending = TRUE;
  return b;
}

void
strata_period_columns_builder_free (StrataPeriodColumnsBuilder *builder)
{
  if (builder == NULL)
    return;
  for (guint c = 0; c < builder->columns->len; c++)
    g_free (g_array_index (builder->columns, Column, c).values);
  g_array_unref (builder->columns);
  g_array_unref (builder->chunks);
  g_free (builder->ids);
  if (builder->spill != NULL)
    fclose (builder->spill);
  g_free (builder);
}

void
strata_period_columns_builder_reserve (StrataPeriodColumnsBuilder *builder,
                                       guint                       n)
{
  /* Nothing to reserve: the builder never holds more than a chunk. */
  g_return_if_fail (builder != NULL);
  (void) n;
}

/* An unlinked file in the temporary directory: the kernel's page cache
 * holds it, not this process, and it goes when it is closed. */
static FILE *
open_spill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("strata-columns-XXXXXX", &path, &error);
  FILE *fp;

  if (fd < 0)
    {
      g_warning ("period columns: %s", error->message);
      return NULL;
    }
  g_unlink (path);
  fp = fdopen (fd, "w+b");
  if (fp == NULL)
    close (fd);
  return fp;
}

/* Appends the full current chunk to the spill file. A failure leaves the
 * period without columns (its loads read values_json), as damage would. */
static void
spill_chunk (StrataPeriodColumnsBuilder *b)
{
  Chunk chunk = { 0, b->columns->len };
  gboolean ok;

  if (b->spill_failed)
    return;
  if (b->spill == NULL && (b->spill = open_spill ()) == NULL)
    {
      b->spill_failed = TRUE;
      return;
    }
  chunk.offset = (gint64) ftello (b->spill);
  ok = chunk.offset >= 0 && fwrite (b->ids, sizeof (gint64), CHUNK, b->spill) == CHUNK;
  for (guint c = 0; ok && c < b->columns->len; c++)
    ok = fwrite (g_array_index (b->columns, Column, c).values, sizeof (double), CHUNK, b->spill) == CHUNK;
  if (!ok)
    {
      g_warning ("period columns: cannot write a temporary file: %s", g_strerror (errno));
      b->spill_failed = TRUE;
      return;
    }
  g_array_append_val (b->chunks, chunk);
}

static void
grow (StrataPeriodColumnsBuilder *b)
{
  guint capacity = MIN (b->capacity * 2, CHUNK);

  hold (b, (gsize) (capacity - b->capacity) * 8 * (1 + b->columns->len));
  b->ids = g_renew (gint64, b->ids, capacity);
  for (guint c = 0; c < b->columns->len; c++)
    {
      Column *col = &g_array_index (b->columns, Column, c);

      col->values = g_renew (double, col->values, capacity);
      fill_nan (col->values, b->capacity, capacity);
    }
  b->capacity = capacity;
}

static Column *
column_for (StrataPeriodColumnsBuilder *b,
            gint64                      metric_id)
{
  GArray *columns = b->columns;
  Column fresh;

  /* Rows mostly list the same metrics in the same order. */
  if (b->last < columns->len && g_array_index (columns, Column, b->last).metric_id == metric_id)
    return &g_array_index (columns, Column, b->last++);
  for (guint c = 0; c < columns->len; c++)
    if (g_array_index (columns, Column, c).metric_id == metric_id)
      {
        b->last = c + 1;
        return &g_array_index (columns, Column, c);
      }
  memset (&fresh, 0, sizeof fresh);
  fresh.metric_id = metric_id;
  fresh.lo = fresh.cents_lo = G_MAXINT32;
  fresh.hi = fresh.cents_hi = -(double) G_MAXINT32;
  fresh.values = g_new (double, b->capacity);
  hold (b, b->capacity * sizeof (double));
  fill_nan (fresh.values, 0, b->capacity);
  g_array_append_val (columns, fresh);
  b->last = columns->len;
  return &g_array_index (columns, Column, columns->len - 1);
}

/* Notes what the column's blob must hold: integers (and their range), or
 * amounts in cents that come back exactly as (double) cents / 100. A
 * value that is neither (NaN, infinite, -0, 0.125) makes it doubles. */
static void
note (Column *col,
      double  v)
{
  if (v >= -(double) G_MAXINT32 && v <= G_MAXINT32 && v == (double) (gint32) v && !(v == 0 && signbit (v)))
    {
      col->lo = MIN (col->lo, v);
      col->hi = MAX (col->hi, v);
      return;
    }
  col->not_integers = TRUE;
  if (!col->not_cents)
    {
      double cents = nearbyint (v * 100);

      if (cents >= -(double) G_MAXINT32 && cents <= G_MAXINT32 && (double) (gint32) cents / 100.0 == v)
        {
          col->cents_lo = MIN (col->cents_lo, cents);
          col->cents_hi = MAX (col->cents_hi, cents);
        }
      else
        col->not_cents = TRUE;
    }
}

/* The narrowest form that holds every value of the column exactly. */
static int
column_form (const Column *col,
             int          *decimals)
{
  *decimals = 0;
  if (!col->not_integers)
    return col->lo > G_MININT8 && col->hi <= G_MAXINT8 ? FORM_INT8
           : col->lo > G_MININT16 && col->hi <= G_MAXINT16 ? FORM_INT16 : FORM_INT32;
  /* The integers too, in cents (a column with none has lo > hi). */
  if (!col->not_cents && (col->lo > col->hi || (col->lo * 100 >= -(double) G_MAXINT32 && col->hi * 100 <= G_MAXINT32)))
    {
      *decimals = 2;
      return FORM_INT32;
    }
  return FORM_DOUBLE;
}

/* normalize: the values are about to be written to values_json, whose
 * text has no negative zero. */
static void
builder_add (StrataPeriodColumnsBuilder *b,
             gint64                      customer_id,
             const StrataMetricValue    *values,
             guint                       n_values,
             gboolean                    normalize)
{
  Column *col;

  if (b->fill == CHUNK)
    {
      spill_chunk (b);
      b->fill = 0;
      for (guint c = 0; c < b->columns->len; c++)
        fill_nan (g_array_index (b->columns, Column, c).values, 0, CHUNK);
    }
  else if (b->fill == b->capacity)
    grow (b);
  if (b->n > 0 && customer_id <= b->last_id)
    b->ascending = FALSE;
  b->last_id = customer_id;
  b->ids[b->fill] = customer_id;
  b->last = 0;
  for (guint v = 0; v < n_values; v++)
    {
      double value = values[v].value;

      if (normalize)
        {
          if (!isfinite (value))
            b->unwritable = TRUE;
          if (value == 0)
            value = 0;
        }
      col = column_for (b, values[v].metric_id);
      col->values[b->fill] = value;
      note (col, value);
    }
  b->fill++;
  b->n++;
}

void
strata_period_columns_builder_add (StrataPeriodColumnsBuilder *builder,
                                   gint64                      customer_id,
                                   const StrataMetricValue    *values,
                                   guint                       n_values)
{
  g_return_if_fail (builder != NULL);
  builder_add (builder, customer_id, values, n_values, TRUE);
}

/* Reads chunk k of column c (-1: the ids) into out, as 8-byte values. */
static gboolean
read_chunk (StrataPeriodColumnsBuilder *b,
            guint                       k,
            int                         c,
            void                       *out)
{
  const Chunk *chunk;

  if (k == b->chunks->len)
    {
      /* The current chunk, in memory. */
      memcpy (out, c < 0 ? (void *) b->ids : (void *) g_array_index (b->columns, Column, c).values,
              (gsize) b->fill * 8);
      return TRUE;
    }
  chunk = &g_array_index (b->chunks, Chunk, k);
  if (c >= (int) chunk->n_columns)
    {
      fill_nan (out, 0, CHUNK);
      return TRUE;
    }
  return fseeko (b->spill, chunk->offset + (gint64) (c + 1) * CHUNK * 8, SEEK_SET) == 0 &&
         fread (out, 8, CHUNK, b->spill) == CHUNK;
}

/* Customers added out of id order: their ids with the order they were
 * added in (16 bytes a customer, 16 MB at a million). */
typedef struct
{
  gint64 id;
  guint  row;
} Sorted;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  gint64 x = ((const Sorted *) a)->id, y = ((const Sorted *) b)->id;

  return (x > y) - (x < y);
}

static Sorted *
builder_sort (StrataPeriodColumnsBuilder *b,
              gint64                     *buffer)
{
  Sorted *sorted = g_new (Sorted, MAX (b->n, 1));

  hold (b, (gsize) b->n * sizeof (Sorted));
  for (guint k = 0, row = 0; k <= b->chunks->len; k++)
    {
      guint n = k == b->chunks->len ? b->fill : CHUNK;

      if (!read_chunk (b, k, -1, buffer))
        {
          release (b, (gsize) b->n * sizeof (Sorted));
          g_free (sorted);
          return NULL;
        }
      for (guint i = 0; i < n; i++, row++)
        {
          sorted[row].id = buffer[i];
          sorted[row].row = row;
        }
    }
  qsort (sorted, b->n, sizeof (Sorted), compare_sorted);
  return sorted;
}

static gboolean
delete_columns (StrataWorkspace  *workspace,
                gint64            period_id,
                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (workspace, "DELETE FROM period_columns WHERE period_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "period_columns");
      return FALSE;
    }
  return TRUE;
}

/* One blob, written a chunk at a time into a zeroblob of its size: the
 * whole array is never in memory, neither here nor in SQLite's record. */
typedef struct
{
  StrataPeriodColumnsBuilder *b;
  StrataWorkspace            *workspace;
  sqlite3_stmt               *insert;
  const Sorted               *sorted;   /* NULL: in the order added */
  double                     *whole;    /* with sorted: the column in the order added */
  gint64                     *buffer;   /* a chunk's values */
  gboolean                    io_failed;
} Writer;

static gboolean
write_column (Writer   *w,
              gint64    metric_id,
              int       c,
              GError  **error)
{
  StrataPeriodColumnsBuilder *b = w->b;
  sqlite3 *db = strata_workspace_get_db (w->workspace);
  guint n_chunks = b->chunks->len + 1;
  sqlite3_blob *blob = NULL;
  int form = FORM_DOUBLE, decimals = 0;
  guint width = 8, start = 0;

  if (c >= 0)
    {
      form = column_form (&g_array_index (b->columns, Column, c), &decimals);
      width = form_width (form);
      start = HEADER;
    }
  sqlite3_reset (w->insert);
  sqlite3_bind_int64 (w->insert, 2, metric_id);
  sqlite3_bind_int64 (w->insert, 3, start + (sqlite3_int64) b->n * width);
  if (sqlite3_step (w->insert) != SQLITE_DONE)
    goto db_error;
  if (start == 0 && b->n == 0)
    return TRUE;
  if (sqlite3_blob_open (db, "main", "period_columns", "data", sqlite3_last_insert_rowid (db), 1, &blob) != SQLITE_OK)
    goto db_error;
  if (start > 0)
    {
      guint8 header[HEADER] = { (guint8) form, (guint8) decimals };

      if (sqlite3_blob_write (blob, header, HEADER, 0) != SQLITE_OK)
        goto db_error;
    }

  /* Sorted: the column whole in the order added, then picked in id
   * order; the ids come from the sort itself. */
  if (w->sorted != NULL && c >= 0)
    for (guint k = 0; k < n_chunks; k++)
      if (!read_chunk (b, k, c, w->whole + (gsize) k * CHUNK))
        goto io_error;
  for (guint k = 0; k < n_chunks; k++)
    {
      guint n = k == n_chunks - 1 ? b->fill : CHUNK;
      gsize from = (gsize) k * CHUNK;

      if (w->sorted == NULL)
        {
          if (!read_chunk (b, k, c, w->buffer))
            goto io_error;
        }
      else if (c < 0)
        for (guint i = 0; i < n; i++)
          w->buffer[i] = w->sorted[from + i].id;
      else
        for (guint i = 0; i < n; i++)
          ((double *) w->buffer)[i] = w->whole[w->sorted[from + i].row];
      if (c < 0)
        swap64 (w->buffer, n);
      else
        encode ((double *) w->buffer, n, form, decimals);
      if (n > 0 && sqlite3_blob_write (blob, w->buffer, (int) (n * width), (int) (start + from * width)) != SQLITE_OK)
        goto db_error;
    }
  sqlite3_blob_close (blob);
  return TRUE;

db_error:
  strata_workspace_set_db_error (w->workspace, error, "period_columns");
  sqlite3_blob_close (blob);
  return FALSE;
io_error:
  sqlite3_blob_close (blob);
  g_warning ("period columns: cannot read a temporary file: %s", g_strerror (errno));
  w->io_failed = TRUE;
  return FALSE;
}

gboolean
strata_period_columns_builder_write (StrataPeriodColumnsBuilder  *builder,
                                     StrataWorkspace             *workspace,
                                     gint64                       period_id,
                                     GError                     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  Writer w = { builder, workspace, NULL, NULL, NULL, NULL, FALSE };
  gsize buffer_size;
  gboolean ok = TRUE;

  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!delete_columns (workspace, period_id, error))
    return FALSE;
  /* The spill file could not be written: no columns, as with damage. */
  if (builder->unwritable || builder->spill_failed)
    return TRUE;
  buffer_size = builder->chunks->len > 0 ? CHUNK : MAX (builder->fill, 1);
  w.buffer = g_new (gint64, buffer_size);
  hold (builder, buffer_size * sizeof (gint64));
  if (!builder->ascending)
    {
      /* A sort in memory (24 bytes a customer with the column it picks
       * from) rather than an external merge: 24 MB at a million, against
       * the 104 MB of holding every column. */
      w.sorted = builder_sort (builder, w.buffer);
      if (w.sorted == NULL)
        {
          w.io_failed = TRUE;
          goto out;
        }
      /* The same id twice cannot be a period's rows. */
      for (guint i = 1; i < builder->n; i++)
        if (w.sorted[i].id == w.sorted[i - 1].id)
          goto out;
      w.whole = g_new (double, MAX (builder->n, 1));
      hold (builder, (gsize) builder->n * sizeof (double));
    }

  insert = strata_workspace_prepare (workspace,
                                     "INSERT INTO period_columns (period_id, metric_id, data) "
                                     "VALUES (?1, ?2, zeroblob (?3))", error);
  ok = insert != NULL;
  w.insert = insert;
  if (ok)
    {
      sqlite3_bind_int64 (insert, 1, period_id);
      ok = write_column (&w, STRATA_PERIOD_COLUMNS_IDS, -1, error);
    }
  for (guint c = 0; ok && c < builder->columns->len; c++)
    ok = write_column (&w, g_array_index (builder->columns, Column, c).metric_id, (int) c, error);

out:
  if (w.io_failed)
    ok = delete_columns (workspace, period_id, error);
  g_free (w.buffer);
  release (builder, buffer_size * sizeof (gint64));
  if (w.sorted != NULL)
    {
      g_free ((gpointer) w.sorted);
      release (builder, (gsize) builder->n * sizeof (Sorted));
    }
  if (w.whole != NULL)
    {
      g_free (w.whole);
      release (builder, (gsize) builder->n * sizeof (double));
    }
  return ok;
}

gboolean
strata_period_columns_rebuild (StrataWorkspace  *workspace,
                               gint64            period_id,
                               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  g_autoptr(StrataPeriodColumnsBuilder) builder = strata_period_columns_builder_new ();
  gboolean readable = TRUE;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT customer_id, values_json FROM period_customers "
                                   "WHERE period_id = ?1 ORDER BY customer_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *problem;

      g_array_set_size (scratch, 0);
      if (!strata_period_values_parse ((const char *) sqlite3_column_text (stmt, 1), scratch, &problem))
        {
          readable = FALSE;
          break;
        }
      /* As read: these are the values the loader would give. */
      builder_add (builder, sqlite3_column_int64 (stmt, 0),
                   (const StrataMetricValue *) (gpointer) scratch->data, scratch->len, FALSE);
    }
  if (readable && rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "period_customers");
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!readable)
    return delete_columns (workspace, period_id, error);
  return strata_period_columns_builder_write (builder, workspace, period_id, error);
}

gboolean
strata_period_columns_rebuild_missing (StrataWorkspace  *workspace,
                                       GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT id FROM periods p WHERE NOT EXISTS "
                                   "(SELECT 1 FROM period_columns c WHERE c.period_id = p.id "
                                   " AND c.metric_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, STRATA_PERIOD_COLUMNS_IDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (missing, id);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "period_columns");
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < missing->len; i++)
    if (!strata_period_columns_rebuild (workspace, g_array_index (missing, gint64, i), error))
      return FALSE;
  return TRUE;
}
