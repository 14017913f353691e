/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on a large workspace against the goals of issue 18 item 4:
 *   bench-window [--customers N] [--file FILE] [--alt-rows K] [--edit-only]
 * (N default 100,000, or $STRATA_BENCH_CUSTOMERS: a generated demo with
 * two quarters; FILE: an existing workspace instead. The weight edit saves
 * a draft and its undo into FILE: give it a copy.) Runs under a display
 * (Xvfb). Wall clock, warm (the file in the OS page cache after the open);
 * "stall" is the longest the main thread went without running a 1 ms
 * high-priority heartbeat, which is how long the window was frozen:
 * - opening the file: until its first frame is painted (the page, with a
 *   spinner while the scores load) and until the Customers page lists its
 *   rows, the stall and CPU over the whole open (--open-only: only that);
 * - switching to each page, first and second visit: until the page has
 *   loaded (its spinner gone) and built (a page built in steps: the
 *   Scoring page's rules editor, the Entitlements matrix) and a frame is
 *   painted, the stall and the longest turn's CPU; beside them a fresh
 *   Scoring and Entitlements page built in steps and, as before, in one
 *   turn (--switches: only the open, then every page's first visit, back
 *   to the page before and to it again, second visits, the Review page
 *   apart, and those alternatives twice; --one-turn: every page built in
 *   one turn, as before, for a before/after run);
 * - on the Customers page: sorting by name right after opening (the names'
 *   order still on its worker), then by name, score and tier, filtering by
 *   tier, searching by a name fragment and by an id: from the action to the
 *   first frame painted with the new rows (checked: the count and the order
 *   of the first rows); beside them the same done without the page's
 *   design, on the main thread: qsort(3) of the rows with the comparison
 *   (strata_customer_view_compare), GtkSortListModel and GtkFilterListModel
 *   with a GtkCustomSorter / GtkCustomFilter (sorts that compare names with
 *   g_utf8_collate on at most --alt-rows rows, default 100,000);
 * - a weight edit on the Scoring page (a band's points up by one, through
 *   its spin button) until the impact panel is painted, and until the Tiers
 *   page (pyramid) and the Quadrant page, shown side by side in a second
 *   window on the same context, are painted again (they show the published
 *   rules: a draft save reloads neither); then until the panel shows the
 *   new figures (counted on a worker above 50,000 customers, the last ones
 *   dimmed meanwhile); beside them the whole period read and scored
 *   afresh (strata_scoring_new);
 * - the Quadrant page and Fit to Data (bench-window-quadrant.h; --quadrant:
 *   only those after the page visits);
 * - first of all, opening the file left by an unclean shutdown, its check
 *   on a worker and, as before, on the main thread (bench-window-unclean.h;
 *   --unclean R: only those, R rounds). */
#include "config.h"

#include <adwaita.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-demo.h"
#include "bench-window-util.h"

#include "strata-application.h"
#include "strata-context.h"
#include "strata-customers-page.h"
#include "strata-customers-page-private.h"
#include "strata-demo.h"
#include "strata-page.h"
#include "strata-quadrant-page.h"
#include "strata-row-list.h"
#include "strata-scoring.h"
#include "strata-scoring-page-private.h"
#include "strata-tiers-page.h"
#include "strata-window.h"

#define TIMEOUT_S 300

static BenchStall stall;

/* A step begins: its stall and its memory peak (VmHWM) from now. */
static void
stall_reset (void)
{
  bench_reset_peak ();
  bench_stall_reset (&stall);
}

static double cond_ms;   /* from t0 until cond held, of the last until_painted */

/* Under load a stall is partly the thread waiting for a core: the main
 * thread's CPU time between two heartbeats tells the two apart. most_cpu:
 * the most CPU one gap held (the longest turn of work). */
typedef struct
{
  gint64 last;
  double last_cpu;
  double most_cpu;
} TurnWatch;

static gboolean
turn_beat (gpointer data)
{
  TurnWatch *w = data;
  double cpu = bench_thread_cpu_ms ();

  w->most_cpu = MAX (w->most_cpu, cpu - w->last_cpu);
  w->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

/* The main thread's time waiting for a core (runnable, not running) since
 * it started, in ms; 0 where the kernel does not say. */
static double
thread_wait_ms (void)
{
  g_autofree char *text = NULL;
  guint64 run = 0, wait = 0;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run, &wait) != 2)
    return 0;
  return wait / 1e6;
}

static void
turn_watch_reset (TurnWatch *w)
{
  w->last_cpu = bench_thread_cpu_ms ();
  w->most_cpu = 0;
}

/* Iterates until cond holds, then until frames has painted once more:
 * the milliseconds from t0 to that paint, -1 on a timeout. */
static double
until_painted (gint64       t0,
               BenchCond    cond,
               gpointer     data,
               BenchFrames *frames)
{
  return bench_until_painted (t0, cond, data, frames, TIMEOUT_S, &cond_ms);
}

/* what: the result (cond_ms) and its frame painted (ms), the stall, the
 * main thread's CPU time over the step. */
