/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask a StrataWorkspace. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* TRUE when this object created the file. */
gboolean strata_workspace_get_is_new (StrataWorkspace *self);

G_END_DECLS
