/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"
#include <gio/gio.h>
#include <sqlite3.h>

#include "strata-error.h"
#include "strata-import-known.h"

struct _StrataImportKnown
{
  sqlite3      *db;
  sqlite3_stmt *add;
  sqlite3_stmt *lookup;
  sqlite3_stmt *claim;     /* adds a new id, or does nothing */
  sqlite3_stmt *set_line;
  gboolean      preloaded; /* strata_import_known_add () was called */
};

static gboolean
fail (StrataImportKnown *self,
      GError           **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The import’s temporary table of customer ids failed: %s"),
               self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
  return FALSE;
}

StrataImportKnown *
strata_import_known_new (GError **error)
{
  g_autoptr(StrataImportKnown) self = g_new0 (StrataImportKnown, 1);

  /* "": a private database in a temporary file, deleted on close. Nothing
   * in it outlives the import, so it is never synced or journalled; the
   * one transaction stays open, its pages spill to the file past 4 MiB,
   * in 64 KiB pages: a sixteenth of the writes of 4 KiB ones. */
  if (sqlite3_open_v2 ("", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                       | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
      || sqlite3_exec (self->db,
                       "PRAGMA page_size = 65536; PRAGMA cache_size = -4096; PRAGMA journal_mode = OFF;"
                       " PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
                       " PRAGMA temp_store = FILE;"
                       " CREATE TABLE known (ext_id TEXT PRIMARY KEY, id INTEGER NOT NULL,"
                       "  line INTEGER NOT NULL, in_period INTEGER NOT NULL) WITHOUT ROWID;"
                       " BEGIN", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db, "INSERT INTO known VALUES (?1, ?2, ?3, ?4)", -1,
                             &self->add, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db, "SELECT id, line, in_period FROM known WHERE ext_id = ?1",
                             -1, &self->lookup, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db, "INSERT OR IGNORE INTO known VALUES (?1, ?2, ?3, 0)", -1,
                             &self->claim, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db, "UPDATE known SET line = ?2 WHERE ext_id = ?1", -1,
                             &self->set_line, NULL) != SQLITE_OK)
    {
      fail (self, error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
strata_import_known_free (StrataImportKnown *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->add);
  sqlite3_finalize (self->lookup);
  sqlite3_finalize (self->claim);
  sqlite3_finalize (self->set_line);
  sqlite3_close (self->db);
  g_free (self);
}

static gboolean
step_done (StrataImportKnown *self,
           sqlite3_stmt      *stmt,
           GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || fail (self, error);
}

gboolean
strata_import_known_add (StrataImportKnown         *self,
                         const char                *ext_id,
                         const StrataKnownCustomer *customer,
                         GError                   **error)
{
  sqlite3_bind_text (self->add, 1, ext_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->add, 2, customer->id);
  sqlite3_bind_int64 (self->add, 3, (sqlite3_int64) customer->line);
  sqlite3_bind_int (self->add, 4, customer->in_period);
  self->preloaded = TRUE;
  return step_done (self, self->add, error);
}

int
strata_import_known_lookup (StrataImportKnown   *self,
                            const char          *ext_id,
                            StrataKnownCustomer *customer,
                            GError             **error)
{
  int rc, found = 0;

  sqlite3_bind_text (self->lookup, 1, ext_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (self->lookup);
  if (rc == SQLITE_ROW)
    {
      customer->id = sqlite3_column_int64 (self->lookup, 0);
      customer->line = (guint64) sqlite3_column_int64 (self->lookup, 1);
      customer->in_period = sqlite3_column_int (self->lookup, 2) != 0;
      found = 1;
    }
  else if (rc != SQLITE_DONE)
    found = -1;
  sqlite3_reset (self->lookup);
  if (found < 0)
    fail (self, error);
  return found;
}

int
strata_import_known_claim (StrataImportKnown   *self,
                           const char          *ext_id,
                           gint64               new_id,
                           guint64              line,
                           StrataKnownCustomer *customer,
                           GError             **error)
{
  int found;

  /* Into a workspace without customers every id is new or a repeat: one
   * insert a row, a look-up only for a repeat. (An upsert with RETURNING
   * cost more than the look-up and the insert it saved.) */
  if (!self->preloaded)
    {
      sqlite3_bind_text (self->claim, 1, ext_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->claim, 2, new_id);
      sqlite3_bind_int64 (self->claim, 3, (sqlite3_int64) line);
      if (!step_done (self, self->claim, error))
        return -1;
      if (sqlite3_changes (self->db) == 1)
        {
          customer->id = new_id;
          customer->line = line;
          customer->in_period = FALSE;
          return STRATA_KNOWN_ADDED;
        }
    }
  found = strata_import_known_lookup (self, ext_id, customer, error);
  if (found < 0)
    return -1;
  if (found == 0)
    {
      StrataKnownCustomer k = { new_id, line, FALSE };

      if (!strata_import_known_add (self, ext_id, &k, error))
        return -1;
      *customer = k;
      return STRATA_KNOWN_ADDED;
    }
  if (customer->line != 0)
    return STRATA_KNOWN_REPEATED;
  sqlite3_bind_text (self->set_line, 1, ext_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->set_line, 2, (sqlite3_int64) line);
  if (!step_done (self, self->set_line, error))
    return -1;
  customer->line = line;
  return STRATA_KNOWN_FOUND;
}
