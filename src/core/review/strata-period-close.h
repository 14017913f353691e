/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Closing a period freezes its results: every customer's points, tiers,
 * quadrant and override are written to period_results under the published
 * rule-set version used, the period becomes closed (ruleset_id, closed_at)
 * and the audit log says who did it. Later rule edits do not touch it.
 * Reopening deletes the frozen results (the GUI asks first). */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* One transaction; emits changed::periods. Fails when the period is
 * missing or already closed, or when there are no valid published rules. */
gboolean strata_period_close  (StrataWorkspace  *workspace,
                               gint64            period_id,
                               GError          **error);
gboolean strata_period_reopen (StrataWorkspace  *workspace,
                               gint64            period_id,
                               GError          **error);

G_END_DECLS
