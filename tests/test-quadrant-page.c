/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Quadrant page on a demo workspace: it loads on a worker thread under
 * a spinner and a newer change replaces the load under way; every customer
 * placed, hovering a point finds it, a click selects it for every page, a
 * band selects many. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-page.h"
#include "strata-period-results.h"
#include "strata-quadrant-page.h"
#include "strata-quadrant-table.h"
#include "strata-format.h"
#include "strata-ruleset-store.h"
#include "workspace-test-util.h"
#include "strata-quadrant-chart-private.h"

/* The process threshold of the draft in the workspace file. */
/* The quadrant letters the table shows on screen, top to bottom. */
static char *
table_quadrant_letters (StrataQuadrantTable *table)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  gui_test_collect (GTK_WIDGET (strata_quadrant_table_get_view (table)), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      if (gtk_widget_get_mapped (labels->pdata[i]) && strlen (text) == 1 && strchr ("ABCD", *text))
        g_string_append (s, text);
    }
  return g_string_free (s, FALSE);
}

/* Whether the table's first rows on screen, top to bottom, are the rows
 * at positions 0, 1 and 2 of its order (their ids, in that order). */
static gboolean
table_shows_first_rows (StrataQuadrantTable *table,
                        StrataPeriodData    *data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  int at[3] = { -1, -1, -1 };

  gui_test_collect (GTK_WIDGET (strata_quadrant_table_get_view (table)), GTK_TYPE_LABEL, labels);
  for (guint k = 0; k < 3; k++)
    {
      const char *id = strata_period_data_get_ext_id (data, strata_quadrant_table_get_row (table, k));

      for (guint i = 0; i < labels->len && at[k] < 0; i++)
        if (gtk_widget_get_mapped (labels->pdata[i]) && g_str_equal (gtk_label_get_text (labels->pdata[i]), id))
          at[k] = (int) i;
    }
  g_test_message ("first rows' ids at labels %d, %d, %d", at[0], at[1], at[2]);
  return at[0] >= 0 && at[0] < at[1] && at[1] < at[2];
}

static double
draft_x_threshold (StrataWorkspace *ws)
{
  g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (ws, NULL);

  g_assert (draft != NULL);
  return draft->quadrant.x_threshold;
}

