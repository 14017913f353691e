/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer-table import's writer side: batches of new customers (with
 * their attributes and period rows) copied by the writer thread while the
 * file is read on. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-import-customers-private.h"
#include "strata-period-values.h"


static Batch *
batch_new (Ctx *c)
{
  Batch *b = g_new0 (Batch, 1);

  b->c = c;
  b->customers = g_array_sized_new (FALSE, FALSE, sizeof (NewCustomer), BATCH_ROWS);
  b->attrs = g_array_new (FALSE, FALSE, sizeof (Attr));
  b->members = g_array_sized_new (FALSE, FALSE, sizeof (Member), BATCH_ROWS);
  /* Room for the batch's values_json without growing it: about 16 bytes
   * a value. */
  b->json = g_string_sized_new (BATCH_ROWS * (16 + 16 * (gsize) c->n_metric_cols));
  b->renames = g_array_new (FALSE, FALSE, sizeof (Rename));
  b->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  b->strings = g_string_chunk_new (64 * 1024);
  return b;
}

static void
batch_free (gpointer data)
{
  Batch *b = data;

  g_array_unref (b->customers);
  g_array_unref (b->attrs);
  g_array_unref (b->members);
  g_string_free (b->json, TRUE);
  g_array_unref (b->renames);
  g_ptr_array_unref (b->rejects);
  g_string_chunk_free (b->strings);
  g_free (b);
}

static void
customer_column (gconstpointer    rows,
                 guint            row,
                 guint            column,
                 sqlite3_context *context)
{
  const NewCustomer *nc = &g_array_index (((const Batch *) rows)->customers, NewCustomer, row);

  if (column == 0)
    sqlite3_result_int64 (context, nc->id);
  else
    sqlite3_result_text (context, column == 1 ? nc->ext_id : nc->name, -1, SQLITE_STATIC);
}

static void
attr_column (gconstpointer    rows,
             guint            row,
             guint            column,
             sqlite3_context *context)
{
  const Attr *a = &g_array_index (((const Batch *) rows)->attrs, Attr, row);

  if (column == 0)
    sqlite3_result_int64 (context, a->customer_id);
  else
    sqlite3_result_text (context, column == 1 ? a->key : a->value, -1, SQLITE_STATIC);
}

static void
member_column (gconstpointer    rows,
               guint            row,
               guint            column,
               sqlite3_context *context)
{
  const Batch *b = rows;
  const Member *m = &g_array_index (b->members, Member, row);

  if (column == 0)
    sqlite3_result_int64 (context, m->id);
  else
    sqlite3_result_text (context, b->json->str + m->json, -1, SQLITE_STATIC);
}

/* Copies one of the batch's tables; runs on the writer thread. With
 * every_row, the statement is an INSERT OR IGNORE whose rows cannot
 * conflict (new ids and ext_ids, checked by the reader): a row it skipped
 * anyway is an error. OR IGNORE, because a plain INSERT of many rows in
 * the import's transaction makes SQLite copy every page it changes into
 * a statement journal (to undo that statement alone if a row failed):
 * 1.8 GB written to a temporary file at a million customers in random
 * order, never read. */
static gboolean
copy_rows (Ctx                    *c,
           StrataRowSource        *source,
           sqlite3_stmt           *copy,
           Batch                  *b,
           guint                   n_rows,
           StrataRowSourceColumn   column,
           const char             *table,
           gboolean                every_row,
           GError                **error)
{
  sqlite3_int64 written;
  int rc;

  if (n_rows == 0)
    return TRUE;
  strata_row_source_set (source, b, n_rows, column);
  rc = sqlite3_step (copy);
  /* The rows it inserted itself, not those of triggers. */
  written = sqlite3_changes64 (strata_workspace_get_db (c->s->ws));
  sqlite3_reset (copy);
  strata_row_source_set (source, NULL, 0, column);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (c->s->ws, error, table);
      return FALSE;
    }
  if (every_row && written != n_rows)
    {
      /* Worded as strata_workspace_set_db_error () words SQLite's errors. */
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_DATABASE,
                   "%s: %s: %lld of %u rows were not written",
                   strata_workspace_get_path (c->s->ws), table,
                   (long long) (n_rows - written), n_rows);
      return FALSE;
    }
  return TRUE;
}

