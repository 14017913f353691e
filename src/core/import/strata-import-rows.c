/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every importer shares while it reads a file: finding the columns
 * of the header, reading the rows of this pass, rejecting a row (and its
 * line in the import log), finding or creating a metric, sorting ids and
 * reporting progress. The frame of the import is strata-import.c. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-import-private.h"
#include "strata-metric.h"
#include "strata-value.h"

/* Header names compare without case, spaces, underscores and dashes, so
 * "Customer ID", "customer_id" and "CustomerID" are one name. */
static char *
squash (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *s = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (*p != ' ' && *p != '_' && *p != '-' && *p != '\t')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

int
strata_import_find_column (StrataImportSession *s,
                           const char          *name)
{
  g_autofree char *want = squash (name);

  for (guint i = 0; i < s->header->len; i++)
    {
      g_autofree char *have = squash (s->header->pdata[i]);
      if (*want != '\0' && g_str_equal (want, have))
        return i;
    }
  return -1;
}

gboolean
strata_import_pick_column (StrataImportSession  *s,
                           const char           *given,
                           const char *const    *guesses,
                           int                  *out,
                           GError              **error)
{
  *out = -1;
  if (given != NULL && *given != '\0')
    {
      *out = strata_import_find_column (s, given);
      if (*out < 0)
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint i = 0; i < s->header->len; i++)
            g_string_append_printf (list, "%s“%s”", i ? ", " : "",
                                    (const char *) s->header->pdata[i]);
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                       _("“%s” has no column “%s” (its columns are %s)"),
                       s->path, given, list->str);
          return FALSE;
        }
      return TRUE;
    }
  for (guint g = 0; guesses != NULL && guesses[g] != NULL && *out < 0; g++)
    {
      *out = strata_import_find_column (s, guesses[g]);
      /* A column the user gave another role is never guessed. */
      if (*out >= 0 && (strata_import_column_listed (s, s->options->ignore_columns, *out) ||
                        strata_import_column_listed (s, s->options->attribute_columns, *out) ||
                        strata_import_column_listed (s, s->options->map_columns, *out)))
        *out = -1;
    }
  return TRUE;
}

static gboolean
read_record (StrataImportSession  *s,
             GError              **error)
{
  guint n;

  if (!strata_csv_reader_next (s->reader, s->cancellable, error))
    return FALSE;
  n = strata_csv_reader_get_n_fields (s->reader);
  g_ptr_array_set_size (s->row, n);
  for (guint i = 0; i < n; i++)
    s->row->pdata[i] = (gpointer) strata_csv_reader_get_field (s->reader, i);
  return TRUE;
}

/* Whether the record belongs to this pass of a period column's import. */
static gboolean
row_in_pass (StrataImportSession  *s,
             gboolean             *keep,
             GError              **error)
{
  g_autofree char *value = NULL;
  gboolean blank = TRUE;

  *keep = TRUE;
  if (s->filter_value == NULL)
    return TRUE;
  if (strata_csv_reader_get_problem (s->reader) != NULL || s->row->len != s->header->len)
    {
      *keep = s->filter_first;
      return TRUE;
    }
  value = g_strstrip (g_strdup (s->row->pdata[s->filter_column]));
  if (*value != '\0')
    {
      *keep = g_str_equal (value, s->filter_value);
      return TRUE;
    }
  /* A blank line is skipped by the importer; a row without a period is
   * rejected, once. */
  for (guint i = 0; i < s->row->len && blank; i++)
    blank = strata_value_is_blank (s->row->pdata[i]);
  *keep = blank && s->filter_first;
  if (blank || !s->filter_first)
    return TRUE;
  s->result->rows_read++;
  s->result->rows_rejected++;
  return strata_import_reject (s, strata_csv_reader_get_line (s->reader),
                               s->header->pdata[s->filter_column], "", _("no period"), error);
}

