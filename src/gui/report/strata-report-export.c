/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-report-export.h"
#include "strata-task.h"
#include "strata-window.h"

typedef struct
{
  GtkWindow      *window;          /* weak */
  StrataReport   *report;
  char           *path;
  char           *workspace_path; /* read in the worker */
  StrataReportOptions options;
  char           *period;
  char           *language;
  GCancellable   *cancellable;
  GtkWidget      *progress_window;
  GtkProgressBar *bar;
  guint           timeout_id;
  int             permille;        /* written by the worker, atomically */
} Export;

static void
export_free (Export *e)
{
  g_clear_handle_id (&e->timeout_id, g_source_remove);
  if (e->progress_window != NULL)
    gtk_window_destroy (GTK_WINDOW (e->progress_window));
  if (e->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (e->window), (gpointer *) &e->window);
  g_clear_object (&e->report);
  g_clear_object (&e->cancellable);
  g_free (e->path);
  g_free (e->workspace_path);
  g_free (e->period);
  g_free (e->language);
  g_free (e);
}

static void
toast (Export     *e,
       const char *text)
{
  if (e->window != NULL && STRATA_IS_WINDOW (e->window))
    strata_window_add_toast (STRATA_WINDOW (e->window), adw_toast_new (text));
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Export *e = user_data;

  g_atomic_int_set (&e->permille, (int) (fraction * 1000));
}

static gboolean
update_progress (gpointer user_data)
{
  Export *e = user_data;

  int permille = g_atomic_int_get (&e->permille);

  /* Reading the workspace has no steps to count. */
  if (permille == 0)
    gtk_progress_bar_pulse (e->bar);
  else
    gtk_progress_bar_set_fraction (e->bar, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *e = task_data;
  GError *error = NULL;

  /* The worker reads the workspace through a connection of its own: the
   * window never waits. The report translates in its own language. */
  {
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (e->workspace_path, cancellable, &error);

    if (ws == NULL || !(e->report = strata_report_new (ws, &e->options, &error)))
      {
        g_task_return_error (task, error);
        return;
      }
    g_atomic_int_set (&e->permille, 100);
  }
  if (strata_report_save_pdf (e->report, e->path, progress_cb, e, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
cancel_clicked (Export *e)
{
  g_cancellable_cancel (e->cancellable);
}

static gboolean
progress_close_request (Export *e)
{
  g_cancellable_cancel (e->cancellable);
  return TRUE;
}

static void
show_progress (Export *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *name = g_filename_display_basename (e->path);
  /* Translators: in the progress window: "Writing “Customer tiers 2026-Q3.pdf”…". */
  g_autofree char *text = g_strdup_printf (_("Writing “%s”…"), name);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  e->progress_window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (e->progress_window), _("Exporting Report"));
  gtk_window_set_modal (GTK_WINDOW (e->progress_window), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (e->progress_window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (e->progress_window), 380, -1);
  if (e->window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (e->progress_window), e->window);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  e->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked), e);
  g_signal_connect_swapped (e->progress_window, "close-request",
                            G_CALLBACK (progress_close_request), e);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (e->bar));
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_window_set_child (GTK_WINDOW (e->progress_window), box);
  gtk_window_present (GTK_WINDOW (e->progress_window));
  e->timeout_id = g_timeout_add (100, update_progress, e);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *outer = user_data;
  Export *e = g_task_get_task_data (outer);
  GError *error = NULL;

  g_clear_handle_id (&e->timeout_id, g_source_remove);
  if (e->progress_window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (e->progress_window));
      e->progress_window = NULL;
    }
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_filename_display_basename (e->path);
      /* Translators: a toast: "Report saved as “Customer tiers 2026-Q3.pdf”". */
      g_autofree char *text = g_strdup_printf (_("Report saved as “%s”"), name);
      toast (e, text);
      g_task_return_boolean (outer, TRUE);
    }
  else
    {
      toast (e, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                  ? _("Report export cancelled") : error->message);
      g_task_return_error (outer, error);
    }
  g_object_unref (outer);
}

void
strata_report_export_to_path (GtkWindow           *window,
                              StrataContext       *context,
                              const char          *path,
                              StrataReportPaper    paper,
                              const char          *language,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  StrataWorkspace *ws = context ? strata_context_get_workspace (context) : NULL;
  GTask *outer = g_task_new (NULL, NULL, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  Export *e = g_new0 (Export, 1);

  g_return_if_fail (path != NULL);

  g_task_set_task_data (outer, e, (GDestroyNotify) export_free);
  e->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &e->window);
  e->path = g_strdup (path);
  e->cancellable = g_cancellable_new ();

  if (ws == NULL)
    {
      toast (e, _("Open a workspace first"));
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Open a workspace first"));
      g_object_unref (outer);
      return;
    }

  e->period = g_strdup (strata_context_get_period (context));
  e->language = language && language[0] ? g_strdup (language) : NULL;
  e->options.period = e->period;
  e->options.paper = paper;
  e->options.language = e->language;
  e->workspace_path = g_strdup (strata_workspace_get_path (ws));

  show_progress (e);
  inner = g_task_new (NULL, e->cancellable, written_cb, outer);
  g_task_set_task_data (inner, e, NULL);
  strata_task_run_in_background (inner, write_thread);
}

gboolean
strata_report_export_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GtkWindow     *window;   /* weak */
  StrataContext *context;
} Ask;

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  Ask *ask = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *paper_text = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "paper");
      const char *language = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "language");
      StrataReportPaper paper = STRATA_REPORT_PAPER_A4;

      strata_report_paper_from_string (paper_text, &paper);
      if (path != NULL && !g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
        {
          char *with = g_strconcat (path, ".pdf", NULL);
          g_free (path);
          path = with;
        }
      if (path != NULL)
        strata_report_export_to_path (ask->window, ask->context, path, paper, language, NULL, NULL);
    }
  if (ask->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (ask->window), (gpointer *) &ask->window);
  g_clear_object (&ask->context);
  g_free (ask);
  g_object_unref (dialog);
}

void
strata_report_export_run (GtkWindow     *window,
                          StrataContext *context)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  Ask *ask;
  const char *paper_ids[] = { "a4", "letter", NULL };
  const char *paper_labels[] = { _("A4"), _("Letter"), NULL };
  const char *language_ids[] = { "", "en", "zh_CN", "zh_TW", NULL };
  const char *language_labels[] = { _("The application's"), "English", "简体中文", "繁體中文", NULL };

  if (context == NULL || strata_context_get_workspace (context) == NULL)
    {
      if (STRATA_IS_WINDOW (window))
        strata_window_add_toast (STRATA_WINDOW (window), adw_toast_new (_("Open a workspace first")));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Report"), window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  name = g_strdup_printf (_("Customer tiers %s"), strata_context_get_period (context)
                                                  ? strata_context_get_period (context) : "");
  {
    g_autofree char *file_name = g_strconcat (g_strstrip (name), ".pdf", NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "paper", _("Paper"), paper_ids, paper_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "paper", "a4");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "language", _("Language"),
                               language_ids, language_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "language", "");

  ask = g_new0 (Ask, 1);
  ask->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &ask->window);
  ask->context = g_object_ref (context);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
