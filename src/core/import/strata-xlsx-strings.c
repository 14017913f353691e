/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared strings are packed in blocks of about 8 KiB: the strings,
 * NUL-terminated, then a 32-bit offset per string. The index holds one
 * entry per block (24 bytes: where it is and its first string), not one per
 * string, so a 2,000,000-string table needs some 150 KB of index instead
 * of 16 MB of pointers. Blocks stay in memory until they add up to the
 * cap; every later block is appended to an unlinked temporary file (the
 * kernel's page cache holds it, not this process) and read back with
 * pread into a small direct-mapped cache. Generated sheets refer to their
 * strings in increasing order, so a block is read once; real workbooks
 * repeat their common strings, which Excel writes first, so they are in
 * the blocks kept in memory. A sheet that refers to its strings at random
 * reads a block per lookup past the cap (bench-xlsx-strings: 1.7 to 1.9
 * times the CPU time at 2,000,000 strings); mapping the file instead was
 * slower still (a minor fault per page, and the pages had to be dropped
 * again to keep them out of the resident size). */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "strata-xlsx-strings.h"

#define BLOCK_BYTES 8192
#define CACHE_SLOTS 32

typedef struct
{
  guint64 offset;   /* in the file, when data is NULL */
  guint32 first;    /* its first string's index */
  guint32 size;     /* bytes: the strings, then a guint32 offset per string */
  char   *data;     /* in memory, or NULL */
} Block;

typedef struct
{
  guint  block;     /* G_MAXUINT: empty */
  char  *buf;
  gsize  alloc;
} Slot;

struct _StrataXlsxStrings
{
  gsize   cap;
  gsize   in_memory;    /* bytes of the blocks in memory */
  GArray *blocks;       /* Block */
  guint   count;        /* strings, the open block's too */
  guint   hint;         /* the last block looked up */

  /* The block being filled: its strings and their offsets. */
  char    *data;
  gsize    data_len, data_alloc;
  guint32 *offs;
  guint    n_offs, offs_alloc;

  int      fd;          /* the temporary file, -1 before the first spill */
  guint64  file_len;
  gboolean spill_failed;
  Slot     cache[CACHE_SLOTS];
  gsize    cache_bytes;

  gsize    peak;
};

static gsize
held (StrataXlsxStrings *self)
{
  return self->in_memory + self->data_alloc + self->offs_alloc * sizeof (guint32) +
         self->cache_bytes + self->blocks->len * sizeof (Block);
}

static void
note_peak (StrataXlsxStrings *self)
{
  self->peak = MAX (self->peak, held (self));
}

StrataXlsxStrings *
strata_xlsx_strings_new (gsize cap)
{
  StrataXlsxStrings *self = g_new0 (StrataXlsxStrings, 1);

  self->cap = cap;
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->fd = -1;
  for (guint i = 0; i < CACHE_SLOTS; i++)
    self->cache[i].block = G_MAXUINT;
  return self;
}

void
strata_xlsx_strings_clear (StrataXlsxStrings *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    g_free (g_array_index (self->blocks, Block, i).data);
  g_array_set_size (self->blocks, 0);
  for (guint i = 0; i < CACHE_SLOTS; i++)
    {
      g_clear_pointer (&self->cache[i].buf, g_free);
      self->cache[i].alloc = 0;
      self->cache[i].block = G_MAXUINT;
    }
  g_clear_pointer (&self->data, g_free);
  g_clear_pointer (&self->offs, g_free);
  self->data_len = self->data_alloc = 0;
  self->n_offs = self->offs_alloc = 0;
  self->in_memory = self->cache_bytes = 0;
  self->count = self->hint = 0;
  self->file_len = 0;
}

void
strata_xlsx_strings_free (StrataXlsxStrings *self)
{
  if (self == NULL)
    return;
  strata_xlsx_strings_clear (self);
  g_array_unref (self->blocks);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self);
}

static gboolean
open_spill (StrataXlsxStrings *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  self->fd = g_file_open_tmp ("strata-xlsx-strings-XXXXXX", &path, &error);
  if (self->fd < 0)
    {
      g_warning ("shared strings: %s", error->message);
      return FALSE;
    }
  g_unlink (path);
  return TRUE;
}

/* All len bytes written (or read) at offset, through short counts and
 * interrupted calls. */
