/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-chart-export-dialog.h"
#include "strata-calibrate.h"
#include "strata-format.h"
#include "strata-context.h"
#include "strata-fit-dialog.h"
#include "strata-funnel-chart.h"
#include "strata-funnel-text.h"
#include "strata-review-chart.h"
#include "strata-ruleset-store.h"
#include "strata-window.h"
#include "strata-metric-list.h"
#include "strata-metric.h"
#include "strata-period-results.h"
#include "strata-quadrant-chart-private.h"
#include "strata-quadrant-load.h"
#include "strata-quadrant-page.h"
#include "strata-quadrant-table.h"

struct _StrataQuadrantPage
{
  StrataPage          parent_instance;

  StrataPeriodResults *results;     /* what the chart shows: rows map to customer ids */
  char               *axis_titles[3]; /* y, x, z metrics' labels, for the table */
  GtkWidget          *box;
  GtkWidget          *title;
  GtkWidget          *table_toggle;
  GtkWidget          *tier_filter;
  GtkWidget          *draft_note;
  StrataRules        *lines_draft;  /* the draft the lines were drawn for */
  gboolean            log_x, log_y, large_type;
  GtkWidget          *log_toggle;   /* offered when an axis spans > 2 decades */
  gboolean            syncing_log;
  char               *colour_by;    /* "tier" or "quadrant" */
  gboolean            has_undo;     /* a dragged threshold can be undone */
  double              undo_x, undo_y;
  GtkWidget          *stack;
  GtkWidget          *status;
  GtkWidget          *view;
  GtkWidget          *table;
  GtkWidget          *funnel_toggle;
  GtkWidget          *funnel_chart;
  GtkWidget          *funnel_note;
  GtkWidget          *funnel_by_tier;     /* the funnel per tier, not per quadrant */
  StrataFunnel       *funnels[2];         /* by quadrant, by tier; NULL without metrics */
  GtkWidget          *selection_label;
  GtkWidget          *selection_button;   /* opens the list of a band's customers */
  GtkStringList      *selection_names;    /* "ID  name" of every customer in the band */
  GArray             *selection_ids;      /* gint64 customer ids, in the same order */
};

enum { PROP_0, PROP_LOG_X, PROP_LOG_Y, PROP_COLOUR_BY, PROP_LARGE_TYPE, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StrataQuadrantPage, strata_quadrant_page, STRATA_TYPE_PAGE)

static void apply_options      (StrataQuadrantPage *self);
static void update_log_offer   (StrataQuadrantPage *self);
static void update_tier_filter (StrataQuadrantPage *self);

static void
show_empty (StrataQuadrantPage *self,
            const char         *title,
            const char         *description)
{
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  strata_quadrant_view_set_chart (STRATA_QUADRANT_VIEW (self->view), NULL, NULL);
  update_log_offer (self);
}

/* The table shows the chart's customers: built when it is shown, so that
 * a large workspace makes its rows only for a user who asks. */
static void
update_table (StrataQuadrantPage *self)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));

  if (chart == NULL || self->results == NULL ||
      !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle)))
    {
      strata_quadrant_table_set_data (STRATA_QUADRANT_TABLE (self->table), NULL, NULL, NULL, NULL, NULL);
      return;
    }
  strata_quadrant_table_set_data (STRATA_QUADRANT_TABLE (self->table), self->results, chart,
                                  self->axis_titles[0], self->axis_titles[1], self->axis_titles[2]);
}

/* No period to load: says why instead. */
static gboolean
show_nothing (StrataQuadrantPage *self)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));

  g_clear_pointer (&self->results, strata_period_results_unref);
  if (context == NULL)
    show_empty (self, _("No Workspace Open"), _("Open a workspace to see its quadrants."));
  else if (strata_context_get_period_id (context) == 0)
    show_empty (self, _("No Period"), _("Import data for a period to see its quadrants."));
  else
    return FALSE;
  return TRUE;
}

