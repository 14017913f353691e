/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data benchmark:
 *   bench-calibrate [--dir DIR] [--runs K] [--file FILE] [N_CUSTOMERS...]
 * For each size (default 1000000; or $STRATA_BENCH_CUSTOMERS) it uses
 * DIR/demo-N.strata (the demo workspace bench-scoring uses too, written
 * when missing; DIR defaults to /tmp/strata-bench), or the demo workspace
 * FILE alone, and times, in the same run, on the latest period loaded as
 * columns (warm):
 * - strata_calibrate_data: bands of order_amount at the default shares
 *   (sort once, edges by rank) and tier thresholds on the final score;
 *   then the same with the quadrant thresholds and evidence (--renewal);
 * - the isotonic renewal curve of the result metric alone, as fitted now
 *   (the outcome bit apart, each half radix-sorted, then merged) and as
 *   before (qsort of the pairs), checked to give the same steps;
 * - the naive alternative: every candidate edge (64 per edge, log-spaced
 *   over the values' range) and every candidate threshold (64 per tier)
 *   tried by re-scoring all customers with the engine and counting tiers;
 * - the whole command a user runs, as a process: `strata-cli calibrate
 *   FILE -o OUT`, cold and warm.
 * Prints the shares each reaches. Wall-clock, and the CPU time of the
 * fit, the isotonic curve and the naive method (fairer on a busy machine);
 * K runs (default 3). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "bench-demo.h"
#include "bench-util.h"
#include "strata-calibrate.h"
#include "strata-demo.h"
#include "strata-retention.h"
#include "strata-ruleset-store.h"

static const double targets[] = { 5, 15, 25, 25, 30 };

/* CPU time of this process: on a busy machine it says what the fit costs
 * better than the wall clock does. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
print_shares (const char   *what,
              const guint  *counts,
              guint         n)
{
  g_autofree char *label = g_strdup_printf ("%s:", what);

  printf ("  %-60s A %.1f%%  B %.1f%%  C %.1f%%  D %.1f%%  E %.1f%%\n", label,
          100.0 * counts[0] / n, 100.0 * counts[1] / n, 100.0 * counts[2] / n,
          100.0 * counts[3] / n, 100.0 * counts[4] / n);
}

static void
count_tiers (const StrataResult *r,
             const guint8       *tiers,
             guint              *counts)
{
  memset (counts, 0, sizeof (guint) * 5);
  for (guint i = 0; i < r->n; i++)
    if (tiers[i] < 5)
      counts[tiers[i]]++;
}

/* The isotonic fit as it was before the radix sort: qsort of the
 * (value, outcome) pairs, then pool adjacent violators. Counts only. */
typedef struct
{
  double x;
  guint8 y;
} Pair;

static int
cmp_pair (const void *a,
          const void *b)
{
  double x = ((const Pair *) a)->x, y = ((const Pair *) b)->x;

  return (x > y) - (x < y);
}

static GArray *
isotonic_qsort (const double *x,
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
  qsort (pairs, m, sizeof (Pair), cmp_pair);
  for (guint i = 0; i < m;)
    {
      StrataIsotonicStep s = { pairs[i].x, pairs[i].x, 0, 0, 0, 0, 0 };

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
  return steps;
}

static void
assert_same_steps (const GArray *a,
                   const GArray *b)
{
  g_assert (a->len == b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const StrataIsotonicStep *s = &g_array_index (a, StrataIsotonicStep, i);
      const StrataIsotonicStep *t = &g_array_index (b, StrataIsotonicStep, i);

      g_assert (s->from == t->from && s->to == t->to && s->count == t->count &&
                s->positives == t->positives);
    }
}

/* The naive fit: try every candidate, re-score everyone each time. */
static void
naive_fit (const StrataRules      *draft,
           const StrataPeriodData *data,
           guint                  *counts)
{
  g_autoptr(StrataRules) rules = strata_rules_copy (draft);
  StrataIndicator *ind = rules->indicators->pdata[0];
  const double *v = strata_period_data_get_column (data, ind->metric);
  double lo = INFINITY, hi = 0, edges[4], below = 0;
  const int cand = 64;

  for (guint i = 0; i < data->n; i++)
    if (v[i] > 0)
      {
        lo = MIN (lo, v[i]);
        hi = MAX (hi, v[i]);
      }
  /* Band edges, lowest first: one per tier above E. */
  for (guint j = 0; j < 4; j++)
    edges[j] = hi * (j + 1);
  for (guint j = 0; j < 4; j++)
    {
      double best = edges[j], best_err = INFINITY;

      below += targets[4 - j];
      for (int c = 0; c < cand; c++)
        {
          double e = lo * pow (hi / lo, (c + 0.5) / cand);
          g_autoptr(StrataResult) r = NULL;
          guint n_below = 0;

          if (j > 0 && e <= edges[j - 1])
            continue;
          edges[j] = e;
          g_array_set_size (ind->bands, 0);
          for (guint b = 0; b < 5; b++)
            strata_indicator_add_band (ind, b == 0 ? 0 : edges[b - 1], b < 4 ? edges[b] : INFINITY,
                                       b == 0 ? 5 : ((StrataTier *) rules->tiers->pdata[4 - b])->min_score);
          r = strata_engine_score (rules, data, NULL);
          if (r == NULL)
            continue;
          for (guint i = 0; i < r->n; i++)
            n_below += r->base_tier[i] >= 4 - j;
          if (fabs (100.0 * n_below / r->n - below) < best_err)
            {
              best_err = fabs (100.0 * n_below / r->n - below);
              best = e;
            }
        }
      edges[j] = best;
    }
  g_array_set_size (ind->bands, 0);
  for (guint b = 0; b < 5; b++)
    strata_indicator_add_band (ind, b == 0 ? 0 : edges[b - 1], b < 4 ? edges[b] : INFINITY,
                               b == 0 ? 5 : ((StrataTier *) rules->tiers->pdata[4 - b])->min_score);
  /* Tier thresholds on the final score, best tier first; the tiers not
   * fitted yet wait far below so that every candidate is valid. */
  for (guint t = 0; t < 4; t++)
    ((StrataTier *) rules->tiers->pdata[t])->min_score = -1000.0 - t;
  below = 0;
  for (guint t = 0; t < 4; t++)
    {
      StrataTier *tier = rules->tiers->pdata[t];
      double best = tier->min_score, best_err = INFINITY;
      double top = t == 0 ? 200 : ((StrataTier *) rules->tiers->pdata[t - 1])->min_score;

      below += targets[t];
      for (int c = 0; c < cand; c++)
        {
          g_autoptr(StrataResult) r = NULL;
          guint n_above = 0;

          tier->min_score = top - (c + 1) * top / (cand + 1);
          r = strata_engine_score (rules, data, NULL);
          if (r == NULL)
            continue;
          for (guint i = 0; i < r->n; i++)
            n_above += r->tier[i] <= t;
          if (fabs (100.0 * n_above / r->n - below) < best_err)
            {
              best_err = fabs (100.0 * n_above / r->n - below);
              best = tier->min_score;
            }
        }
      tier->min_score = best;
    }
  {
    g_autoptr(StrataResult) r = strata_engine_score (rules, data, NULL);
    count_tiers (r, r->tier, counts);
  }
}

static gboolean
bench_one (const char *path,
           const char *cli,
           guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataPeriodData) prev = NULL;
  g_autofree double *fit = g_new0 (double, runs);
  g_autofree double *fit_cpu = g_new0 (double, runs);
  g_autofree double *naive_cpu = g_new0 (double, runs);
  g_autofree double *fit_r = g_new0 (double, runs);
  g_autofree double *naive = g_new0 (double, runs);
  g_autofree double *fit_r_cpu = g_new0 (double, runs);
  g_autofree double *iso = g_new0 (double, runs);
  g_autofree double *iso_qsort = g_new0 (double, runs);
  g_autofree double *iso_cpu = g_new0 (double, runs);
  g_autofree double *iso_qsort_cpu = g_new0 (double, runs);
  g_autofree guint8 *outcomes = NULL;
  g_autofree char *out = NULL;
  guint fit_counts[5] = { 0 }, naive_counts[5] = { 0 };
  StrataCalibrateOptions options = { STRATA_CALIBRATE_SHARES, NULL, NULL, NAN };
  StrataCalibrateOptions renewal = { STRATA_CALIBRATE_SHARES, NULL, NULL, 0.8 };
  gint64 period_id;
  double cold, warm;

  if (ws == NULL ||
      (draft = strata_ruleset_store_get_draft (ws, &error)) == NULL ||
      !strata_period_find (ws, NULL, &period_id, NULL, &error) ||
      (data = strata_period_data_load (ws, period_id, &error)) == NULL ||
      /* The demo writes its quarters in order: the one before is id - 1. */
      (prev = strata_period_data_load (ws, period_id - 1, &error)) == NULL)
    {
      fprintf (stderr, "bench-calibrate: %s\n", error->message);
      return FALSE;
    }
  outcomes = strata_retention_outcomes (prev, data);
  printf ("%s: %u customers in %s\n", path, data->n, data->period_name);

  for (guint k = 0; k < runs; k++)
    {
      double t = bench_now_ms (), cpu = cpu_ms ();
      g_autoptr(StrataCalibration) c = strata_calibrate_data (draft, data, NULL, NULL, &options, &error);

      fit[k] = bench_now_ms () - t;
      fit_cpu[k] = cpu_ms () - cpu;
      g_assert (c != NULL && c->bands_fitted && c->tiers_fitted);
      memcpy (fit_counts, c->after, sizeof fit_counts);
    }
  for (guint k = 0; k < runs; k++)
    {
      double t = bench_now_ms (), cpu = cpu_ms ();
      g_autoptr(StrataCalibration) c = strata_calibrate_data (draft, data, prev, outcomes, &renewal, &error);

      fit_r[k] = bench_now_ms () - t;
      fit_r_cpu[k] = cpu_ms () - cpu;
      g_assert (c != NULL);
    }
  /* The result metric's renewal curve: period t's values against who
   * was kept in t+1, as the --renewal fit draws it. */
  {
    const double *x = strata_period_data_get_column (prev, draft->quadrant.y_metric);

    g_assert (x != NULL);
    for (guint k = 0; k < runs; k++)
      {
        double t = bench_now_ms (), cpu = cpu_ms ();
        g_autoptr(GArray) now = strata_isotonic_fit (x, outcomes, prev->n);
        g_autoptr(GArray) before = NULL;

        iso[k] = bench_now_ms () - t;
        iso_cpu[k] = cpu_ms () - cpu;
        t = bench_now_ms ();
        cpu = cpu_ms ();
        before = isotonic_qsort (x, outcomes, prev->n);
        iso_qsort[k] = bench_now_ms () - t;
        iso_qsort_cpu[k] = cpu_ms () - cpu;
        assert_same_steps (now, before);
        if (k == 0)
          printf ("  isotonic curve of %s: %u customers of %s, %u steps\n", draft->quadrant.y_metric,
                  prev->n, prev->period_name, now->len);
      }
  }
  for (guint k = 0; k < runs; k++)
    {
      double t = bench_now_ms (), cpu = cpu_ms ();

      naive_fit (draft, data, naive_counts);
      naive[k] = bench_now_ms () - t;
      naive_cpu[k] = cpu_ms () - cpu;
    }
  bench_print ("fit: bands + tier thresholds (sort once, edges by rank)", "warm", fit, runs);
  bench_print ("fit with --renewal (quadrant, evidence)", "warm", fit_r, runs);
  bench_print ("isotonic curve: radix sort by outcome, merged (now)", "warm", iso, runs);
  bench_print ("isotonic curve: qsort of the pairs (before)", "warm", iso_qsort, runs);
  bench_print_ratio ("ratio qsort / radix, warm", bench_median (iso_qsort, runs) / bench_median (iso, runs));
  bench_print ("naive: re-score for every candidate edge (512 scorings)", "warm", naive, runs);
  bench_print ("fit: bands + tier thresholds, CPU time", "warm", fit_cpu, runs);
  bench_print ("fit with --renewal, CPU time", "warm", fit_r_cpu, runs);
  bench_print ("isotonic curve: radix (now), CPU time", "warm", iso_cpu, runs);
  bench_print ("isotonic curve: qsort (before), CPU time", "warm", iso_qsort_cpu, runs);
  bench_print ("naive: re-score for every candidate edge, CPU time", "warm", naive_cpu, runs);
  bench_print_ratio ("ratio naive / fit, warm", bench_median (naive, runs) / bench_median (fit, runs));
  print_shares ("shares after fit (target 5/15/25/25/30)", fit_counts, data->n);
  print_shares ("shares after naive fit", naive_counts, data->n);

  out = g_strdup_printf ("%s.fitted.json", path);
  {
    const char *argv[] = { cli, "calibrate", path, "-o", out, NULL };
    bench_command ("strata-cli calibrate FILE -o OUT", path, argv, NULL, runs, &cold, &warm);
  }
  g_unlink (out);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  return bench_demo_main (argc, argv, "bench-calibrate", "Runs of each figure (default 3)", "1000000",
                          "wall-clock times; cold = the file dropped from the OS page cache",
                          bench_one);
}
