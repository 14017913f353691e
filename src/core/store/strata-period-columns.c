/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and writing period_columns. A period of a million customers
 * loads as a handful of contiguous blobs read straight into the arrays
 * (sqlite3_blob_read), instead of a million values_json objects parsed. */
#include "config.h"

#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

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

static gboolean
read_blob (sqlite3        *db,
           sqlite3_blob  **blob,
           sqlite3_int64   rowid,
           void           *into,
           int             bytes)
{
  int rc = *blob == NULL
           ? sqlite3_blob_open (db, "main", "period_columns", "data", rowid, 0, blob)
           : sqlite3_blob_reopen (*blob, rowid);

  return rc == SQLITE_OK && sqlite3_blob_bytes (*blob) == bytes &&
         sqlite3_blob_read (*blob, into, bytes, 0) == SQLITE_OK;
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
      if (rc != SQLITE_ROW || sqlite3_column_int64 (stmt, 1) != ids_bytes)
        {
          ok = FALSE;
          break;
        }
      out->columns[m] = g_new (double, MAX (out->n, 1));
      if (out->n > 0 &&
          !read_blob (db, &blob, sqlite3_column_int64 (stmt, 0), out->columns[m], (int) ids_bytes))
        ok = FALSE;
      swap64 (out->columns[m], out->n);
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

/* A column per metric id met in the values. */
typedef struct
{
  gint64  metric_id;
  double *values;
} Column;

struct _StrataPeriodColumnsBuilder
{
  gint64   *ids;
  guint     n;
  guint     capacity;
  GArray   *columns;     /* Column */
  guint     last;        /* the column of the previous value */
  gboolean  ascending;   /* ids were added in order */
  gboolean  unwritable;  /* a value values_json cannot hold */
};

StrataPeriodColumnsBuilder *
strata_period_columns_builder_new (void)
{
  StrataPeriodColumnsBuilder *b = g_new0 (StrataPeriodColumnsBuilder, 1);

  b->capacity = 1024;
  b->ids = g_new (gint64, b->capacity);
  b->columns = g_array_new (FALSE, FALSE, sizeof (Column));
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
  g_free (builder->ids);
  g_free (builder);
}

static void
fill_nan (double *values,
          guint   from,
          guint   to)
{
  for (guint i = from; i < to; i++)
    values[i] = NAN;
}

/* A million customers' column is 8 MB, all touched at once (NaN): in
 * huge pages it faults in 512 times less often (a tenth of the CPU time
 * of filling it). Only a hint; the kernel may say no. */
static void
advise_huge (void  *data,
             gsize  bytes)
{
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  const guintptr huge = 2 * 1024 * 1024;
  guintptr start = ((guintptr) data + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) data + bytes) & ~(huge - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#else
  (void) data;
  (void) bytes;
#endif
}

static double *
new_column (guint capacity)
{
  double *values = g_new (double, capacity);

  advise_huge (values, (gsize) capacity * sizeof (double));
  fill_nan (values, 0, capacity);
  return values;
}

static void
grow (StrataPeriodColumnsBuilder *b,
      guint                       capacity)
{
  b->capacity = capacity;
  b->ids = g_renew (gint64, b->ids, b->capacity);
  advise_huge (b->ids, (gsize) b->capacity * sizeof (gint64));
  for (guint c = 0; c < b->columns->len; c++)
    {
      Column *col = &g_array_index (b->columns, Column, c);

      col->values = g_renew (double, col->values, b->capacity);
      advise_huge (col->values, (gsize) b->capacity * sizeof (double));
      fill_nan (col->values, b->n, b->capacity);
    }
}

void
strata_period_columns_builder_reserve (StrataPeriodColumnsBuilder *builder,
                                       guint                       n)
{
  g_return_if_fail (builder != NULL);
  if (n > builder->capacity)
    grow (builder, n);
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
  fresh.metric_id = metric_id;
  fresh.values = new_column (b->capacity);
  g_array_append_val (columns, fresh);
  b->last = columns->len;
  return &g_array_index (columns, Column, columns->len - 1);
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
  if (b->n == b->capacity)
    grow (b, b->capacity * 2);
  if (b->n > 0 && customer_id <= b->ids[b->n - 1])
    b->ascending = FALSE;
  b->ids[b->n] = customer_id;
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
      column_for (b, values[v].metric_id)->values[b->n] = value;
    }
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

static int
compare_by_id (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const gint64 *ids = data;
  gint64 x = ids[*(const guint *) a], y = ids[*(const guint *) b];

  return (x > y) - (x < y);
}

/* Puts the customers in id order (an import of known customers in a new
 * period lists them in the file's order). */
static void
builder_sort (StrataPeriodColumnsBuilder *b)
{
  g_autofree guint *order = g_new (guint, MAX (b->n, 1));
  g_autofree gint64 *ids = g_new (gint64, b->capacity);

  for (guint i = 0; i < b->n; i++)
    order[i] = i;
  g_qsort_with_data (order, b->n, sizeof (guint), compare_by_id, b->ids);
  for (guint i = 0; i < b->n; i++)
    ids[i] = b->ids[order[i]];
  g_free (b->ids);
  b->ids = g_steal_pointer (&ids);
  for (guint c = 0; c < b->columns->len; c++)
    {
      Column *col = &g_array_index (b->columns, Column, c);
      double *values = g_new (double, b->capacity);

      for (guint i = 0; i < b->n; i++)
        values[i] = col->values[order[i]];
      g_free (col->values);
      col->values = values;
    }
  b->ascending = TRUE;
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

static gboolean
write_blob (StrataWorkspace  *workspace,
            sqlite3_stmt     *insert,
            gint64            metric_id,
            void             *values,
            guint             n,
            GError          **error)
{
  int rc;

  swap64 (values, n);
  sqlite3_reset (insert);
  sqlite3_bind_int64 (insert, 2, metric_id);
  sqlite3_bind_blob64 (insert, 3, values, (sqlite3_uint64) n * 8, SQLITE_STATIC);
  rc = sqlite3_step (insert);
  sqlite3_bind_null (insert, 3);
  swap64 (values, n);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "period_columns");
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_period_columns_builder_write (StrataPeriodColumnsBuilder  *builder,
                                     StrataWorkspace             *workspace,
                                     gint64                       period_id,
                                     GError                     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;

  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!delete_columns (workspace, period_id, error))
    return FALSE;
  if (builder->unwritable)
    return TRUE;
  if (!builder->ascending)
    builder_sort (builder);
  /* The same id twice cannot be a period's rows. */
  for (guint i = 1; i < builder->n; i++)
    if (builder->ids[i] == builder->ids[i - 1])
      return TRUE;

  insert = strata_workspace_prepare (workspace,
                                     "INSERT INTO period_columns (period_id, metric_id, data) "
                                     "VALUES (?1, ?2, ?3)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, period_id);
  if (!write_blob (workspace, insert, STRATA_PERIOD_COLUMNS_IDS, builder->ids, builder->n, error))
    return FALSE;
  for (guint c = 0; c < builder->columns->len; c++)
    {
      Column *col = &g_array_index (builder->columns, Column, c);

      if (!write_blob (workspace, insert, col->metric_id, col->values, builder->n, error))
        return FALSE;
    }
  return TRUE;
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
