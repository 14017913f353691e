/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A full disk in the window: with a file size limit (RLIMIT_FSIZE, SIGXFSZ
 * ignored; see HACKING "Full disk"), saving the Scoring page's draft fails
 * with the full-disk message; the edit stays in the draft on screen, Save
 * a Copy As… writes it elsewhere once there is room, and Try Again saves
 * it. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "scoring-save-test-util.h"

static void
test_draft_save_full (void)
{
  ScoringSaveTest f;
  AdwMessageDialog *dialog;

  scoring_save_test_setup (&f, "strata-scoring-full", "full.strata");

  /* The disk fills up: nothing more than a few pages can be written. */
  {
    struct rlimit limit = { 8192, RLIM_INFINITY };

    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  }

  dialog = scoring_save_test_edit_fails (&f);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "the disk is full"));

  /* A copy on the same full disk fails too, and leaves no partial file. */
  {
    g_autofree char *copy_path = g_build_filename (f.t.dir, "full (copy).strata", NULL);
    g_autofree char *partial = g_strconcat (copy_path, ".partial", NULL);
    g_autoptr(GError) copy_error = NULL;

    g_assert_false (strata_scoring_page_save_copy (f.page, copy_path, &copy_error));
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
  scoring_save_test_save_copy (&f, dialog, "full (copy).strata");

  /* Trying again saves the draft in the workspace itself. */
  scoring_save_test_retry (&f, dialog);

  scoring_save_test_teardown (&f);
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
