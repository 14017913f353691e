/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant. It parses nothing itself: every preview is
 * strata_import_preview () with the options the pages give (always rolled
 * back), and the import is strata_import_run_async (), one transaction on
 * its own connection in a worker thread, so Cancel rolls it back whole.
 * The pages (file, preview, summary) show; the assistant decides. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-error.h"
#include "strata-write-error.h"
#include "strata-import-dialog-private.h"
#include "strata-import-guess.h"
#include "strata-import-view.h"
#include "strata-xlsx.h"

#define PREVIEW_ROWS 50

G_DEFINE_FINAL_TYPE (StrataImportDialog, strata_import_dialog, ADW_TYPE_WINDOW)

static void refresh_preview (StrataImportDialog *self);
static void update_detected (StrataImportDialog *self);
static void reset_and_refresh (StrataImportDialog *self);

/* ---- options from the pages ---- */

static StrataImportKind
get_kind (StrataImportDialog *self)
{
  return strata_import_file_page_get_kind (self->file_page);
}

static char *
get_period (StrataImportDialog *self)
{
  return strata_import_file_page_dup_period (self->file_page);
}

static StrataImportOptions *
build_options (StrataImportDialog *self)
{
  g_autofree char *period = get_period (self);
  StrataImportOptions *o = strata_import_options_new (get_kind (self), period);

  /* A split names its periods from the lines' dates. */
  o->split = strata_import_file_page_get_split (self->file_page);
  if (o->split != STRATA_IMPORT_SPLIT_NONE)
    g_clear_pointer (&o->period, g_free);

  o->sheet = g_strdup (strata_import_file_page_get_sheet (self->file_page));
  o->encoding = g_strdup (strata_import_file_page_get_encoding (self->file_page));
  o->delimiter = strata_import_file_page_get_delimiter (self->file_page);
  o->strict = strata_import_file_page_get_strict (self->file_page);
  if (self->preview != NULL)
    strata_import_view_apply_roles (o, self->preview->header, self->overrides);
  return o;
}

/* ---- the steps ---- */

static void
show_step (StrataImportDialog *self,
           const char         *step)
{
  gboolean file = g_str_equal (step, "file");
  gboolean preview = g_str_equal (step, "preview");
  gboolean summary = g_str_equal (step, "summary");

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (self->back_button, file || preview);
  gtk_button_set_label (GTK_BUTTON (self->back_button), file ? _("_Cancel") : _("_Back"));
  gtk_widget_set_visible (self->next_button, !g_str_equal (step, "progress"));
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        file ? _("_Next") : preview ? _("_Import") : _("_Done"));
  adw_window_title_set_subtitle (self->title,
                                 file ? _("File") : preview ? _("Preview and Columns")
                                 : summary ? _("Summary") : _("Importing"));
  if (file || preview)
    {
      g_autofree char *period = get_period (self);

      /* The file page moves on to fix the columns; Import needs them right. */
      gtk_widget_set_sensitive (self->next_button,
                                self->preview != NULL
                                && (period[0] != '\0' ||
                                    strata_import_file_page_get_split (self->file_page) != STRATA_IMPORT_SPLIT_NONE)
                                && (file || self->preview->problem == NULL));
    }
  else
    gtk_widget_set_sensitive (self->next_button, TRUE);
}

/* ---- preview ---- */

/* The preview page reads the preview as its table scrolls: it always
 * knows the current one. */
static void
set_preview (StrataImportDialog  *self,
             StrataImportPreview *preview)
{
  if (self->preview == preview)
    return;
  g_clear_pointer (&self->preview, strata_import_preview_free);
  self->preview = preview;
  strata_import_preview_page_set_preview (self->preview_page, preview);
}

static void
update_detected (StrataImportDialog *self)
{
  const GError *e = self->error ? self->error : self->preview ? self->preview->problem : NULL;
  const char *delimiter = NULL;

  if (self->preview != NULL)
    delimiter = strata_import_view_delimiter_name (self->preview->result->delimiter);
  strata_import_file_page_set_detected (self->file_page,
                                        self->preview ? self->preview->result->encoding : NULL,
                                        delimiter, e ? e->message : NULL);
}

