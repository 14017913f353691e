/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Product categories and the catalogue (see the header). Patterns match
 * the case-folded code or description, so `post*` finds "POST" and
 * "Postage". */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-csv.h"
#include "strata-error.h"
#include "strata-products.h"
#include "strata-products-private.h"
#include "strata-value.h"

static const struct
{
  const char *key;
  const char *label;
} builtin_categories[] = {
  { "cash_flow", N_("Cash-flow products") },
  { "value_added", N_("Value-added services") },
  { "new", N_("New products") },
  { "costly", N_("Costly to run") },
  { "other", N_("Other") },
};

void
strata_product_category_free (StrataProductCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->key);
  g_free (category->label);
  g_free (category);
}

const char *
strata_product_category_builtin_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_categories); i++)
    if (g_strcmp0 (key, builtin_categories[i].key) == 0)
      return _(builtin_categories[i].label);
  return NULL;
}

GPtrArray *
strata_product_categories_list (StrataWorkspace  *workspace,
                                GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_product_category_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT key, label, builtin FROM product_categories"
                                   " ORDER BY key = 'other', position, key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataProductCategory *c = g_new0 (StrataProductCategory, 1);
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *builtin = strata_product_category_builtin_label (key);

      c->key = g_strdup (key);
      c->builtin = sqlite3_column_int (stmt, 2) != 0;
      c->label = g_strdup (c->builtin && builtin != NULL ? builtin
                           : (const char *) sqlite3_column_text (stmt, 1));
      if (*c->label == '\0')
        g_free (g_steal_pointer (&c->label)), c->label = g_strdup (key);
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "product_categories");
      return NULL;
    }
  return g_steal_pointer (&list);
}

char *
strata_products_fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *stripped = g_strstrip (g_strdup (valid));

  return g_utf8_casefold (stripped, -1);
}

/* A new category's key: the name folded, spaces and dashes as _. */
static char *
key_of (const char *name)
{
  char *key = strata_products_fold (name);

  for (char *p = key; *p; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return key;
}

static gboolean
category_exists (StrataWorkspace *workspace,
                 const char      *key)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace,
                                                           "SELECT 1 FROM product_categories WHERE key = ?1",
                                                           NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

char *
strata_product_category_resolve (StrataWorkspace  *workspace,
                                 const char       *name,
                                 gboolean          create,
                                 GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *want = NULL;
  g_autofree char *key = NULL;
  g_autoptr(sqlite3_stmt) add = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  want = strata_products_fold (name);
  if (*want == '\0')
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("A product category needs a name"));
      return NULL;
    }
  list = strata_product_categories_list (workspace, error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      StrataProductCategory *c = list->pdata[i];
      g_autofree char *k = strata_products_fold (c->key);
      g_autofree char *l = strata_products_fold (c->label);

      if (g_str_equal (k, want) || g_str_equal (l, want))
        return g_strdup (c->key);
    }
  /* The built-in labels in English and Chinese, whatever the language. */
  {
    static const char *const aliases[][2] = {
      { "cash_flow", "cash-flow products" }, { "cash_flow", "现金流产品" }, { "cash_flow", "現金流產品" },
      { "value_added", "value-added services" }, { "value_added", "增值服务" }, { "value_added", "增值服務" },
      { "new", "new products" }, { "new", "新品" },
      { "costly", "costly to run" }, { "costly", "维护成本过高的产品" }, { "costly", "維護成本過高的產品" },
      { "other", "其他" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
      if (g_str_equal (want, aliases[i][1]))
        return g_strdup (aliases[i][0]);
  }
  key = key_of (name);
  if (category_exists (workspace, key))
    return g_steal_pointer (&key);
  if (!create)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("No product category “%s”"), name);
      return NULL;
    }
  add = strata_workspace_prepare (workspace,
                                  "INSERT INTO product_categories (key, label, position)"
                                  " SELECT ?1, ?2, coalesce (max (position), 0) + 1 FROM product_categories"
                                  " WHERE key != 'other'", error);
  if (add == NULL)
    return NULL;
  sqlite3_bind_text (add, 1, key, -1, SQLITE_STATIC);
  {
    g_autofree char *label = g_strstrip (g_strdup (name));

    sqlite3_bind_text (add, 2, label, -1, SQLITE_TRANSIENT);
  }
  if (sqlite3_step (add) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "product_categories");
      return NULL;
    }
  return g_steal_pointer (&key);
}