static void
test_quadrant_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-quadrant");
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
  context = gui_test_demo_context (path, 300, 11, 1, &ws);
  results = strata_period_results_load (ws, strata_context_get_period_id (context), &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  page = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "empty");
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_object_set (page, "context", context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  /* Loaded on a worker thread, a spinner over the page meanwhile. */
  gui_test_wait (gtk_widget_get_mapped (page));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_true (GTK_IS_SPINNER (gtk_widget_get_last_child (page)));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (gtk_widget_get_last_child (page))));
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "empty");
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_false (GTK_IS_SPINNER (gtk_widget_get_last_child (page)));
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "chart");
  /* Entitlements are not what it shows; two rules changes in a row: the
   * second load replaces the first, and the chart is the period's. */
  strata_workspace_emit_changed (ws, "entitlements");
  g_assert_false (strata_page_get_loading (STRATA_PAGE (page)));
  strata_workspace_emit_changed (ws, "rules");
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  strata_workspace_emit_changed (ws, "rules");
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_cmpuint (strata_quadrant_chart_get_n_points (strata_quadrant_view_get_chart (
                      strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page)))), ==, results->data->n);
  gui_test_wait_frame (page);   /* laid out: the plot has its size */
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
  /* name, quadrant and both values */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (view)),
                            strata_period_data_get_name (results->data, strata_quadrant_view_get_hover (view))));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (view)), "\n"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (view)), ": "));
  /* The query-tooltip handler's text: ID, tier and score as well. */
  {
    gssize h = strata_quadrant_view_get_hover (view);
    const StrataTier *tier = results->rules->tiers->pdata[results->result->final_tier[h]];
    g_autofree char *tip = strata_quadrant_view_get_tooltip_at (view, px, py);
    g_autofree char *score = strata_format_number (results->result->score[h]);
    g_autofree char *line = g_strdup_printf ("%s · tier %s · score %s", strata_period_data_get_ext_id (results->data, h),
                                             tier->id, score);

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, strata_period_data_get_name (results->data, h)));
    g_assert_nonnull (strstr (tip, line));
    g_assert_cmpstr (tip, ==, gtk_widget_get_tooltip_text (GTK_WIDGET (view)));
    g_assert_null (strata_quadrant_view_get_tooltip_at (view, 1, 1));
  }

  /* The Table view: a row per customer, sortable by every column. */
  {
    GtkWidget *toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "table_toggle", 0);
    StrataQuadrantTable *table = NULL;
    GtkColumnView *columns;
    const double *ys = strata_period_data_get_column (results->data, results->rules->quadrant.y_metric);
    const double *xs_all = strata_period_data_get_column (results->data, results->rules->quadrant.x_metric);
    guint checked = 0;

    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "table");
    table = STRATA_QUADRANT_TABLE (gui_test_find_widget (page, STRATA_TYPE_QUADRANT_TABLE));
    g_assert_nonnull (table);
    columns = strata_quadrant_table_get_view (table);
    g_assert_cmpuint (strata_quadrant_table_get_n_rows (table), ==, results->data->n);
    g_assert_true (gtk_column_view_column_get_visible (
                     strata_quadrant_table_get_column (table, STRATA_QUADRANT_TABLE_STICKINESS)));

    /* The result (y) column, largest first; customers without one last. */
    gtk_column_view_sort_by_column (columns, strata_quadrant_table_get_column (
                                      table, STRATA_QUADRANT_TABLE_RESULT), GTK_SORT_DESCENDING);
    for (guint k = 1; k < strata_quadrant_table_get_n_rows (table); k++)
      {
        double a = ys[strata_quadrant_table_get_row (table, k - 1)];
        double b = ys[strata_quadrant_table_get_row (table, k)];

        if (!isnan (a) && !isnan (b))
          g_assert_cmpfloat (a, >=, b);
      }
    g_assert_cmpfloat (ys[strata_quadrant_table_get_row (table, 0)], >,
                       ys[strata_quadrant_table_get_row (table, results->data->n / 2)]);
    /* ID ascending, as text. */
    gtk_column_view_sort_by_column (columns, strata_quadrant_table_get_column (
                                      table, STRATA_QUADRANT_TABLE_ID), GTK_SORT_ASCENDING);
    for (guint k = 1; k < strata_quadrant_table_get_n_rows (table); k++)
      g_assert_cmpint (g_utf8_collate (strata_period_data_get_ext_id (results->data, strata_quadrant_table_get_row (table, k - 1)),
                                       strata_period_data_get_ext_id (results->data, strata_quadrant_table_get_row (table, k))),
                       <=, 0);
    /* Name ascending, in the locale's collation (ranked once, not
     * collated per comparison). */
    gtk_column_view_sort_by_column (columns, strata_quadrant_table_get_column (
                                      table, STRATA_QUADRANT_TABLE_NAME), GTK_SORT_ASCENDING);
    for (guint k = 1; k < strata_quadrant_table_get_n_rows (table); k++)
      g_assert_cmpint (g_utf8_collate (strata_period_data_get_name (results->data, strata_quadrant_table_get_row (table, k - 1)),
                                       strata_period_data_get_name (results->data, strata_quadrant_table_get_row (table, k))),
                       <=, 0);
    /* Tier: the rules' order (A first), then quadrant: A to D. */
    gtk_column_view_sort_by_column (columns, strata_quadrant_table_get_column (
                                      table, STRATA_QUADRANT_TABLE_TIER), GTK_SORT_ASCENDING);
    for (guint k = 1; k < strata_quadrant_table_get_n_rows (table); k++)
      g_assert_cmpuint (results->result->final_tier[strata_quadrant_table_get_row (table, k - 1)], <=,
                        results->result->final_tier[strata_quadrant_table_get_row (table, k)]);
    /* Scrolled down, then sorted by another column: its first rows, on
     * screen (the cells GTK keeps are filled again, not made anew). */
    {
      GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (columns));

      gui_test_wait_frame (GTK_WIDGET (columns));
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) / 2);
      gui_test_wait_frame (GTK_WIDGET (columns));
      g_assert_false (table_shows_first_rows (table, results->data));
      gtk_column_view_sort_by_column (columns, strata_quadrant_table_get_column (
                                        table, STRATA_QUADRANT_TABLE_QUADRANT), GTK_SORT_ASCENDING);
      gui_test_wait_frame (GTK_WIDGET (columns));
      g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, gtk_adjustment_get_lower (v));
      g_assert_true (table_shows_first_rows (table, results->data));
      /* The other way: the cells on screen follow at once. */
      gtk_column_view_sort_by_column (columns, strata_quadrant_table_get_column (
                                        table, STRATA_QUADRANT_TABLE_QUADRANT), GTK_SORT_DESCENDING);
      g_assert_true (table_shows_first_rows (table, results->data));
      gtk_column_view_sort_by_column (columns, strata_quadrant_table_get_column (
                                        table, STRATA_QUADRANT_TABLE_QUADRANT), GTK_SORT_ASCENDING);
      gui_test_wait_frame (GTK_WIDGET (columns));
      g_assert_true (table_shows_first_rows (table, results->data));
    }
    {
      g_autofree char *first = strata_quadrant_table_cell_text (
        table, strata_quadrant_table_get_row (table, 0), STRATA_QUADRANT_TABLE_QUADRANT);
      g_autofree char *last = strata_quadrant_table_cell_text (
        table, strata_quadrant_table_get_row (table, results->data->n - 1), STRATA_QUADRANT_TABLE_QUADRANT);
      g_assert_cmpstr (first, ==, "A");
      g_assert_cmpstr (last, ==, "D");
    }
    /* Numbers as strata-format.h writes them (grouped: 1,234). */
    for (guint i = 0; i < results->data->n; i++)
      {
        g_autofree char *text = strata_quadrant_table_cell_text (table, i, STRATA_QUADRANT_TABLE_PROCESS);
        g_autofree char *expected = NULL;

        if (isnan (xs_all[i]))
          continue;
        expected = xs_all[i] == floor (xs_all[i])
                   ? strata_format_integer (strata_number_format_get_default (), xs_all[i])
                   : strata_format_decimal (strata_number_format_get_default (), xs_all[i], 2);
        g_assert_cmpstr (text, ==, expected);
        checked++;
      }
    g_assert_cmpuint (checked, >, 0);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
    g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "chart");
  }

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
  /* ... and lists every one of them, not only the few the label names;
   * clicking a row selects that customer everywhere. */
  {
    GListModel *list = strata_quadrant_page_get_selection_list (STRATA_QUADRANT_PAGE (page));
    guint last = sel->len - 1;
    g_autofree char *row = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, sel->len);
    row = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (list), last));
    g_assert_nonnull (strstr (row, strata_period_data_get_name (results->data, g_array_index (sel, guint, last))));
    g_assert_true (g_str_has_prefix (row, strata_period_data_get_ext_id (results->data, g_array_index (sel, guint, last))));
    strata_quadrant_page_activate_selection_row (STRATA_QUADRANT_PAGE (page), last);
    g_assert_cmpint (strata_context_get_selected_customer (context), ==,
                     results->data->ids[g_array_index (sel, guint, last)]);
  }

  /* Dragging the vertical line moves the draft's process threshold; the
   * undo action puts it back. */
  {
    g_autoptr(StrataRules) before = strata_ruleset_store_get_draft (ws, &error);
    g_autoptr(StrataRules) after = NULL;
    g_autoptr(StrataRules) undone = NULL;
    double lx = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X,
                                                      before->quadrant.x_threshold);
    double ly = plot.y + plot.height / 2;
    double drag_x = 0, drag_y = 0;
    guint drag_counts[4] = { 0, };
    double target_x = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X,
                                                            before->quadrant.x_threshold * 2);

    g_assert_cmpint (strata_quadrant_chart_threshold_at (chart, lx, ly), ==, STRATA_THRESHOLD_X);
    strata_quadrant_view_pointer_moved (view, lx, ly);
    g_assert_nonnull (gtk_widget_get_cursor (GTK_WIDGET (view)));
    g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (view))), ==, "col-resize");
    /* While dragging, the line and the quadrant counts are those that
     * apply after release (the threshold rounded as it will be kept). */
    strata_quadrant_view_drag_begin (view, lx, ly);
    strata_quadrant_view_drag_motion (view, target_x + 0.37, ly);
    strata_quadrant_chart_get_thresholds (chart, &drag_x, &drag_y);
    strata_quadrant_chart_get_counts (chart, drag_counts, NULL);
    g_assert_cmpfloat (drag_x, ==, strata_quadrant_view_round_threshold (drag_x));
    strata_quadrant_view_drag_end (view, target_x + 0.37, ly);
    gui_test_wait (fabs (draft_x_threshold (ws) - before->quadrant.x_threshold * 2) <=
                   before->quadrant.x_threshold * 0.05);
    /* The draft's change reloads the page (on the worker). */
    gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
    after = strata_ruleset_store_get_draft (ws, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (after->quadrant.x_threshold, before->quadrant.x_threshold * 2,
                                    before->quadrant.x_threshold * 0.05);
    g_assert_cmpfloat (after->quadrant.y_threshold, ==, before->quadrant.y_threshold);
    /* The page shows the draft's line where it was dropped. */
    chart = strata_quadrant_view_get_chart (view);
    {
      double tx, ty;
      guint counts[4];

      strata_quadrant_chart_get_thresholds (chart, &tx, &ty);
      g_assert_cmpfloat (tx, ==, after->quadrant.x_threshold);
      g_assert_cmpfloat (tx, ==, drag_x);
      strata_quadrant_chart_get_counts (chart, counts, NULL);
      for (guint q = 0; q < 4; q++)
        g_assert_cmpuint (counts[q], ==, drag_counts[q]);
    }
    g_assert_true (gtk_widget_activate_action (page, "page.undo", NULL));
    undone = strata_ruleset_store_get_draft (ws, &error);
    g_assert_cmpfloat (undone->quadrant.x_threshold, ==, before->quadrant.x_threshold);
    gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
    chart = strata_quadrant_view_get_chart (view);
    {
      double tx, ty;

      strata_quadrant_chart_get_thresholds (chart, &tx, &ty);
      g_assert_cmpfloat (tx, ==, before->quadrant.x_threshold);
    }
  }

  /* The Table view follows a dragged line before it is released: its
   * quadrant cells on screen change on the next frame. */
  {
    GtkWidget *toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "table_toggle", 0);
    StrataQuadrantTable *table;
    double x0, y0;
    double lx, ly = plot.y + plot.height / 2;
    g_autofree char *before = NULL;
    g_autofree char *during = NULL;

    gui_test_wait_frame (GTK_WIDGET (view)); /* the new chart laid out */
    chart = strata_quadrant_view_get_chart (view);
    strata_quadrant_chart_get_thresholds (chart, &x0, &y0);
    lx = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, x0);
    g_assert_cmpint (strata_quadrant_chart_threshold_at (chart, lx, ly), ==, STRATA_THRESHOLD_X);
    strata_quadrant_view_drag_begin (view, lx, ly);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    table = STRATA_QUADRANT_TABLE (gui_test_find_widget (page, STRATA_TYPE_QUADRANT_TABLE));
    gui_test_wait (gtk_widget_get_mapped (GTK_WIDGET (table)));
    /* In ID order, which a drag does not change. */
    gtk_column_view_sort_by_column (strata_quadrant_table_get_view (table),
                                    strata_quadrant_table_get_column (table, STRATA_QUADRANT_TABLE_ID),
                                    GTK_SORT_ASCENDING);
    gui_test_wait_frame (GTK_WIDGET (table));
    before = table_quadrant_letters (table);
    g_test_message ("quadrants on screen before the drag: %s", before);
    /* Customers on both sides of the line are on screen. */
    g_assert_true (strpbrk (before, "AC") != NULL);
    g_assert_true (strpbrk (before, "BD") != NULL);
    /* The line to the right edge: everyone is left of it (B or D). */
    strata_quadrant_view_drag_motion (view, plot.x + plot.width - 1, ly);
    gui_test_wait ((g_free (during), during = table_quadrant_letters (table),
                    strlen (during) == strlen (before) && strpbrk (during, "AC") == NULL));
    g_test_message ("quadrants on screen while dragging: %s", during);
    g_assert_cmpstr (during, !=, before);
    /* Released, then undone: the line is back where it was. */
    strata_quadrant_view_drag_end (view, plot.x + plot.width - 1, ly);
    gui_test_wait (draft_x_threshold (ws) != x0);
    gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
    g_assert_true (gtk_widget_activate_action (page, "page.undo", NULL));
    gui_test_wait (draft_x_threshold (ws) == x0);
    gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
    chart = strata_quadrant_view_get_chart (view);
  }

  /* The options: a linear x axis, colour by quadrant, one tier only. */
  g_assert_true (gtk_widget_activate_action (page, "page.log-x", NULL));
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->scale, ==, STRATA_AXIS_LINEAR);
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_Y)->scale, ==, STRATA_AXIS_LOG);
  g_assert_true (gtk_widget_activate_action (page, "page.colour-by", "s", "quadrant"));
  {
    g_autofree char *by = NULL;
    g_object_get (page, "colour-by", &by, NULL);
    g_assert_cmpstr (by, ==, "quadrant");
  }
  {
    GtkWidget *w;
    GtkDropDown *filter = NULL;
    /* the header's drop-down: All Tiers, then each tier */
    for (w = gtk_widget_get_first_child (gtk_widget_get_first_child (gtk_widget_get_first_child (page)));
         w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_DROP_DOWN (w))
        filter = GTK_DROP_DOWN (w);
    g_assert_nonnull (filter);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (filter)), ==,
                      results->rules->tiers->len + 1);
    gtk_drop_down_set_selected (filter, 1);   /* the best tier only */
    strata_quadrant_view_select_band (view, plot.x - 1, plot.y - 1, plot.x + plot.width + 1,
                                      plot.y + plot.height + 1);
    sel = strata_quadrant_view_get_selection (view);
    for (guint k = 0; k < sel->len; k++)
      g_assert_cmpuint (results->result->final_tier[g_array_index (sel, guint, k)], ==, 0);
    gtk_drop_down_set_selected (filter, 0);
  }

  /* Export at a chosen size. */
  {
    g_autofree char *png = g_build_filename (dir, "q.png", NULL);
    cairo_surface_t *surface;
    g_assert_true (strata_quadrant_page_export (STRATA_QUADRANT_PAGE (page), "640x480", png, &error));
    g_assert_no_error (error);
    surface = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 480);
    cairo_surface_destroy (surface);
    g_assert_false (strata_quadrant_page_export (STRATA_QUADRANT_PAGE (page), "640x480", "q.bmp", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_unlink (png);
  }

  g_object_set (page, "context", NULL, NULL);
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "empty");
  gui_test_destroy (GTK_WINDOW (window));
  test_remove_dir (dir);
}

