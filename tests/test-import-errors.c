/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An import through the assistant that the disk cannot take (a file size
 * limit, RLIMIT_FSIZE with SIGXFSZ ignored; see HACKING "Full disk") ends
 * in the failed summary and a dialog with the full-disk message that offers
 * Try Again and Save a Copy As…: the workspace is as it was, the copy gets
 * the import, and trying again once there is room imports into the
 * workspace itself. Another program's write transaction (in use) gets the
 * same dialog. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "gui-test-util.h"
#include "import-test-util.h"
#include "strata-context.h"
#include "strata-import-dialog.h"
#include "window-test-util.h"
#include "workspace-test-util.h"

#define HEADING "The data could not be imported"

typedef struct
{
  TestWorkspace       t;
  StrataContext      *context;
  GtkWindow          *parent;
  StrataImportDialog *dialog;
  char               *copy_path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                "customers-utf8.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);

  test_workspace_setup (&f->t, "strata-import-errors", "full.strata");
  f->context = strata_context_new (f->t.ws);
  strata_context_finish_scoring (f->context);
  f->copy_path = g_build_filename (f->t.dir, "full (copy).strata", NULL);
  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
  f->dialog = g_object_ref_sink (strata_import_dialog_new (f->parent, f->context));
  gtk_window_present (GTK_WINDOW (f->dialog));
  strata_import_dialog_set_period (f->dialog, "2026-Q3");
  strata_import_dialog_set_file (f->dialog, file);
  g_assert_null (strata_import_dialog_get_error (f->dialog));
  g_assert_nonnull (strata_import_dialog_get_preview (f->dialog));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog = gui_test_find_message_dialog (HEADING);

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_object_unref (f->dialog);
  gtk_window_destroy (f->parent);
  g_clear_object (&f->context);
  g_unlink (f->copy_path);
  g_free (f->copy_path);
  test_workspace_teardown (&f->t);
}

/* The disk fills up: nothing more than a few pages can be written. */
static void
disk_full (gboolean full)
{
  struct rlimit limit = { full ? 8192 : RLIM_INFINITY, RLIM_INFINITY };

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
wait_for_step (StrataImportDialog *dialog,
               const char         *step)
{
  gui_test_wait_until (g_str_equal (strata_import_dialog_get_step (dialog), step), 60000);
  g_assert_cmpstr (strata_import_dialog_get_step (dialog), ==, step);
}

/* The failed summary, and the dialog with both ways out. */
static AdwMessageDialog *
wait_import_error (Fixture *f)
{
  AdwMessageDialog *dialog = NULL;

  wait_for_step (f->dialog, "summary");
  gui_test_wait ((dialog = gui_test_find_message_dialog (_(HEADING))) != NULL);
  gui_test_wait (gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
                 gtk_widget_get_width (GTK_WIDGET (dialog)) > 0);
  gui_test_wait_idle ();
  return dialog;
}

static void
check_import_error (Fixture          *f,
                    AdwMessageDialog *dialog,
                    const char       *message)
{
  g_assert_null (strata_import_dialog_get_result (f->dialog));
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog),
                            "Nothing was imported: the workspace is as it was."));
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), message));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->dialog));
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = dump_database (f->t.path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM customers"), ==, 0);
  disk_full (TRUE);
  strata_import_dialog_next (f->dialog);   /* to the preview */
  strata_import_dialog_next (f->dialog);   /* Import */
  dialog = wait_import_error (f);
  disk_full (FALSE);
  gui_test_save_screenshot (GTK_WIDGET (dialog), "import-errors-dialog.png");
  gui_test_save_screenshot (GTK_WIDGET (f->dialog), "import-errors-failed-summary.png");
  check_import_error (f, dialog, "the disk is full");
  after = dump_database (f->t.path);
  g_assert_cmpstr (after, ==, before);

  /* Save a Copy As…: the copy holds the import, the workspace does not. */
  g_assert_true (strata_import_dialog_save_copy (f->dialog, f->copy_path, &error));
  g_assert_no_error (error);
  wait_for_step (f->dialog, "summary");
  g_assert_nonnull (strata_import_dialog_get_result (f->dialog));
  gui_test_save_screenshot (GTK_WIDGET (f->dialog), "import-errors-copy-summary.png");
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog),
                            "Imported into the copy “full (copy).strata”"));
  {
    g_autoptr(StrataWorkspace) copy = strata_workspace_open (f->copy_path, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (strata_workspace_check (copy, &error));
    g_assert_no_error (error);
    g_assert_cmpint (test_query_int (copy, "SELECT count(*) FROM customers"), ==, 10);
    g_assert_cmpint (test_query_int (copy, "SELECT count(*) FROM periods WHERE name = '2026-Q3'"), ==, 1);
  }
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM customers"), ==, 0);
  /* The window's period stays: the copy is not what it shows. */
  g_assert_null (strata_context_get_period (f->context));

  /* Try Again, with room: imported into the workspace itself. */
  adw_message_dialog_response (dialog, "retry");
  wait_for_step (f->dialog, "summary");
  g_assert_nonnull (strata_import_dialog_get_result (f->dialog));
  g_assert_null (strstr (strata_import_dialog_get_summary (f->dialog), "copy"));
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM customers"), ==, 10);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM imports"), ==, 1);
  gui_test_wait (g_strcmp0 (strata_context_get_period (f->context), "2026-Q3") == 0);
}

/* Another program holds a write transaction past the busy timeout. */
static void
test_in_use (Fixture       *f,
             gconstpointer  data)
{
  sqlite3 *other = NULL;
  AdwMessageDialog *dialog;

  /* (The preview needs a write transaction too: it is made first.) */
  strata_import_dialog_next (f->dialog);
  g_assert_cmpstr (strata_import_dialog_get_step (f->dialog), ==, "preview");
  g_assert_cmpint (sqlite3_open_v2 (f->t.path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('other', 'x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  strata_import_dialog_next (f->dialog);
  dialog = wait_import_error (f);
  check_import_error (f, dialog, "in use by another program");
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM customers"), ==, 0);

  adw_message_dialog_response (dialog, "retry");
  wait_for_step (f->dialog, "summary");
  g_assert_nonnull (strata_import_dialog_get_result (f->dialog));
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM customers"), ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  window_test_bind_translations ();
  g_test_add ("/import-errors/disk-full", Fixture, NULL, fixture_setup, test_disk_full,
              fixture_teardown);
  g_test_add ("/import-errors/in-use", Fixture, NULL, fixture_setup, test_in_use,
              fixture_teardown);
  return g_test_run ();
}
