/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evidence beside the bonus and penalty items of the Scoring page, under
 * Xvfb on the demo (500 customers, 3 quarters ending 2026-Q3): the
 * current period is the last, so the evidence compares 2026-Q2 with
 * 2026-Q3; each item's text must be the core's count of that pair
 * (strata_calibrate_evidence) as people read it, and follow an edit of
 * the item's threshold. With one period there is no pair: "—" and a
 * tooltip that says why. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "scoring-page-test-util.h"
#include "strata-calibrate.h"
#include "strata-context.h"
#include "strata-fit-dialog.h"
#include "strata-renewal-view.h"
#include "strata-period.h"
#include "strata-quadrant-page.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "strata-scoring-private.h"
#include "workspace-test-util.h"

typedef ScoringPageTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup_dir (&f->t, "strata-scoring-evidence", "demo.strata");
  f->context = gui_test_demo_context (f->t.path, 500, 11, GPOINTER_TO_UINT (data), &f->t.ws);
  scoring_page_test_show (f, 1400, 900);
}

/* The evidence label of the row showing adjustment index (rows are bound
 * in order: the nth label of the table). */
static GtkLabel *
evidence_label (Fixture *f,
                guint    index)
{
  GtkWidget *w = gui_test_find_id (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "adjustment-evidence", index);

  g_assert_nonnull (w);
  return GTK_LABEL (w);
}

/* What the core says for the draft's item index on the last pair: the
 * short text of the column, and the full one (tooltip) in *full. */
static char *
core_text (Fixture  *f,
           guint     index,
           gboolean  both,
           char    **full)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) odata = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autofree guint8 *outcomes = NULL;
  g_autofree char *to = NULL;
  const StrataAdjustment *adj = f->page->draft->adjustments->pdata[index];
  const StrataCalibrateEvidence *e;

  g_assert_true (strata_calibrate_load_outcomes (f->t.ws, strata_context_get_period_id (f->context),
                                                 &odata, &outcomes, &to, &error));
  g_assert_no_error (error);
  g_assert_nonnull (odata);
  g_assert_cmpstr (odata->period_name, ==, "2026-Q2");
  g_assert_cmpstr (to, ==, "2026-Q3");
  evidence = strata_calibrate_evidence (f->page->draft, odata, outcomes);
  e = strata_calibrate_evidence_find (evidence, adj->id);
  g_assert_nonnull (e);
  g_assert_cmpuint (e->with + e->without, ==, odata->n);
  g_assert_cmpuint (e->without, >, 0);
  if (both)
    g_assert_cmpuint (e->with, >, 0);
  if (full != NULL)
    *full = strata_calibrate_evidence_text (e, strata_number_format_get_default ());
  return strata_calibrate_evidence_short_text (e, strata_number_format_get_default ());
}

/* The first item whose metric the demo has (others show "—"). */
static guint
first_measured_item (Fixture *f)
{
  guint item = 0;

  g_assert_cmpuint (f->page->draft->adjustments->len, >, 0);
  for (; item < f->page->draft->adjustments->len; item++)
    {
      const StrataAdjustment *adj = f->page->draft->adjustments->pdata[item];

      if (adj->condition != STRATA_CONDITION_IS_TRUE)
        break;
    }
  g_assert_cmpuint (item, <, f->page->draft->adjustments->len);
  return item;
}

static gboolean
label_is (GtkLabel   *label,
          const char *text)
{
  return g_strcmp0 (gtk_label_get_text (label), text) == 0;
}

static void
test_evidence_matches_core (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *expected_full = NULL;
  g_autofree char *edited = NULL;
  const char *tooltip;
  GtkLabel *label;
  StrataAdjustment *adj;
  guint item;

  item = first_measured_item (f);
  expected = core_text (f, item, TRUE, &expected_full);
  g_assert_true (g_str_has_prefix (expected, "with "));
  g_assert_nonnull (strstr (expected, "% · without "));
  g_assert_true (g_str_has_prefix (expected_full, "with: "));
  g_assert_nonnull (strstr (expected_full, " · without: "));
  label = evidence_label (f, item);
  gui_test_wait (label_is (label, expected));
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));
  g_assert_true (g_str_has_prefix (tooltip, expected_full));
  g_assert_nonnull (strstr (tooltip, "2026-Q2"));
  g_assert_nonnull (strstr (tooltip, "2026-Q3"));

  /* Raising the item's threshold above every customer's value moves
   * them all to "without": the text follows the draft. */
  {
    g_autoptr(StrataRules) rules = strata_rules_copy (f->page->draft);

    adj = rules->adjustments->pdata[item];
    adj->condition = STRATA_CONDITION_GE;
    adj->a = 1e12;
    strata_scoring_page_replace_draft (f->page, rules, "test");
  }
  edited = core_text (f, item, FALSE, NULL);
  g_assert_true (g_str_has_prefix (edited, "with — · without "));
  /* The rows were rebuilt for the new draft: find the label again. */
  gui_test_wait (label_is (evidence_label (f, item), edited));
}

