/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The action lists' PDF: blocks for the report's layout (strata-report.c),
 * so that it has the report's pages, contents, bookmarks and fonts. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-action-report.h"
#include "strata-report-private.h"

typedef struct
{
  StrataWorkspace    *workspace;
  StrataActionList   *list;
  const char         *owner;
  const char         *language;
  StrataNumberFormat  fmt;
  GPtrArray          *blocks;
  GPtrArray          *sections;
} Builder;

static ReportBlock *
add_block (Builder         *b,
           ReportBlockKind  kind,
           const char      *text)
{
  return report_append_block (b->blocks, kind, text);
}

static char *
move_text (const char *from,
           const char *to)
{
  if (g_strcmp0 (from, to) == 0)
    return g_strdup (from ? from : "–");
  return g_strdup_printf ("%s → %s", from && from[0] ? from : "–", to && to[0] ? to : "–");
}

static char *
joined (GPtrArray  *strings,
        const char *separator)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    {
      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, strings->pdata[i]);
    }
  return g_string_free (s, FALSE);
}

static void
build_owner (Builder                 *b,
             const StrataActionOwner *owner)
{
  g_autofree char *n = strata_format_integer (&b->fmt, owner->items->len);
  g_autofree char *intro = NULL;

  report_append_heading (b->blocks, b->sections, owner->label, 0);
  /* Translators: under an owner's heading: "12 customers changed tier or quadrant from 2026-Q2 to 2026-Q3." */
  intro = g_strdup_printf (strata_ngettext ("%s customer changed tier or quadrant from %s to %s.",
                                            "%s customers changed tier or quadrant from %s to %s.",
                                            owner->items->len),
                           n, strata_action_list_get_from_name (b->list),
                           strata_action_list_get_to_name (b->list));
  add_block (b, REPORT_BLOCK_TEXT, intro);

  if (owner->items->len > 0)
    {
      ReportBlock *table = report_append_table (b->blocks, 2);

      report_table_add_column (table, _("ID"), 0.12, 0);
      report_table_add_column (table, _("Customer"), 0.26, 0);
      report_table_add_column (table, _("Tier"), 0.10, 0);
      report_table_add_column (table, _("Quadrant"), 0.10, 0);
      report_table_add_column (table, _("Action"), 0.42, 0);
      for (guint i = 0; i < owner->items->len; i++)
        {
          const StrataActionItem *item = owner->items->pdata[i];
          char **cells = g_new0 (char *, 6);

          cells[0] = g_strdup (item->ext_id);
          cells[1] = g_strdup (item->name);
          cells[2] = move_text (item->from_tier, item->to_tier);
          cells[3] = move_text (strata_action_quadrant_letter (item->from_quadrant),
                                strata_action_quadrant_letter (item->to_quadrant));
          cells[4] = g_strdup (item->action);
          g_ptr_array_add (table->rows, cells);
        }

      for (guint i = 0; i < owner->items->len; i++)
        {
          const StrataActionItem *item = owner->items->pdata[i];
          g_autofree char *tier = move_text (item->from_tier, item->to_tier);
          g_autofree char *title = g_strdup_printf ("%s %s · %s", item->ext_id, item->name, tier);
          g_autofree char *why = joined (item->reasons, "; ");
          GString *text = g_string_new (NULL);

          add_block (b, REPORT_BLOCK_SUBHEADING, title);
          /* Translators: in the action list, before a mover's reasons */
          g_string_append_printf (text, _("Why: %s"), why[0] ? why : "–");
          if (item->gains->len > 0)
            {
              g_autofree char *gains = strata_action_describe_changes (item->gains, "; ");
              g_string_append_c (text, '\n');
              /* Translators: in the action list, the entitlements a customer gains */
              g_string_append_printf (text, _("Gains: %s"), gains);
            }
          if (item->losses->len > 0)
            {
              g_autofree char *losses = strata_action_describe_changes (item->losses, "; ");
              g_string_append_c (text, '\n');
              /* Translators: in the action list, the entitlements a customer loses */
              g_string_append_printf (text, _("Losses: %s"), losses);
            }
          if (item->action != NULL && item->action[0] != '\0')
            {
              g_string_append_c (text, '\n');
              /* Translators: in the action list, what to do with the customer */
              g_string_append_printf (text, _("Action: %s"), item->action);
            }
          add_block (b, REPORT_BLOCK_TEXT, text->str);
          g_string_free (text, TRUE);
        }
    }

  if (owner->costly->len > 0)
    {
      ReportBlock *table;

      add_block (b, REPORT_BLOCK_SUBHEADING, _("Customers on costly-to-run products"));
      table = report_append_table (b->blocks, 1);
      report_table_add_column (table, _("ID"), 0.14, 0);
      report_table_add_column (table, _("Customer"), 0.34, 0);
      report_table_add_column (table, _("Product"), 0.34, 0);
      report_table_add_column (table, _("Revenue"), 0.18, 1);
      for (guint i = 0; i < owner->costly->len; i++)
        {
          const StrataActionCostly *c = owner->costly->pdata[i];
          char **cells = g_new0 (char *, 5);

          cells[0] = g_strdup (c->ext_id);
          cells[1] = g_strdup (c->name);
          cells[2] = g_strdup (c->product);
          cells[3] = isnan (c->revenue) ? g_strdup ("–")
                                        : strata_format_integer (&b->fmt, c->revenue);
          g_ptr_array_add (table->rows, cells);
        }
    }
}

