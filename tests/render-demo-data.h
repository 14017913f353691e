/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deterministic, realistic-looking chart input for the render tests, the
 * gallery and the benchmark: products listed (x), monthly inquiries (y),
 * login days (z), revenue and a tier from revenue rank. Header only, as
 * each test is a single file. */
#pragma once

#include <math.h>
#include <string.h>

#include "strata-quadrant-chart.h"

typedef struct
{
  gsize   n;
  double *x;
  double *y;
  double *z;
  double *revenue;
  int    *tier;
} DemoData;

static const StrataChartTier demo_tiers[] = {
  { 1, "A", "#1a5fb4" },
  { 2, "B", "#2a9d8f" },
  { 3, "C", "#e5a50a" },
  { 4, "D", "#e66100" },
  { 5, "E", "#9a9996" },
};

static inline double
demo_normal (GRand *r)
{
  double u = g_rand_double_range (r, 1e-12, 1), v = g_rand_double (r);
  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static inline void
demo_data_init (DemoData *d,
                gsize     n,
                guint32   seed)
{
  GRand *r = g_rand_new_with_seed (seed);

  d->n = n;
  d->x = g_new (double, n);
  d->y = g_new (double, n);
  d->z = g_new (double, n);
  d->revenue = g_new (double, n);
  d->tier = g_new (int, n);
  for (gsize i = 0; i < n; i++)
    {
      double k = demo_normal (r);
      d->x[i] = round (exp (3.9 + 0.8 * demo_normal (r)));         /* products, median ~50 */
      double inquiries = 12 + 7 * k + 3 * demo_normal (r);
      d->y[i] = round (MAX (0, inquiries));                         /* inquiries per month */
      d->z[i] = round (g_rand_double_range (r, 0, 365));
      d->revenue[i] = round (exp (11.5 + 1.3 * k + 0.4 * demo_normal (r)));
      /* Tier from revenue: thresholds picked for a realistic pyramid. */
      d->tier[i] = d->revenue[i] > 1.5e6 ? 0 : d->revenue[i] > 4e5 ? 1
                 : d->revenue[i] > 1e5 ? 2 : d->revenue[i] > 3e4 ? 3 : 4;
    }
  g_rand_free (r);
}

static inline void
demo_data_clear (DemoData *d)
{
  g_free (d->x);
  g_free (d->y);
  g_free (d->z);
  g_free (d->revenue);
  g_free (d->tier);
}

static inline void
demo_quadrant_data (const DemoData     *d,
                    StrataQuadrantData *q,
                    gboolean            chinese)
{
  memset (q, 0, sizeof *q);
  q->n_points = d->n;
  q->x = d->x;
  q->y = d->y;
  q->z = d->z;
  q->revenue = d->revenue;
  q->tier = d->tier;
  q->n_tiers = G_N_ELEMENTS (demo_tiers);
  q->tiers = demo_tiers;
  q->x_threshold = 60;
  q->y_threshold = 15;
  q->x_kind = STRATA_METRIC_COUNT;
  q->y_kind = STRATA_METRIC_COUNT;
  if (chinese)
    {
      q->x_title = "合格上架产品数";
      q->y_title = "月询价数";
      q->z_title = "登录天数";
      q->quadrant_names[0] = "头部客户";
      q->quadrant_names[1] = "天然好客户";
      q->quadrant_names[2] = "有投入没结果";
      q->quadrant_names[3] = "尾部客户";
      q->quadrant_actions[0] = "精简资源，VIP 团队，高级辅导";
      q->quadrant_actions[1] = "研究其类目，用于定向招商";
      q->quadrant_actions[2] = "流失风险最高：优先跟进";
      q->quadrant_actions[3] = "流失风险次高：批量触达";
    }
  else
    {
      q->x_title = "Qualified products listed";
      q->y_title = "Monthly inquiries";
      q->z_title = "Login days";
      q->quadrant_names[0] = "Head customers";
      q->quadrant_names[1] = "Natural good customers";
      q->quadrant_names[2] = "Effort without results";
      q->quadrant_names[3] = "Tail customers";
      q->quadrant_actions[0] = "Lean resources, VIP team, advanced coaching";
      q->quadrant_actions[1] = "Study their categories to target recruiting";
      q->quadrant_actions[2] = "Highest churn risk: work on them first";
      q->quadrant_actions[3] = "Second highest churn risk: reach out at scale";
    }
}
