/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading a period as columns: from its columnar form (period_columns,
 * strata-period-columns.h) when it has one, else one row per customer, in
 * customer order, whose values_json fills its row of every column. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-metric.h"
#include "strata-period-columns.h"
#include "strata-period-data-private.h"
#include "strata-period-values.h"

G_DEFINE_BOXED_TYPE (StrataPeriodData, strata_period_data,
                     strata_period_data_ref, strata_period_data_unref)

static void
override_clear (gpointer data)
{
  StrataPeriodOverride *o = data;

  g_free (o->tier);
  g_free (o->reason);
  g_free (o->author);
  g_free (o->created_at);
}

/* Only a data set nobody else holds may be built on. */
static gboolean
is_private (StrataPeriodData *data)
{
  return data->parent == NULL && !data->frozen;
}

/* The customers' strings: ext id and name one after the other, NUL-ended
 * each (up to its first NUL, so that the name is found after the ext id),
 * in one buffer that doubles as it fills and is trimmed once loaded. The
 * 32-bit offsets cap it at 4 GiB: some 80 million customers. */
static void
text_set (StrataPeriodData *data,
          guint             row,
          const char       *ext_id,
          gsize             ext_len,
          const char       *name,
          gsize             name_len)
{
  gsize need;

  ext_id = ext_id ? ext_id : "";
  name = name ? name : "";
  ext_len = strnlen (ext_id, ext_len);
  name_len = strnlen (name, name_len);
  need = data->text_len + ext_len + name_len + 2;
  if (need > G_MAXUINT32)
    g_error ("The customers' ext ids and names of period %s exceed 4 GiB", data->period_name);
  if (need > data->text_cap)
    {
      data->text_cap = MAX (need, MAX (data->text_cap * 2, (gsize) data->capacity * 16));
      data->text = g_realloc (data->text, data->text_cap);
    }
  data->text_at[row] = (guint32) data->text_len;
  memcpy (data->text + data->text_len, ext_id, ext_len);
  data->text[data->text_len + ext_len] = '\0';
  memcpy (data->text + data->text_len + ext_len + 1, name, name_len);
  data->text[need - 1] = '\0';
  data->text_len = need;
}

/* Gives back what the doubling left unused (the realloc of a large block
 * moves no bytes). */
static void
text_trim (StrataPeriodData *data)
{
  if (data->text != NULL && data->text_cap > data->text_len)
    {
      data->text_cap = MAX (data->text_len, 1);
      data->text = g_realloc (data->text, data->text_cap);
    }
}

static StrataPeriodData *
data_alloc (const char * const *metric_keys,
            guint               capacity)
{
  StrataPeriodData *data = g_atomic_rc_box_new0 (StrataPeriodData);

  data->metric_keys = g_strdupv ((char **) metric_keys);
  data->n_metrics = data->metric_keys ? g_strv_length (data->metric_keys) : 0;
  if (data->metric_keys == NULL)
    data->metric_keys = g_new0 (char *, 1);
  data->metric_labels = g_strdupv (data->metric_keys);
  data->metric_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint m = 0; m < data->n_metrics; m++)
    g_hash_table_insert (data->metric_index, data->metric_keys[m], GUINT_TO_POINTER (m + 1));
  data->columns = g_new0 (double *, MAX (data->n_metrics, 1));
  data->overrides = g_array_new (FALSE, TRUE, sizeof (StrataPeriodOverride));
  g_array_set_clear_func (data->overrides, override_clear);
  return data;
}

/* Sizes every per-row array for capacity rows (new rows of columns NaN). */
static void
data_reserve (StrataPeriodData *data,
              guint             old_capacity,
              guint             capacity)
{
  data->ids = g_renew (gint64, data->ids, capacity);
  data->text_at = g_renew (guint32, data->text_at, capacity);
  data->capacity = capacity;
  for (guint m = 0; m < data->n_metrics; m++)
    {
      data->columns[m] = g_renew (double, data->columns[m], capacity);
      for (guint i = old_capacity; i < capacity; i++)
        data->columns[m][i] = NAN;
    }
}

