/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataWorkspace: one SQLite file per workspace.
 *
 * Opening is a GInitable so that every failure (missing, foreign, damaged,
 * read-only, too new) is a GError with a message that names the file. All
 * checks that can refuse a file run before anything is written to it: the
 * header is read by hand, the connection is opened read-only first, and only
 * a file that passed is reopened read-write (which creates the WAL files). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "strata-i18n.h"
#include "strata-schema.h"
#include "strata-period-columns.h"
#include "strata-workspace-check.h"
#include "strata-workspace-lock.h"
#include "strata-workspace-private.h"

/* A connection belongs to one thread at a time (each thread opens its own
 * workspace; an import's writer thread takes the connection over while
 * the import reads), so SQLite's per-call connection mutex is not needed:
 * it was a tenth of a large import's writes. */
#define OPEN_FLAGS SQLITE_OPEN_NOMUTEX
/* How long a connection waits for another one's write or checkpoint. */
#define BUSY_TIMEOUT_MS 5000

struct _StrataWorkspace
{
  GObject   parent_instance;

  char     *path;
  char     *author;
  sqlite3  *db;
  guint     txn_depth;
  gint64    rules_rows;   /* rows written into tables no period reads: see update_hook () */
  gint64    other_rows;   /* rows written into any other rowid table */
  int       lock_fd;      /* flock (LOCK_SH) held while open: see open_lock () */
  dev_t     dev;          /* the file opened, to tell when it is deleted or replaced */
  ino_t     ino;
  guint     create : 1;
  guint     read_only : 1;  /* the file or its folder cannot be written */
  guint     unclean : 1;
  guint     is_new : 1;
  guint     no_wait : 1;  /* strata_workspace_open_no_wait () */
  GCancellable *cancellable;  /* the open's, while it runs */
};

static void strata_workspace_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataWorkspace, strata_workspace, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      strata_workspace_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_CREATE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define SQLITE_HEADER "SQLite format 3"

/* A write that failed for want of room. SQLite reports ENOSPC as
 * SQLITE_FULL, but EDQUOT and EFBIG (a file size limit, RLIMIT_FSIZE) as a
 * plain write error, without the errno: count a failed write as a full disk
 * when a file size limit is set or the folder has less than a megabyte
 * left. */
static gboolean
is_no_space (StrataWorkspace *self,
             int              code)
{
  g_autofree char *dir = NULL;
  struct rlimit limit;
  struct statvfs fs;
  int ext;

  if (code == SQLITE_FULL)
    return TRUE;
  ext = self->db ? sqlite3_extended_errcode (self->db) : code;
  if (ext != SQLITE_IOERR_WRITE && ext != SQLITE_IOERR_SHMSIZE && ext != SQLITE_IOERR_TRUNCATE)
    return FALSE;
  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return TRUE;
  dir = g_path_get_dirname (self->path);
  return statvfs (dir, &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 1024 * 1024;
}

static void
set_read_only_error (StrataWorkspace  *self,
                     GError          **error)
{
  g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_READ_ONLY,
               _("“%s” is open read-only (the file or its folder cannot be written): "
                 "nothing can be changed. Copy it to a folder you can write to, "
                 "or change its permissions"), self->path);
}

/* A full disk, and a file another program keeps writing (SQLITE_BUSY once
 * busy_timeout has passed), get a message that says what happened and that
 * nothing changed. */
static gboolean
set_known_error (StrataWorkspace  *self,
                 int               code,
                 GError          **error)
{
  if (is_no_space (self, code))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SPACE,
                   _("“%s”: the disk is full: nothing was saved and the workspace is as it was. "
                     "Free some space, or save the workspace to another disk"), self->path);
      return TRUE;
    }
  if (code == SQLITE_READONLY || (self->read_only && code == SQLITE_CANTOPEN))
    {
      set_read_only_error (self, error);
      return TRUE;
    }
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_BUSY,
                   _("“%s” is in use by another program that is writing to it: "
                     "nothing was saved. Try again when it has finished"), self->path);
      return TRUE;
    }
  return FALSE;
}

