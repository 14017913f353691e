/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Word lists for the demo workspace: industries, regions, account managers
 * and the parts of Chinese and English company names. */
#pragma once

#include "strata-prng.h"

G_BEGIN_DECLS

typedef enum
{
  DEMO_FINANCE,
  DEMO_GAMING,
  DEMO_ECOMMERCE,
  DEMO_MANUFACTURING,
  DEMO_MEDIA,
  DEMO_GOVERNMENT,
  DEMO_EDUCATION,
  DEMO_LOGISTICS,
  DEMO_HEALTHCARE,
  DEMO_SOFTWARE,
  DEMO_N_INDUSTRIES
} DemoIndustry;

#define DEMO_N_REGIONS 8
#define DEMO_REGION_OVERSEAS 7
#define DEMO_REGION_SOUTH 2
#define DEMO_MANAGERS_PER_REGION 3

/* Industry keys as stored in the "industry" attribute. */
extern const char *const demo_industry_keys[DEMO_N_INDUSTRIES];
/* Relative weights of the industries among the customers. */
extern const guint demo_industry_weights[DEMO_N_INDUSTRIES];
/* How much bigger than the median a customer of the industry buys (log). */
extern const double demo_industry_size_bias[DEMO_N_INDUSTRIES];
extern const char *const demo_region_names[DEMO_N_REGIONS];
extern const guint demo_region_weights[DEMO_N_REGIONS];
extern const char *const demo_managers[DEMO_N_REGIONS * DEMO_MANAGERS_PER_REGION];

/* Picks an index with the given weights. */
guint  demo_pick_weighted (StrataPrng        *prng,
                           const guint       *weights,
                           guint              n);

/* A company name: Chinese (城市 + 字号 + 行业 + 有限公司) or English. */
char  *demo_company_name  (StrataPrng        *prng,
                           DemoIndustry       industry,
                           gboolean           english,
                           gboolean           listed);

G_END_DECLS
