/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataQuadrantView: the quadrant chart in the window. Hovering a point
 * rings it and shows the customer in a tooltip; a click selects it; a drag
 * draws a rubber band and selects the customers inside; a drag that starts
 * on a threshold line moves it and emits ::threshold-moved (line, value). */
#pragma once

#include <gtk/gtk.h>

#include "strata-period-results.h"
#include "strata-quadrant-chart.h"

G_BEGIN_DECLS

#define STRATA_TYPE_QUADRANT_VIEW (strata_quadrant_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataQuadrantView, strata_quadrant_view, STRATA, QUADRANT_VIEW, GtkWidget)

GtkWidget           *strata_quadrant_view_new            (void);
/* results (may be NULL; a reference is kept): its rows are the chart's
 * points, and a point's tooltip shows its name and, under it, its ID, tier
 * and score, formatted when asked (a million customers' lines would be a
 * hundred megabytes). */
void                 strata_quadrant_view_set_chart      (StrataQuadrantView  *self,
                                                          StrataQuadrantChart *chart,
                                                          StrataPeriodResults *results);
StrataQuadrantChart *strata_quadrant_view_get_chart      (StrataQuadrantView  *self);
/* The chart's axis scales: at once for a small chart; above the view's
 * deferred size computed on a worker (one at a time, the last asked wins),
 * the chart drawn with the old scales meanwhile. */
void                 strata_quadrant_view_set_scales     (StrataQuadrantView  *self,
                                                          StrataAxisScale      x_scale,
                                                          StrataAxisScale      y_scale);
/* TRUE while a worker computes new scales or the counts and density
 * image a frame lacked (benchmarks and tests wait for it). */
gboolean             strata_quadrant_view_get_busy       (StrataQuadrantView  *self);
/* The tooltip of the point at (x, y), as the query-tooltip handler shows it;
 * NULL when no point is there. */
char                *strata_quadrant_view_get_tooltip_at (StrataQuadrantView  *self,
                                                          double               x,
                                                          double               y);
gssize               strata_quadrant_view_get_hover      (StrataQuadrantView  *self);
GArray              *strata_quadrant_view_get_selection  (StrataQuadrantView  *self);
/* What a pointer at (x, y) does, exposed for tests: hover, click, band. */
void                 strata_quadrant_view_pointer_moved  (StrataQuadrantView  *self,
                                                          double               x,
                                                          double               y);
void                 strata_quadrant_view_select_band    (StrataQuadrantView  *self,
                                                          double               x0,
                                                          double               y0,
                                                          double               x1,
                                                          double               y1);
/* A drag from (x0, y0) to (x1, y1): moves a threshold line when it starts
 * on one, else selects the band. */
void                 strata_quadrant_view_drag           (StrataQuadrantView  *self,
                                                          double               x0,
                                                          double               y0,
                                                          double               x1,
                                                          double               y1);
/* The same in steps, as the pointer does it (tests): press at (x, y), move
 * to (x, y) with the button held, release at (x, y). */
void                 strata_quadrant_view_drag_begin     (StrataQuadrantView  *self,
                                                          double               x,
                                                          double               y);
void                 strata_quadrant_view_drag_motion    (StrataQuadrantView  *self,
                                                          double               x,
                                                          double               y);
void                 strata_quadrant_view_drag_end       (StrataQuadrantView  *self,
                                                          double               x,
                                                          double               y);
/* A dragged threshold as it is kept: three significant digits, what people
 * type. The line and its counts follow it while dragging, so that what
 * they show is what applies after release. */
double               strata_quadrant_view_round_threshold (double              value);
/* Large type and strong contrast, for a projector. */
void                 strata_quadrant_view_set_large_type (StrataQuadrantView  *self,
                                                          gboolean             large);
/* FALSE on a read-only workspace: a drag on a threshold line then selects
 * a band like anywhere else. */
void                 strata_quadrant_view_set_lines_movable (StrataQuadrantView *self,
                                                             gboolean            movable);

G_END_DECLS
