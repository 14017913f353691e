/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Entitlements page: what each tier gets at each stage of the funnel.
 *
 * Rows are entitlements grouped in one card per stage, columns are the tiers
 * of the current rule set; every cell is edited in place with the editor
 * that fits its kind. Columns line up across the cards through one size
 * group per column. An edit of a value updates the cells in place (the
 * focused editor stays); an edit of the structure rebuilds the cards from an
 * idle callback, never from inside the handler of the widget that asked. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-entitlements-page-private.h"
#include "strata-format.h"
#include "strata-window.h"

struct _StrataEntitlementsPage
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkLabel           *problems_label;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkBox             *matrix_box;

  StrataContext      *context;
  StrataWorkspace    *workspace;
  StrataEntitlements *model;

  GHashTable         *cells;        /* "id\x1ftier" -> Cell (owned by its editor) */
  GPtrArray          *size_groups;  /* 0: labels, 1..n: tiers, n+1: row menus */
  GPtrArray          *cost_labels;  /* GtkLabel, 5 rows x tiers */
  GtkWidget          *cost_note;
  char               *signature;
  guint               rebuild_id;
  /* Tier figures of the current period: read when the period, the data or
   * the rules change, not on every edit of the matrix. */
  guint              *customers;
  double             *revenue;
  guint               n_figures;
  gboolean            figures_known;
  gboolean            figures_valid;
  gboolean            updating;     /* setting editors from the model */
};

typedef struct
{
  StrataEntitlementsPage *page;
  gint64                  id;
  char                   *tier;
  StrataEntitlementKind   kind;
  GtkWidget              *box;
  GtkWidget              *editor;
  GtkWidget              *icon;
  char                   *input_error;  /* refused input, until the next edit */
} Cell;

G_DEFINE_FINAL_TYPE (StrataEntitlementsPage, strata_entitlements_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { COST_CUSTOMERS, COST_PER_CUSTOMER, COST_TOTAL, COST_REVENUE, COST_SHARE, N_COST_ROWS };

static void rebuild (StrataEntitlementsPage *self);
static void refresh (StrataEntitlementsPage *self);

static void
cell_free (Cell *cell)
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

/* Amounts in the reader's units: 1,234,567 in English, 123.5万 in Chinese
 * (the UX rule for zh_CN and zh_TW), through the shared formatter. */
static char *
format_amount (double v)
{
  if (isnan (v))
    return g_strdup ("—");
  return strata_format_compact (NULL, v);
}

/* ---- Errors ---- */

void
strata_entitlements_page_show_error (StrataEntitlementsPage *self,
                                     const char             *message)
{
  g_return_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self));
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

void
strata_entitlements_page_clear_error (StrataEntitlementsPage *self)
{
  g_return_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self));
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
add_toast (StrataEntitlementsPage *self,
           AdwToast               *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STRATA_IS_WINDOW (root))
    strata_window_add_toast (STRATA_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* ---- Cells ---- */

/* Shows a cell's state: the refused input if any, else its consistency
 * problem, else nothing. */
static void
update_cell_state (Cell *cell)
{
  const StrataEntitlementProblem *p =
    strata_entitlements_get_problem (cell->page->model, cell->id, cell->tier);
  const char *message = cell->input_error ? cell->input_error : (p ? p->message : NULL);

  if (message != NULL)
    gtk_widget_add_css_class (cell->box, "error");
  else
    gtk_widget_remove_css_class (cell->box, "error");
  gtk_widget_set_visible (cell->icon, message != NULL);
  gtk_widget_set_tooltip_text (cell->box, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->editor),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

static void
commit (Cell       *cell,
        const char *input)
{
  StrataEntitlementsPage *self = cell->page;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->model == NULL)
    return;
  if (!strata_entitlements_set_value (self->model, cell->id, cell->tier, input, &error))
    {
      g_free (cell->input_error);
      cell->input_error = g_strdup (error->message);
      update_cell_state (cell);
      strata_entitlements_page_show_error (self, error->message);
      return;
    }
  g_clear_pointer (&cell->input_error, g_free);
  update_cell_state (cell);
  strata_entitlements_page_clear_error (self);
}

static void
on_switch_active (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  Cell       *cell)
{
  commit (cell, gtk_switch_get_active (sw) ? "yes" : "no");
}

static void
on_drop_down_selected (GtkDropDown *dd,
                       GParamSpec  *pspec,
                       Cell        *cell)
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
               Cell          *cell)
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
                       Cell          *cell)
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
              Cell     *cell)
{
  const char *now = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *stored = cell->page->model
                       ? strata_entitlements_get_value (cell->page->model, cell->id, cell->tier)
                       : NULL;

  if (g_strcmp0 (now, stored ? stored : "") != 0)
    commit (cell, now);
}

