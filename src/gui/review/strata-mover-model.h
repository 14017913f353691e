/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-mover-item.h"
#include "strata-review-deck.h"

G_BEGIN_DECLS

/* The movers of one kind of a deck as a list model of StrataMoverItems,
 * each made when asked for. */
#define STRATA_TYPE_MOVER_MODEL (strata_mover_model_get_type ())
G_DECLARE_FINAL_TYPE (StrataMoverModel, strata_mover_model, STRATA, MOVER_MODEL, GObject)

/* Holds a reference to deck, released as the Review page releases it. */
GListModel *strata_mover_model_new (StrataReviewDeck *deck,
                                    StrataMoveKind    kind);

G_END_DECLS
