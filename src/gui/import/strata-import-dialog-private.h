/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by strata-import-dialog.c (the steps, the preview, the import)
 * and strata-import-dialog-files.c (choosing, dropping and saving files;
 * opening the assistant for a window). */
#pragma once

#include "strata-import-dialog.h"
#include "strata-import-file-page.h"
#include "strata-import-preview-page.h"
#include "strata-import-summary-page.h"
#include "strata-metric-list.h"

G_BEGIN_DECLS

struct _StrataImportDialog
{
  AdwWindow                parent_instance;

  StrataContext           *context;
  StrataWorkspace         *workspace;
  StrataMetricList        *metrics;
  GFile                   *file;
  GtkFileChooserNative    *chooser;

  StrataImportPreview     *preview;
  GError                  *error;
  GPtrArray               *overrides;   /* char* role id or NULL, per column */
  GPtrArray               *roles;       /* StrataImportRole, for the kind */

  GCancellable            *cancellable;
  StrataImportResult      *result;
  char                    *summary;
  char                    *period_done;
  guint64                  customers_before;
  gboolean                 importing;
  gboolean                 kind_chosen;   /* set_kind () was called: no guessing */
  gboolean                 close_when_done;
  gboolean                 disposed;      /* widgets gone; the worker may still report */

  /* template widgets */
  AdwWindowTitle          *title;
  GtkWidget               *back_button;
  GtkWidget               *next_button;
  GtkStack                *stack;
  StrataImportFilePage    *file_page;
  StrataImportPreviewPage *preview_page;
  AdwStatusPage           *progress_status;
  GtkProgressBar          *progress_bar;
  StrataImportSummaryPage *summary_page;
};

/* A file chooser to import a file (OPEN) or to save the rejected rows
 * (SAVE), modal to the assistant. */
void     strata_import_dialog_run_chooser (StrataImportDialog   *self,
                                           GtkFileChooserAction  action);
/* The drop target's "drop": a file dropped on the assistant is imported. */
gboolean strata_import_dialog_drop        (StrataImportDialog   *self,
                                           const GValue         *value,
                                           double                x,
                                           double                y);

/* Imports the chosen file with the chosen options into target: the
 * workspace, or a copy of it (Save a Copy As… after a failed import). */
void     strata_import_dialog_start_import (StrataImportDialog  *self,
                                            StrataWorkspace     *target);

/* strata-import-retry.c */
/* The import failed because the workspace is in use or the disk is full:
 * a dialog offers Try Again and Save a Copy As…. */
void     strata_import_dialog_offer_retry  (StrataImportDialog  *self,
                                            const GError        *error);

G_END_DECLS
