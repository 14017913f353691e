/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant. It parses nothing itself: every preview is
 * strata_import_preview () with the options the pages give (always rolled
 * back), and the import is strata_import_run_async (), one transaction on
 * its own connection in a worker thread, so Cancel rolls it back whole. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-error.h"
#include "strata-export.h"
#include "strata-import-dialog.h"
#include "strata-import-view.h"
#include "strata-metric-list.h"
#include "strata-period.h"
#include "strata-period-list.h"

#define PREVIEW_ROWS 50

struct _StrataImportDialog
{
  AdwWindow             parent_instance;

  StrataContext        *context;
  StrataWorkspace      *workspace;
  StrataMetricList     *metrics;
  GFile                *file;
  GtkFileChooserNative *chooser;

  StrataImportPreview  *preview;
  GError               *error;
  GPtrArray            *overrides;   /* char* role id or NULL, per column */
  GPtrArray            *roles;       /* StrataImportRole, for the kind */
  GPtrArray            *rows;        /* AdwComboRow per column */
  gboolean              updating;

  GCancellable         *cancellable;
  StrataImportResult   *result;
  char                 *summary;
  char                 *period_done;
  guint64               customers_before;
  gboolean              importing;
  gboolean              close_when_done;
  gboolean              disposed;      /* widgets gone; the worker may still report */

  /* widgets */
  AdwWindowTitle       *title;
  GtkWidget            *back_button;
  GtkWidget            *next_button;
  GtkStack             *stack;
  AdwActionRow         *file_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *period_row;
  GtkDropDown          *period_dropdown;
  AdwComboRow          *encoding_row;
  AdwComboRow          *delimiter_row;
  GtkSwitch            *strict_switch;
  GtkLabel             *file_error;
  GtkLabel             *period_note;
  GtkColumnView        *table;
  GtkStringList        *table_rows;
  GtkLabel             *preview_label;
  AdwPreferencesGroup  *mapping_group;
  GtkListBox           *problem_list;
  GtkLabel             *problems_empty;
  AdwStatusPage        *progress_status;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *summary_status;
  GtkListBox           *reject_list;
  GtkWidget            *reject_box;
  GtkWidget            *save_button;
};

G_DEFINE_FINAL_TYPE (StrataImportDialog, strata_import_dialog, ADW_TYPE_WINDOW)

static const struct { const char *name; const char *label; } encodings[] = {
  { NULL, N_("Automatic") },
  { "UTF-8", N_("UTF-8") },
  { "UTF-16LE", N_("UTF-16 (little endian)") },
  { "UTF-16BE", N_("UTF-16 (big endian)") },
  { "GB18030", N_("GB18030 (Simplified Chinese)") },
  { "BIG5", N_("Big5 (Traditional Chinese)") },
  { "SHIFT_JIS", N_("Shift_JIS (Japanese)") },
  { "WINDOWS-1252", N_("Windows-1252 (Western)") },
};

static const struct { char delimiter; const char *label; } delimiters[] = {
  { 0, N_("Automatic") },
  { ',', N_("Comma") },
  { ';', N_("Semicolon") },
  { '\t', N_("Tab") },
  { '|', N_("Vertical bar") },
};

static void refresh_preview (StrataImportDialog *self);

/* ---- options from the pages ---- */

static StrataImportKind
get_kind (StrataImportDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row) == 1 ? STRATA_IMPORT_KIND_ORDERS
                                                          : STRATA_IMPORT_KIND_CUSTOMERS;
}

static char *
get_period (StrataImportDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->period_row))));
}

static StrataImportOptions *
build_options (StrataImportDialog *self)
{
  g_autofree char *period = get_period (self);
  StrataImportOptions *o = strata_import_options_new (get_kind (self), period);
  guint enc = adw_combo_row_get_selected (self->encoding_row);
  guint delim = adw_combo_row_get_selected (self->delimiter_row);

  if (enc < G_N_ELEMENTS (encodings))
    o->encoding = g_strdup (encodings[enc].name);
  if (delim < G_N_ELEMENTS (delimiters))
    o->delimiter = delimiters[delim].delimiter;
  o->strict = gtk_switch_get_active (self->strict_switch);
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
                                self->preview != NULL && period[0] != '\0'
                                && (file || self->preview->problem == NULL));
    }
  else
    gtk_widget_set_sensitive (self->next_button, TRUE);
}

