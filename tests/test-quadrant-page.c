/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Quadrant page on a demo workspace: every customer placed, hovering a
 * point finds it, a click selects it for every page, a band selects many. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "strata-context.h"
#include "strata-demo.h"
#include "strata-period-results.h"
#include "strata-quadrant-page.h"

static void
test_quadrant_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-quadrant-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataPeriodResults) results = NULL;
  StrataQuadrantView *view;
  StrataQuadrantChart *chart;
  GtkWidget *window, *page;
  cairo_rectangle_t plot;
  gssize target = -1;
  double px, py;
  GArray *sel;

  g_assert_no_error (error);
  g_assert_true (strata_demo_write (path, 300, 11, 1, STRATA_DEMO_NONE, NULL, NULL, &error));
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  context = strata_context_new (ws);
  results = strata_period_results_load (ws, strata_context_get_period_id (context), &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  page = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "empty");
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_object_set (page, "context", context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 30; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "chart");

  view = strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page));
  chart = strata_quadrant_view_get_chart (view);
  g_assert_nonnull (chart);
  g_assert_cmpuint (strata_quadrant_chart_get_n_points (chart), ==, results->data->n);

  /* Hover the first customer that has both metrics. */
  strata_quadrant_view_pointer_moved (view, 1, 1);
  g_assert_cmpint (strata_quadrant_view_get_hover (view), ==, -1);
  {
    const char *xk = results->rules->quadrant.x_metric, *yk = results->rules->quadrant.y_metric;
    const double *xs = strata_period_data_get_column (results->data, xk);
    const double *ys = strata_period_data_get_column (results->data, yk);
    for (guint i = 0; i < results->data->n && target < 0; i++)
      if (isfinite (xs[i]) && isfinite (ys[i]))
        target = i;
    g_assert_cmpint (target, >=, 0);
    px = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, xs[target]);
    py = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_Y, ys[target]);
  }
  strata_quadrant_view_pointer_moved (view, px, py);
  g_assert_cmpint (strata_quadrant_view_get_hover (view), >=, 0);
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (view)));

  /* A click selects the customer under the pointer for every page. */
  strata_quadrant_view_select_band (view, px, py, px, py);
  sel = strata_quadrant_view_get_selection (view);
  g_assert_cmpuint (sel->len, ==, 1);
  g_assert_cmpint (strata_context_get_selected_customer (context), ==,
                   results->data->ids[g_array_index (sel, guint, 0)]);

  /* A band over the whole plot selects everyone placed. */
  strata_quadrant_chart_get_plot_area (chart, &plot);
  strata_quadrant_view_select_band (view, plot.x - 1, plot.y - 1, plot.x + plot.width + 1,
                                    plot.y + plot.height + 1);
  g_assert_cmpuint (sel->len, >, results->data->n / 2);

  g_object_set (page, "context", NULL, NULL);
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/quadrant-page/demo", test_quadrant_page);
  return g_test_run ();
}
