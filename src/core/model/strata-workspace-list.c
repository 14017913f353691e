/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-list-diff.h"
#include "strata-workspace-list.h"

typedef struct
{
  StrataWorkspace *workspace;
  GListStore      *store;
  gulong           changed_id;
} StrataWorkspaceListPrivate;

static void strata_workspace_list_model_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (StrataWorkspaceList, strata_workspace_list, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (StrataWorkspaceList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                         strata_workspace_list_model_init))

enum { PROP_0, PROP_WORKSPACE, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

#define PRIV(self) ((StrataWorkspaceListPrivate *) strata_workspace_list_get_instance_private (self))

static GType
strata_workspace_list_get_item_type (GListModel *model)
{
  return STRATA_WORKSPACE_LIST_GET_CLASS (model)->item_type;
}

static guint
strata_workspace_list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (PRIV (STRATA_WORKSPACE_LIST (model))->store));
}

static gpointer
strata_workspace_list_get_item (GListModel *model,
                                guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (PRIV (STRATA_WORKSPACE_LIST (model))->store),
                                position);
}

static void
strata_workspace_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = strata_workspace_list_get_item_type;
  iface->get_n_items = strata_workspace_list_get_n_items;
  iface->get_item = strata_workspace_list_get_item;
}

typedef struct
{
  StrataWorkspaceListClass *klass;
  GListModel               *old_items;
  GPtrArray                *new_items;
} DiffData;

static gboolean
diff_equal (gpointer user_data,
            guint    old_index,
            guint    new_index)
{
  DiffData *d = user_data;
  g_autoptr(GObject) old_item = g_list_model_get_item (d->old_items, old_index);

  return d->klass->equal (old_item, g_ptr_array_index (d->new_items, new_index));
}

gboolean
strata_workspace_list_reload (StrataWorkspaceList  *self,
                              GError              **error)
{
  StrataWorkspaceListPrivate *priv;
  StrataWorkspaceListClass *klass;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint position, removed, added, n_old;
  DiffData d;

  g_return_val_if_fail (STRATA_IS_WORKSPACE_LIST (self), FALSE);

  priv = PRIV (self);
  klass = STRATA_WORKSPACE_LIST_GET_CLASS (self);
  if (!klass->load (self, fresh, error))
    return FALSE;

  n_old = g_list_model_get_n_items (G_LIST_MODEL (priv->store));
  d.klass = klass;
  d.old_items = G_LIST_MODEL (priv->store);
  d.new_items = fresh;
  if (strata_list_diff (n_old, fresh->len, diff_equal, &d, &position, &removed, &added))
    {
      /* Only the changed range is replaced: the items around it stay the
       * same objects. The store's items-changed is forwarded as ours. */
      g_list_store_splice (priv->store, position, removed, fresh->pdata + position, added);
      if (removed != added)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  if (klass->refresh != NULL)
    klass->refresh (G_LIST_MODEL (priv->store), fresh);
  return TRUE;
}

gpointer
strata_workspace_list_peek (StrataWorkspaceList *self,
                            guint                position)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE_LIST (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (PRIV (self)->store), position);
  /* The store keeps its own reference. */
  return item;
}

StrataWorkspace *
strata_workspace_list_get_workspace (StrataWorkspaceList *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE_LIST (self), NULL);
  return PRIV (self)->workspace;
}

static void
on_workspace_changed (StrataWorkspace     *workspace,
                      const char          *what,
                      StrataWorkspaceList *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (what, STRATA_WORKSPACE_LIST_GET_CLASS (self)->changed_kind) &&
      !g_str_equal (what, "all"))
    return;
  if (!strata_workspace_list_reload (self, &error))
    g_warning ("%s", error->message);
}

static void
on_store_items_changed (GListModel          *store,
                        guint                position,
                        guint                removed,
                        guint                added,
                        StrataWorkspaceList *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
strata_workspace_list_constructed (GObject *object)
{
  StrataWorkspaceList *self = STRATA_WORKSPACE_LIST (object);
  StrataWorkspaceListPrivate *priv = PRIV (self);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (strata_workspace_list_parent_class)->constructed (object);

  priv->store = g_list_store_new (STRATA_WORKSPACE_LIST_GET_CLASS (self)->item_type);
  g_signal_connect_object (priv->store, "items-changed",
                           G_CALLBACK (on_store_items_changed), self, 0);
  priv->changed_id = g_signal_connect (priv->workspace, "changed",
                                       G_CALLBACK (on_workspace_changed), self);
  if (!strata_workspace_list_reload (self, &error))
    g_warning ("%s", error->message);
}

static void
strata_workspace_list_dispose (GObject *object)
{
  StrataWorkspaceListPrivate *priv = PRIV (STRATA_WORKSPACE_LIST (object));

  if (priv->workspace != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->workspace);
  g_clear_object (&priv->workspace);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (strata_workspace_list_parent_class)->dispose (object);
}

static void
strata_workspace_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StrataWorkspaceListPrivate *priv = PRIV (STRATA_WORKSPACE_LIST (object));

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, priv->workspace);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->store != NULL
                               ? g_list_model_get_n_items (G_LIST_MODEL (priv->store)) : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_workspace_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StrataWorkspaceListPrivate *priv = PRIV (STRATA_WORKSPACE_LIST (object));

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      priv->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_workspace_list_class_init (StrataWorkspaceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = strata_workspace_list_constructed;
  object_class->dispose = strata_workspace_list_dispose;
  object_class->get_property = strata_workspace_list_get_property;
  object_class->set_property = strata_workspace_list_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_workspace_list_init (StrataWorkspaceList *self)
{
}
