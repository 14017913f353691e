/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data arithmetic (see the header). Every method reduces to "how
 * many customers lie below each edge" (a rank); the edge is then the
 * shortest number whose rank stays within the tolerance of that target,
 * so shares are hit within rounding and edges read like 500,000. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strata-calibrate-math.h"

static const char *const method_names[] = { "shares", "quantiles", "pareto", "breaks" };

gboolean
strata_calibrate_method_from_string (const char            *text,
                                     StrataCalibrateMethod *method)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (g_strcmp0 (text, method_names[i]) == 0)
      {
        *method = (StrataCalibrateMethod) i;
        return TRUE;
      }
  return FALSE;
}

const char *
strata_calibrate_method_to_string (StrataCalibrateMethod method)
{
  return (guint) method < G_N_ELEMENTS (method_names) ? method_names[method] : "shares";
}

/* k x 10^e, exact for the integers and tenths people write: dividing by
 * an exact power of ten rounds once, multiplying by 0.1 would not. */
static double
scaled (double k,
        int    e)
{
  return e >= 0 ? k * pow (10, e) : k / pow (10, -e);
}

double
strata_nice_number_between (double lo,
                            double hi,
                            double target)
{
  int top;

  if (!(hi > lo) || !isfinite (hi))
    return hi;
  if (lo < 0 && hi >= 0)
    return 0;
  if (hi < 0)
    {
      /* Mirror: x in (lo, hi] is -x in [-hi, -lo). */
      double r = -strata_nice_number_between (-hi, -lo, -target);
      return r > lo && r <= hi ? r : hi;
    }
  if (!isfinite (target))
    target = hi;
  top = (int) floor (log10 (hi));
  for (int d = 1; d <= 17; d++)
    {
      double best = NAN;

      /* Numbers of magnitude m with d significant digits: k x 10^(m-d+1)
       * with k of d digits. Interval (lo, hi] with lo >= 0. */
      for (int m = top; m >= top - 22; m--)
        {
          int e = m - d + 1;
          double step = scaled (1, e);
          double kmin = MAX (floor (lo / step) + 1, pow (10, d - 1));
          double kmax = MIN (floor (hi / step), pow (10, d) - 1);
          double k, cand;

          if (scaled (pow (10, d) - 1, e) <= lo)
            break;      /* every smaller magnitude lies below lo */
          if (kmin > kmax)
            continue;
          k = CLAMP (round (target / step), kmin, kmax);
          cand = scaled (k, e);
          if (!(cand > lo) && k + 1 <= kmax)
            cand = scaled (k + 1, e);
          if (!(cand <= hi) && k - 1 >= kmin)
            cand = scaled (k - 1, e);
          if (cand > lo && cand <= hi &&
              (isnan (best) || fabs (cand - target) < fabs (best - target)))
            best = cand;
        }
      if (!isnan (best))
        return best;
    }
  return hi;
}

/* Index of the first value >= x (lower bound). */
static guint
rank_below (const double *v,
            guint         n,
            double        x)
{
  guint a = 0, b = n;

  while (a < b)
    {
      guint mid = a + (b - a) / 2;
      if (v[mid] < x)
        a = mid + 1;
      else
        b = mid;
    }
  return a;
}

/* Index of the first value > x (upper bound). */
static guint
rank_upto (const double *v,
           guint         n,
           double        x)
{
  guint a = 0, b = n;

  while (a < b)
    {
      guint mid = a + (b - a) / 2;
      if (v[mid] <= x)
        a = mid + 1;
      else
        b = mid;
    }
  return a;
}

