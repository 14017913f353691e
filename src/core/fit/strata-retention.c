/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention per tier or quadrant between consecutive periods (see the
 * header for the definitions). Each period is loaded once: period t is
 * scored (or its frozen results read) for its groups, and its data is
 * then t+1's side of the previous pair. */
#include "config.h"

#include "strata-json.h"
#include "strata-csv-write.h"
#include "strata-i18n.h"
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "strata-period.h"
#include "strata-period-results.h"
#include "strata-retention.h"
#include "strata-retention-private.h"

static void
row_free (gpointer data)
{
  StrataRetentionRow *r = data;

  g_free (r->from);
  g_free (r->to);
  g_free (r->group);
  g_free (r);
}

void
strata_retention_free (StrataRetention *retention)
{
  if (retention == NULL)
    return;
  g_ptr_array_unref (retention->periods);
  g_ptr_array_unref (retention->rows);
  g_free (retention);
}

/* A period made from order lines has order_count for every customer with
 * a line: one without (kept from an earlier import) is not a customer of
 * that period. A period without order lines counts every row. */
static gboolean
is_present (const StrataPeriodData *next,
            const double           *next_orders,
            gboolean                next_has_orders,
            int                     row)
{
  if (row < 0)
    return FALSE;
  return !next_has_orders || !isnan (next_orders[row]);
}

static gboolean
column_has_values (const StrataPeriodData *data,
                   const double           *column)
{
  if (column == NULL || strata_period_data_column_is_none (data, column))
    return FALSE;
  for (guint i = 0; i < data->n; i++)
    if (!isnan (column[i]))
      return TRUE;
  return FALSE;
}

static double
value_or_zero (const double *column,
               int           row)
{
  return column == NULL || row < 0 || isnan (column[row]) ? 0.0 : column[row];
}

static const char *
group_of (const StrataPeriodResults *results,
          StrataRetentionGroupBy     by,
          guint                      row)
{
  static const char *const quadrants[] = { "none", "A", "B", "C", "D" };
  const char *tier;

  if (by == STRATA_RETENTION_BY_QUADRANT)
    {
      guint q = results->result->quadrant[row];
      return q < G_N_ELEMENTS (quadrants) ? quadrants[q] : "none";
    }
  tier = strata_period_results_get_tier_id (results, row);
  return tier != NULL ? tier : "none";
}

guint8 *
strata_retention_outcomes (const StrataPeriodData *data,
                           const StrataPeriodData *next)
{
  const double *renewed, *next_orders;
  gboolean next_has_orders;
  guint8 *out;

  g_return_val_if_fail (data != NULL && next != NULL, NULL);

  renewed = strata_period_data_get_column (data, "renewed");
  next_orders = strata_period_data_get_column (next, "order_count");
  next_has_orders = column_has_values (next, next_orders);
  out = g_new0 (guint8, MAX (data->n, 1));
  for (guint i = 0; i < data->n; i++)
    {
      if (renewed != NULL && !isnan (renewed[i]))
        out[i] = renewed[i] != 0;
      else
        out[i] = is_present (next, next_orders, next_has_orders,
                             strata_period_data_find_id (next, data->ids[i]));
    }
  return out;
}

static StrataRetentionRow *
add_row (GPtrArray   *rows,
         GHashTable  *by_group,
         const char  *from,
         const char  *to,
         const char  *group)
{
  StrataRetentionRow *r = g_new0 (StrataRetentionRow, 1);

  r->from = g_strdup (from);
  r->to = g_strdup (to);
  r->group = g_strdup (group);
  g_ptr_array_add (rows, r);
  g_hash_table_insert (by_group, r->group, r);
  return r;
}

