/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "strata-bulk-insert.h"

/* 64 rows of up to 8 columns stays far below SQLite's parameter limit. */
#define ROWS_PER_STEP 64

static char *
build_sql (const char *head,
           int         n_columns,
           guint       n_rows)
{
  GString *sql = g_string_new (head);

  g_string_append (sql, " VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r == 0 ? "(" : ",(");
      for (int c = 0; c < n_columns; c++)
        g_string_append (sql, c == 0 ? "?" : ",?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

gboolean
strata_bulk_insert_init (StrataBulkInsert  *bulk,
                         StrataWorkspace   *workspace,
                         const char        *sql_head,
                         int                n_columns,
                         const char        *what,
                         GError           **error)
{
  g_autofree char *multi = build_sql (sql_head, n_columns, ROWS_PER_STEP);
  g_autofree char *single = build_sql (sql_head, n_columns, 1);

  g_return_val_if_fail (n_columns > 0 && n_columns <= 8, FALSE);

  memset (bulk, 0, sizeof *bulk);
  bulk->workspace = workspace;
  bulk->what = what;
  bulk->n_columns = n_columns;
  bulk->rows_per_step = ROWS_PER_STEP;
  bulk->multi = strata_workspace_prepare (workspace, multi, error);
  if (bulk->multi == NULL)
    return FALSE;
  bulk->single = strata_workspace_prepare (workspace, single, error);
  return bulk->single != NULL;
}

void
strata_bulk_insert_start (StrataBulkInsert *bulk,
                          guint64           n_rows)
{
  g_return_if_fail (bulk->filled == 0);

  bulk->full_rows = n_rows - n_rows % bulk->rows_per_step;
  bulk->done = 0;
}

sqlite3_stmt *
strata_bulk_insert_row (StrataBulkInsert *bulk,
                        int              *base)
{
  if (bulk->done < bulk->full_rows)
    {
      *base = (int) bulk->filled * bulk->n_columns;
      return bulk->multi;
    }
  *base = 0;
  return bulk->single;
}

static gboolean
step (StrataBulkInsert  *bulk,
      sqlite3_stmt      *stmt,
      GError           **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (bulk->workspace, error, bulk->what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
strata_bulk_insert_next (StrataBulkInsert  *bulk,
                         GError           **error)
{
  if (bulk->done < bulk->full_rows)
    {
      bulk->done++;
      if (++bulk->filled < bulk->rows_per_step)
        return TRUE;
      bulk->filled = 0;
      return step (bulk, bulk->multi, error);
    }
  bulk->done++;
  return step (bulk, bulk->single, error);
}

void
strata_bulk_insert_clear (StrataBulkInsert *bulk)
{
  g_clear_pointer (&bulk->multi, sqlite3_finalize);
  g_clear_pointer (&bulk->single, sqlite3_finalize);
}