/* The edge whose count below lies within tol of rank r, above prev. */
static double
edge_at_rank (const double *v,
              guint         n,
              double        r,
              guint         tol,
              double        prev)
{
  guint ri = (guint) CLAMP (llround (r), 0, (long long) n);
  guint a = ri > tol ? ri - tol : 0;
  guint b = MIN ((guint64) ri + tol, n);
  double span = MAX (1.0, fabs (v[n - 1]) + fabs (v[0]));
  double lo = a > 0 ? v[a - 1] : v[0] - span;
  double hi = b < n ? v[b] : v[n - 1] + span;
  double target = ri < n ? v[ri] : hi;

  if (isfinite (prev))
    lo = MAX (lo, prev);
  if (lo < hi)
    return strata_nice_number_between (lo, hi, CLAMP (target, lo, hi));
  /* A block of equal values wider than the tolerance: the edge goes just
   * below or just above it, whichever count is nearer the target (the
   * block stays whole on one side). */
  {
    double w = MAX (lo, hi);
    guint first = rank_below (v, n, w), past = rank_upto (v, n, w);
    double below = first > 0 ? v[first - 1] : w - span;
    double next = past < n ? v[past] : w + span;

    if (isfinite (prev))
      below = MAX (below, prev);
    if (below < w && fabs ((double) first - r) <= fabs ((double) past - r))
      return strata_nice_number_between (below, w, w);
    return strata_nice_number_between (w, next, next);
  }
}

/* Fisher's exact natural breaks on sorted s[0..m-1] into k classes
 * (O(k m^2) with prefix sums): writes the first index of classes 1..k-1. */
static void
fisher_breaks (const double *s,
               guint         m,
               guint         k,
               guint        *starts)
{
  g_autofree double *s1 = g_new0 (double, m + 1);
  g_autofree double *s2 = g_new0 (double, m + 1);
  g_autofree double *cost = g_new (double, (gsize) k * m);
  g_autofree guint *from = g_new0 (guint, (gsize) k * m);

  for (guint i = 0; i < m; i++)
    {
      s1[i + 1] = s1[i] + s[i];
      s2[i + 1] = s2[i] + s[i] * s[i];
    }
#define SSD(i, j) (s2[(j) + 1] - s2[i] - (s1[(j) + 1] - s1[i]) * (s1[(j) + 1] - s1[i]) / ((j) - (i) + 1))
  for (guint j = 0; j < m; j++)
    cost[j] = SSD (0, j);
  for (guint c = 1; c < k; c++)
    for (guint j = 0; j < m; j++)
      {
        double best = INFINITY;
        guint arg = MIN (c, j);

        for (guint i = c; i <= j; i++)
          {
            double v = cost[(c - 1) * m + i - 1] + SSD (i, j);
            if (v < best)
              {
                best = v;
                arg = i;
              }
          }
        cost[c * m + j] = best;
        from[c * m + j] = arg;
      }
#undef SSD
  {
    guint j = m - 1;
    for (guint c = k - 1; c >= 1; c--)
      {
        starts[c - 1] = from[c * m + j];
        j = starts[c - 1] > 0 ? starts[c - 1] - 1 : 0;
      }
  }
}

