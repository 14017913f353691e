/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by strata-customers-page.c (the list) and
 * strata-customers-page-export.c (its CSV and Excel export). */
#pragma once

#include "strata-customer-view.h"
#include "strata-customers-page.h"
#include "strata-rules.h"

G_BEGIN_DECLS

/* The columns of the period shown and the rows as shown (filtered, sorted). */
const StrataCustomerColumns *strata_customers_page_get_columns     (StrataCustomersPage *self,
                                                                    const guint        **rows,
                                                                    guint               *n_rows);
/* The rules of the result shown (their tiers' colours), or NULL. */
const StrataRules           *strata_customers_page_get_rules       (StrataCustomersPage *self);
const char                  *strata_customers_page_get_period_name (StrataCustomersPage *self);
/* Installs page.export-csv and page.export-xlsx. */
void                         strata_customers_page_class_add_export (GtkWidgetClass     *widget_class);

G_END_DECLS
