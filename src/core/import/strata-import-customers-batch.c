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
  Batch *b = c->spare_batches != NULL ? g_async_queue_try_pop (c->spare_batches) : NULL;

  if (b != NULL)
    return b;
  b = g_new0 (Batch, 1);

  b->c = c;
  b->customers = g_array_sized_new (FALSE, FALSE, sizeof (NewCustomer), BATCH_ROWS);
  b->attrs = g_array_new (FALSE, FALSE, sizeof (Attr));
  b->members = g_array_sized_new (FALSE, FALSE, sizeof (Member), BATCH_ROWS);
  /* Room for the batch's values_json without growing it: about 16 bytes
   * a value. */
  b->json = g_string_sized_new (BATCH_ROWS * (16 + 16 * (gsize) c->n_metric_cols));
  b->values = g_array_sized_new (FALSE, FALSE, sizeof (StrataMetricValue),
                                 c->period_columns != NULL ? BATCH_ROWS * c->n_metric_cols : 0);
  b->renames = g_array_new (FALSE, FALSE, sizeof (Rename));
  b->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  b->strings = g_string_chunk_new (64 * 1024);
  return b;
}

static void
batch_free (gpointer data)
{
  Batch *b = data;

  if (b == NULL)
    return;
  g_array_unref (b->customers);
  g_array_unref (b->attrs);
  g_array_unref (b->members);
  g_string_free (b->json, TRUE);
  g_array_unref (b->values);
  g_array_unref (b->renames);
  g_ptr_array_unref (b->rejects);
  g_string_chunk_free (b->strings);
  g_free (b->ordered);
  g_free (b);
}

/* The writer is done with the batch: emptied, it goes back to the
 * reader, its arrays kept at their size. */
static void
batch_recycle (gpointer data)
{
  Batch *b = data;

  g_array_set_size (b->customers, 0);
  g_array_set_size (b->attrs, 0);
  b->known_attrs = FALSE;
  g_array_set_size (b->members, 0);
  g_string_truncate (b->json, 0);
  g_array_set_size (b->values, 0);
  g_array_set_size (b->renames, 0);
  g_ptr_array_set_size (b->rejects, 0);
  g_string_chunk_clear (b->strings);
  g_async_queue_push (b->c->spare_batches, b);
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
  else if (column == 1)
    sqlite3_result_text (context, nc->ext_id, nc->ext_id_len, SQLITE_STATIC);
  else
    sqlite3_result_text (context, nc->name, nc->name_len, SQLITE_STATIC);
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
    sqlite3_result_text (context, b->json->str + m->json, m->json_len, SQLITE_STATIC);
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
  return (!b->known_attrs ||
          copy_rows (c, c->batch_attrs, c->drop_attrs, b, b->attrs->len, attr_column, "attributes", FALSE, error)) &&
         copy_rows (c, c->batch_attrs, c->add_attrs, b, b->attrs->len, attr_column, "attributes", TRUE, error) &&
         copy_rows (c, c->batch_members, c->add_members, b, b->members->len, member_column,
                    "period_customers", TRUE, error) &&
         strata_import_write_rejects (c->s, b->rejects, error);
}

/* The member's values into the period's columns, under the id. */
static void
add_to_columns (const Batch                *b,
                const Member               *m,
                gint64                      id,
                StrataPeriodColumnsBuilder *columns)
{
  if (columns != NULL)
    strata_period_columns_builder_add (columns, id,
                                       m->n_values > 0 ? &g_array_index (b->values, StrataMetricValue, m->values)
                                                       : NULL,
                                       m->n_values);
}

/* Eight bytes of an ext id as a number that sorts as the text does
 * (bytes compared unsigned, a shorter text first): taken after what all
 * of a batch's ids begin with ("CUST-000"), most comparisons end here,
 * without following two pointers. */
static guint64
ext_id_prefix (const char *ext_id)
{
  guint64 key = 0;

  for (guint i = 0; i < 8; i++)
    {
      key = (key << 8) | (guchar) *ext_id;
      if (*ext_id != '\0')
        ext_id++;
    }
  return key;
}

/* How many rows ahead number_by_ext_id () prefetches. */
#define PREFETCH_AHEAD 8

typedef struct
{
  guint64 prefix;
  guint   index;   /* in Batch.customers */
} ExtIdKey;

static int
compare_ext_ids (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const ExtIdKey *x = a, *y = b;
  const NewCustomer *customers = data;

  if (x->prefix != y->prefix)
    return x->prefix < y->prefix ? -1 : 1;
  return strcmp (customers[x->index].ext_id, customers[y->index].ext_id);
}

/* Appends the member to the arrays under a new id with its values_json,
 * and its values to the period's columns (when the import writes them). */
static void
move_member (const Batch                *from,
             const Member               *m,
             gint64                      id,
             GArray                     *members,
             GString                    *json,
             StrataPeriodColumnsBuilder *columns)
{
  Member moved = { id, json->len, m->json_len, 0, 0 };

  g_string_append_len (json, from->json->str + m->json, m->json_len + 1);
  g_array_append_val (members, moved);
  add_to_columns (from, m, id, columns);
}

