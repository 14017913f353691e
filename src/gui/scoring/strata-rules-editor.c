/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cards of the rules editor and the structure of the rules: rows are
 * added, removed and moved here; values are edited by the cells
 * (strata-rules-cell.c). Structural edits rebuild the rows of the table
 * they touch; value edits never do, so a held spin button keeps focus. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-metric.h"
#include "strata-rules-editor-private.h"

struct _StrataRuleRow
{
  GObject parent_instance;
  int     parent;
  int     index;
};

G_DEFINE_FINAL_TYPE (StrataRuleRow, strata_rule_row, G_TYPE_OBJECT)

static void strata_rule_row_class_init (StrataRuleRowClass *klass) { }
static void strata_rule_row_init (StrataRuleRow *self) { }

StrataRuleRow *
strata_rule_row_new (int parent,
                     int index)
{
  StrataRuleRow *row = g_object_new (STRATA_TYPE_RULE_ROW, NULL);

  row->parent = parent;
  row->index = index;
  return row;
}

int strata_rule_row_get_parent (StrataRuleRow *row) { return row->parent; }
int strata_rule_row_get_index (StrataRuleRow *row) { return row->index; }

G_DEFINE_FINAL_TYPE (StrataRulesEditor, strata_rules_editor, GTK_TYPE_BOX)

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CellSpec indicator_metric = { STRATA_RULES_SECTION_INDICATOR, "metric", NULL, CELL_METRIC, 0, N_("Change metric") };
static const CellSpec indicator_weight = { STRATA_RULES_SECTION_INDICATOR, "weight", NULL, CELL_NUMBER, 2, N_("Change weight") };
static const CellSpec band_from = { STRATA_RULES_SECTION_BAND, "from", NULL, CELL_NUMBER, 0, N_("Change band") };
static const CellSpec band_to = { STRATA_RULES_SECTION_BAND, "to", NULL, CELL_NUMBER, 0, N_("Change band") };
static const CellSpec band_points = { STRATA_RULES_SECTION_BAND, "points", NULL, CELL_NUMBER, 1, N_("Change points") };
static const CellSpec adj_enabled = { STRATA_RULES_SECTION_ADJUSTMENT, "enabled", NULL, CELL_BOOL, 0, N_("Turn item on or off") };
static const CellSpec adj_label = { STRATA_RULES_SECTION_ADJUSTMENT, "label", NULL, CELL_TEXT, 0, N_("Rename item") };
static const CellSpec adj_metric = { STRATA_RULES_SECTION_ADJUSTMENT, "metric", NULL, CELL_METRIC, 0, N_("Change metric") };
static const CellSpec adj_condition = { STRATA_RULES_SECTION_ADJUSTMENT, "condition", NULL, CELL_CONDITION, 0, N_("Change condition") };
static const CellSpec adj_a = { STRATA_RULES_SECTION_ADJUSTMENT, "a", NULL, CELL_NUMBER, 2, N_("Change value") };
static const CellSpec adj_b = { STRATA_RULES_SECTION_ADJUSTMENT, "b", NULL, CELL_NUMBER, 2, N_("Change value") };
static const CellSpec adj_points = { STRATA_RULES_SECTION_ADJUSTMENT, "points", NULL, CELL_NUMBER, 1, N_("Change points") };
static const CellSpec adj_per_unit = { STRATA_RULES_SECTION_ADJUSTMENT, "per_unit", NULL, CELL_BOOL, 0, N_("Change per unit") };
static const CellSpec adj_cap = { STRATA_RULES_SECTION_ADJUSTMENT, "cap", NULL, CELL_NUMBER, 1, N_("Change cap") };
static const CellSpec tier_id = { STRATA_RULES_SECTION_TIER, "id", NULL, CELL_TEXT, 0, N_("Change tier id") };
static const CellSpec tier_label = { STRATA_RULES_SECTION_TIER, "label", NULL, CELL_TEXT, 0, N_("Rename tier") };
static const CellSpec tier_colour = { STRATA_RULES_SECTION_TIER, "colour", NULL, CELL_COLOUR, 0, N_("Change colour") };
static const CellSpec tier_min = { STRATA_RULES_SECTION_TIER, "min_score", NULL, CELL_NUMBER, 1, N_("Change minimum score") };
static const CellSpec quad_x = { STRATA_RULES_SECTION_QUADRANT, "x", NULL, CELL_METRIC, 0, N_("Change metric") };
static const CellSpec quad_x_threshold = { STRATA_RULES_SECTION_QUADRANT, "x_threshold", "x", CELL_NUMBER, 2, N_("Change threshold") };
static const CellSpec quad_y = { STRATA_RULES_SECTION_QUADRANT, "y", NULL, CELL_METRIC, 0, N_("Change metric") };
static const CellSpec quad_y_threshold = { STRATA_RULES_SECTION_QUADRANT, "y_threshold", "y", CELL_NUMBER, 2, N_("Change threshold") };
static const CellSpec quad_z = { STRATA_RULES_SECTION_QUADRANT, "z", NULL, CELL_OPTIONAL_METRIC, 0, N_("Change metric") };
static const CellSpec quad_label = { STRATA_RULES_SECTION_QUADRANT, "label", NULL, CELL_TEXT, 0, N_("Rename quadrant") };
static const CellSpec quad_action = { STRATA_RULES_SECTION_QUADRANT, "action", NULL, CELL_TEXT, 0, N_("Change action") };

