/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page and the presentation under Xvfb: a demo workspace with
 * four quarters (three closed, rules changed once), the page's numbers, the
 * slides moved through with key events (the counter follows), a customer's
 * receipt, the slide choice, Escape, the empty state, and "Loading…" (not
 * the empty state) while the periods are compared.
 * With STRATA_SCREENSHOT_DIR set, every slide is saved there as PNG (run
 * under xvfb-run -s "-screen 0 1024x768x24"). */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "gui-test-util.h"
#include "strata-application.h"
#include "strata-demo.h"
#include "strata-mover-row.h"
#include "strata-entitlements.h"
#include "strata-period-close.h"
#include "strata-period-data.h"
#include "strata-presentation.h"
#include "strata-review-chart.h"
#include "strata-review-page.h"
#include "strata-retention-chart.h"
#include "strata-ruleset-store.h"
#include "strata-seed.h"
#include "strata-window.h"
#include "window-test-util.h"
#include "workspace-test-util.h"
#include "strata-period-private.h"
#include "strata-movement-private.h"

static char *tmpdir;
static GApplication *app;
static StrataWindow *window;

static gboolean
has_deck (gpointer page)
{
  return strata_review_page_get_deck (page) != NULL;
}

static StrataPresentation *
find_presentation (void)
{
  return STRATA_PRESENTATION (gui_test_find_toplevel (STRATA_TYPE_PRESENTATION));
}

static gboolean
no_presentation (gpointer data)
{
  return find_presentation () == NULL;
}

static GtkWindow *
find_receipt (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (GTK_IS_WINDOW (toplevel) && !STRATA_IS_PRESENTATION (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (find_presentation ()) &&
          find_presentation () != NULL)
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
no_receipt (gpointer data)
{
  return find_receipt () == NULL;
}

/* A key press delivered as GTK does, and what it set off. */
static gboolean
press (GtkWidget *target,
       guint      keyval)
{
  gboolean handled = gui_test_press_key (target, keyval);

  gui_test_wait_idle ();
  return handled;
}

static const char *
counter (StrataPresentation *presentation)
{
  return gtk_label_get_label (strata_presentation_get_counter (presentation));
}

/* The page's headline and split read as the movement counts them: the
 * split's parts add up to the headline's number (restating is off). */
static void
check_headline (StrataReviewPage *page)
{
  StrataMovement *movement = strata_review_deck_get_movement (strata_review_page_get_deck (page));
  GtkLabel *summary = GTK_LABEL (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_WIDGET, "review-summary", 0));
  GtkLabel *split = GTK_LABEL (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_WIDGET, "review-split", 0));
  g_autofree char *expected = NULL;
  g_autofree char *number = NULL;
  StrataMoveSplit s;
  guint moved;

  g_assert_nonnull (summary);
  g_assert_nonnull (split);
  strata_movement_get_split (movement, &s);
  moved = strata_movement_get_movers (movement, STRATA_MOVE_UP)->len
          + strata_movement_get_movers (movement, STRATA_MOVE_DOWN)->len;
  g_test_message ("headline: %s / %s", gtk_label_get_label (summary), gtk_label_get_label (split));
  g_assert_cmpuint (s.customers_only + s.rules_only + s.both, ==, moved);
  g_assert_cmpuint (s.rules_only + s.both, >, 0);
  number = g_strdup_printf ("%u", moved);   /* under 1,000: no separator */
  g_assert_cmpuint (moved, <, 1000);
  expected = g_strdup_printf (g_dngettext (NULL, "%s customer changed tier",
                                           "%s customers changed tier", moved), number);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (summary), expected));
  {
    g_autofree char *text = strata_movement_describe_split (movement);
    g_assert_cmpstr (gtk_label_get_label (split), ==, text);
  }
}

static AdwMessageDialog *
find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
to_closed (gpointer page)
{
  StrataReviewDeck *deck = strata_review_page_get_deck (page);

  return deck != NULL && strata_review_deck_get_to_closed (deck);
}

static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("STRATA_SCREENSHOT_DIR");
  g_autofree char *cmd = NULL;

  if (dir == NULL)
    return;
  /* Every window drawn as it is now. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (gtk_widget_get_mapped (toplevel))
        gui_test_wait_frame (toplevel);
    }
  cmd = g_strdup_printf ("import -window root '%s/%s.png'", dir, name);
  g_assert_cmpint (system (cmd), ==, 0);
}

/* The page's list of movers has its model (given a main-loop turn after
 * the comparison is shown). */
