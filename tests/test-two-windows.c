/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two windows on one file, each with its own connection as two programs
 * would have: an edit in one shows in the other when it gets focus
 * (strata_window_check_file, run on focus, compares PRAGMA data_version);
 * a write while the other holds the file waits, then says "in use by
 * another program" and offers Try Again and Save a Copy As…, with the
 * edit kept. */
#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "strata-application.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-period.h"
#include "strata-review-page-private.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page-private.h"
#include "strata-window.h"
#include "strata-window-private.h"
#include "strata-write-error.h"
#include "window-test-util.h"
#include "workspace-test-util.h"

static GApplication *app;

typedef struct
{
  char         *dir;
  char         *path;
  StrataWindow *a;
  StrataWindow *b;
} Fixture;

static StrataWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  StrataWindow *window = strata_window_new (ADW_APPLICATION (app));

  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  /* Not shown: focus is what the test decides, by calling
   * strata_window_check_file() as the window does when it gets focus. */
  strata_context_finish_scoring (strata_window_get_context (window));
  return window;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ("strata-two-windows");
  f->path = g_build_filename (f->dir, "shared.strata", NULL);
  g_assert_true (strata_demo_write (f->path, 120, 3, 1, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->a = open_window (f->path);
  f->b = open_window (f->path);
  /* Two connections, as two programs have. */
  g_assert_true (strata_window_get_context (f->a) != strata_window_get_context (f->b));
  g_assert_true (strata_context_get_workspace (strata_window_get_context (f->a)) !=
                 strata_context_get_workspace (strata_window_get_context (f->b)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_test_destroy (GTK_WINDOW (f->a));
  gui_test_destroy (GTK_WINDOW (f->b));
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static StrataWorkspace *
workspace_of (StrataWindow *window)
{
  return strata_context_get_workspace (strata_window_get_context (window));
}

static const char *
first_period (StrataWindow *window)
{
  GListModel *periods = strata_context_get_periods (strata_window_get_context (window));
  g_autoptr(StrataPeriod) first = g_list_model_get_item (periods, 0);

  /* The list keeps its own reference. */
  return strata_period_get_name (first);
}

static double
band_points (const StrataRules *rules)
{
  return g_array_index (((StrataIndicator *) rules->indicators->pdata[0])->bands, StrataBand, 0).points;
}

static void
count_changed (StrataWorkspace *workspace,
               const char      *what,
               guint           *count)
{
  (*count)++;
}

static void
test_focus_shows_edit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StrataReviewPage *review_a = STRATA_REVIEW_PAGE (strata_window_get_page (f->a, "review"));
  StrataScoringPage *scoring_a = STRATA_SCORING_PAGE (strata_window_get_page (f->a, "scoring"));
  StrataScoring *scoring_b = strata_context_get_scoring (strata_window_get_context (f->b));
  g_autoptr(StrataRules) rules = NULL;
  g_autofree char *old_name = g_strdup (first_period (f->b));

  /* In window A: a period renamed and a band's points changed. */
  g_assert_true (strata_review_page_rename_period (review_a, old_name, "Spring"));
  g_assert_cmpstr (first_period (f->a), ==, "Spring");
  strata_window_show_page (f->a, "scoring");
  gui_test_wait (scoring_a->draft != NULL);
  rules = strata_rules_copy (scoring_a->draft);
  g_array_index (((StrataIndicator *) rules->indicators->pdata[0])->bands, StrataBand, 0).points = 77;
  strata_scoring_page_replace_draft (scoring_a, rules, "Band");
  g_assert_true (strata_scoring_page_flush_draft (scoring_a, &error));
  g_assert_no_error (error);

  /* Window B has not looked yet. */
  gui_test_wait_idle ();
  g_assert_cmpstr (first_period (f->b), ==, old_name);
  g_assert_cmpfloat (band_points (strata_scoring_get_draft (scoring_b)), !=, 77);

  /* B gets focus: it reads the file again and shows both edits. */
  strata_window_check_file (f->b);
  gui_test_wait (g_strcmp0 (first_period (f->b), "Spring") == 0);
  gui_test_wait (band_points (strata_scoring_get_draft (strata_context_get_scoring (strata_window_get_context (f->b)))) == 77);
  {
    StrataScoringPage *scoring_page_b = STRATA_SCORING_PAGE (strata_window_get_page (f->b, "scoring"));

    strata_window_show_page (f->b, "scoring");
    strata_page_reload_if_pending (STRATA_PAGE (scoring_page_b));
    gui_test_wait (scoring_page_b->draft != NULL && band_points (scoring_page_b->draft) == 77);
  }

  /* A's own edits do not make A reload: nothing changed for it. */
  {
    guint changed = 0;
    gulong id = g_signal_connect (workspace_of (f->a), "changed", G_CALLBACK (count_changed),
                                  &changed);
    strata_window_check_file (f->a);
    g_assert_cmpuint (changed, ==, 0);
    /* ...but B's next edit does. */
    g_assert_true (strata_review_page_rename_period (STRATA_REVIEW_PAGE (strata_window_get_page (f->b, "review")),
                                                     "Spring", "Early"));
    strata_window_check_file (f->a);
    g_assert_cmpuint (changed, ==, 1);
    g_signal_handler_disconnect (workspace_of (f->a), id);
    gui_test_wait (g_strcmp0 (first_period (f->a), "Early") == 0);
  }
}

static void
test_in_use (Fixture       *f,
             gconstpointer  data)
{
  const char *heading = "The rule set could not be published";
  g_autoptr(GError) error = NULL;
  StrataWorkspace *holder = workspace_of (f->a);
  StrataScoringPage *scoring_b = STRATA_SCORING_PAGE (strata_window_get_page (f->b, "scoring"));
  guint version = strata_ruleset_store_get_latest_version (workspace_of (f->b));
  g_autofree char *copy_path = g_build_filename (f->dir, "shared (copy).strata", NULL);
  AdwMessageDialog *dialog = NULL;
  g_autoptr(StrataRules) rules = NULL;

  strata_window_show_page (f->b, "scoring");
  gui_test_wait (scoring_b->draft != NULL);
  rules = strata_rules_copy (scoring_b->draft);
  g_array_index (((StrataIndicator *) rules->indicators->pdata[0])->bands, StrataBand, 0).points = 66;
  strata_scoring_page_replace_draft (scoring_b, rules, "Band");
  g_assert_true (strata_scoring_page_flush_draft (scoring_b, &error));
  g_assert_no_error (error);

  /* Window A is in the middle of a write. */
  g_assert_true (strata_workspace_begin (holder, &error));
  g_assert_true (strata_workspace_set_meta (holder, "held", "by window A", &error));
  g_assert_no_error (error);

  /* B publishes: it waits for A (5 s), then says why it cannot. */
  g_assert_false (strata_scoring_page_publish_note (scoring_b, "Both windows"));
  gui_test_wait ((dialog = gui_test_find_message_dialog (heading)) != NULL);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "in use by another program"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), f->path));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  /* Nothing published; B's draft is still on screen. */
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (workspace_of (f->b)), ==, version);
  g_assert_cmpfloat (band_points (scoring_b->draft), ==, 66);

  /* Save a Copy As… works while A holds the file (it reads committed data). */
  g_assert_true (strata_write_error_save_copy (STRATA_PAGE (scoring_b), copy_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(StrataWorkspace) copy = strata_workspace_open (copy_path, NULL, &error);
    g_autoptr(StrataRules) published = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (strata_ruleset_store_get_latest_version (copy), ==, version + 1);
    published = strata_ruleset_store_load_version (copy, version + 1, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (band_points (published), ==, 66);
  }

  /* A finishes; Try Again publishes in the shared file, A's write kept. */
  g_assert_true (strata_workspace_commit (holder, &error));
  g_assert_no_error (error);
  adw_message_dialog_response (dialog, "retry");
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (workspace_of (f->b)), ==, version + 1);
  g_assert_cmpint (test_query_int (workspace_of (f->b), "SELECT count(*) FROM meta WHERE key = 'held'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog (heading) == NULL);

  /* A shows the new version once it gets focus. */
  strata_window_check_file (f->a);
  gui_test_wait (strata_scoring_get_published_version (strata_context_get_scoring (strata_window_get_context (f->a))) == version + 1);
  {
    g_autoptr(StrataWorkspace) check = strata_workspace_open (f->path, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (strata_workspace_check (check, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  char *tmpdir;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  tmpdir = window_test_init (&argc, &argv, "strata-two-windows-home");

  app = window_test_app_new (".Test");

  g_test_add ("/two-windows/focus-shows-edit", Fixture, NULL, fixture_setup,
              test_focus_shows_edit, fixture_teardown);
  g_test_add ("/two-windows/in-use", Fixture, NULL, fixture_setup, test_in_use, fixture_teardown);
  status = g_test_run ();

  window_test_finish (NULL, &app, &tmpdir);
  return status;
}