void
strata_rules_editor_emit_edited (StrataRulesEditor *self,
                                 const char        *label,
                                 const char        *merge_key,
                                 gboolean           removal)
{
  g_signal_emit (self, signals[EDITED], 0, label, merge_key, removal);
}

static void
fill_rows (GListStore *store,
           int         parent,
           guint       n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, strata_rule_row_new (parent, i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       rows->pdata, rows->len);
}

static void rebuild_indicators (StrataRulesEditor *self);

static void
rebuild (StrataRulesEditor *self)
{
  StrataRules *r = self->rules;

  rebuild_indicators (self);
  fill_rows (self->adjustment_rows, -1, r ? r->adjustments->len : 0);
  fill_rows (self->tier_rows, -1, r ? r->tiers->len : 0);
  fill_rows (self->quadrant_rows, -1, r ? 4 : 0);
  /* Cells outside the column views (quadrant metrics) show the new rules. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->cells);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      strata_rules_cell_refresh (key);
  }
  strata_rules_editor_set_problems (self, self->problems);
}

static void
structural_edit (StrataRulesEditor *self,
                 const char        *label,
                 gboolean           removal)
{
  rebuild (self);
  strata_rules_editor_emit_edited (self, label, NULL, removal);
}

/* Row actions ----------------------------------------------------------- */

typedef enum { ROW_UP, ROW_DOWN, ROW_REMOVE } RowAction;

static void
move_in_array (GPtrArray *array,
               guint      from,
               guint      to)
{
  gpointer item = array->pdata[from];

  array->pdata[from] = array->pdata[to];
  array->pdata[to] = item;
}

static void
fix_last_tier (StrataRules *rules)
{
  /* The last tier takes every lower score. */
  if (rules->tiers->len > 0)
    ((StrataTier *) rules->tiers->pdata[rules->tiers->len - 1])->min_score = -INFINITY;
}

static void
row_action (GtkButton *button,
            gpointer   data)
{
  RowAction action = GPOINTER_TO_INT (data);
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));
  StrataRulesEditor *self = g_object_get_data (G_OBJECT (box), "editor");
  StrataRuleRow *row = g_object_get_data (G_OBJECT (box), "row");
  StrataRulesSection section = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "section"));
  GPtrArray *array = NULL;
  int i;
  const char *label = NULL;

  if (self == NULL || row == NULL || self->rules == NULL)
    return;
  i = row->index;

  if (section == STRATA_RULES_SECTION_BAND)
    {
      StrataIndicator *ind = self->rules->indicators->pdata[row->parent];
      GArray *bands = ind->bands;

      if (action == ROW_REMOVE)
        {
          StrataBand removed = g_array_index (bands, StrataBand, i);

          g_array_remove_index (bands, i);
          /* Close the gap: the band before now reaches as far as the
           * removed one did. */
          if (i > 0)
            g_array_index (bands, StrataBand, i - 1).to = removed.to;
          else if (bands->len > 0)
            g_array_index (bands, StrataBand, 0).from = removed.from;
          structural_edit (self, _("Remove band"), TRUE);
        }
      return;
    }

  switch (section)
    {
    case STRATA_RULES_SECTION_ADJUSTMENT:
      array = self->rules->adjustments;
      label = action == ROW_REMOVE ? _("Remove item") : _("Move item");
      break;
    case STRATA_RULES_SECTION_TIER:
      array = self->rules->tiers;
      label = action == ROW_REMOVE ? _("Remove tier") : _("Move tier");
      break;
    default:
      return;
    }

  switch (action)
    {
    case ROW_UP:
      if (i == 0)
        return;
      move_in_array (array, i, i - 1);
      break;
    case ROW_DOWN:
      if ((guint) i + 1 >= array->len)
        return;
      move_in_array (array, i, i + 1);
      break;
    case ROW_REMOVE:
      g_ptr_array_remove_index (array, i);
      break;
    default:
      g_assert_not_reached ();
    }
  if (section == STRATA_RULES_SECTION_TIER && action != ROW_REMOVE)
    {
      /* Moving a tier moves its id, label and colour; the score ladder
       * stays where it was, so the order of minimums stays valid. */
      StrataTier *a = array->pdata[i];
      StrataTier *b = array->pdata[action == ROW_UP ? i - 1 : i + 1];
      double min = a->min_score;

      a->min_score = b->min_score;
      b->min_score = min;
    }
  if (section == STRATA_RULES_SECTION_TIER)
    fix_last_tier (self->rules);
  structural_edit (self, label, action == ROW_REMOVE);
}

