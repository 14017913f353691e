/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Customers page keeps of the previous period: the final tier of
 * each customer shown, to show who moved. */
#pragma once

#include "strata-period-data.h"
#include "strata-rules.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct _StrataPrevTiers StrataPrevTiers;

/* Runs on a worker: the final tiers of period_id's customers (as the review
 * sees them) for each row of data, the period shown (only read). */
StrataPrevTiers *strata_prev_tiers_read (StrataWorkspace         *workspace,
                                         gint64                   period_id,
                                         const StrataPeriodData  *data,
                                         GError                 **error);
void             strata_prev_tiers_free (StrataPrevTiers         *prev);
/* The same read as a StrataPage worker (strata_page_run_worker): the task
 * holds period_id and a reference to data, which the worker only reads. */
gpointer         strata_prev_tiers_task_new  (gint64                  period_id,
                                              const StrataPeriodData *data);
void             strata_prev_tiers_task_free (gpointer                task);
gpointer         strata_prev_tiers_worker    (StrataWorkspace        *workspace,
                                              gpointer                task,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* Whether prev was read for data's rows (the same customers, in order). */
gboolean         strata_prev_tiers_fits (const StrataPrevTiers   *prev,
                                         const StrataPeriodData  *data);
/* The bytes prev keeps per row (one: its tier) and in all (tests). */
gsize            strata_prev_tiers_get_size (const StrataPrevTiers *prev);
/* Each row of data's previous tier under rules (matched by tier id), or
 * STRATA_CUSTOMER_NO_TIER; NULL when there is nothing to compare or prev
 * was read for other rows. */
guint8          *strata_prev_tiers_map  (const StrataPrevTiers   *prev,
                                         const StrataRules       *rules,
                                         const StrataPeriodData  *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataPrevTiers, strata_prev_tiers_free)

G_END_DECLS
