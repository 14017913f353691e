/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "strata-row-source.h"

struct _StrataRowSource
{
  StrataWorkspace       *workspace;
  char                  *name;
  char                  *schema;   /* CREATE TABLE x(columns) */
  gconstpointer          rows;
  guint                  n_rows;
  StrataRowSourceColumn  column;
};

typedef struct
{
  sqlite3_vtab     base;
  StrataRowSource *source;
} Table;

typedef struct
{
  sqlite3_vtab_cursor base;
  guint               row;
} Cursor;

static int
source_connect (sqlite3             *db,
                void                *aux,
                int                  argc,
                const char *const   *argv,
                sqlite3_vtab       **out,
                char               **error)
{
  StrataRowSource *source = aux;
  Table *table;
  int rc = sqlite3_declare_vtab (db, source->schema);

  if (rc != SQLITE_OK)
    return rc;
  table = sqlite3_malloc (sizeof (Table));
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof (Table));
  table->source = source;
  *out = &table->base;
  return SQLITE_OK;
}

static int
source_best_index (sqlite3_vtab       *vtab,
                   sqlite3_index_info *info)
{
  Table *table = (Table *) vtab;

  /* A full scan is all it offers. */
  info->estimatedCost = table->source->n_rows;
  info->estimatedRows = table->source->n_rows;
  return SQLITE_OK;
}

static int
source_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

static int
source_open (sqlite3_vtab         *vtab,
             sqlite3_vtab_cursor **out)
{
  Cursor *cursor = sqlite3_malloc (sizeof (Cursor));

  if (cursor == NULL)
    return SQLITE_NOMEM;
  memset (cursor, 0, sizeof (Cursor));
  *out = &cursor->base;
  return SQLITE_OK;
}

static int
source_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
source_filter (sqlite3_vtab_cursor *cursor,
               int                  index,
               const char          *index_name,
               int                  argc,
               sqlite3_value      **argv)
{
  ((Cursor *) cursor)->row = 0;
  return SQLITE_OK;
}

static int
source_next (sqlite3_vtab_cursor *cursor)
{
  ((Cursor *) cursor)->row++;
  return SQLITE_OK;
}

static int
source_eof (sqlite3_vtab_cursor *cursor)
{
  Table *table = (Table *) cursor->pVtab;

  return ((Cursor *) cursor)->row >= table->source->n_rows;
}

static int
source_column (sqlite3_vtab_cursor *cursor,
               sqlite3_context     *context,
               int                  column)
{
  StrataRowSource *source = ((Table *) cursor->pVtab)->source;

  source->column (source->rows, ((Cursor *) cursor)->row, (guint) column, context);
  return SQLITE_OK;
}

static int
source_rowid (sqlite3_vtab_cursor *cursor,
              sqlite3_int64       *rowid)
{
  *rowid = ((Cursor *) cursor)->row;
  return SQLITE_OK;
}

static const sqlite3_module source_module = {
  .iVersion = 0,
  .xCreate = NULL,   /* eponymous only: no CREATE VIRTUAL TABLE */
  .xConnect = source_connect,
  .xBestIndex = source_best_index,
  .xDisconnect = source_disconnect,
  .xDestroy = source_disconnect,
  .xOpen = source_open,
  .xClose = source_close,
  .xFilter = source_filter,
  .xNext = source_next,
  .xEof = source_eof,
  .xColumn = source_column,
  .xRowid = source_rowid,
};

StrataRowSource *
strata_row_source_new (StrataWorkspace  *workspace,
                       const char       *name,
                       const char       *columns,
                       GError          **error)
{
  StrataRowSource *self = g_new0 (StrataRowSource, 1);

  self->workspace = g_object_ref (workspace);
  self->name = g_strdup (name);
  self->schema = g_strdup_printf ("CREATE TABLE x(%s)", columns);
  if (sqlite3_create_module_v2 (strata_workspace_get_db (workspace), name, &source_module,
                                self, NULL) != SQLITE_OK)
    {
      strata_workspace_set_db_error (workspace, error, name);
      g_object_unref (self->workspace);
      g_free (self->name);
      g_free (self->schema);
      g_free (self);
      return NULL;
    }
  return self;
}

void
strata_row_source_set (StrataRowSource       *self,
                       gconstpointer          rows,
                       guint                  n_rows,
                       StrataRowSourceColumn  column)
{
  self->rows = rows;
  self->n_rows = n_rows;
  self->column = column;
}

void
strata_row_source_free (StrataRowSource *self)
{
  if (self == NULL)
    return;
  /* A NULL module drops the name's. */
  sqlite3_create_module_v2 (strata_workspace_get_db (self->workspace), self->name, NULL, NULL, NULL);
  g_object_unref (self->workspace);
  g_free (self->name);
  g_free (self->schema);
  g_free (self);
}
