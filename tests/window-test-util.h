/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application of a window test, set up as strata starts: its own
 * XDG_DATA_HOME (recent files, the demo) in a temporary folder, GTK and
 * libadwaita, a registered and held StrataApplication, and its window;
 * with what tests of opening a workspace check in it (the window's title
 * and main stack, and the Customers page's figures against a fresh
 * scoring). */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "gui-test-util.h"
#include "strata-application.h"
#include "strata-customers-page.h"
#include "strata-customers-page-private.h"
#include "strata-demo.h"
#include "strata-format.h"
#include "strata-page.h"
#include "strata-scoring.h"
#include "strata-window.h"
#include "workspace-test-util.h"

/* Makes the temporary folder (returned; window_test_finish removes it),
 * points XDG_DATA_HOME into it and initialises GTK and libadwaita. */
static inline char *
window_test_init (int         *argc,
                  char      ***argv,
                  const char  *tmp_prefix)
{
  char *tmpdir = test_make_tmp_dir (tmp_prefix);
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return tmpdir;
}

/* For translated screenshots: STRATA_TEST_LOCALEDIR holds compiled .mo
 * files, LANGUAGE / LC_ALL choose the language. */
static inline void
window_test_bind_translations (void)
{
  if (g_getenv ("STRATA_TEST_LOCALEDIR") == NULL)
    return;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* The application (id APP_ID + id_suffix), registered and held. */
static inline GApplication *
window_test_app_new (const char *id_suffix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strconcat (APP_ID, id_suffix, NULL);
  GApplication *app = g_object_new (STRATA_TYPE_APPLICATION,
                                    "application-id", id,
                                    "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                                    "resource-base-path", "/io/github/strata/Strata",
                                    NULL);

  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  g_application_hold (app);
  return app;
}

/* Activates the application: its window, as at start. */
static inline StrataWindow *
window_test_activate (GApplication *app)
{
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  return STRATA_WINDOW (window);
}

/* Destroys window (if not NULL), lets the application go and removes the
 * temporary folder. */
static inline void
window_test_finish (GtkWindow     *window,
                    GApplication **app,
                    char         **tmpdir)
{
  if (window != NULL)
    gtk_window_destroy (window);
  g_application_release (*app);
  g_clear_object (app);
  test_remove_dir (*tmpdir);
  g_clear_pointer (tmpdir, g_free);
}

/* A demo workspace of `customers` customers over two quarters, written
 * into dir (the path returned). */
static inline char *
window_test_write_demo (const char *dir,
                        const char *name,
                        guint       customers,
                        guint       seed)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (strata_demo_write (path, customers, seed, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The application's window, presented and mapped. */
static inline StrataWindow *
window_test_present (GApplication *app)
{
  StrataWindow *window = window_test_activate (app);

  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

/* The stack of the welcome, checking and workspace pages. */
static inline GtkStack *
window_test_main_stack (StrataWindow *window)
{
  return GTK_STACK (gui_test_find_id (GTK_WIDGET (window), GTK_TYPE_STACK, "main_stack", 0));
}

/* The title names the workspace's file (basename), or none when NULL. */
static inline void
window_test_assert_title (StrataWindow *window,
                          const char   *basename)
{
  g_autofree char *title = basename ? g_strdup_printf (_("%s – Strata"), basename) : g_strdup (_("Strata"));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
}

/* The scoring a window on path must show: read and scored afresh, from a
 * copy (a scoring keeps its workspace open, and a file open in this
 * process is never taken for one left by a crash). */
static inline StrataScoring *
window_test_fresh_scoring (const char *path)
{
  g_autofree char *copy = g_strconcat (path, ".expected", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  StrataScoring *scoring;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (copy, NULL, &error);
  g_assert_no_error (error);
  scoring = strata_scoring_new (ws, &error);
  g_assert_no_error (error);
  return scoring;
}

/* The Customers page once the window has a workspace and the page has
 * loaded its rows. */
static inline StrataCustomersPage *
window_test_wait_customers (StrataWindow *window)
{
  GtkWidget *page;

  gui_test_wait (strata_window_get_context (window) != NULL);
  page = strata_window_get_page (window, "customers");
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (page)) &&
                 g_list_model_get_n_items (strata_customers_page_get_model (STRATA_CUSTOMERS_PAGE (page))) > 0);
  return STRATA_CUSTOMERS_PAGE (page);
}

/* The Customers page's count above the list ("600 customers"). */
static inline const char *
window_test_count_text (StrataCustomersPage *page)
{
  GtkWidget *label = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_LABEL, "count_label", 0);

  return gtk_label_get_text (GTK_LABEL (label));
}

/* The page lists every customer of expected, in its count and rows, each
 * with its id, score and tier. */
static inline void
window_test_assert_figures (StrataCustomersPage *page,
                            StrataScoring       *expected)
{
  const StrataPeriodData *data = strata_scoring_get_data (expected);
  StrataResult *result = strata_scoring_get_draft_result (expected);
  const guint *rows;
  guint n;
  const StrataCustomerColumns *cols = strata_customers_page_get_columns (page, &rows, &n);
  g_autofree char *number = strata_format_integer (NULL, data->n);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", data->n),
                                            number);

  g_assert_nonnull (result);
  g_assert_cmpuint (data->n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (strata_customers_page_get_model (page)), ==, data->n);
  g_assert_cmpuint (n, ==, data->n);
  g_assert_cmpuint (cols->n, ==, data->n);
  g_assert_cmpstr (window_test_count_text (page), ==, count);
  for (guint i = 0; i < data->n; i++)
    {
      g_assert_cmpstr (strata_period_data_get_ext_id (cols->strings, i), ==,
                       strata_period_data_get_ext_id (data, i));
      g_assert_cmpfloat (cols->score[i], ==, result->score[i]);
      g_assert_cmpint (cols->tier[i], ==, result->final_tier[i]);
    }
}
