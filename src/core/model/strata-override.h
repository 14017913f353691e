/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Manual tier overrides per customer and period. An override wins for the
 * final tier and stays visible as such; removing one keeps the row with
 * removed_at/removed_by so the audit trail stays whole. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  customer_id;
  gint64  period_id;
  char   *ext_id;       /* the customer's ext id */
  char   *tier;         /* tier id */
  char   *reason;
  char   *author;
  char   *created_at;
  char   *removed_at;   /* NULL while active */
  char   *removed_by;
} StrataOverride;

void        strata_override_free   (StrataOverride  *override);

/* Sets the customer's override for the period, replacing (removing) an
 * active one. The reason is required; the author is the workspace's.
 * Refuses an empty reason or tier with STRATA_WORKSPACE_ERROR_INVALID. */
gboolean    strata_override_set    (StrataWorkspace  *workspace,
                                    gint64            period_id,
                                    gint64            customer_id,
                                    const char       *tier,
                                    const char       *reason,
                                    GError          **error);
/* Removes the active override; fails with NO_SUCH_ITEM when there is none. */
gboolean    strata_override_remove (StrataWorkspace  *workspace,
                                    gint64            period_id,
                                    gint64            customer_id,
                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataOverride, strata_override_free)

G_END_DECLS
