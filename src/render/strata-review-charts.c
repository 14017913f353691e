/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-review-charts.h"

StrataMovementChart *
strata_review_movement_chart (StrataMovement *movement)
{
  guint n = strata_movement_get_n_tiers (movement);
  g_autofree StrataChartTier *tiers = g_new0 (StrataChartTier, n);
  g_autofree guint *counts = g_new0 (guint, n * n);
  g_autofree double *revenue = g_new0 (double, n * n);
  g_autofree guint *new_counts = g_new0 (guint, n);
  g_autofree guint *lost_counts = g_new0 (guint, n);
  StrataMovementData data = { 0, };
  StrataMovementChart *chart = strata_movement_chart_new ();

  for (guint i = 0; i < n; i++)
    {
      const StrataMovementTier *tier = strata_movement_get_tier (movement, i);

      tiers[i].id = i;
      tiers[i].label = tier->id;
      tiers[i].colour = tier->colour;
      new_counts[i] = strata_movement_get_count (movement, n, i);
      lost_counts[i] = strata_movement_get_count (movement, i, n);
      for (guint j = 0; j < n; j++)
        {
          counts[i * n + j] = strata_movement_get_count (movement, i, j);
          revenue[i * n + j] = strata_movement_get_revenue (movement, i, j);
        }
    }
  data.n_tiers = n;
  data.tiers = tiers;
  data.counts = counts;
  data.revenue = revenue;
  data.new_counts = new_counts;
  data.lost_counts = lost_counts;
  data.from_title = strata_movement_get_from_name (movement);
  data.to_title = strata_movement_get_to_name (movement);
  strata_movement_chart_set_data (chart, &data);
  return chart;
}

static StrataChartTier *
rules_tiers (const StrataRules *rules)
{
  StrataChartTier *tiers = g_new0 (StrataChartTier, rules->tiers->len);

  for (guint i = 0; i < rules->tiers->len; i++)
    {
      const StrataTier *tier = rules->tiers->pdata[i];
      tiers[i].id = i;
      tiers[i].label = tier->id;
      tiers[i].colour = tier->colour;
    }
  return tiers;
}

StrataPyramidChart *
strata_review_pyramid_chart (StrataReviewDeck *deck,
                             gboolean          with_base)
{
  StrataPeriodResults *results = strata_review_deck_get_results (deck);
  g_autofree StrataChartTier *tiers = rules_tiers (results->rules);
  StrataPyramidData data = { 0, };
  StrataPyramidChart *chart = strata_pyramid_chart_new ();

  data.n_tiers = results->rules->tiers->len;
  data.tiers = tiers;
  data.counts = strata_review_deck_get_tier_counts (deck);
  data.revenue = strata_review_deck_get_tier_revenue (deck);
  data.base_counts = with_base ? strata_review_deck_get_base_counts (deck) : NULL;
  data.title = _("Tier");
  data.base_title = _("Base tier");
  strata_pyramid_chart_set_data (chart, &data);
  return chart;
}

static gboolean
wants_arrow (const StrataMovementPosition *p,
             StrataReviewArrows            arrows,
             gint64                        customer_id)
{
  if (isnan (p->from_x) || isnan (p->from_y))
    return FALSE;
  switch (arrows)
    {
    case STRATA_REVIEW_ARROWS_MOVERS:
      return p->tier_changed || p->from_quadrant != p->to_quadrant;
    case STRATA_REVIEW_ARROWS_SELECTED:
      return customer_id != 0 && p->customer_id == customer_id;
    case STRATA_REVIEW_ARROWS_NONE:
    default:
      return FALSE;
    }
}

guint
strata_review_count_arrows (StrataReviewDeck   *deck,
                            StrataReviewArrows  arrows,
                            gint64              customer_id)
{
  GArray *positions = strata_movement_get_positions (strata_review_deck_get_movement (deck));
  const StrataPeriodData *pd = strata_review_deck_get_results (deck)->data;
  guint n = 0;

  for (guint i = 0; i < positions->len; i++)
    {
      const StrataMovementPosition *p = &g_array_index (positions, StrataMovementPosition, i);
      n += wants_arrow (p, arrows, customer_id) &&
           strata_period_data_find_id (pd, p->customer_id) >= 0;
    }
  return n;
}

