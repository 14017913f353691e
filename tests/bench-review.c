/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page and its presentation on a large workspace (issue 18
 * item 4: no page ever freezes the window):
 *   bench-review [--customers N] [--file FILE]
 * (N default 100,000, or $STRATA_BENCH_CUSTOMERS: a generated demo with
 * two quarters; FILE: an existing workspace instead, only read.) Runs under
 * a display (Xvfb). Wall clock, warm; "stall" is the longest the main thread
 * went without running a 1 ms high-priority heartbeat (how long the window
 * was frozen), CPU the main thread's over the step (a visit also gives the
 * other threads', the page's worker among them), "turn" the most
 * main-thread CPU one main-loop turn took (between two polls: what froze
 * the window, free of the machine's load):
 * - the first and second visit of the Review page: until the comparison is
 *   on screen (its Loading… state gone) and painted, then until the mover
 *   lists have filled in (at most 5 s more);
 * - the mover list alone, filled again on the page, twice alternating with
 *   the alternative: the lists as they were before (four list views of
 *   StrataMoverRows, one per movement, five rows high, one a main-loop
 *   turn), then the switcher's four movements one after the other;
 * - the presentation: opening it, then each slide, until painted;
 * beside them, in the same run, what the page did before on the main
 * thread: its quadrant chart with every mover's arrow, built and drawn at
 * the chart's size on screen. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "bench-demo.h"
#include "bench-window-util.h"

#include "strata-application.h"
#include "strata-mover-row.h"
#include "strata-demo.h"
#include "strata-page.h"
#include "strata-presentation.h"
#include "strata-review-page.h"
#include "strata-review-page-private.h"
#include "strata-window.h"

#define TIMEOUT_S 600

static BenchStall stall;

/* The longest main-loop turn in main-thread CPU: from leaving poll to
 * entering the next. */
static GPollFunc default_poll;
static double turn_start, longest_turn;

static gint
poll_turn (GPollFD *fds,
           guint    n_fds,
           gint     timeout)
{
  double now = bench_thread_cpu_ms ();
  gint ready;

  if (turn_start > 0 && now - turn_start > longest_turn)
    longest_turn = now - turn_start;
  ready = default_poll (fds, n_fds, timeout);
  turn_start = bench_thread_cpu_ms ();
  return ready;
}

/* The frames of every window it watches (the window, the presentation):
 * one counter, as "a frame painted" means any of them. */
static BenchFrames frames;

/* Iterates until cond holds, then until a frame is painted: the ms from t0
 * to that paint, -1 on a timeout. */
static double
until_painted (gint64    t0,
               BenchCond cond,
               gpointer  data)
{
  return bench_until_painted (t0, cond, data, &frames, TIMEOUT_S, NULL);
}

static void
print_row (const char *what,
           double      ms,
           double      worst,
           double      cpu,
           const char *note)
{
  if (ms < 0)
    printf ("  %-46s %10s    %9.1f ms stall %9.1f ms CPU  %s\n", what, "timeout", worst, cpu, note ? note : "");
  else
    printf ("  %-46s %9.1f ms %9.1f ms stall %9.1f ms CPU  %s\n", what, ms, worst, cpu, note ? note : "");
}

static gboolean
review_shown (gpointer data)
{
  StrataReviewPage *page = data;
  GtkStack *stack = GTK_STACK (bench_find (GTK_WIDGET (page), GTK_TYPE_STACK, "stack", 0));

  return gtk_widget_get_mapped (GTK_WIDGET (page)) && !strata_page_get_loading (STRATA_PAGE (page)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "review") == 0;
}

/* The rows of the page's mover list (StrataMoverRows). */
static guint
count_rows (GtkWidget *w)
{
  guint n = GTK_IS_LIST_BOX_ROW (w) || g_type_is_a (G_OBJECT_TYPE (w), g_type_from_name ("StrataMoverRow"));

  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_rows (c);
  return n;
}

/* Until the lists stop growing for 300 ms (at most 5 s), counted every
 * 50 ms (walking the rows costs main-thread CPU too). */
static void
until_lists_filled (StrataReviewPage *page)
{
  GtkWidget *grid = gtk_widget_get_parent (bench_find (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0));
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC, still = g_get_monotonic_time ();
  guint n = count_rows (grid);

  while (g_get_monotonic_time () < end && g_get_monotonic_time () - still < 300 * 1000)
    {
      guint now;

      bench_run_for (50);
      now = count_rows (grid);
      if (now != n)
        n = now, still = g_get_monotonic_time ();
    }
}

/* The whole process's CPU: less the main thread's, the workers' (and the
 * renderer's threads, if any). */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
visit_review (StrataWindow *window,
              const char   *visit)
{
  StrataReviewPage *page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  g_autofree char *what = g_strdup_printf ("switch to review (%s visit)", visit);
  g_autofree char *note = NULL;
  double cpu = bench_thread_cpu_ms (), all = process_cpu_ms (), ms;
  gint64 t;

  bench_reset_peak ();
  bench_stall_reset (&stall);
  longest_turn = 0;
  t = g_get_monotonic_time ();
  strata_window_show_page (window, "review");
  ms = until_painted (t, review_shown, page);
  until_lists_filled (page);
  bench_run_for (300);
  cpu = bench_thread_cpu_ms () - cpu;
  note = g_strdup_printf ("(longest turn %.1f ms CPU; %u rows in the mover lists; RSS %.0f MB, peak %.0f MB; other threads %.1f ms CPU)",
                          longest_turn,
                          count_rows (bench_find (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0)),
                          bench_status_mb ("VmRSS:"), bench_status_mb ("VmHWM:"),
                          process_cpu_ms () - all - cpu);
  print_row (what, ms, bench_stall_ms (&stall), cpu, note);
}

typedef struct
{
  StrataPresentation *presentation;
  guint               position;
} Slide;

static gboolean
slide_shown (gpointer data)
{
  Slide *s = data;

  return strata_presentation_get_position (s->presentation) == s->position;
}

/* The page's chart as it was built and drawn on the main thread before:
 * every mover's arrow, at width x height. */
static void
alternative_chart (StrataReviewDeck *deck,
                   int               width,
                   int               height)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
  cairo_t *cr = cairo_create (surface);
  double t = bench_now_ms (), cpu = bench_thread_cpu_ms (), built;
  g_autoptr(StrataQuadrantChart) chart = strata_review_quadrant_chart (deck, STRATA_REVIEW_ARROWS_MOVERS, 0);
  guint n = strata_review_count_arrows (deck, STRATA_REVIEW_ARROWS_MOVERS, 0);
  g_autofree char *note = NULL;

  built = bench_now_ms () - t;
  strata_quadrant_chart_set_show_captions (chart, FALSE);
  strata_quadrant_chart_set_corner_names (chart, TRUE);
  strata_chart_draw (STRATA_CHART (chart), cr, style, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  note = g_strdup_printf ("(%u arrows, %d x %d; built in %.1f ms)", n, width, height, built);
  print_row ("alternative: the chart with every arrow", bench_now_ms () - t, bench_now_ms () - t,
             bench_thread_cpu_ms () - cpu, note);
}

/* The lists as the page built them before: per movement a one-column
 * grid view of StrataMoverRows over all its movers in a scrolled window
 * five rows high, in a 2 x 2 grid below the card, one a main-loop turn. */
static void
old_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, strata_mover_row_new ());
}

