/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Products page's load on a generated demo against a plain
 * computation: the period's product lines read with one SQL query into a
 * table per customer, each customer added to its tier in a loop. Every
 * figure of the mix (customers, revenue and share per tier and category,
 * adoption), the migration list's count and first rows, and the product
 * list the page shows must be exactly the reference's; the page keeps only
 * the migration rows it shows and reads no period of its own (its worker
 * counts over the window's data). The full mix (the CLI's and the
 * report's) must equal the reference too, its whole migration list
 * included, for an open and for a closed (frozen) period. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-format.h"
#include "strata-page.h"
#include "strata-period-close.h"
#include "strata-period-data-private.h"
#include "strata-period-results.h"
#include "strata-product-list.h"
#include "strata-products-page.h"
#include "workspace-test-util.h"

/* As the page: it lists this many customers on costly products. */
#define MIGRATION_ROWS 50

typedef struct
{
  char   *code;
  double  amount;
} RefLine;

typedef struct
{
  double *revenue;   /* per category */
  GArray *costly;    /* RefLine */
} RefCustomer;

static void
ref_customer_free (gpointer data)
{
  RefCustomer *c = data;

  for (guint i = 0; i < c->costly->len; i++)
    g_free (g_array_index (c->costly, RefLine, i).code);
  g_array_unref (c->costly);
  g_free (c->revenue);
  g_free (c);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const RefLine *x = a, *y = b;

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

static guint
index_of (const StrataProductMix *mix,
          const char             *key)
{
  for (guint c = 0; c < mix->categories->len; c++)
    if (g_str_equal (((StrataProductCategory *) mix->categories->pdata[c])->key, key))
      return c;
  g_assert_not_reached ();
}

/* The reference: like's categories and tiers (the rules' first, in their
 * order), every figure recomputed from the period's rows. */
static StrataProductMix *
reference_mix (StrataWorkspace        *ws,
               gint64                  period_id,
               const StrataProductMix *like)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodResults) results = strata_period_results_load (ws, period_id, &error);
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, ref_customer_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  StrataProductMix *ref = g_new0 (StrataProductMix, 1);
  guint n_categories = like->categories->len;
  guint costly = index_of (like, "costly"), fresh = index_of (like, "new");
  const double *amount;

  g_assert_no_error (error);
  ref->categories = g_ptr_array_ref (like->categories);
  ref->tiers = g_ptr_array_new_with_free_func (g_free);
  ref->rows = g_ptr_array_new_with_free_func (g_free);
  ref->migration = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_product_migration_free);
  for (guint t = 0; t < like->tiers->len; t++)
    {
      StrataProductMixTier *tier = g_new0 (StrataProductMixTier, 1);

      tier->tier = ((StrataProductMixTier *) like->tiers->pdata[t])->tier;
      if (t < results->rules->tiers->len)
        g_assert_cmpstr (tier->tier, ==, ((StrataTier *) results->rules->tiers->pdata[t])->id);
      g_ptr_array_add (ref->tiers, tier);
      for (guint c = 0; c < n_categories; c++)
        g_ptr_array_add (ref->rows, g_new0 (StrataProductMixRow, 1));
    }

  stmt = strata_workspace_prepare (ws, "SELECT r.customer_id, p.category, p.code, r.amount"
                                       " FROM product_revenue r JOIN products p ON p.id = r.product_id"
                                       " WHERE r.period_id = ?1 ORDER BY r.customer_id, r.product_id", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, period_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *category = (const char *) sqlite3_column_text (stmt, 1);
      RefCustomer *c = g_hash_table_lookup (customers, &id);
      guint k = n_categories - 1;

      ref->has_products = TRUE;
      if (c == NULL)
        {
          c = g_new0 (RefCustomer, 1);
          c->revenue = g_new0 (double, n_categories);
          c->costly = g_array_new (FALSE, FALSE, sizeof (RefLine));
          g_hash_table_insert (customers, g_memdup2 (&id, sizeof id), c);
        }
      for (guint j = 0; j < n_categories; j++)
        if (g_str_equal (((StrataProductCategory *) like->categories->pdata[j])->key, category))
          k = j;
      c->revenue[k] += sqlite3_column_double (stmt, 3);
      if (k == costly)
        {
          RefLine line = { g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
                           sqlite3_column_double (stmt, 3) };
          g_array_append_val (c->costly, line);
        }
    }

  amount = strata_period_data_get_column (results->data, "order_amount");
  for (guint i = 0; i < results->data->n; i++)
    {
      const char *id = strata_period_results_get_tier_id (results, i);
      RefCustomer *c = g_hash_table_lookup (customers, &results->data->ids[i]);
      g_autofree double *revenue = g_new0 (double, n_categories);
      StrataProductMixTier *tier = NULL;
      guint t;
      double attributed = 0;

      if (c != NULL)
        memcpy (revenue, c->revenue, n_categories * sizeof (double));
      for (t = 0; t < ref->tiers->len; t++)
        if (g_str_equal (((StrataProductMixTier *) ref->tiers->pdata[t])->tier, id != NULL ? id : "none"))
          break;
      g_assert_cmpuint (t, <, ref->tiers->len);
      tier = ref->tiers->pdata[t];
      for (guint k = 0; k < n_categories; k++)
        attributed += revenue[k];
      if (amount != NULL && !isnan (amount[i]) && fabs (amount[i] - attributed) >= 0.005)
        revenue[n_categories - 1] += amount[i] - attributed;
      tier->customers++;
      for (guint k = 0; k < n_categories; k++)
        {
          StrataProductMixRow *r = ref->rows->pdata[t * n_categories + k];

          r->revenue += revenue[k];
          tier->revenue += revenue[k];
          r->customers += revenue[k] >= 0.005;
        }
      tier->adopters += revenue[fresh] >= 0.005;
      if (revenue[costly] >= 0.005)
        {
          StrataProductMigration *m = g_new0 (StrataProductMigration, 1);
          GString *codes = g_string_new (NULL);

          if (c != NULL)
            {
              g_array_sort (c->costly, compare_lines);
              for (guint j = 0; j < c->costly->len; j++)
                g_string_append_printf (codes, "%s%s", j > 0 ? ", " : "",
                                        g_array_index (c->costly, RefLine, j).code);
            }
          m->customer_id = results->data->ids[i];
          m->ext_id = g_strdup (strata_period_data_get_ext_id (results->data, i));
          m->name = g_strdup (strata_period_data_get_name (results->data, i));
          m->tier = g_strdup (tier->tier);
          m->revenue = round (revenue[costly] * 100) / 100;
          m->total = amount != NULL && !isnan (amount[i]) ? amount[i] : round (attributed * 100) / 100;
          m->products = g_string_free (codes, FALSE);
          g_ptr_array_add (ref->migration, m);
        }
    }
  g_ptr_array_sort (ref->migration, compare_migration);
  ref->migration_total = ref->migration->len;
  for (guint t = 0; t < ref->tiers->len; t++)
    {
      StrataProductMixTier *tier = ref->tiers->pdata[t];

      tier->revenue = round (tier->revenue * 100) / 100;
      tier->adoption = tier->customers > 0 ? (double) tier->adopters / tier->customers : NAN;
      for (guint k = 0; k < n_categories; k++)
        {
          StrataProductMixRow *r = ref->rows->pdata[t * n_categories + k];

          r->revenue = round (r->revenue * 100) / 100;
          r->share = tier->revenue != 0 ? r->revenue / tier->revenue : NAN;
        }
    }
  return ref;
}