gboolean
strata_import_next_row (StrataImportSession  *s,
                        GError              **error)
{
  gboolean keep = TRUE;

  /* A preview stops after its rows (the header is read first). */
  if (s->max_rows > 0 && s->rows_seen > s->max_rows)
    return FALSE;
  do
    {
      if (!read_record (s, error))
        return FALSE;
      if (s->rows_seen > 0 && !row_in_pass (s, &keep, error))
        return FALSE;
    }
  while (!keep);
  if (s->preview_rows != NULL && s->rows_seen > 0)
    {
      guint n = s->row->len;
      GStrv copy = g_new0 (char *, n + 1);
      guint64 line = strata_csv_reader_get_line (s->reader);

      for (guint i = 0; i < n; i++)
        copy[i] = g_strdup (s->row->pdata[i]);
      g_ptr_array_add (s->preview_rows, copy);
      g_array_append_val (s->preview_lines, line);
    }
  s->rows_seen++;
  return TRUE;
}

static StrataImportReject *
reject_new (guint64     line,
            const char *column,
            const char *value,
            const char *reason)
{
  StrataImportReject *r = g_new0 (StrataImportReject, 1);

  r->line = line;
  r->column = g_strdup (column);
  r->value = g_strdup (value);
  r->reason = g_strdup (reason);
  return r;
}

