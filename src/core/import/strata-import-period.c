/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing an import's metric values into its period. Each customer of the
 * period is one row whose values_json holds all its metrics, so an import
 * merges: it reads the period's rows once, walks the customers it changes
 * in id order (the order of the primary key, which makes the writes
 * appends) against the sorted value columns, and writes a row only when
 * its object changed. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-bulk.h"
#include "strata-period-columns.h"
#include "strata-import-private.h"
#include "strata-period-values.h"

typedef struct
{
  GArray       *ids;     /* gint64: the period's customers, ascending */
  GPtrArray    *json;    /* const char*: their values_json, in strings */
  GStringChunk *strings;
} Existing;

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
read_existing (StrataImportSession  *s,
               Existing             *e,
               GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (s->ws, "SELECT customer_id, values_json FROM period_customers"
                              " WHERE period_id = ?1 ORDER BY customer_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->result->period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *json = (const char *) sqlite3_column_text (stmt, 1);

      g_array_append_val (e->ids, id);
      g_ptr_array_add (e->json, g_string_chunk_insert_len (e->strings, json ? json : "{}",
                                                           sqlite3_column_bytes (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (s->ws, error, "period_customers");
      return FALSE;
    }
  return TRUE;
}

/* The customers to write, each once and ascending: the members, or the
 * period's customers and any customer with a value. */
static GArray *
targets_for (Existing  *e,
             GArray   **values,
             guint      n_metrics,
             GArray    *members)
{
  GArray *t;

  if (members != NULL)
    return g_array_ref (members);
  t = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (t, e->ids->data, e->ids->len);
  for (guint k = 0; k < n_metrics; k++)
    for (guint i = 0; i < values[k]->len; i++)
      g_array_append_val (t, g_array_index (values[k], StrataImportValue, i).customer_id);
  g_array_sort (t, strata_import_compare_ids);
  if (t->len > 1)
    {
      guint out = 1;

      for (guint i = 1; i < t->len; i++)
        if (g_array_index (t, gint64, i) != g_array_index (t, gint64, out - 1))
          g_array_index (t, gint64, out++) = g_array_index (t, gint64, i);
      g_array_set_size (t, out);
    }
  return t;
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

gboolean
strata_import_write_period (StrataImportSession  *s,
                            const gint64         *metric_ids,
                            GArray              **values,
                            guint                 n_metrics,
                            GArray               *members,
                            GError              **error)
{
  Existing e = { 0 };
  g_autoptr(GArray) targets = NULL;
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
  StrataBulk *bulk;
  guint j = 0;
  gboolean ok = FALSE;

  e.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  e.json = g_ptr_array_new ();
  e.strings = g_string_chunk_new (64 * 1024);
  if (!read_existing (s, &e, error))
    goto out;
  for (guint k = 0; k < n_metrics; k++)
    strata_import_sort (values[k], compare_values);
  targets = targets_for (&e, values, n_metrics, members);

  for (guint i = 0; i < targets->len; i++)
    {
      gint64 id = g_array_index (targets, gint64, i);
      const char *old = NULL;

      while (j < e.ids->len && g_array_index (e.ids, gint64, j) < id)
        j++;
      g_array_set_size (row, 0);
      if (j < e.ids->len && g_array_index (e.ids, gint64, j) == id)
        {
          const char *problem;
          guint keep = 0;

          old = e.json->pdata[j];
          if (!strata_period_values_parse (old, row, &problem))
            {
              g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                           _("%s: the metric values of customer %lld in period %lld cannot be read (%s): %s"),
                           strata_workspace_get_path (s->ws), (long long) id,
                           (long long) s->result->period_id, problem, old);
              goto out;
            }
          /* The metrics this import writes are replaced, the rest kept. */
          for (guint m = 0; m < row->len; m++)
            if (!is_written (metric_ids, n_metrics, g_array_index (row, StrataMetricValue, m).metric_id))
              g_array_index (row, StrataMetricValue, keep++) = g_array_index (row, StrataMetricValue, m);
          g_array_set_size (row, keep);
        }
      for (guint k = 0; k < n_metrics; k++)
        {
          GArray *col = values[k];

          while (cursor[k] < col->len && g_array_index (col, StrataImportValue, cursor[k]).customer_id < id)
            cursor[k]++;
          if (cursor[k] < col->len && g_array_index (col, StrataImportValue, cursor[k]).customer_id == id)
            {
              StrataMetricValue v = { metric_ids[k], g_array_index (col, StrataImportValue, cursor[k]).value };
              g_array_append_val (row, v);
            }
        }
      g_array_sort (row, compare_metric_values);
      g_string_truncate (json, 0);
      strata_period_values_format (json, (const StrataMetricValue *) (gpointer) row->data, row->len);
      if (columns != NULL)
        strata_period_columns_builder_add (columns, id, (const StrataMetricValue *) (gpointer) row->data,
                                           row->len);
      if (old != NULL && strcmp (old, json->str) == 0)
        continue;   /* a re-import of the same file writes nothing */
      bulk = old != NULL ? change : add;
      strata_bulk_int (bulk, s->result->period_id);
      strata_bulk_int (bulk, id);
      strata_bulk_text_copy (bulk, json->str, json->len);
      if (!strata_bulk_end_row (bulk, error))
        goto out;
    }
  ok = strata_bulk_flush (add, error) && strata_bulk_flush (change, error) &&
       (columns == NULL ||
        strata_period_columns_builder_write (columns, s->ws, s->result->period_id, error));

out:
  g_array_unref (e.ids);
  g_ptr_array_unref (e.json);
  g_string_chunk_free (e.strings);
  return ok;
}
