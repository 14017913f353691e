/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-retention.h. */
#pragma once

#include "strata-retention.h"

G_BEGIN_DECLS

/* The rows of one pair (from = period t) and group, or NULL. */
const StrataRetentionRow *strata_retention_find (const StrataRetention *retention,
                                                 const char            *from,
                                                 const char            *group);

G_END_DECLS
