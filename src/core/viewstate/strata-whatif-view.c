/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-format.h"
#include "strata-whatif-view-private.h"

struct _StrataWhatifView
{
  guint            n_tiers;
  char           **tier_ids;
  guint           *before_counts;
  guint           *after_counts;
  guint            moved_up;
  guint            moved_down;
  GArray          *transitions;   /* StrataWhatifTransition */
  GArray          *movers;        /* StrataWhatifMover */
};

G_DEFINE_BOXED_TYPE (StrataWhatifView, strata_whatif_view,
                     strata_whatif_view_ref, strata_whatif_view_unref)

static int
compare_transitions (gconstpointer a,
                     gconstpointer b)
{
  const StrataWhatifTransition *ta = a;
  const StrataWhatifTransition *tb = b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  if (ta->from != tb->from)
    return ta->from < tb->from ? -1 : 1;
  if (ta->to != tb->to)
    return ta->to < tb->to ? -1 : 1;
  return 0;
}

static int
compare_movers (gconstpointer a,
                gconstpointer b)
{
  const StrataWhatifMover *ma = a;
  const StrataWhatifMover *mb = b;
  int jump_a = ABS ((int) ma->from - (int) ma->to);
  int jump_b = ABS ((int) mb->from - (int) mb->to);
  double delta_a = fabs (ma->score_after - ma->score_before);
  double delta_b = fabs (mb->score_after - mb->score_before);

  if (jump_a != jump_b)
    return jump_a > jump_b ? -1 : 1;
  /* NaN compares false both ways and falls through to the index. */
  if (delta_a > delta_b)
    return -1;
  if (delta_a < delta_b)
    return 1;
  if (ma->customer != mb->customer)
    return ma->customer < mb->customer ? -1 : 1;
  return 0;
}

/* One side's tier index of a customer: from ints, or from tiers mapped. */
typedef struct
{
  const int    *ints;
  const guint8 *tiers;
  const int    *map;
  guint         n_map;
} Side;

static inline int
side_tier (const Side *side,
           guint       i)
{
  if (side->ints != NULL)
    return side->ints[i];
  return side->tiers[i] < side->n_map ? side->map[side->tiers[i]] : -1;
}

static StrataWhatifView *
view_new (guint               n_tiers,
          const char * const *tier_ids,
          guint               n_customers,
          const Side         *before,
          const Side         *after,
          const double       *scores_before,
          const double       *scores_after)
{
  StrataWhatifView *self;
  g_autofree guint *matrix = NULL;

  self = g_atomic_rc_box_new0 (StrataWhatifView);
  self->n_tiers = n_tiers;
  self->tier_ids = g_new0 (char *, n_tiers + 1);
  for (guint t = 0; t < n_tiers; t++)
    self->tier_ids[t] = g_strdup (tier_ids[t]);
  self->before_counts = g_new0 (guint, MAX (n_tiers, 1));
  self->after_counts = g_new0 (guint, MAX (n_tiers, 1));
  self->transitions = g_array_new (FALSE, FALSE, sizeof (StrataWhatifTransition));
  self->movers = g_array_new (FALSE, FALSE, sizeof (StrataWhatifMover));
  matrix = g_new0 (guint, MAX (n_tiers * n_tiers, 1));

  for (guint i = 0; i < n_customers; i++)
    {
      int from = side_tier (before, i), to = side_tier (after, i);
      gboolean has_before = from >= 0 && (guint) from < n_tiers;
      gboolean has_after = to >= 0 && (guint) to < n_tiers;

      if (has_before)
        self->before_counts[from]++;
      if (has_after)
        self->after_counts[to]++;
      if (!has_before || !has_after || from == to)
        continue;

      matrix[from * n_tiers + to]++;
      if (to < from)
        self->moved_up++;
      else
        self->moved_down++;

      {
        StrataWhatifMover mover = {
          .customer = i,
          .from = from,
          .to = to,
          .score_before = scores_before ? scores_before[i] : NAN,
          .score_after = scores_after ? scores_after[i] : NAN,
        };
        g_array_append_val (self->movers, mover);
      }
    }

  for (guint from = 0; from < n_tiers; from++)
    for (guint to = 0; to < n_tiers; to++)
      if (matrix[from * n_tiers + to] > 0)
        {
          StrataWhatifTransition tr = { from, to, matrix[from * n_tiers + to] };
          g_array_append_val (self->transitions, tr);
        }
  g_array_sort (self->transitions, compare_transitions);
  g_array_sort (self->movers, compare_movers);
  return self;
}

StrataWhatifView *
strata_whatif_view_new (guint               n_tiers,
                        const char * const *tier_ids,
                        guint               n_customers,
                        const int          *before,
                        const int          *after,
                        const double       *scores_before,
                        const double       *scores_after)
{
  Side b = { before, NULL, NULL, 0 }, a = { after, NULL, NULL, 0 };

  g_return_val_if_fail (n_tiers == 0 || tier_ids != NULL, NULL);
  g_return_val_if_fail (n_customers == 0 || (before != NULL && after != NULL), NULL);
  return view_new (n_tiers, tier_ids, n_customers, &b, &a, scores_before, scores_after);
}

