/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's second page: the first rows as they will be
 * read, what each column becomes, and the rows that cannot be imported. */
#pragma once

#include <gtk/gtk.h>

#include "strata-import.h"

G_BEGIN_DECLS

#define STRATA_TYPE_IMPORT_PREVIEW_PAGE (strata_import_preview_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataImportPreviewPage, strata_import_preview_page, STRATA,
                      IMPORT_PREVIEW_PAGE, GtkBox)

/* Signal "column-role-chosen" (guint column, const char *role id): the
 * user chose what a column becomes. It comes from idle, as the dropdown is
 * still inside its own change when the choice is made. */

/* The preview shown (NULL: none); the caller keeps it alive and says when
 * it goes. The table reads it as its rows come into view. */
void strata_import_preview_page_set_preview    (StrataImportPreviewPage   *self,
                                                const StrataImportPreview *preview);
/* Builds the table, the Columns list (roles: StrataImportRole, for the
 * kind; with same_columns the rows stay and show the preview's roles) and
 * the problems; error says why there is no preview. */
void strata_import_preview_page_rebuild        (StrataImportPreviewPage   *self,
                                                GPtrArray                 *roles,
                                                const GError              *error,
                                                gboolean                   same_columns,
                                                gboolean                   strict);
/* The problems alone, as "Stop at any bad row" changes. */
void strata_import_preview_page_update_problems (StrataImportPreviewPage  *self,
                                                const GError              *error,
                                                gboolean                   strict);

G_END_DECLS
