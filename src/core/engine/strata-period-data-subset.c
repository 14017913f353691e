/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading some customers of a period: one primary-key lookup per customer
 * (customers by ext_id, period_customers and the active overrides by
 * (period, customer)) instead of a scan of the period. */
#include "config.h"

#include <stdlib.h>

#include "strata-metric.h"
#include "strata-period-data-private.h"
#include "strata-period-data-subset.h"
#include "strata-period-values.h"

static int
cmp_id (const void *a,
        const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The workspace's metrics in the full load's order (position, id), with
 * their labels in the user's language. */
static StrataPeriodData *
data_for_metrics (const StrataPeriodMetrics *metrics,
                  guint                      capacity)
{
  StrataPeriodData *data = strata_period_data_new ((const char * const *) metrics->keys->pdata,
                                                   capacity);

  g_strfreev (data->metric_labels);
  data->metric_labels = g_strdupv ((char **) metrics->labels->pdata);
  return data;
}

StrataPeriodData *
strata_period_data_load_customer_ids (StrataWorkspace  *workspace,
                                      gint64            period_id,
                                      const gint64     *ids,
                                      guint             n_ids,
                                      GError          **error)
{
  g_autoptr(StrataPeriodData) data = NULL;
  g_auto(StrataPeriodMetrics) metrics = { 0 };
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) overrides = NULL;
  g_autofree gint64 *sorted = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if ((name = strata_period_data_read_name (workspace, period_id, error)) == NULL ||
      !strata_period_metrics_read (&metrics, workspace, error))
    return NULL;
  data = data_for_metrics (&metrics, MAX (n_ids, 1));
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
          if (!strata_period_data_step_done (workspace, rc, error, "customers"))
            return NULL;
          continue;  /* not a customer of the period */
        }
      row = strata_period_data_add_row (data, sorted[i],
                                        (const char *) sqlite3_column_text (rows, 0),
                                        (const char *) sqlite3_column_text (rows, 1));
      if (!strata_period_data_parse_row (data, workspace, row, &metrics,
                                         (const char *) sqlite3_column_text (rows, 2), scratch, error))
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
      else if (!strata_period_data_step_done (workspace, rc, error, "overrides"))
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
      else if (!strata_period_data_step_done (workspace, rc, error, "customers"))
        return NULL;
    }
  return strata_period_data_load_customer_ids (workspace, period_id, (const gint64 *) ids->data,
                                               ids->len, error);
}
