/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page: two periods side by side, who moved between tiers and
 * why, the restatement split, quadrant movement, closing a period, and the
 * way into the projector presentation. */
#pragma once

#include "strata-action-export.h"
#include "strata-page.h"
#include "strata-review-charts.h"
#include "strata-review-deck.h"

G_BEGIN_DECLS

#define STRATA_TYPE_REVIEW_PAGE (strata_review_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataReviewPage, strata_review_page, STRATA, REVIEW_PAGE, StrataPage)

/* Compares from with to (period names); FALSE when either is unknown. */
gboolean          strata_review_page_set_periods  (StrataReviewPage *self,
                                                   const char       *from,
                                                   const char       *to);
/* What the page shows, NULL while it shows its empty state. */
StrataReviewDeck *strata_review_page_get_deck     (StrataReviewPage *self);
/* The quadrant chart's arrows: for the movers, the selected customer or none. */
void              strata_review_page_set_arrows   (StrataReviewPage   *self,
                                                   StrataReviewArrows  arrows);
guint             strata_review_page_get_n_arrows (StrataReviewPage *self);
StrataChart      *strata_review_page_get_quadrant_chart (StrataReviewPage *self);
/* A click at (x, y) on the quadrant chart: the customer there becomes the
 * selected one and its arrow alone is shown. FALSE when no point is there. */
gboolean          strata_review_page_pick_at      (StrataReviewPage *self,
                                                   double            x,
                                                   double            y);
/* Ticks a slide in the Present popover (every slide is ticked at first). */
void              strata_review_page_set_slide_enabled (StrataReviewPage *self,
                                                        StrataSlideKind   kind,
                                                        gboolean          enabled);
/* Starts the presentation with the slides chosen in the Present popover;
 * returns its window, or NULL (with a toast) when there is nothing to show. */
GtkWindow        *strata_review_page_present      (StrataReviewPage *self);

/* Action Lists… without its file chooser: writes the action lists of the
 * compared periods to path (a folder for one PDF per owner), with a toast. */
void              strata_review_page_export_actions (StrataReviewPage       *self,
                                                     StrataActionExportKind  kind,
                                                     const char             *owner_attribute,
                                                     const char             *path,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);

/* The movers of the periods compared, as CSV or (a path ending in .xlsx)
 * an Excel workbook; strata-review-page-export.c. */
gboolean          strata_review_page_export_movement (StrataReviewPage  *self,
                                                      const char        *path,
                                                      GError           **error);

G_END_DECLS
