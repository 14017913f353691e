/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "strata-period-data-private.h"

/* The column of metrics without any value: one array of NaN for the whole
 * process (8 MB at a million customers, once instead of once per data set
 * held), counted, freed with its last holder. A data set takes the longest
 * one alive that is long enough, else a new one (a power of two long, so
 * that a slightly bigger period shares it too). */
typedef struct
{
  double *values;
  gsize   len;
  guint   holders;
} NoneColumn;

G_LOCK_DEFINE_STATIC (nones);
static GArray *nones;

double *
strata_period_none_acquire (gsize n)
{
  NoneColumn *best = NULL;
  NoneColumn fresh = { NULL, 1024, 0 };
  double *values;

  G_LOCK (nones);
  if (nones == NULL)
    nones = g_array_new (FALSE, FALSE, sizeof (NoneColumn));
  for (guint i = 0; i < nones->len; i++)
    {
      NoneColumn *c = &g_array_index (nones, NoneColumn, i);

      if (c->len >= n && (best == NULL || c->len > best->len))
        best = c;
    }
  if (best == NULL)
    {
      while (fresh.len < n)
        fresh.len *= 2;
      fresh.values = g_new (double, fresh.len);
      for (gsize i = 0; i < fresh.len; i++)
        fresh.values[i] = NAN;
      g_array_append_val (nones, fresh);
      best = &g_array_index (nones, NoneColumn, nones->len - 1);
    }
  best->holders++;
  values = best->values;
  G_UNLOCK (nones);
  return values;
}

void
strata_period_none_release (double *values)
{
  G_LOCK (nones);
  for (guint i = 0; nones != NULL && i < nones->len; i++)
    {
      NoneColumn *c = &g_array_index (nones, NoneColumn, i);

      if (c->values == values && --c->holders == 0)
        {
          g_free (c->values);
          g_array_remove_index_fast (nones, i);
          break;
        }
    }
  G_UNLOCK (nones);
}