static gboolean
same_header (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Runs the preview with the current options; the pages follow. */
static void
refresh_preview (StrataImportDialog *self)
{
  g_autoptr(StrataImportOptions) options = NULL;
  g_autoptr(GPtrArray) old_header = NULL;
  g_autofree char *path = NULL;
  g_autofree char *period = NULL;
  StrataImportPreview *preview;
  gboolean same;

  if (self->file == NULL || self->workspace == NULL || self->importing)
    return;
  path = g_file_get_path (self->file);
  options = build_options (self);
  /* The preview needs a period; a new one is created and rolled back. */
  period = get_period (self);
  if (period[0] == '\0' && options->split == STRATA_IMPORT_SPLIT_NONE)
    {
      g_free (options->period);
      options->period = g_strdup ("preview");
    }
  g_clear_error (&self->error);
  preview = strata_import_preview (self->workspace, path, options, PREVIEW_ROWS, NULL,
                                   &self->error);
  if (self->preview != NULL)
    old_header = g_ptr_array_ref (self->preview->header);
  set_preview (self, preview);

  same = preview != NULL && same_header (old_header, preview->header);
  if (preview != NULL && !same)
    {
      g_ptr_array_set_size (self->overrides, 0);
      g_ptr_array_set_size (self->overrides, preview->header->len);
    }
  strata_import_preview_page_rebuild (self->preview_page, self->roles, self->error, same,
                                      strata_import_file_page_get_strict (self->file_page));
  update_detected (self);
  show_step (self, gtk_stack_get_visible_child_name (self->stack));
}

/* A change of file, kind, encoding or delimiter: the columns start over. */
static void
reset_and_refresh (StrataImportDialog *self)
{
  g_ptr_array_set_size (self->overrides, 0);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  self->roles = strata_import_view_roles (get_kind (self), G_LIST_MODEL (self->metrics));
  set_preview (self, NULL);
  refresh_preview (self);
}

/* ---- what the pages report ---- */

static void
reading_changed_cb (StrataImportDialog *self)
{
  reset_and_refresh (self);
}

static void
period_changed_cb (StrataImportDialog *self)
{
  show_step (self, gtk_stack_get_visible_child_name (self->stack));
}

static void
strict_changed_cb (StrataImportDialog *self)
{
  strata_import_preview_page_update_problems (self->preview_page, self->error,
                                              strata_import_file_page_get_strict (self->file_page));
}

static void
column_role_chosen_cb (StrataImportDialog *self,
                       guint               col,
                       const char         *role)
{
  if (!self->disposed)
    strata_import_dialog_set_column_role (self, col, role);
}

/* ---- importing ---- */

static guint64
count_customers (StrataWorkspace *workspace)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace,
                                                           "SELECT count(*) FROM customers", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return (guint64) sqlite3_column_int64 (stmt, 0);
  return 0;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  StrataImportDialog *self = user_data;

  if (!self->disposed)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(StrataImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  StrataWorkspace *target = STRATA_WORKSPACE (source);
  /* Save a Copy As… after a failed import: imported into the copy. */
  gboolean into_copy = target != self->workspace;
  gboolean retryable = FALSE;
  const char *title, *icon_name;

  self->importing = FALSE;
  self->result = strata_import_run_finish (STRATA_WORKSPACE (source), res, &error);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  g_clear_pointer (&self->summary, g_free);

  if (self->result != NULL)
    {
      guint64 created = count_customers (target);

      created = created > self->customers_before ? created - self->customers_before : 0;
      /* A split: the periods it wrote, and the latest becomes current. */
      if (self->period_done == NULL && self->result->periods->len > 0)
        {
          GPtrArray *names = self->result->periods;

          g_ptr_array_add (names, NULL);
          self->period_done = g_strjoinv (", ", (char **) names->pdata);
          g_ptr_array_set_size (names, names->len - 1);
          self->summary = strata_import_view_summary (self->result, self->period_done, created);
          g_free (self->period_done);
          self->period_done = g_strdup (names->pdata[names->len - 1]);
        }
      else
        self->summary = strata_import_view_summary (self->result,
                                                    self->period_done ? self->period_done : "", created);
      title = _("Import Complete");
      icon_name = "emblem-ok-symbolic";
      if (into_copy)
        {
          g_autofree char *base = g_path_get_basename (strata_workspace_get_path (target));
          char *text;

          /* Translators: %s is the import's summary, then the copy's file name. */
          text = g_strdup_printf (_("%s\nImported into the copy “%s”: the workspace open here is as it was."),
                                  self->summary, base);
          g_free (self->summary);
          self->summary = text;
        }
      /* The period may be new: the selector has reloaded (the import's
       * "all"), and shows it. */
      else if (self->context != NULL && self->period_done != NULL)
        strata_context_set_period (self->context, self->period_done);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->summary = g_strdup (_("Nothing was imported: the workspace is as it was."));
      title = _("Import Cancelled");
      icon_name = "process-stop-symbolic";
    }
  else
    {
      self->summary = g_strdup_printf (_("%s\nNothing was imported: the workspace is as it was."),
                                       error->message);
      title = _("Import Failed");
      icon_name = "dialog-error-symbolic";
      retryable = !into_copy && strata_write_error_is_retryable (error);
    }
  strata_import_summary_page_show (self->summary_page, title, icon_name, self->summary,
                                   self->result);
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_step (self, "summary");
  /* In use or a full disk: the file and its columns stay as chosen, to
   * try again or to import into a copy elsewhere. */
  if (retryable)
    strata_import_dialog_offer_retry (self, error);
}

void
strata_import_dialog_start_import (StrataImportDialog *self,
                                   StrataWorkspace    *target)
{
  g_autoptr(StrataImportOptions) options = build_options (self);
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *basename = g_file_get_basename (self->file);

  self->importing = TRUE;
  self->customers_before = count_customers (target);
  g_free (self->period_done);
  self->period_done = g_strdup (options->period);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_description (self->progress_status, basename);
  show_step (self, "progress");
  strata_import_run_async (target, path, options, progress_cb, g_object_ref (self),
                           g_object_unref, self->cancellable, import_done_cb,
                           g_object_ref (self));
}

/* ---- buttons and actions ---- */

static void
back_clicked_cb (StrataImportDialog *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "preview"))
    show_step (self, "file");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
