/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting a chart from a page under Xvfb: the file at the chosen size, a
 * toast naming it with an Open button, and a message dialog for a name that
 * ends in no format; the chart's name and period above it (PNG and PDF). */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "gui-test-util.h"
#include "strata-chart-export-dialog.h"
#include "strata-pyramid-chart.h"
#include "window-test-util.h"

static char *tmpdir;
static GApplication *app;
static StrataWindow *window;

static StrataChart *
pyramid (void)
{
  static const StrataChartTier tiers[] = { { 0, "A", "#1a5fb4" }, { 1, "B", "#2a9d8f" } };
  static const guint counts[] = { 3, 9 };
  StrataPyramidData d = { 2, tiers, counts, NULL, NULL, NULL, "Tier", NULL };
  StrataPyramidChart *chart = strata_pyramid_chart_new ();

  strata_pyramid_chart_set_data (chart, &d);
  return STRATA_CHART (chart);
}

static void
test_toast (void)
{
  g_autoptr(StrataChart) chart = pyramid ();
  g_autofree char *png = g_build_filename (tmpdir, "tiers.png", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "tiers.txt", NULL);
  GtkWidget *view = gtk_window_get_child (GTK_WINDOW (window));
  GtkWidget *toast_label, *open;
  AdwMessageDialog *failed;
  cairo_surface_t *image;

  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (view));

  g_assert_true (strata_chart_export_save (chart, view, "1280x720", png));
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 720);
  cairo_surface_destroy (image);

  /* The toast names the file and offers to open it. */
  gui_test_wait ((toast_label = gui_test_find_label (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                                     "Chart exported as “tiers.png”")) != NULL);
  open = gui_test_find_label (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Open");
  g_assert_nonnull (open);
  g_assert_true (gtk_widget_is_ancestor (toast_label, gtk_widget_get_parent (open)));

  /* No format in the name: nothing written, the reason in a dialog. */
  g_assert_false (strata_chart_export_save (chart, view, "shown", bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  gui_test_wait ((failed = gui_test_find_message_dialog ("Export Failed")) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failed), "must end in .png, .svg or .pdf"));
  gtk_window_destroy (GTK_WINDOW (failed));
}

/* Pixels of rows [y0, y1) of a PNG that differ from its top-left one. */
static guint
pixels_unlike_corner (const char *png,
                      int         y0,
                      int         y1)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  const guint8 *data;
  int stride;
  guint32 corner;
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  corner = *(const guint32 *) data;
  for (int y = y0; y < y1; y++)
    for (int x = 0; x < cairo_image_surface_get_width (image); x++)
      if (*(const guint32 *) (data + y * stride + x * 4) != corner)
        n++;
  cairo_surface_destroy (image);
  return n;
}

/* The chart's name and period on top of the image: text in the PDF, ink
 * in the PNG's top band (which has none without a caption). */
static void
test_caption (void)
{
  g_autoptr(StrataChart) chart = pyramid ();
  g_autoptr(StrataChart) bare = pyramid ();
  g_autofree char *png = g_build_filename (tmpdir, "captioned.png", NULL);
  g_autofree char *bare_png = g_build_filename (tmpdir, "bare.png", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "captioned.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  g_autofree char *text = NULL;

  strata_chart_export_set_caption (chart, "Tier pyramid", "2026-Q3");
  g_assert_true (strata_chart_export_to_path (chart, NULL, "1280x720", png, &error));
  g_assert_no_error (error);
  g_assert_true (strata_chart_export_to_path (bare, NULL, "1280x720", bare_png, &error));
  g_assert_no_error (error);
  /* The band is 9% of the height (65 px at 720): its upper half. */
  g_assert_cmpuint (pixels_unlike_corner (png, 8, 32), >, 200);
  g_assert_cmpuint (pixels_unlike_corner (bare_png, 8, 32), ==, 0);

  g_assert_true (strata_chart_export_to_path (chart, NULL, "842x595", pdf, &error));
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "Tier pyramid"));
  g_assert_nonnull (strstr (text, "2026-Q3"));
  g_object_unref (page);
  g_object_unref (doc);

  /* Chinese names come out as text too (Pango falls back to a CJK font). */
  strata_chart_export_set_caption (chart, "客户金字塔", "2026年第3季度");
  g_assert_true (strata_chart_export_to_path (chart, NULL, "842x595", pdf, &error));
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  g_free (text);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "客户金字塔"));
  g_object_unref (page);
  g_object_unref (doc);
  g_unlink (png);
  g_unlink (bare_png);
  g_unlink (pdf);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-chart-export");
  app = window_test_app_new (".ChartExportTest");
  window = window_test_activate (app);

  g_test_add_func ("/chart-export/toast", test_toast);
  g_test_add_func ("/chart-export/caption", test_caption);
  status = g_test_run ();

  window_test_finish (GTK_WINDOW (window), &app, &tmpdir);
  return status;
}
