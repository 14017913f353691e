/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The previous period's final tiers, one byte per row of the period shown:
 * its names, values, scores and even its customer ids are neither read nor
 * kept (a few hundred megabytes, then 8 MB, at a million customers). */
#include "config.h"

#include "strata-customer-view.h"
#include "strata-period-results.h"
#include "strata-prev-tiers.h"

struct _StrataPrevTiers
{
  guint      n;           /* rows of the data read for */
  guint64    print;       /* of its customer ids (rows_print) */
  guint8    *by_row;      /* index into tier_ids, or STRATA_TIER_NONE */
  GPtrArray *tier_ids;
};

/* Tells one period's rows from another's without keeping their ids. */
static guint64
rows_print (const StrataPeriodData *data)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037) ^ data->n;

  for (guint i = 0; i < data->n; i++)
    h = (h ^ (guint64) data->ids[i]) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

void
strata_prev_tiers_free (StrataPrevTiers *prev)
{
  if (prev == NULL)
    return;
  g_free (prev->by_row);
  g_ptr_array_unref (prev->tier_ids);
  g_free (prev);
}

StrataPrevTiers *
strata_prev_tiers_read (StrataWorkspace         *workspace,
                        gint64                   period_id,
                        const StrataPeriodData  *data,
                        GError                 **error)
{
  g_auto(StrataPeriodTiers) tiers = { 0 };
  StrataPrevTiers *prev;

  if (!strata_period_results_load_tiers (workspace, period_id, &tiers, error))
    return NULL;
  prev = g_new0 (StrataPrevTiers, 1);
  prev->n = data->n;
  prev->print = rows_print (data);
  prev->by_row = g_new (guint8, MAX (data->n, 1));
  /* Both sides are ordered by customer id: one merge walk. */
  for (guint i = 0, j = 0; i < data->n; i++)
    {
      while (j < tiers.n && tiers.ids[j] < data->ids[i])
        j++;
      prev->by_row[i] = j < tiers.n && tiers.ids[j] == data->ids[i] ? tiers.final_tier[j] : STRATA_TIER_NONE;
    }
  prev->tier_ids = g_steal_pointer (&tiers.tier_ids);
  return prev;
}

gsize
strata_prev_tiers_get_size (const StrataPrevTiers *prev)
{
  return prev != NULL ? sizeof *prev + MAX (prev->n, 1) : 0;
}

gboolean
strata_prev_tiers_fits (const StrataPrevTiers  *prev,
                        const StrataPeriodData *data)
{
  return prev != NULL && data != NULL && prev->n == data->n && prev->print == rows_print (data);
}

guint8 *
strata_prev_tiers_map (const StrataPrevTiers  *prev,
                       const StrataRules      *rules,
                       const StrataPeriodData *data)
{
  g_autofree int *map = NULL;
  guint8 *tiers;

  if (rules == NULL || !strata_prev_tiers_fits (prev, data))
    return NULL;
  map = g_new (int, MAX (prev->tier_ids->len, 1));
  for (guint t = 0; t < prev->tier_ids->len; t++)
    map[t] = strata_rules_find_tier (rules, prev->tier_ids->pdata[t]);
  tiers = g_new (guint8, MAX (data->n, 1));
  for (guint i = 0; i < data->n; i++)
    {
      guint8 t = prev->by_row[i];

      tiers[i] = t < prev->tier_ids->len && map[t] >= 0 ? map[t] : STRATA_CUSTOMER_NO_TIER;
    }
  return tiers;
}

typedef struct
{
  gint64            period_id;
  StrataPeriodData *data;
} PreviousRead;

gpointer
strata_prev_tiers_task_new (gint64                  period_id,
                            const StrataPeriodData *data)
{
  PreviousRead *r = g_new0 (PreviousRead, 1);

  r->period_id = period_id;
  r->data = strata_period_data_ref ((StrataPeriodData *) data);
  return r;
}

void
strata_prev_tiers_task_free (gpointer task)
{
  PreviousRead *r = task;

  strata_period_data_unref (r->data);
  g_free (r);
}

gpointer
strata_prev_tiers_worker (StrataWorkspace  *workspace,
                          gpointer          task,
                          GCancellable     *cancellable,
                          GError          **error)
{
  PreviousRead *r = task;

  return strata_prev_tiers_read (workspace, r->period_id, r->data, error);
}
