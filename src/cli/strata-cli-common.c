/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "strata-cli-common.h"

void
strata_cli_error (const char *format,
                  ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line: newlines inside the message would split it. */
  g_strdelimit (msg, "\n", ' ');
  fprintf (stderr, "strata-cli: %s\n", msg);
}

gboolean
strata_cli_parse (GOptionContext  *context,
                  int             *argc,
                  char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      strata_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}
