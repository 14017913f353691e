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

G_DEFINE_FINAL_TYPE (StrataEntitlementsPage, strata_entitlements_page, STRATA_TYPE_PAGE)


enum { COST_CUSTOMERS, COST_PER_CUSTOMER, COST_TOTAL, COST_REVENUE, COST_SHARE, N_COST_ROWS };

static void rebuild (StrataEntitlementsPage *self);
static void refresh (StrataEntitlementsPage *self);

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

void
strata_entitlements_page_add_toast (StrataEntitlementsPage *self,
                                    AdwToast               *toast)
{
  strata_window_toast_from (GTK_WIDGET (self), toast);
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

#define NARROW_WIDTH 1080
#define COLUMN_SPACING(self) ((self)->narrow ? 6 : 12)

static GtkWidget *
new_grid (StrataEntitlementsPage *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), COLUMN_SPACING (self));
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
  GtkWidget *grid = new_grid (self);
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
        g_string_append_printf (s, " · %s", strata_entitlement_display_text (e, e->unit));
      g_string_append_printf (s, " · %s", e->higher_is_better ? _("higher is better")
                                                              : _("lower is better"));
    }
  if (!isnan (e->cost))
    {
      g_autofree char *amount = format_amount (e->cost);
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
  GtkWidget *title = gtk_label_new (strata_entitlement_stage_get_display_label (stage));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *grid = new_grid (self);

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
      GtkWidget *label = gtk_label_new (strata_entitlement_get_display_label (e));
      GtkWidget *sub = gtk_label_new (caption);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
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
        attach (self, grid, strata_entitlements_cell_new (self, e, g_ptr_array_index (tiers, t)), t + 1, (int) r);

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
  GtkWidget *grid = new_grid (self);

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
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
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
  gboolean known = FALSE;

  if (self->model == NULL || self->cost_labels->len == 0)
    return;
  tiers = strata_entitlements_get_tiers (self->model);
  if (self->cost_labels->len != N_COST_ROWS * tiers->len)
    return;
  /* The figures come from reload's worker (scoring a large period takes
   * seconds); until then, or when the tiers changed under them, the
   * counts are not known. */
  if (self->n_figures != tiers->len)
    {
      g_free (self->customers);
      g_free (self->revenue);
      self->customers = g_new0 (guint, tiers->len);
      self->revenue = g_new0 (double, tiers->len);
      self->n_figures = tiers->len;
      self->figures_known = FALSE;
    }
  known = self->figures_known;
  totals = strata_entitlements_cost_totals (self->model, self->customers, known ? self->revenue : NULL);

  for (guint t = 0; t < totals->len; t++)
    {
      StrataEntitlementCost *c = g_ptr_array_index (totals, t);
      char *text[N_COST_ROWS];

      text[COST_CUSTOMERS] = known ? strata_format_integer (NULL, c->customers) : g_strdup ("—");
      /* Every amount of the card in one style: "33.8K" beside "2.54M" (3.38万). */
      text[COST_PER_CUSTOMER] = format_amount (c->cost_per_customer);
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

  StrataPage *page = STRATA_PAGE (self);

  strata_page_set_edit_action_enabled (page, "page.undo",
                                       has && strata_entitlements_can_undo (self->model));
  strata_page_set_edit_action_enabled (page, "page.redo",
                                       has && strata_entitlements_can_redo (self->model));
  strata_page_set_edit_action_enabled (page, "page.add-stage", has);
  strata_page_set_edit_action_enabled (page, "page.add-defaults", has);
  strata_page_set_edit_action_enabled (page, "page.copy-tier",
                                       has && strata_entitlements_get_all (self->model)->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-csv", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-xlsx", has);
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
      strata_entitlements_cell_refresh (cell);
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
  g_ptr_array_set_size (self->unit_labels, 0);
  self->cost_note = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix_box))) != NULL)
    gtk_box_remove (self->matrix_box, child);
  g_ptr_array_set_size (self->size_groups, 0);
  g_clear_pointer (&self->signature, g_free);
}

/* The end of a build: what the cards show of the model. */
static void
finish_build (StrataEntitlementsPage *self)
{
  self->signature = structure_signature (self);
  update_problems (self);
  update_costs (self);
}

/* A stage's card a step, after the header and the costs. */
static gboolean
build_step (StrataPage *page)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (page);
  GPtrArray *stages = strata_entitlements_get_stages (self->model);

  if (self->build_next < stages->len)
    gtk_box_append (self->matrix_box, build_stage (self, g_ptr_array_index (stages, self->build_next)));
  if (++self->build_next < stages->len)
    return TRUE;
  finish_build (self);
  return FALSE;
}

/* The cards from the model: all at once (an edit of the structure, so that
 * the widget to focus is there), or in_steps, a stage's card a turn of the
 * main loop (a new context: 100 ms and more for the whole matrix). */
