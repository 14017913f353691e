/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"
#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

#include "strata-error.h"
#include "strata-import-known.h"
#include "strata-memory.h"

/* The memory part's cap: about 200 MB at 4 M ids of ten characters. */
#define DEFAULT_SPILL_AFTER (4u << 20)
#define MAX_KEY_BYTES ((gsize) 128 << 20)
#define IN_PERIOD (G_GUINT64_CONSTANT (1) << 63)

typedef struct
{
  const char *key;     /* in self->keys */
  gint64      id;
  guint64     line;    /* | IN_PERIOD */
} Entry;

/* A slot holds the entry's hash, so that a probe reads no key but its
 * own (and growing reads no key at all). */
typedef struct
{
  guint32 entry;       /* index + 1; 0: empty */
  guint32 hash;
} Slot;

struct _StrataImportKnown
{
  /* In memory: the first spill_after ids. */
  Slot         *slots;
  guint32       mask;      /* slots - 1 (a power of two) */
  Entry        *entries;
  guint         n_entries;
  guint         entries_size;
  GStringChunk *keys;
  gsize         key_bytes;
  guint         spill_after;

  /* The rest: opened on the first id that does not fit. */
  sqlite3      *db;
  sqlite3_stmt *add;
  sqlite3_stmt *lookup;
  sqlite3_stmt *claim;     /* adds a new id, or does nothing */
  sqlite3_stmt *set_line;
  guint         n_spilled;
  gboolean      preloaded; /* strata_import_known_add () spilled one */
};

static guint default_spill_after;   /* atomic; 0: DEFAULT_SPILL_AFTER */
static guint spilled_total;         /* atomic */

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
  StrataImportKnown *self = g_new0 (StrataImportKnown, 1);
  guint cap = (guint) g_atomic_int_get (&default_spill_after);

  self->spill_after = cap != 0 ? cap : DEFAULT_SPILL_AFTER;
  self->keys = g_string_chunk_new (1 << 20);
  return self;
}

void
strata_import_known_set_spill_after (StrataImportKnown *self,
                                     guint              max_ids)
{
  g_return_if_fail (self->n_entries == 0 && self->db == NULL);
  self->spill_after = max_ids;
}

void
strata_import_known_set_default_spill_after (guint max_ids)
{
  g_atomic_int_set (&default_spill_after, max_ids);
}

guint
strata_import_known_get_spilled_total (void)
{
  return (guint) g_atomic_int_get (&spilled_total);
}

void
strata_import_known_get_stats (StrataImportKnown *self,
                               guint             *in_memory,
                               guint             *spilled,
                               gsize             *bytes)
{
  if (in_memory != NULL)
    *in_memory = self->n_entries;
  if (spilled != NULL)
    *spilled = self->n_spilled;
  if (bytes != NULL)
    *bytes = (self->slots != NULL ? ((gsize) self->mask + 1) * sizeof (Slot) : 0)
             + (gsize) self->entries_size * sizeof (Entry) + self->key_bytes;
}

void
strata_import_known_free (StrataImportKnown *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_free (self->entries);
  g_string_chunk_free (self->keys);
  sqlite3_finalize (self->add);
  sqlite3_finalize (self->lookup);
  sqlite3_finalize (self->claim);
  sqlite3_finalize (self->set_line);
  sqlite3_close (self->db);
  g_free (self);
}

/* ---- In memory ---- */

/* Ids are short and alike ("C0000001"): eight bytes a step, then a full
 * avalanche, so that the low bits (the slot) depend on every byte. */