static void
old_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          StrataMovement           *movement)
{
  GPtrArray *movers = g_object_get_data (G_OBJECT (factory), "movers");
  const StrataMover *m = movers->pdata[gtk_list_item_get_position (item)];
  g_autofree char *reasons = strata_mover_describe_reasons (m, "; ");
  g_autofree char *change = g_strdup_printf ("%s → %s",
                                             m->from_tier >= 0 ? strata_movement_get_tier (movement, m->from_tier)->id : "–",
                                             m->to_tier >= 0 ? strata_movement_get_tier (movement, m->to_tier)->id : "–");

  strata_mover_row_set (STRATA_MOVER_ROW (gtk_list_item_get_child (item)), m->name ? m->name : "", reasons,
                        change, m->customer_id);
}

typedef struct
{
  StrataReviewPage *page;
  GtkGrid          *grid;
  guint             next;
} OldLists;

static gboolean
old_list_idle (gpointer data)
{
  OldLists *o = data;
  StrataMovement *movement = strata_review_deck_get_movement (strata_review_page_get_deck (o->page));
  guint k = o->next++;
  GPtrArray *movers = strata_movement_get_movers (movement, k);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *view, *scrolled;

  g_object_set_data (G_OBJECT (factory), "movers", movers);
  g_signal_connect (factory, "setup", G_CALLBACK (old_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (old_bind), movement);
  view = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (strata_review_page_mover_model (o->page, k))),
                            factory);
  gtk_grid_view_set_min_columns (GTK_GRID_VIEW (view), 1);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (view), 1);
  gtk_widget_add_css_class (view, "strata-mover-list");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 88 * MIN (movers->len, 5));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Movers (1,234)"));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_grid_attach (o->grid, box, k % 2, k / 2, 1, 1);
  return o->next < STRATA_N_MOVE_KINDS ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static GtkWidget *
