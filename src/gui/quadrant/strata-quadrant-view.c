/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-deferred-job.h"
#include "strata-task.h"
#include "strata-format.h"
#include "strata-quadrant-chart-private.h"
#include "strata-quadrant-view.h"
#include "strata-worker-rows.h"

struct _StrataQuadrantView
{
  GtkWidget            parent_instance;

  StrataQuadrantChart *chart;
  StrataPeriodResults *results;   /* its rows are the points: names, tooltips */
  gssize               hover;
  GArray              *selection; /* guint rows */
  gboolean             banding;
  double               band[4];   /* x0, y0, x1, y1 while dragging */
  StrataThresholdLine  moving;    /* the line being dragged, if any */
  double               moved_from[2];
  gboolean             large_type;
  gboolean             lines_fixed; /* the workspace is read-only */
  StrataDeferredJob    job;
  gboolean             scaling;     /* new axis scales are computed on a worker */
  StrataAxisScale      scales[2];   /* x, y: the scales asked for last */
};

enum { SELECTION_CHANGED, THRESHOLD_MOVED, THRESHOLDS_CHANGING, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StrataQuadrantView, strata_quadrant_view, GTK_TYPE_WIDGET)

static StrataChartStyle *
current_style (StrataQuadrantView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (self->large_type)
    return strata_chart_style_new (STRATA_CHART_THEME_PROJECTOR);
  if (adw_style_manager_get_high_contrast (manager))
    return strata_chart_style_new (STRATA_CHART_THEME_HIGH_CONTRAST);
  if (adw_style_manager_get_dark (manager))
    return strata_chart_style_new (STRATA_CHART_THEME_DARK);
  return strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
}

/* Above STRATA_WORKER_POINTS, a frame never passes over every point: what
 * it lacks (counts, the density image) comes from a job on a worker
 * thread, and the frame meanwhile shows the last ones. */
static gboolean
deferred (StrataQuadrantView *self)
{
  return strata_quadrant_chart_get_n_points (self->chart) > STRATA_WORKER_POINTS;
}

static StrataQuadrantChart *
view_chart (GtkWidget *widget)
{
  return STRATA_QUADRANT_VIEW (widget)->chart;
}

static void
strata_quadrant_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  StrataQuadrantView *self = STRATA_QUADRANT_VIEW (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(StrataChartStyle) style = NULL;
  cairo_t *cr;

  if (self->chart == NULL || w <= 0 || h <= 0)
    return;
  style = current_style (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!deferred (self))
    strata_chart_draw (STRATA_CHART (self->chart), cr, style, w, h);
  else if (!strata_quadrant_chart_draw_deferred (self->chart, cr, style, w, h))
    strata_deferred_job_start (&self->job, widget, view_chart);
  if (self->banding)
    {
      cairo_rectangle (cr, MIN (self->band[0], self->band[2]), MIN (self->band[1], self->band[3]),
                       fabs (self->band[2] - self->band[0]), fabs (self->band[3] - self->band[1]));
      cairo_set_source_rgba (cr, style->accent.r, style->accent.g, style->accent.b, 0.15);
      cairo_fill_preserve (cr);
      strata_rgba_set_source (cr, &style->accent);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Hit testing needs the geometry of the size shown, also before the
 * first frame (tests, a tooltip right after a resize). */
static void
ensure_layout (StrataQuadrantView *self)
{
  g_autoptr(StrataChartStyle) style = current_style (self);
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));

  if (!deferred (self))
    strata_quadrant_chart_layout (self->chart, style, w, h);
  else if (!strata_quadrant_chart_layout_deferred (self->chart, style, w, h))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Name and quadrant, then the ID, tier and score, then the two values. */
static char *
point_tooltip (StrataQuadrantView *self,
               gssize              hit)
{
  const StrataPeriodData *pd = self->results ? self->results->data : NULL;
  const char *name = pd != NULL && (gsize) hit < pd->n ? strata_period_data_get_name (pd, hit) : "";
  g_autofree char *details = NULL;
  StrataQuadrant q = strata_quadrant_chart_classify (self->chart, hit);
  static const char *letters[] = { "", "A", "B", "C", "D" };
  g_autofree char *values = strata_quadrant_chart_describe_point (self->chart, hit);

  if (pd != NULL && (gsize) hit < pd->n)
    {
      const StrataResult *result = self->results->result;
      const GPtrArray *tiers = self->results->rules->tiers;
      guint t = result->final_tier[hit];
      const StrataTier *tier = t < tiers->len ? tiers->pdata[t] : NULL;
      g_autofree char *score = isnan (result->score[hit]) ? g_strdup ("–")
                                                          : strata_format_number (result->score[hit]);

      /* Translators: a customer in the quadrant's tooltip: ID, tier, score. */
      details = g_strdup_printf (_("%s · tier %s · score %s"), strata_period_data_get_ext_id (pd, hit),
                                 tier ? tier->id : "–", score);
    }
  if (details == NULL)
    /* Translators: tooltip over a point of the quadrant chart: name, quadrant, then
     * the line with its two values. */
    return g_strdup_printf (_("%s, quadrant %s\n%s"), name, letters[q], values);
  /* Translators: tooltip over a point of the quadrant chart: name, quadrant,
   * the line with ID, tier and score, then the line with its two values. */
  return g_strdup_printf (_("%s, quadrant %s\n%s\n%s"), name, letters[q], details, values);
}

void
strata_quadrant_view_pointer_moved (StrataQuadrantView *self,
                                    double              x,
                                    double              y)
{
  gssize hit;

  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  if (self->chart == NULL)
    return;
  ensure_layout (self);
  /* A threshold line can be dragged: say so with the cursor. */
  switch (self->lines_fixed ? STRATA_THRESHOLD_NONE : strata_quadrant_chart_threshold_at (self->chart, x, y))
    {
    case STRATA_THRESHOLD_X: gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize"); break;
    case STRATA_THRESHOLD_Y: gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "row-resize"); break;
    default: gtk_widget_set_cursor (GTK_WIDGET (self), NULL); break;
    }
  hit = strata_quadrant_chart_hit_test (self->chart, x, y);
  if (hit == self->hover)
    return;
  self->hover = hit;
  strata_quadrant_chart_set_highlight (self->chart, hit);
  if (hit >= 0)
    {
      g_autofree char *tip = point_tooltip (self, hit);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), tip);
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

