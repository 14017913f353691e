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

  /* Data, copied; x, y, z and revenue borrowed from owner when it is set
   * (strata_quadrant_chart_set_data_borrowed). */
  gsize                    n;
  const double            *x;
  const double            *y;
  const double            *revenue;   /* NULL when not given */
  gpointer                 owner;
  GDestroyNotify           owner_free;
  gint16                  *tier;      /* index into tiers, -1 for none */
  float                   *size;      /* 0..1, from z; NULL when no z or z borrowed */
  const double            *z;         /* borrowed z (sizes computed from it), or NULL */
  double                   z_lo;      /* its smallest and largest finite value */
  double                   z_hi;
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
  guint                   *order;        /* drawing order: worst tier first; NULL
                                          * until points are drawn one by one
                                          * (strata_quadrant_chart_get_order) */
  guint                    grid;         /* grid x grid cells; the grid is */
  guint                   *cell_start;   /* grid*grid + 1    made on the first */
  guint                   *cell_items;   /* n                hit test (NULL until) */

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

  /* Passes over every point off the main thread (strata-quadrant-job.c). */
  gboolean                 defer;          /* in a deferred frame: never count nor bin */
  gboolean                 marks_missing;  /* that frame lacked counts or the density image */
  guint                    generation;     /* bumped by every invalidation */
  guint                    jobs;           /* jobs reading the arrays */
  GPtrArray               *graveyard;      /* arrays replaced while jobs read them */
  gboolean                 counts_known;   /* n_visible and piled were ever counted */
  gboolean                 quadrants_known;
  guint                    stale_counts[4]; /* the last quadrant counts, shown meanwhile */
  double                   stale_share[4];
  cairo_surface_t         *density_stale;  /* the last density image, shown meanwhile */
  int                      want_cols;      /* the density image a deferred frame lacked */
  int                      want_rows;
  int                      wants_log[2];   /* x, y: -1 not known yet */
};

/* What a pass over every point reads: the chart's arrays and settings. */
typedef struct
{
  gsize                    n;
  const double            *x;
  const double            *y;
  const double            *revenue;
  const gint16            *tier;
  const float             *ux;
  const float             *uy;
  const gboolean          *tier_hidden;
  guint                    n_tiers;
  double                   x_threshold;
  double                   y_threshold;
  StrataQuadrantColouring  colouring;
  StrataPointMode          mode;
  gsize                    density_limit;
} StrataQuadrantInput;

void             strata_quadrant_input_init       (StrataQuadrantInput       *in,
                                                   StrataQuadrantChart       *self);
gsize            strata_quadrant_count_visible    (const StrataQuadrantInput *in,
                                                   gboolean                  *piled);
void             strata_quadrant_count_quadrants  (const StrataQuadrantInput *in,
                                                   guint                      counts[4],
                                                   double                     share[4]);
StrataRgba      *strata_quadrant_density_palette  (StrataQuadrantChart       *self,
                                                   StrataRgba                 density,
                                                   guint                     *n_groups);
cairo_surface_t *strata_quadrant_bin_density      (const StrataQuadrantInput *in,
                                                   int                        cols,
                                                   int                        rows,
                                                   const StrataRgba          *palette,
                                                   guint                      groups,
                                                   double                    *density_max);
void             strata_quadrant_note_pass        (void);
/* Frees *array, or keeps it until the running jobs are done. */
void             strata_quadrant_chart_retire     (StrataQuadrantChart       *self,
                                                   gpointer                  *array);
void             strata_quadrant_grave_free       (gpointer                   grave);
/* The same with free_func instead of g_free. */
void             strata_quadrant_chart_retire_full (StrataQuadrantChart      *self,
                                                    gpointer                 *data,
                                                    GDestroyNotify            free_func);
/* Passes over every point that ran on the main thread (the owner of the
 * default main context), for tests. */
guint            strata_quadrant_chart_get_main_thread_passes (void);

/* The window's view: draws (or lays out) without any pass over every point;
 * what it lacked it draws from the last figures and image (or not at all)
 * and says so by returning FALSE. A job then computes what is missing on
 * any thread: new on the main thread, run anywhere, finished (installed
 * when the chart did not change meanwhile, then freed) on the main thread. */
typedef struct _StrataQuadrantJob StrataQuadrantJob;

gboolean           strata_quadrant_chart_draw_deferred   (StrataQuadrantChart    *self,
                                                          cairo_t                *cr,
                                                          const StrataChartStyle *style,
                                                          double                  width,
                                                          double                  height);
gboolean           strata_quadrant_chart_layout_deferred (StrataQuadrantChart    *self,
                                                          const StrataChartStyle *style,
                                                          double                  width,
                                                          double                  height);
/* Counts, quadrant counts and wanted logs at once (on the page's worker). */
void               strata_quadrant_chart_prepare         (StrataQuadrantChart    *self);
StrataQuadrantJob *strata_quadrant_chart_job_new         (StrataQuadrantChart    *self);
void               strata_quadrant_job_run               (StrataQuadrantJob      *job);
gboolean           strata_quadrant_job_finish            (StrataQuadrantJob      *job);
void               strata_quadrant_job_free              (StrataQuadrantJob      *job);

void       strata_quadrant_chart_invalidate    (StrataQuadrantChart *self);

/* The part of the chart's index that depends on the axis scales: the axes
 * fitted, positions in the unit square (the hit-test grid over them is
 * made by the chart on the first hit test). */
typedef struct
{
  StrataAxis  x_axis;      /* in: kind and scale; out: fitted */
  StrataAxis  y_axis;
  float      *ux;
  float      *uy;
} StrataQuadrantPositions;

/* On any thread. */
void       strata_quadrant_positions_compute   (StrataQuadrantPositions *p,
                                                const double            *x,
                                                const double            *y,
                                                gsize                    n,
                                                double                   x_threshold,
                                                double                   y_threshold);
void       strata_quadrant_positions_clear     (StrataQuadrantPositions *p);
void       strata_quadrant_chart_install_positions (StrataQuadrantChart     *self,
                                                    StrataQuadrantPositions *p);

/* strata-quadrant-scales.c: new axis scales computed on a worker (the
 * window's log scale at a million points), the chart unchanged until
 * finished on the main thread: new there, run anywhere, finished (installed
 * when the chart's data and index did not change meanwhile) and freed. */
typedef struct _StrataQuadrantScales StrataQuadrantScales;

StrataQuadrantScales *strata_quadrant_chart_scales_new (StrataQuadrantChart *self,
                                                        StrataAxisScale      x_scale,
                                                        StrataAxisScale      y_scale);
void                  strata_quadrant_scales_run       (StrataQuadrantScales *scales);
gboolean              strata_quadrant_scales_finish    (StrataQuadrantScales *scales);

gboolean   strata_quadrant_chart_point_visible (StrataQuadrantChart *self,
                                                gsize                i);
double     strata_quadrant_chart_point_radius  (StrataQuadrantChart *self,
                                                gsize                i);
StrataRgba strata_quadrant_chart_point_colour  (StrataQuadrantChart *self,
                                                gsize                i);
/* Frees the hit-test grid (made again by the next hit test): a view not
 * shown does not keep it. */
void       strata_quadrant_chart_drop_hit_index (StrataQuadrantChart *self);
/* The points' drawing order (worst tier first), made on first use. */
const guint *strata_quadrant_chart_get_order   (StrataQuadrantChart *self);
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
