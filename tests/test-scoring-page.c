/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page under Xvfb, on eight customers whose scores are worked
 * out by hand below: a weight changed through its spin button rescores at
 * once and the impact panel shows the movement counted by hand; the draft
 * is saved and counted; undo and redo; a gap between bands is marked at
 * the cell while the last valid impact stays; publishing creates a
 * version. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "scoring-page-test-util.h"
#include "strata-context.h"
#include "strata-history-dialog.h"
#include "strata-impact-panel.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "strata-scoring-private.h"
#include "window-test-util.h"
#include "workspace-test-util.h"
#include "strata-tier-bars.h"
#include "strata-undo-stack-private.h"

typedef ScoringPageTestFixture Fixture;

/* The seeded (default) rules: order amount bands [0, 500k) 5 points,
 * [500k, 1M) 10, [1M, 3M) 20, [3M, 5M) 30, [5M, 10M) 40, [10M, ...) 50,
 * times the weight; referrals +5 each up to 15, three business lines +5,
 * high growth +10, listed +5, an overdue invoice -10, five fault tickets
 * -5; tiers A >= 80, B >= 60, C >= 45, D >= 30, else E. */
static const struct
{
  const char *ext_id;
  double      values[7];   /* in the order of metric_keys */
} hand_customers[] = {
  /*                                        weight 1        weight 1.4      without the fault penalty */
  { "K01", { 12000000, 0, 0, 1, 1, 0, 0 } },  /* 50+10+5 = 65 B  70+15 = 85 A    65 B */
  { "K02", { 6000000, 0, 3, 1, 0, 0, 0 } },   /* 40+5+10 = 55 C  56+15 = 71 B    55 C */
  { "K03", { 4000000, 1, 0, 0, 0, 0, 0 } },   /* 30+5 = 35 D     42+5 = 47 C     35 D */
  { "K04", { 2000000, 0, 0, 0, 0, 1, 0 } },   /* 20-10 = 10 E    28-10 = 18 E    10 E */
  { "K05", { 7000000, 0, 0, 0, 1, 0, 6 } },   /* 40+5-5 = 40 D   56 C            45 C */
  { "K06", { 12000000, 4, 0, 1, 1, 0, 0 } },  /* 50+15+15 = 80 A 70+30 = 100 A   80 A */
  { "K07", { 800000, 0, 4, 0, 0, 0, 5 } },    /* 10+5-5 = 10 E   14 E            15 E */
  { "K08", { 3500000, 0, 0, 1, 1, 0, 7 } },   /* 30+15-5 = 40 D  42+10 = 52 C    45 C */
};

static const char *metric_keys[] = {
  "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
  "overdue_invoices", "fault_tickets",
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *width = g_getenv ("STRATA_SCREENSHOT_WIDTH");

  test_workspace_setup (&f->t, "strata-scoring-page", "hand.strata");
  test_workspace_exec (f->t.ws, "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q3', 1)");
  for (guint i = 0; i < G_N_ELEMENTS (hand_customers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (id, ext_id, name) VALUES (%u, '%s', '%s');"
                                              "INSERT INTO period_customers (period_id, customer_id) VALUES (1, %u)",
                                              i + 1, hand_customers[i].ext_id, hand_customers[i].ext_id, i + 1);

      test_workspace_exec (f->t.ws, sql);
      for (guint k = 0; k < G_N_ELEMENTS (metric_keys); k++)
        test_workspace_set_value (f->t.ws, 1, i + 1, metric_keys[k], hand_customers[i].values[k]);
    }
  scoring_page_test_show (f, width ? atoi (width) : 1400,
                          g_getenv ("STRATA_SCREENSHOT_DIR") ? 2000 : 900);
}

static GtkWidget *
find (Fixture    *f,
      GType       type,
      const char *name,
      guint       nth)
{
  return gui_test_find_id (GTK_WIDGET (f->page), type, name, nth);
}

