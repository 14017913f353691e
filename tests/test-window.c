/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application window under Xvfb: welcome page, opening workspaces,
 * pages, the period selector, errors and remembered state. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "strata-application.h"
#include "strata-import-dialog.h"
#include "strata-context.h"
#include "strata-period.h"
#include "strata-seed.h"
#include "strata-window.h"
#include "window-test-util.h"
#include "workspace-test-util.h"
#include "strata-period-private.h"
#include "strata-window-private.h"

static const char *page_names[] = {
  "customers", "scoring", "quadrant", "tiers", "entitlements", "review",
};

static char *tmpdir;
static GApplication *app;
static StrataWindow *window;
static char *workspace_path;

static gint64
add_period (StrataWorkspace *workspace,
            guint            year,
            guint            quarter)
{
  g_autofree char *name = g_strdup_printf ("%u-Q%u", year, quarter);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriod) period = strata_period_create (workspace, name, NULL, NULL, &error);

  g_assert_no_error (error);
  return strata_period_get_id (period);
}

static const char *
period_name_at (GListModel *periods,
                guint       position)
{
  g_autoptr(StrataPeriod) period = g_list_model_get_item (periods, position);

  g_assert_nonnull (period);
  /* The list keeps its own reference. */
  return strata_period_get_name (period);
}

static char *
make_workspace (const char *name,
                guint       n_periods)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = strata_seed_create_workspace (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_periods; i++)
    add_period (workspace, i < 4 ? 2026 : 2027, i % 4 + 1);
  return path;
}

static void
test_context_periods (void)
{
  g_autofree char *path = make_workspace ("context.strata", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = strata_workspace_open (path, NULL, &error);
  g_autoptr(StrataContext) context = NULL;
  GListModel *periods;
  guint notified = 0;

  g_assert_no_error (error);
  context = strata_context_new (workspace);
  strata_context_finish_scoring (context);
  periods = strata_context_get_periods (context);
  g_assert_cmpuint (g_list_model_get_n_items (periods), ==, 3);
  g_assert_cmpstr (period_name_at (periods, 0), ==, "2026-Q1");
  /* The latest period is the one a user works on. */
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q3");
  g_assert_cmpint (strata_context_get_period_id (context), >, 0);

  strata_context_set_period (context, "2026-Q1");
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q1");

  if (g_test_subprocess ())
    {
      /* Refused with a warning, and nothing changes. */
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
      strata_context_set_period (context, "1999-Q1");
      g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q1");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*1999-Q1*is not a period*");

  g_signal_connect_swapped (context, "notify::selected-customer",
                            G_CALLBACK (g_atomic_int_inc), &notified);
  strata_context_set_selected_customer (context, 42);
  strata_context_set_selected_customer (context, 42);
  g_assert_cmpint (strata_context_get_selected_customer (context), ==, 42);
  g_assert_cmpuint (notified, ==, 1);

  /* A renamed period stays the current one under its new name. */
  g_assert_true (strata_period_rename (workspace, strata_context_get_period_id (context),
                                       "Q1 2026", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (strata_context_get_period (context), ==, "Q1 2026");
  g_assert_cmpstr (period_name_at (periods, 0), ==, "Q1 2026");

  /* A new and a removed period: the list follows the workspace, and the
   * current period falls back to the latest when it disappears. */
  add_period (workspace, 2026, 4);
  g_assert_true (strata_period_delete (workspace, strata_context_get_period_id (context),
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (periods), ==, 3);
  g_assert_cmpstr (period_name_at (periods, 0), ==, "2026-Q2");
  g_assert_cmpstr (period_name_at (periods, 2), ==, "2026-Q4");
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q4");
}

static void
test_welcome (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *first = make_workspace ("first.strata", 1);
  g_autofree char *second = make_workspace ("second.strata", 1);
  g_autofree char *gone = g_build_filename (tmpdir, "gone.strata", NULL);
  const char *recent[] = { second, gone, first, NULL };
  GtkWidget *status, *list, *row;

  g_settings_set_strv (settings, "recent-workspaces", recent);
  window = window_test_activate (app);
  g_assert_null (strata_window_get_context (window));
  g_assert_null (strata_window_get_page_name (window));
  /* Nothing to export, print or present without a workspace. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "export-report"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "print"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "present"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "import"));

  status = gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Welcome to Strata");
  gui_test_wait (gtk_widget_get_mapped (status));
  /* The pages are not on screen. */
  g_assert_false (gtk_widget_get_mapped (strata_window_get_page (window, "customers")));

  /* The recent workspaces that still exist, the latest first. */
  list = gui_test_find_widget (status, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_mapped (list));
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "second.strata");
  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "first.strata");
  g_assert_null (gtk_widget_get_next_sibling (row));

  /* Importing with no workspace open: New Workspace… in the prompt goes
   * on to the file's import once the new workspace is open. */
  {
    g_autofree char *table = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                    "online-retail-200.csv", NULL);
    g_autofree char *made = make_workspace ("made.strata", 1);
    g_autoptr(GFile) file = g_file_new_for_path (table);
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *prompt;
    StrataImportDialog *import = NULL;

    strata_import_dialog_run_for_window (GTK_WINDOW (window), NULL, file);
    prompt = gui_test_find_message_dialog ("No Workspace Is Open");
    g_assert_nonnull (prompt);
    adw_message_dialog_response (prompt, "new");
    gtk_window_destroy (GTK_WINDOW (prompt));
    /* The file chooser (where there is no portal) is answered by opening
     * the workspace as it would. */
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel))
          {
            gtk_dialog_response (GTK_DIALOG (toplevel), GTK_RESPONSE_CANCEL);
            break;
          }
      }
    g_assert_true (strata_window_open_path (window, made, NULL));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && import == NULL; i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (STRATA_IS_IMPORT_DIALOG (toplevel))
          import = STRATA_IMPORT_DIALOG (toplevel);
      }
    g_assert_nonnull (import);
    g_assert_nonnull (strata_import_dialog_get_preview (import));
    g_assert_cmpuint (strata_import_dialog_get_preview (import)->header->len, ==, 8);
    gtk_window_destroy (GTK_WINDOW (import));
  }

  /* The recent list now starts with made.strata: its rows are new. */
  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "first.strata") == 0)
      break;
  g_assert_nonnull (row);

  /* A row opens its workspace. */
  g_signal_emit_by_name (row, "activate");
  g_assert_nonnull (strata_window_get_context (window));
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (
                     strata_window_get_context (window))), ==, first);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "export-report"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "print"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "present"));
}

