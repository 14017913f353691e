/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rule set data, the default rules of the method, and validation. */
#include "config.h"

#include "strata-i18n.h"
#include <stdlib.h>
#include <string.h>

#include "strata-rules.h"
#include "strata-rules-private.h"

G_DEFINE_BOXED_TYPE (StrataRules, strata_rules, strata_rules_copy, strata_rules_free)

StrataIndicator *
strata_indicator_new (const char *metric,
                      double      weight)
{
  StrataIndicator *self = g_new0 (StrataIndicator, 1);

  self->metric = g_strdup (metric ? metric : "");
  self->weight = weight;
  self->bands = g_array_new (FALSE, FALSE, sizeof (StrataBand));
  return self;
}

void
strata_indicator_add_band (StrataIndicator *indicator,
                           double           from,
                           double           to,
                           double           points)
{
  StrataBand band = { from, to, points };

  g_return_if_fail (indicator != NULL);
  g_array_append_val (indicator->bands, band);
}

void
strata_indicator_free (StrataIndicator *indicator)
{
  if (indicator == NULL)
    return;
  g_free (indicator->metric);
  g_array_unref (indicator->bands);
  g_free (indicator);
}

StrataIndicator *
strata_indicator_copy (const StrataIndicator *indicator)
{
  StrataIndicator *copy = strata_indicator_new (indicator->metric, indicator->weight);

  if (indicator->bands->len > 0)
    g_array_append_vals (copy->bands, indicator->bands->data, indicator->bands->len);
  return copy;
}

StrataAdjustment *
strata_adjustment_new (const char      *id,
                       const char      *label,
                       const char      *metric,
                       StrataCondition  condition,
                       double           a,
                       double           b,
                       double           points)
{
  StrataAdjustment *self = g_new0 (StrataAdjustment, 1);

  self->id = g_strdup (id ? id : "");
  self->label = g_strdup (label ? label : "");
  self->metric = g_strdup (metric ? metric : "");
  self->condition = condition;
  self->a = a;
  self->b = b;
  self->points = points;
  self->cap = NAN;
  self->enabled = TRUE;
  return self;
}

void
strata_adjustment_free (StrataAdjustment *adjustment)
{
  if (adjustment == NULL)
    return;
  g_free (adjustment->id);
  g_free (adjustment->label);
  g_free (adjustment->label_key);
  g_free (adjustment->metric);
  g_free (adjustment);
}

StrataAdjustment *
strata_adjustment_copy (const StrataAdjustment *adjustment)
{
  StrataAdjustment *copy = g_memdup2 (adjustment, sizeof *adjustment);

  copy->id = g_strdup (adjustment->id);
  copy->label = g_strdup (adjustment->label);
  copy->label_key = g_strdup (adjustment->label_key);
  copy->metric = g_strdup (adjustment->metric);
  return copy;
}

StrataTier *
strata_tier_new (const char *id,
                 const char *label,
                 const char *colour,
                 double      min_score)
{
  StrataTier *self = g_new0 (StrataTier, 1);

  self->id = g_strdup (id ? id : "");
  self->label = g_strdup (label ? label : "");
  self->colour = g_strdup (colour ? colour : "#8a8f98");
  self->min_score = min_score;
  return self;
}

void
strata_tier_free (StrataTier *tier)
{
  if (tier == NULL)
    return;
  g_free (tier->id);
  g_free (tier->label);
  g_free (tier->label_key);
  g_free (tier->colour);
  g_free (tier);
}

StrataTier *
strata_tier_copy (const StrataTier *tier)
{
  StrataTier *copy = strata_tier_new (tier->id, tier->label, tier->colour, tier->min_score);

  copy->label_key = g_strdup (tier->label_key);
  return copy;
}

StrataRules *
strata_rules_new (void)
{
  StrataRules *self = g_new0 (StrataRules, 1);

  self->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_indicator_free);
  self->adjustments = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_adjustment_free);
  self->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_tier_free);
  self->quadrant.x_threshold = 0;
  self->quadrant.y_threshold = 0;
  return self;
}

