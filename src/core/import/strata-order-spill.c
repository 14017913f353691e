/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Beyond its memory cap, the order-line import writes what it would have
 * kept per line (an (agg, product) amount, an (agg, order) and an (agg,
 * month) seen) as rows of a temporary table on its own connection, whose
 * pages SQLite keeps in its capped cache and a temporary file. When the
 * file has been read, COUNT(DISTINCT) gives the orders and months, and one
 * pass in (agg, product, seq) order sums each product's amounts in the
 * order of the lines, as the in-memory sums do, so the results are the
 * same to the bit. The rounded product amounts go to a second table, read
 * back one agg at a time while the period is written. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "strata-order-agg.h"

struct _StrataOrderSpill
{
  StrataWorkspace *ws;
  sqlite3_stmt    *insert;
  sqlite3_stmt    *revenue;
};

typedef struct
{
  guint    product;
  gint64   first_seq;
  double   amount;
  gint64   cents;
  gboolean sold;
} Group;

static gboolean
step_done (StrataOrderSpill  *sp,
           sqlite3_stmt      *stmt,
           GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      strata_workspace_set_db_error (sp->ws, error, "order lines");
      return FALSE;
    }
  return TRUE;
}

StrataOrderSpill *
strata_order_spill_new (StrataWorkspace  *ws,
                        GError          **error)
{
  StrataOrderSpill *sp = g_new0 (StrataOrderSpill, 1);

  sp->ws = ws;
  /* code: an invoice's text or a day's number, never equal to each other. */
  if (!strata_workspace_exec (ws,
                              "DROP TABLE IF EXISTS temp.strata_order_lines;"
                              "DROP TABLE IF EXISTS temp.strata_order_revenue;"
                              "CREATE TEMP TABLE strata_order_lines (agg INTEGER, seq INTEGER,"
                              " product INTEGER, amount REAL, sold INTEGER, code, month INTEGER);"
                              "CREATE TEMP TABLE strata_order_revenue (agg INTEGER, ord INTEGER,"
                              " product INTEGER, cents INTEGER, PRIMARY KEY (agg, ord)) WITHOUT ROWID",
                              error) ||
      (sp->insert = strata_workspace_prepare (ws,
                                              "INSERT INTO temp.strata_order_lines"
                                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)) == NULL)
    {
      strata_order_spill_free (sp);
      return NULL;
    }
  return sp;
}

gboolean
strata_order_spill_add (StrataOrderSpill      *sp,
                        const StrataOrderRow  *row,
                        GError               **error)
{
  sqlite3_stmt *s = sp->insert;

  sqlite3_bind_int64 (s, 1, row->agg);
  if (row->product >= 0)
    {
      sqlite3_bind_int64 (s, 2, row->seq);
      sqlite3_bind_int64 (s, 3, row->product);
      sqlite3_bind_double (s, 4, row->amount);
      sqlite3_bind_int (s, 5, row->sold);
    }
  else
    {
      sqlite3_bind_null (s, 2);
      sqlite3_bind_null (s, 3);
      sqlite3_bind_null (s, 4);
      sqlite3_bind_null (s, 5);
    }
  if (row->invoice != NULL)
    sqlite3_bind_text (s, 6, row->invoice, -1, SQLITE_STATIC);
  else if (row->has_day)
    sqlite3_bind_int64 (s, 6, row->day_code);
  else
    sqlite3_bind_null (s, 6);
  if (row->month >= 0)
    sqlite3_bind_int64 (s, 7, row->month);
  else
    sqlite3_bind_null (s, 7);
  return step_done (sp, s, error);
}

static int
by_latest (gconstpointer a,
           gconstpointer b)
{
  const Group *x = a, *y = b;

  return (x->first_seq < y->first_seq) - (x->first_seq > y->first_seq);
}

/* One agg's products, as write_product_revenue () rounds them in memory:
 * in whole cents, the largest (the latest of equals) taking the rounding
 * difference when every line named a product. */
