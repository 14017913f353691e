/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-format.h"
#include "strata-funnel-text.h"

static char *
percent (double rate)
{
  /* Enough decimals for overall rates of a few in ten thousand. */
  return strata_format_percent (strata_number_format_get_default (), rate,
                                rate < 0.001 ? 3 : rate < 0.01 ? 2 : rate < 0.1 ? 1 : 0);
}

gboolean
strata_funnel_text_has_funnel (const StrataPeriodData *data)
{
  const char *keys[STRATA_FUNNEL_N_STEPS];

  g_return_val_if_fail (data != NULL, FALSE);
  strata_funnel_resolve_keys (data, keys);
  for (guint s = 1; s < STRATA_FUNNEL_N_STEPS; s++)
    if (keys[s] != NULL && keys[s - 1] != NULL)
      return TRUE;
  return FALSE;
}

char *
strata_funnel_text_summary (const StrataFunnel *funnel)
{
  const StrataFunnelGroup *best;
  GString *text;

  g_return_val_if_fail (funnel != NULL, NULL);

  if (funnel->best < 0)
    return g_strdup (_("No group converts impressions into orders yet, so there is no best one to compare with."));
  best = funnel->groups->pdata[funnel->best];
  {
    g_autofree char *overall = percent (best->overall);

    text = g_string_new (NULL);
    /* Translators: "B · Natural fit", then a share such as "1.4%". */
    g_string_append_printf (text, _("Best conversion: %s · %s, %s of impressions end in an order."),
                            best->group, best->label, overall);
  }
  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;

      if (g->weakest == STRATA_FUNNEL_NO_STEP || g->customers == 0)
        continue;
      ours = percent (g->rates[g->weakest]);
      theirs = percent (best->rates[g->weakest]);
      g_string_append_c (text, '\n');
      /* Translators: group, funnel step, its rate, the best group's rate, e.g.
       * "C · Effort without results loses most at Inquiries: 1.3% against 4.8%". */
      g_string_append_printf (text, _("%s · %s loses most at %s: %s against %s."),
                              g->group, g->label, strata_funnel_step_label (g->weakest), ours, theirs);
    }
  return g_string_free (text, FALSE);
}

char *
strata_funnel_text_customer_note (const StrataFunnelCustomer *c)
{
  g_autofree char *ours = NULL;
  g_autofree char *median = NULL;

  g_return_val_if_fail (c != NULL, NULL);

  if (c->weakest == STRATA_FUNNEL_NO_STEP)
    /* Translators: %s is a quadrant letter. */
    return g_strdup_printf (_("No step of this customer's funnel is below the median of quadrant %s."),
                            c->group);
  ours = percent (c->rates[c->weakest]);
  median = percent (c->median_rates[c->weakest]);
  /* Translators: funnel step, the customer's rate, quadrant letter, the median rate. */
  return g_strdup_printf (_("Weakest step: %s, %s against a median of %s in quadrant %s."),
                          strata_funnel_step_label (c->weakest), ours, median, c->group);
}
