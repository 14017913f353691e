/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules editor of the Scoring page: cards for the base indicators and
 * their bands, the adjustments, the tiers and the quadrant, each a compact
 * table edited in place. It edits a StrataRules it is given (in place) and
 * emits ::edited after every change, with an undo label and a merge key
 * naming the cell, so that the page can rescore, save and record undo
 * steps. Validation problems are shown at their cells. */
#pragma once

#include <adwaita.h>

#include "strata-rules.h"
#include "strata-rules-problems.h"

G_BEGIN_DECLS

#define STRATA_TYPE_RULES_EDITOR (strata_rules_editor_get_type ())
G_DECLARE_FINAL_TYPE (StrataRulesEditor, strata_rules_editor, STRATA, RULES_EDITOR, GtkBox)

GtkWidget   *strata_rules_editor_new          (void);

/* The metrics the pickers offer (a GListModel of StrataMetric). */
void         strata_rules_editor_set_metrics  (StrataRulesEditor   *self,
                                               GListModel          *metrics);
/* Edits rules from now on (borrowed: keep it alive or set NULL first) and
 * rebuilds every row. */
void         strata_rules_editor_set_rules    (StrataRulesEditor   *self,
                                               StrataRules         *rules);
/* The same, its cards built in steps (an indicator's card a step, then the
 * items, the tiers and the quadrants): call strata_rules_editor_build_step()
 * until it returns FALSE. A rebuild all at once (set_rules, a structural
 * edit) ends it. */
void         strata_rules_editor_set_rules_in_steps (StrataRulesEditor *self,
                                                     StrataRules       *rules);
gboolean     strata_rules_editor_build_step   (StrataRulesEditor   *self);
StrataRules *strata_rules_editor_get_rules    (StrataRulesEditor   *self);
/* Marks the cells with problems (borrowed, may be NULL). */
void         strata_rules_editor_set_problems (StrataRulesEditor   *self,
                                               StrataRulesProblems *problems);

/* Shows beside each adjustment item its retention evidence
 * (StrataCalibrateEvidence*, by item id; NULL: "—" with missing as the
 * tooltip, or a "working" tooltip when missing is NULL too); from and to
 * name the periods compared. */
void         strata_rules_editor_set_evidence (StrataRulesEditor   *self,
                                               GPtrArray           *evidence,
                                               const char          *from,
                                               const char          *to,
                                               const char          *missing);
/* Shows the evidence again for the rows' current items. */
void         strata_rules_editor_refresh_evidence (StrataRulesEditor *self);

G_END_DECLS