void
strata_workspace_set_db_error (StrataWorkspace  *self,
                               GError          **error,
                               const char       *what)
{
  int code;
  int ecode;

  g_return_if_fail (STRATA_IS_WORKSPACE (self));

  code = self->db ? sqlite3_errcode (self->db) : SQLITE_ERROR;
  if (set_known_error (self, code, error))
    return;
  ecode = (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
          ? STRATA_WORKSPACE_ERROR_CORRUPT
          : (code == SQLITE_READONLY ? STRATA_WORKSPACE_ERROR_READ_ONLY
                                     : STRATA_WORKSPACE_ERROR_DATABASE);
  g_set_error (error, STRATA_WORKSPACE_ERROR, ecode,
               "%s: %s: %s", self->path, what,
               self->db ? sqlite3_errmsg (self->db) : "no connection");
}

static gboolean
exec_sql (StrataWorkspace  *self,
          const char       *sql,
          GError          **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int code = sqlite3_errcode (self->db);

      if (set_known_error (self, code, error))
        {
          sqlite3_free (msg);
          return FALSE;
        }
      g_set_error (error, STRATA_WORKSPACE_ERROR,
                   (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
                   ? STRATA_WORKSPACE_ERROR_CORRUPT
                   : (code == SQLITE_READONLY ? STRATA_WORKSPACE_ERROR_READ_ONLY
                                              : STRATA_WORKSPACE_ERROR_DATABASE),
                   "%s: %s", self->path, msg ? msg : sqlite3_errstr (code));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (StrataWorkspace  *self,
           const char       *sql,
           gint64           *out,
           GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      strata_workspace_set_db_error (self, error, sql);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out = 0;
  else
    strata_workspace_set_db_error (self, error, sql);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Reads the 100-byte SQLite header ourselves: this refuses foreign and
 * truncated files without SQLite touching them at all. */
static gboolean
check_header (StrataWorkspace  *self,
              GError          **error)
{
  g_autofree char *contents = NULL;
  guchar header[100];
  GStatBuf st;
  size_t n;
  guint page_size;
  guint32 page_count, change_counter, valid_for;

  if (g_stat (self->path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, STRATA_WORKSPACE_ERROR,
                   saved == ENOENT ? STRATA_WORKSPACE_ERROR_NOT_FOUND
                                   : STRATA_WORKSPACE_ERROR_DATABASE,
                   _("Cannot open “%s”: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Strata workspace: it is not a regular file"),
                   self->path);
      return FALSE;
    }

  /* Through the descriptor open_lock () keeps: never open and close the
   * file itself (see open_lock ()). */
  if (self->lock_fd < 0)
    {
      int saved = errno;
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_DATABASE,
                   _("Cannot open “%s”: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  {
    ssize_t got = pread (self->lock_fd, header, sizeof header, 0);

    n = got < 0 ? 0 : (size_t) got;
  }

  if (n < sizeof header || memcmp (header, SQLITE_HEADER, sizeof SQLITE_HEADER) != 0)
    {
      if (n >= 16 && memcmp (header, SQLITE_HEADER, 15) == 0)
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                     _("“%s” is damaged: the file is truncated (%llu bytes)"),
                     self->path, (unsigned long long) n);
      else
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NOT_WORKSPACE,
                     n == 0 ? _("“%s” is not a Strata workspace: the file is empty")
                            : _("“%s” is not a Strata workspace: it is not a database file"),
                     self->path);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = GUINT32_FROM_BE (*(guint32 *) (header + 24));
  page_count = GUINT32_FROM_BE (*(guint32 *) (header + 28));
  valid_for = GUINT32_FROM_BE (*(guint32 *) (header + 92));

  /* The in-header size is only trustworthy when written by a recent SQLite
   * (valid-for == change counter); then a shorter file lost its tail. Not
   * with a -wal file: a checkpoint that stopped (a full disk, a crash) may
   * have written the new header but not the pages after the end, which the
   * WAL still holds and SQLite reads from it. */
  if (page_size >= 512 && valid_for == change_counter && page_count > 0 &&
      !strata_file_is_nonempty (self->path, "-wal") &&
      (guint64) st.st_size < (guint64) page_count * page_size)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is truncated (%llu of %llu bytes)"),
                   self->path, (unsigned long long) st.st_size,
                   (unsigned long long) page_count * page_size);
      return FALSE;
    }

  return TRUE;
}

static void
open_lock (StrataWorkspace *self)
{
  gboolean unclean = FALSE;

  self->lock_fd = strata_file_lock_acquire (self->path, &self->dev, &self->ino, &unclean);
  self->unclean = unclean;
}

/* After SQLite has closed (and checkpointed) the file. */
static void
close_lock (StrataWorkspace *self)
{
  strata_file_lock_release (self->lock_fd);
  self->lock_fd = -1;
}

/* With the connection read-only: is it ours, and not newer than us? */
static gboolean
check_identity (StrataWorkspace  *self,
                gint64           *user_version,
                GError          **error)
{
  gint64 app_id = 0;
  gint64 check_ok = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", user_version, error))
    {
      if (error && *error && (*error)->code == STRATA_WORKSPACE_ERROR_CORRUPT)
        {
          g_clear_error (error);
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be read"), self->path);
        }
      return FALSE;
    }

  if (app_id != STRATA_WORKSPACE_APPLICATION_ID)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Strata workspace: it is a database of another program"),
                   self->path);
      return FALSE;
    }

  /* The header's format number is signed: only damage makes it negative
   * (and a negative one would index before the migrations). */
  if (*user_version < 0)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read"), self->path);
      return FALSE;
    }
  if (*user_version > STRATA_SCHEMA_VERSION)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Strata (format %d; this version reads up to %d)"),
                   self->path, (int) *user_version, STRATA_SCHEMA_VERSION);
      return FALSE;
    }

  /* Reading the schema touches its pages: a damaged schema is refused here,
   * cheaply. The whole file (quick_check reads every page: 1.5 s at a
   * million customers) is checked only after an unclean shutdown; other
   * damage is found by SQLite on the page it reads, by the window's
   * background check and by strata-cli check (HACKING, "Opening"). */
  if (!query_int (self, "SELECT count(*) FROM sqlite_schema", &check_ok, error))
    {
      g_clear_error (error);
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read"), self->path);
      return FALSE;
    }
  if (self->unclean)
    {
      if (!strata_workspace_run_check (self->db, self->path, "PRAGMA quick_check(1)", TRUE,
                                       self->cancellable, error))
        return FALSE;
      strata_file_lock_mark_checked (self->lock_fd);
    }

  return TRUE;
}

