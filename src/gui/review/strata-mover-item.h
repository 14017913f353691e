/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "strata-movement.h"

G_BEGIN_DECLS

/* One item of a StrataMoverModel: a mover and the movement it belongs to.
 * It holds no reference: the model's deck keeps both alive. */
#define STRATA_TYPE_MOVER_ITEM (strata_mover_item_get_type ())
G_DECLARE_FINAL_TYPE (StrataMoverItem, strata_mover_item, STRATA, MOVER_ITEM, GObject)

StrataMoverItem   *strata_mover_item_new          (StrataMovement    *movement,
                                                   const StrataMover *mover);
StrataMovement    *strata_mover_item_get_movement (StrataMoverItem   *self);
const StrataMover *strata_mover_item_get_mover    (StrataMoverItem   *self);

G_END_DECLS
