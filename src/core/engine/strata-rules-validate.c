/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata_rules_validate(): every problem is located (section, index,
 * sub-index, field) so that the rules editor can mark the very cell, and
 * worded for the person who typed it. An invalid rule set never scores. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-rules.h"

typedef struct
{
  GPtrArray          *problems;
  const char * const *known;
} Validator;

static void G_GNUC_PRINTF (6, 7)
problem (Validator          *v,
         StrataRulesSection  section,
         int                 index,
         int                 sub_index,
         const char         *field,
         const char         *format,
         ...)
{
  StrataRulesProblem *p = g_new0 (StrataRulesProblem, 1);
  va_list args;

  p->section = section;
  p->index = index;
  p->sub_index = sub_index;
  p->field = g_strdup (field);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (v->problems, p);
}

void
strata_rules_problem_free (StrataRulesProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static gboolean
is_empty (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* Checks a metric reference: present, and known to the workspace. */
static void
check_metric (Validator          *v,
              StrataRulesSection  section,
              int                 index,
              const char         *field,
              const char         *metric)
{
  if (is_empty (metric))
    {
      problem (v, section, index, -1, field, _("No metric is chosen"));
      return;
    }
  if (v->known != NULL && !g_strv_contains (v->known, metric))
    problem (v, section, index, -1, field, _("Unknown metric “%s”"), metric);
}

static void
check_indicator (Validator             *v,
                 int                    i,
                 const StrataIndicator *ind)
{
  check_metric (v, STRATA_RULES_SECTION_INDICATOR, i, "metric", ind->metric);
  if (!isfinite (ind->weight))
    problem (v, STRATA_RULES_SECTION_INDICATOR, i, -1, "weight", _("The weight must be a number"));
  if (ind->bands->len == 0)
    problem (v, STRATA_RULES_SECTION_INDICATOR, i, -1, "bands", _("The indicator has no bands"));

  for (guint j = 0; j < ind->bands->len; j++)
    {
      const StrataBand *band = &g_array_index (ind->bands, StrataBand, j);
      g_autofree char *from = strata_format_number (band->from);
      g_autofree char *to = strata_format_number (band->to);

      if (!isfinite (band->from))
        problem (v, STRATA_RULES_SECTION_BAND, i, j, "from", _("A band must start at a number"));
      if (isnan (band->to) || band->to == -INFINITY)
        problem (v, STRATA_RULES_SECTION_BAND, i, j, "to", _("A band must end at a number or be open"));
      else if (isinf (band->to) && j + 1 < ind->bands->len)
        problem (v, STRATA_RULES_SECTION_BAND, i, j, "to", _("Only the last band can be open-ended"));
      else if (isfinite (band->from) && band->to <= band->from)
        problem (v, STRATA_RULES_SECTION_BAND, i, j, "to",
                 _("The band ends at %s, not after its start %s"), to, from);
      if (!isfinite (band->points))
        problem (v, STRATA_RULES_SECTION_BAND, i, j, "points", _("Points must be a number"));

      if (j > 0)
        {
          const StrataBand *prev = &g_array_index (ind->bands, StrataBand, j - 1);
          g_autofree char *prev_to = strata_format_number (prev->to);

          if (isfinite (prev->to) && isfinite (band->from))
            {
              if (band->from > prev->to)
                problem (v, STRATA_RULES_SECTION_BAND, i, j, "from",
                         _("Gap between %s and %s: the band should start at %s"),
                         prev_to, from, prev_to);
              else if (band->from < prev->to)
                problem (v, STRATA_RULES_SECTION_BAND, i, j, "from",
                         _("Overlaps the band before it, which ends at %s"), prev_to);
            }
        }
    }
}

static void
check_adjustment (Validator              *v,
                  GHashTable             *ids,
                  int                     i,
                  const StrataAdjustment *adj)
{
  if (is_empty (adj->id))
    problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "id", _("The id is empty"));
  else if (!g_hash_table_add (ids, adj->id))
    problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "id",
             _("The id “%s” is used by another adjustment"), adj->id);
  if (is_empty (adj->label))
    problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "label", _("The label is empty"));
  check_metric (v, STRATA_RULES_SECTION_ADJUSTMENT, i, "metric", adj->metric);
  if (adj->condition > STRATA_CONDITION_IS_TRUE)
    problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "condition", _("Unknown condition"));
  if (adj->condition != STRATA_CONDITION_IS_TRUE && !isfinite (adj->a))
    problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "a", _("The condition needs a number"));
  if (adj->condition == STRATA_CONDITION_BETWEEN)
    {
      if (!isfinite (adj->b))
        problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "b", _("The condition needs a number"));
      else if (isfinite (adj->a) && adj->a > adj->b)
        {
          g_autofree char *a = strata_format_number (adj->a);
          g_autofree char *b = strata_format_number (adj->b);

          problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "b",
                   _("“Between %s and %s”: the first number is greater than the second"), a, b);
        }
    }
  if (!isfinite (adj->points))
    problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "points", _("Points must be a number"));
  if (!isnan (adj->cap) && !(adj->cap >= 0 && isfinite (adj->cap)))
    {
      g_autofree char *cap = strata_format_number (adj->cap);

      problem (v, STRATA_RULES_SECTION_ADJUSTMENT, i, -1, "cap",
               _("The cap %s must be zero or more"), cap);
    }
}

