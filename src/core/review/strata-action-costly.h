/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hook the action lists read "customers on costly-to-run products"
 * from. Products and their categories are another capability (issue #20,
 * part 1): until it lands, strata_action_costly_customers() finds nobody and
 * the action lists show no such section. To fill it, replace the body of
 * strata_action_costly_customers() (strata-action-costly.c) with a query of
 * the period's order lines on products whose category is "costly to run":
 * one StrataCostlyUse per customer and product, biggest revenue first. */
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
