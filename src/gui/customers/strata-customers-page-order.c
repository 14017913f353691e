/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers list's sort orders that cost a pass over every name or id
 * (strata-customer-order.h), computed on workers once per period: the
 * data is immutable, each task holds a reference to it. The id order
 * (every sort's ties) and the names' ranks come from two tasks, so a sort
 * by score waits only for the first; a sort asked for before its order is
 * there waits for it (the page shows a spinner) instead of computing it
 * on the main thread, a second or two at a million customers. The names'
 * ranks are kept in the workspace once computed (strata-name-ranks.h):
 * the next opening reads them in milliseconds. */
#include "config.h"

#include "strata-customer-order.h"
#include "strata-name-ranks.h"
#include "strata-task.h"
#include "strata-customers-page-private.h"

typedef enum
{
  ORDER_BY_ID,
  ORDER_NAMES,
  ORDER_FOLDED,
} OrderKind;

typedef struct
{
  StrataPeriodData *data;
  OrderKind         kind;
  char             *path;   /* the workspace's, for the names' ranks kept */
} OrderTask;

static void
order_task_free (OrderTask *t)
{
  strata_period_data_unref (t->data);
  g_free (t->path);
  g_free (t);
}

void
strata_customers_page_order_free (StrataCustomersPageOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->by_id);
  g_free (order->name_rank);
  g_free (order->name_is_folded);
  g_free (order->collation);
  g_free (order);
}

/* The names' ranks as kept in the workspace for these names and this
 * collation, else computed (and kept by the main thread). A workspace that
 * cannot be opened here only costs the computing. */
static void
names_thread (OrderTask                *t,
              StrataCustomersPageOrder *order,
              GCancellable             *cancellable)
{
  const StrataPeriodData *data = t->data;
  g_autoptr(StrataWorkspace) ws = NULL;

  order->collation = strata_customer_order_collation ();
  order->names_hash = strata_customer_order_names_hash (data, data->n);
  if (t->path != NULL)
    ws = strata_workspace_open (t->path, cancellable, NULL);
  if (ws != NULL)
    order->name_rank = strata_name_ranks_read (ws, data->period_id, order->collation,
                                               order->names_hash, data->n);
  order->name_rank_read = order->name_rank != NULL;
  if (order->name_rank == NULL && !g_cancellable_is_cancelled (cancellable))
    order->name_rank = strata_customer_order_name_rank (data, data->n);
}

static void
order_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OrderTask *t = task_data;
  const StrataPeriodData *data = t->data;
  StrataCustomersPageOrder *order = g_new0 (StrataCustomersPageOrder, 1);

  if (t->kind == ORDER_BY_ID)
    {
      order->by_id = strata_customer_order_by_id (data, data->n);
      order->has_by_id = TRUE;
    }
  else if (t->kind == ORDER_NAMES)
    names_thread (t, order, cancellable);
  else
    order->name_is_folded = strata_customer_order_name_is_folded (data, data->n);
  if (g_task_return_error_if_cancelled (task))
    strata_customers_page_order_free (order);
  else
    g_task_return_pointer (task, order, (GDestroyNotify) strata_customers_page_order_free);
}

static void
run_order (OrderKind               kind,
           StrataCustomersPage    *self,
           const StrataPeriodData *data,
           GCancellable           *cancellable,
           GAsyncReadyCallback     callback,
           gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  OrderTask *t = g_new0 (OrderTask, 1);

  StrataWorkspace *workspace = strata_page_get_workspace (STRATA_PAGE (self));

  t->data = strata_period_data_ref ((StrataPeriodData *) data);
  t->kind = kind;
  t->path = workspace != NULL ? g_strdup (strata_workspace_get_path (workspace)) : NULL;
  g_task_set_source_tag (task, strata_customers_page_orders_set_data);
  g_task_set_task_data (task, t, (GDestroyNotify) order_task_free);
  strata_task_run_in_background (task, order_thread);
}

/* The orders of the period shown -------------------------------------------- */

void
strata_customers_page_orders_forget (StrataCustomersPageOrders *orders)
{
  if (orders->load != NULL)
    g_cancellable_cancel (orders->load);
  g_clear_object (&orders->load);
  orders->pending = 0;
  g_clear_pointer (&orders->data, strata_period_data_unref);
  g_clear_pointer (&orders->by_id_bytes, g_bytes_unref);
  g_clear_pointer (&orders->name_rank_bytes, g_bytes_unref);
  g_clear_pointer (&orders->name_is_folded_bytes, g_bytes_unref);
  orders->by_id = NULL;
  orders->name_rank = NULL;
  orders->name_is_folded = NULL;
}

/* Takes array (n_bytes long) into *bytes; returns it for reading. A NULL
 * array (the id order of rows in id order) is an empty GBytes, whose data
 * strata_customer_order_sort() reads as NULL. */
static gpointer
take_bytes (GBytes   **bytes,
            gpointer   array,
            gsize      n_bytes)
{
  *bytes = g_bytes_new_take (array, array != NULL ? n_bytes : 0);
  return array;
}

