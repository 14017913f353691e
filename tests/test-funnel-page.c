/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funnel in the window: the Quadrant page's Funnel view (a panel per
 * quadrant, the best one and each quadrant's weakest step in words) and
 * the customer detail's funnel against its quadrant's median. */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-customer-detail.h"
#include "strata-funnel-chart.h"
#include "strata-funnel-text.h"
#include "strata-page.h"
#include "strata-period-results.h"
#include "strata-quadrant-page.h"
#include "strata-review-chart.h"
#include "workspace-test-util.h"

typedef struct
{
  char                *dir;
  StrataWorkspace     *ws;
  StrataContext       *context;
  StrataPeriodResults *results;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_tmp_dir ("strata-funnel-page");
  path = g_build_filename (f->dir, "demo.strata", NULL);
  f->context = gui_test_demo_context (path, 300, 11, 1, &f->ws);
  f->results = strata_period_results_load (f->ws, strata_context_get_period_id (f->context), &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->results, strata_period_results_unref);
  g_clear_object (&f->context);
  g_clear_object (&f->ws);
  test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_quadrant_funnel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StrataFunnel) funnel = strata_funnel_compute (f->results, STRATA_FUNNEL_BY_QUADRANT);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  GtkWidget *toggle, *table_toggle, *chart_widget, *note;
  StrataChart *chart;
  const StrataFunnelGroup *best;
  const char *text;
  guint with_customers = 0;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_object_set (page, "context", f->context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (page));
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "chart");

  toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "funnel_toggle", 0);
  table_toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "table_toggle", 0);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_get_sensitive (toggle));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "funnel");

  gui_test_wait_frame (page);
  gui_test_save_screenshot (window, "quadrant-funnel.png");

  /* A panel per quadrant with customers, in the core's figures. */
  chart_widget = gui_test_find_id (page, STRATA_TYPE_REVIEW_CHART, "funnel_chart", 0);
  chart = strata_review_chart_get_chart (STRATA_REVIEW_CHART (chart_widget));
  g_assert_true (STRATA_IS_FUNNEL_CHART (chart));
  for (guint k = 0; k < funnel->groups->len; k++)
    with_customers += ((StrataFunnelGroup *) funnel->groups->pdata[k])->customers > 0 &&
                      !g_str_equal (((StrataFunnelGroup *) funnel->groups->pdata[k])->group, "none");
  g_assert_cmpuint (strata_funnel_chart_get_n_groups (STRATA_FUNNEL_CHART (chart)), ==, with_customers);
  {
    g_autoptr(GPtrArray) table = strata_chart_get_table (chart);
    g_autofree char *impressions = strata_format_integer (strata_number_format_get_default (),
                                                          ((StrataFunnelGroup *) funnel->groups->pdata[0])->totals[0]);

    g_assert_cmpstr (((GStrv) table->pdata[1])[1], ==, impressions);
  }

  /* The note names the best quadrant and each other one's weakest step. */
  note = gui_test_find_id (page, GTK_TYPE_LABEL, "funnel_note", 0);
  text = gtk_label_get_text (GTK_LABEL (note));
  g_assert_cmpint (funnel->best, >=, 0);
  best = funnel->groups->pdata[funnel->best];
  {
    g_autofree char *expected = strata_funnel_text_summary (funnel);
    g_autofree char *head = g_strdup_printf ("Best conversion: %s · %s", best->group, best->label);

    g_assert_cmpstr (text, ==, expected);
    g_assert_true (g_str_has_prefix (text, head));
  }
  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];
      g_autofree char *line = NULL;

      if (g->weakest == STRATA_FUNNEL_NO_STEP || g->customers == 0)
        continue;
      line = g_strdup_printf ("%s · %s loses most at %s:", g->group, g->label,
                              strata_funnel_step_label (g->weakest));
      g_assert_nonnull (strstr (text, line));
    }

  /* By Tier: a panel per tier with customers, the note on the tiers. */
  {
    g_autoptr(StrataFunnel) by_tier = strata_funnel_compute (f->results, STRATA_FUNNEL_BY_TIER);
    GtkWidget *tier_toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "funnel_by_tier", 0);
    GtkWidget *quadrant_toggle = gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON, "funnel_by_quadrant", 0);
    g_autofree char *tier_summary = strata_funnel_text_summary (by_tier);
    g_autofree char *quadrant_summary = strata_funnel_text_summary (funnel);
    guint tiers_with_customers = 0;

    g_assert_nonnull (tier_toggle);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (quadrant_toggle)));
    for (guint k = 0; k < by_tier->groups->len; k++)
      tiers_with_customers += ((StrataFunnelGroup *) by_tier->groups->pdata[k])->customers > 0 &&
                              !g_str_equal (((StrataFunnelGroup *) by_tier->groups->pdata[k])->group, "none");
    g_assert_cmpuint (tiers_with_customers, >, 1);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tier_toggle), TRUE);
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (quadrant_toggle)));
    chart = strata_review_chart_get_chart (STRATA_REVIEW_CHART (chart_widget));
    g_assert_true (STRATA_IS_FUNNEL_CHART (chart));
    g_assert_cmpuint (strata_funnel_chart_get_n_groups (STRATA_FUNNEL_CHART (chart)), ==, tiers_with_customers);
    {
      g_autoptr(GPtrArray) table = strata_chart_get_table (chart);
      const StrataFunnelGroup *first = by_tier->groups->pdata[0];
      g_autofree char *impressions = strata_format_integer (strata_number_format_get_default (),
                                                            first->totals[0]);

      g_assert_cmpstr (((GStrv) table->pdata[1])[1], ==, impressions);
    }
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, tier_summary);
    g_assert_cmpstr (tier_summary, !=, quadrant_summary);
    gui_test_wait_frame (page);
    gui_test_save_screenshot (window, "quadrant-funnel-by-tier.png");

    /* And back. */
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (quadrant_toggle), TRUE);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, quadrant_summary);
    chart = strata_review_chart_get_chart (STRATA_REVIEW_CHART (chart_widget));
    g_assert_cmpuint (strata_funnel_chart_get_n_groups (STRATA_FUNNEL_CHART (chart)), ==, with_customers);
  }

  /* The table takes the place of the funnel, and back to the plot. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (table_toggle), TRUE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "table");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (table_toggle), FALSE);
  g_assert_cmpstr (strata_quadrant_page_get_state (STRATA_QUADRANT_PAGE (page)), ==, "chart");
  gui_test_destroy (GTK_WINDOW (window));
}

/* Every cell of a funnel chart's table. */
static void
assert_same_table (StrataChart        *chart,
                   const StrataFunnel *expected)
{
  g_autoptr(StrataFunnelChart) want = strata_funnel_chart_new ();
  g_autoptr(GPtrArray) table = strata_chart_get_table (chart);
  g_autoptr(GPtrArray) want_table = NULL;

  strata_funnel_chart_set_funnel (want, expected, NULL);
  want_table = strata_chart_get_table (STRATA_CHART (want));
  g_assert_cmpuint (table->len, ==, want_table->len);
  g_assert_cmpuint (table->len, >, 2);
  for (guint r = 0; r < table->len; r++)
    {
      GStrv row = table->pdata[r], want_row = want_table->pdata[r];

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (want_row));
      for (guint c = 0; row[c] != NULL; c++)
        g_assert_cmpstr (row[c], ==, want_row[c]);
    }
}

