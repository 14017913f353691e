/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Products by tier: order lines with a product column, categories by code,
 * pattern, CSV and catalogue, the product mix per tier (category revenue
 * adding up to the tier's order amount), the migration list, strata-cli
 * products, and migrating a format-2 workspace. The order lines (below) in
 * 2026-Q3, worked out by hand:
 *
 *   K1  DC-T3 2 x 1000 - 1 x 1000 (cancelled)  1000.00  cash_flow (by code)
 *       DDOS  300.10                              300.10  value_added (CSV)
 *   K2  POST  15.50                               15.50   costly (pattern post*)
 *       OLDVPN 3 x 33.3333 = 99.9999             100.00  costly (pattern on "Legacy*")
 *   K3  NEW-AI 500                               500.00  new (catalogue, 新品)
 *       (no product) 20                           20.00  other (unattributed)
 *       POST 2 x 7.25                             14.50  costly
 *   K4  X1 0.125, X2 0.125: 13 + 13 cents, the order amount 25 cents: the
 *       larger (first) product gives a cent back: 0.12 + 0.13 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-test-util.h"
#include "strata-demo.h"
#include "strata-period-data.h"
#include "strata-period-results.h"
#include "strata-product-mix.h"
#include "strata-schema.h"
#include "workspace-test-util.h"

static const char orders_csv[] =
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
  "1,DC-T3,Tier-3 data centre rack,2,2026-07-03,1000,K1\n"
  "1,DDOS,DDoS protection,1,2026-07-03,300.10,K1\n"
  "2,POST,POSTAGE,1,2026-07-10,15.5,K2\n"
  "2,OLDVPN,Legacy VPN line,3,2026-07-10,33.3333,K2\n"
  "3,NEW-AI,AI inference,1,2026-08-01,500,K3\n"
  "3,,,1,2026-08-01,20,K3\n"
  "C4,DC-T3,Tier-3 data centre rack,-1,2026-08-02,1000,K1\n"
  "5,POST,POSTAGE,2,2026-09-01,7.25,K3\n"
  "6,X1,Cable,1,2026-09-02,0.125,K4\n"
  "6,X2,Plug,1,2026-09-02,0.125,K4\n";

typedef struct
{
  TestWorkspace t;
  char         *orders;
} Fixture;

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->t.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->t.ws);
  f->t.ws = strata_workspace_open (f->t.path, NULL, &error);
  g_assert_no_error (error);
}

static void
run_ok (const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (run_cli_v (NULL, &err, (const char *const *) args->pdata), ==, 0);
}

/* A seeded workspace with the order lines imported into 2026-Q3. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup (&f->t, "strata-products", "products.strata");
  g_clear_object (&f->t.ws);
  f->orders = write_file (f, "orders.csv", orders_csv);
  run_ok ("import", f->t.path, f->orders, "--orders", "--period", "2026-Q3", NULL);
  reopen (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->orders);
  test_workspace_teardown (&f->t);
}

static double
revenue_of (Fixture    *f,
            const char *customer,
            const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (r.amount), 0) FROM product_revenue r"
                                          " JOIN products p ON p.id = r.product_id"
                                          " JOIN customers c ON c.id = r.customer_id"
                                          " WHERE c.ext_id = '%s' AND p.code = '%s'", customer, code);
  return test_query_double (f->t.ws, sql);
}

static void
categorise_all (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = write_file (f, "rules.csv", "code,category\nDDOS,Value-added services\n");
  g_autofree char *catalogue = write_file (f, "catalogue.csv",
                                           "code,name,category\nNEW-AI,AI inference service,新品\n"
                                           "RACK-9,Spare rack,hosting\n");
  guint n = 0;

  g_assert_true (strata_products_set_category (f->t.ws, "DC-T3", "cash_flow", &error));
  g_assert_no_error (error);
  g_assert_true (strata_products_categorise (f->t.ws, "post*", "costly", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (strata_products_categorise (f->t.ws, "LEGACY*", "维护成本过高的产品", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (strata_products_categorise_csv (f->t.ws, rules, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (strata_products_import_catalogue (f->t.ws, catalogue, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM products"), ==, 7);
  g_assert_cmpfloat_with_epsilon (revenue_of (f, "K1", "DC-T3"), 1000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (revenue_of (f, "K1", "DDOS"), 300.10, 1e-9);
  g_assert_cmpfloat_with_epsilon (revenue_of (f, "K2", "OLDVPN"), 100.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (revenue_of (f, "K3", "POST"), 14.50, 1e-9);
  /* The rounding cent goes back to one product: they add up to 0.25. */
  g_assert_cmpfloat_with_epsilon (revenue_of (f, "K4", "X1") + revenue_of (f, "K4", "X2"), 0.25, 1e-9);
  /* The catalogue: description, first and last sale (days since 1970);
   * the cancellation is no sale. */
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT first_sale FROM products WHERE code = 'DC-T3'"),
                   ==, 20637);   /* 2026-07-03 */
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT last_sale FROM products WHERE code = 'DC-T3'"),
                   ==, 20637);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT last_sale FROM products WHERE code = 'POST'"),
                   ==, 20697);   /* 2026-09-01 */
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM products"
                                            " WHERE code = 'OLDVPN' AND description = 'Legacy VPN line'"
                                            " AND category = 'other'"), ==, 1);

  /* Importing the period again replaces its rows. */
  g_clear_object (&f->t.ws);
  {
    g_autofree char *less = write_file (f, "less.csv",
                                        "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                                        "9,POST,1,2026-07-01,5,K2\n");

    run_ok ("import", f->t.path, less, "--orders", "--period", "2026-Q3", NULL);
  }
  reopen (f);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM product_revenue"), ==, 1);
  g_assert_cmpfloat_with_epsilon (revenue_of (f, "K2", "POST"), 5.0, 1e-9);
  /* The catalogue keeps what it learnt. */
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT first_sale FROM products WHERE code = 'POST'"),
                   ==, 20635);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT last_sale FROM products WHERE code = 'POST'"),
                   ==, 20697);
}

