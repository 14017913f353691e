/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A renewal curve (see the header). */
#include "config.h"

#include <math.h>

#include "strata-axis.h"
#include "strata-renewal-curve.h"

gboolean
strata_renewal_curve_wants_log (const GArray *steps)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const StrataIsotonicStep *s = &g_array_index (steps, StrataIsotonicStep, i);

      if (s->from > 0)
        lo = MIN (lo, s->from);
      if (s->to > 0)
        {
          lo = MIN (lo, s->to);
          hi = MAX (hi, s->to);
        }
    }
  return isfinite (lo) && isfinite (hi) && hi > 100 * lo;
}

static double
x_at (const StrataAxis        *axis,
      const cairo_rectangle_t *plot,
      double                   v)
{
  return plot->x + CLAMP (strata_axis_to_unit (axis, v), 0, 1) * plot->width;
}

static double
y_at (const cairo_rectangle_t *plot,
      double                   rate)
{
  return plot->y + (1 - CLAMP (rate, 0, 1)) * plot->height;
}

void
strata_renewal_curve_draw (const StrataRenewalCurve *curve,
                           cairo_t                  *cr,
                           const StrataChartStyle   *style,
                           double                    width,
                           double                    height,
                           cairo_rectangle_t        *plot_out,
                           double                   *x_of_threshold)
{
  const GArray *steps = curve->steps;
  gboolean has_steps = steps != NULL && steps->len > 0;
  StrataAxis axis = { curve->log_x ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR, 0, 1, STRATA_METRIC_NUMBER };
  cairo_rectangle_t plot;
  double pad = strata_chart_style_px (style, 8);
  double small = strata_chart_style_font_px (style, STRATA_TEXT_SMALL);
  double label = strata_chart_style_font_px (style, STRATA_TEXT_LABEL);
  double left = 0;
  StrataRgba band;
  g_autoptr(GArray) ticks = NULL;

  if (x_of_threshold != NULL)
    *x_of_threshold = NAN;
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);

  /* The y labels' width: "100%" is the widest. */
  {
    g_autofree char *hundred = strata_format_percent (&style->numbers, 1, 0);
    double tw, th;

    strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, hundred, &tw, &th);
    left = tw + pad;
  }
  plot.x = pad + left;
  plot.y = pad + label * 1.6;
  plot.width = MAX (1, width - plot.x - 2 * pad);
  plot.height = MAX (1, height - plot.y - pad - small * 1.6);
  if (plot_out != NULL)
    *plot_out = plot;

  /* The title is ellipsized at the chart's edge, never cut by it (its
   * full text is the view's accessible label). */
  if (curve->title != NULL)
    {
      PangoLayout *layout = strata_chart_style_layout (style, cr, STRATA_TEXT_LABEL, curve->title);

      pango_layout_set_width (layout, (int) (MAX (1, width - 2 * pad) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      strata_rgba_set_source (cr, &style->text);
      cairo_move_to (cr, pad, pad);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  /* The rate axis: 0 to 100% in quarters. */
  cairo_set_line_width (cr, strata_chart_style_px (style, 1));
  for (int q = 0; q <= 4; q++)
    {
      double y = round (y_at (&plot, q / 4.0)) + 0.5;
      g_autofree char *text = strata_format_percent (&style->numbers, q / 4.0, 0);

      strata_rgba_set_source (cr, q == 0 ? &style->axis : &style->grid);
      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
      cairo_stroke (cr);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, text, plot.x - pad / 2, y, 1, 0.5,
                                    &style->text_secondary);
    }

  if (!has_steps)
    {
      if (curve->note != NULL)
        {
          PangoLayout *layout = strata_chart_style_layout (style, cr, STRATA_TEXT_LABEL, curve->note);
          int lw, lh;

          pango_layout_set_width (layout, (int) (plot.width * 0.9 * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          strata_rgba_set_source (cr, &style->text_secondary);
          cairo_move_to (cr, plot.x + (plot.width - lw) / 2, plot.y + (plot.height - lh) / 2);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
        }
      return;
    }

  {
    g_autofree double *values = g_new (double, 2 * steps->len + 1);
    guint n = 0;

    for (guint i = 0; i < steps->len; i++)
      {
        const StrataIsotonicStep *s = &g_array_index (steps, StrataIsotonicStep, i);

        values[n++] = s->from;
        values[n++] = s->to;
      }
    if (!isnan (curve->threshold))
      values[n++] = curve->threshold;
    strata_axis_fit (&axis, values, n, NULL, 0, 6);
    if (axis.scale == STRATA_AXIS_LINEAR)
      {
        /* The curve starts at its first value, not at zero: the rate
         * below it is unknown, not zero. */
        double lo = values[0];

        if (lo > axis.min && lo < axis.max)
          {
            double step = strata_axis_nice_step (axis.max - lo, 6);

            axis.min = floor (lo / step) * step;
          }
      }
  }

  /* x ticks. */
  ticks = strata_axis_ticks (&axis, 6);
  for (guint i = 0; i < ticks->len; i++)
    {
      double v = g_array_index (ticks, double, i);
      double x = round (x_at (&axis, &plot, v)) + 0.5;
      g_autofree char *text = strata_axis_format (&axis, style, v);

      strata_rgba_set_source (cr, &style->grid);
      cairo_move_to (cr, x, plot.y);
      cairo_line_to (cr, x, plot.y + plot.height);
      cairo_stroke (cr);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, text, x, plot.y + plot.height + 2, 0.5, 0,
                                    &style->text_secondary);
    }

  /* The band, then the steps; each step reaches the next one's start so
   * the curve has no gaps between pools. */
  band = style->accent;
  band.a = 0.22;
  for (guint i = 0; i < steps->len; i++)
    {
      const StrataIsotonicStep *s = &g_array_index (steps, StrataIsotonicStep, i);
      double to = i + 1 < steps->len ? g_array_index (steps, StrataIsotonicStep, i + 1).from : s->to;
      double x0 = x_at (&axis, &plot, s->from), x1 = MAX (x_at (&axis, &plot, to), x0 + 1);

      strata_rgba_set_source (cr, &band);
      cairo_rectangle (cr, x0, y_at (&plot, s->high), x1 - x0, y_at (&plot, s->low) - y_at (&plot, s->high));
      cairo_fill (cr);
    }
  strata_rgba_set_source (cr, &style->accent);
  cairo_set_line_width (cr, strata_chart_style_px (style, 2));
  for (guint i = 0; i < steps->len; i++)
    {
      const StrataIsotonicStep *s = &g_array_index (steps, StrataIsotonicStep, i);
      double to = i + 1 < steps->len ? g_array_index (steps, StrataIsotonicStep, i + 1).from : s->to;
      double x0 = x_at (&axis, &plot, s->from), x1 = MAX (x_at (&axis, &plot, to), x0 + 1);
      double y = y_at (&plot, s->rate);

      if (i == 0)
        cairo_move_to (cr, x0, y);
      else
        cairo_line_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
    }
  cairo_stroke (cr);

  /* The customers behind each step, where the step is wide enough. */
  for (guint i = 0; i < steps->len; i++)
    {
      const StrataIsotonicStep *s = &g_array_index (steps, StrataIsotonicStep, i);
      double to = i + 1 < steps->len ? g_array_index (steps, StrataIsotonicStep, i + 1).from : s->to;
      double x0 = x_at (&axis, &plot, s->from), x1 = x_at (&axis, &plot, to);
      g_autofree char *count = strata_format_integer (&style->numbers, s->count);
      double tw, th, y;

      strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, count, &tw, &th);
      if (tw + 4 > x1 - x0)
        continue;
      y = y_at (&plot, s->high) - 2;
      if (y - th < plot.y)
        y = y_at (&plot, s->low) + th + 2;
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, count, (x0 + x1) / 2, y, 0.5, 1,
                                    &style->text_secondary);
    }

  if (!isnan (curve->target))
    {
      double dash = strata_chart_style_px (style, 4);
      double y = round (y_at (&plot, curve->target)) + 0.5;

      strata_rgba_set_source (cr, &style->text_secondary);
      cairo_set_line_width (cr, strata_chart_style_px (style, 1));
      cairo_set_dash (cr, &dash, 1, 0);
      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (!isnan (curve->threshold))
    {
      double x = round (x_at (&axis, &plot, curve->threshold));
      g_autofree char *text = strata_axis_format (&axis, style, curve->threshold);

      strata_rgba_set_source (cr, &style->threshold);
      cairo_rectangle (cr, x - strata_chart_style_px (style, 1), plot.y,
                       strata_chart_style_px (style, 2), plot.height);
      cairo_fill (cr);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, text, x + 3, plot.y + 2,
                                    x > plot.x + plot.width * 0.8 ? 1.0 : 0, 0, &style->threshold);
      if (x_of_threshold != NULL)
        *x_of_threshold = x;
    }

  if (curve->note != NULL)
    strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, curve->note, plot.x + plot.width,
                                  pad, 1, 0, &style->text_secondary);
}
