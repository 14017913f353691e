/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV and Excel exports. Files are written through g_file_replace (), so a failed
 * export leaves any earlier file with that name as it was. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-engine.h"
#include "strata-export.h"
#include "strata-export-xlsx.h"
#include "strata-metric.h"
#include "strata-ruleset-store.h"
#include "strata-value.h"
#include "strata-export-private.h"

typedef struct
{
  const char    *path;
  GOutputStream *out;      /* NULL for standard output */
  GString       *buf;
} Writer;

static gboolean
writer_flush (Writer  *w,
              GError **error)
{
  g_autoptr(GError) local = NULL;

  if (w->buf->len == 0)
    return TRUE;
  if (w->out == NULL)
    {
      if (fwrite (w->buf->str, 1, w->buf->len, stdout) != w->buf->len)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot write to standard output"));
          return FALSE;
        }
    }
  else if (!g_output_stream_write_all (w->out, w->buf->str, w->buf->len, NULL, NULL, &local))
    {
      g_set_error (error, local->domain, local->code, _("Cannot write “%s”: %s"),
                   w->path, local->message);
      return FALSE;
    }
  g_string_truncate (w->buf, 0);
  return TRUE;
}

static gboolean
writer_open (Writer      *w,
             const char  *path,
             GError     **error)
{
  w->path = path;
  w->buf = g_string_sized_new (128 * 1024);
  if (!g_str_equal (path, "-"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) local = NULL;

      w->out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local));
      if (w->out == NULL)
        {
          g_set_error (error, local->domain, local->code, _("Cannot write “%s”: %s"),
                       path, local->message);
          g_string_free (w->buf, TRUE);
          return FALSE;
        }
    }
  g_string_append (w->buf, "\xEF\xBB\xBF");
  return TRUE;
}

/* Closes the file; on failure the file is abandoned (the old one stays). */
static gboolean
writer_close (Writer   *w,
              gboolean  ok,
              GError  **error)
{
  g_autoptr(GError) local = NULL;

  if (ok)
    ok = writer_flush (w, error);
  if (w->out != NULL)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      if (!ok)
        g_cancellable_cancel (abandon);
      if (!g_output_stream_close (w->out, abandon, &local) && ok)
        {
          g_set_error (error, local->domain, local->code, _("Cannot write “%s”: %s"),
                       w->path, local->message);
          ok = FALSE;
        }
      g_object_unref (w->out);
    }
  else
    fflush (stdout);
  g_string_free (w->buf, TRUE);
  return ok;
}

static void
add_field (Writer     *w,
           guint       index,
           const char *text)
{
  if (index > 0)
    g_string_append_c (w->buf, ',');
  strata_csv_append_field (w->buf, text ? text : "", ',');
}

static gboolean
end_row (Writer  *w,
         GError **error)
{
  g_string_append (w->buf, "\r\n");
  return w->buf->len < 64 * 1024 || writer_flush (w, error);
}

/* Where the customer rows go: CSV text or an Excel sheet. */
typedef struct
{
  Writer          w;
  StrataXlsxSink *x;
} Out;

static void
out_text (Out        *o,
          guint       col,
          const char *text)
{
  if (o->x != NULL)
    strata_xlsx_sink_text (o->x, col, text);
  else
    add_field (&o->w, col, text);
}

static char *format_value (const char *kind,
                           double      v);

static void
out_value (Out        *o,
           guint       col,
           const char *kind,
           double      v)
{
  if (o->x != NULL)
    strata_xlsx_sink_value (o->x, col, v);
  else
    {
      g_autofree char *text = format_value (kind, v);
      add_field (&o->w, col, text);
    }
}

static gboolean
out_end_row (Out     *o,
             GError **error)
{
  if (o->x != NULL)
    {
      strata_xlsx_sink_end_row (o->x);
      return TRUE;
    }
  return end_row (&o->w, error);
}

gboolean
strata_export_is_xlsx (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".xlsx");
}

const char *
strata_export_pick_label (const char *label,
                          const char *label_zh_cn,
                          const char *label_zh_tw)
{
  switch (strata_label_language ())
    {
    case STRATA_LABEL_ZH_TW:
      return label_zh_tw && *label_zh_tw ? label_zh_tw : label;
    case STRATA_LABEL_ZH_CN:
      return label_zh_cn && *label_zh_cn ? label_zh_cn : label;
    case STRATA_LABEL_ENGLISH:
    default:
      return label;
    }
}

