/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's and the presentation's quadrant chart with its movement
 * arrows. Drawing an arrow costs tens of microseconds and a million
 * customers can have hundreds of thousands of movers: tens of seconds of a
 * frozen window for a cloud nobody can read. Above
 * STRATA_REVIEW_MAX_DRAWN_ARROWS the chart draws that many, evenly spread
 * over the movers in customer order, and the caption says so. */
#pragma once

#include "strata-review-charts.h"

G_BEGIN_DECLS

#define STRATA_REVIEW_MAX_DRAWN_ARROWS 1000

/* n_arrows: the customers the mode asks arrows for; n_drawn: the arrows
 * the chart draws (n_arrows, or the cap). Safe on a worker thread. */
StrataQuadrantChart *strata_review_arrows_chart (StrataReviewDeck   *deck,
                                                 StrataReviewArrows  mode,
                                                 gint64              customer,
                                                 guint              *n_arrows,
                                                 guint              *n_drawn);

/* For tests: from now on, count the charts built on thread (the main
 * thread, to show that a page's first visit builds none there: a chart
 * places every customer of the period). */
void  strata_review_arrows_count_on    (GThread *thread);
guint strata_review_arrows_get_counted (void);

G_END_DECLS
