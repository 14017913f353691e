/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order-line import: one row per invoice line, aggregated per customer
 * into the period's order_amount, order_count (distinct invoices),
 * distinct_products, active_months and last_order_date.
 *
 * The file is taken as all of the period's order lines: importing into a
 * period that has data replaces those metrics for every customer (one with
 * no line in the file no longer has them for the period; distinct_products
 * only when the file has a product column). Other metrics are kept.
 *
 * With a split, each line goes to the period of its date (a quarter,
 * month or year), and each of those periods is written as above: the
 * file holds all of their lines.
 *
 * With a product column, each customer's revenue per product and period
 * is kept too (product_revenue, in the same transaction; the period's rows
 * are replaced like its metrics) and the products join the catalogue with
 * their first and last sale (and description, from a description column).
 * A customer's product amounts are rounded to cents so that they add up
 * to its order_amount when every line names a product.
 *
 * A cancellation (an invoice number C followed by digits, or a negative quantity or
 * amount) subtracts its amount and adds nothing else. A line without a
 * customer id cannot be attributed: it is counted, logged with its line,
 * and is not a rejected row (real ledgers have many: cash sales).
 *
 * Memory: the totals grow with the customers (with a split, customers
 * times periods) and the catalogue with the products. What grows with the
 * lines (distinct orders, months and products per customer, its amount
 * per product, the invoice codes) is kept in memory up to a cap, then
 * goes to a temporary table (strata-order-spill.c), with the same results
 * to the bit. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strata-import-private.h"
#include "strata-import-orders-private.h"
#include "strata-order-agg.h"
#include "strata-value.h"

/* Per customer (and period): in one array, its strings in one chunk. */
typedef StrataOrderAgg Agg;

#define AGG(c, i) (&g_array_index ((c)->aggs, Agg, (i)))

/* What grows with the lines (distinct orders, months and products per
 * customer, its amount per product, the invoice codes) is kept in memory
 * up to spill_cap bytes, as estimated by line_state_bytes (), then goes to
 * strata-order-spill.c. */
static gsize spill_cap = STRATA_IMPORT_ORDERS_SPILL_CAP;
G_LOCK_DEFINE_STATIC (peak);
static gsize peak_bytes;

/* A customer's (and period's) revenue on one product. */
typedef struct
{
  guint   agg;
  guint   product;         /* index into Ctx.products */
  guint   next;            /* the agg's next ProductLine + 1, 0: none */
  double  amount;
  gint64  cents;
  gboolean sold;           /* some line of it is not a cancellation */
} ProductLine;

typedef StrataOrderProduct Product;

enum { PAIR_INVOICE, PAIR_PRODUCT, PAIR_MONTH, PAIR_DAY };

typedef struct
{
  StrataImportSession *s;
  int                  customer, date, amount, quantity, unit_price, invoice, product, description;
  GStringChunk        *strings;   /* the aggs' ext ids and keys */
  GHashTable          *by_id;     /* ext_id, or with a split "period\037ext_id" -> Agg index + 1 */
  GHashTable          *period_names; /* with a split: the periods' names */
  GArray              *aggs;      /* Agg, in order of appearance */
  GHashTable          *intern;    /* invoice codes -> small ints */
  GPtrArray           *invoices;  /* small int - 1 -> the code (intern's key) */
  gsize                invoice_bytes;
  GHashTable          *pairs;     /* packed (kind, customer, code) seen */
  GHashTable          *product_index; /* code -> Product index + 1 */
  GArray              *products;  /* Product */
  GHashTable          *line_index; /* packed (agg, product) -> ProductLine index + 1 */
  GArray              *lines;     /* ProductLine */
  StrataOrderSpill    *spill;     /* once the above outgrew spill_cap */
  gint64               seq;       /* the spill's next line */
  gsize                peak;      /* bytes, the most the line state held */
} Ctx;

