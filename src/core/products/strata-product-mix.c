/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product mix per tier (see the header). One pass over the period's
 * product revenue, in customer order, into a revenue per (customer,
 * category) table; the period's tiers come from StrataPeriodResults, as
 * in the review and the retention view. */
#include "config.h"

#include "strata-json.h"
#include "strata-i18n.h"
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-period-data.h"
#include "strata-period-results.h"
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

/* Reads the period's product revenue into by_category (n customers x
 * n_categories) and the costly lines per customer row. */
static gboolean
read_revenue (StrataWorkspace         *workspace,
              StrataProductMix        *mix,
              const StrataPeriodData  *data,
              GHashTable              *category_index,
              guint                    costly,
              double                  *by_category,
              GPtrArray               *costly_lines,
              GStringChunk            *codes,
              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_categories = mix->categories->len;
  guint other = n_categories - 1;
  gint64 last_customer = -1;
  int row = -1, rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT r.customer_id, p.category, p.code, r.amount"
                                   " FROM product_revenue r JOIN products p ON p.id = r.product_id"
                                   " WHERE r.period_id = ?1 ORDER BY r.customer_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mix->period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer = sqlite3_column_int64 (stmt, 0);
      const char *category = (const char *) sqlite3_column_text (stmt, 1);
      double amount = sqlite3_column_double (stmt, 3);
      gpointer v;
      guint c;

      mix->has_products = TRUE;
      if (customer != last_customer)
        {
          row = strata_period_data_find_id (data, customer);
          last_customer = customer;
        }
      if (row < 0)
        continue;
      c = g_hash_table_lookup_extended (category_index, category, NULL, &v)
          ? GPOINTER_TO_UINT (v) - 1 : other;
      by_category[(gsize) row * n_categories + c] += amount;
      if (c == costly)
        {
          GArray *lines = costly_lines->pdata[row];
          CostlyLine line = { g_string_chunk_insert_const (codes, (const char *) sqlite3_column_text (stmt, 2)),
                              amount };

          if (lines == NULL)
            costly_lines->pdata[row] = lines = g_array_new (FALSE, FALSE, sizeof (CostlyLine));
          g_array_append_val (lines, line);
        }
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "product_revenue");
      return FALSE;
    }
  return TRUE;
}

static void
lines_free (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
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

StrataProductMix *
strata_product_mix_compute_for_results (StrataWorkspace      *workspace,
                                        StrataPeriodResults  *results,
                                        GError              **error)
{
  g_autoptr(StrataProductMix) mix = g_new0 (StrataProductMix, 1);
  g_autoptr(GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tier_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) costly_lines = NULL;
  g_autoptr(GStringChunk) codes = g_string_chunk_new (4096);
  g_autofree double *by_category = NULL;
  g_autofree guint *tier_of = NULL;
  const StrataPeriodData *data;
  const double *amount;
  guint n_categories, costly = G_MAXUINT, new_products = G_MAXUINT;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (results != NULL, NULL);

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
  for (guint c = 0; c < n_categories; c++)
    {
      StrataProductCategory *category = mix->categories->pdata[c];

      g_hash_table_insert (category_index, category->key, GUINT_TO_POINTER (c + 1));
      if (g_str_equal (category->key, "costly"))
        costly = c;
      else if (g_str_equal (category->key, "new"))
        new_products = c;
    }

  /* Every tier of the rules, empty ones too, best first. */
  for (guint t = 0; t < results->rules->tiers->len; t++)
    {
      const StrataTier *tier = g_ptr_array_index (results->rules->tiers, t);

      add_tier (mix, tier->id, strata_tier_get_display_label (tier), tier->colour);
      g_hash_table_insert (tier_index, tier->id, GUINT_TO_POINTER (t + 1));
    }
  tier_of = g_new (guint, MAX (data->n, 1));
  for (guint i = 0; i < data->n; i++)
    {
      const char *id = strata_period_results_get_tier_id (results, i);
      gpointer v;

      if (id == NULL)
        id = "none";
      if (!g_hash_table_lookup_extended (tier_index, id, NULL, &v))
        {
          StrataProductMixTier *t = add_tier (mix, id, id, NULL);

          v = GUINT_TO_POINTER (mix->tiers->len);
          g_hash_table_insert (tier_index, t->tier, v);
        }
      tier_of[i] = GPOINTER_TO_UINT (v) - 1;
    }

  by_category = g_new0 (double, (gsize) MAX (data->n, 1) * n_categories);
  costly_lines = g_ptr_array_new_full (data->n, lines_free);
  g_ptr_array_set_size (costly_lines, data->n);
  if (!read_revenue (workspace, mix, data, category_index, costly, by_category,
                     costly_lines, codes, error))
    return NULL;

  for (guint t = 0; t < mix->tiers->len; t++)
    for (guint c = 0; c < n_categories; c++)
      {
        StrataProductMixRow *r = g_new0 (StrataProductMixRow, 1);

        r->tier = g_strdup (((StrataProductMixTier *) mix->tiers->pdata[t])->tier);
        r->category = g_strdup (((StrataProductCategory *) mix->categories->pdata[c])->key);
        g_ptr_array_add (mix->rows, r);
      }

  amount = strata_period_data_get_column (data, "order_amount");
  for (guint i = 0; i < data->n; i++)
    {
      double *revenue = by_category + (gsize) i * n_categories;
      StrataProductMixTier *t = mix->tiers->pdata[tier_of[i]];
      StrataProductMixRow **rows = (StrataProductMixRow **) mix->rows->pdata + (gsize) tier_of[i] * n_categories;
      double attributed = 0;

      for (guint c = 0; c < n_categories; c++)
        attributed += revenue[c];
      /* What no product accounts for is `other`. */
      if (amount != NULL && !isnan (amount[i]) && fabs (amount[i] - attributed) >= EPSILON)
        revenue[n_categories - 1] += amount[i] - attributed;

      t->customers++;
      for (guint c = 0; c < n_categories; c++)
        {
          rows[c]->revenue += revenue[c];
          t->revenue += revenue[c];
          if (revenue[c] >= EPSILON)
            rows[c]->customers++;
        }
      if (new_products != G_MAXUINT && revenue[new_products] >= EPSILON)
        t->adopters++;

      if (costly != G_MAXUINT && revenue[costly] >= EPSILON)
        {
          StrataProductMigration *m = g_new0 (StrataProductMigration, 1);

          m->customer_id = data->ids[i];
          m->ext_id = g_strdup (strata_period_data_get_ext_id (data, i));
          m->name = g_strdup (strata_period_data_get_name (data, i));
          m->tier = g_strdup (t->tier);
          m->revenue = cents (revenue[costly]);
          m->total = amount != NULL && !isnan (amount[i]) ? amount[i] : cents (attributed);
          m->products = costly_lines->pdata[i] != NULL ? join_costly (costly_lines->pdata[i])
                                                       : g_strdup ("");
          g_ptr_array_add (mix->migration, m);
        }
    }
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

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

static void
append_share (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
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
      append_number (out, r->revenue);
      g_string_append_c (out, ',');
      append_share (out, r->share);
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
      append_number (out, m->revenue);
      g_string_append_c (out, ',');
      append_number (out, m->total);
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
