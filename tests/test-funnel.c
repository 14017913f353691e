/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The traffic funnel on a hand-made period, every number worked out by
 * hand. Quadrants and tiers are set by hand (default rules' labels):
 *
 *   row  quadrant tier  impressions clicks inquiries orders
 *   a1   A        A     1000        100    40        4
 *   a2   A        A     3000        200    110       6
 *   a3   A        A     0           0      0         0
 *   b1   B        A     2000        100    50        25
 *   c1   C        E     10000       300    3         1
 *   c2   C        E     5000        0      0         0
 *   d1   D        E     0           0      0         0
 *   d2   D        E     (missing)   (miss) 2         1
 *   n1   none     none  100         10     5         5
 *
 * Totals and rates per quadrant (click, inquiry, order; overall):
 *   A 4000 300 150 10: .075 .5 .0667; .0025
 *   B 2000 100 50 25:  .05 .5 .5;     .0125  <- best (n1's .05 is no group)
 *   C 15000 300 3 1:   .02 .01 .3333; .0000667
 *   D 0 0 2 1:         none none .5;  none (zero denominators)
 * Below B, relatively: A's orders (1 − .0667/.5 = .87), C's inquiries
 * (1 − .01/.5 = .98); D's orders are not below (.5). */
#include <locale.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "strata-funnel.h"
#include "strata-period-data-private.h"

static const char *const keys[] = { "impressions", "clicks", "monthly_inquiries", "orders", NULL };

typedef struct
{
  const char *id;
  guint8      quadrant;
  guint8      tier;
  double      v[4];
} Row;

static const Row rows[] = {
  { "a1", STRATA_QUADRANT_A, 0, { 1000, 100, 40, 4 } },
  { "a2", STRATA_QUADRANT_A, 0, { 3000, 200, 110, 6 } },
  { "a3", STRATA_QUADRANT_A, 0, { 0, 0, 0, 0 } },
  { "b1", STRATA_QUADRANT_B, 0, { 2000, 100, 50, 25 } },
  { "c1", STRATA_QUADRANT_C, 4, { 10000, 300, 3, 1 } },
  { "c2", STRATA_QUADRANT_C, 4, { 5000, 0, 0, 0 } },
  { "d1", STRATA_QUADRANT_D, 4, { 0, 0, 0, 0 } },
  { "d2", STRATA_QUADRANT_D, 4, { NAN, NAN, 2, 1 } },
  { "n1", STRATA_QUADRANT_NONE, STRATA_TIER_NONE, { 100, 10, 5, 5 } },
};

static StrataPeriodResults *
fixture (const char * const *metric_keys)
{
  g_autoptr(StrataPeriodData) data = strata_period_data_new (metric_keys, G_N_ELEMENTS (rows));
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataResult) result = strata_result_new (G_N_ELEMENTS (rows));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint row = strata_period_data_add_row (data, i + 1, rows[i].id, rows[i].id);

      for (guint s = 0; s < 4 && metric_keys[s] != NULL; s++)
        if (!isnan (rows[i].v[s]))
          strata_period_data_set_value (data, row, metric_keys[s], rows[i].v[s]);
      result->quadrant[row] = rows[i].quadrant;
      result->final_tier[row] = rows[i].tier;
      result->tier[row] = rows[i].tier;
      result->override_tier[row] = STRATA_TIER_NONE;
    }
  return strata_period_results_new (data, rules, result, FALSE, 0, 0);
}

static const StrataFunnelGroup *
group (const StrataFunnel *funnel,
       const char         *name)
{
  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];

      if (g_str_equal (g->group, name))
        return g;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_rate (double rate,
             double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (rate));
  else
    g_assert_cmpfloat_with_epsilon (rate, expected, 1e-9);
}

