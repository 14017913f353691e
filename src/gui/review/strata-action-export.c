/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-action-export.h"
#include "strata-task.h"
#include "strata-action-report.h"
#include "strata-window.h"

typedef struct
{
  GtkWindow              *window;          /* weak */
  char                   *workspace_path;  /* read in the worker */
  gint64                  from_id;
  gint64                  to_id;
  gboolean                restate;
  char                   *attribute;
  StrataActionExportKind  kind;
  char                   *path;
  guint                   n_files;
  guint                   n_rows;
} Export;

static void
export_free (Export *e)
{
  if (e->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (e->window), (gpointer *) &e->window);
  g_free (e->workspace_path);
  g_free (e->attribute);
  g_free (e->path);
  g_free (e);
}

gboolean
strata_action_export_kind_from_string (const char             *text,
                                       StrataActionExportKind *kind)
{
  if (g_strcmp0 (text, "pdf") == 0)
    *kind = STRATA_ACTION_EXPORT_PDF;
  else if (g_strcmp0 (text, "pdf-per-owner") == 0)
    *kind = STRATA_ACTION_EXPORT_PDF_PER_OWNER;
  else if (g_strcmp0 (text, "csv") == 0)
    *kind = STRATA_ACTION_EXPORT_CSV;
  else if (g_strcmp0 (text, "xlsx") == 0)
    *kind = STRATA_ACTION_EXPORT_XLSX;
  else
    return FALSE;
  return TRUE;
}

static void
toast (Export     *e,
       const char *text)
{
  if (e->window != NULL && STRATA_IS_WINDOW (e->window))
    strata_window_add_toast (STRATA_WINDOW (e->window), adw_toast_new (text));
  else
    g_message ("%s", text);
}

