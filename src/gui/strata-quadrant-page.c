/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "strata-context.h"
#include "strata-metric-list.h"
#include "strata-metric.h"
#include "strata-period-results.h"
#include "strata-quadrant-page.h"

struct _StrataQuadrantPage
{
  GtkWidget           parent_instance;

  StrataContext      *context;
  StrataWorkspace    *workspace;
  StrataPeriodResults *results;     /* what the chart shows: rows map to customer ids */
  GtkWidget          *box;
  GtkWidget          *title;
  GtkWidget          *log_toggle;
  GtkWidget          *table_toggle;
  GtkWidget          *stack;
  GtkWidget          *status;
  GtkWidget          *view;
  GtkWidget          *table_label;
  GtkWidget          *selection_label;
};

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StrataQuadrantPage, strata_quadrant_page, GTK_TYPE_WIDGET)

static void
show_empty (StrataQuadrantPage *self,
            const char         *title,
            const char         *description)
{
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  strata_quadrant_view_set_chart (STRATA_QUADRANT_VIEW (self->view), NULL, NULL);
}

static const char *
metric_label (StrataMetricList *metrics,
              const char       *key)
{
  StrataMetric *m = key ? strata_metric_list_lookup_key (metrics, key) : NULL;
  return m ? strata_metric_get_localized_label (m) : key;
}

static StrataMetricKind
metric_kind (StrataMetricList *metrics,
             const char       *key)
{
  StrataMetric *m = key ? strata_metric_list_lookup_key (metrics, key) : NULL;
  return m ? strata_metric_get_kind (m) : STRATA_METRIC_NUMBER;
}

static void
update_table (StrataQuadrantPage *self)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));
  g_autoptr(GPtrArray) rows = NULL;
  GString *text = g_string_new (NULL);

  if (chart == NULL)
    {
      g_string_free (text, TRUE);
      return;
    }
  rows = strata_chart_get_table (STRATA_CHART (chart));
  for (guint r = 0; r < rows->len; r++)
    {
      g_autofree char *line = g_strjoinv ("\t", rows->pdata[r]);
      g_string_append_printf (text, "%s\n", line);
    }
  gtk_label_set_text (GTK_LABEL (self->table_label), text->str);
  g_string_free (text, TRUE);
}

static void
reload (StrataQuadrantPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataMetricList) metrics = NULL;
  g_autoptr(StrataQuadrantChart) chart = NULL;
  g_autofree StrataChartTier *tiers = NULL;
  g_autofree int *tier = NULL;
  g_autofree char *title = NULL;
  StrataQuadrantData data = { 0, };
  const StrataQuadrantRules *q;
  const StrataPeriodData *pd;
  gint64 period_id;

  g_clear_pointer (&self->results, strata_period_results_unref);
  if (self->context == NULL)
    {
      show_empty (self, _("No Workspace Open"), _("Open a workspace to see its quadrants."));
      return;
    }
  period_id = strata_context_get_period_id (self->context);
  if (period_id == 0)
    {
      show_empty (self, _("No Period"), _("Import data for a period to see its quadrants."));
      return;
    }
  self->results = strata_period_results_load (self->workspace, period_id, &error);
  if (self->results == NULL)
    {
      show_empty (self, _("Cannot Score This Period"), error->message);
      return;
    }
  pd = self->results->data;
  q = &self->results->rules->quadrant;
  data.x = strata_period_data_get_column (pd, q->x_metric);
  data.y = strata_period_data_get_column (pd, q->y_metric);
  if (pd->n == 0 || data.x == NULL || data.y == NULL)
    {
      show_empty (self, _("No Customers"),
                  _("Import customers with the quadrant's two metrics to place them here."));
      return;
    }

  metrics = strata_metric_list_new (self->workspace);
  strata_metric_list_reload (metrics, NULL);
  tiers = g_new0 (StrataChartTier, self->results->rules->tiers->len);
  for (guint t = 0; t < self->results->rules->tiers->len; t++)
    {
      const StrataTier *ti = self->results->rules->tiers->pdata[t];
      tiers[t].id = t;
      tiers[t].label = ti->label && *ti->label ? ti->label : ti->id;
      tiers[t].colour = ti->colour;
    }
  tier = g_new (int, pd->n);
  for (guint i = 0; i < pd->n; i++)
    tier[i] = self->results->result->final_tier[i] < self->results->rules->tiers->len
              ? self->results->result->final_tier[i] : -1;

  data.n_points = pd->n;
  data.z = q->z_metric ? strata_period_data_get_column (pd, q->z_metric) : NULL;
  data.revenue = strata_period_data_get_column (pd, "order_amount");
  data.tier = tier;
  data.n_tiers = self->results->rules->tiers->len;
  data.tiers = tiers;
  data.x_threshold = q->x_threshold;
  data.y_threshold = q->y_threshold;
  data.x_title = metric_label (metrics, q->x_metric);
  data.y_title = metric_label (metrics, q->y_metric);
  data.z_title = q->z_metric ? metric_label (metrics, q->z_metric) : NULL;
  data.x_kind = metric_kind (metrics, q->x_metric);
  data.y_kind = metric_kind (metrics, q->y_metric);
  for (guint k = 0; k < 4; k++)
    {
      data.quadrant_names[k] = q->label[k];
      data.quadrant_actions[k] = q->action[k];
    }
  chart = strata_quadrant_chart_new ();
  strata_quadrant_chart_set_data (chart, &data);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->log_toggle)))
    strata_quadrant_chart_set_scales (chart, STRATA_AXIS_LOG, STRATA_AXIS_LOG);
  strata_quadrant_view_set_chart (STRATA_QUADRANT_VIEW (self->view), chart, pd->names);

  /* Translators: heading of the Quadrant page; %s is a period. */
  title = g_strdup_printf (_("Quadrants in %s"), self->results->period_name);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->selection_label), "");
  update_table (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle))
                                    ? "table" : "chart");
}