/* The reject's row in the workspace's import log. */
static gboolean
write_reject (StrataImportSession  *s,
              guint64               line,
              const char           *column,
              const char           *value,
              const char           *reason,
              GError              **error)
{
  sqlite3_reset (s->reject_stmt);
  sqlite3_bind_int64 (s->reject_stmt, 1, s->result->import_id);
  sqlite3_bind_int64 (s->reject_stmt, 2, (sqlite3_int64) line);
  sqlite3_bind_text (s->reject_stmt, 3, column, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s->reject_stmt, 4, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s->reject_stmt, 5, reason, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s->reject_stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (s->ws, error, "import_rejects");
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_import_reject (StrataImportSession  *s,
                      guint64               line,
                      const char           *column,
                      const char           *value,
                      const char           *reason,
                      GError              **error)
{
  g_autofree char *short_value = NULL;

  column = column ? column : "";
  value = value ? value : "";
  /* A runaway quoted field can hold the rest of the file: keep a prefix. */
  if (strlen (value) > 1000)
    {
      const char *cut = g_utf8_find_prev_char (value, value + 1000);
      short_value = g_strndup (value, cut ? cut - value : 0);
      value = short_value;
    }

  if (s->result->rejects->len < STRATA_IMPORT_MAX_REJECTS_KEPT)
    {
      StrataImportReject *r = reject_new (line, column, value, reason);

      /* In a sheet, the cell the user can go to. */
      if (strata_csv_reader_get_sheet (s->reader) != NULL)
        for (guint i = 0; i < s->header->len; i++)
          if (*column != '\0' && g_str_equal (s->header->pdata[i], column))
            {
              r->cell = strata_csv_reader_cell_name (s->reader, i, line);
              break;
            }
      g_ptr_array_add (s->result->rejects, r);
    }
  if (s->deferred_rejects != NULL)
    {
      g_ptr_array_add (s->deferred_rejects, reject_new (line, column, value, reason));
      return TRUE;
    }
  return write_reject (s, line, column, value, reason, error);
}

gboolean
strata_import_write_rejects (StrataImportSession  *s,
                             GPtrArray            *rejects,
                             GError              **error)
{
  for (guint i = 0; i < rejects->len; i++)
    {
      StrataImportReject *r = rejects->pdata[i];

      if (!write_reject (s, r->line, r->column, r->value, r->reason, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
strata_import_reject_shape (StrataImportSession  *s,
                            guint64               line,
                            const char           *problem,
                            const char *const    *fields,
                            guint                 n,
                            GError              **error)
{
  g_autofree char *reason = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (problem != NULL)
    return strata_import_reject (s, line, "", n > 0 ? fields[n - 1] : "", problem, error);

  reason = g_strdup_printf (_("the row has %u fields but the header has %u"), n, s->header->len);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, strata_csv_reader_get_delimiter (s->reader));
      g_string_append (text, fields[i]);
    }
  return strata_import_reject (s, line, "", text->str, reason, error);
}

static StrataImportMetric *
metric_query (StrataImportSession  *s,
              const char           *sql,
              const char           *arg,
              GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (s->ws, sql, error);
  StrataImportMetric *m;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      strata_workspace_set_db_error (s->ws, error, "metrics");
      return NULL;
    }
  m = g_new0 (StrataImportMetric, 1);
  m->id = sqlite3_column_int64 (stmt, 0);
  m->key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  m->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  return m;
}

StrataImportMetric *
strata_import_metric_lookup (StrataImportSession  *s,
                             const char           *key,
                             GError              **error)
{
  return metric_query (s, "SELECT id, key, kind FROM metrics WHERE key = ?1", key, error);
}

StrataImportMetric *
strata_import_metric_match (StrataImportSession  *s,
                            const char           *header,
                            GError              **error)
{
  g_autofree char *h = g_strstrip (g_utf8_casefold (header, -1));

  if (*h == '\0')
    return NULL;
  return metric_query (s,
                       "SELECT id, key, kind FROM metrics"
                       " WHERE lower(key) = ?1 OR lower(trim(label)) = ?1"
                       "  OR lower(trim(label_zh_cn)) = ?1 OR lower(trim(label_zh_tw)) = ?1"
                       " ORDER BY builtin DESC, id LIMIT 1", h, error);
}

/* A metric key from a header: lower-case ASCII letters, digits and _. */
static char *
make_key (const char *label)
{
  GString *s = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (s, g_ascii_tolower (*p));
      else if (s->len > 0 && s->str[s->len - 1] != '_')
        g_string_append_c (s, '_');
    }
  if (s->len > 56)
    g_string_truncate (s, 56);   /* room for a _N suffix within 64 */
  while (s->len > 0 && s->str[s->len - 1] == '_')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_assign (s, "metric");
  else if (g_ascii_isdigit (s->str[0]))
    g_string_prepend (s, "m_");
  return g_string_free (s, FALSE);
}

StrataImportMetric *
strata_import_metric_create (StrataImportSession  *s,
                             const char           *label,
                             const char           *kind,
                             GError              **error)
{
  g_autofree char *base = make_key (label);
  g_autofree char *key = g_strdup (base);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  StrataImportMetric *m;

  for (guint n = 2;; n++)
    {
      GError *local = NULL;
      StrataImportMetric *existing = strata_import_metric_lookup (s, key, &local);

      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (existing == NULL)
        break;
      strata_import_metric_free (existing);
      g_free (key);
      key = g_strdup_printf ("%s_%u", base, n);
    }

  stmt = strata_workspace_prepare (s->ws,
                                   "INSERT INTO metrics (key, label, kind, position)"
                                   " VALUES (?1, ?2, ?3, (SELECT COALESCE (MAX (position), 0) + 1 FROM metrics))",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (s->ws, error, "metrics");
      return NULL;
    }
  m = g_new0 (StrataImportMetric, 1);
  m->id = sqlite3_last_insert_rowid (strata_workspace_get_db (s->ws));
  m->key = g_steal_pointer (&key);
  m->kind = g_strdup (kind);
  g_ptr_array_add (s->result->new_metrics, g_strdup (m->key));
  return m;
}

int
strata_import_compare_ids (gconstpointer a,
                           gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

void
strata_import_sort (GArray       *array,
                    GCompareFunc  compare)
{
  guint size = g_array_get_element_size (array);

  for (guint i = 1; i < array->len; i++)
    if (compare (array->data + (i - 1) * size, array->data + i * size) > 0)
      {
        g_array_sort (array, compare);
        return;
      }
}

gboolean
strata_import_tick (StrataImportSession  *s,
                    GError              **error)
{
  guint64 size = strata_csv_reader_get_size (s->reader);

  if (g_cancellable_set_error_if_cancelled (s->cancellable, error))
    return FALSE;
  if (s->progress != NULL && size > 0)
    {
      /* Reading is most of the work; the final writes take the last 5 %. */
      double f = 0.95 * MIN (1.0, (double) strata_csv_reader_get_bytes_read (s->reader) / size);

      if (f - s->last_fraction >= 0.005)
        {
          s->last_fraction = f;
          s->progress (f, s->progress_data);
        }
    }
  return TRUE;
}