static gboolean
lists_filled (gpointer page)
{
  GtkWidget *view = gui_test_find_widget (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0),
                                          GTK_TYPE_GRID_VIEW);

  return view != NULL && gtk_grid_view_get_model (GTK_GRID_VIEW (view)) != NULL;
}

static GtkWidget *
find_mover_row (GtkWidget *root)
{
  if (STRATA_IS_MOVER_ROW (root) && strata_mover_row_get_customer_id (STRATA_MOVER_ROW (root)) != 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mover_row (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_mover_rows (GtkWidget *root)
{
  guint n = STRATA_IS_MOVER_ROW (root) && strata_mover_row_get_customer_id (STRATA_MOVER_ROW (root)) != 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_mover_rows (c);
  return n;
}

/* The chart drawn at 640x400 in the light style. */
static cairo_surface_t *
render_chart (StrataChart *chart)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
  cairo_t *cr = cairo_create (surface);

  strata_chart_draw (chart, cr, style, 640, 400);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels inside the plot (the axis titles and ticks are dark too) that are
 * nearly black in @surface or, with @reference, that differ from it. */
static guint
count_pixels (cairo_surface_t *surface,
              cairo_surface_t *reference)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  const guint8 *ref = reference ? cairo_image_surface_get_data (reference) : NULL;
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = 40; y < 340; y++)
    for (int x = 120; x < 600; x++)
      {
        const guint8 *px = data + y * stride + x * 4;
        if (ref == NULL)
          n += px[3] > 200 && px[0] < 70 && px[1] < 70 && px[2] < 70;
        else
          {
            const guint8 *rx = ref + y * stride + x * 4;
            n += abs (px[0] - rx[0]) + abs (px[1] - rx[1]) + abs (px[2] - rx[2]) > 60;
          }
      }
  return n;
}

/* Nearly black pixels: a few arrows and the rings where movers were are
 * drawn in the text colour (points are coloured). */
static guint
dark_pixels (StrataChart *chart)
{
  cairo_surface_t *surface = render_chart (chart);
  guint n = count_pixels (surface, NULL);

  cairo_surface_destroy (surface);
  return n;
}

/* Pixels that differ from the chart without arrows: hundreds of arrows are
 * drawn in their tiers' colours, so they are counted this way. */
static guint
changed_pixels (StrataChart     *chart,
                cairo_surface_t *reference)
{
  cairo_surface_t *surface = render_chart (chart);
  guint n = count_pixels (surface, reference);

  cairo_surface_destroy (surface);
  return n;
}

/* The quadrant chart of the Review page: arrows for the movers by default,
 * none when switched off, and the one customer picked in a list. */
static void
check_arrows (StrataReviewPage *page)
{
  StrataReviewDeck *deck = strata_review_page_get_deck (page);
  StrataMovement *movement = strata_review_deck_get_movement (deck);
  GArray *positions = strata_movement_get_positions (movement);
  StrataContext *context = strata_page_get_context (STRATA_PAGE (page));
  guint movers = 0, with_arrows, without;
  cairo_surface_t *movers_surface, *none_surface;
  GtkWidget *row;
  gint64 id;
  guint position = G_MAXUINT;

  for (guint i = 0; i < positions->len; i++)
    {
      const StrataMovementPosition *p = &g_array_index (positions, StrataMovementPosition, i);
      movers += (p->tier_changed || p->from_quadrant != p->to_quadrant) &&
                !isnan (p->from_x) && !isnan (p->from_y);
    }
  g_assert_cmpuint (movers, >, 50);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), ==, movers);

  /* The list: one list view (a one-column grid view) over all the movers
   * of the movement the switcher shows (the upgrades first), of which the
   * rows on screen are bound. */
  {
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    guint listed = strata_movement_get_movers (movement, STRATA_MOVE_UP)->len;

    gui_test_wait (lists_filled (page));
    gui_test_collect (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_BOX, "movers_card", 0),
                      GTK_TYPE_GRID_VIEW, views);
    g_assert_cmpuint (views->len, ==, 1);
    g_assert_cmpuint (listed, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (views->pdata[0]))), ==, listed);
    gui_test_wait (count_mover_rows (GTK_WIDGET (page)) > 0);
    g_assert_cmpuint (count_mover_rows (GTK_WIDGET (page)), <=, listed);
  }
  movers_surface = render_chart (strata_review_page_get_quadrant_chart (page));

  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_NONE);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), ==, 0);
  without = dark_pixels (strata_review_page_get_quadrant_chart (page));
  none_surface = render_chart (strata_review_page_get_quadrant_chart (page));
  with_arrows = count_pixels (movers_surface, none_surface);
  g_assert_cmpuint (with_arrows, >, 1000);
  cairo_surface_destroy (movers_surface);

  strata_context_set_selected_customer (context, 0);
  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_SELECTED);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), ==, 0);
  /* Picking an upgraded customer in the list follows it on the chart. */
  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_MOVERS);
  row = find_mover_row (GTK_WIDGET (page));
  g_assert_nonnull (row);
  id = strata_mover_row_get_customer_id (STRATA_MOVER_ROW (row));
  /* As a click or Enter does: the list's action with the row's position
   * (the movers of a kind are its list's items, in order). */
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *kind = strata_movement_get_movers (movement, k);

      for (guint i = 0; i < kind->len; i++)
        if (((StrataMover *) kind->pdata[i])->customer_id == id)
          position = i;
    }
  g_assert_true (gtk_widget_activate_action (row, "list.activate-item", "u", position));
  g_assert_cmpint (strata_context_get_selected_customer (context), ==, id);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), ==, 1);
  g_assert_cmpuint (dark_pixels (strata_review_page_get_quadrant_chart (page)), >, without);
  g_assert_cmpuint (changed_pixels (strata_review_page_get_quadrant_chart (page), none_surface), <, with_arrows);
  cairo_surface_destroy (none_surface);
  screenshot ("review-page-selected");

  /* Clicking a point on the chart follows that customer too. */
  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_MOVERS);
  strata_context_set_selected_customer (context, 0);
  g_assert_false (strata_review_page_pick_at (page, 1, 1));   /* the corner: no point */
  g_assert_cmpint (strata_context_get_selected_customer (context), ==, 0);
  {
    gboolean hit = FALSE;

    for (int y = 0; y < 400 && !hit; y += 3)
      for (int x = 0; x < 600 && !hit; x += 3)
        hit = strata_review_page_pick_at (page, x, y);
    g_assert_true (hit);
  }
  g_assert_cmpint (strata_context_get_selected_customer (context), >, 0);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), <=, 1);
  strata_review_page_set_arrows (page, STRATA_REVIEW_ARROWS_MOVERS);
  g_assert_cmpuint (strata_review_page_get_n_arrows (page), ==, movers);
}

