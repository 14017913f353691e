/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window fits an 800×600 screen: every page's minimum size, measured
 * with the header bar and the bottom view switcher it shows at that width,
 * in English and in Chinese. A maximized window has no frame (the header
 * bar is drawn by the window itself), so the whole 800×600 is the budget. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gui-test-util.h"
#include "strata-application.h"
#include "strata-context.h"
#include "strata-page.h"
#include "strata-rules-editor.h"
#include "strata-window.h"
#include "window-test-util.h"
#include "workspace-test-util.h"
#include "strata-window-private.h"

#define SCREEN_WIDTH 800
#define SCREEN_HEIGHT 600

static const char *page_names[] = {
  "customers", "scoring", "quadrant", "tiers", "products", "entitlements", "review",
};

/* Sizes checked after 800×600: a projector's, and one above the default. */
static const int larger_sizes[][2] = { { 1024, 768 }, { 1400, 900 } };

static char *tmpdir;
static GApplication *app;

static int
min_height (GtkWidget *widget,
            int        width)
{
  int min = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min, NULL, NULL, NULL);
  return min;
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static gboolean
page_loaded (StrataWindow *window,
             const char   *name)
{
  GtkWidget *page = strata_window_get_page (window, name);

  return gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0;
}

/* The widest sideways overflow of the page's scrolled windows (0: none
 * scrolls sideways), logging each one that does. */
static double
sideways_overflow (GtkWidget  *page,
                   const char *what)
{
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
  double worst = 0;

  gui_test_collect (page, GTK_TYPE_SCROLLED_WINDOW, scrollers);
  for (guint i = 0; i < scrollers->len; i++)
    {
      GtkScrolledWindow *sw = scrollers->pdata[i];
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (sw);
      double over = gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h);

      if (!gtk_widget_get_mapped (GTK_WIDGET (sw)) || over <= 0.5)
        continue;
      g_test_message ("%s: %s %s scrolls sideways by %.0f px (content %.0f, shown %.0f)", what,
                      G_OBJECT_TYPE_NAME (sw), gtk_buildable_get_buildable_id (GTK_BUILDABLE (sw)),
                      over, gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
      if (g_getenv ("STRATA_FIT_VERBOSE"))
        g_printerr ("%s: scrolls sideways by %.0f px (content %.0f, shown %.0f)\n", what, over,
                    gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
      worst = MAX (worst, over);
    }
  return worst;
}

/* Widgets under widget that would take the mouse wheel (a scroll
 * controller that is not switched off): a spin button would change its
 * number, a card's scroller would scroll sideways, instead of the page. */
static guint
count_wheel_takers (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = NULL;
  guint n = 0;

  /* Only what the pointer can be over (not a closed drop-down's list). */
  if (!gtk_widget_get_mapped (widget))
    return 0;
  controllers = gtk_widget_observe_controllers (widget);

  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, k);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (c) &&
          gtk_event_controller_get_propagation_phase (c) != GTK_PHASE_NONE)
        {
          g_test_message ("%s %s takes the wheel", G_OBJECT_TYPE_NAME (widget),
                          gtk_widget_get_name (widget));
          n++;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_wheel_takers (child);
  return n;
}

/* The Scoring page's rule tables (bands, adjustments, tiers, quadrant)
 * fit their cards at the window's size: no sideways scrolling. */
static void
check_scoring_tables (StrataWindow *window,
                      const char   *language)
{
  GtkWidget *page = strata_window_get_page (window, "scoring");
  g_autofree char *what = g_strdup_printf ("%s scoring at %d×%d", language,
                                           gtk_widget_get_width (GTK_WIDGET (window)),
                                           gtk_widget_get_height (GTK_WIDGET (window)));
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  double over;

  strata_page_finish_load (STRATA_PAGE (page));
  gui_test_wait_idle ();
  gui_test_wait_frame (page);
  /* Every table is there and shown (an empty page would fit trivially). */
  gui_test_collect (page, GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, >=, 4);
  for (guint i = 0; i < views->len; i++)
    g_assert_true (gtk_widget_get_mapped (views->pdata[i]));
  over = sideways_overflow (page, what);
  g_test_message ("%s: widest sideways overflow %.0f px", what, over);
  if (g_getenv ("STRATA_FIT_MEASURE_ONLY") == NULL)
    g_assert_cmpfloat (over, <=, 0.5);
  /* The wheel over the tables scrolls the page. */
  g_assert_cmpuint (count_wheel_takers (gui_test_find_widget (page, STRATA_TYPE_RULES_EDITOR)), ==, 0);
}

