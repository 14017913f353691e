/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataMetricList: the workspace's metrics as a GListModel. Metrics are few
 * (tens), so a reload reads them all and StrataWorkspaceList replaces only
 * the range that changed. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-metric-list.h"
#include "strata-metric-list-private.h"

struct _StrataMetricList
{
  StrataWorkspaceList parent_instance;
};

G_DEFINE_FINAL_TYPE (StrataMetricList, strata_metric_list, STRATA_TYPE_WORKSPACE_LIST)

#define PEEK(self, i) ((StrataMetric *) strata_workspace_list_peek (STRATA_WORKSPACE_LIST (self), i))
#define N_ITEMS(self) g_list_model_get_n_items (G_LIST_MODEL (self))

static gboolean
metric_equal (StrataMetric *a,
              StrataMetric *b)
{
  return strata_metric_get_id (a) == strata_metric_get_id (b) &&
         g_str_equal (strata_metric_get_key (a), strata_metric_get_key (b)) &&
         g_str_equal (strata_metric_get_label (a), strata_metric_get_label (b)) &&
         g_str_equal (strata_metric_get_label_zh_cn (a), strata_metric_get_label_zh_cn (b)) &&
         g_str_equal (strata_metric_get_label_zh_tw (a), strata_metric_get_label_zh_tw (b)) &&
         strata_metric_get_kind (a) == strata_metric_get_kind (b) &&
         g_str_equal (strata_metric_get_unit (a), strata_metric_get_unit (b)) &&
         strata_metric_get_builtin (a) == strata_metric_get_builtin (b);
}

static gboolean
metric_equal_items (gpointer a,
                    gpointer b)
{
  return metric_equal (a, b);
}

static gboolean
strata_metric_list_load (StrataWorkspaceList  *list,
                         GPtrArray            *fresh,
                         GError              **error)
{
  StrataWorkspace *workspace = strata_workspace_list_get_workspace (list);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT id, key, label, label_zh_cn, label_zh_tw, kind, unit,"
                                   " builtin FROM metrics ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataMetricKind kind = STRATA_METRIC_NUMBER;

      strata_metric_kind_from_string ((const char *) sqlite3_column_text (stmt, 5), &kind);
      g_ptr_array_add (fresh,
                       strata_metric_new (sqlite3_column_int64 (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2),
                                          (const char *) sqlite3_column_text (stmt, 3),
                                          (const char *) sqlite3_column_text (stmt, 4),
                                          kind,
                                          (const char *) sqlite3_column_text (stmt, 6),
                                          sqlite3_column_int (stmt, 7) != 0));
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("reading the metrics"));
      return FALSE;
    }

  return TRUE;
}

gboolean
strata_metric_list_reload (StrataMetricList  *self,
                           GError           **error)
{
  g_return_val_if_fail (STRATA_IS_METRIC_LIST (self), FALSE);
  return strata_workspace_list_reload (STRATA_WORKSPACE_LIST (self), error);
}

StrataMetricList *
strata_metric_list_new (StrataWorkspace *workspace)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  return g_object_new (STRATA_TYPE_METRIC_LIST, "workspace", workspace, NULL);
}

StrataMetric *
strata_metric_list_lookup_key (StrataMetricList *self,
                               const char       *key)
{
  g_return_val_if_fail (STRATA_IS_METRIC_LIST (self), NULL);

  for (guint i = 0; i < N_ITEMS (self); i++)
    {
      StrataMetric *m = PEEK (self, i);

      if (g_strcmp0 (strata_metric_get_key (m), key) == 0)
        return m;
    }
  return NULL;
}

StrataMetric *
strata_metric_list_lookup_id (StrataMetricList *self,
                              gint64            id)
{
  g_return_val_if_fail (STRATA_IS_METRIC_LIST (self), NULL);

  for (guint i = 0; i < N_ITEMS (self); i++)
    {
      StrataMetric *m = PEEK (self, i);

      if (strata_metric_get_id (m) == id)
        return m;
    }
  return NULL;
}

StrataMetric *
strata_metric_list_lookup_label (StrataMetricList *self,
                                 const char       *text)
{
  g_autofree char *trimmed = NULL;
  StrataMetric *exact;

  g_return_val_if_fail (STRATA_IS_METRIC_LIST (self), NULL);

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_ascii_strdown (text, -1));
  exact = strata_metric_list_lookup_key (self, trimmed);
  if (exact != NULL)
    return exact;

  for (guint i = 0; i < N_ITEMS (self); i++)
    {
      StrataMetric *m = PEEK (self, i);

      if (strata_metric_matches_label (m, text))
        return m;
    }
  return NULL;
}

StrataMetric *
strata_metric_list_create (StrataMetricList  *self,
                           const char        *key,
                           const char        *label,
                           const char        *label_zh_cn,
                           const char        *label_zh_tw,
                           StrataMetricKind   kind,
                           const char        *unit,
                           GError           **error)
{
  g_autoptr(StrataMetric) created = NULL;

  g_return_val_if_fail (STRATA_IS_METRIC_LIST (self), NULL);

  created = strata_metric_create (strata_workspace_list_get_workspace (STRATA_WORKSPACE_LIST (self)), key, label, label_zh_cn, label_zh_tw,
                                  kind, unit, error);
  if (created == NULL)
    return NULL;
  /* changed::metrics has reloaded the list already. */
  return strata_metric_list_lookup_id (self, strata_metric_get_id (created));
}

static void
strata_metric_list_class_init (StrataMetricListClass *klass)
{
  StrataWorkspaceListClass *list_class = STRATA_WORKSPACE_LIST_CLASS (klass);

  list_class->changed_kind = "metrics";
  list_class->item_type = STRATA_TYPE_METRIC;
  list_class->load = strata_metric_list_load;
  list_class->equal = metric_equal_items;
}

static void
strata_metric_list_init (StrataMetricList *self)
{
}
