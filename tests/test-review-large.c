/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page on a workspace large enough for thousands of movers
 * (30,000 customers, two quarters): the first and second visit build no
 * quadrant chart (a point per customer) on the main thread, the worker's
 * chart draws at most STRATA_REVIEW_MAX_DRAWN_ARROWS arrows and its
 * caption says how many of how many, the figures are the core's, the
 * presentation's quadrant slide shows the chart the worker built, and other
 * arrows are drawn up on a worker as well. The movers are one list under a
 * switcher of the four movements, as high as the page's view, that never
 * holds the page's scrolling, with a status page for a movement without
 * movers; a click or Enter on a row follows its customer. */
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

/* The page's list of movers: one list view under a switcher of the four
 * movements (strata-review-movers.c). */
static GtkWidget *
movers_view (StrataReviewPage *page)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  gui_test_collect (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  return views->pdata[0];
}

static guint
view_items (GtkWidget *view)
{
  GtkSelectionModel *model = gtk_grid_view_get_model (GTK_GRID_VIEW (view));

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

/* The switcher's button of kind: its title and its count (labels). */
static GtkWidget *
switch_of (StrataReviewPage *page,
           StrataMoveKind    kind)
{
  GtkWidget *switcher = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_switcher", 0);
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  g_assert_nonnull (switcher);
  gui_test_collect (switcher, GTK_TYPE_TOGGLE_BUTTON, toggles);
  g_assert_cmpuint (toggles->len, ==, STRATA_N_MOVE_KINDS);
  return toggles->pdata[kind];
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

/* A row shows its mover: name, reasons and tier change ("–" for none). */
static void
check_row (StrataMoverRow    *row,
           StrataMovement    *movement,
           const StrataMover *mover)
{
  g_autofree char *reasons = strata_mover_describe_reasons (mover, "; ");
  g_autofree char *change = g_strdup_printf ("%s → %s",
                                             mover->from_tier >= 0 ? strata_movement_get_tier (movement, mover->from_tier)->id : "–",
                                             mover->to_tier >= 0 ? strata_movement_get_tier (movement, mover->to_tier)->id : "–");

  g_assert_nonnull (row);
  g_assert_cmpstr (strata_mover_row_get_title (row), ==, mover->name);
  g_assert_cmpstr (strata_mover_row_get_subtitle (row), ==, reasons);
  g_assert_cmpstr (strata_mover_row_get_suffix (row), ==, change);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row)), >, 30);
}

/* Clicks the switcher's button of kind (as a click does: "clicked") and
 * waits until the list shows that movement's movers, painted. */