void
strata_rules_free (StrataRules *rules)
{
  if (rules == NULL)
    return;
  g_ptr_array_unref (rules->indicators);
  g_ptr_array_unref (rules->adjustments);
  g_ptr_array_unref (rules->tiers);
  g_free (rules->quadrant.x_metric);
  g_free (rules->quadrant.y_metric);
  g_free (rules->quadrant.z_metric);
  for (guint i = 0; i < 4; i++)
    {
      g_free (rules->quadrant.label[i]);
      g_free (rules->quadrant.action[i]);
      g_free (rules->quadrant.label_key[i]);
      g_free (rules->quadrant.action_key[i]);
    }
  g_free (rules);
}

StrataRules *
strata_rules_copy (const StrataRules *rules)
{
  StrataRules *copy;

  g_return_val_if_fail (rules != NULL, NULL);

  copy = strata_rules_new ();
  for (guint i = 0; i < rules->indicators->len; i++)
    g_ptr_array_add (copy->indicators, strata_indicator_copy (rules->indicators->pdata[i]));
  for (guint i = 0; i < rules->adjustments->len; i++)
    g_ptr_array_add (copy->adjustments, strata_adjustment_copy (rules->adjustments->pdata[i]));
  for (guint i = 0; i < rules->tiers->len; i++)
    g_ptr_array_add (copy->tiers, strata_tier_copy (rules->tiers->pdata[i]));
  copy->quadrant = rules->quadrant;
  copy->quadrant.x_metric = g_strdup (rules->quadrant.x_metric);
  copy->quadrant.y_metric = g_strdup (rules->quadrant.y_metric);
  copy->quadrant.z_metric = g_strdup (rules->quadrant.z_metric);
  for (guint i = 0; i < 4; i++)
    {
      copy->quadrant.label[i] = g_strdup (rules->quadrant.label[i]);
      copy->quadrant.action[i] = g_strdup (rules->quadrant.action[i]);
      copy->quadrant.label_key[i] = g_strdup (rules->quadrant.label_key[i]);
      copy->quadrant.action_key[i] = g_strdup (rules->quadrant.action_key[i]);
    }
  return copy;
}

/* Doubles compare equal when both are NaN, so that "no cap" equals itself. */
static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

gboolean
strata_rules_equal (const StrataRules *a,
                    const StrataRules *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->indicators->len != b->indicators->len ||
      a->adjustments->len != b->adjustments->len ||
      a->tiers->len != b->tiers->len)
    return FALSE;

  for (guint i = 0; i < a->indicators->len; i++)
    {
      const StrataIndicator *x = a->indicators->pdata[i];
      const StrataIndicator *y = b->indicators->pdata[i];

      if (g_strcmp0 (x->metric, y->metric) != 0 || !same_double (x->weight, y->weight) ||
          x->bands->len != y->bands->len)
        return FALSE;
      for (guint j = 0; j < x->bands->len; j++)
        {
          const StrataBand *p = &g_array_index (x->bands, StrataBand, j);
          const StrataBand *q = &g_array_index (y->bands, StrataBand, j);

          if (!same_double (p->from, q->from) || !same_double (p->to, q->to) ||
              !same_double (p->points, q->points))
            return FALSE;
        }
    }

  for (guint i = 0; i < a->adjustments->len; i++)
    {
      const StrataAdjustment *x = a->adjustments->pdata[i];
      const StrataAdjustment *y = b->adjustments->pdata[i];

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->label, y->label) != 0 ||
          g_strcmp0 (x->label_key, y->label_key) != 0 ||
          g_strcmp0 (x->metric, y->metric) != 0 || x->condition != y->condition ||
          !same_double (x->a, y->a) || !same_double (x->b, y->b) ||
          !same_double (x->points, y->points) || !x->per_unit != !y->per_unit ||
          !same_double (x->cap, y->cap) || !x->enabled != !y->enabled)
        return FALSE;
    }

  for (guint i = 0; i < a->tiers->len; i++)
    {
      const StrataTier *x = a->tiers->pdata[i];
      const StrataTier *y = b->tiers->pdata[i];

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->label, y->label) != 0 ||
          g_strcmp0 (x->label_key, y->label_key) != 0 ||
          g_strcmp0 (x->colour, y->colour) != 0 || !same_double (x->min_score, y->min_score))
        return FALSE;
    }

  if (g_strcmp0 (a->quadrant.x_metric, b->quadrant.x_metric) != 0 ||
      g_strcmp0 (a->quadrant.y_metric, b->quadrant.y_metric) != 0 ||
      g_strcmp0 (a->quadrant.z_metric, b->quadrant.z_metric) != 0 ||
      !same_double (a->quadrant.x_threshold, b->quadrant.x_threshold) ||
      !same_double (a->quadrant.y_threshold, b->quadrant.y_threshold))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (g_strcmp0 (a->quadrant.label[i], b->quadrant.label[i]) != 0 ||
        g_strcmp0 (a->quadrant.action[i], b->quadrant.action[i]) != 0 ||
        g_strcmp0 (a->quadrant.label_key[i], b->quadrant.label_key[i]) != 0 ||
        g_strcmp0 (a->quadrant.action_key[i], b->quadrant.action_key[i]) != 0)
      return FALSE;
  return TRUE;
}

