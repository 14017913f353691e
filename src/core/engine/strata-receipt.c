/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata_engine_explain(): one customer's score, written out step by step
 * with the same rules as the column passes in strata-engine.c. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-engine.h"
#include "strata-format.h"
#include "strata-number-input.h"

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
  r->ext_id = g_strdup (strata_period_data_get_ext_id (data, row));
  r->name = g_strdup (strata_period_data_get_name (data, row));
  r->indicators = g_array_new (FALSE, TRUE, sizeof (StrataReceiptIndicator));
  r->adjustments = g_array_new (FALSE, TRUE, sizeof (StrataReceiptAdjustment));

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
      StrataReceiptAdjustment ra = { adj, NULL, NAN, TRUE, FALSE, FALSE, 0 };

      ra.metric_label = g_string_chunk_insert_const (r->strings,
                                                     strata_period_data_get_metric_label (data, adj->metric));
      ra.value = strata_period_data_get_value (data, row, adj->metric);
      ra.missing = isnan (ra.value);
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


/* A value as typed: grouped, exact, with the decimals it has (up to 4). */
static char *
value_text (double v)
{
  int decimals = 0;

  while (decimals < 4 && fabs (v * pow (10, decimals) - round (v * pow (10, decimals))) > 1e-9 * fmax (1, fabs (v)))
    decimals++;
  return strata_format_editable (NULL, v, decimals);
}

static char *
signed_number (double value)
{
  g_autofree char *text = value_text (value);

  return value >= 0 ? g_strconcat ("+", text, NULL) : g_steal_pointer (&text);
}

/* A band edge the way people write it ("500K", "50万") when that is exact,
 * else in full ("1,234,567"). */
static char *
edge_text (double v)
{
  g_autofree char *compact = strata_format_compact (NULL, v);
  double back;

  if (strata_parse_number (NULL, compact, &back) && back == v)
    return g_steal_pointer (&compact);
  return value_text (v);
}

static char *
band_text (const StrataBand *band)
{
  g_autofree char *from = edge_text (band->from);
  g_autofree char *to = edge_text (band->to);

  if (isinf (band->to) && (isinf (band->from) || band->from <= 0))
    /* Translators: a band that holds every value */
    return g_strdup (_("any value"));
  if (isinf (band->to))
    /* Translators: a band from a value up, e.g. "10M and above" */
    return g_strdup_printf (_("%s and above"), from);
  if (isinf (band->from) || band->from <= 0)
    /* Translators: a band below a value, e.g. "under 500K" */
    return g_strdup_printf (_("under %s"), to);
  /* Translators: a band, e.g. "500K to under 1M" */
  return g_strdup_printf (_("%s to under %s"), from, to);
}

char *
strata_receipt_describe_indicator (const StrataReceipt *r,
                                   guint                i)
{
  const StrataReceiptIndicator *ri;
  g_autofree char *value = NULL, *points = NULL;

  g_return_val_if_fail (r != NULL && i < r->indicators->len, NULL);
  ri = &g_array_index (r->indicators, StrataReceiptIndicator, i);
  if (ri->missing)
    return g_strdup (_("no value: 0 points"));
  value = value_text (ri->value);
  if (ri->band < 0)
    /* Translators: a value that falls in no band of an indicator */
    return g_strdup_printf (_("%s is in no band: 0 points"), value);

  {
    const StrataBand *band = &g_array_index (ri->indicator->bands, StrataBand, ri->band);
    g_autofree char *range = band_text (band);

    points = value_text (ri->points);
    if (ri->indicator->weight == 1)
      /* Translators: value, its band, points; "14,121,900 is in the band 10M and above: 50 points" */
      return g_strdup_printf (strata_ngettext ("%s is in the band %s: %s point",
                                               "%s is in the band %s: %s points",
                                               (gulong) fabs (ri->points)),
                              value, range, points);
    else
      {
        g_autofree char *band_points = value_text (ri->band_points);
        g_autofree char *weight = value_text (ri->indicator->weight);

        /* Translators: value, its band, band points × weight = points */
        return g_strdup_printf (_("%s is in the band %s: %s × %s = %s points"),
                                value, range, band_points, weight, points);
      }
  }
}

char *
strata_adjustment_describe_rule (const StrataAdjustment *adj)
{
  g_autofree char *points = value_text (adj->points);
  const char *sign = adj->points >= 0 ? "+" : "";

  if (adj->per_unit && !isnan (adj->cap))
    {
      g_autofree char *cap = value_text (adj->cap);

      /* Translators: points per unit and the cap, "+5 each, at most 15" */
      return g_strdup_printf (_("%s%s each, at most %s"), sign, points, cap);
    }
  if (adj->per_unit)
    /* Translators: points per unit, "+5 each" */
    return g_strdup_printf (_("%s%s each"), sign, points);
  if (adj->condition == STRATA_CONDITION_IS_TRUE)
    /* Translators: points of a yes/no adjustment, "+10 when yes" */
    return g_strdup_printf (_("%s%s when yes"), sign, points);
  {
    g_autofree char *a = value_text (adj->a);

    switch (adj->condition)
      {
      case STRATA_CONDITION_GE: return g_strdup_printf (_("%s%s when ≥ %s"), sign, points, a);
      case STRATA_CONDITION_LE: return g_strdup_printf (_("%s%s when ≤ %s"), sign, points, a);
      case STRATA_CONDITION_GT: return g_strdup_printf (_("%s%s when > %s"), sign, points, a);
      case STRATA_CONDITION_LT: return g_strdup_printf (_("%s%s when < %s"), sign, points, a);
      case STRATA_CONDITION_EQ: return g_strdup_printf (_("%s%s when = %s"), sign, points, a);
      case STRATA_CONDITION_BETWEEN:
        {
          g_autofree char *b = value_text (adj->b);

          /* Translators: points, "+5 when between 1 and 3" */
          return g_strdup_printf (_("%s%s when between %s and %s"), sign, points, a, b);
        }
      default:
        return g_strdup_printf ("%s%s", sign, points);
      }
  }
}

