/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cards of the rules editor and the structure of the rules: rows are
 * added, removed and moved here; values are edited by the cells
 * (strata-rules-cell.c). Structural edits rebuild the rows of the table
 * they touch; value edits never do, so a held spin button keeps focus. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-metric.h"
#include "strata-rules-editor-private.h"

#define RESOURCE "/io/github/strata/Strata/"

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

static void clear_indicators (StrataRulesEditor *self);
static void add_indicator_block (StrataRulesEditor *self,
                                 guint              i);

/* The last part of a build: the quadrants' rows, and the cells outside
 * the column views (quadrant metrics) showing the new rules. */
static void
finish_build (StrataRulesEditor *self)
{
  GHashTableIter iter;
  gpointer key;

  fill_rows (self->quadrant_rows, -1, self->rules ? 4 : 0);
  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    strata_rules_cell_refresh (key);
  strata_rules_editor_set_problems (self, self->problems);
}

static void
rebuild (StrataRulesEditor *self)
{
  StrataRules *r = self->rules;

  self->building = FALSE;
  clear_indicators (self);
  for (guint i = 0; r != NULL && i < r->indicators->len; i++)
    add_indicator_block (self, i);
  fill_rows (self->adjustment_rows, -1, r ? r->adjustments->len : 0);
  strata_rules_editor_refresh_evidence (self);
  fill_rows (self->tier_rows, -1, r ? r->tiers->len : 0);
  finish_build (self);
}

void
strata_rules_editor_set_rules_in_steps (StrataRulesEditor *self,
                                        StrataRules       *rules)
{
  g_return_if_fail (STRATA_IS_RULES_EDITOR (self));

  self->rules = rules;
  if (rules == NULL)
    {
      rebuild (self);
      return;
    }
  /* Nothing of the last rules stays: their rows would read past these. */
  clear_indicators (self);
  fill_rows (self->adjustment_rows, -1, 0);
  fill_rows (self->tier_rows, -1, 0);
  fill_rows (self->quadrant_rows, -1, 0);
  self->building = TRUE;
  self->build_next = 0;
}

gboolean
strata_rules_editor_build_step (StrataRulesEditor *self)
{
  guint n;

  g_return_val_if_fail (STRATA_IS_RULES_EDITOR (self), FALSE);

  if (!self->building)
    return FALSE;
  n = self->rules->indicators->len;
  if (self->build_next < n)
    add_indicator_block (self, self->build_next);
  else if (self->build_next == n)
    {
      fill_rows (self->adjustment_rows, -1, self->rules->adjustments->len);
      strata_rules_editor_refresh_evidence (self);
    }
  else if (self->build_next == n + 1)
    fill_rows (self->tier_rows, -1, self->rules->tiers->len);
  else
    {
      finish_build (self);
      self->building = FALSE;
    }
  self->build_next++;
  return self->building;
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

static void
actions_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE "strata-rules-row-actions.ui");
  GtkWidget *box = GTK_WIDGET (gtk_builder_get_object (builder, "actions"));
  GtkWidget *up = GTK_WIDGET (gtk_builder_get_object (builder, "up"));
  GtkWidget *down = GTK_WIDGET (gtk_builder_get_object (builder, "down"));
  GtkWidget *remove = GTK_WIDGET (gtk_builder_get_object (builder, "remove"));
  StrataRulesSection section = GPOINTER_TO_INT (user_data);

  g_object_set_data (G_OBJECT (box), "editor", g_object_get_data (G_OBJECT (factory), "editor"));
  g_object_set_data (G_OBJECT (box), "section", user_data);
  if (section == STRATA_RULES_SECTION_BAND)
    {
      gtk_box_remove (GTK_BOX (box), up);
      gtk_box_remove (GTK_BOX (box), down);
    }
  else
    {
      g_signal_connect (up, "clicked", G_CALLBACK (row_action), GINT_TO_POINTER (ROW_UP));
      g_signal_connect (down, "clicked", G_CALLBACK (row_action), GINT_TO_POINTER (ROW_DOWN));
    }
  gtk_widget_set_name (remove, section == STRATA_RULES_SECTION_BAND ? "remove-band"
                               : section == STRATA_RULES_SECTION_TIER ? "remove-tier"
                               : "remove-adjustment");
  g_signal_connect (remove, "clicked", G_CALLBACK (row_action), GINT_TO_POINTER (ROW_REMOVE));
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