static double
draft_weight (Fixture *f)
{
  return ((StrataIndicator *) f->page->draft->indicators->pdata[0])->weight;
}

static double
draft_points (Fixture *f,
              guint    band)
{
  return g_array_index (((StrataIndicator *) f->page->draft->indicators->pdata[0])->bands,
                        StrataBand, band).points;
}

/* The weight of the draft in the workspace file. */
static double
saved_weight (Fixture *f)
{
  g_autoptr(StrataRules) saved = strata_ruleset_store_get_draft (f->t.ws, NULL);

  g_assert (saved != NULL);
  return ((StrataIndicator *) saved->indicators->pdata[0])->weight;
}

static void
test_weight_rescore (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);
  StrataImpactPanel *impact = f->page->impact;
  g_auto(GStrv) transitions = NULL;

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
  gui_test_spin_type (weight, "1.4");
  gui_test_wait (draft_weight (f) == 1.4);
  g_assert_cmpfloat (draft_weight (f), ==, 1.4);

  /* By hand (see hand_customers): K01 B → A, K02 C → B, and K03, K05, K08
   * D → C; the largest transition first, ties in tier order. */
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "5 customers move up");
  transitions = strata_impact_panel_get_transitions (impact);
  g_assert_nonnull (transitions[0]);
  g_assert_cmpstr (transitions[0], ==, "D → C: 3");
  g_assert_cmpuint (g_strv_length (transitions), ==, 3);
  g_assert_cmpstr (transitions[1], ==, "B → A: 1");
  g_assert_cmpstr (transitions[2], ==, "C → B: 1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find (f, GTK_TYPE_LIST_VIEW, "impact-movers", 0))))),
                    ==, 5);
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 change");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->page)));

  /* Saved in the workspace shortly after, without any button. */
  gui_test_wait (saved_weight (f) == 1.4);
  g_assert_cmpfloat (saved_weight (f), ==, 1.4);

  /* Undo brings the published rules back on screen; redo the change. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL);
  gui_test_wait (gtk_spin_button_get_value (GTK_SPIN_BUTTON (find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0))) == 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0))), ==, 1);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "No customer changes tier");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.redo", NULL);
  gui_test_wait (draft_weight (f) == 1.4);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "5 customers move up");

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
  gui_test_wait (strata_impact_panel_get_selected_row (impact) >= 0);
  g_assert_cmpint (strata_impact_panel_get_selected_row (impact), >=, 0);
  g_assert_cmpint (strata_context_get_selected_customer (f->context), ==,
                   strata_scoring_get_data (f->page->scoring)->ids[strata_impact_panel_get_selected_row (impact)]);
  gui_test_save_screenshot (GTK_WIDGET (f->window), "scoring-page.png");
}

static void
test_held_spin_merges (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);

  /* A loaded machine's slow turns must not split the burst. */
  strata_undo_stack_set_merge_window (f->page->undo, 60 * G_TIME_SPAN_SECOND);
  /* Ten clicks of "+" as a held button does: one undo step. */
  for (int i = 0; i < 10; i++)
    {
      gtk_spin_button_spin (GTK_SPIN_BUTTON (weight), GTK_SPIN_STEP_FORWARD, 0.1);
      gui_test_wait (fabs (draft_weight (f) - (1.1 + 0.1 * i)) < 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (draft_weight (f), 2.0, 1e-9);
  g_assert_cmpuint (strata_undo_stack_get_length (f->page->undo), ==, 1);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (f->page->undo), ==, "Change weight");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL);
  gui_test_wait (draft_weight (f) == 1);
  g_assert_cmpfloat (draft_weight (f), ==, 1);
}

/* The points of the amount's band in the draft of the file, read through a
 * connection of its own: what a crash now would leave. */
static double
file_points (const char *path,
             guint       band)
{
  g_autofree char *sql = g_strdup_printf ("SELECT json_extract (rules_json, '$.indicators[0].bands[%u].points')"
                                          " FROM rulesets WHERE state = 'draft'", band);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double points = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    points = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return points;
}

