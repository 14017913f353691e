/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers list's sort orders that cost a pass over every name or id
 * (strata-customer-order.h), computed on a worker once per period: the
 * data is immutable, the task holds a reference to it. */
#include "config.h"

#include "strata-customer-order.h"
#include "strata-customers-page-private.h"

void
strata_customers_page_order_free (StrataCustomersPageOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->by_id);
  g_free (order->name_rank);
  g_free (order->name_is_folded);
  g_free (order);
}

static void
order_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StrataPeriodData *data = task_data;
  StrataCustomersPageOrder *order = g_new0 (StrataCustomersPageOrder, 1);

  order->by_id = strata_customer_order_by_id ((const char * const *) data->ext_ids, data->n);
  if (!g_cancellable_is_cancelled (cancellable))
    order->name_is_folded = strata_customer_order_name_is_folded ((const char * const *) data->names, data->n);
  if (!g_cancellable_is_cancelled (cancellable))
    order->name_rank = strata_customer_order_name_rank ((const char * const *) data->names, data->n);
  if (g_task_return_error_if_cancelled (task))
    strata_customers_page_order_free (order);
  else
    g_task_return_pointer (task, order, (GDestroyNotify) strata_customers_page_order_free);
}

void
strata_customers_page_load_order (StrataCustomersPage    *self,
                                  const StrataPeriodData *data,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, strata_customers_page_load_order);
  g_task_set_task_data (task, strata_period_data_ref ((StrataPeriodData *) data),
                        (GDestroyNotify) strata_period_data_unref);
  g_task_run_in_thread (task, order_thread);
}

StrataCustomersPageOrder *
strata_customers_page_load_order_finish (StrataCustomersPage  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
