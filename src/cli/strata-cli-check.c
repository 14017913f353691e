/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli check: the whole workspace, page by page. Opening checks only
 * what is cheap (HACKING, "Opening"); this is the full check, on demand. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-cli-engine.h"
#include "strata-workspace.h"

int
strata_cli_check (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — check the whole workspace file for damage"));
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (_("check needs a workspace (strata-cli check WORKSPACE)"));
      return STRATA_EXIT_USAGE;
    }
  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws == NULL || !strata_workspace_check (ws, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  /* Translators: %s is a workspace file name. */
  printf (_("“%s”: no damage found\n"), argv[1]);
  return STRATA_EXIT_OK;
}
