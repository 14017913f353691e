/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing half of the quadrant chart: layout, axes, thresholds with their
 * grips, quadrant captions and point labels; the points or density and
 * the marks over them are strata-quadrant-marks.c. */
#include "config.h"

#include "strata-label-layout.h"
#include "strata-quadrant-chart-private.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

typedef struct
{
  double pad;
  double title_h;
  double legend_y;
  double legend_h;
  double line_h;      /* a line of STRATA_TEXT_SMALL */
  double tick_len;
  double y_label_w;   /* widest y tick label */
  double pill_h;
  double pill_w;
  gboolean density;
  gsize n_visible;
} QuadrantLayout;

static gsize
count_visible (StrataQuadrantChart *self,
               gboolean            *piled)
{
  StrataQuadrantInput in;

  if (!self->counts_valid && self->defer)
    {
      /* A deferred frame goes on with the last count; before the first,
       * as if every point were shown and none piled. */
      self->marks_missing = TRUE;
      *piled = self->counts_known ? self->piled : FALSE;
      return self->counts_known ? self->n_visible : self->n;
    }
  if (!self->counts_valid)
    {
      strata_quadrant_input_init (&in, self);
      self->n_visible = strata_quadrant_count_visible (&in, &self->piled);
      self->counts_valid = self->counts_known = TRUE;
    }
  *piled = self->piled;
  return self->n_visible;
}

static char *
density_text (const StrataChartStyle *style,
              double                  per_cell)
{
  g_autofree char *n = strata_format_integer (&style->numbers, per_cell);
  /* Translators: legend of the quadrant chart when it draws binned
   * density instead of single points; %s is a number. */
  return g_strdup_printf (strata_ngettext ("Density: up to %s customer per cell",
                                           "Density: up to %s customers per cell",
                                           (gulong) per_cell),
                          n);
}

static char *
size_text (StrataQuadrantChart *self)
{
  /* Translators: legend entry saying which metric sizes the points. */
  return g_strdup_printf (_("Size: %s"), self->z_title);
}

static double
legend_swatch (const StrataChartStyle *style)
{
  return strata_chart_style_font_px (style, STRATA_TEXT_SMALL) * 0.75;
}

/* Lays the legend out (or draws it when @draw) in a flow that wraps at
 * @width; returns its height. */
static double
legend_flow (StrataQuadrantChart    *self,
             cairo_t                *cr,
             const StrataChartStyle *style,
             double                  x0,
             double                  y0,
             double                  width,
             const QuadrantLayout   *lay,
             gboolean                draw)
{
  double sw = legend_swatch (style);
  double gap = strata_chart_style_font_px (style, STRATA_TEXT_SMALL) * 0.4;
  double spacing = strata_chart_style_font_px (style, STRATA_TEXT_SMALL) * 1.2;
  double x = x0, y = y0;
  guint n_items = 0;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) colours = g_array_new (FALSE, FALSE, sizeof (StrataRgba));
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));

  /* kind 0: filled dot, 1: size note (two dots), 2: density ramp. */
#define ADD_ITEM(text, colour, kind)                   \
  G_STMT_START {                                       \
    StrataRgba c_ = (colour);                          \
    int k_ = (kind);                                   \
    g_ptr_array_add (texts, (text));                   \
    g_array_append_val (colours, c_);                  \
    g_array_append_val (kinds, k_);                    \
  } G_STMT_END

  if (self->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT)
    for (StrataQuadrant q = STRATA_QUADRANT_A; q <= STRATA_QUADRANT_D; q++)
      ADD_ITEM (g_strdup_printf ("%s %s", strata_quadrant_letter (q),
                                 self->quadrant_names[q - 1] ? self->quadrant_names[q - 1] : ""),
                strata_quadrant_colour (q), 0);
  else
    for (guint t = 0; t < self->tiers->len; t++)
      if (!self->tier_hidden[t])
        {
          const StrataTierInfo *ti = &g_array_index (self->tiers, StrataTierInfo, t);
          ADD_ITEM (g_strdup (ti->label), ti->colour, 0);
        }
  if ((self->size != NULL || self->z != NULL) && self->z_title != NULL && !lay->density)
    ADD_ITEM (size_text (self), style->text_secondary, 1);
  if (lay->density)
    ADD_ITEM (density_text (style, draw ? self->density_max : (double) lay->n_visible),
              style->density, 2);
