/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Products page on a demo workspace: it loads on a worker thread, the
 * chart holds a bar per tier with customers, the grid the customers per
 * category and the adoption of new products, the migration list the
 * customers on costly products, most revenue first; a workspace without
 * product lines shows the empty state, as does no workspace. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gui-test-util.h"
#include "strata-format.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-page.h"
#include "strata-product-list.h"
#include "strata-products-page.h"
#include "workspace-test-util.h"

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
  /* It keeps the migration rows it shows (50), and counts them all. */
  g_assert_cmpuint (shown->migration_total, ==, mix->migration->len);
  g_assert_cmpuint (shown->migration->len, ==, MIN (mix->migration->len, 50));
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

      g_assert_cmpstr (gui_test_grid_text (grid, 0, t + 1), ==, tier->label);
      g_assert_cmpstr (gui_test_grid_text (grid, 1, t + 1), ==, customers);
      /* Columns: tier, customers, then the categories (costly is the fourth). */
      g_assert_cmpstr (gui_test_grid_text (grid, 2 + 3, t + 1), ==, on_costly);
    }

  /* The migration list, most revenue on costly products first. */
  migration = gui_test_find_id (page, GTK_TYPE_GRID, "migration_grid", 0);
  heading = gui_test_find_id (page, GTK_TYPE_LABEL, "migration_heading", 0);
  first = mix->migration->pdata[0];
  g_assert_cmpstr (gui_test_grid_text (migration, 0, 1), ==, first->ext_id);
  g_assert_cmpstr (gui_test_grid_text (migration, 5, 1), ==, first->products);
  /* Amounts as the report writes them: one figure, one value. */
  {
    g_autofree char *revenue = strata_format_compact (NULL, first->revenue);

    g_assert_cmpstr (gui_test_grid_text (migration, 3, 1), ==, revenue);
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
static double
category_revenue (const StrataProductMix *mix,
                  const char             *category)
{
  double sum = 0;

  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixRow *r =
        strata_product_mix_get_row (mix, ((StrataProductMixTier *) mix->tiers->pdata[t])->tier, category);

      sum += r != NULL ? r->revenue : 0;
    }
  return sum;
}

static guint
category_index (const StrataProductMix *mix,
                const char             *key)
{
  for (guint c = 0; c < mix->categories->len; c++)
    if (g_str_equal (((StrataProductCategory *) mix->categories->pdata[c])->key, key))
      return c;
  g_assert_not_reached ();
}

static guint
count_in_category (StrataWorkspace *ws,
                   gint64           period_id,
                   const char      *pattern,
                   const char      *category,
                   guint           *n_matching)
{
  g_autoptr(GPtrArray) list = strata_products_list (ws, period_id, NULL);
  g_autofree char *folded = g_utf8_casefold (pattern, -1);
  g_autoptr(GPatternSpec) spec = g_pattern_spec_new (folded);
  guint in_category = 0;

  *n_matching = 0;
  for (guint i = 0; i < list->len; i++)
    {
      const StrataProductInfo *info = list->pdata[i];
      g_autofree char *code = g_utf8_casefold (info->code, -1);
      g_autofree char *description = g_utf8_casefold (info->description, -1);

      if (g_pattern_spec_match_string (spec, code) ||
          (*description != '\0' && g_pattern_spec_match_string (spec, description)))
        {
          (*n_matching)++;
          in_category += g_str_equal (info->category, category);
        }
    }
  return in_category;
}

/* The product list: a drop-down assigns one product's category (the mix
 * follows), and Assign by Pattern counts, then assigns, the matches. */
