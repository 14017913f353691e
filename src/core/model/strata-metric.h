/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_TYPE_METRIC (strata_metric_get_type ())
G_DECLARE_FINAL_TYPE (StrataMetric, strata_metric, STRATA, METRIC, GObject)

/* Which of a metric's labels the user's language wants. */
typedef enum
{
  STRATA_LABEL_ENGLISH,
  STRATA_LABEL_ZH_CN,
  STRATA_LABEL_ZH_TW,
} StrataLabelLanguage;

/* A metric row as stored in the workspace; immutable once made. */
StrataMetric     *strata_metric_new                 (gint64             id,
                                                     const char        *key,
                                                     const char        *label,
                                                     const char        *label_zh_cn,
                                                     const char        *label_zh_tw,
                                                     StrataMetricKind   kind,
                                                     const char        *unit,
                                                     gboolean           builtin);

gint64            strata_metric_get_id              (StrataMetric      *self);
const char       *strata_metric_get_key             (StrataMetric      *self);
const char       *strata_metric_get_label           (StrataMetric      *self);
const char       *strata_metric_get_label_zh_cn     (StrataMetric      *self);
const char       *strata_metric_get_label_zh_tw     (StrataMetric      *self);
/* The label in the current language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG):
 * Simplified or Traditional Chinese when asked for and known, else English. */
const char       *strata_metric_get_localized_label (StrataMetric      *self);
StrataMetricKind  strata_metric_get_kind            (StrataMetric      *self);
const char       *strata_metric_get_unit            (StrataMetric      *self);
gboolean          strata_metric_get_builtin         (StrataMetric      *self);

/* TRUE when text names this metric: its key or one of its labels, compared
 * case-insensitively with surrounding white space ignored. */
gboolean          strata_metric_matches_label       (StrataMetric      *self,
                                                     const char        *text);

StrataLabelLanguage strata_label_language           (void);

/* "number", "money", "count", "boolean", "date" as stored in metrics.kind. */
const char       *strata_metric_kind_to_string      (StrataMetricKind   kind);
gboolean          strata_metric_kind_from_string    (const char        *text,
                                                     StrataMetricKind  *kind);

/* Inserts the built-in metrics that are missing (never touches existing
 * rows, so it is safe to call on every workspace, any number of times). */
gboolean          strata_metrics_ensure_builtin     (StrataWorkspace   *workspace,
                                                     GError           **error);

/* Adds a user-defined metric: key is lower-case letters, digits and '_'.
 * One transaction, audited; emits changed::metrics. */
StrataMetric     *strata_metric_create              (StrataWorkspace   *workspace,
                                                     const char        *key,
                                                     const char        *label,
                                                     const char        *label_zh_cn,
                                                     const char        *label_zh_tw,
                                                     StrataMetricKind   kind,
                                                     const char        *unit,
                                                     GError           **error);

/* The id of the metric with that key, or 0 (with error set) when none. */
gint64            strata_metric_id_for_key          (StrataWorkspace   *workspace,
                                                     const char        *key,
                                                     GError           **error);

G_END_DECLS