static char *
quadrant_name (GtkListItem   *item,
               StrataRuleRow *row)
{
  static const char *names[] = { "A", "B", "C", "D" };

  return row ? g_strdup (names[row->index & 3]) : NULL;
}

/* Tables ------------------------------------------------------------------ */

/* The table's rows are the items of a new store. */
static void
set_table_rows (GtkColumnView  *view,
                GListStore    **store)
{
  *store = g_list_store_new (STRATA_TYPE_RULE_ROW);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (*store)))));
}

static void
add_column (GtkColumnView       *view,
            GtkColumnViewColumn *column)
{
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
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
clear_indicators (StrataRulesEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->indicators_box))))
    gtk_box_remove (self->indicators_box, child);
}

/* Indicator i's card, after the others. */
static void
add_indicator_block (StrataRulesEditor *self,
                     guint              i)
{
  StrataIndicator *ind = self->rules->indicators->pdata[i];
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE "strata-rules-indicator.ui");
  GtkWidget *block = GTK_WIDGET (gtk_builder_get_object (builder, "block"));
  GtkBox *header = GTK_BOX (gtk_builder_get_object (builder, "header"));
  GtkWidget *add = GTK_WIDGET (gtk_builder_get_object (builder, "add_band"));
  GtkWidget *remove = GTK_WIDGET (gtk_builder_get_object (builder, "remove"));
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_builder_get_object (builder, "bands"));
  GtkWidget *metric = strata_rules_cell_new (self, &indicator_metric);
  GtkWidget *weight = strata_rules_cell_new (self, &indicator_weight);
  GListStore *store;

  /* The header reads: metric, "Weight", weight, Add band, remove. */
  gtk_widget_set_hexpand (metric, TRUE);
  gtk_box_prepend (header, metric);
  gtk_box_insert_child_after (header, weight, GTK_WIDGET (gtk_builder_get_object (builder, "weight_label")));
  g_object_set_data (G_OBJECT (add), "editor", self);
  g_signal_connect (add, "clicked", G_CALLBACK (add_band_clicked), GINT_TO_POINTER (i));
  g_object_set_data (G_OBJECT (remove), "editor", self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_indicator_clicked), GINT_TO_POINTER (i));
  strata_rules_cell_bind (metric, i, -1);
  strata_rules_cell_bind (weight, i, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (metric), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Metric"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (weight), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Weight"), -1);

  set_table_rows (view, &store);
  add_column (view, strata_rules_cell_column (self, &band_from, _("From"), TRUE));
  add_column (view, strata_rules_cell_column (self, &band_to, _("To"), TRUE));
  add_column (view, strata_rules_cell_column (self, &band_points, _("Points"), TRUE));
  add_column (view, actions_column (self, STRATA_RULES_SECTION_BAND));
  fill_rows (store, i, ind->bands->len);
  g_object_unref (store);

  gtk_box_append (self->indicators_box, block);
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
  strata_rules_evidence_dispose (self);
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_rules_editor_dispose;
  object_class->finalize = strata_rules_editor_finalize;

  /* ::edited (undo label, merge key or NULL, removal): the rules changed;
   * removal is TRUE when a row was deleted (the page offers Undo). */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "rules-editor");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE "strata-rules-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, indicators_box);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, indicators_problems);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, adjustments_view);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, adjustments_problems);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, tiers_view);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, tiers_problems);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, quadrant_grid);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, quadrant_view);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, quadrant_problems);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, indicators_scroller);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, adjustments_scroller);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, tiers_scroller);
  gtk_widget_class_bind_template_child (widget_class, StrataRulesEditor, quadrant_scroller);
  gtk_widget_class_bind_template_callback (widget_class, add_indicator);
  gtk_widget_class_bind_template_callback (widget_class, add_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, add_tier);
}