static void
fill (AdwMessageDialog *dialog,
      const char       *key,
      const char       *text)
{
  GtkWidget *entry = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, key, 0);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static AdwMessageDialog *
open_dialog (StrataReviewPage *page,
             const char       *action)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
  gui_test_wait (find_dialog () != NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

/* New Period… adds a custom date range where its dates put it; a custom
 * name without dates is refused; Rename renames the later period. */
static void
check_new_period (StrataReviewPage *page)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (page));
  StrataWorkspace *ws = strata_context_get_workspace (context);
  GListModel *periods = strata_context_get_periods (context);
  guint n = g_list_model_get_n_items (periods);
  g_autoptr(StrataPeriod) third = NULL;
  g_autoptr(StrataPeriod) renamed = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  /* The Close dialog answered earlier: the test's response does not close it. */
  while (find_dialog () != NULL)
    gtk_window_destroy (GTK_WINDOW (find_dialog ()));
  dialog = open_dialog (page, "page.new-period");
  fill (dialog, "name-entry", "Autumn");
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (no_dialog (NULL));
  g_assert_cmpuint (g_list_model_get_n_items (periods), ==, n);

  dialog = open_dialog (page, "page.new-period");
  fill (dialog, "name-entry", "Fair 2026");
  fill (dialog, "start-entry", "2026-03-01");
  fill (dialog, "end-entry", "2026-03-20");
  screenshot ("new-period-dialog");
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (no_dialog (NULL));
  gui_test_wait (g_list_model_get_n_items (periods) == n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (periods), ==, n + 1);
  /* 2025-Q4, 2026-Q1, then the fair in March. */
  third = g_list_model_get_item (periods, 2);
  g_assert_cmpstr (strata_period_get_name (third), ==, "Fair 2026");
  g_assert_cmpstr (strata_period_get_start_date (third), ==, "2026-03-01");
  g_assert_cmpstr (strata_period_get_end_date (third), ==, "2026-03-20");

  /* The new period's reload done first: one that ends after the choice
   * would put back the default periods (the latest pair). */
  strata_page_finish_load (STRATA_PAGE (page));
  g_assert_true (strata_review_page_set_periods (page, "2026-Q1", "Fair 2026"));
  strata_page_finish_load (STRATA_PAGE (page));
  dialog = open_dialog (page, "page.rename-period");
  fill (dialog, "name-entry", "Spring fair");
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (no_dialog (NULL));
  renamed = strata_period_lookup_name (ws, "Spring fair", &error);
  g_assert_no_error (error);
  g_assert_nonnull (renamed);
  g_assert_cmpstr (strata_period_get_start_date (renamed), ==, "2026-03-01");
}

