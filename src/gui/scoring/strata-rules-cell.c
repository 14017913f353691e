/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One editable value of the rules editor. Each cell knows its field (a
 * CellSpec) and, once bound, its row; it reads the value from the editor's
 * rules, writes it back on every change and asks the editor to announce
 * the edit. Escape puts back the value the cell had when it got focus. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-metric.h"
#include "strata-number-input.h"
#include "strata-rules-editor-private.h"

typedef struct
{
  StrataRulesEditor *editor;   /* unowned: cells die with the editor */
  const CellSpec    *spec;
  int                index;
  int                sub_index;
  gboolean           bound;
  double             saved_number;
  char              *saved_text;
} CellData;

static const char *condition_names[] = {
  N_("≥"), N_("≤"), N_(">"), N_("<"), N_("="), N_("between"), N_("is true"),
};

static void
cell_data_free (gpointer data)
{
  CellData *cell = data;

  g_free (cell->saved_text);
  g_free (cell);
}

static CellData *
cell_data (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "strata-cell");
}

/* Where the value lives in the rules, or NULL when the row is gone. */
static gpointer
value_ptr (StrataRules    *rules,
           const CellSpec *spec,
           int             index,
           int             sub_index)
{
  const char *f = spec->field;

  if (rules == NULL)
    return NULL;

  switch (spec->section)
    {
    case STRATA_RULES_SECTION_INDICATOR:
      {
        StrataIndicator *ind;

        if (index < 0 || (guint) index >= rules->indicators->len)
          return NULL;
        ind = rules->indicators->pdata[index];
        if (g_str_equal (f, "weight"))
          return &ind->weight;
        if (g_str_equal (f, "metric"))
          return &ind->metric;
        return NULL;
      }
    case STRATA_RULES_SECTION_BAND:
      {
        StrataIndicator *ind;
        StrataBand *band;

        if (index < 0 || (guint) index >= rules->indicators->len)
          return NULL;
        ind = rules->indicators->pdata[index];
        if (sub_index < 0 || (guint) sub_index >= ind->bands->len)
          return NULL;
        band = &g_array_index (ind->bands, StrataBand, sub_index);
        if (g_str_equal (f, "from"))
          return &band->from;
        if (g_str_equal (f, "to"))
          return &band->to;
        if (g_str_equal (f, "points"))
          return &band->points;
        return NULL;
      }
    case STRATA_RULES_SECTION_ADJUSTMENT:
      {
        StrataAdjustment *adj;

        if (index < 0 || (guint) index >= rules->adjustments->len)
          return NULL;
        adj = rules->adjustments->pdata[index];
        if (g_str_equal (f, "label"))
          return &adj->label;
        if (g_str_equal (f, "metric"))
          return &adj->metric;
        if (g_str_equal (f, "condition"))
          return &adj->condition;
        if (g_str_equal (f, "a"))
          return &adj->a;
        if (g_str_equal (f, "b"))
          return &adj->b;
        if (g_str_equal (f, "points"))
          return &adj->points;
        if (g_str_equal (f, "per_unit"))
          return &adj->per_unit;
        if (g_str_equal (f, "cap"))
          return &adj->cap;
        if (g_str_equal (f, "enabled"))
          return &adj->enabled;
        return NULL;
      }
    case STRATA_RULES_SECTION_TIER:
      {
        StrataTier *tier;

        if (index < 0 || (guint) index >= rules->tiers->len)
          return NULL;
        tier = rules->tiers->pdata[index];
        if (g_str_equal (f, "id"))
          return &tier->id;
        if (g_str_equal (f, "label"))
          return &tier->label;
        if (g_str_equal (f, "colour"))
          return &tier->colour;
        if (g_str_equal (f, "min_score"))
          return &tier->min_score;
        return NULL;
      }
    case STRATA_RULES_SECTION_QUADRANT:
      {
        StrataQuadrantRules *q = &rules->quadrant;

        if (g_str_equal (f, "x"))
          return &q->x_metric;
        if (g_str_equal (f, "x_threshold"))
          return &q->x_threshold;
        if (g_str_equal (f, "y"))
          return &q->y_metric;
        if (g_str_equal (f, "y_threshold"))
          return &q->y_threshold;
        if (g_str_equal (f, "z"))
          return &q->z_metric;
        if (index < 0 || index > 3)
          return NULL;
        if (g_str_equal (f, "label"))
          return &q->label[index];
        if (g_str_equal (f, "action"))
          return &q->action[index];
        return NULL;
      }
    case STRATA_RULES_SECTION_RULES:
    default:
      return NULL;
    }
}

