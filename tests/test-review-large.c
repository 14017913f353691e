/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page on a workspace large enough for thousands of movers
 * (30,000 customers, two quarters): the first and second visit build no
 * quadrant chart (a point per customer) on the main thread, the worker's
 * chart draws at most STRATA_REVIEW_MAX_DRAWN_ARROWS arrows and its
 * caption says how many of how many, the figures are the core's, the
 * presentation's quadrant slide shows the chart the worker built, and other
 * arrows are drawn up on a worker as well. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "strata-application.h"
#include "strata-demo.h"
#include "strata-format.h"
#include "strata-mover-row.h"
#include "strata-presentation.h"
#include "strata-quadrant-chart-private.h"
#include "strata-review-arrows.h"
#include "strata-review-chart.h"
#include "strata-review-page.h"
#include "strata-window.h"
#include "window-test-util.h"

#define N_CUSTOMERS 30000

static char *tmpdir;
static GApplication *app;
static StrataWindow *window;

static gboolean
shows_review (StrataReviewPage *page)
{
  GtkWidget *stack = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_STACK, "stack", 0);

  return strata_review_page_get_deck (page) != NULL && !strata_page_get_loading (STRATA_PAGE (page)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "review") == 0;
}

/* The heading of a list of movers, e.g. "Upgrades (4,321)", is on the page. */
static void
check_heading (StrataReviewPage *page,
               const char       *title,
               guint             n)
{
  g_autofree char *number = strata_format_integer (NULL, n);
  g_autofree char *heading = g_strdup_printf ("%s (%s)", title, number);

  g_assert_nonnull (gui_test_find_label (GTK_WIDGET (page), GTK_TYPE_LABEL, heading));
}

/* The page's four lists of movers are there (added one a main-loop turn). */
static gboolean
lists_filled (gpointer page)
{
  GtkWidget *grid = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_GRID, "lists_grid", 0);
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n == STRATA_N_MOVE_KINDS;
}

/* The mover rows under root: those mapped only when mapped is set. */
static void
collect_rows (GtkWidget *root,
              gboolean   mapped,
              GPtrArray *rows)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  gui_test_collect (root, STRATA_TYPE_MOVER_ROW, all);
  for (guint i = 0; i < all->len; i++)
    if (!mapped || gtk_widget_get_mapped (all->pdata[i]))
      g_ptr_array_add (rows, all->pdata[i]);
}

static guint
count_widgets (GtkWidget *root)
{
  guint n = 1;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_widgets (c);
  return n;
}

/* The mapped row of view showing mover, or NULL. */
static StrataMoverRow *
row_of (GtkWidget         *view,
        const StrataMover *mover)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (view, TRUE, rows);
  for (guint r = 0; r < rows->len; r++)
    if (strata_mover_row_get_customer_id (rows->pdata[r]) == mover->customer_id)
      return rows->pdata[r];
  return NULL;
}

/* A row shows its mover: name, reasons and tier change. */
static void
check_row (StrataMoverRow    *row,
           StrataMovement    *movement,
           const StrataMover *mover)
{
  g_autofree char *reasons = strata_mover_describe_reasons (mover, "; ");
  g_autofree char *change = g_strdup_printf ("%s → %s",
                                             strata_movement_get_tier (movement, mover->from_tier)->id,
                                             strata_movement_get_tier (movement, mover->to_tier)->id);

  g_assert_nonnull (row);
  g_assert_cmpstr (strata_mover_row_get_title (row), ==, mover->name);
  g_assert_cmpstr (strata_mover_row_get_subtitle (row), ==, reasons);
  g_assert_cmpstr (strata_mover_row_get_suffix (row), ==, change);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row)), >, 40);
}

/* Every list of movers is a list view (a one-column GtkGridView) over all
 * its movers (thousands here) that makes and binds only rows about those on
 * screen, each a StrataMoverRow (no labels or boxes of its own to lay out):
 * a bounded number of row widgets, whichever the list's length. The first
 * row shows the first mover; scrolled to the end, the last shows the last;
 * clicking a row (a click or Enter activates its list item) follows its
 * customer. */
