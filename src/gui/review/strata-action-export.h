/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Action Lists… of the Review page: each owner's action list for the
 * compared periods as one PDF with a section per owner, one PDF per owner
 * into a folder, or CSV, written on a worker thread with a toast saying
 * where it went. */
#pragma once

#include <adwaita.h>

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_ACTION_EXPORT_PDF,            /* one PDF, a section per owner */
  STRATA_ACTION_EXPORT_PDF_PER_OWNER,  /* a PDF per owner into a folder */
  STRATA_ACTION_EXPORT_CSV,
  STRATA_ACTION_EXPORT_XLSX,           /* a workbook, one sheet per table */
} StrataActionExportKind;

gboolean strata_action_export_kind_from_string (const char             *text,
                                                StrataActionExportKind *kind);

/* Asks for the file (the folder for one PDF per owner) and the owner
 * attribute (a choice of the text attributes of workspace), then writes. */
void     strata_action_export_run     (GtkWindow              *window,
                                       StrataWorkspace        *workspace,
                                       gint64                  from_id,
                                       gint64                  to_id,
                                       const char             *to_name,
                                       gboolean                restate,
                                       StrataActionExportKind  kind);

/* Writes without asking (the dialog's second half, and tests): path is the
 * file, or the folder for one PDF per owner. owner_attribute NULL: the
 * default. A toast on window says where it went or what failed. */
void     strata_action_export_to_path (GtkWindow              *window,
                                       const char             *workspace_path,
                                       gint64                  from_id,
                                       gint64                  to_id,
                                       gboolean                restate,
                                       const char             *owner_attribute,
                                       StrataActionExportKind  kind,
                                       const char             *path,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
/* n_files (optional): how many files were written. */
gboolean strata_action_export_finish  (GAsyncResult           *result,
                                       guint                  *n_files,
                                       GError                **error);

G_END_DECLS
