/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the live impact panel shows, computed from plain arrays so that it can
 * be tested without widgets: the tier distribution before (published rules)
 * and after (draft), how many customers move up and down, the transition
 * counts ("D → C: 14") and the movers. Tiers are given best first: index 0 is
 * the top tier, so moving to a smaller index is moving up. A customer with no
 * tier on one side is given -1 and never counts as a mover. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  guint  from;        /* tier indices, best first */
  guint  to;
  guint  count;
} StrataWhatifTransition;

typedef struct
{
  guint   customer;   /* index into the caller's customer arrays */
  guint   from;
  guint   to;
  double  score_before;
  double  score_after;
} StrataWhatifMover;

typedef struct _StrataWhatifView StrataWhatifView;

#define STRATA_TYPE_WHATIF_VIEW (strata_whatif_view_get_type ())
GType              strata_whatif_view_get_type (void) G_GNUC_CONST;

/* tier_ids: n_tiers short ids ("A"... best first) used in the transition
 * labels. before/after: n_customers tier indices (-1: none). scores_before /
 * scores_after may be NULL (movers then carry NaN). */
StrataWhatifView  *strata_whatif_view_new      (guint                n_tiers,
                                                const char * const  *tier_ids,
                                                guint                n_customers,
                                                const int           *before,
                                                const int           *after,
                                                const double        *scores_before,
                                                const double        *scores_after);
/* The same from each side's tiers as a result holds them (one byte a
 * customer) and a map of those onto the n_tiers (-1: none; a tier past
 * the map: none): no array of n ints a side (8 MB of fresh pages at a
 * million customers). */
StrataWhatifView  *strata_whatif_view_new_mapped (guint               n_tiers,
                                                  const char * const *tier_ids,
                                                  guint               n_customers,
                                                  const guint8       *before,
                                                  const int          *before_map,
                                                  guint               n_before_map,
                                                  const guint8       *after,
                                                  const int          *after_map,
                                                  guint               n_after_map,
                                                  const double       *scores_before,
                                                  const double       *scores_after);
StrataWhatifView  *strata_whatif_view_ref      (StrataWhatifView    *self);
void               strata_whatif_view_unref    (StrataWhatifView    *self);

guint              strata_whatif_view_get_n_tiers       (StrataWhatifView *self);
const char        *strata_whatif_view_get_tier_id       (StrataWhatifView *self,
                                                         guint             tier);
guint              strata_whatif_view_get_count_before  (StrataWhatifView *self,
                                                         guint             tier);
guint              strata_whatif_view_get_count_after   (StrataWhatifView *self,
                                                         guint             tier);
/* The largest count of any tier on either side (to scale the bars). */
guint              strata_whatif_view_get_max_count     (StrataWhatifView *self);

/* Transitions with a non-zero count, largest first (ties: from, then to). */
guint              strata_whatif_view_get_n_transitions (StrataWhatifView *self);
const StrataWhatifTransition *
                   strata_whatif_view_get_transition    (StrataWhatifView *self,
                                                         guint             i);
/* "D → C: 14" */
char              *strata_whatif_view_format_transition (StrataWhatifView *self,
                                                         guint             i);

/* Movers, biggest jump first, then by the larger score change, then by
 * customer index (a stable order for the list). */
guint              strata_whatif_view_get_n_movers      (StrataWhatifView *self);
const StrataWhatifMover *
                   strata_whatif_view_get_mover         (StrataWhatifView *self,
                                                         guint             i);

/* "14 customers move up, 6 down" / "No customer changes tier". */
char              *strata_whatif_view_format_summary    (StrataWhatifView *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataWhatifView, strata_whatif_view_unref)

G_END_DECLS
