/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on a read-only workspace: every page's edit actions are
 * disabled and its editing widgets insensitive, while viewing and
 * exporting still work; a writable workspace enables them again. */
#include "config.h"

#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "strata-application.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-entitlements.h"
#include "strata-page.h"
#include "strata-window.h"
#include "window-test-util.h"
#include "workspace-test-util.h"

static char *tmpdir;
static GApplication *app;
static StrataWindow *window;

/* Whether a button for action (with target) would be clickable on page:
 * actionable widgets follow the enabled state of the action they name. */
static gboolean
action_enabled (GtkWidget  *page,
                const char *name,
                GVariant   *target)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), target);
  gtk_widget_set_parent (probe, page);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  return enabled;
}

/* A demo workspace (small) with the default entitlements matrix. */
static char *
make_workspace (const char *name)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = NULL;

  g_assert_true (strata_demo_write (path, 60, STRATA_DEMO_DEFAULT_SEED, 2, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
  workspace = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_workspace_begin (workspace, &error));
  g_assert_true (strata_entitlements_seed_defaults (workspace, &error));
  g_assert_no_error (error);
  g_assert_true (strata_workspace_commit (workspace, &error));
  g_assert_no_error (error);
  return path;
}

static GtkWidget *
show_page (const char *name)
{
  GtkWidget *page;

  g_assert_true (strata_window_show_page (window, name));
  page = strata_window_get_page (window, name);
  g_assert_nonnull (page);
  strata_page_finish_load (STRATA_PAGE (page));
  gui_test_wait_idle ();
  return page;
}

/* The editors of the entitlement cells: each has its cell attached. */
static guint
count_cells (GtkWidget *page,
             gboolean   sensitive)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  GType types[] = { GTK_TYPE_SWITCH, GTK_TYPE_DROP_DOWN, GTK_TYPE_SPIN_BUTTON, GTK_TYPE_ENTRY };
  guint n = 0;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    gui_test_collect (page, types[t], widgets);
  for (guint i = 0; i < widgets->len; i++)
    if (g_object_get_data (widgets->pdata[i], "strata-cell") != NULL
        && gtk_widget_is_sensitive (widgets->pdata[i]) == sensitive)
      n++;
  return n;
}

static const char *entitlement_actions[] = {
  "page.add-stage", "page.add-defaults", "page.copy-tier",
};
static const char *entitlement_id_actions[] = {
  "page.rename-stage", "page.move-stage-up", "page.move-stage-down", "page.remove-stage",
  "page.add-entitlement", "page.edit-entitlement", "page.move-entitlement-up",
  "page.move-entitlement-down", "page.remove-entitlement",
};

/* Checks every page against editable: what writes follows it, what only
 * reads or exports stays enabled. */
