/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the Customers page copes with a large period, and how long the
 * window takes to show it:
 *   bench-customers-page [--customers N] [--runs K]
 * (N default 100,000, or $STRATA_BENCH_CUSTOMERS; K default 3, or
 * $STRATA_BENCH_RUNS). Runs under a display (Xvfb). Times, wall clock:
 * - loading the period (StrataScoring) and the page, cold (a new
 *   StrataWorkspace, the file dropped from the OS page cache) and warm (a
 *   new StrataWorkspace, the file cached);
 * - sorting by score and by name, filtering by tier, searching, and the
 *   CPU time of a frame while scrolling, all warm;
 * - the whole command, as a process from start to exit: `strata FILE` with
 *   STRATA_EXIT_AFTER_FIRST_FRAME=1 (it quits once its first frame, the
 *   Customers page, is painted), cold and warm; and, as the floor, the same
 *   without a file (the welcome page). */
#include "config.h"

#include <adwaita.h>
#include <time.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "bench-demo.h"
#include "bench-util.h"

#include "strata-context.h"
#include "strata-customers-page.h"
#include "strata-customers-page-private.h"
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

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* The page's work is synchronous: what is pending runs, then one frame of
 * the window is drawn with the result (bounded: a second at most). */
static void
settle (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  drain ();
  while (frames < 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}


/* A step's wall time (until its frame is drawn: on a machine shared with
 * other work mostly waiting) and the main thread's CPU time, which is what
 * the step costs the window. */
static void
print_step (const char *what,
            double      wall_ms,
            double      cpu_ms)
{
  g_autofree char *label = g_strdup_printf ("%s, warm:", what);

  printf ("  %-60s %9.3f ms wall, %8.3f ms main-thread CPU\n", label, wall_ms, cpu_ms);
}

/* StrataScoring on a new workspace: the period loaded and scored with the
 * draft and the published rules; and the previous period's results. */
static void
time_scoring (const char *path,
              double     *scoring_ms,
              double     *prev_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataScoring) scoring = NULL;
  g_autoptr(StrataPeriodResults) prev = NULL;
  gint64 t = g_get_monotonic_time ();

  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  scoring = strata_scoring_new (ws, &error);
  g_assert_no_error (error);
  *scoring_ms = ms_since (t);
  t = g_get_monotonic_time ();
  prev = strata_period_results_load (ws, 1, &error);
  *prev_ms = ms_since (t);
}

/* The page given a context on a new workspace, as the window does when it
 * opens a file; returns the context (the page keeps showing it). */
static StrataContext *
time_page_load (StrataCustomersPage *page,
                const char          *path,
                double              *ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  StrataContext *context;
  gint64 t = g_get_monotonic_time ();

  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  context = strata_context_new (ws);
  strata_context_finish_scoring (context);
  g_object_set (page, "context", context, NULL);
  settle (GTK_WIDGET (page));
  *ms = ms_since (t);
  return context;
}

typedef struct
{
  gint64 last;
  gint64 worst;
} Heartbeat;

static gboolean
heartbeat (gpointer data)
{
  Heartbeat *h = data;
  gint64 now = g_get_monotonic_time ();

  h->worst = MAX (h->worst, now - h->last);
  h->last = now;
  return G_SOURCE_CONTINUE;
}

/* The longest the main thread goes without running a 2 ms heartbeat while
 * a new context opens the file (as the window does) until the page lists
 * its rows with the previous period's tiers: how frozen the window gets. */
