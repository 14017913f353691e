/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Item column of the adjustments table: one cell of two lines per
 * bonus or penalty item, so the table fits its card from an 800-pixel
 * window up instead of scrolling sideways. The first line holds the label
 * (as wide as the card allows) and its retention; under it the condition's
 * fields (metric, condition, values, points, per unit, cap), each under a
 * small caption, wrap onto further lines when the card is narrow. The
 * fields are the same cells the columns had, in the same order, so Tab
 * still goes from one to the next. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-rules-editor-private.h"
#include "strata-wrap-layout.h"

static const CellSpec adj_label = { STRATA_RULES_SECTION_ADJUSTMENT, "label", NULL, CELL_TEXT, 0, N_("Rename item") };
static const CellSpec adj_metric = { STRATA_RULES_SECTION_ADJUSTMENT, "metric", NULL, CELL_METRIC, 0, N_("Change metric") };
static const CellSpec adj_condition = { STRATA_RULES_SECTION_ADJUSTMENT, "condition", NULL, CELL_CONDITION, 0, N_("Change condition") };
static const CellSpec adj_a = { STRATA_RULES_SECTION_ADJUSTMENT, "a", NULL, CELL_NUMBER, 2, N_("Change value") };
static const CellSpec adj_b = { STRATA_RULES_SECTION_ADJUSTMENT, "b", NULL, CELL_NUMBER, 2, N_("Change value") };
static const CellSpec adj_points = { STRATA_RULES_SECTION_ADJUSTMENT, "points", NULL, CELL_NUMBER, 1, N_("Change points") };
static const CellSpec adj_per_unit = { STRATA_RULES_SECTION_ADJUSTMENT, "per_unit", NULL, CELL_BOOL, 0, N_("Change per unit") };
static const CellSpec adj_cap = { STRATA_RULES_SECTION_ADJUSTMENT, "cap", NULL, CELL_NUMBER, 1, N_("Change cap") };

typedef struct
{
  const CellSpec *spec;
  const char     *caption;   /* marked for translation */
} Field;

/* The second line, in reading (and Tab) order. */
static const Field condition_fields[] = {
  { &adj_metric, N_("Metric") },
  { &adj_condition, N_("Condition") },
  { &adj_a, N_("Value") },
  { &adj_b, N_("And") },
  { &adj_points, N_("Points") },
  { &adj_per_unit, N_("Per unit") },
  { &adj_cap, N_("Cap") },
};

/* A caption over a control. The control is named by the caption for
 * screen readers, as the column header named it before. */
static GtkWidget *
field_new (GtkWidget  *control,
           const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (caption);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), control);
  gtk_widget_set_valign (control, GTK_ALIGN_START);
  if (GTK_IS_CHECK_BUTTON (control))
    gtk_widget_set_halign (control, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  caption, -1);
  /* A field that does not apply to the row (the second value of a
   * condition that is not "between") goes with its caption. */
  g_object_bind_property (control, "visible", box, "visible", G_BINDING_SYNC_CREATE);
  return box;
}

static void
item_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            StrataRulesEditor        *editor)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *fields = g_object_new (GTK_TYPE_BOX, "layout-manager",
                                    strata_wrap_layout_new (12, 6), NULL);
  GtkWidget *label = strata_rules_cell_new (editor, &adj_label);
  GtkWidget *evidence = strata_rules_evidence_label_new (editor);
  GtkWidget *field;
  GPtrArray *cells = g_ptr_array_new ();

  /* The same width on every row, so the labels line up. */
  gtk_label_set_width_chars (GTK_LABEL (evidence), 22);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_editable_set_width_chars (GTK_EDITABLE (label), 12);
  field = field_new (label, _("Label"));
  gtk_widget_set_hexpand (field, TRUE);
  gtk_box_append (GTK_BOX (first), field);
  /* TRANSLATORS: caption over the retention of customers with and
   * without a bonus or penalty item. */
  gtk_box_append (GTK_BOX (first), field_new (evidence, _("Retention")));
  gtk_box_append (GTK_BOX (box), first);
  g_ptr_array_add (cells, label);

  for (guint i = 0; i < G_N_ELEMENTS (condition_fields); i++)
    {
      GtkWidget *cell = strata_rules_cell_new (editor, condition_fields[i].spec);

      gtk_widget_set_parent (field_new (cell, _(condition_fields[i].caption)), fields);
      g_ptr_array_add (cells, cell);
    }
  gtk_box_append (GTK_BOX (box), fields);

  g_object_set_data_full (G_OBJECT (box), "cells", cells, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (box), "evidence", evidence);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static void
item_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           StrataRulesEditor        *editor)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GPtrArray *cells = g_object_get_data (G_OBJECT (box), "cells");
  StrataRuleRow *row = gtk_list_item_get_item (item);

  for (guint i = 0; i < cells->len; i++)
    strata_rules_cell_bind (cells->pdata[i], strata_rule_row_get_index (row), -1);
  strata_rules_evidence_label_bind (editor, g_object_get_data (G_OBJECT (box), "evidence"), row);
}

static void
item_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             StrataRulesEditor        *editor)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GPtrArray *cells = g_object_get_data (G_OBJECT (box), "cells");

  for (guint i = 0; i < cells->len; i++)
    strata_rules_cell_bind (cells->pdata[i], -2, -1);
  strata_rules_evidence_label_bind (editor, g_object_get_data (G_OBJECT (box), "evidence"), NULL);
}

GtkColumnViewColumn *
strata_rules_adjustment_column (StrataRulesEditor *editor)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (item_setup), editor);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind), editor);
  g_signal_connect (factory, "unbind", G_CALLBACK (item_unbind), editor);
  /* TRANSLATORS: column of the bonus and penalty table: each item's label,
   * retention and condition. */
  column = gtk_column_view_column_new (_("Item"), factory);
  gtk_column_view_column_set_expand (column, TRUE);
  return column;
}
