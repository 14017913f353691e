/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's merchant traffic funnel (strata-funnel.h): monthly
 * impressions, clicks and orders drawn around the monthly inquiries and
 * listed products the demo already has. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

enum
{
  DEMO_FUNNEL_IMPRESSIONS,
  DEMO_FUNNEL_CLICKS,
  DEMO_FUNNEL_ORDERS,
  DEMO_FUNNEL_N_METRICS
};

/* The keys of the metrics demo_funnel_add_metrics() adds, in the order above. */
extern const char *const demo_funnel_keys[DEMO_FUNNEL_N_METRICS];

/* Adds the funnel's metrics (inside the demo's transaction). */
gboolean demo_funnel_add_metrics (StrataWorkspace  *workspace,
                                  GError          **error);

/* One customer's quarter: out[DEMO_FUNNEL_*] from its listed products,
 * monthly inquiries and engagement (0..1). A stream of its own, so the
 * other metrics do not change. */
void     demo_funnel_draw        (guint64  seed,
                                  guint    customer,
                                  guint    period,
                                  double   products,
                                  double   inquiries,
                                  double   engagement,
                                  double  *out);

G_END_DECLS