static guint
metric_position (GListModel *model,
                 const char *key)
{
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StrataMetric) metric = g_list_model_get_item (model, i);

      if (g_strcmp0 (strata_metric_get_key (metric), key ? key : "") == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
announce (GtkWidget *widget,
          CellData  *cell)
{
  g_autofree char *merge_key = g_strdup_printf ("%d/%d/%d/%s", (int) cell->spec->section,
                                                cell->index, cell->sub_index, cell->spec->field);

  strata_rules_cell_mark (widget);
  strata_rules_editor_emit_edited (cell->editor, _(cell->spec->undo_label), merge_key, FALSE);
}

static gpointer
writable_ptr (GtkWidget *widget,
              CellData **out)
{
  CellData *cell = cell_data (widget);

  *out = cell;
  if (cell == NULL || !cell->bound || cell->editor->updating)
    return NULL;
  return value_ptr (cell->editor->rules, cell->spec, cell->index, cell->sub_index);
}

static void
spin_changed (GtkSpinButton *spin)
{
  CellData *cell;
  double *ptr = writable_ptr (GTK_WIDGET (spin), &cell);
  double value = gtk_spin_button_get_value (spin);

  if (ptr == NULL)
    return;
  /* The far end of the range stands for "open" (a band's upper edge). */
  if (value >= STRATA_RULES_EDITOR_INFINITY)
    value = INFINITY;
  if (g_str_equal (cell->spec->field, "cap") && value <= 0)
    value = NAN;
  if (*ptr == value || (isnan (*ptr) && isnan (value)))
    return;

  /* Bands stay contiguous: moving an upper edge moves the next band's
   * lower edge with it, when they met before. */
  if (cell->spec->section == STRATA_RULES_SECTION_BAND && g_str_equal (cell->spec->field, "to"))
    {
      StrataIndicator *ind = cell->editor->rules->indicators->pdata[cell->index];

      if ((guint) cell->sub_index + 1 < ind->bands->len)
        {
          StrataBand *next = &g_array_index (ind->bands, StrataBand, cell->sub_index + 1);

          if (next->from == *ptr)
            next->from = value;
        }
    }
  *ptr = value;
  announce (GTK_WIDGET (spin), cell);
  if (cell->spec->section == STRATA_RULES_SECTION_BAND)
    {
      /* The neighbour's cell shows the linked edge. */
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, cell->editor->cells);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (key != spin)
          strata_rules_cell_refresh (key);
    }
}

static int
spin_output (GtkSpinButton *spin)
{
  CellData *cell = cell_data (GTK_WIDGET (spin));
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));

  if (value >= STRATA_RULES_EDITOR_INFINITY)
    {
      gtk_editable_set_text (GTK_EDITABLE (spin), "∞");
      return TRUE;
    }
  if (value <= -1e12)
    {
      /* The last tier's minimum: every lower score. */
      gtk_editable_set_text (GTK_EDITABLE (spin), "—");
      return TRUE;
    }
  if (cell && g_str_equal (cell->spec->field, "cap") && value <= 0)
    {
      /* Translators: shown in the cap cell of an adjustment without a cap. */
      gtk_editable_set_text (GTK_EDITABLE (spin), _("none"));
      return TRUE;
    }
  /* Grouped as people write it (10,000,000; 1,000万 in Chinese), exact. */
  {
    g_autofree char *text = strata_format_editable (NULL, value, gtk_spin_button_get_digits (spin));

    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
      gtk_editable_set_text (GTK_EDITABLE (spin), text);
  }
  return TRUE;
}

