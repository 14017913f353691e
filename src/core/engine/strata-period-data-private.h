/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Filling a StrataPeriodData by hand, for tests: the application loads
 * it from a workspace (strata_period_data_load). Below them, what the full
 * loader (strata-period-data.c) shares with the subset loader
 * (strata-period-data-subset.c). */
#pragma once

#include "strata-period-data.h"

G_BEGIN_DECLS

/* The process's all-NaN column of at least n values (strata-period-none.c),
 * shared by every data set; release it once per acquire. */
double *strata_period_none_acquire (gsize    n);
void    strata_period_none_release (double  *values);

guint strata_period_data_add_row      (StrataPeriodData *data,
                                       gint64            id,
                                       const char       *ext_id,
                                       const char       *name);
void  strata_period_data_set_value    (StrataPeriodData *data,
                                       guint             row,
                                       const char       *metric,
                                       double            value);
/* n rows (ids 1..n) with these ext ids and names, and no metrics. */
StrataPeriodData *strata_period_data_new_customers (const char * const *ext_ids,
                                                    const char * const *names,
                                                    guint               n);
void  strata_period_data_add_override (StrataPeriodData *data,
                                       guint             row,
                                       const char       *tier,
                                       const char       *reason,
                                       const char       *author,
                                       const char       *created_at);

/* How many times a period's rows or columns were read from a file (full,
 * subset and left-out column loads; not a cached one), in this process:
 * tests check that a page shares the window's data instead. */
guint strata_period_data_get_reads    (void);

/* The workspace's metrics, as the loaders read them. */
typedef struct
{
  GArray    *ids;        /* of gint64: metrics.id, in the loaders' order (position, id) */
  GPtrArray *keys;       /* their keys, NULL-terminated */
  GPtrArray *labels;     /* in the user's language (else the English label, else the key), NULL-terminated */
  int       *column_of;  /* metric id -> index into ids, or -1 */
  gint64     n_column_of;
} StrataPeriodMetrics;

/* TRUE for SQLITE_DONE, else FALSE with the workspace's error about what. */
gboolean strata_period_data_step_done     (StrataWorkspace      *workspace,
                                           int                   rc,
                                           GError              **error,
                                           const char           *what);
/* The name of a period (newly allocated), or NULL with NO_SUCH_ITEM. */
char    *strata_period_data_read_name     (StrataWorkspace      *workspace,
                                           gint64                period_id,
                                           GError              **error);
gboolean strata_period_metrics_read       (StrataPeriodMetrics  *metrics,
                                           StrataWorkspace      *workspace,
                                           GError              **error);
void     strata_period_metrics_clear      (StrataPeriodMetrics  *metrics);
/* A customer's values_json into row of data's columns (scratch: an array
 * of StrataMetricValue to reuse); metrics the workspace no longer lists are
 * left out. */
gboolean strata_period_data_parse_row     (StrataPeriodData          *data,
                                           StrataWorkspace           *workspace,
                                           guint                      row,
                                           const StrataPeriodMetrics *metrics,
                                           const char                *json,
                                           GArray                    *scratch,
                                           GError                   **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StrataPeriodMetrics, strata_period_metrics_clear)

G_END_DECLS
