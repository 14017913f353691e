/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli override: what the customer detail's override does, for
 * automation, with the same audit record (author, date, reason). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-cli-engine.h"
#include "strata-override.h"
#include "strata-period-data.h"

/* The customer's id in the workspace, when the period has it. */
static gboolean
find_customer (StrataWorkspace  *ws,
               gint64            period_id,
               const char       *period_name,
               const char       *ext_id,
               gint64           *customer_id)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (ws, "SELECT c.id FROM customers c JOIN period_customers pc"
                                  " ON pc.customer_id = c.id AND pc.period_id = ?1"
                                  " WHERE c.ext_id = ?2", NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, period_id);
      sqlite3_bind_text (stmt, 2, ext_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *customer_id = sqlite3_column_int64 (stmt, 0);
          return TRUE;
        }
    }
  strata_cli_error (_("%s: no customer “%s” in period %s"),
                    strata_workspace_get_path (ws), ext_id, period_name);
  return FALSE;
}

/* A tier of the rules the window shows (the latest published, else the
 * draft), so that an override names a tier people see. */
static gboolean
check_tier (StrataWorkspace *ws,
            const char      *tier)
{
  guint version = 0;
  g_autoptr(StrataRules) rules = strata_cli_load_rules (ws, NULL, &version);
  g_autoptr(GString) known = g_string_new (NULL);

  if (rules == NULL)
    return FALSE;
  for (guint t = 0; t < rules->tiers->len; t++)
    {
      const StrataTier *each = rules->tiers->pdata[t];

      if (g_strcmp0 (each->id, tier) == 0)
        return TRUE;
      g_string_append_printf (known, "%s%s", t > 0 ? ", " : "", each->id);
    }
  strata_cli_error (_("%s: no tier “%s” in the rules (the tiers are %s)"),
                    strata_workspace_get_path (ws), tier, known->str);
  return FALSE;
}

int
strata_cli_override (int    argc,
                     char **argv)
{
  g_autofree char *period = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *period_name = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  gboolean remove = FALSE;
  gint64 period_id = 0, customer_id = 0;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Period P (default: the latest)"), "P" },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why the customer gets this tier (required to set one)"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE CUSTOMER_ID TIER — set a customer's tier by hand\n"
                                    "  strata-cli override remove WORKSPACE CUSTOMER_ID — remove it"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc > 1 && g_str_equal (argv[1], "remove"))
    {
      remove = TRUE;
      argc--;
      argv++;
    }
  if (argc != (remove ? 3 : 4))
    {
      strata_cli_error (remove ? _("override remove: expected a workspace file and a customer id")
                               : _("override: expected a workspace file, a customer id and a tier"));
      return STRATA_EXIT_USAGE;
    }
  if (!remove && (reason == NULL || *g_strstrip (reason) == '\0'))
    {
      strata_cli_error (_("override: --reason is required: say why the customer gets this tier"));
      return STRATA_EXIT_USAGE;
    }

  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws == NULL || !strata_period_find (ws, period, &period_id, &period_name, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (!find_customer (ws, period_id, period_name, argv[2], &customer_id) ||
      (!remove && !check_tier (ws, argv[3])))
    return STRATA_EXIT_INPUT;

  if (remove ? !strata_override_remove (ws, period_id, customer_id, &error)
             : !strata_override_set (ws, period_id, customer_id, argv[3], reason, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (remove)
    /* Translators: customer id, period. */
    printf (_("%s: override removed in %s\n"), argv[2], period_name);
  else
    /* Translators: customer id, tier id, period, author. */
    printf (_("%s: tier %s in %s, set by hand by %s\n"), argv[2], argv[3], period_name,
            strata_workspace_get_author (ws));
  return STRATA_EXIT_OK;
}