static void
print_row (const char *what,
           double      ms,
           double      stall_ms,
           double      cpu,
           const char *note)
{
  g_autofree char *rss = g_strdup_printf ("RSS %4.0f MB (heap and other anonymous %4.0f), peak %4.0f MB",
                                          bench_status_mb ("VmRSS:"), bench_status_mb ("RssAnon:"), bench_status_mb ("VmHWM:"));

  if (ms < 0)
    printf ("  %-50s %8s            %8.1f ms stall %8.1f ms CPU  %s  %s\n", what, "timeout", stall_ms, cpu,
            rss, note ? note : "");
  else
    printf ("  %-50s %8.1f ms %8.1f ms %8.1f ms stall %8.1f ms CPU  %s  %s\n", what, cond_ms, ms, stall_ms, cpu,
            rss, note ? note : "");
}

static void
print_alt (const char *what,
           double      ms,
           guint       rows)
{
  g_autofree char *label = g_strdup_printf ("  alternative: %s", what);

  printf ("  %-50s %8.1f ms  (main thread, %u rows)\n", label, ms, rows);
}

/* The Customers page --------------------------------------------------------- */

typedef struct
{
  StrataCustomersPage *page;
  guint                expected;  /* rows */
  gboolean             sorted;
  StrataCustomerSort   column;
  gboolean             descending;
  StrataCustomerFilter filter;
} Expect;

/* The page shows expected rows, its first ones in order and matching. */
static gboolean
rows_shown (gpointer data)
{
  Expect *e = data;
  const guint *rows;
  guint n;
  const StrataCustomerColumns *cols = strata_customers_page_get_columns (e->page, &rows, &n);

  if (strata_page_get_loading (STRATA_PAGE (e->page)) || n != e->expected)
    return FALSE;
  for (guint i = 0; i < MIN (n, 2000); i++)
    {
      if (!strata_customer_view_matches (cols, &e->filter, rows[i]))
        return FALSE;
      if (e->sorted && i > 0)
        {
          int c = strata_customer_view_compare (cols, e->column, rows[i - 1], rows[i]);

          if (e->descending ? c < 0 : c > 0)
            return FALSE;
        }
    }
  return TRUE;
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("bench-window: no column %s", title);
}

static guint
count_matching (StrataCustomersPage        *page,
                const StrataCustomerFilter *filter)
{
  const guint *rows;
  guint n;
  const StrataCustomerColumns *cols = strata_customers_page_get_columns (page, &rows, &n);
  g_autoptr(GArray) kept = strata_customer_view_filter (cols, filter);

  return kept->len;
}

typedef struct
{
  const StrataCustomerColumns *cols;
  StrataCustomerSort           column;
} AltSort;

static int
alt_compare (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  AltSort *s = data;

  return strata_customer_view_compare (s->cols, s->column, *(const guint *) a, *(const guint *) b);
}

static int
alt_sorter_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  AltSort *s = data;

  return bench_compare_rows (s->cols, s->column, 1, a, b);
}

typedef struct
{
  const StrataCustomerColumns *cols;
  const StrataCustomerFilter  *filter;
} AltFilter;

static gboolean
alt_filter_match (gpointer item,
                  gpointer data)
{
  AltFilter *f = data;

  return bench_row_matches (f->cols, f->filter, item);
}

static StrataRowList *
identity_list (guint n)
{
  StrataRowList *list = strata_row_list_new ();
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (rows, i);
  strata_row_list_set_rows (list, rows);
  return list;
}

/* The same sort without the page's design: qsort(3) of n row indexes and
 * GtkSortListModel over n rows, both comparing two rows at a time. */
static void
alternative_sorts (StrataCustomersPage *page,
                   StrataCustomerSort   column,
                   guint                limit)
{
  const guint *shown;
  guint n_shown;
  AltSort s = { strata_customers_page_get_columns (page, &shown, &n_shown), column };
  guint n = MIN (s.cols->n, limit);
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  g_autoptr(StrataRowList) list = identity_list (n);
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkSorter *sorter;
  gint64 t;

  for (guint i = 0; i < n; i++)
    rows[i] = i;
  t = g_get_monotonic_time ();
  g_qsort_with_data (rows, n, sizeof (guint), alt_compare, &s);
  print_alt ("qsort of the rows", (g_get_monotonic_time () - t) / 1000.0, n);

  t = g_get_monotonic_time ();
  sorter = GTK_SORTER (gtk_custom_sorter_new (alt_sorter_compare, &s, NULL));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (list)), sorter);
  (void) g_list_model_get_n_items (G_LIST_MODEL (sorted));
  print_alt ("GtkSortListModel + GtkCustomSorter", (g_get_monotonic_time () - t) / 1000.0, n);
}

