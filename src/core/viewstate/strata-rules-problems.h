/* SPDX-License-Identifier: GPL-3.0-or-later */
/* View state for the rules editor: the validation problems of a rule set
 * indexed by the cell they belong to, so that each cell can ask "is there a
 * problem here, and what does it say?", each card can list its problems,
 * and the page header can count them. Also counts the changes between the
 * draft and the published rules ("Draft · 3 changes"). Pure: no GTK. */
#pragma once

#include "strata-rules.h"

G_BEGIN_DECLS

typedef struct _StrataRulesProblems StrataRulesProblems;

/* Validates rules against known_metrics (NULL-terminated, or NULL to skip
 * the metric check) and indexes the problems. */
StrataRulesProblems *strata_rules_problems_new        (const StrataRules   *rules,
                                                       const char * const  *known_metrics);
void                 strata_rules_problems_free       (StrataRulesProblems *self);

guint                strata_rules_problems_get_count  (StrataRulesProblems *self);
gboolean             strata_rules_problems_is_valid   (StrataRulesProblems *self);

/* The message for one cell, or NULL. index / sub_index as in
 * StrataRulesProblem (-1 when not applicable); field is the rules file's
 * member name ("from", "weight", "min_score"...). When several problems hit
 * one cell, their messages are joined by new lines. */
const char          *strata_rules_problems_lookup     (StrataRulesProblems *self,
                                                       StrataRulesSection   section,
                                                       int                  index,
                                                       int                  sub_index,
                                                       const char          *field);

/* Every problem of the sections given (a card shows bands with their
 * indicator), one per line as "Band 2 of indicator 1: message"; NULL when
 * there is none. sections ends with -1. */
char                *strata_rules_problems_describe   (StrataRulesProblems *self,
                                                       const int           *sections);

/* How many cells, rows and settings differ between two rule sets: an edited
 * value counts one, an added or removed row counts one. */
guint                strata_rules_count_changes       (const StrataRules   *published,
                                                       const StrataRules   *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRulesProblems, strata_rules_problems_free)

G_END_DECLS