/* Counts the rows this connection writes into the rule sets, the audit
 * log and the names' orders kept (a cache of what a period's data gives),
 * which no period's data reads, apart from all others: a draft save then
 * leaves strata_workspace_get_data_changes () as it was. */
static void
update_hook (void          *data,
             int            op,
             const char    *db_name,
             const char    *table,
             sqlite3_int64  rowid)
{
  StrataWorkspace *self = data;

  if (g_str_equal (table, "rulesets") || g_str_equal (table, "audit_log") ||
      g_str_equal (table, "name_ranks"))
    self->rules_rows++;
  else
    self->other_rows++;
}

static gboolean
configure_connection (StrataWorkspace  *self,
                      GError          **error)
{
  sqlite3_update_hook (self->db, update_hook, self);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 0);
  return exec_sql (self, "PRAGMA foreign_keys = ON;", error);
}

static gboolean
migrate (StrataWorkspace  *self,
         gint64            from,
         GError          **error)
{
  if (from >= STRATA_SCHEMA_VERSION)
    return TRUE;

  if (!strata_workspace_begin (self, error))
    return FALSE;

  for (gint64 v = from; v < STRATA_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = NULL;

      if (!exec_sql (self, strata_schema_migration ((guint) v), error))
        goto fail;
      bump = g_strdup_printf ("PRAGMA user_version = %d;", (int) v + 1);
      if (!exec_sql (self, bump, error))
        goto fail;
    }

  if (from == 0)
    {
      g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d;",
                                              STRATA_WORKSPACE_APPLICATION_ID);
      if (!exec_sql (self, app, error) ||
          !strata_workspace_set_meta (self, "created_with", PACKAGE_VERSION, error))
        goto fail;
    }

  return strata_workspace_commit (self, error);

