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

/* What the movers' reasons are read from and formatted with: the facts of
 * every mover, a mover's contiguous, and what their texts name. */
struct _StrataReasonBook
{
  GArray       *facts;       /* of StrataReason */
  StrataRules  *from_rules;  /* copies: the earlier rules used, the later ones */
  StrataRules  *to_rules;
  GHashTable   *metrics;     /* key -> StrataReviewMetric, or NULL */
  const char   *to_name;     /* the movement's */
  GPtrArray    *tiers;       /* the movement's StrataMovementTier* */
  GPtrArray    *details;     /* override reasons (interned), by StrataReason.detail - 1 */
  GStringChunk *strings;     /* keys and override reasons, interned */
};

void            strata_reason_book_init          (StrataReasonBook    *book,
                                                  const StrataRules   *from_rules,
                                                  const StrataRules   *to_rules,
                                                  GHashTable          *metrics,
                                                  const char          *to_name,
                                                  GPtrArray           *tiers);
void            strata_reason_book_clear         (StrataReasonBook    *book);
/* A new or lost customer's one reason: its score in the period it is in;
 * lost names its earlier tier. */
void            strata_reason_book_add_presence  (StrataReasonBook    *book,
                                                  StrataMover         *mover,
                                                  guint               tier,
                                                  double              old_score,
                                                  double              new_score);
/* The reasons a customer in both periods changed tier, added to the book
 * as the mover's. */
void            strata_reason_book_explain_move  (StrataReasonBook    *book,
                                                  StrataMover         *mover,
                                                  StrataPeriodResults *from,
                                                  guint                from_row,
                                                  StrataPeriodResults *to,
                                                  guint                to_row);

G_END_DECLS
