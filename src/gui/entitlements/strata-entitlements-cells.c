/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cells of the entitlement matrix: one editor per kind (a switch for
 * included, a drop-down for a level, a spin button with its unit for a
 * number, an entry for text), committed to the matrix on change, and the
 * cell's state: refused input or a consistency problem, shown at the cell
 * with the error style, a warning icon and the message as tooltip. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-entitlements-page-private.h"
#include "strata-write-error.h"

static void
cell_free (StrataEntitlementsCell *cell)
{
  g_free (cell->tier);
  g_free (cell->input_error);
  g_free (cell);
}

static char *
cell_key (gint64      id,
          const char *tier)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", id, tier);
}


/* Shows a cell's state: the refused input if any, else its consistency
 * problem, else nothing. */
static void
update_cell_state (StrataEntitlementsCell *cell)
{
  const StrataEntitlementProblem *p =
    strata_entitlements_get_problem (cell->page->model, cell->id, cell->tier);
  const char *message = cell->input_error ? cell->input_error : (p ? p->message : NULL);

  if (message != NULL)
    gtk_widget_add_css_class (cell->box, "error");
  else
    gtk_widget_remove_css_class (cell->box, "error");
  gtk_widget_set_visible (cell->icon, message != NULL);
  /* Setting a tooltip asks the display where the pointer is (a round trip
   * to the X server): not for each of a new matrix's hundreds of cells. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (cell->box), message) != 0)
    gtk_widget_set_tooltip_text (cell->box, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->editor),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

/* A value the workspace could not take (in use, full disk): the Try Again
 * / Save a Copy As… dialog keeps it (strata-write-error.h) while the cell
 * shows the input and the error. */
typedef struct
{
  StrataEntitlementsPage *page;
  gint64                  id;
  char                   *tier;
  char                   *input;
} ValueEdit;

static void
value_edit_free (ValueEdit *e)
{
  g_free (e->tier);
  g_free (e->input);
  g_free (e);
}

static void
value_retry (gpointer data)
{
  ValueEdit *e = data;

  if (e->page->model != NULL)
    strata_entitlements_page_set_value (e->page, e->id, e->tier, e->input);
}

static gboolean
value_copy (StrataWorkspace *copy,
            gpointer         data,
            GError         **error)
{
  ValueEdit *e = data;
  g_autoptr(StrataEntitlements) model = strata_entitlements_new (copy, error);

  return model != NULL && strata_entitlements_sync_tiers (model, error) &&
         strata_entitlements_set_value (model, e->id, e->tier, e->input, error);
}

gboolean
strata_entitlements_page_set_value (StrataEntitlementsPage *self,
                                    gint64                  id,
                                    const char             *tier,
                                    const char             *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = cell_key (id, tier);
  StrataEntitlementsCell *cell;
  gboolean ok = strata_entitlements_set_value (self->model, id, tier, input, &error);

  /* The matrix may have been rebuilt meanwhile: look the cell up. */
  cell = g_hash_table_lookup (self->cells, key);
  if (!ok)
    {
      if (cell != NULL)
        {
          g_free (cell->input_error);
          cell->input_error = g_strdup (error->message);
          update_cell_state (cell);
        }
      strata_entitlements_page_show_error (self, error->message);
      if (strata_write_error_is_retryable (error))
        {
          ValueEdit *e = g_new0 (ValueEdit, 1);

          e->page = self;
          e->id = id;
          e->tier = g_strdup (tier);
          e->input = g_strdup (input);
          strata_write_error_show (STRATA_PAGE (self), _("The entitlement could not be saved"),
                                   error, value_retry, value_copy, e,
                                   (GDestroyNotify) value_edit_free);
        }
      return FALSE;
    }
  if (cell != NULL)
    {
      g_clear_pointer (&cell->input_error, g_free);
      update_cell_state (cell);
    }
  strata_entitlements_page_clear_error (self);
  return TRUE;
}

static void
commit (StrataEntitlementsCell       *cell,
        const char *input)
{
  StrataEntitlementsPage *self = cell->page;

  if (self->updating || self->model == NULL)
    return;
  strata_entitlements_page_set_value (self, cell->id, cell->tier, input);
}

static void
on_switch_active (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  StrataEntitlementsCell       *cell)
{
  commit (cell, gtk_switch_get_active (sw) ? "yes" : "no");
}

static void
on_drop_down_selected (GtkDropDown *dd,
                       GParamSpec  *pspec,
                       StrataEntitlementsCell        *cell)
{
  guint selected = gtk_drop_down_get_selected (dd);
  GListModel *levels = gtk_drop_down_get_model (dd);
  g_autoptr(GtkStringObject) item = NULL;

  /* Item 0 is "—": no value. */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    {
      commit (cell, "");
      return;
    }
  item = g_list_model_get_item (levels, selected);
  commit (cell, gtk_string_object_get_string (item));
}

/* The spin button reads its text with the entitlement's own parser, so
 * "abc" gets the same message as everywhere else, at the cell. */
static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               StrataEntitlementsCell          *cell)
{
  const StrataEntitlement *e = strata_entitlements_lookup (cell->page->model, cell->id);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (e == NULL)
    return FALSE;
  value = strata_entitlement_parse_value (e, gtk_editable_get_text (GTK_EDITABLE (spin)), &error);
  if (value == NULL)
    {
      g_free (cell->input_error);
      cell->input_error = g_strdup (error->message);
      update_cell_state (cell);
      strata_entitlements_page_show_error (cell->page, error->message);
      return GTK_INPUT_ERROR;
    }
  *new_value = *value ? g_ascii_strtod (value, NULL) : 0;
  return TRUE;
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                gpointer       data)
{
  char buf[64];

  g_snprintf (buf, sizeof buf, "%.10g", gtk_spin_button_get_value (spin));
  gtk_editable_set_text (GTK_EDITABLE (spin), buf);
  return TRUE;
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       StrataEntitlementsCell          *cell)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *value = g_ascii_dtostr (buf, sizeof buf, gtk_spin_button_get_value (spin));
  const char *was = cell->page->model
                    ? strata_entitlements_get_value (cell->page->model, cell->id, cell->tier) : NULL;

  /* Refused input puts the old value back and says so through this signal:
   * that is no edit, and the message must stay. */
  if (was != NULL && g_ascii_strtod (was, NULL) == gtk_spin_button_get_value (spin))
    return;
  commit (cell, value);
}

