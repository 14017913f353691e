/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention per tier on the review fixture (tests/review-fixture.h), every
 * number worked out by hand. 2026-Q1 under the default rules:
 *
 *   tier  customers (order_amount in Q1 -> Q2)
 *   A     Zeta    11M -> 11M
 *   B     (none)
 *   C     Epsilon  6M -> 6M
 *   D     Alpha   500k -> 1.2M, Beta 3.5M -> 3.5M
 *   E     Gamma   100k -> (gone)
 *
 * Delta is new in Q2 and belongs to no Q1 group. */
#include <locale.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "review-fixture.h"
#include "strata-period-close.h"
#include "strata-retention.h"
#include "strata-ruleset-store.h"
#include "strata-retention-private.h"

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

  f->dir = g_dir_make_tmp ("strata-retention-XXXXXX", NULL);
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

static StrataRetention *
compute (Fixture                *f,
         StrataRetentionGroupBy  by)
{
  g_autoptr(GError) error = NULL;
  StrataRetention *r = strata_retention_compute (f->ws, by, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
assert_row (const StrataRetention *r,
            const char            *group,
            guint                  customers,
            guint                  retained,
            double                 revenue,
            double                 revenue_next)
{
  const StrataRetentionRow *row = strata_retention_find (r, "2026-Q1", group);

  g_assert_nonnull (row);
  g_assert_cmpstr (row->to, ==, "2026-Q2");
  g_assert_cmpuint (row->customers, ==, customers);
  g_assert_cmpuint (row->retained, ==, retained);
  g_assert_cmpfloat (row->revenue, ==, revenue);
  g_assert_cmpfloat (row->revenue_next, ==, revenue_next);
  if (customers == 0)
    g_assert_true (isnan (row->rate));
  else
    g_assert_cmpfloat_with_epsilon (row->rate, (double) retained / customers, 1e-12);
  if (revenue == 0)
    g_assert_true (isnan (row->revenue_rate));
  else
    g_assert_cmpfloat_with_epsilon (row->revenue_rate, revenue_next / revenue, 1e-12);
}

/* Presence in Q2 decides. */
static void
test_presence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StrataRetention) r = compute (f, STRATA_RETENTION_BY_TIER);
  g_autofree char *csv = NULL;

  g_assert_cmpuint (r->periods->len, ==, 2);
  g_assert_cmpuint (r->rows->len, ==, 5);
  assert_row (r, "A", 1, 1, 11000000, 11000000);
  assert_row (r, "B", 0, 0, 0, 0);
  assert_row (r, "C", 1, 1, 6000000, 6000000);
  assert_row (r, "D", 2, 2, 4000000, 4700000);
  assert_row (r, "E", 1, 0, 100000, 0);

  csv = strata_retention_to_csv (r);
  g_assert_cmpstr (csv, ==,
                   "from,to,group,customers,retained,rate,revenue,revenue_next,revenue_rate\n"
                   "2026-Q1,2026-Q2,A,1,1,1.0000,11000000.00,11000000.00,1.0000\n"
                   "2026-Q1,2026-Q2,B,0,0,,0.00,0.00,\n"
                   "2026-Q1,2026-Q2,C,1,1,1.0000,6000000.00,6000000.00,1.0000\n"
                   "2026-Q1,2026-Q2,D,2,2,1.0000,4000000.00,4700000.00,1.1750\n"
                   "2026-Q1,2026-Q2,E,1,0,0.0000,100000.00,0.00,0.0000\n");
}

/* An explicit `renewed` in Q1 wins over presence: Beta is in Q2 but did
 * not renew (lost); Gamma is gone but renewed (kept); Alpha has no value,
 * so presence decides (kept). */
static void
test_renewed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(StrataRetention) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  JsonObject *b;

  test_workspace_exec (f->ws, "INSERT INTO metrics (key, label, kind) VALUES ('renewed', 'Renewed', 'boolean')");
  test_workspace_set_value (f->ws, 1, 2, "renewed", 0);
  test_workspace_set_value (f->ws, 1, 3, "renewed", 1);
  r = compute (f, STRATA_RETENTION_BY_TIER);
  assert_row (r, "A", 1, 1, 11000000, 11000000);
  assert_row (r, "B", 0, 0, 0, 0);
  assert_row (r, "C", 1, 1, 6000000, 6000000);
  assert_row (r, "D", 2, 1, 4000000, 4700000);
  assert_row (r, "E", 1, 1, 100000, 0);

  json = strata_retention_to_json (r);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  b = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (b, "group"), ==, "B");
  g_assert_cmpint (json_object_get_int_member (b, "customers"), ==, 0);
  g_assert_true (json_object_get_null_member (b, "rate"));
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (rows, 3), "rate"), ==, 0.5);
}

/* A closed period keeps the tiers it was closed with: under v2 (C from 35)
 * Alpha and Beta (35 points each) would be C, but Q1 was frozen under v1,
 * where they are D; reopened, v2 puts them in C. */
static void
test_frozen_tiers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRetention) open_v2 = NULL;
  g_autoptr(StrataRetention) closed = NULL;
  g_autoptr(StrataRules) rules = NULL;
  guint version = 0;

  g_assert_true (strata_period_close (f->ws, 1, &error));
  g_assert_no_error (error);
  rules = strata_ruleset_store_load_version (f->ws, 0, &error);
  g_assert_no_error (error);
  ((StrataTier *) rules->tiers->pdata[strata_rules_find_tier (rules, "C")])->min_score = 35;
  strata_ruleset_store_publish (f->ws, rules, "C from 35", &version, &error);
  g_assert_no_error (error);

  closed = compute (f, STRATA_RETENTION_BY_TIER);
  assert_row (closed, "C", 1, 1, 6000000, 6000000);
  assert_row (closed, "D", 2, 2, 4000000, 4700000);

  g_assert_true (strata_period_reopen (f->ws, 1, &error));
  g_assert_no_error (error);
  open_v2 = compute (f, STRATA_RETENTION_BY_TIER);
  assert_row (open_v2, "C", 3, 3, 10000000, 10700000);
  assert_row (open_v2, "D", 0, 0, 0, 0);
}

/* By quadrant: the four quadrants, and every Q1 customer in one of them
 * (or "none"). */
static void
test_quadrant (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StrataRetention) r = compute (f, STRATA_RETENTION_BY_QUADRANT);
  guint customers = 0, retained = 0;
  double revenue = 0;

  g_assert_cmpuint (r->rows->len, >=, 4);
  g_assert_nonnull (strata_retention_find (r, "2026-Q1", "A"));
  g_assert_nonnull (strata_retention_find (r, "2026-Q1", "D"));
  for (guint i = 0; i < r->rows->len; i++)
    {
      const StrataRetentionRow *row = r->rows->pdata[i];
      customers += row->customers;
      retained += row->retained;
      revenue += row->revenue;
    }
  g_assert_cmpuint (customers, ==, 5);
  g_assert_cmpuint (retained, ==, 4);
  g_assert_cmpfloat (revenue, ==, 21100000);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/retention/presence", test_presence);
  ADD ("/retention/renewed", test_renewed);
  ADD ("/retention/frozen-tiers", test_frozen_tiers);
  ADD ("/retention/quadrant", test_quadrant);
#undef ADD

  return g_test_run ();
}
