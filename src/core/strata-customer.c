/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataCustomer and the writes that add, rename and delete customers.
 * StrataCustomerList makes these objects only for the rows a view asks
 * for, so they are cheap: three fields and attributes read on demand. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-customer.h"

struct _StrataCustomer
{
  GObject          parent_instance;

  StrataWorkspace *workspace;
  gint64           id;
  char            *ext_id;
  char            *name;
  GHashTable      *attributes;   /* loaded on first use */
};

G_DEFINE_FINAL_TYPE (StrataCustomer, strata_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EXT_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

StrataCustomer *
strata_customer_new (StrataWorkspace *workspace,
                     gint64           id,
                     const char      *ext_id,
                     const char      *name)
{
  StrataCustomer *self;

  g_return_val_if_fail (workspace == NULL || STRATA_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (STRATA_TYPE_CUSTOMER, NULL);
  self->workspace = workspace ? g_object_ref (workspace) : NULL;
  self->id = id;
  self->ext_id = g_strdup (ext_id ? ext_id : "");
  self->name = g_strdup (name ? name : "");
  return self;
}

gint64
strata_customer_get_id (StrataCustomer *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER (self), 0);
  return self->id;
}

const char *
strata_customer_get_ext_id (StrataCustomer *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER (self), NULL);
  return self->ext_id;
}

const char *
strata_customer_get_name (StrataCustomer *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER (self), NULL);
  return self->name;
}

GHashTable *
strata_customer_get_attributes (StrataCustomer *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_CUSTOMER (self), NULL);

  if (self->attributes != NULL)
    return self->attributes;

  self->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (self->workspace == NULL)
    return self->attributes;
  stmt = strata_workspace_prepare (self->workspace,
                                   "SELECT key, value FROM attributes WHERE customer_id = ?",
                                   NULL);
  if (stmt == NULL)
    return self->attributes;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (self->attributes,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  return self->attributes;
}

const char *
strata_customer_get_attribute (StrataCustomer *self,
                               const char     *key)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (strata_customer_get_attributes (self), key);
}

void
strata_customer_invalidate_attributes (StrataCustomer *self)
{
  g_return_if_fail (STRATA_IS_CUSTOMER (self));
  g_clear_pointer (&self->attributes, g_hash_table_unref);
}

StrataCustomer *
strata_customer_load (StrataWorkspace  *workspace,
                      gint64            id,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace, "SELECT ext_id, name FROM customers WHERE id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return strata_customer_new (workspace, id, (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1));
  if (rc == SQLITE_DONE)
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("%s: there is no customer with id %lld"),
                 strata_workspace_get_path (workspace), (long long) id);
  else
    strata_workspace_set_db_error (workspace, error, _("reading a customer"));
  return NULL;
}

/* Trims; refuses empty or invalid text. */
static char *
clean_text (const char  *text,
            gboolean     allow_empty,
            const char  *message,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));

  if ((!allow_empty && *clean == '\0') || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                           message);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

