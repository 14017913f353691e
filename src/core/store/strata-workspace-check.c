/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole-file checks of a workspace: they read every page (seconds at a
 * million customers), so a caller that must not wait runs them on a worker
 * and can stop them (see strata-workspace-check.h). */
#include "config.h"

#include "strata-error.h"
#include "strata-i18n.h"
#include "strata-workspace-check.h"
#include "strata-workspace-private.h"

static GMutex   hold_lock;
static GCond    hold_cond;
static gboolean hold_checks;

void
strata_workspace_hold_checks (gboolean hold)
{
  g_mutex_lock (&hold_lock);
  hold_checks = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_lock);
}

/* The test hook's wait; a cancelled check stops waiting (looked at every
 * 10 ms: the cancellable cannot wake the condition). */
static void
wait_while_held (GCancellable *cancellable)
{
  g_mutex_lock (&hold_lock);
  while (hold_checks && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&hold_cond, &hold_lock, g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND);
  g_mutex_unlock (&hold_lock);
}

/* SQLite calls this every few thousand steps of the check: non-zero
 * interrupts it (SQLITE_INTERRUPT). */
static int
check_progress (void *data)
{
  return g_cancellable_is_cancelled (data);
}

gboolean
strata_workspace_run_check (sqlite3       *db,
                            const char    *path,
                            const char    *pragma,
                            gboolean       held,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (held)
    wait_while_held (cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 4096, check_progress, cancellable);
  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, line);
        }
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE && problems->len == 0)
    g_string_append (problems, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  /* Stopped half way: nothing was found, nor shown to be sound. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (problems->len > 0)
    {
      g_strdelimit (problems->str, "\n", ' ');
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), path, problems->str);
      return FALSE;
    }
  return TRUE;
}
