/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a new workspace starts with. Each area adds its call here. */
#include "config.h"

#include "strata-metric.h"
#include "strata-ruleset-store.h"
#include "strata-seed.h"
#include "strata-entitlements.h"

gboolean
strata_seed_workspace (StrataWorkspace  *workspace,
                       GError          **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!strata_workspace_begin (workspace, error))
    return FALSE;

  /* area: model: built-in metrics */
  if (!strata_metrics_ensure_builtin (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  /* area: engine: default rule set */
  if (!strata_ruleset_store_seed (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  /* area: entitlements: default matrix */
  if (!strata_entitlements_seed_defaults (workspace, error))
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }

  if (!strata_workspace_commit (workspace, error))
    return FALSE;
  strata_workspace_emit_changed (workspace, "all");
  return TRUE;
}

StrataWorkspace *
strata_seed_create_workspace (const char  *path,
                              GError     **error)
{
  g_autoptr(StrataWorkspace) workspace = strata_workspace_create (path, NULL, error);

  if (workspace == NULL)
    return NULL;
  if (!strata_seed_workspace (workspace, error))
    return NULL;
  return g_steal_pointer (&workspace);
}