/* The label is inside the visible part of the window and of the table's
 * own sideways scroller (scrolled to its start). */
static void
assert_label_visible (Fixture  *f,
                      GtkLabel *label)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *h;
  graphene_rect_t in_scroller, in_window;
  int natural;

  g_assert_nonnull (scroller);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), scroller, &in_scroller));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), GTK_WIDGET (f->window), &in_window));
  g_test_message ("evidence label at x %g..%g of the table's %d, the window's %d",
                  in_scroller.origin.x, in_scroller.origin.x + in_scroller.size.width,
                  gtk_widget_get_width (scroller), gtk_widget_get_width (GTK_WIDGET (f->window)));
  g_assert_cmpfloat (in_scroller.size.width, >, 0);
  g_assert_cmpfloat (in_scroller.origin.x, >=, 0);
  g_assert_cmpfloat (in_scroller.origin.x + in_scroller.size.width, <=, gtk_widget_get_width (scroller));
  g_assert_cmpfloat (in_window.origin.x, >=, 0);
  g_assert_cmpfloat (in_window.origin.x + in_window.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->window)));
  /* Its whole text is shown, not cut. */
  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), >=, natural);
}

/* The evidence is seen without scrolling the table sideways, at
 * 1400×900 and at 1024×768, and reads as the core's numbers. */
static void
test_evidence_visible (Fixture       *f,
                       gconstpointer  data)
{
  static const int sizes[][2] = { { 1400, 900 }, { 1024, 768 } };
  g_autofree char *expected = NULL;
  guint item = first_measured_item (f);

  expected = core_text (f, item, TRUE, NULL);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      GtkLabel *label;

      gtk_window_set_default_size (f->window, sizes[s][0], sizes[s][1]);
      gui_test_wait (gtk_widget_get_width (GTK_WIDGET (f->window)) == sizes[s][0]);
      label = evidence_label (f, item);
      gui_test_wait (label_is (label, expected));
      gui_test_wait_frame (GTK_WIDGET (label));
      assert_label_visible (f, label);
    }
}

static void
test_no_next_period (Fixture       *f,
                     gconstpointer  data)
{
  GtkLabel *label = evidence_label (f, 0);
  const char *tooltip;

  gui_test_wait (f->page->outcomes != NULL && f->page->evidence_cancel == NULL);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "—");
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));
  g_assert_cmpstr (tooltip, ==, "No next period to see who was kept: retention needs two consecutive periods");
}

/* Fit to Data with renewals on: both curves drawn, each with its
 * threshold marker or a note saying why not, and the marker where the
 * fitted threshold lies (left of the plot's right edge, right of its
 * left); the log toggle is offered only for curves spanning more than
 * two decades. */
