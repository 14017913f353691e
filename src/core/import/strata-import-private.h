/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between the customer-table and order-line importers. */
#pragma once

#include "strata-csv.h"
#include "strata-import.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *key;
  char   *kind;   /* number, money, count, boolean, date */
} StrataImportMetric;

typedef struct
{
  StrataWorkspace            *ws;
  const char                 *path;
  const StrataImportOptions  *options;
  StrataCsvReader            *reader;
  GPtrArray                  *header;      /* char*, as in the file */
  StrataImportResult         *result;
  sqlite3_stmt               *reject_stmt;
  StrataImportProgress        progress;
  gpointer                    progress_data;
  GCancellable               *cancellable;
  double                      last_fraction;
  GPtrArray                  *row;         /* const char*: the current record's fields */
  guint64                     rows_seen;   /* records read, the header included */
  guint                       max_rows;    /* a preview's limit, 0: all */
  GPtrArray                  *preview_rows;  /* GStrv per record, or NULL */
  GArray                     *preview_lines; /* guint64 per record */
  /* StrataImportReject*: set while a writer thread owns the connection,
   * the rejects it is to write to the log */
  GPtrArray                  *deferred_rejects;
  /* A customer table with a period column is read once per period: only
   * the rows whose period is filter_value; the first pass also keeps the
   * malformed rows (to reject them once) and rejects rows without one. */
  int                         filter_column;
  const char                 *filter_value;
  gboolean                    filter_first;
} StrataImportSession;

/* Index of the column named name (case-insensitive, spaces, _ and -
 * ignored), or -1. */
int      strata_import_find_column      (StrataImportSession  *s,
                                         const char           *name);
/* Whether column i is one of names (the user's ignore or attribute list). */
gboolean strata_import_column_listed    (StrataImportSession  *s,
                                         GPtrArray            *names,
                                         int                   i);
/* The column the user named (an error naming the file and listing the
 * columns when there is none), or the first header that matches one of
 * the guesses, or -1. */
gboolean strata_import_pick_column      (StrataImportSession  *s,
                                         const char           *given,
                                         const char *const    *guesses,
                                         int                  *out,
                                         GError              **error);

/* The usual names of the order-line columns (strata-import-orders.c),
 * also read by strata_import_guess (). */
extern const char *const strata_import_customer_guesses[];
extern const char *const strata_import_date_guesses[];
extern const char *const strata_import_quantity_guesses[];
extern const char *const strata_import_unit_price_guesses[];
extern const char *const strata_import_amount_guesses[];
extern const char *const strata_import_invoice_guesses[];
extern const char *const strata_import_product_guesses[];

/* Reads the next record into s->row. FALSE at the end or on error. */
gboolean strata_import_next_row         (StrataImportSession  *s,
                                         GError              **error);

/* Logs one reject (the row is counted by the caller). */
gboolean strata_import_reject           (StrataImportSession  *s,
                                         guint64               line,
                                         const char           *column,
                                         const char           *value,
                                         const char           *reason,
                                         GError              **error);

/* Writes rejects (StrataImportReject*) deferred into s->deferred_rejects
 * to the workspace's log. */
gboolean strata_import_write_rejects    (StrataImportSession  *s,
                                         GPtrArray            *rejects,
                                         GError              **error);

/* Logs a record that is malformed (problem) or has the wrong number of
 * fields; the caller counts it as rejected. */
gboolean strata_import_reject_shape     (StrataImportSession  *s,
                                         guint64               line,
                                         const char           *problem,
                                         const char *const    *fields,
                                         guint                 n,
                                         GError              **error);

/* Built-in and existing metrics, by key. */
StrataImportMetric *strata_import_metric_lookup (StrataImportSession *s,
                                         const char           *key,
                                         GError              **error);
/* Finds a metric by key or label (English, zh_CN, zh_TW), ignoring case. */
StrataImportMetric *strata_import_metric_match  (StrataImportSession *s,
                                         const char           *header,
                                         GError              **error);
StrataImportMetric *strata_import_metric_create (StrataImportSession *s,
                                         const char           *label,
                                         const char           *kind,
                                         GError              **error);
void     strata_import_metric_free      (StrataImportMetric   *metric);

/* Sorts array unless it already is: a file usually lists new customers
 * in the order they get their ids, and then there is nothing to do. */
void     strata_import_sort             (GArray               *array,
                                         GCompareFunc          compare);
/* Compares two gint64 customer ids. */
int      strata_import_compare_ids      (gconstpointer         a,
                                         gconstpointer         b);
/* Reports progress from the reader's position; checks for cancellation. */
gboolean strata_import_tick             (StrataImportSession  *s,
                                         GError              **error);

/* Makes name the period written to (s->result->period_id), creating it
 * when missing (with dated, its dates from its name, as `periods add`
 * gives them); fails on a closed period. */
gboolean strata_import_use_period       (StrataImportSession  *s,
                                         const char           *name,
                                         gboolean              dated,
                                         GError              **error);

/* A customer table with options->period_column: one pass over the file
 * per distinct period, each an import into that period. */
gboolean strata_import_customers_by_period (StrataImportSession *s,
                                         GError              **error);
gboolean strata_import_customers        (StrataImportSession  *s,
                                         GError              **error);
gboolean strata_import_orders           (StrataImportSession  *s,
                                         GError              **error);

typedef struct
{
  gint64 customer_id;
  double value;
} StrataImportValue;

/* Writes the period's values of the metrics metric_ids[k] from values[k]
 * (StrataImportValue; sorted here by customer id). With members (gint64
 * customer ids, ascending, each once), those customers are added to the period and only they
 * change: a metric with no value for one of them is cleared for it (an
 * empty cell in a customer table). With members NULL, the metrics are
 * replaced for every customer of the period (an order-line file holds all
 * of the period's lines). Other metrics keep their values; a customer
 * whose values do not change is not written. */
gboolean strata_import_write_period     (StrataImportSession  *s,
                                         const gint64         *metric_ids,
                                         GArray              **values,
                                         guint                 n_metrics,
                                         GArray               *members,
                                         GError              **error);

G_END_DECLS
