/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A row that names a rejected row of the file ("Line 4, column “amount”:
 * “12abc”") with the reason under it: the preview's problems (with a
 * warning sign) and the summary's rejected rows. */
#pragma once

#include <adwaita.h>

#include "strata-import.h"

G_BEGIN_DECLS

#define STRATA_TYPE_IMPORT_REJECT_ROW (strata_import_reject_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataImportRejectRow, strata_import_reject_row, STRATA, IMPORT_REJECT_ROW,
                      AdwActionRow)

/* reject may be NULL for a row of title alone. */
GtkWidget *strata_import_reject_row_new (const StrataImportReject *reject,
                                         const char               *title,
                                         gboolean                  warning);

G_END_DECLS