static void
test_product_column_option (void)
{
  TestWorkspace t;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  test_workspace_setup (&t, "strata-products", "column.strata");
  g_clear_object (&t.ws);
  path = g_build_filename (t.dir, "artikel.csv", NULL);
  g_assert_true (g_file_set_contents (path,
                                      "Kunde,Datum,Artikel,Betrag\n"
                                      "K1,2026-01-05,A-1,10\nK1,2026-02-05,B-2,5\n"
                                      "K2,2026-04-05,A-1,7\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "import", t.path, path, "--orders", "--split", "quarter",
                            "--id", "Kunde", "--date", "Datum", "--amount", "Betrag",
                            "--product-column", "Artikel", NULL), ==, 0);
  t.ws = strata_workspace_open (t.path, NULL, &error);
  g_assert_no_error (error);
  /* The split puts each line's revenue in the period of its date. */
  g_assert_cmpint (test_query_int (t.ws, "SELECT count(*) FROM product_revenue r JOIN periods p"
                                         " ON p.id = r.period_id WHERE p.name = '2026-Q1'"), ==, 2);
  g_assert_cmpint (test_query_int (t.ws, "SELECT sum (amount) FROM product_revenue r JOIN periods p"
                                         " ON p.id = r.period_id WHERE p.name = '2026-Q2'"), ==, 7);
  g_assert_cmpint (test_query_int (t.ws, "SELECT count(*) FROM products"), ==, 2);
  test_workspace_teardown (&t);
}

static void
test_categorise (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autofree char *missing = NULL;

  categorise_all (f);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM products WHERE category = 'costly'"), ==, 2);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM products WHERE code = 'DDOS'"
                                            " AND category = 'value_added'"), ==, 1);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM products WHERE code = 'NEW-AI'"
                                            " AND category = 'new' AND description = 'AI inference service'"), ==, 1);
  /* The catalogue added a product and a category of the user's. */
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM products WHERE code = 'RACK-9'"
                                            " AND category = 'hosting'"), ==, 1);
  categories = strata_product_categories_list (f->t.ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 6);
  g_assert_cmpstr (((StrataProductCategory *) categories->pdata[4])->key, ==, "hosting");
  g_assert_cmpstr (((StrataProductCategory *) categories->pdata[5])->key, ==, "other");

  /* An unknown product is an error that names it; nothing changes. */
  g_assert_false (strata_products_set_category (f->t.ws, "NOPE", "costly", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_assert_nonnull (strstr (error->message, "NOPE"));
  missing = strata_product_category_resolve (f->t.ws, "nonexistent", FALSE, NULL);
  g_assert_null (missing);
  /* The audit log has each step. */
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM audit_log"
                                            " WHERE action = 'products.categorise'"), ==, 5);
}

/* Every tier's category rows add up to the tier's order amount, computed
 * here from the period's results as the review sees them. */