static void
rebuild_cards (StrataEntitlementsPage *self,
               gboolean                in_steps)
{
  GPtrArray *stages, *tiers;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  strata_page_cancel_build (STRATA_PAGE (self));
  self->updating = TRUE;
  clear_matrix (self);
  self->updating = FALSE;
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
  /* What each tier's entitlements cost against its revenue comes first,
   * under the tier names, where it is seen without scrolling. */
  gtk_box_append (self->matrix_box, build_costs (self));
  gtk_stack_set_visible_child_name (self->stack, "matrix");
  self->build_next = 0;
  if (in_steps)
    {
      strata_page_build_in_steps (STRATA_PAGE (self), build_step);
      return;
    }
  while (build_step (STRATA_PAGE (self)))
    ;
}

static void
rebuild (StrataEntitlementsPage *self)
{
  rebuild_cards (self, FALSE);
}

/* ---- Context ---- */

/* The tier figures as the worker read them, with the tier ids they are
 * counted by (the page's model may have other tiers by the time they come). */
typedef struct
{
  GPtrArray *tier_ids;
  guint     *customers;
  double    *revenue;
  gboolean   known;
} FiguresLoad;

static void
figures_load_free (gpointer data)
{
  FiguresLoad *l = data;

  g_clear_pointer (&l->tier_ids, g_ptr_array_unref);
  g_free (l->customers);
  g_free (l->revenue);
  g_free (l);
}

/* On a worker thread, with its own connection: the figures of the period
 * (task_data: the window's, StrataSharedPeriod, scored over its data
 * instead of a second copy) for the tiers of the current rule set. */
static gpointer
load_figures (StrataWorkspace  *workspace,
              gpointer          task_data,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(StrataEntitlements) model = NULL;
  g_autoptr(GError) local_error = NULL;
  StrataSharedPeriod *shared = task_data;
  FiguresLoad *load;
  GPtrArray *tiers;

  if ((model = strata_entitlements_new (workspace, error)) == NULL)
    return NULL;
  tiers = strata_entitlements_get_tiers (model);
  load = g_new0 (FiguresLoad, 1);
  load->tier_ids = g_ptr_array_new_with_free_func (g_free);
  load->customers = g_new0 (guint, MAX (tiers->len, 1));
  load->revenue = g_new0 (double, MAX (tiers->len, 1));
  for (guint t = 0; t < tiers->len; t++)
    g_ptr_array_add (load->tier_ids,
                     g_strdup (((StrataEntitlementTier *) g_ptr_array_index (tiers, t))->id));
  if (!strata_entitlements_tier_figures_shared (model, shared->period_id, shared->data,
                                                shared->published_result, shared->published_version,
                                                load->customers, load->revenue, &load->known,
                                                &local_error))
    {
      g_warning ("Cannot read the tier figures: %s", local_error->message);
      load->known = FALSE;
    }
  return load;
}

static void
strata_entitlements_page_load_async (StrataPage          *page,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  StrataContext *context = strata_page_get_context (page);

  strata_page_run_worker (page, load_figures,
                          strata_context_share_period (context, strata_context_get_period_id (context)),
                          (GDestroyNotify) strata_shared_period_free, figures_load_free,
                          cancellable, callback, user_data);
}

static gboolean
strata_entitlements_page_load_finish (StrataPage    *page,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (page);
  FiguresLoad *load = strata_page_worker_finish (page, result, error);
  GPtrArray *tiers;

  if (load == NULL)
    return FALSE;
  tiers = self->model != NULL ? strata_entitlements_get_tiers (self->model) : NULL;
  if (tiers != NULL)
    {
      g_free (self->customers);
      g_free (self->revenue);
      self->customers = g_new0 (guint, MAX (tiers->len, 1));
      self->revenue = g_new0 (double, MAX (tiers->len, 1));
      self->n_figures = tiers->len;
      self->figures_known = load->known;
      for (guint t = 0; t < tiers->len; t++)
        {
          const char *id = ((StrataEntitlementTier *) g_ptr_array_index (tiers, t))->id;
          guint k;

          /* By id: a tier the worker did not count has no customers. */
          if (g_ptr_array_find_with_equal_func (load->tier_ids, id, g_str_equal, &k))
            {
              self->customers[t] = load->customers[k];
              self->revenue[t] = load->revenue[k];
            }
        }
      update_costs (self);
    }
  figures_load_free (load);
  return TRUE;
}

/* Results, metrics and the period move the cost row (StrataPage runs
 * this on those changes, once the page is shown); the matrix itself
 * reloads through the model. The figures are read on a worker. */
