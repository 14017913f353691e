/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review subcommands: periods (list, close, reopen), movement and
 * retention. */
#pragma once

int strata_cli_periods  (int argc, char **argv);
int strata_cli_movement (int argc, char **argv);
int strata_cli_retention (int argc, char **argv);
int strata_cli_actions  (int argc, char **argv);
