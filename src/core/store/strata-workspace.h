/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "strata-types.h"
#include "strata-error.h"

G_BEGIN_DECLS

#define STRATA_TYPE_WORKSPACE (strata_workspace_get_type ())
G_DECLARE_FINAL_TYPE (StrataWorkspace, strata_workspace, STRATA, WORKSPACE, GObject)

/* Opens an existing workspace. Fails, leaving the file untouched, when it is
 * missing, not a workspace, damaged, read-only or written by a newer Strata.
 * After an unclean shutdown it reads the whole file first (seconds at a
 * million customers), which cancellable stops (G_IO_ERROR_CANCELLED). */
StrataWorkspace *strata_workspace_open            (const char       *path,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
/* The same for a thread that must not wait (the window's): a file that
 * needs the whole-file check fails with G_IO_ERROR_WOULD_BLOCK, its header
 * read, nothing written and no lock kept; open that one with
 * strata_workspace_open on a worker, which checks it. So does a file of
 * an older format, with STRATA_WORKSPACE_ERROR_OLDER_FORMAT: its
 * migration may rewrite every period's columns (seconds at a million
 * customers). */
StrataWorkspace *strata_workspace_open_no_wait    (const char       *path,
                                                    GError          **error);
/* Creates a new, empty workspace (schema, default rules are added by the
 * caller's layer). Fails when the file already exists. */
StrataWorkspace *strata_workspace_create          (const char       *path,
                                                    GCancellable     *cancellable,
                                                    GError          **error);

const char      *strata_workspace_get_path        (StrataWorkspace  *self);
/* TRUE when the file or its folder cannot be written (read-only media, no
 * write permission): the workspace opened read-only and every write fails
 * with STRATA_WORKSPACE_ERROR_READ_ONLY. */
gboolean         strata_workspace_get_read_only   (StrataWorkspace  *self);
/* FALSE (and why) when the file at the path is no longer the one opened:
 * deleted, moved away, or replaced by another file. */
gboolean         strata_workspace_check_file      (StrataWorkspace  *self,
                                                    GError          **error);
sqlite3         *strata_workspace_get_db          (StrataWorkspace  *self);
/* What this connection has written that a period's data may read: both
 * move on any write but one of the rule sets (a draft save, publishing)
 * and its audit row. With PRAGMA data_version (commits by other
 * connections) they tell when a period read earlier may be out of date. */
void             strata_workspace_get_data_changes (StrataWorkspace *self,
                                                    gint64          *changes,
                                                    gint64          *other_rows);

/* Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are
 * savepoints. Every write a user makes goes through one of these. A commit
 * that fails rolls back; rolling back again after it does nothing. */
gboolean         strata_workspace_begin           (StrataWorkspace  *self,
                                                    GError          **error);
/* The same, but fails at once while another connection writes, instead
 * of waiting for it (for what the main thread may skip: a cache). */
gboolean         strata_workspace_begin_now       (StrataWorkspace  *self,
                                                    GError          **error);
gboolean         strata_workspace_commit          (StrataWorkspace  *self,
                                                    GError          **error);
void             strata_workspace_rollback        (StrataWorkspace  *self);
gboolean         strata_workspace_in_transaction  (StrataWorkspace  *self);

gboolean         strata_workspace_exec            (StrataWorkspace  *self,
                                                    const char       *sql,
                                                    GError          **error);
sqlite3_stmt    *strata_workspace_prepare         (StrataWorkspace  *self,
                                                    const char       *sql,
                                                    GError          **error);
/* Sets error from the connection's last SQLite error, prefixed by what. */
void             strata_workspace_set_db_error    (StrataWorkspace  *self,
                                                    GError          **error,
                                                    const char       *what);

char            *strata_workspace_get_meta        (StrataWorkspace  *self,
                                                    const char       *key);
gboolean         strata_workspace_set_meta        (StrataWorkspace  *self,
                                                    const char       *key,
                                                    const char       *value,
                                                    GError          **error);

/* Appends to the audit log; call inside the transaction of the change. */
gboolean         strata_workspace_audit           (StrataWorkspace  *self,
                                                    const char       *action,
                                                    const char       *subject,
                                                    const char       *detail,
                                                    GError          **error);

/* Emits ::changed (what: "customers", "rules", "periods", "entitlements",
 * "overrides", ...) so that models reload. Call after a commit. "draft" is
 * a change of the draft rules alone (a save, a restore), "rules" one of
 * the published rules (a publish, which saves the draft too). */
void             strata_workspace_emit_changed    (StrataWorkspace  *self,
                                                    const char       *what);

/* The user name written as author in versions, overrides and the audit log. */
/* The whole file checked page by page and index by index (PRAGMA
 * integrity_check): seconds at a million customers, so run it off the
 * main thread. FALSE with STRATA_WORKSPACE_ERROR_CORRUPT and the problems
 * found when the file is damaged. Opening checks only the header, the
 * identity and the schema, and the whole file after an unclean shutdown. */
gboolean         strata_workspace_check           (StrataWorkspace  *self,
                                                   GError          **error);
const char      *strata_workspace_get_author      (StrataWorkspace  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
