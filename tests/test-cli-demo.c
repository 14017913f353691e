/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli demo: exit codes, messages, refusing to overwrite. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-test-util.h"
#include "strata-workspace.h"

static gint64
customers (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = strata_workspace_prepare (ws, "SELECT COUNT (*) FROM customers", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_demo_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir.strata", NULL);
  CliRun r = { 0 };

  r.status = run_cli (&r.out, &r.err, "demo", path, "--customers", "50", "--seed", "3", "--periods", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "50"));
  g_assert_cmpstr (r.err, ==, "");
  cli_run_clear (&r);
  g_assert_cmpint (customers (path), ==, 50);

  /* An existing file is refused, and left as it was. */
  r.status = run_cli (&r.out, &r.err, "demo", path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, path));
  g_assert_nonnull (strstr (r.err, "--force"));
  cli_run_clear (&r);
  g_assert_cmpint (customers (path), ==, 50);

  r.status = run_cli (&r.out, &r.err, "demo", path, "--force", "-q", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  cli_run_clear (&r);
  g_assert_cmpint (customers (path), ==, 600);

  /* Usage errors: exit 1 with a one-line message. */
  r.status = run_cli (&r.out, &r.err, "demo", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "strata-cli: "));
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "demo", path, "--customers", "many", "--force", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "“many”"));
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "demo", path, "--customers", "0", "--force", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "demo", path, "--periods", "13", "--force", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_run_clear (&r);
  r.status = run_cli (&r.out, &r.err, "demo", path, "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_run_clear (&r);
  g_assert_cmpint (customers (path), ==, 600);

  /* A folder that does not exist: bad input, exit 2, named. */
  r.status = run_cli (&r.out, &r.err, "demo", missing, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "dir.strata"));
  cli_run_clear (&r);

  /* Listed in strata-cli --help. */
  r.status = run_cli (&r.out, &r.err, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "demo"));
  cli_run_clear (&r);

  g_unlink (path);
  g_rmdir (dir);
}

/* strata-cli check: the full check that opening leaves out. */
static void
test_check_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  CliRun r = { 0 };

  r.status = run_cli (&r.out, &r.err, "demo", path, "--customers", "400", "--seed", "3", "--periods", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_run_clear (&r);

  r.status = run_cli (&r.out, &r.err, "check", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "no damage found"));
  g_assert_cmpstr (r.err, ==, "");
  cli_run_clear (&r);

  /* Scribble over pages in the middle, keeping the header: opening does
   * not read them, the check does and names the file. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 65536);
  for (gsize i = len / 2; i < len / 2 + 16384; i++)
    contents[i] = (char) (i * 37);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  r.status = run_cli (&r.out, &r.err, "check", path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, path));
  g_assert_nonnull (strstr (r.err, "damaged"));
  g_assert_cmpstr (r.out, ==, "");
  cli_run_clear (&r);

  r.status = run_cli (&r.out, &r.err, "check", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_run_clear (&r);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A demo written in Chinese has Chinese rule labels (tiers, quadrants,
 * adjustments) and metrics that carry their Chinese labels. */
static void
test_demo_chinese (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-demo-zh-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "演示.strata", NULL);
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *rules;
  CliRun r = { 0 };

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  g_setenv ("STRATA_LOCALEDIR", localedir, TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  r.status = run_cli (&r.out, &r.err, "demo", path, "--customers", "20", "--periods", "1", NULL);
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpint (r.status, ==, 0);
  cli_run_clear (&r);

  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  stmt = strata_workspace_prepare (ws, "SELECT rules_json FROM rulesets ORDER BY id LIMIT 1", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rules = (const char *) sqlite3_column_text (stmt, 0);
  g_assert_nonnull (strstr (rules, "\"label\": \"战略客户\""));   /* tier A */
  g_assert_nonnull (strstr (rules, "\"label\": \"头部客户\""));   /* quadrant A */
  g_assert_nonnull (strstr (rules, "\"label\": \"上市公司\""));   /* an adjustment */
  g_assert_null (strstr (rules, "Strategic"));
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = strata_workspace_prepare (ws, "SELECT label_zh_cn FROM metrics WHERE key = 'order_amount'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "年度订单金额");
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_object (&ws);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/demo", test_demo_cli);
  g_test_add_func ("/cli/check", test_check_cli);
  g_test_add_func ("/cli/demo-chinese", test_demo_chinese);
  return g_test_run ();
}