typedef struct
{
  const char *path;
  guint       appeared;
  double      on_disk;   /* the file's points when the undo entry appeared */
} UndoWatch;

static void
undo_appeared (StrataUndoStack *undo,
               GParamSpec      *pspec,
               UndoWatch       *w)
{
  if (!strata_undo_stack_can_undo (undo))
    return;
  w->appeared++;
  w->on_disk = file_points (w->path, 1);
}

/* A band edit is on disk before its undo entry appears; a held spin
 * button's later edits are saved when it rests. Saving the draft reads the
 * period again nowhere: the scoring keeps its data and the workspace's
 * cache still holds the period. */
static void
test_saved_before_undo (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *points = find (f, GTK_TYPE_SPIN_BUTTON, "points", 1);
  UndoWatch w = { f->t.path, 0, -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) cached = NULL;
  g_autoptr(StrataPeriodData) after = NULL;
  const StrataPeriodData *scored = strata_scoring_get_data (f->page->scoring);

  g_assert_cmpfloat (file_points (f->t.path, 1), ==, 10);
  g_assert_false (strata_undo_stack_can_undo (f->page->undo));
  g_signal_connect (f->page->undo, "notify::can-undo", G_CALLBACK (undo_appeared), &w);

  gui_test_spin_set (points, 14);
  gui_test_wait (w.appeared > 0);
  g_assert_cmpuint (w.appeared, ==, 1);
  g_assert_cmpfloat (w.on_disk, ==, 14);
  g_assert_cmpfloat (draft_points (f, 1), ==, 14);
  /* The fixture wrote the period with plain SQL: the first commit (this
   * save) wrote its columns. From now on the period is what it is. */
  cached = strata_period_data_load (f->t.ws, 1, &error);
  g_assert_no_error (error);

  /* A held "+": one undo step, on disk once the burst rests (however slow
   * the machine's turns: the burst is what is tested, not the window). */
  strata_undo_stack_set_merge_window (f->page->undo, 60 * G_TIME_SPAN_SECOND);
  for (int i = 1; i <= 5; i++)
    {
      gtk_spin_button_spin (GTK_SPIN_BUTTON (points), GTK_SPIN_STEP_FORWARD, 1);
      gui_test_wait (draft_points (f, 1) == 14 + i);
    }
  g_assert_cmpuint (strata_undo_stack_get_length (f->page->undo), ==, 1);
  gui_test_wait (!f->page->save_pending && f->page->save_source == 0);
  g_assert_cmpfloat (file_points (f->t.path, 1), ==, 19);

  /* No period read again: not by the context, not from the cache. */
  g_assert_false (strata_context_get_scoring_loading (f->context));
  g_assert_true (strata_scoring_get_data (f->page->scoring) == scored);
  after = strata_period_data_load (f->t.ws, 1, &error);
  g_assert_no_error (error);
  g_assert_true (after == cached);

  /* Undo is a discrete edit: saved at once. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL);
  gui_test_wait (draft_points (f, 1) == 10);
  g_assert_false (f->page->save_pending);
  g_assert_cmpfloat (file_points (f->t.path, 1), ==, 10);
  g_clear_pointer (&after, strata_period_data_unref);
  after = strata_period_data_load (f->t.ws, 1, &error);
  g_assert_true (after == cached);
  g_assert_true (strata_scoring_get_data (f->page->scoring) == scored);
  g_signal_handlers_disconnect_by_data (f->page->undo, &w);
}

static void
test_escape_reverts (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *points = find (f, GTK_TYPE_SPIN_BUTTON, "points", 1);
  gboolean handled;

  g_assert_nonnull (points);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (points)), ==, 10);
  gtk_widget_grab_focus (points);
  gui_test_wait (gtk_root_get_focus (gtk_widget_get_root (points)) != NULL &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (points)), points));
  gui_test_spin_set (points, 14);
  gui_test_wait (draft_points (f, 1) == 14);
  g_assert_cmpfloat (draft_points (f, 1), ==, 14);

  /* Escape: back to the value the cell had when it got focus. */
  handled = gui_test_press_key (points, GDK_KEY_Escape);
  gui_test_wait (draft_points (f, 1) == 10);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (points)), ==, 10);
  g_assert_cmpfloat (draft_points (f, 1), ==, 10);
}