old_lists (StrataReviewPage *page)
{
  GtkWidget *card = bench_find (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0);
  OldLists *o = g_new0 (OldLists, 1);

  gtk_widget_set_visible (card, FALSE);
  o->page = page;
  o->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_homogeneous (o->grid, TRUE);
  gtk_grid_set_row_spacing (o->grid, 18);
  gtk_grid_set_column_spacing (o->grid, 18);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (card)), GTK_WIDGET (o->grid));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, old_list_idle, o, g_free);
  return GTK_WIDGET (o->grid);
}

static gboolean
always (gpointer data)
{
  return TRUE;
}

/* The page's list of movers filled again, or the four lists of before,
 * until painted and filled. */
static void
lists_step (StrataReviewPage *page,
            const char       *what,
            gboolean          before)
{
  GtkWidget *card = bench_find (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0);
  double cpu = bench_thread_cpu_ms (), ms;
  g_autofree char *note = NULL;
  GtkWidget *old = NULL;
  gint64 t;

  bench_stall_reset (&stall);
  longest_turn = 0;
  t = g_get_monotonic_time ();
  if (before)
    old = old_lists (page);
  else
    strata_review_page_fill_lists (page);
  ms = until_painted (t, always, NULL);
  until_lists_filled (page);
  bench_run_for (300);
  note = g_strdup_printf ("(longest turn %.1f ms CPU; %u rows)", longest_turn,
                          count_rows (gtk_widget_get_parent (card)));
  print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, note);
  if (old != NULL)
    {
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (card)), old);
      gtk_widget_set_visible (card, TRUE);
      bench_run_for (300);
    }
}

/* A click on each of the switcher's movements: until the list shows it,
 * painted. */
static gboolean
list_shows (gpointer data)
{
  return count_rows (data) > 0;
}

static void
switch_steps (StrataReviewPage *page)
{
  static const char *const names[] = { "upgrades", "downgrades", "new", "lost", "upgrades" };
  GtkWidget *card = bench_find (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      StrataMoveKind kind = i % STRATA_N_MOVE_KINDS;
      double cpu = bench_thread_cpu_ms (), ms;
      g_autofree char *what = g_strdup_printf ("switcher: show the %s", names[i]);
      g_autofree char *note = NULL;
      guint n = strata_movement_get_movers (strata_review_deck_get_movement (strata_review_page_get_deck (page)),
                                            kind)->len;
      gint64 t;

      bench_stall_reset (&stall);
      longest_turn = 0;
      t = g_get_monotonic_time ();
      strata_review_page_show_movers (page, kind);
      ms = until_painted (t, n > 0 ? list_shows : always, card);
      bench_run_for (300);
      note = g_strdup_printf ("(longest turn %.1f ms CPU; %u movers, %u rows)", longest_turn, n, count_rows (card));
      print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, note);
    }
}