const char *const strata_import_customer_guesses[] = {
  "customer id", "customerid", "customer no", "customer number", "customer code", "customer",
  "client id", "account id", "seller id", "客户编号", "客户id", "客户代码", "客户",
  "客戶編號", "客戶id", "客戶代碼", "客戶", NULL
};
const char *const strata_import_date_guesses[] = {
  "invoice date", "order date", "date", "shipping limit date", "order purchase timestamp",
  "日期", "下单日期", "订单日期", "开票日期", "下單日期", "訂單日期", "開票日期", NULL
};
const char *const strata_import_quantity_guesses[] = {
  "quantity", "qty", "数量", "數量", NULL
};
const char *const strata_import_unit_price_guesses[] = {
  "unit price", "price", "单价", "單價", NULL
};
const char *const strata_import_amount_guesses[] = {
  "amount", "line amount", "line total", "total", "sales", "revenue", "price",
  "金额", "销售额", "金額", "銷售額", NULL
};
const char *const strata_import_invoice_guesses[] = {
  "invoice no", "invoice", "invoice number", "order id", "order no", "order number",
  "发票号", "订单号", "单号", "發票號", "訂單號", "單號", NULL
};
const char *const strata_import_product_guesses[] = {
  "stock code", "product id", "product", "sku", "item code", "product code",
  "产品编号", "产品", "商品编号", "產品編號", "產品", "商品編號", NULL
};
static const char *const description_guesses[] = {
  "description", "product name", "item name", "product description",
  "产品名称", "商品名称", "描述", "產品名稱", "商品名稱", NULL
};

/* The pair set's keys are 64-bit integers stored in the pointer. */
static guint
pair_hash (gconstpointer key)
{
  guint64 x = GPOINTER_TO_SIZE (key);

  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (guint) x;
}

static gboolean
add_pair (Ctx     *c,
          guint    kind,
          guint    customer,
          guint32  code)
{
  guint64 key = ((guint64) kind << 62) | ((guint64) (customer & 0x3FFFFFFF) << 32) | code;

  return g_hash_table_add (c->pairs, GSIZE_TO_POINTER (key));
}

static guint32
intern (Ctx        *c,
        const char *text)
{
  gpointer v;

  if (g_hash_table_lookup_extended (c->intern, text, NULL, &v))
    return GPOINTER_TO_UINT (v);
  v = GUINT_TO_POINTER (g_hash_table_size (c->intern) + 1);
  g_ptr_array_add (c->invoices, g_strdup (text));
  c->invoice_bytes += strlen (text) + 1;
  g_hash_table_insert (c->intern, c->invoices->pdata[c->invoices->len - 1], v);
  return GPOINTER_TO_UINT (v);
}

static gboolean
map_columns (Ctx     *c,
             GError **error)
{
  StrataImportSession *s = c->s;
  const StrataImportOptions *o = s->options;

  if (!strata_import_pick_column (s, o->id_column, strata_import_customer_guesses, &c->customer, error) ||
      !strata_import_pick_column (s, o->date_column, strata_import_date_guesses, &c->date, error) ||
      !strata_import_pick_column (s, o->invoice_column, strata_import_invoice_guesses, &c->invoice, error) ||
      !strata_import_pick_column (s, o->product_column, strata_import_product_guesses, &c->product, error))
    return FALSE;
  c->description = -1;
  if (c->product >= 0 &&
      !strata_import_pick_column (s, NULL, description_guesses, &c->description, error))
    return FALSE;

  c->amount = c->quantity = c->unit_price = -1;
  if (o->amount_column != NULL)
    {
      if (!strata_import_pick_column (s, o->amount_column, NULL, &c->amount, error))
        return FALSE;
    }
  else
    {
      if (!strata_import_pick_column (s, o->quantity_column, strata_import_quantity_guesses, &c->quantity, error) ||
          !strata_import_pick_column (s, o->unit_price_column, strata_import_unit_price_guesses, &c->unit_price, error))
        return FALSE;
      if (c->quantity < 0 || c->unit_price < 0)
        {
          c->quantity = c->unit_price = -1;
          if (!strata_import_pick_column (s, NULL, strata_import_amount_guesses, &c->amount, error))
            return FALSE;
        }
    }

  if (c->customer < 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”: no column holds the customer id (such as “CustomerID” or “客户编号”); "
                     "name the column to use"), s->path);
      return FALSE;
    }
  if (c->date < 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”: no column holds the order date (such as “InvoiceDate” or “日期”); "
                     "name the column to use"), s->path);
      return FALSE;
    }
  for (guint i = 0; i < s->header->len; i++)
    {
      int col = (int) i;
      const char *role = col == c->customer ? "customer" : col == c->date ? "date"
                         : col == c->amount ? "amount" : col == c->quantity ? "quantity"
                         : col == c->unit_price ? "unit_price" : col == c->invoice ? "invoice"
                         : col == c->product ? "product"
                         : col == c->description ? "description" : "";
      g_ptr_array_add (s->result->columns, g_strdup (role));
    }
  if (c->amount < 0 && c->quantity < 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”: no column holds the line amount, nor a quantity and a unit price; "
                     "name the columns to use"), s->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_number_at (Ctx          *c,
                 const char  **fields,
                 int           col,
                 guint64       line,
                 double       *out,
                 gboolean     *bad,
                 GError      **error)
{
  const char *reason = NULL;

  if (strata_value_parse_number (fields[col], out, &reason))
    return TRUE;
  *bad = TRUE;
  return strata_import_reject (c->s, line, c->s->header->pdata[col], fields[col], reason, error);
}

