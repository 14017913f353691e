/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The names' order kept in the workspace (schema 6, strata-name-ranks.h):
 * read back only for the same period, collation, names' hash and size;
 * written in a transaction that does not count as a change to any
 * period's data (a window would reload everything); dropped with its
 * period. The names' hash sees a name changed. A file of format 5, made by
 * the release before, opens in format 6 with the same scores and
 * periods. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-test-util.h"
#include "strata-customer-order.h"
#include "strata-demo.h"
#include "strata-name-ranks.h"
#include "strata-period-private.h"
#include "strata-period-data.h"
#include "strata-schema.h"
#include "workspace-test-util.h"

typedef TestWorkspace Fixture;

static void
demo_setup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_workspace_setup_dir (f, "strata-name-ranks", "demo.strata");
  g_assert_true (strata_demo_write (f->path, 300, 7, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
}

static void
v5_setup (Fixture       *f,
          gconstpointer  data)
{
  test_workspace_setup_copy (f, "strata-v5", "workspace-v5", "demo-60.strata");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

static void
test_read_write (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) period = NULL;
  g_autofree guint32 *ranks = NULL, *back = NULL, *bad = NULL;
  gint64 period_id = test_period_id (f->ws, "2026-Q3");
  gint64 changes, other_rows, changes_after, other_after;
  guint64 hash;
  guint n;

  period = strata_period_data_load (f->ws, period_id, &error);
  g_assert_no_error (error);
  n = period->n;
  g_assert_cmpuint (n, >, 100);
  ranks = strata_customer_order_name_rank (period, n);
  hash = strata_customer_order_names_hash (period, n);
  g_assert_null (strata_name_ranks_read (f->ws, period_id, "c", hash, n));

  strata_workspace_get_data_changes (f->ws, &changes, &other_rows);
  g_assert_true (strata_name_ranks_write (f->ws, period_id, "c", hash, ranks, n, &error));
  g_assert_no_error (error);
  /* No change to the periods' data: loads still find theirs cached. */
  strata_workspace_get_data_changes (f->ws, &changes_after, &other_after);
  g_assert_cmpint (changes_after, ==, changes);
  g_assert_cmpint (other_after, ==, other_rows);
  g_assert_false (strata_workspace_in_transaction (f->ws));

  back = strata_name_ranks_read (f->ws, period_id, "c", hash, n);
  g_assert_nonnull (back);
  g_assert_cmpmem (back, n * sizeof (guint32), ranks, n * sizeof (guint32));
  /* Another hash, collation, size or period: not these. */
  g_assert_null (strata_name_ranks_read (f->ws, period_id, "c", hash + 1, n));
  g_assert_null (strata_name_ranks_read (f->ws, period_id, "zh_CN.UTF-8", hash, n));
  g_assert_null (strata_name_ranks_read (f->ws, period_id, "c", hash, n - 1));
  g_assert_null (strata_name_ranks_read (f->ws, test_period_id (f->ws, "2026-Q2"), "c", hash, n));

  /* Replaced, not added; a rank past the rows is not read back. */
  bad = g_memdup2 (ranks, n * sizeof (guint32));
  bad[n / 2] = n;
  g_assert_true (strata_name_ranks_write (f->ws, period_id, "c", hash, bad, n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM name_ranks"), ==, 1);
  g_assert_null (strata_name_ranks_read (f->ws, period_id, "c", hash, n));

  /* Gone with its period. */
  g_assert_true (strata_name_ranks_write (f->ws, period_id, "c", hash, ranks, n, &error));
  g_assert_true (strata_period_delete (f->ws, period_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM name_ranks"), ==, 0);
}

/* While another connection writes, the write fails at once instead of
 * waiting the busy timeout (5 s of a frozen window), and leaves nothing. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) other = strata_workspace_open (f->path, NULL, &error);
  gint64 period_id = test_period_id (f->ws, "2026-Q3");
  guint32 ranks[3] = { 0, 2, 1 };
  gint64 t;

  g_assert_no_error (error);
  g_assert_true (strata_workspace_begin (other, &error));
  t = g_get_monotonic_time ();
  g_assert_false (strata_name_ranks_write (f->ws, period_id, "c", 1, ranks, 3, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - t, <, G_USEC_PER_SEC);
  g_assert_false (strata_workspace_in_transaction (f->ws));
  strata_workspace_rollback (other);

  g_assert_true (strata_name_ranks_write (f->ws, period_id, "c", 1, ranks, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM name_ranks"), ==, 1);
}

/* The hash follows the names: the same period loaded twice hashes the
 * same; a renamed customer does not. */
static void
test_names_hash (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) one = NULL, two = NULL, renamed = NULL;
  g_autoptr(StrataWorkspace) other = NULL;
  gint64 period_id = test_period_id (f->ws, "2026-Q3");
  g_autofree char *collation = strata_customer_order_collation ();
  g_autofree char *sql = NULL;

  one = strata_period_data_load (f->ws, period_id, &error);
  g_assert_no_error (error);
  other = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  two = strata_period_data_load (other, period_id, &error);
  g_assert_no_error (error);
  g_assert_true (one != two);
  g_assert_true (strata_customer_order_names_hash (one, one->n) == strata_customer_order_names_hash (two, two->n));
  /* Fewer rows: another hash. */
  g_assert_true (strata_customer_order_names_hash (one, one->n) != strata_customer_order_names_hash (one, one->n - 1));

  sql = g_strdup_printf ("UPDATE customers SET name = name || 'x' WHERE ext_id = '%s'",
                         strata_period_data_get_ext_id (one, one->n / 2));
  g_assert_true (strata_workspace_exec (f->ws, sql, &error));
  renamed = strata_period_data_load (f->ws, period_id, &error);
  g_assert_no_error (error);
  g_assert_true (strata_customer_order_names_hash (one, one->n) != strata_customer_order_names_hash (renamed, renamed->n));

  /* The collation says what ranks depend on: the locale and the C library. */
  g_assert_nonnull (strstr (collation, setlocale (LC_COLLATE, NULL)));
  g_assert_nonnull (strstr (collation, "ranks "));
}

/* A file of format 5 (tests/fixtures/workspace-v5) opens in format 6, with
 * the names' table empty and the same scores and periods as the release
 * that wrote it printed. */
static void
test_migration_from_v5 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;

  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "PRAGMA user_version"), ==, STRATA_SCHEMA_VERSION);
  g_assert_cmpint (STRATA_SCHEMA_VERSION, ==, 6);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM name_ranks"), ==, 0);
  g_clear_object (&ws);

  cli_test_assert_fixture_output (f->path, "workspace-v5");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/name-ranks/read-write", Fixture, NULL, demo_setup, test_read_write, fixture_teardown);
  g_test_add ("/name-ranks/busy", Fixture, NULL, demo_setup, test_busy, fixture_teardown);
  g_test_add ("/name-ranks/names-hash", Fixture, NULL, demo_setup, test_names_hash, fixture_teardown);
  g_test_add ("/name-ranks/migration-from-v5", Fixture, NULL, v5_setup, test_migration_from_v5, fixture_teardown);
  return g_test_run ();
}
