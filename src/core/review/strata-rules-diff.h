/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What changed between two rule sets, as lines a review meeting can read:
 * bands, weights, adjustment items, tier thresholds and the quadrant. Used
 * by the presentation's "Rule changes since the last review" slide and by
 * strata-cli movement. */
#pragma once

#include "strata-rules.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_RULE_CHANGE_ADDED,
  STRATA_RULE_CHANGE_REMOVED,
  STRATA_RULE_CHANGE_CHANGED,
} StrataRuleChangeKind;

typedef struct
{
  StrataRulesSection    section;
  StrataRuleChangeKind  kind;
  char                 *subject;  /* metric key, item id or tier id */
  char                 *text;     /* one translated line */
} StrataRuleChange;

/* The changes from old_rules to new_rules, in the order indicators, items,
 * tiers, quadrant; empty when they score alike. metric_labels (key -> label,
 * may be NULL) names metrics the way the user knows them. */
GPtrArray *strata_rules_diff             (const StrataRules *old_rules,
                                          const StrataRules *new_rules,
                                          GHashTable        *metric_labels);
void       strata_rule_change_free       (StrataRuleChange  *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRuleChange, strata_rule_change_free)

G_END_DECLS