/* Runs a write in a transaction of its own unless one is open. */
static gboolean
begin (StrataWorkspace  *workspace,
       gboolean         *own,
       GError          **error)
{
  *own = !strata_workspace_in_transaction (workspace);
  return !*own || strata_workspace_begin (workspace, error);
}

static gboolean
finish (StrataWorkspace  *workspace,
        gboolean          own,
        gboolean          ok,
        const char       *subject,
        const char       *detail,
        GError          **error)
{
  if (ok)
    ok = strata_workspace_audit (workspace, "products.categorise", subject, detail, error);
  if (!own)
    return ok;
  if (ok && strata_workspace_commit (workspace, error))
    {
      strata_workspace_emit_changed (workspace, "products");
      return TRUE;
    }
  strata_workspace_rollback (workspace);
  return FALSE;
}

/* The end of a pass over the rows of the CSV file at path: a read error
 * (*local) fails it; the n rows it changed are stored in *n_out. */
static gboolean
finish_csv (StrataWorkspace  *workspace,
            gboolean          own,
            gboolean          ok,
            GError          **local,
            const char       *path,
            guint             n,
            guint            *n_out,
            GError          **error)
{
  g_autofree char *detail = g_strdup_printf ("%u", n);

  if (ok && *local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (local));
      ok = FALSE;
    }
  if (n_out != NULL)
    *n_out = n;
  return finish (workspace, own, ok, path, detail, error);
}

static gboolean
set_category_by_code (StrataWorkspace  *workspace,
                      const char       *code,
                      const char       *key,
                      guint            *n_changed,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace,
                                                           "UPDATE products SET category = ?2"
                                                           " WHERE code = ?1 AND category != ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "products");
      return FALSE;
    }
  *n_changed += sqlite3_changes (strata_workspace_get_db (workspace));
  return TRUE;
}

gboolean
strata_products_set_category (StrataWorkspace  *workspace,
                              const char       *code,
                              const char       *category,
                              GError          **error)
{
  g_autofree char *key = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  gboolean own, ok;
  guint n = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!begin (workspace, &own, error))
    return FALSE;
  find = strata_workspace_prepare (workspace, "SELECT 1 FROM products WHERE code = ?1", error);
  ok = find != NULL;
  if (ok)
    {
      sqlite3_bind_text (find, 1, code, -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                       _("No product “%s” in “%s”"), code, strata_workspace_get_path (workspace));
          ok = FALSE;
        }
    }
  ok = ok && (key = strata_product_category_resolve (workspace, category, TRUE, error)) != NULL &&
       set_category_by_code (workspace, code, key, &n, error);
  return finish (workspace, own, ok, code, key != NULL ? key : "", error);
}

static gboolean
categorise_matching (StrataWorkspace  *workspace,
                     const char       *pattern,
                     const char       *key,
                     guint            *n_changed,
                     GError          **error)
{
  g_autofree char *folded = strata_products_fold (pattern);
  g_autoptr(GPatternSpec) spec = g_pattern_spec_new (folded);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = strata_workspace_prepare (workspace, "SELECT id, code, description FROM products", error);
  update = stmt ? strata_workspace_prepare (workspace,
                                            "UPDATE products SET category = ?2 WHERE id = ?1 AND category != ?2",
                                            error) : NULL;
  if (update == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *code = strata_products_fold ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *description = strata_products_fold ((const char *) sqlite3_column_text (stmt, 2));

      if (g_pattern_spec_match_string (spec, code) ||
          (*description != '\0' && g_pattern_spec_match_string (spec, description)))
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "products");
      return FALSE;
    }
  sqlite3_bind_text (update, 2, key, -1, SQLITE_STATIC);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          sqlite3_reset (update);
          strata_workspace_set_db_error (workspace, error, "products");
          return FALSE;
        }
      sqlite3_reset (update);
      *n_changed += sqlite3_changes (strata_workspace_get_db (workspace));
    }
  return TRUE;
}

