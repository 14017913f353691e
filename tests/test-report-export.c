/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export Report… under Xvfb: the report of the window's period written in
 * a worker thread behind a progress window, in the application's language
 * or another one, and Cancel leaving no file; printing the same pages. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "gui-test-util.h"
#include "import-test-util.h"
#include "report-test-util.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-format.h"
#include "strata-report-export.h"
#include "strata-tiers-page.h"
#include "strata-pareto-chart-private.h"
#include "strata-report-private.h"


static char *dir;
static char *ws_path;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->ok = strata_report_export_finish (result, &r->error);
  r->done = TRUE;
}

/* A report takes a while under the sanitizers. */
static void
wait_done (Result *r)
{
  gui_test_wait_until (r->done, 60000);
  g_assert_true (r->done);
}

/* The progress window is the modal transient window of parent. */
static GtkWindow *
find_progress_window (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (gtk_window_get_transient_for (w) == parent && gtk_window_get_modal (w))
        return w;
    }
  return NULL;
}

static char *
first_pages_text (const char *path,
                  int        *n_pages)
{
  g_autoptr(PopplerDocument) doc = report_test_open_pdf (path);

  *n_pages = poppler_document_get_n_pages (doc);
  return report_test_text (doc, 3);
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(StrataContext) context = NULL;
  g_autofree char *path = g_build_filename (dir, "window.pdf", NULL);
  g_autofree char *text = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  Result r = { 0, };
  int n_pages = 0;

  g_assert_no_error (error);
  context = strata_context_new (ws);
  strata_context_finish_scoring (context);
  gtk_window_present (parent);
  strata_report_export_to_path (parent, context, path, STRATA_REPORT_PAPER_LETTER, NULL, done_cb, &r);
  /* The data is read; the pages are written in a worker, behind a progress window. */
  g_assert_false (r.done);
  g_assert_nonnull (find_progress_window (parent));
  wait_done (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_null (find_progress_window (parent));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  text = first_pages_text (path, &n_pages);
  g_assert_cmpint (n_pages, >, 8);
  /* The window's period: the latest. */
  g_assert_nonnull (strstr (text, strata_context_get_period (context)));
  g_assert_nonnull (strstr (text, "Contents"));

  /* The top-20% figure: the Tiers page's Pareto chart marks the very
   * share the report prints. */
  {
    GtkWidget *page = g_object_new (STRATA_TYPE_TIERS_PAGE, NULL);
    g_autoptr(PopplerDocument) doc = report_test_open_pdf (path);
    g_autofree char *all = report_test_text (doc, -1);
    g_autofree char *share = NULL;
    g_autofree char *sentence = NULL;
    g_autofree char *flat = NULL;
    StrataParetoChart *pareto;
    gsize n_top = 0;

    gtk_window_set_child (parent, page);
    g_object_set (page, "context", context, NULL);
    gui_test_wait (g_strcmp0 (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), "charts") == 0);
    g_assert_cmpstr (strata_tiers_page_get_state (STRATA_TIERS_PAGE (page)), ==, "charts");
    pareto = strata_tiers_page_get_pareto (STRATA_TIERS_PAGE (page));
    share = strata_format_percent (strata_number_format_get_default (),
                                   strata_pareto_chart_get_top (pareto, &n_top), 1);
    g_assert_cmpuint (n_top, >, 300);   /* 20% of the latest period's customers */
    sentence = g_strdup_printf ("bring %s of the revenue", share);
    flat = g_strdelimit (g_strdup (all), "\n", ' ');
    g_test_message ("Pareto: %s", sentence);
    g_assert_nonnull (strstr (flat, sentence));
  }
  gtk_window_destroy (parent);
}

/* Another language than the application's, which stays as it was. */
static void
test_export_chinese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(StrataContext) context = NULL;
  g_autofree char *path = g_build_filename (dir, "zh.pdf", NULL);
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *text = NULL;
  Result r = { 0, };
  int n_pages = 0;

  g_assert_no_error (error);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  context = strata_context_new (ws);
  strata_context_finish_scoring (context);
  strata_report_export_to_path (NULL, context, path, STRATA_REPORT_PAPER_A4, "zh_CN", done_cb, &r);
  g_assert_cmpstr (_("Contents"), ==, "Contents");
  wait_done (&r);
  g_assert_no_error (r.error);
  text = first_pages_text (path, &n_pages);
  g_assert_nonnull (strstr (text, "目录"));
  g_assert_null (strstr (text, "Contents"));
  g_assert_null (g_getenv ("LANGUAGE"));
}

static gboolean
cancel_progress (gpointer data)
{
  GtkWindow *w = find_progress_window (data);

  if (w != NULL)
    gtk_window_close (w);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(StrataContext) context = NULL;
  g_autofree char *path = g_build_filename (dir, "cancel.pdf", NULL);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *progress;
  Result r = { 0, };

  g_assert_no_error (error);
  context = strata_context_new (ws);
  strata_context_finish_scoring (context);
  gtk_window_present (parent);
  strata_report_export_to_path (parent, context, path, STRATA_REPORT_PAPER_A4, NULL, done_cb, &r);
  progress = find_progress_window (parent);
  g_assert_nonnull (progress);
  /* Closing the progress window cancels, before the worker got far. */
  cancel_progress (parent);
  wait_done (&r);
  if (r.ok)
    {
      /* The worker may have finished first on a fast machine. */
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  else
    {
      g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_clear_error (&r.error);
  gtk_window_destroy (parent);
}

/* Printing draws the same pages through GtkPrintOperation (exported to a
 * PDF here instead of a printer). */
static void
test_print (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(StrataReport) report = NULL;
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  StrataReportOptions options = { .language = "en" };
  int n_pages = 0;

  g_assert_no_error (error);
  report = strata_report_new (ws, &options, &error);
  g_assert_no_error (error);
  op = strata_report_print_operation_new (report);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_export_filename (op, path);
  g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  text = first_pages_text (path, &n_pages);
  g_assert_cmpint (n_pages, ==, (int) strata_report_get_n_pages (report));
  g_assert_cmpint (n_pages, >, 8);
  g_assert_nonnull (strstr (text, "Contents"));
  g_assert_nonnull (strstr (text, "Page 3 of"));
}

static void
test_no_workspace (void)
{
  g_autofree char *path = g_build_filename (dir, "none.pdf", NULL);
  Result r = { 0, };

  strata_report_export_to_path (NULL, NULL, path, STRATA_REPORT_PAPER_A4, NULL, done_cb, &r);
  wait_done (&r);
  g_assert_false (r.ok);
  g_assert_nonnull (r.error);
  g_clear_error (&r.error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_unsetenv ("LANGUAGE");
  gtk_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("strata-report-export-XXXXXX", &error);
  g_assert_no_error (error);
  ws_path = g_build_filename (dir, "demo.strata", NULL);
  g_assert_true (strata_demo_write (ws_path, 2000, 7, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/report-export/export", test_export);
  g_test_add_func ("/report-export/cancel", test_cancel);
  g_test_add_func ("/report-export/no-workspace", test_no_workspace);
  g_test_add_func ("/report-export/print", test_print);
  g_test_add_func ("/report-export/chinese", test_export_chinese);
  status = g_test_run ();

  test_remove_dir (dir);
  g_free (ws_path);
  g_free (dir);
  return status;
}
