/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Axis scales and "nice" ticks: 1-2-5 steps on linear axes, decades (with
 * 2 and 5 between them when the range is short) on log axes. */
#pragma once

#include <glib.h>

#include "strata-types.h"
#include "strata-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_AXIS_LINEAR,
  STRATA_AXIS_LOG,
} StrataAxisScale;

typedef struct
{
  StrataAxisScale  scale;
  double           min;   /* shown range; on a log axis both > 0 */
  double           max;
  StrataMetricKind kind;  /* how tick labels read: money, count, date... */
} StrataAxis;

double  strata_axis_nice_step   (double            range,
                                 guint             max_ticks);
void    strata_axis_fit         (StrataAxis       *axis,
                                 const double     *values,
                                 gsize             n_values,
                                 const double     *extra,
                                 gsize             n_extra,
                                 guint             max_ticks);
double  strata_axis_to_unit     (const StrataAxis *axis,
                                 double            value);
double  strata_axis_from_unit   (const StrataAxis *axis,
                                 double            unit);
GArray *strata_axis_ticks       (const StrataAxis *axis,
                                 guint             max_ticks);
/* Whether the positive finite values span more than decades decades
 * (largest > 10^decades × smallest): a log axis is worth offering. */
gboolean strata_axis_spans_decades (const double *values,
                                    gsize         n_values,
                                    double        decades);
char   *strata_axis_format      (const StrataAxis       *axis,
                                 const StrataChartStyle *style,
                                 double                  value);

G_END_DECLS