static char *
make_demo (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataRules) rules = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);
  guint version = 0;

  g_assert_true (strata_demo_write (path, 600, STRATA_DEMO_DEFAULT_SEED, 4, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  for (const char *const *p = (const char *[]) { "2025-Q4", "2026-Q1", "2026-Q2", NULL }; *p; p++)
    {
      gint64 id = 0;
      g_assert_true (strata_period_find (ws, *p, &id, NULL, &error));
      g_assert_true (strata_period_close (ws, id, &error));
      g_assert_no_error (error);
    }
  /* The meeting gave A a larger discount after 2026-Q2 was closed. */
  {
    g_autoptr(StrataEntitlements) matrix = strata_entitlements_new (ws, &error);

    g_assert_no_error (error);
    g_assert_true (strata_entitlements_set_value (matrix,
                                                  strata_entitlements_lookup_key (matrix, "order_discount")->id,
                                                  "A", "18", &error));
    g_assert_no_error (error);
  }
  /* The meeting changed the model after 2026-Q2 was closed. */
  rules = strata_ruleset_store_load_version (ws, 0, &error);
  g_assert_no_error (error);
  ((StrataTier *) rules->tiers->pdata[strata_rules_find_tier (rules, "C")])->min_score = 40;
  strata_ruleset_store_publish (ws, rules, "C from 40", &version, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  return path;
}

/* The retention card: the deck's retention over the four quarters (three
 * pairs), per tier and per quadrant, with the numbers of
 * strata_retention_compute (those of `strata-cli retention`), drawn. */
static void
check_retention (StrataReviewPage *page)
{
  StrataReviewChart *widget = STRATA_REVIEW_CHART (gui_test_find_id (GTK_WIDGET (page), STRATA_TYPE_REVIEW_CHART,
                                                                     "retention_chart", 0));
  StrataContext *context = strata_page_get_context (STRATA_PAGE (page));
  StrataReviewDeck *deck = strata_review_page_get_deck (page);
  const StrataRetention *shown = strata_review_deck_get_retention (deck, STRATA_RETENTION_BY_TIER);
  g_autoptr(StrataRetention) computed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) table = NULL;
  GtkWidget *caption;
  StrataChart *chart;
  cairo_rectangle_t plot;
  guint n_rows = 0;

  g_assert_nonnull (widget);
  chart = strata_review_chart_get_chart (widget);
  g_assert_true (STRATA_IS_RETENTION_CHART (chart));
  g_assert_cmpuint (strata_retention_chart_get_n_pairs (STRATA_RETENTION_CHART (chart)), ==, 3);
  g_assert_cmpuint (strata_retention_chart_get_n_panels (STRATA_RETENTION_CHART (chart)), ==, 2);
  caption = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_LABEL, "retention_label", 0);
  {
    /* As the page words it (translated for the screenshots). */
    g_autofree char *expected = g_strdup_printf (g_dngettext (NULL,
      "The share of each tier's and quadrant's customers still customers in the next period, over %s pair of periods",
      "The share of each tier's and quadrant's customers still customers in the next period, over %s pairs of periods",
      3), "3");

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (caption)), ==, expected);
    g_assert_true (gtk_widget_get_visible (caption));
  }

  computed = strata_retention_compute (strata_context_get_workspace (context), STRATA_RETENTION_BY_TIER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->rows->len, ==, computed->rows->len);
  for (guint i = 0; i < computed->rows->len; i++)
    {
      const StrataRetentionRow *a = shown->rows->pdata[i], *b = computed->rows->pdata[i];

      g_assert_cmpstr (a->group, ==, b->group);
      g_assert_cmpuint (a->customers, ==, b->customers);
      g_assert_cmpuint (a->retained, ==, b->retained);
      n_rows += b->customers > 0;
    }
  /* The chart's table: a row per group with customers, per tier and per quadrant. */
  table = strata_chart_get_table (chart);
  g_assert_cmpuint (table->len, >, n_rows);

  gtk_widget_queue_draw (GTK_WIDGET (widget));
  gui_test_wait_frame (GTK_WIDGET (widget));
  g_assert_true (strata_retention_chart_get_plot (STRATA_RETENTION_CHART (chart), 0, &plot));
  g_assert_cmpfloat (plot.height, >, 100);
  gui_test_save_screenshot (gtk_widget_get_parent (GTK_WIDGET (widget)), "review-retention.png");
}

