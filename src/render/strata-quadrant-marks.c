/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing half of the quadrant chart, its marks: points (as paths or
 * composited into an image), density cells, and the selection, highlight
 * and movement arrows over them. The frame around them is
 * strata-quadrant-draw.c. */
#include "config.h"

#include "strata-quadrant-chart-private.h"

#include <math.h>
#include <string.h>

static void
draw_points (StrataQuadrantChart    *self,
             cairo_t                *cr,
             const StrataChartStyle *style)
{
  const cairo_rectangle_t *p = &self->plot;
  gboolean outline = self->n <= 2000;
  int current = G_MININT;
  const guint *order = strata_quadrant_chart_get_order (self);

  strata_quadrant_note_pass ();
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
          guint i = order[k];
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
          guint i = k < self->n ? order[k] : 0;
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
              guint i = order[k];
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
  const guint *order;

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
  strata_quadrant_note_pass ();
  order = strata_quadrant_chart_get_order (self);

  for (gsize k = 0; k < self->n; k++)
    {
      guint i = order[k];
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
  cairo_surface_t *image;

  if (self->density_cache == NULL || self->density_cols != cols || self->density_rows != rows)
    {
      if (self->defer)
        {
          /* A job bins the points; meanwhile the last image, stretched
           * over the plot, or none. */
          self->marks_missing = TRUE;
          self->want_cols = cols;
          self->want_rows = rows;
          if (self->density_cache != NULL)
            {
              g_clear_pointer (&self->density_stale, cairo_surface_destroy);
              self->density_stale = g_steal_pointer (&self->density_cache);
            }
          if (self->density_stale == NULL)
            return;
          image = self->density_stale;
          goto paint;
        }
      else
        {
          StrataQuadrantInput in;
          g_autofree StrataRgba *palette = NULL;
          guint groups;

          g_clear_pointer (&self->density_cache, cairo_surface_destroy);
          strata_quadrant_input_init (&in, self);
          palette = strata_quadrant_density_palette (self, style->density, &groups);
          self->density_cache = strata_quadrant_bin_density (&in, cols, rows, palette, groups,
                                                             &self->density_max);
          self->density_cols = cols;
          self->density_rows = rows;
        }
    }
  image = self->density_cache;

paint:
  cairo_save (cr);
  cairo_rectangle (cr, p->x, p->y, p->width, p->height);
  cairo_clip (cr);
  cairo_translate (cr, p->x, p->y);
  /* Cells a hair off square so that the grid covers the plot exactly and
   * the edge rows are not clipped away. */
  cairo_scale (cr, p->width / cairo_image_surface_get_width (image),
               p->height / cairo_image_surface_get_height (image));
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
strata_quadrant_chart_point_pixel (StrataQuadrantChart *self,
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
      strata_quadrant_chart_point_pixel (self, m->index, &x1, &y1);
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
      strata_quadrant_chart_point_pixel (self, i, &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, strata_quadrant_chart_point_radius (self, i) + lw, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
  if (self->highlight >= 0)
    {
      double x, y;
      strata_quadrant_chart_point_pixel (self, self->highlight, &x, &y);
      strata_rgba_set_source (cr, &style->text);
      cairo_set_line_width (cr, lw * 1.25);
      cairo_arc (cr, x, y, strata_quadrant_chart_point_radius (self, self->highlight) + lw * 1.5,
                 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
strata_quadrant_chart_draw_marks (StrataQuadrantChart    *self,
                                  cairo_t                *cr,
                                  const StrataChartStyle *style,
                                  gboolean                density)
{
  if (density)
    draw_density (self, cr, style);
  else if (target_is_vector (cr) || !draw_points_raster (self, cr, style))
    draw_points (self, cr, style);
  draw_marks (self, cr, style);
}
