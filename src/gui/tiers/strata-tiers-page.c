/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-chart-export.h"
#include "strata-chart-export-dialog.h"
#include "strata-context.h"
#include "strata-period-results.h"
#include "strata-review-chart.h"
#include "strata-tiers-page.h"

struct _StrataTiersPage
{
  StrataPage          parent_instance;

  gboolean            large_type;

  GtkWidget          *box;
  GtkWidget          *title;
  GtkWidget          *table_toggle;
  GtkWidget          *stack;
  GtkWidget          *status;
  GtkWidget          *pyramid_view;
  GtkWidget          *pareto_view;
  GtkWidget          *table_box;
  StrataPyramidChart *pyramid;
  StrataParetoChart  *pareto;
};

enum { PROP_0, PROP_LARGE_TYPE, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StrataTiersPage, strata_tiers_page, STRATA_TYPE_PAGE)

static void
show_empty (StrataTiersPage *self,
            const char      *title,
            const char      *description)
{
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  gtk_widget_set_sensitive (self->table_toggle, FALSE);
}

/* The same figures as the charts, as text: a grid per chart. */
static GtkWidget *
table_grid (StrataChart *chart,
            const char  *heading)
{
  g_autoptr(GPtrArray) rows = strata_chart_get_table (chart);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label = gtk_label_new (heading);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];
      for (guint c = 0; cells[c] != NULL; c++)
        {
          GtkWidget *cell = gtk_label_new (cells[c]);
          gtk_label_set_xalign (GTK_LABEL (cell), c == 0 ? 0 : 1);
          gtk_label_set_selectable (GTK_LABEL (cell), TRUE);
          if (r == 0)
            gtk_widget_add_css_class (cell, "dim-label");
          else if (c > 0)
            gtk_widget_add_css_class (cell, "numeric");
          gtk_grid_attach (GTK_GRID (grid), cell, c, r, 1, 1);
        }
    }
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

static void
describe (GtkWidget   *view,
          StrataChart *chart,
          const char  *label)
{
  g_autofree char *description = strata_chart_get_description (chart);

  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (view, description);
}

/* No period to load: says why instead. */
static gboolean
show_nothing (StrataTiersPage *self)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));

  if (context == NULL)
    show_empty (self, _("No Workspace Open"), _("Open a workspace to see its tiers."));
  else if (strata_context_get_period_id (context) == 0)
    show_empty (self, _("No Period"), _("Import data for a period to see its tiers."));
  else
    return FALSE;
  return TRUE;
}

/* What the worker made of the period: the results, the tiers' counts and
 * revenue for the pyramid, and the Pareto chart (its sort of every
 * customer's revenue, a second at a million customers, stays off the
 * main thread). */
typedef struct
{
  StrataPeriodResults *results;
  guint                n_tiers;
  guint               *counts;
  guint               *base;
  double              *revenue;   /* NULL without order amounts */
  StrataParetoChart   *pareto;
} TiersLoad;

static void
tiers_load_free (gpointer data)
{
  TiersLoad *l = data;

  g_clear_pointer (&l->results, strata_period_results_unref);
  g_free (l->counts);
  g_free (l->base);
  g_free (l->revenue);
  g_clear_object (&l->pareto);
  g_free (l);
}

/* On the worker: every per-customer pass of the page. */
static void
tiers_load_count (TiersLoad *l)
{
  StrataPeriodResults *results = l->results;
  const double *amount = strata_period_data_get_column (results->data, "order_amount");
  StrataParetoData rd = { 0, };

  l->n_tiers = results->rules->tiers->len;
  l->counts = g_new0 (guint, MAX (l->n_tiers, 1));
  l->base = g_new0 (guint, MAX (l->n_tiers, 1));
  l->revenue = amount != NULL ? g_new0 (double, MAX (l->n_tiers, 1)) : NULL;
  for (guint i = 0; i < results->data->n; i++)
    {
      guint8 f = results->result->final_tier[i], b = results->result->base_tier[i];
      if (f < l->n_tiers)
        {
          l->counts[f]++;
          if (amount != NULL && isfinite (amount[i]))
            l->revenue[f] += amount[i];
        }
      if (b < l->n_tiers)
        l->base[b]++;
    }
  rd.n_values = amount != NULL ? results->data->n : 0;
  rd.values = amount;
  rd.top_share = 0.2;
  l->pareto = strata_pareto_chart_new ();
  /* The amounts stay in the period's column (4 bytes a customer kept, not 8). */
  strata_pareto_chart_set_data_borrowed (l->pareto, &rd, strata_period_data_ref (results->data),
                                         (GDestroyNotify) strata_period_data_unref);
}

