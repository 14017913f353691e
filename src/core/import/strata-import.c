/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The frame of every import: open the file, read the header, open ONE
 * transaction, find or create the period, log the import, hand the rows
 * to the customer-table or order-line importer, then commit, or roll back
 * on error, cancellation or (with strict) any rejected row. Because nothing
 * is committed before the end, a process killed halfway leaves the
 * workspace as it was (SQLite's WAL guarantees it). */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-import-private.h"
#include "strata-metric.h"
#include "strata-seed.h"
#include "strata-value.h"

StrataImportOptions *
strata_import_options_new (StrataImportKind  kind,
                           const char       *period)
{
  StrataImportOptions *o = g_new0 (StrataImportOptions, 1);

  o->kind = kind;
  o->period = g_strdup (period);
  o->map_metrics = g_ptr_array_new_with_free_func (g_free);
  o->map_columns = g_ptr_array_new_with_free_func (g_free);
  o->ignore_columns = g_ptr_array_new_with_free_func (g_free);
  o->attribute_columns = g_ptr_array_new_with_free_func (g_free);
  return o;
}

StrataImportOptions *
strata_import_options_copy (const StrataImportOptions *options)
{
  StrataImportOptions *o;

  g_return_val_if_fail (options != NULL, NULL);

  o = strata_import_options_new (options->kind, options->period);
  o->encoding = g_strdup (options->encoding);
  o->delimiter = options->delimiter;
  o->sheet = g_strdup (options->sheet);
  o->strict = options->strict;
  o->id_column = g_strdup (options->id_column);
  o->name_column = g_strdup (options->name_column);
  o->date_column = g_strdup (options->date_column);
  o->amount_column = g_strdup (options->amount_column);
  o->quantity_column = g_strdup (options->quantity_column);
  o->unit_price_column = g_strdup (options->unit_price_column);
  o->invoice_column = g_strdup (options->invoice_column);
  o->product_column = g_strdup (options->product_column);
  o->split = options->split;
  o->period_column = g_strdup (options->period_column);
  for (guint i = 0; i < options->map_metrics->len; i++)
    strata_import_options_add_mapping (o, options->map_metrics->pdata[i],
                                       options->map_columns->pdata[i]);
  for (guint i = 0; i < options->ignore_columns->len; i++)
    strata_import_options_ignore_column (o, options->ignore_columns->pdata[i]);
  for (guint i = 0; i < options->attribute_columns->len; i++)
    strata_import_options_attribute_column (o, options->attribute_columns->pdata[i]);
  return o;
}

void
strata_import_options_free (StrataImportOptions *o)
{
  if (o == NULL)
    return;
  g_free (o->period);
  g_free (o->encoding);
  g_free (o->sheet);
  g_free (o->id_column);
  g_free (o->name_column);
  g_free (o->date_column);
  g_free (o->amount_column);
  g_free (o->quantity_column);
  g_free (o->unit_price_column);
  g_free (o->invoice_column);
  g_free (o->product_column);
  g_free (o->period_column);
  g_ptr_array_unref (o->map_metrics);
  g_ptr_array_unref (o->map_columns);
  g_ptr_array_unref (o->ignore_columns);
  g_ptr_array_unref (o->attribute_columns);
  g_free (o);
}

void
strata_import_options_add_mapping (StrataImportOptions *options,
                                   const char          *metric,
                                   const char          *column)
{
  g_return_if_fail (options != NULL && metric != NULL && column != NULL);
  g_ptr_array_add (options->map_metrics, g_strdup (metric));
  g_ptr_array_add (options->map_columns, g_strdup (column));
}

void
strata_import_options_ignore_column (StrataImportOptions *options,
                                     const char          *column)
{
  g_return_if_fail (options != NULL && column != NULL);
  g_ptr_array_add (options->ignore_columns, g_strdup (column));
}

void
strata_import_options_attribute_column (StrataImportOptions *options,
                                        const char          *column)
{
  g_return_if_fail (options != NULL && column != NULL);
  g_ptr_array_add (options->attribute_columns, g_strdup (column));
}

/* Whether the user's options list column index i in names. */
gboolean
strata_import_column_listed (StrataImportSession *s,
                             GPtrArray           *names,
                             int                  i)
{
  for (guint n = 0; n < names->len; n++)
    if (strata_import_find_column (s, names->pdata[n]) == i)
      return TRUE;
  return FALSE;
}

void
strata_import_reject_free (StrataImportReject *reject)
{
  if (reject == NULL)
    return;
  g_free (reject->column);
  g_free (reject->value);
  g_free (reject->reason);
  g_free (reject->cell);
  g_free (reject);
}

static StrataImportResult *
result_new (void)
{
  StrataImportResult *r = g_new0 (StrataImportResult, 1);

  r->new_metrics = g_ptr_array_new_with_free_func (g_free);
  r->attributes = g_ptr_array_new_with_free_func (g_free);
  r->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  r->columns = g_ptr_array_new_with_free_func (g_free);
  r->periods = g_ptr_array_new_with_free_func (g_free);
  return r;
}

void
strata_import_result_free (StrataImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->encoding);
  g_free (result->sheet);
  g_ptr_array_unref (result->new_metrics);
  g_ptr_array_unref (result->attributes);
  g_ptr_array_unref (result->rejects);
  g_ptr_array_unref (result->columns);
  g_ptr_array_unref (result->periods);
  g_free (result);
}

