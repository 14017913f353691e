/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-review-deck.h. */
#pragma once

#include "strata-review-deck.h"

G_BEGIN_DECLS

/* Whether the earlier period is closed. */
gboolean             strata_review_deck_get_from_closed (StrataReviewDeck *self);

G_END_DECLS
