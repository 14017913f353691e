/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* strata-cli entitlements WORKSPACE [--format csv|json] */
int strata_cli_entitlements (int    argc,
                             char **argv);
