/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One line per period for the review: customers, state and the rule-set
 * version its results were frozen under. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *name;
  guint     n_customers;
  gboolean  closed;
  gint64    ruleset_id;   /* 0 while open */
  int       version;      /* 0 while open */
  char     *closed_at;    /* ISO 8601, NULL while open */
} StrataPeriodSummary;

/* Every period in chronological order (as StrataPeriodList: start date). */
GPtrArray *strata_period_summary_list (StrataWorkspace      *workspace,
                                       GError              **error);
void       strata_period_summary_free (StrataPeriodSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataPeriodSummary, strata_period_summary_free)

G_END_DECLS
