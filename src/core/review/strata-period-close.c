/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"

#include "strata-engine.h"
#include "strata-period-close.h"
#include "strata-ruleset-store.h"

/* The period's name and whether it is closed; FALSE with NO_SUCH_ITEM. */
static gboolean
get_period (StrataWorkspace  *workspace,
            gint64            period_id,
            char            **name,
            gboolean         *closed,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace,
    "SELECT name, state = 'closed' FROM periods WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("%s: no period with id %lld"),
                   strata_workspace_get_path (workspace), (long long) period_id);
      return FALSE;
    }
  *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *closed = sqlite3_column_int (stmt, 1);
  return TRUE;
}

static gboolean
update_period (StrataWorkspace  *workspace,
               const char       *sql,
               gint64            period_id,
               gint64            ruleset_id,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (ruleset_id > 0)
    sqlite3_bind_int64 (stmt, 2, ruleset_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "periods");
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_period_close (StrataWorkspace  *workspace,
                     gint64            period_id,
                     GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataResult) result = NULL;
  gboolean closed;
  guint version;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!get_period (workspace, period_id, &name, &closed, error))
    return FALSE;
  if (closed)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("%s: period “%s” is already closed"),
                   strata_workspace_get_path (workspace), name);
      return FALSE;
    }

  version = strata_ruleset_store_get_latest_version (workspace);
  if (version == 0)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("%s: period “%s” cannot be closed: no rule set was ever published"),
                   strata_workspace_get_path (workspace), name);
      return FALSE;
    }
  if (!(rules = strata_ruleset_store_load_version (workspace, version, error)) ||
      !(data = strata_period_data_load (workspace, period_id, error)) ||
      !(result = strata_engine_score (rules, data, error)))
    return FALSE;

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  detail = g_strdup_printf ("version %u, %u customers", version, data->n);
  /* The store writes period_results and periods.ruleset_id; the state and
   * the date make it closed, in the same transaction. */
  if (!strata_ruleset_store_freeze_results (workspace, data, version, rules, result, error) ||
      !update_period (workspace,
                      "UPDATE periods SET state = 'closed',"
                      " closed_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                      period_id, 0, error) ||
      !strata_workspace_audit (workspace, "period.close", name, detail, error) ||
      !strata_workspace_commit (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  strata_workspace_emit_changed (workspace, "periods");
  return TRUE;
}

gboolean
strata_period_reopen (StrataWorkspace  *workspace,
                      gint64            period_id,
                      GError          **error)
{
  g_autofree char *name = NULL;
  gboolean closed;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!get_period (workspace, period_id, &name, &closed, error))
    return FALSE;
  if (!closed)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("%s: period “%s” is not closed"),
                   strata_workspace_get_path (workspace), name);
      return FALSE;
    }

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  if (!update_period (workspace, "DELETE FROM period_results WHERE period_id = ?1",
                      period_id, 0, error) ||
      !update_period (workspace,
                      "UPDATE periods SET state = 'open', ruleset_id = NULL, closed_at = NULL "
                      "WHERE id = ?1", period_id, 0, error) ||
      !strata_workspace_audit (workspace, "period.reopen", name, "", error) ||
      !strata_workspace_commit (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  strata_workspace_emit_changed (workspace, "periods");
  return TRUE;
}