static void
check_list_view (StrataReviewPage *page,
                 StrataMovement   *movement)
{
  GPtrArray *up = strata_movement_get_movers (movement, STRATA_MOVE_UP);
  const StrataMover *first = up->pdata[0], *last = up->pdata[up->len - 1];
  GtkWidget *grid = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_GRID, "lists_grid", 0);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *view = NULL;
  GtkAdjustment *adjustment;
  StrataMoverRow *row;
  guint n_movers = 0, n_items = 0;

  g_assert_cmpuint (up->len, >, 2000);
  gui_test_wait (lists_filled (page));
  gui_test_wait_frame (grid);
  gui_test_collect (grid, GTK_TYPE_GRID_VIEW, views);
  g_assert_cmpuint (views->len, ==, STRATA_N_MOVE_KINDS);
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    n_movers += strata_movement_get_movers (movement, k)->len;
  for (guint i = 0; i < views->len; i++)
    {
      n_items += g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (views->pdata[i])));
      if (row_of (views->pdata[i], first) != NULL)
        view = views->pdata[i];
    }
  g_test_message ("%u movers, %u rows made, %u widgets in the lists", n_movers,
                  strata_mover_row_get_n_alive (), count_widgets (grid));
  g_assert_cmpuint (n_movers, >, 6000);
  g_assert_cmpuint (n_items, ==, n_movers);
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (view)))),
                    ==, up->len);
  /* Bounded: a grid view keeps about 30 rows around those in view. */
  g_assert_cmpuint (strata_mover_row_get_n_alive (), >, 0);
  g_assert_cmpuint (strata_mover_row_get_n_alive (), <=, 4 * 50);
  g_assert_cmpuint (count_widgets (grid), <, 4 * 50 * 3);
  /* The lists' only labels are their four headings. */
  gui_test_collect (grid, GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, ==, STRATA_N_MOVE_KINDS);
  check_row (row_of (view, first), movement, first);
  /* A new customer's row holds one line of text under its name, not three. */
  {
    GPtrArray *added = strata_movement_get_movers (movement, STRATA_MOVE_NEW);
    StrataMoverRow *short_row = NULL;

    g_assert_cmpuint (added->len, >, 0);
    for (guint i = 0; i < views->len && short_row == NULL; i++)
      short_row = row_of (views->pdata[i], added->pdata[0]);
    g_assert_nonnull (short_row);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (short_row)), >, 30);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (short_row)) + 20, <,
                     gtk_widget_get_height (GTK_WIDGET (row_of (view, first))));
  }

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gui_test_wait ((gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)),
                  row_of (view, last) != NULL));
  gui_test_wait_frame (view);
  row = row_of (view, last);
  check_row (row, movement, last);
  g_assert_null (row_of (view, first));
  g_assert_cmpuint (strata_mover_row_get_n_alive (), <=, 4 * 50);
}

/* Clicking a row follows its customer: the context's selected customer,
 * its arrow alone. A click or Enter on a list item activates the list's
 * list.activate-item with the item's position, from the item's widget. */
static void
check_click (StrataReviewPage *page,
             StrataMovement   *movement)
{
  GPtrArray *up = strata_movement_get_movers (movement, STRATA_MOVE_UP);
  const StrataMover *last = up->pdata[up->len - 1];
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  StrataMoverRow *row = NULL;

  gui_test_collect (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_GRID, "lists_grid", 0),
                    GTK_TYPE_GRID_VIEW, views);
  for (guint i = 0; i < views->len && row == NULL; i++)
    if (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (views->pdata[i]))) == up->len)
      {
        GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (views->pdata[i]);

        gui_test_wait ((gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)),
                        (row = row_of (views->pdata[i], last)) != NULL));
      }
  strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (page)), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "list.activate-item", "u", up->len - 1));
  g_assert_cmpint (strata_context_get_selected_customer (strata_page_get_context (STRATA_PAGE (page))),
                   ==, last->customer_id);
  gui_test_wait (strata_review_page_get_n_arrows (page) == 1);

  /* Enter on a focused row (its list item's key binding) does the same. */
  {
    const StrataMover *before = up->pdata[up->len - 2];
    StrataMoverRow *other = NULL;

    for (guint i = 0; i < views->len && other == NULL; i++)
      other = row_of (views->pdata[i], before);
    g_assert_nonnull (other);
    g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (other))));
    g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (other)), "activate-keybinding");
    g_assert_cmpint (strata_context_get_selected_customer (strata_page_get_context (STRATA_PAGE (page))),
                     ==, before->customer_id);
  }
}