/* Sets the period's values of a metric: CASE expression over customer_id. */
static void
set_values (StrataWorkspace *ws,
            const char      *key,
            const char      *expression)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE metric_values SET value = %s"
                                          " WHERE metric_id = (SELECT id FROM metrics WHERE key = '%s')",
                                          expression, key);

  test_workspace_exec (ws, sql);
}

/* After a change: the page loaded again, its chart drawn. */
static StrataQuadrantChart *
reload_page (StrataWorkspace *ws,
             StrataContext   *context,
             GtkWidget       *page)
{
  StrataQuadrantView *view = strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page));
  /* Held, so that the new chart cannot take the old one's address. */
  g_autoptr(StrataQuadrantChart) old = NULL;

  if (strata_quadrant_view_get_chart (view) != NULL)
    old = g_object_ref (strata_quadrant_view_get_chart (view));
  strata_workspace_emit_changed (ws, "all");
  gui_test_wait (strata_quadrant_view_get_chart (view) != old &&
                 strata_quadrant_view_get_chart (view) != NULL &&
                 !strata_context_get_scoring_loading (context) &&
                 !strata_page_get_loading (STRATA_PAGE (page)));
  gui_test_wait_frame (page);
  return strata_quadrant_view_get_chart (view);
}

/* The Log Scale toggle on the page: offered when the process values span
 * more than two decades (1 to 5,000), switching that axis alone between
 * log and linear; not offered once both span less (10 to 59). */
