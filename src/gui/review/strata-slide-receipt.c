/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-slide.h"
#include "strata-slide-receipt.h"

struct _StrataSlideReceipt
{
  GtkWindow    parent_instance;

  StrataSlide *slide;
  GtkLabel    *body;
};

G_DEFINE_FINAL_TYPE (StrataSlideReceipt, strata_slide_receipt, GTK_TYPE_WINDOW)

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             GtkWindow             *window)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  gtk_window_destroy (window);
  return TRUE;
}

static void
strata_slide_receipt_dispose (GObject *object)
{
  /* The slide is the window's child: the window lets it go, not the
   * template (which would leave the window pointing at it). */
  gtk_window_set_child (GTK_WINDOW (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), STRATA_TYPE_SLIDE_RECEIPT);
  G_OBJECT_CLASS (strata_slide_receipt_parent_class)->dispose (object);
}

static void
strata_slide_receipt_class_init (StrataSlideReceiptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_slide_receipt_dispose;

  g_type_ensure (STRATA_TYPE_SLIDE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-slide-receipt.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataSlideReceipt, slide);
  gtk_widget_class_bind_template_child (widget_class, StrataSlideReceipt, body);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_destroy);
}

static void
strata_slide_receipt_init (StrataSlideReceipt *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_slide_receipt_new (GtkWindow  *presentation,
                          const char *name,
                          const char *text)
{
  StrataSlideReceipt *self = g_object_new (STRATA_TYPE_SLIDE_RECEIPT,
                                           "transient-for", presentation,
                                           NULL);
  GtkWidget *over = GTK_WIDGET (presentation);

  /* Over the whole projector like the slides: no half-covered slide around
   * it (the size too, for when there is no window manager to fullscreen). */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               gtk_widget_get_width (over) > 0 ? gtk_widget_get_width (over) : 960,
                               gtk_widget_get_height (over) > 0 ? gtk_widget_get_height (over) : 700);
  gtk_window_fullscreen (GTK_WINDOW (self));
  strata_slide_set_title (self->slide, name);
  gtk_label_set_label (self->body, text);
  return GTK_WIDGET (self);
}
