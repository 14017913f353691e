/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product mix: one bar per tier, best first, stacked by the revenue
 * share of each product category, with a legend of the categories; the
 * tier's new-product adoption at the bar's end. */
#pragma once

#include "strata-chart.h"
#include "strata-product-mix.h"

G_BEGIN_DECLS

#define STRATA_TYPE_PRODUCT_MIX_CHART (strata_product_mix_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataProductMixChart, strata_product_mix_chart, STRATA, PRODUCT_MIX_CHART, GObject)

StrataProductMixChart *strata_product_mix_chart_new      (void);
/* Copies what it draws; mix may be NULL (nothing to show). */
void        strata_product_mix_chart_set_mix             (StrataProductMixChart  *self,
                                                          const StrataProductMix *mix);
/* The colour a category is drawn in ("#rrggbb"), by its position. */
const char *strata_product_mix_chart_category_colour     (const char             *key,
                                                          guint                   position);
void        strata_product_mix_chart_draw                (StrataProductMixChart  *self,
                                                          cairo_t                *cr,
                                                          const StrataChartStyle *style,
                                                          double                  width,
                                                          double                  height);

G_END_DECLS