static char *
format_value (const char *kind,
              double      v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (g_str_equal (kind, "boolean"))
    return g_strdup (v != 0 ? C_("boolean value", "yes") : C_("boolean value", "no"));
  if (g_str_equal (kind, "date"))
    {
      char *d = strata_value_format_date ((gint64) v);
      return d ? d : g_strdup ("");
    }
  /* Money in cents, unless that would lose digits the file had. */
  if (g_str_equal (kind, "money") && fabs (v * 100 - round (v * 100)) < 1e-6 && fabs (v) < 1e13)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", v));
  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup_printf ("%.0f", v);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", v));
}

static gboolean
find_period (StrataWorkspace  *ws,
             const char       *period,
             gint64           *out,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (period != NULL)
    {
      stmt = strata_workspace_prepare (ws, "SELECT id FROM periods WHERE name = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, period, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = strata_workspace_prepare (ws, "SELECT id FROM periods ORDER BY position DESC, id DESC LIMIT 1",
                                       error);
      if (stmt == NULL)
        return FALSE;
    }
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (period != NULL)
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                     _("“%s” has no period “%s”"), strata_workspace_get_path (ws), period);
      else
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                     _("“%s” has no period yet: import customers first"),
                     strata_workspace_get_path (ws));
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The period scored with the latest published rules, or NULL (no rules
 * published yet, or rules that do not fit the data: then the export has
 * the values without the scores rather than failing). */
static StrataResult *
score_period (StrataWorkspace    *ws,
              gint64              period_id,
              StrataPeriodData  **data_out,
              StrataRules       **rules_out)
{
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  StrataResult *result;

  if (strata_ruleset_store_get_latest_version (ws) == 0)
    return NULL;
  data = strata_period_data_load (ws, period_id, NULL);
  rules = data ? strata_ruleset_store_load_version (ws, 0, NULL) : NULL;
  result = rules ? strata_engine_score (rules, data, NULL) : NULL;
  if (result == NULL)
    return NULL;
  *data_out = g_steal_pointer (&data);
  *rules_out = g_steal_pointer (&rules);
  return result;
}

gboolean
strata_export_customers (StrataWorkspace  *ws,
                         const char       *period,
                         const char       *path,
                         GError          **error)
{
  return strata_export_customers_full (ws, period, path, STRATA_EXPORT_FLAGS_NONE, error);
}

