/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-pyramid-chart.h. */
#pragma once

#include "strata-pyramid-chart.h"

G_BEGIN_DECLS

gboolean   strata_pyramid_chart_get_layer_rect    (StrataPyramidChart      *self,
                                                   guint                    panel,
                                                   guint                    tier,
                                                   cairo_rectangle_t       *rect);
/* The widths of the tier names' and the figures' columns in the last draw
 * (a text wider than its column ellipsizes). */
void       strata_pyramid_chart_get_text_widths   (StrataPyramidChart      *self,
                                                   double                  *label_w,
                                                   double                  *stats_w);
/* How many of the last draw's names and figures ended in "…". */
guint      strata_pyramid_chart_get_n_ellipsized  (StrataPyramidChart      *self);
gboolean   strata_pyramid_chart_hit_test          (StrataPyramidChart      *self,
                                                   double                   x,
                                                   double                   y,
                                                   guint                   *panel,
                                                   guint                   *tier);

G_END_DECLS
