/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer-table import: what each column is (the key, the name, a
 * metric or an attribute), from the header, the user's mapping and, for a
 * new column, its first rows. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-import-customers-private.h"
#include "strata-value.h"

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

void
strata_import_customers_sample_row_free (gpointer data)
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

gboolean
strata_import_customers_parse_value (const char  *kind,
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

gboolean
strata_import_customers_map_columns (Ctx     *c,
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

gboolean
strata_import_customers_classify_new_columns (Ctx     *c,
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