void
strata_import_metric_free (StrataImportMetric *metric)
{
  if (metric == NULL)
    return;
  g_free (metric->key);
  g_free (metric->kind);
  g_free (metric);
}

static gboolean
splits (const StrataImportOptions *o)
{
  return (o->kind == STRATA_IMPORT_KIND_ORDERS && o->split != STRATA_IMPORT_SPLIT_NONE) ||
         (o->kind == STRATA_IMPORT_KIND_CUSTOMERS && o->period_column != NULL);
}

static gboolean
log_import (StrataImportSession  *s,
            gboolean              finished,
            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  StrataImportResult *r = s->result;
  char delim[2] = { strata_csv_reader_get_delimiter (s->reader), '\0' };

  if (!finished)
    {
      g_autofree char *base = g_path_get_basename (s->path);

      stmt = strata_workspace_prepare (s->ws,
                                       "INSERT INTO imports (period_id, kind, file_name, encoding, delimiter, strict)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      if (r->period_id != 0)
        sqlite3_bind_int64 (stmt, 1, r->period_id);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_text (stmt, 2, s->options->kind == STRATA_IMPORT_KIND_ORDERS ? "orders" : "customers",
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, base, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, r->encoding, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, delim, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, s->options->strict);
    }
  else
    {
      stmt = strata_workspace_prepare (s->ws,
                                       "UPDATE imports SET rows_read = ?2, rows_imported = ?3,"
                                       " rows_rejected = ?4, rows_without_customer = ?5,"
                                       " finished_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                                       error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, r->import_id);
      sqlite3_bind_int64 (stmt, 2, r->rows_read);
      sqlite3_bind_int64 (stmt, 3, r->rows_imported);
      sqlite3_bind_int64 (stmt, 4, r->rows_rejected);
      sqlite3_bind_int64 (stmt, 5, r->rows_without_customer);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (s->ws, error, "imports");
      return FALSE;
    }
  if (!finished)
    r->import_id = sqlite3_last_insert_rowid (strata_workspace_get_db (s->ws));
  return TRUE;
}

static gboolean
read_header (StrataImportSession  *s,
             GError              **error)
{
  GError *local = NULL;

  if (!strata_import_next_row (s, &local))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                     _("“%s” is empty: it has no header line"), s->path);
      return FALSE;
    }
  if (strata_csv_reader_get_problem (s->reader) != NULL)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”, line %llu: the header cannot be read: %s"), s->path,
                   (unsigned long long) strata_csv_reader_get_line (s->reader),
                   strata_csv_reader_get_problem (s->reader));
      return FALSE;
    }
  for (guint i = 0; i < s->row->len; i++)
    {
      g_autofree char *h = g_strdup (s->row->pdata[i]);
      g_ptr_array_add (s->header, g_strdup (g_strstrip (h)));
    }
  return TRUE;
}

