/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the import tests: a dump of every table of a workspace (to
 * prove an aborted import changed nothing) and value look-ups. */
#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "strata-import.h"
#include "workspace-test-util.h"

/* Every row of every table, in a stable order, as text. */
static inline char *
dump_database (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  /* Read-write: after a killed import the file may have a hot journal,
   * which only a connection that may write rolls back (as Strata's does);
   * a read-only one would get SQLITE_READONLY. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);   /* as query_text () says */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master ORDER BY type, name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      const char *sql = (const char *) sqlite3_column_text (tables, 1);
      g_autofree char *select = NULL;
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "== %s: %s\n", name, sql ? sql : "");
      if (sql == NULL || !g_str_has_prefix (sql, "CREATE TABLE"))
        continue;
      select = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2, 3", name);
      if (sqlite3_prepare_v2 (db, select, -1, &rows, NULL) != SQLITE_OK)
        {
          g_free (select);
          select = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", name);
          g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &rows, NULL), ==, SQLITE_OK);
        }
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            g_string_append_printf (out, "%s%s", i ? "|" : "",
                                    sqlite3_column_type (rows, i) == SQLITE_NULL
                                    ? "NULL" : (const char *) sqlite3_column_text (rows, i));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* One value of a workspace by SQL, as text ("" for no row). */
static inline char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  /* Read-write: after a killed import the file may have a hot journal,
   * which only a connection that may write rolls back (as Strata's does);
   * a read-only one would get SQLITE_READONLY. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  /* The window's workers may be closing their connections meanwhile
   * (the last one checkpoints under an exclusive lock): wait, as Strata
   * does. */
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    result = g_strdup ("");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* A customer's value of a metric in a period, by ext_id and metric key. */
static inline char *
metric_value (const char *path,
              const char *period,
              const char *ext_id,
              const char *key)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT v.value FROM metric_values v JOIN metrics m ON m.id = v.metric_id"
                     " JOIN customers c ON c.id = v.customer_id JOIN periods p ON p.id = v.period_id"
                     " WHERE p.name = '%s' AND c.ext_id = '%s' AND m.key = '%s'", period, ext_id, key);
  return query_text (path, sql);
}

/* A g_test_add set-up: a temporary folder (prefix: the test data) and a
 * workspace opened in it as strata-cli import opens one; tear down with
 * test_workspace_fixture_teardown. */
static inline void
import_test_fixture_setup (TestWorkspace *t,
                           gconstpointer  prefix)
{
  g_autoptr(GError) error = NULL;

  test_workspace_fixture_setup_dir (t, prefix);
  t->ws = strata_import_open_workspace (t->path, &error);
  g_assert_no_error (error);
}
