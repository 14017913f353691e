/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a chart looks: theme colours, font, sizes and number format. One
 * style draws the window (light or dark), the projector and the PDF; all
 * text goes through PangoCairo so that Chinese falls back to a CJK font. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "strata-format.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_CHART_THEME_LIGHT,
  STRATA_CHART_THEME_DARK,
  STRATA_CHART_THEME_HIGH_CONTRAST,
  STRATA_CHART_THEME_PROJECTOR,
} StrataChartTheme;

typedef enum
{
  STRATA_TEXT_TITLE,   /* chart title */
  STRATA_TEXT_HEADING, /* quadrant names, panel titles */
  STRATA_TEXT_LABEL,   /* data labels, legends */
  STRATA_TEXT_SMALL,   /* tick labels, secondary lines */
} StrataTextRole;

typedef struct
{
  double r, g, b, a;
} StrataRgba;

typedef struct
{
  StrataChartTheme   theme;
  char              *font_family;
  double             font_size;   /* base size in device units at scale 1 */
  double             scale;       /* multiplies every size: type, lines, points */
  double             min_font_size; /* the projector wants nothing below 24 px */
  StrataRgba         background;
  StrataRgba         surface;     /* panels, label boxes */
  StrataRgba         text;
  StrataRgba         text_secondary;
  StrataRgba         grid;
  StrataRgba         axis;
  StrataRgba         threshold;
  StrataRgba         accent;      /* selection, highlights */
  StrataRgba         density;     /* density cells when not coloured by tier */
  double             line_width;
  StrataNumberFormat numbers;
  char              *currency;    /* money symbol, NULL for none */
} StrataChartStyle;

StrataChartStyle *strata_chart_style_new          (StrataChartTheme        theme);
void              strata_chart_style_free         (StrataChartStyle       *style);
void              strata_chart_style_set_font     (StrataChartStyle       *style,
                                                   const char             *family,
                                                   double                  size);
void              strata_chart_style_set_language (StrataChartStyle       *style,
                                                   const char             *language);

double            strata_chart_style_font_px      (const StrataChartStyle *style,
                                                   StrataTextRole          role);
double            strata_chart_style_px           (const StrataChartStyle *style,
                                                   double                  px);
PangoLayout      *strata_chart_style_layout       (const StrataChartStyle *style,
                                                   cairo_t                *cr,
                                                   StrataTextRole          role,
                                                   const char             *text);
void              strata_chart_style_text_size    (const StrataChartStyle *style,
                                                   cairo_t                *cr,
                                                   StrataTextRole          role,
                                                   const char             *text,
                                                   double                 *width,
                                                   double                 *height);
void              strata_chart_style_draw_text    (const StrataChartStyle *style,
                                                   cairo_t                *cr,
                                                   StrataTextRole          role,
                                                   const char             *text,
                                                   double                  x,
                                                   double                  y,
                                                   double                  halign,
                                                   double                  valign,
                                                   const StrataRgba       *colour);

void              strata_rgba_set_source          (cairo_t                *cr,
                                                   const StrataRgba       *colour);
StrataRgba        strata_rgba_parse               (const char             *spec);
StrataRgba        strata_rgba_mix                 (const StrataRgba       *a,
                                                   const StrataRgba       *b,
                                                   double                  t);
double            strata_rgba_luminance           (const StrataRgba       *colour);
StrataRgba        strata_rgba_text_on             (const StrataRgba       *background);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataChartStyle, strata_chart_style_free)

G_END_DECLS
