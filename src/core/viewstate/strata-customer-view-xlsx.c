/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "strata-customer-view-xlsx.h"
#include "strata-export-xlsx.h"
#include "strata-i18n.h"
#include "strata-ruleset-store.h"
#include "strata-types.h"

gboolean
strata_customer_view_to_xlsx (const StrataCustomerColumns *cols,
                              const guint                 *rows,
                              guint                        n_rows,
                              const char * const          *header,
                              const char * const          *tier_colours,
                              StrataWorkspace             *workspace,
                              const char                  *period,
                              const char                  *path,
                              GError                     **error)
{
  /* In the order of the CSV's columns; ids stay text (codes such as 08123). */
  static const char *const kinds[] = { "text", "text", "money", "count", "count", "score",
                                       "tier", "text", "text" };
  static const char *quadrants[] = { "", "A", "B", "C", "D" };
  g_autoptr(GPtrArray) head = g_ptr_array_new ();
  g_autoptr(GPtrArray) kind = g_ptr_array_new ();
  const double *figures[3];
  StrataXlsxSink *sink;

  g_return_val_if_fail (cols != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint c = 0; c < G_N_ELEMENTS (kinds); c++)
    {
      g_ptr_array_add (head, (char *) header[c]);
      g_ptr_array_add (kind, (char *) kinds[c]);
    }
  sink = strata_xlsx_sink_open (path, _("Customers"), head, kind, error);
  if (sink == NULL)
    return FALSE;

  figures[0] = cols->order_amount;
  figures[1] = cols->referrals;
  figures[2] = cols->inquiries;
  for (guint i = 0; i < n_rows; i++)
    {
      guint r = rows[i];
      guint8 tier = cols->tier ? cols->tier[r] : STRATA_CUSTOMER_NO_TIER;
      guint8 q = cols->quadrant ? cols->quadrant[r] : STRATA_QUADRANT_NONE;
      int change = strata_customer_view_change (cols, r);

      strata_xlsx_sink_text (sink, 0, strata_period_data_get_ext_id (cols->strings, r));
      strata_xlsx_sink_text (sink, 1, strata_period_data_get_name (cols->strings, r));
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        if (figures[f] != NULL)
          strata_xlsx_sink_value (sink, 2 + f, figures[f][r]);
      if (cols->score != NULL)
        strata_xlsx_sink_value (sink, 5, cols->score[r]);
      if (tier < cols->n_tiers)
        strata_xlsx_sink_tier (sink, 6, cols->tier_ids[tier],
                               tier_colours != NULL ? tier_colours[tier] : NULL);
      strata_xlsx_sink_text (sink, 7, q < G_N_ELEMENTS (quadrants) ? quadrants[q] : "");
      strata_xlsx_sink_text (sink, 8, change > 0 ? "↑" : change < 0 ? "↓" : "");
      strata_xlsx_sink_end_row (sink);
    }
  {
    g_autofree char *name = workspace ? g_path_get_basename (strata_workspace_get_path (workspace))
                                      : g_strdup ("");
    guint v = workspace ? strata_ruleset_store_get_latest_version (workspace) : 0;
    g_autofree char *version = v > 0 ? g_strdup_printf ("%u", v) : g_strdup (_("none published"));
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
    g_autofree char *count = g_strdup_printf ("%u", n_rows);
    const char *meta[] = {
      _("Workspace"), name,
      _("Period"), period ? period : "",
      _("Rule-set version"), version,
      _("Exported"), date,
      _("Customers"), count,
      NULL,
    };

    return strata_xlsx_sink_close (sink, _("About"), meta, TRUE, error);
  }
}
