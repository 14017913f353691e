/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "strata-customer-order.h"
#include "strata-task.h"
#include "strata-customers-query.h"

StrataCustomersQuery *
strata_customers_query_new (const StrataCustomerColumns *cols,
                            const StrataPeriodData      *data,
                            StrataResult                *result,
                            const StrataCustomerFilter  *filter)
{
  StrataCustomersQuery *query = g_new0 (StrataCustomersQuery, 1);

  g_return_val_if_fail (cols != NULL && filter != NULL, query);
  query->cols = *cols;
  query->data = data != NULL ? strata_period_data_ref ((StrataPeriodData *) data) : NULL;
  query->result = result != NULL ? strata_result_ref (result) : NULL;
  /* A byte per row each: copied, the page frees its own when they change. */
  if (cols->prev_tier != NULL && cols->n > 0)
    query->prev_tier = g_memdup2 (cols->prev_tier, cols->n);
  if (filter->attribute != NULL && cols->n > 0)
    query->attribute = g_memdup2 (filter->attribute, cols->n);
  query->cols.prev_tier = query->prev_tier;
  query->cols.tier_ids = NULL;        /* the CSV's, not read here */
  query->cols.name_is_folded = NULL;  /* set with the orders */
  query->cols.name_keys = NULL;
  query->search = g_strdup (filter->search);
  query->tier = filter->tier;
  query->quadrant = filter->quadrant;
  query->column = STRATA_CUSTOMER_SORT_ID;
  query->selected = -1;
  return query;
}

void
strata_customers_query_free (StrataCustomersQuery *query)
{
  if (query == NULL)
    return;
  g_clear_pointer (&query->data, strata_period_data_unref);
  g_clear_pointer (&query->result, strata_result_unref);
  g_free (query->prev_tier);
  g_free (query->attribute);
  g_free (query->search);
  g_clear_pointer (&query->by_id, g_bytes_unref);
  g_clear_pointer (&query->name_rank, g_bytes_unref);
  g_clear_pointer (&query->name_is_folded, g_bytes_unref);
  g_clear_pointer (&query->shown, g_array_unref);
  g_clear_pointer (&query->sorted, strata_sorted_rows_unref);
  g_free (query);
}

void
strata_customers_answer_free (StrataCustomersAnswer *answer)
{
  if (answer == NULL)
    return;
  g_clear_pointer (&answer->rows, g_array_unref);
  g_free (answer);
}

/* How often a pass over the rows looks whether a newer query came. */
#define CHECK_EVERY 16384

static gboolean
same_set (const guint *shown,
          guint        n_shown,
          GArray      *rows,
          guint        n)
{
  g_autofree guint8 *in = NULL;

  if (n_shown != rows->len)
    return FALSE;
  in = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < rows->len; i++)
    in[g_array_index (rows, guint, i)] = 1;
  for (guint i = 0; i < n_shown; i++)
    if (shown[i] >= n || !in[shown[i]])
      return FALSE;
  return TRUE;
}

/* The rows strata_customer_view_matches() keeps of rows from..to, written
 * in place from their start. */
typedef struct
{
  const StrataCustomerColumns *cols;
  const StrataCustomerFilter  *filter;
  guint                       *rows;
  guint                        from, to, kept;
  GCancellable                *cancellable;
  const char                  *anchor;   /* of the search, or NULL */
  gsize                        anchor_length;
} FilterPart;

static gpointer
filter_part (gpointer data)
{
  FilterPart *p = data;

  p->kept = 0;
  /* A search with digits or CJK in it: the rows that hold them, at once
   * (an id among a million in 5 ms instead of 40). */
  if (p->anchor != NULL)
    {
      p->kept = strata_customer_view_filter_by_anchor (p->cols, p->filter, p->anchor, p->anchor_length,
                                                       p->from, p->to, p->rows + p->from);
      return g_cancellable_is_cancelled (p->cancellable) ? NULL : p;
    }
  for (guint i = p->from; i < p->to; i++)
    {
      if ((i - p->from) % CHECK_EVERY == 0 && g_cancellable_is_cancelled (p->cancellable))
        return NULL;
      if (strata_customer_view_matches (p->cols, p->filter, i))
        p->rows[p->from + p->kept++] = i;
    }
  return p;
}

/* Below this, a second thread costs more than it saves. */
#define SPLIT_FROM 100000

/* A search reads every row's id and name (70 ms at a million customers
 * on one core of a slow machine): above SPLIT_FROM rows the upper half is
 * read by a thread of its own, meanwhile, then moved down beside the
 * lower half's. FALSE: cancelled. */