/* ---- preview ---- */

static void
table_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static gboolean
line_rejected (StrataImportDialog *self,
               guint64             line)
{
  GPtrArray *rejects = self->preview->result->rejects;

  for (guint i = 0; i < rejects->len; i++)
    if (((StrataImportReject *) rejects->pdata[i])->line == line)
      return TRUE;
  return FALSE;
}

static void
table_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  StrataImportDialog *self = user_data;
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkStringObject *obj = gtk_list_item_get_item (item);
  int col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = (guint) g_ascii_strtoull (gtk_string_object_get_string (obj), NULL, 10);
  guint64 line;

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");
  if (self->preview == NULL || row >= self->preview->rows->len)
    {
      gtk_label_set_text (GTK_LABEL (label), "");
      return;
    }
  line = g_array_index (self->preview->lines, guint64, row);
  if (col < 0)
    {
      g_autofree char *text = g_strdup_printf ("%llu", (unsigned long long) line);

      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, line_rejected (self, line) ? "error" : "dim-label");
    }
  else
    {
      GStrv fields = self->preview->rows->pdata[row];

      gtk_label_set_text (GTK_LABEL (label),
                          (guint) col < g_strv_length (fields) ? fields[col] : "");
    }
}

static GtkColumnViewColumn *
table_column (StrataImportDialog *self,
              const char         *title,
              int                 col)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (col));
  g_signal_connect (factory, "setup", G_CALLBACK (table_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (table_bind), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  return column;
}

static const char *
role_label (StrataImportDialog *self,
            const char         *id)
{
  int i = strata_import_view_find_role (self->roles, id);

  return i >= 0 ? ((StrataImportRole *) self->roles->pdata[i])->label : "";
}

static void
rebuild_table (StrataImportDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table);
  GtkColumnViewColumn *column;
  g_autoptr(GPtrArray) indices = g_ptr_array_new_with_free_func (g_free);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->table, c);
    }
  gtk_string_list_splice (self->table_rows, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->table_rows)), NULL);
  if (self->preview == NULL)
    return;

  /* Translators: the column of line numbers in the import preview */
  column = table_column (self, _("Line"), -1);
  gtk_column_view_append_column (self->table, column);
  g_object_unref (column);
  for (guint i = 0; i < self->preview->header->len; i++)
    {
      const char *role = strata_import_view_column_role (self->preview->result, i);
      /* Translators: a preview column's title: the file's header and what it becomes */
      g_autofree char *title = g_strdup_printf (_("%s → %s"),
                                                (const char *) self->preview->header->pdata[i],
                                                role_label (self, role));

      column = table_column (self, title, (int) i);
      gtk_column_view_append_column (self->table, column);
      g_object_unref (column);
    }
  for (guint r = 0; r < self->preview->rows->len; r++)
    g_ptr_array_add (indices, g_strdup_printf ("%u", r));
  g_ptr_array_add (indices, NULL);
  gtk_string_list_splice (self->table_rows, 0, 0, (const char *const *) indices->pdata);
}

typedef struct
{
  StrataImportDialog *self;
  guint               col;
  char               *role;
} RoleChoice;

static void
role_choice_free (gpointer data)
{
  RoleChoice *c = data;

  g_object_unref (c->self);
  g_free (c->role);
  g_free (c);
}

static gboolean
apply_role_choice (gpointer data)
{
  RoleChoice *c = data;

  if (!c->self->disposed)
    strata_import_dialog_set_column_role (c->self, c->col, c->role);
  return G_SOURCE_REMOVE;
}

/* The dropdown is still inside its own change when this runs: the new
 * preview (which updates every dropdown) comes right after, from idle. */
static void
role_selected_cb (AdwComboRow        *row,
                  GParamSpec         *pspec,
                  StrataImportDialog *self)
{
  guint sel = adw_combo_row_get_selected (row);
  RoleChoice *c;

  if (self->updating || sel >= self->roles->len)
    return;
  c = g_new0 (RoleChoice, 1);
  c->self = g_object_ref (self);
  c->col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  c->role = g_strdup (((StrataImportRole *) self->roles->pdata[sel])->id);
  g_idle_add_full (G_PRIORITY_DEFAULT, apply_role_choice, c, role_choice_free);
}

static void
role_item_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
role_item_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* The open list shows role names whole (a metric's label can be long). */
static GtkListItemFactory *
role_list_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (role_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (role_item_bind), NULL);
  return factory;
}

