/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests and the scoring ask of strata-engine.h. */
#pragma once

#include "strata-engine.h"

G_BEGIN_DECLS

/* Customers per final tier: n_tiers counts (caller frees; the fit
 * banner's counts). */
guint        *strata_result_count_tiers (const StrataResult *result);

G_END_DECLS