char *
strata_quadrant_view_get_tooltip_at (StrataQuadrantView *self,
                                     double              x,
                                     double              y)
{
  gssize hit;

  g_return_val_if_fail (STRATA_IS_QUADRANT_VIEW (self), NULL);
  if (self->chart == NULL)
    return NULL;
  ensure_layout (self);
  hit = strata_quadrant_chart_hit_test (self->chart, x, y);
  return hit >= 0 ? point_tooltip (self, hit) : NULL;
}

/* Asked where the pointer rests, also when it has not moved since the
 * chart changed under it. */
static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = strata_quadrant_view_get_tooltip_at (STRATA_QUADRANT_VIEW (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_selection (StrataQuadrantView *self,
               GArray             *rows)
{
  g_array_set_size (self->selection, 0);
  g_array_append_vals (self->selection, rows->data, rows->len);
  strata_quadrant_chart_set_selection (self->chart, (guint *) self->selection->data,
                                       self->selection->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
strata_quadrant_view_select_band (StrataQuadrantView *self,
                                  double              x0,
                                  double              y0,
                                  double              x1,
                                  double              y1)
{
  g_autoptr(GArray) rows = NULL;
  cairo_rectangle_t rect = { MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0) };

  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  if (self->chart == NULL)
    return;
  ensure_layout (self);
  /* A tiny drag is a click: the customer under the pointer, or none. */
  if (rect.width < 4 && rect.height < 4)
    {
      gssize hit = strata_quadrant_chart_hit_test (self->chart, x1, y1);
      rows = g_array_new (FALSE, FALSE, sizeof (guint));
      if (hit >= 0)
        {
          guint row = (guint) hit;
          g_array_append_val (rows, row);
        }
    }
  else
    rows = strata_quadrant_chart_select_rect (self->chart, &rect);
  set_selection (self, rows);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           StrataQuadrantView       *self)
{
  strata_quadrant_view_pointer_moved (self, x, y);
}

/* The value under the pointer on the line's axis. */
static double
line_value (StrataQuadrantView *self,
            StrataThresholdLine line,
            double              x,
            double              y)
{
  return strata_quadrant_chart_pixel_to_value (self->chart, line, line == STRATA_THRESHOLD_X ? x : y);
}

static void
move_line (StrataQuadrantView *self,
           double              x,
           double              y)
{
  double tx = self->moved_from[0], ty = self->moved_from[1];
  double v = line_value (self, self->moving, x, y);

  if (!isfinite (v))
    return;
  v = strata_quadrant_view_round_threshold (v);
  if (self->moving == STRATA_THRESHOLD_X)
    tx = v;
  else
    ty = v;
  strata_quadrant_chart_set_thresholds (self->chart, tx, ty);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[THRESHOLDS_CHANGING], 0);
}

static void
begin (StrataQuadrantView *self,
       double              x,
       double              y)
{
  self->moving = STRATA_THRESHOLD_NONE;
  self->band[0] = self->band[2] = x;
  self->band[1] = self->band[3] = y;
  if (self->chart == NULL)
    return;
  ensure_layout (self);
  self->moving = self->lines_fixed ? STRATA_THRESHOLD_NONE
                                   : strata_quadrant_chart_threshold_at (self->chart, x, y);
  strata_quadrant_chart_get_thresholds (self->chart, &self->moved_from[0], &self->moved_from[1]);
  self->banding = self->moving == STRATA_THRESHOLD_NONE;
}

static void
finish (StrataQuadrantView *self,
        double              x,
        double              y)
{
  StrataThresholdLine line = self->moving;

  self->banding = FALSE;
  self->moving = STRATA_THRESHOLD_NONE;
  if (self->chart == NULL)
    return;
  if (line != STRATA_THRESHOLD_NONE)
    {
      double tx, ty;

      self->moving = line;
      move_line (self, x, y);
      self->moving = STRATA_THRESHOLD_NONE;
      strata_quadrant_chart_get_thresholds (self->chart, &tx, &ty);
      if ((line == STRATA_THRESHOLD_X ? tx : ty) != self->moved_from[line == STRATA_THRESHOLD_X ? 0 : 1])
        g_signal_emit (self, signals[THRESHOLD_MOVED], 0, (int) line,
                       line == STRATA_THRESHOLD_X ? tx : ty);
      return;
    }
  strata_quadrant_view_select_band (self, self->band[0], self->band[1], x, y);
}

double
strata_quadrant_view_round_threshold (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return value;
  return g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.3g", value), NULL);
}

void
strata_quadrant_view_drag_begin (StrataQuadrantView *self,
                                 double              x,
                                 double              y)
{
  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  begin (self, x, y);
}

void
strata_quadrant_view_drag_motion (StrataQuadrantView *self,
                                  double              x,
                                  double              y)
{
  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  self->band[2] = x;
  self->band[3] = y;
  if (self->moving != STRATA_THRESHOLD_NONE)
    move_line (self, x, y);
}

void
strata_quadrant_view_drag_end (StrataQuadrantView *self,
                               double              x,
                               double              y)
{
  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  finish (self, x, y);
}

void
strata_quadrant_view_drag (StrataQuadrantView *self,
                           double              x0,
                           double              y0,
                           double              x1,
                           double              y1)
{
  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  begin (self, x0, y0);
  finish (self, x1, y1);
}

void
strata_quadrant_view_set_large_type (StrataQuadrantView *self,
                                     gboolean            large)
{
  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  self->large_type = !!large;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
strata_quadrant_view_set_lines_movable (StrataQuadrantView *self,
                                        gboolean            movable)
{
  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  self->lines_fixed = !movable;
}

static void
on_drag_begin (GtkGestureDrag     *drag,
               double              x,
               double              y,
               StrataQuadrantView *self)
{
  begin (self, x, y);
}

static void
on_drag_update (GtkGestureDrag     *drag,
                double              dx,
                double              dy,
                StrataQuadrantView *self)
{
  self->band[2] = self->band[0] + dx;
  self->band[3] = self->band[1] + dy;
  if (self->moving != STRATA_THRESHOLD_NONE)
    move_line (self, self->band[2], self->band[3]);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag     *drag,
             double              dx,
             double              dy,
             StrataQuadrantView *self)
{
  finish (self, self->band[0] + dx, self->band[1] + dy);
}

/* Hidden (another page shown), the view lets the chart's hit-test grid go
 * (4 bytes a point); the first pointer motion over it again makes it anew
 * (one pass, about 10 ms at a million points). */
static void
strata_quadrant_view_unmap (GtkWidget *widget)
{
  StrataQuadrantView *self = STRATA_QUADRANT_VIEW (widget);

  if (self->chart != NULL)
    strata_quadrant_chart_drop_hit_index (self->chart);
  GTK_WIDGET_CLASS (strata_quadrant_view_parent_class)->unmap (widget);
}

static void
strata_quadrant_view_dispose (GObject *object)
{
  StrataQuadrantView *self = STRATA_QUADRANT_VIEW (object);

  g_clear_object (&self->chart);
  g_clear_pointer (&self->results, strata_period_results_unref);
  g_clear_pointer (&self->selection, g_array_unref);
  G_OBJECT_CLASS (strata_quadrant_view_parent_class)->dispose (object);
}

static void
strata_quadrant_view_class_init (StrataQuadrantViewClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = strata_quadrant_view_snapshot;
  GTK_WIDGET_CLASS (klass)->unmap = strata_quadrant_view_unmap;
  G_OBJECT_CLASS (klass)->dispose = strata_quadrant_view_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "quadrantview");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /* The line (StrataThresholdLine) and its new value, once a drag ends. */
  signals[THRESHOLD_MOVED] =
    g_signal_new ("threshold-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_DOUBLE);
  /* The chart's thresholds follow a line being dragged (on every motion). */
  signals[THRESHOLDS_CHANGING] =
    g_signal_new ("thresholds-changing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
strata_quadrant_view_init (StrataQuadrantView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->hover = -1;
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

GtkWidget *
strata_quadrant_view_new (void)
{
  return g_object_new (STRATA_TYPE_QUADRANT_VIEW, NULL);
}

void
strata_quadrant_view_set_chart (StrataQuadrantView  *self,
                                StrataQuadrantChart *chart,
                                StrataPeriodResults *results)
{
  g_autofree char *description = NULL;

  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  g_set_object (&self->chart, chart);
  g_clear_pointer (&self->results, strata_period_results_unref);
  if (chart != NULL && results != NULL)
    self->results = strata_period_results_ref (results);
  g_array_set_size (self->selection, 0);
  self->hover = -1;
  description = chart ? strata_chart_get_description (STRATA_CHART (chart)) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void start_scales (StrataQuadrantView *self);

static void
scales_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  strata_quadrant_scales_run (task_data);
  g_task_return_boolean (task, TRUE);
}

static gboolean
scales_current (StrataQuadrantView *self)
{
  return strata_quadrant_chart_get_axis (self->chart, STRATA_THRESHOLD_X)->scale == self->scales[0] &&
         strata_quadrant_chart_get_axis (self->chart, STRATA_THRESHOLD_Y)->scale == self->scales[1];
}

static void
scales_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  StrataQuadrantView *self = STRATA_QUADRANT_VIEW (source);

  self->scaling = FALSE;
  /* Installed unless the chart's data changed meanwhile (into whichever
   * chart it was started for). */
  strata_quadrant_scales_finish (g_task_get_task_data (G_TASK (result)));
  if (self->chart == NULL)
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Switched again meanwhile, or a new chart: the scales asked for last. */
  if (!scales_current (self))
    start_scales (self);
}

/* One at a time; scales_done starts the next for the scales asked last. */
static void
start_scales (StrataQuadrantView *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->scaling)
    return;
  self->scaling = TRUE;
  task = g_task_new (self, NULL, scales_done, NULL);
  /* Finished (and freed) in scales_done, on the main thread. */
  g_task_set_task_data (task, strata_quadrant_chart_scales_new (self->chart, self->scales[0], self->scales[1]),
                        NULL);
  strata_task_run_in_background (task, scales_thread);
}

void
strata_quadrant_view_set_scales (StrataQuadrantView *self,
                                 StrataAxisScale     x_scale,
                                 StrataAxisScale     y_scale)
{
  g_return_if_fail (STRATA_IS_QUADRANT_VIEW (self));
  self->scales[0] = x_scale;
  self->scales[1] = y_scale;
  if (self->chart == NULL)
    return;
  if (!deferred (self))
    {
      strata_quadrant_chart_set_scales (self->chart, x_scale, y_scale);
      return;
    }
  if (!scales_current (self))
    start_scales (self);
}

gboolean
strata_quadrant_view_get_busy (StrataQuadrantView *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_VIEW (self), FALSE);
  return self->scaling || self->job.running;
}

StrataQuadrantChart *
strata_quadrant_view_get_chart (StrataQuadrantView *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_VIEW (self), NULL);
  return self->chart;
}

gssize
strata_quadrant_view_get_hover (StrataQuadrantView *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_VIEW (self), -1);
  return self->hover;
}

GArray *
strata_quadrant_view_get_selection (StrataQuadrantView *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_VIEW (self), NULL);
  return self->selection;
}
