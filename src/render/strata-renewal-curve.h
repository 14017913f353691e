/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A renewal curve of Fit to Data: the monotone (isotonic) rate of an
 * outcome against a metric, a step per pool of customers with its 95%
 * band and the customers behind it, the target rate as a dashed line and
 * the chosen threshold as a vertical marker. Without steps it says why
 * (e.g. too few outcomes) where the curve would be. The x axis is linear
 * or, for metrics spanning more than two decades, logarithmic. */
#pragma once

#include <cairo.h>

#include "strata-calibrate-math.h"
#include "strata-chart-style.h"

G_BEGIN_DECLS

typedef struct
{
  const char   *title;      /* "Renewal by order_amount" */
  const GArray *steps;      /* StrataIsotonicStep, ascending; NULL or empty: note only */
  double        target;     /* dashed line, 0–1; NaN: none */
  double        threshold;  /* marker on x; NaN: none */
  gboolean      log_x;
  const char   *note;       /* why there is no fit (drawn in the plot), or NULL */
} StrataRenewalCurve;

/* Whether steps span more than two decades of positive values. */
gboolean strata_renewal_curve_wants_log (const GArray             *steps);

/* Draws curve into (0, 0, width, height). plot (may be NULL) gets the
 * plot area; x_of_threshold (may be NULL) the marker's x, NaN when none
 * was drawn. */
void     strata_renewal_curve_draw      (const StrataRenewalCurve *curve,
                                         cairo_t                  *cr,
                                         const StrataChartStyle   *style,
                                         double                    width,
                                         double                    height,
                                         cairo_rectangle_t        *plot,
                                         double                   *x_of_threshold);

G_END_DECLS
