/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A period's results for the review. A closed period is read back from
 * period_results, never rescored: that is what keeps the results a meeting
 * agreed on unchanged when the rules are edited later. Its data is still
 * loaded, so that receipts and reasons can be explained under the frozen
 * rule-set version. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-period-data-subset.h"
#include "strata-period-results.h"
#include "strata-rules-private.h"
#include "strata-ruleset-store.h"

G_DEFINE_BOXED_TYPE (StrataPeriodResults, strata_period_results,
                     strata_period_results_ref, strata_period_results_unref)

StrataPeriodResults *
strata_period_results_new (StrataPeriodData  *data,
                           const StrataRules *rules,
                           StrataResult      *result,
                           gboolean           frozen,
                           gint64             ruleset_id,
                           int                version)
{
  StrataPeriodResults *self;

  g_return_val_if_fail (data != NULL && rules != NULL && result != NULL, NULL);
  g_return_val_if_fail (result->n == data->n, NULL);

  self = g_atomic_rc_box_new0 (StrataPeriodResults);
  self->period_id = data->period_id;
  self->period_name = g_strdup (data->period_name);
  self->frozen = frozen;
  self->ruleset_id = ruleset_id;
  self->version = version;
  self->rules = strata_rules_copy (rules);
  self->data = strata_period_data_ref (data);
  self->result = strata_result_ref (result);
  return self;
}

StrataPeriodResults *
strata_period_results_ref (StrataPeriodResults *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

static void
results_clear (StrataPeriodResults *self)
{
  g_free (self->period_name);
  strata_rules_free (self->rules);
  strata_period_data_unref (self->data);
  strata_result_unref (self->result);
}

void
strata_period_results_unref (StrataPeriodResults *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, (GDestroyNotify) results_clear);
}

const char *
strata_period_results_get_tier_id (const StrataPeriodResults *self,
                                   guint                      row)
{
  guint8 t;

  g_return_val_if_fail (self != NULL && row < self->result->n, NULL);
  t = self->result->final_tier[row];
  if (t >= self->rules->tiers->len)
    return NULL;
  return ((StrataTier *) self->rules->tiers->pdata[t])->id;
}

StrataPeriodResults *
strata_period_results_score (StrataWorkspace   *workspace,
                             StrataPeriodData  *data,
                             const StrataRules *rules,
                             gint64             ruleset_id,
                             int                version,
                             GError           **error)
{
  g_autoptr(StrataResult) result = NULL;

  g_return_val_if_fail (data != NULL && rules != NULL, NULL);

  result = strata_engine_score (rules, data, error);
  if (result == NULL)
    return NULL;
  return strata_period_results_new (data, rules, result, FALSE, ruleset_id, version);
}

static guint8
tier_index (const StrataRules *rules,
            const char        *id)
{
  int t = id ? strata_rules_find_tier (rules, id) : -1;

  return t >= 0 ? (guint8) t : STRATA_TIER_NONE;
}

static StrataQuadrant
quadrant_from_text (const char *text)
{
  if (text == NULL || text[0] == '\0' || text[1] != '\0')
    return STRATA_QUADRANT_NONE;
  switch (text[0])
    {
    case 'A': return STRATA_QUADRANT_A;
    case 'B': return STRATA_QUADRANT_B;
    case 'C': return STRATA_QUADRANT_C;
    case 'D': return STRATA_QUADRANT_D;
    default: return STRATA_QUADRANT_NONE;
    }
}

/* Reads period_results into a result over data's rows. A row of the period
 * without a frozen result (a customer added after closing) has no tier. */
static StrataResult *
read_frozen (StrataWorkspace   *workspace,
             StrataPeriodData  *data,
             const StrataRules *rules,
             gboolean           by_row,
             GError           **error)
{
  g_autoptr(StrataResult) result = strata_result_new (data->n);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  result->n_tiers = rules->tiers->len;
  for (guint i = 0; i < data->n; i++)
    {
      result->base_points[i] = result->adjustment_points[i] = result->score[i] = NAN;
      result->base_tier[i] = result->tier[i] = result->override_tier[i] = STRATA_TIER_NONE;
      result->final_tier[i] = STRATA_TIER_NONE;
      result->quadrant[i] = STRATA_QUADRANT_NONE;
    }

  /* Some customers (by_row): one primary-key lookup each, not the period. */
  stmt = strata_workspace_prepare (workspace,
                                   by_row
                                   ? "SELECT customer_id, base_points, adjustment_points, score,"
                                     " base_tier, tier, quadrant, override_tier "
                                     "FROM period_results WHERE period_id = ?1 AND customer_id = ?2"
                                   : "SELECT customer_id, base_points, adjustment_points, score,"
                                     " base_tier, tier, quadrant, override_tier "
                                     "FROM period_results WHERE period_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, data->period_id);
  for (guint each = 0; each < (by_row ? data->n : 1); each++)
    {
      if (by_row)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 2, data->ids[each]);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int row = strata_period_data_find_id (data, sqlite3_column_int64 (stmt, 0));

          if (row < 0)
            continue;
          result->base_points[row] = sqlite3_column_double (stmt, 1);
          result->adjustment_points[row] = sqlite3_column_double (stmt, 2);
          result->score[row] = sqlite3_column_double (stmt, 3);
          result->base_tier[row] = tier_index (rules, (const char *) sqlite3_column_text (stmt, 4));
          result->tier[row] = tier_index (rules, (const char *) sqlite3_column_text (stmt, 5));
          result->quadrant[row] = quadrant_from_text ((const char *) sqlite3_column_text (stmt, 6));
          result->override_tier[row] = tier_index (rules, (const char *) sqlite3_column_text (stmt, 7));
          result->final_tier[row] = result->override_tier[row] != STRATA_TIER_NONE
                                    ? result->override_tier[row] : result->tier[row];
        }
      if (rc != SQLITE_DONE)
        {
          strata_workspace_set_db_error (workspace, error, "period_results");
          return NULL;
        }
    }
  return g_steal_pointer (&result);
}