#undef ADD_ITEM

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];
      int kind = g_array_index (kinds, int, i);
      double tw, th, iw;

      strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, text, &tw, &th);
      iw = (kind == 2 ? sw * 3 : kind == 1 ? sw * 2 : sw) + gap + tw;
      if (n_items > 0 && x + iw > x0 + width)
        {
          x = x0;
          y += lay->line_h;
        }
      if (draw)
        {
          StrataRgba c = g_array_index (colours, StrataRgba, i);
          double cy = y + lay->line_h / 2;
          if (kind == 0)
            {
              strata_rgba_set_source (cr, &c);
              cairo_arc (cr, x + sw / 2, cy, sw / 2, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          else if (kind == 1)
            {
              strata_rgba_set_source (cr, &c);
              cairo_arc (cr, x + sw * 0.3, cy, sw * 0.2, 0, 2 * G_PI);
              cairo_fill (cr);
              cairo_arc (cr, x + sw * 1.3, cy, sw * 0.55, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          else
            {
              for (int k = 0; k < 3; k++)
                {
                  cairo_rectangle (cr, x + k * sw, cy - sw / 2, sw, sw);
                  cairo_set_source_rgba (cr, c.r, c.g, c.b, 0.25 + 0.375 * k);
                  cairo_fill (cr);
                }
            }
          strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, text,
                                        x + iw - tw, cy, 0, 0.5, &style->text);
        }
      x += iw + spacing;
      n_items++;
    }
  return n_items > 0 ? y - y0 + lay->line_h : 0;
}

static char *
threshold_text (StrataQuadrantChart    *self,
                const StrataChartStyle *style,
                StrataThresholdLine     which)
{
  const StrataAxis *axis = which == STRATA_THRESHOLD_X ? &self->x_axis : &self->y_axis;
  double v = which == STRATA_THRESHOLD_X ? self->x_threshold : self->y_threshold;
  return strata_axis_format (axis, style, v);
}

static void
compute_layout (StrataQuadrantChart    *self,
                cairo_t                *cr,
                const StrataChartStyle *style,
                double                  width,
                double                  height,
                QuadrantLayout         *lay)
{
  double small_h, label_h, x_title_h = 0, y_title_w = 0, left, right, top, bottom;
  gboolean piled;

  memset (lay, 0, sizeof *lay);
  lay->n_visible = count_visible (self, &piled);
  lay->density = self->mode == STRATA_POINT_MODE_DENSITY
                 || (self->mode == STRATA_POINT_MODE_AUTO
                     && (lay->n_visible > self->density_limit || piled));

  lay->pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.75;
  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "0", NULL, &small_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, "0", NULL, &label_h);
  lay->line_h = small_h * 1.15;
  lay->tick_len = strata_chart_style_px (style, 5);

  top = lay->pad;
  if (self->title != NULL && self->title[0] != '\0')
    {
      strata_chart_style_text_size (style, cr, STRATA_TEXT_TITLE, self->title, NULL,
                                    &lay->title_h);
      top += lay->title_h + lay->pad * 0.5;
    }
  lay->legend_y = top;
  lay->legend_h = legend_flow (self, cr, style, lay->pad, top, width - 2 * lay->pad, lay, FALSE);
  if (lay->legend_h > 0)
    top += lay->legend_h + lay->pad * 0.5;

  /* Pills showing the threshold values sit outside the plot (above it and
   * right of it) so that they never hide points or captions. Their room is
   * sized for the axis' extreme values, so dragging does not resize it. */
  {
    g_autofree char *a = strata_axis_format (&self->y_axis, style, self->y_axis.min);
    g_autofree char *b = strata_axis_format (&self->y_axis, style, self->y_axis.max);
    g_autofree char *c = threshold_text (self, style, STRATA_THRESHOLD_Y);
    double wa, wb, wc;
    strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, a, &wa, NULL);
    strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, b, &wb, NULL);
    strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, c, &wc, NULL);
    lay->pill_w = MAX (MAX (wa, wb), wc) * 1.15 + small_h * 0.8;
    lay->y_label_w = MAX (MAX (wa, wb), wc) * 1.15;
  }
  lay->pill_h = small_h + strata_chart_style_px (style, 4);
  top += lay->pill_h + strata_chart_style_px (style, 4);

  if (self->y_title != NULL)
    y_title_w = label_h + lay->pad * 0.5;
  if (self->x_title != NULL)
    x_title_h = label_h + lay->pad * 0.25;
  left = lay->pad + y_title_w + lay->y_label_w + lay->tick_len + strata_chart_style_px (style, 4);
  right = lay->pad + lay->pill_w + strata_chart_style_px (style, 4);
  bottom = lay->pad + x_title_h + small_h + lay->tick_len + strata_chart_style_px (style, 4);

  self->width = width;
  self->height = height;
  self->plot.x = left;
  self->plot.y = top;
  self->plot.width = MAX (width - left - right, 1);
  self->plot.height = MAX (height - top - bottom, 1);

  {
    double k = style->theme == STRATA_CHART_THEME_PROJECTOR ? 1.5 : 1.0;
    self->radius_min = strata_chart_style_px (style, 2.2) * k;
    self->radius_max = strata_chart_style_px (style, 7.5) * k;
    self->hit_slop = strata_chart_style_px (style, 3);
  }
}