static GtkWidget *
flat_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
actions_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  StrataRulesSection section = GPOINTER_TO_INT (user_data);
  GtkWidget *button;

  g_object_set_data (G_OBJECT (box), "editor", g_object_get_data (G_OBJECT (factory), "editor"));
  g_object_set_data (G_OBJECT (box), "section", user_data);
  if (section != STRATA_RULES_SECTION_BAND)
    {
      button = flat_button ("go-up-symbolic", _("Move up"));
      g_signal_connect (button, "clicked", G_CALLBACK (row_action), GINT_TO_POINTER (ROW_UP));
      gtk_box_append (GTK_BOX (box), button);
      button = flat_button ("go-down-symbolic", _("Move down"));
      g_signal_connect (button, "clicked", G_CALLBACK (row_action), GINT_TO_POINTER (ROW_DOWN));
      gtk_box_append (GTK_BOX (box), button);
    }
  button = flat_button ("user-trash-symbolic", _("Remove"));
  gtk_widget_set_name (button, section == STRATA_RULES_SECTION_BAND ? "remove-band"
                               : section == STRATA_RULES_SECTION_TIER ? "remove-tier"
                               : "remove-adjustment");
  g_signal_connect (button, "clicked", G_CALLBACK (row_action), GINT_TO_POINTER (ROW_REMOVE));
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static void
actions_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  g_object_set_data_full (G_OBJECT (gtk_list_item_get_child (item)), "row",
                          g_object_ref (gtk_list_item_get_item (item)), g_object_unref);
}

static void
actions_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "row", NULL);
}

static GtkColumnViewColumn *
actions_column (StrataRulesEditor  *self,
                StrataRulesSection  section)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "editor", self);
  g_signal_connect (factory, "setup", G_CALLBACK (actions_setup), GINT_TO_POINTER (section));
  g_signal_connect (factory, "bind", G_CALLBACK (actions_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (actions_unbind), NULL);
  return gtk_column_view_column_new (NULL, factory);
}

static void
quadrant_name_setup (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "heading");
  gtk_list_item_set_child (item, label);
}

static void
quadrant_name_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  static const char *names[] = { "A", "B", "C", "D" };
  StrataRuleRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), names[row->index & 3]);
}

/* Tables ------------------------------------------------------------------ */

static GtkColumnView *
new_table (GListStore **store)
{
  GtkWidget *view;

  *store = g_list_store_new (STRATA_TYPE_RULE_ROW);
  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (*store)))));
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "data-table");
  return GTK_COLUMN_VIEW (view);
}

static void
add_column (GtkColumnView       *view,
            GtkColumnViewColumn *column)
{
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
}