gboolean
strata_products_categorise (StrataWorkspace  *workspace,
                            const char       *pattern,
                            const char       *category,
                            guint            *n_changed,
                            GError          **error)
{
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;
  gboolean own, ok;
  guint n = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  if (!begin (workspace, &own, error))
    return FALSE;
  ok = (key = strata_product_category_resolve (workspace, category, TRUE, error)) != NULL &&
       categorise_matching (workspace, pattern, key, &n, error);
  detail = g_strdup_printf ("%s: %u", key != NULL ? key : "", n);
  if (n_changed != NULL)
    *n_changed = n;
  return finish (workspace, own, ok, pattern, detail, error);
}

gboolean
strata_products_categorise_top (StrataWorkspace  *workspace,
                                guint             n,
                                const char       *category,
                                guint            *n_changed,
                                GError          **error)
{
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *subject = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean own, ok;
  guint changed = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!begin (workspace, &own, error))
    return FALSE;
  ok = (key = strata_product_category_resolve (workspace, category, TRUE, error)) != NULL &&
       (stmt = strata_workspace_prepare (workspace,
                                         "UPDATE products SET category = ?2 WHERE id IN ("
                                         "  SELECT p.id FROM products p JOIN product_revenue r ON r.product_id = p.id"
                                         "  WHERE p.category = 'other' GROUP BY p.id"
                                         "  ORDER BY sum (r.amount) DESC, p.code LIMIT ?1)", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, n);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          strata_workspace_set_db_error (workspace, error, "products");
          ok = FALSE;
        }
      else
        changed = sqlite3_changes (strata_workspace_get_db (workspace));
    }
  if (n_changed != NULL)
    *n_changed = changed;
  subject = g_strdup_printf ("top %u", n);
  detail = g_strdup_printf ("%s: %u", key != NULL ? key : "", changed);
  return finish (workspace, own, ok, subject, detail, error);
}

