/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPeriodList: the workspace's periods as a GListModel, oldest first.
 * Periods are few, so a reload reads them all and StrataWorkspaceList
 * replaces only the range that changed. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-period-list.h"

struct _StrataPeriodList
{
  StrataWorkspaceList parent_instance;
};

G_DEFINE_FINAL_TYPE (StrataPeriodList, strata_period_list, STRATA_TYPE_WORKSPACE_LIST)

#define PEEK(self, i) ((StrataPeriod *) strata_workspace_list_peek (STRATA_WORKSPACE_LIST (self), i))
#define N_ITEMS(self) g_list_model_get_n_items (G_LIST_MODEL (self))

static gboolean
period_equal (StrataPeriod *a,
              StrataPeriod *b)
{
  return strata_period_get_id (a) == strata_period_get_id (b) &&
         g_str_equal (strata_period_get_name (a), strata_period_get_name (b)) &&
         g_str_equal (strata_period_get_start_date (a), strata_period_get_start_date (b)) &&
         g_str_equal (strata_period_get_end_date (a), strata_period_get_end_date (b)) &&
         strata_period_get_state (a) == strata_period_get_state (b) &&
         strata_period_get_ruleset_id (a) == strata_period_get_ruleset_id (b) &&
         strata_period_get_ruleset_version (a) == strata_period_get_ruleset_version (b);
}

static gboolean
period_equal_items (gpointer a,
                    gpointer b)
{
  return period_equal (a, b);
}

static gboolean
strata_period_list_load (StrataWorkspaceList  *list,
                         GPtrArray            *fresh,
                         GError              **error)
{
  StrataWorkspace *workspace = strata_workspace_list_get_workspace (list);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT " STRATA_PERIOD_COLUMNS STRATA_PERIOD_FROM
                                   STRATA_PERIOD_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (fresh, strata_period_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("reading the periods"));
      return FALSE;
    }
  return TRUE;
}

/* Positions are chronological ranks: an insertion shifts the later
 * periods' ranks without making them different rows. */
static void
strata_period_list_refresh (GListModel *items,
                            GPtrArray  *fresh)
{
  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(StrataPeriod) period = g_list_model_get_item (items, i);

      strata_period_set_position (period,
                                  strata_period_get_position (g_ptr_array_index (fresh, i)));
    }
}

gboolean
strata_period_list_reload (StrataPeriodList  *self,
                           GError           **error)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), FALSE);
  return strata_workspace_list_reload (STRATA_WORKSPACE_LIST (self), error);
}

StrataPeriodList *
strata_period_list_new (StrataWorkspace *workspace)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  return g_object_new (STRATA_TYPE_PERIOD_LIST, "workspace", workspace, NULL);
}

StrataPeriod *
strata_period_list_lookup_id (StrataPeriodList *self,
                              gint64            id)
{
  int position;

  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), NULL);

  position = strata_period_list_find (self, id);
  return position < 0 ? NULL : PEEK (self, position);
}

int
strata_period_list_find (StrataPeriodList *self,
                         gint64            id)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), -1);

  for (guint i = 0; i < N_ITEMS (self); i++)
    if (strata_period_get_id (PEEK (self, i)) == id)
      return (int) i;
  return -1;
}

StrataPeriod *
strata_period_list_lookup_name (StrataPeriodList *self,
                                const char       *name)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), NULL);

  for (guint i = 0; i < N_ITEMS (self); i++)
    {
      StrataPeriod *p = PEEK (self, i);

      if (g_strcmp0 (strata_period_get_name (p), name) == 0)
        return p;
    }
  return NULL;
}

StrataPeriod *
strata_period_list_get_latest (StrataPeriodList *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), NULL);

  if (N_ITEMS (self) == 0)
    return NULL;
  return PEEK (self, N_ITEMS (self) - 1);
}

static void
strata_period_list_class_init (StrataPeriodListClass *klass)
{
  StrataWorkspaceListClass *list_class = STRATA_WORKSPACE_LIST_CLASS (klass);

  list_class->changed_kind = "periods";
  list_class->item_type = STRATA_TYPE_PERIOD;
  list_class->load = strata_period_list_load;
  list_class->equal = period_equal_items;
  list_class->refresh = strata_period_list_refresh;
}

static void
strata_period_list_init (StrataPeriodList *self)
{
}
