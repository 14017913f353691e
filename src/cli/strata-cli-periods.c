/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli periods WORKSPACE
 * strata-cli periods close WORKSPACE PERIOD
 * strata-cli periods reopen WORKSPACE PERIOD
 * strata-cli periods add WORKSPACE NAME [--start YYYY-MM-DD --end YYYY-MM-DD]
 * strata-cli periods rename WORKSPACE PERIOD NEW-NAME */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-format.h"
#include "strata-cli-review.h"
#include "strata-period-close.h"
#include "strata-period-data.h"
#include "strata-period-summary.h"
#include "strata-period.h"

static int
list_periods (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = strata_workspace_open (path, NULL, &error);
  g_autoptr(GPtrArray) periods = NULL;

  if (workspace == NULL ||
      !(periods = strata_period_summary_list (workspace, &error)))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }

  /* Translators: column headings of `strata-cli periods`; keep them one word each */
  printf ("%-12s %10s  %-7s %7s  %s\n", _("PERIOD"), _("CUSTOMERS"), _("STATE"),
          _("VERSION"), _("CLOSED"));
  for (guint i = 0; i < periods->len; i++)
    {
      StrataPeriodSummary *p = periods->pdata[i];
      g_autofree char *version = p->version > 0 ? g_strdup_printf ("%d", p->version)
                                                : g_strdup ("-");

      g_autofree char *customers = strata_format_integer (strata_number_format_get_default (),
                                                          p->n_customers);

      printf ("%-12s %10s  %-7s %7s  %s\n", p->name, customers,
              p->closed ? _("closed") : _("open"), version,
              p->closed_at ? p->closed_at : "-");
    }
  return STRATA_EXIT_OK;
}

static int
change_period (const char *verb,
               const char *path,
               const char *period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = strata_workspace_open (path, NULL, &error);
  gint64 period_id = 0;
  gboolean ok;

  if (workspace == NULL || !strata_period_find (workspace, period, &period_id, NULL, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (g_str_equal (verb, "close"))
    ok = strata_period_close (workspace, period_id, &error);
  else
    ok = strata_period_reopen (workspace, period_id, &error);
  if (!ok)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (g_str_equal (verb, "close"))
    printf (_("Closed %s: its results are frozen\n"), period);
  else
    printf (_("Reopened %s: its frozen results were removed\n"), period);
  return STRATA_EXIT_OK;
}

/* A standard name (2026-Q3, 2026-07, 2026) brings its dates; any other
 * name is a custom period and needs both. */
static int
add_period (const char *path,
            const char *name,
            const char *start,
            const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = strata_workspace_open (path, NULL, &error);
  g_autoptr(StrataPeriod) period = NULL;

  if (workspace == NULL ||
      !(period = strata_period_create (workspace, name, start, end, &error)))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  /* Translators: "Added 2026-H1 (2026-01-01 to 2026-06-30)" */
  printf (_("Added %s (%s to %s)\n"), strata_period_get_name (period),
          strata_period_get_start_date (period), strata_period_get_end_date (period));
  return STRATA_EXIT_OK;
}

static int
rename_period (const char *path,
               const char *period,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = strata_workspace_open (path, NULL, &error);
  gint64 period_id = 0;

  if (workspace == NULL || !strata_period_find (workspace, period, &period_id, NULL, &error) ||
      !strata_period_rename (workspace, period_id, name, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  printf (_("Renamed %s to %s\n"), period, name);
  return STRATA_EXIT_OK;
}

int
strata_cli_periods (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *start = NULL, *end = NULL;
  const GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start,
      N_("First day of a custom period added with “add”"), N_("YYYY-MM-DD") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end,
      N_("Last day of a custom period added with “add”"), N_("YYYY-MM-DD") },
    { NULL }
  };

  context = g_option_context_new (_("[close|reopen|add|rename] WORKSPACE [PERIOD] [NAME] - list, close, reopen, add or rename periods"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;

  if (argc >= 2 && g_str_equal (argv[1], "add"))
    {
      if (argc != 4)
        {
          strata_cli_error (_("usage: strata-cli periods add WORKSPACE NAME [--start YYYY-MM-DD --end YYYY-MM-DD]"));
          return STRATA_EXIT_USAGE;
        }
      return add_period (argv[2], argv[3], start, end);
    }
  if (argc >= 2 && g_str_equal (argv[1], "rename"))
    {
      if (argc != 5)
        {
          strata_cli_error (_("usage: strata-cli periods rename WORKSPACE PERIOD NEW-NAME"));
          return STRATA_EXIT_USAGE;
        }
      return rename_period (argv[2], argv[3], argv[4]);
    }
  if (start != NULL || end != NULL)
    {
      strata_cli_error (_("--start and --end go with “periods add”"));
      return STRATA_EXIT_USAGE;
    }

  if (argc >= 2 && (g_str_equal (argv[1], "close") || g_str_equal (argv[1], "reopen")))
    {
      if (argc != 4)
        {
          strata_cli_error (_("usage: strata-cli periods %s WORKSPACE PERIOD"), argv[1]);
          return STRATA_EXIT_USAGE;
        }
      return change_period (argv[1], argv[2], argv[3]);
    }
  if (argc != 2)
    {
      strata_cli_error (_("usage: strata-cli periods WORKSPACE (or periods close WORKSPACE PERIOD)"));
      return STRATA_EXIT_USAGE;
    }
  return list_periods (argv[1]);
}