static void
test_by_quadrant (void)
{
  g_autoptr(StrataPeriodResults) results = fixture (keys);
  g_autoptr(StrataFunnel) funnel = strata_funnel_compute (results, STRATA_FUNNEL_BY_QUADRANT);
  const StrataFunnelGroup *a, *b, *c, *d, *n;
  g_autofree char *csv = NULL;

  g_assert_cmpstr (funnel->keys[STRATA_FUNNEL_INQUIRIES], ==, "monthly_inquiries");
  g_assert_cmpuint (funnel->groups->len, ==, 5);
  a = group (funnel, "A");
  b = group (funnel, "B");
  c = group (funnel, "C");
  d = group (funnel, "D");
  n = group (funnel, "none");
  g_assert_cmpuint (a->customers, ==, 3);
  g_assert_cmpfloat (a->totals[0], ==, 4000);
  g_assert_cmpfloat (a->totals[3], ==, 10);
  assert_rate (a->rates[0], NAN);
  assert_rate (a->rates[1], 0.075);
  assert_rate (a->rates[2], 0.5);
  assert_rate (a->rates[3], 10.0 / 150);
  assert_rate (b->overall, 0.0125);
  assert_rate (c->rates[2], 0.01);
  /* Zero denominators give no rate, never inf or NaN shown as a number. */
  g_assert_cmpfloat (d->totals[0], ==, 0);
  assert_rate (d->rates[1], NAN);
  assert_rate (d->rates[2], NAN);
  assert_rate (d->rates[3], 0.5);
  assert_rate (d->overall, NAN);

  /* The best is B (n1 converts better but has no quadrant). */
  g_assert_cmpstr (((StrataFunnelGroup *) funnel->groups->pdata[funnel->best])->group, ==, "B");
  g_assert_cmpint (b->weakest, ==, STRATA_FUNNEL_NO_STEP);
  g_assert_cmpint (a->weakest, ==, STRATA_FUNNEL_ORDERS);
  g_assert_cmpint (c->weakest, ==, STRATA_FUNNEL_INQUIRIES);
  g_assert_cmpint (d->weakest, ==, STRATA_FUNNEL_NO_STEP);
  g_assert_cmpuint (n->customers, ==, 1);

  csv = strata_funnel_to_csv (funnel);
  g_assert_cmpstr (csv, ==,
                   "group,customers,impressions,clicks,inquiries,orders,click_rate,inquiry_rate,order_rate,weakest_step\n"
                   "A,3,4000,300,150,10,0.0750,0.5000,0.0667,orders\n"
                   "B,1,2000,100,50,25,0.0500,0.5000,0.5000,\n"
                   "C,2,15000,300,3,1,0.0200,0.0100,0.3333,inquiries\n"
                   "D,2,0,0,2,1,,,0.5000,\n"
                   "none,1,100,10,5,5,0.1000,0.5000,1.0000,\n");
}

static void
test_by_tier (void)
{
  g_autoptr(StrataPeriodResults) results = fixture (keys);
  g_autoptr(StrataFunnel) funnel = strata_funnel_compute (results, STRATA_FUNNEL_BY_TIER);
  const StrataFunnelGroup *a, *b, *e;

  /* Every tier of the rules, empty ones too, then "none". */
  g_assert_cmpuint (funnel->groups->len, ==, 6);
  a = group (funnel, "A");
  b = group (funnel, "B");
  e = group (funnel, "E");
  g_assert_cmpuint (a->customers, ==, 4);
  g_assert_cmpfloat (a->totals[0], ==, 6000);
  g_assert_cmpfloat (a->totals[3], ==, 35);
  assert_rate (a->overall, 35.0 / 6000);
  g_assert_cmpuint (b->customers, ==, 0);
  assert_rate (b->rates[1], NAN);
  assert_rate (b->overall, NAN);
  g_assert_cmpint (b->weakest, ==, STRATA_FUNNEL_NO_STEP);
  /* E: 15000 300 5 2; below A (.0667 .5 .175) most at inquiries. */
  g_assert_cmpuint (e->customers, ==, 4);
  assert_rate (e->rates[2], 5.0 / 300);
  g_assert_cmpint (e->weakest, ==, STRATA_FUNNEL_INQUIRIES);
  g_assert_cmpstr (((StrataFunnelGroup *) funnel->groups->pdata[funnel->best])->group, ==, "A");
}

/* a1 and a2 against quadrant A's medians: values over its three
 * customers (impressions 0, 1000, 3000 → 1000), rates over those that
 * have one (a3 has none: 0/0): click (.1 + .0667)/2, inquiry (.4 + .55)/2,
 * order (.1 + .0545)/2. */
