/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One row of the Review page's lists of movers, made when the list asks
 * for it (see strata-mover-model.c). */
#include "config.h"

#include "strata-mover-item.h"

struct _StrataMoverItem
{
  GObject            parent_instance;
  StrataMovement    *movement;   /* the model's deck holds both */
  const StrataMover *mover;
};

G_DEFINE_FINAL_TYPE (StrataMoverItem, strata_mover_item, G_TYPE_OBJECT)

static void
strata_mover_item_class_init (StrataMoverItemClass *klass)
{
}

static void
strata_mover_item_init (StrataMoverItem *self)
{
}

StrataMoverItem *
strata_mover_item_new (StrataMovement    *movement,
                       const StrataMover *mover)
{
  StrataMoverItem *self = g_object_new (STRATA_TYPE_MOVER_ITEM, NULL);

  self->movement = movement;
  self->mover = mover;
  return self;
}

StrataMovement *
strata_mover_item_get_movement (StrataMoverItem *self)
{
  g_return_val_if_fail (STRATA_IS_MOVER_ITEM (self), NULL);
  return self->movement;
}

const StrataMover *
strata_mover_item_get_mover (StrataMoverItem *self)
{
  g_return_val_if_fail (STRATA_IS_MOVER_ITEM (self), NULL);
  return self->mover;
}