StrataPeriodData *
strata_period_data_new (const char * const *metric_keys,
                        guint               capacity)
{
  StrataPeriodData *data = data_alloc (metric_keys, capacity);

  data_reserve (data, 0, MAX (capacity, 1));
  return data;
}

guint
strata_period_data_add_row (StrataPeriodData *data,
                            gint64            id,
                            const char       *ext_id,
                            const char       *name)
{
  g_return_val_if_fail (data != NULL && is_private (data), 0);
  g_return_val_if_fail (data->n == 0 || id > data->ids[data->n - 1], 0);

  if (data->n == data->capacity)
    data_reserve (data, data->capacity, data->capacity * 2);
  data->ids[data->n] = id;
  text_set (data, data->n, ext_id, G_MAXSIZE, name, G_MAXSIZE);
  return data->n++;
}

StrataPeriodData *
strata_period_data_new_customers (const char * const *ext_ids,
                                  const char * const *names,
                                  guint               n)
{
  StrataPeriodData *data = strata_period_data_new (NULL, n);

  for (guint i = 0; i < n; i++)
    strata_period_data_add_row (data, i + 1, ext_ids[i], names[i]);
  return data;
}

void
strata_period_data_set_value (StrataPeriodData *data,
                              guint             row,
                              const char       *metric,
                              double            value)
{
  guint m;

  g_return_if_fail (data != NULL && is_private (data) && row < data->n);
  m = GPOINTER_TO_UINT (g_hash_table_lookup (data->metric_index, metric));
  g_return_if_fail (m > 0);
  data->columns[m - 1][row] = value;
}

void
strata_period_data_add_override (StrataPeriodData *data,
                                 guint             row,
                                 const char       *tier,
                                 const char       *reason,
                                 const char       *author,
                                 const char       *created_at)
{
  StrataPeriodOverride o = { row, 0, g_strdup (tier), g_strdup (reason),
                             g_strdup (author ? author : ""),
                             g_strdup (created_at ? created_at : "") };
  guint i;

  g_return_if_fail (data != NULL && is_private (data) && row < data->n);
  /* Kept sorted by row so that lookups can bisect. */
  for (i = data->overrides->len; i > 0; i--)
    if (g_array_index (data->overrides, StrataPeriodOverride, i - 1).row < row)
      break;
  g_array_insert_val (data->overrides, i, o);
}

StrataPeriodData *
strata_period_data_ref (StrataPeriodData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return g_atomic_rc_box_acquire (data);
}

/* Columns of metrics without any value share data->none (a loaded period
 * of a million customers has several, 8 MB each), which is the process's. */
static void
free_columns (StrataPeriodData *data)
{
  for (guint m = 0; m < data->n_metrics; m++)
    {
      gboolean shared = data->columns[m] == data->none;

      for (guint k = 0; k < m && !shared; k++)
        shared = data->columns[k] == data->columns[m];
      if (!shared)
        g_free (data->columns[m]);
    }
  for (guint m = 0; m < data->n_metrics; m++)
    data->columns[m] = NULL;
  g_clear_pointer (&data->none, strata_period_none_release);
  g_clear_pointer (&data->left_out, g_free);
}

static void
data_clear (StrataPeriodData *data)
{
  if (data->parent != NULL)
    {
      /* A view owns only its overrides, and the columns it read itself
       * (strata_period_data_with_metrics); the box itself is freed by the
       * caller. */
      if (data->owned != NULL)
        {
          for (guint m = 0; m < data->n_metrics; m++)
            g_free (data->owned[m]);
          g_free (data->owned);
          g_free (data->columns);
          g_free (data->left_out);
        }
      g_array_unref (data->overrides);
      strata_period_data_unref (data->parent);
      return;
    }
  free_columns (data);
  g_free (data->columns);
  g_strfreev (data->metric_keys);
  g_strfreev (data->metric_labels);
  g_hash_table_unref (data->metric_index);
  g_free (data->ids);
  g_free (data->text_at);
  g_free (data->text);
  g_array_unref (data->overrides);
  g_free (data->period_name);
}

