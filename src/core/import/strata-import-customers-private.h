/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer-table import's state, shared by its files:
 * strata-import-customers.c (the rows), -columns.c (what each column is)
 * and -batch.c (new customers handed to the writer thread). */
#pragma once

#include "strata-import-private.h"
#include "strata-import-known.h"
#include "strata-import-writer.h"
#include "strata-period-columns.h"
#include "strata-row-source.h"

G_BEGIN_DECLS

#define SAMPLE_ROWS 1000
/* New customers per batch handed to the writer thread, numbered in ext id
 * order: the longer the ordered run, the fewer places of the ext_id
 * index it touches (sqlite3 alone inserting a million ids in random
 * order into such a table: in runs of 4,096 1.16 s, 16,384 1.07 s,
 * 65,536 0.83 s, all in order 0.50 s, unordered 1.84 s; here 65,536
 * cost the import 100 MB more memory). */
#define BATCH_ROWS 32768
/* Batches queued or being written at once: the reader waits beyond (the
 * writer is the slower at a million customers in random order, and the
 * queue held the file's rows). One: the reader fills the next batch
 * while the writer writes one, and the two threads took the same time
 * at a million ids in random order (1.64 and 1.60 s of CPU; 16,384 rows
 * and two batches: 1.74-1.92 s for the writer), 122 MB at the peak
 * (107 MB; sorted ids 111 and 106 MB). */
#define WRITER_BATCHES 1

typedef enum
{
  ROLE_UNDECIDED,
  ROLE_IGNORE,
  ROLE_ID,
  ROLE_NAME,
  ROLE_METRIC,
  ROLE_ATTRIBUTE,
} Role;

typedef struct
{
  Role                role;
  StrataImportMetric *metric;
  GArray             *values;   /* StrataImportValue */
} Column;

typedef struct
{
  guint64     line;
  const char *problem;
  GStrv       fields;
} SampleRow;

typedef struct
{
  StrataImportSession *s;
  Column              *cols;
  guint                n_cols;
  int                  id_col;
  gboolean             row_numbers;
  StrataImportKnown   *known;       /* ext_id -> id, line, in period: all customers */
  gint64               next_id;
  GArray              *members;     /* gint64 ids of the file's customers already in the period */
  guint               *metric_cols; /* the metric columns, by metric id */
  guint                n_metric_cols;
  StrataImportWriter  *writer;      /* owns the connection while reading */
  struct _Batch       *batch;       /* new customers for the writer */
  /* Written batches, emptied, for the reader to fill again: a batch's
   * arrays are megabytes, and fresh ones cost a page fault per 4 KiB
   * each time (with the spares below: 21,200 faults down to 17,300 at a
   * million rows in random order). The writer pushes, the reader pops. */
  GAsyncQueue         *spare_batches;
  /* The reader's: the arrays number_by_ext_id () copies a batch into,
   * the batch's own before (emptied) */
  GArray              *spare_members;
  GArray              *spare_attrs;
  GString             *spare_json;
  struct _NewCustomer *spare_sorted;   /* room for number_by_ext_id () to sort in, */
  guint                spare_sorted_size;  /* customers */
  guint                n_imported;  /* customers written */
  sqlite3_stmt        *rename;
  GPtrArray           *sample;
  GString             *row_id;      /* scratch for process_row, reused */
  GString             *row_name;
  double              *row_values;  /* n_cols */
  GArray              *row_metrics; /* StrataMetricValue, scratch */
  char                *created_at;  /* once, not the column's default (a strftime) per row */
  /* The period's columns, gathered from the rows when it had none before
   * (every row of the file is then all its rows): written in the same
   * pass, so the commit has nothing to rebuild. NULL: the commit does. */
  StrataPeriodColumnsBuilder *period_columns;
  gboolean             triggers_off; /* while the writer runs: see start_writing */
  int                  foreign_keys; /* the connection's, off while the writer runs */
  gboolean             checks_off;   /* CHECK constraints, likewise: see start_writing */
  /* The writer thread's: a batch's rows as tables, and the statements
   * that copy them */
  StrataRowSource     *batch_customers;
  StrataRowSource     *batch_attrs;
  StrataRowSource     *batch_members;
  sqlite3_stmt        *add_customers;
  sqlite3_stmt        *add_attrs;
  sqlite3_stmt        *drop_attrs;   /* known customers' attributes the batch replaces */
  gint64               first_new_id; /* ids below are known customers' */
  sqlite3_stmt        *add_members;
} Ctx;

/* Rows are checked while reading. A customer with no row in the period
 * yet (any customer of a first import or of a new quarter) is final once
 * read: it goes, with its attributes and values, into a batch that the
 * writer thread writes while the file is read on. Values of customers
 * already in the period are collected and merged at the end. All is one
 * transaction. */
typedef struct _NewCustomer
{
  gint64      id;
  const char *ext_id;
  const char *name;
  guint       ext_id_len;
  guint       name_len;
} NewCustomer;

typedef struct
{
  gint64      customer_id;
  const char *key;
  const char *value;
} Attr;

typedef struct
{
  gint64      id;
  const char *name;
} Rename;

typedef struct
{
  gint64 id;
  guint  json;       /* offset of its values_json in Batch.json, */
  guint  json_len;   /* and its length */
  guint  values;     /* its first value in Batch.values, */
  guint  n_values;   /* and how many (kept only for the period's columns) */
} Member;

typedef struct _Batch
{
  Ctx       *c;
  GArray    *customers;  /* NewCustomer */
  GArray    *attrs;      /* Attr, by customer and key, each key once */
  gboolean   known_attrs; /* some are known customers' */
  GArray    *members;    /* Member */
  GString   *json;       /* the members' values_json, each NUL-ended */
  GArray    *values;     /* StrataMetricValue of the members, for the period's columns */
  GArray    *renames;    /* Rename of known customers */
  GPtrArray *rejects;    /* StrataImportReject* for the log */
  /* Its names and attribute values, freed with it once written: kept for
   * the whole import they grew with the rows (tens of MB at a million). */
  GStringChunk *strings;
  char         *ordered;  /* the new customers' ext ids and names, in id order, */
  gsize         ordered_size;  /* its room, kept when the batch is filled again */
} Batch;

/* strata-import-customers-columns.c: what each column of the file is. */
void     strata_import_customers_sample_row_free      (gpointer      data);
gboolean strata_import_customers_parse_value          (const char   *kind,
                                                       const char   *text,
                                                       double       *out,
                                                       const char  **reason);
gboolean strata_import_customers_map_columns          (Ctx          *c,
                                                       GError      **error);
gboolean strata_import_customers_classify_new_columns (Ctx          *c,
                                                       GError      **error);

/* strata-import-customers-batch.c: new customers go, a batch at a time,
 * to the writer thread, which owns the connection from start_writing
 * until stop_writing. */
void     strata_import_customers_push_full_batch      (Ctx          *c);
gboolean strata_import_customers_start_writing        (Ctx          *c,
                                                       GError      **error);
gboolean strata_import_customers_stop_writing         (Ctx          *c,
                                                       gboolean      ok,
                                                       GError      **error);

G_END_DECLS
