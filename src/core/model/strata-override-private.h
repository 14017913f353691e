/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-override.h. */
#pragma once

#include "strata-override.h"

G_BEGIN_DECLS

/* The period's overrides (StrataOverride*), oldest first; removed ones too
 * when include_removed. */
GPtrArray  *strata_override_list   (StrataWorkspace  *workspace,
                                    gint64            period_id,
                                    gboolean          include_removed,
                                    GError          **error);

G_END_DECLS
