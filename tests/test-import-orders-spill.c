/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order lines past the import's memory cap go to a temporary table
 * (strata-order-spill.c) and come back the same to the bit: a generated
 * file with cancellations (C invoices and negative quantities), lines
 * without a product or a customer, invoice numbers repeated across
 * customers, lines without an invoice, several quarters, imported with
 * everything in memory (the aggregation as it was before the spill), with
 * every line spilled and with a spill half-way, gives the same metrics,
 * product revenue and products; the metrics are also checked against a
 * plain aggregation written here. A large file keeps the line state under
 * the cap. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import-test-util.h"
#include "strata-import.h"
#include "strata-import-orders-private.h"

typedef struct
{
  char *dir;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("strata-import-orders-spill-XXXXXX", NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  strata_import_orders_set_spill_cap (STRATA_IMPORT_ORDERS_SPILL_CAP);
  test_remove_dir (f->dir);
  g_free (f->dir);
}

/* What one (quarter, customer) should get, summed in the file's order. */
typedef struct
{
  double      amount;
  GHashTable *orders;
  GHashTable *products;
  GHashTable *months;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_hash_table_unref (e->orders);
  g_hash_table_unref (e->products);
  g_hash_table_unref (e->months);
  g_free (e);
}

/* n lines over n_customers customers, in invoices of one to four lines
 * whose numbers repeat every 997 invoices; expected: "quarter|ext_id" ->
 * Expected, when not NULL. */
static char *
generate (Fixture    *f,
          guint       n,
          guint       n_customers,
          GHashTable *expected)
{
  g_autofree char *name = g_strdup_printf ("lines-%u.csv", n);
  char *path = g_build_filename (f->dir, name, NULL);
  FILE *fp = fopen (path, "w");
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  guint invoice = 0, left = 0, customer = 0, day = 1, month = 1, year = 2010;
  gboolean no_invoice = FALSE;

  g_assert_nonnull (fp);
  fprintf (fp, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *no = NULL;
      g_autofree char *product = NULL;
      g_autofree char *ext_id = NULL;
      gboolean cancel_c, negative, blank_customer;
      int quantity = g_rand_int_range (rand, 1, 30);
      guint cents = g_rand_int_range (rand, 1, 5000);

      if (left == 0)
        {
          left = g_rand_int_range (rand, 1, 5);
          invoice++;
          customer = g_rand_int_range (rand, 0, n_customers);
          year = 2010 + g_rand_int_range (rand, 0, 2);
          month = g_rand_int_range (rand, 1, 13);
          day = g_rand_int_range (rand, 1, 29);
          no_invoice = g_rand_int_range (rand, 0, 20) == 0;
        }
      left--;
      cancel_c = g_rand_int_range (rand, 0, 40) == 0;
      negative = !cancel_c && g_rand_int_range (rand, 0, 60) == 0;
      blank_customer = g_rand_int_range (rand, 0, 100) == 0;
      no = no_invoice ? g_strdup ("") : g_strdup_printf ("%s%u", cancel_c ? "C" : "", 500000 + invoice % 997);
      product = g_rand_int_range (rand, 0, 25) == 0 ? g_strdup ("")
                : g_strdup_printf ("P%03u", g_rand_int_range (rand, 0, 300));
      ext_id = blank_customer ? g_strdup ("") : g_strdup_printf ("K%05u", customer);
      if (cancel_c || negative)
        quantity = -quantity;
      fprintf (fp, "%s,%s,%s,%d,%04u-%02u-%02u %02u:%02u,%u.%02u,%s\n", no, product,
               *product && g_rand_boolean (rand) ? "A thing" : "", quantity, year, month, day,
               g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60),
               cents / 100, cents % 100, ext_id);

      if (expected != NULL && !blank_customer)
        {
          g_autofree char *key = g_strdup_printf ("%04u-Q%u|%s", year, (month - 1) / 3 + 1, ext_id);
          Expected *e = g_hash_table_lookup (expected, key);
          double amount = quantity * (cents / 100.0);

          if (e == NULL)
            {
              e = g_new0 (Expected, 1);
              e->orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              e->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              e->months = g_hash_table_new (NULL, NULL);
              g_hash_table_insert (expected, g_strdup (key), e);
            }
          e->amount += (cancel_c || negative) ? -fabs (amount) : amount;
          if (cancel_c || negative)
            continue;
          g_hash_table_add (e->orders, *no ? g_strdup (no) : g_strdup_printf ("day %u-%u-%u", year, month, day));
          if (*product)
            g_hash_table_add (e->products, g_strdup (product));
          g_hash_table_add (e->months, GUINT_TO_POINTER (year * 12 + month));
        }
    }
  fclose (fp);
  return path;
}

