/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product mix per tier (see the header). One pass over the period's
 * product revenue, in customer order, merged with the period's customers:
 * one customer's revenue per category at a time, added to its tier; the
 * period's tiers come from StrataPeriodResults, as in the review and the
 * retention view. */
#include "config.h"

#include "strata-json.h"
#include "strata-i18n.h"
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-csv-write.h"
#include "strata-period-data.h"
#include "strata-period-results.h"
#include "strata-product-list.h"
#include "strata-product-mix.h"

/* Half a cent: amounts are kept in cents. */
#define EPSILON 0.005

static void
row_free (gpointer data)
{
  StrataProductMixRow *r = data;

  g_free (r->tier);
  g_free (r->category);
  g_free (r);
}

static void
tier_free (gpointer data)
{
  StrataProductMixTier *t = data;

  g_free (t->tier);
  g_free (t->label);
  g_free (t->colour);
  g_free (t);
}

void
strata_product_migration_free (StrataProductMigration *migration)
{
  if (migration == NULL)
    return;
  g_free (migration->ext_id);
  g_free (migration->name);
  g_free (migration->tier);
  g_free (migration->products);
  g_free (migration);
}

void
strata_product_mix_free (StrataProductMix *mix)
{
  if (mix == NULL)
    return;
  g_free (mix->period_name);
  g_clear_pointer (&mix->categories, g_ptr_array_unref);
  g_clear_pointer (&mix->tiers, g_ptr_array_unref);
  g_clear_pointer (&mix->rows, g_ptr_array_unref);
  g_clear_pointer (&mix->migration, g_ptr_array_unref);
  g_free (mix);
}

const StrataProductMixRow *
strata_product_mix_get_row (const StrataProductMix *mix,
                            const char             *tier,
                            const char             *category)
{
  g_return_val_if_fail (mix != NULL, NULL);

  for (guint i = 0; i < mix->rows->len; i++)
    {
      const StrataProductMixRow *r = mix->rows->pdata[i];

      if (g_str_equal (r->tier, tier) && g_str_equal (r->category, category))
        return r;
    }
  return NULL;
}

static double
cents (double value)
{
  return round (value * 100.0) / 100.0;
}

/* A costly product one customer bought. */
typedef struct
{
  const char *code;
  double      amount;
} CostlyLine;

static int
compare_costly (gconstpointer a,
                gconstpointer b)
{
  const CostlyLine *x = a, *y = b;

  if (x->amount != y->amount)
    return x->amount < y->amount ? 1 : -1;
  return strcmp (x->code, y->code);
}

static int
compare_migration (gconstpointer a,
                   gconstpointer b)
{
  const StrataProductMigration *x = *(StrataProductMigration **) a;
  const StrataProductMigration *y = *(StrataProductMigration **) b;

  if (x->revenue != y->revenue)
    return x->revenue < y->revenue ? 1 : -1;
  return strcmp (x->ext_id, y->ext_id);
}

static StrataProductMixTier *
add_tier (StrataProductMix *mix,
          const char       *id,
          const char       *label,
          const char       *colour)
{
  StrataProductMixTier *t = g_new0 (StrataProductMixTier, 1);

  t->tier = g_strdup (id);
  t->label = g_strdup (label != NULL && *label != '\0' ? label : id);
  t->colour = g_strdup (colour);
  g_ptr_array_add (mix->tiers, t);
  return t;
}

static char *
join_costly (GArray *lines)
{
  GString *out = g_string_new (NULL);

  g_array_sort (lines, compare_costly);
  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_array_index (lines, CostlyLine, i).code);
    }
  return g_string_free (out, FALSE);
}

/* A product as the pass over the lines sees it. */
typedef struct
{
  gint64             id;
  guint              category;  /* index into mix->categories */
  double             revenue;   /* in the period, summed in the lines' order */
  StrataProductInfo *info;      /* code, description and category key */
} ProductSlot;

