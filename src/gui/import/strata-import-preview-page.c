/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's preview page. It shows the preview the assistant
 * ran: the table of the first rows (each column titled with what it
 * becomes), a row per column to change that, and the rejected rows. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-import-column-row.h"
#include "strata-import-preview-page.h"
#include "strata-import-reject-row.h"
#include "strata-import-view.h"

struct _StrataImportPreviewPage
{
  GtkBox                     parent_instance;

  const StrataImportPreview *preview;    /* the assistant's */
  GPtrArray                 *roles;      /* StrataImportRole */
  GPtrArray                 *rows;       /* StrataImportColumnRow per column */
  gboolean                   updating;

  GtkLabel                  *preview_label;
  GtkColumnView             *table;
  GtkStringList             *table_rows;
  AdwPreferencesGroup       *mapping_group;
  GtkLabel                  *problems_empty;
  GtkListBox                *problem_list;
};

G_DEFINE_FINAL_TYPE (StrataImportPreviewPage, strata_import_preview_page, GTK_TYPE_BOX)

enum { COLUMN_ROLE_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- the table ---- */

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
line_rejected (StrataImportPreviewPage *self,
               guint64                  line)
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
  StrataImportPreviewPage *self = user_data;
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
table_column (StrataImportPreviewPage *self,
              const char              *title,
              int                      col)
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
role_label (StrataImportPreviewPage *self,
            const char              *id)
{
  int i = strata_import_view_find_role (self->roles, id);

  return i >= 0 ? ((StrataImportRole *) self->roles->pdata[i])->label : "";
}

static void
rebuild_table (StrataImportPreviewPage *self)
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

/* ---- the columns ---- */

typedef struct
{
  StrataImportPreviewPage *self;
  guint                    col;
  char                    *role;
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
emit_role_choice (gpointer data)
{
  RoleChoice *c = data;

  g_signal_emit (c->self, signals[COLUMN_ROLE_CHOSEN], 0, c->col, c->role);
  return G_SOURCE_REMOVE;
}

/* The dropdown is still inside its own change when this runs: the new
 * preview (which updates every dropdown) comes right after, from idle. */
static void
role_selected_cb (StrataImportColumnRow   *row,
                  GParamSpec              *pspec,
                  StrataImportPreviewPage *self)
{
  guint sel = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
  RoleChoice *c;

  if (self->updating || self->roles == NULL || sel >= self->roles->len)
    return;
  c = g_new0 (RoleChoice, 1);
  c->self = g_object_ref (self);
  c->col = strata_import_column_row_get_column (row);
  c->role = g_strdup (((StrataImportRole *) self->roles->pdata[sel])->id);
  g_idle_add_full (G_PRIORITY_DEFAULT, emit_role_choice, c, role_choice_free);
}

/* The dropdowns show what the preview made of each column. */
static void
update_mapping (StrataImportPreviewPage *self)
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
rebuild_mapping (StrataImportPreviewPage *self,
                 gboolean                 same_columns)
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
      const char *sample = NULL;
      int sel = strata_import_view_find_role (self->roles,
                                              strata_import_view_column_role (self->preview->result, i));
      GtkWidget *row;

      for (guint r = 0; r < self->preview->rows->len && sample == NULL; r++)
        {
          GStrv f = self->preview->rows->pdata[r];

          if (i < g_strv_length (f) && f[i][0] != '\0')
            sample = f[i];
        }
      row = strata_import_column_row_new (i, self->preview->header->pdata[i], sample,
                                          G_LIST_MODEL (labels), sel);
      g_signal_connect (row, "notify::selected", G_CALLBACK (role_selected_cb), self);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->rows, row);
    }
  self->updating = FALSE;
}

/* ---- the problems ---- */

static void
rebuild_problems (StrataImportPreviewPage *self,
                  const GError            *error,
                  gboolean                 strict)
{
  GtkWidget *child;
  GPtrArray *rejects;
  g_autofree char *text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))) != NULL)
    gtk_list_box_remove (self->problem_list, child);
  if (self->preview == NULL)
    {
      gtk_label_set_text (self->preview_label, error ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->problems_empty), FALSE);
      return;
    }
  rejects = self->preview->result->rejects;
  for (guint i = 0; i < rejects->len; i++)
    gtk_list_box_append (self->problem_list,
                         strata_import_reject_row_new (rejects->pdata[i], NULL, TRUE));
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
  if (strict && self->preview->result->rows_rejected > 0)
    {
      char *more = g_strconcat (text, " ", _("With “Stop at any bad row” on, nothing will be "
                                             "imported."), NULL);
      g_free (text);
      text = more;
    }
  gtk_label_set_text (self->preview_label, text);
}

/* ---- the page ---- */

static void
strata_import_preview_page_dispose (GObject *object)
{
  StrataImportPreviewPage *self = STRATA_IMPORT_PREVIEW_PAGE (object);

  self->preview = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_IMPORT_PREVIEW_PAGE);
  G_OBJECT_CLASS (strata_import_preview_page_parent_class)->dispose (object);
}

static void
strata_import_preview_page_finalize (GObject *object)
{
  StrataImportPreviewPage *self = STRATA_IMPORT_PREVIEW_PAGE (object);

  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (strata_import_preview_page_parent_class)->finalize (object);
}

static void
strata_import_preview_page_class_init (StrataImportPreviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_import_preview_page_dispose;
  object_class->finalize = strata_import_preview_page_finalize;

  signals[COLUMN_ROLE_CHOSEN] = g_signal_new ("column-role-chosen", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-import-preview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataImportPreviewPage, preview_label);
  gtk_widget_class_bind_template_child (widget_class, StrataImportPreviewPage, table);
  gtk_widget_class_bind_template_child (widget_class, StrataImportPreviewPage, table_rows);
  gtk_widget_class_bind_template_child (widget_class, StrataImportPreviewPage, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, StrataImportPreviewPage, problems_empty);
  gtk_widget_class_bind_template_child (widget_class, StrataImportPreviewPage, problem_list);
}

static void
strata_import_preview_page_init (StrataImportPreviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

void
strata_import_preview_page_set_preview (StrataImportPreviewPage   *self,
                                        const StrataImportPreview *preview)
{
  g_return_if_fail (STRATA_IS_IMPORT_PREVIEW_PAGE (self));
  self->preview = preview;
}

void
strata_import_preview_page_rebuild (StrataImportPreviewPage *self,
                                    GPtrArray               *roles,
                                    const GError            *error,
                                    gboolean                 same_columns,
                                    gboolean                 strict)
{
  g_return_if_fail (STRATA_IS_IMPORT_PREVIEW_PAGE (self));
  g_return_if_fail (roles != NULL);

  g_ptr_array_ref (roles);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  self->roles = roles;
  rebuild_table (self);
  rebuild_mapping (self, same_columns);
  rebuild_problems (self, error, strict);
}

void
strata_import_preview_page_update_problems (StrataImportPreviewPage *self,
                                            const GError            *error,
                                            gboolean                 strict)
{
  g_return_if_fail (STRATA_IS_IMPORT_PREVIEW_PAGE (self));
  rebuild_problems (self, error, strict);
}