void
strata_quadrant_chart_layout (StrataQuadrantChart    *self,
                              const StrataChartStyle *style,
                              double                  width,
                              double                  height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  QuadrantLayout lay;

  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (style != NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  compute_layout (self, cr, style, width, height, &lay);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
draw_axes (StrataQuadrantChart    *self,
           cairo_t                *cr,
           const StrataChartStyle *style,
           const QuadrantLayout   *lay)
{
  const cairo_rectangle_t *p = &self->plot;
  double lw = style->line_width * style->scale;
  double sample_w;
  guint max_x, max_y;
  g_autoptr(GArray) xt = NULL;
  g_autoptr(GArray) yt = NULL;

  {
    g_autofree char *s = strata_axis_format (&self->x_axis, style, self->x_axis.max);
    strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, s, &sample_w, NULL);
  }
  max_x = (guint) CLAMP (p->width / (sample_w + lay->pad * 2.5), 2, 10);
  max_y = (guint) CLAMP (p->height / (lay->line_h * 2.5), 2, 10);
  xt = strata_axis_ticks (&self->x_axis, max_x);
  yt = strata_axis_ticks (&self->y_axis, max_y);

  cairo_save (cr);
  cairo_set_line_width (cr, lw);
  strata_rgba_set_source (cr, &style->grid);
  for (guint i = 0; i < xt->len; i++)
    {
      double x = strata_snap (strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_X,
                                                                    g_array_index (xt, double, i)), lw);
      cairo_move_to (cr, x, p->y);
      cairo_line_to (cr, x, p->y + p->height);
    }
  for (guint i = 0; i < yt->len; i++)
    {
      double y = strata_snap (strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_Y,
                                                                    g_array_index (yt, double, i)), lw);
      cairo_move_to (cr, p->x, y);
      cairo_line_to (cr, p->x + p->width, y);
    }
  cairo_stroke (cr);

  /* Axis lines and ticks. */
  strata_rgba_set_source (cr, &style->axis);
  cairo_move_to (cr, strata_snap (p->x, lw), p->y);
  cairo_line_to (cr, strata_snap (p->x, lw), strata_snap (p->y + p->height, lw));
  cairo_line_to (cr, p->x + p->width, strata_snap (p->y + p->height, lw));
  for (guint i = 0; i < xt->len; i++)
    {
      double x = strata_snap (strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_X,
                                                                    g_array_index (xt, double, i)), lw);
      cairo_move_to (cr, x, p->y + p->height);
      cairo_line_to (cr, x, p->y + p->height + lay->tick_len);
    }
  for (guint i = 0; i < yt->len; i++)
    {
      double y = strata_snap (strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_Y,
                                                                    g_array_index (yt, double, i)), lw);
      cairo_move_to (cr, p->x - lay->tick_len, y);
      cairo_line_to (cr, p->x, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < xt->len; i++)
    {
      double v = g_array_index (xt, double, i);
      g_autofree char *s = strata_axis_format (&self->x_axis, style, v);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, s,
                                    strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_X, v),
                                    p->y + p->height + lay->tick_len + strata_chart_style_px (style, 2),
                                    0.5, 0, &style->text_secondary);
    }
  for (guint i = 0; i < yt->len; i++)
    {
      double v = g_array_index (yt, double, i);
      g_autofree char *s = strata_axis_format (&self->y_axis, style, v);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, s,
                                    p->x - lay->tick_len - strata_chart_style_px (style, 3),
                                    strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_Y, v),
                                    1, 0.5, &style->text_secondary);
    }

  if (self->x_title != NULL)
    strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, self->x_title,
                                  p->x + p->width / 2, self->height - lay->pad, 0.5, 1, &style->text);
  if (self->y_title != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, lay->pad, p->y + p->height / 2);
      cairo_rotate (cr, -G_PI / 2);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, self->y_title, 0, 0, 0.5, 0,
                                    &style->text);
      cairo_restore (cr);
    }
}

