/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The merchant traffic funnel per group and per customer (definitions in
 * the header). One pass over the period's rows; the per-customer view
 * sorts its quadrant's values for the medians. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <stdlib.h>

#include "strata-funnel.h"

static const char *const step_keys[STRATA_FUNNEL_N_STEPS] = {
  "impressions", "clicks", "inquiries", "orders",
};

static const char *const rate_keys[STRATA_FUNNEL_N_STEPS] = {
  NULL, "click_rate", "inquiry_rate", "order_rate",
};

/* A step's metric keys, most specific first. */
static const char *const candidates[STRATA_FUNNEL_N_STEPS][4] = {
  { "impressions", NULL },
  { "clicks", NULL },
  { "inquiries", "monthly_inquiries", NULL },
  { "orders", "order_count", NULL },
};

static const char *const quadrant_letters[] = { "none", "A", "B", "C", "D" };

const char *
strata_funnel_step_key (StrataFunnelStep step)
{
  g_return_val_if_fail ((guint) step < STRATA_FUNNEL_N_STEPS, NULL);
  return step_keys[step];
}

const char *
strata_funnel_rate_key (StrataFunnelStep step)
{
  g_return_val_if_fail ((guint) step < STRATA_FUNNEL_N_STEPS, NULL);
  return rate_keys[step];
}

const char *
strata_funnel_step_label (StrataFunnelStep step)
{
  g_return_val_if_fail ((guint) step < STRATA_FUNNEL_N_STEPS, NULL);
  switch (step)
    {
    case STRATA_FUNNEL_IMPRESSIONS:
      return C_("funnel", "Impressions");
    case STRATA_FUNNEL_CLICKS:
      return C_("funnel", "Clicks");
    case STRATA_FUNNEL_INQUIRIES:
      return C_("funnel", "Inquiries");
    case STRATA_FUNNEL_ORDERS:
    default:
      return C_("funnel", "Orders");
    }
}

void
strata_funnel_resolve_keys (const StrataPeriodData *data,
                            const char            **keys)
{
  g_return_if_fail (data != NULL && keys != NULL);

  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      keys[s] = NULL;
      for (guint k = 0; candidates[s][k] != NULL; k++)
        if (strata_period_data_get_column (data, candidates[s][k]) != NULL)
          {
            keys[s] = candidates[s][k];
            break;
          }
    }
}

static double
ratio (double num,
       double den)
{
  if (isnan (num) || isnan (den) || den == 0)
    return NAN;
  return num / den;
}

/* 1 − rate / reference: how far below the reference, relatively; NaN when
 * either has no rate or the reference is 0. */
static double
shortfall (double rate,
           double reference)
{
  if (isnan (rate) || isnan (reference) || reference <= 0)
    return NAN;
  return 1.0 - rate / reference;
}

static int
weakest_step (const double *rates,
              const double *reference)
{
  int weakest = STRATA_FUNNEL_NO_STEP;
  double worst = 0;

  for (int s = 1; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      double d = shortfall (rates[s], reference[s]);

      if (!isnan (d) && d > worst + 1e-12)
        {
          worst = d;
          weakest = s;
        }
    }
  return weakest;
}

static void
group_free (gpointer data)
{
  StrataFunnelGroup *g = data;

  g_free (g->group);
  g_free (g->label);
  g_free (g);
}

void
strata_funnel_free (StrataFunnel *funnel)
{
  if (funnel == NULL)
    return;
  g_free (funnel->period_name);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    g_free (funnel->keys[s]);
  g_ptr_array_unref (funnel->groups);
  g_free (funnel);
}

static StrataFunnelGroup *
add_group (StrataFunnel *funnel,
           GHashTable   *by_group,
           const char   *group,
           const char   *label)
{
  StrataFunnelGroup *g = g_new0 (StrataFunnelGroup, 1);

  g->group = g_strdup (group);
  g->label = g_strdup (label != NULL ? label : group);
  g->weakest = STRATA_FUNNEL_NO_STEP;
  g_ptr_array_add (funnel->groups, g);
  g_hash_table_insert (by_group, g->group, g);
  return g;
}

