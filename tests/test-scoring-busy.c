/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two writers in the window: while another connection holds a write
 * transaction on the workspace, saving the Scoring page's draft waits (the
 * busy timeout), then says the file is in use by another program; the
 * edit stays in the draft on screen, and Try Again saves it once the other
 * writer is done. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "workspace-test-util.h"

static double
weight_of (const StrataRules *rules)
{
  return ((StrataIndicator *) rules->indicators->pdata[0])->weight;
}

static double
saved_weight (StrataWorkspace *workspace)
{
  g_autoptr(StrataRules) saved = strata_ruleset_store_get_draft (workspace, NULL);

  g_assert_nonnull (saved);
  return weight_of (saved);
}

static void
test_draft_save_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) other = NULL;
  g_autoptr(StrataContext) context = NULL;
  TestWorkspace t;
  StrataScoringPage *page;
  GtkWindow *window;
  GtkWidget *weight;
  AdwMessageDialog *dialog = NULL;
  const char *body;

  test_workspace_setup (&t, "strata-scoring-busy", "busy.strata");
  test_workspace_exec (t.ws, "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q3', 1)");
  context = strata_context_new (t.ws);
  strata_context_finish_scoring (context);
  page = STRATA_SCORING_PAGE (strata_scoring_page_new ());
  g_object_set (page, "context", context, NULL);
  window = gui_test_show (GTK_WIDGET (page), 1400, 900);
  gui_test_wait (page->draft != NULL);
  g_assert_cmpfloat (saved_weight (t.ws), ==, 1);

  /* Another writer holds the file. */
  other = strata_workspace_open (t.path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_workspace_begin (other, &error));
  g_assert_true (strata_workspace_set_meta (other, "held", "by the test", &error));

  weight = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, "weight", 0);
  g_assert_nonnull (weight);
  gui_test_spin_set (weight, 1.4);
  gui_test_wait (weight_of (page->draft) == 1.4);
  /* The save waits 5 s for the other writer, then asks. */
  gui_test_wait ((dialog = gui_test_find_message_dialog ("The draft could not be saved")) != NULL);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "in use by another program"));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  /* Nothing was written, and nothing of the edit is lost. */
  g_assert_cmpfloat (saved_weight (t.ws), ==, 1);
  g_assert_cmpfloat (weight_of (page->draft), ==, 1.4);
  g_assert_cmpfloat (weight_of (strata_scoring_get_draft (strata_context_get_scoring (context))), ==, 1.4);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (weight)), ==, 1.4);

  /* Save a Copy As… writes the workspace with the draft elsewhere. */
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  {
    g_autofree char *copy_path = g_build_filename (t.dir, "busy (copy).strata", NULL);
    g_autoptr(StrataWorkspace) copy = NULL;

    g_assert_true (strata_scoring_page_save_copy (page, copy_path, &error));
    g_assert_no_error (error);
    copy = strata_workspace_open (copy_path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (saved_weight (copy), ==, 1.4);
    g_assert_cmpint (test_query_int (copy, "SELECT count(*) FROM periods"), ==, 1);
    g_assert_true (strata_workspace_check (copy, &error));
    g_assert_no_error (error);
    /* Again over the same name: the old copy is replaced. */
    g_assert_true (strata_scoring_page_save_copy (page, copy_path, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpfloat (saved_weight (t.ws), ==, 1);

  /* The other writer is done: trying again saves the draft. */
  g_assert_true (strata_workspace_commit (other, &error));
  adw_message_dialog_response (dialog, "retry");
  g_assert_cmpfloat (saved_weight (t.ws), ==, 1.4);
  g_assert_cmpint (test_query_int (other, "SELECT count(*) FROM meta WHERE key = 'held'"), ==, 1);
  /* (A click closes the dialog; _response() alone does not.) No new one
   * came. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog ("The draft could not be saved") == NULL);

  gui_test_destroy (window);
  g_clear_object (&context);
  g_clear_object (&other);
  test_workspace_teardown (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/scoring-busy/draft-save", test_draft_save_busy);
  return g_test_run ();
}