static void
draw_pill (const StrataChartStyle *style,
           cairo_t                *cr,
           const char             *text,
           double                  cx,
           double                  cy,
           const QuadrantLayout   *lay)
{
  double tw, th, w, h;
  StrataRgba on;

  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, text, &tw, &th);
  w = tw + th * 0.8;
  h = lay->pill_h;
  strata_draw_round_rect (cr, cx - w / 2, cy - h / 2, w, h, h / 2);
  strata_rgba_set_source (cr, &style->threshold);
  cairo_fill (cr);
  on = strata_rgba_text_on (&style->threshold);
  strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, text, cx, cy, 0.5, 0.5, &on);
}

static void
draw_thresholds (StrataQuadrantChart    *self,
                 cairo_t                *cr,
                 const StrataChartStyle *style,
                 const QuadrantLayout   *lay)
{
  const cairo_rectangle_t *p = &self->plot;
  double lw = MAX (2, round (strata_chart_style_px (style, 2) * style->line_width));
  double tx = strata_snap (strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_X,
                                                                 self->x_threshold), lw);
  double ty = strata_snap (strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_Y,
                                                                 self->y_threshold), lw);
  g_autofree char *xs = threshold_text (self, style, STRATA_THRESHOLD_X);
  g_autofree char *ys = threshold_text (self, style, STRATA_THRESHOLD_Y);

  cairo_save (cr);
  strata_rgba_set_source (cr, &style->threshold);
  cairo_set_line_width (cr, lw);
  cairo_move_to (cr, tx, p->y - lay->pill_h / 2);
  cairo_line_to (cr, tx, p->y + p->height);
  cairo_move_to (cr, p->x, ty);
  cairo_line_to (cr, p->x + p->width + strata_chart_style_px (style, 4), ty);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The value pills are the grips the window lets you drag. */
  draw_pill (style, cr, xs, tx, p->y - lay->pill_h / 2 - strata_chart_style_px (style, 2), lay);
  {
    double tw;
    strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, ys, &tw, NULL);
    draw_pill (style, cr, ys, p->x + p->width + strata_chart_style_px (style, 4)
               + (tw + lay->pill_h * 0.8) / 2, ty, lay);
  }
}

typedef struct
{
  cairo_rectangle_t box;
  PangoLayout      *lines[3];
  double            heights[3];
} Caption;