static void
test_customer (void)
{
  g_autoptr(StrataPeriodResults) results = fixture (keys);
  g_autoptr(StrataFunnelCustomer) a1 = strata_funnel_customer_compute (results, 0);
  g_autoptr(StrataFunnelCustomer) a2 = strata_funnel_customer_compute (results, 1);
  g_autoptr(StrataFunnelCustomer) d2 = strata_funnel_customer_compute (results, 7);
  g_autofree char *csv = NULL;

  g_assert_null (strata_funnel_customer_compute (results, 99));
  g_assert_cmpstr (a1->group, ==, "A");
  g_assert_cmpuint (a1->group_customers, ==, 3);
  g_assert_cmpfloat (a1->median_values[0], ==, 1000);
  g_assert_cmpfloat (a1->median_values[1], ==, 100);
  assert_rate (a1->median_rates[1], (0.1 + 200.0 / 3000) / 2);
  assert_rate (a1->median_rates[2], 0.475);
  assert_rate (a1->median_rates[3], (0.1 + 6.0 / 110) / 2);
  assert_rate (a1->rates[2], 0.4);
  /* a1 loses most between click and inquiry, a2 between inquiry and order. */
  g_assert_cmpint (a1->weakest, ==, STRATA_FUNNEL_INQUIRIES);
  g_assert_cmpint (a2->weakest, ==, STRATA_FUNNEL_ORDERS);
  /* d2 has no impressions nor clicks: no rate there, and the medians of
   * D's values skip the missing one. */
  assert_rate (d2->values[0], NAN);
  assert_rate (d2->rates[1], NAN);
  assert_rate (d2->rates[2], NAN);
  assert_rate (d2->rates[3], 0.5);
  g_assert_cmpfloat (d2->median_values[0], ==, 0);
  g_assert_cmpint (d2->weakest, ==, STRATA_FUNNEL_NO_STEP);

  csv = strata_funnel_customer_to_csv (a1);
  g_assert_cmpstr (csv, ==,
                   "step,value,rate,median_value,median_rate,weakest\n"
                   "impressions,1000,,1000,,0\n"
                   "clicks,100,0.1000,100,0.0833,0\n"
                   "inquiries,40,0.4000,40,0.4750,1\n"
                   "orders,4,0.1000,4,0.0773,0\n");
}

/* A workspace's own "inquiries" wins over monthly_inquiries; order_count
 * stands in for orders; a step the workspace lacks has no rates. */
static void
test_keys (void)
{
  const char *const with_both[] = { "clicks", "inquiries", "monthly_inquiries", "order_count", NULL };
  g_autoptr(StrataPeriodData) data = strata_period_data_new (with_both, 1);
  const char *resolved[STRATA_FUNNEL_N_STEPS];
  const char *const partial[] = { "clicks", "monthly_inquiries", "orders", NULL };
  g_autoptr(StrataPeriodResults) results = NULL;
  g_autoptr(StrataFunnel) funnel = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *first;

  strata_funnel_resolve_keys (data, resolved);
  g_assert_null (resolved[STRATA_FUNNEL_IMPRESSIONS]);
  g_assert_cmpstr (resolved[STRATA_FUNNEL_CLICKS], ==, "clicks");
  g_assert_cmpstr (resolved[STRATA_FUNNEL_INQUIRIES], ==, "inquiries");
  g_assert_cmpstr (resolved[STRATA_FUNNEL_ORDERS], ==, "order_count");

  /* Without impressions: the values shift one step (fixture() fills the
   * first keys), so use the partial key list and check the holes. */
  results = fixture (partial);
  funnel = strata_funnel_compute (results, STRATA_FUNNEL_BY_QUADRANT);
  g_assert_null (funnel->keys[STRATA_FUNNEL_IMPRESSIONS]);
  g_assert_cmpint (funnel->best, ==, -1);   /* no overall rate anywhere */
  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];

      assert_rate (g->rates[STRATA_FUNNEL_CLICKS], NAN);
      g_assert_cmpint (g->weakest, ==, STRATA_FUNNEL_NO_STEP);
    }
  json = strata_funnel_to_json (funnel);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "by"), ==, "quadrant");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "metrics"), "impressions"));
  g_assert_true (json_object_get_null_member (root, "best"));
  first = json_array_get_object_element (json_object_get_array_member (root, "groups"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "group"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (first, "customers"), ==, 3);
  g_assert_true (json_object_get_null_member (first, "click_rate"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/funnel/by-quadrant", test_by_quadrant);
  g_test_add_func ("/funnel/by-tier", test_by_tier);
  g_test_add_func ("/funnel/customer", test_customer);
  g_test_add_func ("/funnel/keys", test_keys);
  return g_test_run ();
}
