/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Products page on a demo workspace: it loads on a worker thread, the
 * chart holds a bar per tier with customers, the grid the customers per
 * category and the adoption of new products, the migration list the
 * customers on costly products, most revenue first; a workspace without
 * product lines shows the empty state, as does no workspace. */
#include <adwaita.h>

#include "gui-test-util.h"
#include "strata-format.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-page.h"
#include "strata-products-page.h"
#include "workspace-test-util.h"

static const char *
grid_text (GtkWidget *grid,
           int        column,
           int        row)
{
  GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_text (GTK_LABEL (cell));
}

static void
test_products_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-products-page");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataProductMix) mix = NULL;
  g_autoptr(GPtrArray) table = NULL;
  const StrataProductMix *shown;
  const StrataProductMigration *first;
  GtkWidget *window, *page, *grid, *migration, *heading;
  guint with_customers = 0;

  g_assert_true (strata_demo_write (path, 400, 7, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  context = strata_context_new (ws);
  mix = strata_product_mix_compute (ws, strata_context_get_period_id (context), &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  page = g_object_new (STRATA_TYPE_PRODUCTS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 860);
  g_assert_cmpstr (strata_products_page_get_state (STRATA_PRODUCTS_PAGE (page)), ==, "empty");

  g_object_set (page, "context", context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (page));
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  gui_test_wait_frame (page);
  g_assert_cmpstr (strata_products_page_get_state (STRATA_PRODUCTS_PAGE (page)), ==, "mix");
  gui_test_save_screenshot (window, "products-page.png");

  /* The same numbers as the core computes. */
  shown = strata_products_page_get_mix (STRATA_PRODUCTS_PAGE (page));
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->rows->len, ==, mix->rows->len);
  g_assert_cmpuint (shown->migration->len, ==, mix->migration->len);
  g_assert_cmpuint (mix->migration->len, >, 0);

  /* A bar per tier with customers, in the chart's table. */
  for (guint t = 0; t < mix->tiers->len; t++)
    with_customers += ((StrataProductMixTier *) mix->tiers->pdata[t])->customers > 0;
  table = strata_chart_get_table (STRATA_CHART (strata_products_page_get_chart (STRATA_PRODUCTS_PAGE (page))));
  g_assert_cmpuint (table->len, ==, with_customers + 1);
  g_assert_cmpuint (g_strv_length (table->pdata[0]), ==, 1 + mix->categories->len);

  /* The grid: a row per tier, its customers and those using costly ones. */
  grid = gui_test_find_id (page, GTK_TYPE_GRID, "customers_grid", 0);
  g_assert_nonnull (grid);
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *tier = mix->tiers->pdata[t];
      const StrataProductMixRow *costly = strata_product_mix_get_row (mix, tier->tier, "costly");
      g_autofree char *customers = g_strdup_printf ("%u", tier->customers);
      g_autofree char *on_costly = g_strdup_printf ("%u", costly->customers);

      g_assert_cmpstr (grid_text (grid, 0, t + 1), ==, tier->label);
      g_assert_cmpstr (grid_text (grid, 1, t + 1), ==, customers);
      /* Columns: tier, customers, then the categories (costly is the fourth). */
      g_assert_cmpstr (grid_text (grid, 2 + 3, t + 1), ==, on_costly);
    }

  /* The migration list, most revenue on costly products first. */
  migration = gui_test_find_id (page, GTK_TYPE_GRID, "migration_grid", 0);
  heading = gui_test_find_id (page, GTK_TYPE_LABEL, "migration_heading", 0);
  first = mix->migration->pdata[0];
  g_assert_cmpstr (grid_text (migration, 0, 1), ==, first->ext_id);
  g_assert_cmpstr (grid_text (migration, 5, 1), ==, first->products);
  /* Amounts as the report writes them: one figure, one value. */
  {
    g_autofree char *revenue = strata_format_compact (NULL, first->revenue);

    g_assert_cmpstr (grid_text (migration, 3, 1), ==, revenue);
  }
  {
    g_autofree char *count = g_strdup_printf (" %u ", mix->migration->len);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (heading)), count));
  }

  g_object_set (page, "context", NULL, NULL);
  g_assert_cmpstr (strata_products_page_get_state (STRATA_PRODUCTS_PAGE (page)), ==, "empty");
  gui_test_destroy (GTK_WINDOW (window));
  test_remove_dir (dir);
}

/* A period without product lines: the empty state says how to fill it. */
static void
test_no_products (void)
{
  TestWorkspace t;
  g_autoptr(StrataContext) context = NULL;
  GtkWidget *window, *page, *status;

  test_workspace_setup (&t, "strata-products-page", "empty.strata");
  test_workspace_exec (t.ws, "INSERT INTO periods (name, position) VALUES ('2026-Q3', 1);"
                             "INSERT INTO customers (ext_id) VALUES ('K1');"
                             "INSERT INTO period_customers (period_id, customer_id) VALUES (1, 1);");
  context = strata_context_new (t.ws);
  window = gtk_window_new ();
  page = g_object_new (STRATA_TYPE_PRODUCTS_PAGE, "context", context, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (page));
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_cmpstr (strata_products_page_get_state (STRATA_PRODUCTS_PAGE (page)), ==, "empty");
  status = gui_test_find_widget (page, ADW_TYPE_STATUS_PAGE);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Product Data");
  g_assert_nonnull (gui_test_find_label (page, GTK_TYPE_BUTTON, "_Import Order Lines…"));
  g_object_set (page, "context", NULL, NULL);
  gui_test_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  test_workspace_teardown (&t);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/products-page/demo", test_products_page);
  g_test_add_func ("/products-page/no-products", test_no_products);
  return g_test_run ();
}