static gboolean
customers_loaded (gpointer data)
{
  StrataPage *page = data;

  return strata_page_get_context (page) != NULL && !strata_page_get_loading (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-review-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.strata", NULL);
  g_autoptr(GApplication) app = NULL;
  StrataWindow *window;
  StrataReviewPage *page;
  GtkWindow *presentation;
  GtkWidget *chart;
  int n = 0;
  char *file = NULL;
  const GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_INT, &n, "Customers of the demo workspace (default 100000)", "N" },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &file, "An existing workspace instead", "FILE" },
    { NULL }
  };
  guint beat_id;
  gint64 t;
  double ms, cpu;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-review: %s\n", error->message);
      return 2;
    }
  n = bench_size (n, "STRATA_BENCH_CUSTOMERS", 100000);
  bench_window_init (argv[0], dir);
  bench_demo_or_file (&path, file, n);
  printf ("wall clock from the action until painted; stall = the longest the main thread did not run\n"
          "a 1 ms heartbeat; CPU = the main thread's over the step (goal: stall < 100 ms)\n");

  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, poll_turn);
  window = bench_open_window ("io.github.strata.Strata.BenchReview", &stall, &frames, &app, &beat_id);

  /* Opened and settled: the Customers page has its rows. */
  t = g_get_monotonic_time ();
  cpu = bench_thread_cpu_ms ();
  bench_stall_reset (&stall);
  if (!strata_window_open_path (window, path, &error))
    g_error ("%s", error->message);
  ms = until_painted (t, customers_loaded, strata_window_get_page (window, "customers"));
  bench_run_for (500);
  print_row ("open the file (Customers page)", ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, NULL);

  visit_review (window, "first");
  strata_window_show_page (window, "customers");
  bench_run_for (500);
  visit_review (window, "second");

  page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  chart = bench_find (GTK_WIDGET (page), G_TYPE_OBJECT, "quadrant_chart", 0);
  if (strata_review_page_get_deck (page) == NULL)
    g_error ("bench-review: the page compares no periods");
  printf ("  quadrant chart arrows on the page: %u\n", strata_review_page_get_n_arrows (page));

  printf ("\nthe presentation:\n");
  t = g_get_monotonic_time ();
  cpu = bench_thread_cpu_ms ();
  bench_stall_reset (&stall);
  presentation = strata_review_page_present (page);
  bench_watch_frames (GTK_WIDGET (presentation), &frames);
  {
    Slide s = { STRATA_PRESENTATION (presentation), 0 };
    guint n_slides = strata_presentation_get_n_slides (s.presentation);

    ms = until_painted (t, slide_shown, &s);
    bench_run_for (300);
    print_row ("open the presentation", ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, NULL);
    for (s.position = 1; s.position < n_slides; s.position++)
      {
        g_autofree char *what = NULL;

        strata_presentation_go_to (s.presentation, s.position);
        what = g_strdup_printf ("slide %u (%s)", s.position + 1,
                                strata_slide_kind_get_title (strata_presentation_get_slide_kind (s.presentation)));
        t = g_get_monotonic_time ();
        cpu = bench_thread_cpu_ms ();
        bench_stall_reset (&stall);
        ms = until_painted (t, slide_shown, &s);
        bench_run_for (300);
        print_row (what, ms, bench_stall_ms (&stall), bench_thread_cpu_ms () - cpu, NULL);
      }
  }
  gtk_window_destroy (presentation);
  bench_run_for (200);

  printf ("\nthe mover list alone, filled again on the page, alternating:\n");
  for (guint round = 0; round < 2; round++)
    {
      lists_step (page, "mover list: one list, the switcher's movement", FALSE);
      lists_step (page, "alternative: four lists, one a turn (before)", TRUE);
    }
  strata_review_page_fill_lists (page);
  bench_run_for (300);
  switch_steps (page);

  printf ("\nbeside it, the same run:\n");
  alternative_chart (strata_review_page_get_deck (page), gtk_widget_get_width (chart),
                     gtk_widget_get_height (chart));

  bench_close_window (window, app, beat_id, file == NULL ? path : NULL, dir);
  return 0;
}
