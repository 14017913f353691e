/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Closing a period freezes its results under the version used; a rule
 * change afterwards leaves them alone (only a restatement shows the new
 * rules' view); reopening removes the frozen results. */
#include <locale.h>

#include "review-fixture.h"
#include "strata-entitlements.h"
#include "strata-movement.h"
#include "strata-review-deck.h"
#include "strata-period-close.h"
#include "strata-period-summary.h"
#include "strata-ruleset-store.h"
#include "strata-movement-private.h"
#include "strata-review-deck-private.h"

typedef struct
{
  char            *dir;
  StrataWorkspace *ws;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = test_make_tmp_dir ("strata-review");
  path = g_build_filename (f->dir, "review.strata", NULL);
  f->ws = review_fixture_create (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->ws);
  test_remove_dir (f->dir);
  g_free (f->dir);
}

static const char *
tier_of (StrataPeriodResults *results,
         gint64               customer_id)
{
  int row = strata_period_data_find_id (results->data, customer_id);

  g_assert_cmpint (row, >=, 0);
  return strata_period_results_get_tier_id (results, row);
}

static void
publish_c_from_35 (StrataWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) rules = strata_ruleset_store_load_version (ws, 0, &error);
  guint version = 0;

  g_assert_no_error (error);
  ((StrataTier *) rules->tiers->pdata[strata_rules_find_tier (rules, "C")])->min_score = 35;
  strata_ruleset_store_publish (ws, rules, "C from 35", &version, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
}

static void
test_close_freezes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodResults) q1 = NULL;
  g_autoptr(StrataPeriodResults) q2 = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  StrataPeriodSummary *s;

  g_assert_true (strata_period_close (f->ws, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->ws, "SELECT state = 'closed' FROM periods WHERE id = 1"), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT closed_at IS NOT NULL FROM periods WHERE id = 1"), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT r.version FROM periods p JOIN rulesets r"
                                     " ON r.id = p.ruleset_id WHERE p.id = 1"), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM period_results WHERE period_id = 1"), ==, 5);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM audit_log WHERE action = 'period.close'"
                                     " AND subject = '2026-Q1'"), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT state = 'open' FROM periods WHERE id = 2"), ==, 1);

  /* Closing twice is refused and changes nothing. */
  g_assert_false (strata_period_close (f->ws, 1, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“2026-Q1” is already closed"));
  g_clear_error (&error);
  g_assert_false (strata_period_close (f->ws, 99, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_clear_error (&error);

  /* The rules change after closing: Q1 stays as it was frozen. */
  publish_c_from_35 (f->ws);
  q1 = strata_period_results_load (f->ws, 1, &error);
  g_assert_no_error (error);
  g_assert_true (q1->frozen);
  g_assert_cmpint (q1->version, ==, 1);
  g_assert_cmpstr (tier_of (q1, 1), ==, "D");   /* Alpha: 35, D under v1 */
  g_assert_cmpstr (tier_of (q1, 2), ==, "D");
  g_assert_cmpstr (tier_of (q1, 5), ==, "C");
  g_assert_cmpfloat (q1->result->score[strata_period_data_find_id (q1->data, 1)], ==, 35);

  /* The open Q2 follows the new rules. */
  q2 = strata_period_results_load (f->ws, 2, &error);
  g_assert_no_error (error);
  g_assert_false (q2->frozen);
  g_assert_cmpint (q2->version, ==, 2);
  g_assert_cmpstr (tier_of (q2, 1), ==, "C");   /* 45 */
  g_assert_cmpstr (tier_of (q2, 2), ==, "E");   /* 25 */

  periods = strata_period_summary_list (f->ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (periods->len, ==, 2);
  s = periods->pdata[0];
  g_assert_cmpstr (s->name, ==, "2026-Q1");
  g_assert_true (s->closed);
  g_assert_cmpint (s->version, ==, 1);
  g_assert_cmpuint (s->n_customers, ==, 5);
  s = periods->pdata[1];
  g_assert_false (s->closed);
  g_assert_cmpint (s->version, ==, 0);
  g_assert_null (s->closed_at);
}

static void
test_movement_split (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataMovement) plain = NULL;
  g_autoptr(StrataMovement) restated = NULL;

  g_assert_true (strata_period_close (f->ws, 1, &error));
  publish_c_from_35 (f->ws);

  plain = strata_movement_compute (f->ws, 1, 2, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (strata_movement_get_from_version (plain), ==, 1);
  g_assert_cmpint (strata_movement_get_to_version (plain), ==, 2);
  g_assert_cmpuint (strata_movement_get_moves_total (plain), ==, 2);
  g_assert_cmpuint (strata_movement_get_moves_from_customers (plain), ==, 1);
  g_assert_cmpuint (strata_movement_get_moves_from_rules (plain), ==, 2);
  g_assert_cmpuint (strata_movement_get_movers (plain, STRATA_MOVE_UP)->len, ==, 1);
  g_assert_cmpuint (strata_movement_get_movers (plain, STRATA_MOVE_NEW)->len, ==, 1);
  g_assert_cmpuint (strata_movement_get_movers (plain, STRATA_MOVE_LOST)->len, ==, 1);

  restated = strata_movement_compute (f->ws, 1, 2, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (strata_movement_get_from_version (restated), ==, 2);
  g_assert_cmpuint (strata_movement_get_movers (restated, STRATA_MOVE_UP)->len, ==, 0);
  g_assert_cmpuint (strata_movement_get_movers (restated, STRATA_MOVE_DOWN)->len, ==, 1);

  /* Labels come from the workspace's metrics. */
  {
    const StrataMover *beta = strata_movement_find_mover (restated, 2);
    g_autofree char *text = strata_mover_describe_reasons (beta, "; ");
    g_assert_cmpstr (text, ==, "Started applying: Overdue invoices (-10); Overdue invoices: 0 → 1");
  }
}

static void
rename_first_entitlement (StrataWorkspace *ws,
                          const char      *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataEntitlements) matrix = strata_entitlements_new (ws, &error);
  StrataEntitlement *first;

  g_assert_no_error (error);
  g_assert_cmpuint (strata_entitlements_get_all (matrix)->len, >, 0);
  first = g_ptr_array_index (strata_entitlements_get_all (matrix), 0);
  g_assert_true (strata_entitlements_rename (matrix, first->id, label, &error));
  g_assert_no_error (error);
}

/* What the slides read: rule changes between the versions used, and the
 * entitlement edits made after the earlier period was closed. */
static void
test_deck (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataReviewDeck) open_deck = NULL;
  g_autoptr(StrataReviewDeck) deck = NULL;
  g_autofree char *split = NULL;
  GPtrArray *changes;

  open_deck = strata_review_deck_load (f->ws, 1, 2, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (strata_review_deck_get_since (open_deck));
  g_assert_cmpuint (strata_review_deck_get_rule_changes (open_deck)->len, ==, 0);
  g_assert_cmpstr (strata_review_deck_get_company (open_deck), ==, "review");

  rename_first_entitlement (f->ws, "Renamed before closing");
  g_assert_true (strata_period_close (f->ws, 1, &error));
  rename_first_entitlement (f->ws, "Renamed after closing");
  publish_c_from_35 (f->ws);

  deck = strata_review_deck_load (f->ws, 1, 2, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strata_review_deck_get_since (deck));
  g_assert_true (strata_review_deck_get_from_closed (deck));
  g_assert_false (strata_review_deck_get_to_closed (deck));
  changes = strata_review_deck_get_entitlement_changes (deck);
  g_assert_cmpuint (changes->len, ==, 1);
  changes = strata_review_deck_get_rule_changes (deck);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((StrataRuleChange *) changes->pdata[0])->text, ==,
                   "Tier C Value: minimum score 45 → 35");
  split = strata_review_deck_describe_split (deck);
  /* Alpha moved by the rules alone, Beta by both: the 2 customers who
   * changed tier. */
  g_assert_cmpstr (split, ==, "Of these: 0 only from the customers' figures, "
                   "1 only from the rule change, 1 from both.");

  /* Customers per tier of 2026-Q2 (v2): A Zeta, B Delta, C Alpha and
   * Epsilon, E Beta; base tiers from base points alone. */
  g_assert_cmpuint (strata_review_deck_get_tier_counts (deck)[0], ==, 1);
  g_assert_cmpuint (strata_review_deck_get_tier_counts (deck)[1], ==, 1);
  g_assert_cmpuint (strata_review_deck_get_tier_counts (deck)[2], ==, 2);
  g_assert_cmpuint (strata_review_deck_get_tier_counts (deck)[3], ==, 0);
  g_assert_cmpuint (strata_review_deck_get_tier_counts (deck)[4], ==, 1);
  g_assert_cmpfloat (strata_review_deck_get_revenue (deck), ==, 33700000);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodResults) q1 = NULL;

  g_assert_false (strata_period_reopen (f->ws, 1, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (strata_period_close (f->ws, 1, &error));
  publish_c_from_35 (f->ws);
  g_assert_true (strata_period_reopen (f->ws, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM period_results WHERE period_id = 1"), ==, 0);
  g_assert_cmpint (test_query_int (f->ws, "SELECT state = 'open' AND ruleset_id IS NULL"
                                     " AND closed_at IS NULL FROM periods WHERE id = 1"), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM audit_log WHERE action = 'period.reopen'"), ==, 1);

  q1 = strata_period_results_load (f->ws, 1, &error);
  g_assert_no_error (error);
  g_assert_false (q1->frozen);
  g_assert_cmpstr (tier_of (q1, 1), ==, "C");   /* now scored with v2 */
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/period-close/freezes", Fixture, NULL, fixture_setup, test_close_freezes,
              fixture_teardown);
  g_test_add ("/period-close/movement-split", Fixture, NULL, fixture_setup, test_movement_split,
              fixture_teardown);
  g_test_add ("/period-close/deck", Fixture, NULL, fixture_setup, test_deck, fixture_teardown);
  g_test_add ("/period-close/reopen", Fixture, NULL, fixture_setup, test_reopen,
              fixture_teardown);
  return g_test_run ();
}
