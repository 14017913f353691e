/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's list as shown (its rows, in its order) written as an
 * Excel workbook: ids and names as text, figures as numbers, tiers in
 * their colours, and a sheet of metadata. */
#pragma once

#include "strata-customer-view.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

/* header: the 9 column titles of strata_customer_view_to_csv();
 * tier_colours: "#rrggbb" per tier of cols (NULL: uncoloured). The About
 * sheet names workspace (may be NULL), period, the latest rule-set
 * version, the date and the number of customers. */
gboolean strata_customer_view_to_xlsx (const StrataCustomerColumns *cols,
                                       const guint                 *rows,
                                       guint                        n_rows,
                                       const char * const          *header,
                                       const char * const          *tier_colours,
                                       StrataWorkspace             *workspace,
                                       const char                  *period,
                                       const char                  *path,
                                       GError                     **error);

G_END_DECLS