next_clicked_cb (StrataImportDialog *self)
{
  strata_import_dialog_next (self);
}

static void
cancel_clicked_cb (StrataImportDialog *self)
{
  strata_import_dialog_cancel (self);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  strata_import_dialog_run_chooser (STRATA_IMPORT_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
save_rejects_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  strata_import_dialog_run_chooser (STRATA_IMPORT_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static gboolean
close_request_cb (StrataImportDialog *self)
{
  if (!self->importing)
    return FALSE;
  /* The worker is stopped first; the window closes once it rolled back. */
  self->close_when_done = TRUE;
  g_cancellable_cancel (self->cancellable);
  return TRUE;
}

/* ---- the window ---- */

static void
strata_import_dialog_dispose (GObject *object)
{
  StrataImportDialog *self = STRATA_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (strata_import_dialog_parent_class)->dispose (object);
}

static void
strata_import_dialog_finalize (GObject *object)
{
  StrataImportDialog *self = STRATA_IMPORT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->workspace);
  g_clear_object (&self->metrics);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preview, strata_import_preview_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->overrides, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->result, strata_import_result_free);
  g_free (self->summary);
  g_free (self->period_done);
  G_OBJECT_CLASS (strata_import_dialog_parent_class)->finalize (object);
}

static void
strata_import_dialog_class_init (StrataImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_import_dialog_dispose;
  object_class->finalize = strata_import_dialog_finalize;
  /* Escape closes, like Cancel (during an import it cancels first). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* The pages' Choose… and Save Rejected Rows… buttons. */
  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.save-rejects", NULL, save_rejects_action);

  g_type_ensure (STRATA_TYPE_IMPORT_FILE_PAGE);
  g_type_ensure (STRATA_TYPE_IMPORT_PREVIEW_PAGE);
  g_type_ensure (STRATA_TYPE_IMPORT_SUMMARY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, title);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, file_page);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, preview_page);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, progress_status);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataImportDialog, summary_page);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reading_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, strict_changed_cb);
}