static GtkWidget *
problems_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static GtkWidget *
card (StrataRulesEditor *self,
      const char        *title,
      const char        *add_tooltip,
      GCallback          add_cb,
      GtkWidget         *content,
      GtkWidget         *problems)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "rules-card");
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (heading), label);
  if (add_cb != NULL)
    {
      GtkWidget *add = flat_button ("list-add-symbolic", add_tooltip);

      g_signal_connect_swapped (add, "clicked", add_cb, self);
      gtk_box_append (GTK_BOX (heading), add);
    }
  gtk_box_append (GTK_BOX (box), heading);
  {
    /* A wide table scrolls inside its card, so that the narrow ones
     * (bands, tiers) still fit beside the impact panel. */
    GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_box_append (GTK_BOX (holder), content);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    /* An overlay scrollbar: a classic one is not counted in the height
     * GTK gives the scroller, and would cover the last row. The margin
     * keeps the overlay clear of it. */
    gtk_widget_set_margin_bottom (holder, 8);
    /* The wheel scrolls the page, not the card sideways (its scrollbar
     * does that). */
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (scroller);
      for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, k);
          if (GTK_IS_EVENT_CONTROLLER_SCROLL (c))
            gtk_event_controller_set_propagation_phase (c, GTK_PHASE_NONE);
        }
    }
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), holder);
    gtk_widget_add_css_class (scroller, "rules-card-content");
    gtk_box_append (GTK_BOX (box), scroller);
  }
  gtk_box_append (GTK_BOX (box), problems);
  gtk_box_append (GTK_BOX (self), box);
  return box;
}

/* Base indicators: one block per indicator (metric, weight, its bands). */

static void
add_band_clicked (GtkButton *button,
                  gpointer   data)
{
  StrataRulesEditor *self = g_object_get_data (G_OBJECT (button), "editor");
  StrataIndicator *ind = self->rules->indicators->pdata[GPOINTER_TO_INT (data)];
  GArray *bands = ind->bands;

  if (bands->len == 0)
    strata_indicator_add_band (ind, 0, INFINITY, 0);
  else
    {
      StrataBand *last = &g_array_index (bands, StrataBand, bands->len - 1);
      double points = last->points;
      double from;

      /* Split the open last band: the new band starts where it would end
       * if it were as wide as the one before it. */
      if (isinf (last->to))
        {
          double width = bands->len > 1
                           ? last->from - g_array_index (bands, StrataBand, bands->len - 2).from
                           : MAX (1, last->from);

          last->to = last->from + MAX (width, 1);
          from = last->to;
        }
      else
        from = last->to;
      strata_indicator_add_band (ind, from, INFINITY, points);
    }
  structural_edit (self, _("Add band"), FALSE);
}

static void
remove_indicator_clicked (GtkButton *button,
                          gpointer   data)
{
  StrataRulesEditor *self = g_object_get_data (G_OBJECT (button), "editor");

  g_ptr_array_remove_index (self->rules->indicators, GPOINTER_TO_INT (data));
  structural_edit (self, _("Remove indicator"), TRUE);
}

static void
add_indicator (StrataRulesEditor *self)
{
  g_autoptr(StrataMetric) metric = NULL;
  StrataIndicator *ind;

  if (self->rules == NULL)
    return;
  if (self->metrics && g_list_model_get_n_items (self->metrics) > 0)
    metric = g_list_model_get_item (self->metrics, 0);
  ind = strata_indicator_new (metric ? strata_metric_get_key (metric) : "", 1);
  strata_indicator_add_band (ind, 0, INFINITY, 0);
  g_ptr_array_add (self->rules->indicators, ind);
  structural_edit (self, _("Add indicator"), FALSE);
}