static void
assert_adds_up (StrataWorkspace        *ws,
                const StrataProductMix *mix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodResults) results = strata_period_results_load (ws, mix->period_id, &error);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const double *amount;
  guint checked = 0;

  g_assert_no_error (error);
  amount = strata_period_data_get_column (results->data, "order_amount");
  g_assert_nonnull (amount);
  for (guint i = 0; i < results->data->n; i++)
    {
      const char *tier = strata_period_results_get_tier_id (results, i);
      double *sum;

      tier = tier != NULL ? tier : "none";
      sum = g_hash_table_lookup (expected, tier);
      if (sum == NULL)
        g_hash_table_insert (expected, (gpointer) tier, sum = g_new0 (double, 1));
      *sum += isnan (amount[i]) ? 0 : amount[i];
    }
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *tier = mix->tiers->pdata[t];
      double *want = g_hash_table_lookup (expected, tier->tier);
      double rows = 0, shares = 0;

      for (guint c = 0; c < mix->categories->len; c++)
        {
          const StrataProductCategory *category = mix->categories->pdata[c];
          const StrataProductMixRow *r = strata_product_mix_get_row (mix, tier->tier, category->key);

          g_assert_nonnull (r);
          rows += r->revenue;
          if (!isnan (r->share))
            shares += r->share;
        }
      g_assert_cmpfloat_with_epsilon (rows, want != NULL ? *want : 0.0, 0.005);
      g_assert_cmpfloat_with_epsilon (rows, tier->revenue, 0.005);
      if (tier->revenue != 0)
        g_assert_cmpfloat_with_epsilon (shares, 1.0, 1e-9);
      checked += tier->customers;
    }
  g_assert_cmpuint (checked, ==, results->data->n);
}

static void
test_mix (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataProductMix) mix = NULL;
  g_autoptr(GPtrArray) migration = NULL;
  const StrataProductMigration *m;
  double costly = 0, other = 0, cash = 0, added = 0, fresh = 0;
  guint costly_customers = 0, adopters = 0;

  categorise_all (f);
  mix = strata_product_mix_compute (f->t.ws, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mix->period_name, ==, "2026-Q3");
  g_assert_true (mix->has_products);
  assert_adds_up (f->t.ws, mix);

  /* Summed over the tiers (whichever the seeded rules give them). */
  for (guint i = 0; i < mix->rows->len; i++)
    {
      const StrataProductMixRow *r = mix->rows->pdata[i];

      if (g_str_equal (r->category, "costly"))
        costly += r->revenue, costly_customers += r->customers;
      else if (g_str_equal (r->category, "other"))
        other += r->revenue;
      else if (g_str_equal (r->category, "cash_flow"))
        cash += r->revenue;
      else if (g_str_equal (r->category, "value_added"))
        added += r->revenue;
      else if (g_str_equal (r->category, "new"))
        fresh += r->revenue;
    }
  for (guint t = 0; t < mix->tiers->len; t++)
    adopters += ((StrataProductMixTier *) mix->tiers->pdata[t])->adopters;
  g_assert_cmpfloat_with_epsilon (costly, 130.00, 1e-6);
  g_assert_cmpuint (costly_customers, ==, 2);
  g_assert_cmpfloat_with_epsilon (cash, 1000.00, 1e-6);
  g_assert_cmpfloat_with_epsilon (added, 300.10, 1e-6);
  g_assert_cmpfloat_with_epsilon (fresh, 500.00, 1e-6);
  g_assert_cmpfloat_with_epsilon (other, 20.25, 1e-6);
  g_assert_cmpuint (adopters, ==, 1);

  /* The migration list: K2 (115.50 on two costly products), K3 (14.50). */
  migration = strata_product_mix_migration_list (f->t.ws, mix->period_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (migration->len, ==, 2);
  m = migration->pdata[0];
  g_assert_cmpstr (m->ext_id, ==, "K2");
  g_assert_cmpfloat_with_epsilon (m->revenue, 115.50, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->total, 115.50, 1e-9);
  g_assert_cmpstr (m->products, ==, "OLDVPN, POST");
  m = migration->pdata[1];
  g_assert_cmpstr (m->ext_id, ==, "K3");
  g_assert_cmpfloat_with_epsilon (m->revenue, 14.50, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->total, 534.50, 1e-9);
  g_assert_cmpstr (m->products, ==, "POST");
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL, *migration = NULL, *json = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = write_file (f, "rules.csv", "pattern,category\nlegacy*,costly\n*post*,costly\n");
  int tiers;

  g_clear_object (&f->t.ws);
  g_assert_cmpint (run_cli (&out, NULL, "products", f->t.path, "categorise", "--from", rules, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "2 products categorised\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "products", f->t.path, "categorise", "--top", "1",
                            "--category", "cash_flow", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1 product categorised\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, &err, "products", f->t.path, "--period", "2026-Q3", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "tier,category,customers,revenue,share");
  reopen (f);
  tiers = (int) test_query_int (f->t.ws, "SELECT json_array_length (rules_json, '$.tiers') FROM rulesets"
                                         " WHERE state = 'published' ORDER BY version DESC LIMIT 1");
  /* One row per tier and category (five), a header and the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + tiers * 5 + 1);
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
  for (guint i = 1; lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
    }
  /* The top seller is DC-T3 (1000.00): cash_flow. */
  g_assert_nonnull (strstr (out, ",cash_flow,1,1000.00,"));

  g_assert_cmpint (run_cli (&migration, NULL, "products", f->t.path, "--migration", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (migration, "id,name,tier,revenue,total,products\nK2,,"));
  g_assert_nonnull (strstr (migration, ",115.50,115.50,\"OLDVPN, POST\"\n"));
  g_assert_nonnull (strstr (migration, ",14.50,534.50,POST\n"));

  g_assert_cmpint (run_cli (&json, NULL, "products", f->t.path, "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (
                     json_node_get_object (json_parser_get_root (parser)), "rows")), ==, tiers * 5);

  /* Usage errors. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "products", f->t.path, "categorise", "--pattern", "x", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--category"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "products", f->t.path, "categorise", "--code", "NOPE",
                            "--category", "costly", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "NOPE"));
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A workspace of format 2 (before products) opens as format 3 with the
 * built-in categories and its data as it was. */
static void
test_migration (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-products");
  g_autofree char *path = g_build_filename (dir, "old.strata", NULL);
  g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 2;",
                                          STRATA_WORKSPACE_APPLICATION_ID);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  raw_exec (db, strata_schema_migration (0));
  raw_exec (db, strata_schema_migration (1));
  raw_exec (db, app);
  raw_exec (db, "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q3', 1);"
                "INSERT INTO customers (id, ext_id, name) VALUES (1, 'K1', 'One');"
                "INSERT INTO period_customers VALUES (1, 1, '{}');");
  sqlite3_close (db);

  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "PRAGMA user_version"), ==, STRATA_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM products"), ==, 0);
  g_assert_false (strata_products_has_data (ws, 0));
  categories = strata_product_categories_list (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 5);
  g_assert_cmpstr (((StrataProductCategory *) categories->pdata[0])->key, ==, "cash_flow");
  g_assert_cmpstr (((StrataProductCategory *) categories->pdata[3])->key, ==, "costly");
  /* A product can be added and deleting its category makes it `other`. */
  test_workspace_exec (ws, "INSERT INTO product_categories (key, label) VALUES ('hosting', 'Hosting');"
                           "INSERT INTO products (code, category) VALUES ('R1', 'hosting');"
                           "DELETE FROM product_categories WHERE key = 'hosting';");
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM products WHERE category = 'other'"), ==, 1);
  g_clear_object (&ws);
  test_remove_dir (dir);
}

