/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli funnel on the demo: the columns, the numbers the core
 * computes, rates that are the totals' ratios, one customer against its
 * quadrant, and the exit codes. */
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "cli-test-util.h"
#include "strata-funnel.h"
#include "workspace-test-util.h"

#define HEADER "group,customers,impressions,clicks,inquiries,orders,click_rate,inquiry_rate,order_rate,weakest_step"

static const char *const letters[] = { "A", "B", "C", "D" };
static const char *const tiers[] = { "A", "B", "C", "D", "E" };

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = test_make_tmp_dir ("strata-cli-funnel");
  f->path = g_build_filename (f->dir, "demo.strata", NULL);
  g_assert_cmpint (run_cli (NULL, NULL, "demo", f->path, "-q", NULL), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The rate column k (1..3) is column k+1's total over column k's. */
static void
check_rates (char **fields)
{
  for (int s = 1; s < 4; s++)
    {
      double num = g_ascii_strtod (fields[2 + s], NULL);
      double den = g_ascii_strtod (fields[1 + s], NULL);

      if (den == 0)
        g_assert_cmpstr (fields[5 + s], ==, "");
      else
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[5 + s], NULL), num / den, 0.00005 + 1e-12);
    }
}

static void
test_by_quadrant (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL, *expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  g_autoptr(StrataFunnel) funnel = NULL;
  guint customers = 0, best_rows = 0;
  double c_overall = INFINITY, others_min = INFINITY;

  g_assert_no_error (error);
  g_assert_cmpint (run_cli (&out, &err, "funnel", f->path, NULL), ==, 0);
  /* Exactly what the core computes for the latest period. */
  funnel = strata_funnel_load (ws, NULL, STRATA_FUNNEL_BY_QUADRANT, &error);
  g_assert_no_error (error);
  expected = strata_funnel_to_csv (funnel);
  g_assert_cmpstr (out, ==, expected);

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, HEADER);
  /* A, B, C, D (every demo customer has both quadrant metrics). */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[5], ==, "");
  for (guint i = 1; i <= 4; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      double overall;

      g_assert_cmpuint (g_strv_length (fields), ==, 10);
      g_assert_cmpstr (fields[0], ==, letters[i - 1]);
      customers += atoi (fields[1]);
      check_rates (fields);
      best_rows += fields[9][0] == '\0';
      overall = g_ascii_strtod (fields[5], NULL) / g_ascii_strtod (fields[2], NULL);
      if (g_str_equal (fields[0], "C"))
        {
          c_overall = overall;
          /* Effort without results: the effort is lost before the inquiry. */
          g_assert_cmpstr (fields[9], ==, "inquiries");
        }
      else
        others_min = MIN (others_min, overall);
    }
  g_assert_cmpuint (customers, ==,
                    test_query_int (ws, "SELECT COUNT (*) FROM period_customers WHERE period_id ="
                                        " (SELECT id FROM periods WHERE name = '2026-Q3')"));
  g_assert_cmpuint (best_rows, ==, 1);
  /* The demo's C merchants convert worst of all. */
  g_assert_cmpfloat (c_overall, <, others_min);
}

static void
test_by_tier_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL, *json = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *groups;
  const char *best;

  g_assert_cmpint (run_cli (&out, NULL, "funnel", f->path, "--by", "tier", "--period", "2026-Q1", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  for (guint i = 1; i <= 5; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpstr (fields[0], ==, tiers[i - 1]);
      check_rates (fields);
    }

  g_assert_cmpint (run_cli (&json, NULL, "funnel", f->path, "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "period"), ==, "2026-Q3");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "metrics"),
                                                  "inquiries"), ==, "monthly_inquiries");
  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 4);
  best = json_object_get_string_member (root, "best");
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);

      /* The best group has no weakest step; the others have one. */
      g_assert_cmpint (json_object_get_null_member (g, "weakest_step"), ==,
                       g_str_equal (json_object_get_string_member (g, "group"), best));
    }
}

static void
test_customer (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL, *json = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint weakest = 0;
  gint64 impressions;

  g_assert_cmpint (run_cli (&out, &err, "funnel", f->path, "--customer", "C000001", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "step,value,rate,median_value,median_rate,weakest");
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  impressions = test_query_int (ws, "SELECT value FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                                    " JOIN periods p ON p.id = v.period_id"
                                    " WHERE m.key = 'impressions' AND v.customer_id = 1 AND p.name = '2026-Q3'");
  g_assert_cmpint (impressions, >, 0);
  {
    g_autofree char *first = g_strdup_printf ("impressions,%" G_GINT64_FORMAT ",,", impressions);
    g_assert_true (g_str_has_prefix (lines[1], first));
  }
  for (guint i = 1; i <= 4; i++)
    weakest += g_str_has_suffix (lines[i], ",1");
  g_assert_cmpuint (weakest, <=, 1);

  g_assert_cmpint (run_cli (&json, NULL, "funnel", f->path, "--customer", "C000001", "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "id"),
                   ==, "C000001");
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL;

  g_assert_cmpint (run_cli (NULL, &err1, "funnel", f->path, "--by", "region", NULL), ==, 1);
  g_assert_nonnull (strstr (err1, "region"));
  g_assert_cmpint (run_cli (NULL, &err2, "funnel", f->path, "--customer", "NOPE", NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "NOPE"));
  g_assert_cmpint (run_cli (NULL, &err3, "funnel", f->path, "--period", "1999-Q1", NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "1999-Q1"));
  g_assert_cmpint (run_cli (NULL, NULL, "funnel", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/funnel/by-quadrant", Fixture, NULL, fixture_setup, test_by_quadrant, fixture_teardown);
  g_test_add ("/cli/funnel/by-tier-json", Fixture, NULL, fixture_setup, test_by_tier_json, fixture_teardown);
  g_test_add ("/cli/funnel/customer", Fixture, NULL, fixture_setup, test_customer, fixture_teardown);
  g_test_add ("/cli/funnel/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  return g_test_run ();
}
