/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tier transition matrix as a heat map: rows the tier in the earlier
 * period, columns the tier now; each cell the number of customers (and
 * their revenue). The diagonal (no move) is marked; upgrades and
 * downgrades take two hues. Optional "New" row and "Lost" column. */
#pragma once

#include "strata-chart.h"

G_BEGIN_DECLS

typedef struct
{
  guint                  n_tiers;
  const StrataChartTier *tiers;       /* best first */
  const guint           *counts;      /* n_tiers x n_tiers, [from * n_tiers + to] */
  const double          *revenue;     /* same shape, current revenue; NULL: not shown */
  const guint           *new_counts;  /* per tier now: customers new this period; NULL */
  const guint           *lost_counts; /* per earlier tier: customers gone; NULL */
  const char            *from_title;  /* "2026-Q2" */
  const char            *to_title;    /* "2026-Q3" */
} StrataMovementData;

#define STRATA_TYPE_MOVEMENT_CHART (strata_movement_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataMovementChart, strata_movement_chart, STRATA, MOVEMENT_CHART, GObject)

StrataMovementChart *strata_movement_chart_new        (void);
void       strata_movement_chart_set_data       (StrataMovementChart      *self,
                                                 const StrataMovementData *data);
void       strata_movement_chart_get_summary    (StrataMovementChart      *self,
                                                 guint                    *up,
                                                 guint                    *down,
                                                 guint                    *same);
gboolean   strata_movement_chart_get_cell_rect  (StrataMovementChart      *self,
                                                 guint                     row,
                                                 guint                     column,
                                                 cairo_rectangle_t        *rect);
void       strata_movement_chart_draw           (StrataMovementChart      *self,
                                                 cairo_t                  *cr,
                                                 const StrataChartStyle   *style,
                                                 double                    width,
                                                 double                    height);
char      *strata_movement_chart_get_description (StrataMovementChart     *self);
GPtrArray *strata_movement_chart_get_table      (StrataMovementChart      *self);

G_END_DECLS