/* An 800x600 projector: the movement slide's title keeps to one line and
 * its chart keeps a third of the screen (at the 1024x768 sizes the title
 * took two lines and the chart a sliver). */
static void
check_small_projector (StrataPresentation *presentation)
{
  GtkWidget *win = GTK_WIDGET (presentation);
  GtkWidget *slide, *title;
  GtkWidget *chart;
  int lines;

  g_assert_cmpint (strata_presentation_get_slide_kind (presentation), ==, STRATA_SLIDE_MOVEMENT);
  g_test_message ("presentation at %d x %d", gtk_widget_get_width (win), gtk_widget_get_height (win));
  /* Mapped again at the new size: without a window manager a mapped
   * window keeps its size. */
  gtk_widget_set_visible (win, FALSE);
  gtk_window_unfullscreen (GTK_WINDOW (presentation));
  gtk_window_set_default_size (GTK_WINDOW (presentation), 800, 600);
  gtk_window_present (GTK_WINDOW (presentation));
  gui_test_wait (gtk_widget_get_width (win) == 800 && gtk_widget_get_height (win) == 600);
  gui_test_wait (strata_presentation_get_compact (presentation));
  gui_test_wait_frame (win);

  slide = gtk_stack_get_visible_child (GTK_STACK (gui_test_find_id (win, GTK_TYPE_STACK, "stack", 0)));
  title = gtk_widget_get_first_child (slide);
  g_assert_true (GTK_IS_LABEL (title));
  lines = pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (title)));
  g_test_message ("800x600: title \"%s\" in %d line(s), %d px wide", gtk_label_get_label (GTK_LABEL (title)),
                  lines, gtk_widget_get_width (title));
  g_assert_cmpint (lines, ==, 1);
  chart = gui_test_find_widget (slide, STRATA_TYPE_REVIEW_CHART);
  g_assert_nonnull (chart);
  g_test_message ("800x600: chart %d px high", gtk_widget_get_height (chart));
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 600 / 3);
  screenshot ("slide-3-800x600");
}

