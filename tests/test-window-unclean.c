/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a workspace left by an unclean shutdown in the window: the whole
 * file is checked on a worker (held back here by the test hook) while the
 * window paints the check; nothing of the file is shown or written before
 * it passes. A damaged file is refused naming it, with what was open kept
 * open; an open abandoned for another (a second open, Cancel, the window
 * closed) says nothing and lets go of the file. */
#include "config.h"

#include <string.h>

#include "strata-schema.h"
#include "strata-workspace-private.h"
#include "unclean-test-util.h"
#include "window-test-util.h"

static char *tmpdir;
static GApplication *app;

static char *
file_contents (const char *path,
               gsize      *len)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, len, NULL));
  return contents;
}

/* A window whose open ran the check on its main thread would hang on the
 * held check: this lets it go after 5 s, so that such a window fails the
 * test instead. */
static gpointer
release_later (gpointer data)
{
  g_usleep (5 * G_USEC_PER_SEC);
  strata_workspace_hold_checks (FALSE);
  return NULL;
}

/* The window paints the check at once, with nothing of the file read into
 * it nor written to it; released, it shows the workspace as a clean open
 * does, from the connection that was checked. */
static void
test_paint_while_checking (void)
{
  g_autofree char *path = window_test_write_demo (tmpdir, "crashed.strata", 600, 7);
  g_autoptr(StrataScoring) expected = window_test_fresh_scoring (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *during = NULL, *description = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_len, during_len;
  StrataWindow *window = window_test_present (app);
  GtkWidget *spinner, *checking;
  StrataCustomersPage *page;
  StrataWorkspace *ws;
  GThread *watchdog;
  gint64 t0;

  unclean_test_make (path);
  before = file_contents (path, &before_len);

  strata_workspace_hold_checks (TRUE);
  watchdog = g_thread_new ("release-later", release_later, NULL);
  t0 = g_get_monotonic_time ();
  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  /* Returned at once, well before the watchdog would have let it go. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 4 * G_USEC_PER_SEC);
  g_assert_null (strata_window_get_context (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "checking");
  gui_test_wait_frame (GTK_WIDGET (window));

  /* Painted: the check, its spinner turning, the file named. */
  checking = gtk_stack_get_visible_child (window_test_main_stack (window));
  g_assert_true (ADW_IS_STATUS_PAGE (checking));
  gui_test_wait (!gtk_stack_get_transition_running (window_test_main_stack (window)));
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (checking));
  spinner = gui_test_find_id (checking, GTK_TYPE_SPINNER, "checking-spinner", 0);
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  description = g_strdup_printf (_("Checking “%s” after an unexpected shutdown…"), "crashed.strata");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (checking)), ==, description);
  window_test_assert_title (window, "crashed.strata");
  g_assert_null (strata_window_get_context (window));
  g_assert_null (strata_window_get_page_name (window));
  gui_test_save_screenshot (GTK_WIDGET (window), "open-unclean-checking.png");
  /* Nothing written to the file meanwhile, and its -wal still there. */
  during = file_contents (path, &during_len);
  g_assert_cmpmem (during, during_len, before, before_len);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  strata_workspace_hold_checks (FALSE);
  g_thread_join (watchdog);
  page = window_test_wait_customers (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "workspace");
  g_assert_cmpstr (strata_window_get_page_name (window), ==, "customers");
  window_test_assert_title (window, "crashed.strata");
  /* The window took the connection that was checked (no second check). */
  ws = strata_context_get_workspace (strata_window_get_context (window));
  g_assert_true (strata_workspace_get_was_unclean (ws));
  gui_test_wait_frame (GTK_WIDGET (window));
  window_test_assert_figures (page, expected);
  g_assert_null (gui_test_find_message_dialog (NULL));
  gui_test_destroy (GTK_WINDOW (window));
}

/* Damage a page of customer rows, keeping the header and the schema's
 * pages (the first third of the file): the cheap checks pass, the whole
 * file's does not. */