/* The customer's detail: beside the list on a wide window, over it on a
 * narrow one, where a customer picked in the list slides it in. */
static void
check_detail_flap (StrataWindow *window)
{
  GtkWidget *page = strata_window_get_page (window, "customers");
  AdwFlap *flap = ADW_FLAP (gui_test_find_widget (page, ADW_TYPE_FLAP));
  GtkWidget *toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "detail_toggle", 0);
  GtkColumnView *view = GTK_COLUMN_VIEW (gui_test_find_widget (page, GTK_TYPE_COLUMN_VIEW));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));

  g_assert_true (strata_window_show_page (window, "customers"));
  gui_test_wait (adw_flap_get_folded (flap));
  g_assert_true (gtk_widget_get_visible (toggle));
  adw_flap_set_reveal_flap (flap, FALSE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  /* The list has the whole width. */
  gui_test_wait (gtk_widget_get_width (adw_flap_get_content (flap)) ==
                 gtk_widget_get_width (GTK_WIDGET (flap)));
  gtk_single_selection_set_selected (selection, 3);
  gui_test_wait (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  g_assert_false (adw_flap_get_reveal_flap (flap));

  /* Wide: side by side, the detail shown, no toggle. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gui_test_wait (!adw_flap_get_folded (flap));
  gui_test_wait (adw_flap_get_reveal_flap (flap));
  g_assert_false (gtk_widget_get_visible (toggle));
  /* Once the unfolding has settled: side by side, no overlap. */
  gui_test_wait (gtk_widget_get_width (adw_flap_get_content (flap)) +
                 gtk_widget_get_width (adw_flap_get_flap (flap)) <=
                 gtk_widget_get_width (GTK_WIDGET (flap)));
  g_assert_cmpint (gtk_widget_get_width (adw_flap_get_flap (flap)), >=, 340);
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, SCREEN_HEIGHT);
}

/* The window's pages at 800×600: each page's minimum width, and its minimum
 * height at 800 pixels wide plus the header bar and the switcher bar above
 * and below it. */
