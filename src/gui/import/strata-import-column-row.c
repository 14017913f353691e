/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A column of the file to import and what it becomes. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-import-column-row.h"

struct _StrataImportColumnRow
{
  AdwComboRow parent_instance;

  guint       column;
};

G_DEFINE_FINAL_TYPE (StrataImportColumnRow, strata_import_column_row, ADW_TYPE_COMBO_ROW)

enum { PROP_0, PROP_COLUMN, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
strata_import_column_row_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StrataImportColumnRow *self = STRATA_IMPORT_COLUMN_ROW (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_import_column_row_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  StrataImportColumnRow *self = STRATA_IMPORT_COLUMN_ROW (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      self->column = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_import_column_row_class_init (StrataImportColumnRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = strata_import_column_row_get_property;
  object_class->set_property = strata_import_column_row_set_property;

  /* The column of the file the row stands for (0 is the first). */
  properties[PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-import-column-row.ui");
}

static void
strata_import_column_row_init (StrataImportColumnRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_import_column_row_new (guint       column,
                              const char *header,
                              const char *sample,
                              GListModel *roles,
                              int         selected)
{
  AdwComboRow *row;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (roles), NULL);

  row = g_object_new (STRATA_TYPE_IMPORT_COLUMN_ROW,
                      "column", column,
                      "title", header[0] ? header : "—",
                      NULL);
  if (sample != NULL)
    {
      /* Translators: the first value of a column, under its name */
      g_autofree char *sub = g_strdup_printf (_("e.g. %s"), sample);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
    }
  adw_combo_row_set_model (row, roles);
  if (selected >= 0)
    adw_combo_row_set_selected (row, selected);
  return GTK_WIDGET (row);
}

guint
strata_import_column_row_get_column (StrataImportColumnRow *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_COLUMN_ROW (self), 0);
  return self->column;
}