static void
on_entry_leave (GtkEventControllerFocus *focus,
                Cell                    *cell)
{
  commit_entry (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))), cell);
}

/* Puts the stored value into the cell's editor without committing it. */
static void
set_editor_value (Cell                    *cell,
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
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell->editor)), value ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (cell->editor), value ? value : "");
      break;
    }
}

static GtkWidget *
create_cell (StrataEntitlementsPage  *self,
             const StrataEntitlement *e,
             const StrataEntitlementTier *tier)
{
  Cell *cell = g_new0 (Cell, 1);
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

        gtk_string_list_append (list, "—");
        for (guint i = 0; e->levels[i]; i++)
          gtk_string_list_append (list, e->levels[i]);
        editor = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
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
  /* The editor owns the cell, so a late signal never sees freed memory. */
  g_object_set_data_full (G_OBJECT (editor), "strata-cell", cell, (GDestroyNotify) cell_free);
  /* Translators: accessible name of a cell: "Order discount, tier A" */
  name = g_strdup_printf (_("%s, tier %s"), e->label, tier->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (cell->box), editor);

  if (e->kind == STRATA_ENTITLEMENT_NUMBER && e->unit && *e->unit)
    {
      GtkWidget *unit = gtk_label_new (e->unit);

      gtk_widget_add_css_class (unit, "dim-label");
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
  Cell *cell;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self), NULL);
  key = cell_key (entitlement_id, tier);
  cell = g_hash_table_lookup (self->cells, key);
  return cell ? cell->editor : NULL;
}

const char *
strata_entitlements_page_get_cost_text (StrataEntitlementsPage *self,
                                        guint                   row,
                                        guint                   tier)
{
  guint n;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self), NULL);
  if (self->model == NULL || row >= N_COST_ROWS)
    return NULL;
  n = strata_entitlements_get_tiers (self->model)->len;
  if (tier >= n || self->cost_labels->len != N_COST_ROWS * n)
    return NULL;
  return gtk_label_get_text (g_ptr_array_index (self->cost_labels, row * n + tier));
}

/* ---- Building the matrix ---- */

static GtkSizeGroup *
column_group (StrataEntitlementsPage *self,
              guint                   column)
{
  return g_ptr_array_index (self->size_groups, column);
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 6);
  return grid;
}

static void
attach (StrataEntitlementsPage *self,
        GtkWidget              *grid,
        GtkWidget              *child,
        guint                   column,
        int                     row)
{
  gtk_size_group_add_widget (column_group (self, column), child);
  gtk_grid_attach (GTK_GRID (grid), child, (int) column, row, 1, 1);
}

static GtkWidget *
build_header (StrataEntitlementsPage *self)
{
  GPtrArray *tiers = strata_entitlements_get_tiers (self->model);
  GtkWidget *grid = new_grid ();
  GtkWidget *corner = gtk_label_new (_("Entitlement"));

  gtk_widget_set_margin_top (grid, 6);
  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_widget_add_css_class (corner, "dim-label");
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  attach (self, grid, corner, 0, 0);
  for (guint t = 0; t < tiers->len; t++)
    {
      StrataEntitlementTier *tier = g_ptr_array_index (tiers, t);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *title = gtk_label_new (NULL);
      GtkWidget *sub = gtk_label_new (tier->label);
      g_autofree char *markup = NULL;

      /* The tier's colour chip, as on every other page. */
      markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> <b>%s</b>",
                                        tier->color ? tier->color : "#7a7a7a", tier->id);
      gtk_label_set_markup (GTK_LABEL (title), markup);
      gtk_widget_add_css_class (sub, "caption");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), sub);
      attach (self, grid, box, t + 1, 0);
    }
  attach (self, grid, gtk_label_new (NULL), tiers->len + 1, 0);
  return grid;
}

