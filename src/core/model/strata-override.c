/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"

#include "strata-override.h"
#include "strata-override-private.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

void
strata_override_free (StrataOverride *override)
{
  if (override == NULL)
    return;
  g_free (override->ext_id);
  g_free (override->tier);
  g_free (override->reason);
  g_free (override->author);
  g_free (override->created_at);
  g_free (override->removed_at);
  g_free (override->removed_by);
  g_free (override);
}

static gboolean
run (StrataWorkspace  *workspace,
     sqlite3_stmt     *stmt,
     GError          **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  strata_workspace_set_db_error (workspace, error, "overrides");
  return FALSE;
}

/* Marks the active override removed; the caller holds the transaction. */
static gboolean
remove_active (StrataWorkspace  *workspace,
               gint64            period_id,
               gint64            customer_id,
               gboolean         *removed,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = strata_workspace_prepare (workspace,
                                   "UPDATE overrides SET removed_at = " NOW ", removed_by = ?3 "
                                   "WHERE period_id = ?1 AND customer_id = ?2 AND removed_at IS NULL",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_text (stmt, 3, strata_workspace_get_author (workspace), -1, SQLITE_STATIC);
  if (!run (workspace, stmt, error))
    return FALSE;
  if (removed)
    *removed = sqlite3_changes (strata_workspace_get_db (workspace)) > 0;
  return TRUE;
}

gboolean
strata_override_set (StrataWorkspace  *workspace,
                     gint64            period_id,
                     gint64            customer_id,
                     const char       *tier,
                     const char       *reason,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (is_blank (tier))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("An override needs a tier"));
      return FALSE;
    }
  if (is_blank (reason))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("An override needs a reason"));
      return FALSE;
    }

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  if (!remove_active (workspace, period_id, customer_id, NULL, error))
    goto failed;
  stmt = strata_workspace_prepare (workspace,
                                   "INSERT INTO overrides (customer_id, period_id, tier, reason, author) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, period_id);
  sqlite3_bind_text (stmt, 3, tier, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, strata_workspace_get_author (workspace), -1, SQLITE_STATIC);
  if (!run (workspace, stmt, error))
    goto failed;
  subject = g_strdup_printf ("customer %" G_GINT64_FORMAT ", period %" G_GINT64_FORMAT,
                             customer_id, period_id);
  detail = g_strdup_printf ("tier %s: %s", tier, reason);
  if (!strata_workspace_audit (workspace, "override.set", subject, detail, error) ||
      !strata_workspace_commit (workspace, error))
    goto failed;
  strata_workspace_emit_changed (workspace, "overrides");
  return TRUE;

failed:
  strata_workspace_rollback (workspace);
  return FALSE;
}

gboolean
strata_override_remove (StrataWorkspace  *workspace,
                        gint64            period_id,
                        gint64            customer_id,
                        GError          **error)
{
  g_autofree char *subject = NULL;
  gboolean removed = FALSE;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  if (!remove_active (workspace, period_id, customer_id, &removed, error))
    goto failed;
  if (!removed)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("%s: the customer has no override in this period"),
                   strata_workspace_get_path (workspace));
      goto failed;
    }
  subject = g_strdup_printf ("customer %" G_GINT64_FORMAT ", period %" G_GINT64_FORMAT,
                             customer_id, period_id);
  if (!strata_workspace_audit (workspace, "override.remove", subject, "", error) ||
      !strata_workspace_commit (workspace, error))
    goto failed;
  strata_workspace_emit_changed (workspace, "overrides");
  return TRUE;

failed:
  strata_workspace_rollback (workspace);
  return FALSE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GPtrArray *
strata_override_list (StrataWorkspace  *workspace,
                      gint64            period_id,
                      gboolean          include_removed,
                      GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_override_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT o.id, o.customer_id, o.period_id, c.ext_id, o.tier, o.reason, "
                                   "o.author, o.created_at, o.removed_at, o.removed_by "
                                   "FROM overrides o JOIN customers c ON c.id = o.customer_id "
                                   "WHERE o.period_id = ?1 AND (?2 OR o.removed_at IS NULL) "
                                   "ORDER BY o.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_int (stmt, 2, include_removed ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataOverride *o = g_new0 (StrataOverride, 1);

      o->id = sqlite3_column_int64 (stmt, 0);
      o->customer_id = sqlite3_column_int64 (stmt, 1);
      o->period_id = sqlite3_column_int64 (stmt, 2);
      o->ext_id = column_text (stmt, 3);
      o->tier = column_text (stmt, 4);
      o->reason = column_text (stmt, 5);
      o->author = column_text (stmt, 6);
      o->created_at = column_text (stmt, 7);
      o->removed_at = column_text (stmt, 8);
      o->removed_by = column_text (stmt, 9);
      g_ptr_array_add (list, o);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "overrides");
      return NULL;
    }
  return g_steal_pointer (&list);
}
