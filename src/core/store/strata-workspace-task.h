/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a function on a GTask worker thread with a connection of its own:
 * the worker opens the workspace file afresh (see HACKING "Connections"),
 * hands it to the function and closes it when the function returns. What
 * the function returns must not hold that connection. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* Runs on the worker. Returns the result (freed with the result_free given
 * to strata_workspace_task_run when nobody takes it), or NULL with error
 * set. */
typedef gpointer (*StrataWorkspaceTaskFunc) (StrataWorkspace  *workspace,
                                             gpointer          task_data,
                                             GCancellable     *cancellable,
                                             GError          **error);

/* path: the workspace file. task_data is freed with task_data_free once
 * the task is done. callback runs on the calling thread's main context;
 * it gets the result with strata_workspace_task_finish(). A cancelled task
 * always finishes with G_IO_ERROR_CANCELLED. */
void     strata_workspace_task_run    (gpointer                 source_object,
                                       const char              *path,
                                       StrataWorkspaceTaskFunc  func,
                                       gpointer                 task_data,
                                       GDestroyNotify           task_data_free,
                                       GDestroyNotify           result_free,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
/* The function's result (the caller owns it), or NULL with error set. */
gpointer strata_workspace_task_finish (GAsyncResult            *result,
                                       GError                 **error);

G_END_DECLS
