/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's period actions: closing and reopening the later
 * period, adding a period and renaming one. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "strata-period.h"
#include "strata-period-close.h"
#include "strata-period-dialog.h"
#include "strata-review-page-private.h"
#include "strata-window.h"

/* Closing and reopening ----------------------------------------------------- */

gboolean
strata_review_page_close_period (StrataReviewPage *self,
                                 const char       *name,
                                 gboolean          reopen)
{
  StrataWorkspace *workspace;
  g_autoptr(GError) error = NULL;
  /* A copy: closing reloads the period list, which may free name. */
  g_autofree char *to = g_strdup (name);
  gint64 to_id = 0;
  g_autofree char *done = NULL;

  if (strata_page_get_context (STRATA_PAGE (self)) == NULL || to == NULL)
    return FALSE;
  workspace = strata_context_get_workspace (strata_page_get_context (STRATA_PAGE (self)));
  if (!strata_period_find (workspace, to, &to_id, NULL, &error) ||
      !(reopen ? strata_period_reopen (workspace, to_id, &error)
               : strata_period_close (workspace, to_id, &error)))
    {
      strata_review_page_toast (self, error->message);
      return FALSE;
    }
  done = g_strdup_printf (reopen ? _("%s reopened") : _("%s closed: its results are frozen"), to);
  strata_review_page_toast (self, done);
  strata_review_page_queue_load (self);
  return TRUE;
}

static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                StrataReviewPage *self)
{
  gboolean reopen = g_str_equal (response, "reopen");

  if (!g_str_equal (response, "close") && !reopen)
    return;
  strata_review_page_close_period (self, strata_review_selected_name (self->to_drop), reopen);
}

void
strata_review_page_close_clicked (StrataReviewPage *self)
{
  const char *to = strata_review_selected_name (self->to_drop);
  gboolean closed;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (self->deck == NULL || to == NULL || !strata_page_get_editable (STRATA_PAGE (self)))
    return;
  closed = strata_review_deck_get_to_closed (self->deck);
  heading = g_strdup_printf (closed ? _("Reopen %s?") : _("Close %s?"), to);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   closed
                                   ? _("Its frozen results are removed, and it is scored with the current rules again until it is closed once more.")
                                   : _("Its results are frozen under the current published rules. Later rule changes will not change them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), NULL);
  if (closed)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "reopen", _("_Reopen"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reopen",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("C_lose Period"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adding and renaming periods ------------------------------------------------ */

gboolean
strata_review_page_rename_period (StrataReviewPage *self,
                                  const char       *old,
                                  const char       *name)
{
  StrataWorkspace *workspace;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gint64 id = 0;

  if (strata_page_get_context (STRATA_PAGE (self)) == NULL)
    return FALSE;
  workspace = strata_context_get_workspace (strata_page_get_context (STRATA_PAGE (self)));
  if (!strata_period_find (workspace, old, &id, NULL, &error) ||
      !strata_period_rename (workspace, id, name ? name : "", &error))
    {
      strata_review_page_toast (self, error->message);
      return FALSE;
    }
  done = g_strdup_printf (_("Renamed %s to %s"), old, name);
  strata_review_page_toast (self, done);
  return TRUE;
}

static void
period_response (StrataPeriodDialog *dialog,
                 const char         *response,
                 StrataReviewPage   *self)
{
  StrataWorkspace *workspace;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  const char *name = strata_period_dialog_get_name (dialog);

  if (strata_page_get_context (STRATA_PAGE (self)) == NULL || (!g_str_equal (response, "add") && !g_str_equal (response, "rename")))
    return;
  if (g_str_equal (response, "rename"))
    {
      strata_review_page_rename_period (self, strata_period_dialog_get_period (dialog), name);
      return;
    }
  workspace = strata_context_get_workspace (strata_page_get_context (STRATA_PAGE (self)));
  {
    g_autoptr(StrataPeriod) period = strata_period_create (workspace, name ? name : "",
                                                           strata_period_dialog_get_start (dialog),
                                                           strata_period_dialog_get_end (dialog),
                                                           &error);
    if (period != NULL)
      /* Translators: "Added 2026-H1 (2026-01-01 to 2026-06-30)" */
      done = g_strdup_printf (_("Added %s (%s to %s)"), strata_period_get_name (period),
                              strata_period_get_start_date (period),
                              strata_period_get_end_date (period));
  }
  strata_review_page_toast (self, done ? done : error->message);
}

/* page.new-period: a period by name; a custom name with its first and
 * last day. page.rename-period: the later period of the comparison. */
/* The period dialog: a new period, or the "to" period renamed. */
static void
show_period_dialog (StrataReviewPage *self,
                    gboolean          add)
{
  const char *to = strata_review_selected_name (self->to_drop);
  GtkWidget *dialog;

  if (strata_page_get_context (STRATA_PAGE (self)) == NULL || (!add && to == NULL))
    return;
  dialog = strata_period_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     add ? NULL : to);
  g_signal_connect_object (dialog, "response", G_CALLBACK (period_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
strata_review_page_new_period_action (GtkWidget  *widget,
                                      const char *action,
                                      GVariant   *param)
{
  show_period_dialog (STRATA_REVIEW_PAGE (widget), TRUE);
}

void
strata_review_page_rename_period_action (GtkWidget  *widget,
                                         const char *action,
                                         GVariant   *param)
{
  show_period_dialog (STRATA_REVIEW_PAGE (widget), FALSE);
}
