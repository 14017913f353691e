/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A full disk in the window: with a file size limit (RLIMIT_FSIZE, SIGXFSZ
 * ignored; see HACKING "Full disk"), saving the Scoring page's draft fails
 * with the full-disk message; the edit stays in the draft on screen, Save
 * a Copy As… writes it elsewhere once there is room, and Try Again saves
 * it. */
#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

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
test_draft_save_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataContext) context = NULL;
  TestWorkspace t;
  StrataScoringPage *page;
  GtkWindow *window;
  GtkWidget *weight;
  AdwMessageDialog *dialog = NULL;
  const char *body;

  test_workspace_setup (&t, "strata-scoring-full", "full.strata");
  test_workspace_exec (t.ws, "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q3', 1)");
  context = strata_context_new (t.ws);
  strata_context_finish_scoring (context);
  page = STRATA_SCORING_PAGE (strata_scoring_page_new ());
  g_object_set (page, "context", context, NULL);
  window = gui_test_show (GTK_WIDGET (page), 1400, 900);
  gui_test_wait (page->draft != NULL);
  g_assert_cmpfloat (saved_weight (t.ws), ==, 1);

  /* The disk fills up: nothing more than a few pages can be written. */
  {
    struct rlimit limit = { 8192, RLIM_INFINITY };

    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  }

  weight = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, "weight", 0);
  g_assert_nonnull (weight);
  gui_test_spin_set (weight, 1.4);
  gui_test_wait (weight_of (page->draft) == 1.4);
  gui_test_wait ((dialog = gui_test_find_message_dialog ("The draft could not be saved")) != NULL);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "the disk is full"));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  /* Nothing was written, and nothing of the edit is lost. */
  g_assert_cmpfloat (saved_weight (t.ws), ==, 1);
  g_assert_cmpfloat (weight_of (page->draft), ==, 1.4);
  g_assert_cmpfloat (weight_of (strata_scoring_get_draft (strata_context_get_scoring (context))), ==, 1.4);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (weight)), ==, 1.4);

  /* A copy on the same full disk fails too, and leaves no partial file. */
  {
    g_autofree char *copy_path = g_build_filename (t.dir, "full (copy).strata", NULL);
    g_autofree char *partial = g_strconcat (copy_path, ".partial", NULL);
    g_autoptr(GError) copy_error = NULL;

    g_assert_false (strata_scoring_page_save_copy (page, copy_path, &copy_error));
    g_assert_nonnull (copy_error);
    g_test_message ("%s", copy_error->message);
    g_assert_true (g_error_matches (copy_error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SPACE));
    g_assert_nonnull (strstr (copy_error->message, copy_path));
    g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  }

  /* There is room again (elsewhere, or after cleaning up). */
  {
    struct rlimit limit = { RLIM_INFINITY, RLIM_INFINITY };

    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  }
  /* Save a Copy As… writes the workspace with the draft elsewhere. */
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  {
    g_autofree char *copy_path = g_build_filename (t.dir, "full (copy).strata", NULL);
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

  /* Trying again saves the draft in the workspace itself. */
  adw_message_dialog_response (dialog, "retry");
  g_assert_cmpfloat (saved_weight (t.ws), ==, 1.4);
  /* (A click closes the dialog; _response() alone does not.) No new one
   * came. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog ("The draft could not be saved") == NULL);

  gui_test_destroy (window);
  g_clear_object (&context);
  test_workspace_teardown (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/scoring-disk-full/draft-save", test_draft_save_full);
  return g_test_run ();
}