/* The chart, the table, or the funnel (the toggles in the header bar). */
static const char *
visible_view (StrataQuadrantPage *self)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle)))
    return "table";
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->funnel_toggle)) &&
      gtk_widget_get_sensitive (self->funnel_toggle))
    return "funnel";
  return "chart";
}

/* The funnel per quadrant or per tier (the By Quadrant / By Tier switch)
 * beside the plot; a workspace without funnel metrics has no funnel button. */
static void
show_funnel (StrataQuadrantPage *self)
{
  g_autoptr(StrataFunnelChart) chart = strata_funnel_chart_new ();
  g_autofree char *summary = NULL;
  gboolean by_tier = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->funnel_by_tier));
  const StrataFunnel *funnel = self->funnels[by_tier ? 1 : 0];

  gtk_widget_set_sensitive (self->funnel_toggle, funnel != NULL);
  gtk_widget_set_tooltip_text (self->funnel_toggle,
                               funnel != NULL
                               ? _("Show the traffic funnel of each quadrant: impressions, clicks, inquiries, orders")
                               : _("This workspace has no funnel metrics (impressions, clicks, inquiries, orders)"));
  if (funnel != NULL)
    {
      strata_funnel_chart_set_funnel (chart, funnel, NULL);
      summary = strata_funnel_text_summary (funnel);
    }
  strata_review_chart_set_chart (STRATA_REVIEW_CHART (self->funnel_chart), STRATA_CHART (chart));
  gtk_label_set_text (GTK_LABEL (self->funnel_note), summary != NULL ? summary : "");
}

/* Charts what load_async read, on the main thread. */
static void
show_results (StrataQuadrantPage *self,
              QuadrantLoad       *load,
              const GError       *error)
{
  g_autofree char *title = NULL;
  const StrataQuadrantRules *q;

  g_clear_pointer (&self->results, strata_period_results_unref);
  if (load == NULL)
    {
      show_empty (self, _("Cannot Score This Period"), error->message);
      return;
    }
  self->results = strata_period_results_ref (load->results);
  q = &self->results->rules->quadrant;
  if (load->chart == NULL)
    {
      show_empty (self, _("No Customers"),
                  _("Import customers with the quadrant's two metrics to place them here."));
      return;
    }

  gtk_widget_set_visible (self->draft_note, load->differs);
  g_clear_pointer (&self->lines_draft, strata_rules_free);
  self->lines_draft = g_steal_pointer (&load->draft);
  for (guint k = 0; k < 3; k++)
    g_free (self->axis_titles[k]);
  self->axis_titles[0] = g_strdup (load->y_title);
  self->axis_titles[1] = g_strdup (load->x_title);
  self->axis_titles[2] = g_strdup (q->z_metric ? load->z_title : NULL);
  strata_quadrant_view_set_chart (STRATA_QUADRANT_VIEW (self->view), load->chart, self->results);
  apply_options (self);
  update_tier_filter (self);

  /* Translators: heading of the Quadrant page; %s is a period. */
  title = g_strdup_printf (_("Quadrants in %s"), self->results->period_name);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->selection_label), "");
  update_table (self);
  g_clear_pointer (&self->funnels[0], strata_funnel_free);
  g_clear_pointer (&self->funnels[1], strata_funnel_free);
  self->funnels[0] = g_steal_pointer (&load->funnel);
  self->funnels[1] = g_steal_pointer (&load->funnel_by_tier);
  show_funnel (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), visible_view (self));
}

static void
strata_quadrant_page_load_async (StrataPage          *page,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (page);
  StrataContext *context = strata_page_get_context (page);
  QuadrantTask *task = g_new0 (QuadrantTask, 1);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->tier_filter));

  task->shared = strata_context_share_period (context, strata_context_get_period_id (context));
  task->log_x = self->log_x;
  task->log_y = self->log_y;
  task->by_quadrant = g_strcmp0 (self->colour_by, "quadrant") == 0;
  task->tier_filter = selected == GTK_INVALID_LIST_POSITION ? 0 : selected;
  task->caption = g_strdup (_("Quadrants"));
  strata_page_run_worker (page, strata_quadrant_load_run, task, strata_quadrant_task_free,
                          strata_quadrant_load_free, cancellable, callback, user_data);
}

