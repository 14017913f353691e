/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tier movement on two constructed periods, scored with the default rules
 * (v1) and with a v2 whose tier C starts at 35 instead of 45:
 *
 *   customer  Q1 (frozen, v1)        Q2 (v2)
 *   Alpha     500k, 2 ref, 3 lines,   1.2M, same items: 45 -> C
 *             high growth: 35 -> D    (restated Q1 under v2: 35 -> C)
 *   Beta      3.5M, listed: 35 -> D   3.5M, listed, 1 overdue: 25 -> E
 *   Gamma     100k: 5 -> E            (gone)
 *   Delta     (absent)                12M, high growth: 60 -> B
 *   Epsilon   6M, 3 lines: 45 -> C    the same: C
 *   Zeta      11M, 3 ref, growth,     the same: A
 *             listed: 80 -> A
 */
#include <locale.h>
#include <math.h>

#include "strata-movement.h"
#include "strata-period-data-private.h"
#include "strata-rules-diff.h"
#include "strata-movement-private.h"

static const char *keys[] = {
  "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
  "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products", "login_days",
  NULL
};

typedef struct
{
  StrataPeriodResults *q1;        /* frozen under v1 */
  StrataPeriodResults *q1_v2;     /* restated under v2 */
  StrataPeriodResults *q2;        /* under v2 */
} Fixture;

static void
set (StrataPeriodData *data,
     guint             row,
     const char       *key,
     double            value)
{
  strata_period_data_set_value (data, row, key, value);
}

static StrataRules *
rules_v2 (void)
{
  StrataRules *rules = strata_rules_new_default ();
  StrataTier *c = g_ptr_array_index (rules->tiers, strata_rules_find_tier (rules, "C"));

  c->min_score = 35;
  return rules;
}

static StrataPeriodResults *
score (StrataPeriodData  *data,
       const StrataRules *rules,
       gboolean           frozen,
       int                version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataResult) result = strata_engine_score (rules, data, &error);

  g_assert_no_error (error);
  return strata_period_results_new (data, rules, result, frozen, version, version);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(StrataPeriodData) q1 = strata_period_data_new (keys, 8);
  g_autoptr(StrataPeriodData) q2 = strata_period_data_new (keys, 8);
  g_autoptr(StrataRules) v1 = strata_rules_new_default ();
  g_autoptr(StrataRules) v2 = rules_v2 ();
  guint r;

  q1->period_id = 1;
  q1->period_name = g_strdup ("2026-Q1");
  q2->period_id = 2;
  q2->period_name = g_strdup ("2026-Q2");

  r = strata_period_data_add_row (q1, 1, "C001", "Alpha");
  set (q1, r, "order_amount", 500000); set (q1, r, "referrals", 2);
  set (q1, r, "business_lines", 3); set (q1, r, "high_growth", 1);
  set (q1, r, "listed_products", 70); set (q1, r, "monthly_inquiries", 10);
  r = strata_period_data_add_row (q1, 2, "C002", "Beta");
  set (q1, r, "order_amount", 3500000); set (q1, r, "listed_company", 1);
  set (q1, r, "overdue_invoices", 0);
  r = strata_period_data_add_row (q1, 3, "C003", "Gamma");
  set (q1, r, "order_amount", 100000);
  r = strata_period_data_add_row (q1, 5, "C005", "Epsilon");
  set (q1, r, "order_amount", 6000000); set (q1, r, "business_lines", 3);
  r = strata_period_data_add_row (q1, 6, "C006", "Zeta");
  set (q1, r, "order_amount", 11000000); set (q1, r, "referrals", 3);
  set (q1, r, "high_growth", 1); set (q1, r, "listed_company", 1);

  r = strata_period_data_add_row (q2, 1, "C001", "Alpha");
  set (q2, r, "order_amount", 1200000); set (q2, r, "referrals", 2);
  set (q2, r, "business_lines", 3); set (q2, r, "high_growth", 1);
  set (q2, r, "listed_products", 70); set (q2, r, "monthly_inquiries", 20);
  r = strata_period_data_add_row (q2, 2, "C002", "Beta");
  set (q2, r, "order_amount", 3500000); set (q2, r, "listed_company", 1);
  set (q2, r, "overdue_invoices", 1);
  r = strata_period_data_add_row (q2, 4, "C004", "Delta");
  set (q2, r, "order_amount", 12000000); set (q2, r, "high_growth", 1);
  r = strata_period_data_add_row (q2, 5, "C005", "Epsilon");
  set (q2, r, "order_amount", 6000000); set (q2, r, "business_lines", 3);
  r = strata_period_data_add_row (q2, 6, "C006", "Zeta");
  set (q2, r, "order_amount", 11000000); set (q2, r, "referrals", 3);
  set (q2, r, "high_growth", 1); set (q2, r, "listed_company", 1);

  f->q1 = score (q1, v1, TRUE, 1);
  f->q1_v2 = score (q1, v2, FALSE, 2);
  f->q2 = score (q2, v2, FALSE, 2);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  strata_period_results_unref (f->q1);
  strata_period_results_unref (f->q1_v2);
  strata_period_results_unref (f->q2);
}

