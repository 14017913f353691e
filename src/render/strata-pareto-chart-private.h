/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-pareto-chart.h. */
#pragma once

#include "strata-pareto-chart.h"

G_BEGIN_DECLS

void       strata_pareto_chart_get_plot_area      (StrataParetoChart      *self,
                                                   cairo_rectangle_t      *area);

/* The marked figure: strata_pareto_top_share() of the values. */
double     strata_pareto_chart_get_top            (StrataParetoChart      *self,
                                                   gsize                  *n_top);

/* The bytes the chart holds for its customers (the shares, or with
 * borrowed values the order and checkpoints). */
gsize      strata_pareto_chart_get_held_bytes     (StrataParetoChart      *self);

G_END_DECLS
