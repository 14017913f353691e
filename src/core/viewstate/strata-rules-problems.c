/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-rules-problems.h"

struct _StrataRulesProblems
{
  GPtrArray  *problems;   /* StrataRulesProblem*, in validation order */
  GHashTable *by_cell;    /* cell key -> joined messages */
};

static char *
cell_key (StrataRulesSection  section,
          int                 index,
          int                 sub_index,
          const char         *field)
{
  return g_strdup_printf ("%d/%d/%d/%s", (int) section, index, sub_index, field ? field : "");
}

StrataRulesProblems *
strata_rules_problems_new (const StrataRules  *rules,
                           const char * const *known_metrics)
{
  StrataRulesProblems *self;

  g_return_val_if_fail (rules != NULL, NULL);

  self = g_new0 (StrataRulesProblems, 1);
  self->problems = strata_rules_validate (rules, known_metrics);
  self->by_cell = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const StrataRulesProblem *p = g_ptr_array_index (self->problems, i);
      char *key = cell_key (p->section, p->index, p->sub_index, p->field);
      const char *old = g_hash_table_lookup (self->by_cell, key);

      g_hash_table_insert (self->by_cell, key,
                           old ? g_strconcat (old, "\n", p->message, NULL)
                               : g_strdup (p->message));
    }
  return self;
}

void
strata_rules_problems_free (StrataRulesProblems *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->problems);
  g_hash_table_unref (self->by_cell);
  g_free (self);
}

guint
strata_rules_problems_get_count (StrataRulesProblems *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->problems->len;
}

gboolean
strata_rules_problems_is_valid (StrataRulesProblems *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->problems->len == 0;
}

const char *
strata_rules_problems_lookup (StrataRulesProblems *self,
                              StrataRulesSection   section,
                              int                  index,
                              int                  sub_index,
                              const char          *field)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  if (self->problems->len == 0)
    return NULL;
  key = cell_key (section, index, sub_index, field);
  return g_hash_table_lookup (self->by_cell, key);
}

char *
strata_rules_problems_describe (StrataRulesProblems *self,
                                const int           *sections)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sections != NULL, NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const StrataRulesProblem *p = g_ptr_array_index (self->problems, i);

      for (const int *s = sections; *s >= 0; s++)
        if ((int) p->section == *s)
          {
            g_autofree char *where = strata_rules_problem_location (p);

            if (text->len > 0)
              g_string_append_c (text, '\n');
            /* Translators: a rule problem under its card: "Band 2 of
             * indicator 1: The bands overlap". */
            g_string_append_printf (text, _("%s: %s"), where, p->message);
            break;
          }
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
same_number (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static guint
count_indicator (const StrataIndicator *a,
                 const StrataIndicator *b)
{
  guint n = 0;
  guint common = MIN (a->bands->len, b->bands->len);

  n += g_strcmp0 (a->metric, b->metric) != 0;
  n += !same_number (a->weight, b->weight);
  for (guint j = 0; j < common; j++)
    {
      const StrataBand *x = &g_array_index (a->bands, StrataBand, j);
      const StrataBand *y = &g_array_index (b->bands, StrataBand, j);

      n += !same_number (x->from, y->from);
      n += !same_number (x->to, y->to);
      n += !same_number (x->points, y->points);
    }
  return n + MAX (a->bands->len, b->bands->len) - common;
}

static guint
count_adjustment (const StrataAdjustment *a,
                  const StrataAdjustment *b)
{
  return (g_strcmp0 (a->id, b->id) != 0) + (g_strcmp0 (a->label, b->label) != 0) +
         (g_strcmp0 (a->metric, b->metric) != 0) + (a->condition != b->condition) +
         !same_number (a->a, b->a) +
         (a->condition == STRATA_CONDITION_BETWEEN && !same_number (a->b, b->b)) +
         !same_number (a->points, b->points) + (!a->per_unit != !b->per_unit) +
         !same_number (a->cap, b->cap) + (!a->enabled != !b->enabled);
}

static guint
count_tier (const StrataTier *a,
            const StrataTier *b)
{
  return (g_strcmp0 (a->id, b->id) != 0) + (g_strcmp0 (a->label, b->label) != 0) +
         (g_ascii_strcasecmp (a->colour ? a->colour : "", b->colour ? b->colour : "") != 0) +
         !same_number (a->min_score, b->min_score);
}

guint
strata_rules_count_changes (const StrataRules *published,
                            const StrataRules *draft)
{
  const StrataQuadrantRules *qa, *qb;
  guint n = 0;
  guint common;

  g_return_val_if_fail (published != NULL, 0);
  g_return_val_if_fail (draft != NULL, 0);

  common = MIN (published->indicators->len, draft->indicators->len);
  for (guint i = 0; i < common; i++)
    n += count_indicator (published->indicators->pdata[i], draft->indicators->pdata[i]);
  n += MAX (published->indicators->len, draft->indicators->len) - common;

  common = MIN (published->adjustments->len, draft->adjustments->len);
  for (guint i = 0; i < common; i++)
    n += count_adjustment (published->adjustments->pdata[i], draft->adjustments->pdata[i]);
  n += MAX (published->adjustments->len, draft->adjustments->len) - common;

  common = MIN (published->tiers->len, draft->tiers->len);
  for (guint i = 0; i < common; i++)
    {
      const StrataTier *a = published->tiers->pdata[i];
      const StrataTier *b = draft->tiers->pdata[i];

      /* The last tier's minimum is ignored: do not count it. */
      if (i + 1 == common && published->tiers->len == draft->tiers->len)
        n += count_tier (a, b) - !same_number (a->min_score, b->min_score);
      else
        n += count_tier (a, b);
    }
  n += MAX (published->tiers->len, draft->tiers->len) - common;

  qa = &published->quadrant;
  qb = &draft->quadrant;
  n += (g_strcmp0 (qa->x_metric, qb->x_metric) != 0) + !same_number (qa->x_threshold, qb->x_threshold);
  n += (g_strcmp0 (qa->y_metric, qb->y_metric) != 0) + !same_number (qa->y_threshold, qb->y_threshold);
  n += g_strcmp0 (qa->z_metric, qb->z_metric) != 0;
  for (guint q = 0; q < 4; q++)
    n += (g_strcmp0 (qa->label[q], qb->label[q]) != 0) + (g_strcmp0 (qa->action[q], qb->action[q]) != 0);
  return n;
}
