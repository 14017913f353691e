/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product mix of a period per tier: for each tier and product category
 * the customers who bought it and their revenue on it, its share of the
 * tier's revenue, new-product adoption, and the migration list (customers
 * on costly-to-run products, with their revenue on them).
 *
 * Tiers are the period's as the review sees them: frozen results for a
 * closed period, else the published rules (customers without a tier are
 * "none"). Revenue is product_revenue; a customer's order_amount that no
 * product accounts for (lines without a product code, an amount from a
 * customer table) counts as `other`, so a tier's rows add up to the tier's
 * order_amount. A customer counts for a category when its revenue there is
 * above zero. */
#pragma once

#include "strata-period-results.h"
#include "strata-products.h"

G_BEGIN_DECLS

typedef struct
{
  char    *tier;        /* tier id, or "none" */
  char    *category;    /* category key */
  guint    customers;
  double   revenue;
  double   share;       /* revenue / the tier's revenue; NaN when that is 0 */
} StrataProductMixRow;

typedef struct
{
  char    *tier;        /* tier id, or "none" */
  char    *label;
  char    *colour;      /* "#rrggbb", or NULL */
  guint    customers;   /* in the tier */
  double   revenue;     /* the tier's order_amount */
  guint    adopters;    /* customers who bought a product of category new */
  double   adoption;    /* adopters / customers; NaN without customers */
} StrataProductMixTier;

/* One customer on costly-to-run products. */
typedef struct
{
  gint64   customer_id;
  char    *ext_id;
  char    *name;
  char    *tier;        /* tier id, or "none" */
  double   revenue;     /* on costly products */
  double   total;       /* the customer's order_amount */
  char    *products;    /* the costly products' codes, most revenue first, ", " */
} StrataProductMigration;

typedef struct
{
  gint64      period_id;
  char       *period_name;
  gboolean    frozen;       /* tiers from a closed period's results */
  gboolean    has_products; /* the period has product revenue */
  GPtrArray  *categories;   /* StrataProductCategory*, `other` last */
  GPtrArray  *tiers;        /* StrataProductMixTier*, best first, "none" last */
  GPtrArray  *rows;         /* StrataProductMixRow*: per tier, per category */
  GPtrArray  *migration;    /* StrataProductMigration*: most costly revenue first */
  guint       migration_total; /* customers on costly products: migration->len
                                * unless strata_product_mix_compute_shown() kept fewer */
} StrataProductMix;

/* period_id 0: the latest period. */
StrataProductMix *strata_product_mix_compute        (StrataWorkspace        *workspace,
                                                     gint64                  period_id,
                                                     GError                **error);
/* The same for a period's results already loaded (the review deck). */
StrataProductMix *strata_product_mix_compute_for_results (StrataWorkspace     *workspace,
                                                          StrataPeriodResults *results,
                                                          GError             **error);
/* The same keeping only the first max_migration customers of the
 * migration list (migration_total counts them all; G_MAXUINT keeps all),
 * and, when products is not NULL, the product list as
 * strata_products_list() gives it (StrataProductInfo*), summed in the same
 * pass over the period's lines: what the Products page shows, without a
 * string per customer on costly products. */
StrataProductMix *strata_product_mix_compute_shown  (StrataWorkspace        *workspace,
                                                     StrataPeriodResults    *results,
                                                     guint                   max_migration,
                                                     GPtrArray             **products,
                                                     GError                **error);
void              strata_product_mix_free           (StrataProductMix       *mix);
/* The row of tier and category, or NULL. */
const StrataProductMixRow *strata_product_mix_get_row (const StrataProductMix *mix,
                                                       const char             *tier,
                                                       const char             *category);

/* For period_id (0: the latest): the customers on costly-to-run products
 * with their revenue on them, most first (StrataProductMigration*, free
 * with the array). For the actions after a review. */
GPtrArray        *strata_product_mix_migration_list (StrataWorkspace        *workspace,
                                                     gint64                  period_id,
                                                     GError                **error);
void              strata_product_migration_free     (StrataProductMigration *migration);

/* tier,category,customers,revenue,share with a header; NaN is empty. */
char             *strata_product_mix_to_csv         (const StrataProductMix *mix);
/* {"period": ..., "tiers": [...], "rows": [...]} */
char             *strata_product_mix_to_json        (const StrataProductMix *mix);
/* id,name,tier,revenue,total,products with a header. */
char             *strata_product_mix_migration_to_csv (const StrataProductMix *mix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataProductMix, strata_product_mix_free)

G_END_DECLS
