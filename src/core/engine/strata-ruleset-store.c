/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rule-set versions in the workspace, stored as strata-rules/1 JSON so
 * that a version reads back exactly as it was published. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-rules-json.h"
#include "strata-ruleset-store.h"
#include "strata-ruleset-store-private.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

void
strata_ruleset_version_free (StrataRulesetVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->note);
  g_free (version->author);
  g_free (version->published_at);
  g_free (version);
}

static StrataRules *
parse_stored (StrataWorkspace  *workspace,
              const char       *json,
              const char       *what,
              GError          **error)
{
  g_autofree char *source = g_strdup_printf ("%s (%s)", strata_workspace_get_path (workspace), what);

  return strata_rules_from_json (json, -1, source, error);
}

StrataRules *
strata_ruleset_store_load_version (StrataWorkspace  *workspace,
                                   guint             version,
                                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *what = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
                                   version > 0
                                   ? "SELECT rules_json, version FROM rulesets "
                                     "WHERE state = 'published' AND version = ?1"
                                   : "SELECT rules_json, version FROM rulesets "
                                     "WHERE state = 'published' ORDER BY version DESC LIMIT 1",
                                   error);
  if (stmt == NULL)
    return NULL;
  if (version > 0)
    sqlite3_bind_int64 (stmt, 1, version);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        strata_workspace_set_db_error (workspace, error, "rulesets");
      else if (version > 0)
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                     _("%s: no published rules version %u"),
                     strata_workspace_get_path (workspace), version);
      else
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                     _("%s: no rules have been published yet"),
                     strata_workspace_get_path (workspace));
      return NULL;
    }
  what = g_strdup_printf (_("rules version %d"), sqlite3_column_int (stmt, 1));
  return parse_stored (workspace, (const char *) sqlite3_column_text (stmt, 0), what, error);
}

guint
strata_ruleset_store_get_latest_version (StrataWorkspace *workspace)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), 0);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT coalesce(max(version), 0) FROM rulesets "
                                   "WHERE state = 'published'", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
}

StrataRules *
strata_ruleset_store_get_draft (StrataWorkspace  *workspace,
                                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT rules_json FROM rulesets WHERE state = 'draft'", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return parse_stored (workspace, (const char *) sqlite3_column_text (stmt, 0),
                         _("draft rules"), error);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "rulesets");
      return NULL;
    }
  if (strata_ruleset_store_get_latest_version (workspace) > 0)
    return strata_ruleset_store_load_version (workspace, 0, error);
  return strata_rules_new_default ();
}

