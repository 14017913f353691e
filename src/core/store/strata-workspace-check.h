/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole-file checks of a workspace (PRAGMA quick_check and
 * integrity_check), for strata-workspace.c only. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Runs pragma on db and fails with STRATA_WORKSPACE_ERROR_CORRUPT and the
 * problems it lists, on one line, naming path. cancellable (may be NULL)
 * stops it within milliseconds with G_IO_ERROR_CANCELLED; held: it first
 * waits while strata_workspace_hold_checks () holds checks back. */
gboolean strata_workspace_run_check (sqlite3       *db,
                                     const char    *path,
                                     const char    *pragma,
                                     gboolean       held,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
