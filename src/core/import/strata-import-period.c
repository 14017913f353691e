/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing an import's metric values into its period. Each customer of the
 * period is one row whose values_json holds all its metrics, so an import
 * merges: it walks the customers it changes in id order (the order of the
 * primary key, which makes the writes appends) against the sorted value
 * columns, and writes a row only when its object changed. The period's
 * rows are read a window at a time, just ahead of the walk, so the merge
 * holds a few thousand of them whatever the period's size. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-bulk.h"
#include "strata-period-columns.h"
#include "strata-import-period.h"
#include "strata-import-private.h"
#include "strata-period-values.h"

/* Rows of the period read at once. */
#define WINDOW 4096
/* A window of the file's customers is read with one range scan when their
 * ids span at most this many times their number (customer ids are dense,
 * so about as many rows), else with a look-up each: 10,000 customers of a
 * million merged in 3.3-3.7 s with look-ups, 4.3-4.9 s with scans (same
 * run, alternating); at 100,000 the two were within the noise. */
#define DENSE_SPAN 4

typedef struct
{
  gint64 id;
  gsize  offset;   /* of its values_json in Window.text */
} Old;

/* The period's rows of the current window. Each read ends (its statement
 * reset) before the window's rows are written: SQLite does not promise
 * what a cursor sees of writes to its table made while it is open. */
typedef struct
{
  StrataImportSession *s;
  sqlite3_stmt        *range;   /* lo <= id <= hi, ascending, LIMIT */
  sqlite3_stmt        *point;   /* one customer's row */
  GArray              *rows;    /* Old, ascending */
  GString             *text;    /* their values_json, each NUL-ended */
  guint                next;    /* the first of rows not walked past */
} Window;

/* The most bytes of the period's rows the merge has held at once. */
static gsize peak_held;
G_LOCK_DEFINE_STATIC (peak_held);

gsize
strata_import_period_peak_bytes (gboolean reset)
{
  gsize peak;

  G_LOCK (peak_held);
  peak = peak_held;
  if (reset)
    peak_held = 0;
  G_UNLOCK (peak_held);
  return peak;
}

static void
window_note_held (Window *w)
{
  gsize held = w->text->allocated_len + (gsize) w->rows->len * sizeof (Old);

  G_LOCK (peak_held);
  peak_held = MAX (peak_held, held);
  G_UNLOCK (peak_held);
}

static void
window_clear (Window *w)
{
  g_array_set_size (w->rows, 0);
  g_string_truncate (w->text, 0);
  w->next = 0;
  /* One unusually long window must not stay allocated for the rest. */
  if (w->text->allocated_len > 4 * 1024 * 1024)
    {
      g_string_free (w->text, TRUE);
      w->text = g_string_sized_new (64 * 1024);
    }
}

static void
window_keep (Window       *w,
             gint64        id,
             sqlite3_stmt *stmt,
             int           column)
{
  const char *json = (const char *) sqlite3_column_text (stmt, column);
  Old old = { id, w->text->len };

  if (json != NULL)
    g_string_append_len (w->text, json, sqlite3_column_bytes (stmt, column));
  else
    g_string_append (w->text, "{}");
  g_string_append_c (w->text, '\0');
  g_array_append_val (w->rows, old);
}

/* Reads the rows with lo <= id <= hi, at most limit of them (-1: all);
 * with wanted (ascending), only those whose ids it holds. */