static void
commit_entry (GtkEntry *entry,
              StrataEntitlementsCell     *cell)
{
  const char *now = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *stored = cell->page->model
                       ? strata_entitlements_get_value (cell->page->model, cell->id, cell->tier)
                       : NULL;
  const StrataEntitlement *e = cell->page->model
                               ? strata_entitlements_lookup (cell->page->model, cell->id) : NULL;

  /* The entry shows a seeded text in the reader's language: leaving it
   * as shown is no edit. */
  if (g_strcmp0 (now, stored ? stored : "") != 0 &&
      (e == NULL || stored == NULL || g_strcmp0 (now, strata_entitlement_display_text (e, stored)) != 0))
    commit (cell, now);
}

static void
on_entry_leave (GtkEventControllerFocus *focus,
                StrataEntitlementsCell                    *cell)
{
  commit_entry (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))), cell);
}

/* Puts the stored value into the cell's editor without committing it. */
static void
set_editor_value (StrataEntitlementsCell                    *cell,
                  const StrataEntitlement *e)
{
  const char *value = strata_entitlements_get_value (cell->page->model, cell->id, cell->tier);

  switch (e->kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      gtk_switch_set_active (GTK_SWITCH (cell->editor), g_strcmp0 (value, "1") == 0);
      break;
    case STRATA_ENTITLEMENT_LEVEL:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (cell->editor),
                                  (guint) (strata_entitlement_level_index (e, value) + 1));
      break;
    case STRATA_ENTITLEMENT_NUMBER:
      if (!gtk_widget_has_focus (cell->editor) || value != NULL)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (cell->editor),
                                   value ? g_ascii_strtod (value, NULL) : 0);
      break;
    case STRATA_ENTITLEMENT_TEXT:
    default:
      {
        const char *shown = value ? strata_entitlement_display_text (e, value) : "";

        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell->editor)), shown) != 0)
          gtk_editable_set_text (GTK_EDITABLE (cell->editor), shown);
      }
      break;
    }
}

/* Levels end in "…" when the column is narrow rather than widen it (the
 * list that opens shows them whole). */
static void
level_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
level_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkStringObject *level = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (level));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (level));
}

static GtkListItemFactory *
level_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (level_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (level_bind), NULL);
  return factory;
}