static void
test_log_offer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-quadrant-log");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataPeriodResults) results = NULL;
  StrataQuadrantChart *chart;
  GtkWidget *page, *toggle;
  GtkWindow *window;
  const char *xk, *yk;
  gboolean log_y;

  context = gui_test_demo_context (path, 300, 11, 1, &ws);
  results = strata_period_results_load (ws, strata_context_get_period_id (context), &error);
  g_assert_no_error (error);
  xk = results->rules->quadrant.x_metric;
  yk = results->rules->quadrant.y_metric;
  set_values (ws, xk, "CASE customer_id % 4 WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 ELSE 5000 END");
  set_values (ws, yk, "10 + customer_id % 50");

  page = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  g_object_set (page, "context", context, NULL);
  window = gui_test_show (page, 1000, 700);
  chart = reload_page (ws, context, page);
  g_assert_nonnull (chart);
  toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "log-scale", 0);
  g_assert_nonnull (toggle);

  /* Offered, for x alone, and on (the page draws long tails on log axes). */
  g_assert_true (strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_X));
  g_assert_false (strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_Y));
  g_assert_true (gtk_widget_get_visible (toggle));
  g_assert_true (gtk_widget_is_drawable (toggle));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->scale, ==, STRATA_AXIS_LOG);
  g_object_get (page, "log-y", &log_y, NULL);
  gui_test_save_screenshot (page, "quadrant-log-offer.png");

  /* Off: x linear, y as it was. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->scale, ==, STRATA_AXIS_LINEAR);
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_Y)->scale, ==,
                   log_y ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR);
  {
    gboolean log_x;

    g_object_get (page, "log-x", &log_x, NULL);
    g_assert_false (log_x);
  }
  /* On again: log x, its ticks at 1, 10, 100, 1,000, 10,000. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  {
    const StrataAxis *axis = strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X);
    g_autoptr(GArray) ticks = NULL;

    g_assert_cmpint (axis->scale, ==, STRATA_AXIS_LOG);
    gui_test_wait_frame (page);
    ticks = strata_axis_ticks (axis, 6);
    g_assert_cmpuint (ticks->len, ==, 5);
    for (guint i = 0; i < ticks->len; i++)
      g_assert_cmpfloat (g_array_index (ticks, double, i), ==, pow (10, i));
  }
  /* The options menu's switch is followed by the toggle. */
  g_object_set (page, "log-x", FALSE, NULL);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_object_set (page, "log-x", TRUE, NULL);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));

  /* Both metrics within two decades: not offered. */
  set_values (ws, xk, "10 + customer_id % 50");
  chart = reload_page (ws, context, page);
  g_assert_nonnull (chart);
  g_assert_false (strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_X));
  g_assert_false (strata_quadrant_chart_wants_log (chart, STRATA_THRESHOLD_Y));
  g_assert_false (gtk_widget_get_visible (toggle));

  gui_test_destroy (window);
  test_remove_dir (dir);
}

