/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window's steps on the Quadrant page and in the Fit to Data dialog
 * (issue 18 item 4: no main-thread stall over 100 ms): switching both axes
 * to log scale and back, dragging the process line (each motion until its
 * counts are there and painted), the release (the draft saved, the page
 * not loaded again; beside it the reload the release made before), the
 * table shown and sorted by quadrant, the table shown again after a drag,
 * and in Fit to Data a change of method, then two quick changes (until the
 * fit of the last is shown). Beside them the same work
 * done directly on the main thread, as before. Included by bench-window.c
 * after its helpers (print_row, until_painted, run_for, find, stall). */
#pragma once

#include "strata-calibrate.h"
#include "strata-fit-dialog.h"
#include "strata-quadrant-chart-private.h"
#include "strata-quadrant-table.h"
#include "strata-quadrant-view.h"
#include "strata-ruleset-store.h"

typedef struct
{
  StrataPage         *page;
  StrataQuadrantView *view;
  guint               reloads;   /* the page's reloads before the step */
} QuadrantFollow;

/* The view has its counts and image (no worker running) and the page is
 * not loading (after a reload, when one was expected). */
static gboolean
quadrant_settled (gpointer data)
{
  QuadrantFollow *q = data;

  return strata_page_get_reloads (q->page) >= q->reloads && !strata_page_get_loading (q->page) &&
         strata_quadrant_view_get_chart (q->view) != NULL && !strata_quadrant_view_get_busy (q->view);
}

static void
quadrant_log_step (QuadrantFollow *q,
                   BenchFrames        *frames,
                   gboolean        log)
{
  double ms, cpu = bench_thread_cpu_ms ();
  gint64 t;

  stall_reset ();
  t = g_get_monotonic_time ();
  g_object_set (q->page, "log-x", log, "log-y", log, NULL);
  ms = until_painted (t, quadrant_settled, q, frames);
  bench_run_for (300);
  print_row (log ? "Quadrant: log scale on (both axes)" : "Quadrant: log scale off (both axes)",
             ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, "new scales on a worker");
}

/* A drag of the process line by 10 motions of 6 pixels, each until its
 * counts are there and painted; then the release. */
static void
quadrant_drag_step (QuadrantFollow *q,
                    BenchFrames        *frames,
                    const char     *what)
{
  StrataQuadrantChart *chart = strata_quadrant_view_get_chart (q->view);
  cairo_rectangle_t plot;
  double tx, px, py, ms, worst = 0, cpu = bench_thread_cpu_ms (), total = 0;
  g_autofree char *label = NULL;
  g_autofree char *note = NULL;
  double call_ms, call_cpu;
  guint reloads;
  gint64 t;

  strata_quadrant_chart_get_thresholds (chart, &tx, NULL);
  strata_quadrant_chart_get_plot_area (chart, &plot);
  px = strata_quadrant_chart_value_to_pixel (chart, STRATA_THRESHOLD_X, tx);
  py = plot.y + plot.height * 0.3;
  stall_reset ();
  strata_quadrant_view_drag_begin (q->view, px, py);
  for (guint k = 1; k <= 10; k++)
    {
      t = g_get_monotonic_time ();
      strata_quadrant_view_drag_motion (q->view, px - 6.0 * k, py);
      ms = until_painted (t, quadrant_settled, q, frames);
      total += ms;
      worst = MAX (worst, ms);
    }
  cond_ms = total / 10;
  label = g_strdup_printf ("%s: 10 motions (mean; worst %.0f ms)", what, worst);
  print_row (label, worst, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, "counted on a worker");

  cpu = bench_thread_cpu_ms ();
  stall_reset ();
  reloads = strata_page_get_reloads (q->page);
  t = g_get_monotonic_time ();
  call_cpu = bench_thread_cpu_ms ();
  strata_quadrant_view_drag_end (q->view, px - 60, py);
  call_cpu = bench_thread_cpu_ms () - call_cpu;
  call_ms = (g_get_monotonic_time () - t) / 1000.0;
  ms = until_painted (t, quadrant_settled, q, frames);
  bench_run_for (300);
  g_free (label);
  label = g_strdup_printf ("%s: release (draft saved)", what);
  note = g_strdup_printf ("%s; the release itself %.1f ms, %.1f ms CPU",
                          strata_page_get_reloads (q->page) == reloads ? "page not loaded again" : "page loaded again",
                          call_ms, call_cpu);
  print_row (label, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, note);
  {
    /* The save alone, as the release makes it: most of its wall clock is
     * the commit's fsync, not the main thread's work. */
    StrataWorkspace *ws = strata_page_get_workspace (q->page);
    g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (ws, NULL);

    call_cpu = bench_thread_cpu_ms ();
    t = g_get_monotonic_time ();
    if (draft == NULL || !strata_ruleset_store_save_draft (ws, draft, NULL))
      g_error ("bench-window: cannot save the draft");
    printf ("  %-50s %8.1f ms %8.1f ms CPU\n", "  alternative: the draft saved alone, as it is",
            (g_get_monotonic_time () - t) / 1000.0, bench_thread_cpu_ms () - call_cpu);
  }

  /* What the release cost before: the page loaded again on top. */
  cpu = bench_thread_cpu_ms ();
  stall_reset ();
  q->reloads = strata_page_get_reloads (q->page) + 1;
  t = g_get_monotonic_time ();
  strata_page_queue_reload (q->page);
  ms = until_painted (t, quadrant_settled, q, frames);
  bench_run_for (300);
  print_row ("  alternative: the page loaded again (as before)", ms, bench_stall_ms (&stall),
             bench_thread_cpu_ms () - cpu, NULL);
  q->reloads = 0;
}

