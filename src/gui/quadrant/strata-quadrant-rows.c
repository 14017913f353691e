/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-quadrant-rows.h"

struct _StrataQuadrantRow
{
  GObject parent_instance;
  guint   position;
};

G_DEFINE_FINAL_TYPE (StrataQuadrantRow, strata_quadrant_row, G_TYPE_OBJECT)

static void
strata_quadrant_row_class_init (StrataQuadrantRowClass *klass)
{
}

static void
strata_quadrant_row_init (StrataQuadrantRow *self)
{
}

guint
strata_quadrant_row_get_position (StrataQuadrantRow *row)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_ROW (row), 0);
  return row->position;
}

struct _StrataQuadrantRows
{
  GObject             parent_instance;
  guint               n;
  StrataQuadrantRow **items;  /* n, NULL until asked for */
  guint              *order;  /* n data rows, or NULL: their own order */
};

static GType
rows_get_item_type (GListModel *model)
{
  return STRATA_TYPE_QUADRANT_ROW;
}

static guint
rows_get_n_items (GListModel *model)
{
  return STRATA_QUADRANT_ROWS (model)->n;
}

static gpointer
rows_get_item (GListModel *model,
               guint       position)
{
  StrataQuadrantRows *self = STRATA_QUADRANT_ROWS (model);

  if (position >= self->n)
    return NULL;
  if (self->items[position] == NULL)
    {
      self->items[position] = g_object_new (STRATA_TYPE_QUADRANT_ROW, NULL);
      self->items[position]->position = position;
    }
  return g_object_ref (self->items[position]);
}

static void
rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rows_get_item_type;
  iface->get_n_items = rows_get_n_items;
  iface->get_item = rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataQuadrantRows, strata_quadrant_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rows_model_init))

static void
rows_clear (StrataQuadrantRows *self)
{
  for (guint i = 0; i < self->n; i++)
    g_clear_object (&self->items[i]);
  g_clear_pointer (&self->items, g_free);
  g_clear_pointer (&self->order, g_free);
  self->n = 0;
}

static void
strata_quadrant_rows_finalize (GObject *object)
{
  rows_clear (STRATA_QUADRANT_ROWS (object));
  G_OBJECT_CLASS (strata_quadrant_rows_parent_class)->finalize (object);
}

static void
strata_quadrant_rows_class_init (StrataQuadrantRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_quadrant_rows_finalize;
}

static void
strata_quadrant_rows_init (StrataQuadrantRows *self)
{
}

StrataQuadrantRows *
strata_quadrant_rows_new (void)
{
  return g_object_new (STRATA_TYPE_QUADRANT_ROWS, NULL);
}

guint
strata_quadrant_rows_get_n (StrataQuadrantRows *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_ROWS (self), 0);
  return self->n;
}

void
strata_quadrant_rows_set_n (StrataQuadrantRows *self,
                            guint               n)
{
  guint removed;

  g_return_if_fail (STRATA_IS_QUADRANT_ROWS (self));
  removed = self->n;
  rows_clear (self);
  self->n = n;
  self->items = g_new0 (StrataQuadrantRow *, MAX (n, 1));
  if (removed > 0 || n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n);
}

void
strata_quadrant_rows_set_order (StrataQuadrantRows *self,
                                guint              *order)
{
  g_return_if_fail (STRATA_IS_QUADRANT_ROWS (self));
  g_free (self->order);
  self->order = order;
}

gboolean
strata_quadrant_rows_is_ordered (StrataQuadrantRows *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_ROWS (self), FALSE);
  return self->order != NULL;
}

guint
strata_quadrant_rows_row_at (StrataQuadrantRows *self,
                             guint               position)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_ROWS (self), position);
  return self->order != NULL && position < self->n ? self->order[position] : position;
}
