/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's file page. It reads nothing: it holds the
 * choices, says what importing into the period does, and tells the
 * assistant when a choice changes what the file reads as. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-import-file-page.h"
#include "strata-period.h"
#include "strata-period-list.h"

struct _StrataImportFilePage
{
  AdwPreferencesPage  parent_instance;

  GListModel         *periods;
  gboolean            updating;
  char               *dates_note;  /* what the file's dates gave the period */

  AdwActionRow       *file_row;
  AdwComboRow        *sheet_row;
  GtkStringList      *sheet_names;
  AdwComboRow        *kind_row;
  AdwEntryRow        *period_row;
  GtkDropDown        *period_dropdown;
  GtkLabel           *period_note;
  AdwComboRow        *split_row;
  AdwComboRow        *encoding_row;
  AdwComboRow        *delimiter_row;
  GtkSwitch          *strict_switch;
  GtkLabel           *file_error;
};

G_DEFINE_FINAL_TYPE (StrataImportFilePage, strata_import_file_page, ADW_TYPE_PREFERENCES_PAGE)

enum { READING_CHANGED, PERIOD_CHANGED, STRICT_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* In the order of the encoding and delimiter lists of the .ui. */
static const char *const encodings[] = {
  NULL, "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "BIG5", "SHIFT_JIS", "WINDOWS-1252",
};

static const char delimiters[] = { 0, ',', ';', '\t', '|' };

/* Says what importing into an existing period does to it. */
static void
update_period_note (StrataImportFilePage *self)
{
  g_autofree char *period = strata_import_file_page_dup_period (self);
  g_autofree char *text = NULL;
  gboolean exists = FALSE;

  if (strata_import_file_page_get_split (self) != STRATA_IMPORT_SPLIT_NONE)
    {
      const char *split = _("Each line goes to the period of its date (such as 2011-Q1, 2011-01 or "
                            "2011), created when missing; each period the file has lines for is "
                            "updated as an import into that one period is. Lines without a date "
                            "are rejected.");

      if (self->dates_note != NULL)
        text = g_strconcat (self->dates_note, " ", split, NULL);
      gtk_label_set_text (self->period_note, text ? text : split);
      return;
    }
  if (self->periods != NULL && period[0] != '\0')
    exists = strata_period_list_lookup_name (STRATA_PERIOD_LIST (self->periods), period) != NULL;
  if (period[0] == '\0')
    text = g_strdup (_("Name the period the data belongs to, such as 2026-Q3."));
  else if (exists && strata_import_file_page_get_kind (self) == STRATA_IMPORT_KIND_ORDERS)
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
  if (self->dates_note != NULL && strata_import_file_page_get_kind (self) == STRATA_IMPORT_KIND_ORDERS)
    {
      char *both = g_strconcat (self->dates_note, " ", text, NULL);

      g_free (text);
      text = both;
    }
  gtk_label_set_text (self->period_note, text);
}

/* The split is for order lines; with one, the period name is not used. */
static void
update_split (StrataImportFilePage *self)
{
  gboolean orders = strata_import_file_page_get_kind (self) == STRATA_IMPORT_KIND_ORDERS;

  gtk_widget_set_visible (GTK_WIDGET (self->split_row), orders);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_row),
                            strata_import_file_page_get_split (self) == STRATA_IMPORT_SPLIT_NONE);
}

static void
split_changed_cb (StrataImportFilePage *self)
{
  update_split (self);
  update_period_note (self);
  if (!self->updating)
    g_signal_emit (self, signals[PERIOD_CHANGED], 0);
}

static void
reading_changed_cb (StrataImportFilePage *self)
{
  update_split (self);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row),
                               strata_import_file_page_get_kind (self) == STRATA_IMPORT_KIND_ORDERS
                               ? _("One invoice line; lines are summed per customer")
                               : _("One customer with its figures"));
  update_period_note (self);
  if (!self->updating)
    g_signal_emit (self, signals[READING_CHANGED], 0);
}

static void
period_changed_cb (StrataImportFilePage *self)
{
  update_period_note (self);
  if (!self->updating)
    g_signal_emit (self, signals[PERIOD_CHANGED], 0);
}

static void
period_picked_cb (StrataImportFilePage *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->period_dropdown);

  if (item != NULL && !self->updating)
    gtk_editable_set_text (GTK_EDITABLE (self->period_row), gtk_string_object_get_string (item));
}

static void
strict_changed_cb (StrataImportFilePage *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[STRICT_CHANGED], 0);
}

static void
strata_import_file_page_dispose (GObject *object)
{
  StrataImportFilePage *self = STRATA_IMPORT_FILE_PAGE (object);

  g_clear_object (&self->periods);
  g_clear_pointer (&self->dates_note, g_free);
  G_OBJECT_CLASS (strata_import_file_page_parent_class)->dispose (object);
}

static void
strata_import_file_page_class_init (StrataImportFilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_import_file_page_dispose;

  signals[READING_CHANGED] = g_signal_new ("reading-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
  signals[PERIOD_CHANGED] = g_signal_new ("period-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[STRICT_CHANGED] = g_signal_new ("strict-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-import-file-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, file_row);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, sheet_names);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, period_row);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, period_note);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, split_row);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, strict_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataImportFilePage, file_error);
  gtk_widget_class_bind_template_callback (widget_class, reading_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, split_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, strict_changed_cb);
}