static gboolean
run_in_transaction (StrataImportSession  *s,
                    GError              **error)
{
  g_autofree char *detail = NULL;

  /* Any workspace can import, even one made before the built-in metrics
   * were seeded: add the missing ones. */
  if (!strata_metrics_ensure_builtin (s->ws, error) ||
      (!splits (s->options) && !strata_import_use_period (s, s->options->period, FALSE, error)) ||
      !log_import (s, FALSE, error))
    return FALSE;

  s->reject_stmt = strata_workspace_prepare (s->ws,
                                             "INSERT INTO import_rejects (import_id, line, column_name, value, reason)"
                                             " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (s->reject_stmt == NULL)
    return FALSE;

  if (s->options->kind == STRATA_IMPORT_KIND_ORDERS ? !strata_import_orders (s, error)
      : s->options->period_column != NULL ? !strata_import_customers_by_period (s, error)
      : !strata_import_customers (s, error))
    return FALSE;

  if (s->options->strict && s->result->rows_rejected > 0)
    {
      StrataImportReject *r = s->result->rejects->pdata[0];

      if (r->cell != NULL)
        {
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_BAD_ROWS,
                       strata_ngettext (
                                    "“%s”: %llu row was rejected, so nothing was imported (strict mode); "
                                    "cell %s, column “%s”, value “%s”: %s",
                                    "“%s”: %llu rows were rejected, so nothing was imported (strict mode); "
                                    "first: cell %s, column “%s”, value “%s”: %s",
                                    s->result->rows_rejected),
                       s->path, (unsigned long long) s->result->rows_rejected,
                       r->cell, r->column, r->value, r->reason);
          return FALSE;
        }
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_BAD_ROWS,
                   strata_ngettext ("“%s”: %llu row was rejected, so nothing was imported (strict mode); "
                                    "line %llu, column “%s”, value “%s”: %s",
                                    "“%s”: %llu rows were rejected, so nothing was imported (strict mode); "
                                    "first: line %llu, column “%s”, value “%s”: %s",
                                    s->result->rows_rejected),
                   s->path, (unsigned long long) s->result->rows_rejected,
                   (unsigned long long) r->line, r->column, r->value, r->reason);
      return FALSE;
    }

  detail = g_strdup_printf ("%s: read %llu, imported %llu, rejected %llu, without customer %llu",
                            s->path, (unsigned long long) s->result->rows_read,
                            (unsigned long long) s->result->rows_imported,
                            (unsigned long long) s->result->rows_rejected,
                            (unsigned long long) s->result->rows_without_customer);
  {
    g_autofree char *subject = NULL;

    g_ptr_array_add (s->result->periods, NULL);
    subject = g_strjoinv (", ", (char **) s->result->periods->pdata);
    g_ptr_array_set_size (s->result->periods, s->result->periods->len - 1);
    return log_import (s, TRUE, error) &&
           strata_workspace_audit (s->ws, "import", subject, detail, error);
  }
}

/* An import can change customers, their attributes, metrics, periods and
 * values: one "all" instead of a signal for each, since every page reloads
 * on each (three full reloads of the whole workspace otherwise). */
static void
emit_imported (StrataWorkspace *workspace)
{
  strata_workspace_emit_changed (workspace, "all");
}

/* A large import commits hundreds of megabytes. In WAL mode each page is
 * written to the WAL with a checksum and copied again into the file at
 * the checkpoint; a rollback journal writes it once, straight into the
 * file, and keeps only the pages the import changes (none of the file's
 * new ones).
 * An import killed halfway still leaves the workspace as it was: the next
 * open rolls the journal back. The switch needs the file to itself, so an
 * import beside the window's connection stays in WAL mode. Returns
 * whether the mode was switched (on) or put back (off). */
static gboolean
use_rollback_journal (StrataWorkspace *workspace,
                      gboolean         on)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (workspace, on ? "PRAGMA journal_mode = DELETE" : "PRAGMA journal_mode = WAL", NULL);

  /* synchronous stays FULL (the workspace's), as a rollback journal needs.
   * Beside another connection SQLite says no at once, without waiting. */
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
         g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), on ? "delete" : "wal") == 0;
}