static void
switch_to (StrataReviewPage *page,
           StrataMovement   *movement,
           StrataMoveKind    kind)
{
  GPtrArray *movers = strata_movement_get_movers (movement, kind);
  GtkWidget *view = movers_view (page);

  g_signal_emit_by_name (switch_of (page, kind), "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (switch_of (page, kind))));
  gui_test_wait (view_items (view) == movers->len && row_of (view, movers->pdata[0]) != NULL);
  gui_test_wait_frame (view);
}

/* The switcher: a button per movement, reachable by Tab, its title and its
 * count as the page writes numbers, one of them on at a time. Each switch
 * shows that movement in the one list, every mover of it: the first row
 * its first mover; scrolled to the end, the last row its last. The list
 * makes a bounded number of rows, whichever the movement's length. */
static void
check_switcher (StrataReviewPage *page,
                StrataMovement   *movement)
{
  static const char *const titles[] = { "Upgrades", "Downgrades", "New Customers", "Lost Customers" };
  static const StrataMoveKind order[] = { STRATA_MOVE_LOST, STRATA_MOVE_DOWN, STRATA_MOVE_NEW,
                                          STRATA_MOVE_UP, STRATA_MOVE_LOST };
  GtkWidget *view;
  int long_height = 0;

  gui_test_wait (view_items (movers_view (page)) > 0);
  view = movers_view (page);
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GtkWidget *toggle = switch_of (page, k);
      g_autofree char *count = strata_format_integer (NULL, strata_movement_get_movers (movement, k)->len);

      g_assert_nonnull (gui_test_find_label (toggle, GTK_TYPE_LABEL, titles[k]));
      g_assert_nonnull (gui_test_find_label (toggle, GTK_TYPE_LABEL, count));
      g_assert_true (gtk_widget_get_focusable (toggle));
      g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)), ==, k == STRATA_MOVE_UP);
    }
  g_assert_cmpuint (strata_movement_get_movers (movement, STRATA_MOVE_UP)->len, >, 2000);
  /* Tab from the switcher's last button goes on into the list's rows. */
  {
    GtkRoot *root = gtk_widget_get_root (view);
    GtkWidget *focus;

    g_assert_true (gtk_widget_grab_focus (switch_of (page, STRATA_MOVE_LOST)));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD));
    focus = gtk_root_get_focus (root);
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, view));
    g_assert_nonnull (gui_test_find_widget (focus, STRATA_TYPE_MOVER_ROW));
  }
  /* In an order other than the switcher's, and back to the first. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      StrataMoveKind kind = order[i];
      GPtrArray *movers = strata_movement_get_movers (movement, kind);
      const StrataMover *first = movers->pdata[0], *last = movers->pdata[movers->len - 1];
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
      StrataMoverRow *row;

      g_assert_cmpuint (movers->len, >, 1);
      switch_to (page, movement, kind);
      for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
        g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (switch_of (page, k))), ==, k == kind);
      g_assert_cmpuint (view_items (view), ==, movers->len);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
      check_row (row_of (view, first), movement, first);
      if (kind == STRATA_MOVE_UP)
        long_height = gtk_widget_get_height (GTK_WIDGET (row_of (view, first)));
      else if (long_height > 0 && (kind == STRATA_MOVE_NEW || kind == STRATA_MOVE_LOST))
        /* A new or lost customer's row holds one line under its name, not three. */
        g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row_of (view, first))) + 20, <, long_height);
      gui_test_wait ((gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)),
                      row_of (view, last) != NULL));
      gui_test_wait_frame (view);
      row = row_of (view, last);
      check_row (row, movement, last);
      g_assert_null (row_of (view, first));
      g_test_message ("%s: %u movers, %u rows made, %u widgets in the list", titles[kind], movers->len,
                      strata_mover_row_get_n_alive (), count_widgets (view));
      /* Bounded: a grid view keeps about 30 rows around those in view. */
      g_assert_cmpuint (strata_mover_row_get_n_alive (), >, 0);
      g_assert_cmpuint (strata_mover_row_get_n_alive (), <=, 100);
    }
  g_assert_cmpint (long_height, >, 40);
}

/* No list scrolls inside the page where a user scrolls the page: the only
 * scrolled window in the page's that holds a mover list is the one list's,
 * as high as the page's view (less the switcher), so that the page
 * scrolled to its end shows the card whole; a scroll over the list while
 * the page is not at its end scrolls the page, not the list; at its end
 * the list takes it; going up, the list until its top, then the page. */
static void
check_no_nested_scrolling (StrataReviewPage *page)
{
  GtkWidget *page_scrolled = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, "page_scrolled", 0);
  GtkWidget *card = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0);
  GtkWidget *view = movers_view (page);
  GtkWidget *list_scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *outer, *inner;
  g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();
  g_autoptr(GListModel) controllers = NULL;
  GtkEventController *chain = NULL;
  graphene_rect_t bounds;
  double end, page_size;
  gboolean handled = FALSE;
  guint holding = 0;

  g_assert_nonnull (page_scrolled);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_is_ancestor (card, page_scrolled));
  gui_test_collect (page_scrolled, GTK_TYPE_SCROLLED_WINDOW, scrolled);
  for (guint i = 1; i < scrolled->len; i++)
    {
      g_autoptr(GPtrArray) lists = g_ptr_array_new ();

      gui_test_collect (scrolled->pdata[i], GTK_TYPE_GRID_VIEW, lists);
      holding += lists->len > 0;
    }
  g_assert_cmpuint (holding, ==, 1);
  outer = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_scrolled));
  inner = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (list_scrolled));

  /* Scrolled to its end, the page shows the card whole, and it fills it. */
  page_size = gtk_adjustment_get_page_size (outer);
  end = gtk_adjustment_get_upper (outer) - page_size;
  g_assert_cmpfloat (end, >, 200);
  gtk_adjustment_set_value (outer, end);
  gui_test_wait_frame (page_scrolled);
  g_assert_true (gtk_widget_compute_bounds (card, page_scrolled, &bounds));
  g_test_message ("view %.0f px, card at %.0f, %.0f px high", page_size, bounds.origin.y, bounds.size.height);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, page_size);
  g_assert_cmpfloat (bounds.size.height, >=, page_size - 40);
  g_assert_cmpfloat (gtk_widget_get_height (list_scrolled), >, page_size / 2);

  controllers = gtk_widget_observe_controllers (list_scrolled);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      /* (GtkScrolledWindow has a scroll controller of its own in this phase.) */
      if (GTK_IS_EVENT_CONTROLLER_SCROLL (c) &&
          gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE &&
          g_strcmp0 (gtk_event_controller_get_name (c), "strata-movers-scroll") == 0)
        chain = c;
    }
  g_assert_nonnull (chain);
  /* The page halfway: a notch down over the list scrolls the page. */
  gtk_adjustment_set_value (inner, 0);
  gtk_adjustment_set_value (outer, end / 2);
  g_signal_emit_by_name (chain, "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (outer), >, end / 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (inner), ==, 0);
  /* Up, too, even with the list scrolled. */
  gtk_adjustment_set_value (outer, end / 2);
  gtk_adjustment_set_value (inner, 500);
  g_signal_emit_by_name (chain, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (outer), <, end / 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (inner), ==, 500);
  /* At the page's end the list takes it, both ways while not at its top. */
  gtk_adjustment_set_value (outer, end);
  g_signal_emit_by_name (chain, "scroll", 0.0, 1.0, &handled);
  g_assert_false (handled);
  g_signal_emit_by_name (chain, "scroll", 0.0, -1.0, &handled);
  g_assert_false (handled);
  /* At the list's top, up scrolls the page again. */
  gtk_adjustment_set_value (inner, 0);
  g_signal_emit_by_name (chain, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (outer), <, end);
  g_assert_cmpfloat (gtk_adjustment_get_value (inner), ==, 0);
}

