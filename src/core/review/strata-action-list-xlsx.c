/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The action lists as an Excel workbook, with the conventions of the other
 * exports (strata-export-xlsx.h): one sheet per table, a frozen header
 * with an autofilter, tier cells in their colours, amounts as numbers,
 * and an About sheet. */
#include "config.h"

#include "strata-i18n.h"
#include "strata-action-list.h"
#include "strata-export.h"
#include "strata-export-xlsx.h"
#include "strata-ruleset-store.h"

enum { N_MOVER_COLUMNS = 11, N_COSTLY_COLUMNS = 5 };

static GPtrArray *
strings (const char *const *texts,
         guint              n)
{
  GPtrArray *a = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (a, (char *) texts[i]);
  return a;
}

static void
write_movers (StrataActionList *self,
              StrataXlsxSink   *sink,
              const char       *owner,
              guint            *n_rows)
{
  for (guint o = 0; o < strata_action_list_get_n_owners (self); o++)
    {
      const StrataActionOwner *ow = strata_action_list_get_owner (self, o);

      if (owner != NULL && g_strcmp0 (owner, ow->label) != 0)
        continue;
      for (guint i = 0; i < ow->items->len; i++)
        {
          const StrataActionItem *item = ow->items->pdata[i];
          g_autoptr(GString) reasons = g_string_new (NULL);
          g_autofree char *gains = strata_action_describe_changes (item->gains, "; ");
          g_autofree char *losses = strata_action_describe_changes (item->losses, "; ");

          for (guint r = 0; r < item->reasons->len; r++)
            g_string_append_printf (reasons, "%s%s", r ? "; " : "", (char *) item->reasons->pdata[r]);
          strata_xlsx_sink_text (sink, 0, ow->label);
          strata_xlsx_sink_text (sink, 1, item->ext_id);
          strata_xlsx_sink_text (sink, 2, item->name);
          strata_xlsx_sink_tier (sink, 3, item->from_tier,
                                 strata_action_list_get_tier_colour (self, item->from_tier));
          strata_xlsx_sink_tier (sink, 4, item->to_tier,
                                 strata_action_list_get_tier_colour (self, item->to_tier));
          strata_xlsx_sink_text (sink, 5, strata_action_quadrant_letter (item->from_quadrant));
          strata_xlsx_sink_text (sink, 6, strata_action_quadrant_letter (item->to_quadrant));
          strata_xlsx_sink_text (sink, 7, reasons->str);
          strata_xlsx_sink_text (sink, 8, gains);
          strata_xlsx_sink_text (sink, 9, losses);
          strata_xlsx_sink_text (sink, 10, item->action);
          strata_xlsx_sink_end_row (sink);
          (*n_rows)++;
        }
    }
}

static void
write_costly (StrataActionList *self,
              StrataXlsxSink   *sink,
              const char       *owner)
{
  for (guint o = 0; o < strata_action_list_get_n_owners (self); o++)
    {
      const StrataActionOwner *ow = strata_action_list_get_owner (self, o);

      if (owner != NULL && g_strcmp0 (owner, ow->label) != 0)
        continue;
      for (guint i = 0; i < ow->costly->len; i++)
        {
          const StrataActionCostly *c = ow->costly->pdata[i];

          strata_xlsx_sink_text (sink, 0, ow->label);
          strata_xlsx_sink_text (sink, 1, c->ext_id);
          strata_xlsx_sink_text (sink, 2, c->name);
          strata_xlsx_sink_text (sink, 3, c->product);
          strata_xlsx_sink_value (sink, 4, c->revenue);
          strata_xlsx_sink_end_row (sink);
        }
    }
}

gboolean
strata_action_list_write_xlsx (StrataActionList *self,
                               StrataWorkspace  *workspace,
                               const char       *owner,
                               const char       *path,
                               GError          **error)
{
  const char *mover_header[N_MOVER_COLUMNS] = {
    _("Owner"), _("ID"), _("Name"), _("Tier before"), _("Tier after"), _("Quadrant before"),
    _("Quadrant after"), _("Reasons"), _("Gains"), _("Losses"), _("Action"),
  };
  static const char *const mover_kinds[N_MOVER_COLUMNS] = {
    "text", "text", "text", "tier", "tier", "text", "text", "text", "text", "text", "text",
  };
  const char *costly_header[N_COSTLY_COLUMNS] = {
    _("Owner"), _("ID"), _("Name"), _("Product"), _("Revenue"),
  };
  static const char *const costly_kinds[N_COSTLY_COLUMNS] = { "text", "text", "text", "text", "money" };
  g_autoptr(GPtrArray) head = strings (mover_header, N_MOVER_COLUMNS);
  g_autoptr(GPtrArray) kinds = strings ((const char *const *) mover_kinds, N_MOVER_COLUMNS);
  g_autoptr(GPtrArray) costly_head = strings (costly_header, N_COSTLY_COLUMNS);
  g_autoptr(GPtrArray) costly_kind = strings ((const char *const *) costly_kinds, N_COSTLY_COLUMNS);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *periods = NULL, *count = NULL, *name = NULL, *version = NULL;
  const char *meta[15];
  StrataXlsxSink *sink;
  guint n_rows = 0, m = 0;

  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  sink = strata_xlsx_sink_open (path, _("Action lists"), head, kinds, error);
  if (sink == NULL)
    return FALSE;
  write_movers (self, sink, owner, &n_rows);
  strata_xlsx_sink_add_sheet (sink, _("Costly products"), costly_head, costly_kind);
  write_costly (self, sink, owner);

  periods = g_strdup_printf ("%s → %s", strata_action_list_get_from_name (self),
                             strata_action_list_get_to_name (self));
  count = g_strdup_printf ("%u", n_rows);
  if (workspace != NULL)
    {
      guint v = strata_ruleset_store_get_latest_version (workspace);

      name = g_path_get_basename (strata_workspace_get_path (workspace));
      version = v > 0 ? g_strdup_printf ("%u", v) : g_strdup (_("none published"));
      meta[m++] = _("Workspace");
      meta[m++] = name;
    }
  meta[m++] = _("Period");
  meta[m++] = periods;
  if (version != NULL)
    {
      meta[m++] = _("Rule-set version");
      meta[m++] = version;
    }
  meta[m++] = _("Owner");
  meta[m++] = strata_action_list_get_owner_attribute (self) != NULL
              ? strata_action_list_get_owner_attribute (self) : STRATA_ACTION_DEFAULT_OWNER;
  meta[m++] = _("Exported");
  meta[m++] = date;
  meta[m++] = _("Customers");
  meta[m++] = count;
  meta[m] = NULL;
  return strata_xlsx_sink_close (sink, _("About"), meta, TRUE, error);
}

gboolean
strata_action_list_write (StrataActionList *self,
                          StrataWorkspace  *workspace,
                          const char       *owner,
                          const char       *path,
                          GError          **error)
{
  if (strata_export_is_xlsx (path))
    return strata_action_list_write_xlsx (self, workspace, owner, path, error);
  return strata_action_list_write_csv (self, owner, path, error);
}
