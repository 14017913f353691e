/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the order-line import's files: its per-customer totals and
 * catalogue (strata-import-orders.c), their writes (strata-order-resolve.c)
 * and the state that grows with the lines once it outgrows memory: rows in
 * a temporary table on the import's connection, aggregated when the file
 * has been read (strata-order-spill.c). */
#pragma once

#include "strata-import-private.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

/* One customer's (with a split: one customer's in one period) totals. */
typedef struct
{
  const char *ext_id;      /* in the import's string chunk */
  const char *period;      /* with a split, else NULL */
  gint64      customer_id;
  double      amount;
  guint       n_orders;
  guint       n_products;
  guint       n_months;
  gint64      last_day;
  gboolean    has_last;
  guint       first_line;  /* in-memory ProductLine index + 1, 0: none */
  gboolean    unattributed; /* some line names no product */
} StrataOrderAgg;

/* What one line (or, when the in-memory state is written out, one of its
 * entries) adds. */
typedef struct
{
  guint       agg;
  gint64      seq;         /* order of appearance of (agg, product) */
  int         product;     /* catalogue index, -1: none */
  double      amount;      /* added to (agg, product) */
  gboolean    sold;        /* not a cancellation: the product counts */
  const char *invoice;     /* the order it belongs to, or NULL ... */
  gboolean    has_day;     /* ... its day (day_code) */
  gint64      day_code;
  gint64      month;       /* -1: none */
} StrataOrderRow;

typedef struct
{
  char     *code;
  char     *description;
  gint64    id;
  gint64    first_day, last_day;
  gboolean  sold;
} StrataOrderProduct;

/* Steps a statement that returns no row, or one that is not read. */
gboolean strata_order_step_done          (StrataImportSession  *s,
                                          sqlite3_stmt         *stmt,
                                          GError              **error);
/* Every agg's customer exists, once; sets customer_id. */
gboolean strata_order_resolve_customers  (StrataImportSession  *s,
                                          GArray               *aggs,
                                          GError              **error);
/* The products (StrataOrderProduct) join the catalogue; sets id. */
gboolean strata_order_resolve_products   (StrataImportSession  *s,
                                          GArray               *products,
                                          GError              **error);

typedef struct _StrataOrderSpill StrataOrderSpill;

typedef void (*StrataOrderRevenueFunc) (guint    product,
                                        gint64   cents,
                                        gpointer data);

StrataOrderSpill *strata_order_spill_new     (StrataWorkspace        *ws,
                                              GError                **error);
gboolean          strata_order_spill_add     (StrataOrderSpill       *sp,
                                              const StrataOrderRow   *row,
                                              GError                **error);
/* Sets every agg's n_orders, n_months and n_products from the rows and
 * rounds its product amounts to cents as the in-memory import does;
 * *buffer_bytes: the most it held for one agg. */
gboolean          strata_order_spill_finish  (StrataOrderSpill       *sp,
                                              GArray                 *aggs,
                                              gsize                  *buffer_bytes,
                                              GError                **error);
/* Calls func with agg's non-zero product amounts, in the in-memory
 * import's order (the latest product first). */
gboolean          strata_order_spill_revenue (StrataOrderSpill       *sp,
                                              guint                   agg,
                                              StrataOrderRevenueFunc  func,
                                              gpointer                data,
                                              GError                **error);
void              strata_order_spill_free    (StrataOrderSpill       *sp);

G_END_DECLS
