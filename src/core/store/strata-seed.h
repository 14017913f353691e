/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* Fills a newly created workspace with what every workspace starts with:
 * the built-in metrics, the default rule set (draft and published v1) and
 * the default entitlement matrix. One transaction. */
gboolean strata_seed_workspace (StrataWorkspace  *workspace,
                                GError          **error);

/* Creates path and seeds it; the usual way to make a new workspace. */
StrataWorkspace *strata_seed_create_workspace (const char  *path,
                                               GError     **error);

G_END_DECLS