/* The dropdowns show what the preview made of each column. */
static void
update_mapping (StrataImportDialog *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      int sel = strata_import_view_find_role (self->roles,
                                              strata_import_view_column_role (self->preview->result, i));

      if (sel >= 0 && adw_combo_row_get_selected (self->rows->pdata[i]) != (guint) sel)
        adw_combo_row_set_selected (self->rows->pdata[i], sel);
    }
  self->updating = FALSE;
}

static void
rebuild_mapping (StrataImportDialog *self,
                 gboolean            same_columns)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  /* The same columns keep their rows (and the keyboard focus). */
  if (same_columns && self->preview != NULL && self->rows->len == self->preview->header->len)
    {
      update_mapping (self);
      return;
    }
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  if (self->preview == NULL)
    return;

  for (guint i = 0; i < self->roles->len; i++)
    gtk_string_list_append (labels, ((StrataImportRole *) self->roles->pdata[i])->label);
  self->updating = TRUE;
  for (guint i = 0; i < self->preview->header->len; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *header = self->preview->header->pdata[i];
      const char *sample = NULL;
      int sel = strata_import_view_find_role (self->roles,
                                              strata_import_view_column_role (self->preview->result, i));

      for (guint r = 0; r < self->preview->rows->len && sample == NULL; r++)
        {
          GStrv f = self->preview->rows->pdata[r];

          if (i < g_strv_length (f) && f[i][0] != '\0')
            sample = f[i];
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header[0] ? header : "—");
      if (sample != NULL)
        {
          /* Translators: the first value of a column, under its name */
          g_autofree char *sub = g_strdup_printf (_("e.g. %s"), sample);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      {
        g_autoptr(GtkListItemFactory) factory = role_list_factory ();
        adw_combo_row_set_list_factory (ADW_COMBO_ROW (row), factory);
      }
      if (sel >= 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), sel);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (i));
      g_signal_connect (row, "notify::selected", G_CALLBACK (role_selected_cb), self);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->rows, row);
    }
  self->updating = FALSE;
}

static void
rebuild_problems (StrataImportDialog *self)
{
  GtkWidget *child;
  GPtrArray *rejects;
  g_autofree char *text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))) != NULL)
    gtk_list_box_remove (self->problem_list, child);
  if (self->preview == NULL)
    {
      gtk_label_set_text (self->preview_label, self->error ? self->error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->problems_empty), FALSE);
      return;
    }
  rejects = self->preview->result->rejects;
  for (guint i = 0; i < rejects->len; i++)
    {
      StrataImportReject *r = rejects->pdata[i];
      g_autofree char *title = strata_import_view_reject_title (r);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->reason);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_list_box_append (self->problem_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_empty), rejects->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), rejects->len > 0);
  if (self->preview->problem != NULL)
    {
      gtk_label_set_text (self->preview_label, self->preview->problem->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->problems_empty), FALSE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "error");

  text = g_strdup_printf (ngettext ("The first %u row as it will be read: %llu can be imported, "
                                    "%llu cannot.",
                                    "The first %u rows as they will be read: %llu can be imported, "
                                    "%llu cannot.", self->preview->rows->len),
                          self->preview->rows->len,
                          (unsigned long long) self->preview->result->rows_imported,
                          (unsigned long long) self->preview->result->rows_rejected);
  if (gtk_switch_get_active (self->strict_switch) && self->preview->result->rows_rejected > 0)
    {
      char *more = g_strconcat (text, " ", _("With “Stop at any bad row” on, nothing will be "
                                             "imported."), NULL);
      g_free (text);
      text = more;
    }
  gtk_label_set_text (self->preview_label, text);
}

static void
update_detected (StrataImportDialog *self)
{
  g_autofree char *enc = NULL, *delim = NULL;

  if (self->preview != NULL)
    {
      /* Translators: under the encoding and delimiter choices */
      enc = g_strdup_printf (_("Detected: %s"), self->preview->result->encoding);
      delim = g_strdup_printf (_("Detected: %s"),
                               strata_import_view_delimiter_name (self->preview->result->delimiter));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), enc ? enc : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), delim ? delim : "");
  {
    const GError *e = self->error ? self->error : self->preview ? self->preview->problem : NULL;

    gtk_label_set_text (self->file_error, e ? e->message : "");
    gtk_widget_set_visible (GTK_WIDGET (self->file_error), e != NULL);
  }
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