static int
compare_slot_id (gconstpointer a,
                 gconstpointer b)
{
  const ProductSlot *x = a, *y = b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/* Every product, by id, with its category's index (`other` when unknown,
 * as the old join's lookup did). */
static GArray *
read_products (StrataWorkspace  *workspace,
               GHashTable       *category_index,
               guint             other,
               GError          **error)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (ProductSlot));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT id, code, description, category FROM products ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ProductSlot slot = { sqlite3_column_int64 (stmt, 0), other, 0, g_new0 (StrataProductInfo, 1) };
      gpointer v;

      slot.info->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      slot.info->description = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      slot.info->category = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (g_hash_table_lookup_extended (category_index, slot.info->category, NULL, &v))
        slot.category = GPOINTER_TO_UINT (v) - 1;
      g_array_append_val (slots, slot);
    }
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < slots->len; i++)
        strata_product_info_free (g_array_index (slots, ProductSlot, i).info);
      strata_workspace_set_db_error (workspace, error, "products");
      return NULL;
    }
  return g_steal_pointer (&slots);
}

static ProductSlot *
find_product (GArray *slots,
              gint64  id)
{
  ProductSlot key = { id, 0, 0, NULL };

  if (slots->len == 0)
    return NULL;
  return bsearch (&key, slots->data, slots->len, sizeof (ProductSlot), compare_slot_id);
}

/* The pass over the customers: one customer's revenue per category and
 * costly lines at a time (the old table of every customer's was 40 MB at
 * a million customers). */
typedef struct
{
  StrataProductMix          *mix;
  const StrataPeriodResults *results;
  const double              *amount;       /* order_amount, or NULL */
  guint                     *tier_of;      /* final tier byte -> mix tier */
  guint                      n_categories;
  guint                      costly;
  guint                      new_products;
  guint                      max_migration;
  double                    *revenue;      /* the current customer's, per category */
  GArray                    *costly_lines; /* the current customer's CostlyLine */
} MixPass;

/* Whether a candidate (costly revenue, ext id) sorts before the last entry
 * of a full list, so that it enters the list kept. */
static gboolean
enters_top (const MixPass *p,
            double         revenue,
            const char    *ext_id)
{
  const StrataProductMigration *last;

  if (p->mix->migration->len < p->max_migration)
    return TRUE;
  if (p->max_migration == 0)
    return FALSE;
  last = p->mix->migration->pdata[p->mix->migration->len - 1];
  if (revenue != last->revenue)
    return revenue > last->revenue;
  return strcmp (ext_id, last->ext_id) < 0;
}

/* Adds m to the sorted list kept, dropping the last past max_migration. */
static void
insert_top (MixPass                *p,
            StrataProductMigration *m)
{
  GPtrArray *list = p->mix->migration;
  guint lo = 0, hi = list->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_migration (&list->pdata[mid], &m) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_ptr_array_insert (list, (int) lo, m);
  if (list->len > p->max_migration)
    g_ptr_array_remove_index (list, list->len - 1);
}

/* Adds customer row i (its revenue and costly lines read) to its tier. */
static void
add_customer (MixPass *p,
              guint    i)
{
  const StrataPeriodData *data = p->results->data;
  StrataProductMix *mix = p->mix;
  guint n_categories = p->n_categories, tier = p->tier_of[p->results->result->final_tier[i]];
  double *revenue = p->revenue;
  StrataProductMixTier *t = mix->tiers->pdata[tier];
  StrataProductMixRow **rows = (StrataProductMixRow **) mix->rows->pdata + (gsize) tier * n_categories;
  double attributed = 0;

  for (guint c = 0; c < n_categories; c++)
    attributed += revenue[c];
  /* What no product accounts for is `other`. */
  if (p->amount != NULL && !isnan (p->amount[i]) && fabs (p->amount[i] - attributed) >= EPSILON)
    revenue[n_categories - 1] += p->amount[i] - attributed;

  t->customers++;
  for (guint c = 0; c < n_categories; c++)
    {
      rows[c]->revenue += revenue[c];
      t->revenue += revenue[c];
      if (revenue[c] >= EPSILON)
        rows[c]->customers++;
    }
  if (p->new_products != G_MAXUINT && revenue[p->new_products] >= EPSILON)
    t->adopters++;

  if (p->costly != G_MAXUINT && revenue[p->costly] >= EPSILON)
    {
      double on_costly = cents (revenue[p->costly]);
      StrataProductMigration *m;

      mix->migration_total++;
      if (p->max_migration != G_MAXUINT && !enters_top (p, on_costly, strata_period_data_get_ext_id (data, i)))
        return;
      m = g_new0 (StrataProductMigration, 1);
      m->customer_id = data->ids[i];
      m->ext_id = g_strdup (strata_period_data_get_ext_id (data, i));
      m->name = g_strdup (strata_period_data_get_name (data, i));
      m->tier = g_strdup (t->tier);
      m->revenue = on_costly;
      m->total = p->amount != NULL && !isnan (p->amount[i]) ? p->amount[i] : cents (attributed);
      m->products = p->costly_lines->len > 0 ? join_costly (p->costly_lines) : g_strdup ("");
      if (p->max_migration == G_MAXUINT)
        g_ptr_array_add (mix->migration, m);
      else
        insert_top (p, m);
    }
}

