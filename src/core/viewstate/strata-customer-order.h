/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sorting the Customers page's rows without comparisons: the rows are
 * put in customer-id order (a permutation computed once per period), then
 * sorted by one integer key per row with a stable radix sort, so ties keep
 * the id order, exactly as strata_customer_view_compare() orders them. At
 * a million rows that is tens of milliseconds where a comparison sort
 * takes a second. */
#pragma once

#include "strata-customer-view.h"

G_BEGIN_DECLS

/* The rows 0..n-1 of strings by ext id (strcmp, then row): a permutation,
 * or NULL when that is 0..n-1 itself (the rows of a period come in id
 * order: no array of 4 bytes a customer for it). */
guint32  *strata_customer_order_by_id     (const StrataPeriodData *strings,
                                           guint                   n);
/* The bytes g_utf8_collate_key () gives text, three to four times sooner
 * for text of ASCII and CJK ideographs only (a million Chinese names:
 * 3.2 s -> 0.8 s in zh_CN). */
char     *strata_customer_order_collate_key (const char          *text);
/* Dense rank of each row's name in the locale's collation (equal names
 * share a rank); slow (a collation key per name): run it on a worker. */
guint32  *strata_customer_order_name_rank (const StrataPeriodData *strings,
                                           guint                   n);
/* What name ranks depend on besides the names, to keep them by
 * (strata-name-ranks.h): LC_COLLATE, the C library that implements it
 * and how keys are made here. */
char     *strata_customer_order_collation (void);
/* A 64-bit hash of every row's name in row order (not for security:
 * it tells whether ranks kept earlier were computed from these names). */
guint64   strata_customer_order_names_hash (const StrataPeriodData *strings,
                                            guint                   n);
/* The same for the ext ids, in g_utf8_collate () order (the Quadrant
 * table's ID column). */
guint32  *strata_customer_order_id_rank   (const StrataPeriodData *strings,
                                           guint                   n);
/* 1 for each name that g_utf8_casefold() leaves as it is
 * (StrataCustomerColumns.name_is_folded); a pass over every name. */
guint8   *strata_customer_order_name_is_folded (const StrataPeriodData *strings,
                                               guint                   n);
/* Sorts rows (n_rows distinct rows of cols) in place by column, ascending
 * (descending: the exact reverse). by_id is strata_customer_order_by_id()
 * (NULL: the rows are in id order);
 * name_rank is needed for STRATA_CUSTOMER_SORT_NAME. */
void      strata_customer_order_sort      (const StrataCustomerColumns *cols,
                                           const guint32               *by_id,
                                           const guint32               *name_rank,
                                           StrataCustomerSort           column,
                                           gboolean                     descending,
                                           guint                       *rows,
                                           guint                        n_rows);

G_END_DECLS
