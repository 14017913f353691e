/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_DEMO_DEFAULT_CUSTOMERS 600
#define STRATA_DEMO_DEFAULT_SEED      2026
#define STRATA_DEMO_DEFAULT_PERIODS   4
#define STRATA_DEMO_MAX_PERIODS       12
#define STRATA_DEMO_MAX_CUSTOMERS     10000000

typedef enum
{
  STRATA_DEMO_NONE = 0,
  /* Replace path when it exists (only once the new file is complete). */
  STRATA_DEMO_OVERWRITE = 1 << 0,
} StrataDemoFlags;

/* Called now and then with the share of the work done, 0 to 1. */
typedef void (*StrataDemoProgress) (double   fraction,
                                    gpointer user_data);

/* Writes the demo workspace of an internet-infrastructure company (data
 * centres, dedicated and cross-border lines, DDoS protection, cloud) to
 * path: n_customers customers with industry, region and account manager,
 * and n_periods quarters ending with 2026-Q3 of every metric the default
 * rules and the quadrant use. The same seed gives the same file contents
 * on every machine. The file is built under a temporary name and moved
 * into place when complete, so a failure never leaves a partial file nor
 * touches an existing one. */
gboolean strata_demo_write (const char          *path,
                            guint                n_customers,
                            guint64              seed,
                            guint                n_periods,
                            StrataDemoFlags      flags,
                            StrataDemoProgress   progress,
                            gpointer             user_data,
                            GError             **error);

/* The name of period index (0 = oldest) of a demo with n_periods quarters:
 * the last one is always 2026-Q3. */
char    *strata_demo_period_name (guint period_index,
                                  guint n_periods);

G_END_DECLS
