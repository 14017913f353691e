/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-pyramid-chart.h. */
#pragma once

#include "strata-pyramid-chart.h"

G_BEGIN_DECLS

gboolean   strata_pyramid_chart_get_layer_rect    (StrataPyramidChart      *self,
                                                   guint                    panel,
                                                   guint                    tier,
                                                   cairo_rectangle_t       *rect);
/* The width of the tier names' column in the last draw (a name wider than
 * it ellipsizes). */
double     strata_pyramid_chart_get_label_width   (StrataPyramidChart      *self);
gboolean   strata_pyramid_chart_hit_test          (StrataPyramidChart      *self,
                                                   double                   x,
                                                   double                   y,
                                                   guint                   *panel,
                                                   guint                   *tier);

G_END_DECLS