gboolean
strata_export_customers_full (StrataWorkspace  *ws,
                              const char       *period,
                              const char       *path,
                              StrataExportFlags flags,
                              GError          **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT c.ext_id, c.name");
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) col_kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) cols = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autofree char *period_name = NULL;
  gboolean keys = (flags & STRATA_EXPORT_KEYS) != 0;
  gint64 period_id;
  guint n_attrs = 0;
  guint row = 0;
  Out o = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (ws), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!find_period (ws, period, &period_id, error))
    return FALSE;
  result = score_period (ws, period_id, &data, &rules);

  g_ptr_array_add (header, g_strdup (keys ? "customer_id" : _("Customer ID")));
  g_ptr_array_add (header, g_strdup (keys ? "name" : _("Name")));
  g_ptr_array_add (col_kinds, g_strdup ("text"));
  g_ptr_array_add (col_kinds, g_strdup ("text"));

  /* Attributes of the period's customers, then the metrics with values. */
  cols = strata_workspace_prepare (ws,
                                   "SELECT DISTINCT a.key FROM attributes a"
                                   " JOIN period_customers pc ON pc.customer_id = a.customer_id"
                                   " WHERE pc.period_id = ?1 ORDER BY a.key", error);
  if (cols == NULL)
    return FALSE;
  sqlite3_bind_int64 (cols, 1, period_id);
  while (sqlite3_step (cols) == SQLITE_ROW)
    {
      char *key = sqlite3_mprintf ("%Q", (const char *) sqlite3_column_text (cols, 0));

      g_ptr_array_add (header, g_strdup ((const char *) sqlite3_column_text (cols, 0)));
      g_ptr_array_add (col_kinds, g_strdup ("text"));
      g_string_append_printf (sql, ", (SELECT value FROM attributes WHERE customer_id = c.id AND key = %s)", key);
      sqlite3_free (key);
      n_attrs++;
    }
  g_clear_pointer (&cols, sqlite3_finalize);

  cols = strata_workspace_prepare (ws,
                                   "SELECT m.id, m.label, m.label_zh_cn, m.label_zh_tw, m.kind, m.key FROM metrics m"
                                   " WHERE EXISTS (SELECT 1 FROM metric_values v"
                                   "   WHERE v.period_id = ?1 AND v.metric_id = m.id)"
                                   " ORDER BY m.position, m.id", error);
  if (cols == NULL)
    return FALSE;
  sqlite3_bind_int64 (cols, 1, period_id);
  while (sqlite3_step (cols) == SQLITE_ROW)
    {
      if (keys)
        g_ptr_array_add (header, g_strdup ((const char *) sqlite3_column_text (cols, 5)));
      else
        g_ptr_array_add (header,
                         g_strdup (strata_export_pick_label ((const char *) sqlite3_column_text (cols, 1),
                                                             (const char *) sqlite3_column_text (cols, 2),
                                                             (const char *) sqlite3_column_text (cols, 3))));
      g_ptr_array_add (kinds, g_strdup ((const char *) sqlite3_column_text (cols, 4)));
      g_ptr_array_add (col_kinds, g_strdup ((const char *) sqlite3_column_text (cols, 4)));
      g_string_append_printf (sql, ", json_extract (pc.values_json, '$.\"%" G_GINT64_FORMAT "\"')",
                              (gint64) sqlite3_column_int64 (cols, 0));
    }
  g_clear_pointer (&cols, sqlite3_finalize);
  g_string_append (sql, ", c.id FROM period_customers pc JOIN customers c ON c.id = pc.customer_id"
                        " WHERE pc.period_id = ?1 ORDER BY c.id");
  rows = strata_workspace_prepare (ws, sql->str, error);
  if (rows == NULL)
    return FALSE;
  sqlite3_bind_int64 (rows, 1, period_id);

  if (result != NULL)
    {
      g_ptr_array_add (header, g_strdup (keys ? "score" : _("Score")));
      g_ptr_array_add (header, g_strdup (keys ? "tier" : _("Tier")));
      g_ptr_array_add (header, g_strdup (keys ? "quadrant" : _("Quadrant")));
      g_ptr_array_add (col_kinds, g_strdup ("score"));
      g_ptr_array_add (col_kinds, g_strdup ("tier"));
      g_ptr_array_add (col_kinds, g_strdup ("text"));
    }

  cols = strata_workspace_prepare (ws, "SELECT name FROM periods WHERE id = ?1", error);
  if (cols == NULL)
    return FALSE;
  sqlite3_bind_int64 (cols, 1, period_id);
  if (sqlite3_step (cols) == SQLITE_ROW)
    period_name = g_strdup ((const char *) sqlite3_column_text (cols, 0));

  if (strata_export_is_xlsx (path))
    {
      /* Sheet names cannot hold []:*?/\ and have 31 characters at most. */
      g_autofree char *sheet = g_strdup (_("Customers"));

      o.x = strata_xlsx_sink_open (path, sheet, header, col_kinds, error);
      if (o.x == NULL)
        return FALSE;
    }
  else
    {
      if (!writer_open (&o.w, path, error))
        return FALSE;
      for (guint i = 0; i < header->len; i++)
        add_field (&o.w, i, header->pdata[i]);
      if (!end_row (&o.w, error))
        goto out;
    }

  for (;;)
    {
      int rc = sqlite3_step (rows);

      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          strata_workspace_set_db_error (ws, error, "export");
          goto out;
        }
      out_text (&o, 0, (const char *) sqlite3_column_text (rows, 0));
      out_text (&o, 1, (const char *) sqlite3_column_text (rows, 1));
      for (guint i = 0; i < n_attrs; i++)
        out_text (&o, 2 + i, (const char *) sqlite3_column_text (rows, 2 + i));
      for (guint i = 0; i < kinds->len; i++)
        {
          guint col = 2 + n_attrs + i;

          if (sqlite3_column_type (rows, col) == SQLITE_NULL)
            out_text (&o, col, "");
          else
            out_value (&o, col, kinds->pdata[i], sqlite3_column_double (rows, col));
        }
      /* Both list the period's customers by id, so rows line up; the
       * check guards against a change between the two reads. */
      if (result != NULL && row < data->n &&
          data->ids[row] == sqlite3_column_int64 (rows, 2 + n_attrs + kinds->len))
        {
          guint col = 2 + n_attrs + kinds->len;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          guint8 tier = result->final_tier[row];
          guint8 q = result->quadrant[row];
          StrataTier *t = tier < rules->tiers->len ? rules->tiers->pdata[tier] : NULL;

          if (o.x != NULL)
            {
              if (!isnan (result->score[row]))
                strata_xlsx_sink_value (o.x, col, result->score[row]);
              if (t != NULL)
                strata_xlsx_sink_tier (o.x, col + 1, strata_tier_get_display_label (t), t->colour);
            }
          else
            {
              add_field (&o.w, col, isnan (result->score[row]) ? ""
                         : g_ascii_formatd (buf, sizeof buf, "%.2f", result->score[row]));
              add_field (&o.w, col + 1, t != NULL ? strata_tier_get_display_label (t) : "");
            }
          out_text (&o, col + 2, q >= STRATA_QUADRANT_A && q <= STRATA_QUADRANT_D
                    ? strata_rules_get_quadrant_label (rules, q - STRATA_QUADRANT_A) : "");
        }
      else if (result != NULL)
        for (guint i = 0; i < 3; i++)
          out_text (&o, 2 + n_attrs + kinds->len + i, "");
      row++;
      if (!out_end_row (&o, error))
        goto out;
    }
  ok = TRUE;