static gboolean
filter_rows (const StrataCustomerColumns *cols,
             const StrataCustomerFilter  *filter,
             guint                       *rows,
             guint                       *kept,
             GCancellable                *cancellable)
{
  guint half = cols->n >= SPLIT_FROM ? cols->n / 2 : cols->n;
  FilterPart low = { cols, filter, rows, 0, half, 0, cancellable, NULL, 0 };
  FilterPart high = { cols, filter, rows, half, cols->n, 0, cancellable, NULL, 0 };
  gboolean done;
  gsize start;

  if (filter->search != NULL && cols->strings != NULL &&
      strata_customer_view_search_anchor (filter->search, &start, &low.anchor_length))
    {
      low.anchor = high.anchor = filter->search + start;
      high.anchor_length = low.anchor_length;
    }

  done = strata_task_run_halves ("strata-search", filter_part, &low, half < cols->n ? &high : NULL);
  if (half < cols->n)
    memmove (rows + low.kept, rows + half, high.kept * sizeof (guint));
  *kept = low.kept + high.kept;
  return done;
}

/* The rows of the filter, read out of the whole period's kept order
 * (already sorted): no search, so a row's test is a byte or two. */
static GArray *
filter_sorted (const StrataCustomerColumns *cols,
               const StrataCustomerFilter  *filter,
               GArray                      *sorted,
               GCancellable                *cancellable)
{
  const guint *order = (const guint *) sorted->data;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < sorted->len; i++)
    {
      if (i % CHECK_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_array_unref (rows);
          return NULL;
        }
      if (strata_customer_view_matches (cols, filter, order[i]))
        g_array_append_val (rows, order[i]);
    }
  return rows;
}

/* The rows of the filter in row order, then sorted when the query has its
 * orders; the whole period's order is kept for the next queries. FALSE:
 * cancelled. */
static gboolean
filter_then_sort (StrataCustomersQuery        *query,
                  const StrataCustomerFilter  *filter,
                  gboolean                     all,
                  gboolean                     sortable,
                  const StrataSortedRowsKey   *key,
                  StrataCustomersAnswer       *answer,
                  GCancellable                *cancellable)
{
  StrataCustomerColumns *cols = &query->cols;
  guint *rows, k = 0;

  answer->rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), cols->n);
  g_array_set_size (answer->rows, cols->n);
  rows = (guint *) answer->rows->data;
  if (all)
    {
      for (guint i = 0; i < cols->n; i++)
        rows[i] = i;
      k = cols->n;
    }
  else if (!filter_rows (cols, filter, rows, &k, cancellable))
    return FALSE;
  g_array_set_size (answer->rows, k);
  if (k < cols->n / 2)
    {
      /* A search keeps a few rows: not the whole period's array. */
      GArray *few = g_array_sized_new (FALSE, FALSE, sizeof (guint), k);

      g_array_append_vals (few, answer->rows->data, k);
      g_array_unref (answer->rows);
      answer->rows = few;
    }
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  if (sortable)
    {
      strata_customer_order_sort (cols, g_bytes_get_data (query->by_id, NULL),
                                  query->name_rank != NULL ? g_bytes_get_data (query->name_rank, NULL) : NULL,
                                  query->column, query->descending, (guint *) answer->rows->data,
                                  answer->rows->len);
      if (all && query->sorted != NULL && !g_cancellable_is_cancelled (cancellable))
        strata_sorted_rows_store (query->sorted, key, query->descending, answer->rows);
    }
  return TRUE;
}

StrataCustomersAnswer *
strata_customers_query_run (StrataCustomersQuery *query,
                            GCancellable         *cancellable)
{
  StrataCustomerColumns *cols = &query->cols;
  StrataCustomerFilter filter = {
    .search = query->search,
    .tier = query->tier,
    .quadrant = query->quadrant,
    .attribute = query->attribute,
  };
  gboolean searching = filter.search != NULL && *filter.search != '\0';
  gboolean all = !searching && filter.tier < 0 && filter.quadrant < 0 && filter.attribute == NULL;
  gboolean sortable = query->by_id != NULL &&
                      (query->column != STRATA_CUSTOMER_SORT_NAME || query->name_rank != NULL);
  StrataSortedRowsKey key = { query->data, query->result, query->by_id, query->name_rank, query->column };
  g_autoptr(StrataCustomersAnswer) answer = g_new0 (StrataCustomersAnswer, 1);
  g_autoptr(GArray) kept = NULL;

  cols->name_is_folded = query->name_is_folded != NULL ? g_bytes_get_data (query->name_is_folded, NULL) : NULL;
  /* A search reads every row's text in row order, faster than in a kept
   * order's: its few rows are sorted after. */
  if (sortable && !searching && query->sorted != NULL)
    kept = strata_sorted_rows_lookup (query->sorted, &key, query->descending);
  if (kept != NULL && kept->len == cols->n)
    answer->rows = all ? g_array_ref (kept) : filter_sorted (cols, &filter, kept, cancellable);
  else if (!filter_then_sort (query, &filter, all, sortable, &key, answer, cancellable))
    return NULL;
  if (answer->rows == NULL || g_cancellable_is_cancelled (cancellable))
    return NULL;

  if (!sortable && query->waiting && query->shown != NULL)
    answer->same_set = same_set ((const guint *) query->shown->data, query->shown->len, answer->rows, cols->n);
  if (query->shown != NULL)
    answer->same_rows = answer->rows->len > 0 && answer->rows->len == query->shown->len &&
                        (answer->rows == query->shown ||
                         memcmp (query->shown->data, answer->rows->data, answer->rows->len * sizeof (guint)) == 0);

  answer->selected = G_MAXUINT;
  for (guint i = 0; query->selected >= 0 && i < answer->rows->len; i++)
    if (g_array_index (answer->rows, guint, i) == (guint) query->selected)
      {
        answer->selected = i;
        break;
      }
  return g_steal_pointer (&answer);
}