static const char *
group_of (const StrataPeriodResults *results,
          StrataFunnelGroupBy        by,
          guint                      row)
{
  if (by == STRATA_FUNNEL_BY_QUADRANT)
    {
      guint q = results->result->quadrant[row];
      return q < G_N_ELEMENTS (quadrant_letters) ? quadrant_letters[q] : "none";
    }
  else
    {
      const char *tier = strata_period_results_get_tier_id (results, row);
      return tier != NULL ? tier : "none";
    }
}

static const char *
none_label (void)
{
  return C_("funnel group", "None");
}

StrataFunnel *
strata_funnel_compute (const StrataPeriodResults *results,
                       StrataFunnelGroupBy        by)
{
  g_autoptr(StrataFunnel) funnel = g_new0 (StrataFunnel, 1);
  g_autoptr(GHashTable) by_group = g_hash_table_new (g_str_hash, g_str_equal);
  const StrataPeriodData *data;
  const char *keys[STRATA_FUNNEL_N_STEPS];
  const double *columns[STRATA_FUNNEL_N_STEPS];
  double best_overall = -1;

  g_return_val_if_fail (results != NULL && results->data != NULL && results->result != NULL, NULL);

  data = results->data;
  funnel->by = by;
  funnel->period_id = results->period_id;
  funnel->period_name = g_strdup (results->period_name != NULL ? results->period_name
                                                               : data->period_name);
  funnel->groups = g_ptr_array_new_with_free_func (group_free);
  funnel->best = -1;
  strata_funnel_resolve_keys (data, keys);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      funnel->keys[s] = g_strdup (keys[s]);
      columns[s] = keys[s] != NULL ? strata_period_data_get_column (data, keys[s]) : NULL;
    }

  /* Every group of the rules, empty ones too, in the rules' order. */
  if (by == STRATA_FUNNEL_BY_QUADRANT)
    for (guint q = 0; q < 4; q++)
      add_group (funnel, by_group, quadrant_letters[q + 1],
                   strata_rules_get_quadrant_label (results->rules, q));
  else
    for (guint t = 0; t < results->rules->tiers->len; t++)
      {
        const StrataTier *tier = g_ptr_array_index (results->rules->tiers, t);
        add_group (funnel, by_group, tier->id, strata_tier_get_display_label (tier));
      }

  for (guint i = 0; i < data->n; i++)
    {
      const char *group = group_of (results, by, i);
      StrataFunnelGroup *g = g_hash_table_lookup (by_group, group);

      if (g == NULL)
        g = add_group (funnel, by_group, group, none_label ());
      g->customers++;
      for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
        if (columns[s] != NULL && !isnan (columns[s][i]))
          g->totals[s] += columns[s][i];
    }

  for (guint k = 0; k < funnel->groups->len; k++)
    {
      StrataFunnelGroup *g = funnel->groups->pdata[k];

      g->rates[0] = NAN;
      for (guint s = 1; s < STRATA_FUNNEL_N_STEPS; s++)
        g->rates[s] = columns[s] != NULL && columns[s - 1] != NULL
                      ? ratio (g->totals[s], g->totals[s - 1]) : NAN;
      g->overall = columns[0] != NULL && columns[STRATA_FUNNEL_ORDERS] != NULL
                   ? ratio (g->totals[STRATA_FUNNEL_ORDERS], g->totals[0]) : NAN;
      /* "none" (no quadrant or tier) is no model to follow. */
      if (!isnan (g->overall) && g->overall > best_overall && !g_str_equal (g->group, "none"))
        {
          best_overall = g->overall;
          funnel->best = (int) k;
        }
    }

  if (funnel->best >= 0)
    {
      const StrataFunnelGroup *best = funnel->groups->pdata[funnel->best];

      for (guint k = 0; k < funnel->groups->len; k++)
        {
          StrataFunnelGroup *g = funnel->groups->pdata[k];

          if ((int) k != funnel->best)
            g->weakest = weakest_step (g->rates, best->rates);
        }
    }
  return g_steal_pointer (&funnel);
}

