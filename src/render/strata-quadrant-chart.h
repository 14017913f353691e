/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The quadrant scatter plot: x the process metric, y the result metric,
 * threshold lines dividing A (both high), B (high result, low process),
 * C (low result, high process) and D (both low). Points are coloured by
 * tier or by quadrant and sized by a third metric; where they pile up the
 * chart draws density cells instead. Hit testing uses a grid index built
 * once per data set, in the chart's unit square, so it survives resizing. */
#pragma once

#include "strata-axis.h"
#include "strata-chart.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_QUADRANT_COLOUR_BY_TIER,
  STRATA_QUADRANT_COLOUR_BY_QUADRANT,
} StrataQuadrantColouring;

typedef enum
{
  STRATA_POINT_MODE_AUTO,    /* points, density once they pile up */
  STRATA_POINT_MODE_POINTS,
  STRATA_POINT_MODE_DENSITY,
} StrataPointMode;

typedef enum
{
  STRATA_THRESHOLD_NONE,
  STRATA_THRESHOLD_X,  /* the vertical line, at the process threshold */
  STRATA_THRESHOLD_Y,  /* the horizontal line, at the result threshold */
} StrataThresholdLine;

/* Input, copied by strata_quadrant_chart_set_data(). Quadrant order in the
 * arrays is A, B, C, D. */
typedef struct
{
  gsize                  n_points;
  const double          *x;        /* process metric */
  const double          *y;        /* result metric */
  const double          *z;        /* sizes the points; NULL: all the same */
  const double          *revenue;  /* for the revenue shares; NULL: not shown */
  const int             *tier;     /* index into tiers, -1 for none; NULL: none */
  guint                  n_tiers;
  const StrataChartTier *tiers;    /* best first */
  double                 x_threshold;
  double                 y_threshold;
  const char            *x_title;  /* "Qualified products listed" */
  const char            *y_title;
  const char            *z_title;  /* for the legend: "Size: Login days" */
  StrataMetricKind       x_kind;
  StrataMetricKind       y_kind;
  const char            *quadrant_names[4];   /* "Head customers" */
  const char            *quadrant_actions[4]; /* "VIP team, advanced coaching" */
} StrataQuadrantData;

#define STRATA_TYPE_QUADRANT_CHART (strata_quadrant_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataQuadrantChart, strata_quadrant_chart, STRATA, QUADRANT_CHART, GObject)

StrataQuadrantChart *strata_quadrant_chart_new             (void);
void     strata_quadrant_chart_set_data          (StrataQuadrantChart       *self,
                                                  const StrataQuadrantData  *data);
/* The same without copying x, y, z and revenue (8 MB each at a million
 * points; the points' sizes are then computed from z when drawn): they stay owner's, which the chart keeps until its data is
 * replaced or it is finalized, then frees with owner_free. */
void     strata_quadrant_chart_set_data_borrowed (StrataQuadrantChart       *self,
                                                  const StrataQuadrantData  *data,
                                                  gpointer                   owner,
                                                  GDestroyNotify             owner_free);
gsize    strata_quadrant_chart_get_n_points      (StrataQuadrantChart       *self);
void     strata_quadrant_chart_set_thresholds    (StrataQuadrantChart       *self,
                                                  double                     x_threshold,
                                                  double                     y_threshold);
void     strata_quadrant_chart_get_thresholds    (StrataQuadrantChart       *self,
                                                  double                    *x_threshold,
                                                  double                    *y_threshold);
void     strata_quadrant_chart_set_scales        (StrataQuadrantChart       *self,
                                                  StrataAxisScale            x_scale,
                                                  StrataAxisScale            y_scale);
/* Whether the values on that axis span more than two decades, so that a
 * log scale is worth offering for it. */
gboolean strata_quadrant_chart_wants_log         (StrataQuadrantChart       *self,
                                                  StrataThresholdLine        axis);
void     strata_quadrant_chart_set_colouring     (StrataQuadrantChart       *self,
                                                  StrataQuadrantColouring    colouring);
void     strata_quadrant_chart_set_tier_visible  (StrataQuadrantChart       *self,
                                                  guint                      tier_index,
                                                  gboolean                   visible);
void     strata_quadrant_chart_set_show_captions (StrataQuadrantChart       *self,
                                                  gboolean                   show);
 /* Without captions: each quadrant's letter and name alone in its corner,
  * in small secondary type, so that arrows and points stay visible. */
void     strata_quadrant_chart_set_corner_names  (StrataQuadrantChart       *self,
                                                  gboolean                   show);
void     strata_quadrant_chart_set_selection     (StrataQuadrantChart       *self,
                                                  const guint               *indices,
                                                  gsize                      n_indices);
void     strata_quadrant_chart_set_highlight     (StrataQuadrantChart       *self,
                                                  gssize                     index);
void     strata_quadrant_chart_set_movement      (StrataQuadrantChart       *self,
                                                  const guint               *indices,
                                                  const double              *previous_x,
                                                  const double              *previous_y,
                                                  gsize                      n_moves);

char    *strata_quadrant_chart_describe_point    (StrataQuadrantChart       *self,
                                                  gsize                      index);
StrataQuadrant strata_quadrant_chart_classify    (StrataQuadrantChart       *self,
                                                  gsize                      index);
void     strata_quadrant_chart_get_counts        (StrataQuadrantChart       *self,
                                                  guint                      counts[4],
                                                  double                     revenue_share[4]);

/* Geometry, valid for the last size drawn or laid out. */
void     strata_quadrant_chart_layout            (StrataQuadrantChart       *self,
                                                  const StrataChartStyle    *style,
                                                  double                     width,
                                                  double                     height);
double   strata_quadrant_chart_value_to_pixel    (StrataQuadrantChart       *self,
                                                  StrataThresholdLine        axis,
                                                  double                     value);
double   strata_quadrant_chart_pixel_to_value    (StrataQuadrantChart       *self,
                                                  StrataThresholdLine        axis,
                                                  double                     pixel);
gssize   strata_quadrant_chart_hit_test          (StrataQuadrantChart       *self,
                                                  double                     x,
                                                  double                     y);
GArray  *strata_quadrant_chart_select_rect       (StrataQuadrantChart       *self,
                                                  const cairo_rectangle_t   *rect);
StrataThresholdLine strata_quadrant_chart_threshold_at (StrataQuadrantChart *self,
                                                        double               x,
                                                        double               y);

void       strata_quadrant_chart_draw            (StrataQuadrantChart       *self,
                                                  cairo_t                   *cr,
                                                  const StrataChartStyle    *style,
                                                  double                     width,
                                                  double                     height);
char      *strata_quadrant_chart_get_description (StrataQuadrantChart       *self);
GPtrArray *strata_quadrant_chart_get_table       (StrataQuadrantChart       *self);

G_END_DECLS
