/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli funnel WORKSPACE [--period P] [--by quadrant|tier]
 *                   [--customer ID] [--format csv|json]
 *
 * The merchant traffic funnel (impressions → clicks → inquiries → orders)
 * per quadrant (default) or tier: totals, conversion rates and the step
 * where each group falls furthest below the best one; or, with --customer,
 * one customer against its quadrant's median (src/core/funnel/). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-funnel.h"

int strata_cli_funnel (int argc, char **argv);

int
strata_cli_funnel (int    argc,
                   char **argv)
{
  g_autofree char *by = NULL, *format = NULL, *period = NULL, *customer = NULL, *out = NULL;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Period name (default: the latest)"), N_("PERIOD") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Group customers by quadrant (default) or tier"), N_("quadrant|tier") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("One customer against its quadrant's median"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv (default) or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — the traffic funnel per quadrant or tier"));
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  StrataFunnelGroupBy group_by = STRATA_FUNNEL_BY_QUADRANT;
  gboolean json;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (_("usage: strata-cli funnel WORKSPACE [--period P] [--by quadrant|tier] "
                          "[--customer ID] [--format csv|json]"));
      return STRATA_EXIT_USAGE;
    }
  if (by != NULL && g_str_equal (by, "tier"))
    group_by = STRATA_FUNNEL_BY_TIER;
  else if (by != NULL && !g_str_equal (by, "quadrant"))
    {
      strata_cli_error (_("unknown grouping “%s” (use quadrant or tier)"), by);
      return STRATA_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      strata_cli_error (_("unknown format “%s” (use csv or json)"), format);
      return STRATA_EXIT_USAGE;
    }
  json = format != NULL && g_str_equal (format, "json");

  workspace = strata_workspace_open (argv[1], NULL, &error);
  if (workspace == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }

  if (customer != NULL)
    {
      g_autoptr(StrataPeriodResults) results = NULL;
      g_autoptr(StrataFunnelCustomer) c = NULL;
      g_autofree char *name = NULL;
      gint64 period_id;
      int row;

      if (!strata_period_find (workspace, period, &period_id, &name, &error) ||
          (results = strata_period_results_load (workspace, period_id, &error)) == NULL)
        {
          strata_cli_error ("%s", error->message);
          return STRATA_EXIT_INPUT;
        }
      row = strata_period_data_find_ext_id (results->data, customer);
      if (row < 0)
        {
          strata_cli_error (_("%s: no customer “%s” in period %s"), argv[1], customer, name);
          return STRATA_EXIT_INPUT;
        }
      c = strata_funnel_customer_compute (results, (guint) row);
      out = json ? strata_funnel_customer_to_json (c) : strata_funnel_customer_to_csv (c);
    }
  else
    {
      g_autoptr(StrataFunnel) funnel = strata_funnel_load (workspace, period, group_by, &error);

      if (funnel == NULL)
        {
          strata_cli_error ("%s", error->message);
          return STRATA_EXIT_INPUT;
        }
      out = json ? strata_funnel_to_json (funnel) : strata_funnel_to_csv (funnel);
    }
  fputs (out, stdout);
  if (json)
    fputc ('\n', stdout);
  return STRATA_EXIT_OK;
}