static void
test_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  g_autofree char *last = NULL;
  StrataContext *context;

  workspace_path = make_workspace ("acme.strata", 4);
  g_assert_true (strata_window_open_path (window, workspace_path, &error));
  g_assert_no_error (error);

  context = strata_window_get_context (window);
  g_assert_nonnull (context);
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (context)), ==,
                   workspace_path);
  g_assert_cmpstr (strata_window_get_page_name (window), ==, "customers");
  gui_test_wait (gtk_widget_get_mapped (strata_window_get_page (window, "customers")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "acme.strata – Strata");

  /* Remembered for the welcome page and the next start. */
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpstr (recent[0], ==, workspace_path);
  last = g_settings_get_string (settings, "last-workspace");
  g_assert_cmpstr (last, ==, workspace_path);
}

/* A file that cannot be written opens read-only, and the window says so. */
static void
test_open_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_workspace ("read-only.strata", 1);
  GtkWidget *bar;
  GtkWidget *label;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (strata_workspace_get_read_only (strata_context_get_workspace (
                   strata_window_get_context (window))));
  bar = gui_test_find_id (GTK_WIDGET (window), GTK_TYPE_INFO_BAR, "read_only_bar", 0);
  g_assert_nonnull (bar);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  label = gui_test_find_id (GTK_WIDGET (window), GTK_TYPE_LABEL, "read_only_label", 0);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Read-only"));

  /* A writable one hides it again. */
  g_assert_true (strata_window_open_path (window, workspace_path, &error));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_chmod (path, 0644);
}

/* The file deleted or replaced under the window: it says so when it gets
 * focus (strata_window_check_file). */
static void
test_file_gone (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_workspace ("gone.strata", 1);
  g_autofree char *other = make_workspace ("other.strata", 1);
  GtkWidget *bar;
  GtkWidget *label;

  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  bar = gui_test_find_id (GTK_WIDGET (window), GTK_TYPE_INFO_BAR, "file_gone_bar", 0);
  label = gui_test_find_id (GTK_WIDGET (window), GTK_TYPE_LABEL, "file_gone_label", 0);
  strata_window_check_file (window);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));

  /* Replaced: another file under the same name. */
  g_assert_cmpint (g_rename (other, path), ==, 0);
  strata_window_check_file (window);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "was replaced"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), path));

  /* Deleted. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  strata_window_check_file (window);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "was deleted"));

  /* Opening another workspace hides it. */
  g_assert_true (strata_window_open_path (window, workspace_path, &error));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
}

