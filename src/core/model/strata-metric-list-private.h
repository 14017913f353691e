/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-metric-list.h. */
#pragma once

#include "strata-metric-list.h"

G_BEGIN_DECLS

/* Creates a metric in the workspace (see strata_metric_create) and returns
 * it as an item of this list (transfer none). */
StrataMetric     *strata_metric_list_create       (StrataMetricList  *self,
                                                   const char        *key,
                                                   const char        *label,
                                                   const char        *label_zh_cn,
                                                   const char        *label_zh_tw,
                                                   StrataMetricKind   kind,
                                                   const char        *unit,
                                                   GError           **error);

/* For matching import headers: the metric whose key, English, Simplified
 * or Traditional Chinese label equals text, ignoring case and surrounding
 * white space. Keys win over labels. Transfer none; NULL when none. */
StrataMetric     *strata_metric_list_lookup_label (StrataMetricList  *self,
                                                   const char        *text);

G_END_DECLS
