/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-chart-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <gio/gio.h>
#include "strata-i18n.h"
#include <glib/gstdio.h>
#include <math.h>

gboolean
strata_chart_export_format_for_path (const char         *path,
                                     StrataExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = STRATA_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = STRATA_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = STRATA_EXPORT_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_status (cairo_status_t status,
              const char    *path,
              GError       **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, status == CAIRO_STATUS_WRITE_ERROR ? G_IO_ERROR_FAILED
                                                                     : G_IO_ERROR_INVALID_DATA,
               _("Cannot write the chart to “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

/* The heading band's height for a page of height h: readable on a slide,
 * small beside a large chart. */
static double
caption_height (double h)
{
  return CLAMP (h * 0.09, 32, 120);
}

/* Title and subtitle on one line at the left of the band, the subtitle
 * in the secondary colour; the band is the chart's background. */
static void
draw_caption (cairo_t                *cr,
              const StrataChartStyle *style,
              double                  width,
              double                  band,
              const char             *title,
              const char             *subtitle)
{
  g_autoptr(StrataChartStyle) big = NULL;
  double margin = band * 0.4, x = margin, tw = 0, th = 0;

  strata_rgba_set_source (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, band);
  cairo_fill (cr);
  /* Type sized to the band, so a 4K export is not a speck of text. */
  big = strata_chart_style_new (style->theme);
  strata_chart_style_set_font (big, style->font_family, band * 0.3);
  if (title != NULL && *title != '\0')
    {
      strata_chart_style_text_size (big, cr, STRATA_TEXT_TITLE, title, &tw, &th);
      strata_chart_style_draw_text (big, cr, STRATA_TEXT_TITLE, title, x, band / 2, 0, 0.5, &style->text);
      x += tw + band * 0.3;
    }
  if (subtitle != NULL && *subtitle != '\0')
    strata_chart_style_draw_text (big, cr, STRATA_TEXT_HEADING, subtitle, x, band / 2, 0, 0.5,
                                  &style->text_secondary);
}

gboolean
strata_chart_export (StrataChart            *chart,
                     const StrataChartStyle *style,
                     StrataExportFormat      format,
                     const char             *path,
                     double                  width,
                     double                  height,
                     GError                **error)
{
  return strata_chart_export_captioned (chart, style, format, path, width, height, NULL, NULL, error);
}

gboolean
strata_chart_export_captioned (StrataChart            *chart,
                               const StrataChartStyle *style,
                               StrataExportFormat      format,
                               const char             *path,
                               double                  width,
                               double                  height,
                               const char             *title,
                               const char             *subtitle,
                               GError                **error)
{
  double band = 0;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (STRATA_IS_CHART (chart), FALSE);
  g_return_val_if_fail (style != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(width >= 1 && height >= 1 && width <= 20000 && height <= 20000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot write the chart to “%s”: the size %g × %g is not between 1 and 20000"),
                   path, width, height);
      return FALSE;
    }

  /* Write next to the target and rename, so a failed export never leaves
   * a truncated file where a good one was. */
  tmp = g_strdup_printf ("%s.tmp-%u", path, g_random_int ());
  switch (format)
    {
    case STRATA_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width),
                                            (int) ceil (height));
      break;
    case STRATA_EXPORT_SVG:
      surface = cairo_svg_surface_create (tmp, width, height);
      break;
    case STRATA_EXPORT_PDF:
      surface = cairo_pdf_surface_create (tmp, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Strata");
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (!check_status (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      g_unlink (tmp);
      return FALSE;
    }

  cr = cairo_create (surface);
  if ((title != NULL && *title != '\0') || (subtitle != NULL && *subtitle != '\0'))
    {
      band = caption_height (height);
      draw_caption (cr, style, width, band, title, subtitle);
      cairo_translate (cr, 0, band);
    }
  strata_chart_draw (chart, cr, style, width, height - band);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == STRATA_EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_status (status, path, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the chart to “%s”: %s"), path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}