/* Runs the preview with the current options; the mapping follows. */
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
  if (period[0] == '\0')
    {
      g_free (options->period);
      options->period = g_strdup ("preview");
    }
  g_clear_error (&self->error);
  preview = strata_import_preview (self->workspace, path, options, PREVIEW_ROWS, NULL,
                                   &self->error);
  if (self->preview != NULL)
    old_header = g_ptr_array_ref (self->preview->header);
  g_clear_pointer (&self->preview, strata_import_preview_free);
  self->preview = preview;

  same = preview != NULL && same_header (old_header, preview->header);
  if (preview != NULL && !same)
    {
      g_ptr_array_set_size (self->overrides, 0);
      g_ptr_array_set_size (self->overrides, preview->header->len);
    }
  rebuild_table (self);
  rebuild_mapping (self, same);
  rebuild_problems (self);
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
  g_clear_pointer (&self->preview, strata_import_preview_free);
  refresh_preview (self);
}

/* Says what importing into an existing period does to it. */
static void
update_period_note (StrataImportDialog *self)
{
  g_autofree char *period = get_period (self);
  g_autofree char *text = NULL;
  gboolean exists = FALSE;

  if (self->context != NULL && period[0] != '\0')
    exists = strata_period_list_lookup_name (STRATA_PERIOD_LIST (strata_context_get_periods (self->context)),
                                             period) != NULL;
  if (period[0] == '\0')
    text = g_strdup (_("Name the period the data belongs to, such as 2026-Q3."));
  else if (exists && get_kind (self) == STRATA_IMPORT_KIND_ORDERS)
    text = g_strdup_printf (_("%s exists: the file is taken as all of its order lines, so the "
                              "metrics summed from them are recalculated for all customers; a "
                              "customer with no line in the file loses those values. Other metrics "
                              "are kept."), period);
  else if (exists)
    text = g_strdup_printf (_("%s exists: the customers in this file get the file’s values for its "
                              "metrics (an empty cell clears one); other customers keep all their "
                              "values."), period);
  else
    text = g_strdup_printf (_("%s is new: it is created by the import."), period);
  gtk_label_set_text (self->period_note, text);
}

static void
reading_changed_cb (StrataImportDialog *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row),
                               get_kind (self) == STRATA_IMPORT_KIND_ORDERS
                               ? _("One invoice line; lines are summed per customer")
                               : _("One customer with its figures"));
  update_period_note (self);
  if (!self->updating)
    reset_and_refresh (self);
}

static void
period_changed_cb (StrataImportDialog *self)
{
  update_period_note (self);
  if (!self->updating)
    show_step (self, gtk_stack_get_visible_child_name (self->stack));
}

static void
period_picked_cb (GtkDropDown        *dropdown,
                  GParamSpec         *pspec,
                  StrataImportDialog *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item != NULL && !self->updating)
    gtk_editable_set_text (GTK_EDITABLE (self->period_row), gtk_string_object_get_string (item));
}

static void
strict_changed_cb (StrataImportDialog *self)
{
  if (!self->updating)
    rebuild_problems (self);
}

/* ---- choosing and dropping a file ---- */

static void
chooser_response_cb (StrataImportDialog   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser))
                  == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!save)
    strata_import_dialog_set_file (self, file);
  else
    {
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !strata_import_dialog_save_rejects (self, path, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("Could Not Save the Rejected Rows"),
                                                      error ? error->message : NULL);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
}

static void
run_chooser (StrataImportDialog   *self,
             GtkFileChooserAction  action)
{
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (save ? _("Save Rejected Rows") : _("Choose a File to Import"),
                                               GTK_WINDOW (self), action,
                                               save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (save)
    /* Translators: the suggested file name of the rejected rows; keep .csv */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("rejected-rows.csv"));
  else
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Tables (CSV, TSV, TXT)"));
      gtk_file_filter_add_pattern (filter, "*.csv");
      gtk_file_filter_add_pattern (filter, "*.tsv");
      gtk_file_filter_add_pattern (filter, "*.txt");
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (StrataImportDialog *self,
         const GValue       *value,
         double              x,
         double              y)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->importing)
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files != NULL)
    strata_import_dialog_set_file (self, files->data);
  g_slist_free (files);
  return files != NULL;
}