StrataWhatifView *
strata_whatif_view_new_mapped (guint               n_tiers,
                               const char * const *tier_ids,
                               guint               n_customers,
                               const guint8       *before,
                               const int          *before_map,
                               guint               n_before_map,
                               const guint8       *after,
                               const int          *after_map,
                               guint               n_after_map,
                               const double       *scores_before,
                               const double       *scores_after)
{
  Side b = { NULL, before, before_map, n_before_map }, a = { NULL, after, after_map, n_after_map };

  g_return_val_if_fail (n_tiers == 0 || tier_ids != NULL, NULL);
  g_return_val_if_fail (n_customers == 0 || (before != NULL && after != NULL), NULL);
  g_return_val_if_fail (n_before_map == 0 || before_map != NULL, NULL);
  g_return_val_if_fail (n_after_map == 0 || after_map != NULL, NULL);
  return view_new (n_tiers, tier_ids, n_customers, &b, &a, scores_before, scores_after);
}

StrataWhatifView *
strata_whatif_view_ref (StrataWhatifView *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

static void
view_clear (StrataWhatifView *self)
{
  g_strfreev (self->tier_ids);
  g_free (self->before_counts);
  g_free (self->after_counts);
  g_array_unref (self->transitions);
  g_array_unref (self->movers);
}

void
strata_whatif_view_unref (StrataWhatifView *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) view_clear);
}

guint
strata_whatif_view_get_n_tiers (StrataWhatifView *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_tiers;
}

const char *
strata_whatif_view_get_tier_id (StrataWhatifView *self,
                                guint             tier)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tier < self->n_tiers, NULL);
  return self->tier_ids[tier];
}

guint
strata_whatif_view_get_count_before (StrataWhatifView *self,
                                     guint             tier)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tier < self->n_tiers, 0);
  return self->before_counts[tier];
}

guint
strata_whatif_view_get_count_after (StrataWhatifView *self,
                                    guint             tier)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tier < self->n_tiers, 0);
  return self->after_counts[tier];
}

guint
strata_whatif_view_get_max_count (StrataWhatifView *self)
{
  guint max = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint t = 0; t < self->n_tiers; t++)
    max = MAX (max, MAX (self->before_counts[t], self->after_counts[t]));
  return max;
}

guint
strata_whatif_view_get_moved_up (StrataWhatifView *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->moved_up;
}

guint
strata_whatif_view_get_moved_down (StrataWhatifView *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->moved_down;
}

guint
strata_whatif_view_get_n_transitions (StrataWhatifView *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->transitions->len;
}

const StrataWhatifTransition *
strata_whatif_view_get_transition (StrataWhatifView *self,
                                   guint             i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->transitions->len, NULL);
  return &g_array_index (self->transitions, StrataWhatifTransition, i);
}

char *
strata_whatif_view_format_transition (StrataWhatifView *self,
                                      guint             i)
{
  const StrataWhatifTransition *tr = strata_whatif_view_get_transition (self, i);
  g_autofree char *count = NULL;

  g_return_val_if_fail (tr != NULL, NULL);
  count = strata_format_integer (strata_number_format_get_default (), tr->count);
  /* Translators: a tier transition in the what-if panel: "D → C: 4,372"
   * means 4,372 customers move from tier D to tier C. */
  return g_strdup_printf (_("%s → %s: %s"),
                          self->tier_ids[tr->from], self->tier_ids[tr->to], count);
}

guint
strata_whatif_view_get_n_movers (StrataWhatifView *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->movers->len;
}

const StrataWhatifMover *
strata_whatif_view_get_mover (StrataWhatifView *self,
                              guint             i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->movers->len, NULL);
  return &g_array_index (self->movers, StrataWhatifMover, i);
}

char *
strata_whatif_view_format_summary (StrataWhatifView *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  g_autofree char *n_up = NULL;
  g_autofree char *n_down = NULL;
  g_autofree char *up = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->moved_up == 0 && self->moved_down == 0)
    return g_strdup (_("No customer changes tier"));
  n_up = strata_format_integer (fmt, self->moved_up);
  n_down = strata_format_integer (fmt, self->moved_down);
  if (self->moved_down == 0)
    return g_strdup_printf (strata_ngettext ("%s customer moves up",
                                         "%s customers move up", self->moved_up),
                            n_up);
  if (self->moved_up == 0)
    return g_strdup_printf (strata_ngettext ("%s customer moves down",
                                         "%s customers move down", self->moved_down),
                            n_down);
  /* Translators: the first half of "4,331 customers move up, 6 down". */
  up = g_strdup_printf (strata_ngettext ("%s customer moves up",
                                     "%s customers move up", self->moved_up),
                        n_up);
  /* Translators: "%s" is "4,331 customers move up"; the whole reads
   * "4,331 customers move up, 6 down". */
  return g_strdup_printf (_("%s, %s down"), up, n_down);
}