/* A new page on context in a 1000 × 700 window, its first load done. */
static GtkWindow *
show_loaded_page (StrataContext  *context,
                  GtkWidget     **page)
{
  StrataQuadrantView *view;
  GtkWindow *window;

  *page = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  g_object_set (*page, "context", context, NULL);
  window = gui_test_show (*page, 1000, 700);
  view = strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (*page));
  gui_test_wait (strata_quadrant_view_get_chart (view) != NULL &&
                 !strata_page_get_loading (STRATA_PAGE (*page)));
  return window;
}

/* A first visit at 50,000 customers: the chart is made on the page's
 * worker and its density binned by the view's job, so the main thread
 * never passes over every point (the chart counts such passes); the
 * picture comes once the job is done, with every customer counted. */
static void
test_large_first_visit (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-quadrant-large");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = gui_test_demo_context (path, 50000, 11, 1, &ws);
  StrataQuadrantView *view;
  StrataQuadrantChart *chart;
  GtkWidget *page;
  GtkWindow *window;
  guint passes = strata_quadrant_chart_get_main_thread_passes (), counts[4];

  window = show_loaded_page (context, &page);
  view = strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page));
  chart = strata_quadrant_view_get_chart (view);
  g_assert_cmpuint (strata_quadrant_chart_get_n_points (chart), ==, 50000);
  /* Drawn from the job's image, not binned here. */
  gui_test_wait (chart->density_cache != NULL);
  gui_test_wait_frame (page);
  g_assert_true (strata_quadrant_chart_get_drew_density (chart));
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes);
  strata_quadrant_chart_get_counts (chart, counts, NULL);
  g_assert_cmpuint (counts[0] + counts[1] + counts[2] + counts[3], ==, chart->n_visible);
  g_assert_cmpuint (chart->n_visible, >, 45000);
  gui_test_save_screenshot (page, "quadrant-50k.png");

  /* The table of 50,000 rows: GTK is given a screenful first (it makes
   * 200 rows' widgets around the top of a list at once), the rest over
   * the next frames; its first rows are on screen meanwhile. */
  {
    GtkWidget *toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "table_toggle", 0);
    StrataQuadrantTable *table = STRATA_QUADRANT_TABLE (gui_test_find_widget (page, STRATA_TYPE_QUADRANT_TABLE));
    GListModel *given = NULL;
    g_autoptr(StrataPeriodResults) results = strata_period_results_load (ws, strata_context_get_period_id (context), NULL);

    g_assert_nonnull (results);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    given = G_LIST_MODEL (gtk_column_view_get_model (strata_quadrant_table_get_view (table)));
    g_assert_cmpuint (strata_quadrant_table_get_n_rows (table), ==, 50000);
    g_assert_cmpuint (g_list_model_get_n_items (given), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (given), <, 100);
    gui_test_wait_frame (page);
    gui_test_wait (!strata_quadrant_table_get_sorting (table));
    gui_test_wait (g_list_model_get_n_items (given) == 50000);
    gui_test_wait_frame (page);
    g_assert_true (table_shows_first_rows (table, results->data));
  }

  gui_test_destroy (window);
  test_remove_dir (dir);
}

/* The quadrant counts of a plain pass: finite values only, ">= threshold
 * is high", as the page's rules place customers. */
static void
plain_counts (StrataQuadrantChart *chart,
              guint                counts[4])
{
  double tx, ty;

  strata_quadrant_chart_get_thresholds (chart, &tx, &ty);
  memset (counts, 0, 4 * sizeof (guint));
  for (gsize i = 0; i < chart->n; i++)
    if (isfinite (chart->x[i]) && isfinite (chart->y[i]))
      counts[chart->y[i] >= ty ? (chart->x[i] >= tx ? 0 : 1) : (chart->x[i] >= tx ? 2 : 3)]++;
}

