/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing half of the quadrant chart: layout, axes, points or density,
 * thresholds with their grips, quadrant captions and point labels. */
#include "config.h"

#include "strata-label-layout.h"
#include "strata-quadrant-chart-private.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

/* In AUTO mode, when one spot (1/128 of each axis) holds at least 64
 * customers and 2% of all shown, overdrawn points hide how many there
 * are: density reads better. */
#define PILE_BINS  128
#define PILE_LIMIT 64

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
  g_autofree guint *bins = NULL;
  gsize n = 0;
  guint max = 0, limit;

  if (self->counts_valid)
    {
      *piled = self->piled;
      return self->n_visible;
    }
  self->counts_valid = TRUE;
  self->n_visible = 0;
  self->piled = *piled = FALSE;
  for (gsize i = 0; i < self->n; i++)
    n += strata_quadrant_chart_point_visible (self, i);
  self->n_visible = n;
  if (self->mode != STRATA_POINT_MODE_AUTO || n <= 2000 || n > self->density_limit)
    return n;

  bins = g_new0 (guint, PILE_BINS * PILE_BINS);
  limit = MAX (PILE_LIMIT, n / 50);
  for (gsize i = 0; i < self->n && max <= limit; i++)
    if (strata_quadrant_chart_point_visible (self, i))
      {
        guint bx = MIN ((guint) (self->ux[i] * PILE_BINS), PILE_BINS - 1);
        guint by = MIN ((guint) (self->uy[i] * PILE_BINS), PILE_BINS - 1);
        max = MAX (max, ++bins[by * PILE_BINS + bx]);
      }
  self->piled = *piled = max > limit;
  return n;
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
  if (self->size != NULL && self->z_title != NULL && !lay->density)
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
draw_points (StrataQuadrantChart    *self,
             cairo_t                *cr,
             const StrataChartStyle *style)
{
  const cairo_rectangle_t *p = &self->plot;
  gboolean outline = self->n <= 2000;
  int current = G_MININT;

  cairo_save (cr);
  cairo_set_line_width (cr, strata_chart_style_px (style, 0.8));

#define POINT_PATH(i)                                                        \
  G_STMT_START {                                                             \
    double px_ = p->x + self->ux[i] * p->width;                              \
    double py_ = p->y + (1 - self->uy[i]) * p->height;                       \
    double r_ = strata_quadrant_chart_point_radius (self, i);                \
    cairo_new_sub_path (cr);                                                 \
    cairo_arc (cr, px_, py_, r_, 0, 2 * G_PI);                               \
  } G_STMT_END

  if (outline)
    {
      /* Few points: each gets a thin ring in the background colour so that
       * overlapping customers stay distinguishable. */
      for (gsize k = 0; k < self->n; k++)
        {
          guint i = self->order[k];
          StrataRgba c;
          if (!strata_quadrant_chart_point_visible (self, i))
            continue;
          c = strata_quadrant_chart_point_colour (self, i);
          POINT_PATH (i);
          cairo_set_source_rgba (cr, c.r, c.g, c.b, 0.88);
          cairo_fill_preserve (cr);
          strata_rgba_set_source (cr, &style->background);
          cairo_stroke (cr);
        }
    }
  else if (self->colouring == STRATA_QUADRANT_COLOUR_BY_TIER)
    {
      /* One path per tier: the order is grouped by tier already. */
      for (gsize k = 0; k <= self->n; k++)
        {
          guint i = k < self->n ? self->order[k] : 0;
          if (k == self->n || self->tier[i] != current)
            {
              if (current != G_MININT)
                {
                  StrataRgba c = current >= 0
                    ? g_array_index (self->tiers, StrataTierInfo, current).colour
                    : strata_rgba_parse ("#9a9996");
                  cairo_set_source_rgba (cr, c.r, c.g, c.b, 0.85);
                  cairo_fill (cr);
                }
              if (k == self->n)
                break;
              current = self->tier[i];
            }
          if (strata_quadrant_chart_point_visible (self, i))
            POINT_PATH (i);
        }
    }
  else
    {
      for (StrataQuadrant q = STRATA_QUADRANT_D; q >= STRATA_QUADRANT_A; q--)
        {
          StrataRgba c = strata_quadrant_colour (q);
          for (gsize k = 0; k < self->n; k++)
            {
              guint i = self->order[k];
              if (strata_quadrant_chart_point_visible (self, i)
                  && strata_quadrant_chart_classify (self, i) == q)
                POINT_PATH (i);
            }
          cairo_set_source_rgba (cr, c.r, c.g, c.b, 0.85);
          cairo_fill (cr);
        }
    }
#undef POINT_PATH
  cairo_restore (cr);
}

