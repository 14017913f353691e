/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data… on the Scoring page under Xvfb: 200 customers buying
 * 1,000 to 200,000 a year are all in tier E under the default bands (they
 * start at 500,000), so the page offers Fit to Data…; applying the
 * default shares gives the draft five bands whose edges (worked out
 * below) put the tiers at 5/15/25/25/30% within half a point, the banner
 * goes, and one Ctrl+Z (page.undo) brings the draft back. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scoring-page-test-util.h"
#include "strata-context.h"
#include "strata-fit-dialog.h"
#include "strata-format.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "workspace-test-util.h"

typedef ScoringPageTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup (&f->t, "strata-fit-dialog", "fit.strata");
  test_workspace_exec (f->t.ws, "BEGIN; INSERT INTO periods (id, name, position) VALUES (1, '2026-Q3', 1)");
  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (id, ext_id, name) VALUES (%u, 'F%u', 'F%u');"
                                              "INSERT INTO period_customers (period_id, customer_id) VALUES (1, %u)",
                                              i, i, i, i);

      test_workspace_exec (f->t.ws, sql);
      test_workspace_set_value (f->t.ws, 1, i, "order_amount", 1000.0 * i);
      test_workspace_set_value (f->t.ws, 1, i, "monthly_inquiries", i % 40);
      test_workspace_set_value (f->t.ws, 1, i, "listed_products", (i % 40) * 3);
      /* A metric no rule reads: the window does not load it. */
      if (data != NULL)
        test_workspace_set_value (f->t.ws, 1, i, data, i % 7 + 1);
    }
  test_workspace_exec (f->t.ws, "COMMIT");
  /* A Strata commit writes the period's columns, from which the window
   * reads only the metrics it needs. */
  if (data != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (strata_workspace_begin (f->t.ws, &error));
      g_assert_true (strata_workspace_commit (f->t.ws, &error));
      g_assert_no_error (error);
    }
  scoring_page_test_show (f, 1400, 900);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *dialog = gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG);

  if (dialog != NULL)
    gui_test_destroy (dialog);
  scoring_page_test_teardown (f, data);
}

static const StrataIndicator *
draft_indicator (Fixture *f)
{
  return strata_scoring_get_draft (f->page->scoring)->indicators->pdata[0];
}