static void
add_pair (StrataRetention           *retention,
          const StrataPeriodResults *results,
          const char                *from,
          const StrataPeriodData    *next,
          const char                *to)
{
  g_autoptr(GHashTable) by_group = g_hash_table_new (g_str_hash, g_str_equal);
  const StrataPeriodData *data;
  const double *amount, *renewed, *next_amount, *next_orders;
  gboolean next_has_orders;
  guint first = retention->rows->len;

  data = results->data;
  amount = strata_period_data_get_column (data, "order_amount");
  renewed = strata_period_data_get_column (data, "renewed");
  next_amount = strata_period_data_get_column (next, "order_amount");
  next_orders = strata_period_data_get_column (next, "order_count");
  next_has_orders = column_has_values (next, next_orders);

  /* Every group of the rules, empty ones too, in the rules' order. */
  if (retention->by == STRATA_RETENTION_BY_QUADRANT)
    {
      static const char *const letters[] = { "A", "B", "C", "D" };

      for (guint q = 0; q < G_N_ELEMENTS (letters); q++)
        add_row (retention->rows, by_group, from, to, letters[q]);
    }
  else
    for (guint t = 0; t < results->rules->tiers->len; t++)
      {
        const StrataTier *tier = g_ptr_array_index (results->rules->tiers, t);
        add_row (retention->rows, by_group, from, to, tier->id);
      }

  for (guint i = 0; i < data->n; i++)
    {
      const char *group = group_of (results, retention->by, i);
      StrataRetentionRow *r = g_hash_table_lookup (by_group, group);
      int row = strata_period_data_find_id (next, data->ids[i]);
      gboolean kept;

      if (r == NULL)
        r = add_row (retention->rows, by_group, from, to, group);
      if (renewed != NULL && !isnan (renewed[i]))
        kept = renewed[i] != 0;
      else
        kept = is_present (next, next_orders, next_has_orders, row);
      r->customers++;
      r->retained += kept;
      r->revenue += value_or_zero (amount, (int) i);
      r->revenue_next += value_or_zero (next_amount, row);
    }

  for (guint k = first; k < retention->rows->len; k++)
    {
      StrataRetentionRow *r = retention->rows->pdata[k];

      /* Cents, as the import writes them. */
      r->revenue = round (r->revenue * 100.0) / 100.0;
      r->revenue_next = round (r->revenue_next * 100.0) / 100.0;
      r->rate = r->customers > 0 ? (double) r->retained / r->customers : NAN;
      r->revenue_rate = r->revenue != 0 ? r->revenue_next / r->revenue : NAN;
    }
}

/* The columns retention reads besides those the rules score with. */
static const char *const counted[] = { "order_amount", "order_count", "renewed", NULL };

/* Retention grouped each way of by[n] (into out[n]), each period loaded
 * once, without names and with only the columns scored and counted: the
 * later side of one pair is the earlier side of the next. */
static gboolean
compute (StrataWorkspace               *workspace,
         const StrataRetentionGroupBy  *by,
         guint                          n,
         StrataRetention              **out,
         GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataPeriodResults) results = NULL;
  int rc;

  stmt = strata_workspace_prepare (workspace, "SELECT p.id, p.name" STRATA_PERIOD_FROM
                                   STRATA_PERIOD_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (periods, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("reading the periods"));
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    for (guint p = 0; p < periods->len; p++)
      g_ptr_array_add (out[k]->periods, g_strdup (periods->pdata[p]));

  for (guint p = 0; p + 1 < ids->len; p++)
    {
      gint64 next_id = g_array_index (ids, gint64, p + 1);
      g_autoptr(StrataPeriodResults) next_results = NULL;
      g_autoptr(StrataPeriodData) next_data = NULL;
      const StrataPeriodData *next;

      if (results == NULL &&
          !(results = strata_period_results_load_for_scoring (workspace, g_array_index (ids, gint64, p),
                                                              counted, error)))
        return FALSE;
      /* The last period is only counted, never grouped: not scored. */
      if (p + 2 < ids->len)
        {
          if (!(next_results = strata_period_results_load_for_scoring (workspace, next_id, counted, error)))
            return FALSE;
          next = next_results->data;
        }
      else
        {
          if (!(next_data = strata_period_data_load_for_scoring (workspace, next_id, counted, error)))
            return FALSE;
          next = next_data;
        }
      for (guint k = 0; k < n; k++)
        add_pair (out[k], results, periods->pdata[p], next, periods->pdata[p + 1]);
      g_clear_pointer (&results, strata_period_results_unref);
      results = g_steal_pointer (&next_results);
    }
  return TRUE;
}

