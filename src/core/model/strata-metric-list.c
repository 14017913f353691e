/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataMetricList: the workspace's metrics as a GListModel. Metrics are few
 * (tens), so a reload reads them all and diffs against what the list holds:
 * unchanged metrics keep their objects, so views keep their rows. */
#include "config.h"

#include "strata-i18n.h"

#include "strata-list-diff.h"
#include "strata-metric-list.h"

struct _StrataMetricList
{
  GObject          parent_instance;

  StrataWorkspace *workspace;
  GPtrArray       *items;   /* StrataMetric, owned */
  gulong           changed_id;
};

static void strata_metric_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataMetricList, strata_metric_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      strata_metric_list_model_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
strata_metric_list_get_item_type (GListModel *model)
{
  return STRATA_TYPE_METRIC;
}

static guint
strata_metric_list_get_n_items (GListModel *model)
{
  return STRATA_METRIC_LIST (model)->items->len;
}

static gpointer
strata_metric_list_get_item (GListModel *model,
                             guint       position)
{
  StrataMetricList *self = STRATA_METRIC_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
strata_metric_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = strata_metric_list_get_item_type;
  iface->get_n_items = strata_metric_list_get_n_items;
  iface->get_item = strata_metric_list_get_item;
}

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

  return metric_equal (g_ptr_array_index (d->old_items, old_index),
                       g_ptr_array_index (d->new_items, new_index));
}

gboolean
strata_metric_list_reload (StrataMetricList  *self,
                           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  DiffData d;
  guint position, removed, added;
  int rc;

  g_return_val_if_fail (STRATA_IS_METRIC_LIST (self), FALSE);

  stmt = strata_workspace_prepare (self->workspace,
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
      strata_workspace_set_db_error (self->workspace, error, _("reading the metrics"));
      return FALSE;
    }

  d.old_items = self->items;
  d.new_items = fresh;
  if (!strata_list_diff (self->items->len, fresh->len, diff_equal, &d,
                         &position, &removed, &added))
    return TRUE;

  /* Keep the old objects outside the changed range: only the range is
   * replaced, so unchanged rows stay the same objects. */
  g_ptr_array_remove_range (self->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->items, position + i,
                        g_object_ref (g_ptr_array_index (fresh, position + i)));

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

static void
on_workspace_changed (StrataWorkspace  *workspace,
                      const char       *what,
                      StrataMetricList *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (what, "metrics") && !g_str_equal (what, "all"))
    return;
  if (!strata_metric_list_reload (self, &error))
    g_warning ("%s", error->message);
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

  for (guint i = 0; i < self->items->len; i++)
    {
      StrataMetric *m = g_ptr_array_index (self->items, i);

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

  for (guint i = 0; i < self->items->len; i++)
    {
      StrataMetric *m = g_ptr_array_index (self->items, i);

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

  for (guint i = 0; i < self->items->len; i++)
    {
      StrataMetric *m = g_ptr_array_index (self->items, i);

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

  created = strata_metric_create (self->workspace, key, label, label_zh_cn, label_zh_tw,
                                  kind, unit, error);
  if (created == NULL)
    return NULL;
  /* changed::metrics has reloaded the list already. */
  return strata_metric_list_lookup_id (self, strata_metric_get_id (created));
}

static void
strata_metric_list_constructed (GObject *object)
{
  StrataMetricList *self = STRATA_METRIC_LIST (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (strata_metric_list_parent_class)->constructed (object);

  self->changed_id = g_signal_connect (self->workspace, "changed",
                                       G_CALLBACK (on_workspace_changed), self);
  if (!strata_metric_list_reload (self, &error))
    g_warning ("%s", error->message);
}

static void
strata_metric_list_dispose (GObject *object)
{
  StrataMetricList *self = STRATA_METRIC_LIST (object);

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (strata_metric_list_parent_class)->dispose (object);
}

static void
strata_metric_list_finalize (GObject *object)
{
  StrataMetricList *self = STRATA_METRIC_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (strata_metric_list_parent_class)->finalize (object);
}

static void
strata_metric_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StrataMetricList *self = STRATA_METRIC_LIST (object);

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
strata_metric_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StrataMetricList *self = STRATA_METRIC_LIST (object);

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
strata_metric_list_class_init (StrataMetricListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = strata_metric_list_constructed;
  object_class->dispose = strata_metric_list_dispose;
  object_class->finalize = strata_metric_list_finalize;
  object_class->get_property = strata_metric_list_get_property;
  object_class->set_property = strata_metric_list_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_metric_list_init (StrataMetricList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
