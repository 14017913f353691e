/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Try Again / Save a Copy As… dialog for an edit that could not be
 * written (see strata-write-error.h). The edit lives on in the page's
 * pending record, so either answer, now or after other dialogs, still has
 * it; the Scoring page's draft has its own (strata-scoring-page.c). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "strata-error.h"
#include "strata-window.h"
#include "strata-workspace-copy.h"
#include "strata-write-error.h"

#define PENDING_KEY "strata-write-error-pending"

typedef struct
{
  StrataWriteRetry retry;
  StrataWriteCopy  copy;
  gpointer         data;
  GDestroyNotify   destroy;
} Pending;

static void
pending_free (Pending *p)
{
  if (p->destroy != NULL)
    p->destroy (p->data);
  g_free (p);
}

gboolean
strata_write_error_is_retryable (const GError *error)
{
  return error != NULL &&
         (g_error_matches (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_BUSY) ||
          g_error_matches (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SPACE));
}

static void
show_message (StrataPage   *page,
              const char   *heading,
              const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
strata_write_error_save_copy (StrataPage  *page,
                              const char  *path,
                              GError     **error)
{
  Pending *p = g_object_get_data (G_OBJECT (page), PENDING_KEY);
  StrataWorkspace *workspace = strata_page_get_workspace (page);
  g_autoptr(StrataWorkspace) copy = NULL;

  g_return_val_if_fail (STRATA_IS_PAGE (page), FALSE);
  if (p == NULL || workspace == NULL)
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                           _("There is no edit to save"));
      return FALSE;
    }
  if (!strata_workspace_save_copy (workspace, path, error))
    return FALSE;
  copy = strata_workspace_open (path, NULL, error);
  return copy != NULL && p->copy (copy, p->data, error);
}

static void
copy_chosen (StrataPage *page,
             GFile      *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  if (!strata_write_error_save_copy (page, path, &error))
    show_message (page, _("The copy could not be saved"), error);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      /* Translators: %s is the file name of the copy. */
      g_autofree char *text = g_strdup_printf (_("A copy with the edit was saved as “%s”"), base);

      strata_window_toast_from (GTK_WIDGET (page), adw_toast_new (text));
    }
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             StrataPage       *page)
{
  Pending *p = g_object_get_data (G_OBJECT (page), PENDING_KEY);
  StrataWorkspace *workspace = strata_page_get_workspace (page);

  if (p == NULL || workspace == NULL)
    return;
  if (g_str_equal (response, "retry"))
    {
      /* A retry that fails again shows a new dialog with its own record. */
      p = g_object_steal_data (G_OBJECT (page), PENDING_KEY);
      p->retry (p->data);
      pending_free (p);
    }
  else if (g_str_equal (response, "copy"))
    {
      g_autofree char *base = g_path_get_basename (strata_workspace_get_path (workspace));
      g_autofree char *name = NULL;
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      /* Translators: the suggested name of a copy, %s is the workspace's name. */
      name = g_strdup_printf (_("%s (copy).strata"), base);
      strata_page_choose_file (page, GTK_FILE_CHOOSER_ACTION_SAVE, _("Save a Copy"), _("_Save"),
                               NULL, name, copy_chosen);
    }
}

GtkWidget *
strata_write_error_dialog_new (GtkWidget    *widget,
                               const char   *heading,
                               const GError *error)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (error != NULL, NULL);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "copy", _("Save a _Copy As…"),
                                    "retry", _("_Try Again"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  return dialog;
}

GtkWidget *
strata_write_error_show (StrataPage       *page,
                         const char       *heading,
                         const GError     *error,
                         StrataWriteRetry  retry,
                         StrataWriteCopy   copy,
                         gpointer          data,
                         GDestroyNotify    destroy)
{
  GtkWidget *dialog;
  Pending *p;

  g_return_val_if_fail (STRATA_IS_PAGE (page), NULL);
  g_return_val_if_fail (error != NULL && retry != NULL && copy != NULL, NULL);

  p = g_new0 (Pending, 1);
  p->retry = retry;
  p->copy = copy;
  p->data = data;
  p->destroy = destroy;
  g_object_set_data_full (G_OBJECT (page), PENDING_KEY, p, (GDestroyNotify) pending_free);

  dialog = strata_write_error_dialog_new (GTK_WIDGET (page), heading, error);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), page, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