static char *
describe (const StrataEntitlement *e)
{
  GString *s = g_string_new (strata_entitlement_kind_label (e->kind));

  if (e->kind == STRATA_ENTITLEMENT_NUMBER)
    {
      if (e->unit && *e->unit)
        g_string_append_printf (s, " · %s", e->unit);
      g_string_append_printf (s, " · %s", e->higher_is_better ? _("higher is better")
                                                              : _("lower is better"));
    }
  if (!isnan (e->cost))
    {
      g_autofree char *amount = strata_format_integer (NULL, e->cost);
      /* Translators: the cost of an entitlement: "costs 12,000 per customer" */
      g_string_append_printf (s, " · ");
      g_string_append_printf (s, _("costs %s per customer"), amount);
    }
  return g_string_free (s, FALSE);
}

static GtkWidget *
menu_button (const char *tooltip,
             GMenu      *menu)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
menu_add (GMenu      *menu,
          const char *label,
          const char *action,
          gint64      id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
  g_menu_append_item (menu, item);
}

static GtkWidget *
build_stage (StrataEntitlementsPage       *self,
             const StrataEntitlementStage *stage)
{
  GPtrArray *tiers = strata_entitlements_get_tiers (self->model);
  g_autoptr(GPtrArray) rows = strata_entitlements_get_in_stage (self->model, stage->id);
  g_autoptr(GMenu) stage_menu = g_menu_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (stage->label);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *grid = new_grid ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "entitlement-stage");
  gtk_widget_set_margin_start (head, 12);
  gtk_widget_set_margin_end (head, 6);
  gtk_widget_set_margin_top (head, 6);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (head), title);

  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add Entitlement"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Entitlement"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "page.add-entitlement");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (add), g_variant_new_int64 (stage->id));
  gtk_box_append (GTK_BOX (head), add);

  menu_add (stage_menu, _("_Rename Stage…"), "page.rename-stage", stage->id);
  menu_add (stage_menu, _("Move Stage _Up"), "page.move-stage-up", stage->id);
  menu_add (stage_menu, _("Move Stage _Down"), "page.move-stage-down", stage->id);
  menu_add (stage_menu, _("Re_move Stage"), "page.remove-stage", stage->id);
  gtk_box_append (GTK_BOX (head), menu_button (_("Stage Menu"), stage_menu));
  gtk_box_append (GTK_BOX (card), head);

  if (rows->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No entitlements in this stage yet"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_grid_attach (GTK_GRID (grid), empty, 0, 0, 1, 1);
    }
  for (guint r = 0; r < rows->len; r++)
    {
      const StrataEntitlement *e = g_ptr_array_index (rows, r);
      g_autoptr(GMenu) row_menu = g_menu_new ();
      g_autofree char *caption = describe (e);
      GtkWidget *label_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *label = gtk_label_new (e->label);
      GtkWidget *sub = gtk_label_new (caption);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 22);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (sub), 34);
      gtk_widget_add_css_class (sub, "caption");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (label_box), label);
      gtk_box_append (GTK_BOX (label_box), sub);
      gtk_widget_set_valign (label_box, GTK_ALIGN_CENTER);
      attach (self, grid, label_box, 0, (int) r);

      for (guint t = 0; t < tiers->len; t++)
        attach (self, grid, create_cell (self, e, g_ptr_array_index (tiers, t)), t + 1, (int) r);

      menu_add (row_menu, _("_Edit…"), "page.edit-entitlement", e->id);
      menu_add (row_menu, _("Move _Up"), "page.move-entitlement-up", e->id);
      menu_add (row_menu, _("Move _Down"), "page.move-entitlement-down", e->id);
      menu_add (row_menu, _("Re_move"), "page.remove-entitlement", e->id);
      attach (self, grid, menu_button (_("Entitlement Menu"), row_menu), tiers->len + 1, (int) r);
    }
  gtk_box_append (GTK_BOX (card), grid);
  return card;
}

