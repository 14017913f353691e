/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading some customers of a period: one primary-key lookup per customer
 * (customers by ext_id, period_customers and the active overrides by
 * (period, customer)) instead of a scan of the period. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <stdlib.h>

#include "strata-metric.h"
#include "strata-period-data-private.h"
#include "strata-period-data-subset.h"
#include "strata-period-values.h"

static gboolean
step_error (StrataWorkspace  *workspace,
            int               rc,
            GError          **error,
            const char       *what)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  strata_workspace_set_db_error (workspace, error, what);
  return FALSE;
}

static int
cmp_id (const void *a,
        const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The period's name, as the full load reports a missing period. */
static char *
period_name (StrataWorkspace  *workspace,
             gint64            period_id,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (workspace, "SELECT name FROM periods WHERE id = ?1", error);

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
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The workspace's metrics in the full load's order (position, id), with
 * their labels in the user's language; metric id -> column in *column_of. */
static StrataPeriodData *
data_for_metrics (StrataWorkspace  *workspace,
                  guint             capacity,
                  GHashTable      **column_of,
                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  StrataLabelLanguage language = strata_label_language ();
  int label_column = language == STRATA_LABEL_ZH_CN ? 3 : language == STRATA_LABEL_ZH_TW ? 4 : 2;
  StrataPeriodData *data;
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT id, key, label, label_zh_cn, label_zh_tw FROM metrics "
                                   "ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      const char *label = (const char *) sqlite3_column_text (stmt, label_column);

      if (label == NULL || *label == '\0')
        label = (const char *) sqlite3_column_text (stmt, 2);
      if (label == NULL || *label == '\0')
        label = key;
      if (key == NULL)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be read"),
                       strata_workspace_get_path (workspace));
          return NULL;
        }
      g_hash_table_insert (columns, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (keys->len));
      g_ptr_array_add (keys, g_strdup (key));
      g_ptr_array_add (labels, g_strdup (label));
    }
  if (!step_error (workspace, rc, error, "metrics"))
    return NULL;
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (labels, NULL);

  data = strata_period_data_new ((const char * const *) keys->pdata, capacity);
  g_strfreev (data->metric_labels);
  data->metric_labels = g_strdupv ((char **) labels->pdata);
  *column_of = g_steal_pointer (&columns);
  return data;
}

/* A customer's values_json into its row of the columns. */
static gboolean
set_values (StrataPeriodData  *data,
            StrataWorkspace   *workspace,
            guint              row,
            GHashTable        *column_of,
            const char        *json,
            GError           **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  const char *problem;

  if (!strata_period_values_parse (json, values, &problem))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                   _("%s: the metric values of customer “%s” in period “%s” cannot be read (%s): %s"),
                   strata_workspace_get_path (workspace), data->ext_ids[row], data->period_name,
                   problem, json);
      return FALSE;
    }
  for (guint i = 0; i < values->len; i++)
    {
      const StrataMetricValue *v = &g_array_index (values, StrataMetricValue, i);
      gpointer column;

      /* A metric the workspace no longer lists is left out. */
      if (g_hash_table_lookup_extended (column_of, &v->metric_id, NULL, &column))
        data->columns[GPOINTER_TO_UINT (column)][row] = v->value;
    }
  return TRUE;
}

StrataPeriodData *
strata_period_data_load_customer_ids (StrataWorkspace  *workspace,
                                      gint64            period_id,
                                      const gint64     *ids,
                                      guint             n_ids,
                                      GError          **error)
{
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(GHashTable) column_of = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) overrides = NULL;
  g_autofree gint64 *sorted = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if ((name = period_name (workspace, period_id, error)) == NULL ||
      (data = data_for_metrics (workspace, MAX (n_ids, 1), &column_of, error)) == NULL)
    return NULL;
  data->period_id = period_id;
  data->period_name = g_steal_pointer (&name);

  /* Rows in customer order, each once, as in the full load. */
  sorted = g_memdup2 (ids, sizeof *ids * MAX (n_ids, 1));
  if (n_ids > 1)
    qsort (sorted, n_ids, sizeof *sorted, cmp_id);

  rows = strata_workspace_prepare (workspace,
                                   "SELECT c.ext_id, c.name, pc.values_json FROM period_customers pc "
                                   "JOIN customers c ON c.id = pc.customer_id "
                                   "WHERE pc.period_id = ?1 AND pc.customer_id = ?2",
                                   error);
  overrides = strata_workspace_prepare (workspace,
                                        "SELECT id, tier, reason, author, created_at FROM overrides "
                                        "WHERE customer_id = ?2 AND period_id = ?1 AND removed_at IS NULL",
                                        error);
  if (rows == NULL || overrides == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      guint row;
      int rc;

      if (i > 0 && sorted[i] == sorted[i - 1])
        continue;
      sqlite3_reset (rows);
      sqlite3_bind_int64 (rows, 1, period_id);
      sqlite3_bind_int64 (rows, 2, sorted[i]);
      rc = sqlite3_step (rows);
      if (rc != SQLITE_ROW)
        {
          if (!step_error (workspace, rc, error, "customers"))
            return NULL;
          continue;  /* not a customer of the period */
        }
      row = strata_period_data_add_row (data, sorted[i],
                                        (const char *) sqlite3_column_text (rows, 0),
                                        (const char *) sqlite3_column_text (rows, 1));
      if (!set_values (data, workspace, row, column_of,
                       (const char *) sqlite3_column_text (rows, 2), error))
        return NULL;

      sqlite3_reset (overrides);
      sqlite3_bind_int64 (overrides, 1, period_id);
      sqlite3_bind_int64 (overrides, 2, sorted[i]);
      rc = sqlite3_step (overrides);
      if (rc == SQLITE_ROW)
        {
          strata_period_data_add_override (data, row,
                                           (const char *) sqlite3_column_text (overrides, 1),
                                           (const char *) sqlite3_column_text (overrides, 2),
                                           (const char *) sqlite3_column_text (overrides, 3),
                                           (const char *) sqlite3_column_text (overrides, 4));
          /* Rows are added in order, so this one's override is the last. */
          g_array_index (data->overrides, StrataPeriodOverride, data->overrides->len - 1).id =
            sqlite3_column_int64 (overrides, 0);
        }
      else if (!step_error (workspace, rc, error, "overrides"))
        return NULL;
    }
  /* Shared from here on, like a full load: the builders refuse it. */
  data->frozen = TRUE;
  return g_steal_pointer (&data);
}

StrataPeriodData *
strata_period_data_load_customers (StrataWorkspace    *workspace,
                                   gint64              period_id,
                                   const char * const *ext_ids,
                                   GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace, "SELECT id FROM customers WHERE ext_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; ext_ids != NULL && ext_ids[i] != NULL; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, ext_ids[i], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      else if (!step_error (workspace, rc, error, "customers"))
        return NULL;
    }
  return strata_period_data_load_customer_ids (workspace, period_id, (const gint64 *) ids->data,
                                               ids->len, error);
}