/* ---- importing ---- */

static guint64
count_customers (StrataImportDialog *self)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (self->workspace,
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
fill_rejects (StrataImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reject_list))) != NULL)
    gtk_list_box_remove (self->reject_list, child);
  if (self->result == NULL)
    {
      gtk_widget_set_visible (self->reject_box, FALSE);
      return;
    }
  for (guint i = 0; i < self->result->rejects->len; i++)
    {
      StrataImportReject *r = self->result->rejects->pdata[i];
      g_autofree char *title = strata_import_view_reject_title (r);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->reason);
      gtk_list_box_append (self->reject_list, row);
    }
  if (self->result->rows_rejected > self->result->rejects->len)
    {
      g_autofree char *more =
        g_strdup_printf (ngettext ("and %llu more: Save Rejected Rows… writes them all",
                                   "and %llu more: Save Rejected Rows… writes them all",
                                   self->result->rows_rejected - self->result->rejects->len),
                         (unsigned long long) (self->result->rows_rejected
                                               - self->result->rejects->len));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->reject_list, row);
    }
  gtk_widget_set_visible (self->reject_box, self->result->rejects->len > 0);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(StrataImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;
  self->result = strata_import_run_finish (STRATA_WORKSPACE (source), res, &error);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  g_clear_pointer (&self->summary, g_free);

  if (self->result != NULL)
    {
      guint64 created = count_customers (self);

      created = created > self->customers_before ? created - self->customers_before : 0;
      self->summary = strata_import_view_summary (self->result, self->period_done, created);
      adw_status_page_set_title (self->summary_status, _("Import Complete"));
      adw_status_page_set_icon_name (self->summary_status, "emblem-ok-symbolic");
      /* The period may be new: the selector has reloaded (the import's
       * "all"), and shows it. */
      if (self->context != NULL)
        strata_context_set_period (self->context, self->period_done);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->summary = g_strdup (_("Nothing was imported: the workspace is as it was."));
      adw_status_page_set_title (self->summary_status, _("Import Cancelled"));
      adw_status_page_set_icon_name (self->summary_status, "process-stop-symbolic");
    }
  else
    {
      self->summary = g_strdup_printf (_("%s\nNothing was imported: the workspace is as it was."),
                                       error->message);
      adw_status_page_set_title (self->summary_status, _("Import Failed"));
      adw_status_page_set_icon_name (self->summary_status, "dialog-error-symbolic");
    }
  adw_status_page_set_description (self->summary_status, self->summary);
  fill_rejects (self);
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_step (self, "summary");
}

static void
start_import (StrataImportDialog *self)
{
  g_autoptr(StrataImportOptions) options = build_options (self);
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *basename = g_file_get_basename (self->file);

  self->importing = TRUE;
  self->customers_before = count_customers (self);
  g_free (self->period_done);
  self->period_done = g_strdup (options->period);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_description (self->progress_status, basename);
  show_step (self, "progress");
  strata_import_run_async (self->workspace, path, options, progress_cb, g_object_ref (self),
                           g_object_unref, self->cancellable, import_done_cb,
                           g_object_ref (self));
}

/* ---- buttons ---- */

static void
back_clicked_cb (StrataImportDialog *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "preview"))
    show_step (self, "file");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
