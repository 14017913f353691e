/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-bulk.h"
#include "strata-row-source.h"

/* Rows per INSERT ... SELECT: enough that the statement's own cost no
 * longer counts, few enough that the buffer stays small. */
#define ROWS_PER_BATCH 1024

typedef enum { VALUE_INT, VALUE_TEXT } ValueType;

typedef struct
{
  ValueType type;
  union
  {
    gint64      i;
    const char *s;
  };
} Value;

struct _StrataBulk
{
  StrataWorkspace *ws;
  char            *head;       /* for error messages */
  char            *sql;        /* INSERT ... SELECT c0, c1 FROM source ... */
  guint            n_columns;
  Value           *values;     /* n_columns * ROWS_PER_BATCH, row after row */
  guint            n_values;
  guint            n_rows;
  GStringChunk    *copies;     /* strata_bulk_text_copy () texts, or NULL */
  StrataRowSource *source;
  sqlite3_stmt    *insert;
  GError          *setup_error; /* the row source could not be made */
};

static void
value_column (gconstpointer    rows,
              guint            row,
              guint            column,
              sqlite3_context *context)
{
  const StrataBulk *self = rows;
  const Value *v = &self->values[row * self->n_columns + column];

  switch (v->type)
    {
    case VALUE_INT:
      sqlite3_result_int64 (context, v->i);
      break;
    case VALUE_TEXT:
      sqlite3_result_text (context, v->s, -1, SQLITE_STATIC);
      break;
    }
}

StrataBulk *
strata_bulk_new (StrataWorkspace *workspace,
                 const char      *head,
                 guint            n_columns,
                 const char      *tail)
{
  static gint counter;
  StrataBulk *self;
  g_autofree char *name = NULL;
  g_autoptr(GString) columns = g_string_new (NULL);

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (head != NULL && n_columns > 0, NULL);

  self = g_new0 (StrataBulk, 1);
  self->ws = workspace;
  self->head = g_strdup (head);
  self->n_columns = n_columns;
  self->values = g_new (Value, n_columns * ROWS_PER_BATCH);

  /* A name of its own: several bulks may share a connection. */
  name = g_strdup_printf ("strata_bulk_%d", g_atomic_int_add (&counter, 1));
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (columns, c ? ", c%u" : "c%u", c);
  self->source = strata_row_source_new (workspace, name, columns->str, &self->setup_error);
  /* After INSERT ... SELECT, an upsert clause needs a WHERE to parse. */
  self->sql = g_strdup_printf ("%s SELECT %s FROM %s%s%s", head, columns->str, name,
                               tail ? " WHERE true " : "", tail ? tail : "");
  return self;
}

void
strata_bulk_free (StrataBulk *self)
{
  if (self == NULL)
    return;
  /* The statement reads the source: finalized first. */
  g_clear_pointer (&self->insert, sqlite3_finalize);
  g_clear_pointer (&self->source, strata_row_source_free);
  g_clear_error (&self->setup_error);
  g_free (self->values);
  g_clear_pointer (&self->copies, g_string_chunk_free);
  g_free (self->head);
  g_free (self->sql);
  g_free (self);
}

static inline void
add_value (StrataBulk *self,
           Value       v)
{
  g_assert (self->n_values < self->n_columns * ROWS_PER_BATCH);
  self->values[self->n_values++] = v;
}

void
strata_bulk_int (StrataBulk *self,
                 gint64      value)
{
  add_value (self, (Value) { .type = VALUE_INT, .i = value });
}

void
strata_bulk_text (StrataBulk *self,
                  const char *value)
{
  add_value (self, (Value) { .type = VALUE_TEXT, .s = value });
}

void
strata_bulk_text_copy (StrataBulk *self,
                       const char *value,
                       gssize      len)
{
  if (self->copies == NULL)
    self->copies = g_string_chunk_new (64 * 1024);
  strata_bulk_text (self, g_string_chunk_insert_len (self->copies, value, len));
}

static gboolean
write_rows (StrataBulk  *self,
            GError     **error)
{
  int rc;

  if (self->n_rows == 0)
    return TRUE;
  if (self->setup_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->setup_error));
      return FALSE;
    }
  if (self->insert == NULL &&
      (self->insert = strata_workspace_prepare (self->ws, self->sql, error)) == NULL)
    return FALSE;

  g_assert (self->n_values == self->n_rows * self->n_columns);
  strata_row_source_set (self->source, self, self->n_rows, value_column);
  rc = sqlite3_step (self->insert);
  sqlite3_reset (self->insert);
  strata_row_source_set (self->source, NULL, 0, value_column);
  self->n_values = 0;
  self->n_rows = 0;
  if (self->copies != NULL)
    g_string_chunk_clear (self->copies);
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
  g_return_val_if_fail (self->n_values == (self->n_rows + 1) * self->n_columns, FALSE);

  self->n_rows++;
  if (self->n_rows < ROWS_PER_BATCH)
    return TRUE;
  return write_rows (self, error);
}

gboolean
strata_bulk_flush (StrataBulk  *self,
                   GError     **error)
{
  return write_rows (self, error);
}
