/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rows in memory as a table SQL can read (an eponymous virtual table):
 * INSERT INTO t SELECT ... FROM the source writes a whole batch in one
 * statement step. Against a multi-row INSERT ... VALUES, which binds a
 * parameter per value, it took a fifth off an import's writes. */
#pragma once

#include <sqlite3.h>

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct _StrataRowSource StrataRowSource;

/* Sets the SQL value of the column of the row (sqlite3_result_*). */
typedef void (*StrataRowSourceColumn) (gconstpointer     rows,
                                       guint             row,
                                       guint             column,
                                       sqlite3_context  *context);

/* A table called name, with columns ("a, b, c"), on the workspace's
 * connection until freed. */
StrataRowSource *strata_row_source_new  (StrataWorkspace        *workspace,
                                         const char             *name,
                                         const char             *columns,
                                         GError                **error);
/* The rows that statements reading the table see from now on. Texts set
 * with SQLITE_STATIC must live until those statements are reset. */
void             strata_row_source_set  (StrataRowSource        *self,
                                         gconstpointer           rows,
                                         guint                   n_rows,
                                         StrataRowSourceColumn   column);
/* Drops the table; statements that read it must be finalized first. */
void             strata_row_source_free (StrataRowSource        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRowSource, strata_row_source_free)

G_END_DECLS