/* The demo ships categorised products whose revenue adds up to each
 * customer's order amount, in every quarter; the low tiers lean on costly
 * products, the top tier adopts new ones. */
static void
test_demo (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-products");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) periods = NULL;
  guint n_periods = 0;

  g_assert_true (strata_demo_write (path, 300, STRATA_DEMO_DEFAULT_SEED, 4, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "SELECT count (DISTINCT category) FROM products"), ==, 5);
  /* Per customer and quarter, the products add up to the order amount. */
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM metric_values v"
                                       " JOIN metrics m ON m.id = v.metric_id AND m.key = 'order_amount'"
                                       " WHERE abs (v.value - (SELECT coalesce (sum (r.amount), 0)"
                                       "   FROM product_revenue r WHERE r.period_id = v.period_id"
                                       "   AND r.customer_id = v.customer_id)) >= 0.005"), ==, 0);

  periods = strata_workspace_prepare (ws, "SELECT id FROM periods", NULL);
  while (sqlite3_step (periods) == SQLITE_ROW)
    {
      g_autoptr(StrataProductMix) mix = strata_product_mix_compute (ws, sqlite3_column_int64 (periods, 0), &error);
      const StrataProductMixTier *top, *bottom;

      g_assert_no_error (error);
      g_assert_true (mix->has_products);
      assert_adds_up (ws, mix);
      top = mix->tiers->pdata[0];
      bottom = mix->tiers->pdata[mix->tiers->len - 1];
      g_assert_cmpfloat (strata_product_mix_get_row (mix, bottom->tier, "costly")->share, >,
                         strata_product_mix_get_row (mix, top->tier, "costly")->share);
      g_assert_cmpuint (mix->migration->len, >, 0);
      n_periods++;
    }
  g_assert_cmpuint (n_periods, ==, 4);
  g_clear_object (&ws);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/products/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add_func ("/products/product-column", test_product_column_option);
  g_test_add ("/products/categorise", Fixture, NULL, fixture_setup, test_categorise, fixture_teardown);
  g_test_add ("/products/mix", Fixture, NULL, fixture_setup, test_mix, fixture_teardown);
  g_test_add ("/products/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add_func ("/products/migration", test_migration);
  g_test_add_func ("/products/demo", test_demo);
  return g_test_run ();
}