choose_clicked_cb (StrataImportDialog *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
save_clicked_cb (StrataImportDialog *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
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

/* ---- building the pages ---- */

static GtkWidget *
file_page (StrataImportDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *reading = adw_preferences_group_new ();
  GtkWidget *button, *row;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) encs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) delims = gtk_string_list_new (NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What to Import"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A CSV, TSV or text table; you can also drop it here."));
  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("File"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->file_row), FALSE);
  adw_action_row_set_subtitle (self->file_row, _("No file chosen"));
  button = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_clicked_cb), self);
  adw_action_row_add_suffix (self->file_row, button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->file_row));

  gtk_string_list_append (kinds, _("Customers"));
  gtk_string_list_append (kinds, _("Order lines"));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Each Row Is"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), _("One customer with its figures"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (reading_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));

  self->period_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->period_row),
                                 _("Period"));
  self->period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->period_dropdown), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_dropdown), _("Existing periods"));
  g_signal_connect (self->period_dropdown, "notify::selected", G_CALLBACK (period_picked_cb), self);
  adw_entry_row_add_suffix (self->period_row, GTK_WIDGET (self->period_dropdown));
  g_signal_connect_swapped (self->period_row, "changed", G_CALLBACK (period_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->period_row));
  self->period_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->period_note, TRUE);
  gtk_label_set_xalign (self->period_note, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->period_note), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->period_note), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->period_note), "caption");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->period_note));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (reading), _("Reading the File"));
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (encs, _(encodings[i].label));
  self->encoding_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->encoding_row), _("Encoding"));
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (encs));
  g_signal_connect_swapped (self->encoding_row, "notify::selected", G_CALLBACK (reading_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reading), GTK_WIDGET (self->encoding_row));

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    gtk_string_list_append (delims, _(delimiters[i].label));
  self->delimiter_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->delimiter_row), _("Delimiter"));
  adw_combo_row_set_model (self->delimiter_row, G_LIST_MODEL (delims));
  g_signal_connect_swapped (self->delimiter_row, "notify::selected", G_CALLBACK (reading_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reading), GTK_WIDGET (self->delimiter_row));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Stop at any bad row"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Import nothing when a row cannot be read"));
  self->strict_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->strict_switch), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->strict_switch, "notify::active", G_CALLBACK (strict_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->strict_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->strict_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reading), row);

  self->file_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->file_error, TRUE);
  gtk_label_set_xalign (self->file_error, 0);
  gtk_label_set_selectable (self->file_error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->file_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->file_error), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reading), GTK_WIDGET (self->file_error));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (reading));
  return page;
}

static GtkWidget *
preview_page (StrataImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller, *lower, *left, *right, *heading;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  self->preview_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->preview_label, TRUE);
  gtk_label_set_xalign (self->preview_label, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->preview_label));

  self->table_rows = gtk_string_list_new (NULL);
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (
    GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->table_rows))))));
  gtk_column_view_set_show_column_separators (self->table, TRUE);
  gtk_column_view_set_show_row_separators (self->table, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "data-table");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (box), scroller);

  lower = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (lower), TRUE);
  gtk_widget_set_vexpand (lower, TRUE);

  self->mapping_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->mapping_group, _("Columns"));
  adw_preferences_group_set_description (self->mapping_group,
                                         _("What each column of the file becomes"));
  left = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (left), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (left), GTK_WIDGET (self->mapping_group));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (left), 200);
  gtk_box_append (GTK_BOX (lower), left);

  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (_("Problems"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (right), heading);
  self->problems_empty = GTK_LABEL (gtk_label_new (_("Every previewed row can be read.")));
  gtk_label_set_xalign (self->problems_empty, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_empty), "dim-label");
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->problems_empty));
  self->problem_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->problem_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_list), "boxed-list");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->problem_list));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (right), scroller);
  gtk_box_append (GTK_BOX (lower), right);

  gtk_box_append (GTK_BOX (box), lower);
  return box;
}

static GtkWidget *
progress_page (StrataImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *cancel;

  self->progress_status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_title (self->progress_status, _("Importing…"));
  adw_status_page_set_icon_name (self->progress_status, "document-open-symbolic");
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 360, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "pill");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (strata_import_dialog_cancel), self);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  adw_status_page_set_child (self->progress_status, box);
  return GTK_WIDGET (self->progress_status);
}

static GtkWidget *
summary_page (StrataImportDialog *self)
{
  GtkWidget *scroller, *clamp, *heading;

  self->summary_status = ADW_STATUS_PAGE (adw_status_page_new ());
  self->reject_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (_("Rejected Rows"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->reject_box), heading);
  self->reject_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->reject_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->reject_list), "boxed-list");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->reject_list));
  gtk_box_append (GTK_BOX (self->reject_box), scroller);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save Rejected Rows…"));
  gtk_widget_set_halign (self->save_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->save_button, "pill");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->reject_box), self->save_button);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->reject_box);
  adw_status_page_set_child (self->summary_status, clamp);
  return GTK_WIDGET (self->summary_status);
}

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
  g_clear_object (&self->table_rows);
  g_clear_pointer (&self->preview, strata_import_preview_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->overrides, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->result, strata_import_result_free);
  g_free (self->summary);
  g_free (self->period_done);
  G_OBJECT_CLASS (strata_import_dialog_parent_class)->finalize (object);
}

