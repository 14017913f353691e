/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's export of the movement's movers (page.export-movement,
 * "csv" or "xlsx"): a file chooser, then strata_movement_export(). */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-action-export.h"
#include "strata-movement-export.h"
#include "strata-period.h"
#include "strata-review-deck.h"
#include "strata-review-page-private.h"

gboolean
strata_review_page_export_movement (StrataReviewPage  *self,
                                    const char        *path,
                                    GError           **error)
{
  StrataMovement *movement;

  g_return_val_if_fail (STRATA_IS_REVIEW_PAGE (self), FALSE);

  movement = self->deck ? strata_review_deck_get_movement (self->deck) : NULL;
  if (movement == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write “%s”: no two periods are compared"), path);
      return FALSE;
    }
  return strata_movement_export (movement, path, error);
}

static void
movement_chosen (StrataPage *page,
                 GFile      *file)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (page);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  if (strata_review_page_export_movement (self, path, &error))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("Movement exported to “%s”"), base);

      strata_review_page_toast (self, text);
    }
  else
    strata_review_page_toast (self, error->message);
}

void
strata_review_page_export_movement_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (widget);
  gboolean xlsx = g_str_equal (g_variant_get_string (parameter, NULL), "xlsx");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  StrataMovement *movement = self->deck ? strata_review_deck_get_movement (self->deck) : NULL;
  g_autofree char *name = NULL;
  const char *to = movement ? strata_movement_get_to_name (movement) : "";

  if (xlsx)
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
      /* Translators: default file name of the movement export; %s is the later period. */
      name = g_strdup_printf (_("movement-%s.xlsx"), to);
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_suffix (filter, "csv");
      /* Translators: default file name of the movement export; %s is the later period. */
      name = g_strdup_printf (_("movement-%s.csv"), to);
    }
  strata_page_choose_file (STRATA_PAGE (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export the Movement"),
                           _("_Export"), filter, name, movement_chosen);
}

/* Action lists for the compared periods (strata-action-export.c). */
static gboolean
compared_periods (StrataReviewPage *self,
                  gint64           *from_id,
                  gint64           *to_id)
{
  GObject *from = gtk_drop_down_get_selected_item (self->from_drop);
  GObject *to = gtk_drop_down_get_selected_item (self->to_drop);

  if (self->deck == NULL || !STRATA_IS_PERIOD (from) || !STRATA_IS_PERIOD (to))
    return FALSE;
  *from_id = strata_period_get_id (STRATA_PERIOD (from));
  *to_id = strata_period_get_id (STRATA_PERIOD (to));
  return TRUE;
}

void
strata_review_page_action_lists_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (widget);
  StrataWorkspace *ws = strata_page_get_workspace (STRATA_PAGE (self));
  StrataActionExportKind kind;
  gint64 from_id, to_id;

  if (ws == NULL || !compared_periods (self, &from_id, &to_id) ||
      !strata_action_export_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  strata_action_export_run (GTK_WINDOW (gtk_widget_get_root (widget)), ws, from_id, to_id,
                            strata_review_selected_name (self->to_drop),
                            gtk_check_button_get_active (self->restate_check), kind);
}

void
strata_review_page_export_actions (StrataReviewPage       *self,
                                   StrataActionExportKind  kind,
                                   const char             *owner_attribute,
                                   const char             *path,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  StrataWorkspace *ws = strata_page_get_workspace (STRATA_PAGE (self));
  gint64 from_id, to_id;

  g_return_if_fail (STRATA_IS_REVIEW_PAGE (self));

  if (ws == NULL || !compared_periods (self, &from_id, &to_id))
    {
      g_task_report_new_error (NULL, callback, user_data, strata_review_page_export_actions,
                               G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Open a workspace first"));
      return;
    }

  strata_action_export_to_path (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                strata_workspace_get_path (ws), from_id, to_id,
                                gtk_check_button_get_active (self->restate_check),
                                owner_attribute, kind, path, callback, user_data);
}
