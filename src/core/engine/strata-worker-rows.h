/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From how many customers the window does a pass over them on a worker
 * thread instead of on the main thread. One size for the whole window, so
 * that every page answers at once below it and every page keeps its main
 * thread free above it. Tests force a worker on small data through each
 * object's private setter. */
#pragma once

/* A pass that scores, fits, counts, sorts or filters every customer once
 * per user action (the draft's scoring, the impact panel, Fit to Data, the
 * Customers page's query): about 3-5 ms at this size on idle cores, the
 * longest the main thread may spend on it. */
#define STRATA_WORKER_ROWS 50000

/* The Quadrant page's chart and table, lower: they pass over the points
 * on every frame of a drag (the counts, the density image, the table's
 * order by quadrant), not once per action, and above this many points the
 * chart draws a density image instead of dots (the chart's density limit),
 * whose binning is a pass of its own each frame. */
#define STRATA_WORKER_POINTS 20000
