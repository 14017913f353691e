/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The movement's movers as a table people filter: one row per customer
 * who moved (up, down, new, lost) with tiers, scores, revenue and reasons.
 * CSV (UTF-8 with a BOM, CR LF, RFC 4180), or an Excel workbook when path
 * ends in .xlsx (scores and revenue as numbers, tiers in their colours). */
#pragma once

#include "strata-movement.h"

G_BEGIN_DECLS

/* Writes beside path and renames it over; errors name the file. */
gboolean strata_movement_export (StrataMovement  *movement,
                                 const char      *path,
                                 GError         **error);

G_END_DECLS
