/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the Customers page copes with a large period, and how long the
 * window takes to show it:
 *   bench-customers-page [--customers N] [--file FILE] [--runs K] [--alt-rows K] [--in-place]
 *                        [--rebind-all] [--first-rows]
 * (N default 100,000, or $STRATA_BENCH_CUSTOMERS; K default 3, or
 * $STRATA_BENCH_RUNS). Runs under a display (Xvfb). Times, wall clock:
 * - loading the period (StrataScoring) and the page, cold (a new
 *   StrataWorkspace, the file dropped from the OS page cache) and warm (a
 *   new StrataWorkspace, the file cached);
 * - the first rows after opening (the page given a context whose scores
 *   are there, the list going from no rows to the period's): until they
 *   are painted and 30 frames on, main-thread CPU, the longest turn and
 *   stall, the cells and row widgets made and the heap they hold, with the
 *   rows grown over frames and, beside it, all at once (--first-rows: only
 *   the loads and this step);
 * - sorting by each column, filtering by tier, searching a name fragment
 *   and an id, and three searches typed at once, all warm: until the
 *   answer (from a worker at 50,000 customers and more; --in-place: on the
 *   main thread, as before; --rebind-all: every cell GTK keeps bound is
 *   rebound in the answer's turn, as before, not only those in view) is
 *   painted, the main thread's CPU time and its
 *   longest stall; beside each, the alternative GtkSortListModel over
 *   GtkFilterListModel over the same rows (GtkCustomSorter/GtkCustomFilter
 *   calling the same comparison and match), in the same run;
 * - the CPU time of a frame while scrolling;
 * - the whole command, as a process from start to exit: `strata FILE` with
 *   STRATA_EXIT_AFTER_FIRST_FRAME=1 (it quits once its first frame, the
 *   Customers page, is painted), cold and warm; and, as the floor, the same
 *   without a file (the welcome page). */
#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <time.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "bench-demo.h"
#include "bench-util.h"
#include "bench-window-util.h"

#include "strata-context.h"
#include "strata-customers-page.h"
#include "strata-customer-cell.h"
#include "strata-customers-page-private.h"
#include "strata-demo.h"
#include "strata-customer-view.h"
#include "strata-period-results.h"
#include "strata-row-list.h"
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



/* A step on the page: from the action until its answer (on a worker from
 * 50,000 customers) is there and a frame is painted. */
typedef enum
{
  STEP_SORT,
  STEP_TIER,
  STEP_SEARCH,
  STEP_TYPE,
} StepKind;

static BenchStall stall;
static gboolean no_alternative;

static void
print_stall_step (const char *what,
                  double      wall_ms,
                  double      cpu_ms,
                  double      stall_ms,
                  double      longest_ms,
                  guint       rows)
{
  g_autofree char *label = g_strdup_printf ("%s, warm:", what);

  printf ("  %-44s %8.1f ms wall, %7.1f ms main-thread CPU (longest turn %6.1f ms), %7.1f ms longest stall "
          "(%u rows)\n", label, wall_ms, cpu_ms, longest_ms, stall_ms, rows);
}

static void
search_text (GtkWidget  *search,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "search-changed");
}

static void
page_step (StrataCustomersPage *page,
           const char          *what,
           StepKind             kind,
           GtkColumnView       *view,
           GtkColumnViewColumn *column,
           gboolean             descending,
           gpointer             widget,
           guint                arg,
           const char          *text)
{
  gint64 deadline, t;
  double cpu, longest;
  guint id, tick, frames, answered = 0;

  drain ();
  id = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_beat, &stall, NULL);
  bench_stall_reset (&stall);
  cpu = bench_thread_cpu_ms ();
  t = g_get_monotonic_time ();
  if (kind == STEP_SORT)
    gtk_column_view_sort_by_column (view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  else if (kind == STEP_TIER)
    gtk_drop_down_set_selected (widget, arg);
  else if (kind == STEP_SEARCH)
    search_text (widget, text);
  else
    {
      search_text (widget, "c0");
      search_text (widget, "c00");
      search_text (widget, "c0001");
    }
  /* The action itself, then each turn of the main loop (the answer, a
   * frame): the longest is how long the window's work blocked it, apart
   * from waiting for the CPU on a loaded machine. */
  longest = bench_thread_cpu_ms () - cpu;
  deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
  frames = 0;
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (page), count_frame, &frames, NULL);
  while ((strata_customers_page_get_query_busy (page) || strata_customers_page_get_sort_waiting (page) ||
          frames < 1) && g_get_monotonic_time () < deadline)
    {
      double c0 = bench_thread_cpu_ms ();

      if (!strata_customers_page_get_query_busy (page) && !strata_customers_page_get_sort_waiting (page) &&
          answered == 0)
        {
          /* The answer is in: from here, the frame that paints it. */
          answered = 1;
          frames = 0;
        }
      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, bench_thread_cpu_ms () - c0);
    }
  gtk_widget_remove_tick_callback (GTK_WIDGET (page), tick);
  print_stall_step (what, ms_since (t), bench_thread_cpu_ms () - cpu, bench_stall_ms (&stall), longest,
                    g_list_model_get_n_items (strata_customers_page_get_model (page)));
  g_source_remove (id);
}