typedef struct
{
  StrataCustomersPageOrders *orders;   /* the page's: valid while load is not cancelled */
  GCancellable              *load;
  StrataCustomersPageReady   ready;
} OrderCall;

/* Ranks computed are kept in the workspace, on the window's connection:
 * its own commits do not read as another program's (PRAGMA data_version),
 * and name_ranks does not count as a change to the periods' data. A
 * workspace that cannot take them (read-only, busy, full) only misses the
 * next opening's head start. */
static void
keep_name_ranks (StrataCustomersPageOrders *orders,
                 StrataCustomersPage       *self,
                 StrataCustomersPageOrder  *order)
{
  StrataWorkspace *workspace = strata_page_get_workspace (STRATA_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (order->name_rank_read)
    {
      orders->name_ranks_read++;
      return;
    }
  if (workspace == NULL || strata_workspace_get_read_only (workspace) ||
      strata_workspace_in_transaction (workspace) || order->collation == NULL)
    return;
  if (strata_name_ranks_write (workspace, orders->data->period_id, order->collation, order->names_hash,
                               order->name_rank, orders->data->n, &error))
    orders->name_ranks_kept++;
  else
    g_debug ("The names’ order was not kept: %s", error->message);
}

static void
order_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  OrderCall *call = user_data;
  StrataCustomersPageOrders *orders = call->orders;
  StrataCustomersPageOrder *order = g_task_propagate_pointer (G_TASK (result), NULL);

  /* The page forgot these orders (a new period, or it went): orders may be gone. */
  if (order != NULL && !g_cancellable_is_cancelled (call->load) && call->load == orders->load)
    {
      /* Should one be there already (made on the main thread), it stays. */
      gsize n = MAX (orders->data->n, 1);

      if (orders->by_id_bytes == NULL && order->has_by_id)
        orders->by_id = take_bytes (&orders->by_id_bytes, g_steal_pointer (&order->by_id),
                                    n * sizeof (guint32));
      if (orders->name_rank == NULL && order->name_rank != NULL)
        {
          keep_name_ranks (orders, STRATA_CUSTOMERS_PAGE (source), order);
          orders->name_rank = take_bytes (&orders->name_rank_bytes, g_steal_pointer (&order->name_rank),
                                          n * sizeof (guint32));
        }
      if (orders->name_is_folded == NULL && order->name_is_folded != NULL)
        orders->name_is_folded = take_bytes (&orders->name_is_folded_bytes,
                                             g_steal_pointer (&order->name_is_folded), n);
      if (--orders->pending == 0)
        g_clear_object (&orders->load);
      call->ready (STRATA_CUSTOMERS_PAGE (source));
    }
  strata_customers_page_order_free (order);
  g_object_unref (call->load);
  g_free (call);
}

void
strata_customers_page_orders_set_data (StrataCustomersPageOrders *orders,
                                       StrataCustomersPage       *self,
                                       const StrataPeriodData    *data,
                                       StrataCustomersPageReady   ready)
{
  if (orders->data == data)
    return;
  /* A view with other overrides over the same names and ids. */
  if (orders->data != NULL && data != NULL && orders->data->n == data->n &&
      orders->data->text_at == data->text_at)
    {
      strata_period_data_unref (orders->data);
      orders->data = strata_period_data_ref ((StrataPeriodData *) data);
      return;
    }
  strata_customers_page_orders_forget (orders);
  if (data == NULL || data->n == 0)
    return;
  orders->data = strata_period_data_ref ((StrataPeriodData *) data);
  orders->load = g_cancellable_new ();
  for (OrderKind kind = ORDER_BY_ID; kind <= ORDER_FOLDED; kind++)
    {
      OrderCall *call = g_new0 (OrderCall, 1);

      call->orders = orders;
      call->load = g_object_ref (orders->load);
      call->ready = ready;
      orders->pending++;
      run_order (kind, self, data, orders->load, order_loaded, call);
    }
}

gboolean
strata_customers_page_orders_ensure (StrataCustomersPageOrders   *orders,
                                     const StrataCustomerColumns *cols,
                                     gboolean                     names)
{
  /* On their way: the caller waits for them. */
  if ((orders->by_id_bytes == NULL || (names && orders->name_rank == NULL)) && orders->load != NULL)
    return FALSE;
  /* Nothing computes them (cannot happen while the page shows rows, but
   * a sort must never stay waiting): made here, and counted. */
  if (orders->by_id_bytes == NULL)
    {
      orders->by_id = take_bytes (&orders->by_id_bytes,
                                  strata_customer_order_by_id (cols->strings, cols->n),
                                  MAX (cols->n, 1) * sizeof (guint32));
      orders->main_thread_orders++;
    }
  if (names && orders->name_rank == NULL)
    {
      orders->name_rank = take_bytes (&orders->name_rank_bytes,
                                      strata_customer_order_name_rank (cols->strings, cols->n),
                                      MAX (cols->n, 1) * sizeof (guint32));
      orders->main_thread_orders++;
    }
  return TRUE;
}
