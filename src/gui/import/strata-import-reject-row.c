/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A rejected row of the file to import and why. */
#include "config.h"

#include "strata-import-reject-row.h"
#include "strata-import-view.h"

struct _StrataImportRejectRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *warning_icon;
};

G_DEFINE_FINAL_TYPE (StrataImportRejectRow, strata_import_reject_row, ADW_TYPE_ACTION_ROW)

static void
strata_import_reject_row_class_init (StrataImportRejectRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-import-reject-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataImportRejectRow, warning_icon);
}

static void
strata_import_reject_row_init (StrataImportRejectRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The title is reject's (see strata_import_view_reject_title) unless
 * title is given; warning shows the warning sign before it. */
GtkWidget *
strata_import_reject_row_new (const StrataImportReject *reject,
                              const char               *title,
                              gboolean                  warning)
{
  StrataImportRejectRow *self;
  g_autofree char *text = NULL;

  g_return_val_if_fail (reject != NULL || title != NULL, NULL);

  self = g_object_new (STRATA_TYPE_IMPORT_REJECT_ROW, NULL);
  if (title == NULL)
    title = text = strata_import_view_reject_title (reject);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  if (reject != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), reject->reason);
  if (!warning)
    {
      adw_action_row_remove (ADW_ACTION_ROW (self), self->warning_icon);
      self->warning_icon = NULL;
    }
  return GTK_WIDGET (self);
}