static void
test_show_page (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = strata_window_get_page (window, page_names[i]);

      g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                      g_variant_new_string (page_names[i]));
      g_assert_cmpstr (strata_window_get_page_name (window), ==, page_names[i]);
      gui_test_wait (gtk_widget_get_mapped (page));
      for (guint j = 0; j < G_N_ELEMENTS (page_names); j++)
        if (j != i)
          g_assert_false (gtk_widget_get_mapped (strata_window_get_page (window, page_names[j])));
    }

  /* Alt+2 is the scoring page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.show-page", "s",
                                             "scoring"));
  g_assert_cmpstr (strata_window_get_page_name (window), ==, "scoring");

}

static void
count_shortcuts (GtkWidget *widget,
                 guint     *n)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    (*n)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_shortcuts (child, n);
}

static void
test_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *shortcuts = NULL;
  guint n = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && shortcuts == NULL; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        shortcuts = GTK_WIDGET (toplevel);
    }
  g_assert_nonnull (shortcuts);
  gui_test_wait (gtk_widget_get_mapped (shortcuts));
  /* New, Open, Import, Report, Print, Present, Quit, Undo, Redo, six pages, help, menu. */
  count_shortcuts (gui_test_find_widget (shortcuts, GTK_TYPE_SHORTCUTS_SECTION), &n);
  g_assert_cmpuint (n, ==, 17);
  gtk_widget_set_visible (shortcuts, FALSE);
}

static void
test_unknown_page (void)
{
  if (g_test_subprocess ())
    {
      StrataWindow *self;

      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
      self = window_test_activate (app);
      g_autofree char *path = make_workspace ("pages.strata", 1);

      g_assert_true (strata_window_open_path (self, path, NULL));
      strata_window_show_page (self, "tiers");
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                      g_variant_new_string ("nowhere"));
      g_assert_cmpstr (strata_window_get_page_name (self), ==, "tiers");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*No page called*nowhere*");
}

static void
test_period_selector (void)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  StrataContext *context = strata_window_get_context (window);
  StrataWorkspace *workspace = strata_context_get_workspace (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = NULL;
  GListModel *model;

  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  model = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *expected = g_strdup_printf ("2026-Q%u", i + 1);

      g_assert_cmpstr (period_name_at (model, i), ==, expected);
    }
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);

  /* Choosing in the selector sets the period every page sees, and back. */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q2");
  strata_context_set_period (context, "2026-Q1");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  /* A new period shows up without reopening. */
  add_period (workspace, 2027, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q1");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  /* An earlier period inserted before the current one: the selection
   * follows the name, not the position. */
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q3");
  add_period (workspace, 2025, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q3");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);

  /* A workspace without periods: nothing to choose, no selector. */
  empty = make_workspace ("empty.strata", 0);
  g_assert_true (strata_window_open_path (window, empty, &error));
  g_assert_null (strata_context_get_period (strata_window_get_context (window)));
  g_assert_cmpint (strata_context_get_period_id (strata_window_get_context (window)), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_true (strata_window_open_path (window, workspace_path, &error));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 6);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 5);
}

static void
check_refused (const char *name,
               const char *contents,
               gsize       length)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize after_length;
  AdwMessageDialog *dialog;
  StrataContext *before = strata_window_get_context (window);

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_false (strata_window_open (window, file));

  dialog = gui_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Workspace");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), name));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog (NULL) == NULL);
  g_assert_null (gui_test_find_message_dialog (NULL));

  /* What was open stays open, and the foreign file is untouched. */
  g_assert_true (strata_window_get_context (window) == before);
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (before)), ==,
                   workspace_path);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, contents, length);
}

static void
test_foreign_file (void)
{
  char header[512] = "SQLite format 3";

  check_refused ("notes.strata", "These are meeting notes, not a workspace.\n", 43);
  /* A truncated database: only its header survived. */
  check_refused ("truncated.strata", header, sizeof header);
}

/* Drops files on the window as the desktop would: through its drop target. */
static gboolean
drop_files (GFile *first,
            ...)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoslist(GFile) files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;
  va_list args;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST,
                              gtk_drop_target_get_gtypes (target, NULL)[0]));

  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    files = g_slist_append (files, g_object_ref (file));
  va_end (args);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  return accepted;
}