static void
test_apply_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StrataRules) before = strata_rules_copy (f->page->draft);
  GtkWidget *banner = gui_test_find_id (GTK_WIDGET (f->page), GTK_TYPE_REVEALER, "fit_banner", 0);
  StrataFitDialog *dialog;
  const StrataIndicator *ind;
  const StrataRules *fitted;
  guint counts[5] = { 0 };
  const StrataResult *result;

  /* Everyone in E: the banner says so. */
  gui_test_wait (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  if (g_getenv ("STRATA_LOCALEDIR") == NULL)
    g_assert_cmpstr (gtk_label_get_text (f->page->fit_banner_label), ==,
                     "100% of the customers are in tier E: the rules do not fit this data.");
  g_assert_cmpuint (draft_indicator (f)->bands->len, ==, 6);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.fit-to-data", NULL);
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) != NULL);
  dialog = STRATA_FIT_DIALOG (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG));
  gui_test_wait (!strata_fit_dialog_get_loading (dialog));
  gui_test_wait_frame (GTK_WIDGET (dialog));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "fit-dialog.png");
  gui_test_save_screenshot (GTK_WIDGET (f->page), "fit-banner.png");

  fitted = strata_fit_dialog_get_rules (dialog);
  g_assert_nonnull (fitted);
  gtk_widget_activate (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "apply_button", 0));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) == NULL);

  /* The draft's bands: 1,000 .. 200,000 by 1,000, cut at 30%, 55%, 80%
   * and 95% of the customers: 61,000, 111,000, 161,000, 191,000 are the
   * first of each band; the shortest numbers within half a point. */
  ind = draft_indicator (f);
  g_assert_cmpuint (ind->bands->len, ==, 5);
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 1).from, ==, 60000);
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 2).from, ==, 110000);
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 3).from, ==, 160000);
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 4).from, ==, 190000);
  g_assert_true (strata_rules_equal (f->page->draft, strata_scoring_get_draft (f->page->scoring)));

  /* The impact: the draft's tiers at the shares, the banner gone. */
  gui_test_wait (f->page->valid_result != NULL && f->page->valid_result->n == 200 &&
                 strata_rules_equal (f->page->valid_draft, f->page->draft));
  result = f->page->valid_result;
  for (guint i = 0; i < result->n; i++)
    counts[result->final_tier[i]]++;
  g_assert_cmpuint (counts[0], ==, 11);   /* 190,000 .. 200,000 */
  g_assert_cmpuint (counts[1], ==, 30);
  g_assert_cmpuint (counts[2], ==, 50);
  g_assert_cmpuint (counts[3], ==, 50);
  g_assert_cmpuint (counts[4], ==, 59);
  gui_test_wait (!gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  /* One Ctrl+Z undoes the whole fit. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL);
  g_assert_true (strata_rules_equal (f->page->draft, before));
  g_assert_true (strata_rules_equal (strata_scoring_get_draft (f->page->scoring), before));
  g_assert_cmpuint (draft_indicator (f)->bands->len, ==, 6);
  gui_test_wait (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
}

/* With a next period, renewals set the quadrant: every customer with 15
 * or more monthly inquiries stays, a quarter of the others do, so the
 * rate reaches 80% at 15 inquiries, and at least half reach 15 from 45
 * listed products (three per inquiry here). */
static void
test_quadrant_from_renewals (Fixture       *f,
                             gconstpointer  data)
{
  StrataFitDialog *dialog;
  const StrataRules *fitted;
  GtkWidget *renewal;

  test_workspace_exec (f->t.ws, "INSERT INTO periods (id, name, position) VALUES (2, '2026-Q4', 2)");
  for (guint i = 1; i <= 200; i++)
    if (i % 40 >= 15 || i % 4 == 0)
      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO period_customers (period_id, customer_id)"
                                                " VALUES (2, %u)", i);
        test_workspace_exec (f->t.ws, sql);
      }

  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.fit-to-data", NULL);
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) != NULL);
  dialog = STRATA_FIT_DIALOG (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG));
  gui_test_wait (!strata_fit_dialog_get_loading (dialog));
  fitted = strata_fit_dialog_get_rules (dialog);
  g_assert_cmpfloat (fitted->quadrant.y_threshold, ==, 15);   /* the draft's, untouched */
  g_assert_cmpfloat (fitted->quadrant.x_threshold, ==, 60);

  renewal = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, "renewal_switch", 0);
  g_assert_true (gtk_widget_get_sensitive (renewal));
  gui_test_spin_set (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, "renewal_spin", 0), 0.8);
  gtk_switch_set_active (GTK_SWITCH (renewal), TRUE);
  fitted = strata_fit_dialog_get_rules (dialog);
  g_assert_cmpfloat (fitted->quadrant.y_threshold, ==, 15);
  g_assert_cmpfloat (fitted->quadrant.x_threshold, ==, 45);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "summary", 0))),
                            "2026-Q3 → 2026-Q4"));
  gui_test_wait_frame (GTK_WIDGET (dialog));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "fit-dialog-quadrant.png");

  gtk_widget_activate (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "apply_button", 0));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) == NULL);
  g_assert_cmpfloat (f->page->draft->quadrant.x_threshold, ==, 45);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL);
  g_assert_cmpfloat (f->page->draft->quadrant.x_threshold, ==, 60);
}

