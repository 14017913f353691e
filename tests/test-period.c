/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Periods: dates from names, explicit dates, chronological order, rename,
 * delete, refusals, and StrataPeriodList's precise items-changed. */
#include <glib/gstdio.h>
#include <string.h>

#include "strata-period-list.h"
#include "strata-seed.h"
#include "workspace-test-util.h"
#include "strata-period-private.h"

typedef TestWorkspace Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup (f, "strata-period", "p.strata");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

static void
check_parse (const char *name,
             const char *start,
             const char *end)
{
  GDate s, e;
  char buf[16];

  g_assert_true (strata_period_parse_name (name, &s, &e));
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&s), g_date_get_month (&s),
              g_date_get_day (&s));
  g_assert_cmpstr (buf, ==, start);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&e), g_date_get_month (&e),
              g_date_get_day (&e));
  g_assert_cmpstr (buf, ==, end);
}

static void
test_parse (void)
{
  GDate s, e;
  const char *bad[] = { "", "26-Q1", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-7",
                        "2026Q3", "2026-Q3x", "Q3-2026", "spring", "2026-07-01", NULL };

  check_parse ("2026-Q3", "2026-07-01", "2026-09-30");
  check_parse ("2026-Q1", "2026-01-01", "2026-03-31");
  check_parse ("2025-Q4", "2025-10-01", "2025-12-31");
  check_parse ("2026-q2", "2026-04-01", "2026-06-30");
  check_parse ("2026-07", "2026-07-01", "2026-07-31");
  check_parse ("2024-02", "2024-02-01", "2024-02-29");
  check_parse ("2026-02", "2026-02-01", "2026-02-28");
  check_parse ("2026", "2026-01-01", "2026-12-31");
  for (guint i = 0; bad[i]; i++)
    g_assert_false (strata_period_parse_name (bad[i], &s, &e));
}

static char *
names (StrataPeriodList *list)
{
  GString *s = g_string_new ("");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(StrataPeriod) p = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (strata_period_get_position (p), ==, (int) i);
      g_string_append_printf (s, "%s%s", i ? " " : "", strata_period_get_name (p));
    }
  return g_string_free (s, FALSE);
}