/* One pass over the period's product lines in customer order (the primary
 * key's), merged with the period's customers (ids ascending): each
 * customer's revenue per category is summed, in the lines' order as
 * before, then added to its tier. Lines of customers not in the period
 * count for the products' revenue only; lines of unknown products for
 * nothing (the join of before dropped them). */
static gboolean
read_revenue (StrataWorkspace  *workspace,
              MixPass          *p,
              GArray           *products,
              GError          **error)
{
  const StrataPeriodData *data = p->results->data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint i = 0;
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT customer_id, product_id, amount FROM product_revenue"
                                   " WHERE period_id = ?1 ORDER BY customer_id, product_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->mix->period_id);
  memset (p->revenue, 0, p->n_categories * sizeof (double));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer = sqlite3_column_int64 (stmt, 0);
      ProductSlot *product = find_product (products, sqlite3_column_int64 (stmt, 1));
      double amount = sqlite3_column_double (stmt, 2);

      if (product == NULL)
        continue;
      p->mix->has_products = TRUE;
      product->revenue += amount;
      /* Customers before this line's are complete. */
      while (i < data->n && data->ids[i] < customer)
        {
          add_customer (p, i++);
          memset (p->revenue, 0, p->n_categories * sizeof (double));
          g_array_set_size (p->costly_lines, 0);
        }
      if (i >= data->n || data->ids[i] != customer)
        continue;
      p->revenue[product->category] += amount;
      if (product->category == p->costly)
        {
          CostlyLine line = { product->info->code, amount };

          g_array_append_val (p->costly_lines, line);
        }
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "product_revenue");
      return FALSE;
    }
  while (i < data->n)
    {
      add_customer (p, i++);
      memset (p->revenue, 0, p->n_categories * sizeof (double));
      g_array_set_size (p->costly_lines, 0);
    }
  return TRUE;
}

static int
compare_product_info (gconstpointer a,
                      gconstpointer b)
{
  const StrataProductInfo *x = *(StrataProductInfo **) a;
  const StrataProductInfo *y = *(StrataProductInfo **) b;

  if (x->revenue != y->revenue)
    return x->revenue < y->revenue ? 1 : -1;
  return strcmp (x->code, y->code);
}

static void
products_free (GArray *products)
{
  for (guint i = 0; i < products->len; i++)
    strata_product_info_free (g_array_index (products, ProductSlot, i).info);
  g_array_unref (products);
}

