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

#include "strata-import-private.h"
#include "strata-import-writer.h"
#include "strata-period-values.h"
#include "strata-row-source.h"
#include "strata-value.h"

#define SAMPLE_ROWS 1000
/* New customers per batch handed to the writer thread. */
#define BATCH_ROWS 4096

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
  GHashTable          *known;       /* ext_id -> Known, all customers */
  GStringChunk        *strings;     /* ext_ids, names, attribute values */
  gint64               next_id;
  GArray              *members;     /* gint64 ids of the file's customers already in the period */
  guint               *metric_cols; /* the metric columns, by metric id */
  guint                n_metric_cols;
  StrataImportWriter  *writer;      /* owns the connection while reading */
  struct _Batch       *batch;       /* new customers for the writer */
  guint                n_imported;  /* customers written */
  sqlite3_stmt        *rename;
  GPtrArray           *sample;
  GPtrArray           *known_blocks; /* Known[KNOWN_BLOCK], owned */
  guint                known_left;   /* free Known in the last block */
  GString             *row_id;      /* scratch for process_row, reused */
  GString             *row_name;
  double              *row_values;  /* n_cols */
  GArray              *row_metrics; /* StrataMetricValue, scratch */
  char                *created_at;  /* once, not the column's default (a strftime) per row */
  /* The writer thread's: a batch's rows as tables, and the statements
   * that copy them */
  StrataRowSource     *batch_customers;
  StrataRowSource     *batch_attrs;
  StrataRowSource     *batch_members;
  sqlite3_stmt        *add_customers;
  sqlite3_stmt        *add_attrs;
  sqlite3_stmt        *add_members;
} Ctx;

/* Rows are checked while reading. A customer with no row in the period
 * yet (any customer of a first import or of a new quarter) is final once
 * read: it goes, with its attributes and values, into a batch that the
 * writer thread writes while the file is read on. Values of customers
 * already in the period are collected and merged at the end. All is one
 * transaction. */
typedef struct
{
  gint64      id;
  guint64     line;       /* where the file gave it, 0 when not (yet) */
  gboolean    in_period;  /* has a row in the import's period */
} Known;

typedef struct
{
  gint64      id;
  const char *ext_id;
  const char *name;
} NewCustomer;

/* Known are carved from blocks: a million customers would otherwise be
 * a million small mallocs and frees. */
#define KNOWN_BLOCK 4096

static Known *
known_new (Ctx *c)
{
  Known *block;

  if (c->known_left == 0)
    {
      g_ptr_array_add (c->known_blocks, g_new (Known, KNOWN_BLOCK));
      c->known_left = KNOWN_BLOCK;
    }
  block = g_ptr_array_index (c->known_blocks, c->known_blocks->len - 1);
  block += KNOWN_BLOCK - c->known_left--;
  block->id = 0;
  block->line = 0;
  block->in_period = FALSE;
  return block;
}

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
  gsize  json;       /* offset of its values_json in Batch.json */
} Member;

typedef struct _Batch
{
  Ctx       *c;
  GArray    *customers;  /* NewCustomer */
  GArray    *attrs;      /* Attr, by customer and key */
  GArray    *members;    /* Member */
  GString   *json;       /* the members' values_json, each NUL-ended */
  GArray    *renames;    /* Rename of known customers */
  GPtrArray *rejects;    /* StrataImportReject* for the log */
} Batch;

static Batch *
batch_new (Ctx *c)
{
  Batch *b = g_new0 (Batch, 1);

  b->c = c;
  b->customers = g_array_sized_new (FALSE, FALSE, sizeof (NewCustomer), BATCH_ROWS);
  b->attrs = g_array_new (FALSE, FALSE, sizeof (Attr));
  b->members = g_array_sized_new (FALSE, FALSE, sizeof (Member), BATCH_ROWS);
  b->json = g_string_sized_new (BATCH_ROWS * 48);
  b->renames = g_array_new (FALSE, FALSE, sizeof (Rename));
  b->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  return b;
}

static void
batch_free (gpointer data)
{
  Batch *b = data;

  g_array_unref (b->customers);
  g_array_unref (b->attrs);
  g_array_unref (b->members);
  g_string_free (b->json, TRUE);
  g_array_unref (b->renames);
  g_ptr_array_unref (b->rejects);
  g_free (b);
}

