/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The arithmetic of Fit to Data, on plain arrays: numbers people write,
 * band edges placed by shares, quantiles, revenue share (pareto) or
 * natural breaks, tier thresholds on scores, and the monotone (isotonic)
 * fit of an outcome rate on a metric. No workspace, no allocation per
 * customer beyond one sorted copy: the benchmark fits 1,000,000 here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  STRATA_CALIBRATE_SHARES,     /* edges at the target tier shares */
  STRATA_CALIBRATE_QUANTILES,  /* equal-count bands */
  STRATA_CALIBRATE_PARETO,     /* top customers bringing 50/80/95/99% */
  STRATA_CALIBRATE_BREAKS,     /* natural breaks (Fisher-Jenks) */
} StrataCalibrateMethod;

/* "shares" ... "breaks"; FALSE when unknown. */
gboolean strata_calibrate_method_from_string (const char            *text,
                                              StrataCalibrateMethod *method);
const char *strata_calibrate_method_to_string (StrataCalibrateMethod method);

/* The number in (lo, hi] with the fewest significant digits (500000,
 * 1200000: "50万", "1.2M"), the one nearest target among those. hi itself
 * when no shorter number lies in the interval. */
double   strata_nice_number_between (double lo,
                                     double hi,
                                     double target);

/* Sorts n doubles (no NaN) ascending. */
void     strata_calibrate_sort      (double                *v,
                                     guint                  n);

/* Band edges over sorted (ascending, no NaN) values for k tiers whose
 * target shares (best tier first, any scale) are shares[0..k-1]: writes
 * k-1 strictly ascending edges, edges[0] the lowest. Each edge is a nice
 * number that moves its share by at most tolerance (a fraction of n, e.g.
 * 0.005). FALSE when n is 0. */
gboolean strata_calibrate_edges (const double          *sorted,
                                 guint                  n,
                                 StrataCalibrateMethod  method,
                                 const double          *shares,
                                 guint                  k,
                                 double                 tolerance,
                                 double                *edges);

/* Tier thresholds on scores (any order; sorted is scratch of n doubles or
 * NULL): min_scores[0..k-2] strictly descending, so that the tiers come
 * closest to shares (best first), each a nice number between two scores. */
gboolean strata_calibrate_thresholds (const double *scores,
                                      guint         n,
                                      const double *shares,
                                      guint         k,
                                      double       *min_scores);

/* One step of an isotonic fit: customers with values in [from, to], how
 * many of them had the outcome, the fitted rate and a 95% Wilson band. */
typedef struct
{
  double from;
  double to;
  guint  count;
  guint  positives;
  double rate;
  double low;
  double high;
} StrataIsotonicStep;

/* Pool adjacent violators: the non-decreasing step function of the rate
 * of outcome[i] != 0 on x[i] (rows with NaN x skipped). Steps ascend. */
GArray  *strata_isotonic_fit        (const double *x,
                                     const guint8 *outcome,
                                     guint         n);
/* The first step whose rate reaches target, or -1. */
int      strata_isotonic_first_at   (const GArray *steps,
                                     double        target);

G_END_DECLS
