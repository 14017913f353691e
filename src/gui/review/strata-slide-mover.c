/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-slide-mover.h"

struct _StrataSlideMover
{
  GtkButton  parent_instance;

  gint64     customer_id;
  GtkLabel  *change;
  GtkLabel  *name;
  GtkLabel  *reason;
};

G_DEFINE_FINAL_TYPE (StrataSlideMover, strata_slide_mover, GTK_TYPE_BUTTON)

static void
strata_slide_mover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STRATA_TYPE_SLIDE_MOVER);
  G_OBJECT_CLASS (strata_slide_mover_parent_class)->dispose (object);
}

static void
strata_slide_mover_class_init (StrataSlideMoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_slide_mover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-slide-mover.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataSlideMover, change);
  gtk_widget_class_bind_template_child (widget_class, StrataSlideMover, name);
  gtk_widget_class_bind_template_child (widget_class, StrataSlideMover, reason);
}

static void
strata_slide_mover_init (StrataSlideMover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_slide_mover_new (gint64      customer_id,
                        const char *change,
                        const char *name,
                        const char *reason,
                        gboolean    up)
{
  StrataSlideMover *self = g_object_new (STRATA_TYPE_SLIDE_MOVER, NULL);

  self->customer_id = customer_id;
  gtk_label_set_label (self->change, change);
  gtk_widget_add_css_class (GTK_WIDGET (self->change), up ? "slide-up" : "slide-down");
  gtk_label_set_label (self->name, name);
  gtk_label_set_label (self->reason, reason ? reason : "");
  return GTK_WIDGET (self);
}

gint64
strata_slide_mover_get_customer_id (StrataSlideMover *self)
{
  g_return_val_if_fail (STRATA_IS_SLIDE_MOVER (self), 0);
  return self->customer_id;
}