static StrataContext *
time_longest_block (StrataCustomersPage *page,
                    const char          *path,
                    double              *ms,
                    double              *cpu)
{
  double cpu0 = bench_thread_cpu_ms ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  GListModel *model = strata_customers_page_get_model (page);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  Heartbeat h = { g_get_monotonic_time (), 0 };
  StrataContext *context;
  guint id;

  id = g_timeout_add_full (G_PRIORITY_HIGH, 2, heartbeat, &h, NULL);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  context = strata_context_new (ws);
  g_object_set (page, "context", context, NULL);
  for (;;)
    {
      const guint *rows;
      guint n_rows;
      const StrataCustomerColumns *cols = strata_customers_page_get_columns (page, &rows, &n_rows);

      if ((!strata_page_get_loading (STRATA_PAGE (page)) && n_rows > 0 && cols->prev_tier != NULL) ||
          g_get_monotonic_time () > deadline)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  heartbeat (&h);
  settle (GTK_WIDGET (page));
  heartbeat (&h);
  g_source_remove (id);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  *ms = h.worst / 1000.0;
  *cpu = bench_thread_cpu_ms () - cpu0;
  return context;
}

/* `strata [FILE]` until its first frame is painted. */
static void
time_window (const char *argv0,
             const char *dir,
             const char *path,
             guint       runs)
{
  g_autofree char *strata = bench_build_path (argv0, "STRATA_APP", "src/gui/strata");
  g_autofree char *schemas = bench_build_path (argv0, "GSETTINGS_SCHEMA_DIR", "data");
  g_autofree char *data_home = g_build_filename (dir, "xdg", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  const char *with_file[] = { strata, path, NULL };
  const char *without[] = { strata, NULL };
  double c, w, floor_c, floor_w;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf (" whole command: skipped (no display)\n");
      return;
    }
  /* Settings in memory and files of its own: the run changes nothing of
   * the user's. No session bus: this process is the application, not a
   * message to one already running. */
  envp = g_environ_setenv (envp, "STRATA_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/strata-bench", TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);

  bench_spawn_ms (with_file, (const char * const *) envp, FALSE, &out);
  if (strstr (out, "first frame drawn: customers") == NULL)
    {
      fprintf (stderr, "bench-customers-page: %s did not show the Customers page first: %s\n",
               strata, out);
      exit (1);
    }
  printf (" whole command (process, start to exit after the first frame):\n");
  bench_command ("strata FILE (the Customers page)", path, with_file,
                 (const char * const *) envp, runs, &c, &w);
  bench_command ("strata (no file: the welcome page, the floor)", strata, without,
                 (const char * const *) envp, runs, &floor_c, &floor_w);
  /* Until the first frame with the scores on the page. */
  envp = g_environ_setenv (envp, "STRATA_EXIT_AFTER_FIRST_FRAME", "loaded", TRUE);
  bench_command ("strata FILE (until the scores are shown)", path, with_file,
                 (const char * const *) envp, runs, &c, &w);
  {
    struct rusage usage;

    /* The largest of the child processes: a run with the file, at the end. */
    if (getrusage (RUSAGE_CHILDREN, &usage) == 0)
      printf ("  largest resident size of `strata FILE`: %.0f MB\n", usage.ru_maxrss / 1024.0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.strata", NULL);
  g_autofree double *scoring_cold = NULL, *scoring_warm = NULL, *prev_cold = NULL, *prev_warm = NULL;
  g_autofree double *load_cold = NULL, *load_warm = NULL, *block_warm = NULL, *block_cpu = NULL;
  g_autoptr(StrataContext) context = NULL;
  const char *how = "cold";
  GtkWindow *window;
  StrataCustomersPage *page;
  GtkColumnView *view;
  GListModel *columns, *model;
  int n = 0, runs = 0;
  char *file = NULL;
  const GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_INT, &n, "Customers of the demo workspace (default 100000)", "N" },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &file, "An existing workspace to read instead (left as it is)", "FILE" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each cold and warm figure (default 3)", "K" },
    { NULL }
  };
  gint64 t;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-customers-page: %s\n", error->message);
      return 2;
    }
  n = bench_size (n, "STRATA_BENCH_CUSTOMERS", 100000);
  runs = bench_size (runs, "STRATA_BENCH_RUNS", 3);
  scoring_cold = g_new0 (double, runs);
  scoring_warm = g_new0 (double, runs);
  prev_cold = g_new0 (double, runs);
  prev_warm = g_new0 (double, runs);
  load_cold = g_new0 (double, runs);
  load_warm = g_new0 (double, runs);
  block_warm = g_new0 (double, runs);
  block_cpu = g_new0 (double, runs);

  gtk_init ();
  adw_init ();
  printf ("wall-clock times; cold = a new StrataWorkspace and the file dropped from the OS page cache\n\n");
  bench_demo_or_file (&path, file, n);

  /* The parts of a load that are not the page's own. */
  for (int k = 0; k < runs; k++)
    {
      const char *state = bench_drop_cache (path);

      if (g_strcmp0 (state, "cold") != 0)
        how = state;
      time_scoring (path, &scoring_cold[k], &prev_cold[k]);
    }
  for (int k = 0; k < runs; k++)
    time_scoring (path, &scoring_warm[k], &prev_warm[k]);
  printf (" in this process:\n");
  bench_print ("StrataScoring (open, load, score draft and published)", how, scoring_cold, runs);
  bench_print ("StrataScoring (open, load, score draft and published)", "warm", scoring_warm, runs);
  bench_print ("previous period's results", how, prev_cold, runs);
  bench_print ("previous period's results", "warm", prev_warm, runs);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1400, 900);
  page = STRATA_CUSTOMERS_PAGE (strata_customers_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  drain ();

  /* Each load: a new workspace and context, as when the window opens it. */
  how = "cold";
  for (int k = 0; k < runs; k++)
    {
      const char *state;

      g_object_set (page, "context", NULL, NULL);
      g_clear_object (&context);
      drain ();
      state = bench_drop_cache (path);
      if (g_strcmp0 (state, "cold") != 0)
        how = state;
      context = time_page_load (page, path, &load_cold[k]);
    }
  for (int k = 0; k < runs; k++)
    {
      g_object_set (page, "context", NULL, NULL);
      g_clear_object (&context);
      drain ();
      context = time_page_load (page, path, &load_warm[k]);
    }
  model = strata_customers_page_get_model (page);
  bench_print ("page load (read, score, previous period, list)", how, load_cold, runs);
  bench_print ("page load (read, score, previous period, list)", "warm", load_warm, runs);
  for (int k = 0; k < runs; k++)
    {
      g_object_set (page, "context", NULL, NULL);
      g_clear_object (&context);
      drain ();
      context = time_longest_block (page, path, &block_warm[k], &block_cpu[k]);
    }
  bench_print ("longest main-thread block while a file opens", "warm", block_warm, runs);
  bench_print ("main-thread CPU while a file opens (all of it)", "warm", block_cpu, runs);
  printf ("    (%u rows)\n", g_list_model_get_n_items (model));

  view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), "customer-list"));
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (column);
      g_autofree char *what = NULL;
      double ms;

      if (g_strcmp0 (title, "Score") != 0 && g_strcmp0 (title, "Name") != 0)
        continue;
      double cpu = bench_thread_cpu_ms ();

      t = g_get_monotonic_time ();
      gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
      settle (GTK_WIDGET (page));
      ms = ms_since (t);
      what = g_strdup_printf ("sort by %s", title);
      print_step (what, ms, bench_thread_cpu_ms () - cpu);
    }

  {
    double ms, cpu = bench_thread_cpu_ms ();

    t = g_get_monotonic_time ();
    gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), "tier-filter")), 3);
    settle (GTK_WIDGET (page));
    ms = ms_since (t);
    print_step ("filter by tier C", ms, bench_thread_cpu_ms () - cpu);
    printf ("    (%u rows)\n", g_list_model_get_n_items (model));
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), "tier-filter")), 0);
  settle (GTK_WIDGET (page));

  /* Scrolling: a page down per frame through the list; CPU time of this
   * thread per frame (wall time would mostly be the frame clock waiting). */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    guint frames = 0, tick;
    double worst = 0, total = 0;

    tick = gtk_widget_add_tick_callback (GTK_WIDGET (view), count_frame, &frames, NULL);
    for (int step = 0; step < 120; step++)
      {
        guint before = frames;
        double c0 = bench_thread_cpu_ms ();
        gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

        gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) +
                                  gtk_adjustment_get_page_size (adj) * (step % 2 ? 1 : 7));
        while (frames < before + 2 && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, TRUE);
        c0 = bench_thread_cpu_ms () - c0;
        total += c0;
        worst = MAX (worst, c0);
      }
    /* frames lives on this block's stack: no tick may count into it later. */
    gtk_widget_remove_tick_callback (GTK_WIDGET (view), tick);
    printf ("  scrolling, warm, 120 jumps of 1 or 7 pages: %.1f ms CPU per jump (2 frames) on average, "
            "%.1f ms worst\n", total / 120, worst);
  }
  {
    double ms, cpu = bench_thread_cpu_ms ();

    t = g_get_monotonic_time ();
    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (page), "search")), "c00012");
    g_signal_emit_by_name (find_widget (GTK_WIDGET (page), "search"), "search-changed");
    settle (GTK_WIDGET (page));
    ms = ms_since (t);
    print_step ("search \"c00012\"", ms, bench_thread_cpu_ms () - cpu);
    printf ("    (%u rows)\n", g_list_model_get_n_items (model));
  }

  gtk_window_destroy (window);
  drain ();
  g_clear_object (&context);
  fflush (stdout);

  time_window (argv[0], dir, path, runs);

  {
    g_autofree char *xdg = g_build_filename (dir, "xdg", NULL);
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", xdg);

    /* The demo written here goes; a given file stays. */
    if (file == NULL)
      bench_remove_workspace (path);
    /* What the application may have left there (recent files). */
    (void) !system (cmd);
  }
  g_rmdir (dir);
  return 0;
}
