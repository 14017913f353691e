/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-movement.h. */
#pragma once

#include "strata-movement.h"

G_BEGIN_DECLS

/* Customers per tier in the earlier (later) period. */
guint           strata_movement_get_from_total   (StrataMovement *self,
                                                  guint           tier);
guint           strata_movement_get_to_total     (StrataMovement *self,
                                                  guint           tier);
guint           strata_movement_get_n_from       (StrataMovement *self);
double          strata_movement_get_to_revenue_total (StrataMovement *self);

const StrataMover *strata_movement_find_mover    (StrataMovement *self,
                                                  gint64          customer_id);

void            strata_movement_get_split        (StrataMovement  *self,
                                                  StrataMoveSplit *split);

G_END_DECLS