static gboolean
window_read_range (Window       *w,
                   gint64        lo,
                   gint64        hi,
                   gint64        limit,
                   const gint64 *wanted,
                   guint         n_wanted,
                   GError      **error)
{
  sqlite3_stmt *stmt = w->range;
  guint k = 0;
  int rc;

  window_clear (w);
  sqlite3_bind_int64 (stmt, 2, lo);
  sqlite3_bind_int64 (stmt, 3, hi);
  sqlite3_bind_int64 (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (wanted != NULL)
        {
          while (k < n_wanted && wanted[k] < id)
            k++;
          if (k == n_wanted || wanted[k] != id)
            continue;
        }
      window_keep (w, id, stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (w->s->ws, error, "period_customers");
      return FALSE;
    }
  window_note_held (w);
  return TRUE;
}

/* Reads the rows of the customers ids (ascending), a look-up each. */
static gboolean
window_read_points (Window       *w,
                    const gint64 *ids,
                    guint         n,
                    GError      **error)
{
  sqlite3_stmt *stmt = w->point;

  window_clear (w);
  for (guint i = 0; i < n; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 2, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        window_keep (w, ids[i], stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          strata_workspace_set_db_error (w->s->ws, error, "period_customers");
          return FALSE;
        }
    }
  window_note_held (w);
  return TRUE;
}

/* The values_json of customer id in the window, or NULL; ids are asked
 * for in ascending order. */
static const char *
window_find (Window *w,
             gint64  id)
{
  while (w->next < w->rows->len && g_array_index (w->rows, Old, w->next).id < id)
    w->next++;
  if (w->next < w->rows->len && g_array_index (w->rows, Old, w->next).id == id)
    return w->text->str + g_array_index (w->rows, Old, w->next).offset;
  return NULL;
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const StrataImportValue *x = a, *y = b;
  return (x->customer_id > y->customer_id) - (x->customer_id < y->customer_id);
}

static int
compare_metric_values (gconstpointer a,
                       gconstpointer b)
{
  const StrataMetricValue *x = a, *y = b;
  return (x->metric_id > y->metric_id) - (x->metric_id < y->metric_id);
}

static gboolean
is_written (const gint64 *metric_ids,
            guint         n_metrics,
            gint64        id)
{
  for (guint k = 0; k < n_metrics; k++)
    if (metric_ids[k] == id)
      return TRUE;
  return FALSE;
}

typedef struct
{
  StrataImportSession        *s;
  const gint64               *metric_ids;
  GArray                    **values;
  guint                       n_metrics;
  guint                      *cursor;    /* per metric: the first value not walked past */
  GArray                     *row;       /* StrataMetricValue */
  GString                    *json;
  StrataBulk                 *add;
  StrataBulk                 *change;
  StrataPeriodColumnsBuilder *columns;
} Merge;

/* Writes customer id's row: old (its values_json, NULL when it is not in
 * the period yet) with the import's metrics replaced. */
static gboolean
merge_one (Merge       *m,
           gint64       id,
           const char  *old,
           GError     **error)
{
  GArray *row = m->row;
  StrataBulk *bulk;

  g_array_set_size (row, 0);
  if (old != NULL)
    {
      const char *problem;
      guint keep = 0;

      if (!strata_period_values_parse (old, row, &problem))
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                       _("%s: the metric values of customer %lld in period %lld cannot be read (%s): %s"),
                       strata_workspace_get_path (m->s->ws), (long long) id,
                       (long long) m->s->result->period_id, problem, old);
          return FALSE;
        }
      /* The metrics this import writes are replaced, the rest kept. */
      for (guint i = 0; i < row->len; i++)
        if (!is_written (m->metric_ids, m->n_metrics, g_array_index (row, StrataMetricValue, i).metric_id))
          g_array_index (row, StrataMetricValue, keep++) = g_array_index (row, StrataMetricValue, i);
      g_array_set_size (row, keep);
    }
  for (guint k = 0; k < m->n_metrics; k++)
    {
      GArray *col = m->values[k];
      guint *c = &m->cursor[k];

      while (*c < col->len && g_array_index (col, StrataImportValue, *c).customer_id < id)
        (*c)++;
      if (*c < col->len && g_array_index (col, StrataImportValue, *c).customer_id == id)
        {
          StrataMetricValue v = { m->metric_ids[k], g_array_index (col, StrataImportValue, *c).value };
          g_array_append_val (row, v);
        }
    }
  g_array_sort (row, compare_metric_values);
  g_string_truncate (m->json, 0);
  strata_period_values_format (m->json, (const StrataMetricValue *) (gpointer) row->data, row->len);
  if (m->columns != NULL)
    strata_period_columns_builder_add (m->columns, id, (const StrataMetricValue *) (gpointer) row->data,
                                       row->len);
  if (old != NULL && strcmp (old, m->json->str) == 0)
    return TRUE;   /* a re-import of the same file writes nothing */
  bulk = old != NULL ? m->change : m->add;
  strata_bulk_int (bulk, m->s->result->period_id);
  strata_bulk_int (bulk, id);
  strata_bulk_text_copy (bulk, m->json->str, m->json->len);
  return strata_bulk_end_row (bulk, error);
}

/* The members, a window of them at a time: only their rows are read. */
static gboolean
merge_members (Merge   *m,
               Window  *w,
               GArray  *members,
               GError **error)
{
  const gint64 *ids = (const gint64 *) (gpointer) members->data;

  for (guint from = 0; from < members->len; from += WINDOW)
    {
      guint n = MIN (WINDOW, members->len - from);
      gint64 lo = ids[from], hi = ids[from + n - 1];
      gboolean ok;

      /* hi - lo cannot overflow: customer ids are positive. */
      if ((guint64) (hi - lo) < (guint64) n * DENSE_SPAN)
        ok = window_read_range (w, lo, hi, -1, ids + from, n, error);
      else
        ok = window_read_points (w, ids + from, n, error);
      if (!ok)
        return FALSE;
      for (guint i = from; i < from + n; i++)
        if (!merge_one (m, ids[i], window_find (w, ids[i]), error))
          return FALSE;
    }
  return TRUE;
}

/* The smallest customer id above after with a value in the file, or
 * FALSE when there is none. */
