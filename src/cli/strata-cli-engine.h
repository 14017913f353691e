/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine's subcommands (rules, score, explain, whatif) and what they
 * share: opening a workspace at a period, choosing the rules, CSV fields. */
#pragma once

#include <stdio.h>

#include "strata-engine.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

int   strata_cli_rules    (int argc, char **argv);
int   strata_cli_score    (int argc, char **argv);
int   strata_cli_explain  (int argc, char **argv);
int   strata_cli_whatif   (int argc, char **argv);
int   strata_cli_check    (int argc, char **argv);
int   strata_cli_override (int argc, char **argv);

/* Appends field to out as one CSV field: quoted (with doubled quotes) when
 * it holds a comma, a quote, a newline or a carriage return. */
void  strata_cli_csv_field (GString    *out,
                            const char *field);

/* Opens path and loads the period (latest when NULL). Prints the one-line
 * error and returns NULL on failure. */
StrataPeriodData *strata_cli_load_period (const char        *path,
                                          const char        *period,
                                          StrataWorkspace  **workspace);
/* The rules to score with: the file when given, else the latest published
 * version (its number in *version, 0 for a file). Prints the error. */
StrataRules      *strata_cli_load_rules  (StrataWorkspace   *workspace,
                                          const char        *file,
                                          guint             *version);
/* Writes text to stdout; FALSE (with the message printed) when it fails. */
gboolean          strata_cli_write       (const char        *text,
                                          gsize              length);

G_END_DECLS
