/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataScoring: the live scoring state the GUI and the report read. It
 * owns the workspace's current period as columns, the draft and the
 * published rules, a result for each and the what-if diff between them
 * (published -> draft). strata_scoring_set_draft() re-scores (on every
 * keystroke: tests/bench-scoring prints its time as "keystroke"; on a
 * worker from 50,000 customers) and emits ::scores-changed. It reloads by itself on the workspace's
 * ::changed signal. When the draft is invalid, its result is NULL and
 * strata_scoring_get_problems() says why; the published result remains. */
#pragma once

#include "strata-engine.h"
#include "strata-ruleset-store.h"

G_BEGIN_DECLS

#define STRATA_TYPE_SCORING (strata_scoring_get_type ())
G_DECLARE_FINAL_TYPE (StrataScoring, strata_scoring, STRATA, SCORING, GObject)

/* Loads the latest period (none yet: zero rows), the draft and the latest
 * published rules, and scores both. */
StrataScoring          *strata_scoring_new              (StrataWorkspace  *workspace,
                                                         GError          **error);
/* For a caller that loads the period data elsewhere (the window's context
 * does so on a worker thread): loads the rules and scores them over an empty
 * period of the workspace's metrics; the data then comes through
 * strata_scoring_set_period_data(). Such a scoring still follows the
 * workspace's "rules" and "overrides" changes, and leaves reloading the data
 * on any other kind to its caller. */
StrataScoring          *strata_scoring_new_deferred     (StrataWorkspace  *workspace,
                                                         GError          **error);
StrataWorkspace        *strata_scoring_get_workspace    (StrataScoring    *self);

/* Switches to another period (by id) and re-scores. */
gboolean                strata_scoring_set_period       (StrataScoring    *self,
                                                         gint64            period_id,
                                                         GError          **error);
/* Takes data (a new reference: period data is immutable and may come from
 * another thread's connection) as the period period_id's (0 and NULL: no
 * period, the workspace's metrics without rows), reloads
 * the rules, scores both and emits ::scores-changed. */
gboolean                strata_scoring_set_period_data  (StrataScoring    *self,
                                                         gint64            period_id,
                                                         StrataPeriodData *data,
                                                         GError          **error);
/* The same, scored off the main thread: strata_scoring_prepare() runs on
 * a worker with the worker's own connection (it reads the rules there and
 * scores both rule sets over data); strata_scoring_take_prepared() installs
 * that on the main thread and emits ::scores-changed. generation is
 * strata_scoring_get_generation() when the worker started: when the rules
 * or overrides changed since, the rules are read and scored again. */
typedef struct _StrataScoringPrepared StrataScoringPrepared;
guint                   strata_scoring_get_generation   (StrataScoring    *self);
StrataScoringPrepared  *strata_scoring_prepare          (StrataWorkspace  *workspace,
                                                         gint64            period_id,
                                                         StrataPeriodData *data,
                                                         guint             generation,
                                                         GError          **error);
/* Takes prepared. */
gboolean                strata_scoring_take_prepared    (StrataScoring    *self,
                                                         StrataScoringPrepared *prepared,
                                                         GError          **error);
void                    strata_scoring_prepared_free    (StrataScoringPrepared *prepared);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataScoringPrepared, strata_scoring_prepared_free)

/* 0 when the workspace has no period. */
gint64                  strata_scoring_get_period_id    (StrataScoring    *self);
/* Reloads everything from the workspace (done on ::changed). */
gboolean                strata_scoring_reload           (StrataScoring    *self,
                                                         GError          **error);

const StrataPeriodData *strata_scoring_get_data         (StrataScoring    *self);
const StrataRules      *strata_scoring_get_draft        (StrataScoring    *self);
/* NULL when nothing was ever published. */
const StrataRules      *strata_scoring_get_published    (StrataScoring    *self);
guint                   strata_scoring_get_published_version (StrataScoring *self);

/* Takes a copy of rules as the in-memory draft, validates and re-scores it,
 * and emits ::scores-changed. Does not write the workspace. From 50,000
 * customers a valid draft is scored on a worker: the call returns at once
 * with strata_scoring_get_draft_pending() TRUE, and until the result is
 * there every getter (the draft, its result, the what-if, the counts)
 * answers for the last scored draft; ::scores-changed comes with the new
 * result. Edits made while a draft is scored only replace the one waiting:
 * the result of one that was replaced is dropped, the newest is scored
 * next. An invalid draft is taken at once (its result is NULL). */
void                    strata_scoring_set_draft        (StrataScoring     *self,
                                                         const StrataRules *rules);
/* TRUE while a draft set is being scored on a worker. */
gboolean                strata_scoring_get_draft_pending (StrataScoring   *self);
/* The draft last set: the one being scored, else strata_scoring_get_draft(). */
const StrataRules      *strata_scoring_get_latest_draft (StrataScoring    *self);
/* Writes the latest in-memory draft to the workspace. */
gboolean                strata_scoring_save_draft       (StrataScoring    *self,
                                                         GError          **error);
/* Publishes the latest in-memory draft as the next version. */
gboolean                strata_scoring_publish          (StrataScoring    *self,
                                                         const char       *note,
                                                         guint            *version,
                                                         GError          **error);

/* Results; NULL when the rules are invalid (or none published). */
StrataResult           *strata_scoring_get_draft_result     (StrataScoring *self);
StrataResult           *strata_scoring_get_published_result (StrataScoring *self);
/* Customers per final tier of the draft's result (its n_tiers entries),
 * counted with it; NULL when it has none. */
const guint            *strata_scoring_get_draft_tier_counts (StrataScoring *self);
/* Explains a row under the draft (published when draft is FALSE). */
StrataReceipt          *strata_scoring_explain          (StrataScoring    *self,
                                                         guint             row,
                                                         gboolean          draft,
                                                         GError          **error);

/* Row getters for lists and charts (rows of the current period, under the
 * draft rules; tier getters return STRATA_TIER_NONE when the draft is
 * invalid). */
gint64                  strata_scoring_get_customer_id  (StrataScoring    *self,
                                                         guint             row);
guint8                  strata_scoring_get_final_tier   (StrataScoring    *self,
                                                         guint             row);

/* Sets / removes a manual override for a row of the current period and
 * re-scores (through the workspace's ::changed). */
gboolean                strata_scoring_set_override     (StrataScoring    *self,
                                                         guint             row,
                                                         const char       *tier,
                                                         const char       *reason,
                                                         GError          **error);
gboolean                strata_scoring_remove_override  (StrataScoring    *self,
                                                         guint             row,
                                                         GError          **error);

G_END_DECLS