static int
tier (StrataMovement *m,
      const char     *id)
{
  if (id == NULL)
    return strata_movement_get_n_tiers (m);
  for (guint i = 0; i < strata_movement_get_n_tiers (m); i++)
    if (g_str_equal (strata_movement_get_tier (m, i)->id, id))
      return i;
  g_assert_not_reached ();
}

static guint
count (StrataMovement *m,
       const char     *from,
       const char     *to)
{
  return strata_movement_get_count (m, tier (m, from), tier (m, to));
}

/* A mover's first reason as shown, freed at the end of the test. */
static const char *
first_reason (const StrataMover *mover)
{
  static GPtrArray *texts;

  if (texts == NULL)
    texts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (texts, strata_mover_format_reason (mover, 0));
  return texts->pdata[texts->len - 1];
}

static gboolean
has_reason (const StrataMover *mover,
            StrataReasonKind   kind,
            const char        *text)
{
  for (guint i = 0; i < strata_mover_get_n_reasons (mover); i++)
    {
      const StrataReason *r = strata_mover_get_reason (mover, i);
      g_autofree char *t = strata_mover_format_reason (mover, i);
      if (r->kind == kind && g_str_equal (t, text))
        return TRUE;
    }
  return FALSE;
}

static void
test_matrix (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(StrataMovement) m = strata_movement_new_from_results (f->q1, f->q2, f->q1_v2,
                                                                  FALSE, NULL);
  guint total = 0;
  guint n = strata_movement_get_n_tiers (m);

  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (strata_movement_get_from_name (m), ==, "2026-Q1");
  g_assert_cmpstr (strata_movement_get_to_name (m), ==, "2026-Q2");
  g_assert_cmpuint (count (m, "D", "C"), ==, 1);   /* Alpha */
  g_assert_cmpuint (count (m, "D", "E"), ==, 1);   /* Beta */
  g_assert_cmpuint (count (m, "E", NULL), ==, 1);  /* Gamma lost */
  g_assert_cmpuint (count (m, NULL, "B"), ==, 1);  /* Delta new */
  g_assert_cmpuint (count (m, "C", "C"), ==, 1);   /* Epsilon */
  g_assert_cmpuint (count (m, "A", "A"), ==, 1);   /* Zeta */
  for (guint a = 0; a <= n; a++)
    for (guint b = 0; b <= n; b++)
      if (a < n || b < n)
        total += strata_movement_get_count (m, a, b);
  g_assert_cmpuint (total, ==, 6);

  /* Revenue is the later period's order amount (the earlier one's if lost). */
  g_assert_cmpfloat (strata_movement_get_revenue (m, tier (m, "D"), tier (m, "C")), ==, 1200000);
  g_assert_cmpfloat (strata_movement_get_revenue (m, tier (m, "E"), n), ==, 100000);
  g_assert_cmpfloat (strata_movement_get_revenue (m, n, tier (m, "B")), ==, 12000000);
  g_assert_cmpfloat (strata_movement_get_to_revenue_total (m), ==,
                     1200000 + 3500000 + 12000000 + 6000000 + 11000000);
  g_assert_cmpuint (strata_movement_get_n_from (m), ==, 5);
  g_assert_cmpuint (strata_movement_get_n_to (m), ==, 5);
  g_assert_cmpuint (strata_movement_get_from_total (m, tier (m, "D")), ==, 2);
  g_assert_cmpuint (strata_movement_get_to_total (m, tier (m, "C")), ==, 2);

  g_assert_cmpuint (strata_movement_get_movers (m, STRATA_MOVE_UP)->len, ==, 1);
  g_assert_cmpuint (strata_movement_get_movers (m, STRATA_MOVE_DOWN)->len, ==, 1);
  g_assert_cmpuint (strata_movement_get_movers (m, STRATA_MOVE_NEW)->len, ==, 1);
  g_assert_cmpuint (strata_movement_get_movers (m, STRATA_MOVE_LOST)->len, ==, 1);
  g_assert_cmpuint (strata_movement_get_moves_total (m), ==, 2);
}