/* Band edges read as people write them and are typed the same way:
 * grouped, with 万/亿, k or M accepted. */
static void
test_band_edges_typed (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *to = find (f, GTK_TYPE_SPIN_BUTTON, "to", 1);

  g_assert_nonnull (to);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (to)), ==, 1000000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "1,000,000");

  gui_test_spin_type (to, "120万");
  gui_test_wait (gtk_spin_button_get_value (GTK_SPIN_BUTTON (to)) == 1200000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "1,200,000");

  gui_test_spin_type (to, "1.5M");
  gui_test_wait (gtk_spin_button_get_value (GTK_SPIN_BUTTON (to)) == 1500000);

  /* Not a number: the field keeps its value. */
  gui_test_spin_type (to, "lots");
  gui_test_wait_idle ();
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (to)), ==, 1500000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "1,500,000");

  gui_test_spin_type (to, "1,000,000");
  gui_test_wait (gtk_spin_button_get_value (GTK_SPIN_BUTTON (to)) == 1000000);
}

/* The widget named name (a cell's field or a button's name) that holds the
 * window's focus, or NULL. */
static const char *
focus_name (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  /* A spin button's focus is its text. */
  if (focus != NULL && GTK_IS_TEXT (focus) && GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (focus)))
    focus = gtk_widget_get_parent (focus);
  return focus ? gtk_widget_get_name (focus) : NULL;
}

/* Tab after editing a band's points goes to the next band's first cell,
 * not to the row's Remove button; plain Tab still reaches the button. */
static void
test_tab_next_cell (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *points = find (f, GTK_TYPE_SPIN_BUTTON, "points", 0);
  GtkWidget *next_from = find (f, GTK_TYPE_SPIN_BUTTON, "from", 1);

  gtk_widget_grab_focus (points);
  g_assert_cmpstr (focus_name (points), ==, "points");
  gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
  g_assert_cmpstr (focus_name (points), ==, "remove-band");

  gtk_widget_grab_focus (points);
  gtk_editable_set_text (GTK_EDITABLE (points), "7");
  g_assert_true (gui_test_press_key (points, GDK_KEY_Tab));
  g_assert_cmpfloat (draft_points (f, 0), ==, 7);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (points)), next_from));
  g_assert_cmpstr (focus_name (points), ==, "from");

  /* Backwards too, and an unchanged cell leaves Tab to GTK. */
  gtk_editable_set_text (GTK_EDITABLE (next_from), "2,000,000");
  g_assert_true (gui_test_press_key (next_from, GDK_KEY_ISO_Left_Tab));
  /* A cell of the band before (where GTK's backward order lands in it). */
  g_assert_true (GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (gtk_root_get_focus (
                   gtk_widget_get_root (points)))));
  g_assert_cmpstr (focus_name (points), !=, "remove-band");
  gtk_widget_grab_focus (points);
  g_assert_false (gui_test_press_key (points, GDK_KEY_Tab));
}

/* The field of the rules editor that has the focus: the named cell that
 * holds it (a spin button's or entry's text, a drop-down's button). */
static const char *
focused_field (Fixture *f)
{
  GtkWidget *w = gtk_root_get_focus (GTK_ROOT (f->window));

  for (; w != NULL; w = gtk_widget_get_parent (w))
    if (!g_str_has_prefix (gtk_widget_get_name (w), "Gtk"))
      return gtk_widget_get_name (w);
  return NULL;
}

/* The adjustments' two-line rows keep the Tab order of the old columns,
 * on a wide window (one line of fields) and a narrow one (they wrap):
 * On, Label, Metric, Condition, Value, Points, Per unit, Cap, then the
 * row's buttons and the next row's On. */
