/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "strata-review-arrows.h"

static GThread *counted_thread;
static guint    n_counted;

void
strata_review_arrows_count_on (GThread *thread)
{
  g_atomic_pointer_set (&counted_thread, thread);
  g_atomic_int_set (&n_counted, 0);
}

guint
strata_review_arrows_get_counted (void)
{
  return g_atomic_int_get (&n_counted);
}

/* The movers of strata_review_quadrant_chart()'s STRATA_REVIEW_ARROWS_MOVERS
 * (a tier or quadrant changed, with an earlier position, in the later
 * period's data), every step-th of them. */
static void
set_sampled_movement (StrataQuadrantChart *chart,
                      StrataReviewDeck    *deck,
                      guint                n_arrows,
                      guint                n_drawn)
{
  GArray *positions = strata_movement_get_positions (strata_review_deck_get_movement (deck));
  const StrataPeriodData *pd = strata_review_deck_get_results (deck)->data;
  g_autofree guint *moved = g_new (guint, n_drawn);
  g_autofree double *prev_x = g_new (double, n_drawn);
  g_autofree double *prev_y = g_new (double, n_drawn);
  guint j = 0, k = 0;

  for (guint i = 0; i < positions->len && k < n_drawn; i++)
    {
      const StrataMovementPosition *p = &g_array_index (positions, StrataMovementPosition, i);
      int row;

      if (isnan (p->from_x) || isnan (p->from_y) ||
          !(p->tier_changed || p->from_quadrant != p->to_quadrant) ||
          (row = strata_period_data_find_id (pd, p->customer_id)) < 0)
        continue;
      /* The j-th of n_arrows when it starts a new n_drawn-th of them. */
      if (j == 0 || (guint64) j * n_drawn / n_arrows != ((guint64) j - 1) * n_drawn / n_arrows)
        {
          moved[k] = row;
          prev_x[k] = p->from_x;
          prev_y[k] = p->from_y;
          k++;
        }
      j++;
    }
  strata_quadrant_chart_set_movement (chart, moved, prev_x, prev_y, k);
}

StrataQuadrantChart *
strata_review_arrows_chart (StrataReviewDeck   *deck,
                            StrataReviewArrows  mode,
                            gint64              customer,
                            guint              *n_arrows,
                            guint              *n_drawn)
{
  StrataQuadrantChart *chart;
  guint n;

  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (deck), NULL);

  if (g_atomic_pointer_get (&counted_thread) == g_thread_self ())
    g_atomic_int_inc (&n_counted);
  n = strata_review_count_arrows (deck, mode, customer);
  if (n <= STRATA_REVIEW_MAX_DRAWN_ARROWS)
    {
      chart = strata_review_quadrant_chart (deck, mode, customer);
      if (n_drawn != NULL)
        *n_drawn = n;
    }
  else
    {
      /* Only the movers' mode has that many: none, then the sample. */
      chart = strata_review_quadrant_chart (deck, STRATA_REVIEW_ARROWS_NONE, 0);
      set_sampled_movement (chart, deck, n, STRATA_REVIEW_MAX_DRAWN_ARROWS);
      if (n_drawn != NULL)
        *n_drawn = STRATA_REVIEW_MAX_DRAWN_ARROWS;
    }
  if (n_arrows != NULL)
    *n_arrows = n;
  return chart;
}