GtkWidget *
strata_entitlements_cell_new (StrataEntitlementsPage      *self,
                              const StrataEntitlement     *e,
                              const StrataEntitlementTier *tier)
{
  StrataEntitlementsCell *cell = g_new0 (StrataEntitlementsCell, 1);
  g_autofree char *name = NULL;
  GtkWidget *editor;

  cell->page = self;
  cell->id = e->id;
  cell->tier = g_strdup (tier->id);
  cell->kind = e->kind;
  cell->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (cell->box, "entitlement-cell");
  gtk_widget_set_valign (cell->box, GTK_ALIGN_CENTER);

  switch (e->kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      editor = gtk_switch_new ();
      gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (editor, TRUE);
      gtk_widget_set_halign (editor, GTK_ALIGN_CENTER);
      g_signal_connect (editor, "notify::active", G_CALLBACK (on_switch_active), cell);
      break;

    case STRATA_ENTITLEMENT_LEVEL:
      {
        g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
        g_autoptr(GtkListItemFactory) factory = level_factory ();

        gtk_string_list_append (list, "—");
        for (guint i = 0; e->levels[i]; i++)
          gtk_string_list_append (list, strata_entitlement_display_text (e, e->levels[i]));
        editor = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
        gtk_drop_down_set_factory (GTK_DROP_DOWN (editor), factory);
        gtk_widget_set_hexpand (editor, TRUE);
        g_signal_connect (editor, "notify::selected", G_CALLBACK (on_drop_down_selected), cell);
      }
      break;

    case STRATA_ENTITLEMENT_NUMBER:
      {
        GtkAdjustment *adj = gtk_adjustment_new (0, 0, 1e9, 1, 10, 0);

        editor = gtk_spin_button_new (adj, 1, 2);
        gtk_editable_set_width_chars (GTK_EDITABLE (editor), 4);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (editor), FALSE);
        /* Refused input keeps the old value (ALWAYS would store 0). */
        gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (editor), GTK_UPDATE_IF_VALID);
        gtk_widget_set_hexpand (editor, TRUE);
        gtk_widget_add_css_class (editor, "numeric");
        g_signal_connect (editor, "input", G_CALLBACK (on_spin_input), cell);
        g_signal_connect (editor, "output", G_CALLBACK (on_spin_output), NULL);
        g_signal_connect (editor, "value-changed", G_CALLBACK (on_spin_value_changed), cell);
      }
      break;

    case STRATA_ENTITLEMENT_TEXT:
    default:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        editor = gtk_entry_new ();
        gtk_editable_set_width_chars (GTK_EDITABLE (editor), 8);
        gtk_widget_set_hexpand (editor, TRUE);
        g_signal_connect (editor, "activate", G_CALLBACK (commit_entry), cell);
        g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), cell);
        gtk_widget_add_controller (editor, focus);
      }
      break;
    }
  cell->editor = editor;
  /* A read-only workspace shows the values but takes no edits. */
  g_object_bind_property (self, "editable", editor, "sensitive", G_BINDING_SYNC_CREATE);
  /* The editor owns the cell, so a late signal never sees freed memory. */
  g_object_set_data_full (G_OBJECT (editor), "strata-cell", cell, (GDestroyNotify) cell_free);
  /* Translators: accessible name of a cell: "Order discount, tier A" */
  name = g_strdup_printf (_("%s, tier %s"), strata_entitlement_get_display_label (e), tier->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (cell->box), editor);

  if (e->kind == STRATA_ENTITLEMENT_NUMBER && e->unit && *e->unit)
    {
      GtkWidget *unit = gtk_label_new (strata_entitlement_display_text (e, e->unit));

      gtk_widget_add_css_class (unit, "dim-label");
      gtk_widget_set_visible (unit, !self->narrow);
      g_ptr_array_add (self->unit_labels, unit);
      gtk_box_append (GTK_BOX (cell->box), unit);
    }
  cell->icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (cell->icon, "error");
  gtk_widget_set_visible (cell->icon, FALSE);
  gtk_box_append (GTK_BOX (cell->box), cell->icon);

  self->updating = TRUE;
  set_editor_value (cell, e);
  self->updating = FALSE;
  g_hash_table_insert (self->cells, cell_key (cell->id, cell->tier), cell);
  update_cell_state (cell);
  return cell->box;
}

GtkWidget *
strata_entitlements_page_get_cell (StrataEntitlementsPage *self,
                                   gint64                  entitlement_id,
                                   const char             *tier)
{
  g_autofree char *key = NULL;
  StrataEntitlementsCell *cell;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self), NULL);
  key = cell_key (entitlement_id, tier);
  cell = g_hash_table_lookup (self->cells, key);
  return cell ? cell->editor : NULL;
}

void
strata_entitlements_cell_refresh (StrataEntitlementsCell *cell)
{
  const StrataEntitlement *e = strata_entitlements_lookup (cell->page->model, cell->id);

  if (e != NULL)
    set_editor_value (cell, e);
  update_cell_state (cell);
}
