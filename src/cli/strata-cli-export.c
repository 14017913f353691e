/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli export and import-log: CSV files and Excel workbooks. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-cli-import.h"
#include "strata-export.h"

int
strata_cli_export (int    argc,
                   char **argv)
{
  g_autofree char *period = NULL, *output = NULL;
  gboolean keys = FALSE;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Period to export (default: the latest)"), N_("PERIOD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write: .csv, or .xlsx for an Excel workbook (“-”: CSV on standard output)"), N_("FILE") },
    { "keys", 0, 0, G_OPTION_ARG_NONE, &keys, N_("Head the columns with metric keys instead of labels"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — export customers with their metrics as CSV or Excel"));
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2 || output == NULL)
    {
      strata_cli_error (_("export needs a workspace and -o FILE.csv or -o FILE.xlsx"));
      return STRATA_EXIT_USAGE;
    }
  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws == NULL || !strata_export_customers_full (ws, period, output,
                                                  keys ? STRATA_EXPORT_KEYS : STRATA_EXPORT_FLAGS_NONE,
                                                  &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  return STRATA_EXIT_OK;
}

int
strata_cli_import_log (int    argc,
                       char **argv)
{
  g_autofree char *output = NULL;
  gint64 import_id = 0;
  GOptionEntry entries[] = {
    { "import", 0, 0, G_OPTION_ARG_INT64, &import_id, N_("Import number (default: the latest)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("CSV file to write (“-”: standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — export the rows an import rejected as CSV"));
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (_("import-log needs a workspace (strata-cli import-log WORKSPACE -o FILE.csv)"));
      return STRATA_EXIT_USAGE;
    }
  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws == NULL || !strata_export_rejects (ws, import_id, output ? output : "-", &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  return STRATA_EXIT_OK;
}