static void
test_reasons (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(StrataMovement) m = strata_movement_new_from_results (f->q1, f->q2, f->q1_v2,
                                                                  FALSE, NULL);
  const StrataMover *alpha = strata_movement_find_mover (m, 1);
  const StrataMover *beta = strata_movement_find_mover (m, 2);
  const StrataMover *gamma = strata_movement_find_mover (m, 3);
  const StrataMover *delta = strata_movement_find_mover (m, 4);
  g_autofree char *all = NULL;

  g_assert_null (strata_movement_find_mover (m, 5));

  g_assert_nonnull (alpha);
  g_assert_cmpint (alpha->kind, ==, STRATA_MOVE_UP);
  g_assert_cmpstr (strata_movement_get_tier (m, alpha->from_tier)->id, ==, "D");
  g_assert_cmpstr (strata_movement_get_tier (m, alpha->to_tier)->id, ==, "C");
  g_assert_cmpfloat (alpha->from_score, ==, 35);
  g_assert_cmpfloat (alpha->to_score, ==, 45);
  g_assert_true (has_reason (alpha, STRATA_REASON_METRIC, "order_amount: 500,000 → 1,200,000"));
  /* A quadrant axis does not score: not a reason. */
  g_assert_false (has_reason (alpha, STRATA_REASON_METRIC, "monthly_inquiries: 10 → 20"));
  g_assert_cmpuint (strata_mover_get_n_reasons (alpha), ==, 2);
  g_assert_cmpint (strata_mover_get_reason (alpha, 0)->kind, ==, STRATA_REASON_BAND);
  g_assert_true (has_reason (alpha, STRATA_REASON_BAND,
                             "order_amount band [500K, 1M) → [1M, 3M) (10 → 20 points)"));
  all = strata_mover_describe_reasons (alpha, "; ");
  g_assert_null (strstr (all, "applying"));

  g_assert_cmpint (beta->kind, ==, STRATA_MOVE_DOWN);
  g_assert_true (has_reason (beta, STRATA_REASON_METRIC, "overdue_invoices: 0 → 1"));
  g_assert_true (has_reason (beta, STRATA_REASON_ITEM_STARTED,
                             "Started applying: Overdue invoices (-10)"));
  g_assert_cmpuint (strata_mover_get_n_reasons (beta), ==, 2);
  g_assert_cmpstr (strata_mover_get_reason (beta, 0)->key, ==, "overdue_invoices");
  g_assert_cmpfloat (strata_mover_get_reason (beta, 0)->new_value, ==, -10);

  g_assert_cmpint (gamma->kind, ==, STRATA_MOVE_LOST);
  g_assert_cmpint (gamma->to_tier, ==, -1);
  g_assert_cmpstr (first_reason (gamma), ==,
                   "Not in 2026-Q2; was E with score 5");
  g_assert_cmpint (delta->kind, ==, STRATA_MOVE_NEW);
  g_assert_cmpstr (first_reason (delta), ==,
                   "New in 2026-Q2 with score 60");
}

