/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPeriodResults: one period's scored results as the review sees them:
 * the frozen ones (period_results, under the rule-set version the period
 * was closed with) for a closed period, else the period scored with the
 * current published rules. The review never scores a closed period with
 * newer rules unless asked to restate it. */
#pragma once

#include "strata-engine.h"

G_BEGIN_DECLS

typedef struct
{
  gint64            period_id;
  char             *period_name;
  gboolean          frozen;      /* results read from period_results */
  gint64            ruleset_id;  /* rulesets.id the results come from, 0 if none */
  int               version;     /* its published version, 0 for none */
  StrataRules      *rules;
  StrataPeriodData *data;
  StrataResult     *result;      /* final_tier indexes into rules->tiers */
} StrataPeriodResults;

#define STRATA_TYPE_PERIOD_RESULTS (strata_period_results_get_type ())
GType                strata_period_results_get_type (void) G_GNUC_CONST;

/* Wraps already scored data (tests): takes references / copies. */
StrataPeriodResults *strata_period_results_new   (StrataPeriodData   *data,
                                                  const StrataRules  *rules,
                                                  StrataResult       *result,
                                                  gboolean            frozen,
                                                  gint64              ruleset_id,
                                                  int                 version);
/* A closed period's frozen results, or an open one scored with the current
 * published rules. */
StrataPeriodResults *strata_period_results_load  (StrataWorkspace    *workspace,
                                                  gint64              period_id,
                                                  GError            **error);
/* The same over only the columns the period's rules read and metrics
 * (NULL-terminated, may be NULL), with the customers' names: a fraction of
 * the whole period at a million customers. Not cached; other metrics read
 * as no value until strata_period_data_ensure_metrics() reads them. */
StrataPeriodResults *strata_period_results_load_metrics (StrataWorkspace    *workspace,
                                                         gint64              period_id,
                                                         const char * const *metrics,
                                                         GError            **error);
/* The same without the customers' ext ids and names (each ""): for
 * counting a period, not showing its customers (retention). */
StrataPeriodResults *strata_period_results_load_for_scoring (StrataWorkspace    *workspace,
                                                             gint64              period_id,
                                                             const char * const *metrics,
                                                             GError            **error);
/* The same over shared, the window's data of the period (its columns are
 * not copied: a million customers' are a hundred megabytes), with the
 * columns the rules and metrics (NULL-terminated, may be NULL) read that it
 * lacks read into it, and shared_result as the result when it is the
 * period's open results under the published version shared_version (the
 * window's published result over shared). Loads the period as
 * strata_period_results_load() when shared is NULL or another period's, or
 * the period's customers changed since it was read. Any thread. */
StrataPeriodResults *strata_period_results_load_shared (StrataWorkspace    *workspace,
                                                        gint64              period_id,
                                                        StrataPeriodData   *shared,
                                                        StrataResult       *shared_result,
                                                        guint               shared_version,
                                                        const char * const *metrics,
                                                        GError            **error);
/* Only the final tiers of a period's customers, as strata_period_results_load()
 * gives them (frozen, or scored under the latest published rules), without
 * its names or the columns the rules do not read: for showing who moved
 * since (the Customers page). */
typedef struct
{
  guint      n;
  gint64    *ids;          /* customers.id, ascending */
  guint8    *final_tier;   /* index into tier_ids, or STRATA_TIER_NONE */
  GPtrArray *tier_ids;     /* char *: the tier ids of the rules they are under */
} StrataPeriodTiers;

gboolean strata_period_results_load_tiers (StrataWorkspace    *workspace,
                                           gint64              period_id,
                                           StrataPeriodTiers  *tiers,
                                           GError            **error);
void     strata_period_tiers_clear        (StrataPeriodTiers  *tiers);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StrataPeriodTiers, strata_period_tiers_clear)
/* The same for one customer (customers.id): data and result have that
 * customer's row only, or none when the period does not have it. Reads
 * through the primary keys, not the period: a row of an open period is
 * scored on its own, which gives what scoring the whole period gives it. */
StrataPeriodResults *strata_period_results_load_customer (StrataWorkspace *workspace,
                                                          gint64           period_id,
                                                          gint64           customer_id,
                                                          GError         **error);
/* The period's data scored with the given rules, frozen or not (restating). */
StrataPeriodResults *strata_period_results_score (StrataWorkspace    *workspace,
                                                  StrataPeriodData   *data,
                                                  const StrataRules  *rules,
                                                  gint64              ruleset_id,
                                                  int                 version,
                                                  GError            **error);

StrataPeriodResults *strata_period_results_ref   (StrataPeriodResults *results);
void                 strata_period_results_unref (StrataPeriodResults *results);

/* The tier id of a row's final tier, or NULL. */
const char          *strata_period_results_get_tier_id (const StrataPeriodResults *results,
                                                        guint                      row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataPeriodResults, strata_period_results_unref)

G_END_DECLS