/* The page counts its funnels over columns it reads for them alone: the
 * window's data (which left the funnel's metrics out) does not keep them,
 * and the figures are those of the whole period loaded afresh. */
static void
test_quadrant_funnel_columns (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(StrataFunnel) by_quadrant = strata_funnel_compute (f->results, STRATA_FUNNEL_BY_QUADRANT);
  g_autoptr(StrataFunnel) by_tier = strata_funnel_compute (f->results, STRATA_FUNNEL_BY_TIER);
  StrataScoring *scoring = strata_context_get_scoring (f->context);
  const StrataPeriodData *shown = strata_scoring_get_data (scoring);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  GtkWidget *chart_widget;
  const char *keys[STRATA_FUNNEL_N_STEPS];
  gboolean left_out[STRATA_FUNNEL_N_STEPS];
  guint n_left_out = 0;

  strata_funnel_resolve_keys (shown, keys);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      g_assert_nonnull (keys[s]);
      left_out[s] = !strata_period_data_has_metric (shown, keys[s]);
      n_left_out += left_out[s];
    }
  /* Impressions, clicks and inquiries are no rule's metrics. */
  g_assert_cmpuint (n_left_out, >=, 3);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_object_set (page, "context", f->context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (page));
  strata_page_finish_load (STRATA_PAGE (page));

  /* Over the window's data, whose left-out columns stay left out. */
  g_assert_true (strata_scoring_get_data (scoring) == shown);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    if (left_out[s])
      {
        g_assert_false (strata_period_data_has_metric (shown, keys[s]));
        for (guint i = 0; i < shown->n; i++)
          g_assert_true (isnan (strata_period_data_get_value (shown, i, keys[s])));
      }

  /* And the figures are the period's, cell for cell. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON,
                                                                     "funnel_toggle", 0)), TRUE);
  chart_widget = gui_test_find_id (page, STRATA_TYPE_REVIEW_CHART, "funnel_chart", 0);
  assert_same_table (strata_review_chart_get_chart (STRATA_REVIEW_CHART (chart_widget)), by_quadrant);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gui_test_find_id (page, GTK_TYPE_TOGGLE_BUTTON,
                                                                     "funnel_by_tier", 0)), TRUE);
  assert_same_table (strata_review_chart_get_chart (STRATA_REVIEW_CHART (chart_widget)), by_tier);
  gui_test_destroy (GTK_WINDOW (window));
}

static void
test_customer_funnel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StrataMetricList) metrics = strata_metric_list_new (f->ws);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *detail = strata_customer_detail_new ();
  StrataScoring *scoring = strata_context_get_scoring (f->context);
  const StrataPeriodData *pd = strata_scoring_get_data (scoring);
  GtkWidget *chart_widget, *note, *heading;
  StrataChart *chart;
  int shown = 0;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), detail);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 900);
  strata_metric_list_reload (metrics, NULL);
  strata_customer_detail_set_source (STRATA_CUSTOMER_DETAIL (detail), f->context, scoring, metrics, NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* Customers of a few rows: each against its own quadrant. */
  for (int row = 0; row < 40; row += 13, shown++)
    {
      int r = strata_period_data_find_id (f->results->data, pd->ids[row]);
      g_autoptr(StrataFunnelCustomer) expected = strata_funnel_customer_compute (f->results, (guint) r);
      g_autofree char *note_text = strata_funnel_text_customer_note (expected);
      g_autoptr(GPtrArray) table = NULL;

      strata_customer_detail_show_row (STRATA_CUSTOMER_DETAIL (detail), row);
      heading = gui_test_find_id (detail, GTK_TYPE_LABEL, "funnel_heading", 0);
      chart_widget = gui_test_find_id (detail, STRATA_TYPE_REVIEW_CHART, "funnel_chart", 0);
      note = gui_test_find_id (detail, GTK_TYPE_LABEL, "funnel_note", 0);
      g_assert_true (gtk_widget_get_visible (heading));
      g_assert_true (gtk_widget_get_visible (chart_widget));
      chart = strata_review_chart_get_chart (STRATA_REVIEW_CHART (chart_widget));
      g_assert_true (STRATA_IS_FUNNEL_CHART (chart));
      g_assert_cmpuint (strata_funnel_chart_get_n_groups (STRATA_FUNNEL_CHART (chart)), ==, 2);
      table = strata_chart_get_table (chart);
      g_assert_cmpstr (((GStrv) table->pdata[1])[0], ==, strata_period_data_get_name (pd, row));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, note_text);
      if (expected->weakest != STRATA_FUNNEL_NO_STEP)
        g_assert_nonnull (strstr (note_text, strata_funnel_step_label (expected->weakest)));
    }
  g_assert_cmpint (shown, ==, 4);
  gui_test_wait_frame (detail);
  gui_test_save_screenshot (window, "customer-funnel.png");
  gui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/funnel-page/quadrant", Fixture, NULL, fixture_setup, test_quadrant_funnel, fixture_teardown);
  g_test_add ("/funnel-page/quadrant-columns", Fixture, NULL, fixture_setup, test_quadrant_funnel_columns,
              fixture_teardown);
  g_test_add ("/funnel-page/customer", Fixture, NULL, fixture_setup, test_customer_funnel, fixture_teardown);
  return g_test_run ();
}
