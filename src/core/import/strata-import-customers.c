/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Customer-table import: one row per customer. Columns map to metrics by
 * header (a metric key or its English, zh_CN or zh_TW label) or by the
 * user's mapping; other columns are classified on the first rows: all
 * numbers (or all yes/no, or all dates) make a new metric, anything else
 * an attribute. A row with any unreadable value is rejected whole, so a
 * customer never gets half of a row.
 *
 * Importing into a period that has data replaces only what the file says:
 * for each metric column, each customer in the file gets the file's value
 * (an empty cell clears the customer's value); customers the file does not
 * list keep every value they had. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-import-customers-private.h"
#include "strata-period-values.h"
#include "strata-value.h"

/* Where text starts without its leading ASCII spaces, and in *len its
 * length without the trailing ones (as g_strstrip () would cut). */
static const char *
stripped (const char *text,
          gsize      *len)
{
  const char *end = text + strlen (text);

  while (g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  *len = end - text;
  return text;
}

/* text stripped, in the reused out. */
static const char *
strip_into (GString    *out,
            const char *text)
{
  gsize len;

  text = stripped (text, &len);
  g_string_truncate (out, 0);
  g_string_append_len (out, text, len);
  return out->str;
}


/* Finds or adds the customer into *k; FALSE and a reject when the id
 * repeats (error unset), or FALSE and an error. The ids seen are in
 * strata-import-known.h's table (in memory up to a cap, then SQLite). */
static gboolean
customer_for (Ctx                 *c,
              const char          *ext_id,
              const char          *name,
              guint64              line,
              StrataKnownCustomer *k,
              GError             **error)
{
  int found = strata_import_known_claim (c->known, ext_id, c->next_id, line, k, error);

  if (found < 0)
    return FALSE;
  if (found == STRATA_KNOWN_REPEATED)
    {
      g_autofree char *reason =
        g_strdup_printf (_("customer id “%s” already appears on line %llu"), ext_id,
                         (unsigned long long) k->line);
      c->s->result->rows_rejected++;
      strata_import_reject (c->s, line, c->id_col >= 0 ? c->s->header->pdata[c->id_col] : "",
                            ext_id, reason, error);
      return FALSE;
    }
  if (found == STRATA_KNOWN_ADDED)
    {
      NewCustomer nc;

      c->next_id++;
      nc.id = k->id;
      nc.ext_id_len = strlen (ext_id);
      nc.name_len = name ? strlen (name) : 0;
      nc.ext_id = g_string_chunk_insert_len (c->batch->strings, ext_id, nc.ext_id_len);
      nc.name = g_string_chunk_insert_len (c->batch->strings, name ? name : "", nc.name_len);
      g_array_append_val (c->batch->customers, nc);
    }
  else if (name != NULL && *name != '\0')
    {
      Rename r = { k->id, g_string_chunk_insert (c->batch->strings, name) };

      g_array_append_val (c->batch->renames, r);
    }
  c->n_imported++;
  return TRUE;
}

/* The field stripped, copied once into the batch's chunk. */
static const char *
attribute_value (Ctx        *c,
                 const char *v)
{
  gsize len;

  v = stripped (v, &len);
  return g_string_chunk_insert_len (c->batch->strings, v, len);
}

/* The row's attributes go to the batch, and so do its values when the
 * customer has no row in the period yet (a new customer, or a known one
 * in a new period): no merge needed. */
static void
add_to_batch (Ctx          *c,
              gint64        customer_id,
              gboolean      member,
              const char  **fields,
              guint         n)
{
  Batch *b = c->batch;
  guint first = b->attrs->len;
  Member m = { customer_id, b->json->len, 0, 0, 0 };
  StrataMetricValue *values;
  guint n_values;

  for (guint i = 0; i < n; i++)
    if (c->cols[i].role == ROLE_ATTRIBUTE && !strata_value_is_blank (fields[i]))
      {
        Attr a = { customer_id, c->s->header->pdata[i], attribute_value (c, fields[i]) };

        /* In key order (the primary key's), by insertion: a row has few. */
        guint at = b->attrs->len;
        while (at > first && strcmp (g_array_index (b->attrs, Attr, at - 1).key, a.key) > 0)
          at--;
        /* A header naming an attribute twice: the later column wins. */
        if (at > first && strcmp (g_array_index (b->attrs, Attr, at - 1).key, a.key) == 0)
          g_array_index (b->attrs, Attr, at - 1).value = a.value;
        else
          g_array_insert_val (b->attrs, at, a);
        if (customer_id < c->first_new_id)
          b->known_attrs = TRUE;
      }
  if (!member)
    return;

  /* Written in place: g_array_append_val () per value was a memmove call
   * each. */
  g_array_set_size (c->row_metrics, c->n_metric_cols);
  n_values = 0;
  values = (StrataMetricValue *) (gpointer) c->row_metrics->data;
  for (guint k = 0; k < c->n_metric_cols; k++)
    {
      guint i = c->metric_cols[k];

      if (!isnan (c->row_values[i]))
        {
          values[n_values].metric_id = c->cols[i].metric->id;
          values[n_values].value = c->row_values[i];
          n_values++;
        }
    }
  strata_period_values_format (b->json, values, n_values);
  /* To the period's columns when the batch is handed over, under the
   * customer's final id (see strata_import_customers_push_full_batch ()). */
  if (c->period_columns != NULL)
    {
      m.values = b->values->len;
      m.n_values = n_values;
      g_array_append_vals (b->values, values, n_values);
    }
  m.json_len = b->json->len - m.json;
  g_string_append_c (b->json, '\0');
  g_array_append_val (b->members, m);
}

/* A customer already in the period: its values are merged at the end. */
static void
collect_for_merge (Ctx          *c,
                   gint64        customer_id,
                   const char  **fields,
                   guint         n)
{
  g_array_append_val (c->members, customer_id);
  for (guint i = 0; i < n; i++)
    if (c->cols[i].role == ROLE_METRIC && !isnan (c->row_values[i]))
      {
        StrataImportValue v = { customer_id, c->row_values[i] };
        g_array_append_val (c->cols[i].values, v);
      }
}

static gboolean
process_row (Ctx          *c,
             guint64       line,
             const char   *problem,
             const char  **fields,
             guint         n,
             GError      **error)
{
  StrataImportSession *s = c->s;
  double *values = c->row_values;
  const char *ext_id;
  const char *name = NULL;
  gboolean bad = FALSE;
  gint64 customer_id;
  gboolean in_period;

  if (problem == NULL && n == c->n_cols)
    {
      gboolean blank = TRUE;

      for (guint i = 0; i < n && blank; i++)
        blank = strata_value_is_blank (fields[i]);
      if (blank)
        return TRUE;   /* ",,,": an empty spreadsheet row */
    }

  s->result->rows_read++;
  if (problem != NULL || n != c->n_cols)
    {
      s->result->rows_rejected++;
      return strata_import_reject_shape (s, line, problem, fields, n, error);
    }

  if (c->row_numbers)
    {
      g_string_printf (c->row_id, "%llu", (unsigned long long) s->result->rows_read);
      ext_id = c->row_id->str;
    }
  else
    ext_id = strip_into (c->row_id, fields[c->id_col]);
  if (*ext_id == '\0')
    {
      s->result->rows_without_customer++;
      s->result->rows_rejected++;
      return strata_import_reject (s, line, s->header->pdata[c->id_col], "",
                                   _("no customer id"), error);
    }

  strata_import_known_prefetch (c->known, ext_id);
  for (guint i = 0; i < n; i++)
    {
      const char *reason = NULL;

      values[i] = NAN;
      if (c->cols[i].role == ROLE_NAME)
        name = strip_into (c->row_name, fields[i]);
      if (c->cols[i].role != ROLE_METRIC || strata_value_is_blank (fields[i]))
        continue;
      if (!strata_import_customers_parse_value (c->cols[i].metric->kind, fields[i], &values[i], &reason))
        {
          bad = TRUE;
          if (!strata_import_reject (s, line, s->header->pdata[i], fields[i], reason, error))
            return FALSE;
        }
    }
  if (bad)
    {
      s->result->rows_rejected++;
      return TRUE;
    }

  {
    GError *local = NULL;
    StrataKnownCustomer k;

    if (!customer_for (c, ext_id, name, line, &k, &local))
      {
        if (local != NULL)
          g_propagate_error (error, local);
        return local == NULL;   /* a repeated id: rejected */
      }
    customer_id = k.id;
    in_period = k.in_period;
  }

  add_to_batch (c, customer_id, !in_period, fields, n);
  if (in_period)
    collect_for_merge (c, customer_id, fields, n);
  s->result->rows_imported++;
  return TRUE;
}

/* The rows of the file, judged by the length of its first ones, so that
 * the period's columns are allocated once. A workbook's size says nothing
 * about its rows: 0 there. */
static guint
expected_rows (Ctx *c)
{
  guint64 size = strata_csv_reader_get_size (c->s->reader);
  guint64 bytes = 0, row;

  if (c->sample->len == 0 || strata_csv_reader_get_sheet (c->s->reader) != NULL)
    return 0;
  for (guint i = 0; i < c->sample->len; i++)
    for (char **f = ((SampleRow *) c->sample->pdata[i])->fields; *f != NULL; f++)
      bytes += strlen (*f) + 1;
  row = MAX (bytes / c->sample->len, 1);
  return (guint) MIN (size / row + size / row / 32 + 16, G_MAXUINT32 / 16);
}

static gboolean
prepare (Ctx     *c,
         GError **error)
{
  g_autoptr(sqlite3_stmt) all = NULL;
  g_autoptr(sqlite3_stmt) in_period = NULL;
  gint64 member = G_MAXINT64;
  guint rows;
  int rc;

  /* The name is compared by SQLite: keeping a million names here to
   * compare them cost more than the statements. */
  c->rename = strata_workspace_prepare (c->s->ws,
                                        "UPDATE customers SET name = ?1 WHERE id = ?2 AND name <> ?1",
                                        error);
  all = c->rename ? strata_workspace_prepare (c->s->ws, "SELECT id, ext_id FROM customers ORDER BY id", error) : NULL;
  /* Both in id order, walked together: cheaper than a join's look-ups. */
  in_period = all ? strata_workspace_prepare (c->s->ws, "SELECT customer_id FROM period_customers"
                                              " WHERE period_id = ?1 ORDER BY customer_id", error) : NULL;
  if (in_period == NULL)
    return FALSE;
  sqlite3_bind_int64 (in_period, 1, c->s->result->period_id);
  /* The file's ids, and the workspace's beside them as they come. */
  rows = expected_rows (c);
  strata_import_known_reserve (c->known, rows);
  if (sqlite3_step (in_period) == SQLITE_ROW)
    member = sqlite3_column_int64 (in_period, 0);
  else
    {
      c->period_columns = strata_period_columns_builder_new ();
      strata_period_columns_builder_reserve (c->period_columns, rows);
    }
  while ((rc = sqlite3_step (all)) == SQLITE_ROW)
    {
      StrataKnownCustomer k = { sqlite3_column_int64 (all, 0), 0, FALSE };

      while (member < k.id)
        member = sqlite3_step (in_period) == SQLITE_ROW ? sqlite3_column_int64 (in_period, 0) : G_MAXINT64;
      k.in_period = member == k.id;
      c->next_id = MAX (c->next_id, k.id + 1);
      if (!strata_import_known_add (c->known, (const char *) sqlite3_column_text (all, 1), &k, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (c->s->ws, error, "customers");
      return FALSE;
    }
  c->next_id = MAX (c->next_id, 1);
  return TRUE;
}

/* The file's known customers join the period with the file's values;
 * their empty cells clear the metric, and no other customer is touched. */
static gboolean
write_known_values (Ctx     *c,
                    GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();

  if (c->members->len == 0)
    return TRUE;
  for (guint k = 0; k < c->n_metric_cols; k++)
    {
      Column *col = &c->cols[c->metric_cols[k]];

      g_array_append_val (ids, col->metric->id);
      g_ptr_array_add (columns, col->values);
    }
  strata_import_sort (c->members, strata_import_compare_ids);
  return strata_import_write_period (c->s, (const gint64 *) (gpointer) ids->data,
                                     (GArray **) columns->pdata, ids->len, c->members, error);
}

static gboolean
read_rows (Ctx     *c,
           GError **error)
{
  StrataImportSession *s = c->s;
  GError *local = NULL;
  guint64 count = 0;

  for (guint i = 0; i < c->sample->len; i++)
    {
      SampleRow *r = c->sample->pdata[i];

      if (!process_row (c, r->line, r->problem, (const char **) r->fields,
                        g_strv_length (r->fields), error))
        return FALSE;
      strata_import_customers_push_full_batch (c);
    }
  g_ptr_array_set_size (c->sample, 0);

  while (strata_import_next_row (s, &local))
    {
      if (!process_row (c, strata_csv_reader_get_line (s->reader),
                        strata_csv_reader_get_problem (s->reader),
                        (const char **) s->row->pdata, s->row->len, error))
        return FALSE;
      strata_import_customers_push_full_batch (c);
      if ((++count & 1023) == 0)
        {
          if (!strata_import_tick (s, error))
            return FALSE;
          if (strata_import_writer_failed (c->writer))
            return TRUE;   /* strata_import_customers_stop_writing () tells why */
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return strata_import_tick (s, error);
}

static gboolean
run (Ctx     *c,
     GError **error)
{
  StrataImportSession *s = c->s;
  GError *local = NULL;
  gboolean ok;

  if (!strata_import_customers_map_columns (c, error))
    return FALSE;

  /* Read ahead the rows that decide what the new columns are. */
  while (c->sample->len < SAMPLE_ROWS && strata_import_next_row (s, &local))
    {
      SampleRow *r = g_new0 (SampleRow, 1);

      r->line = strata_csv_reader_get_line (s->reader);
      r->problem = strata_csv_reader_get_problem (s->reader);
      r->fields = g_new0 (char *, s->row->len + 1);
      for (guint i = 0; i < s->row->len; i++)
        r->fields[i] = g_strdup (s->row->pdata[i]);
      g_ptr_array_add (c->sample, r);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  if (!strata_import_customers_classify_new_columns (c, error) || !prepare (c, error))
    return FALSE;

  if (!strata_import_customers_start_writing (c, error))
    return FALSE;
  ok = read_rows (c, error);
  if (!strata_import_customers_stop_writing (c, ok, error) || !write_known_values (c, error))
    return FALSE;
  s->result->customers = c->n_imported;
  return TRUE;
}

gboolean
strata_import_customers (StrataImportSession  *s,
                         GError              **error)
{
  Ctx c = { 0 };
  gboolean ok;

  c.s = s;
  c.n_cols = s->header->len;
  c.cols = g_new0 (Column, c.n_cols);
  c.id_col = -1;
  c.known = strata_import_known_new (error);
  if (c.known == NULL)
    {
      g_free (c.cols);
      return FALSE;
    }
  c.row_id = g_string_new (NULL);
  c.row_name = g_string_new (NULL);
  c.row_values = g_new (double, c.n_cols);
  c.row_metrics = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  c.members = g_array_new (FALSE, FALSE, sizeof (gint64));
  c.sample = g_ptr_array_new_with_free_func (strata_import_customers_sample_row_free);

  ok = run (&c, error);

  /* The customers' look-up (its memory, or a temporary database past
   * its cap) goes before the columns are written. */
  g_clear_pointer (&c.known, strata_import_known_free);
  if (ok && c.period_columns != NULL)
    ok = strata_period_columns_builder_write (c.period_columns, s->ws, s->result->period_id, error);
  g_clear_pointer (&c.period_columns, strata_period_columns_builder_free);

  for (guint i = 0; i < c.n_cols; i++)
    {
      strata_import_metric_free (c.cols[i].metric);
      if (c.cols[i].values)
        g_array_unref (c.cols[i].values);
    }
  g_free (c.cols);
  g_string_free (c.row_id, TRUE);
  g_string_free (c.row_name, TRUE);
  g_free (c.row_values);
  g_array_unref (c.row_metrics);
  g_free (c.metric_cols);
  g_free (c.created_at);
  g_clear_pointer (&c.add_customers, sqlite3_finalize);
  g_clear_pointer (&c.add_attrs, sqlite3_finalize);
  g_clear_pointer (&c.drop_attrs, sqlite3_finalize);
  g_clear_pointer (&c.add_members, sqlite3_finalize);
  g_clear_pointer (&c.batch_customers, strata_row_source_free);
  g_clear_pointer (&c.batch_attrs, strata_row_source_free);
  g_clear_pointer (&c.batch_members, strata_row_source_free);
  g_array_unref (c.members);
  g_ptr_array_unref (c.sample);
  g_clear_pointer (&c.rename, sqlite3_finalize);
  return ok;
}