static GtkWidget *
build_costs (StrataEntitlementsPage *self)
{
  static const char *rows[N_COST_ROWS] = {
    N_("Customers"), N_("Cost per customer"), N_("Entitlement cost"), N_("Revenue"),
    N_("Cost share of revenue"),
  };
  GPtrArray *tiers = strata_entitlements_get_tiers (self->model);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Cost per Tier"));
  GtkWidget *grid = new_grid ();

  gtk_widget_add_css_class (card, "card");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_top (title, 12);
  gtk_box_append (GTK_BOX (card), title);

  g_ptr_array_set_size (self->cost_labels, 0);
  for (guint r = 0; r < N_COST_ROWS; r++)
    {
      GtkWidget *name = gtk_label_new (_(rows[r]));

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      attach (self, grid, name, 0, (int) r);
      for (guint t = 0; t < tiers->len; t++)
        {
          GtkWidget *value = gtk_label_new ("—");

          gtk_label_set_xalign (GTK_LABEL (value), 1);
          gtk_widget_add_css_class (value, "numeric");
          if (r == COST_TOTAL)
            gtk_widget_add_css_class (value, "heading");
          attach (self, grid, value, t + 1, (int) r);
          g_ptr_array_add (self->cost_labels, value);
        }
    }
  self->cost_note = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->cost_note), 0);
  gtk_label_set_wrap (GTK_LABEL (self->cost_note), TRUE);
  gtk_widget_add_css_class (self->cost_note, "dim-label");
  gtk_widget_add_css_class (self->cost_note, "caption");
  gtk_grid_attach (GTK_GRID (grid), self->cost_note, 0, N_COST_ROWS, (int) tiers->len + 2, 1);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_box_append (GTK_BOX (card), grid);
  return card;
}

static void
update_costs (StrataEntitlementsPage *self)
{
  GPtrArray *tiers;
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  gboolean known = FALSE;
  gint64 period_id;

  if (self->model == NULL || self->cost_labels->len == 0)
    return;
  tiers = strata_entitlements_get_tiers (self->model);
  if (self->cost_labels->len != N_COST_ROWS * tiers->len)
    return;
  if (!self->figures_valid || self->n_figures != tiers->len)
    {
      g_free (self->customers);
      g_free (self->revenue);
      self->customers = g_new0 (guint, tiers->len);
      self->revenue = g_new0 (double, tiers->len);
      self->n_figures = tiers->len;
      period_id = self->context ? strata_context_get_period_id (self->context) : 0;
      if (!strata_entitlements_tier_figures (self->model, period_id, self->customers,
                                             self->revenue, &self->figures_known, &error))
        {
          g_warning ("Cannot read the tier figures: %s", error->message);
          self->figures_known = FALSE;
        }
      self->figures_valid = TRUE;
    }
  known = self->figures_known;
  totals = strata_entitlements_cost_totals (self->model, self->customers, known ? self->revenue : NULL);

  for (guint t = 0; t < totals->len; t++)
    {
      StrataEntitlementCost *c = g_ptr_array_index (totals, t);
      char *text[N_COST_ROWS];

      text[COST_CUSTOMERS] = known ? strata_format_integer (NULL, c->customers) : g_strdup ("—");
      text[COST_PER_CUSTOMER] = strata_format_integer (NULL, c->cost_per_customer);
      text[COST_TOTAL] = known ? format_amount (c->cost) : g_strdup ("—");
      text[COST_REVENUE] = known ? format_amount (c->revenue) : g_strdup ("—");
      text[COST_SHARE] = (known && c->revenue > 0)
                         ? strata_format_percent (NULL, c->cost / c->revenue, 1)
                         : g_strdup ("—");
      for (guint r = 0; r < N_COST_ROWS; r++)
        {
          gtk_label_set_text (g_ptr_array_index (self->cost_labels, r * tiers->len + t), text[r]);
          g_free (text[r]);
        }
    }
  gtk_label_set_text (GTK_LABEL (self->cost_note),
                      known ? _("Customers and revenue (annual order amount) of the current period. "
                                "Cost counts an entitlement for a tier when the tier gets it.")
                            : _("Customer counts and revenue appear once the current period has "
                                "tier results; the cost per customer is already known."));
}

