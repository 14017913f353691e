/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One answer of the Customers list: the rows a filter keeps, sorted, as a
 * snapshot that owns or references everything it reads, so that it can
 * run on a worker while the page changes (strata-customers-page.c runs it
 * there above a size, and in place below it: the same code either way).
 * The period data and the result are referenced (they are immutable);
 * what the page owns and replaces (the previous tiers, the attribute mask)
 * is copied; the sort orders are shared GBytes. */
#pragma once

#include <gio/gio.h>

#include "strata-customer-view.h"
#include "strata-engine.h"
#include "strata-sorted-rows.h"

G_BEGIN_DECLS

typedef struct
{
  /* cols points into data, result and the copies below. */
  StrataCustomerColumns cols;
  StrataPeriodData     *data;
  StrataResult         *result;
  guint8               *prev_tier;
  guint8               *attribute;
  char                 *search;      /* folded, or NULL */
  int                   tier;
  int                   quadrant;
  GBytes               *by_id;       /* NULL: not sorted */
  GBytes               *name_rank;
  GBytes               *name_is_folded;
  StrataCustomerSort    column;
  gboolean              descending;
  gboolean              waiting;     /* a sort waits for its order: compare sets */
  GArray               *shown;       /* the rows shown when it was asked */
  int                   selected;    /* the row selected then, or -1 */
  StrataSortedRows     *sorted;      /* the orders kept for the next queries, or NULL */
} StrataCustomersQuery;

typedef struct
{
  GArray   *rows;
  gboolean  same_rows;   /* rows equal the shown ones, in order */
  gboolean  same_set;    /* the same rows as shown, in any order */
  guint     selected;    /* position of the selected row in rows, or G_MAXUINT */
} StrataCustomersAnswer;

/* A query over cols (copied: the page's pointers may go once this returns). */
StrataCustomersQuery  *strata_customers_query_new  (const StrataCustomerColumns *cols,
                                                    const StrataPeriodData      *data,
                                                    StrataResult                *result,
                                                    const StrataCustomerFilter  *filter);
void                   strata_customers_query_free (StrataCustomersQuery *query);
/* NULL when cancelled. Sorted when by_id is set (name_rank too for the
 * names); same_set is only computed for a waiting query. */
StrataCustomersAnswer *strata_customers_query_run  (StrataCustomersQuery *query,
                                                    GCancellable         *cancellable);
void                   strata_customers_answer_free (StrataCustomersAnswer *answer);

/* Runs queries on a worker for its owner (a GObject that embeds it): at
 * most one runs; a newer one cancels it and waits in next, which any newer
 * still replaces, so typing runs the last query and no queue of them.
 * answered runs on the main thread with the answer of the latest query;
 * busy_changed when busy_shown changes (it turns on when an answer takes
 * longer than a frame, off with the answer). */
typedef void (*StrataCustomersQueryAnswered) (gpointer               owner,
                                              StrataCustomersQuery  *query,
                                              StrataCustomersAnswer *answer);
typedef struct
{
  GObject                      *owner;
  StrataCustomersQueryAnswered  answered;
  void                        (*busy_changed) (gpointer owner);
  GCancellable                 *running;
  StrataCustomersQuery         *next;
  guint                         busy_source;
  gboolean                      busy_shown;
  guint                         started;   /* queries started on a worker */
} StrataCustomersQueryRunner;

void strata_customers_query_runner_init  (StrataCustomersQueryRunner   *runner,
                                          GObject                      *owner,
                                          StrataCustomersQueryAnswered  answered,
                                          void                        (*busy_changed) (gpointer owner));
/* Takes query. */
void strata_customers_query_runner_start (StrataCustomersQueryRunner   *runner,
                                          StrataCustomersQuery         *query);
/* Cancels what runs and drops what waits; no answer comes. */
void strata_customers_query_runner_stop  (StrataCustomersQueryRunner   *runner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataCustomersQuery, strata_customers_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataCustomersAnswer, strata_customers_answer_free)

G_END_DECLS