static void
test_restatement (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(StrataMovement) plain = strata_movement_new_from_results (f->q1, f->q2, f->q1_v2,
                                                                      FALSE, NULL);
  g_autoptr(StrataMovement) restated = strata_movement_new_from_results (f->q1, f->q2, f->q1_v2,
                                                                         TRUE, NULL);
  const StrataMover *beta;

  /* Frozen D,D,C,A / restated C,C,C,A / current C,E,C,A over the four stayers. */
  g_assert_true (strata_movement_has_restatement (plain));
  g_assert_cmpuint (strata_movement_get_moves_total (plain), ==, 2);
  g_assert_cmpuint (strata_movement_get_moves_from_customers (plain), ==, 1);
  g_assert_cmpuint (strata_movement_get_moves_from_rules (plain), ==, 2);
  {
    StrataMoveSplit s;

    /* Alpha moved by the rules only, Beta by both: 1 + 1 = the 2 moves. */
    strata_movement_get_split (plain, &s);
    g_assert_cmpuint (s.rules_only, ==, 1);
    g_assert_cmpuint (s.both, ==, 1);
    g_assert_cmpuint (s.customers_only + s.rules_only + s.both, ==, 2);
  }

  g_assert_true (strata_movement_get_restated (restated));
  g_assert_cmpuint (count (restated, "C", "C"), ==, 2);  /* Alpha, Epsilon */
  g_assert_cmpuint (count (restated, "C", "E"), ==, 1);  /* Beta */
  g_assert_cmpuint (count (restated, "D", "C"), ==, 0);
  g_assert_cmpuint (strata_movement_get_movers (restated, STRATA_MOVE_UP)->len, ==, 0);
  g_assert_cmpuint (strata_movement_get_movers (restated, STRATA_MOVE_DOWN)->len, ==, 1);
  beta = strata_movement_find_mover (restated, 2);
  g_assert_cmpstr (strata_movement_get_tier (restated, beta->from_tier)->id, ==, "C");
  g_assert_cmpuint (strata_movement_get_moves_from_customers (restated), ==, 1);
}

/* The split on hand-made tiers (0 = A … 4 = E), frozen F / restated R /
 * later C, twelve customers present in both periods:
 *   only from the customers (F = R != C): 3    only from the rules (F != R = C): 2
 *   from both (all differ): 2                  both, cancelled out (F = C != R): 1
 *   no move: 4
 * Without restating, 7 customers changed tier (3 + 2 + 2) and 1 more moved
 * twice; restated, 6 did (3 + 2 + 1) and 2 more moved by the rules alone. */
static const guint8 split_tiers[][3] = {
  { 2, 2, 1 }, { 3, 3, 4 }, { 1, 1, 0 },   /* customers only */
  { 3, 2, 2 }, { 3, 2, 2 },                /* rules only */
  { 3, 2, 4 }, { 4, 3, 2 },                /* both */
  { 3, 2, 3 },                             /* cancelled */
  { 0, 0, 0 }, { 2, 2, 2 }, { 4, 4, 4 }, { 1, 1, 1 },
};

static StrataPeriodResults *
split_results (StrataPeriodData  *data,
               const StrataRules *rules,
               guint              column,
               gboolean           frozen,
               int                version)
{
  StrataPeriodResults *res = score (data, rules, frozen, version);

  for (guint i = 0; i < G_N_ELEMENTS (split_tiers); i++)
    res->result->final_tier[i] = split_tiers[i][column];
  return res;
}