static gboolean
flush_agg (StrataOrderSpill  *sp,
           sqlite3_stmt      *insert,
           StrataOrderAgg    *a,
           guint              agg,
           GArray            *groups,
           GError           **error)
{
  Group *largest = NULL;
  gint64 sum = 0;
  guint ord = 0;

  g_array_sort (groups, by_latest);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = &g_array_index (groups, Group, i);

      g->cents = llround (g->amount * 100.0);
      sum += g->cents;
      if (largest == NULL || llabs (g->cents) > llabs (largest->cents))
        largest = g;
      a->n_products += g->sold;
    }
  if (largest != NULL && !a->unattributed)
    largest->cents += llround (a->amount * 100.0) - sum;
  sqlite3_bind_int64 (insert, 1, agg);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = &g_array_index (groups, Group, i);

      if (g->cents == 0)
        continue;
      sqlite3_bind_int64 (insert, 2, ord++);
      sqlite3_bind_int64 (insert, 3, g->product);
      sqlite3_bind_int64 (insert, 4, g->cents);
      if (!step_done (sp, insert, error))
        return FALSE;
    }
  g_array_set_size (groups, 0);
  return TRUE;
}

/* One agg's distinct orders, months and products while its rows are read. */
typedef struct
{
  GHashTable   *codes;    /* "t" invoice or "d" day, in strings */
  GStringChunk *strings;
  GHashTable   *months;   /* month index, in the pointer */
  GString      *key;
  GHashTable   *products; /* product + 1 -> group index + 1 */
  GArray       *groups;   /* Group */
} AggRows;

static void
agg_rows_clear (AggRows *r)
{
  g_hash_table_remove_all (r->codes);
  g_string_chunk_clear (r->strings);
  g_hash_table_remove_all (r->months);
  g_hash_table_remove_all (r->products);
  g_array_set_size (r->groups, 0);
}

static gboolean
finish_agg (StrataOrderSpill  *sp,
            sqlite3_stmt      *insert,
            StrataOrderAgg    *a,
            guint              agg,
            AggRows           *r,
            GError           **error)
{
  a->n_orders = g_hash_table_size (r->codes);
  a->n_months = g_hash_table_size (r->months);
  if (!flush_agg (sp, insert, a, agg, r->groups, error))
    return FALSE;
  agg_rows_clear (r);
  return TRUE;
}