/* An estimate of the bytes the state that grows with the lines holds:
 * GHashTable keeps a key, a value and a hash per slot, its slots at most
 * three quarters full after a resize, so about 40 bytes an entry. */
static gsize
line_state_bytes (Ctx *c)
{
  gsize entries = g_hash_table_size (c->pairs) + g_hash_table_size (c->line_index) +
                  g_hash_table_size (c->intern);

  return entries * 40 + c->lines->len * sizeof (ProductLine) +
         c->invoices->len * sizeof (gpointer) + c->invoice_bytes;
}

static void
note_peak (Ctx   *c,
           gsize  bytes)
{
  c->peak = MAX (c->peak, bytes);
}

/* Writes the in-memory pairs and product lines to the spill, which from
 * now on takes every line. The product lines keep their order of
 * appearance as their seq, so the lines after them come later. */
static gboolean
start_spill (Ctx     *c,
             GError **error)
{
  GHashTableIter iter;
  gpointer key;

  c->spill = strata_order_spill_new (c->s->ws, error);
  if (c->spill == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, c->pairs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint64 k = GPOINTER_TO_SIZE (key);
      guint kind = k >> 62;
      guint32 code = k & 0xFFFFFFFF;
      StrataOrderRow row = { 0 };

      row.agg = (k >> 32) & 0x3FFFFFFF;
      row.product = -1;
      row.month = -1;
      if (kind == PAIR_INVOICE)
        row.invoice = c->invoices->pdata[code - 1];
      else if (kind == PAIR_DAY)
        {
          row.has_day = TRUE;
          row.day_code = code;
        }
      else if (kind == PAIR_MONTH)
        row.month = code;
      else
        continue;   /* products: from the product lines' sold */
      if (!strata_order_spill_add (c->spill, &row, error))
        return FALSE;
    }
  for (guint i = 0; i < c->lines->len; i++)
    {
      ProductLine *line = &g_array_index (c->lines, ProductLine, i);
      StrataOrderRow row = { 0 };

      row.agg = line->agg;
      row.seq = i;
      row.product = line->product;
      row.amount = line->amount;
      row.sold = line->sold;
      row.month = -1;
      if (!strata_order_spill_add (c->spill, &row, error))
        return FALSE;
    }
  c->seq = c->lines->len;
  for (guint i = 0; i < c->aggs->len; i++)
    AGG (c, i)->first_line = 0;
  g_hash_table_remove_all (c->pairs);
  g_hash_table_remove_all (c->line_index);
  g_hash_table_remove_all (c->intern);
  g_ptr_array_set_size (c->invoices, 0);
  c->invoice_bytes = 0;
  g_array_set_size (c->lines, 0);
  /* remove_all keeps the tables' arrays: new ones are small again. */
  g_hash_table_unref (c->pairs);
  g_hash_table_unref (c->line_index);
  g_hash_table_unref (c->intern);
  c->pairs = g_hash_table_new (pair_hash, g_direct_equal);
  c->line_index = g_hash_table_new (pair_hash, g_direct_equal);
  c->intern = g_hash_table_new (g_str_hash, g_str_equal);
  g_array_unref (c->lines);
  c->lines = g_array_new (FALSE, FALSE, sizeof (ProductLine));
  return TRUE;
}

/* The line's product joins the catalogue (its first and last sale, a
 * description): its index, or -1 when the line names none, which leaves
 * the customer's revenue partly unattributed. */
