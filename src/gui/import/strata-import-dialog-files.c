/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's files: choosing or dropping the file to import,
 * saving the rejected rows, and opening the assistant for a window. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-error.h"
#include "strata-export.h"
#include "strata-import-dialog-private.h"
#include "strata-window.h"

static void
chooser_response_cb (StrataImportDialog   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser))
                  == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!save)
    strata_import_dialog_set_file (self, file);
  else
    {
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !strata_import_dialog_save_rejects (self, path, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("Could Not Save the Rejected Rows"),
                                                      error ? error->message : NULL);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
}

void
strata_import_dialog_run_chooser (StrataImportDialog   *self,
                                  GtkFileChooserAction  action)
{
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (save ? _("Save Rejected Rows") : _("Choose a File to Import"),
                                               GTK_WINDOW (self), action,
                                               save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (save)
    /* Translators: the suggested file name of the rejected rows; keep .csv */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("rejected-rows.csv"));
  else
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Tables (CSV, TSV, TXT, Excel XLSX and XLS)"));
      gtk_file_filter_add_pattern (filter, "*.csv");
      gtk_file_filter_add_pattern (filter, "*.tsv");
      gtk_file_filter_add_pattern (filter, "*.txt");
      gtk_file_filter_add_pattern (filter, "*.xlsx");
      gtk_file_filter_add_pattern (filter, "*.xls");
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      gtk_file_filter_add_mime_type (filter, "application/vnd.ms-excel");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

gboolean
strata_import_dialog_drop (StrataImportDialog *self,
                           const GValue       *value,
                           double              x,
                           double              y)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->importing)
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files != NULL)
    strata_import_dialog_set_file (self, files->data);
  g_slist_free (files);
  return files != NULL;
}

#define PENDING_IMPORT "strata-pending-import"

/* The workspace made or opened from the prompt is open (the window's
 * title names it): the import goes on, with the file if one was given. */
static void
pending_title_cb (GtkWindow  *window,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  StrataContext *context = strata_window_get_context (STRATA_WINDOW (window));
  g_autoptr(GFile) file = NULL;

  if (context == NULL)
    return;
  g_signal_handlers_disconnect_by_func (window, pending_title_cb, user_data);
  file = g_object_steal_data (G_OBJECT (window), PENDING_IMPORT);
  strata_import_dialog_run_for_window (window, context, file);
}

static void
no_workspace_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          GtkWindow        *window)
{
  const char *action = g_str_equal (response, "new") ? "app.new-workspace"
                       : g_str_equal (response, "open") ? "app.open" : NULL;
  GFile *file = g_object_get_data (G_OBJECT (dialog), PENDING_IMPORT);

  if (action == NULL)
    return;
  if (STRATA_IS_WINDOW (window))
    {
      g_signal_handlers_disconnect_by_func (window, pending_title_cb, NULL);
      if (file != NULL)
        g_object_set_data_full (G_OBJECT (window), PENDING_IMPORT, g_object_ref (file),
                                g_object_unref);
      else
        g_object_set_data (G_OBJECT (window), PENDING_IMPORT, NULL);
      g_signal_connect (window, "notify::title", G_CALLBACK (pending_title_cb), NULL);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
}

void
strata_import_dialog_run_for_window (GtkWindow     *window,
                                     StrataContext *context,
                                     GFile         *file)
{
  StrataImportDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (context == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("No Workspace Is Open"),
                                                  _("Data is imported into a workspace. Create a "
                                                    "new one or open one: the import goes on "
                                                    "once it is open."));

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "open", _("_Open…"),
                                        "new", _("_New Workspace…"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      if (file != NULL)
        g_object_set_data_full (G_OBJECT (dialog), PENDING_IMPORT, g_object_ref (file),
                                g_object_unref);
      g_signal_connect_object (dialog, "response", G_CALLBACK (no_workspace_response_cb),
                               window, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  self = strata_import_dialog_new (window, context);
  if (file != NULL)
    strata_import_dialog_set_file (self, file);
  gtk_window_present (GTK_WINDOW (self));
}

gboolean
strata_import_is_table_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  /* .ods too: the assistant says why it cannot read it. */
  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv")
         || g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".xlsx")
         || g_str_has_suffix (lower, ".xls") || g_str_has_suffix (lower, ".ods");
}

gboolean
strata_import_dialog_save_rejects (StrataImportDialog  *self,
                                   const char          *path,
                                   GError             **error)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->result == NULL)
    {
      g_set_error_literal (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                           _("There is no finished import whose rejected rows could be saved"));
      return FALSE;
    }
  return strata_export_rejects (self->workspace, self->result->import_id, path, error);
}
