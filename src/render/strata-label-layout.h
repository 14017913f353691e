/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Places labels next to their anchors so that no two labels overlap and no
 * label covers an obstacle (legend, quadrant captions). Greedy, in array
 * order (put the most important first): eight positions around the anchor,
 * then further out with a leader line, else the label is dropped. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  STRATA_LABEL_PLACED,  /* next to its anchor */
  STRATA_LABEL_LEADER,  /* further away, draw a line to the anchor */
  STRATA_LABEL_DROPPED, /* no room: not drawn */
} StrataLabelState;

typedef struct
{
  /* in */
  double            anchor_x;
  double            anchor_y;
  double            anchor_radius; /* keep this far from the anchor */
  double            width;
  double            height;
  /* out */
  StrataLabelState  state;
  cairo_rectangle_t box;
} StrataLabel;

gboolean strata_rect_intersects (const cairo_rectangle_t *a,
                                 const cairo_rectangle_t *b);

guint    strata_label_layout    (StrataLabel             *labels,
                                 guint                    n_labels,
                                 const cairo_rectangle_t *bounds,
                                 const cairo_rectangle_t *obstacles,
                                 guint                    n_obstacles);

G_END_DECLS
