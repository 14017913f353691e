/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pages built in steps when they get a workspace (a first visit:
 * strata_page_build_in_steps), the Scoring page's rules editor and the
 * Entitlements matrix, with a budget of one step a turn: the turn that
 * gives the page its context builds only the first card, the page counts
 * as loading until the last turn, the turns are one per card, and the
 * page built so is the page built in one turn (the design before, budget
 * G_MAXINT64): the same widgets in the same order with the same texts, the
 * same cells, and it edits the same. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-entitlements-page.h"
#include "strata-entitlements-page-private.h"
#include "strata-rules-editor-private.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "workspace-test-util.h"

typedef struct
{
  char            *dir;
  StrataWorkspace *ws;
  StrataContext   *context;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = test_make_tmp_dir ("strata-build-steps");
  path = g_build_filename (f->dir, "demo.strata", NULL);
  f->context = gui_test_demo_context (path, 600, 7, 2, &f->ws);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  strata_page_set_build_budget (0);
  g_clear_object (&f->context);
  g_clear_object (&f->ws);
  test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Every widget under root in tree order: its type, and what it shows (a
 * label's or a text field's text, a switch's state, a drop-down's item). */
static void
describe_tree (GtkWidget *root,
               GString   *out)
{
  g_string_append (out, G_OBJECT_TYPE_NAME (root));
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, " \"%s\"", gtk_label_get_label (GTK_LABEL (root)));
  else if (GTK_IS_TEXT (root))
    g_string_append_printf (out, " \"%s\"", gtk_editable_get_text (GTK_EDITABLE (root)));
  else if (GTK_IS_SWITCH (root))
    g_string_append_printf (out, " %d", gtk_switch_get_active (GTK_SWITCH (root)));
  else if (GTK_IS_DROP_DOWN (root))
    g_string_append_printf (out, " %u", gtk_drop_down_get_selected (GTK_DROP_DOWN (root)));
  g_string_append_c (out, '\n');
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    describe_tree (c, out);
}

static char *
describe (GtkWidget *page)
{
  GString *out = g_string_new (NULL);

  describe_tree (page, out);
  return g_string_free (out, FALSE);
}

static guint
n_children (gpointer widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* A page of type in a window of its own, given the context with the build
 * budget given; returns the page with its window in *window. */
static GtkWidget *
show_page (Fixture    *f,
           GType       type,
           gint64      budget_us,
           GtkWindow **window)
{
  GtkWidget *page = g_object_new (type, NULL);

  *window = gui_test_show (page, 1400, 900);
  strata_page_set_build_budget (budget_us);
  g_object_set (page, "context", f->context, NULL);
  return page;
}

/* Builds to the end, then until a frame is painted with it. */
static void
finish (GtkWidget *page)
{
  strata_page_finish_load (STRATA_PAGE (page));
  gui_test_wait_idle ();
  gui_test_wait_frame (page);
}

static void
test_scoring (Fixture       *f,
              gconstpointer  data)
{
  const StrataRules *rules = strata_scoring_get_draft (strata_context_get_scoring (f->context));
  guint n_indicators = rules->indicators->len;
  GtkWindow *window, *one_window;
  StrataScoringPage *page;
  StrataScoringPage *one;
  StrataRulesEditor *editor;
  g_autofree char *stepped = NULL;
  g_autofree char *whole = NULL;
  GtkWidget *points;
  double before;

  g_assert_cmpuint (n_indicators, >=, 1);
  page = STRATA_SCORING_PAGE (show_page (f, STRATA_TYPE_SCORING_PAGE, 1, &window));
  editor = page->editor;

  /* The turn that gave it the context: the first card, nothing else. */
  g_assert_true (strata_page_get_building (STRATA_PAGE (page)));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_cmpuint (strata_page_get_build_turns (STRATA_PAGE (page)), ==, 1);
  g_assert_cmpuint (n_children (editor->indicators_box), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (editor->adjustment_rows)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (editor->tier_rows)), ==, 0);

  /* A card a turn: the indicators, the items, the tiers, the quadrants. */
  finish (GTK_WIDGET (page));
  g_assert_false (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_cmpuint (strata_page_get_build_turns (STRATA_PAGE (page)), ==, n_indicators + 3);
  g_assert_cmpuint (n_children (editor->indicators_box), ==, n_indicators);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (editor->adjustment_rows)), ==, rules->adjustments->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (editor->tier_rows)), ==, rules->tiers->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (editor->quadrant_rows)), ==, 4);

  /* The same page as one built in one turn. */
  one = STRATA_SCORING_PAGE (show_page (f, STRATA_TYPE_SCORING_PAGE, G_MAXINT64, &one_window));
  g_assert_false (strata_page_get_building (STRATA_PAGE (one)));
  g_assert_cmpuint (strata_page_get_build_turns (STRATA_PAGE (one)), ==, 1);
  finish (GTK_WIDGET (one));
  g_assert_cmpuint (g_hash_table_size (editor->cells), >, 3 * n_indicators);
  g_assert_cmpuint (g_hash_table_size (editor->cells), ==, g_hash_table_size (one->editor->cells));
  stepped = describe (GTK_WIDGET (page));
  whole = describe (GTK_WIDGET (one));
  g_assert_nonnull (strstr (stepped, "GtkSpinButton"));
  g_assert_cmpstr (stepped, ==, whole);
  gui_test_destroy (one_window);

  /* It edits: a band's points through its spin button reach the draft. */
  points = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, "points", 0);
  before = gtk_spin_button_get_value (GTK_SPIN_BUTTON (points));
  gui_test_spin_set (points, before + 1);
  gui_test_wait (g_array_index (((StrataIndicator *) page->draft->indicators->pdata[0])->bands,
                                StrataBand, 0).points == before + 1);
  gui_test_destroy (window);
}