/* Above the view's deferred size (30,000 customers): a dragged line's
 * counts come from the view's worker and equal a plain count at every
 * position; switching log scale computes the new positions on a worker
 * (the chart keeps the old scales until then) and they equal the chart's
 * own index for those scales. The main thread passes over no point. */
static void
test_large_drag_and_log (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-quadrant-drag");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = gui_test_demo_context (path, 30000, 11, 1, &ws);
  StrataQuadrantView *view;
  StrataQuadrantChart *chart;
  StrataQuadrantPositions direct;
  cairo_rectangle_t plot;
  GtkWidget *page;
  GtkWindow *window;
  guint passes, counts[4], plain[4], reloads;
  double tx, tx0, px, py, step;
  gboolean log_x;
  StrataAxisScale y_scale;

  window = show_loaded_page (context, &page);
  view = strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page));
  chart = strata_quadrant_view_get_chart (view);
  gui_test_wait_frame (page);
  gui_test_wait (!strata_quadrant_view_get_busy (view) && chart->density_cache != NULL);
  passes = strata_quadrant_chart_get_main_thread_passes ();

  /* Log scale on the process axis switched: on a worker. */
  g_object_get (page, "log-x", &log_x, NULL);
  y_scale = strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_Y)->scale;
  g_object_set (page, "log-x", !log_x, NULL);
  g_assert_true (strata_quadrant_view_get_busy (view));
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->scale, ==,
                   log_x ? STRATA_AXIS_LOG : STRATA_AXIS_LINEAR);
  gui_test_wait (!strata_quadrant_view_get_busy (view));
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->scale, ==,
                   log_x ? STRATA_AXIS_LINEAR : STRATA_AXIS_LOG);
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_Y)->scale, ==, y_scale);
  direct = (StrataQuadrantPositions) { chart->x_axis, chart->y_axis };
  strata_quadrant_positions_compute (&direct, chart->x, chart->y, chart->n, chart->x_threshold, chart->y_threshold);
  g_assert_cmpfloat (direct.x_axis.min, ==, chart->x_axis.min);
  g_assert_cmpfloat (direct.x_axis.max, ==, chart->x_axis.max);
  g_assert_cmpmem (direct.ux, chart->n * sizeof (float), chart->ux, chart->n * sizeof (float));
  g_assert_cmpmem (direct.uy, chart->n * sizeof (float), chart->uy, chart->n * sizeof (float));
  /* The hit-test grid waits for a hit test; the drawing order for points
   * drawn one by one (this chart draws its density). */
  g_assert_null (chart->cell_items);
  g_assert_null (chart->order);
  strata_quadrant_positions_clear (&direct);
  /* A switch and back before the worker is done: the last one wins. */
  g_object_set (page, "log-x", log_x, NULL);
  g_object_set (page, "log-x", !log_x, NULL);
  gui_test_wait (!strata_quadrant_view_get_busy (view));
  g_assert_cmpint (strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->scale, ==,
                   log_x ? STRATA_AXIS_LINEAR : STRATA_AXIS_LOG);
  gui_test_wait_frame (page);

  /* The process line dragged in steps (towards the wider side): exact
   * counts at each. */
  strata_quadrant_chart_get_thresholds (chart, &tx0, NULL);
  strata_quadrant_chart_get_plot_area (chart, &plot);
  px = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, tx0);
  py = plot.y + plot.height * 0.3;
  step = px < plot.x + plot.width / 2 ? 25 : -25;
  strata_quadrant_view_drag_begin (view, px, py);
  for (guint k = 1; k <= 4; k++)
    {
      strata_quadrant_view_drag_motion (view, px + step * k, py);
      gtk_widget_queue_draw (GTK_WIDGET (view));
      gui_test_wait_frame (page);
      gui_test_wait (!strata_quadrant_view_get_busy (view) && chart->quadrant_counts[0] != G_MAXUINT);
      strata_quadrant_chart_get_thresholds (chart, &tx, NULL);
      g_assert_cmpfloat (tx, !=, tx0);
      strata_quadrant_chart_get_counts (chart, counts, NULL);
      plain_counts (chart, plain);
      for (guint q = 0; q < 4; q++)
        g_assert_cmpuint (counts[q], ==, plain[q]);
      g_assert_cmpuint (counts[0] + counts[1] + counts[2] + counts[3], ==, chart->n_visible);
      tx0 = tx;
    }
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes);
  /* Released: the draft saved, the page not loaded again. */
  reloads = strata_page_get_reloads (STRATA_PAGE (page));
  strata_quadrant_view_drag_end (view, px + step * 4, py);
  g_assert_cmpfloat (draft_x_threshold (ws), ==, tx);
  gui_test_wait_idle ();
  g_assert_cmpuint (strata_page_get_reloads (STRATA_PAGE (page)), ==, reloads);
  g_assert_true (strata_quadrant_view_get_chart (view) == chart);

  /* The table sorted by quadrant (in steps, at 30,000 rows): every row in
   * order, as many of each quadrant as a plain count. */
  {
    GtkWidget *toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "table_toggle", 0);
    StrataQuadrantTable *table = STRATA_QUADRANT_TABLE (gui_test_find_widget (page, STRATA_TYPE_QUADRANT_TABLE));
    guint in_table[5] = { 0 };
    StrataQuadrant last = STRATA_QUADRANT_NONE;
    static const char *letters[] = { "–", "A", "B", "C", "D" };

    chart = strata_quadrant_view_get_chart (view);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    gtk_column_view_sort_by_column (strata_quadrant_table_get_view (table),
                                    strata_quadrant_table_get_column (table, STRATA_QUADRANT_TABLE_QUADRANT),
                                    GTK_SORT_ASCENDING);
    gui_test_wait (!strata_quadrant_table_get_sorting (table));
    g_assert_cmpuint (strata_quadrant_table_get_n_rows (table), ==, chart->n);
    for (guint k = 0; k < strata_quadrant_table_get_n_rows (table); k++)
      {
        guint row = strata_quadrant_table_get_row (table, k);
        StrataQuadrant q = strata_quadrant_chart_classify (chart, row);
        g_autofree char *letter = strata_quadrant_table_cell_text (table, row, STRATA_QUADRANT_TABLE_QUADRANT);

        g_assert_cmpint (q, >=, last);
        last = q;
        in_table[q]++;
        g_assert_cmpstr (letter, ==, letters[q]);
      }
    plain_counts (chart, plain);
    for (guint q = 0; q < 4; q++)
      g_assert_cmpuint (in_table[q + 1], ==, plain[q]);
    gui_test_save_screenshot (page, "quadrant-table-30k.png");
  }

  gui_test_destroy (window);
  test_remove_dir (dir);
}

