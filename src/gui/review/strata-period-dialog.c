/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-period-dialog.h"

struct _StrataPeriodDialog
{
  AdwMessageDialog parent_instance;

  char            *period;     /* the period renamed; NULL for a new one */
  GtkEditable     *name_entry;
  GtkEditable     *start_entry;
  GtkEditable     *end_entry;
  GtkWidget       *start_label;
  GtkWidget       *end_label;
};

G_DEFINE_FINAL_TYPE (StrataPeriodDialog, strata_period_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The period is set once, before anything reads it: no property. */
static void
set_up (StrataPeriodDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  gboolean add = self->period == NULL;
  const char *response = add ? "add" : "rename";

  if (add)
    {
      adw_message_dialog_set_heading (dialog, _("New Period"));
      adw_message_dialog_set_body (dialog, _("A quarter (2026-Q3), a month (2026-07) or a year (2026) brings its dates; any other name is a custom period and needs its first and last day."));
    }
  else
    {
      /* Translators: the heading of the rename dialog, "Rename 2026-Q3" */
      g_autofree char *heading = g_strdup_printf (_("Rename %s"), self->period);

      adw_message_dialog_set_heading (dialog, heading);
      gtk_editable_set_text (self->name_entry, self->period);
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->name_entry), NULL);
      /* A period keeps its dates when renamed. */
      gtk_widget_set_visible (self->start_label, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->start_entry), FALSE);
      gtk_widget_set_visible (self->end_label, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->end_entry), FALSE);
    }
  adw_message_dialog_add_response (dialog, response, add ? _("_Add") : _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
}

static void
strata_period_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STRATA_TYPE_PERIOD_DIALOG);
  G_OBJECT_CLASS (strata_period_dialog_parent_class)->dispose (object);
}

static void
strata_period_dialog_finalize (GObject *object)
{
  StrataPeriodDialog *self = STRATA_PERIOD_DIALOG (object);

  g_free (self->period);
  G_OBJECT_CLASS (strata_period_dialog_parent_class)->finalize (object);
}

static void
strata_period_dialog_class_init (StrataPeriodDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_period_dialog_dispose;
  object_class->finalize = strata_period_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-period-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataPeriodDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, StrataPeriodDialog, start_entry);
  gtk_widget_class_bind_template_child (widget_class, StrataPeriodDialog, end_entry);
  gtk_widget_class_bind_template_child (widget_class, StrataPeriodDialog, start_label);
  gtk_widget_class_bind_template_child (widget_class, StrataPeriodDialog, end_label);
}

static void
strata_period_dialog_init (StrataPeriodDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_period_dialog_new (GtkWindow  *parent,
                          const char *period)
{
  StrataPeriodDialog *self = g_object_new (STRATA_TYPE_PERIOD_DIALOG,
                                           "transient-for", parent,
                                           NULL);

  self->period = g_strdup (period);
  set_up (self);
  return GTK_WIDGET (self);
}

const char *
strata_period_dialog_get_period (StrataPeriodDialog *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_DIALOG (self), NULL);
  return self->period;
}

static const char *
entry_text (GtkEditable *entry)
{
  const char *text = gtk_widget_get_visible (GTK_WIDGET (entry)) ? gtk_editable_get_text (entry) : NULL;

  return text && *text ? text : NULL;
}

const char *
strata_period_dialog_get_name (StrataPeriodDialog *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_DIALOG (self), NULL);
  return entry_text (self->name_entry);
}

const char *
strata_period_dialog_get_start (StrataPeriodDialog *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_DIALOG (self), NULL);
  return entry_text (self->start_entry);
}

const char *
strata_period_dialog_get_end (StrataPeriodDialog *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_DIALOG (self), NULL);
  return entry_text (self->end_entry);
}