/* Comparing a period with itself: no movement has a mover, and the list's
 * place says so for each (a status page), never an empty box. */
static void
check_empty (StrataReviewPage *page)
{
  static const char *const titles[] = { "No Upgrades", "No Downgrades", "No New Customers", "No Lost Customers" };
  GtkWidget *stack = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_STACK, "movers_stack", 0);
  StrataMovement *movement;

  g_assert_nonnull (stack);
  g_assert_true (strata_review_page_set_periods (page, "2026-Q3", "2026-Q3"));
  gui_test_wait (shows_review (page));
  movement = strata_review_deck_get_movement (strata_review_page_get_deck (page));
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      AdwStatusPage *status;

      g_assert_cmpuint (strata_movement_get_movers (movement, k)->len, ==, 0);
      g_assert_nonnull (gui_test_find_label (switch_of (page, k), GTK_TYPE_LABEL, "0"));
      g_signal_emit_by_name (switch_of (page, k), "clicked");
      for (guint j = 0; j < STRATA_N_MOVE_KINDS; j++)
        g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (switch_of (page, j))), ==, j == k);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
      status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack)));
      g_assert_cmpstr (adw_status_page_get_title (status), ==, titles[k]);
      g_assert_nonnull (strstr (adw_status_page_get_description (status), "2026-Q3"));
      gui_test_wait_frame (GTK_WIDGET (status));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
      if (k == STRATA_MOVE_LOST)
        {
          GtkAdjustment *outer = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, "page_scrolled", 0)));

          gtk_adjustment_set_value (outer, gtk_adjustment_get_upper (outer));
          gui_test_wait_frame (GTK_WIDGET (window));
          gui_test_save_screenshot (GTK_WIDGET (window), "review-movers-empty.png");
        }
    }
  g_assert_cmpuint (view_items (movers_view (page)), ==, 0);
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
  GtkWidget *view = movers_view (page);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  StrataMoverRow *row = NULL;

  switch_to (page, movement, STRATA_MOVE_UP);
  gui_test_wait ((gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)),
                  (row = row_of (view, last)) != NULL));
  strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (page)), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "list.activate-item", "u", up->len - 1));
  g_assert_cmpint (strata_context_get_selected_customer (strata_page_get_context (STRATA_PAGE (page))),
                   ==, last->customer_id);
  gui_test_wait (strata_review_page_get_n_arrows (page) == 1);

  /* Enter on a focused row (its list item's key binding) does the same. */
  {
    const StrataMover *before = up->pdata[up->len - 2];
    StrataMoverRow *other = row_of (view, before);

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
  check_switcher (page, movement);
  check_no_nested_scrolling (page);
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
  check_empty (page);
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
