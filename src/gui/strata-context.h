/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The page contract: what every page of the window shares. The window makes
 * one StrataContext per open workspace and gives it to each page through the
 * page's "context" property (NULL when no workspace is open). */
#pragma once

#include <gio/gio.h>

#include "strata-period-list.h"
#include "strata-period-results.h"
#include "strata-scoring.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CONTEXT (strata_context_get_type ())
G_DECLARE_FINAL_TYPE (StrataContext, strata_context, STRATA, CONTEXT, GObject)

StrataContext   *strata_context_new                   (StrataWorkspace *workspace);

StrataWorkspace *strata_context_get_workspace         (StrataContext   *self);

/* The periods in chronological order (a StrataPeriodList: items are
 * StrataPeriod), reloaded when the workspace's periods change. */
GListModel      *strata_context_get_periods           (StrataContext   *self);

/* The current period's name; NULL only when the workspace has no period.
 * Setting a name that is not a period is refused with a warning. */
const char      *strata_context_get_period            (StrataContext   *self);
void             strata_context_set_period            (StrataContext   *self,
                                                       const char      *period);
/* The id of the current period in the workspace, 0 when there is none. */
gint64           strata_context_get_period_id         (StrataContext   *self);

/* The one scoring state of the window, shared by every page: the current
 * period's data, the published rules and the draft (the one the Scoring
 * page edits), with their results. It follows the current period and
 * reloads by itself on the workspace's ::changed. NULL when the rules
 * cannot be read (strata_context_get_scoring_error() says why). */
StrataScoring   *strata_context_get_scoring           (StrataContext   *self);
const GError    *strata_context_get_scoring_error     (StrataContext   *self);
/* The scoring's period data is read on a worker thread (when the context
 * is made, the period or the data changes): TRUE meanwhile ("scoring-loading"
 * notifies; ::scores-changed follows when it is there). The scoring holds
 * the previous period (or none) until then. */
gboolean         strata_context_get_scoring_loading   (StrataContext   *self);
/* Iterates the main context until the scoring is loaded, for a caller that
 * needs it at once (tests, the presentation). */
void             strata_context_finish_scoring        (StrataContext   *self);

/* A period as a page's worker reads it: the scoring's data and published
 * result (references) when they are that period's and loaded, so that the
 * worker scores or reads over them (strata_period_results_load_shared)
 * instead of loading the period again, a hundred megabytes at a million
 * customers; else NULL, and the worker loads it. */
typedef struct
{
  gint64            period_id;
  StrataPeriodData *data;
  StrataResult     *published_result;
  guint             published_version;
} StrataSharedPeriod;

StrataSharedPeriod  *strata_context_share_period     (StrataContext      *self,
                                                      gint64              period_id);
/* On the worker: the period's results (see strata_period_results_load_shared). */
StrataPeriodResults *strata_shared_period_load       (StrataSharedPeriod *shared,
                                                      StrataWorkspace    *workspace,
                                                      const char * const *metrics,
                                                      GError            **error);
void                 strata_shared_period_free       (StrataSharedPeriod *shared);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataSharedPeriod, strata_shared_period_free)

/* The workspace customer id the user selected on any page, 0 for none. */
gint64           strata_context_get_selected_customer (StrataContext   *self);
void             strata_context_set_selected_customer (StrataContext   *self,
                                                       gint64           customer_id);

G_END_DECLS