static void
customer_column (gconstpointer    rows,
                 guint            row,
                 guint            column,
                 sqlite3_context *context)
{
  const NewCustomer *nc = &g_array_index (((const Batch *) rows)->customers, NewCustomer, row);

  if (column == 0)
    sqlite3_result_int64 (context, nc->id);
  else
    sqlite3_result_text (context, column == 1 ? nc->ext_id : nc->name, -1, SQLITE_STATIC);
}

static void
attr_column (gconstpointer    rows,
             guint            row,
             guint            column,
             sqlite3_context *context)
{
  const Attr *a = &g_array_index (((const Batch *) rows)->attrs, Attr, row);

  if (column == 0)
    sqlite3_result_int64 (context, a->customer_id);
  else
    sqlite3_result_text (context, column == 1 ? a->key : a->value, -1, SQLITE_STATIC);
}

static void
member_column (gconstpointer    rows,
               guint            row,
               guint            column,
               sqlite3_context *context)
{
  const Batch *b = rows;
  const Member *m = &g_array_index (b->members, Member, row);

  if (column == 0)
    sqlite3_result_int64 (context, m->id);
  else
    sqlite3_result_text (context, b->json->str + m->json, -1, SQLITE_STATIC);
}

/* Copies one of the batch's tables; runs on the writer thread. */
static gboolean
copy_rows (Ctx                    *c,
           StrataRowSource        *source,
           sqlite3_stmt           *copy,
           Batch                  *b,
           guint                   n_rows,
           StrataRowSourceColumn   column,
           const char             *table,
           GError                **error)
{
  int rc;

  if (n_rows == 0)
    return TRUE;
  strata_row_source_set (source, b, n_rows, column);
  rc = sqlite3_step (copy);
  sqlite3_reset (copy);
  strata_row_source_set (source, NULL, 0, column);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (c->s->ws, error, table);
      return FALSE;
    }
  return TRUE;
}

