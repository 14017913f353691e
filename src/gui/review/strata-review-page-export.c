/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's export of the movement's movers (page.export-movement,
 * "csv" or "xlsx"): a file chooser, then strata_movement_export(). */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-movement-export.h"
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
