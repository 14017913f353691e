/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application of a window test, set up as strata starts: its own
 * XDG_DATA_HOME (recent files, the demo) in a temporary folder, GTK and
 * libadwaita, a registered and held StrataApplication, and its window. */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "strata-application.h"
#include "strata-demo.h"
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
