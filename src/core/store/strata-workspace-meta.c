/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataWorkspace's small writes: the meta table's settings and the audit
 * log's rows (who did what to which subject), in the caller's transaction. */
#include "config.h"

#include <sqlite3.h>

#include "strata-workspace.h"

char *
strata_workspace_get_meta (StrataWorkspace *self,
                           const char      *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), NULL);

  stmt = strata_workspace_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
strata_workspace_set_meta (StrataWorkspace  *self,
                           const char       *key,
                           const char       *value,
                           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);

  stmt = strata_workspace_prepare (self,
                                   "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                   "ON CONFLICT (key) DO UPDATE SET value = ?2",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self, error, "meta");
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_workspace_audit (StrataWorkspace  *self,
                        const char       *action,
                        const char       *subject,
                        const char       *detail,
                        GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  stmt = strata_workspace_prepare (self,
                                   "INSERT INTO audit_log (author, action, subject, detail) "
                                   "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, strata_workspace_get_author (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, subject ? subject : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, detail ? detail : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self, error, "audit log");
      return FALSE;
    }
  return TRUE;
}