void
strata_period_data_unref (StrataPeriodData *data)
{
  if (data != NULL)
    g_atomic_rc_box_release_full (data, (GDestroyNotify) data_clear);
}

const double *
strata_period_data_get_column (const StrataPeriodData *data,
                               const char             *metric)
{
  guint m;

  g_return_val_if_fail (data != NULL, NULL);
  if (metric == NULL)
    return NULL;
  m = GPOINTER_TO_UINT (g_hash_table_lookup (data->metric_index, metric));
  /* strata_period_data_ensure_metrics may fill a left-out column. */
  return m > 0 ? g_atomic_pointer_get (&data->columns[m - 1]) : NULL;
}

gboolean
strata_period_data_column_is_none (const StrataPeriodData *data,
                                   const double           *column)
{
  g_return_val_if_fail (data != NULL, FALSE);
  return column != NULL && column == data->none;
}

gboolean
strata_period_data_has_metric (const StrataPeriodData *data,
                               const char             *metric)
{
  guint m;

  g_return_val_if_fail (data != NULL, FALSE);
  if (metric == NULL)
    return FALSE;
  m = GPOINTER_TO_UINT (g_hash_table_lookup (data->metric_index, metric));
  return m > 0 && (data->left_out == NULL || !g_atomic_int_get (&data->left_out[m - 1]));
}

const char *
strata_period_data_get_metric_label (const StrataPeriodData *data,
                                     const char             *metric)
{
  guint m;

  g_return_val_if_fail (data != NULL, metric);
  if (metric == NULL)
    return "";
  m = GPOINTER_TO_UINT (g_hash_table_lookup (data->metric_index, metric));
  return m > 0 ? data->metric_labels[m - 1] : metric;
}

double
strata_period_data_get_value (const StrataPeriodData *data,
                              guint                   row,
                              const char             *metric)
{
  const double *column = strata_period_data_get_column (data, metric);

  g_return_val_if_fail (row < data->n, NAN);
  return column ? column[row] : NAN;
}

int
strata_period_data_find_ext_id (const StrataPeriodData *data,
                                const char             *ext_id)
{
  g_return_val_if_fail (data != NULL, -1);
  for (guint i = 0; i < data->n; i++)
    if (g_strcmp0 (strata_period_data_get_ext_id (data, i), ext_id) == 0)
      return (int) i;
  return -1;
}

int
strata_period_data_find_id (const StrataPeriodData *data,
                            gint64                  id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (data != NULL, -1);
  hi = data->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (data->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < data->n && data->ids[lo] == id ? (int) lo : -1;
}

const StrataPeriodOverride *
strata_period_data_get_override (const StrataPeriodData *data,
                                 guint                   row)
{
  guint lo = 0, hi;

  g_return_val_if_fail (data != NULL, NULL);
  hi = data->overrides->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const StrataPeriodOverride *o = &g_array_index (data->overrides, StrataPeriodOverride, mid);

      if (o->row == row)
        return o;
      if (o->row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

gboolean
strata_period_find (StrataWorkspace  *workspace,
                    const char       *name,
                    gint64           *period_id,
                    char            **period_name,
                    GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  stmt = strata_workspace_prepare (workspace,
                                   name != NULL
                                   ? "SELECT id, name FROM periods WHERE name = ?1"
                                   : "SELECT id, name FROM periods ORDER BY position DESC, id DESC LIMIT 1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (period_id)
        *period_id = sqlite3_column_int64 (stmt, 0);
      if (period_name)
        *period_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "periods");
      return FALSE;
    }
  if (name != NULL)
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("%s: no period named “%s”"), strata_workspace_get_path (workspace), name);
  else
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("%s: the workspace has no periods yet"), strata_workspace_get_path (workspace));
  return FALSE;
}