static gboolean
strata_quadrant_page_load_finish (StrataPage    *page,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  QuadrantLoad *load;
  g_autoptr(GError) local_error = NULL;

  load = strata_page_worker_finish (page, result, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A period that cannot be scored is shown as such, not warned about. */
  show_results (STRATA_QUADRANT_PAGE (page), load, local_error);
  if (load != NULL)
    strata_quadrant_load_free (load);
  return TRUE;
}

static void
apply_options (StrataQuadrantPage *self)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));

  strata_quadrant_view_set_large_type (STRATA_QUADRANT_VIEW (self->view), self->large_type);
  if (chart == NULL)
    return;
  /* At a million points on a worker: the view shows the old scales meanwhile. */
  strata_quadrant_view_set_scales (STRATA_QUADRANT_VIEW (self->view),
                                   self->log_x ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR,
                                   self->log_y ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR);
  strata_quadrant_chart_set_colouring (chart, g_strcmp0 (self->colour_by, "quadrant") == 0
                                              ? STRATA_QUADRANT_COLOUR_BY_QUADRANT
                                              : STRATA_QUADRANT_COLOUR_BY_TIER);
  update_log_offer (self);
  gtk_widget_queue_draw (self->view);
}

/* The Log Scale toggle beside the chart is offered only when the process
 * or the result values span more than two decades, and switches those
 * axes alone (the options menu still switches each axis). */
static void
log_axes_wanted (StrataQuadrantPage *self,
                 gboolean           *wide_x,
                 gboolean           *wide_y)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));

  *wide_x = chart != NULL && strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_X);
  *wide_y = chart != NULL && strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_Y);
}

static void
update_log_offer (StrataQuadrantPage *self)
{
  gboolean wide_x, wide_y;

  log_axes_wanted (self, &wide_x, &wide_y);
  self->syncing_log = TRUE;
  gtk_widget_set_visible (self->log_toggle, wide_x || wide_y);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->log_toggle),
                                (wide_x || wide_y) && (!wide_x || self->log_x) && (!wide_y || self->log_y));
  self->syncing_log = FALSE;
}

static void
on_log_toggled (StrataQuadrantPage *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->log_toggle));
  gboolean wide_x, wide_y;

  if (self->syncing_log)
    return;
  log_axes_wanted (self, &wide_x, &wide_y);
  if (wide_x)
    g_object_set (self, "log-x", active, NULL);
  if (wide_y)
    g_object_set (self, "log-y", active, NULL);
}

/* The filter: all tiers, or one. */
static void
apply_tier_filter (StrataQuadrantPage *self)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->tier_filter));

  if (chart == NULL || self->results == NULL)
    return;
  for (guint t = 0; t < self->results->rules->tiers->len; t++)
    strata_quadrant_chart_set_tier_visible (chart, t, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                                      || selected - 1 == t);
  gtk_widget_queue_draw (self->view);
}

static void
update_tier_filter (StrataQuadrantPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->tier_filter));

  gtk_string_list_append (list, _("All Tiers"));
  for (guint t = 0; self->results && t < self->results->rules->tiers->len; t++)
    {
      const StrataTier *ti = self->results->rules->tiers->pdata[t];
      gtk_string_list_append (list, *strata_tier_get_display_label (ti)
                                     ? strata_tier_get_display_label (ti) : ti->id);
    }
  g_signal_handlers_block_by_func (self->tier_filter, apply_tier_filter, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->tier_filter), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->tier_filter),
                              selected < g_list_model_get_n_items (G_LIST_MODEL (list)) ? selected : 0);
  g_signal_handlers_unblock_by_func (self->tier_filter, apply_tier_filter, self);
  apply_tier_filter (self);
}