static gboolean
is_colour (const char *colour)
{
  if (colour == NULL || strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

static void
check_tiers (Validator         *v,
             const StrataRules *rules)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (rules->tiers->len == 0)
    problem (v, STRATA_RULES_SECTION_RULES, -1, -1, "tiers", _("A rule set needs at least one tier"));

  for (guint i = 0; i < rules->tiers->len; i++)
    {
      const StrataTier *tier = rules->tiers->pdata[i];
      gboolean last = i + 1 == rules->tiers->len;

      if (is_empty (tier->id))
        problem (v, STRATA_RULES_SECTION_TIER, i, -1, "id", _("The id is empty"));
      else if (!g_hash_table_add (ids, tier->id))
        problem (v, STRATA_RULES_SECTION_TIER, i, -1, "id",
                 _("The id “%s” is used by another tier"), tier->id);
      if (is_empty (tier->label))
        problem (v, STRATA_RULES_SECTION_TIER, i, -1, "label", _("The label is empty"));
      if (!is_colour (tier->colour))
        problem (v, STRATA_RULES_SECTION_TIER, i, -1, "colour",
                 _("The colour “%s” is not of the form #rrggbb"), tier->colour ? tier->colour : "");
      /* The last tier takes everything below, so its minimum is unused. */
      if (last)
        continue;
      if (!isfinite (tier->min_score))
        problem (v, STRATA_RULES_SECTION_TIER, i, -1, "min_score",
                 _("Only the last tier can be without a minimum score"));
      else if (i > 0)
        {
          const StrataTier *prev = rules->tiers->pdata[i - 1];

          if (isfinite (prev->min_score) && tier->min_score >= prev->min_score)
            {
              g_autofree char *mine = strata_format_number (tier->min_score);
              g_autofree char *theirs = strata_format_number (prev->min_score);

              problem (v, STRATA_RULES_SECTION_TIER, i, -1, "min_score",
                       _("Tiers are out of order: minimum %s is not below %s of tier “%s”"),
                       mine, theirs, prev->id);
            }
        }
    }
}

static void
check_quadrant (Validator                 *v,
                const StrataQuadrantRules *q)
{
  /* No x and no y: the rule set simply has no quadrants. */
  if (is_empty (q->x_metric) && is_empty (q->y_metric) && is_empty (q->z_metric))
    return;
  check_metric (v, STRATA_RULES_SECTION_QUADRANT, -1, "x", q->x_metric);
  check_metric (v, STRATA_RULES_SECTION_QUADRANT, -1, "y", q->y_metric);
  if (!is_empty (q->z_metric))
    check_metric (v, STRATA_RULES_SECTION_QUADRANT, -1, "z", q->z_metric);
  if (!isfinite (q->x_threshold))
    problem (v, STRATA_RULES_SECTION_QUADRANT, -1, -1, "x", _("The threshold must be a number"));
  if (!isfinite (q->y_threshold))
    problem (v, STRATA_RULES_SECTION_QUADRANT, -1, -1, "y", _("The threshold must be a number"));
  for (int i = 0; i < 4; i++)
    if (is_empty (q->label[i]))
      problem (v, STRATA_RULES_SECTION_QUADRANT, i, -1, "label", _("The label is empty"));
}

GPtrArray *
strata_rules_validate (const StrataRules  *rules,
                       const char * const *known_metrics)
{
  Validator v = { g_ptr_array_new_with_free_func ((GDestroyNotify) strata_rules_problem_free),
                  known_metrics };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (rules != NULL, v.problems);

  for (guint i = 0; i < rules->indicators->len; i++)
    check_indicator (&v, i, rules->indicators->pdata[i]);
  for (guint i = 0; i < rules->adjustments->len; i++)
    check_adjustment (&v, ids, i, rules->adjustments->pdata[i]);
  check_tiers (&v, rules);
  check_quadrant (&v, &rules->quadrant);
  return v.problems;
}

char *
strata_rules_problem_location (const StrataRulesProblem *p)
{
  static const char *quadrant_names[] = { "A", "B", "C", "D" };

  switch (p->section)
    {
    case STRATA_RULES_SECTION_INDICATOR:
      return g_strdup_printf (_("Indicator %d"), p->index + 1);
    case STRATA_RULES_SECTION_BAND:
      return g_strdup_printf (_("Band %d of indicator %d"), p->sub_index + 1, p->index + 1);
    case STRATA_RULES_SECTION_ADJUSTMENT:
      return g_strdup_printf (_("Adjustment %d"), p->index + 1);
    case STRATA_RULES_SECTION_TIER:
      return g_strdup_printf (_("Tier %d"), p->index + 1);
    case STRATA_RULES_SECTION_QUADRANT:
      if (p->index >= 0 && p->index < 4)
        return g_strdup_printf (_("Quadrant %s"), quadrant_names[p->index]);
      return g_strdup (_("Quadrants"));
    case STRATA_RULES_SECTION_RULES:
    default:
      return g_strdup (_("Rule set"));
    }
}

gboolean
strata_rules_check (const StrataRules  *rules,
                    const char * const *known_metrics,
                    GError            **error)
{
  g_autoptr(GPtrArray) problems = strata_rules_validate (rules, known_metrics);
  const StrataRulesProblem *first;
  g_autofree char *where = NULL;

  if (problems->len == 0)
    return TRUE;
  first = problems->pdata[0];
  where = strata_rules_problem_location (first);
  if (problems->len == 1)
    g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                 "%s: %s", where, first->message);
  else
    g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                 strata_ngettext ("%s: %s (and %u other problem)",
                                  "%s: %s (and %u other problems)", problems->len - 1),
                 where, first->message, problems->len - 1);
  return FALSE;
}
