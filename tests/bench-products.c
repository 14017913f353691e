/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product view (src/core/products/strata-product-mix.c) on generated
 * order lines: by default 1,000,000 lines of 100,000 customers and 500
 * products in five categories, imported into one quarter which is then
 * closed (its tiers frozen, so that one SQL query can read them too).
 *
 *   bench-products [--dir DIR] [--lines N] [--customers N] [--runs K]
 *
 * Times, wall clock: the import (once, when the file is made), the mix in
 * this process (cold: a new StrataWorkspace and the file dropped from the
 * OS page cache; warm), the Products page's load over a period already
 * read (one pass: the mix, 50 migration rows, the product list) against
 * the whole mix and the product list's own query, and the whole commands `strata-cli products FILE`
 * and `sqlite3 FILE "<one query>"` computing the same numbers, cold and
 * warm, in the same run; then checks that both give the same rows. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-util.h"
#include "strata-import.h"
#include "strata-period-close.h"
#include "strata-period-data.h"
#include "strata-prng.h"
#include "strata-product-list.h"
#include "strata-product-mix.h"
#include "strata-seed.h"

#define N_PRODUCTS 500

static const char *const prefixes[] = { "CF", "VA", "NW", "CO", "OT" };
static const char *const categories[] = { "cash_flow", "value_added", "new", "costly", "other" };

/* The SQL of the same view: per tier (frozen) and category, the customers
 * with revenue there and the revenue. Every line names a product here, so
 * nothing is unattributed. */
static const char query[] =
  "WITH cc AS (SELECT r.customer_id, p.category, sum (r.amount) AS rev"
  "  FROM product_revenue r JOIN products p ON p.id = r.product_id"
  "  WHERE r.period_id = (SELECT max (id) FROM periods)"
  "  GROUP BY r.customer_id, p.category)"
  " SELECT res.tier, cc.category, sum (cc.rev >= 0.005), printf ('%.2f', sum (cc.rev))"
  " FROM cc JOIN period_results res ON res.customer_id = cc.customer_id"
  "  AND res.period_id = (SELECT max (id) FROM periods)"
  " GROUP BY res.tier, cc.category ORDER BY 1, 2;";

static void
write_lines (const char *csv,
             guint       n_lines,
             guint       n_customers)
{
  FILE *f = fopen (csv, "w");
  StrataPrng prng;

  g_assert (f != NULL);
  strata_prng_init (&prng, 2026, 20, 0);
  fputs ("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n", f);
  for (guint i = 0; i < n_lines; i++)
    {
      /* Every customer has lines; big ones (low numbers) have more. */
      guint customer = i < n_customers ? i
                       : (guint) MIN (n_customers - 1, n_customers * pow (strata_prng_double (&prng), 2.0));
      guint product = strata_prng_below (&prng, N_PRODUCTS);
      guint day = 1 + strata_prng_below (&prng, 28);
      guint month = 7 + strata_prng_below (&prng, 3);

      fprintf (f, "%u,%s-%03u,%u,2026-%02u-%02u,%u.%02u,K%06u\n", i / 4 + 1,
               prefixes[product % 5], product, 1 + strata_prng_below (&prng, 5), month, day,
               1 + strata_prng_below (&prng, 400), strata_prng_below (&prng, 100), customer);
    }
  fclose (f);
}

static gboolean
make_workspace (const char  *path,
                const char  *dir,
                guint        n_lines,
                guint        n_customers,
                GError     **error)
{
  g_autofree char *csv = g_build_filename (dir, "bench-products-lines.csv", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportOptions) options = NULL;
  g_autoptr(StrataImportResult) result = NULL;
  double t;
  gint64 period_id;

  write_lines (csv, n_lines, n_customers);
  ws = strata_seed_create_workspace (path, error);
  if (ws == NULL)
    return FALSE;
  options = strata_import_options_new (STRATA_IMPORT_KIND_ORDERS, "2026-Q3");
  t = bench_now_ms ();
  result = strata_import_run (ws, csv, options, NULL, NULL, NULL, error);
  if (result == NULL)
    return FALSE;
  printf ("  %-60s %9.3f ms (1 run)\n", "import the order lines (strata_import_run)", bench_now_ms () - t);
  for (guint k = 0; k < G_N_ELEMENTS (prefixes); k++)
    {
      g_autofree char *pattern = g_strdup_printf ("%s-*", prefixes[k]);

      if (!strata_products_categorise (ws, pattern, categories[k], NULL, error))
        return FALSE;
    }
  g_unlink (csv);
  return strata_period_find (ws, NULL, &period_id, NULL, error) &&
         strata_period_close (ws, period_id, error);
}

