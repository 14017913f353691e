/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-customer.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CUSTOMER_LIST (strata_customer_list_get_type ())
G_DECLARE_FINAL_TYPE (StrataCustomerList, strata_customer_list, STRATA, CUSTOMER_LIST, GObject)

/* A GListModel of StrataCustomer: the customers of one period (or of the
 * whole workspace when period_id is 0), in id order. It holds only ids,
 * ext ids and names; item objects are made when asked for and shared while
 * someone holds them, so it stays light at a million rows. It reloads on
 * changed::customers, changed::periods and changed::all, and reports the
 * exact range that changed. */
StrataCustomerList *strata_customer_list_new            (StrataWorkspace     *workspace,
                                                         gint64               period_id);

StrataWorkspace    *strata_customer_list_get_workspace  (StrataCustomerList  *self);
gint64              strata_customer_list_get_period_id  (StrataCustomerList  *self);
/* Shows another period's customers (items-changed for the difference). */
void                strata_customer_list_set_period_id  (StrataCustomerList  *self,
                                                         gint64               period_id);
gboolean            strata_customer_list_reload         (StrataCustomerList  *self,
                                                         GError             **error);

/* Row data without making an item; position must be < n_items. */
gint64              strata_customer_list_get_id_at      (StrataCustomerList  *self,
                                                         guint                position);
const char         *strata_customer_list_get_ext_id_at  (StrataCustomerList  *self,
                                                         guint                position);
const char         *strata_customer_list_get_name_at    (StrataCustomerList  *self,
                                                         guint                position);
/* The position of a customer, or -1 when it is not in the list. */
int                 strata_customer_list_find           (StrataCustomerList  *self,
                                                         gint64               customer_id);
/* How many item objects are alive (for tests of laziness). */
guint               strata_customer_list_get_n_alive    (StrataCustomerList  *self);

G_END_DECLS