/* The chart drawn as a deferred frame at the widget's size: NULL while it
 * still lacks what a worker computes (counts, density image), else the
 * picture. A deferred frame passes over no point on this thread. */
static cairo_surface_t *
deferred_picture (StrataQuadrantChart *chart,
                  int                  width,
                  int                  height)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  gboolean complete = strata_quadrant_chart_draw_deferred (chart, cr, style, width, height);

  cairo_destroy (cr);
  if (!complete)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

static gboolean
deferred_ready (StrataQuadrantChart  *chart,
                int                   width,
                int                   height,
                cairo_surface_t     **picture)
{
  g_clear_pointer (picture, cairo_surface_destroy);
  *picture = deferred_picture (chart, width, height);
  return *picture != NULL;
}

/* The same chart drawn directly (every pass on this thread). */
static cairo_surface_t *
direct_picture (StrataQuadrantChart *chart,
                int                  width,
                int                  height)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  strata_chart_draw (STRATA_CHART (chart), cr, style, width, height);
  cairo_destroy (cr);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a), stride = cairo_image_surface_get_stride (a);

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  return h == cairo_image_surface_get_height (b) && stride == cairo_image_surface_get_stride (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), (gsize) h * stride) == 0;
}

/* The page's quadrant chart (a point per customer, more than the widget
 * draws at once) is drawn deferred: its counts come from the worker that
 * built it and its density image from a job, so the first visit and its
 * frames pass over no point on the main thread; the picture it ends with
 * is the one a direct draw makes. */
static void
check_chart_off_main_thread (StrataReviewPage *page,
                             guint             passes_before)
{
  StrataQuadrantChart *chart = STRATA_QUADRANT_CHART (strata_review_page_get_quadrant_chart (page));
  GtkWidget *widget = gui_test_find_id (GTK_WIDGET (page), STRATA_TYPE_REVIEW_CHART, "quadrant_chart", 0);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(StrataQuadrantChart) direct = NULL;
  cairo_surface_t *deferred = NULL, *expected;

  /* A point per customer of the later period: more than are drawn at once. */
  g_assert_cmpuint (strata_quadrant_chart_get_n_points (chart), ==,
                    strata_review_deck_get_results (strata_review_page_get_deck (page))->data->n);
  g_assert_cmpuint (strata_quadrant_chart_get_n_points (chart), >, 20000);
  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);
  /* The widget's job fills in what the first frame lacked. */
  gui_test_wait (deferred_ready (chart, width, height, &deferred));
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes_before);
  /* Built here on purpose: not counted as the page's. */
  g_assert_cmpuint (strata_review_arrows_get_counted (), ==, 0);
  strata_review_arrows_count_on (NULL);
  direct = strata_review_arrows_chart (strata_review_page_get_deck (page), STRATA_REVIEW_ARROWS_MOVERS,
                                       0, NULL, NULL);
  strata_review_arrows_count_on (g_thread_self ());
  strata_quadrant_chart_set_show_captions (direct, FALSE);
  strata_quadrant_chart_set_corner_names (direct, TRUE);
  /* Counted as the main thread's while it owns the main context. */
  g_assert_true (g_main_context_acquire (NULL));
  expected = direct_picture (direct, width, height);
  g_main_context_release (NULL);
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), >, passes_before);
  g_assert_true (same_pixels (deferred, expected));
  cairo_surface_destroy (deferred);
  cairo_surface_destroy (expected);
}