static int
add_product (Ctx         *c,
             Agg         *agg,
             const char **fields,
             gboolean     cancel,
             gint64       day)
{
  g_autofree char *code = NULL;
  gpointer v;
  guint p;
  Product *product;

  if (strata_value_is_blank (fields[c->product]))
    {
      agg->unattributed = TRUE;
      return -1;
    }
  code = g_strstrip (g_strdup (fields[c->product]));
  if (g_hash_table_lookup_extended (c->product_index, code, NULL, &v))
    p = GPOINTER_TO_UINT (v) - 1;
  else
    {
      Product fresh = { 0 };

      fresh.code = g_steal_pointer (&code);
      p = c->products->len;
      g_array_append_val (c->products, fresh);
      g_hash_table_insert (c->product_index, fresh.code, GUINT_TO_POINTER (p + 1));
    }
  product = &g_array_index (c->products, Product, p);
  if (!cancel)
    {
      if (!product->sold || day < product->first_day)
        product->first_day = day;
      if (!product->sold || day > product->last_day)
        product->last_day = day;
      product->sold = TRUE;
    }
  if (product->description == NULL && c->description >= 0 &&
      !strata_value_is_blank (fields[c->description]))
    product->description = g_strstrip (g_strdup (fields[c->description]));
  return (int) p;
}

/* Keeps the line's amount on (customer, product), in memory. */
static void
add_product_line (Ctx      *c,
                  Agg      *agg,
                  guint     index,
                  guint     p,
                  double    amount,
                  gboolean  cancel)
{
  gpointer v;
  guint l;
  guint64 key = ((guint64) index << 32) | p;
  ProductLine *line;

  if (g_hash_table_lookup_extended (c->line_index, GSIZE_TO_POINTER (key), NULL, &v))
    l = GPOINTER_TO_UINT (v) - 1;
  else
    {
      ProductLine fresh = { 0 };

      fresh.agg = index;
      fresh.product = p;
      fresh.next = agg->first_line;
      l = c->lines->len;
      g_array_append_val (c->lines, fresh);
      agg->first_line = l + 1;
      g_hash_table_insert (c->line_index, GSIZE_TO_POINTER (key), GUINT_TO_POINTER (l + 1));
    }
  line = &g_array_index (c->lines, ProductLine, l);
  line->amount += amount;
  line->sold |= !cancel;
}

/* The customer's (and with a split, the period's) Agg index. */
static guint
find_agg (Ctx        *c,
          const char *ext_id,
          gint64      day)
{
  const char *period = NULL;
  g_autofree char *key = NULL;
  gpointer v;
  Agg fresh = { 0 };

  if (c->s->options->split != STRATA_IMPORT_SPLIT_NONE)
    {
      g_autofree char *name = strata_import_split_period_name (c->s->options->split, day);

      period = g_hash_table_lookup (c->period_names, name);
      if (period == NULL)
        {
          period = g_strdup (name);
          g_hash_table_add (c->period_names, (char *) period);
        }
      key = g_strconcat (period, "\037", ext_id, NULL);
    }
  if ((v = g_hash_table_lookup (c->by_id, key ? key : ext_id)) != NULL)
    return GPOINTER_TO_UINT (v) - 1;

  fresh.ext_id = g_string_chunk_insert (c->strings, ext_id);
  fresh.period = period;
  g_array_append_val (c->aggs, fresh);
  g_hash_table_insert (c->by_id, key ? g_string_chunk_insert (c->strings, key) : (char *) fresh.ext_id,
                       GUINT_TO_POINTER (c->aggs->len));
  return c->aggs->len - 1;
}