static void
test_method_changes_preview (Fixture       *f,
                             gconstpointer  data)
{
  StrataFitDialog *dialog;
  AdwComboRow *method;
  const StrataRules *fitted;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.fit-to-data", NULL);
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) != NULL);
  dialog = STRATA_FIT_DIALOG (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG));
  gui_test_wait (!strata_fit_dialog_get_loading (dialog));
  method = ADW_COMBO_ROW (gui_test_find_id (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "method_row", 0));

  /* Quantiles: five bands of 40 customers, edges 40,000 apart. */
  adw_combo_row_set_selected (method, STRATA_CALIBRATE_QUANTILES);
  fitted = strata_fit_dialog_get_rules (dialog);
  g_assert_nonnull (fitted);
  g_assert_cmpfloat (g_array_index (((StrataIndicator *) fitted->indicators->pdata[0])->bands,
                                    StrataBand, 1).from, ==, 40000);
  g_assert_cmpfloat (g_array_index (((StrataIndicator *) fitted->indicators->pdata[0])->bands,
                                    StrataBand, 4).from, ==, 160000);
  /* The share spins only apply to the shares method. */
  g_assert_false (gtk_widget_get_sensitive (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, "A", 0)));
  /* Cancel leaves the draft. */
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) == NULL);
  g_assert_cmpuint (draft_indicator (f)->bands->len, ==, 6);
}

/* The window's period lacks a metric no rule reads: the click opens the
 * dialog at once, its worker reads the column into the window's data
 * (spinner meanwhile), then the metric is offered and the bands fitted. */
static void
test_left_out_metric (Fixture       *f,
                      gconstpointer  data)
{
  const char *key = data;
  const StrataPeriodData *pd = strata_scoring_get_data (f->page->scoring);
  StrataFitDialog *dialog;
  GtkWidget *spinner;
  GListModel *offered;
  const char *label = NULL;
  gboolean found = FALSE;
  const StrataIndicator *ind;

  g_assert_false (strata_period_data_has_metric (pd, key));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.fit-to-data", NULL);
  /* Up before the main loop ran again: nothing was read on this thread. */
  dialog = STRATA_FIT_DIALOG (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (strata_fit_dialog_get_loading (dialog));
  g_assert_null (strata_fit_dialog_get_rules (dialog));
  spinner = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_SPINNER, "spinner", 0);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_false (gtk_widget_get_sensitive (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_BUTTON,
                                                              "apply_button", 0)));

  gui_test_wait (!strata_fit_dialog_get_loading (dialog));
  g_assert_false (gtk_widget_get_visible (spinner));
  /* The column is in the window's data, with the file's values. */
  g_assert_true (strata_period_data_has_metric (pd, key));
  for (guint r = 0; r < pd->n; r++)
    g_assert_cmpfloat (strata_period_data_get_value (pd, r, key), ==, pd->ids[r] % 7 + 1);
  for (guint m = 0; m < pd->n_metrics; m++)
    if (g_strcmp0 (pd->metric_keys[m], key) == 0)
      label = pd->metric_labels[m];
  g_assert_nonnull (label);
  offered = adw_combo_row_get_model (ADW_COMBO_ROW (gui_test_find_id (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                                      "metric_row", 0)));
  for (guint i = 0; i < g_list_model_get_n_items (offered); i++)
    found |= g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (offered), i), label) == 0;
  g_assert_true (found);

  /* The fitted bands, as in apply-and-undo. */
  g_assert_nonnull (strata_fit_dialog_get_rules (dialog));
  ind = strata_fit_dialog_get_rules (dialog)->indicators->pdata[0];
  g_assert_cmpuint (ind->bands->len, ==, 5);
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 1).from, ==, 60000);
  g_assert_cmpfloat (g_array_index (ind->bands, StrataBand, 4).from, ==, 190000);
  g_assert_true (gtk_widget_get_sensitive (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_BUTTON,
                                                             "apply_button", 0)));
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) == NULL);
}

