/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's products (see the header). As the method describes them, big
 * customers buy cash-flow products (tier-3 data centres in first-tier
 * cities) and value-added services and adopt new products; small ones stay
 * on old products that cost more to run than they bring. A customer keeps
 * its choice of products from quarter to quarter; the split of its amount
 * varies. Amounts are split in whole cents, so they add up exactly. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "strata-bulk.h"
#include "strata-demo-products.h"
#include "strata-prng.h"

enum { CASH_FLOW, VALUE_ADDED, NEW, COSTLY, OTHER, N_KINDS };

static const char *const kind_keys[N_KINDS] = {
  "cash_flow", "value_added", "new", "costly", "other"
};

/* Three products of each kind; ids 1..15 in this order. */
static const struct
{
  const char *code;
  const char *description;
} catalogue[N_KINDS][3] = {
  { { "IDC-T3-BJ", "Tier-3 data centre racks, Beijing 北京三级机房机柜" },
    { "IDC-T3-SH", "Tier-3 data centre racks, Shanghai 上海三级机房机柜" },
    { "BW-BGP", "BGP bandwidth BGP 带宽" } },
  { { "XB-LINE", "Dedicated cross-border line 跨境专线" },
    { "DDOS-PRO", "DDoS protection DDoS 防护" },
    { "CDN-ACC", "CDN acceleration CDN 加速" } },
  { { "GPU-CLOUD", "GPU cloud instances GPU 云主机" },
    { "EDGE-AI", "Edge AI inference 边缘 AI 推理" },
    { "SASE-NET", "SASE secure network SASE 安全网络" } },
  { { "IDC-T2-OLD", "Legacy tier-2 racks, old data centre 旧机房二级机柜" },
    { "VHOST-LEGACY", "Legacy virtual hosting 传统虚拟主机" },
    { "ADSL-BIZ", "ADSL business line ADSL 商务专线" } },
  { { "DOMAIN", "Domain names 域名" },
    { "SSL-CERT", "SSL certificates SSL 证书" },
    { "SMS-API", "SMS API 短信接口" } },
};

static gboolean
write_catalogue (StrataWorkspace  *workspace,
                 GError          **error)
{
  g_autoptr(StrataBulk) bulk = strata_bulk_new (workspace,
                                                "INSERT INTO products (id, code, description, category)",
                                                4, NULL);

  for (guint k = 0; k < N_KINDS; k++)
    for (guint j = 0; j < 3; j++)
      {
        strata_bulk_int (bulk, k * 3 + j + 1);
        strata_bulk_text (bulk, catalogue[k][j].code);
        strata_bulk_text (bulk, catalogue[k][j].description);
        strata_bulk_text (bulk, kind_keys[k]);
        if (!strata_bulk_end_row (bulk, error))
          return FALSE;
      }
  return strata_bulk_flush (bulk, error);
}

/* First and last sale: the first and last day of the periods a product
 * sold in. */
static gboolean
write_sale_dates (StrataWorkspace  *workspace,
                  GError          **error)
{
  return strata_workspace_exec (workspace,
                                "UPDATE products SET"
                                "  first_sale = (SELECT CAST (min (julianday (p.start_date)) - 2440587.5 AS INTEGER)"
                                "    FROM product_revenue r JOIN periods p ON p.id = r.period_id"
                                "    WHERE r.product_id = products.id),"
                                "  last_sale = (SELECT CAST (max (julianday (p.end_date)) - 2440587.5 AS INTEGER)"
                                "    FROM product_revenue r JOIN periods p ON p.id = r.period_id"
                                "    WHERE r.product_id = products.id);", error);
}

gboolean
strata_demo_products_write_period (StrataWorkspace  *workspace,
                                   guint64           seed,
                                   guint             period,
                                   guint             n_periods,
                                   gint64            period_id,
                                   const double     *amounts,
                                   guint             n,
                                   GError          **error)
{
  g_autoptr(StrataBulk) bulk = NULL;
  /* New products sell from the second half of the demo's quarters. */
  gboolean launched = period >= n_periods / 2;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (period == 0 && !write_catalogue (workspace, error))
    return FALSE;
  bulk = strata_bulk_new (workspace,
                          "INSERT INTO product_revenue (period_id, customer_id, product_id, amount)",
                          4, NULL);

  for (guint i = 0; i < n; i++)
    {
      StrataPrng choice, split;
      double weight[N_KINDS] = { 0 }, total = 0, size;
      guint product[N_KINDS];
      gint64 cents, left;
      guint last = CASH_FLOW;
      char text[32];

      if (isnan (amounts[i]) || (cents = llround (amounts[i] * 100.0)) == 0)
        continue;
      /* 0 for 1M a year or less, 1 for about 30M or more. */
      size = CLAMP ((log10 (MAX (fabs (amounts[i]), 1.0)) - 6.0) / 1.5, 0.0, 1.0);
      strata_prng_init (&choice, seed, i + 1, 0xC0FFEE);
      strata_prng_init (&split, seed, i + 1, 0xC0FFEE + period + 1);
      for (guint k = 0; k < N_KINDS; k++)
        product[k] = k * 3 + strata_prng_below (&choice, 3) + 1;

      weight[CASH_FLOW] = 1.0;
      if (strata_prng_chance (&choice, 0.15 + 0.7 * size))
        weight[VALUE_ADDED] = 0.3 + 0.5 * size;
      if (strata_prng_chance (&choice, 0.04 + 0.5 * size) && launched)
        weight[NEW] = 0.15 + 0.25 * size;
      if (strata_prng_chance (&choice, 0.75 - 0.7 * size))
        weight[COSTLY] = 0.9 - 0.8 * size;
      if (strata_prng_chance (&choice, 0.3))
        weight[OTHER] = 0.1;
      for (guint k = 0; k < N_KINDS; k++)
        if (weight[k] > 0)
          {
            weight[k] *= 0.6 + 0.8 * strata_prng_double (&split);
            total += weight[k];
            last = k;
          }

      /* Whole cents; the last product takes what is left. */
      left = cents;
      for (guint k = 0; k < N_KINDS; k++)
        {
          gint64 part;

          if (weight[k] <= 0)
            continue;
          part = k == last ? left : (gint64) floor ((double) cents * weight[k] / total);
          left -= part;
          if (part == 0)
            continue;
          strata_bulk_int (bulk, period_id);
          strata_bulk_int (bulk, i + 1);
          strata_bulk_int (bulk, product[k]);
          /* Text that reads as a number gets the REAL column's type. */
          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT ".%02d", part / 100,
                      (int) llabs (part % 100));
          if (part < 0 && part > -100)
            g_snprintf (text, sizeof text, "-0.%02d", (int) -part);
          strata_bulk_text_copy (bulk, text, -1);
          if (!strata_bulk_end_row (bulk, error))
            return FALSE;
        }
    }
  if (!strata_bulk_flush (bulk, error))
    return FALSE;
  return period + 1 < n_periods || write_sale_dates (workspace, error);
}
