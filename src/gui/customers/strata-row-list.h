/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GListModel over an array of row indexes (the Customers page's filtered
 * and sorted rows). Items are StrataCustomerRow objects made when GTK asks
 * for them, so a list of 100,000 rows costs one array until it is shown. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STRATA_TYPE_CUSTOMER_ROW (strata_customer_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataCustomerRow, strata_customer_row, STRATA, CUSTOMER_ROW, GObject)

StrataCustomerRow *strata_customer_row_new     (guint              row);
guint              strata_customer_row_get_row (StrataCustomerRow *self);

#define STRATA_TYPE_ROW_LIST (strata_row_list_get_type ())
G_DECLARE_FINAL_TYPE (StrataRowList, strata_row_list, STRATA, ROW_LIST, GObject)

StrataRowList *strata_row_list_new      (void);
/* Replaces the rows (takes rows). */
void           strata_row_list_set_rows (StrataRowList *self,
                                         GArray        *rows);
const guint   *strata_row_list_get_rows (StrataRowList *self,
                                         guint         *n_rows);

G_END_DECLS
