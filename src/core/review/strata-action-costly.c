/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-action-costly.h"

void
strata_costly_use_free (StrataCostlyUse *use)
{
  if (use == NULL)
    return;
  g_free (use->product);
  g_free (use);
}

GPtrArray *
strata_action_costly_customers (StrataWorkspace  *workspace,
                                gint64            period_id,
                                GError          **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  /* The hook: no product categories yet (see the header). */
  return g_ptr_array_new_with_free_func ((GDestroyNotify) strata_costly_use_free);
}