/* The worker opens its own connection (see HACKING.md, "Connections"). */
static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *e = task_data;
  GError *error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (e->workspace_path, cancellable, &error);
  g_autoptr(StrataActionList) list = NULL;

  if (ws == NULL ||
      !(list = strata_action_list_compute (ws, e->from_id, e->to_id, e->attribute, e->restate,
                                           &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  e->n_rows = strata_action_list_get_n_items (list);
  switch (e->kind)
    {
    case STRATA_ACTION_EXPORT_CSV:
      if (!strata_action_list_write_csv (list, NULL, e->path, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      e->n_files = 1;
      break;

    case STRATA_ACTION_EXPORT_XLSX:
      if (!strata_action_list_write_xlsx (list, ws, NULL, e->path, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      e->n_files = 1;
      break;

    case STRATA_ACTION_EXPORT_PDF:
      if (!strata_action_report_write_pdf (ws, list, NULL, NULL, STRATA_REPORT_PAPER_A4, e->path,
                                           &error))
        {
          g_task_return_error (task, error);
          return;
        }
      e->n_files = 1;
      break;

    case STRATA_ACTION_EXPORT_PDF_PER_OWNER:
    default:
      for (guint i = 0; i < strata_action_list_get_n_owners (list); i++)
        {
          const StrataActionOwner *owner = strata_action_list_get_owner (list, i);
          g_autofree char *name = strata_action_report_file_name (list, owner->label, "pdf");
          g_autofree char *file = g_build_filename (e->path, name, NULL);

          if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
              !strata_action_report_write_pdf (ws, list, owner->label, NULL,
                                               STRATA_REPORT_PAPER_A4, file, &error))
            {
              g_task_return_error (task, error);
              return;
            }
          e->n_files++;
        }
      break;
    }
  g_task_return_boolean (task, TRUE);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *outer = user_data;
  Export *e = g_task_get_task_data (outer);
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_filename_display_name (e->path);
      g_autofree char *text = NULL;

      if (e->kind == STRATA_ACTION_EXPORT_PDF_PER_OWNER)
        /* Translators: a toast: "12 action lists saved in “/home/ann/Actions”" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action list saved in “%s”",
                                             "%u action lists saved in “%s”", e->n_files),
                                e->n_files, name);
      else
        /* Translators: a toast: "Action lists saved as “/home/ann/actions-2026-Q3.pdf”" */
        text = g_strdup_printf (_("Action lists saved as “%s”"), name);
      toast (e, text);
      g_task_return_boolean (outer, TRUE);
    }
  else
    {
      toast (e, error->message);
      g_task_return_error (outer, error);
    }
  g_object_unref (outer);
}

void
strata_action_export_to_path (GtkWindow              *window,
                              const char             *workspace_path,
                              gint64                  from_id,
                              gint64                  to_id,
                              gboolean                restate,
                              const char             *owner_attribute,
                              StrataActionExportKind  kind,
                              const char             *path,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  GTask *outer = g_task_new (NULL, NULL, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  Export *e = g_new0 (Export, 1);

  g_return_if_fail (workspace_path != NULL && path != NULL);

  g_task_set_task_data (outer, e, (GDestroyNotify) export_free);
  e->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &e->window);
  e->workspace_path = g_strdup (workspace_path);
  e->from_id = from_id;
  e->to_id = to_id;
  e->restate = restate;
  e->attribute = g_strdup (owner_attribute);
  e->kind = kind;
  e->path = g_strdup (path);

  inner = g_task_new (NULL, NULL, written_cb, outer);
  g_task_set_task_data (inner, e, NULL);
  strata_task_run_in_background (inner, write_thread);
}

gboolean
strata_action_export_finish (GAsyncResult  *result,
                             guint         *n_files,
                             GError       **error)
{
  Export *e = g_task_get_task_data (G_TASK (result));

  if (n_files != NULL)
    *n_files = e != NULL ? e->n_files : 0;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Asking ------------------------------------------------------------------- */

typedef struct
{
  GtkWindow              *window;   /* weak */
  char                   *workspace_path;
  gint64                  from_id;
  gint64                  to_id;
  gboolean                restate;
  StrataActionExportKind  kind;
} Ask;

static void
ask_free (Ask *ask)
{
  if (ask->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (ask->window), (gpointer *) &ask->window);
  g_free (ask->workspace_path);
  g_free (ask);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  Ask *ask = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *owner = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "owner");
      const char *suffix = ask->kind == STRATA_ACTION_EXPORT_CSV ? ".csv"
                         : ask->kind == STRATA_ACTION_EXPORT_XLSX ? ".xlsx"
                         : ask->kind == STRATA_ACTION_EXPORT_PDF ? ".pdf" : NULL;

      if (path != NULL && suffix != NULL && !g_str_has_suffix (path, suffix))
        {
          char *with = g_strconcat (path, suffix, NULL);
          g_free (path);
          path = with;
        }
      if (path != NULL)
        strata_action_export_to_path (ask->window, ask->workspace_path, ask->from_id, ask->to_id,
                                      ask->restate, owner, ask->kind, path, NULL, NULL);
    }
  ask_free (ask);
  g_object_unref (dialog);
}

void
strata_action_export_run (GtkWindow              *window,
                          StrataWorkspace        *workspace,
                          gint64                  from_id,
                          gint64                  to_id,
                          const char             *to_name,
                          gboolean                restate,
                          StrataActionExportKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  GtkFileChooserNative *chooser;
  Ask *ask;
  const char *title;

  g_return_if_fail (STRATA_IS_WORKSPACE (workspace));

  keys = strata_action_list_list_attributes (workspace, &error);
  if (keys == NULL || keys->len == 0)
    {
      if (STRATA_IS_WINDOW (window))
        strata_window_add_toast (STRATA_WINDOW (window),
                                 adw_toast_new (keys == NULL
                                                ? error->message
                                                : _("No customer has an attribute to name an owner by (an account manager, say): import one with the customers")));
      return;
    }

  title = kind == STRATA_ACTION_EXPORT_CSV ? _("Export Action Lists as CSV")
        : kind == STRATA_ACTION_EXPORT_XLSX ? _("Export Action Lists as Excel")
        : kind == STRATA_ACTION_EXPORT_PDF ? _("Export Action Lists")
        : _("Export One Action List per Owner");
  chooser = gtk_file_chooser_native_new (title, window,
                                         kind == STRATA_ACTION_EXPORT_PDF_PER_OWNER
                                         ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                         : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (kind != STRATA_ACTION_EXPORT_PDF_PER_OWNER)
    {
      const char *ext = kind == STRATA_ACTION_EXPORT_CSV ? "csv"
                      : kind == STRATA_ACTION_EXPORT_XLSX ? "xlsx" : "pdf";
      GtkFileFilter *filter = gtk_file_filter_new ();
      g_autofree char *name = NULL;

      gtk_file_filter_set_name (filter, kind == STRATA_ACTION_EXPORT_CSV ? _("CSV files")
                                        : kind == STRATA_ACTION_EXPORT_XLSX ? _("Excel workbooks")
                                        : _("PDF documents"));
      gtk_file_filter_add_suffix (filter, ext);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_unref (filter);
      if (to_name != NULL)
        {
          name = g_strdup_printf ("actions-%s.%s", to_name, ext);
          g_strdelimit (name, "/\\:*?\"<>|", '_');
          gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
        }
    }

  /* The owner: any text attribute, account_manager when there is one. */
  ids = g_ptr_array_new ();
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (ids, keys->pdata[i]);
  g_ptr_array_add (ids, NULL);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "owner", _("Owner"),
                               (const char **) ids->pdata, (const char **) ids->pdata);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "owner",
                               g_ptr_array_find_with_equal_func (keys, STRATA_ACTION_DEFAULT_OWNER,
                                                                 g_str_equal, NULL)
                               ? STRATA_ACTION_DEFAULT_OWNER : (const char *) keys->pdata[0]);

  ask = g_new0 (Ask, 1);
  ask->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &ask->window);
  ask->workspace_path = g_strdup (strata_workspace_get_path (workspace));
  ask->from_id = from_id;
  ask->to_id = to_id;
  ask->restate = restate;
  ask->kind = kind;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