static void
test_adjustment_tab_order (Fixture       *f,
                           gconstpointer  data)
{
  static const char *order[] = { "enabled", "label", "metric", "condition", "a", "points",
                                 "per_unit", "cap" };
  static const int widths[] = { 1400, 760 };
  const StrataAdjustment *adj = f->page->draft->adjustments->pdata[0];

  /* The first item's condition is not "between": no second value. */
  g_assert_cmpint (adj->condition, !=, STRATA_CONDITION_BETWEEN);
  for (guint s = 0; s < G_N_ELEMENTS (widths); s++)
    {
      GtkWidget *on = find (f, GTK_TYPE_CHECK_BUTTON, "enabled", 0);
      GtkWidget *cap = find (f, GTK_TYPE_SPIN_BUTTON, "cap", 0);
      GtkWidget *view = gtk_widget_get_ancestor (cap, GTK_TYPE_COLUMN_VIEW);
      GtkWidget *metric = gui_test_find_id (view, GTK_TYPE_DROP_DOWN, "metric", 0);
      graphene_rect_t cap_box, metric_box;
      gboolean passed_remove = FALSE;
      guint step;

      gtk_window_set_default_size (f->window, widths[s], 900);
      gui_test_wait (gtk_widget_get_width (GTK_WIDGET (f->window)) == widths[s]);
      gui_test_wait_frame (cap);
      /* Narrow, the fields wrap: Cap is on a line below the metric. */
      g_assert_true (gtk_widget_compute_bounds (cap, GTK_WIDGET (f->window), &cap_box));
      g_assert_true (gtk_widget_compute_bounds (metric, GTK_WIDGET (f->window), &metric_box));
      g_test_message ("at %d: metric at y %g, cap at y %g", widths[s], metric_box.origin.y,
                      cap_box.origin.y);
      if (widths[s] < 1000)
        g_assert_cmpfloat (cap_box.origin.y, >, metric_box.origin.y + metric_box.size.height / 2);
      else
        g_assert_cmpfloat (fabs (cap_box.origin.y - metric_box.origin.y), <, 2);

      gtk_widget_grab_focus (on);
      g_assert_cmpstr (focused_field (f), ==, "enabled");
      for (step = 1; step < G_N_ELEMENTS (order); step++)
        {
          gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
          g_assert_cmpstr (focused_field (f), ==, order[step]);
        }
      /* Then the move and remove buttons, and the next item's On. */
      for (step = 0; step < 5; step++)
        {
          gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
          if (g_strcmp0 (focused_field (f), "remove-adjustment") == 0)
            passed_remove = TRUE;
          if (g_strcmp0 (focused_field (f), "enabled") == 0)
            break;
        }
      g_assert_true (passed_remove);
      g_assert_cmpstr (focused_field (f), ==, "enabled");
      g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) ==
                     find (f, GTK_TYPE_CHECK_BUTTON, "enabled", 1));
    }
}