/* Vector surfaces (PDF, SVG, PostScript) get real circles; everything else
 * (the window's snapshot, PNG, the presentation) gets the points composited
 * in one pass into an image at device resolution, far faster than cairo
 * filling thousands of tiny paths (see tests/bench-charts.c). */
static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

static inline void
blend (guint32    *dst,
       StrataRgba  c,
       double      alpha)
{
  /* OVER, premultiplied: dst = src + dst * (1 - src_alpha). */
  guint32 d = *dst;
  double k = 1 - alpha;
  guint32 a = (guint32) (alpha * 255 + ((d >> 24) & 0xff) * k + 0.5);
  guint32 r = (guint32) (c.r * alpha * 255 + ((d >> 16) & 0xff) * k + 0.5);
  guint32 g = (guint32) (c.g * alpha * 255 + ((d >> 8) & 0xff) * k + 0.5);
  guint32 b = (guint32) (c.b * alpha * 255 + (d & 0xff) * k + 0.5);
  *dst = (MIN (a, 255u) << 24) | (MIN (r, 255u) << 16) | (MIN (g, 255u) << 8) | MIN (b, 255u);
}

static gboolean
draw_points_raster (StrataQuadrantChart    *self,
                    cairo_t                *cr,
                    const StrataChartStyle *style)
{
  const cairo_rectangle_t *p = &self->plot;
  double ax = 1, ay = 0, bx = 0, by = 1, scale, x0, y0, outline;
  gboolean with_outline = self->n <= 2000;
  double alpha = with_outline ? 0.88 : 0.85;
  int iw, ih, stride;
  cairo_surface_t *image;
  guint32 *data;

  cairo_user_to_device_distance (cr, &ax, &ay);
  cairo_user_to_device_distance (cr, &bx, &by);
  if (fabs (ay) > 1e-6 || fabs (bx) > 1e-6 || fabs (ax - by) > 1e-6 || ax <= 0)
    return FALSE; /* rotated or stretched: let cairo draw the circles */
  scale = ax;
  outline = with_outline ? strata_chart_style_px (style, 0.8) * scale : 0;

  x0 = p->x - self->radius_max - 2;
  y0 = p->y - self->radius_max - 2;
  iw = (int) ceil ((p->width + 2 * self->radius_max + 4) * scale);
  ih = (int) ceil ((p->height + 2 * self->radius_max + 4) * scale);
  if (self->points_cache != NULL && self->points_key[0] == x0 && self->points_key[1] == y0
      && self->points_key[2] == scale && self->points_key[3] == outline
      && cairo_image_surface_get_width (self->points_cache) == iw
      && cairo_image_surface_get_height (self->points_cache) == ih)
    {
      image = self->points_cache;
      goto paint;
    }
  g_clear_pointer (&self->points_cache, cairo_surface_destroy);
  if (iw <= 0 || ih <= 0 || (gint64) iw * ih > 64 * 1024 * 1024)
    return FALSE;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, iw, ih);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return FALSE;
    }
  cairo_surface_flush (image);
  data = (guint32 *) (gpointer) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;

  for (gsize k = 0; k < self->n; k++)
    {
      guint i = self->order[k];
      StrataRgba c;
      double cx, cy, r, ro, reach;
      int px0, px1, py0, py1;

      if (!strata_quadrant_chart_point_visible (self, i))
        continue;
      c = strata_quadrant_chart_point_colour (self, i);
      cx = (p->x + self->ux[i] * p->width - x0) * scale;
      cy = (p->y + (1 - self->uy[i]) * p->height - y0) * scale;
      r = strata_quadrant_chart_point_radius (self, i) * scale;
      ro = r + outline;
      reach = ro + 1;
      px0 = MAX ((int) floor (cx - reach), 0);
      px1 = MIN ((int) ceil (cx + reach), iw - 1);
      py0 = MAX ((int) floor (cy - reach), 0);
      py1 = MIN ((int) ceil (cy + reach), ih - 1);
      for (int y = py0; y <= py1; y++)
        {
          double dy = y + 0.5 - cy;
          guint32 *row = data + (gsize) y * stride;
          for (int x = px0; x <= px1; x++)
            {
              double dx = x + 0.5 - cx;
              double d2 = dx * dx + dy * dy, d, cov_in, cov_out;
              if (d2 >= (ro + 0.5) * (ro + 0.5))
                continue;
              /* Coverage of a pixel by the disc, linear across its edge. */
              d = sqrt (d2);
              cov_in = CLAMP (r + 0.5 - d, 0, 1);
              if (outline > 0)
                {
                  cov_out = CLAMP (ro + 0.5 - d, 0, 1);
                  blend (&row[x], style->background, cov_out);
                }
              if (cov_in > 0)
                blend (&row[x], c, alpha * cov_in);
            }
        }
    }
  cairo_surface_mark_dirty (image);
  /* Kept for the next frame: hovering and selecting redraw only marks. */
  self->points_cache = image;
  self->points_key[0] = x0;
  self->points_key[1] = y0;
  self->points_key[2] = scale;
  self->points_key[3] = outline;

