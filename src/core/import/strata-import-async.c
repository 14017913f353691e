/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata_import_run_async(): the import on a worker thread, its progress
 * passed to the main thread. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-import-private.h"
#include "strata-task.h"

typedef struct
{
  char                 *workspace_path;
  char                 *path;
  StrataImportOptions  *options;
  StrataImportProgress  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  GMainContext         *context;
} AsyncData;

static void
async_data_clear (gpointer data)
{
  AsyncData *d = data;

  g_free (d->workspace_path);
  g_free (d->path);
  strata_import_options_free (d->options);
  if (d->progress_destroy != NULL)
    d->progress_destroy (d->progress_data);
  g_main_context_unref (d->context);
}

typedef struct
{
  AsyncData *data;   /* a reference */
  double     fraction;
} ProgressCall;

static gboolean
progress_in_main (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->data->progress (call->fraction, call->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  g_atomic_rc_box_release_full (call->data, async_data_clear);
  g_free (call);
}

static void
progress_from_thread (double   fraction,
                      gpointer user_data)
{
  AsyncData *d = user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->data = g_atomic_rc_box_acquire (d);
  call->fraction = fraction;
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, progress_in_main,
                              call, progress_call_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *d = task_data;
  g_autoptr(StrataWorkspace) ws = NULL;
  GError *error = NULL;
  StrataImportResult *result;

  /* Its own connection: SQLite connections are not shared across threads
   * here, and the window keeps reading through its own (WAL). */
  ws = strata_workspace_open (d->workspace_path, cancellable, &error);
  if (ws == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = strata_import_run (ws, d->path, d->options,
                              d->progress ? progress_from_thread : NULL, d,
                              cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) strata_import_result_free);
}

static void
async_data_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, async_data_clear);
}

void
strata_import_run_async (StrataWorkspace            *workspace,
                         const char                 *path,
                         const StrataImportOptions  *options,
                         StrataImportProgress        progress,
                         gpointer                    progress_data,
                         GDestroyNotify              progress_destroy,
                         GCancellable               *cancellable,
                         GAsyncReadyCallback         callback,
                         gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *d;

  g_return_if_fail (STRATA_IS_WORKSPACE (workspace));
  g_return_if_fail (path != NULL && options != NULL);

  /* The worker opens the file anew, and strata_workspace_open () checks
   * the main database file before it looks at the WAL: move what this
   * connection wrote into the main file first. */
  sqlite3_wal_checkpoint_v2 (strata_workspace_get_db (workspace), NULL,
                             SQLITE_CHECKPOINT_FULL, NULL, NULL);

  d = g_atomic_rc_box_new0 (AsyncData);
  d->workspace_path = g_strdup (strata_workspace_get_path (workspace));
  d->path = g_strdup (path);
  d->options = strata_import_options_copy (options);
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_destroy = progress_destroy;
  d->context = g_main_context_ref_thread_default ();

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, strata_import_run_async);
  g_task_set_task_data (task, d, async_data_release);
  strata_task_run_in_background (task, import_thread);
}

StrataImportResult *
strata_import_run_finish (StrataWorkspace  *workspace,
                          GAsyncResult     *result,
                          GError          **error)
{
  StrataImportResult *r;

  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r != NULL)
    /* One "all", as strata_import_run does (see emit_imported). */
    strata_workspace_emit_changed (workspace, "all");
  return r;
}
