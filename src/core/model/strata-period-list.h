/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-period.h"
#include "strata-workspace-list.h"

G_BEGIN_DECLS

#define STRATA_TYPE_PERIOD_LIST (strata_period_list_get_type ())
G_DECLARE_FINAL_TYPE (StrataPeriodList, strata_period_list, STRATA, PERIOD_LIST,
                      StrataWorkspaceList)

/* A GListModel of StrataPeriod in chronological order (oldest first). It
 * reloads on the workspace's changed::periods and changed::all and emits
 * items-changed for the range that changed only. */
StrataPeriodList *strata_period_list_new           (StrataWorkspace   *workspace);

gboolean          strata_period_list_reload        (StrataPeriodList  *self,
                                                    GError           **error);
/* Transfer none; NULL when there is none. */
StrataPeriod     *strata_period_list_lookup_id     (StrataPeriodList  *self,
                                                    gint64             id);
StrataPeriod     *strata_period_list_lookup_name   (StrataPeriodList  *self,
                                                    const char        *name);
StrataPeriod     *strata_period_list_get_latest    (StrataPeriodList  *self);
/* The position of the period in the list, or -1. */
int               strata_period_list_find          (StrataPeriodList  *self,
                                                    gint64             id);

G_END_DECLS