static void
alternative_filter (StrataCustomersPage        *page,
                    const StrataCustomerFilter *filter)
{
  const guint *shown;
  guint n_shown;
  AltFilter f = { strata_customers_page_get_columns (page, &shown, &n_shown), filter };
  g_autoptr(StrataRowList) list = identity_list (f.cols->n);
  g_autoptr(GtkFilterListModel) filtered = NULL;
  GtkFilter *custom;
  gint64 t = g_get_monotonic_time ();

  custom = GTK_FILTER (gtk_custom_filter_new (alt_filter_match, &f, NULL));
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (list)), custom);
  (void) g_list_model_get_n_items (G_LIST_MODEL (filtered));
  print_alt ("GtkFilterListModel + GtkCustomFilter", (g_get_monotonic_time () - t) / 1000.0, f.cols->n);
}

/* One step on the page: act, then until the rows e expects are painted. */
typedef enum
{
  STEP_SORT,
  STEP_TIER,
  STEP_SEARCH,
} StepKind;

static void
customers_step (StrataCustomersPage *page,
                BenchFrames         *frames,
                const char          *what,
                StepKind             kind,
                const char          *arg,
                GtkSortType          direction,
                Expect              *e)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (bench_find (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, "customer-list", 0));
  double cpu = bench_thread_cpu_ms (), ms;
  g_autofree char *note = NULL;
  gint64 t;

  stall_reset ();
  t = g_get_monotonic_time ();
  if (kind == STEP_SORT)
    gtk_column_view_sort_by_column (view, column_titled (view, arg), direction);
  else if (kind == STEP_TIER)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (bench_find (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, "tier-filter", 0)),
                                (guint) atoi (arg));
  else
    {
      GtkWidget *search = bench_find (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, "search", 0);

      gtk_editable_set_text (GTK_EDITABLE (search), arg);
      g_signal_emit_by_name (search, "search-changed");
    }
  ms = until_painted (t, rows_shown, e, frames);
  if (g_getenv ("STRATA_BENCH_CLOCK") != NULL)
    note = g_strdup_printf ("%u rows (CLOCK_MONOTONIC %.6f to %.6f s)", e->expected,
                            t / 1e6, g_get_monotonic_time () / 1e6);
  else
    note = g_strdup_printf ("%u rows", e->expected);
  print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, note);
}

/* Pages ----------------------------------------------------------------------- */

static gboolean
page_ready (gpointer data)
{
  GtkWidget *page = data;

  return gtk_widget_get_mapped (page) && (!STRATA_IS_PAGE (page) || !strata_page_get_loading (STRATA_PAGE (page)));
}

/* Until the page has loaded and built (its spinner gone, its build in
 * steps done) and a frame is painted, then 300 ms more for the stall; the
 * note: the longest turn's CPU (the goal: no turn over 100 ms) and the
 * turns a build in steps took. */
/* Shows a page (and gives it its context if it has none): the page. */
typedef GtkWidget *(*ShowFunc) (gpointer data,
                                gpointer arg);

static void
visit_page (gboolean     first,
            BenchFrames *frames,
            const char  *what,
            ShowFunc     show,
            gpointer     show_data,
            gpointer     show_arg)
{
  TurnWatch turns = { 0 };
  g_autofree char *note = NULL;
  double ms, cpu;
  guint turn_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, turn_beat, &turns, NULL);
  GtkWidget *page;
  gint64 t;

  bench_run_for (50);
  turn_watch_reset (&turns);
  cpu = bench_thread_cpu_ms ();
  stall_reset ();
  t = g_get_monotonic_time ();
  page = show (show_data, show_arg);
  ms = until_painted (t, page_ready, page, frames);
  bench_run_for (300);
  g_source_remove (turn_id);
  /* A page builds in steps when it gets its context. */
  if (first && STRATA_IS_PAGE (page) && strata_page_get_build_turns (STRATA_PAGE (page)) > 0)
    note = g_strdup_printf ("longest turn's CPU %5.1f ms; built in %u turns", turns.most_cpu,
                            strata_page_get_build_turns (STRATA_PAGE (page)));
  else
    note = g_strdup_printf ("longest turn's CPU %5.1f ms", turns.most_cpu);
  print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, note);
}

static GtkWidget *
show_named (gpointer window,
            gpointer name)
{
  strata_window_show_page (window, name);
  return strata_window_get_page (window, name);
}

static void
switch_page (StrataWindow *window,
             BenchFrames  *frames,
             const char   *name,
             const char   *visit)
{
  g_autofree char *what = g_strdup_printf ("switch to %s (%s visit)", name, visit);

  visit_page (g_str_equal (visit, "first"), frames, what, show_named, window, (gpointer) name);
}

static GtkWidget *
give_context (gpointer page,
              gpointer context)
{
  g_object_set (page, "context", context, NULL);
  return page;
}

/* The alternative to a page built in steps: a fresh page of its type in a
 * window of its own on the window's context (one window for all, mapped
 * and painted first), given the context as a first visit does, built in
 * steps and, as before, in one turn (strata_page_set_build_budget),
 * alternating, rounds times after one round not counted (the side
 * window's renderer meets the page's kinds of drawing then). */
