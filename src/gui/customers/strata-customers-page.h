/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page: the chosen period's customers in a sortable,
 * filterable list (search, tier, quadrant, attribute) with key metrics,
 * score, tier, quadrant and the change since the previous period; a detail
 * pane with the receipt, the history, entitlements and the override; CSV
 * and Excel export of the list as shown. */
#pragma once

#include <adwaita.h>

#include "strata-page.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CUSTOMERS_PAGE (strata_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataCustomersPage, strata_customers_page, STRATA, CUSTOMERS_PAGE, StrataPage)

GtkWidget     *strata_customers_page_new           (void);

/* The list as shown (filtered and sorted): a GListModel of row items. */
GListModel    *strata_customers_page_get_model     (StrataCustomersPage *self);
/* Writes the list as shown to path as CSV (UTF-8 with BOM). */
gboolean       strata_customers_page_export_csv    (StrataCustomersPage *self,
                                                    const char          *path,
                                                    GError             **error);

/* The same as an Excel workbook: numbers as numbers, ids as text, tiers in
 * their colours, and an About sheet (workspace, period, rule-set version,
 * date, customers). */
gboolean       strata_customers_page_export_xlsx   (StrataCustomersPage *self,
                                                    const char          *path,
                                                    GError             **error);

G_END_DECLS
