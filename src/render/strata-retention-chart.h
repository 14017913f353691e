/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The retention chart: a panel per grouping (tiers, quadrants), each with a
 * cluster of bars per pair of consecutive periods, one bar per group: the
 * share of the group's customers of the first period still customers in
 * the next (strata-retention.h). Rates are on a shared 0–100% axis. */
#pragma once

#include "strata-chart.h"
#include "strata-retention.h"
#include "strata-rules.h"

G_BEGIN_DECLS

#define STRATA_TYPE_RETENTION_CHART (strata_retention_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataRetentionChart, strata_retention_chart, STRATA, RETENTION_CHART, GObject)

StrataRetentionChart *strata_retention_chart_new (void);
/* Either retention may be NULL (no panel); rules name and colour the tiers
 * and quadrants (NULL: ids and the default colours). Groups without
 * customers in any pair are left out. The chart copies what it needs. */
void       strata_retention_chart_set_retention (StrataRetentionChart   *self,
                                                 const StrataRetention  *by_tier,
                                                 const StrataRetention  *by_quadrant,
                                                 const StrataRules      *rules);
guint      strata_retention_chart_get_n_panels  (StrataRetentionChart   *self);
guint      strata_retention_chart_get_n_groups  (StrataRetentionChart   *self,
                                                 guint                   panel);
guint      strata_retention_chart_get_n_pairs   (StrataRetentionChart   *self);
/* The group's id ("A", a tier id) in the panel, or NULL. */
const char *strata_retention_chart_get_group_id (StrataRetentionChart   *self,
                                                 guint                   panel,
                                                 guint                   group);
void       strata_retention_chart_draw          (StrataRetentionChart   *self,
                                                 cairo_t                *cr,
                                                 const StrataChartStyle *style,
                                                 double                  width,
                                                 double                  height);
/* Geometry of the last draw: a group's bar for a pair, and the panel's plot
 * area (the bars' 0% to 100% span); FALSE when not drawn (no customers). */
gboolean   strata_retention_chart_get_bar       (StrataRetentionChart   *self,
                                                 guint                   panel,
                                                 guint                   pair,
                                                 guint                   group,
                                                 cairo_rectangle_t      *bar);
gboolean   strata_retention_chart_get_plot      (StrataRetentionChart   *self,
                                                 guint                   panel,
                                                 cairo_rectangle_t      *plot);
char      *strata_retention_chart_get_description (StrataRetentionChart *self);
GPtrArray *strata_retention_chart_get_table     (StrataRetentionChart   *self);

/* "Q1 → Q2": how the charts and tables name a pair of periods. */
char      *strata_retention_pair_label          (const char             *from,
                                                 const char             *to);

G_END_DECLS
