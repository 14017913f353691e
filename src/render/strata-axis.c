/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-axis.h"

#include "strata-i18n.h"
#include <math.h>

double
strata_axis_nice_step (double range,
                       guint  max_ticks)
{
  double raw, mag, norm;

  if (!(range > 0) || !isfinite (range))
    return 1;
  raw = range / MAX (max_ticks, 1);
  mag = pow (10, floor (log10 (raw)));
  norm = raw / mag;
  /* Allow a hair of rounding error so 0.2 / 0.1 stays 2, not 5. */
  if (norm <= 1.0 + 1e-9)
    return mag;
  if (norm <= 2.0 + 1e-9)
    return 2 * mag;
  if (norm <= 5.0 + 1e-9)
    return 5 * mag;
  return 10 * mag;
}

void
strata_axis_fit (StrataAxis   *axis,
                 const double *values,
                 gsize         n_values,
                 const double *extra,
                 gsize         n_extra,
                 guint         max_ticks)
{
  double lo = INFINITY, hi = -INFINITY, minpos = INFINITY;

  g_return_if_fail (axis != NULL);

  for (gsize i = 0; i < n_values + n_extra; i++)
    {
      double v = i < n_values ? values[i] : extra[i - n_values];
      if (!isfinite (v))
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      if (v > 0)
        minpos = MIN (minpos, v);
    }

  if (axis->scale == STRATA_AXIS_LOG)
    {
      /* Zero and negative values cannot sit on a log axis: they are drawn
       * on its lower edge, so the range only needs the positive values. */
      if (!isfinite (minpos))
        minpos = 1, hi = 10;
      axis->min = pow (10, floor (log10 (minpos)));
      axis->max = pow (10, ceil (log10 (MAX (hi, minpos))));
      if (axis->max <= axis->min)
        axis->max = axis->min * 10;
      return;
    }

  if (!isfinite (lo))
    lo = 0, hi = 1;
  /* Quantities start at zero: a bar or point cloud floating above a cut
   * axis exaggerates differences. */
  if (lo > 0)
    lo = 0;
  if (hi < 0)
    hi = 0;
  if (hi - lo < 1e-12)
    hi = lo + 1;
  {
    double step = strata_axis_nice_step (hi - lo, max_ticks);
    axis->min = floor (lo / step + 1e-9) * step;
    axis->max = ceil (hi / step - 1e-9) * step;
    if (axis->max <= axis->min)
      axis->max = axis->min + step;
  }
}

double
strata_axis_to_unit (const StrataAxis *axis,
                     double            value)
{
  if (axis->scale == STRATA_AXIS_LOG)
    {
      double lmin = log10 (axis->min), lmax = log10 (axis->max);
      if (!(value > axis->min))
        return 0;
      return (log10 (value) - lmin) / (lmax - lmin);
    }
  return (value - axis->min) / (axis->max - axis->min);
}

double
strata_axis_from_unit (const StrataAxis *axis,
                       double            unit)
{
  if (axis->scale == STRATA_AXIS_LOG)
    {
      double lmin = log10 (axis->min), lmax = log10 (axis->max);
      return pow (10, lmin + unit * (lmax - lmin));
    }
  return axis->min + unit * (axis->max - axis->min);
}

GArray *
strata_axis_ticks (const StrataAxis *axis,
                   guint             max_ticks)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (axis != NULL, ticks);
  max_ticks = MAX (max_ticks, 2);

  if (axis->scale == STRATA_AXIS_LOG)
    {
      int d0 = (int) floor (log10 (axis->min) + 1e-9);
      int d1 = (int) ceil (log10 (axis->max) - 1e-9);
      int decades = MAX (d1 - d0, 1);
      int every = (decades + (int) max_ticks - 1) / (int) max_ticks;
      /* Short ranges get 2 and 5 between decades, so the axis is never
       * left with a single labelled tick. */
      gboolean sub = decades * 3 <= (int) max_ticks;

      for (int d = d0; d <= d1; d++)
        {
          static const double mult[] = { 1, 2, 5 };
          for (guint m = 0; m < (sub ? 3u : 1u); m++)
            {
              double v = mult[m] * pow (10, d);
              if (!sub && (d - d0) % every != 0)
                continue;
              if (v >= axis->min * (1 - 1e-9) && v <= axis->max * (1 + 1e-9))
                g_array_append_val (ticks, v);
            }
        }
      return ticks;
    }

  {
    double step = strata_axis_nice_step (axis->max - axis->min, max_ticks);
    double first = ceil (axis->min / step - 1e-9) * step;
    for (int i = 0; i < 1000; i++)
      {
        double v = first + i * step;
        if (v > axis->max + step * 1e-9)
          break;
        /* Avoid "-0" and 0.30000000000000004 in labels. */
        v = round (v / step) * step;
        if (fabs (v) < step * 1e-9)
          v = 0;
        g_array_append_val (ticks, v);
      }
  }
  return ticks;
}

gboolean
strata_axis_spans_decades (const double *values,
                           gsize         n_values,
                           double        decades)
{
  double lo = INFINITY, hi = 0;

  for (gsize i = 0; i < n_values; i++)
    if (values[i] > 0 && isfinite (values[i]))
      {
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
      }
  return isfinite (lo) && hi > pow (10, decades) * lo;
}

char *
strata_axis_format (const StrataAxis       *axis,
                    const StrataChartStyle *style,
                    double                  value)
{
  switch (axis->kind)
    {
    case STRATA_METRIC_MONEY:
      return strata_format_money (&style->numbers, value, style->currency);
    case STRATA_METRIC_BOOLEAN:
      if (value == 0)
        return g_strdup (_("No"));
      if (value == 1)
        return g_strdup (_("Yes"));
      return strata_format_compact (&style->numbers, value);
    case STRATA_METRIC_DATE:
      {
        /* Days since 1970-01-01, as the workspace stores dates. */
        g_autoptr(GDateTime) epoch = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
        g_autoptr(GDateTime) dt = g_date_time_add_days (epoch, (int) floor (value));
        return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
      }
    case STRATA_METRIC_NUMBER:
    case STRATA_METRIC_COUNT:
    default:
      return strata_format_compact (&style->numbers, value);
    }
}
