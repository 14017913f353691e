/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's charts, built from a deck with the render library: the
 * same objects draw on the Review page, on the slides and in exports. */
#pragma once

#include "strata-movement-chart.h"
#include "strata-pyramid-chart.h"
#include "strata-quadrant-chart.h"
#include "strata-review-deck.h"

G_BEGIN_DECLS

StrataMovementChart *strata_review_movement_chart (StrataReviewDeck *deck);
/* with_base: the base-tier pyramid beside the final one. */
StrataPyramidChart  *strata_review_pyramid_chart  (StrataReviewDeck *deck,
                                                   gboolean          with_base);
/* Points of the later period coloured by tier, with an arrow from the
 * earlier position of every customer whose tier changed. */
StrataQuadrantChart *strata_review_quadrant_chart (StrataReviewDeck *deck);

G_END_DECLS
