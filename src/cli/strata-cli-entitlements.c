/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli entitlements: prints the entitlement matrix of a workspace as
 * CSV (the same file the page exports) or JSON. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>

#include "strata-cli-common.h"
#include "strata-cli-entitlements.h"
#include "strata-entitlements.h"

int
strata_cli_entitlements (int    argc,
                         char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(StrataEntitlements) matrix = NULL;
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: csv (default) or json"), "FORMAT" },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE — print the entitlement matrix"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (argc < 2 ? _("entitlements: a workspace file is needed")
                                 : _("entitlements: only one workspace file is expected"));
      return STRATA_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      strata_cli_error (_("entitlements: unknown format “%s”: use csv or json"), format);
      return STRATA_EXIT_USAGE;
    }

  workspace = strata_workspace_open (argv[1], NULL, &error);
  if (workspace == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  matrix = strata_entitlements_new (workspace, &error);
  if (matrix == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root = strata_entitlements_to_json (matrix);
      g_autoptr(JsonGenerator) gen = json_generator_new ();

      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      out = json_generator_to_data (gen, NULL);
      fputs (out, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      out = strata_entitlements_to_csv (matrix);
      fwrite (out, 1, strlen (out), stdout);
    }
  if (fflush (stdout) != 0)
    {
      strata_cli_error (_("entitlements: cannot write the output: %s"), g_strerror (errno));
      return STRATA_EXIT_INPUT;
    }
  return STRATA_EXIT_OK;
}