static void
reference_free (StrataProductMix *ref)
{
  g_ptr_array_unref (ref->categories);
  g_ptr_array_unref (ref->tiers);
  g_ptr_array_unref (ref->rows);
  g_ptr_array_unref (ref->migration);
  g_free (ref);
}

static void
assert_same_double (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_true (a == b);
}

/* mix equals ref in every figure and in its first n_migration customers. */
static void
assert_mix_equal (const StrataProductMix *mix,
                  const StrataProductMix *ref,
                  guint                   n_migration)
{
  guint n_categories = mix->categories->len;

  g_assert_true (mix->has_products == ref->has_products);
  g_assert_cmpuint (mix->tiers->len, ==, ref->tiers->len);
  g_assert_cmpuint (mix->rows->len, ==, ref->tiers->len * n_categories);
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *a = mix->tiers->pdata[t], *b = ref->tiers->pdata[t];

      g_assert_cmpuint (a->customers, ==, b->customers);
      g_assert_cmpuint (a->adopters, ==, b->adopters);
      assert_same_double (a->revenue, b->revenue);
      assert_same_double (a->adoption, b->adoption);
      for (guint c = 0; c < n_categories; c++)
        {
          const StrataProductMixRow *x = mix->rows->pdata[t * n_categories + c];
          const StrataProductMixRow *y = ref->rows->pdata[t * n_categories + c];

          g_assert_cmpstr (x->tier, ==, a->tier);
          g_assert_cmpstr (x->category, ==, ((StrataProductCategory *) mix->categories->pdata[c])->key);
          g_assert_cmpuint (x->customers, ==, y->customers);
          assert_same_double (x->revenue, y->revenue);
          assert_same_double (x->share, y->share);
        }
    }
  g_assert_cmpuint (mix->migration_total, ==, ref->migration->len);
  g_assert_cmpuint (mix->migration->len, ==, MIN (n_migration, ref->migration->len));
  for (guint i = 0; i < mix->migration->len; i++)
    {
      const StrataProductMigration *x = mix->migration->pdata[i], *y = ref->migration->pdata[i];

      g_assert_cmpint (x->customer_id, ==, y->customer_id);
      g_assert_cmpstr (x->ext_id, ==, y->ext_id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->tier, ==, y->tier);
      g_assert_cmpstr (x->products, ==, y->products);
      assert_same_double (x->revenue, y->revenue);
      assert_same_double (x->total, y->total);
    }
}