static void
test_drop (void)
{
  g_autofree char *dropped = make_workspace ("dropped.strata", 2);
  g_autofree char *notes = g_build_filename (tmpdir, "notes.strata", NULL);
  g_autoptr(GFile) dropped_file = g_file_new_for_path (dropped);
  g_autoptr(GFile) notes_file = g_file_new_for_path (notes);
  g_autoptr(GFile) back = g_file_new_for_path (workspace_path);
  AdwMessageDialog *dialog;

  /* A .strata file dropped on the window opens; of several, the first. */
  g_assert_true (drop_files (dropped_file, notes_file, NULL));
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (
                     strata_window_get_context (window))), ==, dropped);

  /* A foreign file dropped is refused with the dialog; the workspace stays. */
  g_assert_true (g_file_set_contents (notes, "meeting notes", -1, NULL));
  drop_files (notes_file, NULL);
  dialog = gui_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.strata"));
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog (NULL) == NULL);
  gui_test_wait_idle ();
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (
                     strata_window_get_context (window))), ==, dropped);

  g_assert_true (drop_files (back, NULL));
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (
                     strata_window_get_context (window))), ==, workspace_path);
}

/* `strata FILE` on the command line goes through GApplication::open: a
 * damaged file (random bytes, a copy cut in half) gets the dialog, the
 * window stays on what it showed, and the file is not written. */
static void
test_command_line_open (void)
{
  g_autofree char *noise_path = g_build_filename (tmpdir, "noise.strata", NULL);
  g_autofree char *half_path = g_build_filename (tmpdir, "half.strata", NULL);
  const char *paths[] = { noise_path, half_path };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *noise = g_malloc (65536);
  g_autofree char *whole = NULL;
  gsize whole_len = 0;

  for (guint i = 0; i < 65536; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (noise_path, noise, 65536, NULL));
  {
    g_autoptr(StrataWorkspace) big = strata_workspace_create (half_path, NULL, NULL);

    g_assert_nonnull (big);
    g_assert_true (strata_workspace_begin (big, NULL));
    for (int i = 0; i < 3000; i++)
      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (ext_id, name) VALUES"
                                                " ('C%d', 'A customer name long enough to fill pages')", i);
        g_assert_true (strata_workspace_exec (big, sql, NULL));
      }
    g_assert_true (strata_workspace_commit (big, NULL));
  }
  g_assert_true (g_file_get_contents (half_path, &whole, &whole_len, NULL));
  g_assert_cmpuint (whole_len, >, 65536);
  g_assert_true (g_file_set_contents (half_path, whole, whole_len / 2, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *base = g_path_get_basename (paths[i]);
      gsize before_len = 0, after_len = 0;
      AdwMessageDialog *dialog;

      g_assert_true (g_file_get_contents (paths[i], &before, &before_len, NULL));
      g_application_open (app, &file, 1, "");
      dialog = gui_test_find_message_dialog (NULL);
      g_assert_nonnull (dialog);
      g_test_message ("%s", adw_message_dialog_get_body (dialog));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), base));
      gtk_window_close (GTK_WINDOW (dialog));
      gui_test_wait (gui_test_find_message_dialog (NULL) == NULL);
      gui_test_wait_idle ();
      g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (
                         strata_window_get_context (window))), ==, workspace_path);
      g_assert_true (g_file_get_contents (paths[i], &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
    }
}

static gboolean
label_says_damaged (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), "damaged") != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_says_damaged (child))
      return TRUE;
  return FALSE;
}

/* Damage inside a file whose header and schema are sound is not read on
 * open (no full scan): the window opens it, checks the whole file in the
 * background and says so in a toast. */
static void
test_damage_found_later (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "scribbled.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  gsize len = 0;

  {
    g_autoptr(StrataWorkspace) big = strata_workspace_create (path, NULL, NULL);

    g_assert_nonnull (big);
    g_assert_true (strata_workspace_begin (big, NULL));
    for (int i = 0; i < 3000; i++)
      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (ext_id, name) VALUES"
                                                " ('C%d', 'A customer name long enough to fill pages')", i);
        g_assert_true (strata_workspace_exec (big, sql, NULL));
      }
    g_assert_true (strata_workspace_commit (big, NULL));
  }
  g_assert_true (g_file_get_contents (path, &whole, &len, NULL));
  g_assert_cmpuint (len, >, 65536);
  for (gsize i = len / 2; i < len / 2 + 16384; i++)
    whole[i] = (char) (i * 37);
  g_assert_true (g_file_set_contents (path, whole, len, NULL));

  g_assert_false (label_says_damaged (GTK_WIDGET (window)));
  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  gui_test_wait (label_says_damaged (GTK_WIDGET (window)));

  g_assert_true (strata_window_open_path (window, workspace_path, &error));
  g_assert_no_error (error);
}

