/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Quadrant table's list: n positions, each shown as the data row the
 * table's order puts there. Its items stand for positions, not rows, and
 * are made when first asked for, then kept (a list view asks for the rows
 * on screen): a new order keeps them, and the table fills the cells on
 * screen again (as the Customers page does). Replacing every item made
 * GTK 4.8 rebuild every row widget: a 1M-row table's sort froze the
 * window for 140-200 ms. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STRATA_TYPE_QUADRANT_ROW (strata_quadrant_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataQuadrantRow, strata_quadrant_row, STRATA, QUADRANT_ROW, GObject)

#define STRATA_TYPE_QUADRANT_ROWS (strata_quadrant_rows_get_type ())
G_DECLARE_FINAL_TYPE (StrataQuadrantRows, strata_quadrant_rows, STRATA, QUADRANT_ROWS, GObject)

/* The position the item stands for. */
guint               strata_quadrant_row_get_position (StrataQuadrantRow  *row);

StrataQuadrantRows *strata_quadrant_rows_new         (void);
guint               strata_quadrant_rows_get_n       (StrataQuadrantRows *self);
/* n positions in the rows' own order: every item new. */
void                strata_quadrant_rows_set_n       (StrataQuadrantRows *self,
                                                      guint               n);
/* Takes order (n data rows, or NULL: their own order); the items stay. */
void                strata_quadrant_rows_set_order   (StrataQuadrantRows *self,
                                                      guint              *order);
gboolean            strata_quadrant_rows_is_ordered  (StrataQuadrantRows *self);
/* The data row shown at position. */
guint               strata_quadrant_rows_row_at      (StrataQuadrantRows *self,
                                                      guint               position);

G_END_DECLS