/* Writes draft into the workspace through the window's scoring, as the
 * Scoring page does: the scoring takes it first (on its worker from
 * STRATA_WORKER_ROWS customers), so that the save's ::changed finds the
 * draft it holds. Saved behind its back, the scoring read the draft again
 * and scored the published rules and the draft on the main thread. A
 * failed save gives the scoring its draft back. */
static gboolean
save_draft (StrataQuadrantPage  *self,
            const StrataRules   *draft,
            GError             **error)
{
  StrataScoring *scoring = strata_page_get_scoring (STRATA_PAGE (self));
  g_autoptr(StrataRules) before = NULL;

  if (scoring != NULL && strata_scoring_get_latest_draft (scoring) != NULL)
    {
      before = strata_rules_copy (strata_scoring_get_latest_draft (scoring));
      strata_scoring_set_draft (scoring, draft);
    }
  if (strata_ruleset_store_save_draft (strata_page_get_workspace (STRATA_PAGE (self)), draft, error))
    return TRUE;
  if (before != NULL)
    strata_scoring_set_draft (scoring, before);
  return FALSE;
}

/* Saves new thresholds into the draft, as an edit in the Scoring page's
 * table would (that page records it for Ctrl+Z as well). */
static gboolean
save_thresholds (StrataQuadrantPage *self,
                 double              x,
                 double              y,
                 GError            **error)
{
  g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (strata_page_get_workspace (STRATA_PAGE (self)), error);

  if (draft == NULL)
    return FALSE;
  draft->quadrant.x_threshold = x;
  draft->quadrant.y_threshold = y;
  return save_draft (self, draft, error);
}

static void
show_toast (StrataQuadrantPage *self,
            AdwToast           *toast)
{
  strata_window_toast_from (GTK_WIDGET (self), toast);
}

/* A dragged line's new thresholds, as the view drew them: the chart has
 * them and its counts, the table follows them, and the points and the
 * funnel are the published scoring's. So the page takes them as its
 * draft's lines, and the draft's ::changed finds them shown instead of
 * loading the page again (bench-window --quadrant: a 390 ms stall at a
 * million customers). Lines that show something else (the chart's other
 * threshold, or the draft's quadrant metrics are not the published ones)
 * are left to that reload. */
static void
take_drawn_thresholds (StrataQuadrantPage *self,
                       const StrataRules  *draft)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));
  double x = draft->quadrant.x_threshold, y = draft->quadrant.y_threshold;
  const StrataQuadrantRules *published;
  double tx, ty;

  if (chart == NULL || self->results == NULL || self->lines_draft == NULL)
    return;
  published = &self->results->rules->quadrant;
  strata_quadrant_chart_get_thresholds (chart, &tx, &ty);
  if (tx != x || ty != y ||
      g_strcmp0 (draft->quadrant.x_metric, published->x_metric) != 0 ||
      g_strcmp0 (draft->quadrant.y_metric, published->y_metric) != 0)
    return;
  g_clear_pointer (&self->lines_draft, strata_rules_free);
  self->lines_draft = strata_rules_copy (draft);
  gtk_widget_set_visible (self->draft_note, x != published->x_threshold || y != published->y_threshold);
}