static void
test_invalid_keeps_last_result (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);
  GtkWidget *from;
  g_autofree char *valid_summary = NULL;

  gui_test_spin_set (weight, 1.5);
  gui_test_wait (draft_weight (f) == 1.5);
  valid_summary = g_strdup (strata_impact_panel_get_summary (f->page->impact));

  /* Band 3 starts after band 2 ends: a gap, marked at band 3's "from". */
  from = find (f, GTK_TYPE_SPIN_BUTTON, "from", 2);
  g_assert_nonnull (from);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (from)), ==, 1000000);
  gui_test_spin_set (from, 1200000);
  gui_test_wait (gtk_widget_has_css_class (from, "error"));
  g_assert_true (gtk_widget_has_css_class (from, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (from), ==,
                   "Gap between 1000000 and 1200000: the band should start at 1000000");
  g_assert_false (gtk_widget_has_css_class (find (f, GTK_TYPE_SPIN_BUTTON, "from", 1), "error"));
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 problem to fix");
  g_assert_cmpstr (strata_impact_panel_get_summary (f->page->impact), ==, valid_summary);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (f->page)) == FALSE);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (f->page)) == FALSE);

  /* Fixing it clears the mark. */
  gui_test_spin_set (from, 1000000);
  gui_test_wait (!gtk_widget_has_css_class (from, "error"));
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
    gui_test_wait (f->page->draft->adjustments->len == n_adjustments - 1);
  }
  g_assert_cmpuint (f->page->draft->adjustments->len, ==, n_adjustments - 1);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (f->page->undo), ==, "Remove item");
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 change");

  /* Publishing what is on screen (the dialog's response does this). */
  g_assert_true (strata_scoring_publish (f->page->scoring, "Drop the fault ticket penalty",
                                         &version, &error));
  g_assert_no_error (error);
  gui_test_wait (g_str_equal (gtk_label_get_text (f->page->draft_label), "Published version 2"));
  g_assert_cmpuint (version, ==, 2);
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Published version 2");
  versions = strata_ruleset_store_list_versions (f->t.ws, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (((StrataRulesetVersion *) versions->pdata[0])->note, ==,
                   "Drop the fault ticket penalty");

  /* The history compares the two versions on the period. */
  {
    GtkWidget *dialog = strata_history_dialog_new (f->t.ws, (StrataPeriodData *) strata_scoring_get_data (f->page->scoring));
    g_autofree char *text = strata_history_dialog_compare (STRATA_HISTORY_DIALOG (dialog), 1, 2);
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    /* Removing a penalty only moves customers up: by hand, K05 and K08
     * from 40 (D) to 45 (C); K07 from 10 to 15 stays in E. */
    g_assert_cmpstr (lines[0], ==, "From version 1 to version 2 on 2026-Q3: 2 customers move up");
    g_assert_cmpuint (g_strv_length (lines), ==, 2 + 2);
    g_assert_cmpstr (lines[1], ==, "D → C: 2");
    /* And which rule changed. */
    g_assert_cmpstr (lines[2], ==, "Rules changed:");
    g_assert_cmpstr (lines[3], ==, "• Item removed: Five or more fault tickets (Fault tickets ≥ 5: -5)");
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
  guint i = 0, labels = 0;

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
  strata_impact_panel_set_view (panel, view, NULL, NULL);
  gtk_window_present (window);
  gui_test_wait_frame (GTK_WIDGET (panel));
  gui_test_save_screenshot (GTK_WIDGET (window), "impact-panel-wide-counts.png");

  g_assert_cmpstr (strata_impact_panel_get_summary (panel), ==, "9,990 customers move up");
  transitions = strata_impact_panel_get_transitions (panel);
  g_assert_cmpuint (g_strv_length (transitions), ==, 4);
  g_assert_cmpstr (transitions[0], ==, "C → B: 4,372");
  g_assert_cmpstr (transitions[1], ==, "D → C: 4,372");
  g_assert_cmpstr (transitions[2], ==, "E → D: 1,234");
  g_assert_cmpstr (transitions[3], ==, "B → A: 12");

  box = gui_test_find_id (GTK_WIDGET (panel), GTK_TYPE_FLOW_BOX, "impact-transitions", 0);
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
    StrataTierBars *bars = STRATA_TIER_BARS (gui_test_find_widget (GTK_WIDGET (panel),
                                                                  STRATA_TYPE_TIER_BARS));
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

/* Above impact_async_rows customers (a million in the window) the impact
 * is counted on a worker: right after the edit the panel still shows the
 * last figures, dimmed as updating, then exactly what the page counts at
 * once for a small period; a newer edit replaces a count under way. */
static void
test_impact_on_worker (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);
  StrataImpactPanel *impact = f->page->impact;
  GtkWidget *bars = gui_test_find_id (GTK_WIDGET (impact), STRATA_TYPE_TIER_BARS, "bars", 0);
  g_auto(GStrv) transitions = NULL;

  g_assert_nonnull (bars);
  strata_scoring_page_set_impact_async_rows (f->page, 1);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "No customer changes tier");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1.4);
  g_assert_cmpfloat (draft_weight (f), ==, 1.4);
  /* The edit is scored and saved at once; the figures follow. */
  g_assert_true (strata_impact_panel_get_updating (impact));
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "No customer changes tier");
  g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (bars), 0.5, 0.01);
  gui_test_wait (!strata_impact_panel_get_updating (impact));
  g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (bars), 1.0, 0.01);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "5 customers move up");
  transitions = strata_impact_panel_get_transitions (impact);
  g_assert_cmpuint (g_strv_length (transitions), ==, 3);
  g_assert_cmpstr (transitions[0], ==, "D → C: 3");
  g_assert_cmpstr (transitions[1], ==, "B → A: 1");
  g_assert_cmpstr (transitions[2], ==, "C → B: 1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find (f, GTK_TYPE_LIST_VIEW, "impact-movers", 0))))),
                    ==, 5);

  /* Two edits in a row: the panel ends with the second's figures. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1.4);
  gui_test_wait (!strata_impact_panel_get_updating (impact));
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "5 customers move up");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1);
  gui_test_wait (!strata_impact_panel_get_updating (impact));
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "No customer changes tier");
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* The draft's final tiers equal those of a scoring that reads the draft
 * from the file and scores it at once, and so do its tier counts. */