gboolean
strata_order_spill_finish (StrataOrderSpill  *sp,
                           GArray            *aggs,
                           gsize             *buffer_bytes,
                           GError           **error)
{
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  AggRows r;
  gint64 agg = -1;
  gboolean ok = FALSE;
  int rc;

  *buffer_bytes = 0;
  for (guint i = 0; i < aggs->len; i++)
    {
      StrataOrderAgg *a = &g_array_index (aggs, StrataOrderAgg, i);

      a->n_orders = a->n_months = a->n_products = 0;
    }
  /* One sort: each agg's rows together, its product rows in the order of
   * the lines, so that each product's amounts add up as in memory. */
  rows = strata_workspace_prepare (sp->ws,
                                   "SELECT agg, product, amount, sold, code, month"
                                   " FROM temp.strata_order_lines ORDER BY agg, seq", error);
  insert = rows ? strata_workspace_prepare (sp->ws,
                                            "INSERT INTO temp.strata_order_revenue VALUES (?1, ?2, ?3, ?4)",
                                            error) : NULL;
  if (insert == NULL)
    return FALSE;

  r.codes = g_hash_table_new (g_str_hash, g_str_equal);
  r.strings = g_string_chunk_new (4096);
  r.months = g_hash_table_new (NULL, NULL);
  r.key = g_string_new (NULL);
  r.products = g_hash_table_new (NULL, NULL);
  r.groups = g_array_new (FALSE, FALSE, sizeof (Group));
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 row_agg = sqlite3_column_int64 (rows, 0);
      int code_type = sqlite3_column_type (rows, 4);

      if (row_agg != agg)
        {
          if (agg >= 0 &&
              !finish_agg (sp, insert, &g_array_index (aggs, StrataOrderAgg, agg), agg, &r, error))
            goto out;
          agg = row_agg;
        }
      if (sqlite3_column_type (rows, 1) != SQLITE_NULL)
        {
          guint product = sqlite3_column_int (rows, 1);
          guint g = GPOINTER_TO_UINT (g_hash_table_lookup (r.products, GUINT_TO_POINTER (product + 1)));
          Group *group;

          if (g == 0)
            {
              Group fresh = { 0 };

              fresh.product = product;
              fresh.first_seq = r.groups->len;   /* rows come in seq order */
              g_array_append_val (r.groups, fresh);
              g = r.groups->len;
              g_hash_table_insert (r.products, GUINT_TO_POINTER (product + 1), GUINT_TO_POINTER (g));
            }
          group = &g_array_index (r.groups, Group, g - 1);
          group->amount += sqlite3_column_double (rows, 2);
          group->sold |= sqlite3_column_int (rows, 3);
        }
      if (code_type != SQLITE_NULL)
        {
          if (code_type == SQLITE_TEXT)
            {
              g_string_assign (r.key, "t");
              g_string_append (r.key, (const char *) sqlite3_column_text (rows, 4));
            }
          else
            g_string_printf (r.key, "d%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (rows, 4));
          if (!g_hash_table_contains (r.codes, r.key->str))
            g_hash_table_add (r.codes, g_string_chunk_insert (r.strings, r.key->str));
        }
      if (sqlite3_column_type (rows, 5) != SQLITE_NULL)
        {
          g_hash_table_add (r.months, GSIZE_TO_POINTER (sqlite3_column_int64 (rows, 5)));
        }
      *buffer_bytes = MAX (*buffer_bytes,
                           r.groups->len * sizeof (Group) +
                           40 * (g_hash_table_size (r.codes) + g_hash_table_size (r.months) +
                                 g_hash_table_size (r.products)));
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (sp->ws, error, "order lines");
      goto out;
    }
  if (agg >= 0 &&
      !finish_agg (sp, insert, &g_array_index (aggs, StrataOrderAgg, agg), agg, &r, error))
    goto out;
  ok = TRUE;

out:
  g_hash_table_unref (r.codes);
  g_string_chunk_free (r.strings);
  g_hash_table_unref (r.months);
  g_string_free (r.key, TRUE);
  g_hash_table_unref (r.products);
  g_array_unref (r.groups);
  if (!ok)
    return FALSE;
  /* The lines are not needed any more: their pages can go. */
  g_clear_pointer (&sp->insert, sqlite3_finalize);
  g_clear_pointer (&rows, sqlite3_finalize);
  return strata_workspace_exec (sp->ws, "DELETE FROM temp.strata_order_lines", error);
}

gboolean
strata_order_spill_revenue (StrataOrderSpill        *sp,
                            guint                    agg,
                            StrataOrderRevenueFunc   func,
                            gpointer                 data,
                            GError                 **error)
{
  int rc;

  if (sp->revenue == NULL &&
      (sp->revenue = strata_workspace_prepare (sp->ws,
                                               "SELECT product, cents FROM temp.strata_order_revenue"
                                               " WHERE agg = ?1 ORDER BY ord", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (sp->revenue, 1, agg);
  while ((rc = sqlite3_step (sp->revenue)) == SQLITE_ROW)
    func (sqlite3_column_int (sp->revenue, 0), sqlite3_column_int64 (sp->revenue, 1), data);
  sqlite3_reset (sp->revenue);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (sp->ws, error, "order lines");
      return FALSE;
    }
  return TRUE;
}

void
strata_order_spill_free (StrataOrderSpill *sp)
{
  if (sp == NULL)
    return;
  g_clear_pointer (&sp->insert, sqlite3_finalize);
  g_clear_pointer (&sp->revenue, sqlite3_finalize);
  strata_workspace_exec (sp->ws,
                         "DROP TABLE IF EXISTS temp.strata_order_lines;"
                         "DROP TABLE IF EXISTS temp.strata_order_revenue", NULL);
  g_free (sp);
}
