/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli import, export and import-log. */
#pragma once

int strata_cli_import     (int argc, char **argv);
int strata_cli_export     (int argc, char **argv);
int strata_cli_import_log (int argc, char **argv);
