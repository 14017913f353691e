/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-pareto.h"

#include <math.h>
#include <stdlib.h>

static int
compare_descending (const void *a,
                    const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

double
strata_pareto_top_share (const double *values,
                         gsize         n,
                         double        fraction,
                         gsize        *n_top)
{
  g_autofree double *sorted = NULL;
  double total = 0, top = 0;
  gsize k;

  /* The small tolerance keeps 20% of 300 at 60 customers, not 61. */
  k = (gsize) ceil (CLAMP (fraction, 0, 1) * n - 1e-9);
  k = MIN (k, n);
  if (n_top != NULL)
    *n_top = k;
  if (n == 0 || values == NULL)
    return 0;
  sorted = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      sorted[i] = isfinite (values[i]) && values[i] > 0 ? values[i] : 0;
      total += sorted[i];
    }
  qsort (sorted, n, sizeof (double), compare_descending);
  /* Summed from the top, in the same order as the chart's cumulative
   * curve, so that both land on the same double. */
  for (gsize i = 0; i < k; i++)
    top += sorted[i];
  return total > 0 ? top / total : 0;
}