static void
test_split (void)
{
  g_autoptr(StrataPeriodData) q1 = strata_period_data_new (keys, G_N_ELEMENTS (split_tiers));
  g_autoptr(StrataPeriodData) q2 = strata_period_data_new (keys, G_N_ELEMENTS (split_tiers));
  g_autoptr(StrataRules) v1 = strata_rules_new_default ();
  g_autoptr(StrataRules) v2 = rules_v2 ();
  g_autoptr(StrataPeriodResults) f = NULL;
  g_autoptr(StrataPeriodResults) r = NULL;
  g_autoptr(StrataPeriodResults) c = NULL;
  g_autoptr(StrataMovement) plain = NULL;
  g_autoptr(StrataMovement) restated = NULL;
  g_autofree char *plain_text = NULL;
  g_autofree char *restated_text = NULL;
  StrataMoveSplit s;
  guint moved;

  q1->period_name = g_strdup ("2026-Q1");
  q2->period_name = g_strdup ("2026-Q2");
  for (guint i = 0; i < G_N_ELEMENTS (split_tiers); i++)
    {
      g_autofree char *ext = g_strdup_printf ("C%03u", i + 1);
      set (q1, strata_period_data_add_row (q1, i + 1, ext, ext), "order_amount", 1000);
      set (q2, strata_period_data_add_row (q2, i + 1, ext, ext), "order_amount", 1000);
    }
  f = split_results (q1, v1, 0, TRUE, 1);
  r = split_results (q1, v2, 1, FALSE, 2);
  c = split_results (q2, v2, 2, FALSE, 2);

  plain = strata_movement_new_from_results (f, c, r, FALSE, NULL);
  strata_movement_get_split (plain, &s);
  g_assert_cmpuint (s.customers_only, ==, 3);
  g_assert_cmpuint (s.rules_only, ==, 2);
  g_assert_cmpuint (s.both, ==, 2);
  g_assert_cmpuint (s.cancelled, ==, 1);
  moved = strata_movement_get_movers (plain, STRATA_MOVE_UP)->len
          + strata_movement_get_movers (plain, STRATA_MOVE_DOWN)->len;
  g_assert_cmpuint (moved, ==, 7);
  g_assert_cmpuint (strata_movement_get_moves_total (plain), ==, moved);
  g_assert_cmpuint (s.customers_only + s.rules_only + s.both, ==, moved);
  plain_text = strata_movement_describe_split (plain);
  g_assert_cmpstr (plain_text, ==,
                   "Of these: 3 only from the customers' figures, 2 only from the rule change, "
                   "2 from both. 1 more customer moved for both reasons and ended in the tier "
                   "it started in.");

  restated = strata_movement_new_from_results (f, c, r, TRUE, NULL);
  strata_movement_get_split (restated, &s);
  g_assert_cmpuint (s.customers_only, ==, 3);
  g_assert_cmpuint (s.rules_only, ==, 2);
  g_assert_cmpuint (s.both, ==, 2);
  g_assert_cmpuint (s.cancelled, ==, 1);
  moved = strata_movement_get_movers (restated, STRATA_MOVE_UP)->len
          + strata_movement_get_movers (restated, STRATA_MOVE_DOWN)->len;
  g_assert_cmpuint (moved, ==, 6);
  g_assert_cmpuint (s.customers_only + s.both + s.cancelled, ==, moved);
  restated_text = strata_movement_describe_split (restated);
  g_assert_cmpstr (restated_text, ==,
                   "Of these: 3 only from the customers' figures, 2 from both, 1 from both, "
                   "back in the tier it had under the earlier rules. The rule change alone "
                   "moved 2 more customers, not counted under the later rules.");
}

/* A move that no data change explains is put down to the rules. */
static void
test_rules_reason (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(StrataMovement) m = strata_movement_new_from_results (f->q1, f->q1_v2, NULL,
                                                                  FALSE, NULL);
  const StrataMover *alpha = strata_movement_find_mover (m, 1);

  g_assert_false (strata_movement_has_restatement (m));
  g_assert_cmpuint (strata_movement_get_movers (m, STRATA_MOVE_UP)->len, ==, 2);
  g_assert_cmpuint (strata_mover_get_n_reasons (alpha), ==, 1);
  g_assert_cmpstr (first_reason (alpha), ==,
                   "Rules changed (version 1 → 2)");
}

