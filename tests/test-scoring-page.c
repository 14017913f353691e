/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page under Xvfb, on a seeded demo workspace: a weight changed
 * through its spin button rescores at once and the impact panel shows the
 * same movement as the engine computes on its own; the draft is saved and
 * counted; undo and redo; a gap between bands is marked at the cell while
 * the last valid impact stays; publishing creates a version. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "strata-context.h"
#include "strata-demo.h"
#include "strata-engine.h"
#include "strata-history-dialog.h"
#include "strata-impact-panel.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "strata-tier-bars.h"

typedef struct
{
  char              *dir;
  char              *path;
  StrataWorkspace   *ws;
  StrataContext     *context;
  GtkWindow         *window;
  StrataScoringPage *page;
} Fixture;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("strata-scoring-page-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "demo.strata", NULL);
  g_assert_true (strata_demo_write (f->path, 400, 7, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  f->context = strata_context_new (f->ws);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, g_getenv ("STRATA_SCREENSHOT_WIDTH") ? atoi (g_getenv ("STRATA_SCREENSHOT_WIDTH")) : 1400,
                               g_getenv ("STRATA_SCREENSHOT_DIR") ? 2000 : 900);
  f->page = STRATA_SCORING_PAGE (strata_scoring_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  g_object_set (f->page, "context", f->context, NULL);
  gtk_window_present (f->window);
  spin (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (f->window);
  spin (50);
  g_clear_object (&f->context);
  g_clear_object (&f->ws);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The nth (0-based) widget of type named name, depth first. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *name,
             guint      *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    {
      if (*nth == 0)
        return root;
      (*nth)--;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, name, nth);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find (Fixture    *f,
      GType       type,
      const char *name,
      guint       nth)
{
  return find_widget (GTK_WIDGET (f->page), type, name, &nth);
}

/* What the engine says, without the page: published rules vs rules. */
static void
expected_movement (Fixture           *f,
                   const StrataRules *rules,
                   guint             *up,
                   guint             *down,
                   char             **first_transition)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) published = strata_ruleset_store_load_version (f->ws, 0, &error);
  gint64 period_id = strata_context_get_period_id (f->context);
  g_autoptr(StrataPeriodData) data = strata_period_data_load (f->ws, period_id, &error);
  g_autoptr(StrataResult) a = strata_engine_score (published, data, &error);
  g_autoptr(StrataResult) b = strata_engine_score (rules, data, &error);
  g_autoptr(StrataWhatIf) whatif = strata_whatif_compute (published, a, rules, b);
  guint best = 0, best_from = 0, best_to = 0;

  g_assert_no_error (error);
  *up = whatif->n_up;
  *down = whatif->n_down;
  /* The largest transition (ties: smaller from, then smaller to). */
  for (guint from = 0; from < whatif->n_from; from++)
    for (guint to = 0; to < whatif->n_to; to++)
      if (from != to && whatif->matrix[from * whatif->n_to + to] > best)
        {
          best = whatif->matrix[from * whatif->n_to + to];
          best_from = from;
          best_to = to;
        }
  *first_transition = best == 0 ? NULL
    : g_strdup_printf ("%s → %s: %u", ((StrataTier *) rules->tiers->pdata[best_from])->id,
                       ((StrataTier *) rules->tiers->pdata[best_to])->id, best);
}

/* With STRATA_SCREENSHOT_DIR set, saves the window as a PNG (for looking at
 * the whole page, which is taller than a screen). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("STRATA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  graphene_rect_t bounds;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &bounds);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_weight_rescore (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);
  StrataImpactPanel *impact = f->page->impact;
  g_autoptr(StrataRules) expected_rules = NULL;
  g_autoptr(StrataRules) saved = NULL;
  g_autofree char *first = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) transitions = NULL;
  guint up, down;

  /* The wheel over a number scrolls the page instead of editing it. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (weight);
    guint scrolls = 0;
    for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, k);
        if (GTK_IS_EVENT_CONTROLLER_SCROLL (c))
          {
            scrolls++;
            g_assert_cmpint (gtk_event_controller_get_propagation_phase (c), ==, GTK_PHASE_NONE);
          }
      }
    g_assert_cmpuint (scrolls, >, 0);
  }

  g_assert_nonnull (weight);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (weight)), ==, 1);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "No customer changes tier");
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Published version 1");

  /* Change the weight through the widget, as the keyboard would. */
  gtk_editable_set_text (GTK_EDITABLE (weight), "1.4");
  gtk_spin_button_update (GTK_SPIN_BUTTON (weight));   /* what Enter does */
  spin (20);
  g_assert_cmpfloat (((StrataIndicator *) f->page->draft->indicators->pdata[0])->weight, ==, 1.4);

  expected_rules = strata_rules_copy (f->page->draft);
  expected_movement (f, expected_rules, &up, &down, &first);
  g_assert_cmpuint (up, >, 0);
  if (down == 0)
    summary = g_strdup_printf ("%u customers move up", up);
  else
    summary = g_strdup_printf ("%u customers move up, %u down", up, down);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, summary);
  transitions = strata_impact_panel_get_transitions (impact);
  g_assert_nonnull (transitions[0]);
  g_assert_cmpstr (transitions[0], ==, first);
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 change");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->page)));

  /* Saved in the workspace shortly after, without any button. */
  spin (500);
  saved = strata_ruleset_store_get_draft (f->ws, NULL);
  g_assert_cmpfloat (((StrataIndicator *) saved->indicators->pdata[0])->weight, ==, 1.4);

  /* Undo brings the published rules back on screen; redo the change. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL);
  spin (20);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0))), ==, 1);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "No customer changes tier");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.redo", NULL);
  spin (20);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, summary);

  /* Each mover row ends in its tier and score change, never cut short. */
  {
    GtkWidget *movers = find (f, GTK_TYPE_LIST_VIEW, "impact-movers", 0);
    guint changes = 0;
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, movers);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
        if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "numeric") &&
            strstr (gtk_label_get_text (GTK_LABEL (w)), " → ") != NULL)
          {
            changes++;
            g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (w)), ==, PANGO_ELLIPSIZE_NONE);
            g_assert_nonnull (strchr (gtk_label_get_text (GTK_LABEL (w)), '('));
          }
      }
    g_ptr_array_unref (stack);
    g_assert_cmpuint (changes, >, 0);
  }

  /* A mover selected: its receipt under the list. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find (f, GTK_TYPE_LIST_VIEW, "impact-movers", 0)))), 0, TRUE);
  spin (100);
  g_assert_cmpint (strata_impact_panel_get_selected_row (impact), >=, 0);
  g_assert_cmpint (strata_context_get_selected_customer (f->context), ==,
                   strata_scoring_get_data (f->page->scoring)->ids[strata_impact_panel_get_selected_row (impact)]);
  save_screenshot (GTK_WIDGET (f->window), "scoring-page.png");
}

static void
test_held_spin_merges (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);
  g_autofree char *summary = NULL;

  /* Ten clicks of "+" as a held button does: one undo step. */
  for (int i = 0; i < 10; i++)
    {
      gtk_spin_button_spin (GTK_SPIN_BUTTON (weight), GTK_SPIN_STEP_FORWARD, 0.1);
      spin (5);
    }
  g_assert_cmpfloat_with_epsilon (((StrataIndicator *) f->page->draft->indicators->pdata[0])->weight, 2.0, 1e-9);
  g_assert_cmpuint (strata_undo_stack_get_length (f->page->undo), ==, 1);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (f->page->undo), ==, "Change weight");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL);
  spin (20);
  g_assert_cmpfloat (((StrataIndicator *) f->page->draft->indicators->pdata[0])->weight, ==, 1);
}