static gboolean
next_valued (Merge  *m,
             gint64  after,
             gint64 *id)
{
  gboolean found = FALSE;

  for (guint k = 0; k < m->n_metrics; k++)
    {
      GArray *col = m->values[k];
      guint *c = &m->cursor[k];

      while (*c < col->len && g_array_index (col, StrataImportValue, *c).customer_id <= after)
        (*c)++;
      if (*c < col->len && (!found || g_array_index (col, StrataImportValue, *c).customer_id < *id))
        {
          *id = g_array_index (col, StrataImportValue, *c).customer_id;
          found = TRUE;
        }
    }
  return found;
}

/* Every customer of the period and every customer with a value, the
 * period's rows a window at a time. */
static gboolean
merge_all (Merge   *m,
           Window  *w,
           GError **error)
{
  gint64 lo = G_MININT64, done = G_MININT64;   /* customer ids are positive */

  for (;;)
    {
      gboolean last;
      gint64 hi;

      if (!window_read_range (w, lo, G_MAXINT64, WINDOW, NULL, 0, error))
        return FALSE;
      last = w->rows->len < WINDOW;
      hi = last ? G_MAXINT64 : g_array_index (w->rows, Old, w->rows->len - 1).id;
      /* The window's rows and the file's customers up to hi, merged. */
      for (;;)
        {
          gint64 id = G_MAXINT64, valued = 0;
          gboolean have = w->next < w->rows->len;

          if (have)
            id = g_array_index (w->rows, Old, w->next).id;
          if (next_valued (m, done, &valued) && valued <= hi && (!have || valued < id))
            {
              id = valued;
              have = TRUE;
            }
          if (!have)
            break;
          if (!merge_one (m, id, window_find (w, id), error))
            return FALSE;
          if (w->next < w->rows->len && g_array_index (w->rows, Old, w->next).id == id)
            w->next++;
          done = id;
        }
      if (last)
        return TRUE;
      lo = hi + 1;
    }
}

gboolean
strata_import_write_period (StrataImportSession  *s,
                            const gint64         *metric_ids,
                            GArray              **values,
                            guint                 n_metrics,
                            GArray               *members,
                            GError              **error)
{
  g_autoptr(GArray) row = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  g_autoptr(GString) json = g_string_sized_new (128);
  g_autofree guint *cursor = g_new0 (guint, n_metrics);
  /* New rows go through a plain INSERT: an upsert looks each row up first. */
  g_autoptr(StrataBulk) add =
    strata_bulk_new (s->ws, "INSERT INTO period_customers (period_id, customer_id, values_json)", 3, NULL);
  g_autoptr(StrataBulk) change =
    strata_bulk_new (s->ws, "INSERT INTO period_customers (period_id, customer_id, values_json)", 3,
                     "ON CONFLICT (period_id, customer_id) DO UPDATE SET values_json = excluded.values_json");
  /* Without members every customer of the period is walked, so the walk
   * has all the period's values: its columns are written from them. */
  g_autoptr(StrataPeriodColumnsBuilder) columns = members == NULL ? strata_period_columns_builder_new () : NULL;
  g_autoptr(sqlite3_stmt) range = NULL;
  g_autoptr(sqlite3_stmt) point = NULL;
  Merge m = { s, metric_ids, values, n_metrics, cursor, row, json, add, change, columns };
  Window w = { s, NULL, NULL, NULL, NULL, 0 };
  gboolean ok = FALSE;

  range = strata_workspace_prepare (s->ws, "SELECT customer_id, values_json FROM period_customers"
                                    " WHERE period_id = ?1 AND customer_id BETWEEN ?2 AND ?3"
                                    " ORDER BY customer_id LIMIT ?4", error);
  point = range == NULL ? NULL :
          strata_workspace_prepare (s->ws, "SELECT values_json FROM period_customers"
                                    " WHERE period_id = ?1 AND customer_id = ?2", error);
  if (point == NULL)
    return FALSE;
  sqlite3_bind_int64 (range, 1, s->result->period_id);
  sqlite3_bind_int64 (point, 1, s->result->period_id);
  w.range = range;
  w.point = point;
  w.rows = g_array_new (FALSE, FALSE, sizeof (Old));
  w.text = g_string_sized_new (64 * 1024);

  for (guint k = 0; k < n_metrics; k++)
    strata_import_sort (values[k], compare_values);
  ok = (members != NULL ? merge_members (&m, &w, members, error) : merge_all (&m, &w, error)) &&
       strata_bulk_flush (add, error) && strata_bulk_flush (change, error) &&
       (columns == NULL ||
        strata_period_columns_builder_write (columns, s->ws, s->result->period_id, error));

  g_array_unref (w.rows);
  g_string_free (w.text, TRUE);
  return ok;
}