/* On a worker (as from 50,000 customers; forced here): two quick changes
 * of method (Breaks, then Quantiles) leave Apply greyed and no rules until the fit of the last one
 * is shown, which equals a direct fit with the options shown then; the
 * first change's fit is never shown. */
static void
test_worker_last_wins (Fixture       *f,
                       gconstpointer  data)
{
  StrataFitDialog *dialog;
  AdwComboRow *method;
  GtkWidget *apply;
  GtkLabel *summary;
  StrataCalibrateOptions options = { STRATA_CALIBRATE_QUANTILES, NULL, NULL, NAN };
  g_autoptr(GError) error = NULL;
  StrataCalibration *direct;
  g_autofree char *text = NULL;
  g_autofree double *shares = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.fit-to-data", NULL);
  dialog = STRATA_FIT_DIALOG (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG));
  g_assert_nonnull (dialog);
  strata_fit_dialog_set_async_rows (dialog, 0);
  gui_test_wait (!strata_fit_dialog_get_fitting (dialog));
  g_assert_nonnull (strata_fit_dialog_get_rules (dialog));
  method = ADW_COMBO_ROW (gui_test_find_id (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "method_row", 0));
  apply = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "apply_button", 0);
  summary = GTK_LABEL (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "summary", 0));
  g_assert_true (gtk_widget_get_sensitive (apply));

  adw_combo_row_set_selected (method, STRATA_CALIBRATE_BREAKS);
  adw_combo_row_set_selected (method, STRATA_CALIBRATE_QUANTILES);
  /* Nothing fitted on this thread: the last fit stays, dimmed, not applicable. */
  g_assert_true (strata_fit_dialog_get_fitting (dialog));
  g_assert_null (strata_fit_dialog_get_rules (dialog));
  g_assert_false (gtk_widget_get_sensitive (apply));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (summary), "dim-label"));

  gui_test_wait (!strata_fit_dialog_get_fitting (dialog));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (summary), "dim-label"));
  shares = strata_calibrate_default_shares (f->page->draft->tiers->len);
  options.shares = shares;
  direct = strata_calibrate_data (f->page->draft, strata_scoring_get_data (f->page->scoring), NULL, NULL,
                                  &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (direct);
  g_assert_nonnull (strata_fit_dialog_get_rules (dialog));
  g_assert_true (strata_rules_equal (strata_fit_dialog_get_rules (dialog), direct->rules));
  text = strata_calibration_to_text (direct, strata_number_format_get_default ());
  g_assert_cmpstr (gtk_label_get_text (summary), ==, text);
  g_assert_true (gtk_widget_get_sensitive (apply) == strata_calibration_fitted_anything (direct));
  /* Quantiles, as in method-changes-preview: not the shares fitted before. */
  g_assert_cmpfloat (g_array_index (((StrataIndicator *) strata_fit_dialog_get_rules (dialog)->indicators->pdata[0])->bands,
                                    StrataBand, 1).from, ==, 40000);
  strata_calibration_free (direct);
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* To look at the dialog translated: STRATA_LOCALEDIR=_build/po with
   * STRATA_SCREENSHOT_DIR and LANGUAGE=zh_CN. */
  if (g_getenv ("STRATA_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_add ("/fit-dialog/apply-and-undo", Fixture, NULL,
              fixture_setup, test_apply_and_undo, fixture_teardown);
  g_test_add ("/fit-dialog/quadrant-from-renewals", Fixture, NULL,
              fixture_setup, test_quadrant_from_renewals, fixture_teardown);
  g_test_add ("/fit-dialog/method-changes-preview", Fixture, NULL,
              fixture_setup, test_method_changes_preview, fixture_teardown);
  g_test_add ("/fit-dialog/worker-last-wins", Fixture, NULL,
              fixture_setup, test_worker_last_wins, fixture_teardown);
  g_test_add ("/fit-dialog/left-out-metric", Fixture, "active_months",
              fixture_setup, test_left_out_metric, fixture_teardown);
  return g_test_run ();
}
