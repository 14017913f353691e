/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For tests and benchmarks of the order-line import's memory. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What grows with the lines is kept in memory up to this many bytes, then
 * goes to a temporary table (strata-order-spill.c). */
#define STRATA_IMPORT_ORDERS_SPILL_CAP (16u << 20)

/* Sets the cap (0: every line goes to the table). Not thread-safe: for
 * tests, before they import. */
void  strata_import_orders_set_spill_cap (gsize    bytes);
/* The most bytes an order-line import held in its line state (an
 * estimate, see line_state_bytes ()) since the last reset. */
gsize strata_import_orders_peak_bytes    (gboolean reset);

G_END_DECLS
