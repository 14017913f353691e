/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the entitlement matrix takes from the scoring side: its tier columns
 * (the tiers of the current rule set) and, for the cost row, how many
 * customers each tier holds in a period and the revenue they bring. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-engine.h"
#include "strata-entitlements-private.h"
#include "strata-rules-private.h"
#include "strata-ruleset-store.h"

/* The latest published rule set is the current one; before anything is
 * published, the draft (which is the default rules in a new workspace). */
static StrataRules *
current_rules (StrataWorkspace  *workspace,
               GError          **error)
{
  if (strata_ruleset_store_get_latest_version (workspace) > 0)
    return strata_ruleset_store_load_version (workspace, 0, error);
  return strata_ruleset_store_get_draft (workspace, error);
}

gboolean
strata_entitlements_sync_tiers (StrataEntitlements  *self,
                                GError             **error)
{
  g_autoptr(GPtrArray) tiers = NULL;
  StrataRules *rules;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((rules = current_rules (self->workspace, error)) == NULL)
    return FALSE;
  tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_tier_free);
  for (guint i = 0; i < rules->tiers->len; i++)
    {
      StrataTier *t = g_ptr_array_index (rules->tiers, i);
      g_ptr_array_add (tiers, strata_entitlement_tier_new (t->id, strata_tier_get_display_label (t), t->colour));
    }
  strata_rules_free (rules);
  if (tiers->len == 0)
    return TRUE;
  strata_entitlements_set_tiers (self, tiers);
  return TRUE;
}

static int
tier_index (StrataEntitlements *self,
            const char         *tier)
{
  for (guint t = 0; t < self->tiers->len; t++)
    if (g_strcmp0 (((StrataEntitlementTier *) g_ptr_array_index (self->tiers, t))->id, tier) == 0)
      return (int) t;
  return -1;
}

/* A closed period: the tiers it was frozen with (an override wins). */
static gboolean
frozen_figures (StrataEntitlements  *self,
                gint64               period_id,
                guint               *customers,
                double              *revenue,
                gboolean            *known,
                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = strata_workspace_prepare (self->workspace,
                                   "SELECT coalesce (r.override_tier, r.tier), count(*),"
                                   " total (json_extract (pc.values_json, '$.\"' || m.id || '\"'))"
                                   " FROM period_results r"
                                   " LEFT JOIN metrics m ON m.key = 'order_amount'"
                                   " LEFT JOIN period_customers pc ON pc.period_id = r.period_id"
                                   "  AND pc.customer_id = r.customer_id"
                                   " WHERE r.period_id = ?1"
                                   " GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int t = tier_index (self, (const char *) sqlite3_column_text (stmt, 0));

      *known = TRUE;
      if (t < 0)
        continue;
      customers[t] = (guint) sqlite3_column_int64 (stmt, 1);
      revenue[t] = sqlite3_column_double (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "period_results");
      return FALSE;
    }
  return TRUE;
}

/* The period's data: shared (the window's, when it is this period's: a
 * million customers are a hundred megabytes) with the columns rules and
 * the revenue read that it lacks read into it, else loaded. */
static StrataPeriodData *
period_data (StrataEntitlements  *self,
             gint64               period_id,
             StrataPeriodData    *shared,
             const StrataRules   *rules,
             GError             **error)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GError) local_error = NULL;

  if (shared == NULL || shared->period_id != period_id)
    return strata_period_data_load (self->workspace, period_id, error);
  wanted = strata_rules_get_metrics (rules);
  g_ptr_array_add (wanted, g_strdup ("order_amount"));
  g_ptr_array_add (wanted, NULL);
  if (!strata_period_data_ensure_metrics (shared, self->workspace,
                                          (const char * const *) wanted->pdata, &local_error))
    {
      /* The period's customers changed under it: read it as it is now. */
      g_debug ("%s", local_error->message);
      return strata_period_data_load (self->workspace, period_id, error);
    }
  return strata_period_data_ref (shared);
}

/* An open period: scored now with the current rules, overrides included
 * (shared_result when it is these rules' over that data). */