/* The named alternative: the rows in GtkFilterListModel, sorted by
 * GtkSortListModel, with a GtkCustomFilter and GtkCustomSorter calling
 * the page's own comparison and match functions. */
typedef struct
{
  const StrataCustomerColumns *cols;
  StrataCustomerSort           column;
  int                          sign;
  StrataCustomerFilter         filter;
  char                        *search;
  StrataRowList               *list;
  GtkFilterListModel          *filtered;
  GtkSortListModel            *sorted;
  GtkCustomFilter             *custom_filter;
  GtkCustomSorter             *custom_sorter;
} Alt;

static int
alt_compare (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  Alt *alt = data;

  return bench_compare_rows (alt->cols, alt->column, alt->sign, a, b);
}

static gboolean
alt_match (gpointer item,
           gpointer data)
{
  Alt *alt = data;

  return bench_row_matches (alt->cols, &alt->filter, item);
}

static void
alt_build (Alt   *alt,
           guint  n)
{
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  g_clear_object (&alt->sorted);   /* holds the rest */
  for (guint i = 0; i < n; i++)
    g_array_append_val (rows, i);
  alt->list = strata_row_list_new ();
  strata_row_list_set_rows (alt->list, rows);
  alt->custom_filter = gtk_custom_filter_new (alt_match, alt, NULL);
  alt->custom_sorter = gtk_custom_sorter_new (alt_compare, alt, NULL);
  alt->filtered = gtk_filter_list_model_new (G_LIST_MODEL (alt->list), GTK_FILTER (alt->custom_filter));
  alt->sorted = gtk_sort_list_model_new (G_LIST_MODEL (alt->filtered), GTK_SORTER (alt->custom_sorter));
  (void) g_list_model_get_n_items (G_LIST_MODEL (alt->sorted));
}

static void
alt_init (Alt                         *alt,
          const StrataCustomerColumns *cols)
{
  memset (alt, 0, sizeof *alt);
  alt->cols = cols;
  alt->column = STRATA_CUSTOMER_SORT_ID;
  alt->sign = 1;
  alt->filter.tier = -1;
  alt->filter.quadrant = -1;
}

static void
alt_clear (Alt *alt)
{
  g_clear_object (&alt->sorted);
  g_free (alt->search);
}