static StrataRetention *
retention_new (StrataRetentionGroupBy by)
{
  StrataRetention *retention = g_new0 (StrataRetention, 1);

  retention->by = by;
  retention->periods = g_ptr_array_new_with_free_func (g_free);
  retention->rows = g_ptr_array_new_with_free_func (row_free);
  return retention;
}

StrataRetention *
strata_retention_compute (StrataWorkspace         *workspace,
                          StrataRetentionGroupBy   by,
                          GError                 **error)
{
  g_autoptr(StrataRetention) retention = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  retention = retention_new (by);
  if (!compute (workspace, &by, 1, &retention, error))
    return NULL;
  return g_steal_pointer (&retention);
}

gboolean
strata_retention_compute_both (StrataWorkspace  *workspace,
                               StrataRetention **by_tier,
                               StrataRetention **by_quadrant,
                               GError          **error)
{
  static const StrataRetentionGroupBy by[] = { STRATA_RETENTION_BY_TIER, STRATA_RETENTION_BY_QUADRANT };
  StrataRetention *out[] = { retention_new (by[0]), retention_new (by[1]) };

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (by_tier != NULL && by_quadrant != NULL, FALSE);

  if (!compute (workspace, by, G_N_ELEMENTS (by), out, error))
    {
      strata_retention_free (out[0]);
      strata_retention_free (out[1]);
      return FALSE;
    }
  *by_tier = out[0];
  *by_quadrant = out[1];
  return TRUE;
}

const StrataRetentionRow *
strata_retention_find (const StrataRetention *retention,
                       const char            *from,
                       const char            *group)
{
  g_return_val_if_fail (retention != NULL, NULL);

  for (guint i = 0; i < retention->rows->len; i++)
    {
      const StrataRetentionRow *r = retention->rows->pdata[i];

      if (g_str_equal (r->from, from) && g_str_equal (r->group, group))
        return r;
    }
  return NULL;
}

char *
strata_retention_to_csv (const StrataRetention *retention)
{
  GString *out = g_string_new ("from,to,group,customers,retained,rate,revenue,revenue_next,revenue_rate\n");

  g_return_val_if_fail (retention != NULL, NULL);

  for (guint i = 0; i < retention->rows->len; i++)
    {
      const StrataRetentionRow *r = retention->rows->pdata[i];

      strata_csv_write_field (out, r->from);
      g_string_append_c (out, ',');
      strata_csv_write_field (out, r->to);
      g_string_append_c (out, ',');
      strata_csv_write_field (out, r->group);
      g_string_append_printf (out, ",%u,%u,", r->customers, r->retained);
      strata_csv_write_number (out, r->rate, "%.4f");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, r->revenue, "%.2f");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, r->revenue_next, "%.2f");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, r->revenue_rate, "%.4f");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
strata_retention_to_json (const StrataRetention *retention)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (retention != NULL, NULL);

  json_builder_begin_object (b);
  strata_json_add_string_member (b, "by", retention->by == STRATA_RETENTION_BY_QUADRANT ? "quadrant" : "tier");
  json_builder_set_member_name (b, "periods");
  json_builder_begin_array (b);
  for (guint i = 0; i < retention->periods->len; i++)
    json_builder_add_string_value (b, retention->periods->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < retention->rows->len; i++)
    {
      const StrataRetentionRow *r = retention->rows->pdata[i];

      json_builder_begin_object (b);
      strata_json_add_string_member (b, "from", r->from);
      strata_json_add_string_member (b, "to", r->to);
      strata_json_add_string_member (b, "group", r->group);
      strata_json_add_int_member (b, "customers", r->customers);
      strata_json_add_int_member (b, "retained", r->retained);
      strata_json_add_number_member (b, "rate", r->rate);
      strata_json_add_number_member (b, "revenue", r->revenue);
      strata_json_add_number_member (b, "revenue_next", r->revenue_next);
      strata_json_add_number_member (b, "revenue_rate", r->revenue_rate);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return strata_json_to_pretty_data (b);
}