paint:
  cairo_save (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, 1 / scale, 1 / scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  return TRUE;
}

static void
draw_density (StrataQuadrantChart    *self,
              cairo_t                *cr,
              const StrataChartStyle *style)
{
  const cairo_rectangle_t *p = &self->plot;
  double cell = MAX (2.0, round (strata_chart_style_px (style, 3)));
  int cols = MAX (1, (int) round (p->width / cell));
  int rows = MAX (1, (int) round (p->height / cell));
  guint groups = self->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT ? 4 : self->tiers->len + 1;
  g_autofree guint32 *counts = NULL;
  g_autofree guint32 *by_group = NULL;
  g_autofree StrataRgba *palette = NULL;
  guint32 max = 0;
  cairo_surface_t *image;
  unsigned char *data;
  int stride;

  if (self->density_cache != NULL && self->density_cols == cols && self->density_rows == rows)
    goto paint;
  g_clear_pointer (&self->density_cache, cairo_surface_destroy);
  counts = g_new0 (guint32, (gsize) cols * rows);
  by_group = g_new0 (guint32, (gsize) cols * rows * groups);
  palette = g_new (StrataRgba, groups);

  for (guint g = 0; g < groups; g++)
    {
      if (self->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT)
        palette[g] = strata_quadrant_colour (g + 1);
      else if (g < self->tiers->len)
        palette[g] = g_array_index (self->tiers, StrataTierInfo, g).colour;
      else
        palette[g] = style->density;
    }

  for (gsize i = 0; i < self->n; i++)
    {
      int cx, cy;
      gsize c;
      guint g;
      if (!strata_quadrant_chart_point_visible (self, i))
        continue;
      cx = MIN ((int) (self->ux[i] * cols), cols - 1);
      cy = MIN ((int) ((1 - self->uy[i]) * rows), rows - 1);
      c = (gsize) cy * cols + cx;
      if (self->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT)
        g = strata_quadrant_chart_classify (self, i) - 1;
      else
        g = self->tier[i] >= 0 ? (guint) self->tier[i] : self->tiers->len;
      counts[c]++;
      by_group[c * groups + g]++;
      max = MAX (max, counts[c]);
    }
  self->density_max = max;

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cols, rows);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < rows; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      for (int x = 0; x < cols; x++)
        {
          gsize c = (gsize) y * cols + x;
          guint best = 0;
          double a;
          StrataRgba col;
          if (counts[c] == 0)
            {
              row[x] = 0;
              continue;
            }
          /* The cell takes the colour of its most common group; intensity
           * grows with the log of the count so sparse areas stay visible. */
          for (guint g = 1; g < groups; g++)
            if (by_group[c * groups + g] > by_group[c * groups + best])
              best = g;
          col = palette[best];
          a = 0.22 + 0.78 * (max > 1 ? log1p (counts[c]) / log1p (max) : 1);
          row[x] = ((guint32) (a * 255) << 24) | ((guint32) (col.r * a * 255) << 16)
                   | ((guint32) (col.g * a * 255) << 8) | (guint32) (col.b * a * 255);
        }
    }
  cairo_surface_mark_dirty (image);
  self->density_cache = image;
  self->density_cols = cols;
  self->density_rows = rows;

