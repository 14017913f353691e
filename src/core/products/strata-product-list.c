/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product list and pattern preview (see the header). Matching folds
 * with strata-products.c's function, so the preview counts what the
 * assignment does. */
#include "config.h"

#include "strata-product-list.h"
#include "strata-products-private.h"

void
strata_product_info_free (StrataProductInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->code);
  g_free (info->description);
  g_free (info->category);
  g_free (info);
}

GPtrArray *
strata_products_list (StrataWorkspace  *workspace,
                      gint64            period_id,
                      GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_product_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT p.code, p.description, p.category, coalesce (r.amount, 0)"
                                   " FROM products p LEFT JOIN"
                                   "  (SELECT product_id, sum (amount) AS amount FROM product_revenue"
                                   "   WHERE period_id = ?1 GROUP BY product_id) r ON r.product_id = p.id"
                                   " ORDER BY 4 DESC, p.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataProductInfo *info = g_new0 (StrataProductInfo, 1);

      info->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->description = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->category = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->revenue = sqlite3_column_double (stmt, 3);
      g_ptr_array_add (list, info);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "products");
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
strata_products_count_matching (StrataWorkspace  *workspace,
                                const char       *pattern,
                                guint            *n_matching,
                                GError          **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(GPatternSpec) spec = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  folded = strata_products_fold (pattern);
  spec = g_pattern_spec_new (folded);
  stmt = strata_workspace_prepare (workspace, "SELECT code, description FROM products", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *code = strata_products_fold ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *description = strata_products_fold ((const char *) sqlite3_column_text (stmt, 1));

      if (g_pattern_spec_match_string (spec, code) ||
          (*description != '\0' && g_pattern_spec_match_string (spec, description)))
        n++;
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "products");
      return FALSE;
    }
  if (n_matching != NULL)
    *n_matching = n;
  return TRUE;
}