static void
test_large (void)
{
  guint passes;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "large.strata", NULL);
  g_autofree char *n_text = NULL;
  g_autofree char *cap_text = NULL;
  g_autofree char *caption = NULL;
  StrataReviewPage *page;
  StrataReviewDeck *deck;
  StrataMovement *movement;
  StrataPresentation *presentation;
  GtkWidget *label, *slide_chart;
  StrataChart *movers_chart;
  guint n_arrows;

  g_assert_true (strata_demo_write (path, N_CUSTOMERS, 1, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  /* Opened on the Customers page; settled before the Review page's visit. */
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (strata_window_get_page (window, "customers"))));

  /* First visit: the comparison and its chart come from the worker. */
  strata_review_arrows_count_on (g_thread_self ());
  passes = strata_quadrant_chart_get_main_thread_passes ();
  g_assert_true (strata_window_show_page (window, "review"));
  gui_test_wait (shows_review (page));
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpuint (strata_review_arrows_get_counted (), ==, 0);
  g_assert_cmpuint (strata_quadrant_chart_get_main_thread_passes (), ==, passes);

  /* The figures: the core's count of the movers' arrows, more than the
   * chart draws, and the caption says both. */
  deck = strata_review_page_get_deck (page);
  movement = strata_review_deck_get_movement (deck);
  n_arrows = strata_review_count_arrows (deck, STRATA_REVIEW_ARROWS_MOVERS, 0);
  g_test_message ("%u arrows", n_arrows);
  g_assert_cmpuint (n_arrows, >, STRATA_REVIEW_MAX_DRAWN_ARROWS);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), ==, n_arrows);
  label = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_LABEL, "arrows_label", 0);
  n_text = strata_format_integer (NULL, n_arrows);
  cap_text = strata_format_integer (NULL, STRATA_REVIEW_MAX_DRAWN_ARROWS);
  caption = g_strdup_printf ("Arrows from the earlier positions of %s of the %s customers whose tier or quadrant changed, evenly spread over them",
                             cap_text, n_text);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, caption);
  gui_test_wait (lists_filled (page));
  check_heading (page, "Upgrades", strata_movement_get_movers (movement, STRATA_MOVE_UP)->len);
  check_heading (page, "Downgrades", strata_movement_get_movers (movement, STRATA_MOVE_DOWN)->len);
  check_list_view (page, movement);
  check_chart_off_main_thread (page, passes);

  /* Second visit: nothing compared or charted again. */
  g_assert_true (strata_window_show_page (window, "customers"));
  gui_test_wait (!gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (strata_window_show_page (window, "review"));
  gui_test_wait (shows_review (page));
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (strata_review_page_get_deck (page) == deck);
  g_assert_cmpuint (strata_review_arrows_get_counted (), ==, 0);

  /* The presentation's quadrant slide shows the worker's chart. */
  g_assert_nonnull (strata_review_page_present (page));
  gui_test_wait ((presentation = STRATA_PRESENTATION (gui_test_find_toplevel (STRATA_TYPE_PRESENTATION))) != NULL);
  g_assert_cmpuint (strata_review_arrows_get_counted (), ==, 0);
  for (guint i = 0; i < strata_presentation_get_n_slides (presentation); i++)
    {
      strata_presentation_go_to (presentation, i);
      if (strata_presentation_get_slide_kind (presentation) == STRATA_SLIDE_QUADRANT)
        break;
    }
  g_assert_cmpint (strata_presentation_get_slide_kind (presentation), ==, STRATA_SLIDE_QUADRANT);
  gui_test_wait_frame (GTK_WIDGET (presentation));
  slide_chart = NULL;
  {
    g_autoptr(GPtrArray) charts = g_ptr_array_new ();

    gui_test_collect (GTK_WIDGET (presentation), STRATA_TYPE_REVIEW_CHART, charts);
    for (guint i = 0; i < charts->len; i++)
      if (gtk_widget_get_mapped (charts->pdata[i]))
        slide_chart = charts->pdata[i];
  }
  g_assert_nonnull (slide_chart);
  g_assert_true (strata_review_chart_get_chart (STRATA_REVIEW_CHART (slide_chart)) ==
                 strata_review_page_get_quadrant_chart (page));
  gtk_window_destroy (GTK_WINDOW (presentation));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_PRESENTATION) == NULL);

  /* Other arrows, and the movers' again, are drawn up on a worker too. */
  movers_chart = strata_review_page_get_quadrant_chart (page);
  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_NONE);
  gui_test_wait (strata_review_page_get_quadrant_chart (page) != movers_chart);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), ==, 0);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "The later period's positions, without arrows");
  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_SELECTED);
  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_MOVERS);
  gui_test_wait (strata_review_page_get_n_arrows (page) == n_arrows);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, caption);
  g_assert_cmpuint (strata_review_arrows_get_counted (), ==, 0);
  check_click (page, movement);
  strata_review_arrows_count_on (NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-review-large");

  app = window_test_app_new (".ReviewLargeTest");
  window = window_test_activate (app);

  g_test_add_func ("/review/large", test_large);
  status = g_test_run ();

  window_test_finish (GTK_WINDOW (window), &app, &tmpdir);
  return status;
}
