/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataCustomerList: a period's customers as a GListModel that stays
 * smooth at 100,000+ rows.
 *
 * Rows live in three arrays (ids, ext ids, names; strings in one string
 * chunk), so a reload costs one query and no objects. get_item() makes a
 * StrataCustomer on demand and remembers it weakly: a view holding a row
 * gets the same object back, and nothing is kept for rows nobody shows.
 * A reload diffs the old rows against the new ones from both ends and
 * emits one items-changed for the range that differs: adding, deleting or
 * renaming a customer is reported as that one row. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-customer-list.h"
#include "strata-list-diff.h"

typedef struct
{
  GArray       *ids;       /* gint64 */
  GPtrArray    *ext_ids;   /* const char *, in chunk */
  GPtrArray    *names;     /* const char *, in chunk */
  GStringChunk *chunk;
} Rows;

struct _StrataCustomerList
{
  GObject          parent_instance;

  StrataWorkspace *workspace;
  gint64           period_id;
  Rows             rows;
  GHashTable      *alive;     /* gint64 * id -> GWeakRef * */
  gulong           changed_id;
};

static void strata_customer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataCustomerList, strata_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      strata_customer_list_model_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_PERIOD_ID,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rows_init (Rows *rows)
{
  rows->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  rows->ext_ids = g_ptr_array_new ();
  rows->names = g_ptr_array_new ();
  rows->chunk = g_string_chunk_new (64 * 1024);
}

static void
rows_clear (Rows *rows)
{
  g_clear_pointer (&rows->ids, g_array_unref);
  g_clear_pointer (&rows->ext_ids, g_ptr_array_unref);
  g_clear_pointer (&rows->names, g_ptr_array_unref);
  g_clear_pointer (&rows->chunk, g_string_chunk_free);
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

static GType
strata_customer_list_get_item_type (GListModel *model)
{
  return STRATA_TYPE_CUSTOMER;
}

static guint
strata_customer_list_get_n_items (GListModel *model)
{
  return STRATA_CUSTOMER_LIST (model)->rows.ids->len;
}

/* Drops weak references to items that are gone, so the table does not
 * grow with every row ever shown. */
static void
prune_alive (StrataCustomerList *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(GObject) object = g_weak_ref_get (value);

      if (object == NULL)
        g_hash_table_iter_remove (&iter);
    }
}

static gpointer
strata_customer_list_get_item (GListModel *model,
                               guint       position)
{
  StrataCustomerList *self = STRATA_CUSTOMER_LIST (model);
  StrataCustomer *customer;
  GWeakRef *ref;
  gint64 id;
  gint64 *key;

  if (position >= self->rows.ids->len)
    return NULL;

  id = g_array_index (self->rows.ids, gint64, position);
  ref = g_hash_table_lookup (self->alive, &id);
  if (ref != NULL)
    {
      customer = g_weak_ref_get (ref);
      if (customer != NULL)
        return customer;
    }

  customer = strata_customer_new (self->workspace, id,
                                  g_ptr_array_index (self->rows.ext_ids, position),
                                  g_ptr_array_index (self->rows.names, position));
  if (g_hash_table_size (self->alive) >= 4096)
    prune_alive (self);
  key = g_new (gint64, 1);
  *key = id;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, customer);
  g_hash_table_replace (self->alive, key, ref);
  return customer;
}

static void
strata_customer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = strata_customer_list_get_item_type;
  iface->get_n_items = strata_customer_list_get_n_items;
  iface->get_item = strata_customer_list_get_item;
}