/* Runs on the writer thread. */
static gboolean
write_batch (gpointer   data,
             GError   **error)
{
  Batch *b = data;
  Ctx *c = b->c;

  if (g_cancellable_set_error_if_cancelled (c->s->cancellable, error) ||
      !copy_rows (c, c->batch_customers, c->add_customers, b, b->customers->len,
                  customer_column, "customers", TRUE, error))
    return FALSE;
  for (guint i = 0; i < b->renames->len; i++)
    {
      Rename *r = &g_array_index (b->renames, Rename, i);
      int rc;

      sqlite3_bind_text (c->rename, 1, r->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (c->rename, 2, r->id);
      rc = sqlite3_step (c->rename);
      sqlite3_reset (c->rename);
      if (rc != SQLITE_DONE)
        {
          strata_workspace_set_db_error (c->s->ws, error, "customers");
          return FALSE;
        }
    }
  return copy_rows (c, c->batch_attrs, c->add_attrs, b, b->attrs->len, attr_column, "attributes", FALSE, error) &&
         copy_rows (c, c->batch_members, c->add_members, b, b->members->len, member_column,
                    "period_customers", TRUE, error) &&
         strata_import_write_rejects (c->s, b->rejects, error);
}

/* Hands the batch being filled to the writer. */
static void
push_batch (Ctx *c)
{
  Batch *b = c->batch;

  g_ptr_array_extend_and_steal (b->rejects, c->s->deferred_rejects);
  c->s->deferred_rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  strata_import_writer_push (c->writer, write_batch, b, batch_free);
  c->batch = batch_new (c);
}

/* Hands the batch being filled to the writer once it is full. */
void
strata_import_customers_push_full_batch (Ctx *c)
{
  if (c->batch->customers->len >= BATCH_ROWS || c->batch->renames->len >= BATCH_ROWS ||
      c->s->deferred_rejects->len >= BATCH_ROWS)
    push_batch (c);
}

static int
compare_metric_cols (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  Ctx *c = data;
  gint64 x = c->cols[*(const guint *) a].metric->id;
  gint64 y = c->cols[*(const guint *) b].metric->id;

  return (x > y) - (x < y);
}

/* Starts the writer thread: from here until strata_import_customers_stop_writing () the reader
 * must leave the connection alone. */
gboolean
strata_import_customers_start_writing (Ctx     *c,
                                       GError **error)
{
  StrataWorkspace *ws = c->s->ws;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  c->metric_cols = g_new (guint, c->n_cols);
  for (guint i = 0; i < c->n_cols; i++)
    if (c->cols[i].role == ROLE_METRIC)
      c->metric_cols[c->n_metric_cols++] = i;
  g_qsort_with_data (c->metric_cols, c->n_metric_cols, sizeof (guint), compare_metric_cols, c);

  c->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  c->batch_customers = strata_row_source_new (ws, "strata_batch_customers", "id, ext_id, name", error);
  c->batch_attrs = strata_row_source_new (ws, "strata_batch_attributes", "customer_id, key, value", error);
  c->batch_members = strata_row_source_new (ws, "strata_batch_members", "customer_id, values_json", error);
  if (c->batch_customers == NULL || c->batch_attrs == NULL || c->batch_members == NULL)
    return FALSE;
  c->add_customers = strata_workspace_prepare (ws, "INSERT OR IGNORE INTO customers (id, ext_id, name, created_at)"
                                               " SELECT id, ext_id, name, ?1 FROM strata_batch_customers", error);
  /* OR REPLACE: a header can name an attribute twice. */
  c->add_attrs = strata_workspace_prepare (ws, "INSERT OR REPLACE INTO attributes (customer_id, key, value)"
                                           " SELECT customer_id, key, value FROM strata_batch_attributes", error);
  /* A new customer is in no period yet: no row can conflict (OR IGNORE
   * for copy_rows' sake). */
  c->add_members = strata_workspace_prepare (ws, "INSERT OR IGNORE INTO period_customers (period_id, customer_id, values_json)"
                                             " SELECT ?1, customer_id, values_json FROM strata_batch_members", error);
  if (c->add_customers == NULL || c->add_attrs == NULL || c->add_members == NULL)
    return FALSE;
  sqlite3_bind_text (c->add_customers, 1, c->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (c->add_members, 1, c->s->result->period_id);
  /* A period the import fills gets its columns from the import, which
   * deletes the period's columns before writing them: the trigger that
   * deletes them on every row inserted (format 4) would only repeat that,
   * at a third of the cost of inserting the row. Only this connection's
   * triggers are off, and only until the writer stops. */
  if (c->period_columns != NULL)
    {
      sqlite3_db_config (strata_workspace_get_db (ws), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
      c->triggers_off = TRUE;
    }
  /* The writer's rows refer to the period the import made or found and to
   * customers it has just written or read: checking each row's two parents
   * cost a sixth of inserting it. (PRAGMA foreign_keys cannot change in a
   * transaction; this can.) On again when the writer stops. */
  sqlite3_db_config (strata_workspace_get_db (ws), SQLITE_DBCONFIG_ENABLE_FKEY, -1, &c->foreign_keys);
  if (c->foreign_keys)
    sqlite3_db_config (strata_workspace_get_db (ws), SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
  /* The CHECK on customers.ext_id (not empty: the reader rejects a row
   * without an id) makes SQLite keep a statement journal even for INSERT
   * OR IGNORE, as it may abort: off, like the triggers, until the writer
   * stops. */
  {
    g_autoptr(sqlite3_stmt) get = strata_workspace_prepare (ws, "PRAGMA ignore_check_constraints", error);

    if (get == NULL || sqlite3_step (get) != SQLITE_ROW)
      return FALSE;
    if (sqlite3_column_int (get, 0) == 0)
      {
        if (!strata_workspace_exec (ws, "PRAGMA ignore_check_constraints = ON", error))
          return FALSE;
        c->checks_off = TRUE;
      }
  }
  c->batch = batch_new (c);
  c->s->deferred_rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  c->writer = strata_import_writer_start (WRITER_BATCHES);
  return TRUE;
}

/* Hands over what is left and waits for the writer. With ok FALSE (the
 * reader failed and has set its error) the writer's error is dropped. */
gboolean
strata_import_customers_stop_writing (Ctx       *c,
                                      gboolean   ok,
                                      GError   **error)
{
  if (ok)
    push_batch (c);
  ok = strata_import_writer_finish (g_steal_pointer (&c->writer), ok ? error : NULL) && ok;
  if (c->triggers_off)
    {
      sqlite3_db_config (strata_workspace_get_db (c->s->ws), SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
      c->triggers_off = FALSE;
    }
  if (c->foreign_keys)
    {
      sqlite3_db_config (strata_workspace_get_db (c->s->ws), SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
      c->foreign_keys = 0;
    }
  if (c->checks_off)
    {
      strata_workspace_exec (c->s->ws, "PRAGMA ignore_check_constraints = OFF", NULL);
      c->checks_off = FALSE;
    }
  g_clear_pointer (&c->batch, batch_free);
  /* Rejects after the last batch: none when ok. */
  g_clear_pointer (&c->s->deferred_rejects, g_ptr_array_unref);
  return ok;
}
