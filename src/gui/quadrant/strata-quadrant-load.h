/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Quadrant page's load, on its worker: the period's results, the
 * metrics' labels, the draft and the chart made from them (every pass over
 * a million points is done there, not on the main thread). */
#pragma once

#include "strata-context.h"
#include "strata-funnel.h"
#include "strata-metric.h"
#include "strata-quadrant-chart.h"

G_BEGIN_DECLS

/* What the worker read for the chart: the period's results, the metrics'
 * labels and kinds, and the draft (whose thresholds the lines follow). */
typedef struct
{
  StrataPeriodResults *results;
  StrataRules         *draft;
  char                *x_title, *y_title, *z_title;
  StrataMetricKind     x_kind, y_kind;
  StrataFunnel        *funnel;   /* per quadrant; NULL without funnel metrics */
  StrataFunnel        *funnel_by_tier;
  /* The chart, made on the worker: every pass over a million points
   * (copies, positions, the hit-test grid, counts) is done there. */
  StrataQuadrantChart *chart;    /* NULL: nothing to chart */
  gboolean             differs;  /* the draft's lines are not the published ones */
} QuadrantLoad;

/* What the worker needs: the period and the page's options as they are
 * when the load starts (the page applies them again when it is done). */
typedef struct
{
  StrataSharedPeriod *shared;
  gboolean            log_x, log_y;
  gboolean            by_quadrant;
  guint               tier_filter;  /* 0: all tiers, else one (1 + index) */
  char               *caption;      /* "Quadrants" */
} QuadrantTask;

void     strata_quadrant_task_free (gpointer          data);
void     strata_quadrant_load_free (gpointer          data);
/* A StrataPage worker (strata_page_run_worker): task_data is a
 * QuadrantTask; returns a QuadrantLoad. */
gpointer strata_quadrant_load_run  (StrataWorkspace  *ws,
                                    gpointer          task_data,
                                    GCancellable     *cancellable,
                                    GError          **error);

G_END_DECLS
