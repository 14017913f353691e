/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "strata-error.h"
#include "strata-i18n.h"
#include "strata-workspace-copy.h"

gboolean
strata_workspace_save_copy (StrataWorkspace  *self,
                            const char       *path,
                            GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *partial = NULL;
  char *sql;
  gboolean ok;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* VACUUM INTO refuses a file that is not empty: a leftover of an
   * earlier failure goes first. */
  partial = g_strconcat (path, ".partial", NULL);
  g_unlink (partial);
  sql = sqlite3_mprintf ("VACUUM INTO %Q", partial);
  ok = strata_workspace_exec (self, sql, &local_error);
  sqlite3_free (sql);
  /* The connection's message names the workspace; this one is the copy. */
  if (!ok && g_error_matches (local_error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SPACE))
    /* Translators: %s is the file name of the copy. */
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SPACE,
                 _("“%s”: the disk is full: no copy was saved. Free some space, or choose another disk"),
                 path);
  else if (!ok)
    /* Translators: %s is a file name, then why it could not be written. */
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_DATABASE,
                 _("Could not write “%s”: %s"), path, local_error->message);
  else if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_DATABASE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (partial);
  return ok;
}
