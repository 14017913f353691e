/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "strata-cli-common.h"
#include "strata-cli-engine.h"
#include "strata-rules-json.h"
#include "strata-ruleset-store.h"

void
strata_cli_csv_field (GString    *out,
                      const char *field)
{
  if (field == NULL)
    field = "";
  if (strpbrk (field, ",\"\n\r") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

StrataPeriodData *
strata_cli_load_period (const char       *path,
                        const char       *period,
                        StrataWorkspace **workspace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  StrataPeriodData *data;
  gint64 period_id;

  if (ws == NULL ||
      !strata_period_find (ws, period, &period_id, NULL, &error) ||
      (data = strata_period_data_load (ws, period_id, &error)) == NULL)
    {
      strata_cli_error ("%s", error->message);
      return NULL;
    }
  *workspace = g_steal_pointer (&ws);
  return data;
}

StrataRules *
strata_cli_load_rules (StrataWorkspace *workspace,
                       const char      *file,
                       guint           *version)
{
  g_autoptr(GError) error = NULL;
  StrataRules *rules;

  *version = 0;
  if (file != NULL)
    rules = strata_rules_load_file (file, &error);
  else
    {
      *version = strata_ruleset_store_get_latest_version (workspace);
      rules = strata_ruleset_store_load_version (workspace, *version, &error);
    }
  if (rules == NULL)
    strata_cli_error ("%s", error->message);
  return rules;
}

gboolean
strata_cli_write (const char *text,
                  gsize       length)
{
  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      strata_cli_error (_("cannot write the output: %s"), g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