static void
test_quadrants (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(StrataMovement) m = strata_movement_new_from_results (f->q1, f->q2, NULL,
                                                                  FALSE, NULL);
  GArray *positions = strata_movement_get_positions (m);
  const StrataMovementPosition *alpha = &g_array_index (positions, StrataMovementPosition, 0);

  /* Alpha: 70 products, 10 -> 20 inquiries: C -> A. The others have no
   * quadrant metrics and stay in none. */
  g_assert_cmpuint (positions->len, ==, 4);
  g_assert_cmpint (alpha->customer_id, ==, 1);
  g_assert_cmpint (alpha->from_quadrant, ==, STRATA_QUADRANT_C);
  g_assert_cmpint (alpha->to_quadrant, ==, STRATA_QUADRANT_A);
  g_assert_cmpfloat (alpha->from_y, ==, 10);
  g_assert_cmpfloat (alpha->to_y, ==, 20);
  g_assert_true (alpha->tier_changed);
  g_assert_cmpuint (strata_movement_get_quadrant_count (m, STRATA_QUADRANT_C, STRATA_QUADRANT_A), ==, 1);
  g_assert_cmpuint (strata_movement_get_quadrant_count (m, STRATA_QUADRANT_NONE,
                                                        STRATA_QUADRANT_NONE), ==, 3);
}

static void
test_rules_diff (void)
{
  g_autoptr(StrataRules) a = strata_rules_new_default ();
  g_autoptr(StrataRules) b = strata_rules_new_default ();
  g_autoptr(GPtrArray) same = strata_rules_diff (a, b, NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  StrataIndicator *ind = b->indicators->pdata[0];
  const char *expected[] = {
    "Annual order amount, band 3: [1M, 3M): 20 points → [1M, 3M): 22 points",
    "Item High growth potential: High growth potential is true: +10 → High growth potential is true: +8",
    "Item removed: Listed company (Listed company is true: +5)",
    "Tier C Value: minimum score 45 → 42",
    "Quadrant result axis: Monthly inquiries ≥ 15 → Monthly inquiries ≥ 20",
  };

  g_assert_cmpuint (same->len, ==, 0);
  g_hash_table_insert (labels, "order_amount", "Annual order amount");
  g_hash_table_insert (labels, "high_growth", "High growth potential");
  g_hash_table_insert (labels, "listed_company", "Listed company");
  g_hash_table_insert (labels, "monthly_inquiries", "Monthly inquiries");

  g_array_index (ind->bands, StrataBand, 2).points = 22;
  for (guint i = 0; i < b->adjustments->len; i++)
    {
      StrataAdjustment *adj = b->adjustments->pdata[i];
      if (g_str_equal (adj->id, "high_growth"))
        adj->points = 8;
    }
  for (guint i = 0; i < b->adjustments->len; i++)
    if (g_str_equal (((StrataAdjustment *) b->adjustments->pdata[i])->id, "listed_company"))
      g_ptr_array_remove_index (b->adjustments, i);
  ((StrataTier *) b->tiers->pdata[2])->min_score = 42;
  b->quadrant.y_threshold = 20;

  changes = strata_rules_diff (a, b, labels);
  for (guint i = 0; i < changes->len; i++)
    g_test_message ("%s", ((StrataRuleChange *) changes->pdata[i])->text);
  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((StrataRuleChange *) changes->pdata[i])->text, ==, expected[i]);
  g_assert_cmpint (((StrataRuleChange *) changes->pdata[2])->kind, ==, STRATA_RULE_CHANGE_REMOVED);
  g_assert_cmpint (((StrataRuleChange *) changes->pdata[3])->section, ==, STRATA_RULES_SECTION_TIER);
}

/* Thousands of movers of every kind, checked against a direct count: each
 * list has exactly the customers of its kind (biggest moves first), and the
 * look-up by id finds each mover as its list has it, and no stayer. The
 * movers are one block, not an allocation each (issue 18). */