gboolean
strata_period_data_step_done (StrataWorkspace  *workspace,
                              int               rc,
                              GError          **error,
                              const char       *what)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  strata_workspace_set_db_error (workspace, error, what);
  return FALSE;
}

char *
strata_period_data_read_name (StrataWorkspace  *workspace,
                              gint64            period_id,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (workspace, "SELECT name FROM periods WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("%s: no period with id %lld"),
                   strata_workspace_get_path (workspace), (long long) period_id);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

void
strata_period_metrics_clear (StrataPeriodMetrics *metrics)
{
  g_clear_pointer (&metrics->ids, g_array_unref);
  g_clear_pointer (&metrics->keys, g_ptr_array_unref);
  g_clear_pointer (&metrics->labels, g_ptr_array_unref);
  g_clear_pointer (&metrics->column_of, g_free);
  metrics->n_column_of = 0;
}

gboolean
strata_period_metrics_read (StrataPeriodMetrics  *metrics,
                            StrataWorkspace      *workspace,
                            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  StrataLabelLanguage language = strata_label_language ();
  int label_column = language == STRATA_LABEL_ZH_CN ? 3 : language == STRATA_LABEL_ZH_TW ? 4 : 2;
  int rc;

  metrics->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  metrics->keys = g_ptr_array_new_with_free_func (g_free);
  metrics->labels = g_ptr_array_new_with_free_func (g_free);
  stmt = strata_workspace_prepare (workspace,
                                   "SELECT id, key, label, label_zh_cn, label_zh_tw FROM metrics "
                                   "ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, label_column);

      if (label == NULL || *label == '\0')
        label = (const char *) sqlite3_column_text (stmt, 2);
      if (label == NULL || *label == '\0')
        label = (const char *) sqlite3_column_text (stmt, 1);
      /* Only a damaged file has these (the schema forbids them), and they
       * would index past the columns: ids index an array (a million ids is
       * far beyond any real workspace), keys end the list of columns. */
      if (id < 0 || id > 1000000 || sqlite3_column_text (stmt, 1) == NULL)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be read"),
                       strata_workspace_get_path (workspace));
          return FALSE;
        }
      g_array_append_val (metrics->ids, id);
      g_ptr_array_add (metrics->keys, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (metrics->labels, g_strdup (label));
      metrics->n_column_of = MAX (metrics->n_column_of, id + 1);
    }
  if (!strata_period_data_step_done (workspace, rc, error, "metrics"))
    return FALSE;
  g_ptr_array_add (metrics->keys, NULL);
  g_ptr_array_add (metrics->labels, NULL);
  metrics->column_of = g_new (int, MAX (metrics->n_column_of, 1));
  for (gint64 i = 0; i < metrics->n_column_of; i++)
    metrics->column_of[i] = -1;
  for (guint m = 0; m < metrics->ids->len; m++)
    metrics->column_of[g_array_index (metrics->ids, gint64, m)] = (int) m;
  return TRUE;
}

static gboolean
load_overrides (const StrataPeriodData  *data,
                GArray                  *overrides,
                StrataWorkspace         *workspace,
                GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint row = 0;
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT id, customer_id, tier, reason, author, created_at "
                                   "FROM overrides WHERE period_id = ?1 AND removed_at IS NULL "
                                   "ORDER BY customer_id",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer = sqlite3_column_int64 (stmt, 1);
      StrataPeriodOverride o;

      while (row < data->n && data->ids[row] < customer)
        row++;
      if (row == data->n || data->ids[row] != customer)
        continue;  /* an override for a customer no longer in the period */
      o.row = row;
      o.id = sqlite3_column_int64 (stmt, 0);
      o.tier = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      o.reason = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      o.author = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      o.created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_array_append_val (overrides, o);
    }
  return strata_period_data_step_done (workspace, rc, error, "overrides");
}

