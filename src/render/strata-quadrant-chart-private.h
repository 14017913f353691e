/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The quadrant chart's state, shared by its data/index half
 * (strata-quadrant-chart.c) and its drawing half (strata-quadrant-draw.c). */
#pragma once

#include "strata-chart-private.h"
#include "strata-quadrant-chart.h"

G_BEGIN_DECLS

typedef struct
{
  guint  index;
  double previous_x;
  double previous_y;
} StrataQuadrantMove;

struct _StrataQuadrantChart
{
  GObject                  parent_instance;

  /* Data, copied. */
  gsize                    n;
  double                  *x;
  double                  *y;
  double                  *revenue;   /* NULL when not given */
  int                     *tier;
  float                   *size;      /* 0..1, from z; NULL when no z */
  GArray                  *tiers;     /* StrataTierInfo */
  char                    *x_title;
  char                    *y_title;
  char                    *z_title;
  char                    *title;
  char                    *quadrant_names[4];
  char                    *quadrant_actions[4];
  double                   x_threshold;
  double                   y_threshold;
  StrataAxis               x_axis;
  StrataAxis               y_axis;

  /* View settings. */
  StrataQuadrantColouring  colouring;
  StrataPointMode          mode;
  gsize                    density_limit;
  gboolean                *tier_hidden;  /* n_tiers + 1: the last for "no tier" */
  gboolean                 show_captions;
  gboolean                 corner_names;  /* without captions: names in the corners */
  GArray                  *selection;    /* guint */
  gssize                   highlight;
  GArray                  *labels;       /* guint */
  GPtrArray               *label_names;
  GArray                  *moves;        /* StrataQuadrantMove */

  /* Derived: positions in the unit square (y up) and a grid over it. */
  float                   *ux;
  float                   *uy;
  guint                   *order;        /* drawing order: worst tier first */
  guint                    grid;         /* grid x grid cells */
  guint                   *cell_start;   /* grid*grid + 1 */
  guint                   *cell_items;   /* n */

  /* Geometry of the last layout. */
  double                   width;
  double                   height;
  cairo_rectangle_t        plot;
  double                   radius_min;
  double                   radius_max;
  double                   hit_slop;
  gboolean                 drew_density;
  double                   density_max;  /* customers in the fullest cell */

  /* Caches, dropped by strata_quadrant_chart_invalidate() whenever data,
   * scales, thresholds, colouring, mode or the tier filter change, so that
   * frames that only move the hover ring stay cheap at a million points. */
  gboolean                 counts_valid;
  gsize                    n_visible;
  gboolean                 piled;
  guint                    quadrant_counts[4];
  double                   quadrant_share[4];
  cairo_surface_t         *density_cache;
  cairo_surface_t         *points_cache;
  double                   points_key[4];   /* x0, y0, scale, outline: what the cache was drawn for */
  StrataRgba               cache_colours[2]; /* the style's background and density colour */
  int                      density_cols;
  int                      density_rows;
};

void       strata_quadrant_chart_invalidate    (StrataQuadrantChart *self);

gboolean   strata_quadrant_chart_point_visible (StrataQuadrantChart *self,
                                                gsize                i);
double     strata_quadrant_chart_point_radius  (StrataQuadrantChart *self,
                                                gsize                i);
StrataRgba strata_quadrant_chart_point_colour  (StrataQuadrantChart *self,
                                                gsize                i);
StrataRgba strata_quadrant_colour              (StrataQuadrant       q);
const char *strata_quadrant_letter             (StrataQuadrant       q);

const StrataAxis *strata_quadrant_chart_get_axis (StrataQuadrantChart       *self,
                                                  StrataThresholdLine        which);
gboolean strata_quadrant_chart_get_drew_density  (StrataQuadrantChart       *self);
void     strata_quadrant_chart_get_plot_area     (StrataQuadrantChart       *self,
                                                  cairo_rectangle_t         *area);
void     strata_quadrant_chart_set_labels        (StrataQuadrantChart       *self,
                                                  const guint               *indices,
                                                  const char * const        *names,
                                                  gsize                      n_labels);
void     strata_quadrant_chart_set_point_mode    (StrataQuadrantChart       *self,
                                                  StrataPointMode            mode,
                                                  gsize                      density_limit);
void     strata_quadrant_chart_set_title         (StrataQuadrantChart       *self,
                                                  const char                *title);

/* strata-quadrant-marks.c: the points (or density cells, when density)
 * and the selection, highlight and arrows, inside the plot. */
void     strata_quadrant_chart_draw_marks        (StrataQuadrantChart       *self,
                                                  cairo_t                   *cr,
                                                  const StrataChartStyle    *style,
                                                  gboolean                   density);
/* Where point i is drawn, in the last layout. */
void     strata_quadrant_chart_point_pixel       (StrataQuadrantChart       *self,
                                                  guint                      i,
                                                  double                    *x,
                                                  double                    *y);

G_END_DECLS
