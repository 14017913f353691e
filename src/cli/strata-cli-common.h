/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared plumbing for strata-cli subcommands: exit codes and messages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  STRATA_EXIT_OK = 0,
  STRATA_EXIT_USAGE = 1,  /* bad usage: unknown option, missing argument */
  STRATA_EXIT_INPUT = 2,  /* bad input: a file that cannot be used */
} StrataExit;

/* A subcommand: argv[0] is the subcommand's name. */
typedef int (*StrataCliCommand) (int argc, char **argv);

/* Prints "strata-cli: MESSAGE" on stderr as one line. */
void strata_cli_error  (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Parses a GOptionContext, printing a one-line usage error; returns FALSE on
 * failure. */
gboolean strata_cli_parse (GOptionContext *context,
                           int            *argc,
                           char         ***argv);

G_END_DECLS
