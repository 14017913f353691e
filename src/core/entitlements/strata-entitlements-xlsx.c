/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-entitlements-xlsx.h"
#include "strata-export-xlsx.h"
#include "strata-i18n.h"

gboolean
strata_entitlements_export_xlsx (StrataEntitlements  *self,
                                 const char          *path,
                                 GError             **error)
{
  /* The CSV export's header, so that the two read back alike. */
  static const char *head[] = { "stage", "key", "entitlement", "kind", "unit", "levels",
                                "direction" };
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  GPtrArray *tiers, *all;
  StrataXlsxSink *sink;
  guint n_head = G_N_ELEMENTS (head);

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  tiers = strata_entitlements_get_tiers (self);
  all = strata_entitlements_get_all (self);
  for (guint i = 0; i < n_head; i++)
    {
      g_ptr_array_add (header, (char *) head[i]);
      g_ptr_array_add (kinds, "text");
    }
  for (guint t = 0; t < tiers->len; t++)
    {
      g_ptr_array_add (header, ((StrataEntitlementTier *) tiers->pdata[t])->id);
      g_ptr_array_add (kinds, "number");
    }
  g_ptr_array_add (header, "cost_per_customer");
  g_ptr_array_add (kinds, "money");

  sink = strata_xlsx_sink_open (path, _("Entitlements"), header, kinds, error);
  if (sink == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      StrataEntitlement *e = all->pdata[i];
      const StrataEntitlementStage *s = strata_entitlements_lookup_stage (self, e->stage_id);
      GString *shown = g_string_new (NULL);
      g_autofree char *levels = NULL;

      /* Seeded names in the reader's language, as on the page and in the CSV. */
      for (guint l = 0; e->levels && e->levels[l]; l++)
        g_string_append_printf (shown, "%s%s", l ? "|" : "",
                                strata_entitlement_display_text (e, e->levels[l]));
      levels = g_string_free (shown, FALSE);
      strata_xlsx_sink_text (sink, 0, s ? strata_entitlement_stage_get_display_label (s) : NULL);
      strata_xlsx_sink_text (sink, 1, e->key);
      strata_xlsx_sink_text (sink, 2, strata_entitlement_get_display_label (e));
      strata_xlsx_sink_text (sink, 3, strata_entitlement_kind_to_string (e->kind));
      strata_xlsx_sink_text (sink, 4, strata_entitlement_display_text (e, e->unit));
      strata_xlsx_sink_text (sink, 5, levels);
      if (e->kind == STRATA_ENTITLEMENT_NUMBER)
        strata_xlsx_sink_text (sink, 6, e->higher_is_better ? "higher" : "lower");
      for (guint t = 0; t < tiers->len; t++)
        {
          StrataEntitlementTier *tier = tiers->pdata[t];
          const char *v = strata_entitlements_get_value (self, e->id, tier->id);
          char *end = NULL;
          double d;

          if (v == NULL)
            continue;
          if (e->kind == STRATA_ENTITLEMENT_INCLUDED)
            {
              strata_xlsx_sink_tier (sink, n_head + t, g_str_equal (v, "1") ? "yes" : "no",
                                     g_str_equal (v, "1") ? tier->color : NULL);
              continue;
            }
          d = g_ascii_strtod (v, &end);
          /* A number entitlement's value is a number in Excel too. */
          if (e->kind == STRATA_ENTITLEMENT_NUMBER && end != v && *end == '\0')
            strata_xlsx_sink_value (sink, n_head + t, d);
          else
            strata_xlsx_sink_text (sink, n_head + t, strata_entitlement_display_text (e, v));
        }
      strata_xlsx_sink_value (sink, n_head + tiers->len, e->cost);
      strata_xlsx_sink_end_row (sink);
    }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
    g_autofree char *count = g_strdup_printf ("%u", all->len);
    const char *meta[] = {
      _("Exported"), date,
      _("Entitlements"), count,
      NULL,
    };

    return strata_xlsx_sink_close (sink, _("About"), meta, TRUE, error);
  }
}