static void
on_threshold_moved (StrataQuadrantPage *self,
                    int                 line,
                    double              value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) draft = NULL;
  double x, y;

  if (strata_page_get_workspace (STRATA_PAGE (self)) == NULL)
    return;
  draft = strata_ruleset_store_get_draft (strata_page_get_workspace (STRATA_PAGE (self)), &error);
  if (draft == NULL)
    goto failed;
  self->undo_x = draft->quadrant.x_threshold;
  self->undo_y = draft->quadrant.y_threshold;
  x = line == STRATA_THRESHOLD_X ? value : self->undo_x;
  y = line == STRATA_THRESHOLD_Y ? value : self->undo_y;
  /* Round to what people type, as the view did while dragging. */
  if (line == STRATA_THRESHOLD_X)
    x = strata_quadrant_view_round_threshold (x);
  else
    y = strata_quadrant_view_round_threshold (y);
  draft->quadrant.x_threshold = x;
  draft->quadrant.y_threshold = y;
  /* Taken before the save, whose ::changed compares the lines with it. */
  take_drawn_thresholds (self, draft);
  if (!save_draft (self, draft, &error))
    goto failed;
  self->has_undo = TRUE;
  strata_page_set_edit_action_enabled (STRATA_PAGE (self), "page.undo", TRUE);
  {
    /* Translators: toast after dragging a quadrant line; %g is its new value. */
    g_autofree char *text = g_strdup_printf (line == STRATA_THRESHOLD_X
                                             ? _("Process threshold moved to %g in the draft")
                                             : _("Result threshold moved to %g in the draft"),
                                             line == STRATA_THRESHOLD_X ? x : y);
    AdwToast *toast = adw_toast_new (text);
    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "page.undo");
    show_toast (self, toast);
  }
  return;

failed:
  show_toast (self, adw_toast_new (error->message));
  strata_page_queue_reload (STRATA_PAGE (self));
}

static void
undo_threshold (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!self->has_undo || strata_page_get_workspace (STRATA_PAGE (self)) == NULL)
    return;
  self->has_undo = FALSE;
  gtk_widget_action_set_enabled (widget, "page.undo", FALSE);
  if (!save_thresholds (self, self->undo_x, self->undo_y, &error))
    show_toast (self, adw_toast_new (error->message));
}

/* Fit to Data…, quadrant part: the thresholds the dialog fitted on
 * renewals go into the draft, and Ctrl+Z puts the old ones back. */
static void
fit_applied (StrataQuadrantPage *self,
             StrataFitDialog    *dialog)
{
  const StrataRules *fitted = strata_fit_dialog_get_rules (dialog);
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (fitted == NULL || strata_page_get_workspace (STRATA_PAGE (self)) == NULL)
    return;
  draft = strata_ruleset_store_get_draft (strata_page_get_workspace (STRATA_PAGE (self)), &error);
  if (draft == NULL ||
      !save_thresholds (self, fitted->quadrant.x_threshold, fitted->quadrant.y_threshold, &error))
    {
      show_toast (self, adw_toast_new (error->message));
      return;
    }
  self->undo_x = draft->quadrant.x_threshold;
  self->undo_y = draft->quadrant.y_threshold;
  self->has_undo = TRUE;
  strata_page_set_edit_action_enabled (STRATA_PAGE (self), "page.undo", TRUE);
  toast = adw_toast_new (_("Quadrant thresholds fitted to renewals in the draft"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "page.undo");
  show_toast (self, toast);
}

static void
fit_to_data (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (widget);
  StrataWorkspace *workspace = strata_page_get_workspace (STRATA_PAGE (self));
  StrataScoring *scoring = strata_page_get_scoring (STRATA_PAGE (self));
  const StrataPeriodData *data = scoring ? strata_scoring_get_data (scoring) : NULL;
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(GError) error = NULL;
  StrataFitDialog *dialog;

  if (workspace == NULL || data == NULL)
    return;
  if ((draft = strata_ruleset_store_get_draft (workspace, &error)) == NULL)
    {
      show_toast (self, adw_toast_new (error->message));
      return;
    }
  /* Its worker reads the renewals and the columns the window left out. */
  dialog = strata_fit_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), draft,
                                  (StrataPeriodData *) data, strata_workspace_get_path (workspace));
  strata_fit_dialog_set_quadrant_only (dialog);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (fit_applied), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_chart (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (widget);
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));

  if (chart != NULL)
    strata_chart_export_dialog_show (widget, STRATA_CHART (chart), self->view, "quadrants.pdf");
}

gboolean
strata_quadrant_page_export (StrataQuadrantPage *self,
                             const char         *size,
                             const char         *path,
                             GError            **error)
{
  StrataQuadrantChart *chart;

  g_return_val_if_fail (STRATA_IS_QUADRANT_PAGE (self), FALSE);
  chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));
  if (chart == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no chart to export"));
      return FALSE;
    }
  return strata_chart_export_to_path (STRATA_CHART (chart), self->view, size, path, error);
}

