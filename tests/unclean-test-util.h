/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A workspace left as a crash leaves it, for tests and benchmarks. */
#pragma once

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

/* Leaves path with a -wal holding a committed transaction that was never
 * folded back into the file, and no connection open: what the workspace
 * lock takes for an unclean shutdown. A plain connection writes a row of
 * meta; its -wal is copied aside before the connection closes (closing
 * folds it back and removes it) and put back after. */
static inline void
unclean_test_make (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gsize len = 0;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('test-unclean', hex(randomblob(8)))",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (db));
  if (!g_file_get_contents (wal, &contents, &len, &error) || len == 0)
    g_error ("%s: no -wal to copy", path);
  sqlite3_close (db);
  if (!g_file_set_contents (wal, contents, len, &error))
    g_error ("%s", error->message);
  g_unlink (shm);
}

/* TRUE when no one (this process included) holds the workspace lock on
 * path: the shared flock every Strata connection keeps while open. */
static inline gboolean
unclean_test_lock_free (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean free_ = fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) == 0;

  if (fd >= 0)
    close (fd);
  return free_;
}
