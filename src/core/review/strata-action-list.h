/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataActionList: what each owner (an account manager, or any text
 * attribute chosen as the owner) has to do after a review of two periods:
 * their customers who changed tier or quadrant, why, the entitlements each
 * gains and loses at each funnel stage, the action of the quadrant it is in
 * now, and their customers on costly-to-run products. Every customer who
 * moved lands in exactly one owner's list; customers without the attribute
 * go under "(unassigned)". Computed once, then only read. */
#pragma once

#include "strata-movement.h"

G_BEGIN_DECLS

#define STRATA_ACTION_DEFAULT_OWNER "account_manager"

/* One entitlement that differs between the two tiers; values as people
 * read them ("4 h", "Yes"), NULL where the tier's cell is empty. */
typedef struct
{
  char *stage;
  char *label;
  char *from_value;
  char *to_value;
} StrataActionChange;

typedef struct
{
  gint64          customer_id;
  char           *ext_id;
  char           *name;
  char           *owner;          /* the attribute's value, NULL: unassigned */
  gboolean        tier_changed;
  StrataMoveKind  kind;           /* up/down/new/lost when tier_changed */
  char           *from_tier;      /* tier ids, NULL when absent from the period */
  char           *to_tier;
  StrataQuadrant  from_quadrant;
  StrataQuadrant  to_quadrant;
  GPtrArray      *reasons;        /* char*, translated lines */
  GPtrArray      *reasons_full;   /* char*, the same with every digit (the CSV's);
                                   * NULL where it is the line of reasons */
  GPtrArray      *gains;          /* StrataActionChange*, in matrix order */
  GPtrArray      *losses;
  char           *action;         /* the later quadrant's action; "" when none */
} StrataActionItem;

/* A customer of the owner on a costly-to-run product (the hook in
 * strata-action-costly.h; empty until products are categorised). */
typedef struct
{
  gint64  customer_id;
  char   *ext_id;
  char   *name;
  char   *product;
  double  revenue;
} StrataActionCostly;

typedef struct
{
  char      *owner;    /* NULL: unassigned */
  char      *label;    /* the owner, or "(unassigned)" translated */
  GPtrArray *items;    /* StrataActionItem*: tier moves first, then quadrant moves */
  GPtrArray *costly;   /* StrataActionCostly* */
} StrataActionOwner;

#define STRATA_TYPE_ACTION_LIST (strata_action_list_get_type ())
G_DECLARE_FINAL_TYPE (StrataActionList, strata_action_list, STRATA, ACTION_LIST, GObject)

/* The action lists from the period from_id to to_id by owner_attribute
 * (NULL: account_manager). An attribute no customer has is an error that
 * names the attributes there are. restate as strata_movement_compute(). */
StrataActionList *strata_action_list_compute (StrataWorkspace  *workspace,
                                              gint64            from_id,
                                              gint64            to_id,
                                              const char       *owner_attribute,
                                              gboolean          restate,
                                              GError          **error);

const char       *strata_action_list_get_owner_attribute (StrataActionList *self);
const char       *strata_action_list_get_from_name (StrataActionList *self);
const char       *strata_action_list_get_to_name   (StrataActionList *self);
/* A tier's colour ("#rrggbb") by its id; NULL when unknown. */
const char       *strata_action_list_get_tier_colour (StrataActionList *self,
                                                      const char       *tier_id);
/* Owners in order of their names, "(unassigned)" last; only owners with a
 * mover or a costly-product customer. */
guint             strata_action_list_get_n_owners  (StrataActionList *self);
const StrataActionOwner *strata_action_list_get_owner (StrataActionList *self,
                                                       guint             index);
/* Movers over all owners. */
guint             strata_action_list_get_n_items   (StrataActionList *self);

/* The attribute keys of the workspace, sorted (char*, transfer full). */
GPtrArray        *strata_action_list_list_attributes (StrataWorkspace  *workspace,
                                                      GError          **error);

/* "A".."D", "" for none. */
const char       *strata_action_quadrant_letter  (StrataQuadrant    quadrant);
/* The changes grouped by stage: "Stage: label from → to, label …; Stage: …". */
char             *strata_action_describe_changes (GPtrArray        *changes,
                                                  const char       *separator);

/* The CSV: owner,id,name,from_tier,to_tier,from_quadrant,to_quadrant,
 * reason,gains,losses,action; one row per mover (RFC 4180, UTF-8). owner
 * may be NULL (every owner) or one owner's label. */
char             *strata_action_list_to_csv      (StrataActionList *self,
                                                  const char       *owner);
gboolean          strata_action_list_write_csv   (StrataActionList *self,
                                                  const char       *owner,
                                                  const char       *path,
                                                  GError          **error);

/* The workbook (strata-action-list-xlsx.c): a sheet of movers with the
 * CSV's columns under translated headers (frozen, with an autofilter;
 * tier cells in the tier colours), a sheet of the customers on
 * costly-to-run products with their revenue as numbers, and an About
 * sheet (workspace, periods, rule-set version, owner attribute, date).
 * workspace may be NULL: the About sheet then leaves it out. */
gboolean          strata_action_list_write_xlsx  (StrataActionList *self,
                                                  StrataWorkspace  *workspace,
                                                  const char       *owner,
                                                  const char       *path,
                                                  GError          **error);
/* The CSV or, for a path ending in .xlsx, the workbook. */
gboolean          strata_action_list_write       (StrataActionList *self,
                                                  StrataWorkspace  *workspace,
                                                  const char       *owner,
                                                  const char       *path,
                                                  GError          **error);

G_END_DECLS