/* Charts the results of the period (loaded by load_async). */
static void
show_results (StrataTiersPage *self,
              TiersLoad       *load,
              const GError    *error)
{
  g_autofree StrataChartTier *tiers = NULL;
  g_autofree char *title = NULL;
  StrataPeriodResults *results = load != NULL ? load->results : NULL;
  StrataPyramidData pd = { 0, };
  GtkWidget *child;
  guint n_tiers;

  if (results == NULL)
    {
      show_empty (self, _("Cannot Score This Period"), error->message);
      return;
    }
  if (results->data->n == 0 || results->rules->tiers->len == 0)
    {
      show_empty (self, _("No Customers"),
                  _("Import customers into this period to see the tier pyramid."));
      return;
    }

  n_tiers = results->rules->tiers->len;
  tiers = g_new0 (StrataChartTier, n_tiers);
  for (guint t = 0; t < n_tiers; t++)
    {
      const StrataTier *tier = results->rules->tiers->pdata[t];
      tiers[t].id = t;
      tiers[t].label = *strata_tier_get_display_label (tier)
                       ? strata_tier_get_display_label (tier) : tier->id;
      tiers[t].colour = tier->colour;
    }
  pd.n_tiers = n_tiers;
  pd.tiers = tiers;
  pd.counts = load->counts;
  pd.revenue = load->revenue;
  pd.base_counts = load->base;
  pd.title = _("Final tier");
  pd.base_title = _("Base tier");
  strata_pyramid_chart_set_data (self->pyramid, &pd);
  g_set_object (&self->pareto, load->pareto);

  /* Translators: heading of the Tiers page; %s is a period such as 2026-Q3. */
  title = g_strdup_printf (_("Tiers in %s"), results->period_name);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  strata_review_chart_set_chart (STRATA_REVIEW_CHART (self->pyramid_view), STRATA_CHART (self->pyramid));
  strata_review_chart_set_chart (STRATA_REVIEW_CHART (self->pareto_view), STRATA_CHART (self->pareto));
  /* The pyramid stays with new data, the Pareto chart is the worker's:
   * describe and redraw. */
  describe (self->pyramid_view, STRATA_CHART (self->pyramid), _("Tier pyramid"));
  describe (self->pareto_view, STRATA_CHART (self->pareto), _("Pareto curve"));
  strata_chart_export_set_caption (STRATA_CHART (self->pyramid), _("Tier pyramid"), results->period_name);
  strata_chart_export_set_caption (STRATA_CHART (self->pareto), _("Pareto curve"), results->period_name);
  gtk_widget_queue_draw (self->pyramid_view);
  gtk_widget_queue_draw (self->pareto_view);

  while ((child = gtk_widget_get_first_child (self->table_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->table_box), child);
  gtk_box_append (GTK_BOX (self->table_box), table_grid (STRATA_CHART (self->pyramid), _("Tier pyramid")));
  gtk_box_append (GTK_BOX (self->table_box), table_grid (STRATA_CHART (self->pareto), _("Pareto curve")));

  gtk_widget_set_sensitive (self->table_toggle, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle))
                                    ? "table" : "charts");
}

static void
on_table_toggled (StrataTiersPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "empty") == 0)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle))
                                    ? "table" : "charts");
}

/* On a worker thread, with its own connection (never the window's). */
static gpointer
load_results (StrataWorkspace  *workspace,
              gpointer          task_data,
              GCancellable     *cancellable,
              GError          **error)
{
  static const char * const revenue[] = { "order_amount", NULL };
  TiersLoad *load = g_new0 (TiersLoad, 1);

  /* Over the window's data when it is this period's (not a second copy). */
  load->results = strata_shared_period_load (task_data, workspace, revenue, error);
  if (load->results == NULL)
    {
      tiers_load_free (load);
      return NULL;
    }
  if (load->results->data->n > 0 && load->results->rules->tiers->len > 0)
    tiers_load_count (load);
  return load;
}

static void
strata_tiers_page_load_async (StrataPage          *page,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  StrataContext *context = strata_page_get_context (page);

  strata_page_run_worker (page, load_results,
                          strata_context_share_period (context, strata_context_get_period_id (context)),
                          (GDestroyNotify) strata_shared_period_free,
                          tiers_load_free, cancellable, callback, user_data);
}