static void
strata_entitlements_page_reload (StrataPage *page)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (page);

  if (self->model != NULL && strata_page_get_workspace (page) != NULL)
    STRATA_PAGE_CLASS (strata_entitlements_page_parent_class)->reload (page);
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

static void
strata_entitlements_page_context_changed (StrataPage *page)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (page);
  StrataWorkspace *workspace = strata_page_get_workspace (page);
  g_autoptr(GError) error = NULL;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  strata_entitlements_page_clear_error (self);
  /* The old workspace's figures are not this one's: unknown until loaded. */
  self->n_figures = 0;

  if (workspace != NULL)
    {
      self->model = strata_entitlements_new (workspace, &error);
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
    }
  rebuild_cards (self, TRUE);
}

/* ---- GObject ---- */

static void
strata_entitlements_page_dispose (GObject *object)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (object);

  strata_page_set_context (STRATA_PAGE (self), NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  if (self->unit_labels != NULL)
    g_ptr_array_set_size (self->unit_labels, 0);
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
  g_clear_pointer (&self->unit_labels, g_ptr_array_unref);
  g_free (self->signature);
  g_free (self->customers);
  g_free (self->revenue);
  G_OBJECT_CLASS (strata_entitlements_page_parent_class)->finalize (object);
}

static void
set_spacing (GtkWidget *widget,
             int        spacing)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_GRID (child))
      gtk_grid_set_column_spacing (GTK_GRID (child), spacing);
    else
      set_spacing (child, spacing);
}

static gboolean
apply_narrow (gpointer data)
{
  StrataEntitlementsPage *self = data;

  self->narrow_id = 0;
  for (guint i = 0; i < self->unit_labels->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->unit_labels, i), !self->narrow);
  set_spacing (GTK_WIDGET (self->matrix_box), COLUMN_SPACING (self));
  return G_SOURCE_REMOVE;
}

/* The width the matrix is shown in (the scroller's page) decides; the
 * layout changes after the allocation that found it, not in it. */
static void
on_width_changed (GtkAdjustment          *adjustment,
                  GParamSpec             *pspec,
                  StrataEntitlementsPage *self)
{
  double width = gtk_adjustment_get_page_size (adjustment);
  gboolean narrow = width > 0 && width < NARROW_WIDTH;

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_id == 0)
        self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow, self, NULL);
    }
}

static void
strata_entitlements_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (strata_entitlements_page_parent_class)->map (widget);
  update_costs (STRATA_ENTITLEMENTS_PAGE (widget));
}

/* Every action but the export writes: disabled on a read-only workspace. */
static const char * const edit_actions[] = {
  "page.undo", "page.redo", "page.add-stage", "page.rename-stage", "page.move-stage-up",
  "page.move-stage-down", "page.remove-stage", "page.add-entitlement", "page.edit-entitlement",
  "page.move-entitlement-up", "page.move-entitlement-down", "page.remove-entitlement",
  "page.add-defaults", "page.copy-tier", NULL
};

static void
strata_entitlements_page_class_init (StrataEntitlementsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_entitlements_page_dispose;
  object_class->finalize = strata_entitlements_page_finalize;
  widget_class->map = strata_entitlements_page_map;
  /* Everything but the entitlements (the model follows those) moves the
   * costs; so does the period. */
  STRATA_PAGE_CLASS (klass)->changes = (STRATA_PAGE_CHANGES_ALL & ~STRATA_PAGE_CHANGES_ENTITLEMENTS)
    | STRATA_PAGE_CHANGES_PERIOD;
  STRATA_PAGE_CLASS (klass)->edit_actions = edit_actions;
  STRATA_PAGE_CLASS (klass)->context_changed = strata_entitlements_page_context_changed;
  STRATA_PAGE_CLASS (klass)->reload = strata_entitlements_page_reload;
  STRATA_PAGE_CLASS (klass)->load_async = strata_entitlements_page_load_async;
  STRATA_PAGE_CLASS (klass)->load_finish = strata_entitlements_page_load_finish;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-entitlements-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, StrataEntitlementsPage, matrix_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entitlementspage");

  strata_entitlements_page_install_actions (widget_class);
}

static void
strata_entitlements_page_init (StrataEntitlementsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->size_groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->cost_labels = g_ptr_array_new ();
  self->unit_labels = g_ptr_array_new ();
  g_signal_connect (self, "notify::editable", G_CALLBACK (update_actions), NULL);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (
                             gtk_widget_get_ancestor (GTK_WIDGET (self->matrix_box), GTK_TYPE_SCROLLED_WINDOW))),
                           "notify::page-size", G_CALLBACK (on_width_changed), self, 0);
  rebuild (self);
}

GtkWidget *
strata_entitlements_page_new (void)
{
  return g_object_new (STRATA_TYPE_ENTITLEMENTS_PAGE, NULL);
}
