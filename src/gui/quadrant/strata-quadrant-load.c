/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-chart-export-dialog.h"
#include "strata-funnel-text.h"
#include "strata-metric-list.h"
#include "strata-quadrant-chart-private.h"
#include "strata-quadrant-load.h"
#include "strata-ruleset-store.h"

void
strata_quadrant_task_free (gpointer data)
{
  QuadrantTask *t = data;

  strata_shared_period_free (t->shared);
  g_free (t->caption);
  g_free (t);
}

void
strata_quadrant_load_free (gpointer data)
{
  QuadrantLoad *l = data;

  g_clear_pointer (&l->results, strata_period_results_unref);
  g_clear_pointer (&l->draft, strata_rules_free);
  g_clear_pointer (&l->funnel, strata_funnel_free);
  g_clear_pointer (&l->funnel_by_tier, strata_funnel_free);
  g_clear_object (&l->chart);
  g_free (l->x_title);
  g_free (l->y_title);
  g_free (l->z_title);
  g_free (l);
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

/* On the worker: the chart of what strata_quadrant_load_run read, with the options
 * the page had, its counts made. */
static void
build_chart (QuadrantLoad       *load,
             const QuadrantTask *task)
{
  g_autofree StrataChartTier *tiers = NULL;
  g_autofree int *tier = NULL;
  StrataQuadrantData data = { 0, };
  const StrataQuadrantRules *q;
  const StrataPeriodData *pd;
  StrataPeriodResults *results = load->results;
  StrataRules *draft;

  pd = results->data;
  q = &results->rules->quadrant;
  data.x = strata_period_data_get_column (pd, q->x_metric);
  data.y = strata_period_data_get_column (pd, q->y_metric);
  if (pd->n == 0 || data.x == NULL || data.y == NULL)
    return;

  tiers = g_new0 (StrataChartTier, MAX (results->rules->tiers->len, 1));
  for (guint t = 0; t < results->rules->tiers->len; t++)
    {
      const StrataTier *ti = results->rules->tiers->pdata[t];
      tiers[t].id = t;
      tiers[t].label = *strata_tier_get_display_label (ti) ? strata_tier_get_display_label (ti) : ti->id;
      tiers[t].colour = ti->colour;
    }
  tier = g_new (int, pd->n);
  for (guint i = 0; i < pd->n; i++)
    tier[i] = results->result->final_tier[i] < results->rules->tiers->len
              ? results->result->final_tier[i] : -1;

  data.n_points = pd->n;
  data.z = q->z_metric ? strata_period_data_get_column (pd, q->z_metric) : NULL;
  data.revenue = strata_period_data_get_column (pd, "order_amount");
  data.tier = tier;
  data.n_tiers = results->rules->tiers->len;
  data.tiers = tiers;
  data.x_threshold = q->x_threshold;
  data.y_threshold = q->y_threshold;
  data.x_title = load->x_title;
  data.y_title = load->y_title;
  data.z_title = q->z_metric ? load->z_title : NULL;
  data.x_kind = load->x_kind;
  data.y_kind = load->y_kind;
  for (guint k = 0; k < 4; k++)
    {
      data.quadrant_names[k] = strata_rules_get_quadrant_label (results->rules, k);
      data.quadrant_actions[k] = strata_rules_get_quadrant_action (results->rules, k);
    }
  /* The lines follow the draft, which the Scoring page and a drag here
   * edit; the points are the published scoring. */
  draft = load->draft;
  if (draft != NULL && g_strcmp0 (draft->quadrant.x_metric, q->x_metric) == 0 &&
      g_strcmp0 (draft->quadrant.y_metric, q->y_metric) == 0)
    {
      load->differs = draft->quadrant.x_threshold != q->x_threshold ||
                      draft->quadrant.y_threshold != q->y_threshold;
      data.x_threshold = draft->quadrant.x_threshold;
      data.y_threshold = draft->quadrant.y_threshold;
    }
  /* x, y and the revenue stay in the period's columns (not copies). */
  load->chart = strata_quadrant_chart_new ();
  strata_quadrant_chart_set_data_borrowed (load->chart, &data,
                                           strata_period_data_ref ((StrataPeriodData *) pd),
                                           (GDestroyNotify) strata_period_data_unref);
  strata_chart_export_set_caption (STRATA_CHART (load->chart), task->caption, results->period_name);
  strata_quadrant_chart_set_scales (load->chart, task->log_x ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR,
                                    task->log_y ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR);
  strata_quadrant_chart_set_colouring (load->chart, task->by_quadrant
                                                    ? STRATA_QUADRANT_COLOUR_BY_QUADRANT
                                                    : STRATA_QUADRANT_COLOUR_BY_TIER);
  if (task->tier_filter > 0 && task->tier_filter <= results->rules->tiers->len)
    for (guint t = 0; t < results->rules->tiers->len; t++)
      strata_quadrant_chart_set_tier_visible (load->chart, t, task->tier_filter - 1 == t);
  strata_quadrant_chart_prepare (load->chart);
}

/* On the worker: the funnels per quadrant and per tier over a view of the
 * results' data whose funnel columns the window's data left out are read
 * into the view alone (23 MB at a million customers, not kept in the
 * window's data once the funnels are counted). */
static gboolean
compute_funnels (QuadrantLoad     *load,
                 StrataWorkspace  *ws,
                 GError          **error)
{
  StrataPeriodResults *results = load->results;
  g_autoptr(StrataPeriodData) view = NULL;
  g_autoptr(StrataPeriodResults) over = NULL;
  const char *funnel[STRATA_FUNNEL_N_STEPS] = { NULL };
  const char *keys[STRATA_FUNNEL_N_STEPS + 1] = { NULL };
  guint n_keys = 0;

  if (!strata_funnel_text_has_funnel (results->data))
    return TRUE;
  strata_funnel_resolve_keys (results->data, funnel);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    if (funnel[s] != NULL)
      keys[n_keys++] = funnel[s];
  if ((view = strata_period_data_with_metrics (results->data, ws, keys, error)) == NULL)
    return FALSE;
  over = strata_period_results_new (view, results->rules, results->result, results->frozen,
                                    results->ruleset_id, results->version);
  load->funnel = strata_funnel_compute (over, STRATA_FUNNEL_BY_QUADRANT);
  load->funnel_by_tier = strata_funnel_compute (over, STRATA_FUNNEL_BY_TIER);
  return TRUE;
}

/* On a worker thread, with its own connection (never the window's). */
gpointer
strata_quadrant_load_run (StrataWorkspace  *ws,
                          gpointer          task_data,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(StrataMetricList) metrics = NULL;
  QuadrantLoad *load;
  const StrataQuadrantRules *q;
  QuadrantTask *task = task_data;
  const char *keys[] = { "order_amount", NULL };

  /* Over the window's data when it is this period's (not a second copy). */
  load = g_new0 (QuadrantLoad, 1);
  load->results = strata_shared_period_load (task->shared, ws, keys, error);
  if (load->results == NULL || !compute_funnels (load, ws, error))
    {
      strata_quadrant_load_free (load);
      return NULL;
    }
  q = &load->results->rules->quadrant;
  metrics = strata_metric_list_new (ws);
  strata_metric_list_reload (metrics, NULL);
  load->x_title = g_strdup (metric_label (metrics, q->x_metric));
  load->y_title = g_strdup (metric_label (metrics, q->y_metric));
  load->z_title = g_strdup (q->z_metric ? metric_label (metrics, q->z_metric) : NULL);
  load->x_kind = metric_kind (metrics, q->x_metric);
  load->y_kind = metric_kind (metrics, q->y_metric);
  load->draft = strata_ruleset_store_get_draft (ws, NULL);
  build_chart (load, task);
  return load;
}