static gboolean
process_row (Ctx          *c,
             guint64       line,
             const char   *problem,
             const char  **fields,
             guint         n,
             GError      **error)
{
  StrataImportSession *s = c->s;
  g_autofree char *ext_id = NULL;
  const char *reason = NULL;
  const char *invoice = "";
  gboolean bad = FALSE, cancel = FALSE;
  gint64 day = 0;
  double amount = 0, quantity = 0, price = 0;
  guint index;
  int product = -1;
  Agg *agg;

  if (problem == NULL && n == s->header->len)
    {
      gboolean blank = TRUE;

      for (guint i = 0; i < n && blank; i++)
        blank = strata_value_is_blank (fields[i]);
      if (blank)
        return TRUE;
    }

  s->result->rows_read++;
  if (problem != NULL || n != s->header->len)
    {
      s->result->rows_rejected++;
      return strata_import_reject_shape (s, line, problem, fields, n, error);
    }

  ext_id = g_strstrip (g_strdup (fields[c->customer]));
  if (*ext_id == '\0')
    {
      s->result->rows_without_customer++;
      return strata_import_reject (s, line, s->header->pdata[c->customer], "",
                                   _("no customer id"), error);
    }

  if (!strata_value_parse_date (fields[c->date], &day, &reason))
    {
      bad = TRUE;
      if (!strata_import_reject (s, line, s->header->pdata[c->date], fields[c->date], reason, error))
        return FALSE;
    }
  if (c->quantity >= 0)
    {
      if (!parse_number_at (c, fields, c->quantity, line, &quantity, &bad, error) ||
          !parse_number_at (c, fields, c->unit_price, line, &price, &bad, error))
        return FALSE;
      amount = quantity * price;
    }
  else if (!parse_number_at (c, fields, c->amount, line, &amount, &bad, error))
    return FALSE;
  if (bad)
    {
      s->result->rows_rejected++;
      return TRUE;
    }

  if (c->invoice >= 0)
    {
      invoice = g_strstrip ((char *) fields[c->invoice]);
      /* C536379 is a cancellation; c3a8f0... (a hex order id) is not. */
      if ((invoice[0] == 'C' || invoice[0] == 'c') && invoice[1] != '\0')
        {
          cancel = TRUE;
          for (const char *p = invoice + 1; *p && cancel; p++)
            cancel = g_ascii_isdigit (*p);
        }
    }
  if (quantity < 0 || amount < 0)
    cancel = TRUE;
  if (cancel)
    amount = -fabs (amount);

  index = find_agg (c, ext_id, day);
  agg = AGG (c, index);
  agg->amount += amount;
  s->result->rows_imported++;
  if (c->product >= 0)
    product = add_product (c, agg, fields, cancel, day);
  if (cancel)
    s->result->lines_cancelled++;
  else if (!agg->has_last || day > agg->last_day)
    {
      agg->last_day = day;
      agg->has_last = TRUE;
    }

  if (c->spill != NULL)
    {
      StrataOrderRow row = { 0 };

      /* A cancellation adds only its amount. */
      if (cancel && product < 0)
        return TRUE;
      row.agg = index;
      row.seq = c->seq++;
      row.product = product;
      row.amount = amount;
      row.sold = !cancel;
      row.month = -1;
      if (!cancel)
        {
          /* Without invoice numbers, one customer's lines of one day are one order. */
          if (*invoice != '\0')
            row.invoice = invoice;
          else
            {
              row.has_day = TRUE;
              row.day_code = (guint32) (day + G_MAXINT32);
            }
          row.month = (guint32) strata_value_month_index (day);
        }
      return strata_order_spill_add (c->spill, &row, error);
    }

  if (product >= 0)
    add_product_line (c, agg, index, product, amount, cancel);
  if (!cancel)
    {
      if (*invoice != '\0')
        agg->n_orders += add_pair (c, PAIR_INVOICE, index, intern (c, invoice));
      else
        agg->n_orders += add_pair (c, PAIR_DAY, index, (guint32) (day + G_MAXINT32));
      if (product >= 0)
        agg->n_products += add_pair (c, PAIR_PRODUCT, index, product);
      agg->n_months += add_pair (c, PAIR_MONTH, index,
                                 (guint32) strata_value_month_index (day));
    }
  {
    gsize bytes = line_state_bytes (c);

    note_peak (c, bytes);
    if (bytes > spill_cap)
      return start_spill (c, error);
  }
  return TRUE;
}

typedef struct
{
  Ctx          *c;
  sqlite3_stmt *insert;
  gboolean      ok;
  GError      **error;
} RevenueWrite;

static void
write_one_revenue (guint    product,
                   gint64   cents,
                   gpointer data)
{
  RevenueWrite *w = data;
  Ctx *c = w->c;
  sqlite3_stmt *insert = w->insert;

  if (!w->ok)
    return;
  sqlite3_bind_int64 (insert, 3, g_array_index (c->products, Product, product).id);
  sqlite3_bind_double (insert, 4, cents / 100.0);
  w->ok = strata_order_step_done (c->s, insert, w->error);
}

/* Replaces the session's period's product revenue with the group's. In
 * whole cents: when every line of a customer names a product, the largest
 * product takes the rounding difference, so the products add up to the
 * order_amount written (strata-order-spill.c does the same for a spill). */
