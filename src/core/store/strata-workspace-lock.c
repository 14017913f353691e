/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The flock () every Strata connection holds on its workspace file, one
 * descriptor per file and process (see strata-workspace-lock.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "strata-workspace-lock.h"

gboolean
strata_file_is_nonempty (const char *path,
                         const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (name, &st) == 0 && st.st_size > 0;
}

/* Every Strata connection holds a shared flock () on the workspace while it
 * is open (independent of SQLite's own fcntl locks). Whoever can take it
 * exclusively is alone: then a -wal or hot -journal file can only be what
 * a crash or a power cut left behind, and the file gets the full check.
 *
 * Closing any descriptor of a file drops every fcntl lock the process holds
 * on it, SQLite's too: another program's SQLite then believes it is alone,
 * and on closing checkpoints and deletes the -wal under our open connection,
 * whose later commits go to a deleted file and are lost. So a process keeps
 * one descriptor per file, shared by all its workspaces on it (worker
 * threads open their own), closed after the last of them, and reads the
 * header through it. */
typedef struct
{
  dev_t dev;
  ino_t ino;
  int   fd;
  guint refs;
  guint unchecked : 1;  /* found unclean, its whole-file check not passed yet */
} LockFd;

static GMutex lock_fds_mutex;
static GSList *lock_fds;   /* LockFd*, one per open workspace file */

int
strata_file_lock_acquire (const char *path,
                          dev_t      *dev,
                          ino_t      *ino,
                          gboolean   *unclean)
{
  GStatBuf st;
  LockFd *entry = NULL;
  int fd;

  *unclean = FALSE;
  /* g_stat, not open: opening a second descriptor would be as bad. */
  if (g_stat (path, &st) != 0)
    return -1;
  /* Which file this is, to tell later if it was deleted or replaced. */
  *dev = st.st_dev;
  *ino = st.st_ino;
  g_mutex_lock (&lock_fds_mutex);
  for (GSList *l = lock_fds; l != NULL; l = l->next)
    {
      LockFd *e = l->data;

      if (e->dev == st.st_dev && e->ino == st.st_ino)
        entry = e;
    }
  if (entry != NULL)
    {
      /* Open in this process already: not alone, but a file still being
       * checked after a crash is unclean to every opener until it passed. */
      entry->refs++;
      *unclean = entry->unchecked;
      fd = entry->fd;
      g_mutex_unlock (&lock_fds_mutex);
      return fd;
    }
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_mutex_unlock (&lock_fds_mutex);
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    *unclean = strata_file_is_nonempty (path, "-wal") ||
               strata_file_is_nonempty (path, "-journal");
  /* Another process's exclusive lock lasts only while it opens. */
  while (flock (fd, LOCK_SH) != 0 && errno == EINTR)
    ;
  entry = g_new0 (LockFd, 1);
  entry->dev = st.st_dev;
  entry->ino = st.st_ino;
  entry->fd = fd;
  entry->refs = 1;
  entry->unchecked = *unclean;
  lock_fds = g_slist_prepend (lock_fds, entry);
  g_mutex_unlock (&lock_fds_mutex);
  return fd;
}

static LockFd *
find_fd (int fd)
{
  for (GSList *l = lock_fds; l != NULL; l = l->next)
    if (((LockFd *) l->data)->fd == fd)
      return l->data;
  return NULL;
}

void
strata_file_lock_mark_checked (int fd)
{
  LockFd *entry;

  g_mutex_lock (&lock_fds_mutex);
  entry = find_fd (fd);
  if (entry != NULL)
    entry->unchecked = FALSE;
  g_mutex_unlock (&lock_fds_mutex);
}

void
strata_file_lock_release (int fd)
{
  LockFd *shared = NULL;

  if (fd < 0)
    return;
  g_mutex_lock (&lock_fds_mutex);
  shared = find_fd (fd);
  if (shared != NULL && --shared->refs == 0)
    {
      close (shared->fd);
      lock_fds = g_slist_remove (lock_fds, shared);
      g_free (shared);
    }
  g_mutex_unlock (&lock_fds_mutex);
}