static void
assert_tiers_as_saved (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataScoring) direct = strata_scoring_new (f->t.ws, &error);
  StrataResult *a = strata_scoring_get_draft_result (f->page->scoring);
  StrataResult *b;

  g_assert_no_error (error);
  b = strata_scoring_get_draft_result (direct);
  g_assert_true (strata_rules_equal (strata_scoring_get_draft (f->page->scoring),
                                     strata_scoring_get_draft (direct)));
  g_assert_cmpuint (a->n, ==, G_N_ELEMENTS (hand_customers));
  g_assert_cmpmem (a->final_tier, a->n, b->final_tier, b->n);
  g_assert_cmpmem (a->score, a->n * sizeof (double), b->score, b->n * sizeof (double));
  g_assert_cmpmem (strata_scoring_get_draft_tier_counts (f->page->scoring), a->n_tiers * sizeof (guint),
                   strata_scoring_get_draft_tier_counts (direct), b->n_tiers * sizeof (guint));
}

/* A large period's draft (forced here: from one customer) is scored on the
 * scoring's worker: the edit is saved and undoable at once while the panel
 * shows the last figures dimmed, then the figures and tiers are exactly
 * those of the edit scored at once; two quick edits end with the second's. */
static void
test_draft_on_worker (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *weight = find (f, GTK_TYPE_SPIN_BUTTON, "weight", 0);
  StrataImpactPanel *impact = f->page->impact;
  StrataScoring *scoring = f->page->scoring;
  StrataResult *before = strata_scoring_get_draft_result (scoring);
  g_auto(GStrv) transitions = NULL;
  guint changed = 0;

  strata_scoring_set_draft_async_rows (scoring, 1);
  g_signal_connect_swapped (scoring, "scores-changed", G_CALLBACK (count_signal), &changed);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1.4);
  g_assert_cmpfloat (draft_weight (f), ==, 1.4);
  g_assert_cmpfloat (saved_weight (f), ==, 1.4);
  g_assert_true (strata_undo_stack_can_undo (f->page->undo));
  g_assert_cmpstr (gtk_label_get_text (f->page->draft_label), ==, "Draft · 1 change");
  g_assert_true (strata_scoring_get_draft_pending (scoring));
  g_assert_true (strata_scoring_get_draft_result (scoring) == before);
  g_assert_true (strata_impact_panel_get_updating (impact));
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "No customer changes tier");

  gui_test_wait (!strata_scoring_get_draft_pending (scoring) && !strata_impact_panel_get_updating (impact));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "5 customers move up");
  transitions = strata_impact_panel_get_transitions (impact);
  g_assert_cmpuint (g_strv_length (transitions), ==, 3);
  g_assert_cmpstr (transitions[0], ==, "D → C: 3");
  g_assert_cmpstr (transitions[1], ==, "B → A: 1");
  g_assert_cmpstr (transitions[2], ==, "C → B: 1");
  assert_tiers_as_saved (f);
  /* By hand (see hand_customers): two in A, two in B, three in C, one in E. */
  {
    const guint *counts = strata_scoring_get_draft_tier_counts (scoring);

    g_assert_cmpuint (counts[0], ==, 2);
    g_assert_cmpuint (counts[1], ==, 1);
    g_assert_cmpuint (counts[2], ==, 3);
    g_assert_cmpuint (counts[3], ==, 0);
    g_assert_cmpuint (counts[4], ==, 2);
  }

  /* Two quick edits: only the second is scored and shown. At weight 1.2,
   * K02 C → B (63), K05 and K08 D → C (48, 46). */
  changed = 0;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 1.2);
  gui_test_wait (!strata_scoring_get_draft_pending (scoring) && !strata_impact_panel_get_updating (impact));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpfloat (((StrataIndicator *) strata_scoring_get_draft (scoring)->indicators->pdata[0])->weight, ==, 1.2);
  g_assert_cmpstr (strata_impact_panel_get_summary (impact), ==, "3 customers move up");
  g_clear_pointer (&transitions, g_strfreev);
  transitions = strata_impact_panel_get_transitions (impact);
  g_assert_cmpuint (g_strv_length (transitions), ==, 2);
  g_assert_cmpstr (transitions[0], ==, "D → C: 2");
  g_assert_cmpstr (transitions[1], ==, "C → B: 1");
  gui_test_wait (saved_weight (f) == 1.2);
  assert_tiers_as_saved (f);
  g_signal_handlers_disconnect_by_data (scoring, &changed);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  window_test_bind_translations ();
  g_test_add ("/scoring-page/weight-rescore", Fixture, NULL, fixture_setup, test_weight_rescore, scoring_page_test_teardown);
  g_test_add ("/scoring-page/impact-on-worker", Fixture, NULL, fixture_setup, test_impact_on_worker, scoring_page_test_teardown);
  g_test_add ("/scoring-page/draft-on-worker", Fixture, NULL, fixture_setup, test_draft_on_worker, scoring_page_test_teardown);
  g_test_add ("/scoring-page/held-spin-merges", Fixture, NULL, fixture_setup, test_held_spin_merges, scoring_page_test_teardown);
  g_test_add ("/scoring-page/saved-before-undo", Fixture, NULL, fixture_setup, test_saved_before_undo, scoring_page_test_teardown);
  g_test_add ("/scoring-page/escape-reverts", Fixture, NULL, fixture_setup, test_escape_reverts, scoring_page_test_teardown);
  g_test_add ("/scoring-page/invalid-keeps-last-result", Fixture, NULL, fixture_setup, test_invalid_keeps_last_result, scoring_page_test_teardown);
  g_test_add ("/scoring-page/band-edges-typed", Fixture, NULL, fixture_setup, test_band_edges_typed, scoring_page_test_teardown);
  g_test_add ("/scoring-page/remove-and-publish", Fixture, NULL, fixture_setup, test_remove_and_publish, scoring_page_test_teardown);
  g_test_add ("/scoring-page/tab-next-cell", Fixture, NULL, fixture_setup, test_tab_next_cell, scoring_page_test_teardown);
  g_test_add ("/scoring-page/adjustment-tab-order", Fixture, NULL, fixture_setup, test_adjustment_tab_order, scoring_page_test_teardown);
  g_test_add_func ("/scoring-page/impact-wide-counts", test_impact_wide_counts);
  return g_test_run ();
}
