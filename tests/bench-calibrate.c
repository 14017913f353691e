/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data benchmark:
 *   bench-calibrate [--dir DIR] [--runs K] [N_CUSTOMERS...]
 * For each size (default 1000000; or $STRATA_BENCH_CUSTOMERS) it uses
 * DIR/demo-N.strata (the demo workspace bench-scoring uses too, written
 * when missing; DIR defaults to /tmp/strata-bench) and times, in the same
 * run, on the latest period loaded as columns (warm):
 * - strata_calibrate_data: bands of order_amount at the default shares
 *   (sort once, edges by rank) and tier thresholds on the final score;
 *   then the same with the quadrant thresholds and evidence (--renewal);
 * - the naive alternative: every candidate edge (64 per edge, log-spaced
 *   over the values' range) and every candidate threshold (64 per tier)
 *   tried by re-scoring all customers with the engine and counting tiers;
 * - the whole command a user runs, as a process: `strata-cli calibrate
 *   FILE -o OUT`, cold and warm.
 * Prints the shares each reaches. Wall-clock, and the CPU time of the
 * fit and of the naive method (fairer on a busy machine); K runs (default 3). */
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
      double t = bench_now_ms ();
      g_autoptr(StrataCalibration) c = strata_calibrate_data (draft, data, prev, outcomes, &renewal, &error);

      fit_r[k] = bench_now_ms () - t;
      g_assert (c != NULL);
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
  bench_print ("naive: re-score for every candidate edge (512 scorings)", "warm", naive, runs);
  bench_print ("fit: bands + tier thresholds, CPU time", "warm", fit_cpu, runs);
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
