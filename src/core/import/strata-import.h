/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing customer tables and order lines into a period of a workspace.
 * An import is one transaction: it is written whole or not at all, and
 * every row that cannot be read is kept in the import log (imports and
 * import_rejects) with its line, column, value and reason. */
#pragma once

#include <gio/gio.h>

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_IMPORT_KIND_CUSTOMERS,  /* one row per customer */
  STRATA_IMPORT_KIND_ORDERS,     /* one row per invoice line, aggregated */
} StrataImportKind;

/* Order lines spread over many periods, one per quarter, month or year of
 * their dates (named 2010-Q4, 2010-12, 2010), instead of options->period. */
typedef enum
{
  STRATA_IMPORT_SPLIT_NONE,
  STRATA_IMPORT_SPLIT_QUARTER,
  STRATA_IMPORT_SPLIT_MONTH,
  STRATA_IMPORT_SPLIT_YEAR,
} StrataImportSplit;

/* Column options name a header (case-insensitive); NULL guesses it from
 * the usual names (CustomerID, InvoiceDate, 客户编号, seller_id...). */
typedef struct
{
  StrataImportKind  kind;
  char             *period;
  char             *encoding;          /* NULL: detect */
  char              delimiter;         /* 0: detect */
  char             *sheet;             /* a workbook's sheet: name or 1-based
                                        * number; NULL: the first with data */
  gboolean          strict;            /* any rejected row aborts, nothing written */
  char             *id_column;         /* "#" numbers the rows 1, 2, 3... */
  char             *name_column;
  char             *date_column;       /* orders */
  char             *amount_column;     /* orders: line amount, or */
  char             *quantity_column;   /* orders: quantity x unit price */
  char             *unit_price_column;
  char             *invoice_column;    /* orders: optional */
  char             *product_column;    /* orders: optional */
  GPtrArray        *map_metrics;       /* customers: metric keys... */
  GPtrArray        *map_columns;       /* ...and the columns they come from */
  GPtrArray        *ignore_columns;    /* columns never used nor guessed */
  GPtrArray        *attribute_columns; /* customers: kept as text attributes */
  StrataImportSplit split;             /* orders: periods from the dates */
  char             *period_column;     /* customers: each row's period */
} StrataImportOptions;

StrataImportOptions *strata_import_options_new   (StrataImportKind            kind,
                                                  const char                 *period);
StrataImportOptions *strata_import_options_copy  (const StrataImportOptions  *options);
void                 strata_import_options_free  (StrataImportOptions        *options);
void                 strata_import_options_add_mapping (StrataImportOptions  *options,
                                                  const char                 *metric,
                                                  const char                 *column);
/* The import assistant's choices: column is not used at all (nor guessed
 * for a role), or (customers) is kept as a text attribute. */
void                 strata_import_options_ignore_column (StrataImportOptions *options,
                                                  const char                 *column);
void                 strata_import_options_attribute_column (StrataImportOptions *options,
                                                  const char                 *column);

typedef struct
{
  guint64  line;
  char    *column;
  char    *value;
  char    *reason;
  char    *cell;     /* a workbook's cell ("Sheet1!C7"), or NULL */
} StrataImportReject;

void strata_import_reject_free (StrataImportReject *reject);

typedef struct
{
  gint64      import_id;
  gint64      period_id;           /* the (last) period written */
  char       *encoding;
  char        delimiter;
  char       *sheet;               /* the workbook's sheet read, or NULL */
  guint64     rows_read;
  guint64     rows_imported;
  guint64     rows_rejected;
  guint64     rows_without_customer;
  guint64     lines_cancelled;     /* orders: cancellation lines */
  guint64     customers;           /* customers written */
  double      total_amount;        /* orders: sum of order_amount written */
  GPtrArray  *new_metrics;         /* keys of metrics the import created */
  GPtrArray  *attributes;          /* attribute keys written */
  GPtrArray  *rejects;             /* the first rejects (all are in the log) */
  GPtrArray  *columns;             /* per header column, what it became: "id",
                                    * "name", "metric:KEY", "attribute", "ignored";
                                    * orders: "customer", "date", "amount",
                                    * "quantity", "unit_price", "invoice",
                                    * "product", "" (unused) */
  GPtrArray  *periods;             /* names of the periods written, in order */
} StrataImportResult;

#define STRATA_IMPORT_MAX_REJECTS_KEPT 100

void strata_import_result_free (StrataImportResult *result);

/* fraction in [0, 1]; called now and then from the importing thread. */
typedef void (*StrataImportProgress) (double    fraction,
                                      gpointer  user_data);

/* Imports path into the workspace. Emits ::changed ("customers") after
 * the commit. With options->strict, any rejected row fails with
 * STRATA_IMPORT_ERROR_BAD_ROWS and nothing is written. */
StrataImportResult *strata_import_run        (StrataWorkspace            *workspace,
                                              const char                 *path,
                                              const StrataImportOptions  *options,
                                              StrataImportProgress        progress,
                                              gpointer                    progress_data,
                                              GCancellable               *cancellable,
                                              GError                    **error);

/* The same in a worker thread with its own connection to the workspace
 * file, so the window stays responsive; progress is called in the
 * caller's main context. _finish emits ::changed on workspace. */
void                strata_import_run_async  (StrataWorkspace            *workspace,
                                              const char                 *path,
                                              const StrataImportOptions  *options,
                                              StrataImportProgress        progress,
                                              gpointer                    progress_data,
                                              GDestroyNotify              progress_destroy,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data);
StrataImportResult *strata_import_run_finish (StrataWorkspace            *workspace,
                                              GAsyncResult               *result,
                                              GError                    **error);

/* The import assistant's preview: the first max_rows rows parsed with the
 * given options (encoding, delimiter, columns), what each column becomes
 * and the problems of those rows, exactly as the import would see them
 * (it runs the import on them in a transaction that is rolled back, so
 * the workspace is not changed). No GTK: the GUI builds on it. */
typedef struct
{
  GPtrArray          *header;   /* char* */
  GPtrArray          *rows;     /* GStrv: the fields of each row */
  GArray             *lines;    /* guint64: each row's line in the file */
  StrataImportResult *result;   /* counts, encoding, delimiter, columns and
                                 * rejects of the previewed rows */
  GError             *problem;  /* the file reads but cannot be imported so
                                 * (no id column...): rows are then the raw
                                 * records, columns all unused, no rejects */
} StrataImportPreview;

StrataImportPreview *strata_import_preview   (StrataWorkspace            *workspace,
                                              const char                 *path,
                                              const StrataImportOptions  *options,
                                              guint                       max_rows,
                                              GCancellable               *cancellable,
                                              GError                    **error);
void                strata_import_preview_free (StrataImportPreview      *preview);

/* Opens the workspace at path, creating and seeding it when missing. */
/* "quarter", "month", "year" or "none"; FALSE for anything else. */
gboolean            strata_import_split_from_string (const char        *text,
                                              StrataImportSplit         *out);
/* The name of the period of split holding days (since 1970-01-01). */
char               *strata_import_split_period_name (StrataImportSplit  split,
                                              gint64                     days);

StrataWorkspace    *strata_import_open_workspace (const char             *path,
                                              GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataImportOptions, strata_import_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataImportResult, strata_import_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataImportPreview, strata_import_preview_free)

G_END_DECLS