static void
test_entitlements (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *window, *one_window;
  StrataEntitlementsPage *page;
  StrataEntitlementsPage *one;
  g_autofree char *stepped = NULL;
  g_autofree char *whole = NULL;
  guint n_stages, n_cells;

  page = STRATA_ENTITLEMENTS_PAGE (show_page (f, STRATA_TYPE_ENTITLEMENTS_PAGE, 1, &window));
  n_stages = strata_entitlements_get_stages (page->model)->len;
  n_cells = strata_entitlements_get_all (page->model)->len * strata_entitlements_get_tiers (page->model)->len;
  g_assert_cmpuint (n_stages, >, 1);
  g_assert_cmpuint (n_cells, >, 0);

  /* The turn that gave it the context: the tiers' header, the costs and
   * the first stage's card. */
  g_assert_true (strata_page_get_building (STRATA_PAGE (page)));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (page)));
  g_assert_cmpuint (n_children (page->matrix_box), ==, 3);
  g_assert_cmpuint (g_hash_table_size (page->cells), <, n_cells);

  /* A stage's card a turn. */
  finish (GTK_WIDGET (page));
  g_assert_cmpuint (strata_page_get_build_turns (STRATA_PAGE (page)), ==, n_stages);
  g_assert_cmpuint (n_children (page->matrix_box), ==, 2 + n_stages);
  g_assert_cmpuint (g_hash_table_size (page->cells), ==, n_cells);
  g_assert_nonnull (page->signature);

  /* The same page as one built in one turn, its costs included. */
  one = STRATA_ENTITLEMENTS_PAGE (show_page (f, STRATA_TYPE_ENTITLEMENTS_PAGE, G_MAXINT64, &one_window));
  g_assert_false (strata_page_get_building (STRATA_PAGE (one)));
  g_assert_cmpuint (strata_page_get_build_turns (STRATA_PAGE (one)), ==, 1);
  finish (GTK_WIDGET (one));
  g_assert_cmpuint (g_hash_table_size (one->cells), ==, n_cells);
  stepped = describe (GTK_WIDGET (page));
  whole = describe (GTK_WIDGET (one));
  g_assert_nonnull (strstr (stepped, "GtkSwitch"));
  g_assert_cmpstr (stepped, ==, whole);
  g_assert_cmpstr (page->signature, ==, one->signature);
  gui_test_destroy (one_window);
  gui_test_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/page-build-steps/scoring", Fixture, NULL, fixture_setup, test_scoring, fixture_teardown);
  g_test_add ("/page-build-steps/entitlements", Fixture, NULL, fixture_setup, test_entitlements,
              fixture_teardown);
  return g_test_run ();
}