/* An item (its metric key is its id) or a tier with a default label. */
static StrataAdjustment *
default_adjustment (const char      *id,
                    const char      *label_key,
                    StrataCondition  condition,
                    double           a,
                    double           points)
{
  StrataAdjustment *adj = strata_adjustment_new (id, strata_rules_default_label (label_key), id,
                                                 condition, a, 0, points);

  adj->label_key = g_strdup (label_key);
  return adj;
}

static StrataTier *
default_tier (const char *id,
              const char *label_key,
              const char *colour,
              double      min_score)
{
  StrataTier *tier = strata_tier_new (id, strata_rules_default_label (label_key), colour, min_score);

  tier->label_key = g_strdup (label_key);
  return tier;
}

StrataRules *
strata_rules_new_default (void)
{
  StrataRules *rules = strata_rules_new ();
  StrataIndicator *orders = strata_indicator_new ("order_amount", 1);
  StrataAdjustment *adj;

  strata_indicator_add_band (orders, 0, 500000, 5);
  strata_indicator_add_band (orders, 500000, 1000000, 10);
  strata_indicator_add_band (orders, 1000000, 3000000, 20);
  strata_indicator_add_band (orders, 3000000, 5000000, 30);
  strata_indicator_add_band (orders, 5000000, 10000000, 40);
  strata_indicator_add_band (orders, 10000000, INFINITY, 50);
  g_ptr_array_add (rules->indicators, orders);

  /* Labels in the creator's language (what older versions show), each
   * with its key, so that every reader sees them in their own. */
  adj = default_adjustment ("referrals", "item-referrals", STRATA_CONDITION_GE, 1, 5);
  adj->per_unit = TRUE;
  adj->cap = 15;
  g_ptr_array_add (rules->adjustments, adj);
  g_ptr_array_add (rules->adjustments,
                   default_adjustment ("business_lines", "item-business-lines", STRATA_CONDITION_GE, 3, 5));
  g_ptr_array_add (rules->adjustments,
                   default_adjustment ("high_growth", "item-high-growth", STRATA_CONDITION_IS_TRUE, 0, 10));
  g_ptr_array_add (rules->adjustments,
                   default_adjustment ("listed_company", "item-listed-company", STRATA_CONDITION_IS_TRUE, 0, 5));
  g_ptr_array_add (rules->adjustments,
                   default_adjustment ("overdue_invoices", "item-overdue-invoices", STRATA_CONDITION_GE, 1, -10));
  g_ptr_array_add (rules->adjustments,
                   default_adjustment ("fault_tickets", "item-fault-tickets", STRATA_CONDITION_GE, 5, -5));

  /* Colour-blind safe: blue, teal, amber, orange, grey differ in lightness
   * as well as hue. */
  g_ptr_array_add (rules->tiers, default_tier ("A", "tier-strategic", "#1c5fb8", 80));
  g_ptr_array_add (rules->tiers, default_tier ("B", "tier-key", "#1a9c8c", 60));
  g_ptr_array_add (rules->tiers, default_tier ("C", "tier-value", "#e0a100", 45));
  g_ptr_array_add (rules->tiers, default_tier ("D", "tier-potential", "#e66b1f", 30));
  g_ptr_array_add (rules->tiers, default_tier ("E", "tier-ordinary", "#8a8f98", -INFINITY));

  rules->quadrant.x_metric = g_strdup ("listed_products");
  rules->quadrant.x_threshold = 60;
  rules->quadrant.y_metric = g_strdup ("monthly_inquiries");
  rules->quadrant.y_threshold = 15;
  rules->quadrant.z_metric = g_strdup ("login_days");
  {
    static const char *label_keys[] = { "quadrant-head-customers", "quadrant-natural-fit",
                                        "quadrant-effort-without-results", "quadrant-tail" };
    static const char *action_keys[] = { "action-vip-team", "action-recruit-products",
                                         "action-find-blockers", "action-keep-in-touch" };

    for (guint q = 0; q < 4; q++)
      {
        rules->quadrant.label[q] = g_strdup (strata_rules_default_label (label_keys[q]));
        rules->quadrant.label_key[q] = g_strdup (label_keys[q]);
        rules->quadrant.action[q] = g_strdup (strata_rules_default_label (action_keys[q]));
        rules->quadrant.action_key[q] = g_strdup (action_keys[q]);
      }
  }
  return rules;
}