static guint
layout_captions (StrataQuadrantChart    *self,
                 cairo_t                *cr,
                 const StrataChartStyle *style,
                 const QuadrantLayout   *lay,
                 Caption                 captions[4])
{
  const cairo_rectangle_t *p = &self->plot;
  guint counts[4];
  double share[4];
  double ipad = lay->pad * 0.6;
  double max_w = MIN (p->width * 0.45, strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 22);
  double total_h[4];
  gboolean with_action = TRUE;

  strata_quadrant_chart_get_counts (self, counts, share);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint q = 0; q < 4; q++)
        {
          g_autofree char *head = NULL;
          g_autofree char *n = strata_format_integer (&style->numbers, counts[q]);
          g_autofree char *stats = NULL;
          double w = 0;

          for (guint l = 0; l < 3; l++)
            g_clear_object (&captions[q].lines[l]);
          head = self->quadrant_names[q] && *self->quadrant_names[q]
                 ? g_strdup_printf ("%s · %s", strata_quadrant_letter (q + 1), self->quadrant_names[q])
                 : g_strdup (strata_quadrant_letter (q + 1));
          stats = g_strdup_printf (strata_ngettext ("%s customer", "%s customers",
                                                    counts[q]), n);
          if (self->revenue != NULL)
            {
              g_autofree char *pr = strata_format_percent (&style->numbers, share[q], 1);
              g_autofree char *rev = g_strdup_printf (_("%s of revenue"), pr);
              char *joined = g_strdup_printf ("%s · %s", stats, rev);
              g_free (stats);
              stats = joined;
            }
          captions[q].lines[0] = strata_chart_style_layout (style, cr, STRATA_TEXT_HEADING, head);
          captions[q].lines[1] = strata_chart_style_layout (style, cr, STRATA_TEXT_SMALL, stats);
          if (with_action && self->quadrant_actions[q] && *self->quadrant_actions[q])
            {
              captions[q].lines[2] = strata_chart_style_layout (style, cr, STRATA_TEXT_SMALL,
                                                                self->quadrant_actions[q]);
              pango_layout_set_wrap (captions[q].lines[2], PANGO_WRAP_WORD_CHAR);
            }
          total_h[q] = 0;
          for (guint l = 0; l < 3; l++)
            {
              PangoRectangle r;
              if (captions[q].lines[l] == NULL)
                {
                  captions[q].heights[l] = 0;
                  continue;
                }
              pango_layout_set_width (captions[q].lines[l], (int) ((max_w - 2 * ipad) * PANGO_SCALE));
              pango_layout_set_ellipsize (captions[q].lines[l], PANGO_ELLIPSIZE_END);
              /* Two lines at most for the figures and the action, one for the name. */
              pango_layout_set_wrap (captions[q].lines[l], PANGO_WRAP_WORD_CHAR);
              pango_layout_set_height (captions[q].lines[l], l == 0 ? -1 : -2);
              pango_layout_get_extents (captions[q].lines[l], NULL, &r);
              w = MAX (w, r.width / (double) PANGO_SCALE);
              captions[q].heights[l] = r.height / (double) PANGO_SCALE;
              total_h[q] += captions[q].heights[l];
            }
          captions[q].box.width = MIN (w + 2 * ipad + strata_chart_style_px (style, 4), max_w);
          captions[q].box.height = total_h[q] + 2 * ipad;
        }
      /* When two stacked captions would fill most of the plot (projector,
       * small windows), the action lines go first. */
      if (MAX (captions[0].box.height + captions[2].box.height,
               captions[1].box.height + captions[3].box.height) < p->height * 0.6)
        break;
      with_action = FALSE;
    }

  for (guint q = 0; q < 4; q++)
    {
      gboolean right = q == 0 || q == 2;
      gboolean top = q == 0 || q == 1;
      double m = lay->pad * 0.5;
      captions[q].box.x = right ? p->x + p->width - m - captions[q].box.width : p->x + m;
      captions[q].box.y = top ? p->y + m : p->y + p->height - m - captions[q].box.height;
    }
  return 4;
}

static void
draw_corner_names (StrataQuadrantChart    *self,
                   cairo_t                *cr,
                   const StrataChartStyle *style,
                   const QuadrantLayout   *lay)
{
  const cairo_rectangle_t *p = &self->plot;
  double m = lay->pad * 0.4;

  for (guint q = 0; q < 4; q++)
    {
      gboolean right = q == 0 || q == 2;
      gboolean top = q == 0 || q == 1;
      g_autofree char *name = self->quadrant_names[q] && *self->quadrant_names[q]
                              ? g_strdup_printf ("%s · %s", strata_quadrant_letter (q + 1),
                                                 self->quadrant_names[q])
                              : g_strdup (strata_quadrant_letter (q + 1));

      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, name,
                                    right ? p->x + p->width - m : p->x + m,
                                    top ? p->y + m : p->y + p->height - m,
                                    right ? 1 : 0, top ? 0 : 1, &style->text_secondary);
    }
}