static void
rebuild_indicators (StrataRulesEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->indicators_box))))
    gtk_box_remove (self->indicators_box, child);
  if (self->rules == NULL)
    return;

  for (guint i = 0; i < self->rules->indicators->len; i++)
    {
      StrataIndicator *ind = self->rules->indicators->pdata[i];
      GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *metric = strata_rules_cell_new (self, &indicator_metric);
      GtkWidget *weight = strata_rules_cell_new (self, &indicator_weight);
      GtkWidget *add = gtk_button_new_with_label (_("Add band"));
      GtkWidget *remove = flat_button ("user-trash-symbolic", _("Remove indicator"));
      GListStore *store;
      GtkColumnView *view = new_table (&store);
      GtkWidget *label;

      gtk_widget_set_hexpand (metric, TRUE);
      gtk_box_append (GTK_BOX (header), metric);
      label = gtk_label_new (_("Weight"));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (header), label);
      gtk_box_append (GTK_BOX (header), weight);
      gtk_widget_add_css_class (add, "flat");
      g_object_set_data (G_OBJECT (add), "editor", self);
      g_signal_connect (add, "clicked", G_CALLBACK (add_band_clicked), GINT_TO_POINTER (i));
      gtk_box_append (GTK_BOX (header), add);
      g_object_set_data (G_OBJECT (remove), "editor", self);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_indicator_clicked), GINT_TO_POINTER (i));
      gtk_box_append (GTK_BOX (header), remove);
      strata_rules_cell_bind (metric, i, -1);
      strata_rules_cell_bind (weight, i, -1);

      add_column (view, strata_rules_cell_column (self, &band_from, _("From"), TRUE));
      add_column (view, strata_rules_cell_column (self, &band_to, _("To"), TRUE));
      add_column (view, strata_rules_cell_column (self, &band_points, _("Points"), TRUE));
      add_column (view, actions_column (self, STRATA_RULES_SECTION_BAND));
      fill_rows (store, i, ind->bands->len);
      g_object_unref (store);

      gtk_box_append (GTK_BOX (block), header);
      gtk_box_append (GTK_BOX (block), GTK_WIDGET (view));
      gtk_box_append (self->indicators_box, block);
    }
}

static void
add_adjustment (StrataRulesEditor *self)
{
  g_autoptr(StrataMetric) metric = NULL;
  g_autofree char *id = NULL;
  StrataAdjustment *adj;
  guint n = 1;

  if (self->rules == NULL)
    return;
  if (self->metrics && g_list_model_get_n_items (self->metrics) > 0)
    metric = g_list_model_get_item (self->metrics, 0);
  /* A fresh id that no other item uses. */
  do
    {
      g_free (id);
      id = g_strdup_printf ("item_%u", n++);
      for (guint i = 0; i < self->rules->adjustments->len; i++)
        if (g_strcmp0 (((StrataAdjustment *) self->rules->adjustments->pdata[i])->id, id) == 0)
          {
            g_clear_pointer (&id, g_free);
            break;
          }
    }
  while (id == NULL);
  adj = strata_adjustment_new (id, _("New item"), metric ? strata_metric_get_key (metric) : "",
                               STRATA_CONDITION_GE, 1, 0, 5);
  g_ptr_array_add (self->rules->adjustments, adj);
  structural_edit (self, _("Add item"), FALSE);
}

static void
add_tier (StrataRulesEditor *self)
{
  GPtrArray *tiers;
  g_autofree char *id = NULL;

  if (self->rules == NULL)
    return;
  tiers = self->rules->tiers;
  if (tiers->len > 0)
    {
      StrataTier *last = tiers->pdata[tiers->len - 1];
      double above = tiers->len > 1 ? ((StrataTier *) tiers->pdata[tiers->len - 2])->min_score : 20;

      /* The old last tier gets a real minimum, half way down. */
      last->min_score = floor (above / 2);
      if (last->id && strlen (last->id) == 1 && g_ascii_isalpha (last->id[0]) && last->id[0] != 'z' &&
          last->id[0] != 'Z')
        id = g_strdup_printf ("%c", last->id[0] + 1);
    }
  if (id == NULL)
    id = g_strdup_printf ("T%u", tiers->len + 1);
  g_ptr_array_add (tiers, strata_tier_new (id, _("New tier"), "#8a8f98", -INFINITY));
  structural_edit (self, _("Add tier"), FALSE);
}

/* GObject ----------------------------------------------------------------- */

static void
strata_rules_editor_dispose (GObject *object)
{
  StrataRulesEditor *self = STRATA_RULES_EDITOR (object);

  self->rules = NULL;
  self->problems = NULL;
  G_OBJECT_CLASS (strata_rules_editor_parent_class)->dispose (object);
}

static void
strata_rules_editor_finalize (GObject *object)
{
  StrataRulesEditor *self = STRATA_RULES_EDITOR (object);

  g_clear_object (&self->metrics);
  g_clear_object (&self->optional_metrics);
  g_clear_object (&self->adjustment_rows);
  g_clear_object (&self->tier_rows);
  g_clear_object (&self->quadrant_rows);
  g_hash_table_unref (self->cells);
  G_OBJECT_CLASS (strata_rules_editor_parent_class)->finalize (object);
}