static void
damage (const char *path)
{
  gsize len = 0;
  g_autofree char *contents = file_contents (path, &len);

  for (gsize i = len * 2 / 3; i < len * 2 / 3 + 8192; i++)
    contents[i] = (char) (i * 37);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* Export, Print, Present and Import: enabled or not. */
static void
assert_workspace_actions (gboolean enabled)
{
  static const char *const names[] = { "export-report", "print", "present", "import" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_test_message ("app.%s", names[i]);
      g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (app), names[i]), ==, enabled);
    }
}

static void
test_damaged (void)
{
  g_autofree char *good = window_test_write_demo (tmpdir, "good.strata", 300, 3);
  g_autofree char *bad = window_test_write_demo (tmpdir, "damaged.strata", 3000, 5);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(StrataScoring) expected = window_test_fresh_scoring (good);
  g_autoptr(StrataWorkspace) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_len, after_len;
  StrataWindow *window = window_test_present (app);
  StrataContext *context;
  AdwMessageDialog *dialog;
  StrataCustomersPage *page;

  g_assert_true (strata_window_open_path (window, good, &error));
  g_assert_no_error (error);
  page = window_test_wait_customers (window);
  context = strata_window_get_context (window);

  unclean_test_make (bad);
  damage (bad);
  before = file_contents (bad, &before_len);
  g_assert_true (strata_window_open_path (window, bad, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "checking");
  /* Nothing acts on the workspace behind the checking page. */
  g_assert_true (strata_window_get_checking (window));
  assert_workspace_actions (FALSE);

  gui_test_wait (gui_test_find_message_dialog (NULL) != NULL);
  dialog = gui_test_find_message_dialog (NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Could Not Open Workspace"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), bad));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "damaged:"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog (NULL) == NULL);

  /* What was open stays, as it was. */
  g_assert_true (strata_window_get_context (window) == context);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "workspace");
  g_assert_cmpstr (strata_window_get_page_name (window), ==, "customers");
  window_test_assert_title (window, "good.strata");
  g_assert_false (strata_window_get_checking (window));
  assert_workspace_actions (TRUE);
  gui_test_wait_frame (GTK_WIDGET (window));
  window_test_assert_figures (page, expected);
  /* The damaged file untouched and let go of: the next open checks it
   * again (no lock left behind, its -wal still there). */
  g_assert_true (unclean_test_lock_free (bad));
  after = file_contents (bad, &after_len);
  g_assert_cmpmem (after, after_len, before, before_len);
  again = strata_workspace_open (bad, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT);
  gui_test_destroy (GTK_WINDOW (window));
}

/* A second open while the first file is checked shows the second at once;
 * the first is abandoned without a word and let go of. */
static void
test_second_open (void)
{
  g_autofree char *first = window_test_write_demo (tmpdir, "first.strata", 300, 3);
  g_autofree char *second = window_test_write_demo (tmpdir, "second.strata", 450, 4);
  g_autoptr(StrataScoring) expected = window_test_fresh_scoring (second);
  g_autoptr(StrataWorkspace) again = NULL;
  g_autoptr(GError) error = NULL;
  StrataWindow *window = window_test_present (app);
  StrataCustomersPage *page;
  StrataContext *context;

  unclean_test_make (first);
  strata_workspace_hold_checks (TRUE);
  g_assert_true (strata_window_open_path (window, first, &error));
  g_assert_no_error (error);
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "checking");
  /* Asking again for the file being checked changes nothing. */
  g_assert_true (strata_window_open_path (window, first, &error));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "checking");

  g_assert_true (strata_window_open_path (window, second, &error));
  g_assert_no_error (error);
  context = strata_window_get_context (window);
  g_assert_nonnull (context);
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (context)), ==, second);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "workspace");
  window_test_assert_title (window, "second.strata");
  /* The abandoned open stops even with the check still held. */
  gui_test_wait (unclean_test_lock_free (first));
  strata_workspace_hold_checks (FALSE);

  page = window_test_wait_customers (window);
  gui_test_wait_idle ();
  gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (strata_window_get_context (window) == context);
  window_test_assert_title (window, "second.strata");
  window_test_assert_figures (page, expected);
  g_assert_null (gui_test_find_message_dialog (NULL));
  /* The first file was not opened nor folded back: still unclean. */
  again = strata_workspace_open (first, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_workspace_get_was_unclean (again));
  gui_test_destroy (GTK_WINDOW (window));
}

