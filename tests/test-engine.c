/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scoring engine on hand-made data: the worked example of the method,
 * every condition kind, per unit and caps, penalties, band edges, tier
 * thresholds, missing values, overrides and quadrants. Every row is also
 * explained, and the receipt must agree with the column passes. */
#include "config.h"

#include <math.h>

#include "strata-engine.h"
#include "strata-engine-private.h"
#include "strata-period-data-private.h"
#include "strata-i18n.h"
#include "strata-catalog-private.h"

static const char *metric_keys[] = {
  "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
  "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products",
  "login_days", NULL,
};

static StrataPeriodData *
new_data (void)
{
  return strata_period_data_new (metric_keys, 4);
}

/* Adds a customer with the given values; NaN leaves a value missing. */
static guint
add (StrataPeriodData *data,
     const char       *ext_id,
     double            orders,
     double            referrals,
     double            lines,
     double            growth)
{
  guint row = strata_period_data_add_row (data, data->n + 1, ext_id, ext_id);

  strata_period_data_set_value (data, row, "order_amount", orders);
  strata_period_data_set_value (data, row, "referrals", referrals);
  strata_period_data_set_value (data, row, "business_lines", lines);
  strata_period_data_set_value (data, row, "high_growth", growth);
  return row;
}

/* Scores, and checks that explaining every row gives the same numbers. */
static StrataResult *
score_checked (const StrataRules      *rules,
               const StrataPeriodData *data)
{
  g_autoptr(GError) error = NULL;
  StrataResult *result = strata_engine_score (rules, data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; i < data->n; i++)
    {
      g_autoptr(StrataReceipt) r = strata_engine_explain (rules, data, i, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (r->base_points, ==, result->base_points[i]);
      g_assert_cmpfloat (r->adjustment_points, ==, result->adjustment_points[i]);
      g_assert_cmpfloat (r->score, ==, result->score[i]);
      g_assert_cmpint (r->base_tier, ==, result->base_tier[i]);
      g_assert_cmpint (r->tier, ==, result->tier[i]);
      g_assert_cmpint (r->final_tier, ==, result->final_tier[i]);
      g_assert_cmpint (r->quadrant, ==, result->quadrant[i]);
    }
  return result;
}

static void
test_worked_example (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(StrataReceipt) receipt = NULL;
  g_autofree char *text = NULL;
  guint row = add (data, "C001", 500000, 2, 3, 1);

  result = score_checked (rules, data);
  g_assert_cmpfloat (result->base_points[row], ==, 10);
  g_assert_cmpfloat (result->adjustment_points[row], ==, 25);
  g_assert_cmpfloat (result->score[row], ==, 35);
  g_assert_cmpint (result->base_tier[row], ==, 4);   /* E */
  g_assert_cmpint (result->tier[row], ==, 3);        /* D */
  g_assert_cmpint (result->final_tier[row], ==, 3);
  g_assert_cmpint (result->override_tier[row], ==, STRATA_TIER_NONE);
  g_assert_cmpint (result->quadrant[row], ==, STRATA_QUADRANT_NONE);

  receipt = strata_engine_explain (rules, data, row, NULL);
  text = strata_receipt_to_text (receipt);
  g_assert_nonnull (strstr (text, "order_amount 500,000 is in the band 500K to under 1M: 10 points\n"));
  g_assert_nonnull (strstr (text, "referrals = 2): +10 (+5 each, at most 15)\n"));
  g_assert_nonnull (strstr (text, "business_lines = 3): +5 (+5 when ≥ 3)\n"));
  g_assert_nonnull (strstr (text, "high_growth = yes): +10 (+10 when yes)\n"));
  g_assert_nonnull (strstr (text, "Score: 10 base points +25 adjustments = 35"));
  g_assert_nonnull (strstr (text, "Base tier: E"));
  g_assert_nonnull (strstr (text, "Tier: D Potential (score 35 ≥ 30)"));
  g_assert_nonnull (strstr (text, "Next tier: C Value from 45, 10 points away"));
  g_assert_nonnull (strstr (text, "Final tier: D"));
}

static void
test_band_edges (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  /* value -> base points: [from, to) so each edge belongs to the band above. */
  static const double cases[][2] = {
    { 0, 5 }, { 499999.99, 5 }, { 500000, 10 }, { 999999, 10 }, { 1000000, 20 },
    { 3000000, 30 }, { 5000000, 40 }, { 9999999.5, 40 }, { 10000000, 50 }, { 1e12, 50 },
    { -1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    add (data, "x", cases[i][0], NAN, NAN, NAN);
  result = score_checked (rules, data);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat (result->base_points[i], ==, cases[i][1]);
}

static void
test_tier_thresholds (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  StrataIndicator *ind = rules->indicators->pdata[0];

  /* Points equal to the value, so the score is exactly what we ask for. */
  g_array_set_size (ind->bands, 0);
  for (int p = 0; p <= 100; p++)
    strata_indicator_add_band (ind, p, p == 100 ? INFINITY : p + 1, p);
  for (int s = 0; s <= 100; s++)
    add (data, "x", s, NAN, NAN, NAN);
  result = score_checked (rules, data);
  for (int s = 0; s <= 100; s++)
    {
      int expected = s >= 80 ? 0 : s >= 60 ? 1 : s >= 45 ? 2 : s >= 30 ? 3 : 4;

      g_assert_cmpint (result->tier[s], ==, expected);
      g_assert_cmpint (result->base_tier[s], ==, expected);
    }
}

static StrataRules *
rules_with_adjustment (StrataCondition condition,
                       double          a,
                       double          b,
                       double          points)
{
  StrataRules *rules = strata_rules_new_default ();

  g_ptr_array_set_size (rules->adjustments, 0);
  g_ptr_array_add (rules->adjustments,
                   strata_adjustment_new ("t", "Test", "referrals", condition, a, b, points));
  return rules;
}

static void
test_conditions (void)
{
  static const double values[] = { 1, 2, 3, 4, 0, NAN };
  static const struct
  {
    StrataCondition condition;
    double a, b;
    gboolean expected[6];
  } cases[] = {
    { STRATA_CONDITION_GE, 3, 0, { FALSE, FALSE, TRUE, TRUE, FALSE, FALSE } },
    { STRATA_CONDITION_LE, 3, 0, { TRUE, TRUE, TRUE, FALSE, TRUE, FALSE } },
    { STRATA_CONDITION_GT, 3, 0, { FALSE, FALSE, FALSE, TRUE, FALSE, FALSE } },
    { STRATA_CONDITION_LT, 3, 0, { TRUE, TRUE, FALSE, FALSE, TRUE, FALSE } },
    { STRATA_CONDITION_EQ, 3, 0, { FALSE, FALSE, TRUE, FALSE, FALSE, FALSE } },
    { STRATA_CONDITION_BETWEEN, 2, 3, { FALSE, TRUE, TRUE, FALSE, FALSE, FALSE } },
    { STRATA_CONDITION_IS_TRUE, 0, 0, { TRUE, TRUE, TRUE, TRUE, FALSE, FALSE } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(StrataRules) rules = rules_with_adjustment (cases[c].condition, cases[c].a,
                                                            cases[c].b, 7);
      g_autoptr(StrataPeriodData) data = new_data ();
      g_autoptr(StrataResult) result = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        add (data, "x", 0, values[i], NAN, NAN);
      result = score_checked (rules, data);
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        g_assert_cmpfloat (result->adjustment_points[i], ==, cases[c].expected[i] ? 7 : 0);
    }
}

static void
test_per_unit_and_caps (void)
{
  g_autoptr(StrataRules) rules = rules_with_adjustment (STRATA_CONDITION_GE, 1, 0, 5);
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  StrataAdjustment *adj = rules->adjustments->pdata[0];
  static const double values[] = { 0, 1, 2, 3, 4, 10 };
  static const double with_cap[] = { 0, 5, 10, 15, 15, 15 };
  static const double penalty[] = { 0, -4, -8, -10, -10, -10 };

  adj->per_unit = TRUE;
  adj->cap = 15;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    add (data, "x", 0, values[i], NAN, NAN);
  result = score_checked (rules, data);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (result->adjustment_points[i], ==, with_cap[i]);
  g_clear_pointer (&result, strata_result_unref);

  /* A penalty per unit is capped on its size: never below -cap. */
  adj->points = -4;
  adj->cap = 10;
  result = score_checked (rules, data);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (result->adjustment_points[i], ==, penalty[i]);
  g_clear_pointer (&result, strata_result_unref);

  /* No cap: grows with the value; disabled: nothing. */
  adj->points = 5;
  adj->cap = NAN;
  result = score_checked (rules, data);
  g_assert_cmpfloat (result->adjustment_points[5], ==, 50);
  g_clear_pointer (&result, strata_result_unref);
  adj->enabled = FALSE;
  result = score_checked (rules, data);
  g_assert_cmpfloat (result->adjustment_points[5], ==, 0);
}

static void
test_penalties (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  guint row = add (data, "x", 3000000, NAN, NAN, NAN);   /* 30 points */

  strata_period_data_set_value (data, row, "overdue_invoices", 1);
  strata_period_data_set_value (data, row, "fault_tickets", 5);
  strata_period_data_set_value (data, row, "listed_company", 1);
  result = score_checked (rules, data);
  g_assert_cmpfloat (result->adjustment_points[row], ==, -10 - 5 + 5);
  g_assert_cmpfloat (result->score[row], ==, 20);
  g_assert_cmpint (result->base_tier[row], ==, 3);  /* D */
  g_assert_cmpint (result->tier[row], ==, 4);       /* E */
}

static void
test_missing (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(StrataReceipt) receipt = NULL;
  g_autofree char *text = NULL;
  guint row = add (data, "M1", NAN, NAN, NAN, NAN);

  result = score_checked (rules, data);
  g_assert_cmpfloat (result->score[row], ==, 0);
  g_assert_cmpint (result->tier[row], ==, 4);
  receipt = strata_engine_explain (rules, data, row, NULL);
  g_assert_true (g_array_index (receipt->indicators, StrataReceiptIndicator, 0).missing);
  g_assert_true (g_array_index (receipt->adjustments, StrataReceiptAdjustment, 0).missing);
  text = strata_receipt_to_text (receipt);
  g_assert_nonnull (strstr (text, "order_amount no value: 0 points\n"));
  g_assert_nonnull (strstr (text, "referrals = no value): not applied (+5 each, at most 15)\n"));
  g_assert_nonnull (strstr (text, "Quadrant: none"));
}

static void
test_overrides (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(StrataReceipt) receipt = NULL;
  g_autofree char *text = NULL;

  add (data, "a", 500000, 2, 3, 1);
  add (data, "b", 500000, 2, 3, 1);
  add (data, "c", 500000, 2, 3, 1);
  strata_period_data_add_override (data, 2, "B", "Strategic partner", "ana", "2026-07-01T10:00:00Z");
  strata_period_data_add_override (data, 1, "Z", "Old tier", "ana", "2026-07-01T10:00:00Z");
  result = score_checked (rules, data);
  g_assert_cmpint (result->tier[2], ==, 3);
  g_assert_cmpint (result->override_tier[2], ==, 1);
  g_assert_cmpint (result->final_tier[2], ==, 1);
  /* An override naming a tier the rules lack does not apply. */
  g_assert_cmpint (result->override_tier[1], ==, STRATA_TIER_NONE);
  g_assert_cmpint (result->final_tier[1], ==, 3);
  g_assert_cmpint (result->final_tier[0], ==, 3);

  receipt = strata_engine_explain (rules, data, 2, NULL);
  text = strata_receipt_to_text (receipt);
  g_assert_nonnull (strstr (text, "Override: tier B (Strategic partner), by ana on 2026-07-01T10:00:00Z"));
  g_assert_nonnull (strstr (text, "Final tier: B Key"));
}

static void
test_quadrants (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  /* x = listed_products (60), y = monthly_inquiries (15); on the threshold is high. */
  static const struct { double x, y; StrataQuadrant q; } cases[] = {
    { 60, 15, STRATA_QUADRANT_A }, { 59.9, 15, STRATA_QUADRANT_B },
    { 60, 14.9, STRATA_QUADRANT_C }, { 0, 0, STRATA_QUADRANT_D },
    { 100, 100, STRATA_QUADRANT_A }, { NAN, 20, STRATA_QUADRANT_NONE },
    { 70, NAN, STRATA_QUADRANT_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint row = add (data, "q", 0, NAN, NAN, NAN);

      strata_period_data_set_value (data, row, "listed_products", cases[i].x);
      strata_period_data_set_value (data, row, "monthly_inquiries", cases[i].y);
    }
  result = score_checked (rules, data);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (result->quadrant[i], ==, cases[i].q);
}

static void
test_invalid_rules_do_not_score (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(GError) error = NULL;
  StrataResult *result;

  add (data, "x", 1, 1, 1, 1);
  g_free (((StrataAdjustment *) rules->adjustments->pdata[0])->metric);
  ((StrataAdjustment *) rules->adjustments->pdata[0])->metric = g_strdup ("nope");
  result = strata_engine_score (rules, data, &error);
  g_assert_null (result);
  g_assert_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Adjustment 1: Unknown metric “nope”");
}

static void
test_whatif (void)
{
  g_autoptr(StrataRules) a = strata_rules_new_default ();
  g_autoptr(StrataRules) b = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) ra = NULL, rb = NULL;
  g_autoptr(StrataWhatIf) w = NULL;

  add (data, "a", 500000, 2, 3, 1);      /* 35: D, then 35: C */
  add (data, "b", 12000000, NAN, NAN, NAN); /* 50: C, then B */
  add (data, "c", 0, NAN, NAN, NAN);     /* 5: E, then E */
  /* b: four tiers only, A >= 60, B >= 50, C >= 30, E below. */
  g_ptr_array_remove_index (b->tiers, 3);
  ((StrataTier *) b->tiers->pdata[0])->min_score = 60;
  ((StrataTier *) b->tiers->pdata[1])->min_score = 50;
  ((StrataTier *) b->tiers->pdata[2])->min_score = 30;
  ra = score_checked (a, data);
  rb = score_checked (b, data);
  w = strata_whatif_compute (a, ra, b, rb);
  g_assert_cmpuint (w->n_from, ==, 5);
  g_assert_cmpuint (w->n_to, ==, 4);
  g_assert_cmpuint (w->matrix[3 * 4 + 2], ==, 1);   /* D -> C */
  g_assert_cmpuint (w->matrix[2 * 4 + 1], ==, 1);   /* C -> B */
  g_assert_cmpuint (w->matrix[4 * 4 + 3], ==, 1);   /* E -> E */
  g_assert_cmpuint (w->changed_rows->len, ==, 2);
  g_assert_cmpuint (g_array_index (w->changed_rows, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (w->changed_rows, guint, 1), ==, 1);
  g_assert_cmpuint (w->n_up, ==, 2);
  g_assert_cmpuint (w->n_down, ==, 0);
}

/* A draft that removes tier C and adds S on top: a customer of C who
 * lands in B moved up, although B's index in the draft (2) is C's in the
 * published rules. */
static void
test_whatif_removed_tier (void)
{
  g_autoptr(StrataRules) a = strata_rules_new_default ();
  g_autoptr(StrataRules) b = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) ra = NULL, rb = NULL;
  g_autoptr(StrataWhatIf) w = NULL;

  add (data, "b", 12000000, NAN, NAN, NAN); /* 50: C, then B */
  add (data, "a", 500000, 2, 3, 1);          /* 35: D, then D */
  add (data, "c", 0, NAN, NAN, 1);           /* 5: E, then E */
  /* b: S >= 90, A >= 80, B >= 50, D >= 30, E below. */
  g_ptr_array_remove_index (b->tiers, 2);
  ((StrataTier *) b->tiers->pdata[1])->min_score = 50;
  g_ptr_array_insert (b->tiers, 0, strata_tier_new ("S", "Star", "#000000", 90));
  ra = score_checked (a, data);
  rb = score_checked (b, data);
  g_assert_cmpint (ra->final_tier[0], ==, 2);  /* C */
  g_assert_cmpint (rb->final_tier[0], ==, 2);  /* B */
  g_assert_cmpint (rb->final_tier[1], ==, 3);  /* D */
  w = strata_whatif_compute (a, ra, b, rb);
  g_assert_cmpuint (w->changed_rows->len, ==, 1);
  g_assert_cmpuint (w->n_up, ==, 1);
  g_assert_cmpuint (w->n_down, ==, 0);

  /* Back again: B (now C's band and above) -> C is down; D stays D. */
  g_clear_pointer (&w, strata_whatif_free);
  w = strata_whatif_compute (b, rb, a, ra);
  g_assert_cmpuint (w->changed_rows->len, ==, 1);
  g_assert_cmpuint (w->n_up, ==, 0);
  g_assert_cmpuint (w->n_down, ==, 1);
}

/* The arguments are checked before they are read: a NULL rule set is a
 * critical, not a crash. */
static void
test_run_checks_arguments (void)
{
  g_autoptr(StrataResult) result = strata_result_new (1);

  g_test_expect_message ("strata-core", G_LOG_LEVEL_CRITICAL, "*c != NULL*");
  strata_engine_run (NULL, result);
  g_test_assert_expected_messages ();
}

/* The zh_CN catalogue of the build tree, or NULL (the test skips). */
static StrataCatalog *
chinese_catalog (void)
{
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  StrataCatalog *catalog;

  bindtextdomain (GETTEXT_PACKAGE, po);
  catalog = strata_catalog_new_for_language ("zh_CN");
  if (!strata_catalog_has_messages (catalog))
    {
      g_object_unref (catalog);
      g_test_skip ("the zh_CN catalogue is not built");
      return NULL;
    }
  return catalog;
}

static void
test_too_many_tiers (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataCatalog) catalog = chinese_catalog ();
  g_autoptr(GError) error = NULL;
  StrataResult *result;

  if (catalog == NULL)
    return;
  g_ptr_array_set_size (rules->tiers, 0);
  for (guint i = 0; i < STRATA_TIER_NONE; i++)
    {
      g_autofree char *id = g_strdup_printf ("T%u", i);

      g_ptr_array_add (rules->tiers, strata_tier_new (id, id, "#808080",
                                                      i + 1 < STRATA_TIER_NONE ? 1000.0 - i : -INFINITY));
    }
  add (data, "x", 1, 1, 1, 1);
  result = strata_engine_score (rules, data, &error);
  g_assert_null (result);
  g_assert_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Too many tiers (255)");
  g_clear_error (&error);

  /* Translated like every other message. */
  strata_catalog_push_thread_default (catalog);
  result = strata_engine_score (rules, data, &error);
  strata_catalog_pop_thread_default (catalog);
  g_assert_null (result);
  g_assert_cmpstr (error->message, ==, "层级过多（255 个）");
}

/* From 200,000 rows the upper half is scored on a thread of its own: every
 * row agrees with its receipt, those at the edge of the halves and the
 * last ones above all. */
static void
test_halves (void)
{
  const guint n = 250001;
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataPeriodData) data = new_data ();
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint edge = n / 2 / 2048 * 2048;
  guint tiers[8] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      char id[16];
      guint row;

      g_snprintf (id, sizeof id, "C%06u", i);
      row = add (data, id, (double) ((i * 7919u) % 20000) * 1000, i % 4, i % 5, i % 2);
      strata_period_data_set_value (data, row, "monthly_inquiries", (double) (i % 31));
      strata_period_data_set_value (data, row, "listed_products", (double) ((i * 13) % 120));
      if (i % 11 == 0)
        strata_period_data_set_value (data, row, "overdue_invoices", 2);
    }
  result = strata_engine_score (rules, data, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StrataReceipt) r = NULL;

      tiers[MIN (result->final_tier[i], 7)]++;
      if (i % 97 != 0 && (i + 3 < edge || i > edge + 3) && i + 3 < n)
        continue;
      r = strata_engine_explain (rules, data, i, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (r->score, ==, result->score[i]);
      g_assert_cmpfloat (r->base_points, ==, result->base_points[i]);
      g_assert_cmpint (r->tier, ==, result->tier[i]);
      g_assert_cmpint (r->final_tier, ==, result->final_tier[i]);
      g_assert_cmpint (r->quadrant, ==, result->quadrant[i]);
    }
  /* Not all in one tier: the values reach several bands. */
  g_assert_cmpuint (tiers[0] + tiers[1] + tiers[2], >, 0);
  g_assert_cmpuint (tiers[4], >, 0);
  g_assert_cmpuint (tiers[4], <, n);
}

/* A large result let go while another of its size lives (a draft beside
 * the saved scoring's) is cleared and reused by the next of its size (no
 * fresh pages at each draft edit); another size makes its own. One let go
 * alone (the previous period's, scored once) is freed at once. */
static void
test_spare_result (void)
{
  const guint n = 150000;
  StrataResult *saved = strata_result_new (n);
  StrataResult *first = strata_result_new (n);
  StrataResult *again, *other, *alone;
  double *score = first->score;
  guint8 *quadrant = first->quadrant;

  for (guint i = 0; i < n; i++)
    {
      first->score[i] = i;
      first->quadrant[i] = STRATA_QUADRANT_B;
    }
  first->n_tiers = 5;
  strata_result_unref (first);
  other = strata_result_new (n + 1);
  g_assert_true (other->score != score);
  again = strata_result_new (n);
  g_assert_true (again->score == score);
  g_assert_true (again->quadrant == quadrant);
  g_assert_cmpuint (again->n, ==, n);
  g_assert_cmpuint (again->n_tiers, ==, 0);
  g_assert_false (strata_result_is_shared (again));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (again->score[i], ==, 0);
      g_assert_cmpuint (again->quadrant[i], ==, 0);
    }
  strata_result_unref (again);
  strata_result_unref (other);

  /* Let go, kept; dropped, gone. */
  g_assert_true (strata_result_has_spare ());
  strata_result_drop_spare ();
  g_assert_false (strata_result_has_spare ());
  /* The only one of its size: nothing would take it. */
  alone = strata_result_new (n + 2);
  strata_result_unref (alone);
  g_assert_false (strata_result_has_spare ());
  /* Unused for its time, the main loop lets it go. */
  strata_result_set_spare_seconds (1);
  first = strata_result_new (n);
  strata_result_unref (first);
  g_assert_true (strata_result_has_spare ());
  {
    gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
  }
  g_assert_false (strata_result_has_spare ());
  strata_result_set_spare_seconds (30);
  /* The last of its size let go: not kept either. */
  strata_result_unref (saved);
  g_assert_false (strata_result_has_spare ());
}