static void
strata_rules_editor_class_init (StrataRulesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = strata_rules_editor_dispose;
  object_class->finalize = strata_rules_editor_finalize;

  /* ::edited (undo label, merge key or NULL, removal): the rules changed;
   * removal is TRUE when a row was deleted (the page offers Undo). */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "rules-editor");
}

static GtkWidget *
grid_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
strata_rules_editor_init (StrataRulesEditor *self)
{
  GtkColumnViewColumn *column;
  GtkWidget *w;

  self->cells = g_hash_table_new (NULL, NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);

  /* The metric pickers share one model, which follows the workspace. */
  self->metrics = G_LIST_MODEL (g_list_store_new (STRATA_TYPE_METRIC));
  {
    GListStore *none = g_list_store_new (STRATA_TYPE_METRIC);
    GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
    g_autoptr(StrataMetric) nothing = strata_metric_new (0, "", _("None"), _("None"), _("None"),
                                                         STRATA_METRIC_NUMBER, "", FALSE);

    g_list_store_append (none, nothing);
    g_list_store_append (parts, none);
    g_list_store_append (parts, self->metrics);
    self->optional_metrics = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
    g_object_unref (none);
  }

  self->indicators_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  self->indicators_problems = problems_label ();
  card (self, _("Base indicators"), _("Add indicator"), G_CALLBACK (add_indicator),
        GTK_WIDGET (self->indicators_box), self->indicators_problems);

  self->adjustments_view = new_table (&self->adjustment_rows);
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_enabled, _("On"), FALSE));
  column = strata_rules_cell_column (self, &adj_label, _("Label"), TRUE);
  gtk_column_view_column_set_fixed_width (column, 140);
  add_column (self->adjustments_view, column);
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_metric, _("Metric"), TRUE));
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_condition, _("Condition"), FALSE));
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_a, _("Value"), FALSE));
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_b, _("And"), FALSE));
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_points, _("Points"), FALSE));
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_per_unit, _("Per unit"), FALSE));
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_cap, _("Cap"), FALSE));
  add_column (self->adjustments_view, actions_column (self, STRATA_RULES_SECTION_ADJUSTMENT));
  self->adjustments_problems = problems_label ();
  card (self, _("Adjustments"), _("Add item"), G_CALLBACK (add_adjustment),
        GTK_WIDGET (self->adjustments_view), self->adjustments_problems);

  self->tiers_view = new_table (&self->tier_rows);
  add_column (self->tiers_view, strata_rules_cell_column (self, &tier_id, _("Id"), FALSE));
  column = strata_rules_cell_column (self, &tier_label, _("Label"), TRUE);
  gtk_column_view_column_set_fixed_width (column, 160);
  add_column (self->tiers_view, column);
  add_column (self->tiers_view, strata_rules_cell_column (self, &tier_colour, _("Colour"), FALSE));
  add_column (self->tiers_view, strata_rules_cell_column (self, &tier_min, _("Minimum score"), FALSE));
  add_column (self->tiers_view, actions_column (self, STRATA_RULES_SECTION_TIER));
  self->tiers_problems = problems_label ();
  card (self, _("Tiers"), _("Add tier"), G_CALLBACK (add_tier),
        GTK_WIDGET (self->tiers_view), self->tiers_problems);

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    self->quadrant_grid = GTK_GRID (gtk_grid_new ());
    gtk_grid_set_row_spacing (self->quadrant_grid, 6);
    gtk_grid_set_column_spacing (self->quadrant_grid, 12);
    gtk_grid_attach (self->quadrant_grid, grid_label (_("Result metric (y)")), 0, 0, 1, 1);
    w = strata_rules_cell_new (self, &quad_y);
    gtk_widget_set_hexpand (w, TRUE);
    gtk_grid_attach (self->quadrant_grid, w, 1, 0, 1, 1);
    strata_rules_cell_bind (w, -1, -1);
    gtk_grid_attach (self->quadrant_grid, grid_label (_("High from")), 2, 0, 1, 1);
    w = strata_rules_cell_new (self, &quad_y_threshold);
    gtk_editable_set_width_chars (GTK_EDITABLE (w), 8);
    gtk_grid_attach (self->quadrant_grid, w, 3, 0, 1, 1);
    strata_rules_cell_bind (w, -1, -1);
    gtk_grid_attach (self->quadrant_grid, grid_label (_("Process metric (x)")), 0, 1, 1, 1);
    w = strata_rules_cell_new (self, &quad_x);
    gtk_grid_attach (self->quadrant_grid, w, 1, 1, 1, 1);
    strata_rules_cell_bind (w, -1, -1);
    gtk_grid_attach (self->quadrant_grid, grid_label (_("High from")), 2, 1, 1, 1);
    w = strata_rules_cell_new (self, &quad_x_threshold);
    gtk_editable_set_width_chars (GTK_EDITABLE (w), 8);
    gtk_grid_attach (self->quadrant_grid, w, 3, 1, 1, 1);
    strata_rules_cell_bind (w, -1, -1);
    gtk_grid_attach (self->quadrant_grid, grid_label (_("Stickiness (z)")), 0, 2, 1, 1);
    w = strata_rules_cell_new (self, &quad_z);
    gtk_grid_attach (self->quadrant_grid, w, 1, 2, 1, 1);
    strata_rules_cell_bind (w, -1, -1);

    self->quadrant_view = new_table (&self->quadrant_rows);
    g_signal_connect (factory, "setup", G_CALLBACK (quadrant_name_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (quadrant_name_bind), NULL);
    column = gtk_column_view_column_new (_("Quadrant"), factory);
    add_column (self->quadrant_view, column);
    add_column (self->quadrant_view, strata_rules_cell_column (self, &quad_label, _("Label"), TRUE));
    add_column (self->quadrant_view, strata_rules_cell_column (self, &quad_action, _("Action"), TRUE));

    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->quadrant_grid));
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->quadrant_view));
    self->quadrant_problems = problems_label ();
    card (self, _("Quadrant"), NULL, NULL, box, self->quadrant_problems);
  }
}

