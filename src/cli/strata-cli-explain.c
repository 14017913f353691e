/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli explain: the score receipt of one customer. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "strata-cli-common.h"
#include "strata-cli-engine.h"
#include "strata-period-data-subset.h"

/* Opens path at the period (latest when NULL) and reads just that customer
 * through the indexes: a receipt needs its own row only. */
static StrataPeriodData *
load_customer (const char       *path,
               const char       *period,
               const char       *ext_id,
               StrataWorkspace **workspace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  const char *ext_ids[] = { ext_id, NULL };
  StrataPeriodData *data;
  gint64 period_id;

  if (ws == NULL ||
      !strata_period_find (ws, period, &period_id, NULL, &error) ||
      (data = strata_period_data_load_customers (ws, period_id, ext_ids, &error)) == NULL)
    {
      strata_cli_error ("%s", error->message);
      return NULL;
    }
  *workspace = g_steal_pointer (&ws);
  return data;
}

int
strata_cli_explain (int    argc,
                    char **argv)
{
  g_autofree char *period = NULL;
  g_autofree char *rules_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataReceipt) receipt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *header = NULL;
  guint version = 0;
  int row;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Explain period P (default: the latest)"), "P" },
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_file, N_("Explain with a rules file, without saving it"), "FILE" },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE CUSTOMER_ID — explain one customer's score"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 3)
    {
      strata_cli_error (_("explain: expected a workspace file and a customer id"));
      return STRATA_EXIT_USAGE;
    }

  data = load_customer (argv[1], period, argv[2], &ws);
  if (data == NULL)
    return STRATA_EXIT_INPUT;
  row = strata_period_data_find_ext_id (data, argv[2]);
  if (row < 0)
    {
      strata_cli_error (_("%s: no customer “%s” in period %s"), argv[1], argv[2], data->period_name);
      return STRATA_EXIT_INPUT;
    }
  rules = strata_cli_load_rules (ws, rules_file, &version);
  if (rules == NULL)
    return STRATA_EXIT_INPUT;
  receipt = strata_engine_explain (rules, data, (guint) row, &error);
  if (receipt == NULL)
    {
      g_autofree char *source = rules_file ? g_strdup (rules_file)
                                           : g_strdup_printf (_("%s (rules version %u)"), argv[1], version);

      strata_cli_error ("%s: %s", source, error->message);
      return STRATA_EXIT_INPUT;
    }

  if (rules_file != NULL)
    header = g_strdup_printf (_("Period %s, rules from %s\n"), data->period_name, rules_file);
  else
    header = g_strdup_printf (_("Period %s, rules version %u\n"), data->period_name, version);
  text = strata_receipt_to_text (receipt);
  return strata_cli_write (header, strlen (header)) && strata_cli_write (text, strlen (text))
         ? STRATA_EXIT_OK : STRATA_EXIT_INPUT;
}