static gboolean
demo_is_open (GtkWidget *widget)
{
  StrataContext *context = strata_window_get_context (STRATA_WINDOW (widget));
  g_autofree char *demo = strata_window_get_demo_path ();

  return context != NULL
         && g_strcmp0 (strata_workspace_get_path (strata_context_get_workspace (context)),
                       demo) == 0;
}

static gint64
count_customers (StrataContext *context)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (strata_context_get_workspace (context),
                              "SELECT count(*) FROM customers", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_demo (void)
{
  g_autofree char *demo = strata_window_get_demo_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) empty = NULL;
  StrataContext *context;
  GStatBuf before, after;

  g_assert_true (g_str_has_prefix (demo, g_get_user_data_dir ()));
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo", NULL);
  gui_test_wait (demo_is_open (GTK_WIDGET (window)));
  context = strata_window_get_context (window);
  g_assert_cmpint (count_customers (context), ==, 600);
  g_assert_cmpuint (g_list_model_get_n_items (strata_context_get_periods (context)), ==, 4);
  g_assert_cmpstr (strata_context_get_period (context), ==, "2026-Q3");

  /* The second time the existing demo is opened, not rewritten. */
  g_assert_true (strata_window_open_path (window, workspace_path, NULL));
  g_assert_cmpint (g_stat (demo, &before), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo", NULL);
  g_assert_true (demo_is_open (GTK_WIDGET (window)));
  g_assert_cmpint (g_stat (demo, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);

  /* A demo without customers (written before the generator existed) is
   * written again. */
  g_assert_true (strata_window_open_path (window, workspace_path, NULL));
  g_assert_cmpint (g_unlink (demo), ==, 0);
  empty = strata_seed_create_workspace (demo, &error);
  g_assert_no_error (error);
  g_clear_object (&empty);
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo", NULL);
  gui_test_wait (demo_is_open (GTK_WIDGET (window)));
  g_assert_cmpint (count_customers (strata_window_get_context (window)), ==, 600);
}

static gboolean
bar_revealed (GtkWidget *bar)
{
  return adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar));
}

static gboolean
bar_hidden (GtkWidget *bar)
{
  return !bar_revealed (bar);
}

static void
test_narrow (void)
{
  GtkWidget *bar = gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);

  g_assert_nonnull (bar);
  gui_test_wait (bar_hidden (bar));
  /* Too narrow for the switcher in the header bar: it moves to the bottom. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  gui_test_wait (bar_revealed (bar));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gui_test_wait (bar_hidden (bar));
}

static void
test_size_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1200);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gui_test_wait_idle ();   /* what the resize sets off */
  gtk_window_close (GTK_WINDOW (window));
  gui_test_wait (gui_test_find_toplevel (STRATA_TYPE_WINDOW) == NULL);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  window = NULL;
}

static void
test_reopen_last (void)
{
  g_autofree char *demo = strata_window_get_demo_path ();
  GtkWindow *second;

  /* A new window at start comes back to the last workspace. */
  g_application_activate (app);
  second = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (second);
  g_assert_nonnull (strata_window_get_context (STRATA_WINDOW (second)));
  g_assert_cmpstr (strata_workspace_get_path (strata_context_get_workspace (
                     strata_window_get_context (STRATA_WINDOW (second)))), ==,
                   demo);
  gtk_window_destroy (second);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-window");

  app = window_test_app_new (".Test");

  g_test_add_func ("/context/periods", test_context_periods);
  g_test_add_func ("/window/welcome", test_welcome);
  g_test_add_func ("/window/open", test_open);
  g_test_add_func ("/window/open-read-only", test_open_read_only);
  g_test_add_func ("/window/file-gone", test_file_gone);
  g_test_add_func ("/window/show-page", test_show_page);
  g_test_add_func ("/window/unknown-page", test_unknown_page);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window);
  g_test_add_func ("/window/period-selector", test_period_selector);
  g_test_add_func ("/window/foreign-file", test_foreign_file);
  g_test_add_func ("/window/drop", test_drop);
  g_test_add_func ("/window/command-line-open", test_command_line_open);
  g_test_add_func ("/window/damage-found-later", test_damage_found_later);
  g_test_add_func ("/window/demo", test_demo);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/size-saved", test_size_saved);
  g_test_add_func ("/window/reopen-last", test_reopen_last);
  status = g_test_run ();

  g_free (workspace_path);
  window_test_finish (NULL, &app, &tmpdir);
  return status;
}
