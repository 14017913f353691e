/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Switching the quadrant chart's axes between linear and log scales off
 * the main thread: the positions of every point are
 * computed on a worker by the same code as the chart's own index
 * (strata_quadrant_positions_compute), while the chart keeps drawing the
 * old scales; finishing installs them in one step on the main thread. */
#include "config.h"

#include "strata-quadrant-chart-private.h"

struct _StrataQuadrantScales
{
  StrataQuadrantChart     *chart;
  const double            *x;        /* the chart's arrays (kept by chart->jobs) */
  const double            *y;
  gsize                    n;
  const float             *ux;       /* the positions these replace */
  double                   x_threshold;
  double                   y_threshold;
  StrataQuadrantPositions  p;
};

StrataQuadrantScales *
strata_quadrant_chart_scales_new (StrataQuadrantChart *self,
                                  StrataAxisScale      x_scale,
                                  StrataAxisScale      y_scale)
{
  StrataQuadrantScales *s;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), NULL);

  s = g_new0 (StrataQuadrantScales, 1);
  s->chart = g_object_ref (self);
  s->x = self->x;
  s->y = self->y;
  s->n = self->n;
  s->ux = self->ux;
  s->x_threshold = self->x_threshold;
  s->y_threshold = self->y_threshold;
  s->p.x_axis = self->x_axis;
  s->p.y_axis = self->y_axis;
  s->p.x_axis.scale = x_scale;
  s->p.y_axis.scale = y_scale;
  /* Until it is done, arrays the chart replaces stay alive (and so their
   * addresses are not reused: the identity checks in finish hold). */
  self->jobs++;
  return s;
}

void
strata_quadrant_scales_run (StrataQuadrantScales *s)
{
  g_return_if_fail (s != NULL);
  strata_quadrant_note_pass ();
  strata_quadrant_positions_compute (&s->p, s->x, s->y, s->n, s->x_threshold, s->y_threshold);
}

static gboolean
inside (const StrataAxis *axis,
        double            value)
{
  return !(value < axis->min || value > axis->max);
}

/* Installs the new scales when the chart still has the data and the index
 * they were computed from; the chart then redraws (and recounts) as after
 * strata_quadrant_chart_set_scales(). Frees s. */
gboolean
strata_quadrant_scales_finish (StrataQuadrantScales *s)
{
  StrataQuadrantChart *self;
  gboolean current;

  g_return_val_if_fail (s != NULL, FALSE);
  self = s->chart;
  current = self->x == s->x && self->y == s->y && self->n == s->n && self->ux == s->ux;
  if (current)
    {
      strata_quadrant_chart_install_positions (self, &s->p);
      /* A line typed outside the new range meanwhile: the axes take it in,
       * as set_thresholds does. */
      if (!inside (&self->x_axis, self->x_threshold) || !inside (&self->y_axis, self->y_threshold))
        strata_quadrant_chart_set_thresholds (self, self->x_threshold, self->y_threshold);
    }
  strata_quadrant_positions_clear (&s->p);
  g_assert (self->jobs > 0);
  if (--self->jobs == 0)
    g_ptr_array_set_size (self->graveyard, 0);
  g_object_unref (self);
  g_free (s);
  return current;
}