/* The rules a period's results are under: a closed period's frozen
 * version, else the latest published rules (the draft while none is). */
static StrataRules *
period_rules (StrataWorkspace  *workspace,
              gint64            period_id,
              gboolean         *frozen,
              gint64           *ruleset_id,
              int              *version,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean closed;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT p.state = 'closed', coalesce (p.ruleset_id, 0),"
                                   " coalesce (r.version, 0) "
                                   "FROM periods p LEFT JOIN rulesets r ON r.id = p.ruleset_id "
                                   "WHERE p.id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("%s: no period with id %lld"),
                   strata_workspace_get_path (workspace), (long long) period_id);
      return NULL;
    }
  closed = sqlite3_column_int (stmt, 0);
  *ruleset_id = sqlite3_column_int64 (stmt, 1);
  *version = sqlite3_column_int (stmt, 2);
  *frozen = closed && *version > 0;
  if (*frozen)
    return strata_ruleset_store_load_version (workspace, *version, error);

  /* Open: the latest published rules (the draft is work in progress). */
  *ruleset_id = 0;
  *version = strata_ruleset_store_get_latest_version (workspace);
  return *version > 0 ? strata_ruleset_store_load_version (workspace, *version, error)
                      : strata_ruleset_store_get_draft (workspace, error);
}

/* The metrics rules read, then extra (NULL-terminated; NULL: none), as a
 * NULL-terminated array: the columns a load reads. */
static GPtrArray *
rules_metrics (const StrataRules  *rules,
               const char * const *extra)
{
  GPtrArray *wanted = strata_rules_get_metrics (rules);

  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (wanted, g_strdup (extra[i]));
  g_ptr_array_add (wanted, NULL);
  return wanted;
}

/* The period's results over all its customers, or (ids != NULL) over
 * just those; with metrics (NULL-terminated, may be empty), over only the
 * columns the rules read and those. */
static StrataPeriodResults *
load (StrataWorkspace    *workspace,
      gint64              period_id,
      const gint64       *ids,
      guint               n_ids,
      const char * const *metrics,
      gboolean            names,
      GError            **error)
{
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(GPtrArray) wanted = NULL;
  gboolean frozen;
  gint64 ruleset_id;
  int version = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  rules = period_rules (workspace, period_id, &frozen, &ruleset_id, &version, error);
  if (rules == NULL)
    return NULL;
  if (ids == NULL && metrics != NULL)
    {
      wanted = rules_metrics (rules, metrics);
      data = names ? strata_period_data_load_metrics (workspace, period_id,
                                                      (const char * const *) wanted->pdata, error)
                   : strata_period_data_load_for_scoring (workspace, period_id,
                                                          (const char * const *) wanted->pdata, error);
    }
  else
    data = ids != NULL ? strata_period_data_load_customer_ids (workspace, period_id, ids, n_ids, error)
                       : strata_period_data_load (workspace, period_id, error);
  if (data == NULL)
    return NULL;
  if (!frozen)
    return strata_period_results_score (workspace, data, rules, ruleset_id, version, error);
  result = read_frozen (workspace, data, rules, ids != NULL, error);
  if (result == NULL)
    return NULL;
  return strata_period_results_new (data, rules, result, TRUE, ruleset_id, version);
}

/* A closed period's frozen final tiers, straight from period_results. */
static gboolean
read_frozen_tiers (StrataWorkspace    *workspace,
                   gint64              period_id,
                   const StrataRules  *rules,
                   StrataPeriodTiers  *tiers,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GByteArray) final = g_byte_array_new ();
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT customer_id, tier, override_tier FROM period_results "
                                   "WHERE period_id = ?1 ORDER BY customer_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint8 t = tier_index (rules, (const char *) sqlite3_column_text (stmt, 2));

      if (t == STRATA_TIER_NONE)
        t = tier_index (rules, (const char *) sqlite3_column_text (stmt, 1));
      g_array_append_val (ids, id);
      g_byte_array_append (final, &t, 1);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "period_results");
      return FALSE;
    }
  tiers->n = ids->len;
  tiers->ids = (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
  tiers->final_tier = g_byte_array_free (g_steal_pointer (&final), FALSE);
  return TRUE;
}

