/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tier pyramid: one layer per tier, the best tier on top, each layer's
 * width in proportion to its customer count, labelled with the count, the
 * share of customers and the share of revenue. With base counts it draws
 * two pyramids side by side on the same scale (base tier, final tier), so
 * that what the adjustments changed shows. */
#pragma once

#include "strata-chart.h"

G_BEGIN_DECLS

typedef struct
{
  guint                  n_tiers;
  const StrataChartTier *tiers;        /* best first */
  const guint           *counts;       /* final tier */
  const double          *revenue;      /* per final tier; NULL: not shown */
  const guint           *base_counts;  /* NULL: one pyramid */
  const double          *base_revenue;
  const char            *title;        /* panel title, e.g. "Final tier" */
  const char            *base_title;   /* e.g. "Base tier" */
} StrataPyramidData;

#define STRATA_TYPE_PYRAMID_CHART (strata_pyramid_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataPyramidChart, strata_pyramid_chart, STRATA, PYRAMID_CHART, GObject)

StrataPyramidChart *strata_pyramid_chart_new            (void);
void       strata_pyramid_chart_set_data          (StrataPyramidChart      *self,
                                                   const StrataPyramidData *data);
void       strata_pyramid_chart_draw              (StrataPyramidChart      *self,
                                                   cairo_t                 *cr,
                                                   const StrataChartStyle  *style,
                                                   double                   width,
                                                   double                   height);
char      *strata_pyramid_chart_get_description   (StrataPyramidChart      *self);
GPtrArray *strata_pyramid_chart_get_table         (StrataPyramidChart      *self);

G_END_DECLS
