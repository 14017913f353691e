/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli rules export|import: the draft rule set as a strata-rules/1
 * file, in and out. Import checks the file against the workspace's metrics
 * before anything is written, and saves it as the draft (and publishes it
 * with --publish NOTE) in one transaction each. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "strata-cli-common.h"
#include "strata-cli-engine.h"
#include "strata-rules-json.h"
#include "strata-ruleset-store.h"

static int
rules_export (int    argc,
              char **argv)
{
  g_autofree char *output = NULL;
  int version = -1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autofree char *json = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), "FILE" },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("Export published version N instead of the draft"), "N" },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE — write the draft rules as a strata-rules/1 file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (_("rules export: expected one workspace file"));
      return STRATA_EXIT_USAGE;
    }
  if (version == 0 || version < -1)
    {
      strata_cli_error (_("rules export: --version must be 1 or more"));
      return STRATA_EXIT_USAGE;
    }

  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws != NULL)
    rules = version > 0 ? strata_ruleset_store_load_version (ws, (guint) version, &error)
                        : strata_ruleset_store_get_draft (ws, &error);
  if (rules == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  json = strata_rules_to_json (rules);
  if (output == NULL)
    return strata_cli_write (json, strlen (json)) ? STRATA_EXIT_OK : STRATA_EXIT_INPUT;
  if (!g_file_set_contents (output, json, -1, &error))
    {
      /* GLib names its temporary file ("x.json.XA2VZ3"): name the real one. */
      g_autofree char *dir = g_path_get_dirname (output);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        strata_cli_error (_("Cannot write “%s”: the folder “%s” does not exist"), output, dir);
      else if (g_access (dir, W_OK) != 0)
        strata_cli_error (_("Cannot write “%s”: %s"), output, g_strerror (errno));
      else
        strata_cli_error (_("Cannot write “%s”: %s"), output, error->message);
      return STRATA_EXIT_INPUT;
    }
  return STRATA_EXIT_OK;
}

static char **
metric_keys (StrataWorkspace *ws)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, "SELECT key FROM metrics", NULL);
  GPtrArray *keys = g_ptr_array_new ();

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

static int
rules_import (int    argc,
              char **argv)
{
  g_autofree char *note = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_auto(GStrv) metrics = NULL;
  guint version = 0;
  const GOptionEntry entries[] = {
    { "publish", 0, 0, G_OPTION_ARG_STRING, &note, N_("Also publish the rules as a new version with NOTE"), "NOTE" },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE FILE — save a strata-rules/1 file as the draft rules"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 3)
    {
      strata_cli_error (_("rules import: expected a workspace file and a rules file"));
      return STRATA_EXIT_USAGE;
    }

  /* Read and check the file before opening the workspace for writing. */
  rules = strata_rules_load_file (argv[2], &error);
  if (rules == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  metrics = metric_keys (ws);
  if (!strata_rules_check (rules, metrics[0] ? (const char * const *) metrics : NULL, &error))
    {
      strata_cli_error ("%s: %s", argv[2], error->message);
      return STRATA_EXIT_INPUT;
    }

  if (note != NULL ? !strata_ruleset_store_publish (ws, rules, note, &version, &error)
                   : !strata_ruleset_store_save_draft (ws, rules, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (note != NULL)
    printf (_("Published %s as rules version %u of %s\n"), argv[2], version, argv[1]);
  else
    printf (_("Saved %s as the draft rules of %s\n"), argv[2], argv[1]);
  return STRATA_EXIT_OK;
}

int
strata_cli_rules (int    argc,
                  char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return rules_export (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return rules_import (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  strata-cli rules export WORKSPACE [-o FILE] [--version N]\n"
              "  strata-cli rules import WORKSPACE FILE [--publish NOTE]\n", _("Usage:"));
      return STRATA_EXIT_OK;
    }
  strata_cli_error (argc < 2 ? _("rules: expected export or import")
                             : _("rules: unknown action “%s”: expected export or import"),
                    argv[1]);
  return STRATA_EXIT_USAGE;
}