StrataPeriodData *
strata_period_data_reload_overrides (const StrataPeriodData  *data,
                                     StrataWorkspace         *workspace,
                                     GError                 **error)
{
  StrataPeriodData *root;
  StrataPeriodData *view;
  g_autoptr(GArray) overrides = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  overrides = g_array_new (FALSE, TRUE, sizeof (StrataPeriodOverride));
  g_array_set_clear_func (overrides, override_clear);
  if (!load_overrides (data, overrides, workspace, error))
    return NULL;
  /* Views share the root's columns, never another view's. */
  root = data->parent != NULL ? data->parent : (StrataPeriodData *) data;
  view = g_atomic_rc_box_dup (sizeof *root, root);
  view->parent = strata_period_data_ref (root);
  view->overrides = g_steal_pointer (&overrides);
  return view;
}

gboolean
strata_period_data_parse_row (StrataPeriodData          *data,
                              StrataWorkspace           *workspace,
                              guint                      row,
                              const StrataPeriodMetrics *metrics,
                              const char                *json,
                              GArray                    *scratch,
                              GError                   **error)
{
  const char *problem;

  g_array_set_size (scratch, 0);
  if (!strata_period_values_parse (json, scratch, &problem))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                   _("%s: the metric values of customer “%s” in period “%s” cannot be read (%s): %s"),
                   strata_workspace_get_path (workspace),
                   strata_period_data_get_ext_id (data, row), data->period_name,
                   problem, json);
      return FALSE;
    }
  for (guint i = 0; i < scratch->len; i++)
    {
      const StrataMetricValue *v = &g_array_index (scratch, StrataMetricValue, i);

      if (v->metric_id >= 0 && v->metric_id < metrics->n_column_of &&
          metrics->column_of[v->metric_id] >= 0)
        data->columns[metrics->column_of[v->metric_id]][row] = v->value;
    }
  return TRUE;
}

/* The customers' ext ids and names for rows whose ids are set: one pass
 * over customers in id order (or one lookup per row when the period holds
 * few of them), strings into data->text. FALSE when an id has no customer
 * (the caller reads values_json, whose join leaves such rows out). */
static gboolean
load_customer_strings (StrataPeriodData  *data,
                       StrataWorkspace   *workspace,
                       GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 first, last;
  gboolean by_row;
  guint j = 0;
  int rc;

  if (data->n == 0)
    return TRUE;
  first = data->ids[0];
  last = data->ids[data->n - 1];
  by_row = (guint64) (last - first) / 16 > data->n;
  stmt = strata_workspace_prepare (workspace,
                                   by_row
                                   ? "SELECT id, ext_id, name FROM customers WHERE id = ?1"
                                   : "SELECT id, ext_id, name FROM customers WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  if (!by_row)
    sqlite3_bind_int64 (stmt, 2, last);
  for (;;)
    {
      gint64 id;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      if (id != data->ids[j])
        {
          if (id > data->ids[j])
            break;  /* an id without a customer */
          continue; /* a customer not in the period */
        }
      text_set (data, j, (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1),
                (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_bytes (stmt, 2));
      if (++j == data->n)
        return TRUE;
      if (by_row)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, data->ids[j]);
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "customers");
      return FALSE;
    }
  return FALSE;
}

/* The period from period_columns into data (which has no rows yet). */
static gboolean
load_columns (StrataPeriodData  *data,
              StrataWorkspace   *workspace,
              GArray            *metric_ids,
              gboolean           strings,
              gboolean          *loaded,
              GError           **error)
{
  StrataPeriodColumns columns;

  *loaded = FALSE;
  if (!strata_period_columns_read (workspace, data->period_id, (const gint64 *) metric_ids->data,
                                   metric_ids->len, &columns))
    return TRUE;
  g_free (data->ids);
  data->ids = g_steal_pointer (&columns.ids);
  data->capacity = MAX (columns.n, 1);
  data->text_at = g_renew (guint32, data->text_at, data->capacity);
  free_columns (data);
  for (guint m = 0; m < data->n_metrics; m++)
    {
      data->columns[m] = g_steal_pointer (&columns.columns[m]);
      if (data->columns[m] == NULL && data->none == NULL)
        data->none = strata_period_none_acquire (data->capacity);
      if (data->columns[m] == NULL)
        data->columns[m] = data->none;
      /* -2: not read (not wanted), unlike a metric without values. */
      if (g_array_index (metric_ids, gint64, m) == -2)
        {
          if (data->left_out == NULL)
            data->left_out = g_new0 (gint, MAX (data->n_metrics, 1));
          data->left_out[m] = TRUE;
        }
    }
  data->n = columns.n;
  strata_period_columns_clear (&columns);
  if (!strings)
    {
      /* No offsets: every ext id and name reads as "". */
      g_clear_pointer (&data->text_at, g_free);
      *loaded = TRUE;
      return TRUE;
    }
  if (!load_customer_strings (data, workspace, error))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      data->n = 0;
      return TRUE;
    }
  *loaded = TRUE;
  return TRUE;
}