StrataFunnel *
strata_funnel_load (StrataWorkspace      *workspace,
                    const char           *period,
                    StrataFunnelGroupBy   by,
                    GError              **error)
{
  g_autoptr(StrataPeriodResults) results = NULL;
  g_autofree char *name = NULL;
  gint64 period_id;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  if (!strata_period_find (workspace, period, &period_id, &name, error))
    return NULL;
  results = strata_period_results_load (workspace, period_id, error);
  if (results == NULL)
    return NULL;
  return strata_funnel_compute (results, by);
}

void
strata_funnel_customer_free (StrataFunnelCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->ext_id);
  g_free (customer->name);
  g_free (customer->group);
  g_free (customer->group_label);
  g_free (customer);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of the values that are not NaN, NaN when there are none. */
static double
median (GArray *values)
{
  guint n;

  if (values->len == 0)
    return NAN;
  qsort (values->data, values->len, sizeof (double), compare_doubles);
  n = values->len;
  return n % 2 ? g_array_index (values, double, n / 2)
               : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static void
customer_funnel (const double * const *columns,
                 guint                 row,
                 double               *values,
                 double               *rates)
{
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    values[s] = columns[s] != NULL ? columns[s][row] : NAN;
  rates[0] = NAN;
  for (guint s = 1; s < STRATA_FUNNEL_N_STEPS; s++)
    rates[s] = ratio (values[s], values[s - 1]);
}

StrataFunnelCustomer *
strata_funnel_customer_compute (const StrataPeriodResults *results,
                                guint                      row)
{
  g_autoptr(StrataFunnelCustomer) c = NULL;
  const StrataPeriodData *data;
  const char *keys[STRATA_FUNNEL_N_STEPS];
  const double *columns[STRATA_FUNNEL_N_STEPS];
  GArray *values[STRATA_FUNNEL_N_STEPS], *rates[STRATA_FUNNEL_N_STEPS];
  guint q;

  g_return_val_if_fail (results != NULL && results->data != NULL && results->result != NULL, NULL);

  data = results->data;
  if (row >= data->n)
    return NULL;
  strata_funnel_resolve_keys (data, keys);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    columns[s] = keys[s] != NULL ? strata_period_data_get_column (data, keys[s]) : NULL;

  c = g_new0 (StrataFunnelCustomer, 1);
  c->customer_id = data->ids[row];
  c->ext_id = g_strdup (strata_period_data_get_ext_id (data, row));
  c->name = g_strdup (strata_period_data_get_name (data, row));
  q = results->result->quadrant[row];
  if (q > STRATA_QUADRANT_NONE && q <= STRATA_QUADRANT_D)
    {
      c->group = g_strdup (quadrant_letters[q]);
      c->group_label = g_strdup (strata_rules_get_quadrant_label (results->rules, q - 1));
    }
  else
    {
      c->group = g_strdup ("none");
      c->group_label = g_strdup (none_label ());
    }
  customer_funnel (columns, row, c->values, c->rates);

  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      values[s] = g_array_new (FALSE, FALSE, sizeof (double));
      rates[s] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint i = 0; i < data->n; i++)
    {
      double v[STRATA_FUNNEL_N_STEPS], r[STRATA_FUNNEL_N_STEPS];

      if (results->result->quadrant[i] != q)
        continue;
      c->group_customers++;
      customer_funnel (columns, i, v, r);
      for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
        {
          if (!isnan (v[s]))
            g_array_append_val (values[s], v[s]);
          if (!isnan (r[s]))
            g_array_append_val (rates[s], r[s]);
        }
    }
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      c->median_values[s] = median (values[s]);
      c->median_rates[s] = median (rates[s]);
      g_array_unref (values[s]);
      g_array_unref (rates[s]);
    }
  c->weakest = weakest_step (c->rates, c->median_rates);
  return g_steal_pointer (&c);
}
