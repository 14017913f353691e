/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entitlement matrix as an Excel workbook: the columns of
 * strata_entitlements_to_csv(), numbers (number entitlements, costs) as
 * numbers, tier headers in the tiers' colours, and an About sheet. */
#pragma once

#include "strata-entitlements.h"

G_BEGIN_DECLS

/* Writes beside path and renames, so a failed export leaves an earlier
 * file as it was. Errors name the file. */
gboolean strata_entitlements_export_xlsx (StrataEntitlements  *self,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
