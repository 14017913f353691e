/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by strata-customers-page.c (the list) and
 * strata-customers-page-export.c (its CSV and Excel export). */
#pragma once

#include "strata-customer-view.h"
#include "strata-customers-page.h"
#include "strata-page.h"
#include "strata-period-data.h"
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


/* strata-customers-page-attributes.c: the attribute pairs ("key\tvalue",
 * sorted, at most 500) read on a worker, and the drop-down's model for
 * them after the entry `all`. */
void                         strata_customers_page_load_attributes (StrataPage          *page,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
GPtrArray                   *strata_customers_page_load_attributes_finish (StrataPage    *page,
                                                                           GAsyncResult  *result,
                                                                           GError       **error);
GtkStringList               *strata_customers_page_attribute_model (const char *all,
                                                                    GPtrArray  *pairs);

/* strata-customers-page-order.c: the rows by id and the names' ranks
 * (strata-customer-order.h), computed on a worker. */
typedef struct
{
  guint32 *by_id;
  guint32 *name_rank;
  guint8  *name_is_folded;
} StrataCustomersPageOrder;
void                         strata_customers_page_order_free      (StrataCustomersPageOrder *order);
void                         strata_customers_page_load_order      (StrataCustomersPage    *self,
                                                                    const StrataPeriodData *data,
                                                                    GCancellable           *cancellable,
                                                                    GAsyncReadyCallback     callback,
                                                                    gpointer                user_data);
StrataCustomersPageOrder    *strata_customers_page_load_order_finish (StrataCustomersPage  *self,
                                                                      GAsyncResult         *result,
                                                                      GError              **error);

G_END_DECLS