/* The import; with preview set, only its first rows, always rolled back. */
static StrataImportResult *
import_file (StrataWorkspace            *workspace,
             const char                 *path,
             const StrataImportOptions  *options,
             StrataImportProgress        progress,
             gpointer                    progress_data,
             GCancellable               *cancellable,
             StrataImportPreview        *preview,
             guint                       max_rows,
             GError                    **error)
{
  StrataImportSession s = { 0 };
  g_autoptr(StrataImportResult) result = NULL;
  g_autoptr(StrataCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row = g_ptr_array_new ();
  int old_cache = -2000;
  gboolean fk_off = FALSE;
  gboolean rollback_journal = FALSE;
  gboolean ok;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  if (options->kind == STRATA_IMPORT_KIND_CUSTOMERS && options->split != STRATA_IMPORT_SPLIT_NONE)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("Only order lines are split into periods by their dates (“%s”)"), path);
      return NULL;
    }
  if (splits (options) && options->period != NULL)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”: give either a period or a split into periods, not both"), path);
      return NULL;
    }
  if (!splits (options) && (options->period == NULL || strata_value_is_blank (options->period)))
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("No period was given for importing “%s”"), path);
      return NULL;
    }

  reader = strata_csv_reader_open_sheet (path, options->sheet, options->encoding, options->delimiter,
                                         cancellable, error);
  if (reader == NULL)
    return NULL;

  result = result_new ();
  result->encoding = g_strdup (strata_csv_reader_get_encoding (reader));
  result->delimiter = strata_csv_reader_get_delimiter (reader);
  result->sheet = g_strdup (strata_csv_reader_get_sheet (reader));
  s.ws = workspace;
  s.path = path;
  s.options = options;
  s.reader = reader;
  s.header = header;
  s.row = row;
  s.result = result;
  s.progress = progress;
  s.progress_data = progress_data;
  s.cancellable = cancellable;
  if (preview != NULL)
    {
      s.max_rows = MAX (max_rows, 1);
      s.preview_rows = preview->rows;
      s.preview_lines = preview->lines;
    }

  if (!read_header (&s, error))
    return NULL;
  if (preview != NULL)
    for (guint i = 0; i < header->len; i++)
      g_ptr_array_add (preview->header, g_strdup (header->pdata[i]));

  /* A large import touches far more pages than the default 2 MiB cache
   * holds; spilling them to the WAL and reading them back doubled the I/O.
   * 16 MiB, not more: at a million rows a 128 MiB cache filled up (128 MB
   * of the peak memory) and saved no time, neither into a new file nor
   * into a 1.4 GB workspace, in WAL mode or with a rollback journal
   * (bench-import prints the peak memory by rows). */
  {
    g_autoptr(sqlite3_stmt) get = strata_workspace_prepare (workspace, "PRAGMA cache_size", NULL);
    if (get != NULL && sqlite3_step (get) == SQLITE_ROW)
      old_cache = sqlite3_column_int (get, 0);
  }
  strata_workspace_exec (workspace, "PRAGMA cache_size = -16384", NULL);
  /* Every row the import writes refers to a customer, period or metric it
   * has just written or read in the same IMMEDIATE transaction, so the
   * references hold by construction; checking them costs a B-tree look-up
   * per value (a third of the time). The pragma only takes effect outside
   * a transaction, and is put back below. */
  if (!strata_workspace_in_transaction (workspace))
    {
      fk_off = TRUE;
      strata_workspace_exec (workspace, "PRAGMA foreign_keys = OFF", NULL);
    }

  if (preview == NULL && !strata_workspace_in_transaction (workspace))
    rollback_journal = use_rollback_journal (workspace, TRUE);
  ok = strata_workspace_begin (workspace, error);
  if (ok)
    {
      ok = run_in_transaction (&s, error);
      g_clear_pointer (&s.reject_stmt, sqlite3_finalize);
      if (!ok || preview != NULL)
        strata_workspace_rollback (workspace);
      if (preview != NULL)
        {
          /* Strict mode's failure is what the preview must show, not hide. */
          if (!ok && error != NULL && g_error_matches (*error, STRATA_IMPORT_ERROR,
                                                       STRATA_IMPORT_ERROR_BAD_ROWS))
            {
              g_clear_error (error);
              ok = TRUE;
            }
        }
      else if (ok)
        ok = strata_workspace_commit (workspace, error);
    }
  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %d", old_cache);
    strata_workspace_exec (workspace, restore, NULL);
  }
  if (fk_off)
    strata_workspace_exec (workspace, "PRAGMA foreign_keys = ON", NULL);
  if (rollback_journal)
    use_rollback_journal (workspace, FALSE);
  if (!ok)
    return NULL;
  if (preview != NULL)
    return g_steal_pointer (&result);
  if (progress != NULL)
    progress (1.0, progress_data);
  emit_imported (workspace);
  return g_steal_pointer (&result);
}