static int
spin_input (GtkSpinButton *spin,
            double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_str_equal (stripped, "∞") || g_ascii_strcasecmp (stripped, "inf") == 0)
    {
      *new_value = STRATA_RULES_EDITOR_INFINITY;
      return TRUE;
    }
  if (g_str_equal (stripped, _("none")) || *stripped == '\0')
    {
      CellData *cell = cell_data (GTK_WIDGET (spin));

      if (cell && g_str_equal (cell->spec->field, "cap"))
        {
          *new_value = 0;
          return TRUE;
        }
    }
  /* As typed: with or without separators, 万/亿, k or M. */
  /* Anything else keeps the value it had (GTK would take it as 0). */
  if (!strata_parse_number (NULL, stripped, new_value))
    {
      gtk_widget_error_bell (GTK_WIDGET (spin));
      *new_value = gtk_spin_button_get_value (spin);
    }
  return TRUE;
}

/* A tier's, an item's or a quadrant's label (and a quadrant's action)
 * shows in the reader's language while it is a default one
 * (strata_tier_get_display_label); typing replaces it and drops its key.
 * Other text cells show their value. */
static const char *
cell_text (CellData  *cell,
           char     **ptr)
{
  StrataRules *rules = cell->editor->rules;

  if (g_str_equal (cell->spec->field, "label"))
    {
      if (cell->spec->section == STRATA_RULES_SECTION_TIER)
        return strata_tier_get_display_label (rules->tiers->pdata[cell->index]);
      if (cell->spec->section == STRATA_RULES_SECTION_ADJUSTMENT)
        return strata_adjustment_get_display_label (rules->adjustments->pdata[cell->index]);
      if (cell->spec->section == STRATA_RULES_SECTION_QUADRANT)
        return strata_rules_get_quadrant_label (rules, cell->index);
    }
  if (g_str_equal (cell->spec->field, "action") && cell->spec->section == STRATA_RULES_SECTION_QUADRANT)
    return strata_rules_get_quadrant_action (rules, cell->index);
  return *ptr ? *ptr : "";
}

static void
entry_changed (GtkEditable *editable)
{
  CellData *cell;
  char **ptr = writable_ptr (GTK_WIDGET (editable), &cell);
  const char *text = gtk_editable_get_text (editable);

  if (ptr == NULL || g_strcmp0 (cell_text (cell, ptr), text) == 0)
    return;
  if (g_str_equal (cell->spec->field, "label") && cell->spec->section == STRATA_RULES_SECTION_TIER)
    strata_tier_set_label (cell->editor->rules->tiers->pdata[cell->index], text);
  else if (g_str_equal (cell->spec->field, "label") &&
           cell->spec->section == STRATA_RULES_SECTION_ADJUSTMENT)
    strata_adjustment_set_label (cell->editor->rules->adjustments->pdata[cell->index], text);
  else if (g_str_equal (cell->spec->field, "label") &&
           cell->spec->section == STRATA_RULES_SECTION_QUADRANT)
    strata_rules_set_quadrant_label (cell->editor->rules, cell->index, text);
  else if (g_str_equal (cell->spec->field, "action") &&
           cell->spec->section == STRATA_RULES_SECTION_QUADRANT)
    strata_rules_set_quadrant_action (cell->editor->rules, cell->index, text);
  else
    {
      g_free (*ptr);
      *ptr = g_strdup (text);
    }
  announce (GTK_WIDGET (editable), cell);
}

static void
check_toggled (GtkCheckButton *check)
{
  CellData *cell;
  gboolean *ptr = writable_ptr (GTK_WIDGET (check), &cell);
  gboolean active = gtk_check_button_get_active (check);

  if (ptr == NULL || !*ptr == !active)
    return;
  *ptr = active;
  announce (GTK_WIDGET (check), cell);
}

