/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How many customers each tier holds in a period, and the revenue they
 * bring, for the cost row of the entitlement matrix. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "strata-entitlements-private.h"

static int
tier_index (StrataEntitlements *self,
            const char         *tier)
{
  for (guint t = 0; t < self->tiers->len; t++)
    if (g_strcmp0 (((StrataEntitlementTier *) g_ptr_array_index (self->tiers, t))->id, tier) == 0)
      return (int) t;
  return -1;
}

gboolean
strata_entitlements_tier_figures (StrataEntitlements  *self,
                                  gint64               period_id,
                                  guint               *customers,
                                  double              *revenue,
                                  gboolean            *known,
                                  GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  g_return_val_if_fail (customers != NULL && revenue != NULL && known != NULL, FALSE);

  for (guint t = 0; t < self->tiers->len; t++)
    {
      customers[t] = 0;
      revenue[t] = 0;
    }
  *known = FALSE;
  if (period_id <= 0)
    return TRUE;

  /* The tiers a period's results gave (an override wins), and the annual
   * order amount as the revenue. */
  stmt = strata_workspace_prepare (self->workspace,
                                   "SELECT coalesce (r.override_tier, r.tier), count(*),"
                                   " total (v.value)"
                                   " FROM period_results r"
                                   " LEFT JOIN metrics m ON m.key = 'order_amount'"
                                   " LEFT JOIN metric_values v ON v.period_id = r.period_id"
                                   "  AND v.customer_id = r.customer_id AND v.metric_id = m.id"
                                   " WHERE r.period_id = ?1"
                                   " GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int t = tier_index (self, (const char *) sqlite3_column_text (stmt, 0));

      *known = TRUE;
      if (t < 0)
        continue;
      customers[t] = (guint) sqlite3_column_int64 (stmt, 1);
      revenue[t] = sqlite3_column_double (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "period_results");
      return FALSE;
    }
  return TRUE;
}
