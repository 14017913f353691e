/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention per tier (or quadrant): for each pair of consecutive periods
 * t and t+1 and each group of period t, how many of its customers are
 * still customers in t+1, and how much of their revenue came back.
 *
 * A customer of t is retained when it has a row in t+1 (for a period made
 * from order lines, at least one line there); where the workspace has a
 * yes/no metric `renewed` and the customer has a value for it in t, that
 * value decides instead. Groups are the tiers (or quadrants) of period t
 * as the review sees them: frozen results for a closed period, else the
 * published rules. Revenue is order_amount. */
#pragma once

#include "strata-period-data.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_RETENTION_BY_TIER,
  STRATA_RETENTION_BY_QUADRANT,
} StrataRetentionGroupBy;

typedef struct
{
  char   *from;          /* period t */
  char   *to;            /* period t+1 */
  char   *group;         /* tier id, quadrant letter, or "none" */
  guint   customers;
  guint   retained;
  double  rate;          /* retained / customers; NaN without customers */
  double  revenue;       /* order_amount in t (missing counts as 0) */
  double  revenue_next;  /* the same customers' order_amount in t+1 */
  double  revenue_rate;  /* revenue_next / revenue; NaN when revenue is 0 */
} StrataRetentionRow;

typedef struct
{
  StrataRetentionGroupBy  by;
  GPtrArray              *periods;  /* char*: the periods, in time order */
  GPtrArray              *rows;     /* StrataRetentionRow*: per pair, per group
                                     * in the rules' order (empty ones too) */
} StrataRetention;

StrataRetention *strata_retention_compute (StrataWorkspace         *workspace,
                                           StrataRetentionGroupBy   by,
                                           GError                 **error);
/* Both groupings at once, each period read once (the Review page's deck). */
gboolean         strata_retention_compute_both (StrataWorkspace  *workspace,
                                                StrataRetention **by_tier,
                                                StrataRetention **by_quadrant,
                                                GError          **error);
void             strata_retention_free    (StrataRetention         *retention);

/* from,to,group,customers,retained,rate,revenue,revenue_next,revenue_rate
 * with a header line; NaN is an empty field. */
char            *strata_retention_to_csv  (const StrataRetention   *retention);
/* {"by": "tier", "periods": [...], "rows": [{...}]}; NaN is null. */
char            *strata_retention_to_json (const StrataRetention   *retention);

/* Per row of data (period t): 1 when the customer is retained in next
 * (t+1) by the definition above, else 0. Free with g_free. */
guint8          *strata_retention_outcomes (const StrataPeriodData *data,
                                            const StrataPeriodData *next);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRetention, strata_retention_free)

G_END_DECLS
