/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export Report… (Ctrl+E): a save dialog with paper and language, then
 * the PDF written in a worker thread behind a small progress window with
 * Cancel, and a toast at the end. */
#pragma once

#include <adwaita.h>

#include "strata-context.h"
#include "strata-report.h"

G_BEGIN_DECLS

/* Asks where to save, then writes the report of the context's period. */
void     strata_report_export_run     (GtkWindow           *window,
                                       StrataContext       *context);

/* Writes the report to path without asking (the dialog's second half, and
 * tests). language: "en", "zh_CN", "zh_TW" or NULL for the application's.
 * callback (optional) runs when the file is written, failed or cancelled. */
void     strata_report_export_to_path (GtkWindow           *window,
                                       StrataContext       *context,
                                       const char          *path,
                                       StrataReportPaper    paper,
                                       const char          *language,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean strata_report_export_finish  (GAsyncResult        *result,
                                       GError             **error);

/* Print Report… (strata-report-print.c): the print dialog, then the same
 * pages through GtkPrintOperation. */
void     strata_report_print_run      (GtkWindow           *window,
                                       StrataContext       *context);
/* A print operation drawing report's pages (tests may run it to a PDF
 * with GTK_PRINT_OPERATION_ACTION_EXPORT). */
GtkPrintOperation *strata_report_print_operation_new (StrataReport *report);

G_END_DECLS