static void
update_problems (StrataEntitlementsPage *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (self->model == NULL)
    return;
  problems = strata_entitlements_check (self->model);
  if (problems->len == 0)
    {
      gtk_label_set_text (self->problems_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->problems_label), NULL);
      return;
    }
  {
    g_autofree char *text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cell gives a better tier less",
                                    "%u cells give a better tier less", problems->len),
                       problems->len);
    GString *tip = g_string_new (NULL);

    for (guint i = 0; i < problems->len; i++)
      {
        StrataEntitlementProblem *p = g_ptr_array_index (problems, i);
        g_string_append_printf (tip, "%s%s", i ? "\n" : "", p->message);
      }
    gtk_label_set_text (self->problems_label, text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->problems_label), tip->str);
    g_string_free (tip, TRUE);
  }
}

static void
update_actions (StrataEntitlementsPage *self)
{
  gboolean has = self->model != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo",
                                 has && strata_entitlements_can_undo (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.redo",
                                 has && strata_entitlements_can_redo (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-stage", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-defaults", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.copy-tier",
                                 has && strata_entitlements_get_all (self->model)->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-csv", has);
}

/* What decides the widgets (not the values): when it is unchanged an edit
 * only refreshes the cells. */
static char *
structure_signature (StrataEntitlementsPage *self)
{
  GString *s = g_string_new (NULL);
  GPtrArray *tiers = strata_entitlements_get_tiers (self->model);
  GPtrArray *stages = strata_entitlements_get_stages (self->model);
  GPtrArray *all = strata_entitlements_get_all (self->model);

  for (guint i = 0; i < tiers->len; i++)
    {
      StrataEntitlementTier *t = g_ptr_array_index (tiers, i);
      g_string_append_printf (s, "t%s\x1f%s\x1f%s\x1e", t->id, t->label, t->color ? t->color : "");
    }
  for (guint i = 0; i < stages->len; i++)
    {
      StrataEntitlementStage *st = g_ptr_array_index (stages, i);
      g_string_append_printf (s, "s%" G_GINT64_FORMAT "\x1f%s\x1e", st->id, st->label);
    }
  for (guint i = 0; i < all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (all, i);
      g_autofree char *levels = g_strjoinv ("\x1d", e->levels);

      g_string_append_printf (s, "e%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%d\x1f%s"
                              "\x1f%s\x1f%d\x1f%g\x1f%d\x1e", e->id, e->stage_id, e->label, e->kind,
                              e->unit, levels, e->higher_is_better, e->cost, e->position);
    }
  return g_string_free (s, FALSE);
}

static gboolean
rebuild_idle (gpointer data)
{
  StrataEntitlementsPage *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (StrataEntitlementsPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle, self, NULL);
}

static void
refresh (StrataEntitlementsPage *self)
{
  GHashTableIter iter;
  gpointer cell;

  self->updating = TRUE;
  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, &cell))
    {
      Cell *c = cell;
      const StrataEntitlement *e = strata_entitlements_lookup (self->model, c->id);

      if (e != NULL)
        set_editor_value (c, e);
      update_cell_state (c);
    }
  self->updating = FALSE;
  update_problems (self);
  update_costs (self);
  update_actions (self);
}

static void
on_model_changed (StrataEntitlementsPage *self)
{
  g_autofree char *signature = structure_signature (self);

  if (g_strcmp0 (signature, self->signature) == 0)
    refresh (self);
  else
    queue_rebuild (self);
}

static void
clear_matrix (StrataEntitlementsPage *self)
{
  GtkWidget *child;

  /* Cells first: the editors that own them are about to go. */
  g_hash_table_remove_all (self->cells);
  g_ptr_array_set_size (self->cost_labels, 0);
  self->cost_note = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix_box))) != NULL)
    gtk_box_remove (self->matrix_box, child);
  g_ptr_array_set_size (self->size_groups, 0);
  g_clear_pointer (&self->signature, g_free);
}

