/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace file's lock, for strata-workspace.c only. Every Strata
 * connection holds a shared flock () on its file while open; an opener that
 * can take it exclusively is alone, and a -wal or -journal it finds is what a
 * crash left. One descriptor per file and process, shared and counted: closing
 * any descriptor of a file would drop SQLite's fcntl locks on it. */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* The descriptor holding the shared lock on path (-1 when the file cannot
 * be opened), the file's identity, and whether this process was alone with
 * a -wal or hot journal left behind (or is still checking a file that it
 * found so: another open meanwhile must not take it as sound). */
int      strata_file_lock_acquire (const char *path,
                                   dev_t      *dev,
                                   ino_t      *ino,
                                   gboolean   *unclean);
/* The whole-file check of a file found unclean passed: later openers in
 * this process take it as sound. */
void     strata_file_lock_mark_checked (int    fd);
/* After SQLite has closed (and checkpointed) the file: the last user of
 * the descriptor closes it. */
void     strata_file_lock_release (int         fd);
/* TRUE when path + suffix ("-wal") exists and is not empty. */
gboolean strata_file_is_nonempty  (const char *path,
                                   const char *suffix);

G_END_DECLS
