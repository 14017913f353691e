/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What strata-products.c shares with strata-product-list.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* text made valid UTF-8, stripped and case-folded ("" for NULL): how
 * categories, codes and descriptions are matched, so that the Products
 * page's preview counts what the assignment then changes. */
char *strata_products_fold (const char *text);

G_END_DECLS
