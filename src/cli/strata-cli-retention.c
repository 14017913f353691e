/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli retention WORKSPACE [--by tier|quadrant] [--format csv|json]
 *
 * Per pair of consecutive periods and per tier (or quadrant) of the first:
 * customers, retained, rate, revenue and the revenue the same customers
 * brought in the next period (src/core/fit/strata-retention.h). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-cli-review.h"
#include "strata-retention.h"

int
strata_cli_retention (int    argc,
                      char **argv)
{
  g_autofree char *by = NULL, *format = NULL, *out = NULL;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Group customers by tier (default) or quadrant"), N_("tier|quadrant") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv (default) or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — retention per tier between consecutive periods"));
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(StrataRetention) retention = NULL;
  g_autoptr(GError) error = NULL;
  StrataRetentionGroupBy group_by = STRATA_RETENTION_BY_TIER;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (_("usage: strata-cli retention WORKSPACE [--by tier|quadrant] [--format csv|json]"));
      return STRATA_EXIT_USAGE;
    }
  if (by != NULL && g_str_equal (by, "quadrant"))
    group_by = STRATA_RETENTION_BY_QUADRANT;
  else if (by != NULL && !g_str_equal (by, "tier"))
    {
      strata_cli_error (_("unknown grouping “%s” (use tier or quadrant)"), by);
      return STRATA_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      strata_cli_error (_("unknown format “%s” (use csv or json)"), format);
      return STRATA_EXIT_USAGE;
    }

  workspace = strata_workspace_open (argv[1], NULL, &error);
  if (workspace == NULL ||
      (retention = strata_retention_compute (workspace, group_by, &error)) == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  out = format != NULL && g_str_equal (format, "json") ? strata_retention_to_json (retention)
                                                       : strata_retention_to_csv (retention);
  fputs (out, stdout);
  if (format != NULL && g_str_equal (format, "json"))
    fputc ('\n', stdout);
  return STRATA_EXIT_OK;
}