static void
on_log_toggled (StrataQuadrantPage *self)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (STRATA_QUADRANT_VIEW (self->view));
  gboolean log = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->log_toggle));

  if (chart == NULL)
    return;
  strata_quadrant_chart_set_scales (chart, log ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR,
                                    log ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR);
  gtk_widget_queue_draw (self->view);
}

static void
on_table_toggled (StrataQuadrantPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "empty") == 0)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle))
                                    ? "table" : "chart");
}

/* One customer clicked: it becomes the selected customer everywhere. A
 * band: the count and the first names, here. */
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
    strata_context_set_selected_customer (self->context,
                                          self->results->data->ids[g_array_index (rows, guint, 0)]);
  if (rows->len > 0)
    {
      g_string_append_printf (text, ngettext ("%u customer selected: ",
                                                 "%u customers selected: ", rows->len),
                              rows->len);
      for (guint k = 0; k < MIN (rows->len, 8u); k++)
        g_string_append_printf (text, "%s%s", k ? ", " : "",
                                self->results->data->names[g_array_index (rows, guint, k)]);
      if (rows->len > 8)
        g_string_append (text, ", …");
    }
  gtk_label_set_text (GTK_LABEL (self->selection_label), text->str);
  g_string_free (text, TRUE);
}

static void
on_workspace_changed (StrataQuadrantPage *self,
                      const char         *what)
{
  reload (self);
}

static void
set_context (StrataQuadrantPage *self,
             StrataContext      *context)
{
  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      self->workspace = g_object_ref (strata_context_get_workspace (context));
      g_signal_connect_object (context, "notify::period-id", G_CALLBACK (reload), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->workspace, "changed", G_CALLBACK (on_workspace_changed), self,
                               G_CONNECT_SWAPPED);
    }
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
strata_quadrant_page_dispose (GObject *object)
{
  StrataQuadrantPage *self = STRATA_QUADRANT_PAGE (object);

  set_context (self, NULL);
  g_clear_pointer (&self->results, strata_period_results_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (strata_quadrant_page_parent_class)->dispose (object);
}

static void
strata_quadrant_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, STRATA_QUADRANT_PAGE (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
strata_quadrant_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    set_context (STRATA_QUADRANT_PAGE (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
strata_quadrant_page_class_init (StrataQuadrantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = strata_quadrant_page_dispose;
  object_class->get_property = strata_quadrant_page_get_property;
  object_class->set_property = strata_quadrant_page_set_property;
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, STRATA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "quadrantpage");
}

static void
strata_quadrant_page_init (StrataQuadrantPage *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *chart_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_box_append (GTK_BOX (header), self->title);
  self->log_toggle = gtk_toggle_button_new_with_mnemonic (_("_Log Scale"));
  gtk_widget_set_tooltip_text (self->log_toggle, _("Spread long-tailed metrics on logarithmic axes"));
  /* Inquiries and listings are long-tailed: log axes by default. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->log_toggle), TRUE);
  g_signal_connect_swapped (self->log_toggle, "toggled", G_CALLBACK (on_log_toggled), self);
  gtk_box_append (GTK_BOX (header), self->log_toggle);
  self->table_toggle = gtk_toggle_button_new_with_mnemonic (_("_Table"));
  gtk_widget_set_tooltip_text (self->table_toggle, _("Show the figures as a table"));
  g_signal_connect_swapped (self->table_toggle, "toggled", G_CALLBACK (on_table_toggled), self);
  gtk_box_append (GTK_BOX (header), self->table_toggle);
  gtk_box_append (GTK_BOX (self->box), header);

  self->view = strata_quadrant_view_new ();
  gtk_widget_set_vexpand (self->view, TRUE);
  gtk_widget_set_size_request (self->view, 400, 300);
  g_signal_connect_swapped (self->view, "selection-changed", G_CALLBACK (on_selection_changed), self);
  self->selection_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->selection_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->selection_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (chart_box), self->view);
  gtk_box_append (GTK_BOX (chart_box), self->selection_label);

  self->table_label = gtk_label_new (NULL);
  gtk_label_set_selectable (GTK_LABEL (self->table_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->table_label), 0);
  gtk_label_set_yalign (GTK_LABEL (self->table_label), 0);
  gtk_widget_add_css_class (self->table_label, "numeric");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->table_label);

  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "view-grid-symbolic");
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), self->status, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), chart_box, "chart");
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "table");
  gtk_box_append (GTK_BOX (self->box), self->stack);
  reload (self);
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
