/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-slide.h"

struct _StrataSlide
{
  GtkBox    parent_instance;

  GtkLabel *title;
};

enum { PROP_0, PROP_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StrataSlide, strata_slide, GTK_TYPE_BOX)

static void
strata_slide_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StrataSlide *self = STRATA_SLIDE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, strata_slide_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_slide_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StrataSlide *self = STRATA_SLIDE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      strata_slide_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_slide_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STRATA_TYPE_SLIDE);
  G_OBJECT_CLASS (strata_slide_parent_class)->dispose (object);
}

static void
strata_slide_class_init (StrataSlideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = strata_slide_get_property;
  object_class->set_property = strata_slide_set_property;
  object_class->dispose = strata_slide_dispose;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-slide.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataSlide, title);
}

static void
strata_slide_init (StrataSlide *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_slide_new (const char *title)
{
  return g_object_new (STRATA_TYPE_SLIDE, "title", title, NULL);
}

const char *
strata_slide_get_title (StrataSlide *self)
{
  g_return_val_if_fail (STRATA_IS_SLIDE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->title)) ? gtk_label_get_label (self->title) : NULL;
}

void
strata_slide_set_title (StrataSlide *self,
                        const char  *title)
{
  g_return_if_fail (STRATA_IS_SLIDE (self));
  if (g_strcmp0 (title, strata_slide_get_title (self)) == 0)
    return;
  gtk_label_set_label (self->title, title ? title : "");
  /* The title slide has none: no heading, and no spacing for one. */
  gtk_widget_set_visible (GTK_WIDGET (self->title), title != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}
