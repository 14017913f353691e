/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GListModel over an array of row indexes (the Customers page's filtered
 * and sorted rows). Items are StrataCustomerRow objects made when GTK asks
 * for them, so a list of a million rows costs one array until it is shown.
 * An item stands for a position: its row is whatever the list holds there
 * now, so new rows (a sort, a filter) change the items' rows in place and
 * only a change of length is announced (see strata_row_list_set_rows). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STRATA_TYPE_CUSTOMER_ROW (strata_customer_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataCustomerRow, strata_customer_row, STRATA, CUSTOMER_ROW, GObject)

/* A fixed row, not in a list. */
StrataCustomerRow *strata_customer_row_new     (guint              row);
/* G_MAXUINT for a position the list no longer has. */
guint              strata_customer_row_get_row (StrataCustomerRow *self);

#define STRATA_TYPE_ROW_LIST (strata_row_list_get_type ())
G_DECLARE_FINAL_TYPE (StrataRowList, strata_row_list, STRATA, ROW_LIST, GObject)

StrataRowList *strata_row_list_new      (void);
/* Replaces the rows (takes rows). items-changed covers only the positions
 * added or removed at the end: the caller rebinds the items on screen. */
void           strata_row_list_set_rows (StrataRowList *self,
                                         GArray        *rows);
/* The same, but a list that shrinks below keep positions keeps up to keep
 * of them, blank (their items' row is G_MAXUINT), until
 * strata_row_list_drop_blank() lets them go: GTK 4.8 destroys the widgets
 * of the rows a list loses at once (200 rows, 50 ms on a slow machine),
 * and the rows kept first show the answer. */
void           strata_row_list_set_rows_keeping (StrataRowList *self,
                                                 GArray        *rows,
                                                 guint          keep);
/* Drops up to most blank positions from the end: how many are left. */
guint          strata_row_list_drop_blank (StrataRowList *self,
                                           guint          most);
guint          strata_row_list_get_blank  (StrataRowList *self);
/* The rows, without the blank positions. */
const guint   *strata_row_list_get_rows (StrataRowList *self,
                                         guint         *n_rows);
/* The rows as a new reference (never changed in place: a worker may read
 * them while the list shows new ones). */
GArray        *strata_row_list_ref_rows (StrataRowList *self);

G_END_DECLS