static gint reads;

guint
strata_period_data_get_reads (void)
{
  return (guint) g_atomic_int_get (&reads);
}

static StrataPeriodData *
load_uncached (StrataWorkspace     *workspace,
               gint64               period_id,
               const char * const  *wanted,
               gboolean             strings,
               GError             **error)
{
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(StrataPeriodMetrics) metrics = { 0 };
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (StrataMetricValue));
  g_autofree char *name = NULL;
  gint64 count;
  guint n = 0;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  g_atomic_int_inc (&reads);
  if ((name = strata_period_data_read_name (workspace, period_id, error)) == NULL ||
      !strata_period_metrics_read (&metrics, workspace, error))
    return NULL;

  /* The columnar form when the period has it (schema 4), else values_json. */
  count = strata_period_columns_count (workspace, period_id);
  data = data_alloc ((const char * const *) metrics.keys->pdata, count > 0 ? (guint) count : 1);
  g_strfreev (data->metric_labels);
  data->metric_labels = g_strdupv ((char **) metrics.labels->pdata);
  data->period_id = period_id;
  data->period_name = g_steal_pointer (&name);
  if (count >= 0)
    {
      g_autoptr(GArray) read_ids = g_array_copy (metrics.ids);
      gboolean loaded;

      data_reserve (data, 0, 1);
      /* Metrics not wanted read as no value (-2 is no metric's column). */
      for (guint m = 0; wanted != NULL && m < read_ids->len; m++)
        if (!g_strv_contains (wanted, data->metric_keys[m]))
          g_array_index (read_ids, gint64, m) = -2;
      if (!load_columns (data, workspace, read_ids, strings, &loaded, error))
        return NULL;
      if (loaded && !load_overrides (data, data->overrides, workspace, error))
        return NULL;
      if (loaded)
        {
          text_trim (data);
          return g_steal_pointer (&data);
        }
    }

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT count(*) FROM period_customers WHERE period_id = ?1",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* Columns at NaN from row 0 (load_columns may have filled some). */
  data->n = 0;
  data->text_len = 0;
  free_columns (data);
  data_reserve (data, 0, MAX (n, 1));

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT c.id, c.ext_id, c.name, pc.values_json FROM period_customers pc "
                                   "JOIN customers c ON c.id = pc.customer_id "
                                   "WHERE pc.period_id = ?1 ORDER BY pc.customer_id",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && data->n < n)
    {
      const char *ext_id = (const char *) sqlite3_column_text (stmt, 1);
      const char *cname = (const char *) sqlite3_column_text (stmt, 2);

      data->ids[data->n] = sqlite3_column_int64 (stmt, 0);
      text_set (data, data->n, ext_id, sqlite3_column_bytes (stmt, 1),
                cname, sqlite3_column_bytes (stmt, 2));
      if (!strata_period_data_parse_row (data, workspace, data->n, &metrics,
                                         (const char *) sqlite3_column_text (stmt, 3), scratch, error))
        return NULL;
      data->n++;
    }
  if (rc != SQLITE_ROW && !strata_period_data_step_done (workspace, rc, error, "customers"))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!load_overrides (data, data->overrides, workspace, error))
    return NULL;
  text_trim (data);
  return g_steal_pointer (&data);
}

