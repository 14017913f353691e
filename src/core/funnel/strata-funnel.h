/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The merchant traffic funnel: impressions → clicks → inquiries → orders.
 *
 * Each step is an ordinary metric. The first of a step's candidate keys
 * that the workspace has is used: impressions (impressions), clicks
 * (clicks), inquiries (inquiries, else monthly_inquiries, the default
 * quadrant's result metric) and orders (orders, else order_count).
 *
 * Per group (quadrant of the period, or tier): the totals of each step
 * (a missing value counts as 0), the conversion rate of each step
 * (its total over the previous step's; no rate, NaN, when that is 0), and
 * the weakest step: the one whose rate falls furthest below the best
 * group's, relatively (1 − rate / best rate), where the best group is the
 * one with the highest overall conversion (orders / impressions). The best
 * group itself has no weakest step. Groups come from the period's results
 * as the review sees them (strata-period-results.h). */
#pragma once

#include "strata-period-results.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_FUNNEL_IMPRESSIONS,
  STRATA_FUNNEL_CLICKS,
  STRATA_FUNNEL_INQUIRIES,
  STRATA_FUNNEL_ORDERS,
  STRATA_FUNNEL_N_STEPS
} StrataFunnelStep;

#define STRATA_FUNNEL_NO_STEP (-1)

typedef enum
{
  STRATA_FUNNEL_BY_QUADRANT,
  STRATA_FUNNEL_BY_TIER,
} StrataFunnelGroupBy;

typedef struct
{
  char   *group;        /* quadrant letter, tier id, or "none" */
  char   *label;        /* the quadrant's or tier's name */
  guint   customers;
  double  totals[STRATA_FUNNEL_N_STEPS];
  double  rates[STRATA_FUNNEL_N_STEPS];  /* [0] is NaN; NaN is no rate */
  double  overall;      /* orders / impressions, NaN without impressions */
  int     weakest;      /* a StrataFunnelStep, or STRATA_FUNNEL_NO_STEP */
} StrataFunnelGroup;

typedef struct
{
  StrataFunnelGroupBy  by;
  gint64               period_id;
  char                *period_name;
  char                *keys[STRATA_FUNNEL_N_STEPS];  /* metric used, NULL if none */
  GPtrArray           *groups;  /* StrataFunnelGroup*, the rules' order, then "none" */
  int                  best;    /* index of the best group, -1 when none */
} StrataFunnel;

/* One customer against the median of its quadrant's customers. */
typedef struct
{
  gint64  customer_id;
  char   *ext_id;
  char   *name;
  char   *group;        /* its quadrant letter, or "none" */
  char   *group_label;
  guint   group_customers;
  double  values[STRATA_FUNNEL_N_STEPS];        /* NaN when missing */
  double  rates[STRATA_FUNNEL_N_STEPS];
  double  median_values[STRATA_FUNNEL_N_STEPS]; /* of the quadrant's customers */
  double  median_rates[STRATA_FUNNEL_N_STEPS];  /* of their rates */
  int     weakest;      /* furthest below the median rate, relatively */
} StrataFunnelCustomer;

const char           *strata_funnel_step_key   (StrataFunnelStep step);
/* Translated: "Impressions", "Clicks", "Inquiries", "Orders". */
const char           *strata_funnel_step_label (StrataFunnelStep step);
/* The CSV column of a step's rate: click_rate, inquiry_rate, order_rate. */
const char           *strata_funnel_rate_key   (StrataFunnelStep step);

/* The metric keys the workspace's data has for each step (NULL for none). */
void                  strata_funnel_resolve_keys (const StrataPeriodData *data,
                                                  const char            **keys);

StrataFunnel         *strata_funnel_compute    (const StrataPeriodResults *results,
                                                StrataFunnelGroupBy        by);
/* The period (NULL: the latest) as the review sees it. */
StrataFunnel         *strata_funnel_load       (StrataWorkspace           *workspace,
                                                const char                *period,
                                                StrataFunnelGroupBy        by,
                                                GError                   **error);
void                  strata_funnel_free       (StrataFunnel              *funnel);

/* Row of the results; NULL when row is out of range. */
StrataFunnelCustomer *strata_funnel_customer_compute (const StrataPeriodResults *results,
                                                      guint                      row);
void                  strata_funnel_customer_free    (StrataFunnelCustomer      *customer);

/* group,customers,impressions,clicks,inquiries,orders,click_rate,
 * inquiry_rate,order_rate,weakest_step with a header line; no rate and
 * no weakest step are empty fields. */
char                 *strata_funnel_to_csv  (const StrataFunnel *funnel);
/* {"period", "by", "metrics": {step: key}, "best", "groups": [...]};
 * no rate is null. */
char                 *strata_funnel_to_json (const StrataFunnel *funnel);
/* step,value,rate,median_value,median_rate,weakest (1 on the weakest step). */
char                 *strata_funnel_customer_to_csv  (const StrataFunnelCustomer *customer);
char                 *strata_funnel_customer_to_json (const StrataFunnelCustomer *customer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataFunnel, strata_funnel_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataFunnelCustomer, strata_funnel_customer_free)

G_END_DECLS
