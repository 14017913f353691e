/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPresentation: the quarterly review on the meeting-room projector.
 * A full-screen window of slides on black, drawn by the same render
 * functions as the window, scaled up. Left/Right, Page Up/Page Down,
 * space and Backspace move, Home/End jump, Escape leaves. */
#pragma once

#include <gtk/gtk.h>

#include "strata-review-charts.h"
#include "strata-review-deck.h"

G_BEGIN_DECLS

#define STRATA_TYPE_PRESENTATION (strata_presentation_get_type ())
G_DECLARE_FINAL_TYPE (StrataPresentation, strata_presentation, STRATA, PRESENTATION, GtkWindow)

/* enabled: STRATA_N_SLIDES flags, NULL for every slide. quadrant_chart:
 * the deck's chart with the movers' arrows (strata_review_arrows_chart(),
 * its quadrants' names in the corners) built on a worker, or NULL to build
 * it here. */
GtkWidget  *strata_presentation_new           (GtkWindow          *parent,
                                               StrataReviewDeck   *deck,
                                               const gboolean     *enabled,
                                               StrataQuadrantChart *quadrant_chart);
guint       strata_presentation_get_n_slides  (StrataPresentation *self);
guint       strata_presentation_get_position  (StrataPresentation *self);
StrataSlideKind strata_presentation_get_slide_kind (StrataPresentation *self);
void        strata_presentation_go_to         (StrataPresentation *self,
                                               guint               position);
/* The "3 / 7" label at the bottom right. */
GtkLabel   *strata_presentation_get_counter   (StrataPresentation *self);
/* Whether the window is small enough (under 960x720) for the compact
 * type sizes. */
gboolean    strata_presentation_get_compact   (StrataPresentation *self);
/* Shows the score receipt of a customer of the later period. */
GtkWindow  *strata_presentation_show_receipt  (StrataPresentation *self,
                                               gint64              customer_id);

G_END_DECLS