/* Writes the draft row; the caller holds the transaction. */
static gboolean
write_draft (StrataWorkspace    *workspace,
             const char         *json,
             GError            **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3 *db = strata_workspace_get_db (workspace);

  update = strata_workspace_prepare (workspace,
                                     "UPDATE rulesets SET rules_json = ?1, author = ?2, "
                                     "created_at = " NOW " WHERE state = 'draft'", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 2, strata_workspace_get_author (workspace), -1, SQLITE_STATIC);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "draft rules");
      return FALSE;
    }
  if (sqlite3_changes (db) > 0)
    return TRUE;

  insert = strata_workspace_prepare (workspace,
                                     "INSERT INTO rulesets (state, author, rules_json) "
                                     "VALUES ('draft', ?2, ?1)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, strata_workspace_get_author (workspace), -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "draft rules");
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_ruleset_store_save_draft (StrataWorkspace    *workspace,
                                 const StrataRules  *rules,
                                 GError            **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  json = strata_rules_to_json (rules);
  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  if (!write_draft (workspace, json, error) ||
      !strata_workspace_audit (workspace, "rules.save-draft", "draft", "", error) ||
      !strata_workspace_commit (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  strata_workspace_emit_changed (workspace, "draft");
  return TRUE;
}

/* Inserts a published version; the caller holds the transaction. */
static gboolean
write_version (StrataWorkspace  *workspace,
               const char       *json,
               const char       *note,
               guint            *version,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint next = strata_ruleset_store_get_latest_version (workspace) + 1;

  stmt = strata_workspace_prepare (workspace,
                                   "INSERT INTO rulesets (state, version, note, author, "
                                   "published_at, rules_json) "
                                   "VALUES ('published', ?1, ?2, ?3, " NOW ", ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, next);
  sqlite3_bind_text (stmt, 2, note ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, strata_workspace_get_author (workspace), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "publish rules");
      return FALSE;
    }
  if (version)
    *version = next;
  return TRUE;
}

static char **
workspace_metric_keys (StrataWorkspace *workspace)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace, "SELECT key FROM metrics", NULL);
  GPtrArray *keys = g_ptr_array_new ();

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

gboolean
strata_ruleset_store_publish (StrataWorkspace    *workspace,
                              const StrataRules  *rules,
                              const char         *note,
                              guint              *version,
                              GError            **error)
{
  g_autofree char *json = NULL;
  g_autofree char *subject = NULL;
  g_auto(GStrv) metrics = NULL;
  guint v = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  /* A workspace without metrics yet cannot tell known from unknown. */
  metrics = workspace_metric_keys (workspace);
  if (!strata_rules_check (rules, metrics[0] ? (const char * const *) metrics : NULL, error))
    return FALSE;

  json = strata_rules_to_json (rules);
  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  if (!write_draft (workspace, json, error) ||
      !write_version (workspace, json, note, &v, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  subject = g_strdup_printf ("version %u", v);
  if (!strata_workspace_audit (workspace, "rules.publish", subject, note ? note : "", error) ||
      !strata_workspace_commit (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  if (version)
    *version = v;
  strata_workspace_emit_changed (workspace, "rules");
  return TRUE;
}

/* The note the seed gives version 1 is stored in the creating language;
 * unchanged, it reads in the reader's (as the default matrix's names do). */
static gboolean
is_default_note (const char *note)
{
  static const char *languages[] = { "zh_CN", "zh_TW" };

  if (g_str_equal (note, "Default rules") || g_str_equal (note, _("Default rules")))
    return TRUE;
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(StrataCatalog) catalog = strata_catalog_new_for_language (languages[l]);

      if (g_str_equal (note, strata_catalog_gettext (catalog, "Default rules")))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
strata_ruleset_store_list_versions (StrataWorkspace  *workspace,
                                    GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_ruleset_version_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT id, version, note, author, coalesce(published_at, '') "
                                   "FROM rulesets WHERE state = 'published' ORDER BY version DESC",
                                   error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataRulesetVersion *v = g_new0 (StrataRulesetVersion, 1);

      v->id = sqlite3_column_int64 (stmt, 0);
      v->version = (guint) sqlite3_column_int64 (stmt, 1);
      v->note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (v->version == 1 && is_default_note (v->note))
        {
          g_free (v->note);
          v->note = g_strdup (_("Default rules"));
        }
      v->author = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      v->published_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (list, v);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "rulesets");
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
strata_ruleset_store_restore (StrataWorkspace  *workspace,
                              guint             version,
                              GError          **error)
{
  g_autoptr(StrataRules) rules = NULL;
  g_autofree char *json = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  rules = strata_ruleset_store_load_version (workspace, version, error);
  if (rules == NULL)
    return FALSE;
  json = strata_rules_to_json (rules);
  subject = g_strdup_printf ("version %u", version);
  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  if (!write_draft (workspace, json, error) ||
      !strata_workspace_audit (workspace, "rules.restore", subject, "", error) ||
      !strata_workspace_commit (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  strata_workspace_emit_changed (workspace, "draft");
  return TRUE;
}

static void
bind_tier (sqlite3_stmt      *stmt,
           int                column,
           const StrataRules *rules,
           guint8             tier)
{
  if (tier < rules->tiers->len)
    sqlite3_bind_text (stmt, column, ((StrataTier *) rules->tiers->pdata[tier])->id, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

gboolean
strata_ruleset_store_freeze_results (StrataWorkspace        *workspace,
                                     const StrataPeriodData *data,
                                     guint                   version,
                                     const StrataRules      *rules,
                                     const StrataResult     *result,
                                     GError                **error)
{
  static const char *quadrants[] = { NULL, "A", "B", "C", "D" };
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (data != NULL && rules != NULL && result != NULL, FALSE);
  g_return_val_if_fail (result->n == data->n, FALSE);

  if (!strata_workspace_begin (workspace, error))
    return FALSE;

  clear = strata_workspace_prepare (workspace, "DELETE FROM period_results WHERE period_id = ?1", error);
  insert = clear ? strata_workspace_prepare (workspace,
                                             "INSERT INTO period_results (period_id, customer_id, "
                                             "base_points, adjustment_points, score, base_tier, tier, "
                                             "quadrant, override_tier) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error)
                 : NULL;
  mark = insert ? strata_workspace_prepare (workspace,
                                            "UPDATE periods SET ruleset_id = "
                                            "(SELECT id FROM rulesets WHERE version = ?2) WHERE id = ?1",
                                            error)
                : NULL;
  if (mark == NULL)
    goto failed;

  sqlite3_bind_int64 (clear, 1, data->period_id);
  if (sqlite3_step (clear) != SQLITE_DONE)
    goto db_failed;

  sqlite3_bind_int64 (insert, 1, data->period_id);
  for (guint i = 0; i < data->n; i++)
    {
      sqlite3_bind_int64 (insert, 2, data->ids[i]);
      sqlite3_bind_double (insert, 3, result->base_points[i]);
      sqlite3_bind_double (insert, 4, result->adjustment_points[i]);
      sqlite3_bind_double (insert, 5, result->score[i]);
      bind_tier (insert, 6, rules, result->base_tier[i]);
      bind_tier (insert, 7, rules, result->tier[i]);
      if (result->quadrant[i] >= STRATA_QUADRANT_A && result->quadrant[i] <= STRATA_QUADRANT_D)
        sqlite3_bind_text (insert, 8, quadrants[result->quadrant[i]], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (insert, 8);
      bind_tier (insert, 9, rules, result->override_tier[i]);
      if (sqlite3_step (insert) != SQLITE_DONE)
        goto db_failed;
      sqlite3_reset (insert);
    }

  sqlite3_bind_int64 (mark, 1, data->period_id);
  sqlite3_bind_int64 (mark, 2, version);
  if (sqlite3_step (mark) != SQLITE_DONE)
    goto db_failed;

  subject = g_strdup_printf ("period %s", data->period_name ? data->period_name : "");
  detail = g_strdup_printf ("version %u, %u customers", version, data->n);
  if (!strata_workspace_audit (workspace, "results.freeze", subject, detail, error) ||
      !strata_workspace_commit (workspace, error))
    goto failed;
  strata_workspace_emit_changed (workspace, "periods");
  return TRUE;

db_failed:
  strata_workspace_set_db_error (workspace, error, "period_results");
failed:
  strata_workspace_rollback (workspace);
  return FALSE;
}

gboolean
strata_ruleset_store_seed (StrataWorkspace  *workspace,
                           GError          **error)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autofree char *json = strata_rules_to_json (rules);

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  if (!write_version (workspace, json, _("Default rules"), NULL, error) ||
      !write_draft (workspace, json, error) ||
      !strata_workspace_audit (workspace, "rules.publish", "version 1", "default rules", error) ||
      !strata_workspace_commit (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  return TRUE;
}
