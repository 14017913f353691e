/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-action-costly.h"

void
strata_costly_use_free (StrataCostlyUse *use)
{
  if (use == NULL)
    return;
  g_free (use->product);
  g_free (use);
}

GPtrArray *
strata_action_costly_customers (StrataWorkspace  *workspace,
                                gint64            period_id,
                                GError          **error)
{
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_costly_use_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  /* Per customer and product in the "costly to run" category (products/),
   * biggest revenue first. */
  stmt = strata_workspace_prepare (workspace,
                                   "SELECT r.customer_id, p.code, p.description, r.amount"
                                   " FROM product_revenue r JOIN products p ON p.id = r.product_id"
                                   " WHERE r.period_id = ?1 AND p.category = 'costly'"
                                   " ORDER BY r.amount DESC, r.customer_id, p.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataCostlyUse *use = g_new0 (StrataCostlyUse, 1);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *description = (const char *) sqlite3_column_text (stmt, 2);

      use->customer_id = sqlite3_column_int64 (stmt, 0);
      use->product = description && *description ? g_strdup_printf ("%s · %s", code, description)
                                                 : g_strdup (code);
      use->revenue = sqlite3_column_double (stmt, 3);
      g_ptr_array_add (uses, use);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "product_revenue");
      return NULL;
    }
  return g_steal_pointer (&uses);
}