static void
check_pages (gboolean editable)
{
  GtkWidget *page, *widget;

  page = show_page ("scoring");
  g_assert_cmpint (strata_page_get_editable (STRATA_PAGE (page)), ==, editable);
  g_assert_false (action_enabled (page, "page.undo", NULL));  /* nothing to undo yet */
  g_assert_cmpint (action_enabled (page, "page.fit-to-data", NULL), ==, editable);
  g_assert_cmpint (action_enabled (page, "page.import-rules", NULL), ==, editable);
  g_assert_true (action_enabled (page, "page.history", NULL));
  g_assert_true (action_enabled (page, "page.export-rules", NULL));
  widget = gui_test_find_widget (page, g_type_from_name ("StrataRulesEditor"));
  g_assert_nonnull (widget);
  g_assert_cmpint (gtk_widget_is_sensitive (widget), ==, editable);
  /* Its point spin buttons are what a user edits: none takes input. */
  widget = gui_test_find_widget (widget, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (widget);
  g_assert_cmpint (gtk_widget_is_sensitive (widget), ==, editable);

  page = show_page ("entitlements");
  g_assert_cmpint (strata_page_get_editable (STRATA_PAGE (page)), ==, editable);
  for (guint i = 0; i < G_N_ELEMENTS (entitlement_actions); i++)
    g_assert_cmpint (action_enabled (page, entitlement_actions[i], NULL), ==, editable);
  for (guint i = 0; i < G_N_ELEMENTS (entitlement_id_actions); i++)
    g_assert_cmpint (action_enabled (page, entitlement_id_actions[i], g_variant_new_int64 (1)),
                     ==, editable);
  g_assert_false (action_enabled (page, "page.undo", NULL));
  g_assert_true (action_enabled (page, "page.export-csv", NULL));
  /* The default matrix: 5 tiers of many entitlements, all editable or none. */
  g_assert_cmpuint (count_cells (page, editable), >, 20);
  g_assert_cmpuint (count_cells (page, !editable), ==, 0);

  page = show_page ("review");
  g_assert_cmpint (action_enabled (page, "page.new-period", NULL), ==, editable);
  g_assert_cmpint (action_enabled (page, "page.rename-period", NULL), ==, editable);
  g_assert_true (action_enabled (page, "page.action-lists", g_variant_new_string ("csv")));
  widget = gui_test_find_id (page, ADW_TYPE_SPLIT_BUTTON, "close_button", 0);
  g_assert_nonnull (widget);
  g_assert_cmpint (gtk_widget_is_sensitive (widget), ==, editable);

  page = show_page ("customers");
  widget = gui_test_find_id (page, GTK_TYPE_ENTRY, "override-reason", 0);
  g_assert_nonnull (widget);
  g_assert_cmpint (gtk_widget_is_sensitive (widget), ==, editable);
  widget = gui_test_find_id (page, GTK_TYPE_DROP_DOWN, "override-tier", 0);
  g_assert_cmpint (gtk_widget_is_sensitive (widget), ==, editable);
  widget = gui_test_find_id (page, GTK_TYPE_BUTTON, "override-remove", 0);
  g_assert_cmpint (gtk_widget_is_sensitive (widget), ==, editable);
  g_assert_true (action_enabled (page, "page.export-csv", NULL));

  page = show_page ("quadrant");
  g_assert_false (action_enabled (page, "page.undo", NULL));
  g_assert_true (action_enabled (page, "page.export", NULL));

  /* The product list's category drop-downs, patterns and catalogue. */
  page = show_page ("products");
  g_assert_cmpint (action_enabled (page, "products.assign-pattern", NULL), ==, editable);
  g_assert_cmpint (action_enabled (page, "products.import-catalogue", NULL), ==, editable);
  widget = gui_test_find_id (page, GTK_TYPE_GRID, "products_grid", 0);
  g_assert_nonnull (widget);
  g_assert_nonnull (gui_test_find_widget (widget, GTK_TYPE_DROP_DOWN));
  g_assert_cmpint (gtk_widget_is_sensitive (gui_test_find_widget (widget, GTK_TYPE_DROP_DOWN)), ==, editable);

  /* Importing into this workspace. */
  g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "import"), ==, editable);
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *writable = make_workspace ("writable.strata");
  g_autofree char *read_only = make_workspace ("read-only.strata");

  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  g_assert_true (strata_window_open_path (window, read_only, &error));
  g_assert_no_error (error);
  g_assert_true (strata_workspace_get_read_only (strata_context_get_workspace (
                   strata_window_get_context (window))));
  check_pages (FALSE);
  show_page ("scoring");
  gui_test_save_screenshot (GTK_WIDGET (window), "read-only-scoring.png");
  show_page ("entitlements");
  gui_test_save_screenshot (GTK_WIDGET (window), "read-only-entitlements.png");

  /* A writable workspace in the same window takes edits again. */
  g_assert_true (strata_window_open_path (window, writable, &error));
  g_assert_no_error (error);
  check_pages (TRUE);

  /* And back: the pages made once follow each new context. */
  g_assert_true (strata_window_open_path (window, read_only, &error));
  check_pages (FALSE);
  g_chmod (read_only, 0644);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-read-only-window");

  app = window_test_app_new (".Test");
  window = window_test_activate (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);

  g_test_add_func ("/read-only-window/edit-controls", test_read_only);
  status = g_test_run ();

  window_test_finish (GTK_WINDOW (window), &app, &tmpdir);
  return status;
}
