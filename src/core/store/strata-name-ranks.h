/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers list's name order of a period, kept in the workspace
 * (schema 6, table name_ranks): each row's dense rank among the period's
 * names (4 bytes a row, little-endian, rows in customer id order) for one
 * collation, with a hash of the names it was computed from. Collating a
 * million names takes a second or two; read back, it takes milliseconds.
 * It is a cache: a hash or collation that differs reads as absent, and it
 * is written apart from the data changes that make a window reload. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* The rows' ranks (n of them), or NULL when none were kept for this
 * period, collation and hash, or they are not n long. */
guint32  *strata_name_ranks_read  (StrataWorkspace *workspace,
                                   gint64           period_id,
                                   const char      *collation,
                                   guint64          names_hash,
                                   guint            n);
/* Keeps them, in a transaction of its own, replacing those of the same
 * period and collation; fails at once (without waiting) while another
 * connection writes. */
gboolean  strata_name_ranks_write (StrataWorkspace *workspace,
                                   gint64           period_id,
                                   const char      *collation,
                                   guint64          names_hash,
                                   const guint32   *ranks,
                                   guint            n,
                                   GError         **error);

G_END_DECLS
