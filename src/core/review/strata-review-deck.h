/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataReviewDeck: everything the quarterly review shows about two
 * periods, prepared once: the movement, the later period's results (for
 * the pyramid and the quadrant), the rule changes between the versions the
 * two periods were scored with, and the entitlement edits since the earlier
 * period was closed. The Review page and the presentation only read it. */
#pragma once

#include "strata-movement.h"
#include "strata-product-mix.h"
#include "strata-retention.h"
#include "strata-rules-diff.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_SLIDE_TITLE,
  STRATA_SLIDE_PYRAMID,
  STRATA_SLIDE_MOVEMENT,
  STRATA_SLIDE_MOVERS,
  STRATA_SLIDE_QUADRANT,
  STRATA_SLIDE_RETENTION,
  STRATA_SLIDE_ENTITLEMENTS,
  STRATA_SLIDE_RULES,
  STRATA_SLIDE_PRODUCTS,
  STRATA_N_SLIDES,
} StrataSlideKind;

/* An entitlement edit from the audit log. */
typedef struct
{
  char *at;      /* ISO 8601 UTC */
  char *author;
  char *text;    /* what the editor recorded, in the editor's language */
} StrataEntitlementChange;

#define STRATA_TYPE_REVIEW_DECK (strata_review_deck_get_type ())
G_DECLARE_FINAL_TYPE (StrataReviewDeck, strata_review_deck, STRATA, REVIEW_DECK, GObject)

StrataReviewDeck    *strata_review_deck_load         (StrataWorkspace  *workspace,
                                                      gint64            from_id,
                                                      gint64            to_id,
                                                      gboolean          restate,
                                                      GError          **error);
/* The same over to (may be NULL) as the later period's results when they are
 * to_id's: the window's data of the period, shared rather than read again
 * (the columns the deck reads that it lacks are read into it). For the
 * page and its slides: the product mix's migration list is kept only as
 * its count (strata_review_deck_get_n_migration), the mix's list is empty. */
StrataReviewDeck    *strata_review_deck_load_sharing (StrataWorkspace     *workspace,
                                                      gint64               from_id,
                                                      gint64               to_id,
                                                      gboolean             restate,
                                                      StrataPeriodResults *to,
                                                      GError             **error);

/* The company ("company" in the workspace's meta), or the file's name. */
const char          *strata_review_deck_get_company  (StrataReviewDeck *self);
StrataMovement      *strata_review_deck_get_movement (StrataReviewDeck *self);
/* The later period's results. */
StrataPeriodResults *strata_review_deck_get_results  (StrataReviewDeck *self);
/* Whether the later period is closed. */
gboolean             strata_review_deck_get_to_closed   (StrataReviewDeck *self);
/* StrataRuleChange* from the earlier period's rules to the later one's. */
GPtrArray           *strata_review_deck_get_rule_changes (StrataReviewDeck *self);
/* StrataEntitlementChange*, oldest first. */
GPtrArray           *strata_review_deck_get_entitlement_changes (StrataReviewDeck *self);
/* The time those start from: the earlier period's closing, NULL when it is
 * open (then every recorded edit counts). */
const char          *strata_review_deck_get_since    (StrataReviewDeck *self);
/* Per tier of the later results' rules: customers by final tier and by
 * base tier, and revenue by final tier (n_tiers each). */
const guint         *strata_review_deck_get_tier_counts (StrataReviewDeck *self);
const guint         *strata_review_deck_get_base_counts (StrataReviewDeck *self);
const double        *strata_review_deck_get_tier_revenue (StrataReviewDeck *self);
double               strata_review_deck_get_revenue  (StrataReviewDeck *self);

/* A metric of the workspace by key, NULL when unknown; its label, or the
 * key itself. */
const StrataReviewMetric *strata_review_deck_get_metric (StrataReviewDeck *self,
                                                         const char       *key);
const char          *strata_review_deck_get_metric_label (StrataReviewDeck *self,
                                                          const char       *key);

/* The later period's product mix, or NULL when it could not be read. */
const StrataProductMix *strata_review_deck_get_product_mix (StrataReviewDeck *self);
/* The customers on the mix's migration list (0 without a mix). */
guint                strata_review_deck_get_n_migration (StrataReviewDeck *self);
/* Retention over every pair of consecutive periods of the workspace (not
 * only the two compared), per tier or per quadrant. */
const StrataRetention *strata_review_deck_get_retention (StrataReviewDeck       *self,
                                                         StrataRetentionGroupBy  by);

/* "Tier pyramid", "Movement"... translated. */
const char          *strata_slide_kind_get_title     (StrataSlideKind   kind);
/* strata_movement_describe_split() of the deck's movement: the one text
 * the page, the slide and the report show. */
char                *strata_review_deck_describe_split (StrataReviewDeck *self);

G_END_DECLS
