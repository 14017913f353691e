/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order-line import's writes of its customers and products
 * (strata-import-orders.c). */
#include "config.h"

#include "strata-order-agg.h"

gboolean
strata_order_step_done (StrataImportSession  *s,
                        sqlite3_stmt         *stmt,
                        GError              **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      strata_workspace_set_db_error (s->ws, error, "customers");
      return FALSE;
    }
  return TRUE;
}

/* Every customer of the file exists, once, before its values are written. */
gboolean
strata_order_resolve_customers (StrataImportSession  *s,
                                GArray               *aggs,
                                GError              **error)
{
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;

  add = strata_workspace_prepare (s->ws, "INSERT OR IGNORE INTO customers (ext_id) VALUES (?1)", error);
  find = add ? strata_workspace_prepare (s->ws, "SELECT id FROM customers WHERE ext_id = ?1", error) : NULL;
  if (find == NULL)
    return FALSE;

  for (guint i = 0; i < aggs->len; i++)
    {
      StrataOrderAgg *a = &g_array_index (aggs, StrataOrderAgg, i);

      sqlite3_bind_text (add, 1, a->ext_id, -1, SQLITE_STATIC);
      if (!strata_order_step_done (s, add, error))
        return FALSE;
      sqlite3_bind_text (find, 1, a->ext_id, -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        {
          sqlite3_reset (find);
          strata_workspace_set_db_error (s->ws, error, "customers");
          return FALSE;
        }
      a->customer_id = sqlite3_column_int64 (find, 0);
      sqlite3_reset (find);
    }
  return TRUE;
}

/* The file's products join the catalogue (a new one is `other`), keeping
 * the earliest first and the latest last sale, and a description it had. */
gboolean
strata_order_resolve_products (StrataImportSession  *s,
                               GArray               *products,
                               GError              **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;

  if (products->len == 0)
    return TRUE;
  upsert = strata_workspace_prepare (s->ws,
                                     "INSERT INTO products (code, description, first_sale, last_sale)"
                                     " VALUES (?1, coalesce (?2, ''), ?3, ?4)"
                                     " ON CONFLICT (code) DO UPDATE SET"
                                     "  description = CASE WHEN description = '' THEN excluded.description"
                                     "                ELSE description END,"
                                     "  first_sale = coalesce (min (first_sale, excluded.first_sale),"
                                     "                         excluded.first_sale, first_sale),"
                                     "  last_sale = coalesce (max (last_sale, excluded.last_sale),"
                                     "                        excluded.last_sale, last_sale)"
                                     " RETURNING id", error);
  if (upsert == NULL)
    return FALSE;
  for (guint i = 0; i < products->len; i++)
    {
      StrataOrderProduct *p = &g_array_index (products, StrataOrderProduct, i);

      sqlite3_bind_text (upsert, 1, p->code, -1, SQLITE_STATIC);
      if (p->description != NULL)
        sqlite3_bind_text (upsert, 2, p->description, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (upsert, 2);
      if (p->sold)
        {
          sqlite3_bind_int64 (upsert, 3, p->first_day);
          sqlite3_bind_int64 (upsert, 4, p->last_day);
        }
      else
        {
          sqlite3_bind_null (upsert, 3);
          sqlite3_bind_null (upsert, 4);
        }
      if (sqlite3_step (upsert) != SQLITE_ROW)
        {
          sqlite3_reset (upsert);
          strata_workspace_set_db_error (s->ws, error, "products");
          return FALSE;
        }
      p->id = sqlite3_column_int64 (upsert, 0);
      sqlite3_reset (upsert);
    }
  return TRUE;
}

