/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata_engine_explain(): one customer's score, written out step by step
 * with the same rules as the column passes in strata-engine.c. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-engine.h"

static gboolean
condition_holds (StrataCondition condition,
                 double          v,
                 double          a,
                 double          b)
{
  switch (condition)
    {
    case STRATA_CONDITION_GE: return v >= a;
    case STRATA_CONDITION_LE: return v <= a;
    case STRATA_CONDITION_GT: return v > a;
    case STRATA_CONDITION_LT: return v < a;
    case STRATA_CONDITION_EQ: return v == a;
    case STRATA_CONDITION_BETWEEN: return v >= a && v <= b;
    case STRATA_CONDITION_IS_TRUE: return !isnan (v) && v != 0;
    default: return FALSE;
    }
}

static char *
describe_adjustment (const StrataAdjustment *adj)
{
  g_autofree char *cond = strata_condition_describe (adj->condition, adj->a, adj->b);
  g_autofree char *points = strata_format_number (adj->points);
  g_autofree char *cap = isnan (adj->cap) ? NULL : strata_format_number (adj->cap);
  const char *sign = adj->points >= 0 ? "+" : "";

  if (adj->per_unit && cap != NULL)
    /* Translators: condition, points per unit, cap; e.g. "≥ 1, +5 per unit, at most 15" */
    return g_strdup_printf (_("%s, %s%s per unit, at most %s"), cond, sign, points, cap);
  if (adj->per_unit)
    return g_strdup_printf (_("%s, %s%s per unit"), cond, sign, points);
  if (cap != NULL)
    return g_strdup_printf (_("%s, %s%s, at most %s"), cond, sign, points, cap);
  /* Translators: condition, points; e.g. "≥ 3, +5" */
  return g_strdup_printf (_("%s, %s%s"), cond, sign, points);
}

static void
receipt_adjustment_clear (gpointer data)
{
  StrataReceiptAdjustment *ra = data;

  g_free (ra->condition);
}