gboolean
strata_period_results_load_tiers (StrataWorkspace    *workspace,
                                  gint64              period_id,
                                  StrataPeriodTiers  *tiers,
                                  GError            **error)
{
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  gboolean frozen;
  gint64 ruleset_id;
  int version;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (tiers != NULL, FALSE);

  memset (tiers, 0, sizeof *tiers);
  rules = period_rules (workspace, period_id, &frozen, &ruleset_id, &version, error);
  if (rules == NULL)
    return FALSE;
  if (frozen && !read_frozen_tiers (workspace, period_id, rules, tiers, error))
    return FALSE;
  if (!frozen)
    {
      /* Only the columns the rules read, without names: a tenth of the
       * period's memory at a million customers. */
      metrics = rules_metrics (rules, NULL);
      data = strata_period_data_load_for_scoring (workspace, period_id,
                                                  (const char * const *) metrics->pdata, error);
      if (data == NULL || (result = strata_engine_score (rules, data, error)) == NULL)
        return FALSE;
      tiers->n = data->n;
      /* The data is this call's alone (not cached): its ids are taken
       * rather than copied, 8 MB less at a million customers. */
      tiers->ids = g_steal_pointer (&data->ids);
      g_clear_pointer (&data, strata_period_data_unref);
      tiers->final_tier = g_memdup2 (result->final_tier, MAX (tiers->n, 1));
    }
  tiers->tier_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint t = 0; t < rules->tiers->len; t++)
    g_ptr_array_add (tiers->tier_ids, g_strdup (((StrataTier *) rules->tiers->pdata[t])->id));
  return TRUE;
}

void
strata_period_tiers_clear (StrataPeriodTiers *tiers)
{
  g_clear_pointer (&tiers->ids, g_free);
  g_clear_pointer (&tiers->final_tier, g_free);
  g_clear_pointer (&tiers->tier_ids, g_ptr_array_unref);
  tiers->n = 0;
}

StrataPeriodResults *
strata_period_results_load (StrataWorkspace  *workspace,
                            gint64            period_id,
                            GError          **error)
{
  return load (workspace, period_id, NULL, 0, NULL, TRUE, error);
}

StrataPeriodResults *
strata_period_results_load_metrics (StrataWorkspace    *workspace,
                                    gint64              period_id,
                                    const char * const *metrics,
                                    GError            **error)
{
  static const char *const none[] = { NULL };

  return load (workspace, period_id, NULL, 0, metrics != NULL ? metrics : none, TRUE, error);
}

StrataPeriodResults *
strata_period_results_load_for_scoring (StrataWorkspace    *workspace,
                                        gint64              period_id,
                                        const char * const *metrics,
                                        GError            **error)
{
  static const char *const none[] = { NULL };

  return load (workspace, period_id, NULL, 0, metrics != NULL ? metrics : none, FALSE, error);
}

StrataPeriodResults *
strata_period_results_load_customer (StrataWorkspace  *workspace,
                                     gint64            period_id,
                                     gint64            customer_id,
                                     GError          **error)
{
  return load (workspace, period_id, &customer_id, 1, NULL, TRUE, error);
}

StrataPeriodResults *
strata_period_results_load_shared (StrataWorkspace    *workspace,
                                   gint64              period_id,
                                   StrataPeriodData   *shared,
                                   StrataResult       *shared_result,
                                   guint               shared_version,
                                   const char * const *metrics,
                                   GError            **error)
{
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean frozen;
  gint64 ruleset_id;
  int version = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  if (shared == NULL || shared->period_id != period_id)
    return load (workspace, period_id, NULL, 0, NULL, TRUE, error);
  rules = period_rules (workspace, period_id, &frozen, &ruleset_id, &version, error);
  if (rules == NULL)
    return NULL;
  wanted = rules_metrics (rules, metrics);
  /* The window's data may lack a column these rules read (the window's
   * own rules changed meanwhile): read it into the shared data, or, when
   * the period changed under it, the whole period as before. */
  if (!strata_period_data_ensure_metrics (shared, workspace, (const char * const *) wanted->pdata,
                                          &local_error))
    {
      g_debug ("%s", local_error->message);
      return load (workspace, period_id, NULL, 0, NULL, TRUE, error);
    }
  if (frozen)
    {
      result = read_frozen (workspace, shared, rules, FALSE, error);
      if (result == NULL)
        return NULL;
      return strata_period_results_new (shared, rules, result, TRUE, ruleset_id, version);
    }
  /* The same version over the same data scores the same. */
  if (shared_result != NULL && version > 0 && (guint) version == shared_version &&
      shared_result->n == shared->n)
    return strata_period_results_new (shared, rules, shared_result, FALSE, ruleset_id, version);
  return strata_period_results_score (workspace, shared, rules, ruleset_id, version, error);
}
