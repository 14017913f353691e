/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole period's rows in the order of a column, kept for the next
 * query of the Customers list: clearing a search or a tier filter shows
 * the order it had (sorting a million rows again took 40–60 ms of a worker
 * on a slow machine), a tier filter reads its rows out of it already
 * sorted, and going back to the column before finds it too. The orders of
 * the last STRATA_SORTED_ROWS_KEPT columns are kept, for one period and
 * one result: a query on other data or other scores drops them, so that
 * no result is held alive for them. Thread-safe (queries run on workers). */
#pragma once

#include <glib.h>

#include "strata-customer-view.h"
#include "strata-engine.h"

G_BEGIN_DECLS

#define STRATA_SORTED_ROWS_KEPT 3

typedef struct _StrataSortedRows StrataSortedRows;

/* What an order is the order of: the rows of data, scored in result, by
 * column; by_id (the rows in id order) and name_rank (NAME only) are the
 * orders the sort used, compared by identity. */
typedef struct
{
  const StrataPeriodData *data;
  StrataResult           *result;
  GBytes                 *by_id;
  GBytes                 *name_rank;
  StrataCustomerSort      column;
} StrataSortedRowsKey;

StrataSortedRows *strata_sorted_rows_new    (void);
StrataSortedRows *strata_sorted_rows_ref    (StrataSortedRows          *self);
void              strata_sorted_rows_unref  (StrataSortedRows          *self);
/* The kept order of every row for key, in the given direction (a reversal
 * of the ascending one, as strata_customer_order_sort() makes it), or
 * NULL. Unchanged: the caller must not write to it. */
GArray           *strata_sorted_rows_lookup (StrataSortedRows          *self,
                                             const StrataSortedRowsKey *key,
                                             gboolean                   descending);
/* Keeps rows (referenced, not copied: it must not change any more), the
 * order of every row for key in that direction. */
void              strata_sorted_rows_store  (StrataSortedRows          *self,
                                             const StrataSortedRowsKey *key,
                                             gboolean                   descending,
                                             GArray                    *rows);
/* Drops every order (the period went). */
void              strata_sorted_rows_clear  (StrataSortedRows          *self);
/* Lookups answered from what was kept, for the tests and benchmarks. */
guint             strata_sorted_rows_get_hits (StrataSortedRows        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataSortedRows, strata_sorted_rows_unref)

G_END_DECLS