static void
strata_import_dialog_class_init (StrataImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = strata_import_dialog_dispose;
  object_class->finalize = strata_import_dialog_finalize;
  /* Escape closes, like Cancel (during an import it cancels first). */
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
strata_import_dialog_init (StrataImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkDropTarget *target;

  self->overrides = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Import Data"));
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Import Data"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->back_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  self->next_button = gtk_button_new_with_mnemonic (_("_Next"));
  gtk_widget_add_css_class (self->next_button, "suggested-action");
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (strata_import_dialog_next), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->next_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, file_page (self), "file");
  gtk_stack_add_named (self->stack, preview_page (self), "preview");
  gtk_stack_add_named (self->stack, progress_page (self), "progress");
  gtk_stack_add_named (self->stack, summary_page (self), "summary");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  show_step (self, "file");
}

static void
fill_periods (StrataImportDialog *self)
{
  GListModel *periods = strata_context_get_periods (self->context);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = strata_context_get_period (self->context);
  guint n = g_list_model_get_n_items (periods);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StrataPeriod) p = g_list_model_get_item (periods, i);

      gtk_string_list_append (names, strata_period_get_name (p));
      if (g_strcmp0 (strata_period_get_name (p), current) == 0)
        selected = i;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), n > 0);
  if (current != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->period_row), current);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *quarter = g_strdup_printf ("%d-Q%d", g_date_time_get_year (now),
                                                  (g_date_time_get_month (now) - 1) / 3 + 1);

      gtk_editable_set_text (GTK_EDITABLE (self->period_row), quarter);
    }
  self->updating = FALSE;
  update_period_note (self);
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
  fill_periods (self);
  return self;
}

static void
no_workspace_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          GtkWindow        *window)
{
  const char *action = g_str_equal (response, "new") ? "app.new-workspace"
                       : g_str_equal (response, "open") ? "app.open" : NULL;

  if (action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
}

void
strata_import_dialog_run_for_window (GtkWindow     *window,
                                     StrataContext *context,
                                     GFile         *file)
{
  StrataImportDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (context == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("No Workspace Is Open"),
                                                  _("Data is imported into a workspace. Create a "
                                                    "new one or open one, then import again."));

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "open", _("_Open…"),
                                        "new", _("_New Workspace…"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (no_workspace_response_cb),
                               window, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  self = strata_import_dialog_new (window, context);
  if (file != NULL)
    strata_import_dialog_set_file (self, file);
  gtk_window_present (GTK_WINDOW (self));
}

gboolean
strata_import_is_table_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv")
         || g_str_has_suffix (lower, ".txt");
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
  adw_action_row_set_subtitle (self->file_row, name);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_clear_error (&self->error);
      g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot import “%s”: only files on this computer can be imported"), name);
      g_clear_object (&self->file);
      g_clear_pointer (&self->preview, strata_import_preview_free);
      update_detected (self);
      return;
    }
  reset_and_refresh (self);
  show_step (self, "file");
}

void
strata_import_dialog_set_kind (StrataImportDialog *self,
                               StrataImportKind    kind)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  adw_combo_row_set_selected (self->kind_row, kind == STRATA_IMPORT_KIND_ORDERS ? 1 : 0);
}

void
strata_import_dialog_set_period (StrataImportDialog *self,
                                 const char         *period)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->period_row), period ? period : "");
}

void
strata_import_dialog_set_encoding (StrataImportDialog *self,
                                   const char         *encoding)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (g_strcmp0 (encodings[i].name, encoding) == 0)
      adw_combo_row_set_selected (self->encoding_row, i);
}

void
strata_import_dialog_set_delimiter (StrataImportDialog *self,
                                    char                delimiter)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i].delimiter == delimiter)
      adw_combo_row_set_selected (self->delimiter_row, i);
}

void
strata_import_dialog_set_strict (StrataImportDialog *self,
                                 gboolean            strict)
{
  g_return_if_fail (STRATA_IS_IMPORT_DIALOG (self));
  gtk_switch_set_active (self->strict_switch, strict);
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
    start_import (self);
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

gboolean
strata_import_dialog_save_rejects (StrataImportDialog  *self,
                                   const char          *path,
                                   GError             **error)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->result == NULL)
    {
      g_set_error_literal (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                           _("There is no finished import whose rejected rows could be saved"));
      return FALSE;
    }
  return strata_export_rejects (self->workspace, self->result->import_id, path, error);
}