static void
test_presentation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_demo ("demo.strata");
  StrataReviewPage *page;
  StrataPresentation *presentation;
  StrataReviewDeck *deck;
  StrataMovement *movement;
  GtkWidget *button;
  GtkWindow *receipt;

  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (strata_window_show_page (window, "review"));
  page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  g_assert_true (STRATA_IS_REVIEW_PAGE (page));
  gui_test_wait (has_deck (page));

  /* The last two quarters, the earlier one frozen under version 1. */
  deck = strata_review_page_get_deck (page);
  movement = strata_review_deck_get_movement (deck);
  g_assert_cmpstr (strata_movement_get_from_name (movement), ==, "2026-Q2");
  g_assert_cmpstr (strata_movement_get_to_name (movement), ==, "2026-Q3");
  g_assert_cmpint (strata_movement_get_from_version (movement), ==, 1);
  g_assert_cmpint (strata_movement_get_to_version (movement), ==, 2);
  g_assert_cmpuint (strata_movement_get_n_to (movement), ==, 567);
  g_assert_cmpuint (strata_movement_get_moves_from_rules (movement), >, 0);
  g_assert_cmpuint (strata_review_deck_get_rule_changes (deck)->len, ==, 1);
  g_assert_cmpuint (strata_review_deck_get_entitlement_changes (deck)->len, ==, 1);
  check_headline (page);
  check_retention (page);
  /* Restating re-scores 2026-Q2 under version 2: worth offering. */
  g_assert_true (strata_movement_get_rules_differ (movement));
  g_assert_true (gtk_widget_get_sensitive (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_WIDGET, "review-restate", 0)));
  screenshot ("review-page");
  check_arrows (page);

  /* The comparison runs on a worker thread under a spinner; a second
   * reload replaces the first, and the deck on screen stays until then. */
  {
    g_autoptr(StrataReviewDeck) before = g_object_ref (strata_review_page_get_deck (page));

    strata_page_queue_reload (STRATA_PAGE (page));
    g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
    g_assert_true (GTK_IS_SPINNER (gtk_widget_get_last_child (GTK_WIDGET (page))));
    g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (gtk_widget_get_last_child (GTK_WIDGET (page)))));
    g_assert_true (strata_review_page_get_deck (page) == before);
    strata_page_queue_reload (STRATA_PAGE (page));
    g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
    gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
    g_assert_false (GTK_IS_SPINNER (gtk_widget_get_last_child (GTK_WIDGET (page))));
    g_assert_true (strata_review_page_get_deck (page) != before);
    movement = strata_review_deck_get_movement (strata_review_page_get_deck (page));
    g_assert_cmpstr (strata_movement_get_from_name (movement), ==, "2026-Q2");
    g_assert_cmpstr (strata_movement_get_to_name (movement), ==, "2026-Q3");
    g_assert_cmpuint (strata_movement_get_n_to (movement), ==, 567);
    check_headline (page);
  }

  /* F5 is app.present. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "present", NULL);
  gui_test_wait (find_presentation () != NULL);
  gui_test_wait_idle ();   /* and what starting it set off */
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_assert_cmpuint (strata_presentation_get_n_slides (presentation), ==, STRATA_N_SLIDES);
  g_assert_cmpstr (counter (presentation), ==, "1 / 9");
  screenshot ("slide-1");

  g_assert_true (press (GTK_WIDGET (presentation), GDK_KEY_Right));
  g_assert_cmpstr (counter (presentation), ==, "2 / 9");
  screenshot ("slide-2");
  press (GTK_WIDGET (presentation), GDK_KEY_Page_Down);
  g_assert_cmpstr (counter (presentation), ==, "3 / 9");
  screenshot ("slide-3");
  press (GTK_WIDGET (presentation), GDK_KEY_space);
  g_assert_cmpstr (counter (presentation), ==, "4 / 9");
  g_assert_cmpint (strata_presentation_get_slide_kind (presentation), ==, STRATA_SLIDE_MOVERS);
  screenshot ("slide-4");

  /* A customer on the movers slide shows its receipt; Escape closes only that. */
  button = gui_test_find_css (GTK_WIDGET (presentation), GTK_TYPE_WIDGET, "slide-customer");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gui_test_wait (find_receipt () != NULL);
  receipt = find_receipt ();
  g_assert_nonnull (receipt);
  gui_test_wait_frame (GTK_WIDGET (receipt));
  /* It covers the slide it was opened from. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (receipt)), >=,
                   gtk_widget_get_width (GTK_WIDGET (presentation)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (receipt)), >=,
                   gtk_widget_get_height (GTK_WIDGET (presentation)));
  screenshot ("slide-4-receipt");
  press (GTK_WIDGET (receipt), GDK_KEY_Escape);
  gui_test_wait (no_receipt (NULL));
  g_assert_nonnull (find_presentation ());

  press (GTK_WIDGET (presentation), GDK_KEY_Right);
  g_assert_cmpstr (counter (presentation), ==, "5 / 9");
  screenshot ("slide-5");
  press (GTK_WIDGET (presentation), GDK_KEY_Right);
  g_assert_cmpstr (counter (presentation), ==, "6 / 9");
  g_assert_cmpint (strata_presentation_get_slide_kind (presentation), ==, STRATA_SLIDE_RETENTION);
  {
    /* The retention slide: the same chart, three pairs of quarters. */
    g_autoptr(GPtrArray) charts = g_ptr_array_new ();
    StrataChart *retention = NULL;

    gui_test_collect (GTK_WIDGET (presentation), STRATA_TYPE_REVIEW_CHART, charts);
    for (guint i = 0; i < charts->len; i++)
      if (STRATA_IS_RETENTION_CHART (strata_review_chart_get_chart (charts->pdata[i])))
        retention = strata_review_chart_get_chart (charts->pdata[i]);
    g_assert_nonnull (retention);
    g_assert_cmpuint (strata_retention_chart_get_n_pairs (STRATA_RETENTION_CHART (retention)), ==, 3);
  }
  screenshot ("slide-6");
  press (GTK_WIDGET (presentation), GDK_KEY_Right);
  g_assert_cmpstr (counter (presentation), ==, "7 / 9");
  screenshot ("slide-7");
  press (GTK_WIDGET (presentation), GDK_KEY_Right);
  g_assert_cmpstr (counter (presentation), ==, "8 / 9");
  screenshot ("slide-8");
  press (GTK_WIDGET (presentation), GDK_KEY_Right);
  g_assert_cmpstr (counter (presentation), ==, "9 / 9");
  g_assert_cmpint (strata_presentation_get_slide_kind (presentation), ==, STRATA_SLIDE_PRODUCTS);
  screenshot ("slide-9");
  press (GTK_WIDGET (presentation), GDK_KEY_Right);        /* stays on the last */
  g_assert_cmpstr (counter (presentation), ==, "9 / 9");
  press (GTK_WIDGET (presentation), GDK_KEY_Left);
  g_assert_cmpstr (counter (presentation), ==, "8 / 9");
  press (GTK_WIDGET (presentation), GDK_KEY_Page_Up);
  g_assert_cmpstr (counter (presentation), ==, "7 / 9");
  press (GTK_WIDGET (presentation), GDK_KEY_Home);
  g_assert_cmpstr (counter (presentation), ==, "1 / 9");

  /* Last, as it leaves the window small. */
  strata_presentation_go_to (presentation, 2);
  check_small_projector (presentation);
  press (GTK_WIDGET (presentation), GDK_KEY_Escape);
  gui_test_wait (no_presentation (NULL));

  /* The presenter leaves out two slides. */
  strata_review_page_set_slide_enabled (page, STRATA_SLIDE_ENTITLEMENTS, FALSE);
  strata_review_page_set_slide_enabled (page, STRATA_SLIDE_RULES, FALSE);
  presentation = STRATA_PRESENTATION (strata_review_page_present (page));
  g_assert_nonnull (presentation);
  g_assert_cmpstr (counter (presentation), ==, "1 / 7");
  press (GTK_WIDGET (presentation), GDK_KEY_End);
  g_assert_cmpstr (counter (presentation), ==, "7 / 7");
  g_assert_cmpint (strata_presentation_get_slide_kind (presentation), ==, STRATA_SLIDE_PRODUCTS);
  press (GTK_WIDGET (presentation), GDK_KEY_Left);
  g_assert_cmpint (strata_presentation_get_slide_kind (presentation), ==, STRATA_SLIDE_RETENTION);
  press (GTK_WIDGET (presentation), GDK_KEY_Escape);
  gui_test_wait (no_presentation (NULL));
  strata_review_page_set_slide_enabled (page, STRATA_SLIDE_ENTITLEMENTS, TRUE);
  strata_review_page_set_slide_enabled (page, STRATA_SLIDE_RULES, TRUE);

  /* Close Period asks first; confirming freezes 2026-Q3 under version 2. */
  {
    /* The label as the page shows it (translated for the screenshots). */
    g_autofree char *close_label = g_strdup_printf (_("_Close %s…"), "2026-Q3");
    button = gui_test_find_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, close_label);
  }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gui_test_wait (find_dialog () != NULL);
  g_assert_nonnull (find_dialog ());
  screenshot ("close-dialog");
  adw_message_dialog_response (find_dialog (), "close");
  gui_test_wait (to_closed (page));
  g_assert_cmpint (strata_movement_get_to_version (strata_review_deck_get_movement (strata_review_page_get_deck (page))), ==, 2);
  {
    g_autofree char *reopen_label = g_strdup_printf (_("_Reopen %s…"), "2026-Q3");
    g_assert_nonnull (gui_test_find_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, reopen_label));
  }

  /* Comparing the first two quarters: both frozen under version 1. */
  g_assert_true (strata_review_page_set_periods (page, "2025-Q4", "2026-Q1"));
  deck = strata_review_page_get_deck (page);
  g_assert_nonnull (deck);
  g_assert_true (strata_review_deck_get_to_closed (deck));
  g_assert_cmpuint (strata_movement_get_moves_from_rules (strata_review_deck_get_movement (deck)), ==, 0);
  g_assert_cmpuint (strata_review_deck_get_rule_changes (deck)->len, ==, 0);
  /* Both under version 1: restating would change nothing, the check box
   * says why instead of doing nothing visible. */
  {
    GtkWidget *restate = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_WIDGET, "review-restate", 0);

    g_assert_false (strata_movement_get_rules_differ (strata_review_deck_get_movement (deck)));
    g_assert_false (gtk_widget_get_sensitive (restate));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (restate), ==,
                     _("Both periods are scored with the same rules, so restating would change nothing. It applies once the earlier period is closed under rules that have changed since."));
  }
  g_assert_true (strata_review_page_set_periods (page, "2026-Q2", "2026-Q3"));
  g_assert_true (gtk_widget_get_sensitive (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_WIDGET, "review-restate", 0)));

  check_new_period (page);
}

