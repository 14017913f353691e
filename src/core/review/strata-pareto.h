/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The 80/20 figure: the share of revenue the top customers bring. One
 * function, so that the Tiers page's Pareto chart and the report say the
 * same number. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The share (0..1) of the total revenue that the top ceil (n × fraction)
 * customers by revenue bring (whole customers, never a fraction of one).
 * Missing, infinite and negative values count as customers with none;
 * values may be NULL (no revenue known: the share is 0).
 * n_top (may be NULL) receives that number of customers. 0 when the total
 * is 0. */
double strata_pareto_top_share (const double *values,
                                gsize         n,
                                double        fraction,
                                gsize        *n_top);

G_END_DECLS