StrataReceipt *
strata_engine_explain (const StrataRules      *rules,
                       const StrataPeriodData *data,
                       guint                   row,
                       GError                **error)
{
  g_autoptr(StrataReceipt) r = NULL;
  const StrataPeriodOverride *o;
  const StrataRules *rr;
  guint n_tiers;

  g_return_val_if_fail (rules != NULL && data != NULL, NULL);
  g_return_val_if_fail (row < data->n, NULL);

  if (!strata_rules_check (rules, (const char * const *) data->metric_keys, error))
    return NULL;

  r = g_new0 (StrataReceipt, 1);
  r->rules = strata_rules_copy (rules);
  r->strings = g_string_chunk_new (256);
  rr = r->rules;
  r->row = row;
  r->ext_id = g_strdup (data->ext_ids[row]);
  r->name = g_strdup (data->names[row]);
  r->indicators = g_array_new (FALSE, TRUE, sizeof (StrataReceiptIndicator));
  r->adjustments = g_array_new (FALSE, TRUE, sizeof (StrataReceiptAdjustment));
  g_array_set_clear_func (r->adjustments, receipt_adjustment_clear);

  for (guint i = 0; i < rr->indicators->len; i++)
    {
      const StrataIndicator *ind = rr->indicators->pdata[i];
      StrataReceiptIndicator ri = { ind, NULL, NAN, TRUE, -1, 0, 0 };

      ri.metric_label = g_string_chunk_insert_const (r->strings,
                                                     strata_period_data_get_metric_label (data, ind->metric));
      ri.value = strata_period_data_get_value (data, row, ind->metric);
      ri.missing = isnan (ri.value);
      for (guint j = 0; !ri.missing && j < ind->bands->len; j++)
        {
          const StrataBand *band = &g_array_index (ind->bands, StrataBand, j);

          if (ri.value >= band->from && ri.value < band->to)
            {
              ri.band = (int) j;
              ri.band_points = band->points;
              ri.points = ind->weight * band->points;
              break;
            }
        }
      r->base_points += ri.points;
      g_array_append_val (r->indicators, ri);
    }

  for (guint i = 0; i < rr->adjustments->len; i++)
    {
      const StrataAdjustment *adj = rr->adjustments->pdata[i];
      StrataReceiptAdjustment ra = { adj, NULL, NAN, TRUE, FALSE, FALSE, NULL, 0 };

      ra.metric_label = g_string_chunk_insert_const (r->strings,
                                                     strata_period_data_get_metric_label (data, adj->metric));
      ra.value = strata_period_data_get_value (data, row, adj->metric);
      ra.missing = isnan (ra.value);
      ra.condition = describe_adjustment (adj);
      ra.applied = adj->enabled && !ra.missing &&
                   condition_holds (adj->condition, ra.value, adj->a, adj->b);
      if (ra.applied)
        {
          double total = adj->per_unit ? adj->points * ra.value : adj->points;

          if (!isnan (adj->cap) && fabs (total) > adj->cap)
            {
              total = total > 0 ? adj->cap : -adj->cap;
              ra.capped = TRUE;
            }
          ra.points = total;
          r->adjustment_points += total;
        }
      g_array_append_val (r->adjustments, ra);
    }

  r->score = r->base_points + r->adjustment_points;
  n_tiers = rr->tiers->len;
  r->base_tier = r->tier = (int) n_tiers - 1;
  for (guint t = 0; t + 1 < n_tiers; t++)
    if (r->base_points >= ((StrataTier *) rr->tiers->pdata[t])->min_score)
      {
        r->base_tier = (int) t;
        break;
      }
  for (guint t = 0; t + 1 < n_tiers; t++)
    if (r->score >= ((StrataTier *) rr->tiers->pdata[t])->min_score)
      {
        r->tier = (int) t;
        break;
      }
  r->tier_above = r->tier - 1;
  r->points_to_next = r->tier_above >= 0
                      ? ((StrataTier *) rr->tiers->pdata[r->tier_above])->min_score - r->score
                      : 0;

  r->x = strata_period_data_get_value (data, row, rr->quadrant.x_metric);
  r->y = strata_period_data_get_value (data, row, rr->quadrant.y_metric);
  r->z = strata_period_data_get_value (data, row, rr->quadrant.z_metric);
  if (isnan (r->x) || isnan (r->y))
    r->quadrant = STRATA_QUADRANT_NONE;
  else if (r->y >= rr->quadrant.y_threshold)
    r->quadrant = r->x >= rr->quadrant.x_threshold ? STRATA_QUADRANT_A : STRATA_QUADRANT_B;
  else
    r->quadrant = r->x >= rr->quadrant.x_threshold ? STRATA_QUADRANT_C : STRATA_QUADRANT_D;

  r->final_tier = r->tier;
  r->override_tier = -1;
  o = strata_period_data_get_override (data, row);
  if (o != NULL)
    {
      r->has_override = TRUE;
      r->override_tier = strata_rules_find_tier (rr, o->tier);
      r->override_tier_id = g_strdup (o->tier);
      r->override_reason = g_strdup (o->reason);
      r->override_author = g_strdup (o->author);
      r->override_date = g_strdup (o->created_at);
      if (r->override_tier >= 0)
        r->final_tier = r->override_tier;
    }
  return g_steal_pointer (&r);
}

void
strata_receipt_free (StrataReceipt *receipt)
{
  if (receipt == NULL)
    return;
  g_free (receipt->ext_id);
  g_free (receipt->name);
  g_array_unref (receipt->indicators);
  g_array_unref (receipt->adjustments);
  g_free (receipt->override_tier_id);
  g_free (receipt->override_reason);
  g_free (receipt->override_author);
  g_free (receipt->override_date);
  strata_rules_free (receipt->rules);
  g_string_chunk_free (receipt->strings);
  g_free (receipt);
}

static char *
signed_number (double value)
{
  g_autofree char *text = strata_format_number (value);

  return value >= 0 ? g_strconcat ("+", text, NULL) : g_steal_pointer (&text);
}

static const char *
tier_name (const StrataRules *rules,
           int                t)
{
  return t >= 0 && (guint) t < rules->tiers->len ? ((StrataTier *) rules->tiers->pdata[t])->id : "?";
}

static const char *
tier_label (const StrataRules *rules,
            int                t)
{
  return t >= 0 && (guint) t < rules->tiers->len ? ((StrataTier *) rules->tiers->pdata[t])->label : "";
}