/* Every page of the window (customers, scoring, quadrant, tiers, review,
 * entitlements) loads the period it shows; after an import that was nine
 * loads of the whole period on the main thread.
 * A workspace keeps the periods it loaded last, valid while no row a period
 * reads changed on this connection (strata_workspace_get_data_changes: a
 * draft save or publishing does not count) and no other one committed
 * (data_version), in the same label language. */
#define CACHE_SIZE 4

typedef struct
{
  gint64               period_id;
  gint64               changes;
  gint64               other_rows;
  gint64               data_version;
  StrataLabelLanguage  language;
  StrataPeriodData    *data;
} CacheEntry;

static void
cache_free (gpointer data)
{
  GArray *cache = data;

  for (guint i = 0; i < cache->len; i++)
    strata_period_data_unref (g_array_index (cache, CacheEntry, i).data);
  g_array_unref (cache);
}

static gboolean
file_versions (StrataWorkspace *workspace,
               gint64          *changes,
               gint64          *other_rows,
               gint64          *data_version)
{
  sqlite3 *db = strata_workspace_get_db (workspace);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *data_version = sqlite3_column_int64 (stmt, 0);
  strata_workspace_get_data_changes (workspace, changes, other_rows);
  return TRUE;
}

StrataPeriodData *
strata_period_data_load (StrataWorkspace  *workspace,
                         gint64            period_id,
                         GError          **error)
{
  GArray *cache = g_object_get_data (G_OBJECT (workspace), "strata-period-data-cache");
  CacheEntry entry = { period_id, 0, 0, 0, strata_label_language (), NULL };
  gboolean versioned = file_versions (workspace, &entry.changes, &entry.other_rows,
                                      &entry.data_version);

  if (cache == NULL)
    {
      cache = g_array_new (FALSE, FALSE, sizeof (CacheEntry));
      g_object_set_data_full (G_OBJECT (workspace), "strata-period-data-cache", cache, cache_free);
    }
  for (guint i = 0; versioned && i < cache->len; i++)
    {
      CacheEntry *e = &g_array_index (cache, CacheEntry, i);

      if (e->period_id == period_id && e->changes == entry.changes &&
          e->other_rows == entry.other_rows && e->data_version == entry.data_version &&
          e->language == entry.language)
        return strata_period_data_ref (e->data);
    }

  entry.data = load_uncached (workspace, period_id, NULL, TRUE, error);
  /* From here on it is shared: the builders refuse it. */
  if (entry.data != NULL)
    entry.data->frozen = TRUE;
  if (entry.data == NULL || !versioned)
    return entry.data;
  /* The oldest goes; an entry of the same period is out of date anyway. */
  for (guint i = 0; i < cache->len; i++)
    if (g_array_index (cache, CacheEntry, i).period_id == period_id || cache->len >= CACHE_SIZE)
      {
        strata_period_data_unref (g_array_index (cache, CacheEntry, i).data);
        g_array_remove_index (cache, i);
        break;
      }
  strata_period_data_ref (entry.data);
  g_array_append_val (cache, entry);
  return entry.data;
}

StrataPeriodData *
strata_period_data_load_metrics (StrataWorkspace     *workspace,
                                 gint64               period_id,
                                 const char * const  *metrics,
                                 GError             **error)
{
  StrataPeriodData *data;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (metrics != NULL, NULL);

  data = load_uncached (workspace, period_id, metrics, TRUE, error);
  if (data != NULL)
    data->frozen = TRUE;
  return data;
}

StrataPeriodData *
strata_period_data_load_for_scoring (StrataWorkspace     *workspace,
                                     gint64               period_id,
                                     const char * const  *metrics,
                                     GError             **error)
{
  StrataPeriodData *data;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  data = load_uncached (workspace, period_id, metrics, FALSE, error);
  if (data != NULL)
    data->frozen = TRUE;
  return data;
}