static void
test_assign (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-products-assign");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const StrataProductMix *mix;
  const StrataProductInfo *top;
  GtkWidget *window, *page, *grid, *drop_down, *dialog, *entry, *category, *count;
  double before_costly, before_from;
  g_autofree char *from = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *expected_count = NULL;
  guint costly, n_matching = 0;
  gint64 period_id;

  g_assert_true (strata_demo_write (path, 400, 7, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  context = strata_context_new (ws);
  period_id = strata_context_get_period_id (context);
  list = strata_products_list (ws, period_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >, 1);

  window = gtk_window_new ();
  page = g_object_new (STRATA_TYPE_PRODUCTS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 860);
  g_object_set (page, "context", context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (page));
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_cmpstr (strata_products_page_get_state (STRATA_PRODUCTS_PAGE (page)), ==, "mix");
  gui_test_wait_frame (page);
  gui_test_save_screenshot (gui_test_find_id (page, GTK_TYPE_GRID, "products_grid", 0), "products-list.png");

  /* Row 1 is the product with the most revenue, as the core lists it. */
  grid = gui_test_find_id (page, GTK_TYPE_GRID, "products_grid", 0);
  g_assert_nonnull (grid);
  top = list->pdata[0];
  g_assert_cmpstr (gui_test_grid_text (grid, 0, 1), ==, top->code);
  g_assert_cmpfloat (top->revenue, >, 0);
  {
    g_autofree char *revenue = strata_format_decimal (strata_number_format_get_default (), top->revenue, 2);
    g_assert_cmpstr (gui_test_grid_text (grid, 3, 1), ==, revenue);
  }
  mix = strata_products_page_get_mix (STRATA_PRODUCTS_PAGE (page));
  drop_down = gtk_grid_get_child_at (GTK_GRID (grid), 2, 1);
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==,
                    category_index (mix, top->category));

  /* Make the top seller costly to run: its revenue moves to costly. */
  g_assert_cmpstr (top->category, !=, "costly");
  from = g_strdup (top->category);
  before_costly = category_revenue (mix, "costly");
  before_from = category_revenue (mix, from);
  costly = category_index (mix, "costly");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), costly);
  gui_test_wait (strata_products_page_get_mix (STRATA_PRODUCTS_PAGE (page)) != mix &&
                 !strata_page_get_loading (STRATA_PAGE (page)));
  mix = strata_products_page_get_mix (STRATA_PRODUCTS_PAGE (page));
  g_assert_cmpfloat_with_epsilon (category_revenue (mix, "costly"), before_costly + top->revenue, 0.01);
  g_assert_cmpfloat_with_epsilon (category_revenue (mix, from), before_from - top->revenue, 0.01);
  grid = gui_test_find_id (page, GTK_TYPE_GRID, "products_grid", 0);
  g_assert_cmpstr (gui_test_grid_text (grid, 0, 1), ==, top->code);
  drop_down = gtk_grid_get_child_at (GTK_GRID (grid), 2, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, costly);
  {
    g_autoptr(GPtrArray) now = strata_products_list (ws, period_id, &error);
    g_assert_cmpstr (((StrataProductInfo *) now->pdata[0])->category, ==, "costly");
  }

  /* Assign by Pattern: the count before, every match assigned after. */
  pattern = g_strdup_printf ("%.2s*", ((StrataProductInfo *) list->pdata[1])->code);
  g_assert_cmpuint (count_in_category (ws, period_id, pattern, "value_added", &n_matching), <, n_matching);
  g_assert_cmpuint (n_matching, >, 0);
  dialog = strata_products_page_open_pattern_dialog (STRATA_PRODUCTS_PAGE (page));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign"));
  entry = gui_test_find_widget (dialog, GTK_TYPE_ENTRY);
  category = gui_test_find_widget (dialog, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (entry);
  g_assert_nonnull (category);
  gtk_editable_set_text (GTK_EDITABLE (entry), pattern);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (category), category_index (mix, "value_added"));
  {
    g_autofree char *n = strata_format_integer (strata_number_format_get_default (), n_matching);

    expected_count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s product matches",
                                                   "%s products match", n_matching), n);
  }
  count = gui_test_find_label (dialog, GTK_TYPE_LABEL, expected_count);
  g_assert_nonnull (count);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign"));
  gui_test_wait_frame (dialog);
  gui_test_save_screenshot (dialog, "products-pattern-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  g_assert_cmpuint (count_in_category (ws, period_id, pattern, "value_added", &n_matching), ==, n_matching);
  gui_test_wait (strata_products_page_get_mix (STRATA_PRODUCTS_PAGE (page)) != mix &&
                 !strata_page_get_loading (STRATA_PAGE (page)));
  gui_test_destroy (GTK_WINDOW (window));
  test_remove_dir (dir);
}

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
  /* To look at the page translated: STRATA_LOCALEDIR=_build/po with
   * STRATA_SCREENSHOT_DIR and LANGUAGE=zh_CN. */
  if (g_getenv ("STRATA_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add_func ("/products-page/demo", test_products_page);
  g_test_add_func ("/products-page/no-products", test_no_products);
  g_test_add_func ("/products-page/assign", test_assign);
  return g_test_run ();
}