typedef struct
{
  StrataQuadrantTable *table;
  guint                rows;
} TableFollow;

static gboolean
table_shown (gpointer data)
{
  TableFollow *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (f->table)) && strata_quadrant_table_get_n_rows (f->table) == f->rows &&
         !strata_quadrant_table_get_sorting (f->table);
}

/* The sort by quadrant as the table did it before, on the main thread:
 * the chart's classification of both rows in every comparison. */
static int
old_quadrant_compare (gconstpointer a,
                      gconstpointer b,
                      gpointer      chart)
{
  guint ra = *(const guint *) a, rb = *(const guint *) b;
  StrataQuadrant qa = strata_quadrant_chart_classify (chart, ra);
  StrataQuadrant qb = strata_quadrant_chart_classify (chart, rb);
  int order = (qa > qb) - (qa < qb);

  return order != 0 ? order : (ra > rb) - (ra < rb);
}

static void
old_quadrant_sort (StrataQuadrantChart *chart)
{
  gsize n = strata_quadrant_chart_get_n_points (chart);
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  gint64 t;
  const guint *order = strata_quadrant_chart_get_order (chart);

  /* In the chart's drawing order (by tier), as a table sorted before holds them. */
  for (gsize i = 0; i < n; i++)
    rows[i] = order[i];
  t = g_get_monotonic_time ();
  g_qsort_with_data (rows, n, sizeof (guint), old_quadrant_compare, chart);
  print_alt ("qsort of the rows by quadrant as before", (g_get_monotonic_time () - t) / 1000.0, n);
}

static void
table_step (TableFollow *f,
            BenchFrames     *frames,
            const char  *what,
            GtkWidget   *toggle,
            gboolean     sort)
{
  double ms, cpu = bench_thread_cpu_ms ();
  gint64 t;

  stall_reset ();
  t = g_get_monotonic_time ();
  if (toggle != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  if (sort)
    gtk_column_view_sort_by_column (strata_quadrant_table_get_view (f->table),
                                    strata_quadrant_table_get_column (f->table, STRATA_QUADRANT_TABLE_QUADRANT),
                                    GTK_SORT_ASCENDING);
  ms = until_painted (t, table_shown, f, frames);
  bench_run_for (300);
  if (g_getenv ("STRATA_BENCH_CLOCK") != NULL)
    {
      g_autofree char *note = g_strdup_printf ("(CLOCK_MONOTONIC %.6f to %.6f s)", t / 1e6,
                                               g_get_monotonic_time () / 1e6);

      print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, note);
    }
  else
    print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, NULL);
}

static gboolean
fit_shown (gpointer data)
{
  return !strata_fit_dialog_get_fitting (data);
}

static void
fit_step (StrataFitDialog *dialog,
          BenchFrames         *frames,
          const char      *what,
          guint            method,
          int              second)   /* -1: one change; else then this method */
{
  AdwComboRow *row = ADW_COMBO_ROW (bench_find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "method_row", 0));
  double ms, cpu = bench_thread_cpu_ms ();
  gint64 t;

  stall_reset ();
  t = g_get_monotonic_time ();
  adw_combo_row_set_selected (row, method);
  if (second >= 0)
    adw_combo_row_set_selected (row, second);
  ms = until_painted (t, fit_shown, dialog, frames);
  bench_run_for (300);
  print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu,
             strata_fit_dialog_get_rules (dialog) != NULL ? "fitted" : "nothing fitted");
}

