/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Found by the end-to-end tests: a second workspace on the same file in the
 * same process (a page's worker thread) dropped, on closing, every fcntl
 * lock the process held on it, SQLite's included. Another program's SQLite
 * (the sqlite3 shell, strata-cli) then believed it was alone and deleted
 * the -wal under the window's connection, and the window's next commits
 * were lost. Also the damaged files the fuzzer found (fuzz-workspace). */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "strata-workspace.h"
#include "strata-period-data.h"
#include "workspace-test-util.h"

/* A write through ws must be in the file for a new connection. */
static char *
read_meta_elsewhere (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'e2e-check'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_second_open_keeps_locks (void)
{
  TestWorkspace t;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *out = NULL;
  g_autofree char *value = NULL;
  int status = 0;

  test_workspace_setup (&t, "strata-locks", "locks.strata");
  wal = g_strconcat (t.path, "-wal", NULL);
  g_assert_true (strata_workspace_set_meta (t.ws, "e2e-check", "one", &error));
  g_assert_no_error (error);

  /* A worker thread's connection on the same file, opened and closed. */
  {
    g_autoptr(StrataWorkspace) other = strata_workspace_open (t.path, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (other);
  }

  /* Another program reads and closes: it must not take the file over. */
  {
    const char *argv[] = { "sqlite3", t.path, "SELECT count(*) FROM meta;", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (atoi (out), >, 0);
  }
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The window's next commit reaches the file. */
  g_assert_true (strata_workspace_set_meta (t.ws, "e2e-check", "two", &error));
  g_assert_no_error (error);
  value = read_meta_elsewhere (t.path);
  g_assert_cmpstr (value, ==, "two");

  test_workspace_teardown (&t);
}

/* Applies a fuzz input (4-byte edits: page, offset in page, byte) to a copy
 * of tests/fixtures/fuzz-workspace.strata, as tests/fuzz-workspace.c does. */
static char *
damaged_copy (const char *dir,
              const char *edits_name)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "fuzz-workspace.strata", NULL);
  g_autofree char *edits_path = g_test_build_filename (G_TEST_DIST, "fixtures", "fuzz-regress",
                                                       edits_name, NULL);
  g_autofree guchar *bytes = NULL;
  g_autofree guchar *edits = NULL;
  gsize len, n_edits;
  gsize page_size;
  char *copy = g_build_filename (dir, edits_name, NULL);

  g_assert_true (g_file_get_contents (fixture, (char **) &bytes, &len, NULL));
  g_assert_true (g_file_get_contents (edits_path, (char **) &edits, &n_edits, NULL));
  page_size = bytes[16] << 8 | bytes[17];
  for (gsize i = 0; i + 4 <= n_edits; i += 4)
    bytes[(edits[i] % (len / page_size)) * page_size + (edits[i + 1] << 8 | edits[i + 2]) % page_size] = edits[i + 3];
  g_assert_true (g_file_set_contents (copy, (const char *) bytes, len, NULL));
  return copy;
}

/* A metric row whose key reads as NULL used to index past the columns. */
static void
test_damaged_metric_key (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-damaged");
  g_autofree char *path = damaged_copy (dir, "workspace-metric-key-null");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  gint64 period_id = 0;
  StrataPeriodData *data;

  g_assert_no_error (error);
  g_assert_true (strata_period_find (ws, NULL, &period_id, NULL, &error));
  data = strata_period_data_load (ws, period_id, &error);
  g_assert_null (data);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_clear_object (&ws);
  test_remove_dir (dir);
}

/* A negative format number in the header used to reach the migrations. */
static void
test_damaged_format_number (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-damaged");
  g_autofree char *path = damaged_copy (dir, "workspace-negative-version");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);

  g_assert_null (ws);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workspace-locks/second-open-keeps-locks", test_second_open_keeps_locks);
  g_test_add_func ("/workspace-locks/damaged-metric-key", test_damaged_metric_key);
  g_test_add_func ("/workspace-locks/damaged-format-number", test_damaged_format_number);
  return g_test_run ();
}