fail:
  strata_workspace_rollback (self);
  return FALSE;
}

/* access() lets root write anything, but a file or folder without write
 * permission bits is one the user marked read-only: respect that too. The
 * folder must be writable as well, for the WAL and shared-memory files. */
static gboolean
is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs fs;
  GStatBuf st, dir_st;

  if (g_stat (path, &st) != 0 || (st.st_mode & 0222) == 0 ||
      g_stat (dir, &dir_st) != 0 || (dir_st.st_mode & 0222) == 0)
    return FALSE;
  /* Read-only media: a CD, a read-only mount or share. */
  if (statvfs (dir, &fs) == 0 && (fs.f_flag & ST_RDONLY))
    return FALSE;
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

static gboolean
open_existing (StrataWorkspace  *self,
               GError          **error)
{
  gint64 user_version = 0;
  int rc;

  open_lock (self);
  if (!check_header (self, error))
    return FALSE;
  /* Never shown: the caller opens the file on a worker instead. */
  if (self->unclean && self->no_wait)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                   "%s: the whole file needs checking after an unclean shutdown", self->path);
      return FALSE;
    }

  /* immutable=1: no locks, no -wal or -shm files, nothing written while we
   * decide whether the file is ours at all. But when a -wal file is there
   * (the workspace is open in another window or program, or one of them
   * stopped without closing it), the newest transactions, perhaps even the
   * schema and the application id of a new workspace, are only in the -wal:
   * then read through it with a plain read-only connection, which never
   * writes the main file (only the -shm index). */
  {
    g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
    g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
    g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
    GStatBuf wal_st;
    gboolean has_wal = g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0;
    g_autofree char *ro_uri = g_strconcat (uri ? uri : absolute,
                                           has_wal ? "?mode=ro" : "?immutable=1", NULL);

    rc = sqlite3_open_v2 (ro_uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | OPEN_FLAGS, NULL);
  }
  if (rc != SQLITE_OK)
    {
      strata_workspace_set_db_error (self, error, _("cannot open"));
      return FALSE;
    }
  /* Another connection that closes last checkpoints the -wal under an
   * exclusive lock: wait for it as every write does, rather than call a
   * workspace that is only being closed "in use". */
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!check_identity (self, &user_version, error))
    return FALSE;
  /* Never shown either: the caller migrates on a worker (format 4 -> 5
   * rewrites every period's columns: 7 s at a million customers). */
  if (self->no_wait && user_version < STRATA_SCHEMA_VERSION && is_writable (self->path))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_OLDER_FORMAT,
                   "%s: format %d is brought up to date on a worker", self->path, (int) user_version);
      return FALSE;
    }

  /* Read-only media, a file without write permission or a folder we cannot
   * write (where the -wal would go): keep the read-only connection, and
   * refuse every write (strata_workspace_begin) with a clear message. A
   * file of an older format cannot be brought up to date, so it is
   * refused. */
  if (!is_writable (self->path))
    {
      if (user_version < STRATA_SCHEMA_VERSION)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_READ_ONLY,
                       _("“%s” is read-only: Strata needs to write to its workspace. "
                         "Copy it to a folder you can write to, or change its permissions"),
                       self->path);
          return FALSE;
        }
      self->read_only = TRUE;
      return configure_connection (self, error);
    }
  sqlite3_close (self->db);
  self->db = NULL;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | OPEN_FLAGS, NULL);
  if (rc != SQLITE_OK)
    {
      strata_workspace_set_db_error (self, error, _("cannot open"));
      return FALSE;
    }
  if (!configure_connection (self, error) ||
      !exec_sql (self, "PRAGMA journal_mode = WAL;", error))
    return FALSE;

  return migrate (self, user_version, error);
}

