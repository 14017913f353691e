/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the Customers page copes with a large period: time to load it, to
 * sort by score and by name, to filter by tier and to search, and the time
 * of a frame while scrolling. Usage: bench-customers-page [N] (default
 * 100000). Built, not run by meson test; run under Xvfb. */
#include "config.h"

#include <adwaita.h>
#include <time.h>
#include <glib/gstdio.h>

#include "strata-context.h"
#include "strata-customers-page.h"
#include "strata-demo.h"
#include "strata-period-results.h"
#include "strata-scoring.h"

static GtkWidget *
find_widget (GtkWidget  *root,
             const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, name);

      if (found)
        return found;
    }
  return NULL;
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Waits for the (incremental) sort to finish. */
static void
settle (GListModel *model)
{
  for (int i = 0; i < 5; i++)
    {
      drain ();
      g_usleep (1000);
    }
  (void) model;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static double
cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  GtkWindow *window;
  StrataCustomersPage *page;
  GtkColumnView *view;
  GListModel *columns, *model;
  gint64 t;

  gtk_init ();
  adw_init ();
  t = g_get_monotonic_time ();
  if (!strata_demo_write (path, n, 1, 2, STRATA_DEMO_NONE, NULL, NULL, &error))
    g_error ("%s", error->message);
  g_print ("demo workspace with %u customers written in %.0f ms\n", n, ms_since (t));
  ws = strata_workspace_open (path, NULL, &error);
  context = strata_context_new (ws);

  /* The parts of a load that are not the page's own. */
  {
    g_autoptr(StrataScoring) scoring = NULL;
    g_autoptr(StrataPeriodResults) prev = NULL;

    t = g_get_monotonic_time ();
    scoring = strata_scoring_new (ws, &error);
    g_print ("  StrataScoring (load the period, score draft and published): %.0f ms\n", ms_since (t));
    t = g_get_monotonic_time ();
    prev = strata_period_results_load (ws, 1, &error);
    g_print ("  previous period's results: %.0f ms\n", ms_since (t));
  }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1400, 900);
  page = STRATA_CUSTOMERS_PAGE (strata_customers_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  drain ();

  t = g_get_monotonic_time ();
  g_object_set (page, "context", context, NULL);
  model = strata_customers_page_get_model (page);
  settle (model);
  g_print ("load (read, score, previous period, list): %.0f ms for %u rows\n", ms_since (t),
           g_list_model_get_n_items (model));

  view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), "customer-list"));
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (column);

      if (g_strcmp0 (title, "Score") != 0 && g_strcmp0 (title, "Name") != 0)
        continue;
      t = g_get_monotonic_time ();
      gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
      settle (model);
      g_print ("sort by %s: %.0f ms\n", title, ms_since (t));
    }

  t = g_get_monotonic_time ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), "tier-filter")), 3);
  settle (model);
  g_print ("filter by tier C: %.0f ms, %u rows\n", ms_since (t), g_list_model_get_n_items (model));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), "tier-filter")), 0);
  settle (model);

  /* Scrolling: a page down per frame through the list; CPU time of this
   * thread per frame (wall time would mostly be the frame clock waiting). */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    guint frames = 0;
    double worst = 0, total = 0;

    gtk_widget_add_tick_callback (GTK_WIDGET (view), count_frame, &frames, NULL);
    for (int step = 0; step < 120; step++)
      {
        guint before = frames;
        double c0 = cpu_ms ();
        gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

        gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) +
                                  gtk_adjustment_get_page_size (adj) * (step % 2 ? 1 : 7));
        while (frames < before + 2 && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, TRUE);
        c0 = cpu_ms () - c0;
        total += c0;
        worst = MAX (worst, c0);
      }
    g_print ("scrolling, 120 jumps of 1 or 7 pages: %.1f ms CPU per jump (2 frames) on average, "
             "%.1f ms worst\n", total / 120, worst);
  }
  t = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (page), "search")), "c00012");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (page), "search"), "search-changed");
  settle (model);
  g_print ("search \"c00012\": %.0f ms, %u rows\n", ms_since (t), g_list_model_get_n_items (model));

  gtk_window_destroy (window);
  drain ();
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