static StrataProductMix *
compute_mix (StrataWorkspace      *workspace,
             StrataPeriodResults  *results,
             guint                 max_migration,
             GPtrArray           **product_list,
             GError              **error)
{
  g_autoptr(StrataProductMix) mix = g_new0 (StrataProductMix, 1);
  g_autoptr(GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tier_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) costly_lines = g_array_new (FALSE, FALSE, sizeof (CostlyLine));
  g_autofree double *revenue = NULL;
  const StrataPeriodData *data;
  GArray *products;
  guint tier_of[256];
  MixPass p = { 0 };
  gboolean ok;
  guint n_categories;

  data = results->data;
  mix->period_id = results->period_id;
  mix->period_name = g_strdup (results->period_name);
  mix->frozen = results->frozen;
  mix->tiers = g_ptr_array_new_with_free_func (tier_free);
  mix->rows = g_ptr_array_new_with_free_func (row_free);
  mix->migration = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_product_migration_free);
  mix->categories = strata_product_categories_list (workspace, error);
  if (mix->categories == NULL)
    return NULL;
  n_categories = mix->categories->len;
  p.costly = p.new_products = G_MAXUINT;
  for (guint c = 0; c < n_categories; c++)
    {
      StrataProductCategory *category = mix->categories->pdata[c];

      g_hash_table_insert (category_index, category->key, GUINT_TO_POINTER (c + 1));
      if (g_str_equal (category->key, "costly"))
        p.costly = c;
      else if (g_str_equal (category->key, "new"))
        p.new_products = c;
    }

  /* Every tier of the rules, empty ones too, best first; then the others
   * in the order the customers first have them. A row's tier depends on
   * its final tier byte alone, so each byte is looked up once. */
  for (guint t = 0; t < results->rules->tiers->len; t++)
    {
      const StrataTier *tier = g_ptr_array_index (results->rules->tiers, t);

      add_tier (mix, tier->id, strata_tier_get_display_label (tier), tier->colour);
      g_hash_table_insert (tier_index, tier->id, GUINT_TO_POINTER (t + 1));
    }
  for (guint b = 0; b < G_N_ELEMENTS (tier_of); b++)
    tier_of[b] = G_MAXUINT;
  for (guint i = 0; i < data->n; i++)
    {
      guint8 b = results->result->final_tier[i];
      const char *id;
      gpointer v;

      if (tier_of[b] != G_MAXUINT)
        continue;
      id = strata_period_results_get_tier_id (results, i);
      if (id == NULL)
        id = "none";
      if (!g_hash_table_lookup_extended (tier_index, id, NULL, &v))
        {
          StrataProductMixTier *t = add_tier (mix, id, id, NULL);

          v = GUINT_TO_POINTER (mix->tiers->len);
          g_hash_table_insert (tier_index, t->tier, v);
        }
      tier_of[b] = GPOINTER_TO_UINT (v) - 1;
    }

  for (guint t = 0; t < mix->tiers->len; t++)
    for (guint c = 0; c < n_categories; c++)
      {
        StrataProductMixRow *r = g_new0 (StrataProductMixRow, 1);

        r->tier = g_strdup (((StrataProductMixTier *) mix->tiers->pdata[t])->tier);
        r->category = g_strdup (((StrataProductCategory *) mix->categories->pdata[c])->key);
        g_ptr_array_add (mix->rows, r);
      }

  products = read_products (workspace, category_index, n_categories - 1, error);
  if (products == NULL)
    return NULL;
  revenue = g_new0 (double, n_categories);
  p.mix = mix;
  p.results = results;
  p.amount = strata_period_data_get_column (data, "order_amount");
  p.tier_of = tier_of;
  p.n_categories = n_categories;
  p.max_migration = max_migration;
  p.revenue = revenue;
  p.costly_lines = costly_lines;
  ok = read_revenue (workspace, &p, products, error);
  if (ok && product_list != NULL)
    {
      *product_list = g_ptr_array_new_full (products->len, (GDestroyNotify) strata_product_info_free);
      for (guint k = 0; k < products->len; k++)
        {
          ProductSlot *slot = &g_array_index (products, ProductSlot, k);

          slot->info->revenue = slot->revenue;
          g_ptr_array_add (*product_list, g_steal_pointer (&slot->info));
        }
      g_ptr_array_sort (*product_list, compare_product_info);
    }
  products_free (products);
  if (!ok)
    return NULL;
  if (max_migration == G_MAXUINT)
    g_ptr_array_sort (mix->migration, compare_migration);

  for (guint t = 0; t < mix->tiers->len; t++)
    {
      StrataProductMixTier *tier = mix->tiers->pdata[t];

      tier->revenue = cents (tier->revenue);
      tier->adoption = tier->customers > 0 ? (double) tier->adopters / tier->customers : NAN;
      for (guint c = 0; c < n_categories; c++)
        {
          StrataProductMixRow *r = mix->rows->pdata[(gsize) t * n_categories + c];

          r->revenue = cents (r->revenue);
          r->share = tier->revenue != 0 ? r->revenue / tier->revenue : NAN;
        }
    }
  return g_steal_pointer (&mix);
}

