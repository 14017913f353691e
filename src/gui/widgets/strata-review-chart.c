/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "strata-deferred-job.h"
#include "strata-quadrant-chart-private.h"
#include "strata-review-chart.h"
#include "strata-worker-rows.h"

struct _StrataReviewChart
{
  GtkWidget    parent_instance;

  StrataChart *chart;
  gboolean     projector;
  StrataDeferredJob job;
};

G_DEFINE_FINAL_TYPE (StrataReviewChart, strata_review_chart, GTK_TYPE_WIDGET)

/* A quadrant chart of more points than STRATA_WORKER_POINTS draws deferred:
 * its passes over every point (counts, density image) run as a job on a
 * worker, as on the Quadrant page, so that a million customers never stall
 * a frame. */
static gboolean
deferred (StrataReviewChart *self)
{
  return STRATA_IS_QUADRANT_CHART (self->chart) &&
         strata_quadrant_chart_get_n_points (STRATA_QUADRANT_CHART (self->chart)) > STRATA_WORKER_POINTS;
}

/* The chart, while it draws deferred. */
static StrataQuadrantChart *
deferred_chart (GtkWidget *widget)
{
  StrataReviewChart *self = STRATA_REVIEW_CHART (widget);

  return deferred (self) ? STRATA_QUADRANT_CHART (self->chart) : NULL;
}

static void
strata_review_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  StrataReviewChart *self = STRATA_REVIEW_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(StrataChartStyle) style = NULL;
  StrataChartTheme theme;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  if (self->projector)
    theme = STRATA_CHART_THEME_PROJECTOR;
  else if (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
    theme = STRATA_CHART_THEME_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    theme = STRATA_CHART_THEME_DARK;
  else
    theme = STRATA_CHART_THEME_LIGHT;
  style = strata_chart_style_new (theme);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!deferred (self))
    strata_chart_draw (self->chart, cr, style, width, height);
  else if (!strata_quadrant_chart_draw_deferred (STRATA_QUADRANT_CHART (self->chart), cr, style, width, height))
    strata_deferred_job_start (&self->job, widget, deferred_chart);
  cairo_destroy (cr);
}

static void
strata_review_chart_dispose (GObject *object)
{
  StrataReviewChart *self = STRATA_REVIEW_CHART (object);

  g_clear_object (&self->chart);
  G_OBJECT_CLASS (strata_review_chart_parent_class)->dispose (object);
}

static void
strata_review_chart_class_init (StrataReviewChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_review_chart_dispose;
  widget_class->snapshot = strata_review_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "review-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
style_changed (StrataReviewChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
strata_review_chart_init (StrataReviewChart *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
strata_review_chart_new (void)
{
  return g_object_new (STRATA_TYPE_REVIEW_CHART, NULL);
}

void
strata_review_chart_set_chart (StrataReviewChart *self,
                               StrataChart       *chart)
{
  g_autofree char *description = NULL;

  g_return_if_fail (STRATA_IS_REVIEW_CHART (self));
  g_return_if_fail (chart == NULL || STRATA_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;
  /* The chart's own summary is what a screen reader hears. */
  description = chart ? strata_chart_get_description (chart) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

StrataChart *
strata_review_chart_get_chart (StrataReviewChart *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_CHART (self), NULL);
  return self->chart;
}

void
strata_review_chart_set_projector (StrataReviewChart *self,
                                   gboolean           projector)
{
  g_return_if_fail (STRATA_IS_REVIEW_CHART (self));
  self->projector = !!projector;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