static void
dropdown_selected (GtkDropDown *dropdown)
{
  CellData *cell;
  gpointer ptr = writable_ptr (GTK_WIDGET (dropdown), &cell);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ptr == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (cell->spec->kind == CELL_CONDITION)
    {
      StrataCondition *condition = ptr;

      if (*condition == (StrataCondition) selected)
        return;
      *condition = selected;
      /* The second value only matters for "between": show it or not. */
      strata_rules_editor_emit_edited (cell->editor, _(cell->spec->undo_label), NULL, FALSE);
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, cell->editor->cells);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          strata_rules_cell_refresh (key);
      }
      return;
    }
  else
    {
      char **key = ptr;
      g_autoptr(StrataMetric) metric = gtk_drop_down_get_selected_item (dropdown)
                                         ? g_object_ref (gtk_drop_down_get_selected_item (dropdown))
                                         : NULL;
      const char *new_key = metric ? strata_metric_get_key (metric) : "";

      if (g_strcmp0 (*key ? *key : "", new_key) == 0)
        return;
      g_free (*key);
      /* An optional metric set to "None" is NULL in the rules. */
      *key = (*new_key == '\0' && cell->spec->kind == CELL_OPTIONAL_METRIC)
               ? NULL : g_strdup (new_key);
      announce (GTK_WIDGET (dropdown), cell);
    }
}

static void
colour_set (GtkColorChooser *chooser)
{
  CellData *cell;
  char **ptr = writable_ptr (GTK_WIDGET (chooser), &cell);
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  if (ptr == NULL)
    return;
  gtk_color_chooser_get_rgba (chooser, &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                         (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  if (g_strcmp0 (*ptr, hex) == 0)
    return;
  g_free (*ptr);
  *ptr = g_steal_pointer (&hex);
  announce (GTK_WIDGET (chooser), cell);
}

static void
focus_enter (GtkEventControllerFocus *controller)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  CellData *cell = cell_data (widget);

  if (GTK_IS_SPIN_BUTTON (widget))
    cell->saved_number = gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget));
  else if (GTK_IS_EDITABLE (widget))
    {
      g_free (cell->saved_text);
      cell->saved_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
    }
}

static gboolean
is_cell (StrataRulesEditor *editor,
         GtkWidget         *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (g_hash_table_contains (editor->cells, widget))
      return TRUE;
  return FALSE;
}

/* Tab after an edit goes on to the next cell, past the row's move and
 * remove buttons (which plain Tab still reaches): typing a table row by
 * row must not land on Remove. */
static gboolean
tab_after_edit (GtkWidget        *widget,
                CellData         *cell,
                GtkDirectionType  direction)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean edited;

  if (root == NULL)
    return FALSE;
  if (GTK_IS_SPIN_BUTTON (widget))
    {
      /* Commits typed text, as leaving the cell would. */
      gtk_spin_button_update (GTK_SPIN_BUTTON (widget));
      edited = gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)) != cell->saved_number;
    }
  else
    edited = g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), cell->saved_text) != 0;
  if (!edited)
    return FALSE;
  /* A row holds at most three buttons after its last cell. */
  for (guint step = 0; step < 8; step++)
    if (!gtk_widget_child_focus (GTK_WIDGET (root), direction) ||
        is_cell (cell->editor, gtk_root_get_focus (root)))
      break;
  return TRUE;
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  CellData *cell = cell_data (widget);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    return tab_after_edit (widget, cell,
                           keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK)
                           ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  /* Escape: back to the value the cell had when it got focus. */
  if (GTK_IS_SPIN_BUTTON (widget))
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), cell->saved_number);
      /* Typed but not yet committed text goes too. */
      strata_rules_cell_refresh (widget);
    }
  else if (GTK_IS_EDITABLE (widget) && cell->saved_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (widget), cell->saved_text);
  return TRUE;
}

static char *
metric_label (StrataMetric *metric)
{
  return g_strdup (metric ? strata_metric_get_localized_label (metric) : "");
}

static void
unregister (gpointer  data,
            GObject  *where_the_object_was)
{
  StrataRulesEditor *editor = data;

  g_hash_table_remove (editor->cells, where_the_object_was);
}