gboolean
strata_calibrate_edges (const double          *sorted,
                        guint                  n,
                        StrataCalibrateMethod  method,
                        const double          *shares,
                        guint                  k,
                        double                 tolerance,
                        double                *edges)
{
  g_autofree double *ranks = NULL;
  double total = 0, prev = -INFINITY;
  guint tol;

  g_return_val_if_fail (k >= 2 && edges != NULL, FALSE);
  if (n == 0)
    return FALSE;

  ranks = g_new0 (double, k);
  tol = (guint) floor (tolerance * n);
  switch (method)
    {
    case STRATA_CALIBRATE_SHARES:
      for (guint t = 0; t < k; t++)
        total += MAX (0, shares[t]);
      if (total <= 0)
        return FALSE;
      /* ranks[j]: customers below edge j, i.e. in the j lowest tiers. */
      for (guint j = 1; j < k; j++)
        {
          double below = 0;

          for (guint t = k - j; t < k; t++)
            below += MAX (0, shares[t]);
          ranks[j] = below / total * n;
        }
      break;

    case STRATA_CALIBRATE_QUANTILES:
      for (guint j = 1; j < k; j++)
        ranks[j] = (double) j / k * n;
      break;

    case STRATA_CALIBRATE_PARETO:
      {
        double level = 0.5, sum = 0;
        guint top = 0;

        for (guint i = 0; i < n; i++)
          total += MAX (0, sorted[i]);
        if (total <= 0)
          return strata_calibrate_edges (sorted, n, STRATA_CALIBRATE_QUANTILES,
                                         shares, k, tolerance, edges);
        /* Tier t (best first) ends where the top customers bring the
         * t-th level: 50, 80, 95, 99, 99.9 ... percent of the total. */
        for (guint t = 0; t + 1 < k; t++)
          {
            while (top < n && sum < level * total)
              {
                sum += MAX (0, sorted[n - 1 - top]);
                top++;
              }
            ranks[k - 1 - t] = n - top;
            level = t == 0 ? 0.8 : t == 1 ? 0.95 : 1 - (1 - level) / (t == 2 ? 5 : 10);
          }
        break;
      }

    case STRATA_CALIBRATE_BREAKS:
      {
        guint m = MIN (n, 1000);
        g_autofree double *sample = g_new (double, m);
        g_autofree guint *starts = g_new0 (guint, k);

        if (m < k)
          return strata_calibrate_edges (sorted, n, STRATA_CALIBRATE_QUANTILES,
                                         shares, k, tolerance, edges);
        /* An even sample of the order statistics keeps the DP small. */
        for (guint i = 0; i < m; i++)
          sample[i] = sorted[m > 1 ? (guint) ((guint64) i * (n - 1) / (m - 1)) : 0];
        fisher_breaks (sample, m, k, starts);
        for (guint j = 1; j < k; j++)
          ranks[j] = rank_below (sorted, n, sample[starts[j - 1]]);
        break;
      }
    }

  for (guint j = 1; j < k; j++)
    {
      double e = edge_at_rank (sorted, n, ranks[j], tol, prev);

      if (isfinite (prev) && !(e > prev))
        e = strata_nice_number_between (prev, prev + MAX (1.0, fabs (prev)), prev);
      edges[j - 1] = prev = e;
    }
  return TRUE;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* LSD radix sort on the bits of the doubles (made to order as unsigned
 * integers), 16 bits a pass: linear, several times faster than qsort ()
 * on a million values. Small arrays take qsort (). */
void
strata_calibrate_sort (double *v,
                       guint   n)
{
  g_autofree guint64 *a = NULL;
  g_autofree guint64 *b = NULL;
  g_autofree guint *count = NULL;

  if (n < 4096)
    {
      qsort (v, n, sizeof (double), cmp_double);
      return;
    }
  a = g_new (guint64, n);
  b = g_new (guint64, n);
  count = g_new (guint, 65536);
  for (guint i = 0; i < n; i++)
    {
      guint64 u;

      memcpy (&u, &v[i], sizeof u);
      /* Negative numbers: all bits flipped; positive: the sign bit set. */
      a[i] = (u >> 63) ? ~u : u | G_GUINT64_CONSTANT (0x8000000000000000);
    }
  for (guint shift = 0; shift < 64; shift += 16)
    {
      guint sum = 0;
      guint64 *tmp;

      memset (count, 0, sizeof (guint) * 65536);
      for (guint i = 0; i < n; i++)
        count[(a[i] >> shift) & 0xffff]++;
      for (guint d = 0; d < 65536; d++)
        {
          guint c = count[d];
          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        b[count[(a[i] >> shift) & 0xffff]++] = a[i];
      tmp = a;
      a = b;
      b = tmp;
    }
  for (guint i = 0; i < n; i++)
    {
      guint64 u = (a[i] >> 63) ? a[i] & ~G_GUINT64_CONSTANT (0x8000000000000000) : ~a[i];
      memcpy (&v[i], &u, sizeof u);
    }
}

gboolean
strata_calibrate_thresholds (const double *scores,
                             guint         n,
                             const double *shares,
                             guint         k,
                             double       *min_scores)
{
  g_autofree double *edges = g_new (double, k);
  g_autofree double *v = g_new (double, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (scores[i]))
      v[m++] = scores[i];
  strata_calibrate_sort (v, m);
  if (!strata_calibrate_edges (v, m, STRATA_CALIBRATE_SHARES, shares, k, 0.005, edges))
    return FALSE;
  for (guint t = 0; t + 1 < k; t++)
    min_scores[t] = edges[k - 2 - t];
  return TRUE;
}

typedef struct
{
  double x;
  guint8 y;
} Pair;

static int
cmp_pair (const void *a,
          const void *b)
{
  return cmp_double (&((const Pair *) a)->x, &((const Pair *) b)->x);
}

static void
wilson (StrataIsotonicStep *s)
{
  const double z = 1.959964;
  double n = s->count, p = s->count > 0 ? (double) s->positives / s->count : 0;
  double denom = 1 + z * z / n;
  double centre = (p + z * z / (2 * n)) / denom;
  double half = z * sqrt (p * (1 - p) / n + z * z / (4 * n * n)) / denom;

  s->low = MAX (0, centre - half);
  s->high = MIN (1, centre + half);
}

/* Sorts pairs by x. The outcome is one bit: the x of each outcome sorted
 * apart with the radix sort, then merged, is several times faster than
 * qsort () of the pairs on a million customers (bench-calibrate). */
static void
sort_pairs (Pair  *pairs,
            guint  m)
{
  g_autofree double *yes = NULL;
  g_autofree double *no = NULL;
  guint n_yes = 0, n_no = 0, i = 0, j = 0, o = 0;

  if (m < 4096)
    {
      qsort (pairs, m, sizeof (Pair), cmp_pair);
      return;
    }
  yes = g_new (double, m);
  no = g_new (double, m);
  for (guint r = 0; r < m; r++)
    if (pairs[r].y)
      yes[n_yes++] = pairs[r].x;
    else
      no[n_no++] = pairs[r].x;
  strata_calibrate_sort (yes, n_yes);
  strata_calibrate_sort (no, n_no);
  while (i < n_yes || j < n_no)
    {
      if (j >= n_no || (i < n_yes && yes[i] < no[j]))
        pairs[o++] = (Pair) { yes[i++], 1 };
      else
        pairs[o++] = (Pair) { no[j++], 0 };
    }
}

GArray *
strata_isotonic_fit (const double *x,
                     const guint8 *outcome,
                     guint         n)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (StrataIsotonicStep));
  g_autofree Pair *pairs = g_new (Pair, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]))
      {
        pairs[m].x = x[i];
        pairs[m++].y = outcome[i] != 0;
      }
  sort_pairs (pairs, m);

  for (guint i = 0; i < m;)
    {
      StrataIsotonicStep s = { pairs[i].x, pairs[i].x, 0, 0, 0, 0, 0 };

      /* Equal values are one block; then pool while the rate falls. */
      while (i < m && pairs[i].x == s.from)
        {
          s.count++;
          s.positives += pairs[i++].y;
        }
      while (steps->len > 0)
        {
          StrataIsotonicStep *last = &g_array_index (steps, StrataIsotonicStep, steps->len - 1);

          if ((double) last->positives * s.count < (double) s.positives * last->count)
            break;
          s.from = last->from;
          s.count += last->count;
          s.positives += last->positives;
          g_array_set_size (steps, steps->len - 1);
        }
      g_array_append_val (steps, s);
    }
  for (guint i = 0; i < steps->len; i++)
    {
      StrataIsotonicStep *s = &g_array_index (steps, StrataIsotonicStep, i);
      s->rate = (double) s->positives / s->count;
      wilson (s);
    }
  return steps;
}

int
strata_isotonic_first_at (const GArray *steps,
                          double        target)
{
  for (guint i = 0; i < steps->len; i++)
    if (g_array_index (steps, StrataIsotonicStep, i).rate >= target - 1e-12)
      return (int) i;
  return -1;
}