static void
strata_import_dialog_init (StrataImportDialog *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->overrides = g_ptr_array_new_with_free_func (g_free);
  /* From idle, maybe after the window is gone: connected to its lifetime. */
  g_signal_connect_object (self->preview_page, "column-role-chosen",
                           G_CALLBACK (column_role_chosen_cb), self, G_CONNECT_SWAPPED);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (target, "drop", G_CALLBACK (strata_import_dialog_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  show_step (self, "file");
}

StrataImportDialog *
strata_import_dialog_new (GtkWindow     *parent,
                          StrataContext *context)
{
  StrataImportDialog *self;

  g_return_val_if_fail (STRATA_IS_CONTEXT (context), NULL);

  self = g_object_new (STRATA_TYPE_IMPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->context = g_object_ref (context);
  self->workspace = g_object_ref (strata_context_get_workspace (context));
  self->metrics = strata_metric_list_new (self->workspace);
  self->roles = strata_import_view_roles (STRATA_IMPORT_KIND_CUSTOMERS, G_LIST_MODEL (self->metrics));
  strata_import_file_page_set_periods (self->file_page, strata_context_get_periods (context),
                                       strata_context_get_period (context));
  return self;
}

/* A workbook of several sheets offers them, the first with data first (as
 * the import picks by default); a file that cannot be opened offers none
 * and its preview says why. */
static void
list_sheets (StrataImportDialog *self,
             const char         *path)
{
  g_autoptr(StrataXlsxReader) reader = NULL;
  g_auto(GStrv) names = NULL;

  if (strata_xlsx_is_workbook (path))
    reader = strata_xlsx_reader_open (path, NULL, NULL);
  if (reader != NULL)
    names = strata_xlsx_reader_dup_sheet_names (reader);
  strata_import_file_page_set_sheets (self->file_page, (const char *const *) names,
                                      reader != NULL ? strata_xlsx_reader_get_sheet (reader) : NULL);
}

/* A file of invoice lines is read as order lines, into the quarter of
 * its dates or one period per quarter, unless the kind was chosen. A file
 * that cannot be read is left to the preview to explain. */
static void
guess_reading (StrataImportDialog *self,
               const char         *path)
{
  g_autoptr(StrataImportGuess) guess = NULL;
  g_autofree char *note = NULL;
  StrataImportFilePage *page = self->file_page;

  if (self->kind_chosen)
    return;
  guess = strata_import_guess (path, NULL, strata_import_file_page_get_encoding (page),
                               strata_import_file_page_get_delimiter (page), TRUE, NULL, NULL);
  if (guess == NULL)
    return;
  if (guess->kind == STRATA_IMPORT_KIND_ORDERS && guess->quarters->len == 1)
    {
      note = g_strdup_printf (_("The lines’ dates are all in %s."),
                              (const char *) guess->quarters->pdata[0]);
      strata_import_file_page_set_split (page, STRATA_IMPORT_SPLIT_NONE);
      strata_import_file_page_set_period (page, guess->quarters->pdata[0]);
    }
  else if (guess->kind == STRATA_IMPORT_KIND_ORDERS && guess->quarters->len > 1)
    {
      note = g_strdup_printf (ngettext ("The lines’ dates span %u quarter: one period per quarter.",
                                        "The lines’ dates span %u quarters: one period per quarter.",
                                        guess->quarters->len),
                              guess->quarters->len);
      strata_import_file_page_set_split (page, STRATA_IMPORT_SPLIT_QUARTER);
    }
  strata_import_file_page_set_dates_note (page, note);
  strata_import_file_page_set_kind (page, guess->kind);
}

void
strata_import_dialog_set_file (StrataImportDialog *self,
                               GFile              *file)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->importing)
    return;
  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  strata_import_file_page_set_file_name (self->file_page, name);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_clear_error (&self->error);
      g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot import “%s”: only files on this computer can be imported"), name);
      g_clear_object (&self->file);
      set_preview (self, NULL);
      update_detected (self);
      return;
    }
  list_sheets (self, path);
  guess_reading (self, path);
  reset_and_refresh (self);
  show_step (self, "file");
}