/* Runs on the writer thread. */
static gboolean
write_batch (gpointer   data,
             GError   **error)
{
  Batch *b = data;
  Ctx *c = b->c;

  if (g_cancellable_set_error_if_cancelled (c->s->cancellable, error) ||
      !copy_rows (c, c->batch_customers, c->add_customers, b, b->customers->len,
                  customer_column, "customers", error))
    return FALSE;
  for (guint i = 0; i < b->renames->len; i++)
    {
      Rename *r = &g_array_index (b->renames, Rename, i);
      int rc;

      sqlite3_bind_text (c->rename, 1, r->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (c->rename, 2, r->id);
      rc = sqlite3_step (c->rename);
      sqlite3_reset (c->rename);
      if (rc != SQLITE_DONE)
        {
          strata_workspace_set_db_error (c->s->ws, error, "customers");
          return FALSE;
        }
    }
  return copy_rows (c, c->batch_attrs, c->add_attrs, b, b->attrs->len, attr_column, "attributes", error) &&
         copy_rows (c, c->batch_members, c->add_members, b, b->members->len, member_column,
                    "period_customers", error) &&
         strata_import_write_rejects (c->s, b->rejects, error);
}

/* Hands the batch being filled to the writer. */
static void
push_batch (Ctx *c)
{
  Batch *b = c->batch;

  g_ptr_array_extend_and_steal (b->rejects, c->s->deferred_rejects);
  c->s->deferred_rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  strata_import_writer_push (c->writer, write_batch, b, batch_free);
  c->batch = batch_new (c);
}

/* Hands the batch being filled to the writer once it is full. */
static void
push_full_batch (Ctx *c)
{
  if (c->batch->customers->len >= BATCH_ROWS || c->batch->renames->len >= BATCH_ROWS ||
      c->s->deferred_rejects->len >= BATCH_ROWS)
    push_batch (c);
}

static const char *const id_guesses[] = {
  "customer id", "customerid", "customer no", "customer number", "customer code",
  "client id", "account id", "id", "seller id", "code",
  "客户编号", "客户id", "客户代码", "客户号", "编号",
  "客戶編號", "客戶id", "客戶代碼", "客戶號", "編號", NULL
};

static const char *const name_guesses[] = {
  "name", "customer name", "customer", "company", "company name", "client", "client name",
  "客户名称", "客户", "名称", "公司名称", "客戶名稱", "客戶", "名稱", "公司名稱", NULL
};

static void
sample_row_free (gpointer data)
{
  SampleRow *r = data;

  g_strfreev (r->fields);
  g_free (r);
}

static const char *
kind_of_column (Ctx  *c,
                guint col)
{
  gboolean number = TRUE, boolean = TRUE, date = TRUE, any = FALSE;

  for (guint i = 0; i < c->sample->len; i++)
    {
      SampleRow *r = c->sample->pdata[i];
      const char *v;
      double d;
      gboolean b;
      gint64 day;

      if (r->problem != NULL || g_strv_length (r->fields) != c->n_cols)
        continue;
      v = r->fields[col];
      if (strata_value_is_blank (v))
        continue;
      any = TRUE;
      /* What users typed as a code stays as typed: 08123 is not 8123. */
      if (strata_value_is_code (v))
        return NULL;
      if (number && !strata_value_parse_number (v, &d, NULL))
        number = FALSE;
      if (boolean && !strata_value_parse_boolean (v, &b, NULL))
        boolean = FALSE;
      if (date && !strata_value_parse_date (v, &day, NULL))
        date = FALSE;
      if (!number && !boolean && !date)
        break;
    }
  if (!any)
    return NULL;
  if (number)
    return "number";
  if (boolean)
    return "boolean";
  if (date)
    return "date";
  return NULL;
}

static gboolean
parse_value (const char  *kind,
             const char  *text,
             double      *out,
             const char **reason)
{
  /* Most cells are numbers: the first letter saves two strcmp per cell
   * (kinds are number, money, count, boolean and date). */
  if (*kind == 'b' && g_str_equal (kind, "boolean"))
    {
      gboolean b;

      if (!strata_value_parse_boolean (text, &b, reason))
        return FALSE;
      *out = b ? 1.0 : 0.0;
      return TRUE;
    }
  if (*kind == 'd' && g_str_equal (kind, "date"))
    {
      gint64 day;

      if (!strata_value_parse_date (text, &day, reason))
        return FALSE;
      *out = (double) day;
      return TRUE;
    }
  return strata_value_parse_number (text, out, reason);
}

static gboolean
map_columns (Ctx     *c,
             GError **error)
{
  StrataImportSession *s = c->s;
  const StrataImportOptions *o = s->options;
  int name_col;

  if (o->id_column != NULL && g_str_equal (o->id_column, "#"))
    c->row_numbers = TRUE;
  else if (!strata_import_pick_column (s, o->id_column, id_guesses, &c->id_col, error))
    return FALSE;
  if (c->id_col < 0 && !c->row_numbers)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                   _("“%s”: no column holds the customer id (such as “Customer ID” or “客户编号”); "
                     "name the column to use"), s->path);
      return FALSE;
    }
  if (c->id_col >= 0)
    c->cols[c->id_col].role = ROLE_ID;

  if (!strata_import_pick_column (s, o->name_column, name_guesses, &name_col, error))
    return FALSE;
  if (name_col >= 0 && name_col != c->id_col)
    c->cols[name_col].role = ROLE_NAME;

  for (guint i = 0; i < o->map_metrics->len; i++)
    {
      const char *key = o->map_metrics->pdata[i];
      int col;
      GError *local = NULL;
      StrataImportMetric *m;

      if (!strata_import_pick_column (s, o->map_columns->pdata[i], NULL, &col, error))
        return FALSE;
      m = strata_import_metric_lookup (s, key, &local);
      if (m == NULL && local == NULL)
        m = strata_import_metric_match (s, key, &local);
      if (m == NULL && local == NULL)
        m = strata_import_metric_create (s, key, "number", &local);
      if (m == NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      strata_import_metric_free (c->cols[col].metric);
      c->cols[col].metric = m;
      c->cols[col].role = ROLE_METRIC;
    }

  for (guint i = 0; i < c->n_cols; i++)
    {
      GError *local = NULL;

      if (c->cols[i].role != ROLE_UNDECIDED)
        continue;
      if (strata_import_column_listed (s, o->ignore_columns, i))
        {
          c->cols[i].role = ROLE_IGNORE;
          continue;
        }
      if (strata_import_column_listed (s, o->attribute_columns, i))
        {
          c->cols[i].role = ROLE_ATTRIBUTE;
          g_ptr_array_add (s->result->attributes, g_strdup (s->header->pdata[i]));
          continue;
        }
      if (*(const char *) s->header->pdata[i] == '\0')
        {
          c->cols[i].role = ROLE_IGNORE;
          continue;
        }
      c->cols[i].metric = strata_import_metric_match (s, s->header->pdata[i], &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (c->cols[i].metric != NULL)
        c->cols[i].role = ROLE_METRIC;
    }

  /* Two columns for one metric: the first wins, the second is ignored. */
  for (guint i = 0; i < c->n_cols; i++)
    for (guint j = i + 1; j < c->n_cols; j++)
      if (c->cols[i].role == ROLE_METRIC && c->cols[j].role == ROLE_METRIC &&
          c->cols[i].metric->id == c->cols[j].metric->id)
        c->cols[j].role = ROLE_IGNORE;
  return TRUE;
}

static gboolean
classify_new_columns (Ctx     *c,
                      GError **error)
{
  StrataImportSession *s = c->s;

  for (guint i = 0; i < c->n_cols; i++)
    {
      const char *kind;

      if (c->cols[i].role != ROLE_UNDECIDED)
        continue;
      kind = strata_value_header_is_code (s->header->pdata[i]) ? NULL : kind_of_column (c, i);
      if (kind == NULL)
        {
          c->cols[i].role = ROLE_ATTRIBUTE;
          g_ptr_array_add (s->result->attributes, g_strdup (s->header->pdata[i]));
          continue;
        }
      c->cols[i].metric = strata_import_metric_create (s, s->header->pdata[i], kind, error);
      if (c->cols[i].metric == NULL)
        return FALSE;
      c->cols[i].role = ROLE_METRIC;
    }
  for (guint i = 0; i < c->n_cols; i++)
    {
      static const char *names[] = { "", "ignored", "id", "name", NULL, "attribute" };
      Role role = c->cols[i].role;

      if (role == ROLE_METRIC)
        {
          c->cols[i].values = g_array_new (FALSE, FALSE, sizeof (StrataImportValue));
          g_ptr_array_add (s->result->columns, g_strconcat ("metric:", c->cols[i].metric->key, NULL));
        }
      else
        g_ptr_array_add (s->result->columns, g_strdup (names[role]));
    }
  return TRUE;
}

/* Finds or adds the customer; NULL and a reject when the id repeats. */
static Known *
customer_for (Ctx         *c,
              const char  *ext_id,
              const char  *name,
              guint64      line,
              GError     **error)
{
  Known *k = g_hash_table_lookup (c->known, ext_id);

  if (k != NULL && k->line != 0)
    {
      g_autofree char *reason =
        g_strdup_printf (_("customer id “%s” already appears on line %llu"), ext_id,
                         (unsigned long long) k->line);
      c->s->result->rows_rejected++;
      strata_import_reject (c->s, line, c->id_col >= 0 ? c->s->header->pdata[c->id_col] : "",
                            ext_id, reason, error);
      return NULL;
    }
  if (k == NULL)
    {
      NewCustomer nc;

      k = known_new (c);
      k->id = c->next_id++;
      nc.id = k->id;
      nc.ext_id = g_string_chunk_insert (c->strings, ext_id);
      nc.name = g_string_chunk_insert (c->strings, name ? name : "");
      g_hash_table_insert (c->known, (char *) nc.ext_id, k);
      g_array_append_val (c->batch->customers, nc);
    }
  else if (name != NULL && *name != '\0')
    {
      Rename r = { k->id, g_string_chunk_insert (c->strings, name) };

      g_array_append_val (c->batch->renames, r);
    }
  k->line = line;
  c->n_imported++;
  return k;
}

/* The field stripped, copied once into the chunk. */
static const char *
attribute_value (Ctx        *c,
                 const char *v)
{
  gsize len;

  v = stripped (v, &len);
  return g_string_chunk_insert_len (c->strings, v, len);
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
  Member m = { customer_id, b->json->len };

  for (guint i = 0; i < n; i++)
    if (c->cols[i].role == ROLE_ATTRIBUTE && !strata_value_is_blank (fields[i]))
      {
        Attr a = { customer_id, c->s->header->pdata[i], attribute_value (c, fields[i]) };

        /* In key order (the primary key's), by insertion: a row has few. */
        guint at = b->attrs->len;
        while (at > first && strcmp (g_array_index (b->attrs, Attr, at - 1).key, a.key) > 0)
          at--;
        g_array_insert_val (b->attrs, at, a);
      }
  if (!member)
    return;

  g_array_set_size (c->row_metrics, 0);
  for (guint k = 0; k < c->n_metric_cols; k++)
    {
      guint i = c->metric_cols[k];

      if (!isnan (c->row_values[i]))
        {
          StrataMetricValue v = { c->cols[i].metric->id, c->row_values[i] };
          g_array_append_val (c->row_metrics, v);
        }
    }
  strata_period_values_format (b->json, (const StrataMetricValue *) (gpointer) c->row_metrics->data,
                               c->row_metrics->len);
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

  for (guint i = 0; i < n; i++)
    {
      const char *reason = NULL;

      values[i] = NAN;
      if (c->cols[i].role == ROLE_NAME)
        name = strip_into (c->row_name, fields[i]);
      if (c->cols[i].role != ROLE_METRIC || strata_value_is_blank (fields[i]))
        continue;
      if (!parse_value (c->cols[i].metric->kind, fields[i], &values[i], &reason))
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
    Known *k = customer_for (c, ext_id, name, line, &local);

    if (k == NULL)
      {
        if (local != NULL)
          g_propagate_error (error, local);
        return local == NULL;   /* a repeated id: rejected */
      }
    customer_id = k->id;
    in_period = k->in_period;
  }

  add_to_batch (c, customer_id, !in_period, fields, n);
  if (in_period)
    collect_for_merge (c, customer_id, fields, n);
  s->result->rows_imported++;
  return TRUE;
}

static gboolean
prepare (Ctx     *c,
         GError **error)
{
  g_autoptr(sqlite3_stmt) all = NULL;
  g_autoptr(sqlite3_stmt) in_period = NULL;
  gint64 member = G_MAXINT64;
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
  if (sqlite3_step (in_period) == SQLITE_ROW)
    member = sqlite3_column_int64 (in_period, 0);
  while ((rc = sqlite3_step (all)) == SQLITE_ROW)
    {
      Known *k = known_new (c);

      k->id = sqlite3_column_int64 (all, 0);
      while (member < k->id)
        member = sqlite3_step (in_period) == SQLITE_ROW ? sqlite3_column_int64 (in_period, 0) : G_MAXINT64;
      k->in_period = member == k->id;
      c->next_id = MAX (c->next_id, k->id + 1);
      g_hash_table_insert (c->known,
                           g_string_chunk_insert (c->strings, (const char *) sqlite3_column_text (all, 1)),
                           k);
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

static int
compare_metric_cols (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  Ctx *c = data;
  gint64 x = c->cols[*(const guint *) a].metric->id;
  gint64 y = c->cols[*(const guint *) b].metric->id;

  return (x > y) - (x < y);
}

/* Starts the writer thread: from here until stop_writing () the reader
 * must leave the connection alone. */
static gboolean
start_writing (Ctx     *c,
               GError **error)
{
  StrataWorkspace *ws = c->s->ws;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  c->metric_cols = g_new (guint, c->n_cols);
  for (guint i = 0; i < c->n_cols; i++)
    if (c->cols[i].role == ROLE_METRIC)
      c->metric_cols[c->n_metric_cols++] = i;
  g_qsort_with_data (c->metric_cols, c->n_metric_cols, sizeof (guint), compare_metric_cols, c);

  c->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  c->batch_customers = strata_row_source_new (ws, "strata_batch_customers", "id, ext_id, name", error);
  c->batch_attrs = strata_row_source_new (ws, "strata_batch_attributes", "customer_id, key, value", error);
  c->batch_members = strata_row_source_new (ws, "strata_batch_members", "customer_id, values_json", error);
  if (c->batch_customers == NULL || c->batch_attrs == NULL || c->batch_members == NULL)
    return FALSE;
  c->add_customers = strata_workspace_prepare (ws, "INSERT INTO customers (id, ext_id, name, created_at)"
                                               " SELECT id, ext_id, name, ?1 FROM strata_batch_customers", error);
  /* OR REPLACE: a header can name an attribute twice. */
  c->add_attrs = strata_workspace_prepare (ws, "INSERT OR REPLACE INTO attributes (customer_id, key, value)"
                                           " SELECT customer_id, key, value FROM strata_batch_attributes", error);
  /* A new customer is in no period yet: a plain INSERT. */
  c->add_members = strata_workspace_prepare (ws, "INSERT INTO period_customers (period_id, customer_id, values_json)"
                                             " SELECT ?1, customer_id, values_json FROM strata_batch_members", error);
  if (c->add_customers == NULL || c->add_attrs == NULL || c->add_members == NULL)
    return FALSE;
  sqlite3_bind_text (c->add_customers, 1, c->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (c->add_members, 1, c->s->result->period_id);
  c->batch = batch_new (c);
  c->s->deferred_rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_reject_free);
  c->writer = strata_import_writer_start ();
  return TRUE;
}

/* Hands over what is left and waits for the writer. With ok FALSE (the
 * reader failed and has set its error) the writer's error is dropped. */
static gboolean
stop_writing (Ctx       *c,
              gboolean   ok,
              GError   **error)
{
  if (ok)
    push_batch (c);
  ok = strata_import_writer_finish (g_steal_pointer (&c->writer), ok ? error : NULL) && ok;
  g_clear_pointer (&c->batch, batch_free);
  /* Rejects after the last batch: none when ok. */
  g_clear_pointer (&c->s->deferred_rejects, g_ptr_array_unref);
  return ok;
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
      push_full_batch (c);
    }
  g_ptr_array_set_size (c->sample, 0);

  while (strata_import_next_row (s, &local))
    {
      if (!process_row (c, strata_csv_reader_get_line (s->reader),
                        strata_csv_reader_get_problem (s->reader),
                        (const char **) s->row->pdata, s->row->len, error))
        return FALSE;
      push_full_batch (c);
      if ((++count & 1023) == 0)
        {
          if (!strata_import_tick (s, error))
            return FALSE;
          if (strata_import_writer_failed (c->writer))
            return TRUE;   /* stop_writing () tells why */
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

  if (!map_columns (c, error))
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

  if (!classify_new_columns (c, error) || !prepare (c, error))
    return FALSE;

  if (!start_writing (c, error))
    return FALSE;
  ok = read_rows (c, error);
  if (!stop_writing (c, ok, error) || !write_known_values (c, error))
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
  c.known = g_hash_table_new (g_str_hash, g_str_equal);
  c.known_blocks = g_ptr_array_new_with_free_func (g_free);
  c.row_id = g_string_new (NULL);
  c.row_name = g_string_new (NULL);
  c.row_values = g_new (double, c.n_cols);
  c.strings = g_string_chunk_new (64 * 1024);
  c.row_metrics = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  c.members = g_array_new (FALSE, FALSE, sizeof (gint64));
  c.sample = g_ptr_array_new_with_free_func (sample_row_free);

  ok = run (&c, error);

  for (guint i = 0; i < c.n_cols; i++)
    {
      strata_import_metric_free (c.cols[i].metric);
      if (c.cols[i].values)
        g_array_unref (c.cols[i].values);
    }
  g_free (c.cols);
  g_hash_table_unref (c.known);
  g_ptr_array_unref (c.known_blocks);
  g_string_free (c.row_id, TRUE);
  g_string_free (c.row_name, TRUE);
  g_free (c.row_values);
  g_string_chunk_free (c.strings);
  g_array_unref (c.row_metrics);
  g_free (c.metric_cols);
  g_free (c.created_at);
  g_clear_pointer (&c.add_customers, sqlite3_finalize);
  g_clear_pointer (&c.add_attrs, sqlite3_finalize);
  g_clear_pointer (&c.add_members, sqlite3_finalize);
  g_clear_pointer (&c.batch_customers, strata_row_source_free);
  g_clear_pointer (&c.batch_attrs, strata_row_source_free);
  g_clear_pointer (&c.batch_members, strata_row_source_free);
  g_array_unref (c.members);
  g_ptr_array_unref (c.sample);
  g_clear_pointer (&c.rename, sqlite3_finalize);
  return ok;
}