static gboolean
write_product_revenue (Ctx         *c,
                       const guint *aggs,
                       guint        n_aggs,
                       GError     **error)
{
  StrataImportSession *s = c->s;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = strata_workspace_prepare (s->ws, "DELETE FROM product_revenue WHERE period_id = ?1", error);
  insert = clear ? strata_workspace_prepare (s->ws,
                                             "INSERT INTO product_revenue (period_id, customer_id, product_id, amount)"
                                             " VALUES (?1, ?2, ?3, ?4)", error) : NULL;
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, s->result->period_id);
  if (!strata_order_step_done (s, clear, error))
    return FALSE;
  sqlite3_bind_int64 (insert, 1, s->result->period_id);

  for (guint i = 0; i < n_aggs; i++)
    {
      Agg *a = AGG (c, aggs[i]);
      ProductLine *largest = NULL;
      gint64 sum = 0;

      sqlite3_bind_int64 (insert, 2, a->customer_id);
      if (c->spill != NULL)
        {
          RevenueWrite w = { c, insert, TRUE, error };

          if (!strata_order_spill_revenue (c->spill, aggs[i], write_one_revenue, &w, error) || !w.ok)
            return FALSE;
          continue;
        }

      for (guint l = a->first_line; l != 0;)
        {
          ProductLine *line = &g_array_index (c->lines, ProductLine, l - 1);

          line->cents = llround (line->amount * 100.0);
          sum += line->cents;
          if (largest == NULL || llabs (line->cents) > llabs (largest->cents))
            largest = line;
          l = line->next;
        }
      if (largest != NULL && !a->unattributed)
        largest->cents += llround (a->amount * 100.0) - sum;

      for (guint l = a->first_line; l != 0;)
        {
          ProductLine *line = &g_array_index (c->lines, ProductLine, l - 1);

          l = line->next;
          if (line->cents == 0)
            continue;
          sqlite3_bind_int64 (insert, 3, g_array_index (c->products, Product, line->product).id);
          sqlite3_bind_double (insert, 4, line->cents / 100.0);
          if (!strata_order_step_done (s, insert, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Writes n_aggs aggregates into the session's period. */
static gboolean
write_group (Ctx         *c,
             const guint *aggs,
             guint        n_aggs,
             GError     **error)
{
  static const char *keys[] = {
    "order_amount", "order_count", "distinct_products", "active_months", "last_order_date"
  };
  StrataImportSession *s = c->s;
  GArray *values[G_N_ELEMENTS (keys)];
  GArray *written[G_N_ELEMENTS (keys)];
  gint64 metric_ids[G_N_ELEMENTS (keys)];
  guint n_written = 0;
  gboolean ok = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    values[k] = g_array_sized_new (FALSE, FALSE, sizeof (StrataImportValue), n_aggs);

  for (guint i = 0; i < n_aggs; i++)
    {
      Agg *a = AGG (c, aggs[i]);
      StrataImportValue v;

      v.customer_id = a->customer_id;
      /* Cents: the sum of many binary fractions drifts in the last bits. */
      v.value = round (a->amount * 100.0) / 100.0;
      g_array_append_val (values[0], v);
      s->result->total_amount += v.value;
      v.value = a->n_orders;
      g_array_append_val (values[1], v);
      if (c->product >= 0)
        {
          v.value = a->n_products;
          g_array_append_val (values[2], v);
        }
      v.value = a->n_months;
      g_array_append_val (values[3], v);
      if (a->has_last)
        {
          v.value = (double) a->last_day;
          g_array_append_val (values[4], v);
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(GError) local = NULL;
      StrataImportMetric *m;

      /* Without a product column the period keeps what it had. */
      if (k == 2 && c->product < 0)
        continue;
      m = strata_import_metric_lookup (s, keys[k], &local);
      if (m == NULL)
        {
          if (local != NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                         "%s: metric %s", strata_workspace_get_path (s->ws), keys[k]);
          goto out;
        }
      metric_ids[n_written] = m->id;
      written[n_written++] = values[k];
      strata_import_metric_free (m);
    }
  /* The file is the period's order lines: what they aggregate to replaces
   * the metrics for the whole period, so a customer with no line in the
   * file has no value for them any more. Its customers join the period. */
  ok = strata_import_write_period (s, metric_ids, written, n_written, NULL, error) &&
       (c->product < 0 || write_product_revenue (c, aggs, n_aggs, error));

out:
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    g_array_unref (values[k]);
  return ok;
}

/* Period names of one split sort in time: 2010-Q4 < 2011-Q1. */
static int
compare_by_period (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  Ctx *c = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int order = strcmp (AGG (c, i)->period, AGG (c, j)->period);

  return order != 0 ? order : (i > j) - (i < j);
}

static gboolean
write_results (Ctx     *c,
               GError **error)
{
  StrataImportSession *s = c->s;
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GHashTable) distinct = NULL;
  const guint *order;

  if (c->spill != NULL)
    {
      gsize buffer = 0;

      if (!strata_order_spill_finish (c->spill, c->aggs, &buffer, error))
        return FALSE;
      note_peak (c, line_state_bytes (c) + buffer);
    }
  if (!strata_order_resolve_customers (c->s, c->aggs, error) ||
      !strata_order_resolve_products (c->s, c->products, error))
    return FALSE;
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (guint), c->aggs->len);
  for (guint i = 0; i < c->aggs->len; i++)
    g_array_append_val (sorted, i);
  order = (const guint *) sorted->data;
  if (s->options->split == STRATA_IMPORT_SPLIT_NONE)
    {
      if (!write_group (c, order, c->aggs->len, error))
        return FALSE;
      s->result->customers = c->aggs->len;
      return TRUE;
    }

  /* One period at a time, each written as a whole-period import. */
  g_array_sort_with_data (sorted, compare_by_period, c);
  distinct = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < sorted->len;)
    {
      const guint *group = order + i;
      const char *period = AGG (c, group[0])->period;
      guint n = 0;

      while (i + n < sorted->len && strcmp (AGG (c, group[n])->period, period) == 0)
        {
          g_hash_table_add (distinct, &AGG (c, group[n])->customer_id);
          n++;
        }
      if (!strata_import_use_period (s, period, TRUE, error) ||
          !write_group (c, group, n, error))
        return FALSE;
      i += n;
    }
  s->result->customers = g_hash_table_size (distinct);
  return TRUE;
}

static gboolean
run (Ctx     *c,
     GError **error)
{
  StrataImportSession *s = c->s;
  GError *local = NULL;
  guint64 count = 0;

  if (!map_columns (c, error))
    return FALSE;

  while (strata_import_next_row (s, &local))
    {
      if (!process_row (c, strata_csv_reader_get_line (s->reader),
                        strata_csv_reader_get_problem (s->reader),
                        (const char **) s->row->pdata, s->row->len, error))
        return FALSE;
      if ((++count & 1023) == 0 && !strata_import_tick (s, error))
        return FALSE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!strata_import_tick (s, error))
    return FALSE;
  return write_results (c, error);
}

gboolean
strata_import_orders (StrataImportSession  *s,
                      GError              **error)
{
  Ctx c = { 0 };
  gboolean ok;

  c.s = s;
  c.strings = g_string_chunk_new (64 * 1024);
  c.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  c.period_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.aggs = g_array_new (FALSE, FALSE, sizeof (Agg));
  c.intern = g_hash_table_new (g_str_hash, g_str_equal);
  c.invoices = g_ptr_array_new_with_free_func (g_free);
  c.pairs = g_hash_table_new (pair_hash, g_direct_equal);
  c.product_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.products = g_array_new (FALSE, FALSE, sizeof (Product));
  c.line_index = g_hash_table_new (pair_hash, g_direct_equal);
  c.lines = g_array_new (FALSE, FALSE, sizeof (ProductLine));

  ok = run (&c, error);

  G_LOCK (peak);
  peak_bytes = MAX (peak_bytes, c.peak);
  G_UNLOCK (peak);
  strata_order_spill_free (c.spill);
  g_hash_table_unref (c.by_id);
  g_hash_table_unref (c.period_names);
  g_array_unref (c.aggs);
  g_string_chunk_free (c.strings);
  g_hash_table_unref (c.intern);
  g_ptr_array_unref (c.invoices);
  g_hash_table_unref (c.pairs);
  g_hash_table_unref (c.product_index);
  for (guint i = 0; i < c.products->len; i++)
    {
      Product *p = &g_array_index (c.products, Product, i);

      g_free (p->code);
      g_free (p->description);
    }
  g_array_unref (c.products);
  g_hash_table_unref (c.line_index);
  g_array_unref (c.lines);
  return ok;
}

void
strata_import_orders_set_spill_cap (gsize bytes)
{
  spill_cap = bytes;
}

gsize
strata_import_orders_peak_bytes (gboolean reset)
{
  gsize peak;

  G_LOCK (peak);
  peak = peak_bytes;
  if (reset)
    peak_bytes = 0;
  G_UNLOCK (peak);
  return peak;
}
