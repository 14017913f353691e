/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's previous period: its customers' final tiers, read
 * on a worker and kept until the file changes, mapped by tier id onto the
 * rows shown for the Change column. */
#include "config.h"

#include "strata-context.h"
#include "strata-customers-page-private.h"
#include "strata-period.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

void
strata_customers_page_previous_forget (StrataCustomersPagePrevious *prev)
{
  if (prev->load != NULL)
    g_cancellable_cancel (prev->load);
  g_clear_object (&prev->load);
  g_clear_pointer (&prev->results, strata_prev_tiers_free);
  prev->valid = FALSE;
}

void
strata_customers_page_previous_clear (StrataCustomersPagePrevious *prev)
{
  strata_customers_page_previous_forget (prev);
  g_clear_pointer (&prev->tier, g_free);
}

/* The previous period's tiers (as the review sees them) by tier id, row by row. */
const guint8 *
strata_customers_page_previous_map (StrataCustomersPagePrevious *prev,
                                    const StrataRules           *rules,
                                    const StrataPeriodData      *data)
{
  g_clear_pointer (&prev->tier, g_free);
  prev->tier = strata_prev_tiers_map (prev->results, rules, data);
  return prev->tier;
}

static void
previous_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StrataCustomersPage *self = STRATA_CUSTOMERS_PAGE (source);
  StrataCustomersPagePrevious *prev = strata_customers_page_get_previous (self);
  g_autoptr(GCancellable) load = user_data;
  g_autoptr(StrataPrevTiers) results = NULL;

  results = strata_page_worker_finish (STRATA_PAGE (self), result, NULL);
  if (g_cancellable_is_cancelled (load) || load != prev->load)
    return;
  g_clear_object (&prev->load);
  prev->results = g_steal_pointer (&results);
  prev->valid = TRUE;
#ifdef __GLIBC__
  /* What the worker freed of the previous period stays in its arena. */
  malloc_trim (0);
#endif
  prev->ready (self);
}

const guint8 *
strata_customers_page_previous_load (StrataCustomersPagePrevious *prev,
                                     StrataCustomersPage         *self,
                                     const StrataPeriodData      *data,
                                     const StrataRules           *rules,
                                     StrataCustomersPageReady     ready)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));
  GListModel *periods = context ? strata_context_get_periods (context) : NULL;
  gint64 prev_id = 0;
  guint n = periods ? g_list_model_get_n_items (periods) : 0;

  prev->ready = ready;
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(StrataPeriod) period = g_list_model_get_item (periods, i);

      if (strata_period_get_id (period) == data->period_id)
        {
          g_autoptr(StrataPeriod) before = g_list_model_get_item (periods, i - 1);

          prev_id = strata_period_get_id (before);
          break;
        }
    }
  if (prev_id != prev->period || (!prev->valid && prev->load == NULL) ||
      (prev->valid && prev->results != NULL && !strata_prev_tiers_fits (prev->results, data)))
    {
      strata_customers_page_previous_forget (prev);
      prev->period = prev_id;
      if (prev_id > 0)
        {
          prev->load = g_cancellable_new ();
          strata_page_run_worker (STRATA_PAGE (self), strata_prev_tiers_worker,
                                  strata_prev_tiers_task_new (prev_id, data), strata_prev_tiers_task_free,
                                  (GDestroyNotify) strata_prev_tiers_free,
                                  prev->load, previous_read, g_object_ref (prev->load));
        }
    }
  return strata_customers_page_previous_map (prev, rules, data);
}
