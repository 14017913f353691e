/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant: file and kind, preview and column mapping, the
 * import in a worker thread with progress and Cancel, and a summary. */
#pragma once

#include <adwaita.h>

#include "strata-context.h"
#include "strata-import.h"

G_BEGIN_DECLS

#define STRATA_TYPE_IMPORT_DIALOG (strata_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StrataImportDialog, strata_import_dialog, STRATA, IMPORT_DIALOG, AdwWindow)

/* Modal, transient for parent; imports into the context's workspace. */
StrataImportDialog *strata_import_dialog_new          (GtkWindow          *parent,
                                                       StrataContext      *context);

/* Opens the assistant for the window (with file, which may be NULL); when
 * no workspace is open, it asks to create or open one first. */
void                strata_import_dialog_run_for_window (GtkWindow        *window,
                                                       StrataContext      *context,
                                                       GFile              *file);

/* Whether file is named like a table to import (.csv, .tsv, .txt, .xlsx;
 * .xls and .ods, which the assistant explains it cannot read). */
gboolean            strata_import_is_table_file       (GFile              *file);

void                strata_import_dialog_set_file     (StrataImportDialog *self,
                                                       GFile              *file);
void                strata_import_dialog_set_kind     (StrataImportDialog *self,
                                                       StrataImportKind    kind);
void                strata_import_dialog_set_period   (StrataImportDialog *self,
                                                       const char         *period);
/* NULL: detect. */
void                strata_import_dialog_set_encoding (StrataImportDialog *self,
                                                       const char         *encoding);
/* 0: detect. */
void                strata_import_dialog_set_delimiter (StrataImportDialog *self,
                                                       char                delimiter);
void                strata_import_dialog_set_strict   (StrataImportDialog *self,
                                                       gboolean            strict);
/* Sets what column col becomes (a role id of strata_import_view_roles);
 * the preview follows. FALSE when there is no such column or role. */
gboolean            strata_import_dialog_set_column_role (StrataImportDialog *self,
                                                       guint               col,
                                                       const char         *role);

/* "file", "preview", "progress" or "summary". */
const char         *strata_import_dialog_get_step     (StrataImportDialog *self);
/* What the Next / Import / Done button does. */
void                strata_import_dialog_next         (StrataImportDialog *self);
void                strata_import_dialog_cancel       (StrataImportDialog *self);

/* The current preview (NULL when the file cannot be read: see the error). */
const StrataImportPreview *strata_import_dialog_get_preview (StrataImportDialog *self);
const GError       *strata_import_dialog_get_error    (StrataImportDialog *self);
/* The finished import (NULL before, or when it failed or was cancelled). */
const StrataImportResult  *strata_import_dialog_get_result  (StrataImportDialog *self);
/* The summary's text (for the tests and the screen reader). */
const char         *strata_import_dialog_get_summary  (StrataImportDialog *self);
double              strata_import_dialog_get_fraction (StrataImportDialog *self);
/* Writes the rejected rows of the finished import as CSV. */
gboolean            strata_import_dialog_save_rejects (StrataImportDialog *self,
                                                       const char         *path,
                                                       GError            **error);
/* After an import that failed (in use, a full disk): copies the workspace
 * to path and imports the file into the copy; the summary follows. */
gboolean            strata_import_dialog_save_copy    (StrataImportDialog *self,
                                                       const char         *path,
                                                       GError            **error);

G_END_DECLS
