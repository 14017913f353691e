/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's traffic funnel. A merchant's inquiries per listed product say
 * how good its listings are (quality 1 is the demo's average, 0.2 a
 * month). Exposure comes with the effort (every listed product is shown
 * about 300 times a month); what turns it into clicks, inquiries and
 * orders comes with the quality. So "effort without results" merchants
 * (many products, few inquiries: quadrant C) have plenty of impressions
 * and lose them on the way, mostly between a click and an inquiry. */
#include "config.h"

#include <math.h>

#include "strata-demo-funnel.h"
#include "strata-prng.h"

const char *const demo_funnel_keys[DEMO_FUNNEL_N_METRICS] = {
  "impressions", "clicks", "orders",
};

gboolean
demo_funnel_add_metrics (StrataWorkspace  *workspace,
                         GError          **error)
{
  /* Labels in the workspace, like the built-in metrics: imports match a
   * column header in any of the three languages. */
  return strata_workspace_exec (workspace,
                                "INSERT INTO metrics (key, label, label_zh_cn, label_zh_tw, kind, unit,"
                                " builtin, position) VALUES"
                                " ('impressions', 'Monthly impressions', '月曝光量', '月曝光量', 'count', '', 0,"
                                "  (SELECT MAX (position) + 1 FROM metrics)),"
                                " ('clicks', 'Monthly clicks', '月点击量', '月點擊量', 'count', '', 0,"
                                "  (SELECT MAX (position) + 2 FROM metrics)),"
                                " ('orders', 'Monthly orders', '月订单量', '月訂單量', 'count', '', 0,"
                                "  (SELECT MAX (position) + 3 FROM metrics));",
                                error);
}

static double
draw_count (StrataPrng *prng,
            double      mean)
{
  return mean > 40 ? round (mean) : strata_prng_poisson (prng, mean);
}

void
demo_funnel_draw (guint64  seed,
                  guint    customer,
                  guint    period,
                  double   products,
                  double   inquiries,
                  double   engagement,
                  double  *out)
{
  StrataPrng prng;
  double quality, impressions, clicks, ctr, close, orders;

  /* Its own stream: period keys above the demo's own. */
  strata_prng_init (&prng, seed, customer + 1, 0x10000 + period);

  quality = products > 0 ? CLAMP (inquiries / (0.2 * products), 0.05, 8.0) : 1.0;
  impressions = round (products * 300.0 * exp (0.3 * strata_prng_normal (&prng)));
  ctr = 0.03 * pow (quality, 0.3) * exp (0.15 * strata_prng_normal (&prng));
  clicks = draw_count (&prng, impressions * MIN (ctr, 0.5));
  /* Inquiries come through clicks. */
  clicks = MAX (clicks, inquiries);
  impressions = MAX (impressions, clicks);
  close = CLAMP ((0.1 + 0.25 * engagement) * pow (quality, 0.25), 0.02, 0.7);
  out[DEMO_FUNNEL_IMPRESSIONS] = impressions;
  out[DEMO_FUNNEL_CLICKS] = clicks;
  /* A draw in a variable of its own: MIN evaluates twice. */
  orders = draw_count (&prng, inquiries * close);
  out[DEMO_FUNNEL_ORDERS] = MIN (inquiries, orders);
}
