/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the chart implementations (not installed API). */
#pragma once

#include "strata-chart.h"

G_BEGIN_DECLS

typedef struct
{
  int        id;
  char      *label;
  StrataRgba colour;
} StrataTierInfo;

GArray *strata_tier_info_copy   (const StrataChartTier *tiers,
                                 guint                  n_tiers);
void    strata_table_add_row    (GPtrArray             *table,
                                 ...) G_GNUC_NULL_TERMINATED;
GPtrArray *strata_table_new     (void);
void    strata_draw_round_rect  (cairo_t               *cr,
                                 double                 x,
                                 double                 y,
                                 double                 w,
                                 double                 h,
                                 double                 r);
void    strata_draw_empty       (cairo_t                *cr,
                                 const StrataChartStyle *style,
                                 double                  width,
                                 double                  height,
                                 const char             *message);
int     strata_compare_guint   (gconstpointer          a,
                                 gconstpointer          b);
double  strata_snap             (double                 v,
                                 double                 line_width);

G_END_DECLS
