/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Multi-row statements: rows are buffered and written 256 at a time with
 * one statement (INSERT ... VALUES (?,?),(?,?)..., or a DELETE ... IN
 * (VALUES (?),(?)...) with a tail), which cuts SQLite's per-statement cost
 * that dominates a large import. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct _StrataBulk StrataBulk;

/* head: "INSERT OR IGNORE INTO t (a, b) VALUES"; n_columns per row. */
StrataBulk *strata_bulk_new     (StrataWorkspace  *workspace,
                                 const char       *head,
                                 guint             n_columns);
/* The same with tail after the rows, such as an ON CONFLICT clause. */
StrataBulk *strata_bulk_new_with_tail (StrataWorkspace  *workspace,
                                       const char       *head,
                                       guint             n_columns,
                                       const char       *tail);
/* Text must stay valid until the row is written (the next flush). */
void        strata_bulk_int     (StrataBulk       *self,
                                 gint64            value);
void        strata_bulk_double  (StrataBulk       *self,
                                 double            value);
void        strata_bulk_text    (StrataBulk       *self,
                                 const char       *value);
/* Text the bulk keeps a copy of until the row is written. */
void        strata_bulk_text_copy (StrataBulk     *self,
                                   const char     *value,
                                   gsize           len);
/* Ends a row; writes the buffered rows when there are enough. */
gboolean    strata_bulk_end_row (StrataBulk       *self,
                                 GError          **error);
/* Writes what is left. */
gboolean    strata_bulk_flush   (StrataBulk       *self,
                                 GError          **error);
void        strata_bulk_free    (StrataBulk       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataBulk, strata_bulk_free)

G_END_DECLS
