/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-row-list.h"

struct _StrataCustomerRow
{
  GObject parent_instance;
  guint   row;
};

G_DEFINE_FINAL_TYPE (StrataCustomerRow, strata_customer_row, G_TYPE_OBJECT)
static void strata_customer_row_class_init (StrataCustomerRowClass *klass) { }
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
  return self->row;
}

struct _StrataRowList
{
  GObject  parent_instance;
  GArray  *rows;
};

static GType
row_list_get_item_type (GListModel *model)
{
  return STRATA_TYPE_CUSTOMER_ROW;
}

static guint
row_list_get_n_items (GListModel *model)
{
  return STRATA_ROW_LIST (model)->rows->len;
}

static gpointer
row_list_get_item (GListModel *model,
                   guint       position)
{
  StrataRowList *self = STRATA_ROW_LIST (model);

  if (position >= self->rows->len)
    return NULL;
  return strata_customer_row_new (g_array_index (self->rows, guint, position));
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
  guint removed;

  g_return_if_fail (STRATA_IS_ROW_LIST (self));
  g_return_if_fail (rows != NULL);

  removed = self->rows->len;
  g_array_unref (self->rows);
  self->rows = rows;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rows->len);
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