static gboolean
run (StrataWorkspace  *workspace,
     sqlite3_stmt     *stmt,
     const char       *what,
     GError          **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ext_id_taken (StrataWorkspace *workspace,
              const char      *ext_id)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (workspace, "SELECT 1 FROM customers WHERE ext_id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ext_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gint64
strata_customer_add (StrataWorkspace  *workspace,
                     gint64            period_id,
                     const char       *ext_id,
                     const char       *name,
                     GHashTable       *attributes,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) member = NULL;
  g_autoptr(sqlite3_stmt) attribute = NULL;
  g_autofree char *clean_id = NULL;
  g_autofree char *clean_name = NULL;
  const char *what = _("adding a customer");
  gint64 id;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), 0);

  clean_id = clean_text (ext_id, FALSE, _("A customer needs an id"), error);
  if (clean_id == NULL)
    return 0;
  clean_name = clean_text (name, TRUE, _("The customer name is not valid UTF-8 text"), error);
  if (clean_name == NULL)
    return 0;
  if (ext_id_taken (workspace, clean_id))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("There is already a customer with the id “%s”"), clean_id);
      return 0;
    }

  if (!strata_workspace_begin (workspace, error))
    return 0;
  insert = strata_workspace_prepare (workspace,
                                     "INSERT INTO customers (ext_id, name) VALUES (?, ?)", error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_text (insert, 1, clean_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, clean_name, -1, SQLITE_TRANSIENT);
  if (!run (workspace, insert, what, error))
    goto fail;
  id = sqlite3_last_insert_rowid (strata_workspace_get_db (workspace));

  if (period_id != 0)
    {
      member = strata_workspace_prepare (workspace,
                                         "INSERT INTO period_customers (period_id, customer_id)"
                                         " VALUES (?, ?)", error);
      if (member == NULL)
        goto fail;
      sqlite3_bind_int64 (member, 1, period_id);
      sqlite3_bind_int64 (member, 2, id);
      if (sqlite3_step (member) != SQLITE_DONE)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                       _("%s: there is no period with id %lld"),
                       strata_workspace_get_path (workspace), (long long) period_id);
          goto fail;
        }
    }

  if (attributes != NULL && g_hash_table_size (attributes) > 0)
    {
      GHashTableIter iter;
      gpointer key, value;

      attribute = strata_workspace_prepare (workspace,
                                            "INSERT INTO attributes (customer_id, key, value)"
                                            " VALUES (?, ?, ?)", error);
      if (attribute == NULL)
        goto fail;
      g_hash_table_iter_init (&iter, attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          sqlite3_reset (attribute);
          sqlite3_bind_int64 (attribute, 1, id);
          sqlite3_bind_text (attribute, 2, key, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (attribute, 3, value ? value : "", -1, SQLITE_TRANSIENT);
          if (!run (workspace, attribute, what, error))
            goto fail;
        }
    }

  if (!strata_workspace_audit (workspace, "customer.add", clean_id, clean_name, error))
    goto fail;
  g_clear_pointer (&insert, sqlite3_finalize);
  g_clear_pointer (&member, sqlite3_finalize);
  g_clear_pointer (&attribute, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return 0;
  strata_workspace_emit_changed (workspace, "customers");
  return id;

fail:
  strata_workspace_rollback (workspace);
  return 0;
}

gboolean
strata_customer_rename (StrataWorkspace  *workspace,
                        gint64            customer_id,
                        const char       *name,
                        GError          **error)
{
  g_autoptr(StrataCustomer) customer = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  customer = strata_customer_load (workspace, customer_id, error);
  if (customer == NULL)
    return FALSE;
  clean = clean_text (name, TRUE, _("The customer name is not valid UTF-8 text"), error);
  if (clean == NULL)
    return FALSE;
  if (g_str_equal (clean, customer->name))
    return TRUE;

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  stmt = strata_workspace_prepare (workspace, "UPDATE customers SET name = ? WHERE id = ?",
                                   error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (!run (workspace, stmt, _("renaming a customer"), error) ||
      !strata_workspace_audit (workspace, "customer.rename", customer->ext_id, clean, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return FALSE;
  strata_workspace_emit_changed (workspace, "customers");
  return TRUE;

fail:
  strata_workspace_rollback (workspace);
  return FALSE;
}

gboolean
strata_customer_set_attribute (StrataWorkspace  *workspace,
                               gint64            customer_id,
                               const char       *key,
                               const char       *value,
                               GError          **error)
{
  g_autoptr(StrataCustomer) customer = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_key = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  customer = strata_customer_load (workspace, customer_id, error);
  if (customer == NULL)
    return FALSE;
  clean_key = clean_text (key, FALSE, _("An attribute needs a name"), error);
  if (clean_key == NULL)
    return FALSE;

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  stmt = strata_workspace_prepare (workspace,
                                   value != NULL
                                   ? "INSERT OR REPLACE INTO attributes (customer_id, key, value)"
                                     " VALUES (?1, ?2, ?3)"
                                   : "DELETE FROM attributes WHERE customer_id = ?1 AND key = ?2",
                                   error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, clean_key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  detail = g_strdup_printf ("%s=%s", clean_key, value ? value : "");
  if (!run (workspace, stmt, _("changing a customer"), error) ||
      !strata_workspace_audit (workspace, "customer.attribute", customer->ext_id, detail, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return FALSE;
  strata_workspace_emit_changed (workspace, "customers");
  return TRUE;

fail:
  strata_workspace_rollback (workspace);
  return FALSE;
}

gboolean
strata_customer_delete (StrataWorkspace  *workspace,
                        gint64            customer_id,
                        GError          **error)
{
  g_autoptr(StrataCustomer) customer = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) closed = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  customer = strata_customer_load (workspace, customer_id, error);
  if (customer == NULL)
    return FALSE;

  closed = strata_workspace_prepare (workspace,
                                     "SELECT p.name FROM period_results r JOIN periods p"
                                     " ON p.id = r.period_id WHERE r.customer_id = ?"
                                     " AND p.state = 'closed' ORDER BY p.start_date LIMIT 1",
                                     error);
  if (closed == NULL)
    return FALSE;
  sqlite3_bind_int64 (closed, 1, customer_id);
  if (sqlite3_step (closed) == SQLITE_ROW)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The customer “%s” is in the results of the closed period “%s” "
                     "and cannot be deleted"),
                   customer->ext_id, (const char *) sqlite3_column_text (closed, 0));
      return FALSE;
    }

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  /* Foreign keys cascade to attributes, memberships, values, overrides. */
  stmt = strata_workspace_prepare (workspace, "DELETE FROM customers WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (!run (workspace, stmt, _("deleting a customer"), error) ||
      !strata_workspace_audit (workspace, "customer.delete", customer->ext_id, customer->name,
                               error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return FALSE;
  strata_workspace_emit_changed (workspace, "customers");
  return TRUE;

fail:
  strata_workspace_rollback (workspace);
  return FALSE;
}

static void
strata_customer_finalize (GObject *object)
{
  StrataCustomer *self = (StrataCustomer *) object;

  g_clear_object (&self->workspace);
  g_free (self->ext_id);
  g_free (self->name);
  g_clear_pointer (&self->attributes, g_hash_table_unref);

  G_OBJECT_CLASS (strata_customer_parent_class)->finalize (object);
}

static void
strata_customer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StrataCustomer *self = STRATA_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_EXT_ID:
      g_value_set_string (value, self->ext_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_customer_class_init (StrataCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = strata_customer_finalize;
  object_class->get_property = strata_customer_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_EXT_ID] = g_param_spec_string ("ext-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_customer_init (StrataCustomer *self)
{
}
