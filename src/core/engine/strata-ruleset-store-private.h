/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-ruleset-store.h. */
#pragma once

#include "strata-ruleset-store.h"

G_BEGIN_DECLS

/* Copies a published version into the draft. */
gboolean      strata_ruleset_store_restore        (StrataWorkspace  *workspace,
                                                   guint             version,
                                                   GError          **error);

G_END_DECLS