static void
test_many_movers (void)
{
  enum { N = 6000 };
  g_autoptr(StrataPeriodData) q1 = strata_period_data_new (keys, N);
  g_autoptr(StrataPeriodData) q2 = strata_period_data_new (keys, N);
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodResults) a = NULL;
  g_autoptr(StrataPeriodResults) b = NULL;
  g_autoptr(StrataMovement) m = NULL;
  g_autofree guint8 *tier_a = g_new (guint8, N + 1);
  g_autofree guint8 *tier_b = g_new (guint8, N + 1);
  guint expected[STRATA_N_MOVE_KINDS] = { 0, };
  guint n_tiers = rules->tiers->len;
  guint ra = 0, rb = 0;
  GRand *rand = g_rand_new_with_seed (18);

  q1->period_name = g_strdup ("2026-Q1");
  q2->period_name = g_strdup ("2026-Q2");
  /* Customer i (1..N): in Q1 unless i % 7 == 0, in Q2 unless i % 11 == 0. */
  for (guint i = 1; i <= N; i++)
    {
      g_autofree char *ext = g_strdup_printf ("C%05u", i);

      tier_a[i] = g_rand_int_range (rand, 0, n_tiers);
      tier_b[i] = g_rand_int_range (rand, 0, n_tiers);
      if (i % 7 != 0)
        set (q1, strata_period_data_add_row (q1, i, ext, ext), "order_amount", g_rand_int_range (rand, 0, 100000));
      if (i % 11 != 0)
        set (q2, strata_period_data_add_row (q2, i, ext, ext), "order_amount", g_rand_int_range (rand, 0, 100000));
      if (i % 7 != 0 && i % 11 != 0 && tier_a[i] != tier_b[i])
        expected[tier_b[i] < tier_a[i] ? STRATA_MOVE_UP : STRATA_MOVE_DOWN]++;
      else if (i % 7 == 0 && i % 11 != 0)
        expected[STRATA_MOVE_NEW]++;
      else if (i % 7 != 0 && i % 11 == 0)
        expected[STRATA_MOVE_LOST]++;
    }
  g_rand_free (rand);
  a = score (q1, rules, TRUE, 1);
  b = score (q2, rules, TRUE, 1);
  for (guint i = 1; i <= N; i++)
    {
      if (i % 7 != 0)
        a->result->final_tier[ra++] = tier_a[i];
      if (i % 11 != 0)
        b->result->final_tier[rb++] = tier_b[i];
    }
  m = strata_movement_new_from_results (a, b, NULL, FALSE, NULL);

  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (m, k);

      g_assert_cmpuint (expected[k], >, 100);
      g_assert_cmpuint (movers->len, ==, expected[k]);
      for (guint j = 0; j < movers->len; j++)
        {
          const StrataMover *mover = movers->pdata[j];
          gint64 id = mover->customer_id;
          g_autofree char *ext = g_strdup_printf ("C%05u", (guint) id);

          g_assert_cmpint (mover->kind, ==, k);
          g_assert_cmpstr (mover->ext_id, ==, ext);
          g_assert_true (strata_movement_find_mover (m, id) == mover);
          g_assert_cmpint (mover->from_tier, ==, id % 7 != 0 ? tier_a[id] : -1);
          g_assert_cmpint (mover->to_tier, ==, id % 11 != 0 ? tier_b[id] : -1);
          g_assert_cmpuint (strata_mover_get_n_reasons (mover), >=, 1);
          if (j > 0 && k < STRATA_MOVE_NEW)
            {
              const StrataMover *prev = movers->pdata[j - 1];

              g_assert_cmpint (ABS (prev->to_tier - prev->from_tier), >=, ABS (mover->to_tier - mover->from_tier));
            }
        }
    }
  /* Stayers and strangers are no movers. */
  for (guint i = 1; i <= N; i++)
    if (i % 7 != 0 && i % 11 != 0 && tier_a[i] == tier_b[i])
      g_assert_null (strata_movement_find_mover (m, i));
  g_assert_null (strata_movement_find_mover (m, 0));
  g_assert_null (strata_movement_find_mover (m, N + 1));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/movement/matrix", Fixture, NULL, fixture_setup, test_matrix, fixture_teardown);
  g_test_add ("/movement/reasons", Fixture, NULL, fixture_setup, test_reasons, fixture_teardown);
  g_test_add ("/movement/restatement", Fixture, NULL, fixture_setup, test_restatement,
              fixture_teardown);
  g_test_add ("/movement/rules-reason", Fixture, NULL, fixture_setup, test_rules_reason,
              fixture_teardown);
  g_test_add ("/movement/quadrants", Fixture, NULL, fixture_setup, test_quadrants,
              fixture_teardown);
  g_test_add_func ("/movement/rules-diff", test_rules_diff);
  g_test_add_func ("/movement/split", test_split);
  g_test_add_func ("/movement/many-movers", test_many_movers);
  return g_test_run ();
}
