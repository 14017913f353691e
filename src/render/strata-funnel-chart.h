/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The traffic funnel chart: a panel per group (quadrant, tier, or a
 * customer and its quadrant's median), each a column of four centred bars
 * (impressions, clicks, inquiries, orders) with the conversion rate
 * between them; the weakest step's rate is marked. Bar widths are on a
 * logarithmic scale shared by all panels, so that orders stay visible
 * beside impressions a thousand times larger. */
#pragma once

#include "strata-chart.h"
#include "strata-funnel.h"

G_BEGIN_DECLS

typedef struct
{
  const char *title;                          /* "A · Head customers" */
  const char *subtitle;                       /* "152 customers", or NULL */
  const char *colour;                         /* "#rrggbb", NULL: the accent */
  double      values[STRATA_FUNNEL_N_STEPS];  /* NaN: missing */
  double      rates[STRATA_FUNNEL_N_STEPS];   /* [1..3], NaN: no rate */
  int         weakest;                        /* a step, or STRATA_FUNNEL_NO_STEP */
} StrataFunnelChartGroup;

#define STRATA_TYPE_FUNNEL_CHART (strata_funnel_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataFunnelChart, strata_funnel_chart, STRATA, FUNNEL_CHART, GObject)

StrataFunnelChart *strata_funnel_chart_new          (void);
void       strata_funnel_chart_set_groups           (StrataFunnelChart            *self,
                                                     const StrataFunnelChartGroup *groups,
                                                     guint                         n_groups);
/* A panel per group of the funnel that has customers ("none" left out);
 * fmt formats the customer counts (NULL: the default). */
void       strata_funnel_chart_set_funnel           (StrataFunnelChart            *self,
                                                     const StrataFunnel           *funnel,
                                                     const StrataNumberFormat     *fmt);
/* Two panels: the customer, and its quadrant's median. */
void       strata_funnel_chart_set_customer         (StrataFunnelChart            *self,
                                                     const StrataFunnelCustomer   *customer);
guint      strata_funnel_chart_get_n_groups         (StrataFunnelChart            *self);
void       strata_funnel_chart_draw                 (StrataFunnelChart            *self,
                                                     cairo_t                      *cr,
                                                     const StrataChartStyle       *style,
                                                     double                        width,
                                                     double                        height);
/* Geometry of the last draw: a step's bar and the rate label above it
 * (step >= 1); FALSE when not drawn. */
gboolean   strata_funnel_chart_get_bar              (StrataFunnelChart            *self,
                                                     guint                         group,
                                                     guint                         step,
                                                     cairo_rectangle_t            *bar);
gboolean   strata_funnel_chart_get_rate_box         (StrataFunnelChart            *self,
                                                     guint                         group,
                                                     guint                         step,
                                                     cairo_rectangle_t            *box);
/* The colour of the weakest step's rate. */
StrataRgba strata_funnel_chart_weak_colour          (const StrataChartStyle       *style);
char      *strata_funnel_chart_get_description      (StrataFunnelChart            *self);
GPtrArray *strata_funnel_chart_get_table            (StrataFunnelChart            *self);

G_END_DECLS
