/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "strata-renewal-view.h"

struct _StrataRenewalView
{
  GtkWidget  parent_instance;

  char      *title;
  GArray    *steps;
  double     target;
  double     threshold;
  char      *note;
  gboolean   log_x;
  double     marker_x;
};

G_DEFINE_FINAL_TYPE (StrataRenewalView, strata_renewal_view, GTK_TYPE_WIDGET)

static void
strata_renewal_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  StrataRenewalView *self = STRATA_RENEWAL_VIEW (widget);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  StrataRenewalCurve curve = { self->title, self->steps, self->target, self->threshold,
                               self->log_x, self->note };
  g_autoptr(StrataChartStyle) style = NULL;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || (self->steps == NULL && self->note == NULL))
    return;
  style = strata_chart_style_new (adw_style_manager_get_high_contrast (manager) ? STRATA_CHART_THEME_HIGH_CONTRAST
                                  : adw_style_manager_get_dark (manager) ? STRATA_CHART_THEME_DARK
                                  : STRATA_CHART_THEME_LIGHT);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  strata_renewal_curve_draw (&curve, cr, style, width, height, NULL, &self->marker_x);
  cairo_destroy (cr);
}

static void
strata_renewal_view_finalize (GObject *object)
{
  StrataRenewalView *self = STRATA_RENEWAL_VIEW (object);

  g_free (self->title);
  g_free (self->note);
  g_clear_pointer (&self->steps, g_array_unref);
  G_OBJECT_CLASS (strata_renewal_view_parent_class)->finalize (object);
}

static void
strata_renewal_view_class_init (StrataRenewalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = strata_renewal_view_finalize;
  widget_class->snapshot = strata_renewal_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "renewal-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
style_changed (StrataRenewalView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
strata_renewal_view_init (StrataRenewalView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->target = NAN;
  self->threshold = NAN;
  self->marker_x = NAN;
  gtk_widget_set_size_request (GTK_WIDGET (self), 280, 200);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
strata_renewal_view_new (void)
{
  return g_object_new (STRATA_TYPE_RENEWAL_VIEW, NULL);
}

void
strata_renewal_view_set_curve (StrataRenewalView *self,
                               const char        *title,
                               GArray            *steps,
                               double             target,
                               double             threshold,
                               const char        *note)
{
  g_return_if_fail (STRATA_IS_RENEWAL_VIEW (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->note);
  self->note = g_strdup (note);
  g_clear_pointer (&self->steps, g_array_unref);
  if (steps != NULL)
    self->steps = g_array_ref (steps);
  self->target = target;
  self->threshold = threshold;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title ? title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
strata_renewal_view_set_log (StrataRenewalView *self,
                             gboolean           log_x)
{
  g_return_if_fail (STRATA_IS_RENEWAL_VIEW (self));

  self->log_x = log_x;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
strata_renewal_view_wants_log (StrataRenewalView *self)
{
  g_return_val_if_fail (STRATA_IS_RENEWAL_VIEW (self), FALSE);
  return strata_renewal_curve_wants_log (self->steps);
}

double
strata_renewal_view_get_marker_x (StrataRenewalView *self)
{
  g_return_val_if_fail (STRATA_IS_RENEWAL_VIEW (self), NAN);
  return self->marker_x;
}