static void
fresh_page_visits (StrataWindow *window,
                   GtkWindow    *side,
                   BenchFrames  *side_frames,
                   const char   *name,
                   guint         rounds)
{
  GType type = G_OBJECT_TYPE (strata_window_get_page (window, name));

  for (guint k = 0; k < (rounds + 1) * 2; k++)
    {
      gboolean one_turn = k % 2 == 1;
      GtkWidget *page = g_object_new (type, NULL);
      g_autofree char *what = g_strdup_printf ("%s%s: a fresh page, built %s%s",
                                               one_turn ? "alternative: " : "", name,
                                               one_turn ? "in one turn" : "in steps",
                                               k < 2 ? " (warm-up)" : "");

      gtk_window_set_child (side, page);
      bench_run_for (200);
      strata_page_set_build_budget (one_turn ? G_MAXINT64 : 0);
      visit_page (TRUE, side_frames, what, give_context, page, strata_window_get_context (window));
      strata_page_set_build_budget (0);
      gtk_window_set_child (side, NULL);
    }
}

typedef struct
{
  GtkWidget *page;
  gboolean   started;
} Follow;

static gboolean
page_reloaded (gpointer data)
{
  Follow *f = data;

  return f->started && page_ready (f->page);
}

/* The impact panel shows the edit's figures (not the last ones dimmed). */
static gboolean
impact_counted (gpointer data)
{
  StrataScoringPage *page = data;

  return !strata_impact_panel_get_updating (page->impact);
}

#include "bench-window-quadrant.h"
#include "bench-window-unclean.h"

/* The next morning: the file opened again in the window, whose first
 * opening kept the names' order in it, and sorted by name at once. */
static void
reopen_sort_by_name (StrataWindow        *window,
                     StrataCustomersPage *customers,
                     const char          *path,
                     BenchFrames         *frames)
{
  const StrataCustomersPageOrders *orders = strata_customers_page_get_orders (customers);
  Expect e = { customers, 0, TRUE, STRATA_CUSTOMER_SORT_NAME, FALSE, { NULL, -1, -1, NULL } };
  g_autoptr(GError) error = NULL;
  guint kept = orders->name_ranks_kept, read = orders->name_ranks_read;
  gint64 t;

  strata_window_set_workspace (window, NULL);
  bench_run_for (300);
  t = g_get_monotonic_time ();
  if (!strata_window_open_path (window, path, &error))
    g_error ("%s", error->message);
  while ((strata_page_get_loading (STRATA_PAGE (customers)) ||
          g_list_model_get_n_items (strata_customers_page_get_model (customers)) == 0) &&
         g_get_monotonic_time () - t < TIMEOUT_S * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  e.expected = g_list_model_get_n_items (strata_customers_page_get_model (customers));
  printf ("  (opened again: rows listed after %.0f ms)\n", (g_get_monotonic_time () - t) / 1000.0);
  customers_step (customers, frames, "opened again, sort by name at once", STEP_SORT, "Name",
                  GTK_SORT_ASCENDING, &e);
  printf ("  (the names' order: kept in the file by the first opening: %s; read from it now: %s;\n"
          "   the reopening and its step: CLOCK_MONOTONIC %.6f to %.6f s, for perf record -k mono)\n",
          kept > 0 ? "yes" : "no", orders->name_ranks_read > read ? "yes" : "no",
          t / 1e6, g_get_monotonic_time () / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.strata", NULL);
  g_autoptr(GApplication) app = NULL;
  static const char *pages[] = { "scoring", "quadrant", "tiers", "products", "entitlements", "review", "customers" };
  StrataWindow *window;
  StrataCustomersPage *customers;
  BenchFrames frames = { 0 }, side_frames = { 0 };
  int n = 0, alt_rows = 0, unclean_rounds = 0;
  char *file = NULL, *only = NULL;
  gboolean quadrant_only = FALSE, edit_only = FALSE, customers_only = FALSE, open_only = FALSE, switches_only = FALSE;
  gboolean one_turn = FALSE, keep_open = FALSE;
  g_auto(GStrv) page_list = NULL;
  const GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_INT, &n, "Customers of the demo workspace (default 100000)", "N" },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &file, "An existing workspace instead (a draft edit is saved into it)", "FILE" },
    { "alt-rows", 0, 0, G_OPTION_ARG_INT, &alt_rows, "Rows of the alternatives that collate names (default 100000)", "K" },
    { "pages", 0, 0, G_OPTION_ARG_STRING, &only, "Only open the file and switch to these pages (for memory profiles)", "A,B" },
    { "switches", 0, 0, G_OPTION_ARG_NONE, &switches_only, "Only open the file, then visit every page (first, back, second visit; the Review page apart) and the pages built in steps against one turn", NULL },
    { "one-turn", 0, 0, G_OPTION_ARG_NONE, &one_turn, "Every page built in one turn, as before the builds in steps (for a before/after run)", NULL },
    { "keep-open", 0, 0, G_OPTION_ARG_NONE, &keep_open, "Exit without closing the window (for heaptrack: what is held at the end counts as leaked)", NULL },
    { "quadrant", 0, 0, G_OPTION_ARG_NONE, &quadrant_only, "Only the Scoring and Quadrant pages' visits, then the Quadrant page's and Fit to Data's steps", NULL },
    { "open-only", 0, 0, G_OPTION_ARG_NONE, &open_only, "Only open the file (for profiles: prints its clock for perf report --time)", NULL },
    { "unclean", 0, 0, G_OPTION_ARG_INT, &unclean_rounds, "Only open the file left by an unclean shutdown, R rounds (the check on a worker, and on the main thread)", "R" },
    { "customers-only", 0, 0, G_OPTION_ARG_NONE, &customers_only, "Only open the file and take the Customers page's steps (for profiles: prints their clock for perf report --time)", NULL },
    { "edit-only", 0, 0, G_OPTION_ARG_NONE, &edit_only, "Only open the file and make the weight edit (for profiles: prints its clock for perf report --time)", NULL },
    { NULL }
  };
  guint beat_id;
  gint64 t;
  double ms;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-window: %s\n", error->message);
      return 2;
    }
  n = bench_size (n, "STRATA_BENCH_CUSTOMERS", 100000);
  page_list = only != NULL ? g_strsplit (only, ",", -1) : NULL;
