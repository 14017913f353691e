/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Retention field of the adjustments table: beside each bonus or
 * penalty item's label, the retention of customers with and without it
 * (strata_calibrate_evidence, computed by the page on a worker). It shows
 * the two rates alone, with the counts in its tooltip. The
 * labels on screen are kept in a set so a new evidence reaches them
 * without rebuilding the rows (a rebuild would take the focus away from
 * the cell being edited). */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-rules-editor-private.h"

static void
evidence_refresh (StrataRulesEditor *self,
                  GtkLabel          *label)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  StrataRuleRow *row = g_object_get_data (G_OBJECT (label), "row");
  const StrataAdjustment *adj = NULL;
  const StrataCalibrateEvidence *e = NULL;
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;
  g_autofree char *tooltip = NULL;
  int index = row ? strata_rule_row_get_index (row) : -1;

  if (self->rules != NULL && index >= 0 && (guint) index < self->rules->adjustments->len)
    adj = self->rules->adjustments->pdata[index];
  if (adj != NULL && self->evidence != NULL)
    e = strata_calibrate_evidence_find (self->evidence, adj->id);
  if (e != NULL)
    {
      text = strata_calibrate_evidence_short_text (e, fmt);
      full = strata_calibrate_evidence_text (e, fmt);
      /* TRANSLATORS: tooltip of the Retention column: the first %s is
       * "with: 82% of 1,204 · without: 61% of 3,168", then two periods. */
      tooltip = g_strdup_printf (_("%s\nCustomers of %s kept in %s, with and without this item"),
                                 full, self->evidence_from, self->evidence_to);
    }
  else
    {
      text = g_strdup ("—");
      if (self->evidence_missing != NULL)
        tooltip = g_strdup (self->evidence_missing);
      else if (self->evidence != NULL && adj != NULL)
        tooltip = g_strdup_printf (_("Period %s has no values of %s"), self->evidence_from,
                                   adj->metric ? adj->metric : "-");
      else
        tooltip = g_strdup (_("Working out the retention…"));
    }
  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static void
evidence_label_gone (gpointer  data,
                     GObject  *label)
{
  StrataRulesEditor *self = data;

  g_hash_table_remove (self->evidence_labels, label);
}

/* A label for the row's retention; strata_rules_evidence_label_bind()
 * points it at a row. */
GtkWidget *
strata_rules_evidence_label_new (StrataRulesEditor *self)
{
  GtkWidget *label = gtk_label_new ("—");

  gtk_widget_set_name (label, "adjustment-evidence");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  if (self->evidence_labels != NULL)
    {
      g_hash_table_add (self->evidence_labels, label);
      g_object_weak_ref (G_OBJECT (label), evidence_label_gone, self);
    }
  return label;
}

/* row NULL: unbound. */
void
strata_rules_evidence_label_bind (StrataRulesEditor *self,
                                  GtkWidget         *label,
                                  StrataRuleRow     *row)
{
  g_object_set_data_full (G_OBJECT (label), "row", row ? g_object_ref (row) : NULL,
                          row ? g_object_unref : NULL);
  if (row != NULL)
    evidence_refresh (self, GTK_LABEL (label));
}

/* Forgets the labels (they may outlive the editor in the column view). */
void
strata_rules_evidence_dispose (StrataRulesEditor *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->evidence_labels == NULL)
    return;
  g_hash_table_iter_init (&iter, self->evidence_labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_object_weak_unref (key, evidence_label_gone, self);
  g_clear_pointer (&self->evidence_labels, g_hash_table_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_clear_pointer (&self->evidence_missing, g_free);
  g_clear_pointer (&self->evidence_from, g_free);
  g_clear_pointer (&self->evidence_to, g_free);
}

void
strata_rules_editor_refresh_evidence (StrataRulesEditor *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->evidence_labels == NULL)
    return;
  g_hash_table_iter_init (&iter, self->evidence_labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    evidence_refresh (self, key);
}

void
strata_rules_editor_set_evidence (StrataRulesEditor *self,
                                  GPtrArray         *evidence,
                                  const char        *from,
                                  const char        *to,
                                  const char        *missing)
{
  g_return_if_fail (STRATA_IS_RULES_EDITOR (self));

  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  if (evidence != NULL)
    self->evidence = g_ptr_array_ref (evidence);
  g_free (self->evidence_from);
  self->evidence_from = g_strdup (from);
  g_free (self->evidence_to);
  self->evidence_to = g_strdup (to);
  g_free (self->evidence_missing);
  self->evidence_missing = g_strdup (missing);
  strata_rules_editor_refresh_evidence (self);
}