int
strata_rules_find_tier (const StrataRules *rules,
                        const char        *tier_id)
{
  g_return_val_if_fail (rules != NULL, -1);

  if (tier_id == NULL)
    return -1;
  for (guint i = 0; i < rules->tiers->len; i++)
    if (g_strcmp0 (((StrataTier *) rules->tiers->pdata[i])->id, tier_id) == 0)
      return (int) i;
  return -1;
}

static void
add_metric (GPtrArray  *metrics,
            const char *key)
{
  if (key == NULL || *key == '\0')
    return;
  for (guint i = 0; i < metrics->len; i++)
    if (g_str_equal (metrics->pdata[i], key))
      return;
  g_ptr_array_add (metrics, g_strdup (key));
}

GPtrArray *
strata_rules_get_metrics (const StrataRules *rules)
{
  GPtrArray *metrics = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (rules != NULL, metrics);

  for (guint i = 0; i < rules->indicators->len; i++)
    add_metric (metrics, ((StrataIndicator *) rules->indicators->pdata[i])->metric);
  for (guint i = 0; i < rules->adjustments->len; i++)
    add_metric (metrics, ((StrataAdjustment *) rules->adjustments->pdata[i])->metric);
  add_metric (metrics, rules->quadrant.x_metric);
  add_metric (metrics, rules->quadrant.y_metric);
  add_metric (metrics, rules->quadrant.z_metric);
  return metrics;
}

static const char *condition_names[] = {
  ">=", "<=", ">", "<", "==", "between", "is_true",
};

const char *
strata_condition_to_string (StrataCondition condition)
{
  g_return_val_if_fail (condition <= STRATA_CONDITION_IS_TRUE, "");
  return condition_names[condition];
}

gboolean
strata_condition_from_string (const char      *text,
                              StrataCondition *condition)
{
  for (guint i = 0; i < G_N_ELEMENTS (condition_names); i++)
    if (g_strcmp0 (text, condition_names[i]) == 0)
      {
        *condition = (StrataCondition) i;
        return TRUE;
      }
  return FALSE;
}

char *
strata_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "-∞");
  /* %.15g is exact for every value a person types; fall back to %.17g for
   * the few doubles that need it, so that text always reads back equal. */
  for (int digits = 15; digits <= 17; digits++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  if (g_str_equal (buf, "-0"))
    return g_strdup ("0");
  return g_strdup (buf);
}

char *
strata_condition_describe (StrataCondition condition,
                           double          a,
                           double          b)
{
  g_autofree char *sa = strata_format_number (a);
  g_autofree char *sb = strata_format_number (b);

  switch (condition)
    {
    case STRATA_CONDITION_GE:
      return g_strdup_printf ("≥ %s", sa);
    case STRATA_CONDITION_LE:
      return g_strdup_printf ("≤ %s", sa);
    case STRATA_CONDITION_GT:
      return g_strdup_printf ("> %s", sa);
    case STRATA_CONDITION_LT:
      return g_strdup_printf ("< %s", sa);
    case STRATA_CONDITION_EQ:
      return g_strdup_printf ("= %s", sa);
    case STRATA_CONDITION_BETWEEN:
      /* Translators: an adjustment's condition, both ends included. */
      return g_strdup_printf (_("between %s and %s"), sa, sb);
    case STRATA_CONDITION_IS_TRUE:
      /* Translators: an adjustment's condition on a yes/no metric. */
      return g_strdup (_("is true"));
    default:
      g_return_val_if_reached (g_strdup ("?"));
    }
}