/* Held (the Scoring page shown): a spare of the size asked for is made
 * ready on a thread, all zero, and kept past its time; the next result of
 * that size takes it; let go, it goes after its time. */
static void
test_held_spare (void)
{
  const guint n = 120000;
  StrataResult *saved = strata_result_new (n);
  StrataResult *draft;
  gint64 until;

  strata_result_drop_spare ();
  strata_result_set_spare_seconds (1);
  strata_result_hold_spare (n);
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!strata_result_has_spare () && g_get_monotonic_time () < until)
    g_usleep (1000);
  g_assert_true (strata_result_has_spare ());
  /* Past its time, still there. */
  until = g_get_monotonic_time () + 2500 * 1000;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (strata_result_has_spare ());

  draft = strata_result_new (n);
  g_assert_false (strata_result_has_spare ());
  for (guint i = 0; i < n; i++)
    g_assert_true (draft->score[i] == 0 && draft->base_points[i] == 0 && draft->final_tier[i] == 0 &&
                   draft->quadrant[i] == 0);
  draft->score[7] = 3;
  /* Let go beside the saved one: the spare again, still held. */
  strata_result_unref (draft);
  g_assert_true (strata_result_has_spare ());

  /* No longer held: gone after its time. */
  strata_result_hold_spare (0);
  until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (strata_result_has_spare () && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_false (strata_result_has_spare ());
  strata_result_set_spare_seconds (30);
  strata_result_unref (saved);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/worked-example", test_worked_example);
  g_test_add_func ("/engine/band-edges", test_band_edges);
  g_test_add_func ("/engine/tier-thresholds", test_tier_thresholds);
  g_test_add_func ("/engine/conditions", test_conditions);
  g_test_add_func ("/engine/per-unit-and-caps", test_per_unit_and_caps);
  g_test_add_func ("/engine/penalties", test_penalties);
  g_test_add_func ("/engine/missing", test_missing);
  g_test_add_func ("/engine/overrides", test_overrides);
  g_test_add_func ("/engine/quadrants", test_quadrants);
  g_test_add_func ("/engine/invalid-rules", test_invalid_rules_do_not_score);
  g_test_add_func ("/engine/whatif", test_whatif);
  g_test_add_func ("/engine/whatif-removed-tier", test_whatif_removed_tier);
  g_test_add_func ("/engine/run-checks-arguments", test_run_checks_arguments);
  g_test_add_func ("/engine/too-many-tiers", test_too_many_tiers);
  g_test_add_func ("/engine/halves", test_halves);
  g_test_add_func ("/engine/spare-result", test_spare_result);
  g_test_add_func ("/engine/held-spare", test_held_spare);
  return g_test_run ();
}