/* Cancel goes back to what was shown before (here the last workspace,
 * reopened at start); closing the window during a check abandons it too. */
static void
test_cancel_and_close (void)
{
  g_autofree char *path = window_test_write_demo (tmpdir, "cancelled.strata", 300, 9);
  g_autoptr(GError) error = NULL;
  StrataWindow *window = window_test_present (app);
  g_autofree char *child = NULL, *title = NULL;
  StrataContext *context = strata_window_get_context (window);
  GtkWidget *cancel;

  unclean_test_make (path);
  strata_workspace_hold_checks (TRUE);
  child = g_strdup (gtk_stack_get_visible_child_name (window_test_main_stack (window)));
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_assert_true (strata_window_open_path (window, path, &error));
  gui_test_wait_frame (GTK_WIDGET (window));
  window_test_assert_title (window, "cancelled.strata");
  cancel = gui_test_find_id (GTK_WIDGET (window), GTK_TYPE_BUTTON, "checking-cancel", 0);
  g_assert_true (gtk_widget_get_mapped (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, child);
  g_assert_true (strata_window_get_context (window) == context);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  gui_test_wait (unclean_test_lock_free (path));

  /* Again, and the window closed while the check is held. */
  g_assert_true (strata_window_open_path (window, path, &error));
  gui_test_wait_frame (GTK_WIDGET (window));
  gui_test_destroy (GTK_WINDOW (window));
  gui_test_wait (unclean_test_lock_free (path));
  strata_workspace_hold_checks (FALSE);
  gui_test_wait_idle ();
  g_assert_null (gui_test_find_message_dialog (NULL));
}

/* A file of an older format is brought up to date on a worker (its
 * migration rewrites every period's columns: seconds at a million
 * customers), the window saying so meanwhile; then it opens as usual, in
 * the current format. */
static void
test_older_format (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "workspace-v4", "demo-60.strata", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "older.strata", NULL);
  g_autofree char *contents = NULL, *description = NULL, *during = NULL;
  g_autoptr(GError) error = NULL;
  StrataWindow *window = window_test_present (app);
  StrataWorkspace *ws;
  GtkWidget *checking;
  gsize len, during_len;

  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  /* Not migrated on the main thread (the file as it was when the call
   * returned): the window shows the update. */
  during = file_contents (path, &during_len);
  g_assert_cmpmem (during, during_len, contents, len);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "checking");
  checking = gtk_stack_get_visible_child (window_test_main_stack (window));
  description = g_strdup_printf (_("Bringing “%s” up to date for this version of Strata…"), "older.strata");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (checking)), ==, description);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (checking)), ==, _("Updating Workspace"));

  /* (The window may have had another workspace open before.) */
  gui_test_wait (strata_window_get_context (window) != NULL &&
                 g_str_has_suffix (strata_workspace_get_path (strata_context_get_workspace (strata_window_get_context (window))),
                                   "older.strata"));
  window_test_wait_customers (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_test_main_stack (window)), ==, "workspace");
  ws = strata_context_get_workspace (strata_window_get_context (window));
  g_assert_cmpint (test_query_int (ws, "PRAGMA user_version"), ==, STRATA_SCHEMA_VERSION);
  g_assert_null (gui_test_find_message_dialog (NULL));
  gui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-window-unclean");
  window_test_bind_translations ();
  app = window_test_app_new (".TestUnclean");

  g_test_add_func ("/window-unclean/paint-while-checking", test_paint_while_checking);
  g_test_add_func ("/window-unclean/damaged", test_damaged);
  g_test_add_func ("/window-unclean/second-open", test_second_open);
  g_test_add_func ("/window-unclean/cancel-and-close", test_cancel_and_close);
  g_test_add_func ("/window-unclean/older-format", test_older_format);
  status = g_test_run ();

  window_test_finish (NULL, &app, &tmpdir);
  return status;
}
