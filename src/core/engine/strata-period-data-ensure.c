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

  part = strata_period_data_load_for_scoring (workspace, root->period_id,
                                              (const char * const *) keys->pdata, error);
  if (part == NULL)
    return FALSE;
  if (part->n != root->n || (root->n > 0 && memcmp (part->ids, root->ids, sizeof *root->ids * root->n) != 0))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("%s: the customers of period “%s” changed while it was shown"),
                   strata_workspace_get_path (workspace), root->period_name);
      return FALSE;
    }
  for (guint k = 0; k + 1 < keys->len; k++)
    {
      const char *key = keys->pdata[k];
      guint m = GPOINTER_TO_UINT (g_hash_table_lookup (root->metric_index, key)) - 1;
      guint pm = GPOINTER_TO_UINT (g_hash_table_lookup (part->metric_index, key));

      /* A metric the file no longer has, or one without values: the
       * shared NaN column is already right. */
      if (pm > 0 && part->columns[pm - 1] != part->none)
        {
          /* Taken over: part frees what its columns still hold. */
          g_atomic_pointer_set (&root->columns[m], part->columns[pm - 1]);
          for (guint j = 0; j < part->n_metrics; j++)
            if (j != pm - 1 && part->columns[j] == part->columns[pm - 1])
              part->columns[j] = NULL;
          part->columns[pm - 1] = NULL;
        }
      g_atomic_int_set (&root->left_out[m], FALSE);
    }
  g_debug ("Read %u left-out column(s) of period %s", keys->len - 1, root->period_name);
  return TRUE;
}