static void
test_fit_curves (Fixture       *f,
                 gconstpointer  data)
{
  StrataFitDialog *dialog;
  GtkWidget *sw, *group, *log_check;
  StrataRenewalView *result, *process;
  const StrataRules *fitted;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.fit-to-data", NULL);
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) != NULL);
  dialog = STRATA_FIT_DIALOG (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG));
  gui_test_wait (!strata_fit_dialog_get_loading (dialog));
  group = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, "curves_group", 0);
  g_assert_nonnull (group);
  g_assert_false (gtk_widget_get_visible (group));
  sw = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, "renewal-switch", 0);
  g_assert_nonnull (sw);
  g_assert_true (gtk_widget_get_sensitive (sw));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_true (gtk_widget_get_visible (group));
  result = STRATA_RENEWAL_VIEW (gui_test_find_id (GTK_WIDGET (dialog), STRATA_TYPE_RENEWAL_VIEW, "result-curve", 0));
  process = STRATA_RENEWAL_VIEW (gui_test_find_id (GTK_WIDGET (dialog), STRATA_TYPE_RENEWAL_VIEW, "process-curve", 0));
  log_check = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, "log-scale", 0);
  g_assert_nonnull (log_check);
  gui_test_wait_frame (GTK_WIDGET (result));
  fitted = strata_fit_dialog_get_rules (dialog);
  g_assert_nonnull (fitted);
  /* A marker exactly when that threshold was fitted. */
  {
    double x = strata_renewal_view_get_marker_x (result);
    double xp = strata_renewal_view_get_marker_x (process);
    double w = gtk_widget_get_width (GTK_WIDGET (result));

    g_test_message ("y threshold %g (marker %g), x threshold %g (marker %g)",
                    fitted->quadrant.y_threshold, x, fitted->quadrant.x_threshold, xp);
    /* The demo keeps most customers: both thresholds are found. */
    g_assert_false (isnan (x));
    g_assert_false (isnan (xp));
    g_assert_cmpfloat (x, >, 0);
    g_assert_cmpfloat (x, <, w);
    g_assert_cmpfloat (xp, >, 0);
    g_assert_cmpfloat (xp, <, w);
  }
  g_assert_true (gtk_widget_get_visible (log_check) ==
                 (strata_renewal_view_wants_log (result) || strata_renewal_view_wants_log (process)));
  /* Both curves lie wholly inside the dialog (the second was cut at its
   * edge when they stood side by side). */
  gui_test_wait_frame (GTK_WIDGET (process));
  {
    StrataRenewalView *curves[] = { result, process };

    for (guint i = 0; i < G_N_ELEMENTS (curves); i++)
      {
        graphene_rect_t r;

        g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (curves[i]), GTK_WIDGET (dialog), &r));
        g_assert_cmpfloat (r.origin.x, >=, 0);
        g_assert_cmpfloat (r.origin.x + r.size.width, <=, gtk_widget_get_width (GTK_WIDGET (dialog)));
        g_assert_cmpfloat (r.size.width, >=, 280);
      }
  }
  gui_test_save_screenshot (GTK_WIDGET (dialog), "fit-curves.png");
  gui_test_destroy (GTK_WINDOW (dialog));
}

/* The Quadrant page's Fit to Data…: the same dialog with only the
 * quadrant part; applying writes the fitted thresholds into the draft and
 * one Ctrl+Z (page.undo) puts the old ones back. */