#ifdef __GLIBC__
  /* As the window's main() does, so that its resident memory is the window's. */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif
  alt_rows = alt_rows > 0 ? alt_rows : 100000;
  bench_window_init (argv[0], dir);
  bench_demo_or_file (&path, file, n);
  printf ("wall clock from the action: until the result is there, until its frame is painted; stall = the\n"
          "longest the main thread did not run a 1 ms heartbeat; CPU = the main thread's over the step\n"
          "(goals: stall < 100 ms; customers steps < 100 ms; weight edit < 50 ms)\n");
  printf ("  %-50s %11s %11s %14s %12s\n", "", "result", "painted", "stall", "CPU");

  window = bench_open_window ("io.github.strata.Strata.BenchWindow", &stall, &frames, &app, &beat_id);
  if (one_turn)
    {
      printf ("(--one-turn: every page built in one turn)\n");
      strata_page_set_build_budget (G_MAXINT64);
    }
  /* Before the window opens the file, which would make it not unclean. */
  if (!open_only && !edit_only && !quadrant_only && !switches_only && page_list == NULL)
    unclean_steps (app, path, unclean_rounds > 0 ? unclean_rounds : 1);
  if (unclean_rounds > 0)
    goto done;

  /* Opening: the window's first frame after the open (the page, with its
   * spinner while the scores load), then until the Customers page lists
   * the rows; the stall and the main thread's CPU over the whole open. */
  customers = STRATA_CUSTOMERS_PAGE (strata_window_get_page (window, "customers"));
  {
    Expect e = { customers, 0, FALSE, 0, FALSE, { NULL, -1, -1, NULL } };
    double cpu = bench_thread_cpu_ms (), call_ms, frame_ms, frame_stall, frame_cpu, data_ms, frame_turn;
    double wait, frame_wait;
    TurnWatch turns = { 0 };
    char *note;
    guint turn_id;
    gboolean spinner;
    guint paints;

    turn_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, turn_beat, &turns, NULL);
    turn_watch_reset (&turns);
    wait = thread_wait_ms ();
    stall_reset ();
    t = g_get_monotonic_time ();
    if (!strata_window_open_path (window, path, &error))
      g_error ("%s", error->message);
    call_ms = (g_get_monotonic_time () - t) / 1000.0;
    paints = frames.paints;
    while (frames.paints == paints && g_get_monotonic_time () - t < TIMEOUT_S * G_USEC_PER_SEC)
      g_main_context_iteration (NULL, TRUE);
    frame_ms = (frames.last_paint - t) / 1000.0;
    frame_stall = bench_stall_ms (&stall);
    frame_cpu = bench_thread_cpu_ms () - cpu;
    frame_turn = turns.most_cpu;
    frame_wait = thread_wait_ms () - wait;
    spinner = strata_page_get_loading (STRATA_PAGE (customers));
    while ((strata_page_get_loading (STRATA_PAGE (customers)) ||
            g_list_model_get_n_items (strata_customers_page_get_model (customers)) == 0) &&
           g_get_monotonic_time () - t < TIMEOUT_S * G_USEC_PER_SEC)
      g_main_context_iteration (NULL, TRUE);
    e.expected = g_list_model_get_n_items (strata_customers_page_get_model (customers));
    ms = until_painted (t, rows_shown, &e, &frames);
    data_ms = cond_ms;
    printf ("the window (%u customers shown):\n", e.expected);
    g_source_remove (turn_id);
    cond_ms = call_ms;
    note = g_strdup_printf ("(result: strata_window_open_path returned; %s; longest turn's CPU %.1f ms; "
                            "waiting for a core %.0f ms)",
                            spinner ? "the page's spinner shown" : "the rows shown", frame_turn, frame_wait);
    print_row ("open: the window's first frame painted", frame_ms, frame_stall, frame_cpu, note);
    g_free (note);
    cond_ms = data_ms;
    note = g_strdup_printf ("(stall and CPU: the whole open; longest turn's CPU %.1f ms; waiting for a core %.0f ms)",
                            turns.most_cpu, thread_wait_ms () - wait);
    print_row ("open the file until the Customers page lists its rows", ms, bench_stall_ms (&stall),
               bench_thread_cpu_ms () - cpu, note);
    g_free (note);
    if (open_only)
      {
        printf ("  (the open: CLOCK_MONOTONIC %.6f to %.6f s, for perf record -k mono; perf report --time)\n",
                t / 1e6, g_get_monotonic_time () / 1e6);
        goto done;
      }

    /* At once: the names' order is still on its worker. */
    e.sorted = TRUE;
    e.column = STRATA_CUSTOMER_SORT_NAME;
    customers_step (customers, &frames, "sort by name right after opening", STEP_SORT, "Name",
                    GTK_SORT_ASCENDING, &e);
  }
  bench_run_for (300);

  printf ("\nswitching pages (until loaded, built and painted; then 300 ms more for the stall):\n");
  if (switches_only)
    {
      /* Every page but Review: first visit, back to the page before it and
       * to it again; then each a second time; Review apart, last. */
      const char *last = "customers";

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        if (!g_str_equal (pages[i], "review") && !g_str_equal (pages[i], "customers"))
          {
            switch_page (window, &frames, pages[i], "first");
            switch_page (window, &frames, last, "back");
            switch_page (window, &frames, pages[i], "back");
            last = pages[i];
          }
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        if (!g_str_equal (pages[i], "review"))
          switch_page (window, &frames, pages[i], "second");
      printf ("the Review page (another helper's; reported apart):\n");
      switch_page (window, &frames, "review", "first");
      switch_page (window, &frames, "review", "second");
    }
  else
    for (guint visit = 0; visit < (edit_only || customers_only ? 0 : 2); visit++)
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        if ((page_list == NULL || g_strv_contains ((const char * const *) page_list, pages[i])) &&
            (!quadrant_only || g_str_equal (pages[i], "scoring") || g_str_equal (pages[i], "quadrant")))
          switch_page (window, &frames, pages[i], visit == 0 ? "first" : "second");
  if (!edit_only && !customers_only && !quadrant_only && page_list == NULL)
    {
      GtkWindow *side = GTK_WINDOW (gtk_window_new ());

      printf ("\nthe pages built in steps, fresh, against the same built in one turn (as before):\n");
      gtk_window_set_default_size (side, 1400, 900);
      gtk_window_present (side);
      while (!gtk_widget_get_mapped (GTK_WIDGET (side)))
        g_main_context_iteration (NULL, TRUE);
      bench_watch_frames (GTK_WIDGET (side), &side_frames);
      fresh_page_visits (window, side, &side_frames, "scoring", switches_only ? 2 : 1);
      fresh_page_visits (window, side, &side_frames, "entitlements", switches_only ? 2 : 1);
      strata_page_set_build_budget (one_turn ? G_MAXINT64 : 0);
      gtk_window_destroy (side);
      side_frames = (BenchFrames) { 0 };
    }
  if (switches_only)
    goto done;

  if (page_list != NULL)
    {
      /* What stays once the pages' workers are done. */
      stall_reset ();
      bench_run_for (3000);
      print_row ("3 s later, nothing done", 0, bench_stall_ms (&stall), 0, NULL);
      printf ("  (of the RSS: mapped files %.0f MB, shared memory %.0f MB)\n",
              bench_status_mb ("RssFile:"), bench_status_mb ("RssShmem:"));
#ifdef __GLIBC__
      /* glibc's arenas handing back what they keep free (the pages trim a
       * second after their last load: what is left). */
      {
        double cpu = bench_thread_cpu_ms ();

        malloc_trim (0);
        print_row ("the same after malloc_trim (0) again", 0, 0, bench_thread_cpu_ms () - cpu, NULL);
      }
#endif
      goto done;
    }
  if (edit_only)
    goto edit;
  if (customers_only)
    {
      /* Past the window's background check (8 s at 1M here), as in the
       * whole run, where the steps come after the other pages'. */
      bench_run_for (10000);
      goto customers;
    }
  quadrant_steps (window, &frames);
  if (quadrant_only)
    goto done;