/* The runner ---------------------------------------------------------------- */

/* An answer later than about a frame shows that the list is updating. */
#define BUSY_AFTER_MS 20

void
strata_customers_query_runner_init (StrataCustomersQueryRunner   *runner,
                                    GObject                      *owner,
                                    StrataCustomersQueryAnswered  answered,
                                    void                        (*busy_changed) (gpointer owner))
{
  memset (runner, 0, sizeof *runner);
  runner->owner = owner;
  runner->answered = answered;
  runner->busy_changed = busy_changed;
}

static gboolean
busy_timeout (gpointer data)
{
  StrataCustomersQueryRunner *runner = data;

  runner->busy_source = 0;
  runner->busy_shown = TRUE;
  runner->busy_changed (runner->owner);
  return G_SOURCE_REMOVE;
}

static void
set_busy (StrataCustomersQueryRunner *runner,
          gboolean                    busy)
{
  if (busy && runner->busy_source == 0 && !runner->busy_shown)
    runner->busy_source = g_timeout_add (BUSY_AFTER_MS, busy_timeout, runner);
  if (!busy)
    {
      g_clear_handle_id (&runner->busy_source, g_source_remove);
      if (runner->busy_shown)
        {
          runner->busy_shown = FALSE;
          runner->busy_changed (runner->owner);
        }
    }
}

void
strata_customers_query_runner_stop (StrataCustomersQueryRunner *runner)
{
  if (runner->running != NULL)
    g_cancellable_cancel (runner->running);
  g_clear_object (&runner->running);
  g_clear_pointer (&runner->next, strata_customers_query_free);
  set_busy (runner, FALSE);
}

static void
query_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StrataCustomersAnswer *answer = strata_customers_query_run (task_data, cancellable);

  if (answer == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) strata_customers_answer_free);
}

typedef struct
{
  StrataCustomersQueryRunner *runner;   /* in owner, which the task holds */
  GCancellable               *cancellable;
} QueryCall;

static void
query_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  QueryCall *call = user_data;
  StrataCustomersQueryRunner *runner = call->runner;
  g_autoptr(GCancellable) cancellable = call->cancellable;
  g_autoptr(StrataCustomersAnswer) answer = g_task_propagate_pointer (G_TASK (result), NULL);

  g_free (call);
  /* Stopped (a new period, or the owner went). */
  if (cancellable != runner->running)
    return;
  g_clear_object (&runner->running);
  if (runner->next != NULL)
    {
      strata_customers_query_runner_start (runner, g_steal_pointer (&runner->next));
      return;
    }
  set_busy (runner, FALSE);
  if (answer != NULL && !g_cancellable_is_cancelled (cancellable))
    runner->answered (runner->owner, g_task_get_task_data (G_TASK (result)), answer);
}

void
strata_customers_query_runner_start (StrataCustomersQueryRunner *runner,
                                     StrataCustomersQuery       *query)
{
  g_autoptr(GTask) task = NULL;
  QueryCall *call;

  set_busy (runner, TRUE);
  if (runner->running != NULL)
    {
      /* The last query wins: the one running stops at its next check,
       * and this one starts when it has. */
      g_cancellable_cancel (runner->running);
      g_clear_pointer (&runner->next, strata_customers_query_free);
      runner->next = query;
      return;
    }
  runner->running = g_cancellable_new ();
  runner->started++;
  call = g_new0 (QueryCall, 1);
  call->runner = runner;
  call->cancellable = g_object_ref (runner->running);
  task = g_task_new (runner->owner, runner->running, query_done, call);
  g_task_set_source_tag (task, strata_customers_query_runner_start);
  g_task_set_task_data (task, query, (GDestroyNotify) strata_customers_query_free);
  strata_task_run_in_background (task, query_thread);
}
