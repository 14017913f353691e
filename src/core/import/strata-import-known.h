/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer import's table of customer ids (ext_id -> id, the line
 * that gave it, whether it has a row in the period). In memory (an
 * open-addressing hash over one chunk of id strings, about 50 bytes a
 * customer) up to a cap, 4 M ids or 128 MB of id text; the ids past it
 * go to a private temporary database of the reading thread (its own
 * connection; the workspace's is the writer thread's while the file is
 * read) with a small page cache that spills to its file. So a file of any
 * size costs bounded memory, and the common one no SQL at all: the
 * temporary table was a third of the import's time, and ten times that
 * with ids in random order. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StrataImportKnown StrataImportKnown;

typedef struct
{
  gint64      id;
  guint64     line;       /* where the file gave it, 0 when not (yet) */
  gboolean    in_period;  /* has a row in the import's period */
} StrataKnownCustomer;

StrataImportKnown *strata_import_known_new    (GError             **error);
void               strata_import_known_free   (StrataImportKnown   *self);
/* Room for n ids in memory at once (up to the cap): a million ids grew
 * the table ten times, each a rehash of every id in no order. */
void               strata_import_known_reserve (StrataImportKnown  *self,
                                                guint               n);
/* Adds ext_id (not there yet). */
gboolean           strata_import_known_add    (StrataImportKnown   *self,
                                               const char          *ext_id,
                                               const StrataKnownCustomer *customer,
                                               GError             **error);
/* 1 and *customer when ext_id is there, 0 when not, -1 on an error. */
int                strata_import_known_lookup (StrataImportKnown   *self,
                                               const char          *ext_id,
                                               StrataKnownCustomer *customer,
                                               GError             **error);
/* Starts reading ext_id's place in the table into the CPU's cache, so that
 * a claim of it after other work (the row's values) does not wait for it:
 * a million ids' slots are 16 MB, read in no order. */
void               strata_import_known_prefetch (StrataImportKnown *self,
                                                 const char        *ext_id);
/* What strata_import_known_claim () found. */
enum
{
  STRATA_KNOWN_ADDED = 1,     /* not there: added with new_id */
  STRATA_KNOWN_FOUND,         /* there, no line yet: now line */
  STRATA_KNOWN_REPEATED       /* there with an earlier line, kept */
};
/* ext_id as given on line: adds it (with new_id, not in the period) or
 * gives it the line. *customer is its entry after
 * (REPEATED: with the earlier line). -1 on an error. */
int                strata_import_known_claim  (StrataImportKnown   *self,
                                               const char          *ext_id,
                                               gint64               new_id,
                                               guint64              line,
                                               StrataKnownCustomer *customer,
                                               GError             **error);

/* Private, for tests and benchmarks. */
/* Ids past the first max_ids go to the temporary table (before any is
 * added). */
void               strata_import_known_set_spill_after (StrataImportKnown *self,
                                                        guint              max_ids);
/* The cap of the tables made from now on (0: the default); for a test that
 * runs a whole import with the spill forced. */
void               strata_import_known_set_default_spill_after (guint      max_ids);
/* Ids that went to a temporary table, by all tables so far. */
guint              strata_import_known_get_spilled_total (void);
/* How many ids are in memory and in the temporary table, and the bytes
 * the memory part holds. */
void               strata_import_known_get_stats (StrataImportKnown   *self,
                                                  guint               *in_memory,
                                                  guint               *spilled,
                                                  gsize               *bytes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataImportKnown, strata_import_known_free)

G_END_DECLS
