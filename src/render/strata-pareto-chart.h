/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Pareto curve: cumulative share of revenue against share of
 * customers, customers sorted by revenue, largest first; the top 20% (or
 * another share) marked with the revenue share it brings. */
#pragma once

#include "strata-chart.h"

G_BEGIN_DECLS

typedef struct
{
  gsize         n_values;
  const double *values;     /* revenue per customer, any order */
  double        top_share;  /* 0.2 for the 80/20 view; 0 means 0.2 */
  const char   *title;      /* optional */
} StrataParetoData;

#define STRATA_TYPE_PARETO_CHART (strata_pareto_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataParetoChart, strata_pareto_chart, STRATA, PARETO_CHART, GObject)

StrataParetoChart *strata_pareto_chart_new              (void);
void       strata_pareto_chart_set_data           (StrataParetoChart      *self,
                                                   const StrataParetoData *data);
/* The same keeping 4 bytes a customer instead of 8: the values stay
 * owner's, which the chart keeps (and frees with owner_free) until its
 * data is replaced or it is finalized. Every figure is the same. */
void       strata_pareto_chart_set_data_borrowed  (StrataParetoChart      *self,
                                                   const StrataParetoData *data,
                                                   gpointer                owner,
                                                   GDestroyNotify          owner_free);
double     strata_pareto_chart_share_at           (StrataParetoChart      *self,
                                                   double                  customer_share);
double     strata_pareto_chart_customers_for      (StrataParetoChart      *self,
                                                   double                  revenue_share);
void       strata_pareto_chart_draw               (StrataParetoChart      *self,
                                                   cairo_t                *cr,
                                                   const StrataChartStyle *style,
                                                   double                  width,
                                                   double                  height);
char      *strata_pareto_chart_get_description    (StrataParetoChart      *self);
GPtrArray *strata_pareto_chart_get_table          (StrataParetoChart      *self);

G_END_DECLS
