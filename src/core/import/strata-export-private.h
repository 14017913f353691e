/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-export.h. */
#pragma once

#include "strata-export.h"

G_BEGIN_DECLS

/* The customers of period (NULL: the latest period) with their
 * attributes and metric values, one row each. Column headers are the
 * metric labels in the user's language, so the file imports back. path
 * "-" writes to standard output. */
gboolean strata_export_customers (StrataWorkspace  *workspace,
                                  const char       *period,
                                  const char       *path,
                                  GError          **error);

G_END_DECLS
