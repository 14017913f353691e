/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by strata-customers-page.c (the list) and
 * strata-customers-page-export.c (its CSV and Excel export). */
#pragma once

#include "strata-customer-cell.h"
#include "strata-customer-view.h"
#include "strata-customers-page.h"
#include "strata-list-grow.h"
#include "strata-page.h"
#include "strata-period-data.h"
#include "strata-prev-tiers.h"
#include "strata-row-list.h"
#include "strata-rules.h"

G_BEGIN_DECLS

/* The columns of the period shown and the rows as shown (filtered, sorted). */
const StrataCustomerColumns *strata_customers_page_get_columns     (StrataCustomersPage *self,
                                                                    const guint        **rows,
                                                                    guint               *n_rows);
/* The rules of the result shown (their tiers' colours), or NULL. */
const StrataRules           *strata_customers_page_get_rules       (StrataCustomersPage *self);
const char                  *strata_customers_page_get_period_name (StrataCustomersPage *self);
/* Installs page.export-csv and page.export-xlsx. */
void                         strata_customers_page_class_add_export (GtkWidgetClass     *widget_class);


/* strata-customers-page-attributes.c: the attribute pairs ("key\tvalue",
 * sorted, at most 500) read on a worker, and the drop-down's model for
 * them after the entry `all`. */