static void
draw_captions (StrataQuadrantChart    *self,
               cairo_t                *cr,
               const StrataChartStyle *style,
               const QuadrantLayout   *lay,
               Caption                 captions[4])
{
  double ipad = lay->pad * 0.6;

  for (guint q = 0; q < 4; q++)
    {
      const cairo_rectangle_t *b = &captions[q].box;
      StrataRgba qc = strata_quadrant_colour (q + 1);
      double y = b->y + ipad;

      strata_draw_round_rect (cr, b->x, b->y, b->width, b->height, strata_chart_style_px (style, 6));
      strata_rgba_set_source (cr, &style->surface);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, qc.r, qc.g, qc.b, 0.9);
      cairo_set_line_width (cr, strata_chart_style_px (style, 1));
      cairo_stroke (cr);
      cairo_rectangle (cr, b->x, b->y + strata_chart_style_px (style, 6),
                       strata_chart_style_px (style, 4), b->height - strata_chart_style_px (style, 12));
      strata_rgba_set_source (cr, &qc);
      cairo_fill (cr);

      for (guint l = 0; l < 3; l++)
        {
          if (captions[q].lines[l] == NULL)
            continue;
          strata_rgba_set_source (cr, l == 0 ? &style->text : &style->text_secondary);
          if (l == 1)
            strata_rgba_set_source (cr, &style->text);
          cairo_move_to (cr, b->x + ipad + strata_chart_style_px (style, 4), y);
          pango_cairo_show_layout (cr, captions[q].lines[l]);
          cairo_new_path (cr);  /* the layout leaves a current point: the next arc would join it */
          y += captions[q].heights[l];
        }
    }
}

static void
draw_labels (StrataQuadrantChart    *self,
             cairo_t                *cr,
             const StrataChartStyle *style,
             const cairo_rectangle_t *obstacles,
             guint                   n_obstacles)
{
  g_autofree StrataLabel *labels = g_new0 (StrataLabel, MAX (self->labels->len, 1));
  double ipad = strata_chart_style_px (style, 3);
  guint n = 0;
  g_autofree guint *which = g_new (guint, MAX (self->labels->len, 1));

  for (guint k = 0; k < self->labels->len; k++)
    {
      guint i = g_array_index (self->labels, guint, k);
      double tw, th;
      if (!strata_quadrant_chart_point_visible (self, i))
        continue;
      strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, self->label_names->pdata[k],
                                    &tw, &th);
      strata_quadrant_chart_point_pixel (self, i, &labels[n].anchor_x, &labels[n].anchor_y);
      labels[n].anchor_radius = strata_quadrant_chart_point_radius (self, i);
      labels[n].width = tw + 2 * ipad;
      labels[n].height = th + ipad;
      which[n++] = k;
    }
  strata_label_layout (labels, n, &self->plot, obstacles, n_obstacles);

  for (guint j = 0; j < n; j++)
    {
      const cairo_rectangle_t *b = &labels[j].box;
      if (labels[j].state == STRATA_LABEL_DROPPED)
        continue;
      if (labels[j].state == STRATA_LABEL_LEADER)
        {
          double ex = CLAMP (labels[j].anchor_x, b->x, b->x + b->width);
          double ey = CLAMP (labels[j].anchor_y, b->y, b->y + b->height);
          strata_rgba_set_source (cr, &style->text_secondary);
          cairo_set_line_width (cr, strata_chart_style_px (style, 1));
          cairo_move_to (cr, labels[j].anchor_x, labels[j].anchor_y);
          cairo_line_to (cr, ex, ey);
          cairo_stroke (cr);
        }
      strata_draw_round_rect (cr, b->x, b->y, b->width, b->height, strata_chart_style_px (style, 3));
      strata_rgba_set_source (cr, &style->surface);
      cairo_fill (cr);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, self->label_names->pdata[which[j]],
                                    b->x + ipad, b->y + ipad / 2, 0, 0, &style->text);
    }
}