static guint32
hash_key (const char *key,
          gsize       len)
{
  guint64 h = len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  for (; len >= 8; key += 8, len -= 8)
    {
      guint64 w;

      memcpy (&w, key, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      h ^= h >> 31;
    }
  if (len > 0)
    {
      guint64 w = 0;

      memcpy (&w, key, len);
      h ^= w;
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return (guint32) h;
}

/* ext_id's slot, or the empty one where it would go (linear probing;
 * the table is at most half full). */
static Slot *
find_slot (StrataImportKnown *self,
           const char        *ext_id,
           guint32            hash)
{
  for (guint32 i = hash & self->mask;; i = (i + 1) & self->mask)
    {
      Slot *slot = &self->slots[i];

      if (slot->entry == 0
          || (slot->hash == hash && strcmp (self->entries[slot->entry - 1].key, ext_id) == 0))
        return slot;
    }
}

/* The slots, size of them (a power of two), the ids rehashed. */
static void
resize_slots (StrataImportKnown *self,
              guint32            size)
{
  /* A million ids' slots are 16 MB written in no order: in huge pages,
   * zeroed after the advice so that it applies to every page. */
  Slot *slots = g_new (Slot, size);

  strata_memory_prefer_huge_pages (slots, size * sizeof (Slot));
  memset (slots, 0, size * sizeof (Slot));

  for (guint32 i = 0; self->slots != NULL && i <= self->mask; i++)
    if (self->slots[i].entry != 0)
      {
        guint32 j = self->slots[i].hash & (size - 1);

        while (slots[j].entry != 0)
          j = (j + 1) & (size - 1);
        slots[j] = self->slots[i];
      }
  g_free (self->slots);
  self->slots = slots;
  self->mask = size - 1;
}

/* Room for one more id in memory (growing the arrays), or FALSE when it
 * goes to the temporary table. */
static gboolean
memory_has_room (StrataImportKnown *self,
                 gsize              len)
{
  if (self->n_entries >= self->spill_after || self->key_bytes + len + 1 > MAX_KEY_BYTES)
    return FALSE;
  if (self->n_entries == self->entries_size)
    {
      self->entries_size = MIN (MAX (self->entries_size * 2, 1024), self->spill_after);
      self->entries = g_renew (Entry, self->entries, self->entries_size);
      strata_memory_prefer_huge_pages (self->entries, self->entries_size * sizeof (Entry));
    }
  if (self->slots == NULL || ((gsize) self->n_entries + 1) * 2 > (gsize) self->mask + 1)
    resize_slots (self, self->slots == NULL ? 2048 : (self->mask + 1) * 2);
  return TRUE;
}

void
strata_import_known_reserve (StrataImportKnown *self,
                             guint              n)
{
  guint32 size = 2048;

  g_return_if_fail (self != NULL);
  n = MIN (n, self->spill_after);
  if (n > self->entries_size)
    {
      self->entries_size = n;
      self->entries = g_renew (Entry, self->entries, self->entries_size);
      strata_memory_prefer_huge_pages (self->entries, self->entries_size * sizeof (Entry));
    }
  /* At most half full, as memory_has_room () keeps it. */
  while (size / 2 < n && size < G_MAXUINT32 / 4)
    size *= 2;
  if (self->slots == NULL || size > self->mask + 1)
    resize_slots (self, size);
}

/* Into slot (empty, found for ext_id after memory_has_room ()). */
static void
memory_insert (StrataImportKnown *self,
               Slot              *slot,
               guint32            hash,
               const char        *ext_id,
               gsize              len,
               gint64             id,
               guint64            line,
               gboolean           in_period)
{
  Entry *e = &self->entries[self->n_entries++];

  e->key = g_string_chunk_insert_len (self->keys, ext_id, (gssize) len);
  e->id = id;
  e->line = line | (in_period ? IN_PERIOD : 0);
  self->key_bytes += len + 1;
  slot->entry = self->n_entries;
  slot->hash = hash;
}

static void
entry_get (const Entry         *e,
           StrataKnownCustomer *customer)
{
  customer->id = e->id;
  customer->line = e->line & ~IN_PERIOD;
  customer->in_period = (e->line & IN_PERIOD) != 0;
}

/* ---- The temporary table, past the cap ---- */

static gboolean
spill_open (StrataImportKnown *self,
            GError           **error)
{
  if (self->db != NULL)
    return TRUE;
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
    return fail (self, error);
  return TRUE;
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

static gboolean
spill_add (StrataImportKnown         *self,
           const char                *ext_id,
           const StrataKnownCustomer *customer,
           GError                   **error)
{
  if (!spill_open (self, error))
    return FALSE;
  sqlite3_bind_text (self->add, 1, ext_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->add, 2, customer->id);
  sqlite3_bind_int64 (self->add, 3, (sqlite3_int64) customer->line);
  sqlite3_bind_int (self->add, 4, customer->in_period);
  if (!step_done (self, self->add, error))
    return FALSE;
  self->n_spilled++;
  g_atomic_int_inc (&spilled_total);
  return TRUE;
}

static int
spill_lookup (StrataImportKnown   *self,
              const char          *ext_id,
              StrataKnownCustomer *customer,
              GError             **error)
{
  int rc, found = 0;

  if (self->db == NULL)
    return 0;
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

/* claim () of an id not in memory, with memory full. */
static int
spill_claim (StrataImportKnown   *self,
             const char          *ext_id,
             gint64               new_id,
             guint64              line,
             StrataKnownCustomer *customer,
             GError             **error)
{
  int found;

  if (!spill_open (self, error))
    return -1;
  /* Without customers of the workspace in the table every id is new or a
   * repeat: one insert a row, a look-up only for a repeat. (An upsert
   * with RETURNING cost more than the look-up and the insert it saved.) */
  if (!self->preloaded)
    {
      sqlite3_bind_text (self->claim, 1, ext_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->claim, 2, new_id);
      sqlite3_bind_int64 (self->claim, 3, (sqlite3_int64) line);
      if (!step_done (self, self->claim, error))
        return -1;
      if (sqlite3_changes (self->db) == 1)
        {
          self->n_spilled++;
          g_atomic_int_inc (&spilled_total);
          customer->id = new_id;
          customer->line = line;
          customer->in_period = FALSE;
          return STRATA_KNOWN_ADDED;
        }
    }
  found = spill_lookup (self, ext_id, customer, error);
  if (found < 0)
    return -1;
  if (found == 0)
    {
      StrataKnownCustomer k = { new_id, line, FALSE };

      if (!spill_add (self, ext_id, &k, error))
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

/* ---- The API ---- */

gboolean
strata_import_known_add (StrataImportKnown         *self,
                         const char                *ext_id,
                         const StrataKnownCustomer *customer,
                         GError                   **error)
{
  gsize len = strlen (ext_id);

  if (memory_has_room (self, len))
    {
      guint32 hash = hash_key (ext_id, len);

      memory_insert (self, find_slot (self, ext_id, hash), hash, ext_id, len,
                     customer->id, customer->line, customer->in_period);
      return TRUE;
    }
  self->preloaded = TRUE;
  return spill_add (self, ext_id, customer, error);
}

int
strata_import_known_lookup (StrataImportKnown   *self,
                            const char          *ext_id,
                            StrataKnownCustomer *customer,
                            GError             **error)
{
  if (self->slots != NULL)
    {
      Slot *slot = find_slot (self, ext_id, hash_key (ext_id, strlen (ext_id)));

      if (slot->entry != 0)
        {
          entry_get (&self->entries[slot->entry - 1], customer);
          return 1;
        }
    }
  return spill_lookup (self, ext_id, customer, error);
}

void
strata_import_known_prefetch (StrataImportKnown *self,
                              const char        *ext_id)
{
  if (self->slots != NULL)
    __builtin_prefetch (&self->slots[hash_key (ext_id, strlen (ext_id)) & self->mask]);
}

int
strata_import_known_claim (StrataImportKnown   *self,
                           const char          *ext_id,
                           gint64               new_id,
                           guint64              line,
                           StrataKnownCustomer *customer,
                           GError             **error)
{
  gsize len = strlen (ext_id);
  guint32 hash = hash_key (ext_id, len);
  /* Grown first, so that the slot found stays the one to fill. */
  gboolean room = memory_has_room (self, len);
  Slot *slot = self->slots != NULL ? find_slot (self, ext_id, hash) : NULL;

  if (slot != NULL && slot->entry != 0)
    {
      Entry *e = &self->entries[slot->entry - 1];

      if ((e->line & ~IN_PERIOD) == 0)
        {
          e->line |= line;
          entry_get (e, customer);
          return STRATA_KNOWN_FOUND;
        }
      entry_get (e, customer);
      return STRATA_KNOWN_REPEATED;
    }
  /* Once memory is full it stays full: an id not in it is in the table
   * or new. */
  if (room)
    {
      memory_insert (self, slot, hash, ext_id, len, new_id, line, FALSE);
      customer->id = new_id;
      customer->line = line;
      customer->in_period = FALSE;
      return STRATA_KNOWN_ADDED;
    }
  return spill_claim (self, ext_id, new_id, line, customer, error);
}
