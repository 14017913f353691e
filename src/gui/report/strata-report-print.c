/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Print Report… (Ctrl+P): the same pages as the PDF, through
 * GtkPrintOperation and strata_report_draw_page(). */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-report-export.h"
#include "strata-window.h"

static void
begin_print (GtkPrintOperation *op,
             GtkPrintContext   *context,
             StrataReport      *report)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  double w = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
  double h = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);

  /* The report keeps its own 20 mm margins on the whole sheet. */
  gtk_print_operation_set_n_pages (op, (int) strata_report_paginate (report, w, h));
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page_nr,
           StrataReport      *report)
{
  strata_report_draw_page (report, gtk_print_context_get_cairo_context (context), page_nr,
                           gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
}

GtkPrintOperation *
strata_report_print_operation_new (StrataReport *report)
{
  GtkPrintOperation *op = gtk_print_operation_new ();

  g_return_val_if_fail (STRATA_IS_REPORT (report), NULL);

  gtk_print_operation_set_job_name (op, strata_report_get_title (report));
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  g_signal_connect_object (op, "begin-print", G_CALLBACK (begin_print), report, 0);
  g_signal_connect_object (op, "draw-page", G_CALLBACK (draw_page), report, 0);
  g_object_set_data_full (G_OBJECT (op), "strata-report", g_object_ref (report), g_object_unref);
  return op;
}

static void
print_done (GtkPrintOperation       *op,
            GtkPrintOperationResult  result,
            GtkWindow               *window)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (op, &error);
      if (STRATA_IS_WINDOW (window) && error != NULL)
        strata_window_add_toast (STRATA_WINDOW (window), adw_toast_new (error->message));
    }
  g_object_unref (op);
}

void
strata_report_print_run (GtkWindow     *window,
                         StrataContext *context)
{
  StrataWorkspace *ws = context ? strata_context_get_workspace (context) : NULL;
  StrataReportOptions options = { 0, };
  g_autoptr(StrataReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *op;

  if (ws == NULL)
    {
      if (STRATA_IS_WINDOW (window))
        strata_window_add_toast (STRATA_WINDOW (window), adw_toast_new (_("Open a workspace first")));
      return;
    }
  options.period = strata_context_get_period (context);
  report = strata_report_new (ws, &options, &error);
  if (report == NULL)
    {
      if (STRATA_IS_WINDOW (window))
        strata_window_add_toast (STRATA_WINDOW (window), adw_toast_new (error->message));
      return;
    }
  op = strata_report_print_operation_new (report);
  g_signal_connect (op, "done", G_CALLBACK (print_done), window);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR && STRATA_IS_WINDOW (window))
    strata_window_add_toast (STRATA_WINDOW (window), adw_toast_new (error->message));
}