static gboolean
strata_tiers_page_load_finish (StrataPage    *page,
                               GAsyncResult  *result,
                               GError       **error)
{
  TiersLoad *load;
  g_autoptr(GError) local_error = NULL;

  load = strata_page_worker_finish (page, result, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A period that cannot be scored is shown as such, not warned about. */
  show_results (STRATA_TIERS_PAGE (page), load, local_error);
  if (load != NULL)
    tiers_load_free (load);
  return TRUE;
}

/* Runs when the page is shown; the scoring and charting of a period
 * (seconds at a million customers) goes to a worker thread. */
static void
strata_tiers_page_reload (StrataPage *page)
{
  if (!show_nothing (STRATA_TIERS_PAGE (page)))
    STRATA_PAGE_CLASS (strata_tiers_page_parent_class)->reload (page);
}

gboolean
strata_tiers_page_export (StrataTiersPage *self,
                          const char      *chart,
                          const char      *path,
                          GError         **error)
{
  gboolean pareto = g_strcmp0 (chart, "pareto") == 0;

  g_return_val_if_fail (STRATA_IS_TIERS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  return strata_chart_export_to_path (pareto ? STRATA_CHART (self->pareto) : STRATA_CHART (self->pyramid),
                                      pareto ? self->pareto_view : self->pyramid_view,
                                      "shown", path, error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StrataTiersPage *self = STRATA_TIERS_PAGE (widget);
  gboolean pareto = g_strcmp0 (g_variant_get_string (parameter, NULL), "pareto") == 0;

  strata_chart_export_dialog_show (widget,
                                   pareto ? STRATA_CHART (self->pareto) : STRATA_CHART (self->pyramid),
                                   pareto ? self->pareto_view : self->pyramid_view,
                                   pareto ? "pareto.pdf" : "tier-pyramid.pdf");
}

static void
strata_tiers_page_dispose (GObject *object)
{
  StrataTiersPage *self = STRATA_TIERS_PAGE (object);

  strata_page_set_context (STRATA_PAGE (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_TIERS_PAGE);
  g_clear_object (&self->pyramid);
  g_clear_object (&self->pareto);
  G_OBJECT_CLASS (strata_tiers_page_parent_class)->dispose (object);
}

static void
strata_tiers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StrataTiersPage *self = STRATA_TIERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LARGE_TYPE:
      g_value_set_boolean (value, self->large_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_tiers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StrataTiersPage *self = STRATA_TIERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LARGE_TYPE:
      if (self->large_type == g_value_get_boolean (value))
        break;
      self->large_type = g_value_get_boolean (value);
      strata_review_chart_set_projector (STRATA_REVIEW_CHART (self->pyramid_view), self->large_type);
      strata_review_chart_set_projector (STRATA_REVIEW_CHART (self->pareto_view), self->large_type);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_tiers_page_class_init (StrataTiersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StrataPageClass *page_class = STRATA_PAGE_CLASS (klass);

  object_class->dispose = strata_tiers_page_dispose;
  object_class->get_property = strata_tiers_page_get_property;
  object_class->set_property = strata_tiers_page_set_property;
  /* The period's results; not entitlements. */
  page_class->changes = (STRATA_PAGE_CHANGES_ALL & ~STRATA_PAGE_CHANGES_ENTITLEMENTS)
    | STRATA_PAGE_CHANGES_PERIOD;
  page_class->reload = strata_tiers_page_reload;
  page_class->load_async = strata_tiers_page_load_async;
  page_class->load_finish = strata_tiers_page_load_finish;
  properties[PROP_LARGE_TYPE] =
    g_param_spec_boolean ("large-type", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.export", "s", export_action);
  gtk_widget_class_install_property_action (widget_class, "page.large-type", "large-type");

  g_type_ensure (STRATA_TYPE_REVIEW_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-tiers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, box);
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, title);
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, table_toggle);
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, status);
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, pyramid_view);
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, pareto_view);
  gtk_widget_class_bind_template_child (widget_class, StrataTiersPage, table_box);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tierspage");
}

static void
strata_tiers_page_init (StrataTiersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pyramid = strata_pyramid_chart_new ();
  self->pareto = strata_pareto_chart_new ();
  show_nothing (self);
}

StrataPyramidChart *
strata_tiers_page_get_pyramid (StrataTiersPage *self)
{
  g_return_val_if_fail (STRATA_IS_TIERS_PAGE (self), NULL);
  return self->pyramid;
}

StrataParetoChart *
strata_tiers_page_get_pareto (StrataTiersPage *self)
{
  g_return_val_if_fail (STRATA_IS_TIERS_PAGE (self), NULL);
  return self->pareto;
}

/* "empty", "charts" or "table": what the page shows. */
const char *
strata_tiers_page_get_state (StrataTiersPage *self)
{
  g_return_val_if_fail (STRATA_IS_TIERS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}