static void
test_create_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StrataPeriodList) list = strata_period_list_new (f->ws);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriod) q3 = NULL;
  g_autoptr(StrataPeriod) q1 = NULL;
  g_autoptr(StrataPeriod) custom = NULL;
  g_autoptr(StrataPeriod) latest = NULL;
  g_autofree char *order = NULL;
  TestChanges c;

  g_assert_null (strata_period_get_latest (f->ws, &error));
  g_assert_no_error (error);
  test_changes_watch (G_LIST_MODEL (list), &c);

  q3 = strata_period_create (f->ws, "2026-Q3", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_period_get_start_date (q3), ==, "2026-07-01");
  g_assert_cmpstr (strata_period_get_end_date (q3), ==, "2026-09-30");
  g_assert_cmpint (strata_period_get_state (q3), ==, STRATA_PERIOD_OPEN);
  g_assert_cmpint (strata_period_get_ruleset_version (q3), ==, 0);
  test_assert_changes (&c, 1, 0, 0, 1);

  /* An earlier period goes before it: one insertion at 0. */
  q1 = strata_period_create (f->ws, " 2026-Q1 ", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_period_get_name (q1), ==, "2026-Q1");
  test_assert_changes (&c, 2, 0, 0, 1);

  custom = strata_period_create (f->ws, "Spring campaign", "2026-03-15", "2026-05-31", &error);
  g_assert_no_error (error);
  test_assert_changes (&c, 3, 1, 0, 1);
  {
    g_autoptr(StrataPeriod) year = strata_period_create (f->ws, "2025", NULL, NULL, &error);
    g_autoptr(StrataPeriod) month = strata_period_create (f->ws, "2026-08", NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (strata_period_get_end_date (year), ==, "2025-12-31");
    g_assert_cmpstr (strata_period_get_end_date (month), ==, "2026-08-31");
  }
  order = names (list);
  g_assert_cmpstr (order, ==, "2025 2026-Q1 Spring campaign 2026-Q3 2026-08");

  latest = strata_period_get_latest (f->ws, &error);
  g_assert_cmpstr (strata_period_get_name (latest), ==, "2026-08");
  g_assert_cmpstr (strata_period_get_name (strata_period_list_get_latest (list)), ==, "2026-08");
  g_assert_cmpint (strata_period_list_find (list, strata_period_get_id (q3)), ==, 3);
  g_assert_true (strata_period_list_lookup_name (list, "2026-Q1") ==
                 strata_period_list_lookup_id (list, strata_period_get_id (q1)));
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM audit_log WHERE action = 'period.create'"),
                   ==, 5);
  g_assert_cmpint (test_query_int (f->ws, "SELECT position FROM periods WHERE name = '2026-08'"), ==, 4);

  /* Refusals, with nothing written and no signal. */
  c.calls = 0;
  g_assert_null (strata_period_create (f->ws, "2026-Q3", NULL, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-Q3"));
  g_clear_error (&error);
  g_assert_null (strata_period_create (f->ws, "Autumn", NULL, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Autumn"));
  g_clear_error (&error);
  g_assert_null (strata_period_create (f->ws, "Autumn", "2026-09-01", "2026-13-01", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-13-01"));
  g_clear_error (&error);
  g_assert_null (strata_period_create (f->ws, "Autumn", "2026-11-01", "2026-09-01", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (strata_period_create (f->ws, "   ", NULL, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (c.calls, ==, 0);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM periods"), ==, 5);
}

static void
test_rename_delete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StrataPeriodList) list = strata_period_list_new (f->ws);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriod) q4 = NULL;
  g_autoptr(StrataPeriod) q1 = NULL;
  g_autoptr(StrataPeriod) q2 = NULL;
  g_autoptr(StrataPeriod) kept = NULL;
  g_autofree char *order = NULL;
  TestChanges c;

  q4 = strata_period_create (f->ws, "2025-Q4", NULL, NULL, &error);
  q1 = strata_period_create (f->ws, "2026-Q1", NULL, NULL, &error);
  q2 = strata_period_create (f->ws, "2026-Q2", NULL, NULL, &error);
  g_assert_no_error (error);
  kept = g_list_model_get_item (G_LIST_MODEL (list), 2);
  test_changes_watch (G_LIST_MODEL (list), &c);

  g_assert_true (strata_period_rename (f->ws, strata_period_get_id (q1), "Q1 2026", &error));
  g_assert_no_error (error);
  test_assert_changes (&c, 1, 1, 1, 1);
  order = names (list);
  g_assert_cmpstr (order, ==, "2025-Q4 Q1 2026 2026-Q2");
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM audit_log WHERE action = 'period.rename'"
                                 " AND subject = '2026-Q1' AND detail = 'Q1 2026'"), ==, 1);

  g_assert_false (strata_period_rename (f->ws, strata_period_get_id (q1), "2026-Q2", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (strata_period_rename (f->ws, 9999, "x", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_clear_error (&error);
  g_assert_cmpuint (c.calls, ==, 1);

  /* Deleting the oldest: one removal at 0; later periods move up. */
  g_assert_true (strata_period_delete (f->ws, strata_period_get_id (q4), &error));
  g_assert_no_error (error);
  test_assert_changes (&c, 2, 0, 1, 0);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (list), 1) == (gpointer) kept);
  g_object_unref (kept);
  g_assert_cmpint (strata_period_get_position (kept), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM periods"), ==, 2);
  g_assert_cmpint (test_query_int (f->ws, "SELECT position FROM periods WHERE name = '2026-Q2'"), ==, 1);

  /* A closed period is history. */
  g_assert_true (strata_workspace_exec (f->ws, "UPDATE periods SET state = 'closed'"
                                               " WHERE name = '2026-Q2'", &error));
  strata_workspace_emit_changed (f->ws, "periods");
  test_assert_changes (&c, 3, 1, 1, 1);
  g_assert_false (strata_period_delete (f->ws, strata_period_get_id (q2), &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-Q2"));
  g_clear_error (&error);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM periods"), ==, 2);
  {
    g_autoptr(StrataPeriod) closed = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_cmpint (strata_period_get_state (closed), ==, STRATA_PERIOD_CLOSED);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/parse", test_parse);
  g_test_add ("/period/create-order", Fixture, NULL, fixture_setup, test_create_order,
              fixture_teardown);
  g_test_add ("/period/rename-delete", Fixture, NULL, fixture_setup, test_rename_delete,
              fixture_teardown);
  return g_test_run ();
}