/* Gives the batch's new customers their ids in ext id order. The reader
 * numbered them in the file's order, the ids first .. first + n - 1; the
 * writer inserts them in id order, so each lands at the end of the
 * customers table, but a file whose ids are not in order (most: sorted
 * by name, by revenue, or not at all) then put each ext id at a random
 * place of the table's UNIQUE index, a descent to a page far from the
 * last one per row: 30% of a million-row import, and twice the time of
 * sorted ids. Numbered in ext id order, the batch goes into that index as
 * one ordered run. The reader has used the ids only for the batch's own
 * rows (renumbered here), and its table of known customers needs them
 * only to tell a repeated id, whose row is rejected.
 * The customers, their period rows and attributes are copied in their
 * new order (the known customers' first, as they were): the writer then
 * reads each array front to back, as before, not a cache miss a row. */
static gboolean
number_by_ext_id (Batch                      *b,
                  StrataPeriodColumnsBuilder *columns)
{
  guint n = b->customers->len;
  NewCustomer *customers = (NewCustomer *) (gpointer) b->customers->data;
  g_autofree ExtIdKey *keys = NULL;
  g_autofree guint *member_of = NULL;
  g_autofree guint *attrs_at = NULL;
  g_autofree guint *n_attrs = NULL;
  NewCustomer *sorted;
  GArray *members, *attrs;
  GString *json;
  gsize n_bytes = 0;
  char *at;
  gboolean in_order = TRUE;
  guint common;
  gint64 first;

  if (n < 2)
    return FALSE;
  first = customers[0].id;
  common = customers[0].ext_id_len;
  for (guint i = 1; i < n; i++)
    {
      guint k = 0;

      while (k < common && customers[i].ext_id[k] == customers[0].ext_id[k])
        k++;
      common = k;
      /* Only the reader's consecutive numbering can be renumbered. */
      if (customers[i].id != first + i)
        return FALSE;
      in_order = in_order && strcmp (customers[i - 1].ext_id, customers[i].ext_id) < 0;
    }
  if (in_order)
    return FALSE;

  keys = g_new (ExtIdKey, n);
  for (guint i = 0; i < n; i++)
    {
      keys[i].prefix = ext_id_prefix (customers[i].ext_id + common);
      keys[i].index = i;
      n_bytes += customers[i].ext_id_len + customers[i].name_len + 2;
    }
  g_qsort_with_data (keys, n, sizeof (ExtIdKey), compare_ext_ids, customers);

  /* Where each new customer's period row and attributes are: a new
   * customer has one period row, and its attributes are one run. */
  member_of = g_new (guint, n);
  attrs_at = g_new0 (guint, n);
  n_attrs = g_new0 (guint, n);
  for (guint i = 0; i < b->members->len; i++)
    {
      gint64 id = g_array_index (b->members, Member, i).id;

      if (id >= first && id < first + n)
        member_of[id - first] = i;
    }
  for (guint i = 0; i < b->attrs->len; i++)
    {
      gint64 id = g_array_index (b->attrs, Attr, i).customer_id;

      if (id >= first && id < first + n && n_attrs[id - first]++ == 0)
        attrs_at[id - first] = i;
    }

  /* Into the arrays the last batch was copied from (their size kept). */
  members = b->c->spare_members != NULL ? g_steal_pointer (&b->c->spare_members)
            : g_array_sized_new (FALSE, FALSE, sizeof (Member), b->members->len);
  attrs = b->c->spare_attrs != NULL ? g_steal_pointer (&b->c->spare_attrs)
          : g_array_sized_new (FALSE, FALSE, sizeof (Attr), b->attrs->len);
  json = b->c->spare_json != NULL ? g_steal_pointer (&b->c->spare_json) : g_string_sized_new (b->json->len);
  for (guint i = 0; i < b->members->len; i++)
    {
      const Member *m = &g_array_index (b->members, Member, i);

      if (m->id < first || m->id >= first + n)
        move_member (b, m, m->id, members, json, columns);
    }
  for (guint i = 0; i < b->attrs->len; i++)
    {
      const Attr *a = &g_array_index (b->attrs, Attr, i);

      if (a->customer_id < first || a->customer_id >= first + n)
        g_array_append_vals (attrs, a, 1);
    }

  /* Both kept from batch to batch: a fresh megabyte each time was a page
   * fault per 4 KiB. */
  if (b->c->spare_sorted_size < n)
    {
      g_free (b->c->spare_sorted);
      b->c->spare_sorted_size = MAX (n, BATCH_ROWS);
      b->c->spare_sorted = g_new (NewCustomer, b->c->spare_sorted_size);
    }
  sorted = b->c->spare_sorted;
  if (b->ordered_size < n_bytes)
    {
      g_free (b->ordered);
      b->ordered_size = MAX (n_bytes, b->ordered_size * 2);
      b->ordered = g_malloc (b->ordered_size);
    }
  at = b->ordered;
  for (guint r = 0; r < n; r++)
    {
      guint i = keys[r].index;
      gint64 id = first + r;

      /* The rows are read in a new order, each far from the last: ask
       * for those a few rows on while this one is copied. */
      if (r + PREFETCH_AHEAD < n)
        {
          guint ahead = keys[r + PREFETCH_AHEAD].index;
          const Member *m = &g_array_index (b->members, Member, member_of[ahead]);

          __builtin_prefetch (customers[ahead].ext_id);
          __builtin_prefetch (b->json->str + m->json);
          /* Its values for the period's columns: 16 bytes each, a few lines. */
          if (columns != NULL && m->n_values > 0)
            {
              const char *values = (const char *) &g_array_index (b->values, StrataMetricValue, m->values);

              for (guint k = 0; k < m->n_values * sizeof (StrataMetricValue); k += 64)
                __builtin_prefetch (values + k);
            }
          __builtin_prefetch (&g_array_index (b->members, Member, member_of[keys[MIN (r + 2 * PREFETCH_AHEAD, n - 1)].index]));
        }
      sorted[r] = customers[i];
      sorted[r].id = id;
      sorted[r].ext_id = memcpy (at, customers[i].ext_id, customers[i].ext_id_len + 1);
      at += customers[i].ext_id_len + 1;
      sorted[r].name = memcpy (at, customers[i].name, customers[i].name_len + 1);
      at += customers[i].name_len + 1;
      move_member (b, &g_array_index (b->members, Member, member_of[i]), id, members, json, columns);
      for (guint k = attrs_at[i]; k < attrs_at[i] + n_attrs[i]; k++)
        {
          Attr a = g_array_index (b->attrs, Attr, k);

          a.customer_id = id;
          g_array_append_val (attrs, a);
        }
    }
  memcpy (customers, sorted, n * sizeof (NewCustomer));

  g_array_set_size (b->members, 0);
  b->c->spare_members = b->members;
  b->members = members;
  g_array_set_size (b->attrs, 0);
  b->c->spare_attrs = b->attrs;
  b->attrs = attrs;
  g_string_truncate (b->json, 0);
  b->c->spare_json = b->json;
  b->json = json;
  return TRUE;
}