StrataQuadrantChart *
strata_review_quadrant_chart (StrataReviewDeck   *deck,
                              StrataReviewArrows  arrows,
                              gint64              customer_id)
{
  StrataPeriodResults *results = strata_review_deck_get_results (deck);
  StrataMovement *movement = strata_review_deck_get_movement (deck);
  const StrataQuadrantRules *q = &results->rules->quadrant;
  const StrataPeriodData *pd = results->data;
  g_autofree StrataChartTier *tiers = rules_tiers (results->rules);
  g_autofree int *tier = g_new (int, pd->n);
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) prev_x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) prev_y = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *positions = strata_movement_get_positions (movement);
  const StrataReviewMetric *xm = strata_review_deck_get_metric (deck, q->x_metric);
  const StrataReviewMetric *ym = strata_review_deck_get_metric (deck, q->y_metric);
  StrataQuadrantData data = { 0, };
  StrataQuadrantChart *chart = strata_quadrant_chart_new ();

  for (guint i = 0; i < pd->n; i++)
    {
      guint8 t = results->result->final_tier[i];
      tier[i] = t < results->rules->tiers->len ? t : -1;
    }
  for (guint i = 0; i < positions->len; i++)
    {
      const StrataMovementPosition *p = &g_array_index (positions, StrataMovementPosition, i);
      double from_x = p->from_x, from_y = p->from_y;
      int row;

      if (!wants_arrow (p, arrows, customer_id))
        continue;
      row = strata_period_data_find_id (pd, p->customer_id);
      if (row < 0)
        continue;
      g_array_append_val (moved, row);
      g_array_append_val (prev_x, from_x);
      g_array_append_val (prev_y, from_y);
    }

  data.n_points = pd->n;
  data.x = strata_period_data_get_column (pd, q->x_metric);
  data.y = strata_period_data_get_column (pd, q->y_metric);
  data.z = q->z_metric ? strata_period_data_get_column (pd, q->z_metric) : NULL;
  data.revenue = strata_period_data_get_column (pd, "order_amount");
  data.tier = tier;
  data.n_tiers = results->rules->tiers->len;
  data.tiers = tiers;
  data.x_threshold = q->x_threshold;
  data.y_threshold = q->y_threshold;
  data.x_title = strata_review_deck_get_metric_label (deck, q->x_metric);
  data.y_title = strata_review_deck_get_metric_label (deck, q->y_metric);
  data.z_title = q->z_metric ? strata_review_deck_get_metric_label (deck, q->z_metric) : NULL;
  data.x_kind = xm ? xm->kind : STRATA_METRIC_NUMBER;
  data.y_kind = ym ? ym->kind : STRATA_METRIC_NUMBER;
  for (guint i = 0; i < 4; i++)
    {
      data.quadrant_names[i] = strata_rules_get_quadrant_label (results->rules, i);
      data.quadrant_actions[i] = strata_rules_get_quadrant_action (results->rules, i);
    }
  /* Without both axes there is nothing to place. */
  if (data.x == NULL || data.y == NULL)
    data.n_points = 0;
  strata_quadrant_chart_set_data (chart, &data);
  /* Inquiries and listings are long-tailed: on a linear scale most points
   * would sit in one corner. */
  strata_quadrant_chart_set_scales (chart, STRATA_AXIS_LOG, STRATA_AXIS_LOG);
  strata_quadrant_chart_set_movement (chart, (guint *) moved->data, (double *) prev_x->data,
                                      (double *) prev_y->data, moved->len);
  if (arrows == STRATA_REVIEW_ARROWS_SELECTED && customer_id != 0)
    strata_quadrant_chart_set_highlight (chart, strata_period_data_find_id (pd, customer_id));
  return chart;
}

StrataRetentionChart *
strata_review_retention_chart (StrataReviewDeck *deck)
{
  StrataRetentionChart *chart = strata_retention_chart_new ();

  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (deck), chart);
  strata_retention_chart_set_retention (chart,
                                        strata_review_deck_get_retention (deck, STRATA_RETENTION_BY_TIER),
                                        strata_review_deck_get_retention (deck, STRATA_RETENTION_BY_QUADRANT),
                                        strata_review_deck_get_results (deck)->rules);
  return chart;
}
