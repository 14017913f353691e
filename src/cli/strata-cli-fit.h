/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data from the command line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int strata_cli_calibrate (int argc, char **argv);

G_END_DECLS