/* The table follows a dragged line as the chart's counts do, once a frame. */
static void
on_thresholds_changing (StrataQuadrantPage *self)
{
  strata_quadrant_table_queue_refresh (STRATA_QUADRANT_TABLE (self->table));
}

static void
on_table_toggled (StrataQuadrantPage *self)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle)))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->funnel_toggle), FALSE);
  update_table (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "empty") == 0)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), visible_view (self));
}

static void
on_funnel_toggled (StrataQuadrantPage *self)
{
  /* The funnel and the table take the same place: one at a time. */
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->funnel_toggle)))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->table_toggle), FALSE);
  on_table_toggled (self);
}

/* The band's customers as "ID  name" rows, in the list behind the
 * selection label's button: all of them, not only the first few. */
static void
fill_selection_list (StrataQuadrantPage *self,
                     GArray             *rows)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_full (rows->len + 1, g_free);

  g_array_set_size (self->selection_ids, 0);
  for (guint k = 0; k < rows->len; k++)
    {
      guint i = g_array_index (rows, guint, k);

      g_array_append_val (self->selection_ids, self->results->data->ids[i]);
      g_ptr_array_add (texts, g_strdup_printf ("%s  %s", strata_period_data_get_ext_id (self->results->data, i),
                                               strata_period_data_get_name (self->results->data, i)));
    }
  g_ptr_array_add (texts, NULL);
  gtk_string_list_splice (self->selection_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->selection_names)),
                          (const char * const *) texts->pdata);
  gtk_widget_set_visible (self->selection_button, rows->len > 1);
}

/* One customer clicked: it becomes the selected customer everywhere. A
 * band: the count and the first names here, every one in the list. */
static void
on_selection_changed (StrataQuadrantPage *self)
{
  GArray *rows = strata_quadrant_view_get_selection (STRATA_QUADRANT_VIEW (self->view));
  GString *text = g_string_new (NULL);

  if (self->results == NULL)
    {
      g_string_free (text, TRUE);
      return;
    }
  if (rows->len == 1)
    strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (self)),
                                          self->results->data->ids[g_array_index (rows, guint, 0)]);
  if (rows->len > 0)
    {
      g_autofree char *n = strata_format_integer (NULL, rows->len);

      g_string_append_printf (text, ngettext ("%s customer selected: ",
                                              "%s customers selected: ", rows->len), n);
      for (guint k = 0; k < MIN (rows->len, 8u); k++)
        g_string_append_printf (text, "%s%s", k ? ", " : "",
                                strata_period_data_get_name (self->results->data, g_array_index (rows, guint, k)));
      if (rows->len > 8)
        g_string_append (text, ", …");
    }
  gtk_label_set_text (GTK_LABEL (self->selection_label), text->str);
  g_string_free (text, TRUE);
  fill_selection_list (self, rows);
}

/* A row of the band's list activated: that customer is selected everywhere. */
static void
on_selection_row_activated (StrataQuadrantPage *self,
                            guint               position)
{
  if (strata_page_get_context (STRATA_PAGE (self)) != NULL && position < self->selection_ids->len)
    strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (self)),
                                          g_array_index (self->selection_ids, gint64, position));
}

GListModel *
strata_quadrant_page_get_selection_list (StrataQuadrantPage *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection_names);
}

void
strata_quadrant_page_activate_selection_row (StrataQuadrantPage *self,
                                             guint               position)
{
  g_return_if_fail (STRATA_IS_QUADRANT_PAGE (self));
  on_selection_row_activated (self, position);
}

/* Runs when the page is shown (StrataPage): scoring a million customers
 * takes seconds, so it goes to a worker thread. */
static void
strata_quadrant_page_reload (StrataPage *page)
{
  if (!show_nothing (STRATA_QUADRANT_PAGE (page)))
    STRATA_PAGE_CLASS (strata_quadrant_page_parent_class)->reload (page);
}