static gboolean
load_rows (StrataCustomerList  *self,
           Rows                *rows,
           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (self->period_id != 0)
    {
      stmt = strata_workspace_prepare (self->workspace,
                                       "SELECT c.id, c.ext_id, c.name FROM period_customers pc"
                                       " JOIN customers c ON c.id = pc.customer_id"
                                       " WHERE pc.period_id = ? ORDER BY pc.customer_id", error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, self->period_id);
    }
  else
    stmt = strata_workspace_prepare (self->workspace,
                                     "SELECT id, ext_id, name FROM customers ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows->ids, id);
      g_ptr_array_add (rows->ext_ids,
                       g_string_chunk_insert (rows->chunk,
                                              (const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (rows->names,
                       g_string_chunk_insert (rows->chunk,
                                              (const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, _("reading the customers"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  Rows *old_rows;
  Rows *new_rows;
} DiffData;

static gboolean
rows_equal (gpointer user_data,
            guint    o,
            guint    n)
{
  DiffData *d = user_data;

  return g_array_index (d->old_rows->ids, gint64, o) == g_array_index (d->new_rows->ids, gint64, n) &&
         g_str_equal (g_ptr_array_index (d->old_rows->names, o),
                      g_ptr_array_index (d->new_rows->names, n)) &&
         g_str_equal (g_ptr_array_index (d->old_rows->ext_ids, o),
                      g_ptr_array_index (d->new_rows->ext_ids, n));
}

gboolean
strata_customer_list_reload (StrataCustomerList  *self,
                             GError             **error)
{
  GHashTableIter iter;
  gpointer value;
  DiffData d;
  Rows fresh;
  guint position, removed, added;

  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), FALSE);

  rows_init (&fresh);
  if (!load_rows (self, &fresh, error))
    {
      rows_clear (&fresh);
      return FALSE;
    }

  d.old_rows = &self->rows;
  d.new_rows = &fresh;
  if (!strata_list_diff (self->rows.ids->len, fresh.ids->len, rows_equal, &d,
                         &position, &removed, &added))
    removed = added = 0;

  /* Items of the changed rows are stale: forget them, so get_item makes
   * new ones. The others are the same rows and stay shared. */
  for (guint i = position; removed > 0 && i < position + removed; i++)
    g_hash_table_remove (self->alive, &g_array_index (self->rows.ids, gint64, i));
  /* Attributes are not part of the rows: let live items read them again. */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(StrataCustomer) customer = g_weak_ref_get (value);

      if (customer != NULL)
        strata_customer_invalidate_attributes (customer);
    }

  rows_clear (&self->rows);
  self->rows = fresh;

  if (removed > 0 || added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      if (removed != added)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  return TRUE;
}

static void
on_workspace_changed (StrataWorkspace    *workspace,
                      const char         *what,
                      StrataCustomerList *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (what, "customers") && !g_str_equal (what, "periods") &&
      !g_str_equal (what, "all"))
    return;
  if (!strata_customer_list_reload (self, &error))
    g_warning ("%s", error->message);
}

StrataCustomerList *
strata_customer_list_new (StrataWorkspace *workspace,
                          gint64           period_id)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  return g_object_new (STRATA_TYPE_CUSTOMER_LIST, "workspace", workspace,
                       "period-id", period_id, NULL);
}

StrataWorkspace *
strata_customer_list_get_workspace (StrataCustomerList *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), NULL);
  return self->workspace;
}

gint64
strata_customer_list_get_period_id (StrataCustomerList *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), 0);
  return self->period_id;
}

void
strata_customer_list_set_period_id (StrataCustomerList *self,
                                    gint64              period_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STRATA_IS_CUSTOMER_LIST (self));

  if (self->period_id == period_id)
    return;
  self->period_id = period_id;
  /* During construction, constructed() loads the rows. */
  if (self->changed_id != 0 && !strata_customer_list_reload (self, &error))
    g_warning ("%s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_ID]);
}

gint64
strata_customer_list_get_id_at (StrataCustomerList *self,
                                guint               position)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), 0);
  g_return_val_if_fail (position < self->rows.ids->len, 0);
  return g_array_index (self->rows.ids, gint64, position);
}

const char *
strata_customer_list_get_ext_id_at (StrataCustomerList *self,
                                    guint               position)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), NULL);
  g_return_val_if_fail (position < self->rows.ids->len, NULL);
  return g_ptr_array_index (self->rows.ext_ids, position);
}

const char *
strata_customer_list_get_name_at (StrataCustomerList *self,
                                  guint               position)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), NULL);
  g_return_val_if_fail (position < self->rows.ids->len, NULL);
  return g_ptr_array_index (self->rows.names, position);
}

int
strata_customer_list_find (StrataCustomerList *self,
                           gint64              customer_id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), -1);

  /* Rows are in id order: binary search. */
  hi = self->rows.ids->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 id = g_array_index (self->rows.ids, gint64, mid);

      if (id == customer_id)
        return (int) mid;
      if (id < customer_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

guint
strata_customer_list_get_n_alive (StrataCustomerList *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_LIST (self), 0);
  prune_alive (self);
  return g_hash_table_size (self->alive);
}

static void
strata_customer_list_constructed (GObject *object)
{
  StrataCustomerList *self = STRATA_CUSTOMER_LIST (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (strata_customer_list_parent_class)->constructed (object);

  self->changed_id = g_signal_connect (self->workspace, "changed",
                                       G_CALLBACK (on_workspace_changed), self);
  if (!strata_customer_list_reload (self, &error))
    g_warning ("%s", error->message);
}

static void
strata_customer_list_dispose (GObject *object)
{
  StrataCustomerList *self = STRATA_CUSTOMER_LIST (object);

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (strata_customer_list_parent_class)->dispose (object);
}

static void
strata_customer_list_finalize (GObject *object)
{
  StrataCustomerList *self = STRATA_CUSTOMER_LIST (object);

  rows_clear (&self->rows);
  g_hash_table_unref (self->alive);

  G_OBJECT_CLASS (strata_customer_list_parent_class)->finalize (object);
}

static void
strata_customer_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StrataCustomerList *self = STRATA_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_PERIOD_ID:
      g_value_set_int64 (value, self->period_id);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rows.ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_customer_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StrataCustomerList *self = STRATA_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    case PROP_PERIOD_ID:
      strata_customer_list_set_period_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_customer_list_class_init (StrataCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = strata_customer_list_constructed;
  object_class->dispose = strata_customer_list_dispose;
  object_class->finalize = strata_customer_list_finalize;
  object_class->get_property = strata_customer_list_get_property;
  object_class->set_property = strata_customer_list_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD_ID] =
    g_param_spec_int64 ("period-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_customer_list_init (StrataCustomerList *self)
{
  rows_init (&self->rows);
  self->alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, weak_ref_free);
}
