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

/* Runs strata-cli in language ("C" or "zh_CN") and returns its output. */
static char *
cli_in (const char *language,
        ...)
{
  const char *args[7] = { NULL, };
  CliRun r = { 0 };
  va_list ap;
  guint n = 0;
  char *out;

  va_start (ap, language);
  while (n < G_N_ELEMENTS (args) - 1 && (args[n] = va_arg (ap, const char *)) != NULL)
    n++;
  va_end (ap);
  args[n] = NULL;
  if (g_str_equal (language, "C"))
    g_unsetenv ("LANGUAGE");
  else
    g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", g_str_equal (language, "C") ? "C.UTF-8" : "zh_CN.UTF-8", TRUE);
  r.status = run_cli (&r.out, &r.err, args[0], args[1], args[2], args[3], args[4], args[5], NULL);
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  out = g_steal_pointer (&r.out);
  cli_run_clear (&r);
  return out;
}

/* The tier and item names of the default rules come out in the reader's
 * language, whoever wrote the demo: an explanation and an export. */
static void
test_tier_names_language (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-names-XXXXXX", NULL);
  g_autofree char *english = g_build_filename (dir, "en.strata", NULL);
  g_autofree char *chinese = g_build_filename (dir, "zh.strata", NULL);
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *demo_en = NULL, *demo_zh = NULL;
  g_autofree char *explain_zh = NULL, *explain_en = NULL, *export_zh = NULL, *export_en = NULL;
  static const char *zh_tiers[] = { "战略客户", "重点客户", "价值客户", "潜力客户", "普通客户" };
  static const char *en_tiers[] = { ",Strategic,", ",Key,", ",Value,", ",Potential,", ",Ordinary," };
  gboolean seen_zh = FALSE, seen_en = FALSE;

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  g_setenv ("STRATA_LOCALEDIR", localedir, TRUE);
  demo_en = cli_in ("C", "demo", english, "--customers", "30", "--periods", "1", NULL);
  demo_zh = cli_in ("zh_CN", "demo", chinese, "--customers", "30", "--periods", "1", NULL);

  /* English-made, read in Chinese. */
  explain_zh = cli_in ("zh_CN", "explain", english, "C000001", NULL);
  g_assert_nonnull (strstr (explain_zh, "业务线三条及以上"));
  g_assert_nonnull (strstr (explain_zh, "故障工单五个及以上"));
  g_assert_null (strstr (explain_zh, "Three or more business lines"));
  g_assert_null (strstr (explain_zh, "Ordinary"));
  g_assert_null (strstr (explain_zh, "Potential"));
  g_assert_nonnull (strstr (explain_zh, "最终等级："));
  g_assert_null (strstr (explain_zh, "Head customers"));
  g_assert_null (strstr (explain_zh, "Natural fit"));
  g_assert_null (strstr (explain_zh, "Effort without results"));
  g_assert_null (strstr (explain_zh, "Tail ("));
  export_zh = cli_in ("zh_CN", "export", english, "-o", "-", NULL);
  for (guint t = 0; t < G_N_ELEMENTS (zh_tiers); t++)
    {
      g_autofree char *cell = g_strdup_printf (",%s,", zh_tiers[t]);

      seen_zh |= strstr (export_zh, cell) != NULL;
      g_assert_null (strstr (export_zh, en_tiers[t]));
    }
  g_assert_true (seen_zh);

  /* Chinese-made, read in English. */
  explain_en = cli_in ("C", "explain", chinese, "C000001", NULL);
  g_assert_nonnull (strstr (explain_en, "Three or more business lines"));
  g_assert_null (strstr (explain_en, "业务线三条及以上"));
  g_assert_nonnull (strstr (explain_en, "Final tier: "));
  export_en = cli_in ("C", "export", chinese, "-o", "-", NULL);
  for (guint t = 0; t < G_N_ELEMENTS (en_tiers); t++)
    {
      g_autofree char *cell = g_strdup_printf (",%s,", zh_tiers[t]);

      seen_en |= strstr (export_en, en_tiers[t]) != NULL;
      g_assert_null (strstr (export_en, cell));
    }
  g_assert_true (seen_en);

  g_unsetenv ("STRATA_LOCALEDIR");
  g_assert_cmpint (g_remove (english), ==, 0);
  g_assert_cmpint (g_remove (chinese), ==, 0);
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
  g_test_add_func ("/cli/tier-names-language", test_tier_names_language);
  return g_test_run ();
}
