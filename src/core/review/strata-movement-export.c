/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-csv-write.h"
#include "strata-export.h"
#include "strata-export-xlsx.h"
#include "strata-i18n.h"
#include "strata-movement-export.h"

#define N_COLUMNS 9

/* A field as CSV (quoted when it must be: strata-csv), then its separator. */
static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  strata_csv_append_field (out, text ? text : "", ',');
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_number (GString *out,
            double   value)
{
  strata_csv_write_number (out, value, "%.15g");
  g_string_append_c (out, ',');
}

static const StrataMovementTier *
tier_at (StrataMovement *movement,
         int             index)
{
  return index >= 0 ? strata_movement_get_tier (movement, index) : NULL;
}

gboolean
strata_movement_export (StrataMovement  *movement,
                        const char      *path,
                        GError         **error)
{
  const char *header[N_COLUMNS] = {
    _("Movement"), _("ID"), _("Name"), _("Tier before"), _("Tier after"), _("Score before"),
    _("Score after"), _("Annual order amount"), _("Reasons"),
  };
  static const char *const kinds[N_COLUMNS] = { "text", "text", "text", "tier", "tier", "score",
                                                "score", "money", "text" };
  gboolean xlsx = strata_export_is_xlsx (path);
  g_autoptr(GString) csv = NULL;
  StrataXlsxSink *sink = NULL;
  guint rows = 0;

  g_return_val_if_fail (movement != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (xlsx)
    {
      g_autoptr(GPtrArray) head = g_ptr_array_new ();
      g_autoptr(GPtrArray) kind = g_ptr_array_new ();

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_ptr_array_add (head, (char *) header[c]);
          g_ptr_array_add (kind, (char *) kinds[c]);
        }
      sink = strata_xlsx_sink_open (path, _("Movement"), head, kind, error);
      if (sink == NULL)
        return FALSE;
    }
  else
    {
      csv = g_string_new ("\xEF\xBB\xBF");
      for (guint c = 0; c < N_COLUMNS; c++)
        csv_field (csv, header[c], c == N_COLUMNS - 1);
    }

  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (movement, k);

      for (guint i = 0; i < movers->len; i++)
        {
          const StrataMover *m = movers->pdata[i];
          const StrataMovementTier *from = tier_at (movement, m->from_tier);
          const StrataMovementTier *to = tier_at (movement, m->to_tier);
          double revenue = k == STRATA_MOVE_LOST ? m->from_revenue : m->to_revenue;
          /* The CSV is data: the metrics' values in every digit; the workbook
           * is read as the page is. */
          g_autofree char *reasons = sink != NULL ? strata_mover_describe_reasons (m, "; ")
                                                  : strata_mover_describe_reasons_full (m, "; ");

          rows++;
          if (sink != NULL)
            {
              strata_xlsx_sink_text (sink, 0, strata_move_kind_to_string (k));
              strata_xlsx_sink_text (sink, 1, m->ext_id);
              strata_xlsx_sink_text (sink, 2, m->name);
              if (from != NULL)
                strata_xlsx_sink_tier (sink, 3, from->id, from->colour);
              if (to != NULL)
                strata_xlsx_sink_tier (sink, 4, to->id, to->colour);
              strata_xlsx_sink_value (sink, 5, m->from_score);
              strata_xlsx_sink_value (sink, 6, m->to_score);
              strata_xlsx_sink_value (sink, 7, revenue);
              strata_xlsx_sink_text (sink, 8, reasons);
              strata_xlsx_sink_end_row (sink);
              continue;
            }
          csv_field (csv, strata_move_kind_to_string (k), FALSE);
          csv_field (csv, m->ext_id, FALSE);
          csv_field (csv, m->name, FALSE);
          csv_field (csv, from ? from->id : NULL, FALSE);
          csv_field (csv, to ? to->id : NULL, FALSE);
          csv_number (csv, m->from_score);
          csv_number (csv, m->to_score);
          csv_number (csv, revenue);
          csv_field (csv, reasons, TRUE);
        }
    }

  if (sink != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
      g_autofree char *count = g_strdup_printf ("%u", rows);
      g_autofree char *periods = g_strdup_printf ("%s → %s", strata_movement_get_from_name (movement),
                                                  strata_movement_get_to_name (movement));
      const char *meta[] = {
        _("Period"), periods,
        _("Exported"), date,
        _("Customers"), count,
        NULL,
      };

      return strata_xlsx_sink_close (sink, _("About"), meta, TRUE, error);
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    /* Written beside and renamed: an existing file is never half replaced. */
    if (!g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
      {
        g_prefix_error (error, _("Cannot write “%s”: "), path);
        return FALSE;
      }
  }
  return TRUE;
}
