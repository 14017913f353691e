/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests and the movement's own files ask of strata-movement.h. */
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

/* strata-movement-reasons.c */
void            strata_movement_reason_free      (StrataReason        *reason);
void            strata_movement_add_reason       (GPtrArray           *reasons,
                                                  StrataReasonKind     kind,
                                                  const char          *key,
                                                  double               old_value,
                                                  double               new_value,
                                                  char                *text);
/* The reasons (StrataReason) a customer in both periods changed tier;
 * metrics: key -> StrataReviewMetric. */
GPtrArray      *strata_movement_explain_move     (StrataPeriodResults *from,
                                                  guint                from_row,
                                                  StrataPeriodResults *to,
                                                  guint                to_row,
                                                  GHashTable          *metrics);

G_END_DECLS
