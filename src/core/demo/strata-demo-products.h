/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's products: a categorised catalogue of a cloud and data-centre
 * company, and each customer's order amount of a quarter split over its
 * products, so that the product view adds up to the order amounts. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* Writes period (0-based, of n_periods) period_id's product revenue:
 * amounts[i] is customer i + 1's order amount (NaN: not in the period).
 * The first period also writes the catalogue, the last the sale dates. */
gboolean strata_demo_products_write_period (StrataWorkspace  *workspace,
                                            guint64           seed,
                                            guint             period,
                                            guint             n_periods,
                                            gint64            period_id,
                                            const double     *amounts,
                                            guint             n,
                                            GError          **error);

G_END_DECLS
