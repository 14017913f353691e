/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's charts, built from a movement or a deck: the same objects
 * draw on the Review page, on the slides, in the PDF report and in
 * `strata-cli movement --chart`. */
#pragma once

#include "strata-movement-chart.h"
#include "strata-pyramid-chart.h"
#include "strata-quadrant-chart.h"
#include "strata-retention-chart.h"
#include "strata-review-deck.h"

G_BEGIN_DECLS

/* The transition matrix as a heat map. */
StrataMovementChart *strata_review_movement_chart (StrataMovement   *movement);
/* with_base: the base-tier pyramid beside the final one. */
StrataPyramidChart  *strata_review_pyramid_chart  (StrataReviewDeck *deck,
                                                   gboolean          with_base);
/* Retention per tier and per quadrant over every pair of periods. */
StrataRetentionChart *strata_review_retention_chart (StrataReviewDeck *deck);
/* Which customers the quadrant chart draws an arrow for, from their position
 * in the earlier period to the later one. */
typedef enum
{
  STRATA_REVIEW_ARROWS_NONE,
  STRATA_REVIEW_ARROWS_MOVERS,    /* every customer whose tier or quadrant changed */
  STRATA_REVIEW_ARROWS_SELECTED,  /* only the customer given, who is also ringed */
} StrataReviewArrows;

/* Points of the later period coloured by tier, with movement arrows. */
StrataQuadrantChart *strata_review_quadrant_chart (StrataReviewDeck   *deck,
                                                   StrataReviewArrows  arrows,
                                                   gint64              customer_id);
/* How many arrows that chart draws. */
guint                strata_review_count_arrows   (StrataReviewDeck   *deck,
                                                   StrataReviewArrows  arrows,
                                                   gint64              customer_id);

G_END_DECLS