void
strata_quadrant_chart_draw (StrataQuadrantChart    *self,
                            cairo_t                *cr,
                            const StrataChartStyle *style,
                            double                  width,
                            double                  height)
{
  QuadrantLayout lay;
  Caption captions[4] = { 0 };
  cairo_rectangle_t obstacles[4];
  guint n_obstacles = 0;

  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (cr != NULL && style != NULL);

  cairo_save (cr);
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);

  /* The cached images carry the style's colours: a theme switch (dark
   * mode, the projector) must redraw them. */
  if (memcmp (&self->cache_colours[0], &style->background, sizeof (StrataRgba)) != 0
      || memcmp (&self->cache_colours[1], &style->density, sizeof (StrataRgba)) != 0)
    {
      g_clear_pointer (&self->points_cache, cairo_surface_destroy);
      g_clear_pointer (&self->density_cache, cairo_surface_destroy);
      g_clear_pointer (&self->density_stale, cairo_surface_destroy);
      self->generation++;  /* a job's image has the old colours */
      self->cache_colours[0] = style->background;
      self->cache_colours[1] = style->density;
    }

  compute_layout (self, cr, style, width, height, &lay);
  self->drew_density = lay.density;

  if (self->title != NULL && self->title[0] != '\0')
    strata_chart_style_draw_text (style, cr, STRATA_TEXT_TITLE, self->title, lay.pad, lay.pad, 0, 0,
                                  &style->text);
  draw_axes (self, cr, style, &lay);

  cairo_save (cr);
  /* Points may poke out of the plot by their radius, not further. */
  cairo_rectangle (cr, self->plot.x - self->radius_max, self->plot.y - self->radius_max,
                   self->plot.width + 2 * self->radius_max, self->plot.height + 2 * self->radius_max);
  cairo_clip (cr);
  strata_quadrant_chart_draw_marks (self, cr, style, lay.density);
  cairo_restore (cr);

  draw_thresholds (self, cr, style, &lay);
  if (self->show_captions)
    {
      layout_captions (self, cr, style, &lay, captions);
      draw_captions (self, cr, style, &lay, captions);
      for (guint q = 0; q < 4; q++)
        obstacles[n_obstacles++] = captions[q].box;
    }
  else if (self->corner_names)
    draw_corner_names (self, cr, style, &lay);
  draw_labels (self, cr, style, obstacles, n_obstacles);
  legend_flow (self, cr, style, lay.pad, lay.legend_y, width - 2 * lay.pad, &lay, TRUE);

  if (self->n == 0)
    strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, _("No customers to show"),
                                  self->plot.x + self->plot.width / 2,
                                  self->plot.y + self->plot.height / 2, 0.5, 0.5,
                                  &style->text_secondary);

  for (guint q = 0; q < 4; q++)
    for (guint l = 0; l < 3; l++)
      g_clear_object (&captions[q].lines[l]);
  cairo_restore (cr);
}

gboolean
strata_quadrant_chart_draw_deferred (StrataQuadrantChart    *self,
                                     cairo_t                *cr,
                                     const StrataChartStyle *style,
                                     double                  width,
                                     double                  height)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), TRUE);

  self->defer = TRUE;
  self->marks_missing = FALSE;
  self->want_cols = self->want_rows = 0;
  strata_quadrant_chart_draw (self, cr, style, width, height);
  self->defer = FALSE;
  return !self->marks_missing;
}

gboolean
strata_quadrant_chart_layout_deferred (StrataQuadrantChart    *self,
                                       const StrataChartStyle *style,
                                       double                  width,
                                       double                  height)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), TRUE);

  self->defer = TRUE;
  self->marks_missing = FALSE;
  strata_quadrant_chart_layout (self, style, width, height);
  self->defer = FALSE;
  return !self->marks_missing;
}

void
strata_quadrant_chart_prepare (StrataQuadrantChart *self)
{
  gboolean piled;
  guint counts[4];

  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  count_visible (self, &piled);
  strata_quadrant_chart_get_counts (self, counts, NULL);
  strata_quadrant_chart_wants_log (self, STRATA_THRESHOLD_X);
  strata_quadrant_chart_wants_log (self, STRATA_THRESHOLD_Y);
}