/* A draft save reloads no page (the points are the published scoring),
 * but the lines here follow the draft's thresholds: reload when they moved
 * (an edit on the Scoring page, an undo, Fit to Data, a restored version;
 * a drag here has taken its lines already). The shared scoring has read
 * the new draft already (it is connected first), or holds it while its
 * worker scores it. */
static void
draft_changed (StrataQuadrantPage *self)
{
  StrataScoring *scoring = strata_page_get_scoring (STRATA_PAGE (self));
  const StrataRules *draft = scoring != NULL ? strata_scoring_get_latest_draft (scoring) : NULL;
  const StrataRules *shown = self->lines_draft;

  if (draft == NULL || shown == NULL ||
      g_strcmp0 (draft->quadrant.x_metric, shown->quadrant.x_metric) != 0 ||
      g_strcmp0 (draft->quadrant.y_metric, shown->quadrant.y_metric) != 0 ||
      draft->quadrant.x_threshold != shown->quadrant.x_threshold ||
      draft->quadrant.y_threshold != shown->quadrant.y_threshold)
    strata_page_queue_reload (STRATA_PAGE (self));
}

static void
strata_quadrant_page_context_changed (StrataPage *page)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (page);
  StrataWorkspace *workspace = strata_page_get_workspace (page);

  g_clear_pointer (&self->lines_draft, strata_rules_free);
  if (workspace != NULL)
    g_signal_connect_object (workspace, "changed::draft", G_CALLBACK (draft_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
strata_quadrant_page_dispose (GObject *object)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (object);

  strata_page_set_context (STRATA_PAGE (self), NULL);
  g_clear_pointer (&self->results, strata_period_results_unref);
  g_clear_pointer (&self->lines_draft, strata_rules_free);
  g_clear_pointer (&self->funnels[0], strata_funnel_free);
  g_clear_pointer (&self->funnels[1], strata_funnel_free);
  g_clear_pointer (&self->colour_by, g_free);
  for (guint k = 0; k < 3; k++)
    g_clear_pointer (&self->axis_titles[k], g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_QUADRANT_PAGE);
  g_clear_pointer (&self->selection_ids, g_array_unref);
  G_OBJECT_CLASS (strata_quadrant_page_parent_class)->dispose (object);
}

static void
strata_quadrant_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOG_X: g_value_set_boolean (value, self->log_x); break;
    case PROP_LOG_Y: g_value_set_boolean (value, self->log_y); break;
    case PROP_COLOUR_BY: g_value_set_string (value, self->colour_by); break;
    case PROP_LARGE_TYPE: g_value_set_boolean (value, self->large_type); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_quadrant_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (object);
  gboolean *flag = NULL;

  switch (prop_id)
    {
    case PROP_LOG_X: flag = &self->log_x; break;
    case PROP_LOG_Y: flag = &self->log_y; break;
    case PROP_LARGE_TYPE: flag = &self->large_type; break;
    case PROP_COLOUR_BY:
      if (g_strcmp0 (self->colour_by, g_value_get_string (value)) == 0)
        return;
      g_free (self->colour_by);
      self->colour_by = g_strdup (g_strcmp0 (g_value_get_string (value), "quadrant") == 0
                                  ? "quadrant" : "tier");
      apply_options (self);
      g_object_notify_by_pspec (object, pspec);
      return;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*flag == g_value_get_boolean (value))
    return;
  *flag = g_value_get_boolean (value);
  apply_options (self);
  g_object_notify_by_pspec (object, pspec);
}

/* Undoing a threshold drag writes the draft: not on a read-only workspace. */
static const char * const edit_actions[] = { "page.undo", "page.fit-to-data", NULL };

/* On a read-only workspace the threshold lines stay where they are. */
static void
editable_changed (StrataQuadrantPage *self)
{
  gboolean editable = strata_page_get_editable (STRATA_PAGE (self));

  strata_quadrant_view_set_lines_movable (STRATA_QUADRANT_VIEW (self->view), editable);
  strata_page_set_edit_action_enabled (STRATA_PAGE (self), "page.undo", self->has_undo);
}