static void
rebuild (StrataEntitlementsPage *self)
{
  GPtrArray *stages, *tiers;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->updating = TRUE;
  clear_matrix (self);
  self->updating = FALSE;
  self->figures_valid = FALSE;
  update_actions (self);

  if (self->model == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  stages = strata_entitlements_get_stages (self->model);
  if (stages->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-matrix");
      self->signature = structure_signature (self);
      return;
    }

  tiers = strata_entitlements_get_tiers (self->model);
  for (guint i = 0; i < tiers->len + 2; i++)
    g_ptr_array_add (self->size_groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));
  gtk_box_append (self->matrix_box, build_header (self));
  for (guint i = 0; i < stages->len; i++)
    gtk_box_append (self->matrix_box, build_stage (self, g_ptr_array_index (stages, i)));
  gtk_box_append (self->matrix_box, build_costs (self));
  self->signature = structure_signature (self);
  gtk_stack_set_visible_child_name (self->stack, "matrix");
  update_problems (self);
  update_costs (self);
}

/* ---- Context ---- */

static void
on_workspace_changed (StrataEntitlementsPage *self,
                      const char             *what,
                      StrataWorkspace        *workspace)
{
  /* Results and metrics move the cost row; the matrix itself reloads
   * through the model. */
  if (g_strcmp0 (what, "entitlements") != 0)
    {
      self->figures_valid = FALSE;
      update_costs (self);
    }
}

static void
on_period_changed (StrataEntitlementsPage *self)
{
  self->figures_valid = FALSE;
  update_costs (self);
}

static void
on_can_undo_changed (StrataEntitlementsPage *self)
{
  update_actions (self);
}

StrataEntitlements *
strata_entitlements_page_get_model (StrataEntitlementsPage *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self), NULL);
  return self->model;
}

StrataContext *
strata_entitlements_page_get_context (StrataEntitlementsPage *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self), NULL);
  return self->context;
}

