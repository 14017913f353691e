/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An import the workspace could not take (another program writing it, a
 * full disk) ends in the Try Again / Save a Copy As… dialog the other
 * writes have (strata-write-error.c). The assistant keeps the file, its
 * columns and options, so either answer imports exactly what was chosen;
 * the workspace itself is as it was (an import is one transaction). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "strata-error.h"
#include "strata-import-dialog-private.h"
#include "strata-workspace-copy.h"
#include "strata-write-error.h"

gboolean
strata_import_dialog_save_copy (StrataImportDialog  *self,
                                const char          *path,
                                GError             **error)
{
  g_autoptr(StrataWorkspace) copy = NULL;

  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->importing || self->file == NULL || self->workspace == NULL)
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                           _("There is no import to save"));
      return FALSE;
    }
  if (!strata_workspace_save_copy (self->workspace, path, error))
    return FALSE;
  copy = strata_workspace_open (path, NULL, error);
  if (copy == NULL)
    return FALSE;
  /* The import's task holds the copy until it is done. */
  strata_import_dialog_start_import (self, copy);
  return TRUE;
}

static void
copy_chosen_cb (StrataImportDialog   *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!strata_import_dialog_save_copy (self, path, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("The copy could not be saved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
choose_copy (StrataImportDialog *self)
{
  g_autofree char *base = g_path_get_basename (strata_workspace_get_path (self->workspace));
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save a Copy"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the suggested name of a copy, %s is the workspace's name. */
  name = g_strdup_printf (_("%s (copy).strata"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (copy_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
response_cb (AdwMessageDialog   *dialog,
             const char         *response,
             StrataImportDialog *self)
{
  if (self->disposed || self->importing)
    return;
  if (g_str_equal (response, "retry"))
    strata_import_dialog_start_import (self, self->workspace);
  else if (g_str_equal (response, "copy"))
    choose_copy (self);
}

void
strata_import_dialog_offer_retry (StrataImportDialog *self,
                                  const GError       *error)
{
  GtkWidget *dialog;

  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (error != NULL);

  dialog = strata_write_error_dialog_new (GTK_WIDGET (self), _("The data could not be imported"), error);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
