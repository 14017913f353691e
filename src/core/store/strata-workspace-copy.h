/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A copy of a workspace in another file, for when the workspace itself
 * cannot be written (a full disk, read-only media, another writer): the
 * window saves what the user has not lost there. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* Writes a consistent copy of the workspace's committed contents to path
 * (VACUUM INTO a temporary name beside it, then renamed over path, so a
 * failure leaves neither a partial file nor a damaged old one). Works on a
 * read-only workspace too. */
gboolean strata_workspace_save_copy (StrataWorkspace  *self,
                                     const char       *path,
                                     GError          **error);

G_END_DECLS
