/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a workspace shows the window's page at once: with the scoring's
 * period still loading (held back by the test hook), the window paints the
 * Customers page with its spinner; once the load arrives, the page shows
 * every customer with the scores a fresh scoring gives. */
#include "config.h"

#include "strata-context-private.h"
#include "strata-entitlements-page.h"
#include "strata-tiers-page.h"
#include "window-test-util.h"

static char *tmpdir;
static GApplication *app;

static GtkWidget *
page_spinner (GtkWidget *page)
{
  for (GtkWidget *c = gtk_widget_get_first_child (page); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_SPINNER (c) && g_strcmp0 (gtk_widget_get_name (c), "page-loading") == 0)
      return c;
  return NULL;
}

/* Held back, the load leaves the window showing the page with its spinner
 * (painted: a frame came after the open), the period chosen and no rows;
 * released, the figures come. */
static void
test_page_before_data (void)
{
  g_autofree char *path = window_test_write_demo (tmpdir, "held.strata", 600, 7);
  g_autoptr(StrataScoring) expected = window_test_fresh_scoring (path);
  g_autoptr(GError) error = NULL;
  StrataWindow *window;
  GtkWidget *page, *spinner, *hidden;
  GtkStack *main_stack;
  StrataContext *context;

  window = window_test_present (app);

  strata_context_hold_scoring_loads (TRUE);
  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  context = strata_window_get_context (window);
  g_assert_nonnull (context);
  page = strata_window_get_page (window, "customers");
  g_assert_cmpstr (strata_window_get_page_name (window), ==, "customers");
  gui_test_wait_frame (GTK_WIDGET (window));

  /* Drawn with the data still on its way: the page and its spinner. */
  g_assert_true (strata_context_get_scoring_loading (context));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  spinner = page_spinner (page);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_cmpuint (g_list_model_get_n_items (strata_customers_page_get_model (STRATA_CUSTOMERS_PAGE (page))), ==, 0);
  g_assert_cmpstr (window_test_count_text (STRATA_CUSTOMERS_PAGE (page)), ==, "");
  g_assert_cmpstr (strata_context_get_period (context), ==,
                   strata_period_get_name (STRATA_PERIOD (g_list_model_get_item (strata_context_get_periods (context), 1))));
  window_test_assert_title (window, "held.strata");
  /* The welcome page crossfades into the workspace's while the load waits. */
  main_stack = window_test_main_stack (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "workspace");
  gui_test_wait (!gtk_stack_get_transition_running (main_stack));
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_true (gtk_widget_get_mapped (spinner));
  gui_test_save_screenshot (GTK_WIDGET (window), "open-loading.png");
  /* A page not shown gets the context when it is shown, not on opening:
   * the Entitlements page builds its matrix then. */
  hidden = gui_test_find_widget (GTK_WIDGET (window), STRATA_TYPE_ENTITLEMENTS_PAGE);
  g_assert_nonnull (hidden);
  g_assert_null (strata_page_get_context (STRATA_PAGE (hidden)));
  g_assert_true (strata_window_show_page (window, "entitlements"));
  g_assert_true (strata_page_get_context (STRATA_PAGE (hidden)) == context);
  /* The same when the view switcher shows it (the stack's visible child). */
  hidden = gui_test_find_widget (GTK_WIDGET (window), STRATA_TYPE_TIERS_PAGE);
  g_assert_null (strata_page_get_context (STRATA_PAGE (hidden)));
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK)),
                                    hidden);
  g_assert_true (strata_page_get_context (STRATA_PAGE (hidden)) == context);
  g_assert_true (strata_window_show_page (window, "customers"));

  /* Still held after more frames: the window keeps drawing meanwhile. */
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));

  strata_context_hold_scoring_loads (FALSE);
  window_test_wait_customers (window);
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_mapped (spinner));
  window_test_assert_figures (STRATA_CUSTOMERS_PAGE (page), expected);
  gui_test_save_screenshot (GTK_WIDGET (window), "open-loaded.png");
  gui_test_destroy (GTK_WINDOW (window));
}

/* A second workspace opened while the first one's load is held cancels
 * that load: the window shows the second one's figures, never the first's. */
static void
test_open_while_loading (void)
{
  g_autofree char *first = window_test_write_demo (tmpdir, "first.strata", 300, 3);
  g_autofree char *second = window_test_write_demo (tmpdir, "second.strata", 450, 4);
  g_autoptr(StrataScoring) expected = window_test_fresh_scoring (second);
  g_autoptr(GError) error = NULL;
  StrataWindow *window;
  GtkWidget *page;

  window = window_test_present (app);
  page = strata_window_get_page (window, "customers");

  strata_context_hold_scoring_loads (TRUE);
  g_assert_true (strata_window_open_path (window, first, &error));
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_true (strata_window_open_path (window, second, &error));
  g_assert_no_error (error);
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  window_test_assert_title (window, "second.strata");

  strata_context_hold_scoring_loads (FALSE);
  window_test_wait_customers (window);
  window_test_assert_figures (STRATA_CUSTOMERS_PAGE (page), expected);
  gui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-window-open");
  window_test_bind_translations ();
  app = window_test_app_new (".TestOpen");

  g_test_add_func ("/window-open/page-before-data", test_page_before_data);
  g_test_add_func ("/window-open/open-while-loading", test_open_while_loading);
  status = g_test_run ();

  window_test_finish (NULL, &app, &tmpdir);
  return status;
}
