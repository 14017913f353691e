/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli actions WORKSPACE FROM TO [--owner ATTRIBUTE] [--format csv|xlsx|pdf] -o PATH
 *
 * Each owner's action list after the review of FROM against TO: as CSV,
 * one row per customer who changed tier or quadrant, or as one PDF with a
 * section per owner, in the language of the messages (LANGUAGE), as the
 * reasons are. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-action-report.h"
#include "strata-cli-common.h"
#include "strata-cli-review.h"
#include "strata-export.h"

int
strata_cli_actions (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(StrataActionList) list = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  gboolean restate = FALSE;
  gboolean pdf, xlsx;
  gint64 from_id = 0, to_id = 0;
  GOptionEntry entries[] = {
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner,
      N_("The customer attribute that names the owner (default: account_manager)"), N_("ATTRIBUTE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: csv, xlsx or pdf (default: from the file name, else csv)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (CSV: - or none for standard output)"),
      N_("FILE") },
    { "restate", 0, 0, G_OPTION_ARG_NONE, &restate,
      N_("Restate the earlier period under the later period's rules"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE FROM TO - what each owner has to do after the review"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 4)
    {
      strata_cli_error (_("usage: strata-cli actions WORKSPACE FROM TO [--owner ATTRIBUTE] [--format csv|xlsx|pdf] -o PATH"));
      return STRATA_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "pdf")
      && !g_str_equal (format, "xlsx"))
    {
      strata_cli_error (_("unknown format “%s” (use csv, xlsx or pdf)"), format);
      return STRATA_EXIT_USAGE;
    }
  pdf = format != NULL ? g_str_equal (format, "pdf")
                       : output != NULL && g_str_has_suffix (output, ".pdf");
  xlsx = format != NULL ? g_str_equal (format, "xlsx")
                        : output != NULL && strata_export_is_xlsx (output);
  if (pdf && (output == NULL || g_str_equal (output, "-")))
    {
      strata_cli_error (_("actions: give the PDF file to write with -o FILE.pdf"));
      return STRATA_EXIT_USAGE;
    }
  if (xlsx && (output == NULL || g_str_equal (output, "-")))
    {
      strata_cli_error (_("actions: give the workbook to write with -o FILE.xlsx"));
      return STRATA_EXIT_USAGE;
    }

  workspace = strata_workspace_open (argv[1], NULL, &error);
  if (workspace == NULL ||
      !strata_period_find (workspace, argv[2], &from_id, NULL, &error) ||
      !strata_period_find (workspace, argv[3], &to_id, NULL, &error) ||
      !(list = strata_action_list_compute (workspace, from_id, to_id, owner, restate, &error)))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }

  if (pdf)
    {
      if (!strata_action_report_write_pdf (workspace, list, NULL, NULL, STRATA_REPORT_PAPER_A4,
                                           output, &error))
        {
          strata_cli_error ("%s", error->message);
          return STRATA_EXIT_INPUT;
        }
    }
  else if (xlsx)
    {
      if (!strata_action_list_write_xlsx (list, workspace, NULL, output, &error))
        {
          strata_cli_error ("%s", error->message);
          return STRATA_EXIT_INPUT;
        }
    }
  else if (output == NULL || g_str_equal (output, "-"))
    {
      g_autofree char *csv = strata_action_list_to_csv (list, NULL);
      fputs (csv, stdout);
    }
  else if (!strata_action_list_write_csv (list, NULL, output, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  return STRATA_EXIT_OK;
}
