/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An import into many periods: the period an order line's date falls in
 * (a split by quarter, month or year), or the period a customer row
 * names in a column. Periods the import makes get their dates from their
 * names, as `periods add` gives them. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-import-private.h"
#include "strata-period.h"
#include "strata-value.h"

gboolean
strata_import_split_from_string (const char        *text,
                                 StrataImportSplit *out)
{
  static const char *const names[] = { "none", "quarter", "month", "year" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (text != NULL && g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *out = (StrataImportSplit) i;
        return TRUE;
      }
  return FALSE;
}

char *
strata_import_split_period_name (StrataImportSplit split,
                                 gint64            days)
{
  int index = strata_value_month_index (days);
  int year = index / 12, month = index % 12 + 1;

  switch (split)
    {
    case STRATA_IMPORT_SPLIT_QUARTER:
      return g_strdup_printf ("%04d-Q%d", year, (month - 1) / 3 + 1);
    case STRATA_IMPORT_SPLIT_MONTH:
      return g_strdup_printf ("%04d-%02d", year, month);
    case STRATA_IMPORT_SPLIT_YEAR:
      return g_strdup_printf ("%04d", year);
    case STRATA_IMPORT_SPLIT_NONE:
    default:
      return NULL;
    }
}

/* Periods the split makes get their dates from their names, as
 * `periods add` gives them, and take their place in time among the
 * others when every period has dates (an import into a named period
 * makes one without dates, which stays where it is). */
static gboolean
place_period (StrataImportSession  *s,
              gint64                id,
              const char           *name,
              GError              **error)
{
  g_autoptr(sqlite3_stmt) dates = NULL;
  g_autoptr(sqlite3_stmt) undated = NULL;
  GDate start, end;
  char start_text[16], end_text[16];

  if (!strata_period_parse_name (name, &start, &end))
    return TRUE;
  g_snprintf (start_text, sizeof start_text, "%04d-%02d-%02d", g_date_get_year (&start),
              g_date_get_month (&start), g_date_get_day (&start));
  g_snprintf (end_text, sizeof end_text, "%04d-%02d-%02d", g_date_get_year (&end),
              g_date_get_month (&end), g_date_get_day (&end));
  dates = strata_workspace_prepare (s->ws, "UPDATE periods SET start_date = ?2, end_date = ?3"
                                    " WHERE id = ?1", error);
  if (dates == NULL)
    return FALSE;
  sqlite3_bind_int64 (dates, 1, id);
  sqlite3_bind_text (dates, 2, start_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (dates, 3, end_text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (dates) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (s->ws, error, "periods");
      return FALSE;
    }
  undated = strata_workspace_prepare (s->ws, "SELECT 1 FROM periods WHERE start_date IS NULL"
                                      " OR end_date IS NULL", error);
  if (undated == NULL)
    return FALSE;
  if (sqlite3_step (undated) == SQLITE_ROW)
    return TRUE;
  /* The renumbering of strata-period.c. */
  return strata_workspace_exec (s->ws,
                                "UPDATE periods SET position = (SELECT COUNT (*) FROM periods q"
                                " WHERE (q.start_date, q.end_date, q.id)"
                                " < (periods.start_date, periods.end_date, periods.id))",
                                error);
}

gboolean
strata_import_use_period (StrataImportSession  *s,
                          const char           *name,
                          gboolean              dated,
                          GError              **error)
{
  g_autoptr(sqlite3_stmt) find =
    strata_workspace_prepare (s->ws, "SELECT id, state FROM periods WHERE name = ?1", error);
  g_autoptr(sqlite3_stmt) add = NULL;

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (find, 1), "closed") == 0)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                       _("Period “%s” of “%s” is closed: its results are frozen. Import into another period"),
                       name, strata_workspace_get_path (s->ws));
          return FALSE;
        }
      s->result->period_id = sqlite3_column_int64 (find, 0);
      g_ptr_array_add (s->result->periods, g_strdup (name));
      return TRUE;
    }

  add = strata_workspace_prepare (s->ws,
                                  "INSERT INTO periods (name, position)"
                                  " VALUES (?1, (SELECT COALESCE (MAX (position), 0) + 1 FROM periods))",
                                  error);
  if (add == NULL)
    return FALSE;
  sqlite3_bind_text (add, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (add) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (s->ws, error, "periods");
      return FALSE;
    }
  s->result->period_id = sqlite3_last_insert_rowid (strata_workspace_get_db (s->ws));
  g_ptr_array_add (s->result->periods, g_strdup (name));
  return !dated || place_period (s, s->result->period_id, name, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The distinct values of the period column, sorted (2026-Q1 < 2026-Q2). */
static GPtrArray *
period_values (StrataImportSession  *s,
               int                   col,
               GError              **error)
{
  g_autoptr(StrataCsvReader) reader =
    strata_csv_reader_open (s->path, s->result->encoding, s->result->delimiter, s->cancellable, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *values;
  GError *local = NULL;
  gboolean header = TRUE;

  if (reader == NULL)
    return NULL;
  while (strata_csv_reader_next (reader, s->cancellable, &local))
    {
      char *value;

      if (header || strata_csv_reader_get_problem (reader) != NULL ||
          strata_csv_reader_get_n_fields (reader) != s->header->len)
        {
          header = FALSE;
          continue;
        }
      value = g_strstrip (g_strdup (strata_csv_reader_get_field (reader, col)));
      if (*value == '\0')
        g_free (value);
      else
        g_hash_table_add (seen, value);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  values = g_ptr_array_new_with_free_func (g_free);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (values, g_strdup (key));
  }
  g_ptr_array_sort (values, compare_names);
  return values;
}

/* A customer table whose rows carry their period: one pass over the file
 * per distinct period (each an import into that period), the period
 * column itself not imported. A preview shows the first period's rows. */
gboolean
strata_import_customers_by_period (StrataImportSession  *s,
                            GError              **error)
{
  const StrataImportOptions *given = s->options;
  StrataCsvReader *first_reader = s->reader;
  g_autoptr(StrataImportOptions) options = NULL;
  g_autoptr(GPtrArray) values = NULL;
  int col = -1;
  gboolean ok = TRUE;

  if (!strata_import_pick_column (s, given->period_column, NULL, &col, error))
    return FALSE;
  values = period_values (s, col, error);
  if (values == NULL)
    return FALSE;
  options = strata_import_options_copy (given);
  strata_import_options_ignore_column (options, s->header->pdata[col]);
  s->options = options;
  s->filter_column = col;

  for (guint i = 0; i < values->len && ok; i++)
    {
      g_autoptr(StrataCsvReader) reader = NULL;

      if (i > 0 && s->max_rows > 0)
        break;
      if (i > 0)
        {
          /* Read again from the top; the header is already known. */
          reader = strata_csv_reader_open (s->path, s->result->encoding, s->result->delimiter,
                                           s->cancellable, error);
          if (reader == NULL)
            {
              ok = FALSE;
              break;
            }
          s->reader = reader;
          s->filter_value = NULL;
          s->rows_seen = 0;
          if (!(ok = strata_import_next_row (s, error)))
            break;
        }
      s->filter_value = values->pdata[i];
      s->filter_first = i == 0;
      g_ptr_array_set_size (s->result->columns, 0);
      g_ptr_array_set_size (s->result->attributes, 0);
      ok = strata_import_use_period (s, values->pdata[i], TRUE, error) &&
           strata_import_customers (s, error);
      s->reader = first_reader;
    }
  s->options = given;
  s->filter_value = NULL;
  return ok;
}