static void
test_quadrant_fit (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  GtkWindow *window;
  StrataFitDialog *dialog;
  GtkWidget *apply, *method;
  g_autoptr(StrataRules) before = NULL;
  g_autoptr(StrataRules) after = NULL;
  g_autoptr(StrataRules) undone = NULL;
  g_autoptr(GError) error = NULL;
  double fx, fy;

  g_object_set (page, "context", f->context, NULL);
  window = gui_test_show (page, 1200, 800);
  before = strata_ruleset_store_get_draft (f->t.ws, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (page, "page.fit-to-data", NULL);
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) != NULL);
  dialog = STRATA_FIT_DIALOG (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG));
  gui_test_wait (!strata_fit_dialog_get_loading (dialog));
  method = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, "method", 0);
  g_assert_false (gtk_widget_get_visible (method));
  g_assert_true (gtk_widget_get_visible (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, "curves_group", 0)));
  apply = gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "apply", 0);
  g_assert_nonnull (strata_fit_dialog_get_rules (dialog));
  fx = strata_fit_dialog_get_rules (dialog)->quadrant.x_threshold;
  fy = strata_fit_dialog_get_rules (dialog)->quadrant.y_threshold;
  g_test_message ("fitted x %g y %g, draft x %g y %g", fx, fy,
                  before->quadrant.x_threshold, before->quadrant.y_threshold);
  g_assert_true (gtk_widget_get_sensitive (apply));
  /* The summary is the quadrant part alone: no bands, tiers nor pyramid. */
  {
    GtkLabel *summary = GTK_LABEL (gui_test_find_id (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "summary", 0));
    const char *text = gtk_label_get_text (summary);

    g_assert_true (g_str_has_prefix (text, "Quadrant thresholds for a renewal rate of "));
    g_assert_null (strstr (text, "Bands"));
    g_assert_null (strstr (text, "Tier thresholds"));
    g_assert_null (strstr (text, "changing tier"));
    g_assert_null (strstr (text, "Fitted on"));
  }
  gui_test_wait_frame (GTK_WIDGET (dialog));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "quadrant-fit.png");
  gtk_widget_activate (apply);
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_FIT_DIALOG) == NULL);

  after = strata_ruleset_store_get_draft (f->t.ws, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (after->quadrant.x_threshold, ==, fx);
  g_assert_cmpfloat (after->quadrant.y_threshold, ==, fy);
  g_assert_true (fx != before->quadrant.x_threshold || fy != before->quadrant.y_threshold);
  /* Only the quadrant changed. */
  after->quadrant.x_threshold = before->quadrant.x_threshold;
  after->quadrant.y_threshold = before->quadrant.y_threshold;
  g_assert_true (strata_rules_equal (after, before));

  /* Ctrl+Z is bound to page.undo on the page. */
  g_assert_true (gtk_widget_activate_action (page, "page.undo", NULL));
  undone = strata_ruleset_store_get_draft (f->t.ws, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (undone->quadrant.x_threshold, ==, before->quadrant.x_threshold);
  g_assert_cmpfloat (undone->quadrant.y_threshold, ==, before->quadrant.y_threshold);
  gui_test_destroy (window);
}

/* A draft scored on a worker (a large period's): its evidence is counted
 * once its impact is painted, not beside the scoring and the impact
 * counts (two cores), and then reads as the core's numbers. */
static void
test_evidence_after_impact (Fixture       *f,
                            gconstpointer  data)
{
  StrataScoring *scoring = strata_context_get_scoring (f->context);
  g_autofree char *edited = NULL;
  guint item = first_measured_item (f);
  g_autofree char *before = core_text (f, item, TRUE, NULL);

  gui_test_wait (label_is (evidence_label (f, item), before));
  strata_scoring_set_draft_async_rows (scoring, 0);
  strata_scoring_page_set_impact_async_rows (f->page, 0);
  {
    g_autoptr(StrataRules) rules = strata_rules_copy (f->page->draft);
    StrataAdjustment *adj = rules->adjustments->pdata[item];

    adj->condition = STRATA_CONDITION_GE;
    adj->a = 1e12;
    strata_scoring_page_replace_draft (f->page, rules, "test");
  }
  /* Scored on the worker: the evidence waits. */
  g_assert_true (strata_scoring_get_draft_pending (scoring));
  g_assert_true (f->page->evidence_waits);
  g_assert_null (f->page->evidence_cancel);
  /* The impact shown (counted on a worker): the evidence waits for its
   * frame to be painted. */
  gui_test_wait (!f->page->evidence_waits);
  g_assert_false (strata_scoring_get_draft_pending (scoring));
  g_assert_null (f->page->impact_cancel);
  g_assert_cmpuint (f->page->evidence_tick, !=, 0);
  g_assert_null (f->page->evidence_cancel);
  g_assert_true (label_is (evidence_label (f, item), before));
  edited = core_text (f, item, FALSE, NULL);
  gui_test_wait (label_is (evidence_label (f, item), edited));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/scoring-evidence/matches-core", Fixture, GUINT_TO_POINTER (3),
              fixture_setup, test_evidence_matches_core, scoring_page_test_teardown);
  g_test_add ("/scoring-evidence/after-impact", Fixture, GUINT_TO_POINTER (3),
              fixture_setup, test_evidence_after_impact, scoring_page_test_teardown);
  g_test_add ("/scoring-evidence/visible", Fixture, GUINT_TO_POINTER (3),
              fixture_setup, test_evidence_visible, scoring_page_test_teardown);
  g_test_add ("/scoring-evidence/fit-curves", Fixture, GUINT_TO_POINTER (3),
              fixture_setup, test_fit_curves, scoring_page_test_teardown);
  g_test_add ("/scoring-evidence/quadrant-fit", Fixture, GUINT_TO_POINTER (3),
              fixture_setup, test_quadrant_fit, scoring_page_test_teardown);
  g_test_add ("/scoring-evidence/no-next-period", Fixture, GUINT_TO_POINTER (1),
              fixture_setup, test_no_next_period, scoring_page_test_teardown);
  return g_test_run ();
}
