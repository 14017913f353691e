/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <poppler.h>

#include "render-demo-data.h"
#include "strata-chart-export.h"

static StrataQuadrantChart *
demo_chart (void)
{
  StrataQuadrantChart *chart = strata_quadrant_chart_new ();
  StrataQuadrantData q;
  DemoData d;

  demo_data_init (&d, 300, 9);
  demo_quadrant_data (&d, &q, TRUE);
  strata_quadrant_chart_set_data (chart, &q);
  demo_data_clear (&d);
  return chart;
}

static void
test_formats (void)
{
  g_autoptr(StrataQuadrantChart) chart = demo_chart ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-export-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "chart.PNG", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *pdf_uri = NULL;
  g_autofree char *svg_text = NULL;
  g_autofree char *pdf_head = NULL;
  StrataExportFormat format;
  cairo_surface_t *image;
  PopplerDocument *doc = NULL;
  double pw, ph;

  g_assert_no_error (error);
  g_assert_true (strata_chart_export_format_for_path (png, &format));
  g_assert_cmpint (format, ==, STRATA_EXPORT_PNG);
  g_assert_false (strata_chart_export_format_for_path ("chart.bmp", &format));

  g_assert_true (strata_chart_export (STRATA_CHART (chart), style, STRATA_EXPORT_PNG, png, 800, 500,
                                      &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 500);
  cairo_surface_destroy (image);

  g_assert_true (strata_chart_export (STRATA_CHART (chart), style, STRATA_EXPORT_SVG, svg, 800, 500,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_nonnull (strstr (svg_text, "width=\"800\""));

  g_assert_true (strata_chart_export (STRATA_CHART (chart), style, STRATA_EXPORT_PDF, pdf, 595, 420,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &pdf_head, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf_head, "%PDF"));
  pdf_uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (pdf_uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  {
    PopplerPage *page = poppler_document_get_page (doc, 0);
    g_autofree char *text = poppler_page_get_text (page);
    poppler_page_get_size (page, &pw, &ph);
    g_assert_cmpfloat_with_epsilon (pw, 595, 0.5);
    g_assert_cmpfloat_with_epsilon (ph, 420, 0.5);
    /* Text stays text (a vector chart), Chinese included. */
    g_assert_nonnull (strstr (text, "头部客户"));
    g_assert_nonnull (strstr (text, "合格上架产品数"));
    g_object_unref (page);
  }
  g_object_unref (doc);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  g_autoptr(StrataQuadrantChart) chart = demo_chart ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  g_autoptr(GError) error = NULL;

  g_assert_false (strata_chart_export (STRATA_CHART (chart), style, STRATA_EXPORT_PNG,
                                       "/nonexistent-dir/chart.png", 100, 100, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/chart.png"));
  g_clear_error (&error);

  g_assert_false (strata_chart_export (STRATA_CHART (chart), style, STRATA_EXPORT_PDF,
                                       "/tmp/x.pdf", 0, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/errors", test_errors);
  return g_test_run ();
}