static gboolean
scored_figures (StrataEntitlements  *self,
                gint64               period_id,
                StrataPeriodData    *shared,
                StrataResult        *shared_result,
                guint                shared_version,
                guint               *customers,
                double              *revenue,
                gboolean            *known,
                GError             **error)
{
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autofree int *columns = NULL;
  const double *amount;
  guint version;

  version = strata_ruleset_store_get_latest_version (self->workspace);
  if ((rules = current_rules (self->workspace, error)) == NULL)
    return FALSE;
  if ((data = period_data (self, period_id, shared, rules, error)) == NULL)
    return FALSE;
  if (data->n == 0)
    return TRUE;
  /* The same published version over the same data scores the same. */
  if (data == shared && shared_result != NULL && version > 0 && version == shared_version &&
      shared_result->n == data->n)
    result = strata_result_ref (shared_result);
  else
    result = strata_engine_score (rules, data, NULL);
  if (result == NULL)
    {
      /* Rules that cannot score this period: no counts, and no error
       * either; the scoring page says what is wrong with them. */
      return TRUE;
    }
  columns = g_new (int, rules->tiers->len);
  for (guint i = 0; i < rules->tiers->len; i++)
    columns[i] = tier_index (self, ((StrataTier *) g_ptr_array_index (rules->tiers, i))->id);
  amount = strata_period_data_get_column (data, "order_amount");
  for (guint row = 0; row < data->n; row++)
    {
      guint8 tier = result->final_tier[row];

      if (tier == STRATA_TIER_NONE || tier >= rules->tiers->len || columns[tier] < 0)
        continue;
      customers[columns[tier]]++;
      if (amount != NULL && !isnan (amount[row]))
        revenue[columns[tier]] += amount[row];
    }
  *known = TRUE;
  return TRUE;
}

gboolean
strata_entitlements_tier_figures (StrataEntitlements  *self,
                                  gint64               period_id,
                                  guint               *customers,
                                  double              *revenue,
                                  gboolean            *known,
                                  GError             **error)
{
  return strata_entitlements_tier_figures_shared (self, period_id, NULL, NULL, 0,
                                                  customers, revenue, known, error);
}

gboolean
strata_entitlements_tier_figures_shared (StrataEntitlements  *self,
                                         gint64               period_id,
                                         StrataPeriodData    *shared,
                                         StrataResult        *shared_result,
                                         guint                shared_version,
                                         guint               *customers,
                                         double              *revenue,
                                         gboolean            *known,
                                         GError             **error)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  g_return_val_if_fail (customers != NULL && revenue != NULL && known != NULL, FALSE);

  for (guint t = 0; t < self->tiers->len; t++)
    {
      customers[t] = 0;
      revenue[t] = 0;
    }
  *known = FALSE;
  if (period_id <= 0)
    return TRUE;
  if (!frozen_figures (self, period_id, customers, revenue, known, error))
    return FALSE;
  if (*known)
    return TRUE;
  return scored_figures (self, period_id, shared, shared_result, shared_version,
                         customers, revenue, known, error);
}

GPtrArray *
strata_entitlements_list_for_customer (StrataEntitlements  *self,
                                       gint64               period_id,
                                       gint64               customer_id,
                                       char               **tier,
                                       GError             **error)
{
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *tier_id = NULL;
  StrataRules *rules;
  int row;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);

  /* Frozen results first: a closed period keeps the tier it was given. */
  stmt = strata_workspace_prepare (self->workspace,
                                   "SELECT coalesce (override_tier, tier) FROM period_results"
                                   " WHERE period_id = ?1 AND customer_id = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tier_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  if (tier_id == NULL)
    {
      if ((data = strata_period_data_load (self->workspace, period_id, error)) == NULL)
        return NULL;
      if ((row = strata_period_data_find_id (data, customer_id)) < 0)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                       _("The customer is not part of the period “%s”"), data->period_name);
          return NULL;
        }
      if ((rules = current_rules (self->workspace, error)) == NULL)
        return NULL;
      result = strata_engine_score (rules, data, error);
      if (result != NULL && result->final_tier[row] < rules->tiers->len)
        tier_id = g_strdup (((StrataTier *) g_ptr_array_index (rules->tiers,
                                                               result->final_tier[row]))->id);
      strata_rules_free (rules);
      if (result == NULL)
        return NULL;
    }
  if (tier != NULL)
    *tier = g_strdup (tier_id);
  if (tier_id == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_line_free);
  return strata_entitlements_list_for_tier (self, tier_id);
}
