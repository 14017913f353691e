/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two writers in the window: while another connection holds a write
 * transaction on the workspace, saving the Scoring page's draft waits (the
 * busy timeout), then says the file is in use by another program; the
 * edit stays in the draft on screen, and Try Again saves it once the other
 * writer is done. */
#include "config.h"

#include <string.h>

#include "scoring-save-test-util.h"

static void
test_draft_save_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) other = NULL;
  ScoringSaveTest f;
  AdwMessageDialog *dialog;

  scoring_save_test_setup (&f, "strata-scoring-busy", "busy.strata");

  /* Another writer holds the file. */
  other = strata_workspace_open (f.t.path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_workspace_begin (other, &error));
  g_assert_true (strata_workspace_set_meta (other, "held", "by the test", &error));

  /* The save waits 5 s for the other writer, then asks. */
  dialog = scoring_save_test_edit_fails (&f);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "in use by another program"));
  scoring_save_test_save_copy (&f, dialog, "busy (copy).strata");

  /* The other writer is done: trying again saves the draft. */
  g_assert_true (strata_workspace_commit (other, &error));
  scoring_save_test_retry (&f, dialog);
  g_assert_cmpint (test_query_int (other, "SELECT count(*) FROM meta WHERE key = 'held'"), ==, 1);

  g_clear_object (&other);
  scoring_save_test_teardown (&f);
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
