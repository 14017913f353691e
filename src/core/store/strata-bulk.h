/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Many rows written with few statement steps: values are buffered, then
 * written a batch at a time by one INSERT ... SELECT from a
 * StrataRowSource over the buffer (the one way batches reach SQLite; the
 * customer import uses its row source directly, over its own rows). */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct _StrataBulk StrataBulk;

/* head: "INSERT OR IGNORE INTO t (a, b)", n_columns per row; tail, after
 * the rows, may be NULL or an upsert clause ("ON CONFLICT (a) DO UPDATE
 * ..."). The bulk lives on the workspace's connection until freed. */
StrataBulk *strata_bulk_new       (StrataWorkspace  *workspace,
                                   const char       *head,
                                   guint             n_columns,
                                   const char       *tail);
void        strata_bulk_int       (StrataBulk       *self,
                                   gint64            value);
/* Text must stay valid until the row is written (the next flush). */
void        strata_bulk_text      (StrataBulk       *self,
                                   const char       *value);
/* Text the bulk keeps a copy of until the row is written (len may be -1). */
void        strata_bulk_text_copy (StrataBulk       *self,
                                   const char       *value,
                                   gssize            len);
/* Ends a row; writes the buffered rows when there are enough. */
gboolean    strata_bulk_end_row   (StrataBulk       *self,
                                   GError          **error);
/* Writes what is left. */
gboolean    strata_bulk_flush     (StrataBulk       *self,
                                   GError          **error);
void        strata_bulk_free      (StrataBulk       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataBulk, strata_bulk_free)

G_END_DECLS