void
strata_entitlements_page_set_context (StrataEntitlementsPage *self,
                                      StrataContext          *context)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STRATA_IS_ENTITLEMENTS_PAGE (self));
  g_return_if_fail (context == NULL || STRATA_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->workspace);
  g_set_object (&self->context, context);
  strata_entitlements_page_clear_error (self);

  if (context != NULL)
    {
      self->workspace = g_object_ref (strata_context_get_workspace (context));
      self->model = strata_entitlements_new (self->workspace, &error);
      if (self->model == NULL)
        {
          g_warning ("Cannot read the entitlements: %s", error->message);
          strata_entitlements_page_show_error (self, error->message);
        }
      else
        {
          g_signal_connect_object (self->model, "changed", G_CALLBACK (on_model_changed), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (self->model, "notify::can-undo",
                                   G_CALLBACK (on_can_undo_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->model, "notify::can-redo",
                                   G_CALLBACK (on_can_undo_changed), self, G_CONNECT_SWAPPED);
        }
      g_signal_connect_object (context, "notify::period", G_CALLBACK (on_period_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->workspace, "changed", G_CALLBACK (on_workspace_changed),
                               self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* ---- Actions ---- */

static void
report (StrataEntitlementsPage *self,
        gboolean                ok,
        GError                 *error)
{
  if (!ok && error != NULL)
    strata_entitlements_page_show_error (self, error->message);
  else if (ok)
    strata_entitlements_page_clear_error (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->model == NULL)
    return;
  if (g_str_equal (name, "page.undo"))
    ok = strata_entitlements_can_undo (self->model) && strata_entitlements_undo (self->model, &error);
  else
    ok = strata_entitlements_can_redo (self->model) && strata_entitlements_redo (self->model, &error);
  report (self, ok, error);
}

static void
on_toast_undo (AdwToast               *toast,
               StrataEntitlementsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.undo", NULL);
}

static void
toast_with_undo (StrataEntitlementsPage *self,
                 const char             *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo), self, 0);
  add_toast (self, toast);
}

static void
apply_add_stage (StrataEntitlementsPage *self,
                 const char             *text,
                 gint64                  id)
{
  g_autoptr(GError) error = NULL;

  if (self->model != NULL)
    report (self, strata_entitlements_add_stage (self->model, text, -1, &error) > 0, error);
}

static void
apply_rename_stage (StrataEntitlementsPage *self,
                    const char             *text,
                    gint64                  id)
{
  g_autoptr(GError) error = NULL;

  if (self->model != NULL)
    report (self, strata_entitlements_rename_stage (self->model, id, text, &error), error);
}

static void
stage_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const StrataEntitlementStage *stage;
  gint64 id;

  if (self->model == NULL)
    return;
  if (g_str_equal (name, "page.add-stage"))
    {
      strata_entitlements_page_ask_name (self, _("Add Stage"), "", _("_Add"), 0, apply_add_stage);
      return;
    }
  id = g_variant_get_int64 (param);
  if ((stage = strata_entitlements_lookup_stage (self->model, id)) == NULL)
    return;

  if (g_str_equal (name, "page.rename-stage"))
    strata_entitlements_page_ask_name (self, _("Rename Stage"), stage->label, _("_Rename"), id,
                                       apply_rename_stage);
  else if (g_str_equal (name, "page.move-stage-up") || g_str_equal (name, "page.move-stage-down"))
    {
      int to = stage->position + (g_str_equal (name, "page.move-stage-up") ? -1 : 1);

      if (to >= 0)
        report (self, strata_entitlements_move_stage (self->model, id, to, &error), error);
    }
  else if (g_str_equal (name, "page.remove-stage"))
    {
      g_autofree char *title = g_strdup_printf (_("Stage “%s” removed"), stage->label);

      if (strata_entitlements_remove_stage (self->model, id, &error))
        toast_with_undo (self, title);
      report (self, error == NULL, error);
    }
  else if (g_str_equal (name, "page.add-entitlement"))
    strata_entitlements_page_edit_entitlement (self, id, 0);
}

/* Up from the first row of a stage goes to the end of the stage before;
 * down from the last row to the start of the next: rows can travel across
 * the whole funnel with two menu items. */
static gboolean
move_entitlement (StrataEntitlementsPage  *self,
                  const StrataEntitlement *e,
                  int                      delta,
                  GError                 **error)
{
  GPtrArray *stages = strata_entitlements_get_stages (self->model);
  g_autoptr(GPtrArray) rows = strata_entitlements_get_in_stage (self->model, e->stage_id);
  const StrataEntitlementStage *stage = strata_entitlements_lookup_stage (self->model, e->stage_id);
  int to = e->position + delta;

  if (to >= 0 && to < (int) rows->len)
    return strata_entitlements_move (self->model, e->id, e->stage_id, to, error);
  if (delta < 0 && stage->position > 0)
    return strata_entitlements_move (self->model, e->id,
                                     ((StrataEntitlementStage *) g_ptr_array_index (stages, stage->position - 1))->id,
                                     -1, error);
  if (delta > 0 && stage->position + 1 < (int) stages->len)
    return strata_entitlements_move (self->model, e->id,
                                     ((StrataEntitlementStage *) g_ptr_array_index (stages, stage->position + 1))->id,
                                     0, error);
  return TRUE;
}

static void
entitlement_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const StrataEntitlement *e;
  gint64 id = g_variant_get_int64 (param);

  if (self->model == NULL || (e = strata_entitlements_lookup (self->model, id)) == NULL)
    return;
  if (g_str_equal (name, "page.edit-entitlement"))
    strata_entitlements_page_edit_entitlement (self, e->stage_id, id);
  else if (g_str_equal (name, "page.move-entitlement-up"))
    report (self, move_entitlement (self, e, -1, &error), error);
  else if (g_str_equal (name, "page.move-entitlement-down"))
    report (self, move_entitlement (self, e, 1, &error), error);
  else if (g_str_equal (name, "page.remove-entitlement"))
    {
      /* Translators: a toast with an Undo button */
      g_autofree char *title = g_strdup_printf (_("“%s” removed"), e->label);

      if (strata_entitlements_remove (self->model, id, &error))
        toast_with_undo (self, title);
      report (self, error == NULL, error);
    }
}

static void
add_defaults_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->workspace == NULL)
    return;
  ok = strata_workspace_begin (self->workspace, &error) &&
       strata_entitlements_seed_defaults (self->workspace, &error) &&
       strata_workspace_commit (self->workspace, &error);
  if (!ok)
    {
      if (strata_workspace_in_transaction (self->workspace))
        strata_workspace_rollback (self->workspace);
      report (self, FALSE, error);
      return;
    }
  strata_workspace_emit_changed (self->workspace, "entitlements");
}

