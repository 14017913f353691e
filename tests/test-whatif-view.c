/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataWhatifView: exact counts, transitions, movers and panel texts. */
#include <locale.h>
#include <math.h>

#include "strata-whatif-view-private.h"

static const char *tiers[] = { "A", "B", "C", "D", "E" };

static void
test_counts_and_transitions (void)
{
  /* 10 customers; -1 has no tier (never a mover). */
  const int before[] = { 3, 3, 3, 4, 2, 2, 1, 0, -1, 3 };
  const int after[]  = { 2, 2, 3, 3, 3, 2, 1, 0,  2, 2 };
  const double sb[]  = { 30, 31, 32, 10, 55, 56, 70, 90, 0, 34 };
  const double sa[]  = { 41, 45, 33, 21, 49, 57, 71, 91, 50, 40 };
  g_autoptr(StrataWhatifView) view =
    strata_whatif_view_new (5, tiers, 10, before, after, sb, sa);
  g_autofree char *summary = NULL;
  g_autofree char *t0 = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  const StrataWhatifMover *m;

  g_assert_cmpuint (strata_whatif_view_get_count_before (view, 0), ==, 1);
  g_assert_cmpuint (strata_whatif_view_get_count_before (view, 1), ==, 1);
  g_assert_cmpuint (strata_whatif_view_get_count_before (view, 2), ==, 2);
  g_assert_cmpuint (strata_whatif_view_get_count_before (view, 3), ==, 4);
  g_assert_cmpuint (strata_whatif_view_get_count_before (view, 4), ==, 1);
  g_assert_cmpuint (strata_whatif_view_get_count_after (view, 0), ==, 1);
  g_assert_cmpuint (strata_whatif_view_get_count_after (view, 1), ==, 1);
  g_assert_cmpuint (strata_whatif_view_get_count_after (view, 2), ==, 5);
  g_assert_cmpuint (strata_whatif_view_get_count_after (view, 3), ==, 3);
  g_assert_cmpuint (strata_whatif_view_get_count_after (view, 4), ==, 0);
  g_assert_cmpuint (strata_whatif_view_get_max_count (view), ==, 5);

  /* D→C three times, E→D once, C→D once. */
  g_assert_cmpuint (strata_whatif_view_get_moved_up (view), ==, 4);
  g_assert_cmpuint (strata_whatif_view_get_moved_down (view), ==, 1);
  g_assert_cmpuint (strata_whatif_view_get_n_transitions (view), ==, 3);
  t0 = strata_whatif_view_format_transition (view, 0);
  t1 = strata_whatif_view_format_transition (view, 1);
  t2 = strata_whatif_view_format_transition (view, 2);
  g_assert_cmpstr (t0, ==, "D → C: 3");
  g_assert_cmpstr (t1, ==, "C → D: 1");
  g_assert_cmpstr (t2, ==, "E → D: 1");

  summary = strata_whatif_view_format_summary (view);
  g_assert_cmpstr (summary, ==, "4 customers move up, 1 down");

  /* All jumps are one tier: by score change (15, 11, 11, 6, 6), ties by index. */
  g_assert_cmpuint (strata_whatif_view_get_n_movers (view), ==, 5);
  m = strata_whatif_view_get_mover (view, 0);
  g_assert_cmpuint (m->customer, ==, 1);
  g_assert_cmpuint (m->from, ==, 3);
  g_assert_cmpuint (m->to, ==, 2);
  g_assert_cmpfloat (m->score_before, ==, 31);
  g_assert_cmpfloat (m->score_after, ==, 45);
  g_assert_cmpuint (strata_whatif_view_get_mover (view, 1)->customer, ==, 0);
  g_assert_cmpuint (strata_whatif_view_get_mover (view, 2)->customer, ==, 3);
  g_assert_cmpuint (strata_whatif_view_get_mover (view, 3)->customer, ==, 4);
  g_assert_cmpuint (strata_whatif_view_get_mover (view, 4)->customer, ==, 9);
}

static void
test_big_jump_first (void)
{
  const int before[] = { 4, 3 };
  const int after[]  = { 1, 2 };
  g_autoptr(StrataWhatifView) view =
    strata_whatif_view_new (5, tiers, 2, before, after, NULL, NULL);

  g_assert_cmpuint (strata_whatif_view_get_n_movers (view), ==, 2);
  g_assert_cmpuint (strata_whatif_view_get_mover (view, 0)->customer, ==, 0);
  g_assert_true (isnan (strata_whatif_view_get_mover (view, 0)->score_before));
}