customers:
  /* The steps act on the page the user sees (the steps before end on the
   * Scoring page). */
  strata_window_show_page (window, "customers");
  bench_run_for (500);
  printf ("\nthe Customers page, warm:\n");
  {
    gint64 from = g_get_monotonic_time ();
    Expect e = { customers, 0, TRUE, 0, FALSE, { NULL, -1, -1, NULL } };
    const guint *rows;
    guint n_rows;
    const StrataCustomerColumns *cols = strata_customers_page_get_columns (customers, &rows, &n_rows);
    const char *name = strata_period_data_get_name (cols->strings, cols->n / 2);
    const char *id = strata_period_data_get_ext_id (cols->strings, cols->n / 3);
    g_autofree char *fragment = g_utf8_substring (name, 0, MIN (2, g_utf8_strlen (name, -1)));
    g_autofree char *fragment_folded = strata_customer_view_fold (fragment);
    g_autofree char *id_folded = strata_customer_view_fold (id);
    g_autofree char *what = NULL;

    e.expected = cols->n;
    e.column = STRATA_CUSTOMER_SORT_SCORE;
    e.descending = TRUE;
    customers_step (customers, &frames, "sort by score (descending)", STEP_SORT, "Score", GTK_SORT_DESCENDING, &e);
    if (!customers_only)
      alternative_sorts (customers, STRATA_CUSTOMER_SORT_SCORE, G_MAXUINT);
    e.column = STRATA_CUSTOMER_SORT_NAME;
    e.descending = FALSE;
    customers_step (customers, &frames, "sort by name", STEP_SORT, "Name", GTK_SORT_ASCENDING, &e);
    if (!customers_only)
      alternative_sorts (customers, STRATA_CUSTOMER_SORT_NAME, alt_rows);
    e.column = STRATA_CUSTOMER_SORT_TIER;
    customers_step (customers, &frames, "sort by tier", STEP_SORT, "Tier", GTK_SORT_ASCENDING, &e);
    if (!customers_only)
      alternative_sorts (customers, STRATA_CUSTOMER_SORT_TIER, G_MAXUINT);

    /* Filtering and searching with the list sorted by score. */
    e.column = STRATA_CUSTOMER_SORT_SCORE;
    e.descending = TRUE;
    customers_step (customers, &frames, "sort by score again", STEP_SORT, "Score", GTK_SORT_DESCENDING, &e);
    e.filter.tier = 2;
    e.expected = count_matching (customers, &e.filter);
    customers_step (customers, &frames, "filter by tier C (sorted by score)", STEP_TIER, "3", 0, &e);
    if (!customers_only)
      alternative_filter (customers, &e.filter);
    e.filter.tier = -1;
    e.expected = cols->n;
    customers_step (customers, &frames, "all tiers again", STEP_TIER, "0", 0, &e);

    e.filter.search = fragment_folded;
    e.expected = count_matching (customers, &e.filter);
    what = g_strdup_printf ("search a name fragment \"%s\"", fragment);
    customers_step (customers, &frames, what, STEP_SEARCH, fragment, 0, &e);
    if (!customers_only)
      alternative_filter (customers, &e.filter);
    e.filter.search = id_folded;
    e.expected = count_matching (customers, &e.filter);
    g_free (what);
    what = g_strdup_printf ("search an id \"%s\"", id);
    customers_step (customers, &frames, what, STEP_SEARCH, id, 0, &e);
    if (!customers_only)
      alternative_filter (customers, &e.filter);
    e.filter.search = NULL;
    e.expected = cols->n;
    customers_step (customers, &frames, "clear the search", STEP_SEARCH, "", 0, &e);
    reopen_sort_by_name (window, customers, path, &frames);
    printf ("  (the steps: CLOCK_MONOTONIC %.6f to %.6f s, for perf record -k mono; perf report --time)\n",
            from / 1e6, g_get_monotonic_time () / 1e6);
    if (customers_only)
      goto done;
  }