static gboolean
create_new (StrataWorkspace  *self,
            GError          **error)
{
  int rc;

  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_EXISTS,
                   _("Cannot create “%s”: the file already exists"), self->path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | OPEN_FLAGS, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_DATABASE,
                   _("Cannot create “%s”: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  self->is_new = TRUE;
  open_lock (self);

  /* 16 KiB pages, set before the first write (a file keeps the page size
   * it was made with). A million customers then take 16,000 pages instead
   * of 64,000: a quarter of the page writes, reads and B-tree splits. A
   * 1M-row, 12-column import into a new workspace took 1.77-1.86 s
   * instead of 2.29-2.46 s with its ids in random order, 1.59-1.66 s
   * instead of 1.75-1.88 s with them in order (sqlite3's `.import` of the
   * same file: 1.64-1.81 s); 32 KiB pages gained nothing more. */
  if (!configure_connection (self, error) ||
      !exec_sql (self, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;", error) ||
      !migrate (self, 0, error))
    {
      sqlite3_close (self->db);
      self->db = NULL;
      g_unlink (self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
strata_workspace_initable_init (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  StrataWorkspace *self = STRATA_WORKSPACE (initable);
  gboolean ok;

  if (self->path == NULL)
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NOT_FOUND,
                           _("No workspace file was given"));
      return FALSE;
    }

  if (self->create)
    return create_new (self, error);

  self->cancellable = cancellable;
  ok = open_existing (self, error);
  self->cancellable = NULL;
  return ok;
}

static void
strata_workspace_initable_iface_init (GInitableIface *iface)
{
  iface->init = strata_workspace_initable_init;
}

static void
strata_workspace_finalize (GObject *object)
{
  StrataWorkspace *self = (StrataWorkspace *) object;

  if (self->db != NULL)
    sqlite3_close (self->db);
  close_lock (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (strata_workspace_parent_class)->finalize (object);
}

static void
strata_workspace_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StrataWorkspace *self = STRATA_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CREATE:
      g_value_set_boolean (value, self->create);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_workspace_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StrataWorkspace *self = STRATA_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_CREATE:
      self->create = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_workspace_class_init (StrataWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Memory statistics take a global mutex on every SQLite allocation; no
   * one reads them. Only possible before SQLite's first use: class_init
   * runs before the first workspace opens. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  object_class->finalize = strata_workspace_finalize;
  object_class->get_property = strata_workspace_get_property;
  object_class->set_property = strata_workspace_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATE] =
    g_param_spec_boolean ("create", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StrataWorkspace::changed:
   * @what: which part changed ("customers", "rules", "draft", "periods", ...)
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
strata_workspace_init (StrataWorkspace *self)
{
  const char *user = g_get_real_name ();

  if (user == NULL || g_strcmp0 (user, "Unknown") == 0)
    user = g_get_user_name ();
  self->author = g_strdup (user);
  self->lock_fd = -1;
}

StrataWorkspace *
strata_workspace_open (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_initable_new (STRATA_TYPE_WORKSPACE, cancellable, error, "path", path, NULL);
}

StrataWorkspace *
strata_workspace_open_no_wait (const char  *path,
                               GError     **error)
{
  g_autoptr(StrataWorkspace) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (STRATA_TYPE_WORKSPACE, "path", path, NULL);
  self->no_wait = TRUE;
  if (!g_initable_init (G_INITABLE (self), NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

StrataWorkspace *
strata_workspace_create (const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_initable_new (STRATA_TYPE_WORKSPACE, cancellable, error,
                         "path", path, "create", TRUE, NULL);
}

const char *
strata_workspace_get_path (StrataWorkspace *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), NULL);
  return self->path;
}

sqlite3 *
strata_workspace_get_db (StrataWorkspace *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), NULL);
  return self->db;
}

void
strata_workspace_get_data_changes (StrataWorkspace *self,
                                   gint64          *changes,
                                   gint64          *other_rows)
{
  g_return_if_fail (STRATA_IS_WORKSPACE (self));
  g_return_if_fail (changes != NULL && other_rows != NULL);

  /* The total counts what the hook cannot see (WITHOUT ROWID tables such as
   * period_customers, a DELETE without WHERE); the hook's count of other
   * tables guards against the two counts drifting apart (the rows of a
   * statement that failed reach the hook but not the total). */
  *changes = (gint64) sqlite3_total_changes64 (self->db) - self->rules_rows;
  *other_rows = self->other_rows;
}

gboolean
strata_workspace_get_is_new (StrataWorkspace *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  return self->is_new;
}

gboolean
strata_workspace_check (StrataWorkspace  *self,
                        GError          **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  return strata_workspace_run_check (self->db, self->path, "PRAGMA integrity_check(100)",
                                     FALSE, NULL, error);
}

gboolean
strata_workspace_check_file (StrataWorkspace  *self,
                             GError          **error)
{
  GStatBuf st;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);

  if (self->lock_fd < 0)
    return TRUE;
  if (g_stat (self->path, &st) != 0)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NOT_FOUND,
                   _("“%s” was deleted or moved by another program: what is shown here "
                     "can no longer be saved to it"), self->path);
      return FALSE;
    }
  if (st.st_dev != self->dev || st.st_ino != self->ino)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("“%s” was replaced by another file: what is shown here is the file "
                     "as it was opened. Open it again to see the new one"), self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_workspace_get_read_only (StrataWorkspace *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  return self->read_only;
}

gboolean
strata_workspace_get_was_unclean (StrataWorkspace *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  return self->unclean;
}

const char *
strata_workspace_get_author (StrataWorkspace *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), NULL);
  return self->author;
}