out:
  if (o.x != NULL)
    {
      g_autofree char *workspace = g_path_get_basename (strata_workspace_get_path (ws));
      g_autofree char *version = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
      guint v = strata_ruleset_store_get_latest_version (ws);
      const char *meta[11];

      version = v > 0 ? g_strdup_printf ("%u", v) : g_strdup (_("none published"));
      meta[0] = _("Workspace");
      meta[1] = workspace;
      meta[2] = _("Period");
      meta[3] = period_name ? period_name : "";
      meta[4] = _("Rule-set version");
      meta[5] = version;
      meta[6] = _("Exported");
      meta[7] = date;
      meta[8] = _("Customers");
      meta[9] = NULL;
      {
        g_autofree char *n = g_strdup_printf ("%u", row);
        meta[9] = n;
        meta[10] = NULL;
        return strata_xlsx_sink_close (o.x, _("About"), meta, ok, ok ? error : NULL);
      }
    }
  return writer_close (&o.w, ok, ok ? error : NULL);
}

gboolean
strata_export_rejects (StrataWorkspace  *ws,
                       gint64            import_id,
                       const char       *path,
                       GError          **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autofree char *file_name = NULL;
  Writer w = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (ws), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  find = strata_workspace_prepare (ws,
                                   import_id > 0 ? "SELECT id, file_name FROM imports WHERE id = ?1"
                                                 : "SELECT id, file_name FROM imports ORDER BY id DESC LIMIT 1",
                                   error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, import_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      if (import_id > 0)
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                     _("“%s” has no import %lld"), strata_workspace_get_path (ws), (long long) import_id);
      else
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                     _("“%s” has no import yet"), strata_workspace_get_path (ws));
      return FALSE;
    }
  import_id = sqlite3_column_int64 (find, 0);
  file_name = g_strdup ((const char *) sqlite3_column_text (find, 1));

  rows = strata_workspace_prepare (ws,
                                   "SELECT line, column_name, value, reason FROM import_rejects"
                                   " WHERE import_id = ?1 ORDER BY line, rowid", error);
  if (rows == NULL)
    return FALSE;
  sqlite3_bind_int64 (rows, 1, import_id);

  if (!writer_open (&w, path, error))
    return FALSE;
  add_field (&w, 0, _("File"));
  add_field (&w, 1, _("Line"));
  add_field (&w, 2, _("Column"));
  add_field (&w, 3, _("Value"));
  add_field (&w, 4, _("Reason"));
  if (!end_row (&w, error))
    goto out;
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (rows, 0));

      add_field (&w, 0, file_name);
      add_field (&w, 1, line);
      for (int i = 1; i <= 3; i++)
        add_field (&w, i + 1, (const char *) sqlite3_column_text (rows, i));
      if (!end_row (&w, error))
        goto out;
    }
  ok = TRUE;

out:
  return writer_close (&w, ok, ok ? error : NULL);
}
