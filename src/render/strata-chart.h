/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every chart offers: draw into any cairo context at any size, an
 * accessible text summary, and the same data as a table. The window's chart
 * widgets, the presentation, the PDF and the export use only this. */
#pragma once

#include <glib-object.h>
#include <cairo.h>

#include "strata-chart-style.h"

G_BEGIN_DECLS

/* A tier as the charts need it: plain, already localized. */
typedef struct
{
  int         id;
  const char *label;   /* "A", or "A · Strategic" */
  const char *colour;  /* "#rrggbb" */
} StrataChartTier;

#define STRATA_TYPE_CHART (strata_chart_get_type ())
G_DECLARE_INTERFACE (StrataChart, strata_chart, STRATA, CHART, GObject)

struct _StrataChartInterface
{
  GTypeInterface parent_iface;

  void       (*draw)            (StrataChart            *chart,
                                 cairo_t                *cr,
                                 const StrataChartStyle *style,
                                 double                  width,
                                 double                  height);
  char      *(*get_description) (StrataChart            *chart);
  GPtrArray *(*get_table)       (StrataChart            *chart);
};

void       strata_chart_draw            (StrataChart            *chart,
                                         cairo_t                *cr,
                                         const StrataChartStyle *style,
                                         double                  width,
                                         double                  height);
char      *strata_chart_get_description (StrataChart            *chart);
GPtrArray *strata_chart_get_table       (StrataChart            *chart);

G_END_DECLS
