/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "strata-name-ranks.h"

guint32 *
strata_name_ranks_read (StrataWorkspace *workspace,
                        gint64           period_id,
                        const char      *collation,
                        guint64          names_hash,
                        guint            n)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint32 *ranks;
  const guint32 *blob;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (collation != NULL, NULL);

  /* A file of schema 5 opened read-only has no such table: nothing kept. */
  stmt = strata_workspace_prepare (workspace,
                                   "SELECT ranks FROM name_ranks "
                                   "WHERE period_id = ?1 AND collation = ?2 AND names_hash = ?3",
                                   NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_text (stmt, 2, collation, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) names_hash);
  if (n == 0 || sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_bytes (stmt, 0) != (int) (n * sizeof (guint32)))
    return NULL;
  blob = sqlite3_column_blob (stmt, 0);
  ranks = g_new (guint32, n);
  memcpy (ranks, blob, n * sizeof (guint32));
#if G_BYTE_ORDER == G_BIG_ENDIAN
  for (guint i = 0; i < n; i++)
    ranks[i] = GUINT32_FROM_LE (ranks[i]);
#endif
  /* A rank is below n: anything else is not ours, and would index past
   * the ends of a sort's counts. */
  for (guint i = 0; i < n; i++)
    if (ranks[i] >= n)
      {
        g_free (ranks);
        return NULL;
      }
  return ranks;
}

gboolean
strata_name_ranks_write (StrataWorkspace  *workspace,
                         gint64            period_id,
                         const char       *collation,
                         guint64           names_hash,
                         const guint32    *ranks,
                         guint             n,
                         GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint32 *le = NULL;
  const guint32 *blob = ranks;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (collation != NULL && ranks != NULL && n > 0, FALSE);

#if G_BYTE_ORDER == G_BIG_ENDIAN
  le = g_new (guint32, n);
  for (guint i = 0; i < n; i++)
    le[i] = GUINT32_TO_LE (ranks[i]);
  blob = le;
#endif
  /* Skipped, not waited for, while another program writes. */
  if (!strata_workspace_begin_now (workspace, error))
    return FALSE;
  stmt = strata_workspace_prepare (workspace,
                                   "INSERT OR REPLACE INTO name_ranks (period_id, collation, names_hash, ranks) "
                                   "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    {
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_text (stmt, 2, collation, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) names_hash);
  sqlite3_bind_blob64 (stmt, 4, blob, (sqlite3_uint64) n * sizeof (guint32), SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "name_ranks");
      strata_workspace_rollback (workspace);
      return FALSE;
    }
  return strata_workspace_commit (workspace, error);
}
