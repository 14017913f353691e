/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One cell of the Customers list: its text drawn as a label styled for
 * its column would be (the Tier column: a chip and a mark), filled from
 * the period's columns in one call when a row comes on screen (and again
 * when its values change). GTK 4.8's GtkColumnView
 * binds each column's cell on its own (a row factory came in 4.12), so the
 * cell, not the row, is the unit. */
#pragma once

#include <gtk/gtk.h>

#include "strata-customer-view.h"

G_BEGIN_DECLS

/* The list's columns, in the order they are shown. */
typedef enum
{
  STRATA_CUSTOMER_FIELD_ID,
  STRATA_CUSTOMER_FIELD_NAME,
  STRATA_CUSTOMER_FIELD_ORDER_AMOUNT,
  STRATA_CUSTOMER_FIELD_REFERRALS,
  STRATA_CUSTOMER_FIELD_INQUIRIES,
  STRATA_CUSTOMER_FIELD_SCORE,
  STRATA_CUSTOMER_FIELD_TIER,
  STRATA_CUSTOMER_FIELD_QUADRANT,
  STRATA_CUSTOMER_FIELD_CHANGE,
} StrataCustomerField;

#define STRATA_TYPE_CUSTOMER_CELL (strata_customer_cell_get_type ())
G_DECLARE_FINAL_TYPE (StrataCustomerCell, strata_customer_cell, STRATA, CUSTOMER_CELL, GtkWidget)

GtkWidget          *strata_customer_cell_new       (StrataCustomerField          field);
/* The text shown (the Tier column's: the tier id). */
const char         *strata_customer_cell_get_text  (StrataCustomerCell          *self);
/* Shows the row's value of the cell's field (nothing for a row past the end). */
void                strata_customer_cell_bind      (StrataCustomerCell          *self,
                                                    const StrataCustomerColumns *columns,
                                                    guint                        row);

G_END_DECLS