static void
copy_tier_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  strata_entitlements_page_ask_copy_tier (STRATA_ENTITLEMENTS_PAGE (widget));
}

static void
on_export_response (GtkNativeDialog        *dialog,
                    int                     response,
                    StrataEntitlementsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->model != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      if (strata_entitlements_export_csv (self->model, file, &error))
        {
          g_autofree char *base = g_file_get_basename (file);
          g_autofree char *title = g_strdup_printf (_("Entitlements exported to “%s”"), base);

          add_toast (self, adw_toast_new (title));
        }
      else
        report (self, FALSE, error);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  dialog = gtk_file_chooser_native_new (_("Export Entitlements"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the default file name of the CSV export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("entitlements.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- GObject ---- */

static void
strata_entitlements_page_dispose (GObject *object)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (object);

  strata_entitlements_page_set_context (self, NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->cells != NULL)
    g_hash_table_remove_all (self->cells);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_ENTITLEMENTS_PAGE);
  G_OBJECT_CLASS (strata_entitlements_page_parent_class)->dispose (object);
}

static void
strata_entitlements_page_finalize (GObject *object)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (object);

  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->size_groups, g_ptr_array_unref);
  g_clear_pointer (&self->cost_labels, g_ptr_array_unref);
  g_free (self->signature);
  g_free (self->customers);
  g_free (self->revenue);
  G_OBJECT_CLASS (strata_entitlements_page_parent_class)->finalize (object);
}

static void
strata_entitlements_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_entitlements_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      strata_entitlements_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_entitlements_page_class_init (StrataEntitlementsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_entitlements_page_dispose;
  object_class->finalize = strata_entitlements_page_finalize;
  object_class->get_property = strata_entitlements_page_get_property;
  object_class->set_property = strata_entitlements_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, STRATA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-entitlements-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, matrix_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entitlementspage");

  gtk_widget_class_install_action (widget_class, "page.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "page.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "page.add-stage", NULL, stage_action);
  gtk_widget_class_install_action (widget_class, "page.rename-stage", "x", stage_action);
  gtk_widget_class_install_action (widget_class, "page.move-stage-up", "x", stage_action);
  gtk_widget_class_install_action (widget_class, "page.move-stage-down", "x", stage_action);
  gtk_widget_class_install_action (widget_class, "page.remove-stage", "x", stage_action);
  gtk_widget_class_install_action (widget_class, "page.add-entitlement", "x", stage_action);
  gtk_widget_class_install_action (widget_class, "page.edit-entitlement", "x", entitlement_action);
  gtk_widget_class_install_action (widget_class, "page.move-entitlement-up", "x", entitlement_action);
  gtk_widget_class_install_action (widget_class, "page.move-entitlement-down", "x", entitlement_action);
  gtk_widget_class_install_action (widget_class, "page.remove-entitlement", "x", entitlement_action);
  gtk_widget_class_install_action (widget_class, "page.add-defaults", NULL, add_defaults_action);
  gtk_widget_class_install_action (widget_class, "page.copy-tier", NULL, copy_tier_action);
  gtk_widget_class_install_action (widget_class, "page.export-csv", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "page.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.redo", NULL);
}

static void
strata_entitlements_page_init (StrataEntitlementsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->size_groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->cost_labels = g_ptr_array_new ();
  rebuild (self);
}

GtkWidget *
strata_entitlements_page_new (void)
{
  return g_object_new (STRATA_TYPE_ENTITLEMENTS_PAGE, NULL);
}