static void
check_fits (StrataWindow *window,
            const char   *language)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *header = gui_test_find_widget (content, ADW_TYPE_HEADER_BAR);
  GtkWidget *bar = gui_test_find_widget (content, ADW_TYPE_VIEW_SWITCHER_BAR);
  StrataContext *context = strata_window_get_context (window);
  int chrome, width, height;

  g_assert_nonnull (header);
  g_assert_nonnull (bar);
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, SCREEN_HEIGHT);
  gui_test_wait_frame (content);
  if (g_getenv ("STRATA_FIT_VERBOSE"))
    g_printerr ("content %d×%d\n", gtk_widget_get_width (content), gtk_widget_get_height (content));
  /* At 800 pixels the switcher moves to the bottom: its height counts. */
  gui_test_wait (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_cmpint (min_width (header), <=, SCREEN_WIDTH);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      const char *name = page_names[i];
      GtkWidget *page = strata_window_get_page (window, name);
      g_autofree char *shot = NULL;

      g_assert_true (strata_window_show_page (window, name));
      strata_page_finish_load (STRATA_PAGE (page));
      gui_test_wait (page_loaded (window, name));
      if (g_str_equal (name, "customers"))
        {
          /* With a customer's detail shown. */
          strata_context_set_selected_customer (context, 1);
          gui_test_wait_idle ();
        }
      gui_test_wait_frame (page);

      chrome = min_height (header, SCREEN_WIDTH) + min_height (bar, SCREEN_WIDTH);
      width = min_width (page);
      height = min_height (page, SCREEN_WIDTH);
      g_test_message ("%s %s: minimum %d×%d, header and switcher %d", language, name, width,
                      height, chrome);
      if (g_getenv ("STRATA_FIT_VERBOSE"))
        g_printerr ("%s %s: minimum %d×%d + header and switcher %d = %d\n", language, name,
                    width, height, chrome, height + chrome);
      shot = g_strdup_printf ("fit-%s-%s.png", language, name);
      gui_test_save_screenshot (GTK_WIDGET (window), shot);
      if (g_getenv ("STRATA_FIT_MEASURE_ONLY") == NULL)
        {
          g_assert_cmpint (width, <=, SCREEN_WIDTH);
          g_assert_cmpint (height + chrome, <=, SCREEN_HEIGHT);
        }
      /* The entitlement matrix fits without scrolling sideways. */
      if (g_str_equal (name, "entitlements"))
        {
          g_autofree char *what = g_strdup_printf ("%s %s", language, name);
          double over;

          /* The page closes its columns up after the allocation that
           * found it narrow. */
          gui_test_wait_idle ();
          gui_test_wait_frame (page);
          over = sideways_overflow (page, what);
          if (g_getenv ("STRATA_FIT_MEASURE_ONLY") == NULL)
            g_assert_cmpfloat (over, <=, 0.5);
        }
      else if (g_str_equal (name, "scoring"))
        check_scoring_tables (window, language);
    }

  check_detail_flap (window);
  /* A projector and the default size: the rule tables fit there too,
   * with the impact panel beside them at 1400. */
  for (guint s = 0; s < G_N_ELEMENTS (larger_sizes); s++)
    {
      GtkWidget *page = strata_window_get_page (window, "scoring");
      GtkWidget *flap = gui_test_find_id (page, ADW_TYPE_FLAP, "impact_flap", 0);

      gtk_window_set_default_size (GTK_WINDOW (window), larger_sizes[s][0], larger_sizes[s][1]);
      /* The window's width leaves out its 5-pixel frame on each side. */
      gui_test_wait (gtk_widget_get_width (GTK_WIDGET (window)) >= larger_sizes[s][0] - 10 &&
                     gtk_widget_get_width (GTK_WIDGET (window)) <= larger_sizes[s][0]);
      g_assert_true (strata_window_show_page (window, "scoring"));
      gui_test_wait (page_loaded (window, "scoring"));
      if (larger_sizes[s][0] >= 1400)
        gui_test_wait (!adw_flap_get_folded (ADW_FLAP (flap)));
      check_scoring_tables (window, language);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, SCREEN_HEIGHT);

  /* The whole window content, every page and the welcome page included. */
  if (g_getenv ("STRATA_FIT_MEASURE_ONLY") != NULL)
    return;
  g_assert_cmpint (min_width (content), <=, SCREEN_WIDTH);
  g_assert_cmpint (min_height (content, SCREEN_WIDTH), <=, SCREEN_HEIGHT);
}

static void
run_in (const char *language)
{
  g_autofree char *demo = NULL;
  StrataWindow *window;

  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LANG", g_str_equal (language, "en") ? "en_US.UTF-8" : "zh_CN.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  if (!g_str_equal (language, "en") && g_str_equal (_("Customers"), "Customers"))
    {
      g_test_skip ("the catalogue is not built");
      return;
    }

  window = window_test_activate (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo", NULL);
  gui_test_wait (strata_window_get_context (window) != NULL);
  check_fits (window, language);
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_WINDOW) == NULL);
}

static void
test_fit_english (void)
{
  run_in ("en");
}

static void
test_fit_chinese (void)
{
  run_in ("zh_CN");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  int status;

  /* Each run sets its locale. */
  g_unsetenv ("LC_ALL");
  tmpdir = window_test_init (&argc, &argv, "strata-window-fit");
  /* The build tree's catalogues. */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_LOCALEDIR") ? g_getenv ("STRATA_LOCALEDIR")
                                                                 : localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = window_test_app_new (".Test");

  g_test_add_func ("/window-fit/english", test_fit_english);
  g_test_add_func ("/window-fit/chinese", test_fit_chinese);
  status = g_test_run ();

  window_test_finish (NULL, &app, &tmpdir);
  return status;
}
