/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "strata-sorted-rows.h"

typedef struct
{
  StrataCustomerSort column;
  gboolean           descending;
  GArray            *rows;
} Kept;

struct _StrataSortedRows
{
  gatomicrefcount   ref_count;
  GMutex            lock;
  /* What every kept order is of: referenced, so that no other data or
   * result can come at the same address while an order is kept. */
  StrataPeriodData *data;
  StrataResult     *result;
  GBytes           *by_id;
  GBytes           *name_rank;
  Kept              kept[STRATA_SORTED_ROWS_KEPT];   /* latest first */
  guint             hits;
};

StrataSortedRows *
strata_sorted_rows_new (void)
{
  StrataSortedRows *self = g_new0 (StrataSortedRows, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  return self;
}

StrataSortedRows *
strata_sorted_rows_ref (StrataSortedRows *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
clear_locked (StrataSortedRows *self)
{
  for (guint i = 0; i < STRATA_SORTED_ROWS_KEPT; i++)
    g_clear_pointer (&self->kept[i].rows, g_array_unref);
  g_clear_pointer (&self->data, strata_period_data_unref);
  g_clear_pointer (&self->result, strata_result_unref);
  g_clear_pointer (&self->by_id, g_bytes_unref);
  g_clear_pointer (&self->name_rank, g_bytes_unref);
}

void
strata_sorted_rows_unref (StrataSortedRows *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  clear_locked (self);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
strata_sorted_rows_clear (StrataSortedRows *self)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  clear_locked (self);
  g_mutex_unlock (&self->lock);
}

/* Whether the kept orders are of key's data, scores and id order; the
 * name rank is compared for the Name column alone. */
static gboolean
same_source (StrataSortedRows          *self,
             const StrataSortedRowsKey *key)
{
  return self->data == key->data && self->result == key->result && self->by_id == key->by_id &&
         (key->column != STRATA_CUSTOMER_SORT_NAME || self->name_rank == key->name_rank);
}

static GArray *
reversed (GArray *rows)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (guint), rows->len);
  const guint *in = (const guint *) rows->data;
  guint *to;

  g_array_set_size (out, rows->len);
  to = (guint *) out->data;
  for (guint i = 0; i < rows->len; i++)
    to[i] = in[rows->len - 1 - i];
  return out;
}

GArray *
strata_sorted_rows_lookup (StrataSortedRows          *self,
                           const StrataSortedRowsKey *key,
                           gboolean                   descending)
{
  GArray *found = NULL, *other;
  gboolean found_descending = FALSE;

  g_return_val_if_fail (self != NULL && key != NULL, NULL);
  /* Its order depends on the previous tiers, which are not in the key. */
  if (key->column == STRATA_CUSTOMER_SORT_CHANGE || key->by_id == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  /* Kept for other data or scores (a query that ended late): no one asks
   * for them any more, and they hold a result alive. */
  if (self->data != NULL && (self->data != key->data || self->result != key->result))
    clear_locked (self);
  for (guint i = 0; same_source (self, key) && i < STRATA_SORTED_ROWS_KEPT; i++)
    if (self->kept[i].rows != NULL && self->kept[i].column == key->column)
      {
        Kept hit = self->kept[i];

        /* The latest first. */
        memmove (&self->kept[1], &self->kept[0], i * sizeof (Kept));
        self->kept[0] = hit;
        found = g_array_ref (hit.rows);
        found_descending = hit.descending;
        self->hits++;
        break;
      }
  g_mutex_unlock (&self->lock);
  if (found == NULL || found_descending == descending)
    return found;
  /* Kept the other way round: reversed outside the lock (a kept array
   * never changes). */
  other = reversed (found);
  g_array_unref (found);
  return other;
}

void
strata_sorted_rows_store (StrataSortedRows          *self,
                          const StrataSortedRowsKey *key,
                          gboolean                   descending,
                          GArray                    *rows)
{
  guint i;

  g_return_if_fail (self != NULL && key != NULL && rows != NULL);
  if (key->column == STRATA_CUSTOMER_SORT_CHANGE || key->by_id == NULL || key->data == NULL)
    return;
  g_mutex_lock (&self->lock);
  if (!same_source (self, key))
    {
      /* Other data or scores: what was kept is of no use any more. */
      clear_locked (self);
      self->data = strata_period_data_ref ((StrataPeriodData *) key->data);
      self->result = key->result != NULL ? strata_result_ref (key->result) : NULL;
      self->by_id = g_bytes_ref (key->by_id);
    }
  if (key->column == STRATA_CUSTOMER_SORT_NAME && self->name_rank != key->name_rank)
    {
      /* A name order kept under another rank is dropped. */
      for (i = 0; i < STRATA_SORTED_ROWS_KEPT; i++)
        if (self->kept[i].rows != NULL && self->kept[i].column == STRATA_CUSTOMER_SORT_NAME)
          g_clear_pointer (&self->kept[i].rows, g_array_unref);
      g_clear_pointer (&self->name_rank, g_bytes_unref);
      self->name_rank = key->name_rank != NULL ? g_bytes_ref (key->name_rank) : NULL;
    }
  /* The column's old order, or else the oldest, makes room at the front. */
  for (i = 0; i + 1 < STRATA_SORTED_ROWS_KEPT; i++)
    if (self->kept[i].rows == NULL || self->kept[i].column == key->column)
      break;
  g_clear_pointer (&self->kept[i].rows, g_array_unref);
  memmove (&self->kept[1], &self->kept[0], i * sizeof (Kept));
  self->kept[0] = (Kept) { key->column, descending, g_array_ref (rows) };
  g_mutex_unlock (&self->lock);
}

guint
strata_sorted_rows_get_hits (StrataSortedRows *self)
{
  guint hits;

  g_return_val_if_fail (self != NULL, 0);
  g_mutex_lock (&self->lock);
  hits = self->hits;
  g_mutex_unlock (&self->lock);
  return hits;
}