static void
strata_import_file_page_init (StrataImportFilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StrataImportKind
strata_import_file_page_get_kind (StrataImportFilePage *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self), STRATA_IMPORT_KIND_CUSTOMERS);
  return adw_combo_row_get_selected (self->kind_row) == 1 ? STRATA_IMPORT_KIND_ORDERS
                                                          : STRATA_IMPORT_KIND_CUSTOMERS;
}

void
strata_import_file_page_set_kind (StrataImportFilePage *self,
                                  StrataImportKind      kind)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  adw_combo_row_set_selected (self->kind_row, kind == STRATA_IMPORT_KIND_ORDERS ? 1 : 0);
}

StrataImportSplit
strata_import_file_page_get_split (StrataImportFilePage *self)
{
  guint selected;

  g_return_val_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self), STRATA_IMPORT_SPLIT_NONE);
  selected = adw_combo_row_get_selected (self->split_row);
  if (strata_import_file_page_get_kind (self) != STRATA_IMPORT_KIND_ORDERS ||
      selected > STRATA_IMPORT_SPLIT_YEAR)
    return STRATA_IMPORT_SPLIT_NONE;
  return (StrataImportSplit) selected;
}

void
strata_import_file_page_set_split (StrataImportFilePage *self,
                                   StrataImportSplit     split)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  adw_combo_row_set_selected (self->split_row, split);
}

char *
strata_import_file_page_dup_period (StrataImportFilePage *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->period_row))));
}

void
strata_import_file_page_set_period (StrataImportFilePage *self,
                                    const char           *period)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->period_row), period ? period : "");
}

const char *
strata_import_file_page_get_encoding (StrataImportFilePage *self)
{
  guint i;

  g_return_val_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self), NULL);
  i = adw_combo_row_get_selected (self->encoding_row);
  return i < G_N_ELEMENTS (encodings) ? encodings[i] : NULL;
}

void
strata_import_file_page_set_encoding (StrataImportFilePage *self,
                                      const char           *encoding)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (g_strcmp0 (encodings[i], encoding) == 0)
      adw_combo_row_set_selected (self->encoding_row, i);
}

char
strata_import_file_page_get_delimiter (StrataImportFilePage *self)
{
  guint i;

  g_return_val_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self), 0);
  i = adw_combo_row_get_selected (self->delimiter_row);
  return i < G_N_ELEMENTS (delimiters) ? delimiters[i] : 0;
}

void
strata_import_file_page_set_delimiter (StrataImportFilePage *self,
                                       char                  delimiter)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      adw_combo_row_set_selected (self->delimiter_row, i);
}

gboolean
strata_import_file_page_get_strict (StrataImportFilePage *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self), FALSE);
  return gtk_switch_get_active (self->strict_switch);
}

void
strata_import_file_page_set_strict (StrataImportFilePage *self,
                                    gboolean              strict)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  gtk_switch_set_active (self->strict_switch, strict);
}

void
strata_import_file_page_set_periods (StrataImportFilePage *self,
                                     GListModel           *periods,
                                     const char           *current)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n, selected = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  g_return_if_fail (STRATA_IS_PERIOD_LIST (periods));

  g_set_object (&self->periods, periods);
  n = g_list_model_get_n_items (periods);
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

void
strata_import_file_page_set_dates_note (StrataImportFilePage *self,
                                        const char           *note)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  g_free (self->dates_note);
  self->dates_note = g_strdup (note);
  update_period_note (self);
}

void
strata_import_file_page_set_file_name (StrataImportFilePage *self,
                                       const char           *name)
{
  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));
  adw_action_row_set_subtitle (self->file_row, name);
}

void
strata_import_file_page_set_sheets (StrataImportFilePage *self,
                                    const char *const    *names,
                                    const char           *selected)
{
  guint n = names != NULL ? g_strv_length ((GStrv) names) : 0;
  guint pick = 0;

  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], selected) == 0)
      pick = i;
  self->updating = TRUE;
  gtk_string_list_splice (self->sheet_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->sheet_names)),
                          n > 1 ? names : NULL);
  adw_combo_row_set_selected (self->sheet_row, n > 1 ? pick : GTK_INVALID_LIST_POSITION);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), n > 1);
  self->updating = FALSE;
}

const char *
strata_import_file_page_get_sheet (StrataImportFilePage *self)
{
  GtkStringObject *item;

  g_return_val_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->sheet_row)))
    return NULL;
  item = adw_combo_row_get_selected_item (self->sheet_row);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

void
strata_import_file_page_set_detected (StrataImportFilePage *self,
                                      const char           *encoding,
                                      const char           *delimiter,
                                      const char           *error)
{
  g_autofree char *enc = NULL, *delim = NULL;

  g_return_if_fail (STRATA_IS_IMPORT_FILE_PAGE (self));

  if (encoding != NULL)
    /* Translators: under the encoding and delimiter choices */
    enc = g_strdup_printf (_("Detected: %s"), encoding);
  if (delimiter != NULL)
    delim = g_strdup_printf (_("Detected: %s"), delimiter);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), enc ? enc : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), delim ? delim : "");
  gtk_label_set_text (self->file_error, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->file_error), error != NULL);
}
