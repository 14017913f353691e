/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-rules.h. */
#pragma once

#include "strata-rules.h"

G_BEGIN_DECLS

/* Every metric key the rules read (indicators, adjustments, quadrant),
 * without duplicates, in order of first use. */
GPtrArray        *strata_rules_get_metrics     (const StrataRules *rules);

G_END_DECLS
