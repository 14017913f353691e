/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-workspace-task.h"
#include "strata-task.h"

typedef struct
{
  char                    *path;
  StrataWorkspaceTaskFunc  func;
  gpointer                 data;
  GDestroyNotify           data_free;
  GDestroyNotify           result_free;
} TaskData;

static void
task_data_free (gpointer data)
{
  TaskData *d = data;

  if (d->data_free != NULL && d->data != NULL)
    d->data_free (d->data);
  g_free (d->path);
  g_free (d);
}

static void
task_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *d = task_data;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  ws = strata_workspace_open (d->path, cancellable, &error);
  if (ws == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = d->func (ws, d->data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, d->result_free);
}

void
strata_workspace_task_run (gpointer                 source_object,
                           const char              *path,
                           StrataWorkspaceTaskFunc  func,
                           gpointer                 task_data,
                           GDestroyNotify           task_data_free_func,
                           GDestroyNotify           result_free,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *d;

  g_return_if_fail (path != NULL);
  g_return_if_fail (func != NULL);

  task = g_task_new (source_object, cancellable, callback, user_data);
  d = g_new0 (TaskData, 1);
  d->path = g_strdup (path);
  d->func = func;
  d->data = task_data;
  d->data_free = task_data_free_func;
  d->result_free = result_free;
  g_task_set_source_tag (task, strata_workspace_task_run);
  /* A cancelled task reports G_IO_ERROR_CANCELLED, whatever it returned. */
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, d, task_data_free);
  strata_task_run_in_background (task, task_thread);
}

gpointer
strata_workspace_task_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == strata_workspace_task_run, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