StrataProductMix *
strata_product_mix_compute_for_results (StrataWorkspace      *workspace,
                                        StrataPeriodResults  *results,
                                        GError              **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (results != NULL, NULL);

  return compute_mix (workspace, results, G_MAXUINT, NULL, error);
}

StrataProductMix *
strata_product_mix_compute_shown (StrataWorkspace      *workspace,
                                  StrataPeriodResults  *results,
                                  guint                 max_migration,
                                  GPtrArray           **products,
                                  GError              **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (results != NULL, NULL);

  return compute_mix (workspace, results, max_migration, products, error);
}

StrataProductMix *
strata_product_mix_compute (StrataWorkspace  *workspace,
                            gint64            period_id,
                            GError          **error)
{
  g_autoptr(StrataPeriodResults) results = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  if (period_id == 0 && !strata_period_find (workspace, NULL, &period_id, NULL, error))
    return NULL;
  results = strata_period_results_load (workspace, period_id, error);
  if (results == NULL)
    return NULL;
  return strata_product_mix_compute_for_results (workspace, results, error);
}

GPtrArray *
strata_product_mix_migration_list (StrataWorkspace  *workspace,
                                   gint64            period_id,
                                   GError          **error)
{
  g_autoptr(StrataProductMix) mix = strata_product_mix_compute (workspace, period_id, error);

  if (mix == NULL)
    return NULL;
  return g_steal_pointer (&mix->migration);
}

char *
strata_product_mix_to_csv (const StrataProductMix *mix)
{
  GString *out = g_string_new ("tier,category,customers,revenue,share\n");

  g_return_val_if_fail (mix != NULL, NULL);

  for (guint i = 0; i < mix->rows->len; i++)
    {
      const StrataProductMixRow *r = mix->rows->pdata[i];

      strata_csv_append_field (out, r->tier, ',');
      g_string_append_c (out, ',');
      strata_csv_append_field (out, r->category, ',');
      g_string_append_printf (out, ",%u,", r->customers);
      strata_csv_write_number (out, r->revenue, "%.2f");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, r->share, "%.4f");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
strata_product_mix_migration_to_csv (const StrataProductMix *mix)
{
  GString *out = g_string_new ("id,name,tier,revenue,total,products\n");

  g_return_val_if_fail (mix != NULL, NULL);

  for (guint i = 0; i < mix->migration->len; i++)
    {
      const StrataProductMigration *m = mix->migration->pdata[i];

      strata_csv_append_field (out, m->ext_id, ',');
      g_string_append_c (out, ',');
      strata_csv_append_field (out, m->name, ',');
      g_string_append_c (out, ',');
      strata_csv_append_field (out, m->tier, ',');
      g_string_append_c (out, ',');
      strata_csv_write_number (out, m->revenue, "%.2f");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, m->total, "%.2f");
      g_string_append_c (out, ',');
      strata_csv_append_field (out, m->products, ',');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
strata_product_mix_to_json (const StrataProductMix *mix)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (mix != NULL, NULL);

  json_builder_begin_object (b);
  strata_json_add_string_member (b, "period", mix->period_name);
  json_builder_set_member_name (b, "frozen");
  json_builder_add_boolean_value (b, mix->frozen);
  json_builder_set_member_name (b, "tiers");
  json_builder_begin_array (b);
  for (guint i = 0; i < mix->tiers->len; i++)
    {
      const StrataProductMixTier *t = mix->tiers->pdata[i];

      json_builder_begin_object (b);
      strata_json_add_string_member (b, "tier", t->tier);
      strata_json_add_int_member (b, "customers", t->customers);
      strata_json_add_number_member (b, "revenue", t->revenue);
      strata_json_add_int_member (b, "new_adopters", t->adopters);
      strata_json_add_number_member (b, "new_adoption", t->adoption);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < mix->rows->len; i++)
    {
      const StrataProductMixRow *r = mix->rows->pdata[i];

      json_builder_begin_object (b);
      strata_json_add_string_member (b, "tier", r->tier);
      strata_json_add_string_member (b, "category", r->category);
      strata_json_add_int_member (b, "customers", r->customers);
      strata_json_add_number_member (b, "revenue", r->revenue);
      strata_json_add_number_member (b, "share", r->share);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return strata_json_to_pretty_data (b);
}