gboolean
strata_workspace_begin (StrataWorkspace  *self,
                        GError          **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);

  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }
  sql = self->txn_depth == 0 ? g_strdup ("BEGIN IMMEDIATE;")
                             : g_strdup_printf ("SAVEPOINT sp%u;", self->txn_depth);
  if (!exec_sql (self, sql, error))
    return FALSE;
  self->txn_depth++;
  return TRUE;
}

gboolean
strata_workspace_begin_now (StrataWorkspace  *self,
                            GError          **error)
{
  gboolean begun;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);

  sqlite3_busy_timeout (self->db, 0);
  begun = strata_workspace_begin (self, error);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  return begun;
}

gboolean
strata_workspace_commit (StrataWorkspace  *self,
                         GError          **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (self->txn_depth > 0, FALSE);

  sql = self->txn_depth == 1 ? g_strdup ("COMMIT;")
                             : g_strdup_printf ("RELEASE sp%u;", self->txn_depth - 1);
  /* Periods whose rows changed lost their columns (a trigger): the same
   * transaction writes them anew (strata-period-columns.h). */
  if ((self->txn_depth == 1 && !strata_period_columns_rebuild_missing (self, error)) ||
      !exec_sql (self, sql, error))
    {
      strata_workspace_rollback (self);
      return FALSE;
    }
  self->txn_depth--;
  return TRUE;
}

void
strata_workspace_rollback (StrataWorkspace *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (STRATA_IS_WORKSPACE (self));
  /* A failed commit has rolled back already: the caller's rollback after
   * it has nothing left to do. */
  if (self->txn_depth == 0)
    return;
  /* After an I/O error or a full disk SQLite may have rolled the whole
   * transaction back itself. */
  if (sqlite3_get_autocommit (self->db))
    {
      self->txn_depth = 0;
      return;
    }

  sql = self->txn_depth == 1
        ? g_strdup ("ROLLBACK;")
        : g_strdup_printf ("ROLLBACK TO sp%u; RELEASE sp%u;",
                           self->txn_depth - 1, self->txn_depth - 1);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("%s: rollback failed: %s", self->path, sqlite3_errmsg (self->db));
  self->txn_depth--;
}

gboolean
strata_workspace_in_transaction (StrataWorkspace *self)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  return self->txn_depth > 0;
}

gboolean
strata_workspace_exec (StrataWorkspace  *self,
                       const char       *sql,
                       GError          **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  return exec_sql (self, sql, error);
}

sqlite3_stmt *
strata_workspace_prepare (StrataWorkspace  *self,
                          const char       *sql,
                          GError          **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      strata_workspace_set_db_error (self, error, "prepare");
      return NULL;
    }
  return stmt;
}

void
strata_workspace_emit_changed (StrataWorkspace *self,
                               const char      *what)
{
  g_return_if_fail (STRATA_IS_WORKSPACE (self));
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
}