static void
leave_wheel_to_page (GtkScrolledWindow *scroller)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (scroller));

  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, k);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (c))
        gtk_event_controller_set_propagation_phase (c, GTK_PHASE_NONE);
    }
}

/* A cell outside the tables, at (column, row) of the quadrant grid. */
static GtkWidget *
attach_cell (StrataRulesEditor *self,
             const CellSpec    *spec,
             int                column,
             int                row)
{
  GtkWidget *cell = strata_rules_cell_new (self, spec);
  GtkWidget *label = gtk_grid_get_child_at (self->quadrant_grid, column - 1, row);

  gtk_grid_attach (self->quadrant_grid, cell, column, row, 1, 1);
  strata_rules_cell_bind (cell, -1, -1);
  /* Named by the label before it in the grid, as it reads on screen. */
  if (GTK_IS_LABEL (label))
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (label)), -1);
  return cell;
}

static void
strata_rules_editor_init (StrataRulesEditor *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkColumnViewColumn *column;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_hash_table_new (NULL, NULL);

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

  /* The wheel scrolls the page, not the cards sideways (their overlay
   * scrollbars do that: a classic one is not counted in the height GTK
   * gives the scroller, and would cover the last row). */
  leave_wheel_to_page (self->indicators_scroller);
  leave_wheel_to_page (self->adjustments_scroller);
  leave_wheel_to_page (self->tiers_scroller);
  leave_wheel_to_page (self->quadrant_scroller);

  set_table_rows (self->adjustments_view, &self->adjustment_rows);
  add_column (self->adjustments_view, strata_rules_cell_column (self, &adj_enabled, _("On"), FALSE));
  /* Label, retention and condition in one cell of two lines: the table
   * fits its card without scrolling sideways. */
  self->evidence_labels = g_hash_table_new (NULL, NULL);
  add_column (self->adjustments_view, strata_rules_adjustment_column (self));
  add_column (self->adjustments_view, actions_column (self, STRATA_RULES_SECTION_ADJUSTMENT));

  set_table_rows (self->tiers_view, &self->tier_rows);
  add_column (self->tiers_view, strata_rules_cell_column (self, &tier_id, _("Id"), FALSE));
  column = strata_rules_cell_column (self, &tier_label, _("Label"), TRUE);
  gtk_column_view_column_set_fixed_width (column, 160);
  add_column (self->tiers_view, column);
  add_column (self->tiers_view, strata_rules_cell_column (self, &tier_colour, _("Colour"), FALSE));
  add_column (self->tiers_view, strata_rules_cell_column (self, &tier_min, _("Minimum score"), FALSE));
  add_column (self->tiers_view, actions_column (self, STRATA_RULES_SECTION_TIER));

  gtk_widget_set_hexpand (attach_cell (self, &quad_y, 1, 0), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (attach_cell (self, &quad_y_threshold, 3, 0)), 7);
  attach_cell (self, &quad_x, 1, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (attach_cell (self, &quad_x_threshold, 3, 1)), 7);
  attach_cell (self, &quad_z, 1, 2);

  set_table_rows (self->quadrant_view, &self->quadrant_rows);
  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "quadrant_name",
                                          G_CALLBACK (quadrant_name));
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE "strata-rules-quadrant-name.ui");
  add_column (self->quadrant_view, gtk_column_view_column_new (_("Quadrant"), g_steal_pointer (&factory)));
  add_column (self->quadrant_view, strata_rules_cell_column (self, &quad_label, _("Label"), TRUE));
  add_column (self->quadrant_view, strata_rules_cell_column (self, &quad_action, _("Action"), TRUE));
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
  /* A build in steps starts again with the new pickers. */
  if (self->building)
    strata_rules_editor_set_rules_in_steps (self, self->rules);
  else
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