static gboolean
transfer (int      fd,
          char    *buf,
          gsize    len,
          guint64  offset,
          gboolean writing)
{
  while (len > 0)
    {
      ssize_t n = writing ? pwrite (fd, buf, len, (off_t) offset)
                          : pread (fd, buf, len, (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= n;
      offset += n;
    }
  return TRUE;
}

/* The open block, packed, into memory or the file: once the cap is
 * reached every later block goes to the file; when the file cannot be
 * written, it stays in memory (a large import rather than a failed one). */
static void
close_block (StrataXlsxStrings *self)
{
  Block block = { 0, self->count - self->n_offs, 0, NULL };
  gsize size = self->data_len + self->n_offs * sizeof (guint32);
  char *packed;

  if (self->n_offs == 0)
    return;
  packed = g_malloc (size);
  memcpy (packed, self->data, self->data_len);
  memcpy (packed + self->data_len, self->offs, self->n_offs * sizeof (guint32));
  block.size = (guint32) size;
  self->data_len = 0;
  self->n_offs = 0;

  if (self->in_memory + size > self->cap && !self->spill_failed
      && (self->fd >= 0 || open_spill (self)))
    {
      if (transfer (self->fd, packed, size, self->file_len, TRUE))
        {
          block.offset = self->file_len;
          self->file_len += size;
          g_free (packed);
          packed = NULL;
        }
      else
        {
          g_warning ("shared strings: cannot write a temporary file: %s", g_strerror (errno));
          self->spill_failed = TRUE;
        }
    }
  if (packed != NULL)
    {
      block.data = packed;
      self->in_memory += size;
    }
  g_array_append_val (self->blocks, block);
  note_peak (self);
}

static void
reserve (char  **buf,
         gsize  *alloc,
         gsize   need)
{
  if (need <= *alloc)
    return;
  *alloc = MAX (MAX (*alloc * 2, need), 1024);
  *buf = g_realloc (*buf, *alloc);
}

void
strata_xlsx_strings_add (StrataXlsxStrings *self,
                         const char        *s,
                         gsize              len)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (len < G_MAXUINT32 / 2);

  /* A string that would make the block too large starts the next one. */
  if (self->n_offs > 0 &&
      self->data_len + len + 1 + (self->n_offs + 1) * sizeof (guint32) > BLOCK_BYTES)
    close_block (self);
  if (self->data_len + len + 1 > G_MAXUINT32 / 2)
    close_block (self);
  reserve (&self->data, &self->data_alloc, self->data_len + len + 1);
  if (self->n_offs == self->offs_alloc)
    {
      self->offs_alloc = MAX (self->offs_alloc * 2, 256);
      self->offs = g_renew (guint32, self->offs, self->offs_alloc);
    }
  self->offs[self->n_offs++] = (guint32) self->data_len;
  memcpy (self->data + self->data_len, s, len);
  self->data[self->data_len + len] = '\0';
  self->data_len += len + 1;
  self->count++;
  note_peak (self);
}

void
strata_xlsx_strings_finish (StrataXlsxStrings *self)
{
  g_return_if_fail (self != NULL);

  close_block (self);
  /* The block being filled is not needed again. */
  g_clear_pointer (&self->data, g_free);
  g_clear_pointer (&self->offs, g_free);
  self->data_alloc = 0;
  self->offs_alloc = 0;
}

guint
strata_xlsx_strings_get_count (StrataXlsxStrings *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->count;
}

static guint
block_end (StrataXlsxStrings *self,
           guint              b)
{
  return b + 1 < self->blocks->len ? g_array_index (self->blocks, Block, b + 1).first
                                   : self->count - self->n_offs;
}

static guint
find_block (StrataXlsxStrings *self,
            guint              index)
{
  guint lo = 0, hi = self->blocks->len;

  /* Mostly the block of the last lookup or the next one. */
  for (guint b = self->hint; b < MIN (self->hint + 2, self->blocks->len); b++)
    if (g_array_index (self->blocks, Block, b).first <= index && index < block_end (self, b))
      return b;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->blocks, Block, mid).first <= index)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static const char *
block_data (StrataXlsxStrings *self,
            guint              b)
{
  Block *block = &g_array_index (self->blocks, Block, b);
  Slot *slot = &self->cache[b % CACHE_SLOTS];

  if (block->data != NULL)
    return block->data;
  if (slot->block == b)
    return slot->buf;
  if (slot->alloc < block->size)
    {
      self->cache_bytes += block->size - slot->alloc;
      slot->alloc = block->size;
      g_free (slot->buf);
      slot->buf = g_malloc (slot->alloc);
      note_peak (self);
    }
  slot->block = G_MAXUINT;
  if (!transfer (self->fd, slot->buf, block->size, block->offset, FALSE))
    return NULL;
  slot->block = b;
  return slot->buf;
}

const char *
strata_xlsx_strings_get (StrataXlsxStrings *self,
                         guint              index)
{
  const Block *block;
  const char *data;
  guint b;
  guint32 off;

  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->count)
    return NULL;
  if (index >= self->count - self->n_offs)
    return self->data + self->offs[index - (self->count - self->n_offs)];
  b = find_block (self, index);
  self->hint = b;
  block = &g_array_index (self->blocks, Block, b);
  data = block_data (self, b);
  if (data == NULL)
    return NULL;
  memcpy (&off, data + block->size - (block_end (self, b) - index) * sizeof (guint32),
          sizeof off);
  return data + off;
}

gsize
strata_xlsx_strings_get_peak_bytes (StrataXlsxStrings *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->peak;
}

guint64
strata_xlsx_strings_get_file_bytes (StrataXlsxStrings *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->file_len;
}
