/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPeriodList: the workspace's periods as a GListModel, oldest first.
 * Periods are few, so a reload reads them all and diffs against what the
 * list holds: unchanged periods keep their objects, so views keep rows. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-list-diff.h"
#include "strata-period-list.h"

struct _StrataPeriodList
{
  GObject          parent_instance;

  StrataWorkspace *workspace;
  GPtrArray       *items;   /* StrataPeriod, owned */
  gulong           changed_id;
};

static void strata_period_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataPeriodList, strata_period_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      strata_period_list_model_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
strata_period_list_get_item_type (GListModel *model)
{
  return STRATA_TYPE_PERIOD;
}

static guint
strata_period_list_get_n_items (GListModel *model)
{
  return STRATA_PERIOD_LIST (model)->items->len;
}

static gpointer
strata_period_list_get_item (GListModel *model,
                             guint       position)
{
  StrataPeriodList *self = STRATA_PERIOD_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
strata_period_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = strata_period_list_get_item_type;
  iface->get_n_items = strata_period_list_get_n_items;
  iface->get_item = strata_period_list_get_item;
}

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

typedef struct
{
  GPtrArray *old_items;
  GPtrArray *new_items;
} DiffData;

static gboolean
diff_equal (gpointer user_data,
            guint    old_index,
            guint    new_index)
{
  DiffData *d = user_data;

  return period_equal (g_ptr_array_index (d->old_items, old_index),
                       g_ptr_array_index (d->new_items, new_index));
}

gboolean
strata_period_list_reload (StrataPeriodList  *self,
                           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  DiffData d;
  guint position, removed, added;
  int rc;

  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), FALSE);

  stmt = strata_workspace_prepare (self->workspace,
                                   "SELECT " STRATA_PERIOD_COLUMNS STRATA_PERIOD_FROM
                                   STRATA_PERIOD_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (fresh, strata_period_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, _("reading the periods"));
      return FALSE;
    }

  d.old_items = self->items;
  d.new_items = fresh;
  if (!strata_list_diff (self->items->len, fresh->len, diff_equal, &d,
                         &position, &removed, &added))
    {
      for (guint i = 0; i < self->items->len; i++)
        strata_period_set_position (g_ptr_array_index (self->items, i),
                                    strata_period_get_position (g_ptr_array_index (fresh, i)));
      return TRUE;
    }

  /* Keep the old objects outside the changed range: only the range is
   * replaced, so unchanged rows stay the same objects. */
  g_ptr_array_remove_range (self->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->items, position + i,
                        g_object_ref (g_ptr_array_index (fresh, position + i)));

  /* Positions are chronological ranks: an insertion shifts the later
   * periods' ranks without making them different rows. */
  for (guint i = 0; i < self->items->len; i++)
    strata_period_set_position (g_ptr_array_index (self->items, i),
                                strata_period_get_position (g_ptr_array_index (fresh, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

static void
on_workspace_changed (StrataWorkspace  *workspace,
                      const char       *what,
                      StrataPeriodList *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (what, "periods") && !g_str_equal (what, "all"))
    return;
  if (!strata_period_list_reload (self, &error))
    g_warning ("%s", error->message);
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
  return position < 0 ? NULL : g_ptr_array_index (self->items, position);
}

int
strata_period_list_find (StrataPeriodList *self,
                         gint64            id)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (strata_period_get_id (g_ptr_array_index (self->items, i)) == id)
      return (int) i;
  return -1;
}

StrataPeriod *
strata_period_list_lookup_name (StrataPeriodList *self,
                                const char       *name)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      StrataPeriod *p = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (strata_period_get_name (p), name) == 0)
        return p;
    }
  return NULL;
}

StrataPeriod *
strata_period_list_get_latest (StrataPeriodList *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD_LIST (self), NULL);

  if (self->items->len == 0)
    return NULL;
  return g_ptr_array_index (self->items, self->items->len - 1);
}

static void
strata_period_list_constructed (GObject *object)
{
  StrataPeriodList *self = STRATA_PERIOD_LIST (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (strata_period_list_parent_class)->constructed (object);

  self->changed_id = g_signal_connect (self->workspace, "changed",
                                       G_CALLBACK (on_workspace_changed), self);
  if (!strata_period_list_reload (self, &error))
    g_warning ("%s", error->message);
}

static void
strata_period_list_dispose (GObject *object)
{
  StrataPeriodList *self = STRATA_PERIOD_LIST (object);

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (strata_period_list_parent_class)->dispose (object);
}

static void
strata_period_list_finalize (GObject *object)
{
  StrataPeriodList *self = STRATA_PERIOD_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (strata_period_list_parent_class)->finalize (object);
}

static void
strata_period_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StrataPeriodList *self = STRATA_PERIOD_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_period_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StrataPeriodList *self = STRATA_PERIOD_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_period_list_class_init (StrataPeriodListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = strata_period_list_constructed;
  object_class->dispose = strata_period_list_dispose;
  object_class->finalize = strata_period_list_finalize;
  object_class->get_property = strata_period_list_get_property;
  object_class->set_property = strata_period_list_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_period_list_init (StrataPeriodList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