static void
test_load_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-products-load");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataWorkspace) other = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataProductMix) full = NULL;
  g_autoptr(StrataProductMix) closed = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const StrataProductMix *shown;
  StrataProductMix *ref;
  GtkWidget *page, *grid;
  GtkWindow *window;
  gint64 period_id;
  guint reads;

  context = gui_test_demo_context (path, 3000, 11, 2, &ws);
  period_id = strata_context_get_period_id (context);

  reads = strata_period_data_get_reads ();
  page = g_object_new (STRATA_TYPE_PRODUCTS_PAGE, NULL);
  strata_page_set_context (STRATA_PAGE (page), context);
  window = gui_test_show (page, 1200, 860);
  gui_test_wait (gtk_widget_get_mapped (page));
  strata_page_finish_load (STRATA_PAGE (page));
  gui_test_wait_frame (page);
  g_assert_cmpstr (strata_products_page_get_state (STRATA_PRODUCTS_PAGE (page)), ==, "mix");
  /* Over the window's data: the page read no period of its own. */
  g_assert_cmpuint (strata_period_data_get_reads (), ==, reads);

  /* The reference, through another connection. */
  other = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  shown = strata_products_page_get_mix (STRATA_PRODUCTS_PAGE (page));
  g_assert_nonnull (shown);
  ref = reference_mix (other, period_id, shown);
  g_assert_true (ref->has_products);
  /* Enough customers on costly products that the page keeps fewer. */
  g_assert_cmpuint (ref->migration->len, >, 2 * MIGRATION_ROWS);
  assert_mix_equal (shown, ref, MIGRATION_ROWS);

  /* What the grids show: the count of all, the first rows. */
  {
    GtkWidget *heading = gui_test_find_id (page, GTK_TYPE_LABEL, "migration_heading", 0);
    g_autofree char *count = strata_format_integer (NULL, ref->migration->len);
    const StrataProductMigration *last = ref->migration->pdata[MIGRATION_ROWS - 1];

    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (heading)), count));
    grid = gui_test_find_id (page, GTK_TYPE_GRID, "migration_grid", 0);
    g_assert_cmpstr (gui_test_grid_text (grid, 0, MIGRATION_ROWS), ==, last->ext_id);
    g_assert_cmpstr (gui_test_grid_text (grid, 5, MIGRATION_ROWS), ==, last->products);
  }

  /* The product list as its own query gives it, in its order. */
  list = strata_products_list (other, period_id, &error);
  g_assert_no_error (error);
  grid = gui_test_find_id (page, GTK_TYPE_GRID, "products_grid", 0);
  for (guint i = 0; i < MIN (list->len, 100); i++)
    {
      const StrataProductInfo *info = list->pdata[i];
      g_autofree char *revenue = strata_format_decimal (NULL, info->revenue, 2);

      g_assert_cmpstr (gui_test_grid_text (grid, 0, i + 1), ==, info->code);
      g_assert_cmpstr (gui_test_grid_text (grid, 1, i + 1), ==, info->description);
      g_assert_cmpstr (gui_test_grid_text (grid, 3, i + 1), ==, revenue);
    }

  /* The full mix (CLI, report) equals the reference, its whole list too. */
  full = strata_product_mix_compute (other, period_id, &error);
  g_assert_no_error (error);
  assert_mix_equal (full, ref, G_MAXUINT);
  reference_free (ref);

  /* A closed period's frozen tiers. */
  g_assert_true (strata_period_close (other, period_id, &error));
  g_assert_no_error (error);
  closed = strata_product_mix_compute (other, period_id, &error);
  g_assert_no_error (error);
  g_assert_true (closed->frozen);
  ref = reference_mix (other, period_id, closed);
  assert_mix_equal (closed, ref, G_MAXUINT);
  reference_free (ref);

  gui_test_destroy (window);
  g_clear_object (&context);
  g_clear_object (&ws);
  g_clear_object (&other);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/products-load/figures", test_load_figures);
  return g_test_run ();
}