/* tier,category -> "customers|revenue" from the CLI's CSV (rows with
 * neither are left out: the SQL has no row for them). */
static GHashTable *
parse_cli (const char *out)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);

      if (g_strv_length (f) < 4 || (g_str_equal (f[2], "0") && g_ascii_strtod (f[3], NULL) == 0))
        continue;
      g_hash_table_insert (rows, g_strdup_printf ("%s,%s", f[0], f[1]),
                           g_strdup_printf ("%s|%s", f[2], f[3]));
    }
  return rows;
}

static guint
compare (GHashTable *cli,
         const char *sql_out,
         guint      *n_rows)
{
  g_auto(GStrv) lines = g_strsplit (sql_out, "\n", -1);
  guint bad = 0;

  *n_rows = 0;
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "|", -1);
      g_autofree char *key = NULL;
      g_autofree char *want = NULL;
      const char *have;

      if (g_strv_length (f) != 4)
        {
          bad++;
          continue;
        }
      key = g_strdup_printf ("%s,%s", f[0], f[1]);
      want = g_strdup_printf ("%s|%s", f[2], f[3]);
      have = g_hash_table_lookup (cli, key);
      (*n_rows)++;
      if (g_strcmp0 (have, want) != 0)
        {
          fprintf (stderr, "differs: %s: strata-cli %s, sqlite3 %s\n", key, have ? have : "(none)", want);
          bad++;
        }
    }
  /* A row only the CLI has is a difference too. */
  if (*n_rows < g_hash_table_size (cli))
    bad += g_hash_table_size (cli) - *n_rows;
  return bad;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *path = NULL;
  g_autofree double *cold = NULL;
  g_autofree double *warm = NULL;
  g_autofree char *cli_out = NULL;
  g_autofree char *sql_out = NULL;
  g_autoptr(GHashTable) cli_rows = NULL;
  g_autoptr(GError) error = NULL;
  int opt_lines = 0, opt_customers = 0, opt_runs = 0;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Folder for the workspace (kept between runs)", "DIR" },
    { "lines", 0, 0, G_OPTION_ARG_INT, &opt_lines, "Order lines (default 1000000)", "N" },
    { "customers", 0, 0, G_OPTION_ARG_INT, &opt_customers, "Customers (default 100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs of each figure (default 3)", "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the product view against one SQL query");
  guint n_lines, n_customers, runs, n_rows = 0, bad;
  double cli_cold, cli_warm, sql_cold, sql_warm;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-products: %s\n", error->message);
      return 1;
    }
  n_lines = bench_size (opt_lines, "STRATA_BENCH_ROWS", 1000000);
  n_customers = MIN (bench_size (opt_customers, "STRATA_BENCH_CUSTOMERS", 100000), n_lines);
  runs = MAX (bench_size (opt_runs, "STRATA_BENCH_RUNS", 3), 1);
  if (dir == NULL)
    dir = g_build_filename (g_get_tmp_dir (), "strata-bench", NULL);
  g_mkdir_with_parents (dir, 0755);
  cli = bench_build_path (argv[0], "STRATA_CLI", "src/cli/strata-cli");
  path = g_strdup_printf ("%s/products-%u-%u.strata", dir, n_lines, n_customers);

  printf ("wall-clock times; cold = a new StrataWorkspace and the file dropped from the OS page cache\n\n");
  printf ("%s: %u order lines, %u customers, %u products\n", path, n_lines, n_customers, N_PRODUCTS);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    printf ("  import the order lines: done by an earlier run (the file is kept; delete it to time it)\n");
  else if (!make_workspace (path, dir, n_lines, n_customers, &error))
    {
      fprintf (stderr, "bench-products: %s\n", error->message);
      return 1;
    }

  printf (" in this process:\n");
  cold = g_new0 (double, runs);
  warm = g_new0 (double, runs);
  {
    const char *how = "cold";

    for (guint k = 0; k < runs; k++)
      {
        const char *state = bench_drop_cache (path);
        g_autoptr(StrataWorkspace) ws = NULL;
        g_autoptr(StrataProductMix) mix = NULL;
        double t = bench_now_ms ();

        if (g_strcmp0 (state, "cold") != 0)
          how = state;
        ws = strata_workspace_open (path, NULL, &error);
        mix = ws ? strata_product_mix_compute (ws, 0, &error) : NULL;
        if (mix == NULL)
          {
            fprintf (stderr, "bench-products: %s\n", error->message);
            return 1;
          }
        cold[k] = bench_now_ms () - t;
      }
    bench_print ("open + product mix (strata_product_mix_compute)", how, cold, runs);
  }
  {
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);

    g_assert_no_error (error);
    for (guint k = 0; k < runs; k++)
      {
        g_autoptr(StrataProductMix) mix = NULL;
        double t = bench_now_ms ();

        mix = strata_product_mix_compute (ws, 0, &error);
        g_assert_no_error (error);
        warm[k] = bench_now_ms () - t;
      }
    bench_print ("product mix (strata_product_mix_compute)", "warm", warm, runs);
  }

  {
    /* The Products page's load over a period already read (the window's):
     * the mix with the migration rows the page shows and the product list
     * in one pass, against the whole mix and the list's own query. */
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
    g_autoptr(StrataPeriodResults) results = NULL;
    g_autofree double *page = g_new0 (double, runs);
    g_autofree double *both = g_new0 (double, runs);
    gint64 period_id = 0;

    g_assert_no_error (error);
    g_assert_true (strata_period_find (ws, NULL, &period_id, NULL, &error));
    results = strata_period_results_load (ws, period_id, &error);
    g_assert_no_error (error);
    for (guint k = 0; k < runs; k++)
      {
        g_autoptr(StrataProductMix) mix = NULL;
        g_autoptr(GPtrArray) list = NULL;
        double t = bench_now_ms ();

        mix = strata_product_mix_compute_shown (ws, results, 50, &list, &error);
        g_assert_no_error (error);
        page[k] = bench_now_ms () - t;
        g_clear_pointer (&mix, strata_product_mix_free);
        g_clear_pointer (&list, g_ptr_array_unref);
        t = bench_now_ms ();
        mix = strata_product_mix_compute_for_results (ws, results, &error);
        g_assert_no_error (error);
        list = strata_products_list (ws, period_id, &error);
        g_assert_no_error (error);
        both[k] = bench_now_ms () - t;
      }
    bench_print ("the page's mix and product list, one pass (_compute_shown)", "warm", page, runs);
    bench_print ("alternative: whole mix + strata_products_list", "warm", both, runs);
  }

  printf (" whole commands (processes, start to exit, output to /dev/null):\n");
  {
    const char *cli_argv[] = { cli, "products", path, NULL };
    const char *sqlite_argv[] = { "sqlite3", path, query, NULL };

    bench_command ("strata-cli products FILE", path, cli_argv, NULL, runs, &cli_cold, &cli_warm);
    bench_command ("sqlite3 FILE \"<the one SQL query>\"", path, sqlite_argv, NULL, runs,
                   &sql_cold, &sql_warm);
    bench_print_ratio ("ratio sqlite3 / strata-cli products, cold", sql_cold / cli_cold);
    bench_print_ratio ("ratio sqlite3 / strata-cli products, warm", sql_warm / cli_warm);
    bench_spawn_ms (cli_argv, NULL, TRUE, &cli_out);
    bench_spawn_ms (sqlite_argv, NULL, TRUE, &sql_out);
  }
  cli_rows = parse_cli (cli_out);
  bad = compare (cli_rows, sql_out, &n_rows);
  printf ("check: %u (tier, category) rows compared; %u rows differ\n", n_rows, bad);
  return bad == 0 && n_rows > 0 ? 0 : 1;
}