static void
test_empty_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "one.strata", NULL);
  g_autoptr(StrataWorkspace) ws = strata_seed_create_workspace (path, &error);
  StrataReviewPage *page;
  GtkWidget *stack;

  g_assert_no_error (error);
  g_assert_true (strata_workspace_exec (ws, "INSERT INTO periods (name) VALUES ('2026-Q3')", &error));
  g_clear_object (&ws);

  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (strata_window_show_page (window, "review"));
  page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  stack = gtk_widget_get_first_child (GTK_WIDGET (page));
  gui_test_wait (gtk_widget_get_mapped (GTK_WIDGET (page)) &&
                 g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "empty") == 0);
  gui_test_wait_idle ();
  g_assert_null (strata_review_page_get_deck (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_null (strata_review_page_present (page));
  g_assert_null (find_presentation ());
  screenshot ("review-empty");
}

/* While the periods of a workspace with four of them are compared, the
 * page says it is loading, never "Two Periods Needed" (the empty state). */
static void
test_loading_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_demo ("loading.strata");
  StrataReviewPage *page;
  GtkWidget *stack, *empty;
  guint turns_loading = 0;

  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  stack = gtk_widget_get_first_child (GTK_WIDGET (page));
  empty = gui_test_find_id (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE, "empty_page", 0);
  g_assert_nonnull (empty);
  g_assert_true (strata_window_show_page (window, "review"));
  {
    GuiTestWait wait = gui_test_wait_begin (GUI_TEST_TIMEOUT_MS);

    while (!has_deck (page) && gui_test_wait_step (&wait, "the deck", __FILE__, __LINE__, G_STRFUNC))
      if (!has_deck (page))
        {
          g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "loading");
          g_assert_false (gtk_widget_get_child_visible (empty) && gtk_widget_get_mapped (empty));
          turns_loading++;
        }
  }
  g_assert_cmpuint (turns_loading, >, 0);
  gui_test_wait (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "review") == 0);
  g_assert_false (gtk_widget_get_mapped (empty));
}