static void
test_escape_reverts (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *points = find (f, GTK_TYPE_SPIN_BUTTON, "points", 1);
  GListModel *controllers;
  gboolean handled = FALSE;

  g_assert_nonnull (points);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (points)), ==, 10);
  gtk_widget_grab_focus (points);
  spin (20);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (points), 14);
  spin (20);
  g_assert_cmpfloat (g_array_index (((StrataIndicator *) f->page->draft->indicators->pdata[0])->bands,
                                    StrataBand, 1).points, ==, 14);

  /* Escape: back to the value the cell had when it got focus. */
  controllers = gtk_widget_observe_controllers (points);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
    }
  g_object_unref (controllers);
  spin (20);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (points)), ==, 10);
  g_assert_cmpfloat (g_array_index (((StrataIndicator *) f->page->draft->indicators->pdata[0])->bands,
                                    StrataBand, 1).points, ==, 10);
}

static void
test_invalid_keeps_last_result (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);
  GtkWidget *from;
  g_autofree char *valid_summary = NULL;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1.5);
  spin (20);
  valid_summary = g_strdup (strata_impact_panel_get_summary (f->page->impact));

  /* Band 3 starts after band 2 ends: a gap, marked at band 3's "from". */
  from = find (f, GTK_TYPE_SPIN_BUTTON, "from", 2);
  g_assert_nonnull (from);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (from)), ==, 1000000);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (from), 1200000);
  spin (20);
  g_assert_true (gtk_widget_has_css_class (from, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (from), ==,
                   "Gap between 1000000 and 1200000: the band should start at 1000000");
  g_assert_false (gtk_widget_has_css_class (find (f, GTK_TYPE_SPIN_BUTTON, "from", 1), "error"));
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 problem to fix");
  g_assert_cmpstr (strata_impact_panel_get_summary (f->page->impact), ==, valid_summary);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (f->page)) == FALSE);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (f->page)) == FALSE);

  /* Fixing it clears the mark. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (from), 1000000);
  spin (20);
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 change");
}

static void
test_remove_and_publish (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  guint n_adjustments = f->page->draft->adjustments->len;
  guint version = 0;

  /* Remove the last adjustment with its row's trash button: a toast
   * offers to undo it. */
  {
    GtkWidget *trash = find (f, GTK_TYPE_BUTTON, "remove-adjustment", n_adjustments - 1);

    g_assert_nonnull (trash);
    g_signal_emit_by_name (trash, "clicked");
    spin (20);
  }
  g_assert_cmpuint (f->page->draft->adjustments->len, ==, n_adjustments - 1);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (f->page->undo), ==, "Remove item");
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 change");

  /* Publishing what is on screen (the dialog's response does this). */
  g_assert_true (strata_scoring_publish (f->page->scoring, "Drop the fault ticket penalty",
                                         &version, &error));
  g_assert_no_error (error);
  spin (20);
  g_assert_cmpuint (version, ==, 2);
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Published version 2");
  versions = strata_ruleset_store_list_versions (f->ws, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (((StrataRulesetVersion *) versions->pdata[0])->note, ==,
                   "Drop the fault ticket penalty");

  /* The history compares the two versions on the period. */
  {
    GtkWidget *dialog = strata_history_dialog_new (f->ws, (StrataPeriodData *) strata_scoring_get_data (f->page->scoring));
    g_autofree char *text = strata_history_dialog_compare (STRATA_HISTORY_DIALOG (dialog), 1, 2);
    g_autoptr(StrataRules) v1 = strata_ruleset_store_load_version (f->ws, 1, NULL);
    g_autoptr(StrataRules) v2 = strata_ruleset_store_load_version (f->ws, 2, NULL);
    const StrataPeriodData *pd = strata_scoring_get_data (f->page->scoring);
    g_autoptr(StrataResult) a = strata_engine_score (v1, pd, NULL);
    g_autoptr(StrataResult) b = strata_engine_score (v2, pd, NULL);
    g_autoptr(StrataWhatIf) whatif = strata_whatif_compute (v1, a, v2, b);
    g_autofree char *prefix = g_strdup_printf ("From version 1 to version 2 on %s: %u customers move up",
                                               pd->period_name, whatif->n_up);
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    guint transitions = 0;

    /* Removing a penalty only moves customers up. */
    g_assert_cmpuint (whatif->n_up, >, 0);
    g_assert_cmpuint (whatif->n_down, ==, 0);
    g_assert_cmpstr (lines[0], ==, prefix);
    for (guint i = 0; i < whatif->n_from * whatif->n_to; i++)
      transitions += whatif->matrix[i] > 0 && i / whatif->n_to != i % whatif->n_to;
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + transitions);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

/* Four-digit counts in the impact panel at the page's width: grouped
 * ("4,372"), never ellipsized, each label given at least its natural width
 * and drawn inside the panel. */
static void
test_impact_wide_counts (void)
{
  static const char *tier_ids[] = { "A", "B", "C", "D", "E" };
  /* 4,372 D → C, 4,372 C → B, 1,234 E → D, 12 B → A; 4,331 + 1,234 + 12 up. */
  const guint n = 4372 + 4372 + 1234 + 12;
  g_autofree int *before = g_new (int, n);
  g_autofree int *after = g_new (int, n);
  g_autofree double *scores_before = g_new (double, n);
  g_autofree double *scores_after = g_new (double, n);
  g_autoptr(StrataWhatifView) view = NULL;
  g_auto(GStrv) transitions = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  StrataImpactPanel *panel = STRATA_IMPACT_PANEL (strata_impact_panel_new ());
  GtkWidget *box = NULL;
  guint i = 0, labels = 0, nth = 0;

  for (guint k = 0; k < 4372; k++, i++)
    before[i] = 3, after[i] = 2;
  for (guint k = 0; k < 4372; k++, i++)
    before[i] = 2, after[i] = 1;
  for (guint k = 0; k < 1234; k++, i++)
    before[i] = 4, after[i] = 3;
  for (guint k = 0; k < 12; k++, i++)
    before[i] = 1, after[i] = 0;
  for (i = 0; i < n; i++)
    {
      scores_before[i] = 100 - 20 * before[i];
      scores_after[i] = 100 - 20 * after[i];
    }
  view = strata_whatif_view_new (5, tier_ids, n, before, after, scores_before, scores_after);

  gtk_window_set_default_size (window, 340, 700);
  gtk_window_set_child (window, GTK_WIDGET (panel));
  strata_impact_panel_set_view (panel, view, NULL, NULL, NULL);
  gtk_window_present (window);
  spin (200);
  save_screenshot (GTK_WIDGET (window), "impact-panel-wide-counts.png");

  g_assert_cmpstr (strata_impact_panel_get_summary (panel), ==, "9,990 customers move up");
  transitions = strata_impact_panel_get_transitions (panel);
  g_assert_cmpuint (g_strv_length (transitions), ==, 4);
  g_assert_cmpstr (transitions[0], ==, "C → B: 4,372");
  g_assert_cmpstr (transitions[1], ==, "D → C: 4,372");
  g_assert_cmpstr (transitions[2], ==, "E → D: 1,234");
  g_assert_cmpstr (transitions[3], ==, "B → A: 12");

  box = find_widget (GTK_WIDGET (panel), GTK_TYPE_FLOW_BOX, "impact-transitions", &nth);
  g_assert_nonnull (box);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      graphene_rect_t bounds;
      int natural;

      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
      g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (panel), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (panel)));
      labels++;
    }
  g_assert_cmpuint (labels, ==, 4);

  /* The bars' counts: grouped, and wholly inside the bars widget. */
  {
    StrataTierBars *bars = STRATA_TIER_BARS (find_widget (GTK_WIDGET (panel), STRATA_TYPE_TIER_BARS,
                                                         "StrataTierBars", &nth));
    double x = strata_tier_bars_get_count_x (bars);
    static const char *expected[] = { "0 → 12", "12 → 4,372", "4,372 → 4,372", "4,372 → 1,234",
                                      "1,234 → 0" };

    g_assert_nonnull (bars);
    for (guint t = 0; t < G_N_ELEMENTS (expected); t++)
      {
        g_autofree char *text = strata_tier_bars_get_count_text (bars, t);
        g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (bars), text);
        int w, h;

        g_assert_cmpstr (text, ==, expected[t]);
        pango_layout_get_pixel_size (layout, &w, &h);
        g_assert_cmpfloat (x + w, <=, gtk_widget_get_width (GTK_WIDGET (bars)));
      }
  }
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* For translated screenshots, as in test-presentation: STRATA_TEST_LOCALEDIR
   * holds compiled .mo files, LANGUAGE / LC_ALL choose the language. */
  if (g_getenv ("STRATA_TEST_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_TEST_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add ("/scoring-page/weight-rescore", Fixture, NULL, fixture_setup, test_weight_rescore, fixture_teardown);
  g_test_add ("/scoring-page/held-spin-merges", Fixture, NULL, fixture_setup, test_held_spin_merges, fixture_teardown);
  g_test_add ("/scoring-page/escape-reverts", Fixture, NULL, fixture_setup, test_escape_reverts, fixture_teardown);
  g_test_add ("/scoring-page/invalid-keeps-last-result", Fixture, NULL, fixture_setup, test_invalid_keeps_last_result, fixture_teardown);
  g_test_add ("/scoring-page/remove-and-publish", Fixture, NULL, fixture_setup, test_remove_and_publish, fixture_teardown);
  g_test_add_func ("/scoring-page/impact-wide-counts", test_impact_wide_counts);
  return g_test_run ();
}