/* Times what GTK does on the main thread for one change. */
static void
alt_time (Alt        *alt,
          const char *what,
          gboolean    sorter)
{
  double cpu = bench_thread_cpu_ms ();
  gint64 t = g_get_monotonic_time ();
  double ms;

  if (sorter)
    gtk_sorter_changed (GTK_SORTER (alt->custom_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  else
    gtk_filter_changed (GTK_FILTER (alt->custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
  (void) g_list_model_get_n_items (G_LIST_MODEL (alt->sorted));
  ms = ms_since (t);
  cpu = bench_thread_cpu_ms () - cpu;
  printf ("    %-42s %8.1f ms wall, %7.1f ms main-thread CPU (longest turn %6.1f ms), %7.1f ms longest stall "
          "(%u rows)\n", what, ms, cpu, cpu, ms, g_list_model_get_n_items (G_LIST_MODEL (alt->sorted)));
}

static void
alt_sort (Alt      *alt,
          guint     column,
          gboolean  descending,
          guint     limit)
{
  guint n = column == STRATA_CUSTOMER_SORT_NAME ? MIN (limit, alt->cols->n) : alt->cols->n;
  g_autofree char *what = NULL;

  if (no_alternative)
    return;
  /* Rebuilt when the name sort's limit changes the rows. */
  if (alt->sorted == NULL || g_list_model_get_n_items (G_LIST_MODEL (alt->list)) != n)
    {
      alt->filter.tier = -1;
      g_clear_pointer (&alt->search, g_free);
      alt->filter.search = NULL;
      alt->column = STRATA_CUSTOMER_SORT_ID;
      alt_build (alt, n);
    }
  alt->column = column;
  alt->sign = descending ? -1 : 1;
  what = g_strdup_printf ("alternative: GtkSortListModel%s", n < alt->cols->n ? " (fewer rows)" : "");
  alt_time (alt, what, TRUE);
}

static void
alt_filter (Alt        *alt,
            int         tier,
            const char *search)
{
  if (no_alternative)
    return;
  alt->filter.tier = tier;
  g_free (alt->search);
  alt->search = strata_customer_view_fold (search);
  alt->filter.search = alt->search;
  alt_time (alt, "alternative: GtkFilterListModel (sorted)", FALSE);
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

/* The first rows after opening --------------------------------------------- */

/* The Customers cells under widget, and how many of them are in view. */
static void
count_cells (GtkWidget *widget,
             guint     *cells,
             guint     *mapped)
{
  if (STRATA_IS_CUSTOMER_CELL (widget))
    {
      (*cells)++;
      *mapped += gtk_widget_get_mapped (widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    count_cells (c, cells, mapped);
}

/* The list's row widgets (the GtkListView's children). */
static guint
count_rows (GtkColumnView *view)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_last_child (GTK_WIDGET (view))); c;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

typedef struct
{
  double wall_first, cpu_first;   /* until the first frame with rows is painted */
  double wall_all, cpu_all;       /* until FIRST_ROWS_FRAMES frames later */
  double longest, stall;          /* longest turn (main-thread CPU) and stall over all of it */
  guint  cells_first, mapped_first, rows_first, cells_all, rows_all;
  double heap_bytes;              /* the heap the rows' widgets hold */
} FirstRows;

/* Bytes malloc has given out and not had back (G_SLICE=always-malloc
 * makes GObjects count too). */
static double
heap_in_use (void)
{
  struct mallinfo2 info;

  malloc_trim (0);
  info = mallinfo2 ();
  return (double) info.uordblks + info.hblkhd;
}

#define FIRST_ROWS_FRAMES 30

/* From giving the page a context whose scores are there (an open's last
 * step: the list goes from no rows to the period's) until its first rows
 * are painted, and on for FIRST_ROWS_FRAMES frames: what GTK's making of
 * the row widgets costs the main thread. grow: the rows come over a few
 * frames (FALSE: all at once, as before). */
static StrataContext *
time_first_rows (StrataCustomersPage *page,
                 GtkColumnView       *view,
                 const char          *path,
                 gboolean             grow,
                 FirstRows           *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  GListModel *model = strata_customers_page_get_model (page);
  StrataContext *context;
  gint64 t, deadline;
  double cpu;
  guint id, tick, frames = 0, painted = G_MAXUINT;

  g_assert_no_error (error);
  context = strata_context_new (ws);
  strata_context_finish_scoring (context);
  g_object_set (page, "context", NULL, NULL);
  settle (GTK_WIDGET (page));
  strata_customers_page_set_grow_rows (page, grow);
  memset (r, 0, sizeof *r);

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (page), count_frame, &frames, NULL);
  id = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_beat, &stall, NULL);
  bench_stall_reset (&stall);
  cpu = bench_thread_cpu_ms ();
  t = g_get_monotonic_time ();
  g_object_set (page, "context", context, NULL);
  r->longest = bench_thread_cpu_ms () - cpu;
  deadline = t + 120 * G_USEC_PER_SEC;
  while ((painted == G_MAXUINT || frames < painted + FIRST_ROWS_FRAMES) && g_get_monotonic_time () < deadline)
    {
      double c0 = bench_thread_cpu_ms ();

      if (painted == G_MAXUINT && g_list_model_get_n_items (model) > 0)
        painted = frames + 1;   /* the next frame paints them */
      g_main_context_iteration (NULL, TRUE);
      r->longest = MAX (r->longest, bench_thread_cpu_ms () - c0);
      if (painted != G_MAXUINT && frames >= painted && r->wall_first == 0)
        {
          r->wall_first = ms_since (t);
          r->cpu_first = bench_thread_cpu_ms () - cpu;
          count_cells (GTK_WIDGET (view), &r->cells_first, &r->mapped_first);
          r->rows_first = count_rows (view);
        }
    }
  r->wall_all = ms_since (t);
  r->cpu_all = bench_thread_cpu_ms () - cpu;
  r->stall = bench_stall_ms (&stall);
  {
    guint mapped = 0;

    count_cells (GTK_WIDGET (view), &r->cells_all, &mapped);
  }
  r->rows_all = count_rows (view);
  g_source_remove (id);
  gtk_widget_remove_tick_callback (GTK_WIDGET (page), tick);
  /* What the rows' widgets hold: the heap with all of them, less with
   * none (a search that matches no one; the page keeps its data). The
   * first such search and its clearing make what a search keeps. */
  for (int pass = 0; pass < 2; pass++)
    {
      GtkWidget *search = find_widget (GTK_WIDGET (page), "search");

      r->heap_bytes = heap_in_use ();
      search_text (search, "\x01no such customer");
      while (g_list_model_get_n_items (model) > 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      settle (GTK_WIDGET (page));
      settle (GTK_WIDGET (page));
      r->heap_bytes -= heap_in_use ();
      search_text (search, "");
      while (g_list_model_get_n_items (model) == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      for (int k = 0; k < FIRST_ROWS_FRAMES; k++)
        settle (GTK_WIDGET (page));
    }
  return context;
}

static void
print_first_rows (const char *what,
                  FirstRows  *r,
                  guint       runs)
{
  guint best = 0;

  /* The run with the shortest longest turn (the machine's load aside). */
  for (guint k = 1; k < runs; k++)
    if (r[k].longest < r[best].longest)
      best = k;
  printf ("  %-36s first rows painted %7.1f ms wall, %7.1f ms main CPU, %5u cells (%u in view) in %3u rows;\n"
          "  %-36s %2d frames on: %7.1f ms wall, %7.1f ms main CPU, %5u cells in %3u rows; "
          "longest turn %6.1f ms CPU, longest stall %6.1f ms (best of %u by longest turn)\n",
          what, r[best].wall_first, r[best].cpu_first, r[best].cells_first, r[best].mapped_first,
          r[best].rows_first, "", FIRST_ROWS_FRAMES, r[best].wall_all, r[best].cpu_all, r[best].cells_all,
          r[best].rows_all, r[best].longest, r[best].stall, runs);
  printf ("  %-36s heap held by the rows' widgets: %.2f MB, %.0f bytes a cell%s\n", "", r[best].heap_bytes / 1e6,
          r[best].heap_bytes / MAX (r[best].cells_all, 1),
          g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") == 0 ? "" : " (set G_SLICE=always-malloc)");
}

/* The first rows after opening, growing and all at once alternately in
 * this run; and the process's resident size with the page shown. */
static StrataContext *
first_rows_step (StrataCustomersPage *page,
                 GtkColumnView       *view,
                 const char          *path,
                 StrataContext       *context,
                 guint                runs)
{
  g_autofree FirstRows *grow = g_new0 (FirstRows, runs);
  g_autofree FirstRows *at_once = g_new0 (FirstRows, runs);

  for (guint k = 0; k < runs; k++)
    for (int g = 0; g < 2; g++)
      {
        StrataContext *next = time_first_rows (page, view, path, g == 0, g == 0 ? &grow[k] : &at_once[k]);

        g_clear_object (&context);
        context = next;
      }
  printf (" the first rows after opening (the scores there: from the context set until painted):\n");
  print_first_rows ("rows grown over frames, warm:", grow, runs);
  print_first_rows ("alternative: all rows at once, warm:", at_once, runs);
  printf ("  resident size with the page shown: %.0f MB (GSK_RENDERER=%s)\n", bench_status_mb ("VmRSS:"),
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
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
  int n = 0, runs = 0, alt_rows_opt = 0;
  gboolean in_place = FALSE, rebind_all = FALSE, first_rows_only = FALSE;
  guint alt_rows;
  char *file = NULL;
  const GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_INT, &n, "Customers of the demo workspace (default 100000)", "N" },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &file, "An existing workspace to read instead (left as it is)", "FILE" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each cold and warm figure (default 3)", "K" },
    { "alt-rows", 0, 0, G_OPTION_ARG_INT, &alt_rows_opt, "Rows the alternative sorts by name (default 100000)", "K" },
    { "no-alternative", 0, 0, G_OPTION_ARG_NONE, &no_alternative, "Leave out the alternative (for a profile of the page)", NULL },
    { "in-place", 0, 0, G_OPTION_ARG_NONE, &in_place, "Filter and sort on the main thread at any size (as before the worker)", NULL },
    { "first-rows", 0, 0, G_OPTION_ARG_NONE, &first_rows_only, "Only the page load and the first rows after opening", NULL },
    { "rebind-all", 0, 0, G_OPTION_ARG_NONE, &rebind_all, "Rebind every bound cell at each answer (as before), not only those in view", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-customers-page: %s\n", error->message);
      return 2;
    }
  n = bench_size (n, "STRATA_BENCH_CUSTOMERS", 100000);
  runs = bench_size (runs, "STRATA_BENCH_RUNS", 3);
  alt_rows = alt_rows_opt > 0 ? (guint) alt_rows_opt : 100000;
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
  view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), "customer-list"));
  context = first_rows_step (page, view, path, g_steal_pointer (&context), runs);
  if (first_rows_only)
    {
      gtk_window_destroy (window);
      drain ();
      g_clear_object (&context);
      if (file == NULL)
        bench_remove_workspace (path);
      g_rmdir (dir);
      return 0;
    }
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

  columns = gtk_column_view_get_columns (view);
  if (in_place)
    strata_customers_page_set_query_async_rows (page, G_MAXUINT);
  strata_customers_page_set_rebind_all (page, rebind_all);
  printf (" the list's filters and sorts: %s\n", in_place ? "on the main thread (--in-place)"
                                                           : "on a worker from 50,000 customers");
  printf (" cells rebound at an answer: %s\n", rebind_all ? "every one GTK keeps bound (--rebind-all)"
                                                          : "those in view (the others in the next frames)");
  printf (" the list, warm (until the answer is painted; stall: the longest the main thread went without\n"
          " a 1 ms heartbeat; beside each, the same with GtkSortListModel over GtkFilterListModel over\n"
          " the same rows, synchronous on the main thread as GTK does it, not painted; names compared with\n"
          " g_utf8_collate on at most %u rows):\n", alt_rows);
  {
    Alt alt;
    const guint *shown;
    guint n_shown;
    const StrataCustomerColumns *cols = strata_customers_page_get_columns (page, &shown, &n_shown);
    const char *name = strata_period_data_get_name (cols->strings, cols->n / 2);
    const char *id = strata_period_data_get_ext_id (cols->strings, cols->n / 3);
    g_autofree char *fragment = g_utf8_substring (name, 0, MIN (2, g_utf8_strlen (name, -1)));
    g_autofree char *what = NULL;
    GtkDropDown *tiers = GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), "tier-filter"));
    GtkWidget *search = find_widget (GTK_WIDGET (page), "search");
    guint started;

    alt_init (&alt, cols);
    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        const char *title = gtk_column_view_column_get_title (column);
        /* Score from the top, the others from the bottom. */
        gboolean descending = g_strcmp0 (title, "Score") == 0;

        g_free (what);
        what = g_strdup_printf ("sort by %s", title);
        page_step (page, what, STEP_SORT, view, column, descending, NULL, 0, NULL);
        alt_sort (&alt, i, descending, alt_rows);
      }
    /* Filtering and searching with the list sorted by score. */
    {
      g_autoptr(GtkColumnViewColumn) score = g_list_model_get_item (columns, STRATA_CUSTOMER_SORT_SCORE);

      page_step (page, "sort by Score again", STEP_SORT, view, score, TRUE, NULL, 0, NULL);
    }
    alt_sort (&alt, STRATA_CUSTOMER_SORT_SCORE, TRUE, G_MAXUINT);
    page_step (page, "filter by tier C (sorted by score)", STEP_TIER, NULL, NULL, FALSE, tiers, 3, NULL);
    alt_filter (&alt, 2, NULL);
    page_step (page, "all tiers again", STEP_TIER, NULL, NULL, FALSE, tiers, 0, NULL);
    alt_filter (&alt, -1, NULL);
    g_free (what);
    what = g_strdup_printf ("search a name fragment \"%s\"", fragment);
    page_step (page, what, STEP_SEARCH, NULL, NULL, FALSE, search, 0, fragment);
    alt_filter (&alt, -1, fragment);
    g_free (what);
    what = g_strdup_printf ("search an id \"%s\"", id);
    page_step (page, what, STEP_SEARCH, NULL, NULL, FALSE, search, 0, id);
    alt_filter (&alt, -1, id);
    page_step (page, "clear the search", STEP_SEARCH, NULL, NULL, FALSE, search, 0, "");
    alt_filter (&alt, -1, NULL);

    /* Typing: three searches before the first answer; the last wins. */
    started = strata_customers_page_get_queries_run (page);
    page_step (page, "type \"c0\", \"c00\", \"c0001\" at once", STEP_TYPE, NULL, NULL, FALSE, search, 0, NULL);
    printf ("    (%u queries started on a worker for 3 searches)\n",
            strata_customers_page_get_queries_run (page) - started);
    page_step (page, "clear the search", STEP_SEARCH, NULL, NULL, FALSE, search, 0, "");
    alt_clear (&alt);
  }

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
