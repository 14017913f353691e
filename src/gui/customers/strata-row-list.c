/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-row-list.h"

struct _StrataCustomerRow
{
  GObject        parent_instance;
  StrataRowList *list;       /* NULL: a fixed row */
  guint          position;   /* in list */
  guint          row;
};

struct _StrataRowList
{
  GObject  parent_instance;
  GArray  *rows;
  guint    blank;   /* positions after the rows, kept a few frames */
};

G_DEFINE_FINAL_TYPE (StrataCustomerRow, strata_customer_row, G_TYPE_OBJECT)

static void
strata_customer_row_finalize (GObject *object)
{
  g_clear_object (&STRATA_CUSTOMER_ROW (object)->list);
  G_OBJECT_CLASS (strata_customer_row_parent_class)->finalize (object);
}

static void
strata_customer_row_class_init (StrataCustomerRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_customer_row_finalize;
}

static void strata_customer_row_init (StrataCustomerRow *self) { }

StrataCustomerRow *
strata_customer_row_new (guint row)
{
  StrataCustomerRow *self = g_object_new (STRATA_TYPE_CUSTOMER_ROW, NULL);

  self->row = row;
  return self;
}

guint
strata_customer_row_get_row (StrataCustomerRow *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_ROW (self), 0);
  if (self->list == NULL)
    return self->row;
  return self->position < self->list->rows->len ? g_array_index (self->list->rows, guint, self->position)
                                                : G_MAXUINT;
}

static GType
row_list_get_item_type (GListModel *model)
{
  return STRATA_TYPE_CUSTOMER_ROW;
}

static guint
row_list_get_n_items (GListModel *model)
{
  StrataRowList *self = STRATA_ROW_LIST (model);

  return self->rows->len + self->blank;
}

static gpointer
row_list_get_item (GListModel *model,
                   guint       position)
{
  StrataRowList *self = STRATA_ROW_LIST (model);

  StrataCustomerRow *item;

  if (position >= self->rows->len + self->blank)
    return NULL;
  item = g_object_new (STRATA_TYPE_CUSTOMER_ROW, NULL);
  item->list = g_object_ref (self);
  item->position = position;
  return item;
}

static void
row_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = row_list_get_item_type;
  iface->get_n_items = row_list_get_n_items;
  iface->get_item = row_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataRowList, strata_row_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, row_list_model_init))

static void
strata_row_list_finalize (GObject *object)
{
  g_array_unref (STRATA_ROW_LIST (object)->rows);
  G_OBJECT_CLASS (strata_row_list_parent_class)->finalize (object);
}

static void
strata_row_list_class_init (StrataRowListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_row_list_finalize;
}

static void
strata_row_list_init (StrataRowList *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
}

StrataRowList *
strata_row_list_new (void)
{
  return g_object_new (STRATA_TYPE_ROW_LIST, NULL);
}

void
strata_row_list_set_rows (StrataRowList *self,
                          GArray        *rows)
{
  strata_row_list_set_rows_keeping (self, rows, 0);
}

void
strata_row_list_set_rows_keeping (StrataRowList *self,
                                  GArray        *rows,
                                  guint          keep)
{
  guint before, after, kept;

  g_return_if_fail (STRATA_IS_ROW_LIST (self));
  g_return_if_fail (rows != NULL);

  before = self->rows->len + self->blank;
  self->blank = rows->len < keep && before > rows->len ? MIN (before, keep) - rows->len : 0;
  after = rows->len + self->blank;
  kept = MIN (before, after);
  g_array_unref (self->rows);
  self->rows = rows;
  /* The positions both lists have keep their items, which now show other
   * rows: the caller rebinds what is on screen. Replacing all of them made
   * GTK 4.8 ask for every new item (a million objects) looking for the
   * ones it showed, and rebuild every row widget. */
  if (before != after)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, before - kept, after - kept);
}

guint
strata_row_list_drop_blank (StrataRowList *self,
                            guint          most)
{
  guint drop;

  g_return_val_if_fail (STRATA_IS_ROW_LIST (self), 0);
  drop = MIN (most, self->blank);
  if (drop == 0)
    return self->blank;
  self->blank -= drop;
  g_list_model_items_changed (G_LIST_MODEL (self), self->rows->len + self->blank, drop, 0);
  return self->blank;
}

guint
strata_row_list_get_blank (StrataRowList *self)
{
  g_return_val_if_fail (STRATA_IS_ROW_LIST (self), 0);
  return self->blank;
}

const guint *
strata_row_list_get_rows (StrataRowList *self,
                          guint         *n_rows)
{
  g_return_val_if_fail (STRATA_IS_ROW_LIST (self), NULL);
  if (n_rows)
    *n_rows = self->rows->len;
  return (const guint *) self->rows->data;
}

GArray *
strata_row_list_ref_rows (StrataRowList *self)
{
  g_return_val_if_fail (STRATA_IS_ROW_LIST (self), NULL);
  return g_array_ref (self->rows);
}
