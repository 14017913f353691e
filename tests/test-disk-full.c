/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A full disk, simulated without mounts or root: the writer runs with a file
 * size limit (RLIMIT_FSIZE, SIGXFSZ ignored, so write() fails with EFBIG as
 * it fails with ENOSPC on a full disk). The test keeps the workspace open as
 * a window would, so its -shm index exists and only new data hits the
 * limit. Every write (import, rules draft and publish, override, period
 * close, entitlement edit, report, demo) must end in a message that says
 * the disk is full and names the file, and leave the workspace as it was. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "cli-test-util.h"
#include "strata-entitlements.h"
#include "workspace-test-util.h"

/* Small: the first page a write adds to the -wal is past it. */
#define LIMIT_BYTES 4096

typedef struct
{
  char            *dir;
  char            *path;
  char            *csv;
  char            *rules;
  StrataWorkspace *ws;   /* held open, as a window would */
} Fixture;

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { LIMIT_BYTES, LIMIT_BYTES };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs strata-cli under the limit; returns its exit status, err its
 * standard error. */
static int
run_cli_full_disk (char              **err,
                   const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) g_getenv ("STRATA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               limit_file_size, NULL, NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* What the workspace holds: row counts of every table and the text of what
 * the edits change. */
static char *
fingerprint (StrataWorkspace *ws)
{
  static const char *const queries[] = {
    "SELECT count(*) FROM periods", "SELECT count(*) FROM customers",
    "SELECT count(*) FROM period_customers", "SELECT count(*) FROM rulesets",
    "SELECT count(*) FROM overrides", "SELECT count(*) FROM period_results",
    "SELECT count(*) FROM entitlement_values", "SELECT count(*) FROM imports",
    "SELECT count(*) FROM audit_log", "SELECT count(*) FROM meta",
    "SELECT total(length(rules_json)) FROM rulesets",
    "SELECT count(*) FROM periods WHERE state = 'closed'",
    "SELECT count(*) FROM entitlement_values WHERE value = '11'",
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_string_append_printf (s, "%" G_GINT64_FORMAT " ", test_query_int (ws, queries[i]));
  return g_string_free (s, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ("strata-disk-full");
  f->path = g_build_filename (f->dir, "ws.strata", NULL);
  f->csv = g_build_filename (f->dir, "customers.csv", NULL);
  f->rules = g_build_filename (f->dir, "rules.json", NULL);
  g_assert_cmpint (run_cli (NULL, NULL, "demo", "-q", "--customers", "300", f->path, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "export", f->path, "-o", f->csv, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "rules", "export", f->path, "-o", f->rules, NULL), ==, 0);
  f->ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM customers"), ==, 300);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->ws);
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->csv);
  g_free (f->rules);
}

/* The file holds no leftover of a failed write (a temporary PDF, a demo
 * being written): only what the test made. */
static void
assert_no_leftovers (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "ws.strata") || g_str_equal (name, "customers.csv") ||
                   g_str_equal (name, "rules.json"));
}

static void
test_cli_writes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *demo = g_build_filename (f->dir, "demo.strata", NULL);
  g_autofree char *before = fingerprint (f->ws);
  g_autofree char *after = NULL;
  const char *const import[] = { "import", f->path, f->csv, "--period", "2027-Q1", NULL };
  const char *const draft[] = { "rules", "import", f->path, f->rules, NULL };
  const char *const publish[] = { "rules", "import", f->path, f->rules, "--publish", "full", NULL };
  const char *const override[] = { "override", f->path, "C000001", "A", "--reason", "key account", NULL };
  const char *const close[] = { "periods", "close", f->path, "2026-Q3", NULL };
  const char *const add[] = { "periods", "add", f->path, "2027-Q2", NULL };
  const char *const report[] = { "report", f->path, "-o", pdf, NULL };
  const char *const demo_args[] = { "demo", "-q", demo, NULL };
  const struct { const char *const *args; const char *file; } cases[] = {
    { import, f->path }, { draft, f->path }, { publish, f->path }, { override, f->path },
    { close, f->path }, { add, f->path }, { report, pdf }, { demo_args, demo },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *now = NULL;

      g_test_message ("strata-cli %s", cases[i].args[0]);
      g_assert_cmpint (run_cli_full_disk (&err, cases[i].args), ==, 2);
      g_assert_nonnull (strstr (err, "the disk is full"));
      g_assert_nonnull (strstr (err, cases[i].file));
      /* One line, no warning or assertion from below. */
      g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
      now = fingerprint (f->ws);
      g_assert_cmpstr (now, ==, before);
      assert_no_leftovers (f);
    }
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (NULL, NULL, "check", f->path, NULL), ==, 0);

  /* With room, the same edit goes through: the limit was the only cause. */
  g_assert_cmpint (run_cli (NULL, NULL, "periods", "close", f->path, "2026-Q3", NULL), ==, 0);
  after = fingerprint (f->ws);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpint (test_query_int (f->ws, "SELECT count(*) FROM periods WHERE state = 'closed'"), ==, 1);
}

/* An entitlement edit as the window makes it, in a child process (its own
 * workspace) under the limit. */
static void
test_entitlement_edit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataEntitlements) m = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stdout ("*the disk is full*");
      return;
    }

  m = strata_entitlements_new (f->ws, &error);
  g_assert_no_error (error);
  before = fingerprint (f->ws);
  limit_file_size (NULL);
  g_assert_false (strata_entitlements_set_value (m, strata_entitlements_lookup_key (m, "order_discount")->id,
                                                 "B", "11", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_print ("%s\n", error->message);
  now = fingerprint (f->ws);
  g_assert_cmpstr (now, ==, before);
  /* Nothing to undo: the edit did not happen. */
  g_assert_false (strata_entitlements_can_undo (m));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add ("/disk-full/cli-writes", Fixture, NULL, fixture_setup, test_cli_writes,
              fixture_teardown);
  g_test_add ("/disk-full/entitlement-edit", Fixture, NULL, fixture_setup, test_entitlement_edit,
              fixture_teardown);
  return g_test_run ();
}
