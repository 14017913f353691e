/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Products page: per tier of the current period, the revenue share of
 * each product category (stacked bars), the customers using each,
 * new-product adoption, and the migration list (customers on
 * costly-to-run products). */
#pragma once

#include "strata-page.h"
#include "strata-product-mix-chart.h"

G_BEGIN_DECLS

#define STRATA_TYPE_PRODUCTS_PAGE (strata_products_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataProductsPage, strata_products_page, STRATA, PRODUCTS_PAGE, StrataPage)

StrataProductMixChart  *strata_products_page_get_chart (StrataProductsPage *self);
/* The mix shown, or NULL. */
const StrataProductMix *strata_products_page_get_mix   (StrataProductsPage *self);
/* "empty" or "mix": what the page shows. */
const char             *strata_products_page_get_state (StrataProductsPage *self);
/* Opens the Assign by Pattern dialog (an AdwMessageDialog whose responses
 * are "cancel" and "assign"), NULL while no mix is shown. */
GtkWidget              *strata_products_page_open_pattern_dialog (StrataProductsPage *self);

G_END_DECLS