static void
strata_quadrant_page_class_init (StrataQuadrantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = strata_quadrant_page_dispose;
  object_class->get_property = strata_quadrant_page_get_property;
  object_class->set_property = strata_quadrant_page_set_property;
  /* The period's results and the draft's thresholds; not entitlements. */
  STRATA_PAGE_CLASS (klass)->changes = (STRATA_PAGE_CHANGES_ALL & ~STRATA_PAGE_CHANGES_ENTITLEMENTS)
    | STRATA_PAGE_CHANGES_PERIOD;
  STRATA_PAGE_CLASS (klass)->edit_actions = edit_actions;
  STRATA_PAGE_CLASS (klass)->context_changed = strata_quadrant_page_context_changed;
  STRATA_PAGE_CLASS (klass)->reload = strata_quadrant_page_reload;
  STRATA_PAGE_CLASS (klass)->load_async = strata_quadrant_page_load_async;
  STRATA_PAGE_CLASS (klass)->load_finish = strata_quadrant_page_load_finish;
  properties[PROP_LOG_X] =
    g_param_spec_boolean ("log-x", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_Y] =
    g_param_spec_boolean ("log-y", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOUR_BY] =
    g_param_spec_string ("colour-by", NULL, NULL, "tier",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_TYPE] =
    g_param_spec_boolean ("large-type", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (GTK_WIDGET_CLASS (klass), "page.log-x", "log-x");
  gtk_widget_class_install_property_action (GTK_WIDGET_CLASS (klass), "page.log-y", "log-y");
  gtk_widget_class_install_property_action (GTK_WIDGET_CLASS (klass), "page.colour-by", "colour-by");
  gtk_widget_class_install_property_action (GTK_WIDGET_CLASS (klass), "page.large-type", "large-type");
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "page.export", NULL, export_chart);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "page.fit-to-data", NULL, fit_to_data);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "page.undo", NULL,
                                   undo_threshold);

  g_type_ensure (STRATA_TYPE_QUADRANT_VIEW);
  g_type_ensure (STRATA_TYPE_QUADRANT_TABLE);
  g_type_ensure (STRATA_TYPE_REVIEW_CHART);
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/strata/Strata/strata-quadrant-page.ui");
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, box);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, title);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, tier_filter);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, table_toggle);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, log_toggle);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_log_toggled);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, stack);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, status);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, draft_note);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, view);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, selection_label);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, selection_button);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, selection_names);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, table);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), apply_tier_filter);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_table_toggled);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_funnel_toggled);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), show_funnel);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, funnel_by_tier);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, funnel_toggle);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, funnel_chart);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), StrataQuadrantPage, funnel_note);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_selection_changed);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_threshold_moved);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_thresholds_changing);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_selection_row_activated);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "quadrantpage");
}

static void
strata_quadrant_page_init (StrataQuadrantPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Inquiries and listings are long-tailed: log axes by default. */
  self->log_x = self->log_y = TRUE;
  self->colour_by = g_strdup ("tier");
  self->selection_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", FALSE);
  {
    /* Ctrl+Z undoes the threshold drag here, where it was made. The chart
     * takes no focus, so after a drag the focus is outside the page (the
     * page switcher, or nothing): the window runs this shortcut whatever
     * has the focus, while the page is on screen. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                       GTK_SHORTCUT_SCOPE_MANAGED);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z,
                                                                                    GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("page.undo")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
  g_signal_connect (self, "notify::editable", G_CALLBACK (editable_changed), NULL);
  show_nothing (self);
}

StrataQuadrantView *
strata_quadrant_page_get_view (StrataQuadrantPage *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_PAGE (self), NULL);
  return STRATA_QUADRANT_VIEW (self->view);
}

const char *
strata_quadrant_page_get_state (StrataQuadrantPage *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}
