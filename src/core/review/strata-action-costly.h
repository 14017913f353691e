/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Customers on costly-to-run products for the action lists: the period's
 * product revenue (products/) on products whose category is "costly", one
 * StrataCostlyUse per customer and product, biggest revenue first. A
 * workspace without product lines has none, and the lists leave the
 * section out. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  customer_id;
  char   *product;   /* as people read it: "POST · Postage" */
  double  revenue;   /* the customer's revenue on it in the period; NaN if unknown */
} StrataCostlyUse;

void       strata_costly_use_free          (StrataCostlyUse  *use);

/* Customers of period_id on costly-to-run products (StrataCostlyUse*,
 * transfer full; empty, never NULL on success). */
GPtrArray *strata_action_costly_customers  (StrataWorkspace  *workspace,
                                            gint64            period_id,
                                            GError          **error);

G_END_DECLS
