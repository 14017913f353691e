/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-label-layout.h"

#include <math.h>

gboolean
strata_rect_intersects (const cairo_rectangle_t *a,
                        const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
inside (const cairo_rectangle_t *r,
        const cairo_rectangle_t *bounds)
{
  return r->x >= bounds->x && r->y >= bounds->y
         && r->x + r->width <= bounds->x + bounds->width
         && r->y + r->height <= bounds->y + bounds->height;
}

static gboolean
free_at (const cairo_rectangle_t *r,
         const StrataLabel       *labels,
         guint                    n_placed_before,
         const cairo_rectangle_t *bounds,
         const cairo_rectangle_t *obstacles,
         guint                    n_obstacles)
{
  if (!inside (r, bounds))
    return FALSE;
  for (guint i = 0; i < n_obstacles; i++)
    if (strata_rect_intersects (r, &obstacles[i]))
      return FALSE;
  for (guint i = 0; i < n_placed_before; i++)
    if (labels[i].state != STRATA_LABEL_DROPPED && strata_rect_intersects (r, &labels[i].box))
      return FALSE;
  return TRUE;
}

/* The box at direction (dx, dy) (each -1, 0 or 1) at distance @dist from
 * the anchor: its nearest corner or edge midpoint touches that spot. */
static cairo_rectangle_t
box_at (const StrataLabel *l,
        double             dx,
        double             dy,
        double             dist)
{
  cairo_rectangle_t r = { 0, 0, l->width, l->height };
  double len = hypot (dx, dy);
  double px = l->anchor_x + dx / len * dist;
  double py = l->anchor_y + dy / len * dist;

  r.x = dx > 0 ? px : dx < 0 ? px - l->width : px - l->width / 2;
  r.y = dy > 0 ? py : dy < 0 ? py - l->height : py - l->height / 2;
  return r;
}

guint
strata_label_layout (StrataLabel             *labels,
                     guint                    n_labels,
                     const cairo_rectangle_t *bounds,
                     const cairo_rectangle_t *obstacles,
                     guint                    n_obstacles)
{
  /* Right and above read first, as people look for a label there. */
  static const double dirs[8][2] = {
    { 1, -1 }, { 1, 1 }, { -1, -1 }, { -1, 1 }, { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 },
  };
  guint placed = 0;

  g_return_val_if_fail (labels != NULL || n_labels == 0, 0);
  g_return_val_if_fail (bounds != NULL, 0);

  for (guint i = 0; i < n_labels; i++)
    {
      StrataLabel *l = &labels[i];
      double gap = l->anchor_radius + 2;

      l->state = STRATA_LABEL_DROPPED;
      for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
        {
          cairo_rectangle_t r = box_at (l, dirs[d][0], dirs[d][1], gap);
          if (free_at (&r, labels, i, bounds, obstacles, n_obstacles))
            {
              l->box = r;
              l->state = STRATA_LABEL_PLACED;
              break;
            }
        }
      /* Further out, on rings, with a leader line back to the anchor. */
      for (guint ring = 1; l->state == STRATA_LABEL_DROPPED && ring <= 4; ring++)
        {
          double dist = gap + ring * MAX (l->height, 8) * 1.5;
          for (guint a = 0; a < 16; a++)
            {
              double ang = a * G_PI / 8 - G_PI / 4;
              cairo_rectangle_t r = box_at (l, cos (ang), sin (ang), dist);
              if (fabs (cos (ang)) < 1e-9)
                r.x = l->anchor_x - l->width / 2;
              if (fabs (sin (ang)) < 1e-9)
                r.y = l->anchor_y - l->height / 2;
              if (free_at (&r, labels, i, bounds, obstacles, n_obstacles))
                {
                  l->box = r;
                  l->state = STRATA_LABEL_LEADER;
                  break;
                }
            }
        }
      if (l->state != STRATA_LABEL_DROPPED)
        placed++;
    }
  return placed;
}