GtkWidget *
strata_rules_editor_new (void)
{
  return g_object_new (STRATA_TYPE_RULES_EDITOR, NULL);
}

void
strata_rules_editor_set_metrics (StrataRulesEditor *self,
                                 GListModel        *metrics)
{
  guint n;

  g_return_if_fail (STRATA_IS_RULES_EDITOR (self));

  /* Copy into the shared store so the pickers keep their model. */
  n = metrics ? g_list_model_get_n_items (metrics) : 0;
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (metrics, i));
    self->updating = TRUE;
    g_list_store_splice (G_LIST_STORE (self->metrics), 0,
                         g_list_model_get_n_items (self->metrics), items->pdata, items->len);
    self->updating = FALSE;
  }
  rebuild (self);
}

void
strata_rules_editor_set_rules (StrataRulesEditor *self,
                               StrataRules       *rules)
{
  g_return_if_fail (STRATA_IS_RULES_EDITOR (self));

  self->rules = rules;
  rebuild (self);
}

StrataRules *
strata_rules_editor_get_rules (StrataRulesEditor *self)
{
  g_return_val_if_fail (STRATA_IS_RULES_EDITOR (self), NULL);
  return self->rules;
}

static void
show_problems (GtkWidget           *label,
               StrataRulesProblems *problems,
               const int           *sections)
{
  g_autofree char *text = problems ? strata_rules_problems_describe (problems, sections) : NULL;

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_visible (label, text != NULL);
}

void
strata_rules_editor_set_problems (StrataRulesEditor   *self,
                                  StrataRulesProblems *problems)
{
  static const int indicator_sections[] = { STRATA_RULES_SECTION_INDICATOR, STRATA_RULES_SECTION_BAND, -1 };
  static const int adjustment_sections[] = { STRATA_RULES_SECTION_ADJUSTMENT, -1 };
  static const int tier_sections[] = { STRATA_RULES_SECTION_TIER, STRATA_RULES_SECTION_RULES, -1 };
  static const int quadrant_sections[] = { STRATA_RULES_SECTION_QUADRANT, -1 };
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (STRATA_IS_RULES_EDITOR (self));

  self->problems = problems;
  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    strata_rules_cell_mark (key);
  show_problems (self->indicators_problems, problems, indicator_sections);
  show_problems (self->adjustments_problems, problems, adjustment_sections);
  show_problems (self->tiers_problems, problems, tier_sections);
  show_problems (self->quadrant_problems, problems, quadrant_sections);
}
