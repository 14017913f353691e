/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once


#include "strata-page.h"
#include "strata-entitlements.h"

G_BEGIN_DECLS

#define STRATA_TYPE_ENTITLEMENTS_PAGE (strata_entitlements_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataEntitlementsPage, strata_entitlements_page, STRATA, ENTITLEMENTS_PAGE, StrataPage)

GtkWidget          *strata_entitlements_page_new         (void);
/* The matrix the page edits, NULL without a workspace (for tests). */
StrataEntitlements *strata_entitlements_page_get_model   (StrataEntitlementsPage *self);
/* The editor widget of a cell (GtkSwitch, GtkDropDown, GtkSpinButton or
 * GtkEntry), or NULL (for tests). */
GtkWidget          *strata_entitlements_page_get_cell    (StrataEntitlementsPage *self,
                                                           gint64                  entitlement_id,
                                                           const char             *tier);

/* The text of the cost card's row (0 customers, 1 cost per customer,
 * 2 entitlement cost, 3 revenue, 4 cost share) for a tier column, or NULL
 * (for tests). */
const char         *strata_entitlements_page_get_cost_text (StrataEntitlementsPage *self,
                                                             guint                   row,
                                                             guint                   tier);

G_END_DECLS