void                         strata_customers_page_load_attributes (StrataPage          *page,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
GPtrArray                   *strata_customers_page_load_attributes_finish (StrataPage    *page,
                                                                           GAsyncResult  *result,
                                                                           GError       **error);
GtkStringList               *strata_customers_page_attribute_model (const char *all,
                                                                    GPtrArray  *pairs);

/* strata-customers-page-order.c: the rows by id and the names' ranks
 * (strata-customer-order.h), computed on workers. */
typedef struct
{
  gboolean has_by_id;  /* by_id computed (NULL: the rows are in id order) */
  guint32 *by_id;
  guint32 *name_rank;
  guint8  *name_is_folded;
  gboolean name_rank_read;  /* from the workspace (strata-name-ranks.h) */
  char    *collation;       /* what name_rank was computed for, to keep it by */
  guint64  names_hash;
} StrataCustomersPageOrder;
void                         strata_customers_page_order_free      (StrataCustomersPageOrder *order);

/* The page's orders of the period shown: ready runs on the main thread as
 * each arrives. */
typedef void (*StrataCustomersPageReady) (StrataCustomersPage *self);
typedef struct
{
  StrataPeriodData *data;
  /* Each held by a GBytes (so that a query on a worker can keep it while
   * the page forgets it) and, for reading, its data. The id order of rows
   * already in id order is an empty GBytes (by_id NULL). */
  GBytes           *by_id_bytes;
  GBytes           *name_rank_bytes;
  GBytes           *name_is_folded_bytes;
  const guint32    *by_id;
  const guint32    *name_rank;
  const guint8     *name_is_folded;
  GCancellable     *load;
  guint             pending;             /* tasks still running */
  guint             main_thread_orders;  /* orders computed on the main thread */
  guint             name_ranks_read;     /* names' ranks read from the workspace */
  guint             name_ranks_kept;     /* ... and written into it */
} StrataCustomersPageOrders;
void                         strata_customers_page_orders_set_data (StrataCustomersPageOrders   *orders,
                                                                    StrataCustomersPage         *self,
                                                                    const StrataPeriodData      *data,
                                                                    StrataCustomersPageReady     ready);
void                         strata_customers_page_orders_forget   (StrataCustomersPageOrders   *orders);
/* TRUE when the id order (and with names, the names' ranks) are there;
 * FALSE while a worker computes them (the caller waits for ready). */
gboolean                     strata_customers_page_orders_ensure   (StrataCustomersPageOrders   *orders,
                                                                    const StrataCustomerColumns *cols,
                                                                    gboolean                     names);
/* TRUE while a sort waits for its order (a spinner beside the count). */
gboolean                     strata_customers_page_get_sort_waiting (StrataCustomersPage *self);
/* The page's orders (for the tests: how many were computed on the main
 * thread, none while a worker makes them; read and kept in the workspace). */
const StrataCustomersPageOrders *strata_customers_page_get_orders (StrataCustomersPage *self);
/* Filters and sorts of periods of at least rows customers run on a
 * worker (default 50,000; the tests set 0 to force it). */
void                         strata_customers_page_set_query_async_rows (StrataCustomersPage *self,
                                                                         guint                rows);
/* TRUE while a query runs on a worker (the rows shown are the last answer). */
gboolean                     strata_customers_page_get_query_busy (StrataCustomersPage *self);
/* How many queries were started on a worker (each newer one while typing
 * replaces the one waiting, so fewer than asked). */
guint                        strata_customers_page_get_queries_run (StrataCustomersPage *self);

/* strata-customers-page-previous.c: the previous period's tiers, read on
 * a worker (ready runs when they are there) and kept until forgotten. */
typedef struct
{
  StrataPrevTiers          *results;
  gint64                    period;   /* the previous period's id read or being read */
  gboolean                  valid;
  GCancellable             *load;
  guint8                   *tier;     /* by row of the period shown */
  StrataCustomersPageReady  ready;
  gboolean                  waits;    /* for the page's orders, then read */
} StrataCustomersPagePrevious;
StrataCustomersPagePrevious *strata_customers_page_get_previous    (StrataCustomersPage         *self);
void                         strata_customers_page_previous_forget (StrataCustomersPagePrevious *prev);
void                         strata_customers_page_previous_clear  (StrataCustomersPagePrevious *prev);
/* Maps the tiers when they are there (else reads them): the tier of each
 * row of data, or NULL while there are none. */
const guint8                *strata_customers_page_previous_load   (StrataCustomersPagePrevious *prev,
                                                                    StrataCustomersPage         *self,
                                                                    const StrataPeriodData      *data,
                                                                    const StrataRules           *rules,
                                                                    StrataCustomersPageReady     ready);
const guint8                *strata_customers_page_previous_map    (StrataCustomersPagePrevious *prev,
                                                                    const StrataRules           *rules,
                                                                    const StrataPeriodData      *data);

/* strata-customers-page-cells.c: the cells of the rows GTK keeps bound;
 * after an answer those in view are rebound at once, the others from a
 * tick callback. */
typedef struct
{
  const StrataCustomerColumns *cols;
  GListModel                  *list;        /* shown, the rows GTK is given */
  GtkWidget                   *view;        /* the GtkColumnView */
  GHashTable                  *bound;       /* GtkListItem -> fresh or stale */
  guint                        n_stale;
  GdkFrameClock               *clock;        /* its "layout" followed while cells are stale */
  gulong                       layout_id;
  guint                        tick_id;
  guint                        binds;        /* since the last refresh */
  guint                        answer_binds; /* in the last refresh itself */
  gboolean                     rebind_all;   /* as before: every bound cell at once */
  /* The rows GTK is given: all of the list's, but while a list that had
   * few rows grows, a screenful more each frame (strata-list-grow.h). */
  GtkSliceListModel           *shown;
  StrataListGrow               grow;
  guint                        cells_made;
  /* A list that shrank keeps blank positions (strata-row-list.h), let go
   * of a few a frame from the frame after the answer's. */
  StrataRowList               *shrinking;
  guint                        shrink_id;
  gint64                       shrink_from;
} StrataCustomersPageCells;
/* shown: the slice of the page's list that its view shows. */
StrataCustomersPageCells    *strata_customers_page_get_cells       (StrataCustomersPage         *self);
void                         strata_customers_page_cells_init      (StrataCustomersPageCells    *cells,
                                                                    const StrataCustomerColumns *cols,
                                                                    GtkSliceListModel           *shown,
                                                                    GtkWidget                   *view);
void                         strata_customers_page_cells_clear     (StrataCustomersPageCells    *cells);
GtkListItemFactory          *strata_customers_page_cells_factory   (StrataCustomersPageCells    *cells,
                                                                    StrataCustomerField          field);
/* The rows changed (n_before: how many the list had) or their values:
 * rebinds the cells in view, marks the others stale. */
void                         strata_customers_page_cells_refresh   (StrataCustomersPageCells    *cells,
                                                                    guint                        n_before);
/* Before the list's rows change from n_before shown to n_after: a list
 * growing from fewer rows than GTK makes widgets for shows a screenful
 * now and the rest over the next frames. */
void                         strata_customers_page_cells_grow      (StrataCustomersPageCells    *cells,
                                                                    guint                        n_before,
                                                                    guint                        n_after);
/* After an answer left the list with blank positions: lets them go over
 * the next frames. */
void                         strata_customers_page_cells_shrink    (StrataCustomersPageCells    *cells,
                                                                    StrataRowList               *list);
/* The list's rows all shown at once (to select or scroll to a row that
 * has not come yet). */
void                         strata_customers_page_cells_show_all  (StrataCustomersPageCells    *cells);
/* The tiers' colours: the classes tier-0, tier-1, ... of the Tier cells. */
void                         strata_customers_page_cells_load_tier_css (GtkCssProvider    *provider,
                                                                        const StrataRules *rules);
/* For the tests: cells bound by the last refresh in its own turn, and
 * cells still stale. */
guint                        strata_customers_page_get_answer_binds (StrataCustomersPage *self);
guint                        strata_customers_page_get_stale_cells  (StrataCustomersPage *self);
/* For the tests: cells made (each column's cell of a row widget) since
 * the page was made, and TRUE while the rows shown still grow. */
guint                        strata_customers_page_get_cells_made  (StrataCustomersPage *self);
gboolean                     strata_customers_page_get_growing     (StrataCustomersPage *self);
/* For the benchmarks' comparison: all rows at once (as before). */
void                         strata_customers_page_set_grow_rows   (StrataCustomersPage *self,
                                                                    gboolean             grow);
/* For the benchmarks' comparison: rebind every bound cell at each answer. */
void                         strata_customers_page_set_rebind_all   (StrataCustomersPage *self,
                                                                     gboolean             all);

G_END_DECLS