/* The page's table sorted by quadrant: each row's index and quadrant
 * letter, in the order shown. */
static char *
table_by_quadrant (GtkWidget *page)
{
  GtkWidget *toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "table_toggle", 0);
  StrataQuadrantTable *table = STRATA_QUADRANT_TABLE (gui_test_find_widget (page, STRATA_TYPE_QUADRANT_TABLE));
  GString *s = g_string_new (NULL);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  gtk_column_view_sort_by_column (strata_quadrant_table_get_view (table),
                                  strata_quadrant_table_get_column (table, STRATA_QUADRANT_TABLE_QUADRANT),
                                  GTK_SORT_ASCENDING);
  gui_test_wait (!strata_quadrant_table_get_sorting (table));
  gui_test_wait_frame (page);
  for (guint k = 0; k < strata_quadrant_table_get_n_rows (table); k++)
    {
      guint row = strata_quadrant_table_get_row (table, k);
      g_autofree char *letter = strata_quadrant_table_cell_text (table, row, STRATA_QUADRANT_TABLE_QUADRANT);

      g_string_append_printf (s, "%u%s ", row, letter);
    }
  {
    g_autofree char *on_screen = table_quadrant_letters (table);

    g_string_append_printf (s, "| %s", on_screen);
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  return g_string_free (s, FALSE);
}

/* What a page shows, to compare with a fresh page's: the lines, the
 * counts, the draft note, the funnel's summary and the chart's pixels. */
static void
assert_same_page (GtkWidget *page,
                  GtkWidget *fresh)
{
  StrataQuadrantChart *a = strata_quadrant_view_get_chart (strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page)));
  StrataQuadrantChart *b = strata_quadrant_view_get_chart (strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (fresh)));
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *pa, *pb;
  guint ca[4], cb[4], plain[4];
  double ax, ay, bx, by;
  const char *ids[] = { "draft_note", "funnel_note" };

  strata_quadrant_chart_get_thresholds (a, &ax, &ay);
  strata_quadrant_chart_get_thresholds (b, &bx, &by);
  g_assert_cmpfloat (ax, ==, bx);
  g_assert_cmpfloat (ay, ==, by);
  g_assert_cmpuint (strata_quadrant_chart_get_n_points (a), ==, strata_quadrant_chart_get_n_points (b));
  strata_quadrant_chart_get_counts (a, ca, NULL);
  strata_quadrant_chart_get_counts (b, cb, NULL);
  plain_counts (b, plain);
  for (guint q = 0; q < 4; q++)
    {
      g_assert_cmpuint (ca[q], ==, cb[q]);
      g_assert_cmpuint (ca[q], ==, plain[q]);
    }
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      GtkWidget *la = gui_test_find_id (page, GTK_TYPE_LABEL, ids[k], 0);
      GtkWidget *lb = gui_test_find_id (fresh, GTK_TYPE_LABEL, ids[k], 0);

      g_assert_cmpint (gtk_widget_get_visible (la), ==, gtk_widget_get_visible (lb));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (la)), ==, gtk_label_get_text (GTK_LABEL (lb)));
    }
  pa = chart_test_render (a, style, 900, 600);
  pb = chart_test_render (b, style, 900, 600);
  g_assert_cmpmem (cairo_image_surface_get_data (pa),
                   cairo_image_surface_get_stride (pa) * 600,
                   cairo_image_surface_get_data (pb),
                   cairo_image_surface_get_stride (pb) * 600);
  cairo_surface_destroy (pa);
  cairo_surface_destroy (pb);
}

/* A dragged line's release at 3,000 customers saves the draft without
 * loading the page again (the same chart, no reload): its lines, counts,
 * draft note, table, funnel and picture are a fresh page's on the same
 * rules. A threshold saved by the Scoring page, and Undo, still reload
 * the page to the draft's lines. */
