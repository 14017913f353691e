/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For tests only. */
#pragma once

#include "strata-context.h"

G_BEGIN_DECLS

/* TRUE: every scoring load's worker waits before it reads the period
 * until this is set FALSE again (or the load is cancelled), so that a test
 * sees the window as it is while a large period loads. */
void strata_context_hold_scoring_loads (gboolean hold);

G_END_DECLS
