/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Tiers page on a demo workspace: it loads on a worker thread under a
 * spinner, a newer change cancels the load under way, entitlements do not
 * reload it; the pyramid holds the engine's counts, the table view shows
 * them, export writes a file, and the page falls back to its empty state
 * without a workspace. */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-page.h"
#include "strata-period-results.h"
#include "strata-tiers-page.h"
#include "workspace-test-util.h"

static void
test_tiers_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-tiers");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autofree char *png = g_build_filename (dir, "pareto.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "pareto.bmp", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataPeriodResults) results = NULL;
  g_autoptr(GPtrArray) table = NULL;
  GtkWidget *window, *page;
  guint total = 0;

  g_assert_no_error (error);
  context = gui_test_demo_context (path, 400, 7, 2, &ws);

  window = gtk_window_new ();
  page = g_object_new (STRATA_TYPE_TIERS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "empty");

  /* Not on screen yet: the period is scored and charted once it is. */
  g_object_set (page, "context", context, NULL);
  g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "empty");
  gtk_window_present (GTK_WINDOW (window));
  /* Loaded on a worker thread, a spinner over the page meanwhile. */
  gui_test_wait (gtk_widget_get_mapped (page));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_true (GTK_IS_SPINNER (gtk_widget_get_last_child (page)));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (gtk_widget_get_last_child (page))));
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_false (GTK_IS_SPINNER (gtk_widget_get_last_child (page)));
  g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "charts");

  /* Entitlements are not what it shows; two rules changes in a row: the
   * second load replaces the first. */
  strata_workspace_emit_changed (ws, "entitlements");
  g_assert_false (strata_page_get_loading (STRATA_PAGE (page)));
  strata_workspace_emit_changed (ws, "rules");
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  strata_workspace_emit_changed (ws, "rules");
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  gui_test_wait_frame (page);   /* the charts at the size shown */
  g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "charts");

  /* The pyramid's table holds the engine's final-tier counts. */
  results = strata_period_results_load (ws, strata_context_get_period_id (context), &error);
  g_assert_no_error (error);
  table = strata_chart_get_table (STRATA_CHART (strata_tiers_page_get_pyramid (STRATA_TIERS_PAGE (page))));
  g_assert_cmpuint (table->len, ==, results->rules->tiers->len + 1);
  for (guint t = 0; t < results->rules->tiers->len; t++)
    {
      guint n = 0;
      g_autofree char *want = NULL;
      for (guint i = 0; i < results->data->n; i++)
        n += results->result->final_tier[i] == t;
      want = g_strdup_printf ("%u", n);
      g_assert_cmpstr (((char **) table->pdata[t + 1])[1], ==, want);
      total += n;
    }
  g_assert_cmpuint (total, ==, results->data->n);
  g_assert_cmpuint (total, >, 300);
  g_assert_cmpfloat (strata_pareto_chart_share_at (strata_tiers_page_get_pareto (STRATA_TIERS_PAGE (page)), 1),
                     >, 0.999);

  /* A second after the load, glibc's free memory goes back to the system:
   * once, however many loads finished just before. */
  {
    guint trims = strata_page_get_heap_trims ();
    gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (strata_page_get_heap_trims () == trims && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE), g_usleep (10000);
    g_assert_cmpuint (strata_page_get_heap_trims (), ==, trims + 1);
    until = g_get_monotonic_time () + G_USEC_PER_SEC + G_USEC_PER_SEC / 2;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE), g_usleep (10000);
    g_assert_cmpuint (strata_page_get_heap_trims (), ==, trims + 1);
  }

  /* The table one click away. */
  {
    GtkWidget *toggle = NULL;
    for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_first_child (
                          gtk_widget_get_first_child (page)));
         w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_TOGGLE_BUTTON (w))
        toggle = w;
    g_assert_nonnull (toggle);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "table");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
    g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "charts");
  }

  /* Export at the size shown. */
  g_assert_true (strata_tiers_page_export (STRATA_TIERS_PAGE (page), "pareto", png, &error));
  g_assert_no_error (error);
  {
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (image), >=, 100);
    cairo_surface_destroy (image);
  }
  g_assert_false (strata_tiers_page_export (STRATA_TIERS_PAGE (page), "pareto", bad, &error));
  g_assert_nonnull (strstr (error->message, "pareto.bmp"));
  g_clear_error (&error);

  /* Large type for a projector, from the page's menu. */
  {
    gboolean large = FALSE;
    g_assert_true (gtk_widget_activate_action (page, "page.large-type", NULL));
    g_object_get (page, "large-type", &large, NULL);
    g_assert_true (large);
  }

  g_object_set (page, "context", NULL, NULL);
  g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "empty");
  gui_test_destroy (GTK_WINDOW (window));
  test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/tiers-page/demo", test_tiers_page);
  return g_test_run ();
}