static void
test_release_without_reload (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-quadrant-release");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = gui_test_demo_context (path, 3000, 11, 1, &ws);
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *fresh, *note;
  GtkWindow *window, *fresh_window;
  StrataQuadrantView *view;
  StrataQuadrantChart *chart;
  cairo_rectangle_t plot;
  double tx0, tx, px, py;
  guint reloads;

  window = show_loaded_page (context, &page);
  view = strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page));
  chart = strata_quadrant_view_get_chart (view);
  gui_test_wait_frame (page);
  note = gui_test_find_id (page, GTK_TYPE_LABEL, "draft_note", 0);
  g_assert_false (gtk_widget_get_visible (note));

  /* The process line dragged 60 pixels towards the wider side. */
  strata_quadrant_chart_get_thresholds (chart, &tx0, NULL);
  strata_quadrant_chart_get_plot_area (chart, &plot);
  px = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, tx0);
  py = plot.y + plot.height * 0.3;
  reloads = strata_page_get_reloads (STRATA_PAGE (page));
  strata_quadrant_view_drag_begin (view, px, py);
  strata_quadrant_view_drag_motion (view, px + (px < plot.x + plot.width / 2 ? 60 : -60), py);
  strata_quadrant_view_drag_end (view, px + (px < plot.x + plot.width / 2 ? 60 : -60), py);
  strata_quadrant_chart_get_thresholds (chart, &tx, NULL);
  g_assert_cmpfloat (tx, !=, tx0);
  g_assert_cmpfloat (draft_x_threshold (ws), ==, tx);
  gui_test_wait_idle ();
  gui_test_wait_frame (page);
  g_assert_cmpuint (strata_page_get_reloads (STRATA_PAGE (page)), ==, reloads);
  g_assert_false (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_true (strata_quadrant_view_get_chart (view) == chart);
  g_assert_true (gtk_widget_get_visible (note));
  gui_test_save_screenshot (page, "quadrant-released.png");

  /* A fresh page on the same context shows the same. */
  fresh_window = show_loaded_page (context, &fresh);
  gui_test_wait_frame (fresh);
  assert_same_page (page, fresh);
  {
    g_autofree char *dragged = table_by_quadrant (page);
    g_autofree char *loaded = table_by_quadrant (fresh);

    g_assert_cmpstr (dragged, ==, loaded);
  }
  gui_test_destroy (fresh_window);

  /* Undo puts the old line back in the draft: the page loads again. */
  g_assert_true (gtk_widget_activate_action (page, "page.undo", NULL));
  g_assert_cmpfloat (draft_x_threshold (ws), ==, tx0);
  gui_test_wait (strata_page_get_reloads (STRATA_PAGE (page)) > reloads &&
                 !strata_page_get_loading (STRATA_PAGE (page)));
  chart = strata_quadrant_view_get_chart (view);
  strata_quadrant_chart_get_thresholds (chart, &px, NULL);
  g_assert_cmpfloat (px, ==, tx0);
  g_assert_false (gtk_widget_get_visible (note));

  /* The Scoring page saves the dragged threshold again: the same. */
  reloads = strata_page_get_reloads (STRATA_PAGE (page));
  {
    g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (ws, &error);

    g_assert_no_error (error);
    draft->quadrant.x_threshold = tx;
    g_assert_true (strata_ruleset_store_save_draft (ws, draft, &error));
    g_assert_no_error (error);
  }
  gui_test_wait (strata_page_get_reloads (STRATA_PAGE (page)) > reloads &&
                 !strata_page_get_loading (STRATA_PAGE (page)));
  chart = strata_quadrant_view_get_chart (view);
  strata_quadrant_chart_get_thresholds (chart, &px, NULL);
  g_assert_cmpfloat (px, ==, tx);
  g_assert_true (gtk_widget_get_visible (note));

  gui_test_destroy (window);
  test_remove_dir (dir);
}

/* The view keeps the chart's hit-test grid only while shown: made by the
 * first hit test, dropped when the page is hidden, made again (the same
 * answers) by the next. */
static void
test_hit_index_while_shown (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-quadrant-hit-index");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = gui_test_demo_context (path, 3000, 11, 1, &ws);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gssize));
  StrataQuadrantView *view;
  StrataQuadrantChart *chart;
  cairo_rectangle_t plot;
  GtkWidget *page;
  GtkWindow *window;
  guint found = 0;

  window = show_loaded_page (context, &page);
  view = strata_quadrant_page_get_view (STRATA_QUADRANT_PAGE (page));
  chart = strata_quadrant_view_get_chart (view);
  gui_test_wait_frame (page);
  strata_quadrant_chart_get_plot_area (chart, &plot);
  for (guint k = 0; k < 400; k++)
    {
      gssize i = strata_quadrant_chart_hit_test (chart, plot.x + plot.width * (k % 20) / 20.0,
                                                 plot.y + plot.height * (k / 20) / 20.0);
      g_array_append_val (hits, i);
      found += i >= 0;
    }
  g_assert_cmpuint (found, >, 0);
  g_assert_nonnull (chart->cell_items);

  gtk_widget_set_visible (page, FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_null (chart->cell_items);
  gtk_widget_set_visible (page, TRUE);
  gui_test_wait_frame (page);
  for (guint k = 0; k < 400; k++)
    g_assert_cmpint (strata_quadrant_chart_hit_test (chart, plot.x + plot.width * (k % 20) / 20.0,
                                                     plot.y + plot.height * (k / 20) / 20.0),
                     ==, g_array_index (hits, gssize, k));
  g_assert_nonnull (chart->cell_items);
  gui_test_destroy (window);
  test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/quadrant-page/demo", test_quadrant_page);
  g_test_add_func ("/quadrant-page/log-offer", test_log_offer);
  g_test_add_func ("/quadrant-page/large-first-visit", test_large_first_visit);
  g_test_add_func ("/quadrant-page/large-drag-and-log", test_large_drag_and_log);
  g_test_add_func ("/quadrant-page/release-without-reload", test_release_without_reload);
  g_test_add_func ("/quadrant-page/hit-index-while-shown", test_hit_index_while_shown);
  return g_test_run ();
}
