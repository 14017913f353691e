/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a column that a subset load left out, when someone needs it: the
 * window loads only the metrics its rules and pages read (a million
 * customers cost 8 MB per metric), and a draft rule on another metric, the
 * Fit to Data dialog or an older rule set reads the rest on demand. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-period-data-private.h"

/* One filler at a time: a column is read once, whichever thread asks. */
static GMutex ensure_lock;

static gboolean
is_left_out (const StrataPeriodData *root,
             guint                   m)
{
  return root->left_out != NULL && g_atomic_int_get (&root->left_out[m]);
}

/* The columns keys (NULL-terminated) of root's period, read afresh: NULL
 * when the period's customers are no longer root's. */
static StrataPeriodData *
read_part (const StrataPeriodData  *root,
           StrataWorkspace         *workspace,
           GPtrArray               *keys,
           GError                 **error)
{
  g_autoptr(StrataPeriodData) part = NULL;

  part = strata_period_data_load_for_scoring (workspace, root->period_id,
                                              (const char * const *) keys->pdata, error);
  if (part == NULL)
    return NULL;
  if (part->n != root->n || (root->n > 0 && memcmp (part->ids, root->ids, sizeof *root->ids * root->n) != 0))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("%s: the customers of period “%s” changed while it was shown"),
                   strata_workspace_get_path (workspace), root->period_name);
      return NULL;
    }
  return g_steal_pointer (&part);
}

/* The column of key taken out of part (part frees what its columns still
 * hold), or NULL when part has none with values. */
static double *
take_column (StrataPeriodData *part,
             const char       *key)
{
  guint pm = GPOINTER_TO_UINT (g_hash_table_lookup (part->metric_index, key));
  double *column;

  if (pm == 0 || part->columns[pm - 1] == part->none)
    return NULL;
  column = part->columns[pm - 1];
  for (guint j = 0; j < part->n_metrics; j++)
    if (part->columns[j] == column)
      part->columns[j] = NULL;
  return column;
}

gboolean
strata_period_data_ensure_metrics (const StrataPeriodData *data,
                                   StrataWorkspace        *workspace,
                                   const char * const     *metrics,
                                   GError                **error)
{
  StrataPeriodData *root;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(StrataPeriodData) part = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  /* A view shares its root's columns and flags. */
  root = data->parent != NULL ? data->parent : (StrataPeriodData *) data;
  if (root->left_out == NULL)
    return TRUE;
  locker = g_mutex_locker_new (&ensure_lock);
  for (guint m = 0; m < root->n_metrics; m++)
    if (is_left_out (root, m) &&
        (metrics == NULL || g_strv_contains (metrics, root->metric_keys[m])))
      g_ptr_array_add (keys, root->metric_keys[m]);
  if (keys->len == 0)
    return TRUE;
  g_ptr_array_add (keys, NULL);

  if ((part = read_part (root, workspace, keys, error)) == NULL)
    return FALSE;
  for (guint k = 0; k + 1 < keys->len; k++)
    {
      const char *key = keys->pdata[k];
      guint m = GPOINTER_TO_UINT (g_hash_table_lookup (root->metric_index, key)) - 1;
      double *column = take_column (part, key);

      /* NULL (a metric the file no longer has, or one without values):
       * the shared NaN column is already right. */
      if (column != NULL)
        g_atomic_pointer_set (&root->columns[m], column);
      g_atomic_int_set (&root->left_out[m], FALSE);
    }
  g_debug ("Read %u left-out column(s) of period %s", keys->len - 1, root->period_name);
  return TRUE;
}

StrataPeriodData *
strata_period_data_with_metrics (const StrataPeriodData *data,
                                 StrataWorkspace        *workspace,
                                 const char * const     *metrics,
                                 GError                **error)
{
  StrataPeriodData *root, *view;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(StrataPeriodData) part = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (metrics != NULL, NULL);

  root = data->parent != NULL ? data->parent : (StrataPeriodData *) data;
  for (guint m = 0; root->left_out != NULL && m < root->n_metrics; m++)
    if (is_left_out (root, m) && g_strv_contains (metrics, root->metric_keys[m]))
      g_ptr_array_add (keys, root->metric_keys[m]);
  if (keys->len == 0)
    return strata_period_data_ref ((StrataPeriodData *) data);
  g_ptr_array_add (keys, NULL);
  if ((part = read_part (root, workspace, keys, error)) == NULL)
    return NULL;

  /* Like a view of strata_period_data_reload_overrides (data's overrides),
   * with its own array of columns and flags. */
  view = g_atomic_rc_box_dup (sizeof *root, root);
  view->parent = strata_period_data_ref (root);
  view->overrides = g_array_ref (data->overrides);
  view->columns = g_new (double *, MAX (root->n_metrics, 1));
  view->left_out = g_new (gint, MAX (root->n_metrics, 1));
  view->owned = g_new0 (double *, MAX (root->n_metrics, 1));
  for (guint m = 0; m < root->n_metrics; m++)
    {
      view->columns[m] = g_atomic_pointer_get (&root->columns[m]);
      view->left_out[m] = is_left_out (root, m);
    }
  for (guint k = 0; k + 1 < keys->len; k++)
    {
      guint m = GPOINTER_TO_UINT (g_hash_table_lookup (root->metric_index, keys->pdata[k])) - 1;

      view->owned[m] = take_column (part, keys->pdata[k]);
      if (view->owned[m] != NULL)
        view->columns[m] = view->owned[m];
      view->left_out[m] = FALSE;
    }
  g_debug ("Read %u column(s) of period %s for a view", keys->len - 1, root->period_name);
  return view;
}
