/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The movers of one kind as a list model whose items are made when asked
 * for, so that a list of any length costs nothing until shown (hundreds of
 * thousands of movers at a million customers). */
#include "config.h"

#include "strata-mover-model.h"
#include "strata-review-page-private.h"

struct _StrataMoverModel
{
  GObject           parent_instance;
  StrataReviewDeck *deck;      /* the items point into its movement */
  StrataMovement   *movement;
  GPtrArray        *movers;
};

static GType
mover_model_get_item_type (GListModel *model)
{
  return STRATA_TYPE_MOVER_ITEM;
}

static guint
mover_model_get_n_items (GListModel *model)
{
  return STRATA_MOVER_MODEL (model)->movers->len;
}

static gpointer
mover_model_get_item (GListModel *model,
                      guint       position)
{
  StrataMoverModel *self = STRATA_MOVER_MODEL (model);

  if (position >= self->movers->len)
    return NULL;
  return strata_mover_item_new (self->movement, self->movers->pdata[position]);
}

static void
strata_mover_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = mover_model_get_item_type;
  iface->get_n_items = mover_model_get_n_items;
  iface->get_item = mover_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataMoverModel, strata_mover_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, strata_mover_model_list_init))

static void
strata_mover_model_finalize (GObject *object)
{
  /* Freed on a thread of its own when this is the last reference. */
  strata_review_release_deck (STRATA_MOVER_MODEL (object)->deck);
  G_OBJECT_CLASS (strata_mover_model_parent_class)->finalize (object);
}

static void
strata_mover_model_class_init (StrataMoverModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_mover_model_finalize;
}

static void
strata_mover_model_init (StrataMoverModel *self)
{
}

GListModel *
strata_mover_model_new (StrataReviewDeck *deck,
                        StrataMoveKind    kind)
{
  StrataMoverModel *self;

  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (deck), NULL);
  self = g_object_new (STRATA_TYPE_MOVER_MODEL, NULL);
  self->deck = g_object_ref (deck);
  self->movement = strata_review_deck_get_movement (deck);
  self->movers = strata_movement_get_movers (self->movement, kind);
  return G_LIST_MODEL (self);
}