/* A hidden review page does not compare the periods on every change: it
 * does when it is shown, or when the presentation starts from elsewhere. */
static void
test_hidden_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_demo ("hidden.strata");
  StrataReviewPage *page;
  g_autoptr(StrataReviewDeck) first = NULL;   /* held: a freed one's address can come back */
  StrataPresentation *presentation;

  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (strata_window_show_page (window, "customers"));
  page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  gui_test_wait (gtk_widget_get_mapped (strata_window_get_page (window, "customers")));
  gui_test_wait_idle ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (strata_review_page_get_deck (page));

  g_assert_true (strata_window_show_page (window, "review"));
  gui_test_wait (has_deck (page));
  first = g_object_ref (strata_review_page_get_deck (page));

  /* Hidden again, a change waits... */
  g_assert_true (strata_window_show_page (window, "customers"));
  gui_test_wait (!gtk_widget_get_mapped (GTK_WIDGET (page)));
  strata_workspace_emit_changed (strata_context_get_workspace (strata_page_get_context (STRATA_PAGE (page))),
                                 "customers");
  gui_test_wait_idle ();
  g_assert_true (strata_review_page_get_deck (page) == first);
  /* ...for F5 from the customers page, which compares first. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "present", NULL);
  gui_test_wait (find_presentation () != NULL);
  gui_test_wait_idle ();   /* and what starting it set off */
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_assert_true (strata_review_page_get_deck (page) != first);
  g_assert_nonnull (strata_review_page_get_deck (page));
  gtk_window_destroy (GTK_WINDOW (presentation));
  gui_test_wait (no_presentation (NULL));

  /* And shown, after another change: a new comparison. (F5 showed the
   * page: hidden again first, or the change alone compares.) */
  g_assert_true (strata_window_show_page (window, "customers"));
  gui_test_wait (!gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_set_object (&first, strata_review_page_get_deck (page));
  strata_workspace_emit_changed (strata_context_get_workspace (strata_page_get_context (STRATA_PAGE (page))),
                                 "customers");
  gui_test_wait_idle ();
  g_assert_true (strata_review_page_get_deck (page) == first);
  g_assert_true (strata_window_show_page (window, "review"));
  gui_test_wait (strata_review_page_get_deck (page) != first &&
                 !strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_true (strata_review_page_get_deck (page) != first);
  g_assert_nonnull (strata_review_page_get_deck (page));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-presentation");
  window_test_bind_translations ();

  app = window_test_app_new (".PresentationTest");
  window = window_test_activate (app);

  g_test_add_func ("/review/presentation", test_presentation);
  g_test_add_func ("/review/empty-state", test_empty_state);
  g_test_add_func ("/review/hidden-reload", test_hidden_reload);
  g_test_add_func ("/review/loading-state", test_loading_state);
  status = g_test_run ();

  window_test_finish (GTK_WINDOW (window), &app, &tmpdir);
  return status;
}
