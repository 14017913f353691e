/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-rules.h. */
#pragma once

#include "strata-rules.h"

G_BEGIN_DECLS

/* Every metric key the rules read (indicators, adjustments, quadrant),
 * without duplicates, in order of first use. */
GPtrArray        *strata_rules_get_metrics     (const StrataRules *rules);

/* The default label of a label key in the current language, or NULL when
 * the key is not one of the defaults. */
const char       *strata_rules_default_label   (const char        *key);

G_END_DECLS