char *
strata_receipt_adjustment_value (const StrataReceipt *r,
                                 guint                i)
{
  const StrataReceiptAdjustment *ra;

  g_return_val_if_fail (r != NULL && i < r->adjustments->len, NULL);
  ra = &g_array_index (r->adjustments, StrataReceiptAdjustment, i);
  if (ra->missing)
    return g_strdup (_("no value"));
  if (ra->adjustment->condition == STRATA_CONDITION_IS_TRUE)
    return g_strdup (ra->value != 0 ? _("yes") : _("no"));
  return value_text (ra->value);
}

char *
strata_receipt_describe_adjustment (const StrataReceipt *r,
                                    guint                i)
{
  const StrataReceiptAdjustment *ra;
  g_autofree char *rule = NULL, *points = NULL;

  g_return_val_if_fail (r != NULL && i < r->adjustments->len, NULL);
  ra = &g_array_index (r->adjustments, StrataReceiptAdjustment, i);
  rule = strata_adjustment_describe_rule (ra->adjustment);
  if (!ra->adjustment->enabled)
    /* Translators: an adjustment the user turned off, with what it would give */
    return g_strdup_printf (_("turned off (%s)"), rule);
  if (!ra->applied)
    /* Translators: what the adjustment would give; "not applied (-10 when ≥ 1)" */
    return g_strdup_printf (_("not applied (%s)"), rule);
  points = signed_number (ra->points);
  if (ra->capped)
    /* Translators: points, the rule; "+15 (+5 each, at most 15: capped)" */
    return g_strdup_printf (_("%s (%s: capped)"), points, rule);
  /* Translators: points, the rule; "+10 (+5 each, at most 15)" */
  return g_strdup_printf (_("%s (%s)"), points, rule);
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
  return t >= 0 && (guint) t < rules->tiers->len ? strata_tier_get_display_label (rules->tiers->pdata[t]) : "";
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
      g_autofree char *line = strata_receipt_describe_indicator (r, i);

      /* Translators: metric, its line; "Annual order amount 14,121,900 is in the band 10M and above: 50 points" */
      g_string_append_printf (out, _("  %s %s\n"), ri->metric_label, line);
    }

  g_string_append_printf (out, "%s\n", _("Adjustments"));
  for (guint i = 0; i < r->adjustments->len; i++)
    {
      const StrataReceiptAdjustment *ra = &g_array_index (r->adjustments, StrataReceiptAdjustment, i);
      g_autofree char *line = strata_receipt_describe_adjustment (r, i);
      g_autofree char *value = strata_receipt_adjustment_value (r, i);

      if (g_strcmp0 (strata_adjustment_get_display_label (ra->adjustment), ra->metric_label) == 0)
        /* Translators: adjustment = value: line; "Referred customers = 2: +10 (+5 each, at most 15)" */
        g_string_append_printf (out, _("  %s = %s: %s\n"), ra->metric_label, value, line);
      else
        /* Translators: adjustment (metric = value): line */
        g_string_append_printf (out, _("  %s (%s = %s): %s\n"),
                                strata_adjustment_get_display_label (ra->adjustment),
                                ra->metric_label, value, line);
    }

  base = value_text (r->base_points);
  adjs = signed_number (r->adjustment_points);
  score = value_text (r->score);
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

        g_string_append_printf (out, _("Tier: %s %s (score %s ≥ %s)"), tier->id,
                                strata_tier_get_display_label (tier), score, min);
      }
    else
      g_string_append_printf (out, _("Tier: %s %s (the lowest tier)"), tier->id,
                                strata_tier_get_display_label (tier));
    g_string_append_c (out, '\n');
    if (r->tier_above >= 0)
      {
        const StrataTier *above = rules->tiers->pdata[r->tier_above];
        g_autofree char *min = strata_format_number (above->min_score);
        g_autofree char *gap = strata_format_number (r->points_to_next);

        g_string_append_printf (out, _("Next tier: %s %s from %s, %s points away"),
                                above->id, strata_tier_get_display_label (above), min, gap);
        g_string_append_c (out, '\n');
      }
  }

  if (r->quadrant != STRATA_QUADRANT_NONE)
    {
      int q = r->quadrant - STRATA_QUADRANT_A;
      static const char *letters[] = { "A", "B", "C", "D" };

      g_string_append_printf (out, _("Quadrant: %s %s (%s)"), letters[q],
                              strata_rules_get_quadrant_label (rules, q)
                              ? strata_rules_get_quadrant_label (rules, q) : "",
                              strata_rules_get_quadrant_action (rules, q)
                              ? strata_rules_get_quadrant_action (rules, q) : "");
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