char *
strata_receipt_to_text (const StrataReceipt *r)
{
  GString *out = g_string_new (NULL);
  const StrataRules *rules;
  g_autofree char *base = NULL, *adjs = NULL, *score = NULL;

  g_return_val_if_fail (r != NULL, NULL);
  rules = r->rules;

  g_string_append_printf (out, _("Customer %s: %s"), r->ext_id, r->name);
  g_string_append_c (out, '\n');

  g_string_append_printf (out, "%s\n", _("Base indicators"));
  for (guint i = 0; i < r->indicators->len; i++)
    {
      const StrataReceiptIndicator *ri = &g_array_index (r->indicators, StrataReceiptIndicator, i);
      g_autofree char *weight = strata_format_number (ri->indicator->weight);
      g_autofree char *points = strata_format_number (ri->points);

      if (ri->missing)
        g_string_append_printf (out, _("  %s: missing, 0 points"), ri->metric_label);
      else
        {
          g_autofree char *value = strata_format_number (ri->value);

          if (ri->band < 0)
            g_string_append_printf (out, _("  %s = %s: in no band, 0 points"),
                                    ri->metric_label, value);
          else
            {
              const StrataBand *band = &g_array_index (ri->indicator->bands, StrataBand, ri->band);
              g_autofree char *from = strata_format_number (band->from);
              g_autofree char *to = strata_format_number (band->to);
              g_autofree char *band_points = strata_format_number (ri->band_points);

              /* Translators: metric = value: band [from, to): band points x weight = points */
              g_string_append_printf (out, _("  %s = %s: band [%s, %s): %s × %s = %s points"),
                                      ri->metric_label, value, from, to,
                                      band_points, weight, points);
            }
        }
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "%s\n", _("Adjustments"));
  for (guint i = 0; i < r->adjustments->len; i++)
    {
      const StrataReceiptAdjustment *ra = &g_array_index (r->adjustments, StrataReceiptAdjustment, i);
      g_autofree char *value = strata_format_number (ra->value);
      g_autofree char *points = signed_number (ra->points);
      const StrataAdjustment *adj = ra->adjustment;

      if (ra->applied)
        g_string_append_printf (out, ra->capped ? _("  %s (%s = %s; %s): %s, capped")
                                                : _("  %s (%s = %s; %s): %s"),
                                adj->label, ra->metric_label, value, ra->condition, points);
      else if (!adj->enabled)
        g_string_append_printf (out, _("  %s: disabled"), adj->label);
      else if (ra->missing)
        g_string_append_printf (out, _("  %s (%s missing; %s): not applied"),
                                adj->label, ra->metric_label, ra->condition);
      else
        g_string_append_printf (out, _("  %s (%s = %s; %s): not applied"),
                                adj->label, ra->metric_label, value, ra->condition);
      g_string_append_c (out, '\n');
    }

  base = strata_format_number (r->base_points);
  adjs = signed_number (r->adjustment_points);
  score = strata_format_number (r->score);
  g_string_append_printf (out, _("Score: %s base points %s adjustments = %s"), base,
                          adjs, score);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Base tier: %s %s"), tier_name (rules, r->base_tier),
                          tier_label (rules, r->base_tier));
  g_string_append_c (out, '\n');

  {
    const StrataTier *tier = rules->tiers->pdata[r->tier];

    if ((guint) r->tier + 1 < rules->tiers->len)
      {
        g_autofree char *min = strata_format_number (tier->min_score);

        g_string_append_printf (out, _("Tier: %s %s (score %s ≥ %s)"), tier->id, tier->label, score, min);
      }
    else
      g_string_append_printf (out, _("Tier: %s %s (the lowest tier)"), tier->id, tier->label);
    g_string_append_c (out, '\n');
    if (r->tier_above >= 0)
      {
        const StrataTier *above = rules->tiers->pdata[r->tier_above];
        g_autofree char *min = strata_format_number (above->min_score);
        g_autofree char *gap = strata_format_number (r->points_to_next);

        g_string_append_printf (out, _("Next tier: %s %s from %s, %s points away"),
                                above->id, above->label, min, gap);
        g_string_append_c (out, '\n');
      }
  }

  if (r->quadrant != STRATA_QUADRANT_NONE)
    {
      int q = r->quadrant - STRATA_QUADRANT_A;
      static const char *letters[] = { "A", "B", "C", "D" };

      g_string_append_printf (out, _("Quadrant: %s %s (%s)"), letters[q],
                              rules->quadrant.label[q] ? rules->quadrant.label[q] : "",
                              rules->quadrant.action[q] ? rules->quadrant.action[q] : "");
    }
  else
    g_string_append (out, _("Quadrant: none (a value is missing)"));
  g_string_append_c (out, '\n');

  if (r->has_override)
    {
      g_string_append_printf (out, _("Override: tier %s (%s), by %s on %s"),
                              r->override_tier_id, r->override_reason,
                              r->override_author, r->override_date);
      g_string_append_c (out, '\n');
      if (r->override_tier < 0)
        {
          g_string_append_printf (out, _("The override's tier %s is not in these rules: it does not apply"),
                                  r->override_tier_id);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_printf (out, _("Final tier: %s %s"), tier_name (rules, r->final_tier),
                          tier_label (rules, r->final_tier));
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