/* Hands the batch being filled to the writer: its customers numbered,
 * their values added to the period's columns under their final ids
 * (which the writer does not need). */
static void
push_batch (Ctx *c)
{
  Batch *b = c->batch;

  if (!number_by_ext_id (b, c->period_columns))
    for (guint i = 0; i < b->members->len; i++)
      {
        const Member *m = &g_array_index (b->members, Member, i);

        add_to_columns (b, m, m->id, c->period_columns);
      }

  g_ptr_array_extend_and_steal (b->rejects, c->s->deferred_rejects);
  c->s->deferred_rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  strata_import_writer_push (c->writer, write_batch, b, batch_recycle);
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
  /* A known customer's attributes in the batch replace those it had:
   * deleted first, then inserted with the rest, which cannot conflict
   * (new ids; the reader keeps one value a key). Not INSERT OR REPLACE
   * (nor an upsert): it may abort on a NULL, so SQLite kept a statement
   * journal for it, spilled to a temporary file past 64 KiB (4 pages of
   * 16 KiB). */
  c->first_new_id = c->next_id;
  c->drop_attrs = strata_workspace_prepare (ws, "DELETE FROM attributes WHERE (customer_id, key) IN"
                                            " (SELECT customer_id, key FROM strata_batch_attributes"
                                            "  WHERE customer_id < ?1)", error);
  c->add_attrs = strata_workspace_prepare (ws, "INSERT OR IGNORE INTO attributes (customer_id, key, value)"
                                           " SELECT customer_id, key, value FROM strata_batch_attributes", error);
  /* A new customer is in no period yet: no row can conflict (OR IGNORE
   * for copy_rows' sake). */
  c->add_members = strata_workspace_prepare (ws, "INSERT OR IGNORE INTO period_customers (period_id, customer_id, values_json)"
                                             " SELECT ?1, customer_id, values_json FROM strata_batch_members", error);
  if (c->add_customers == NULL || c->drop_attrs == NULL || c->add_attrs == NULL || c->add_members == NULL)
    return FALSE;
  sqlite3_bind_int64 (c->drop_attrs, 1, c->first_new_id);
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
  c->spare_batches = g_async_queue_new_full (batch_free);
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
  /* The writer has stopped: no batch comes back any more. */
  g_clear_pointer (&c->spare_batches, g_async_queue_unref);
  g_clear_pointer (&c->spare_members, g_array_unref);
  g_clear_pointer (&c->spare_attrs, g_array_unref);
  g_clear_pointer (&c->spare_sorted, g_free);
  if (c->spare_json != NULL)
    g_string_free (g_steal_pointer (&c->spare_json), TRUE);
  /* Rejects after the last batch: none when ok. */
  g_clear_pointer (&c->s->deferred_rejects, g_ptr_array_unref);
  return ok;
}
