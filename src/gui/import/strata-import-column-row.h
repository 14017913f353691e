/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A row of the import preview's Columns list: one column of the file (its
 * header, a sample value) and what it becomes, chosen from the roles. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STRATA_TYPE_IMPORT_COLUMN_ROW (strata_import_column_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataImportColumnRow, strata_import_column_row, STRATA, IMPORT_COLUMN_ROW,
                      AdwComboRow)

/* Column col of the file, titled header, with its first value sample (may
 * be NULL); roles holds the role labels, selected the current one (-1: none). */
GtkWidget *strata_import_column_row_new        (guint       column,
                                                const char *header,
                                                const char *sample,
                                                GListModel *roles,
                                                int         selected);
guint      strata_import_column_row_get_column (StrataImportColumnRow *self);

G_END_DECLS
