/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-scoring.h. */
#pragma once

#include "strata-scoring.h"

G_BEGIN_DECLS

const char             *strata_scoring_get_period_name  (StrataScoring    *self);

/* Problems of the draft (StrataRulesProblem*), empty when valid. */
GPtrArray              *strata_scoring_get_problems     (StrataScoring    *self);

/* Published -> draft; NULL when either result is missing. */
const StrataWhatIf     *strata_scoring_get_whatif       (StrataScoring    *self);

/* Row getters (rows of the current period, under the draft rules; scores
 * are NaN when the draft is invalid). */
guint                   strata_scoring_get_n_rows       (StrataScoring    *self);
const char             *strata_scoring_get_ext_id       (StrataScoring    *self,
                                                         guint             row);
const char             *strata_scoring_get_name         (StrataScoring    *self,
                                                         guint             row);
double                  strata_scoring_get_value        (StrataScoring    *self,
                                                         guint             row,
                                                         const char       *metric);
double                  strata_scoring_get_score        (StrataScoring    *self,
                                                         guint             row);
StrataQuadrant          strata_scoring_get_quadrant     (StrataScoring    *self,
                                                         guint             row);

/* From how many customers a draft set is scored on a worker (default
 * 50,000; tests force it to score a small period there). */
void                    strata_scoring_set_draft_async_rows (StrataScoring *self,
                                                             guint          rows);

/* The draft's tier (id, label, colour) at index, or NULL. */
const StrataTier       *strata_scoring_get_tier         (StrataScoring    *self,
                                                         guint8            tier);

G_END_DECLS