void
strata_import_dialog_set_kind (StrataImportDialog *self,
                               StrataImportKind    kind)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  self->kind_chosen = TRUE;
  strata_import_file_page_set_kind (self->file_page, kind);
}

void
strata_import_dialog_set_period (StrataImportDialog *self,
                                 const char         *period)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  strata_import_file_page_set_period (self->file_page, period);
}

void
strata_import_dialog_set_encoding (StrataImportDialog *self,
                                   const char         *encoding)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  strata_import_file_page_set_encoding (self->file_page, encoding);
}

void
strata_import_dialog_set_delimiter (StrataImportDialog *self,
                                    char                delimiter)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  strata_import_file_page_set_delimiter (self->file_page, delimiter);
}

void
strata_import_dialog_set_strict (StrataImportDialog *self,
                                 gboolean            strict)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  strata_import_file_page_set_strict (self->file_page, strict);
}

gboolean
strata_import_dialog_set_column_role (StrataImportDialog *self,
                                      guint               col,
                                      const char         *role)
{
  static const char *const single[] = { "id", "name", "customer", "date", "amount", "quantity",
                                        "unit_price", "invoice", "product", NULL };

  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), FALSE);

  if (self->preview == NULL || col >= self->overrides->len
      || strata_import_view_find_role (self->roles, role) < 0)
    return FALSE;
  /* A role one column holds moves: the column that had it is set aside,
   * and so is any other column mapped to the same metric. */
  if (g_strv_contains (single, role) || g_str_has_prefix (role, "metric:"))
    for (guint i = 0; i < self->overrides->len; i++)
      if (i != col && g_strcmp0 (strata_import_view_column_role (self->preview->result, i), role) == 0)
        {
          g_free (self->overrides->pdata[i]);
          self->overrides->pdata[i] = g_strdup (get_kind (self) == STRATA_IMPORT_KIND_ORDERS
                                                ? "unused" : "ignored");
        }
  g_free (self->overrides->pdata[col]);
  self->overrides->pdata[col] = g_strdup (role);
  refresh_preview (self);
  return TRUE;
}

const char *
strata_import_dialog_get_step (StrataImportDialog *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
strata_import_dialog_next (StrataImportDialog *self)
{
  const char *step;

  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));

  step = gtk_stack_get_visible_child_name (self->stack);
  if (!gtk_widget_get_sensitive (self->next_button))
    return;
  if (g_str_equal (step, "file"))
    {
      refresh_preview (self);
      if (self->preview != NULL)
        show_step (self, "preview");
    }
  else if (g_str_equal (step, "preview"))
    strata_import_dialog_start_import (self, self->workspace);
  else if (g_str_equal (step, "summary"))
    gtk_window_destroy (GTK_WINDOW (self));
}

void
strata_import_dialog_cancel (StrataImportDialog *self)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

const StrataImportPreview *
strata_import_dialog_get_preview (StrataImportDialog *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), NULL);
  return self->preview;
}

const GError *
strata_import_dialog_get_error (StrataImportDialog *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

const StrataImportResult *
strata_import_dialog_get_result (StrataImportDialog *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), NULL);
  return self->result;
}

const char *
strata_import_dialog_get_summary (StrataImportDialog *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), NULL);
  return self->summary;
}

double
strata_import_dialog_get_fraction (StrataImportDialog *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), 0);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}
