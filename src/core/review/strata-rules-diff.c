/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rule-set differences in words. Items and tiers are matched by id and
 * indicators by metric, so a renamed label reads as a change, not as a
 * removal plus an addition. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-format.h"
#include "strata-rules-diff.h"

void
strata_rule_change_free (StrataRuleChange *change)
{
  if (change == NULL)
    return;
  g_free (change->subject);
  g_free (change->text);
  g_free (change);
}

static void
add_change (GPtrArray            *changes,
            StrataRulesSection    section,
            StrataRuleChangeKind  kind,
            const char           *subject,
            char                 *text)
{
  StrataRuleChange *change = g_new0 (StrataRuleChange, 1);

  change->section = section;
  change->kind = kind;
  change->subject = g_strdup (subject);
  change->text = text;
  g_ptr_array_add (changes, change);
}

static const char *
metric_label (GHashTable *labels,
              const char *key)
{
  const char *label = labels ? g_hash_table_lookup (labels, key) : NULL;

  return label ? label : key;
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static char *
describe_band (const StrataBand *band)
{
  /* Compact bounds ("1M", "100万"): a change must fit one slide line. */
  g_autofree char *from = strata_format_compact (strata_number_format_get_default (), band->from);
  g_autofree char *points = strata_format_number (band->points);

  if (isinf (band->to))
    /* Translators: an open-ended score band, e.g. "≥ 10000000: 50 points" */
    return g_strdup_printf (_("≥ %s: %s points"), from, points);
  else
    {
      g_autofree char *to = strata_format_compact (strata_number_format_get_default (), band->to);
      /* Translators: a score band [from, to) and its points */
      return g_strdup_printf (_("[%s, %s): %s points"), from, to, points);
    }
}

static gboolean
band_equal (const StrataBand *a,
            const StrataBand *b)
{
  return a->from == b->from && a->to == b->to && a->points == b->points;
}

static void
diff_indicator (GPtrArray             *changes,
                const StrataIndicator *a,
                const StrataIndicator *b,
                GHashTable            *labels)
{
  const char *name = metric_label (labels, b->metric);
  guint n = MAX (a->bands->len, b->bands->len);

  if (a->weight != b->weight)
    {
      g_autofree char *wa = strata_format_number (a->weight);
      g_autofree char *wb = strata_format_number (b->weight);
      add_change (changes, STRATA_RULES_SECTION_INDICATOR, STRATA_RULE_CHANGE_CHANGED, b->metric,
                  /* Translators: base indicator weight change, e.g. "Annual order amount: weight 1 → 2" */
                  g_strdup_printf (_("%s: weight %s → %s"), name, wa, wb));
    }
  for (guint i = 0; i < n; i++)
    {
      const StrataBand *ba = i < a->bands->len ? &g_array_index (a->bands, StrataBand, i) : NULL;
      const StrataBand *bb = i < b->bands->len ? &g_array_index (b->bands, StrataBand, i) : NULL;
      g_autofree char *da = ba ? describe_band (ba) : NULL;
      g_autofree char *db = bb ? describe_band (bb) : NULL;

      if (ba && bb && band_equal (ba, bb))
        continue;
      if (ba && bb)
        add_change (changes, STRATA_RULES_SECTION_BAND, STRATA_RULE_CHANGE_CHANGED, b->metric,
                    /* Translators: "Annual order amount, band 3: [1000000, 3000000): 20 points → ..." */
                    g_strdup_printf (_("%s, band %u: %s → %s"), name, i + 1, da, db));
      else if (bb)
        add_change (changes, STRATA_RULES_SECTION_BAND, STRATA_RULE_CHANGE_ADDED, b->metric,
                    g_strdup_printf (_("%s, band %u added: %s"), name, i + 1, db));
      else
        add_change (changes, STRATA_RULES_SECTION_BAND, STRATA_RULE_CHANGE_REMOVED, b->metric,
                    g_strdup_printf (_("%s, band %u removed: %s"), name, i + 1, da));
    }
}

static const StrataIndicator *
find_indicator (const StrataRules *rules,
                const char        *metric)
{
  for (guint i = 0; i < rules->indicators->len; i++)
    {
      const StrataIndicator *ind = g_ptr_array_index (rules->indicators, i);
      if (g_strcmp0 (ind->metric, metric) == 0)
        return ind;
    }
  return NULL;
}

static const StrataAdjustment *
find_adjustment (const StrataRules *rules,
                 const char        *id)
{
  for (guint i = 0; i < rules->adjustments->len; i++)
    {
      const StrataAdjustment *adj = g_ptr_array_index (rules->adjustments, i);
      if (g_strcmp0 (adj->id, id) == 0)
        return adj;
    }
  return NULL;
}

/* "≥ 3: +5", "+5 per unit, at most 15", "(disabled)" */
static char *
describe_adjustment (const StrataAdjustment *adj,
                     GHashTable             *labels)
{
  g_autofree char *cond = strata_condition_describe (adj->condition, adj->a, adj->b);
  g_autofree char *points = strata_format_number (adj->points);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s %s", metric_label (labels, adj->metric), cond);
  if (adj->per_unit)
    /* Translators: points of an adjustment item given for each unit of the metric */
    g_string_append_printf (s, _(": %s%s per unit"), adj->points > 0 ? "+" : "", points);
  else
    g_string_append_printf (s, ": %s%s", adj->points > 0 ? "+" : "", points);
  if (!isnan (adj->cap))
    {
      g_autofree char *cap = strata_format_number (adj->cap);
      /* Translators: the cap on an adjustment item's total points */
      g_string_append_printf (s, _(", at most %s"), cap);
    }
  if (!adj->enabled)
    g_string_append (s, _(" (disabled)"));
  return g_string_free (s, FALSE);
}

static gboolean
adjustment_scores_alike (const StrataAdjustment *a,
                         const StrataAdjustment *b)
{
  return g_strcmp0 (a->metric, b->metric) == 0 && a->condition == b->condition &&
         a->a == b->a && (a->condition != STRATA_CONDITION_BETWEEN || a->b == b->b) &&
         a->points == b->points && a->per_unit == b->per_unit &&
         same_number (a->cap, b->cap) && a->enabled == b->enabled;
}

static void
diff_quadrant_axis (GPtrArray  *changes,
                    const char *axis_name,
                    const char *ma,
                    double      ta,
                    const char *mb,
                    double      tb,
                    GHashTable *labels)
{
  g_autofree char *sa = strata_format_number (ta);
  g_autofree char *sb = strata_format_number (tb);

  if (g_strcmp0 (ma, mb) == 0 && ta == tb)
    return;
  add_change (changes, STRATA_RULES_SECTION_QUADRANT, STRATA_RULE_CHANGE_CHANGED, mb,
              /* Translators: quadrant axis change, e.g. "Quadrant process axis: Qualified products listed ≥ 60 → Qualified products listed ≥ 50" */
              g_strdup_printf (_("Quadrant %s axis: %s ≥ %s → %s ≥ %s"), axis_name,
                               metric_label (labels, ma ? ma : ""), sa,
                               metric_label (labels, mb ? mb : ""), sb));
}

GPtrArray *
strata_rules_diff (const StrataRules *a,
                   const StrataRules *b,
                   GHashTable        *labels)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_rule_change_free);

  g_return_val_if_fail (a != NULL && b != NULL, changes);

  /* Base indicators, by metric. */
  for (guint i = 0; i < b->indicators->len; i++)
    {
      const StrataIndicator *ib = g_ptr_array_index (b->indicators, i);
      const StrataIndicator *ia = find_indicator (a, ib->metric);

      if (ia != NULL)
        diff_indicator (changes, ia, ib, labels);
      else
        add_change (changes, STRATA_RULES_SECTION_INDICATOR, STRATA_RULE_CHANGE_ADDED, ib->metric,
                    g_strdup_printf (_("Base indicator added: %s"), metric_label (labels, ib->metric)));
    }
  for (guint i = 0; i < a->indicators->len; i++)
    {
      const StrataIndicator *ia = g_ptr_array_index (a->indicators, i);
      if (find_indicator (b, ia->metric) == NULL)
        add_change (changes, STRATA_RULES_SECTION_INDICATOR, STRATA_RULE_CHANGE_REMOVED, ia->metric,
                    g_strdup_printf (_("Base indicator removed: %s"), metric_label (labels, ia->metric)));
    }

  /* Adjustment items, by id. */
  for (guint i = 0; i < b->adjustments->len; i++)
    {
      const StrataAdjustment *jb = g_ptr_array_index (b->adjustments, i);
      const StrataAdjustment *ja = find_adjustment (a, jb->id);
      g_autofree char *db = describe_adjustment (jb, labels);

      if (ja == NULL)
        add_change (changes, STRATA_RULES_SECTION_ADJUSTMENT, STRATA_RULE_CHANGE_ADDED, jb->id,
                    /* Translators: "Item added: High growth potential (High growth potential is true: +10)" */
                    g_strdup_printf (_("Item added: %s (%s)"), strata_adjustment_get_display_label (jb), db));
      else if (!adjustment_scores_alike (ja, jb))
        {
          g_autofree char *da = describe_adjustment (ja, labels);
          add_change (changes, STRATA_RULES_SECTION_ADJUSTMENT, STRATA_RULE_CHANGE_CHANGED, jb->id,
                      /* Translators: "Item Referrals: Referred customers ≥ 1: +5 → Referred customers ≥ 1: +4" */
                      g_strdup_printf (_("Item %s: %s → %s"), strata_adjustment_get_display_label (jb), da, db));
        }
      else if (g_strcmp0 (strata_adjustment_get_display_label (ja), strata_adjustment_get_display_label (jb)) != 0)
        add_change (changes, STRATA_RULES_SECTION_ADJUSTMENT, STRATA_RULE_CHANGE_CHANGED, jb->id,
                    g_strdup_printf (_("Item renamed: %s → %s"), strata_adjustment_get_display_label (ja), strata_adjustment_get_display_label (jb)));
    }
  for (guint i = 0; i < a->adjustments->len; i++)
    {
      const StrataAdjustment *ja = g_ptr_array_index (a->adjustments, i);
      if (find_adjustment (b, ja->id) == NULL)
        {
          g_autofree char *da = describe_adjustment (ja, labels);
          add_change (changes, STRATA_RULES_SECTION_ADJUSTMENT, STRATA_RULE_CHANGE_REMOVED, ja->id,
                      g_strdup_printf (_("Item removed: %s (%s)"), strata_adjustment_get_display_label (ja), da));
        }
    }

  /* Tiers, by id. The last tier's minimum is meaningless (it takes the rest). */
  for (guint i = 0; i < b->tiers->len; i++)
    {
      const StrataTier *tb = g_ptr_array_index (b->tiers, i);
      int j = strata_rules_find_tier (a, tb->id);
      g_autofree char *mb = strata_format_number (tb->min_score);

      if (j < 0)
        add_change (changes, STRATA_RULES_SECTION_TIER, STRATA_RULE_CHANGE_ADDED, tb->id,
                    isinf (tb->min_score)
                    ? g_strdup_printf (_("Tier added: %s %s"), tb->id, strata_tier_get_display_label (tb))
                    /* Translators: "Tier added: B Key, minimum score 60" */
                    : g_strdup_printf (_("Tier added: %s %s, minimum score %s"), tb->id, strata_tier_get_display_label (tb), mb));
      else
        {
          const StrataTier *ta = g_ptr_array_index (a->tiers, j);
          gboolean a_last = (guint) j + 1 == a->tiers->len;
          gboolean b_last = i + 1 == b->tiers->len;

          if (!(a_last && b_last) && !same_number (ta->min_score, tb->min_score))
            {
              g_autofree char *ma = strata_format_number (ta->min_score);
              add_change (changes, STRATA_RULES_SECTION_TIER, STRATA_RULE_CHANGE_CHANGED, tb->id,
                          /* Translators: "Tier B Key: minimum score 60 → 65" */
                          g_strdup_printf (_("Tier %s %s: minimum score %s → %s"), tb->id, strata_tier_get_display_label (tb),
                                           isinf (ta->min_score) ? "—" : ma,
                                           isinf (tb->min_score) ? "—" : mb));
            }
          if (g_strcmp0 (strata_tier_get_display_label (ta), strata_tier_get_display_label (tb)) != 0)
            add_change (changes, STRATA_RULES_SECTION_TIER, STRATA_RULE_CHANGE_CHANGED, tb->id,
                        g_strdup_printf (_("Tier %s renamed: %s → %s"), tb->id, strata_tier_get_display_label (ta), strata_tier_get_display_label (tb)));
        }
    }
  for (guint i = 0; i < a->tiers->len; i++)
    {
      const StrataTier *ta = g_ptr_array_index (a->tiers, i);
      if (strata_rules_find_tier (b, ta->id) < 0)
        add_change (changes, STRATA_RULES_SECTION_TIER, STRATA_RULE_CHANGE_REMOVED, ta->id,
                    g_strdup_printf (_("Tier removed: %s %s"), ta->id, strata_tier_get_display_label (ta)));
    }

  /* Translators: the quadrant's x axis (e.g. listed products) */
  diff_quadrant_axis (changes, _("process"), a->quadrant.x_metric, a->quadrant.x_threshold,
                      b->quadrant.x_metric, b->quadrant.x_threshold, labels);
  /* Translators: the quadrant's y axis (e.g. monthly inquiries) */
  diff_quadrant_axis (changes, _("result"), a->quadrant.y_metric, a->quadrant.y_threshold,
                      b->quadrant.y_metric, b->quadrant.y_threshold, labels);

  return changes;
}