StrataImportResult *
strata_import_run (StrataWorkspace            *workspace,
                   const char                 *path,
                   const StrataImportOptions  *options,
                   StrataImportProgress        progress,
                   gpointer                    progress_data,
                   GCancellable               *cancellable,
                   GError                    **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (path != NULL && options != NULL, NULL);
  return import_file (workspace, path, options, progress, progress_data, cancellable,
                      NULL, 0, error);
}

static gboolean
raw_preview (StrataImportPreview        *preview,
             const char                 *path,
             const StrataImportOptions  *options,
             guint                       max_rows,
             GCancellable               *cancellable,
             GError                    **error)
{
  g_autoptr(StrataCsvReader) reader = NULL;
  gboolean header = TRUE;

  reader = strata_csv_reader_open_sheet (path, options->sheet, options->encoding, options->delimiter,
                                         cancellable, error);
  if (reader == NULL)
    return FALSE;
  g_ptr_array_set_size (preview->rows, 0);
  g_array_set_size (preview->lines, 0);
  while (preview->rows->len < MAX (max_rows, 1))
    {
      GError *local = NULL;
      GStrv fields;
      guint64 line;
      guint n;

      if (!strata_csv_reader_next (reader, cancellable, &local))
        {
          /* A broken record ends the raw view; the import will say where. */
          g_clear_error (&local);
          break;
        }
      if (header)
        {
          header = FALSE;
          continue;
        }
      n = strata_csv_reader_get_n_fields (reader);
      fields = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        fields[i] = g_strdup (strata_csv_reader_get_field (reader, i));
      line = strata_csv_reader_get_line (reader);
      g_ptr_array_add (preview->rows, fields);
      g_array_append_val (preview->lines, line);
    }
  preview->result = result_new ();
  preview->result->encoding = g_strdup (strata_csv_reader_get_encoding (reader));
  preview->result->delimiter = strata_csv_reader_get_delimiter (reader);
  preview->result->sheet = g_strdup (strata_csv_reader_get_sheet (reader));
  for (guint i = 0; i < preview->header->len; i++)
    g_ptr_array_add (preview->result->columns,
                     g_strdup (options->kind == STRATA_IMPORT_KIND_ORDERS ? "" : "ignored"));
  return TRUE;
}

StrataImportPreview *
strata_import_preview (StrataWorkspace            *workspace,
                       const char                 *path,
                       const StrataImportOptions  *options,
                       guint                       max_rows,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  StrataImportPreview *preview;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  preview = g_new0 (StrataImportPreview, 1);
  preview->header = g_ptr_array_new_with_free_func (g_free);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  preview->lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  preview->result = import_file (workspace, path, options, NULL, NULL, cancellable,
                                 preview, max_rows, &preview->problem);
  /* Columns that cannot be mapped are what the user is here to fix: the
   * records are shown as read, with the reason. */
  if (preview->result == NULL && preview->header->len > 0
      && g_error_matches (preview->problem, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT)
      && raw_preview (preview, path, options, max_rows, cancellable, error))
    return preview;
  if (preview->result == NULL)
    {
      if (preview->problem != NULL)
        g_propagate_error (error, g_steal_pointer (&preview->problem));
      strata_import_preview_free (preview);
      return NULL;
    }
  return preview;
}

void
strata_import_preview_free (StrataImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_ptr_array_unref (preview->header);
  g_ptr_array_unref (preview->rows);
  g_array_unref (preview->lines);
  strata_import_result_free (preview->result);
  g_clear_error (&preview->problem);
  g_free (preview);
}

StrataWorkspace *
strata_import_open_workspace (const char  *path,
                              GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return strata_seed_create_workspace (path, error);
  return strata_workspace_open (path, NULL, error);
}