GtkWidget *
strata_rules_cell_new (StrataRulesEditor *editor,
                       const CellSpec    *spec)
{
  GtkWidget *widget = NULL;
  CellData *cell = g_new0 (CellData, 1);

  cell->editor = editor;
  cell->spec = spec;
  cell->index = -2;
  cell->sub_index = -1;

  switch (spec->kind)
    {
    case CELL_NUMBER:
      widget = gtk_spin_button_new_with_range (-1e12, STRATA_RULES_EDITOR_INFINITY, 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (widget), spec->digits);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (widget), FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), 4);
      g_signal_connect (widget, "value-changed", G_CALLBACK (spin_changed), NULL);
      g_signal_connect (widget, "output", G_CALLBACK (spin_output), NULL);
      g_signal_connect (widget, "input", G_CALLBACK (spin_input), NULL);
      gtk_widget_add_css_class (widget, "tabular-numbers");
      /* The wheel scrolls the page; over a table of spin buttons it would
       * otherwise edit whichever number passes under the pointer. */
      {
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
        for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
          {
            g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, k);
            if (GTK_IS_EVENT_CONTROLLER_SCROLL (c))
              gtk_event_controller_set_propagation_phase (c, GTK_PHASE_NONE);
          }
      }
      break;
    case CELL_TEXT:
      widget = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), 4);
      g_signal_connect (widget, "changed", G_CALLBACK (entry_changed), NULL);
      break;
    case CELL_BOOL:
      widget = gtk_check_button_new ();
      gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
      g_signal_connect (widget, "toggled", G_CALLBACK (check_toggled), NULL);
      break;
    case CELL_METRIC:
    case CELL_OPTIONAL_METRIC:
      {
        GtkExpression *expr = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                           G_CALLBACK (metric_label), NULL, NULL);

        widget = gtk_drop_down_new (NULL, expr);
        gtk_drop_down_set_model (GTK_DROP_DOWN (widget),
                                 spec->kind == CELL_METRIC ? editor->metrics
                                                           : editor->optional_metrics);
        gtk_drop_down_set_enable_search (GTK_DROP_DOWN (widget), TRUE);
        g_signal_connect (widget, "notify::selected", G_CALLBACK (dropdown_selected), NULL);
        break;
      }
    case CELL_CONDITION:
      {
        GtkStringList *names = gtk_string_list_new (NULL);

        for (guint i = 0; i < G_N_ELEMENTS (condition_names); i++)
          gtk_string_list_append (names, _(condition_names[i]));
        widget = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
        g_signal_connect (widget, "notify::selected", G_CALLBACK (dropdown_selected), NULL);
        break;
      }
    case CELL_COLOUR:
      widget = gtk_color_button_new ();
      gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (widget), FALSE);
      g_signal_connect (widget, "color-set", G_CALLBACK (colour_set), NULL);
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_set_data_full (G_OBJECT (widget), "strata-cell", cell, cell_data_free);
  /* Tests and accessibility tools find a cell by its field. */
  gtk_widget_set_name (widget, spec->field);
  if (spec->kind == CELL_NUMBER || spec->kind == CELL_TEXT)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();
      GtkEventController *keys = gtk_event_controller_key_new ();

      g_signal_connect (focus, "enter", G_CALLBACK (focus_enter), NULL);
      gtk_widget_add_controller (widget, focus);
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), NULL);
      gtk_widget_add_controller (widget, keys);
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  g_hash_table_add (editor->cells, widget);
  g_object_weak_ref (G_OBJECT (widget), unregister, editor);
  return widget;
}

void
strata_rules_cell_bind (GtkWidget *widget,
                        int        index,
                        int        sub_index)
{
  CellData *cell = cell_data (widget);

  cell->index = index;
  cell->sub_index = sub_index;
  cell->bound = index != -2;
  if (cell->bound)
    strata_rules_cell_refresh (widget);
}