static void
test_summaries (void)
{
  const int same[] = { 0, 1, 2 };
  const int up[] = { 0, 0, 1 };
  const int down[] = { 0, 2, 2 };
  g_autoptr(StrataWhatifView) none = strata_whatif_view_new (3, tiers, 3, same, same, NULL, NULL);
  g_autoptr(StrataWhatifView) ups = strata_whatif_view_new (3, tiers, 3, same, up, NULL, NULL);
  g_autoptr(StrataWhatifView) downs = strata_whatif_view_new (3, tiers, 3, same, down, NULL, NULL);
  g_autoptr(StrataWhatifView) empty = strata_whatif_view_new (0, NULL, 0, NULL, NULL, NULL, NULL);
  g_autofree char *s_none = strata_whatif_view_format_summary (none);
  g_autofree char *s_up = strata_whatif_view_format_summary (ups);
  g_autofree char *s_down = strata_whatif_view_format_summary (downs);

  g_assert_cmpstr (s_none, ==, "No customer changes tier");
  g_assert_cmpuint (strata_whatif_view_get_n_transitions (none), ==, 0);
  g_assert_cmpstr (s_up, ==, "2 customers move up");
  g_assert_cmpstr (s_down, ==, "1 customer moves down");
  g_assert_cmpuint (strata_whatif_view_get_max_count (empty), ==, 0);
}

/* From tier bytes and maps: the same view as from the mapped ints, with
 * tiers the map lacks (-1) and bytes past the map (no tier). */
static void
test_mapped (void)
{
  const guint n = 5000;
  const int before_map[] = { 0, 1, -1, 3, 4, 2 };   /* six tiers before, one gone */
  const int after_map[] = { 0, 1, 2, 3, 4 };
  g_autofree guint8 *b = g_new (guint8, n);
  g_autofree guint8 *a = g_new (guint8, n);
  g_autofree int *bi = g_new (int, n);
  g_autofree int *ai = g_new (int, n);
  g_autofree double *sb = g_new (double, n);
  g_autofree double *sa = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(StrataWhatifView) ints = NULL, mapped = NULL;

  for (guint i = 0; i < n; i++)
    {
      b[i] = g_rand_int_range (rand, 0, 8);   /* 6, 7: past the map */
      a[i] = g_rand_int_range (rand, 0, 6);   /* 5: past the map */
      bi[i] = b[i] < G_N_ELEMENTS (before_map) ? before_map[b[i]] : -1;
      ai[i] = a[i] < G_N_ELEMENTS (after_map) ? after_map[a[i]] : -1;
      sb[i] = g_rand_double (rand);
      sa[i] = g_rand_double (rand);
    }
  ints = strata_whatif_view_new (5, tiers, n, bi, ai, sb, sa);
  mapped = strata_whatif_view_new_mapped (5, tiers, n, b, before_map, G_N_ELEMENTS (before_map),
                                          a, after_map, G_N_ELEMENTS (after_map), sb, sa);
  g_assert_cmpuint (strata_whatif_view_get_moved_up (mapped), >, 100);
  g_assert_cmpuint (strata_whatif_view_get_moved_up (mapped), ==, strata_whatif_view_get_moved_up (ints));
  g_assert_cmpuint (strata_whatif_view_get_moved_down (mapped), ==, strata_whatif_view_get_moved_down (ints));
  for (guint t = 0; t < 5; t++)
    {
      g_assert_cmpuint (strata_whatif_view_get_count_before (mapped, t), ==, strata_whatif_view_get_count_before (ints, t));
      g_assert_cmpuint (strata_whatif_view_get_count_after (mapped, t), ==, strata_whatif_view_get_count_after (ints, t));
    }
  g_assert_cmpuint (strata_whatif_view_get_n_transitions (mapped), ==, strata_whatif_view_get_n_transitions (ints));
  for (guint i = 0; i < strata_whatif_view_get_n_transitions (ints); i++)
    g_assert_cmpmem (strata_whatif_view_get_transition (mapped, i), sizeof (StrataWhatifTransition),
                     strata_whatif_view_get_transition (ints, i), sizeof (StrataWhatifTransition));
  g_assert_cmpuint (strata_whatif_view_get_n_movers (mapped), ==, strata_whatif_view_get_n_movers (ints));
  for (guint i = 0; i < strata_whatif_view_get_n_movers (ints); i++)
    {
      const StrataWhatifMover *m = strata_whatif_view_get_mover (mapped, i);
      const StrataWhatifMover *e = strata_whatif_view_get_mover (ints, i);

      g_assert_cmpuint (m->customer, ==, e->customer);
      g_assert_cmpuint (m->from, ==, e->from);
      g_assert_cmpuint (m->to, ==, e->to);
      g_assert_cmpfloat (m->score_before, ==, e->score_before);
      g_assert_cmpfloat (m->score_after, ==, e->score_after);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/whatif-view/counts-and-transitions", test_counts_and_transitions);
  g_test_add_func ("/whatif-view/big-jump-first", test_big_jump_first);
  g_test_add_func ("/whatif-view/summaries", test_summaries);
  g_test_add_func ("/whatif-view/mapped", test_mapped);
  return g_test_run ();
}
