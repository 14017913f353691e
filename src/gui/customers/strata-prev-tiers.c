/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The previous period's final tiers, by customer id: its names, values and
 * scores are neither read nor kept (a few hundred megabytes at a million
 * customers). */
#include "config.h"

#include "strata-customer-view.h"
#include "strata-period-results.h"
#include "strata-prev-tiers.h"

struct _StrataPrevTiers
{
  guint      n;
  gint64    *ids;         /* ascending, as the period's rows */
  guint8    *final_tier;  /* index into tier_ids */
  GPtrArray *tier_ids;
};

void
strata_prev_tiers_free (StrataPrevTiers *prev)
{
  if (prev == NULL)
    return;
  g_free (prev->ids);
  g_free (prev->final_tier);
  g_ptr_array_unref (prev->tier_ids);
  g_free (prev);
}

/* Runs on a worker: the previous period's final tiers as the review sees
 * them, read without its names or unused columns. */
StrataPrevTiers *
strata_prev_tiers_read (StrataWorkspace  *workspace,
                        gint64            period_id,
                        GError          **error)
{
  g_auto(StrataPeriodTiers) tiers = { 0 };
  StrataPrevTiers *prev;

  if (!strata_period_results_load_tiers (workspace, period_id, &tiers, error))
    return NULL;
  prev = g_new0 (StrataPrevTiers, 1);
  prev->n = tiers.n;
  prev->ids = g_steal_pointer (&tiers.ids);
  prev->final_tier = g_steal_pointer (&tiers.final_tier);
  prev->tier_ids = g_steal_pointer (&tiers.tier_ids);
  return prev;
}

/* Each row of data's previous tier under rules (matched by tier id), or
 * STRATA_CUSTOMER_NO_TIER; NULL when there is nothing to compare. */
guint8 *
strata_prev_tiers_map (const StrataPrevTiers  *prev,
                       const StrataRules      *rules,
                       const StrataPeriodData *data)
{
  g_autofree int *map = NULL;
  guint8 *tiers;

  if (prev == NULL || rules == NULL || data == NULL)
    return NULL;
  map = g_new (int, MAX (prev->tier_ids->len, 1));
  for (guint t = 0; t < prev->tier_ids->len; t++)
    map[t] = strata_rules_find_tier (rules, prev->tier_ids->pdata[t]);
  tiers = g_new (guint8, MAX (data->n, 1));
  /* Both sides are ordered by customer id: one merge walk. */
  for (guint i = 0, j = 0; i < data->n; i++)
    {
      while (j < prev->n && prev->ids[j] < data->ids[i])
        j++;
      tiers[i] = STRATA_CUSTOMER_NO_TIER;
      if (j < prev->n && prev->ids[j] == data->ids[i])
        {
          guint8 t = prev->final_tier[j];

          if (t < prev->tier_ids->len && map[t] >= 0)
            tiers[i] = map[t];
        }
    }
  return tiers;
}