static void
append_rows (GString    *out,
             sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (sqlite3_column_type (stmt, i) == SQLITE_FLOAT)
            g_string_append_printf (out, "|%.17g", sqlite3_column_double (stmt, i));
          else
            g_string_append_printf (out, "|%s", sqlite3_column_type (stmt, i) == SQLITE_NULL
                                    ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

/* The import's results, every number to the last bit. */
static char *
dump (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  append_rows (out, db, "SELECT p.name, c.ext_id, m.key, v.value FROM metric_values v"
               " JOIN customers c ON c.id = v.customer_id JOIN metrics m ON m.id = v.metric_id"
               " JOIN periods p ON p.id = v.period_id ORDER BY 1, 2, 3");
  append_rows (out, db, "SELECT p.name, c.ext_id, pr.code, r.amount FROM product_revenue r"
               " JOIN customers c ON c.id = r.customer_id JOIN products pr ON pr.id = r.product_id"
               " JOIN periods p ON p.id = r.period_id ORDER BY 1, 2, 3");
  append_rows (out, db, "SELECT * FROM products ORDER BY id");
  append_rows (out, db, "SELECT id, ext_id FROM customers ORDER BY id");
  append_rows (out, db, "SELECT id, name FROM periods ORDER BY id");
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static StrataImportResult *
import (Fixture    *f,
        const char *csv,
        const char *name,
        gsize       cap,
        char      **ws_path)
{
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, NULL);
  g_autoptr(GError) error = NULL;
  StrataImportResult *r;

  *ws_path = g_build_filename (f->dir, name, NULL);
  ws = strata_import_open_workspace (*ws_path, &error);
  g_assert_no_error (error);
  o->split = STRATA_IMPORT_SPLIT_QUARTER;
  strata_import_orders_set_spill_cap (cap);
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  strata_import_orders_set_spill_cap (STRATA_IMPORT_ORDERS_SPILL_CAP);
  return r;
}

static void
test_same (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
  g_autofree char *csv = generate (f, 20000, 1500, expected);
  g_autofree char *memory_path = NULL;
  g_autofree char *spilled_path = NULL;
  g_autofree char *half_path = NULL;
  g_autoptr(StrataImportResult) memory = NULL;
  g_autoptr(StrataImportResult) spilled = NULL;
  g_autoptr(StrataImportResult) half = NULL;
  g_autofree char *memory_dump = NULL;
  g_autofree char *spilled_dump = NULL;
  g_autofree char *half_dump = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gsize memory_peak;
  guint checked = 0;

  strata_import_orders_peak_bytes (TRUE);
  memory = import (f, csv, "memory.strata", G_MAXSIZE, &memory_path);
  memory_peak = strata_import_orders_peak_bytes (TRUE);
  spilled = import (f, csv, "spilled.strata", 0, &spilled_path);
  /* Half of what it holds in memory, then the table. */
  half = import (f, csv, "half.strata", memory_peak / 2, &half_path);
  g_assert_cmpuint (strata_import_orders_peak_bytes (TRUE), <=, memory_peak / 2 + 64 * 1024);

  g_assert_cmpuint (memory->rows_read, ==, 20000);
  g_assert_cmpuint (memory->rows_without_customer, >, 100);
  g_assert_cmpuint (memory->lines_cancelled, >, 500);
  g_assert_cmpuint (memory->periods->len, ==, 8);
  for (guint i = 0; i < 2; i++)
    {
      StrataImportResult *r = i == 0 ? spilled : half;

      g_assert_cmpuint (r->rows_read, ==, memory->rows_read);
      g_assert_cmpuint (r->rows_imported, ==, memory->rows_imported);
      g_assert_cmpuint (r->rows_rejected, ==, memory->rows_rejected);
      g_assert_cmpuint (r->rows_without_customer, ==, memory->rows_without_customer);
      g_assert_cmpuint (r->lines_cancelled, ==, memory->lines_cancelled);
      g_assert_cmpuint (r->customers, ==, memory->customers);
      g_assert_cmpfloat (r->total_amount, ==, memory->total_amount);
    }

  memory_dump = dump (memory_path);
  spilled_dump = dump (spilled_path);
  half_dump = dump (half_path);
  g_assert_cmpuint (strlen (memory_dump), >, 100000);
  g_assert_cmpstr (spilled_dump, ==, memory_dump);
  g_assert_cmpstr (half_dump, ==, memory_dump);

  /* And the numbers are the ones a plain aggregation gives. */
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Expected *e = value;
      g_auto(GStrv) parts = g_strsplit (key, "|", 2);
      g_autofree char *amount = metric_value (spilled_path, parts[0], parts[1], "order_amount");
      g_autofree char *orders = metric_value (spilled_path, parts[0], parts[1], "order_count");
      g_autofree char *products = metric_value (spilled_path, parts[0], parts[1], "distinct_products");
      g_autofree char *months = metric_value (spilled_path, parts[0], parts[1], "active_months");

      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (amount, NULL), round (e->amount * 100) / 100, 1e-6);
      g_assert_cmpint (atoi (orders), ==, g_hash_table_size (e->orders));
      g_assert_cmpint (atoi (products), ==, g_hash_table_size (e->products));
      g_assert_cmpint (atoi (months), ==, g_hash_table_size (e->months));
      if (++checked == 400)
        break;
    }
  g_assert_cmpuint (checked, ==, 400);
}

static void
test_bounded (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *csv = generate (f, 300000, 3000, NULL);
  g_autofree char *path = NULL;
  g_autoptr(StrataImportResult) r = NULL;
  g_autofree char *count = NULL;
  gsize peak;

  strata_import_orders_peak_bytes (TRUE);
  r = import (f, csv, "bounded.strata", STRATA_IMPORT_ORDERS_SPILL_CAP, &path);
  peak = strata_import_orders_peak_bytes (TRUE);
  g_assert_cmpuint (r->rows_read, ==, 300000);
  g_assert_cmpuint (r->customers, ==, 3000);
  /* It filled memory up to the cap (about 30 MB would be needed here,
   * growing with the lines), then spilled the rest. */
  g_assert_cmpuint (peak, >, STRATA_IMPORT_ORDERS_SPILL_CAP / 2);
  g_assert_cmpuint (peak, <=, STRATA_IMPORT_ORDERS_SPILL_CAP + 256 * 1024);
  count = query_text (path, "SELECT count (*) FROM product_revenue");
  g_assert_cmpint (atoi (count), >, 100000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/import-orders-spill/same", Fixture, NULL, setup, test_same, teardown);
  g_test_add ("/import-orders-spill/bounded", Fixture, NULL, setup, test_bounded, teardown);
  return g_test_run ();
}
