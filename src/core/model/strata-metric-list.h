/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-metric.h"
#include "strata-workspace-list.h"

G_BEGIN_DECLS

#define STRATA_TYPE_METRIC_LIST (strata_metric_list_get_type ())
G_DECLARE_FINAL_TYPE (StrataMetricList, strata_metric_list, STRATA, METRIC_LIST,
                      StrataWorkspaceList)

/* A GListModel of StrataMetric: the workspace's metrics in their display
 * order. It reloads on the workspace's changed::metrics and changed::all,
 * emitting items-changed only for the metrics that changed. */
StrataMetricList *strata_metric_list_new          (StrataWorkspace   *workspace);

/* Reads the metrics again; FALSE (and the list unchanged) on a read error. */
gboolean          strata_metric_list_reload       (StrataMetricList  *self,
                                                   GError           **error);

/* Transfer none; NULL when there is no such metric. */
StrataMetric     *strata_metric_list_lookup_key   (StrataMetricList  *self,
                                                   const char        *key);
StrataMetric     *strata_metric_list_lookup_id    (StrataMetricList  *self,
                                                   gint64             id);

G_END_DECLS
