/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columnar form of a period (schema 4, table period_columns): one
 * packed little-endian array per metric in customer id order (since
 * schema 5 in the narrowest form that holds its values: see HEADER in
 * strata-period-columns.c), and the customer ids themselves (8-byte
 * integers) under the metric id STRATA_PERIOD_COLUMNS_IDS. It is a copy of period_customers.values_json:
 * triggers drop a period's columns when any of its rows changes, and
 * strata_workspace_commit() rebuilds every period that has none before it
 * commits, so committed columns are never stale. */
#pragma once

#include "strata-period-values.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

/* The metric id of the customer ids' array (metric ids are never negative). */
#define STRATA_PERIOD_COLUMNS_IDS G_GINT64_CONSTANT (-1)

typedef struct
{
  guint    n;           /* customers */
  gint64  *ids;         /* n ids, ascending */
  guint    n_metrics;
  double **columns;     /* n_metrics columns of n values (NULL: no value at all) */
} StrataPeriodColumns;

void     strata_period_columns_clear   (StrataPeriodColumns *columns);

/* Reads the columns of metric_ids (n_metrics of them) into *out in one
 * read transaction. FALSE when the period has no (or no usable) columns,
 * or the file has no such table: the caller reads values_json instead. */
gboolean strata_period_columns_read    (StrataWorkspace     *workspace,
                                        gint64               period_id,
                                        const gint64        *metric_ids,
                                        guint                n_metrics,
                                        StrataPeriodColumns *out);

/* The number of customers in the period from its columns, or -1 when it
 * has none. */
gint64   strata_period_columns_count   (StrataWorkspace     *workspace,
                                        gint64               period_id);

/* Writes the period's columns from its values_json (inside a transaction).
 * A row whose values cannot be read leaves the period without columns
 * (its loads report the damage as before); only SQL errors fail. */
gboolean strata_period_columns_rebuild (StrataWorkspace     *workspace,
                                        gint64               period_id,
                                        GError             **error);

/* A period's columns gathered from values in hand, as an import has them:
 * customers in any order (each once), each with its values (metric ids
 * in any order, a metric given at most once per customer). Written, it is
 * byte for byte what strata_period_columns_rebuild() makes of the rows the
 * same values are written to, so the commit finds nothing to rebuild. */
typedef struct _StrataPeriodColumnsBuilder StrataPeriodColumnsBuilder;

StrataPeriodColumnsBuilder *strata_period_columns_builder_new  (void);
void     strata_period_columns_builder_free (StrataPeriodColumnsBuilder *builder);
/* Kept for callers: the builder holds one chunk of customers in memory
 * and spills the rest to a temporary file, so there is nothing to reserve. */
void     strata_period_columns_builder_reserve (StrataPeriodColumnsBuilder *builder,
                                                guint                       n);
void     strata_period_columns_builder_add  (StrataPeriodColumnsBuilder *builder,
                                             gint64                      customer_id,
                                             const StrataMetricValue    *values,
                                             guint                       n_values);
/* Replaces the period's columns with the builder's (sorted by customer id
 * first when they were not added in that order). Call it after the last
 * write to the period's rows in the transaction: the triggers drop the
 * columns on any later one. A value values_json cannot hold (infinite,
 * NaN) leaves the period without columns, as the rebuild would. */
gboolean strata_period_columns_builder_write (StrataPeriodColumnsBuilder *builder,
                                              StrataWorkspace            *workspace,
                                              gint64                      period_id,
                                              GError                    **error);

/* The most bytes of arrays any builder has held at once in this process
 * (its chunk, and while writing customers added out of id order, their
 * sort): bounded, not growing with the customers. reset: start again. */
gsize    strata_period_columns_builder_peak_bytes (gboolean reset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataPeriodColumnsBuilder, strata_period_columns_builder_free)

/* Rebuilds every period that has no columns (strata_workspace_commit). */
gboolean strata_period_columns_rebuild_missing (StrataWorkspace  *workspace,
                                                GError          **error);

G_END_DECLS
