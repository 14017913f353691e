/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataReviewChart: draws one render-library chart (anything that
 * implements StrataChart) from its snapshot, in the window's light or dark
 * style or in the projector style of the presentation. */
#pragma once

#include <gtk/gtk.h>

#include "strata-chart.h"

G_BEGIN_DECLS

#define STRATA_TYPE_REVIEW_CHART (strata_review_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataReviewChart, strata_review_chart, STRATA, REVIEW_CHART, GtkWidget)

GtkWidget   *strata_review_chart_new           (void);
void         strata_review_chart_set_chart     (StrataReviewChart *self,
                                                StrataChart       *chart);
StrataChart *strata_review_chart_get_chart     (StrataReviewChart *self);
/* The projector style: black background, large type, thick lines. */
void         strata_review_chart_set_projector (StrataReviewChart *self,
                                                gboolean           projector);

G_END_DECLS