edit:
  printf ("\na weight edit on the Scoring page (Tiers and Quadrant pages beside it, in a second window):\n");
  {
    GtkWindow *side = GTK_WINDOW (gtk_window_new ());
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *tiers = g_object_new (STRATA_TYPE_TIERS_PAGE, NULL);
    GtkWidget *quadrant = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
    GtkWidget *scoring = strata_window_get_page (window, "scoring");
    StrataContext *context = strata_window_get_context (window);
    Follow follow_tiers = { tiers, FALSE }, follow_quadrant = { quadrant, FALSE };
    GtkSpinButton *points;
    double before, impact_ms, tiers_ms, quadrant_ms, edit_stall, cpu, impact_cond, tiers_cond, quadrant_cond;
    double counted_ms, counted_cond;

    gtk_widget_set_hexpand (tiers, TRUE);
    gtk_widget_set_hexpand (quadrant, TRUE);
    gtk_box_append (GTK_BOX (box), tiers);
    gtk_box_append (GTK_BOX (box), quadrant);
    gtk_window_set_child (side, box);
    gtk_window_set_default_size (side, 1400, 500);
    g_object_set (tiers, "context", context, NULL);
    g_object_set (quadrant, "context", context, NULL);
    gtk_window_present (side);
    while (!gtk_widget_get_mapped (GTK_WIDGET (side)))
      g_main_context_iteration (NULL, TRUE);
    bench_watch_frames (GTK_WIDGET (side), &side_frames);
    follow_tiers.started = follow_quadrant.started = TRUE;
    until_painted (g_get_monotonic_time (), page_reloaded, &follow_tiers, &side_frames);
    until_painted (g_get_monotonic_time (), page_reloaded, &follow_quadrant, &side_frames);
    strata_window_show_page (window, "scoring");
    until_painted (g_get_monotonic_time (), page_ready, scoring, &frames);
    bench_run_for (300);

    points = GTK_SPIN_BUTTON (bench_find (scoring, GTK_TYPE_SPIN_BUTTON, "points", 0));
    before = gtk_spin_button_get_value (points);
    cpu = bench_thread_cpu_ms ();
    stall_reset ();
    t = g_get_monotonic_time ();
    gtk_spin_button_set_value (points, before + 1);
    /* A page that follows the edit started its reload by now. */
    follow_tiers.started = strata_page_get_loading (STRATA_PAGE (tiers));
    follow_quadrant.started = strata_page_get_loading (STRATA_PAGE (quadrant));
    impact_ms = until_painted (t, page_ready, scoring, &frames);
    impact_cond = cond_ms;
    /* Counted at once: the first frame had them. */
    counted_ms = impact_ms;
    counted_cond = impact_cond;
    if (!impact_counted (scoring))
      {
        counted_ms = until_painted (t, impact_counted, scoring, &frames);
        counted_cond = cond_ms;
      }
    tiers_ms = follow_tiers.started ? until_painted (t, page_reloaded, &follow_tiers, &side_frames) : 0;
    tiers_cond = cond_ms;
    quadrant_ms = follow_quadrant.started ? until_painted (t, page_reloaded, &follow_quadrant, &side_frames) : 0;
    quadrant_cond = cond_ms;
    edit_stall = bench_stall_ms (&stall);
    cpu = bench_thread_cpu_ms () - cpu;
    if (edit_only)
      printf ("  (the edit: CLOCK_MONOTONIC %.6f to %.6f s, for perf record -k mono; perf report --time)\n",
              t / 1e6, g_get_monotonic_time () / 1e6);
    cond_ms = tiers_cond;
    print_row ("weight edit: Tiers page (pyramid) painted again", tiers_ms, edit_stall, cpu,
               follow_tiers.started ? "reloaded on a worker" : "(no reload)");
    cond_ms = quadrant_cond;
    print_row ("weight edit: Quadrant page painted again", quadrant_ms, edit_stall, cpu,
               follow_quadrant.started ? "reloaded on a worker" : "(no reload)");
    cond_ms = impact_cond;
    print_row ("weight edit: the impact panel painted", impact_ms, edit_stall, cpu,
               "(stall and CPU: the whole edit)");
    cond_ms = counted_cond;
    print_row ("weight edit: the impact panel's new figures painted", counted_ms, edit_stall, cpu,
               strata_scoring_get_data (strata_context_get_scoring (context))->n
               >= strata_scoring_page_default_impact_async_rows ()
               ? "counted on a worker" : "counted at once");
    {
      g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
      g_autoptr(StrataScoring) fresh = NULL;

      t = g_get_monotonic_time ();
      g_assert_no_error (error);
      fresh = strata_scoring_new (ws, &error);
      g_assert_no_error (error);
      print_alt ("the period read and scored afresh", (g_get_monotonic_time () - t) / 1000.0,
                 strata_scoring_get_data (fresh)->n);
    }
    /* The draft save alone, as each edit makes it: a transaction with its
     * audit row, the WAL's fsync at the commit, ::changed "draft". */
    {
      StrataScoring *shared = strata_context_get_scoring (context);
      double wall[5], save_cpu[5];

      for (guint k = 0; k < G_N_ELEMENTS (wall); k++)
        {
          double c = bench_thread_cpu_ms ();

          t = g_get_monotonic_time ();
          if (!strata_scoring_save_draft (shared, &error))
            g_error ("%s", error->message);
          wall[k] = (g_get_monotonic_time () - t) / 1000.0;
          save_cpu[k] = bench_thread_cpu_ms () - c;
        }
      printf ("  %-50s %8.1f ms wall, %.1f ms CPU (medians of %u)\n", "the draft save alone",
              bench_median (wall, G_N_ELEMENTS (wall)), bench_median (save_cpu, G_N_ELEMENTS (wall)),
              (guint) G_N_ELEMENTS (wall));
    }
    /* Back as it was (a second draft save). */
    gtk_spin_button_set_value (points, before);
    until_painted (g_get_monotonic_time (), page_ready, scoring, &frames);
    while (!impact_counted (scoring))
      g_main_context_iteration (NULL, TRUE);
    if (follow_tiers.started)
      until_painted (g_get_monotonic_time (), page_reloaded, &follow_tiers, &side_frames);
    if (follow_quadrant.started)
      until_painted (g_get_monotonic_time (), page_reloaded, &follow_quadrant, &side_frames);
    gtk_window_destroy (side);
  }
done:
  bench_print_load ();
  if (keep_open)
    {
      fflush (stdout);
      _exit (0);
    }

  bench_close_window (window, app, beat_id, file == NULL ? path : NULL, dir);
  return 0;
}
