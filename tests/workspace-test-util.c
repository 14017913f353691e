/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "strata-period-data.h"
#include "strata-seed.h"
#include "workspace-test-util.h"

char *
test_make_tmp_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        test_remove_dir (path);
      else
        {
          g_chmod (path, 0600);   /* a test may have made it read-only */
          g_unlink (path);
        }
    }
  g_rmdir (dir);
}

void
test_workspace_setup_dir (TestWorkspace *t,
                          const char    *prefix,
                          const char    *name)
{
  t->dir = test_make_tmp_dir (prefix);
  t->path = g_build_filename (t->dir, name, NULL);
  t->ws = NULL;
}

void
test_workspace_setup_copy (TestWorkspace *t,
                           const char    *prefix,
                           const char    *subdir,
                           const char    *fixture)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", subdir, fixture, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  test_workspace_setup_dir (t, prefix, "demo.strata");
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (t->path, contents, length, NULL));
}

void
test_workspace_setup (TestWorkspace *t,
                      const char    *prefix,
                      const char    *name)
{
  g_autoptr(GError) error = NULL;

  test_workspace_setup_dir (t, prefix, name);
  t->ws = strata_seed_create_workspace (t->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->ws);
}

void
test_workspace_teardown (TestWorkspace *t)
{
  g_clear_object (&t->ws);
  test_remove_dir (t->dir);
  g_clear_pointer (&t->path, g_free);
  g_clear_pointer (&t->dir, g_free);
}

void
test_workspace_fixture_setup_dir (TestWorkspace *t,
                                  gconstpointer  prefix)
{
  test_workspace_setup_dir (t, prefix, "test.strata");
}

void
test_workspace_fixture_teardown (TestWorkspace *t,
                                 gconstpointer  data)
{
  test_workspace_teardown (t);
}

void
test_workspace_exec (StrataWorkspace *ws,
                     const char      *sql)
{
  g_autoptr(GError) error = NULL;

  strata_workspace_exec (ws, sql, &error);
  g_assert_no_error (error);
}

void
test_workspace_set_value (StrataWorkspace *ws,
                          gint64           period_id,
                          gint64           customer_id,
                          const char      *metric,
                          double           value)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT OR REPLACE INTO metric_values (period_id, metric_id, customer_id, value)"
    " SELECT %" G_GINT64_FORMAT ", id, %" G_GINT64_FORMAT ", %.17g FROM metrics WHERE key = '%s'",
    period_id, customer_id, value, metric);

  test_workspace_exec (ws, sql);
}

gint64
test_query_int (StrataWorkspace *ws,
                const char      *sql)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

gint64
test_period_id (StrataWorkspace *ws,
                const char      *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (strata_period_find (ws, name, &id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

double
test_query_double (StrataWorkspace *ws,
                   const char      *sql)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_double (stmt, 0);
}

char *
test_query_text (StrataWorkspace *ws,
                 const char      *sql)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
on_items_changed (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  TestChanges *c)
{
  c->calls++;
  c->position = position;
  c->removed = removed;
  c->added = added;
}

void
test_changes_watch (GListModel  *model,
                    TestChanges *c)
{
  *c = (TestChanges) { 0 };
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), c);
}

void
test_assert_changes (const TestChanges *c,
                     guint              calls,
                     guint              position,
                     guint              removed,
                     guint              added)
{
  g_assert_cmpuint (c->calls, ==, calls);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}
