/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-chart-style.h"

#include <math.h>

#include "strata-render-util.h"
#include "strata-chart-style-private.h"

#define DEFAULT_FONT "Cantarell, Noto Sans CJK SC, sans-serif"

static StrataRgba
rgb (guint32 v)
{
  return (StrataRgba) { ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0,
                        (v & 0xff) / 255.0, 1.0 };
}

static StrataRgba
rgba (guint32 v, double a)
{
  StrataRgba c = rgb (v);
  c.a = a;
  return c;
}

StrataChartStyle *
strata_chart_style_new (StrataChartTheme theme)
{
  StrataChartStyle *style = g_new0 (StrataChartStyle, 1);

  style->theme = theme;
  style->font_family = g_strdup (DEFAULT_FONT);
  style->font_size = 13;
  style->scale = 1;
  style->min_font_size = 9;
  style->line_width = 1;
  strata_number_format_init_for_language (&style->numbers, g_get_language_names ()[0]);

  /* Colours follow the libadwaita palette so charts sit well in the window;
   * grid and secondary text keep at least 4.5:1 contrast for text. */
  switch (theme)
    {
    case STRATA_CHART_THEME_LIGHT:
      style->background = rgb (0xffffff);
      style->surface = rgba (0xfafafa, 0.92);
      style->text = rgb (0x1e1e1e);
      style->text_secondary = rgb (0x5e5c64);
      style->grid = rgb (0xe6e6e8);
      style->axis = rgb (0x77767b);
      style->threshold = rgb (0xc01c28);
      style->accent = rgb (0x1c71d8);
      style->density = rgb (0x1a5fb4);
      break;
    case STRATA_CHART_THEME_DARK:
      style->background = rgb (0x242424);
      style->surface = rgba (0x303030, 0.92);
      style->text = rgb (0xffffff);
      style->text_secondary = rgb (0xc0bfbc);
      style->grid = rgb (0x3a3a3c);
      style->axis = rgb (0x9a9996);
      style->threshold = rgb (0xff7b63);
      style->accent = rgb (0x78aeed);
      style->density = rgb (0x99c1f1);
      break;
    case STRATA_CHART_THEME_HIGH_CONTRAST:
      style->background = rgb (0xffffff);
      style->surface = rgba (0xffffff, 0.97);
      style->text = rgb (0x000000);
      style->text_secondary = rgb (0x1e1e1e);
      style->grid = rgb (0xb0b0b0);
      style->axis = rgb (0x000000);
      style->threshold = rgb (0xa51d2d);
      style->accent = rgb (0x0b3d91);
      style->density = rgb (0x0b3d91);
      style->line_width = 1.5;
      break;
    case STRATA_CHART_THEME_PROJECTOR:
      /* Dark room, far seats: large type, thick lines, strong contrast. */
      style->background = rgb (0x000000);
      style->surface = rgba (0x1a1a1a, 0.95);
      style->text = rgb (0xffffff);
      style->text_secondary = rgb (0xe0e0e0);
      style->grid = rgb (0x4a4a4a);
      style->axis = rgb (0xdeddda);
      style->threshold = rgb (0xffa348);
      style->accent = rgb (0x62a0ea);
      style->density = rgb (0x99c1f1);
      style->font_size = 24;
      style->min_font_size = 24;
      style->line_width = 2.5;
      break;
    default:
      g_assert_not_reached ();
    }
  return style;
}

void
strata_chart_style_free (StrataChartStyle *style)
{
  if (style == NULL)
    return;
  g_free (style->font_family);
  g_free (style->currency);
  g_free (style);
}

void
strata_chart_style_set_font (StrataChartStyle *style,
                             const char       *family,
                             double            size)
{
  g_return_if_fail (style != NULL);
  if (family != NULL)
    {
      g_free (style->font_family);
      style->font_family = g_strdup (family);
    }
  if (size > 0)
    style->font_size = size;
}

void
strata_chart_style_set_language (StrataChartStyle *style,
                                 const char       *language)
{
  g_return_if_fail (style != NULL);
  strata_number_format_init_for_language (&style->numbers, language);
}

void
strata_chart_style_set_currency (StrataChartStyle *style,
                                 const char       *symbol)
{
  g_return_if_fail (style != NULL);
  g_free (style->currency);
  style->currency = g_strdup (symbol);
}

double
strata_chart_style_px (const StrataChartStyle *style,
                       double                  px)
{
  return px * style->scale;
}

double
strata_chart_style_font_px (const StrataChartStyle *style,
                            StrataTextRole          role)
{
  static const double factor[] = { 1.55, 1.15, 1.0, 0.88 };
  double size = style->font_size * factor[role];

  return MAX (size, style->min_font_size) * style->scale;
}

PangoLayout *
strata_chart_style_layout (const StrataChartStyle *style,
                           cairo_t                *cr,
                           StrataTextRole          role,
                           const char             *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (style->font_family);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics must not depend on the surface's hinting, or hit boxes and
   * label placement would differ between the window and the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (desc,
                                            strata_chart_style_font_px (style, role) * PANGO_SCALE);
  if (role == STRATA_TEXT_TITLE || role == STRATA_TEXT_HEADING)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  /* Tabular figures so that columns of numbers line up. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  return layout;
}

void
strata_chart_style_text_size (const StrataChartStyle *style,
                              cairo_t                *cr,
                              StrataTextRole          role,
                              const char             *text,
                              double                 *width,
                              double                 *height)
{
  g_autoptr(PangoLayout) layout = strata_chart_style_layout (style, cr, role, text);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

void
strata_chart_style_draw_text (const StrataChartStyle *style,
                              cairo_t                *cr,
                              StrataTextRole          role,
                              const char             *text,
                              double                  x,
                              double                  y,
                              double                  halign,
                              double                  valign,
                              const StrataRgba       *colour)
{
  g_autoptr(PangoLayout) layout = strata_chart_style_layout (style, cr, role, text);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  strata_rgba_set_source (cr, colour != NULL ? colour : &style->text);
  cairo_move_to (cr, x - halign * logical.width / (double) PANGO_SCALE,
                 y - valign * logical.height / (double) PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);  /* the layout leaves a current point: the next arc would join it */
  cairo_restore (cr);
}

void
strata_rgba_set_source (cairo_t          *cr,
                        const StrataRgba *colour)
{
  cairo_set_source_rgba (cr, colour->r, colour->g, colour->b, colour->a);
}

StrataRgba
strata_rgba_parse (const char *spec)
{
  StrataRgba c = { 0.5, 0.5, 0.5, 1 };

  strata_render_parse_colour (spec, &c.r, &c.g, &c.b);
  return c;
}

StrataRgba
strata_rgba_mix (const StrataRgba *a,
                 const StrataRgba *b,
                 double            t)
{
  return (StrataRgba) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
                        a->b + (b->b - a->b) * t, a->a + (b->a - a->a) * t };
}

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
strata_rgba_luminance (const StrataRgba *colour)
{
  return 0.2126 * channel (colour->r) + 0.7152 * channel (colour->g)
         + 0.0722 * channel (colour->b);
}

StrataRgba
strata_rgba_text_on (const StrataRgba *background)
{
  /* Pick whichever of black and white contrasts more (WCAG ratio). */
  double l = strata_rgba_luminance (background);

  if ((l + 0.05) / 0.05 > 1.05 / (l + 0.05))
    return rgb (0x000000);
  return rgb (0xffffff);
}
