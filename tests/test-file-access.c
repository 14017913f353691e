/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A workspace that cannot be written, and one another program is writing,
 * through strata-cli as a user runs it: reads work, writes end in a message
 * that says why, and the file is never changed or damaged. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-test-util.h"
#include "workspace-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  char *rules;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = test_make_tmp_dir ("strata-file-access");
  f->path = g_build_filename (f->dir, "ws.strata", NULL);
  f->rules = g_build_filename (f->dir, "rules.json", NULL);
  g_assert_cmpint (run_cli (NULL, NULL, "demo", "-q", "--customers", "200", f->path, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "rules", "export", f->path, "-o", f->rules, NULL), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_chmod (f->path, 0644);
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->rules);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  gsize before_len = 0, after_len = 0;
  const char *const writes[][8] = {
    { "override", f->path, "C000001", "A", "--reason", "key account", NULL },
    { "rules", "import", f->path, f->rules, "--publish", "read-only", NULL },
    { "periods", "close", f->path, "2026-Q3", NULL },
    { "periods", "rename", f->path, "2026-Q3", "Q3", NULL },
  };

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  /* Reading works. */
  g_assert_cmpint (run_cli (&out, NULL, "periods", f->path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2026-Q3"));
  g_assert_cmpint (run_cli (NULL, NULL, "check", f->path, NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli_v (NULL, &err, writes[i]), ==, 2);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, "is open read-only"));
      g_assert_nonnull (strstr (err, f->path));
    }

  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* Another program holds a write transaction: strata-cli waits (the busy
 * timeout, 5 s), then says the file is in use; once the other is done the
 * same edit goes through. */
static void
test_two_writers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) other = strata_workspace_open (f->path, NULL, &error);
  g_autofree char *err = NULL;
  gint64 start;

  g_assert_no_error (error);
  g_assert_true (strata_workspace_begin (other, &error));
  g_assert_true (strata_workspace_set_meta (other, "held", "by the test", &error));

  start = g_get_monotonic_time ();
  g_assert_cmpint (run_cli (NULL, &err, "override", f->path, "C000001", "A", "--reason", "key account",
                            NULL), ==, 2);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "in use by another program"));
  g_assert_nonnull (strstr (err, f->path));
  /* It waited before giving up. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (test_query_int (other, "SELECT count(*) FROM overrides"), ==, 0);

  g_assert_true (strata_workspace_commit (other, &error));
  g_assert_cmpint (run_cli (NULL, NULL, "override", f->path, "C000001", "A", "--reason", "key account",
                            NULL), ==, 0);
  g_assert_cmpint (test_query_int (other, "SELECT count(*) FROM overrides WHERE removed_at IS NULL"), ==, 1);
  g_assert_cmpint (test_query_int (other, "SELECT count(*) FROM meta WHERE key = 'held'"), ==, 1);
  g_clear_object (&other);
  g_assert_cmpint (run_cli (NULL, NULL, "check", f->path, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add ("/file-access/read-only", Fixture, NULL, fixture_setup, test_read_only,
              fixture_teardown);
  g_test_add ("/file-access/two-writers", Fixture, NULL, fixture_setup, test_two_writers,
              fixture_teardown);
  return g_test_run ();
}
