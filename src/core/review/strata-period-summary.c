/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-period-summary.h"

void
strata_period_summary_free (StrataPeriodSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->name);
  g_free (summary->closed_at);
  g_free (summary);
}

GPtrArray *
strata_period_summary_list (StrataWorkspace  *workspace,
                            GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
    "SELECT p.id, p.name, p.state = 'closed', coalesce (p.ruleset_id, 0),"
    "  coalesce (r.version, 0), p.closed_at,"
    /* The count from the columns' ids (their length, not their pages);
     * count(*) reads the whole period and is left for a period without. */
    "  coalesce ((SELECT length (c.data) / 8 FROM period_columns c"
    "             WHERE c.period_id = p.id AND c.metric_id = -1),"
    "            (SELECT count(*) FROM period_customers c WHERE c.period_id = p.id)) "
    "FROM periods p LEFT JOIN rulesets r ON r.id = p.ruleset_id "
    "ORDER BY p.start_date, p.end_date, p.id", error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_period_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataPeriodSummary *s = g_new0 (StrataPeriodSummary, 1);

      s->id = sqlite3_column_int64 (stmt, 0);
      s->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->closed = sqlite3_column_int (stmt, 2);
      s->ruleset_id = sqlite3_column_int64 (stmt, 3);
      s->version = sqlite3_column_int (stmt, 4);
      s->closed_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      s->n_customers = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (list, s);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "periods");
      return NULL;
    }
  return g_steal_pointer (&list);
}
