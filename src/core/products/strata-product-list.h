/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product catalogue as the Products page lists it: each product with
 * its category and its revenue in a period, and how many products a
 * category pattern would match before it is applied. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  char   *code;
  char   *description;
  char   *category;   /* category key */
  double  revenue;    /* in the period */
} StrataProductInfo;

void       strata_product_info_free        (StrataProductInfo *info);
/* Every product (StrataProductInfo*), most revenue in period_id first,
 * then by code. */
GPtrArray *strata_products_list            (StrataWorkspace  *workspace,
                                            gint64            period_id,
                                            GError          **error);
/* How many products strata_products_categorise () would match with
 * pattern (code or description, case-insensitive glob). */
gboolean   strata_products_count_matching  (StrataWorkspace  *workspace,
                                            const char       *pattern,
                                            guint            *n_matching,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataProductInfo, strata_product_info_free)

G_END_DECLS
