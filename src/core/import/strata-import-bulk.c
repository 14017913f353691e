/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-import-bulk.h"

#define ROWS_PER_STATEMENT 256

typedef enum { VALUE_INT, VALUE_DOUBLE, VALUE_TEXT } ValueType;

typedef struct
{
  ValueType type;
  union
  {
    gint64      i;
    double      d;
    const char *s;
  };
} Value;

struct _StrataBulk
{
  StrataWorkspace *ws;
  char            *head;
  char            *tail;       /* after the rows, or NULL */
  guint            n_columns;
  Value           *values;     /* n_columns * ROWS_PER_STATEMENT, row after row */
  guint            n_values;
  GStringChunk    *copies;     /* strata_bulk_text_copy () texts, or NULL */
  guint            n_rows;
  sqlite3_stmt    *full;       /* for ROWS_PER_STATEMENT rows */
};

StrataBulk *
strata_bulk_new (StrataWorkspace *workspace,
                 const char      *head,
                 guint            n_columns)
{
  return strata_bulk_new_with_tail (workspace, head, n_columns, NULL);
}

StrataBulk *
strata_bulk_new_with_tail (StrataWorkspace *workspace,
                           const char      *head,
                           guint            n_columns,
                           const char      *tail)
{
  StrataBulk *self = g_new0 (StrataBulk, 1);

  self->ws = workspace;
  self->head = g_strdup (head);
  self->tail = g_strdup (tail);
  self->n_columns = n_columns;
  self->values = g_new (Value, n_columns * ROWS_PER_STATEMENT);
  return self;
}

void
strata_bulk_free (StrataBulk *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->full, sqlite3_finalize);
  g_free (self->values);
  g_clear_pointer (&self->copies, g_string_chunk_free);
  g_free (self->head);
  g_free (self->tail);
  g_free (self);
}

void
strata_bulk_int (StrataBulk *self,
                 gint64      value)
{
  g_assert (self->n_values < self->n_columns * ROWS_PER_STATEMENT);
  self->values[self->n_values++] = (Value) { .type = VALUE_INT, .i = value };
}

void
strata_bulk_double (StrataBulk *self,
                    double      value)
{
  g_assert (self->n_values < self->n_columns * ROWS_PER_STATEMENT);
  self->values[self->n_values++] = (Value) { .type = VALUE_DOUBLE, .d = value };
}

void
strata_bulk_text (StrataBulk *self,
                  const char *value)
{
  g_assert (self->n_values < self->n_columns * ROWS_PER_STATEMENT);
  self->values[self->n_values++] = (Value) { .type = VALUE_TEXT, .s = value };
}

void
strata_bulk_text_copy (StrataBulk *self,
                       const char *value,
                       gsize       len)
{
  if (self->copies == NULL)
    self->copies = g_string_chunk_new (64 * 1024);
  strata_bulk_text (self, g_string_chunk_insert_len (self->copies, value, len));
}

static sqlite3_stmt *
prepare (StrataBulk  *self,
         guint        n_rows,
         GError     **error)
{
  g_autoptr(GString) sql = g_string_new (self->head);

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r ? ",(" : " (");
      for (guint c = 0; c < self->n_columns; c++)
        g_string_append (sql, c ? ",?" : "?");
      g_string_append_c (sql, ')');
    }
  if (self->tail != NULL)
    {
      g_string_append_c (sql, ' ');
      g_string_append (sql, self->tail);
    }
  return strata_workspace_prepare (self->ws, sql->str, error);
}

static gboolean
write_rows (StrataBulk  *self,
            GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(sqlite3_stmt) partial = NULL;
  int rc;

  if (self->n_rows == 0)
    return TRUE;
  if (self->n_rows == ROWS_PER_STATEMENT)
    {
      if (self->full == NULL && (self->full = prepare (self, ROWS_PER_STATEMENT, error)) == NULL)
        return FALSE;
      stmt = self->full;
    }
  else
    {
      partial = prepare (self, self->n_rows, error);
      if (partial == NULL)
        return FALSE;
      stmt = partial;
    }

  g_assert (self->n_values == self->n_rows * self->n_columns);
  for (guint i = 0; i < self->n_values; i++)
    {
      const Value *v = &self->values[i];

      switch (v->type)
        {
        case VALUE_INT:
          sqlite3_bind_int64 (stmt, i + 1, v->i);
          break;
        case VALUE_DOUBLE:
          sqlite3_bind_double (stmt, i + 1, v->d);
          break;
        case VALUE_TEXT:
          sqlite3_bind_text (stmt, i + 1, v->s, -1, SQLITE_STATIC);
          break;
        }
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  self->n_values = 0;
  if (self->copies != NULL)
    g_string_chunk_clear (self->copies);
  self->n_rows = 0;
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->ws, error, self->head);
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_bulk_end_row (StrataBulk  *self,
                     GError     **error)
{
  self->n_rows++;
  if (self->n_rows < ROWS_PER_STATEMENT)
    return TRUE;
  return write_rows (self, error);
}

gboolean
strata_bulk_flush (StrataBulk  *self,
                   GError     **error)
{
  return write_rows (self, error);
}
