/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fast inserts of many rows whose count is known in advance: rows go
 * through one multi-row INSERT (fewer statement steps, which is where
 * SQLite spends its time on narrow rows), the remainder row by row. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  StrataWorkspace *workspace;
  sqlite3_stmt    *multi;
  sqlite3_stmt    *single;
  const char      *what;
  int              n_columns;
  guint            rows_per_step;
  guint            filled;
  guint64          full_rows;
  guint64          done;
} StrataBulkInsert;

/* sql_head is "INSERT INTO table (a, b, c)"; n_columns placeholders per row
 * are appended. what names the operation in error messages. */
gboolean strata_bulk_insert_init   (StrataBulkInsert  *bulk,
                                    StrataWorkspace   *workspace,
                                    const char        *sql_head,
                                    int                n_columns,
                                    const char        *what,
                                    GError           **error);
/* Announces how many rows follow (until the next start). */
void     strata_bulk_insert_start  (StrataBulkInsert  *bulk,
                                    guint64            n_rows);
/* The statement to bind the next row into, and the index of its first
 * parameter (bind at base + 1 .. base + n_columns). Text bound with
 * SQLITE_STATIC must stay valid until the row is written: use
 * SQLITE_TRANSIENT for buffers that are reused. */
sqlite3_stmt *strata_bulk_insert_row (StrataBulkInsert  *bulk,
                                      int               *base);
/* Done binding the row: it is written now or with the next full step. */
gboolean strata_bulk_insert_next   (StrataBulkInsert  *bulk,
                                    GError           **error);
void     strata_bulk_insert_clear  (StrataBulkInsert  *bulk);

G_END_DECLS