paint:
  image = self->density_cache;
  cairo_save (cr);
  cairo_rectangle (cr, p->x, p->y, p->width, p->height);
  cairo_clip (cr);
  cairo_translate (cr, p->x, p->y);
  /* Cells a hair off square so that the grid covers the plot exactly and
   * the edge rows are not clipped away. */
  cairo_scale (cr, p->width / cols, p->height / rows);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
point_pixel (StrataQuadrantChart *self,
             guint                i,
             double              *x,
             double              *y)
{
  *x = self->plot.x + self->ux[i] * self->plot.width;
  *y = self->plot.y + (1 - self->uy[i]) * self->plot.height;
}

/* Above this many movement arrows, each is drawn lighter (see draw_marks). */
#define MANY_ARROWS 40

static void
draw_arrow (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1,
            double   head)
{
  double ang = atan2 (y1 - y0, x1 - x0);

  if (hypot (x1 - x0, y1 - y0) < head)
    return;
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - cos (ang) * head * 0.8, y1 - sin (ang) * head * 0.8);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * cos (ang - 0.45), y1 - head * sin (ang - 0.45));
  cairo_line_to (cr, x1 - head * cos (ang + 0.45), y1 - head * sin (ang + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_marks (StrataQuadrantChart    *self,
            cairo_t                *cr,
            const StrataChartStyle *style)
{
  double lw = strata_chart_style_px (style, 2) * (style->line_width > 1 ? 1.25 : 1);

  cairo_save (cr);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Movement: the other points step back behind a veil, then a hollow
   * ring where each mover was and an arrow to where it is now. */
  if (self->moves->len > 0)
    {
      StrataRgba veil = style->background;

      veil.a = 0.6;
      strata_rgba_set_source (cr, &veil);
      cairo_rectangle (cr, self->plot.x, self->plot.y, self->plot.width, self->plot.height);
      cairo_fill (cr);
    }
  for (guint k = 0; k < self->moves->len; k++)
    {
      const StrataQuadrantMove *m = &g_array_index (self->moves, StrataQuadrantMove, k);
      double x0 = strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_X, m->previous_x);
      double y0 = strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_Y, m->previous_y);
      double x1, y1, r = strata_quadrant_chart_point_radius (self, m->index);
      point_pixel (self, m->index, &x1, &y1);
      /* A few arrows read best in the text colour; hundreds of them would
       * be one black cloud, so they take the mover's tier colour, thinner
       * and translucent, and the direction still shows. */
      if (self->moves->len <= MANY_ARROWS)
        strata_rgba_set_source (cr, &style->text);
      else
        {
          StrataRgba c = strata_quadrant_chart_point_colour (self, m->index);

          c.a = 0.7;
          strata_rgba_set_source (cr, &c);
          cairo_set_line_width (cr, lw * 0.6);
        }
      cairo_new_sub_path (cr);
      cairo_arc (cr, x0, y0, self->radius_min, 0, 2 * G_PI);
      cairo_stroke (cr);
      {
        double ang = atan2 (y1 - y0, x1 - x0);
        draw_arrow (cr, x0, y0, x1 - cos (ang) * r, y1 - sin (ang) * r,
                    strata_chart_style_px (style, self->moves->len <= MANY_ARROWS ? 8 : 6));
      }
    }
  cairo_set_line_width (cr, lw);
  strata_rgba_set_source (cr, &style->accent);
  for (guint k = 0; k < self->selection->len; k++)
    {
      guint i = g_array_index (self->selection, guint, k);
      double x, y;
      if (!strata_quadrant_chart_point_visible (self, i))
        continue;
      point_pixel (self, i, &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, strata_quadrant_chart_point_radius (self, i) + lw, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
  if (self->highlight >= 0)
    {
      double x, y;
      point_pixel (self, self->highlight, &x, &y);
      strata_rgba_set_source (cr, &style->text);
      cairo_set_line_width (cr, lw * 1.25);
      cairo_arc (cr, x, y, strata_quadrant_chart_point_radius (self, self->highlight) + lw * 1.5,
                 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
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
      point_pixel (self, i, &labels[n].anchor_x, &labels[n].anchor_y);
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
  if (lay.density)
    draw_density (self, cr, style);
  else if (target_is_vector (cr) || !draw_points_raster (self, cr, style))
    draw_points (self, cr, style);
  draw_marks (self, cr, style);
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