static void
quadrant_steps (StrataWindow *window,
                BenchFrames      *frames)
{
  StrataPage *page = STRATA_PAGE (strata_window_get_page (window, "quadrant"));
  QuadrantFollow q = { page, STRATA_QUADRANT_VIEW (bench_find (GTK_WIDGET (page), STRATA_TYPE_QUADRANT_VIEW, "view", 0)), 0 };
  StrataContext *context = strata_window_get_context (window);
  TableFollow tf = { STRATA_QUADRANT_TABLE (bench_find (GTK_WIDGET (page), STRATA_TYPE_QUADRANT_TABLE, "table", 0)), 0 };
  GtkWidget *table_toggle = bench_find (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, "table_toggle", 0);
  StrataQuadrantChart *chart;
  gboolean log_x, log_y;
  gint64 t;

  printf ("\nthe Quadrant page:\n");
  strata_window_show_page (window, "quadrant");
  until_painted (g_get_monotonic_time (), quadrant_settled, &q, frames);
  bench_run_for (300);
  chart = strata_quadrant_view_get_chart (q.view);
  tf.rows = strata_quadrant_chart_get_n_points (chart);
  g_object_get (page, "log-x", &log_x, "log-y", &log_y, NULL);
  quadrant_log_step (&q, frames, !(log_x && log_y));
  quadrant_log_step (&q, frames, log_x && log_y);
  {
    StrataAxisScale sx = strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_X)->scale;
    StrataAxisScale sy = strata_quadrant_chart_get_axis (chart, STRATA_THRESHOLD_Y)->scale;

    t = g_get_monotonic_time ();
    strata_quadrant_chart_set_scales (chart, sx == STRATA_AXIS_LOG ? STRATA_AXIS_LINEAR : STRATA_AXIS_LOG,
                                      sy == STRATA_AXIS_LOG ? STRATA_AXIS_LINEAR : STRATA_AXIS_LOG);
    print_alt ("strata_quadrant_chart_set_scales (before)", (g_get_monotonic_time () - t) / 1000.0, tf.rows);
    strata_quadrant_chart_set_scales (chart, sx, sy);
    gtk_widget_queue_draw (GTK_WIDGET (q.view));
    until_painted (g_get_monotonic_time (), quadrant_settled, &q, frames);
  }
  quadrant_drag_step (&q, frames, "Quadrant: drag the process line");
  {
    StrataQuadrantInput in;
    guint counts[4];
    double share[4];

    chart = strata_quadrant_view_get_chart (q.view);
    strata_quadrant_input_init (&in, chart);
    t = g_get_monotonic_time ();
    strata_quadrant_count_quadrants (&in, counts, share);
    print_alt ("the quadrants counted on the main thread", (g_get_monotonic_time () - t) / 1000.0, tf.rows);
  }

  table_step (&tf, frames, "Quadrant: show the table", table_toggle, FALSE);
  table_step (&tf, frames, "Quadrant: sort the table by quadrant", NULL, TRUE);
  old_quadrant_sort (strata_quadrant_view_get_chart (q.view));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (table_toggle), FALSE);
  until_painted (g_get_monotonic_time (), quadrant_settled, &q, frames);
  quadrant_drag_step (&q, frames, "Quadrant: drag again (table hidden)");
  table_step (&tf, frames, "Quadrant: the table again, sorted by quadrant", table_toggle, FALSE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (table_toggle), FALSE);

  printf ("\nFit to Data (the Scoring page's dialog):\n");
  {
    GtkWidget *scoring = strata_window_get_page (window, "scoring");
    StrataFitDialog *dialog = NULL;
    BenchFrames dialog_frames = { 0 };
    StrataScoring *scoring_model = strata_context_get_scoring (context);
    double ms, cpu;

    strata_window_show_page (window, "scoring");
    until_painted (g_get_monotonic_time (), page_ready, scoring, frames);
    cpu = bench_thread_cpu_ms ();
    stall_reset ();
    t = g_get_monotonic_time ();
    gtk_widget_activate_action (scoring, "page.fit-to-data", NULL);
    while (dialog == NULL)
      {
        g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

        for (GList *l = toplevels; l != NULL; l = l->next)
          if (STRATA_IS_FIT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
            dialog = l->data;
        if (dialog == NULL)
          g_main_context_iteration (NULL, TRUE);
      }
    while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
      g_main_context_iteration (NULL, TRUE);
    bench_watch_frames (GTK_WIDGET (dialog), &dialog_frames);
    ms = until_painted (t, fit_shown, dialog, &dialog_frames);
    bench_run_for (300);
    print_row ("Fit to Data: open until fitted", ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, NULL);
    fit_step (dialog, &dialog_frames, "Fit to Data: method Quantiles", STRATA_CALIBRATE_QUANTILES, -1);
    fit_step (dialog, &dialog_frames, "Fit to Data: two quick changes (Breaks, Shares)", STRATA_CALIBRATE_BREAKS,
              STRATA_CALIBRATE_SHARES);
    {
      StrataCalibrateOptions options = { STRATA_CALIBRATE_QUANTILES, NULL, NULL, NAN };
      g_autoptr(GError) error = NULL;
      StrataCalibration *fit;

      t = g_get_monotonic_time ();
      fit = strata_calibrate_data (strata_scoring_get_draft (scoring_model),
                                   strata_scoring_get_data (scoring_model), NULL, NULL,
                                   &options, &error);
      print_alt ("one fit on the main thread (before)", (g_get_monotonic_time () - t) / 1000.0,
                 strata_scoring_get_data (scoring_model)->n);
      g_clear_pointer (&fit, strata_calibration_free);
    }
    gtk_window_destroy (GTK_WINDOW (dialog));
    bench_run_for (200);
  }
}