void
strata_rules_cell_refresh (GtkWidget *widget)
{
  CellData *cell = cell_data (widget);
  StrataRulesEditor *editor;
  gpointer ptr;
  gboolean was_updating;

  if (cell == NULL || !cell->bound)
    return;
  editor = cell->editor;
  ptr = value_ptr (editor->rules, cell->spec, cell->index, cell->sub_index);
  if (ptr == NULL)
    return;

  /* Showing a value is not an edit. */
  was_updating = editor->updating;
  editor->updating = TRUE;
  switch (cell->spec->kind)
    {
    case CELL_NUMBER:
      {
        double value = *(double *) ptr;

        if (isinf (value) && value > 0)
          value = STRATA_RULES_EDITOR_INFINITY;
        else if (isnan (value))
          value = 0;
        if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)) != value)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), value);
        else
          /* Forces "output" (∞, none) even when the value is unchanged. */
          gtk_spin_button_update (GTK_SPIN_BUTTON (widget));
        break;
      }
    case CELL_TEXT:
      {
        const char *text = cell_text (cell, ptr);

        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) != 0)
          gtk_editable_set_text (GTK_EDITABLE (widget), text);
        break;
      }
    case CELL_BOOL:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), *(gboolean *) ptr);
      break;
    case CELL_METRIC:
    case CELL_OPTIONAL_METRIC:
      {
        GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

        gtk_drop_down_set_selected (GTK_DROP_DOWN (widget),
                                    metric_position (model, *(char **) ptr));
        break;
      }
    case CELL_CONDITION:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), *(StrataCondition *) ptr);
      break;
    case CELL_COLOUR:
      {
        GdkRGBA rgba;

        if (gdk_rgba_parse (&rgba, *(char **) ptr ? *(char **) ptr : ""))
          gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (widget), &rgba);
        break;
      }
    default:
      g_assert_not_reached ();
    }
  editor->updating = was_updating;

  /* Cells that do not apply to their row are shown but not editable: the
   * last tier's minimum (it takes every lower score), the second value of a
   * condition that is not "between". */
  if (cell->spec->section == STRATA_RULES_SECTION_TIER && g_str_equal (cell->spec->field, "min_score"))
    gtk_widget_set_sensitive (widget, (guint) cell->index + 1 < editor->rules->tiers->len);
  else if (cell->spec->section == STRATA_RULES_SECTION_ADJUSTMENT && g_str_equal (cell->spec->field, "b"))
    gtk_widget_set_visible (widget,
                            ((StrataAdjustment *) editor->rules->adjustments->pdata[cell->index])
                              ->condition == STRATA_CONDITION_BETWEEN);
  else if (cell->spec->section == STRATA_RULES_SECTION_ADJUSTMENT && g_str_equal (cell->spec->field, "a"))
    gtk_widget_set_visible (widget,
                            ((StrataAdjustment *) editor->rules->adjustments->pdata[cell->index])
                              ->condition != STRATA_CONDITION_IS_TRUE);
  strata_rules_cell_mark (widget);
}

void
strata_rules_cell_mark (GtkWidget *widget)
{
  CellData *cell = cell_data (widget);
  const char *message = NULL;

  if (cell == NULL || !cell->bound)
    return;
  if (cell->editor->problems != NULL)
    message = strata_rules_problems_lookup (cell->editor->problems, cell->spec->section,
                                            cell->index, cell->sub_index,
                                            cell->spec->problem_field ? cell->spec->problem_field
                                                                      : cell->spec->field);
  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  /* Setting a tooltip, even the same, asks the display where the pointer
   * is (a round trip to the X server): every cell is marked on each edit. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), message) != 0)
    gtk_widget_set_tooltip_text (widget, message);
}

static void
column_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  StrataRulesEditor *editor = g_object_get_data (G_OBJECT (factory), "editor");
  GtkWidget *cell = strata_rules_cell_new (editor, user_data);

  gtk_list_item_set_activatable (item, FALSE);
  /* A screen reader names the cell by its column, as the header shows it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_object_get_data (G_OBJECT (factory), "title"), -1);
  gtk_list_item_set_child (item, cell);
}

static void
column_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  StrataRuleRow *row = gtk_list_item_get_item (item);
  int parent = strata_rule_row_get_parent (row);
  int index = strata_rule_row_get_index (row);

  /* Bands are (indicator, band); every other row is (index, -1). */
  if (parent >= 0)
    strata_rules_cell_bind (gtk_list_item_get_child (item), parent, index);
  else
    strata_rules_cell_bind (gtk_list_item_get_child (item), index, -1);
}

static void
column_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  strata_rules_cell_bind (gtk_list_item_get_child (item), -2, -1);
}

GtkColumnViewColumn *
strata_rules_cell_column (StrataRulesEditor *editor,
                          const CellSpec    *spec,
                          const char        *title,
                          gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "editor", editor);
  g_object_set_data_full (G_OBJECT (factory), "title", g_strdup (title), g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (column_setup), (gpointer) spec);
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind), (gpointer) spec);
  g_signal_connect (factory, "unbind", G_CALLBACK (column_unbind), (gpointer) spec);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  return column;
}
