/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataRulesProblems: messages at the right cells, per card, and the
 * change count of the page header ("Draft · 3 changes"). */
#include <locale.h>

#include "strata-rules-problems.h"

static const char *known[] = {
  "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
  "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products", "login_days", NULL
};

static void
test_valid_default (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataRulesProblems) problems = strata_rules_problems_new (rules, known);
  static const int all[] = { 0, 1, 2, 3, 4, 5, -1 };

  g_assert_true (strata_rules_problems_is_valid (problems));
  g_assert_cmpuint (strata_rules_problems_get_count (problems), ==, 0);
  g_assert_null (strata_rules_problems_lookup (problems, STRATA_RULES_SECTION_BAND, 0, 1, "from"));
  g_assert_null (strata_rules_problems_describe (problems, all));
}

static void
test_cells (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataRulesProblems) problems = NULL;
  StrataIndicator *ind = rules->indicators->pdata[0];
  static const int band_card[] = { STRATA_RULES_SECTION_INDICATOR, STRATA_RULES_SECTION_BAND, -1 };
  static const int tier_card[] = { STRATA_RULES_SECTION_TIER, -1 };
  g_autofree char *bands_text = NULL;
  g_autofree char *tiers_text = NULL;

  /* A gap before band 3 (index 2), tiers B and C out of order, an unknown
   * metric in adjustment 1. */
  g_array_index (ind->bands, StrataBand, 2).from = 1200000;
  ((StrataTier *) rules->tiers->pdata[2])->min_score = 70;
  g_free (((StrataAdjustment *) rules->adjustments->pdata[0])->metric);
  ((StrataAdjustment *) rules->adjustments->pdata[0])->metric = g_strdup ("nope");

  problems = strata_rules_problems_new (rules, known);
  g_assert_false (strata_rules_problems_is_valid (problems));
  g_assert_cmpuint (strata_rules_problems_get_count (problems), ==, 3);
  g_assert_cmpstr (strata_rules_problems_lookup (problems, STRATA_RULES_SECTION_BAND, 0, 2, "from"),
                   ==, "Gap between 1000000 and 1200000: the band should start at 1000000");
  g_assert_null (strata_rules_problems_lookup (problems, STRATA_RULES_SECTION_BAND, 0, 2, "to"));
  g_assert_null (strata_rules_problems_lookup (problems, STRATA_RULES_SECTION_BAND, 0, 1, "from"));
  g_assert_cmpstr (strata_rules_problems_lookup (problems, STRATA_RULES_SECTION_TIER, 2, -1, "min_score"),
                   ==, "Tiers are out of order: minimum 70 is not below 60 of tier “B”");
  g_assert_cmpstr (strata_rules_problems_lookup (problems, STRATA_RULES_SECTION_ADJUSTMENT, 0, -1, "metric"),
                   ==, "Unknown metric “nope”");

  bands_text = strata_rules_problems_describe (problems, band_card);
  g_assert_cmpstr (bands_text, ==,
                   "Band 3 of indicator 1: Gap between 1000000 and 1200000: the band should start at 1000000");
  tiers_text = strata_rules_problems_describe (problems, tier_card);
  g_assert_cmpstr (tiers_text, ==,
                   "Tier 3: Tiers are out of order: minimum 70 is not below 60 of tier “B”");
}

static void
test_count_changes (void)
{
  g_autoptr(StrataRules) published = strata_rules_new_default ();
  g_autoptr(StrataRules) draft = strata_rules_copy (published);
  StrataIndicator *ind = draft->indicators->pdata[0];

  g_assert_cmpuint (strata_rules_count_changes (published, draft), ==, 0);
  ind->weight = 1.5;
  g_assert_cmpuint (strata_rules_count_changes (published, draft), ==, 1);
  g_array_index (ind->bands, StrataBand, 1).points = 12;
  g_free (((StrataTier *) draft->tiers->pdata[0])->colour);
  ((StrataTier *) draft->tiers->pdata[0])->colour = g_strdup ("#000000");
  g_assert_cmpuint (strata_rules_count_changes (published, draft), ==, 3);
  g_ptr_array_remove_index (draft->adjustments, 5);
  g_assert_cmpuint (strata_rules_count_changes (published, draft), ==, 4);
  /* The last tier's minimum is not used: changing it is no change. */
  ((StrataTier *) draft->tiers->pdata[4])->min_score = -5;
  g_assert_cmpuint (strata_rules_count_changes (published, draft), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules-problems/valid-default", test_valid_default);
  g_test_add_func ("/rules-problems/cells", test_cells);
  g_test_add_func ("/rules-problems/count-changes", test_count_changes);
  return g_test_run ();
}