/* Header names compare without case, spaces, _ and -. */
static char *
squash (const char *name)
{
  g_autofree char *folded = strata_products_fold (name);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (*p != ' ' && *p != '_' && *p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static int
find_column (StrataCsvReader   *reader,
             const char *const *names)
{
  guint n = strata_csv_reader_get_n_fields (reader);

  for (const char *const *name = names; *name; name++)
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *have = squash (strata_csv_reader_get_field (reader, i));
        g_autofree char *want = squash (*name);

        if (g_str_equal (have, want))
          return (int) i;
      }
  return -1;
}

static const char *const code_names[] = {
  "code", "product", "product code", "stock code", "product id", "sku", "产品编号", "产品",
  "產品編號", "產品", NULL
};
static const char *const category_names[] = {
  "category", "product category", "类别", "产品类别", "類別", "產品類別", NULL
};
static const char *const description_names[] = {
  "description", "name", "product name", "描述", "名称", "产品名称", "名稱", "產品名稱", NULL
};
static const char *const pattern_names[] = { "pattern", "模式", NULL };

static StrataCsvReader *
open_with_header (const char  *path,
                  GError     **error)
{
  g_autoptr(StrataCsvReader) reader = strata_csv_reader_open_sheet (path, NULL, NULL, 0, NULL, error);

  if (reader == NULL)
    return NULL;
  if (!strata_csv_reader_next (reader, NULL, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                     _("“%s” is empty"), path);
      return NULL;
    }
  return g_steal_pointer (&reader);
}

gboolean
strata_products_categorise_csv (StrataWorkspace  *workspace,
                                const char       *path,
                                guint            *n_changed,
                                GError          **error)
{
  g_autoptr(StrataCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  int code, pattern, category;
  gboolean own, ok = TRUE;
  guint n = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if ((reader = open_with_header (path, error)) == NULL)
    return FALSE;
  code = find_column (reader, code_names);
  pattern = find_column (reader, pattern_names);
  category = find_column (reader, category_names);
  if (category < 0 || (code < 0 && pattern < 0))
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”: needs a “category” column and a “code” or “pattern” column"), path);
      return FALSE;
    }
  if (!begin (workspace, &own, error))
    return FALSE;
  while (ok && strata_csv_reader_next (reader, NULL, &local))
    {
      g_autofree char *key = NULL;
      g_autofree char *glob = pattern >= 0 ? g_strstrip (g_strdup (strata_csv_reader_get_field (reader, pattern))) : NULL;
      g_autofree char *one = code >= 0 ? g_strstrip (g_strdup (strata_csv_reader_get_field (reader, code))) : NULL;
      const char *name = strata_csv_reader_get_field (reader, category);

      /* A row names a pattern, or else one code. */
      if ((glob == NULL || *glob == '\0') && (one == NULL || *one == '\0'))
        continue;
      ok = (key = strata_product_category_resolve (workspace, name, TRUE, error)) != NULL &&
           (glob != NULL && *glob != '\0' ? categorise_matching (workspace, glob, key, &n, error)
                                           : set_category_by_code (workspace, one, key, &n, error));
    }
  return finish_csv (workspace, own, ok, &local, path, n, n_changed, error);
}

gboolean
strata_products_import_catalogue (StrataWorkspace  *workspace,
                                  const char       *path,
                                  guint            *n_products,
                                  GError          **error)
{
  g_autoptr(StrataCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  int code, description, category;
  gboolean own, ok = TRUE;
  guint n = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if ((reader = open_with_header (path, error)) == NULL)
    return FALSE;
  code = find_column (reader, code_names);
  description = find_column (reader, description_names);
  category = find_column (reader, category_names);
  if (code < 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”: no column holds the product code (such as “code” or “StockCode”)"), path);
      return FALSE;
    }
  if (!begin (workspace, &own, error))
    return FALSE;
  upsert = strata_workspace_prepare (workspace,
                                     "INSERT INTO products (code, description, category)"
                                     " VALUES (?1, coalesce (?2, ''), coalesce (?3, 'other'))"
                                     " ON CONFLICT (code) DO UPDATE SET"
                                     "  description = coalesce (?2, description),"
                                     "  category = coalesce (?3, category)", error);
  ok = upsert != NULL;
  while (ok && strata_csv_reader_next (reader, NULL, &local))
    {
      g_autofree char *c = g_strstrip (g_strdup (strata_csv_reader_get_field (reader, code)));
      g_autofree char *d = NULL;
      g_autofree char *key = NULL;

      if (*c == '\0')
        continue;
      if (description >= 0)
        d = g_strstrip (g_strdup (strata_csv_reader_get_field (reader, description)));
      if (category >= 0 && !strata_value_is_blank (strata_csv_reader_get_field (reader, category)) &&
          (key = strata_product_category_resolve (workspace, strata_csv_reader_get_field (reader, category),
                                                   TRUE, error)) == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_text (upsert, 1, c, -1, SQLITE_STATIC);
      if (d != NULL && *d != '\0')
        sqlite3_bind_text (upsert, 2, d, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (upsert, 2);
      if (key != NULL)
        sqlite3_bind_text (upsert, 3, key, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (upsert, 3);
      if (sqlite3_step (upsert) != SQLITE_DONE)
        {
          strata_workspace_set_db_error (workspace, error, "products");
          ok = FALSE;
        }
      sqlite3_reset (upsert);
      n++;
    }
  return finish_csv (workspace, own, ok, &local, path, n, n_products, error);
}

gboolean
strata_products_has_data (StrataWorkspace *workspace,
                          gint64           period_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  stmt = strata_workspace_prepare (workspace,
                                   period_id != 0
                                   ? "SELECT 1 FROM product_revenue WHERE period_id = ?1 LIMIT 1"
                                   : "SELECT 1 FROM product_revenue LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  if (period_id != 0)
    sqlite3_bind_int64 (stmt, 1, period_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}