static char *
company_name (StrataWorkspace *workspace)
{
  g_autofree char *company = strata_workspace_get_meta (workspace, "company");
  g_autofree char *base = NULL;
  char *dot;

  if (company != NULL && company[0] != '\0')
    return g_steal_pointer (&company);
  base = g_path_get_basename (strata_workspace_get_path (workspace));
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static gboolean
build (gpointer     user_data,
       ReportInfo  *info,
       GPtrArray   *blocks,
       GPtrArray   *sections,
       GError     **error)
{
  Builder *b = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *from = strata_action_list_get_from_name (b->list);
  const char *to = strata_action_list_get_to_name (b->list);
  guint shown = 0;

  b->blocks = blocks;
  b->sections = sections;
  info->company = company_name (b->workspace);
  info->period = g_strdup (to);
  info->compare = g_strdup (from);
  if (b->owner != NULL)
    /* Translators: the title of one owner's action list: "Action list: Li Wei" */
    info->title = g_strdup_printf (_("Action list: %s"), b->owner);
  else
    /* Translators: the title of every owner's action lists: "Action lists 2026-Q3" */
    info->title = g_strdup_printf (_("Action lists %s"), to);
  /* Translators: under the action lists' title: "2026-Q2 → 2026-Q3, by account_manager" */
  info->subtitle = g_strdup_printf (_("%s → %s, by %s"), from, to,
                                    strata_action_list_get_owner_attribute (b->list));
  info->date = g_date_time_format (now, "%Y-%m-%d");
  info->version = g_strdup (_("Customers who changed tier or quadrant, the entitlements they gain and lose, and what to do"));
  info->language = g_strdelimit (g_ascii_strdown (b->language, -1), "_", '-');
  info->header = g_strdup_printf (_("%s — %s"), info->company, info->title);
  info->contents = g_strdup (_("Contents"));
  info->subject = g_strdup_printf (_("%s → %s, by %s"), from, to,
                                   strata_action_list_get_owner_attribute (b->list));
  info->prepared = g_strdup_printf (_("Prepared on %s"), info->date);

  add_block (b, REPORT_BLOCK_TITLE, NULL);
  add_block (b, REPORT_BLOCK_TOC, NULL);
  for (guint i = 0; i < strata_action_list_get_n_owners (b->list); i++)
    {
      const StrataActionOwner *owner = strata_action_list_get_owner (b->list, i);

      if (b->owner != NULL && g_strcmp0 (b->owner, owner->label) != 0)
        continue;
      build_owner (b, owner);
      shown++;
    }
  if (shown == 0)
    {
      report_append_heading (b->blocks, b->sections, b->owner ? b->owner : _("Nobody moved"), 0);
      add_block (b, REPORT_BLOCK_TEXT, _("No customer changed tier or quadrant."));
    }
  return TRUE;
}

gboolean
strata_action_report_write_pdf (StrataWorkspace   *workspace,
                                StrataActionList  *list,
                                const char        *owner,
                                const char        *language,
                                StrataReportPaper  paper,
                                const char        *path,
                                GError           **error)
{
  Builder b = { 0, };
  g_autoptr(StrataReport) report = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (list), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  b.workspace = workspace;
  b.list = list;
  b.owner = owner;
  b.language = language ? language : g_get_language_names ()[0];
  strata_number_format_init_for_language (&b.fmt, b.language);
  report = strata_report_new_built (language, paper, build, &b, error);
  return report != NULL && strata_report_save_pdf (report, path, NULL, NULL, NULL, error);
}

char *
strata_action_report_file_name (StrataActionList *list,
                                const char       *owner,
                                const char       *extension)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (STRATA_IS_ACTION_LIST (list), NULL);

  name = owner ? g_strdup_printf ("actions-%s-%s.%s", strata_action_list_get_to_name (list),
                                  owner, extension)
               : g_strdup_printf ("actions-%s.%s", strata_action_list_get_to_name (list),
                                  extension);
  /* Separators and characters Windows refuses (the file may be shared). */
  g_strdelimit (name, "/\\:*?\"<>|", '_');
  return g_steal_pointer (&name);
}
