/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Entitlements page under Xvfb: cells edited through their widgets land
 * in the workspace, refused input and consistency problems show at the cell,
 * undo/redo, structure edits, and the empty states. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-demo.h"
#include "strata-entitlements-page.h"
#include "strata-format.h"
#include "strata-period-data-private.h"
#include "strata-scoring.h"
#include "strata-seed.h"
#include "workspace-test-util.h"

typedef struct
{
  TestWorkspace           t;
  StrataContext          *context;
  GtkWindow              *window;
  StrataEntitlementsPage *page;
} Fixture;

/* The page on f's workspace, shown, its matrix built. */
static void
show_page (Fixture *f)
{
  f->context = strata_context_new (f->t.ws);
  strata_context_finish_scoring (f->context);
  f->page = STRATA_ENTITLEMENTS_PAGE (strata_entitlements_page_new ());
  g_object_set (f->page, "context", f->context, NULL);
  f->window = gui_test_show (GTK_WIDGET (f->page), 1200, 800);
  gui_test_wait (strata_entitlements_page_get_model (f->page) != NULL);
  /* The matrix is built a stage's card a turn. */
  strata_page_finish_load (STRATA_PAGE (f->page));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup (&f->t, "strata-ent-page", "page.strata");
  show_page (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_test_destroy (f->window);
  g_clear_object (&f->context);
  test_workspace_teardown (&f->t);
}

/* What the workspace file holds, read with SQL, not through the page. */
static char *
stored (Fixture    *f,
        const char *key,
        const char *tier)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (f->t.ws, "SELECT v.value FROM entitlement_values v JOIN entitlements e"
                                     " ON e.id = v.entitlement_id WHERE e.key = ?1 AND v.tier = ?2",
                              NULL);

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tier, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Whether the workspace file holds want (NULL: no value). */
static gboolean
stored_is (Fixture    *f,
           const char *key,
           const char *tier,
           const char *want)
{
  g_autofree char *v = stored (f, key, tier);

  return g_strcmp0 (v, want) == 0;
}

static gint64
id_of (Fixture    *f,
       const char *key)
{
  StrataEntitlements *m = strata_entitlements_page_get_model (f->page);

  return strata_entitlements_lookup_key (m, key)->id;
}

static GtkWidget *
cell (Fixture    *f,
      const char *key,
      const char *tier)
{
  GtkWidget *w = strata_entitlements_page_get_cell (f->page, id_of (f, key), tier);

  g_assert_nonnull (w);
  return w;
}

static const char *
visible_page (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (f->page));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The box around a cell's editor carries the error class and the message. */
static GtkWidget *
cell_box (GtkWidget *editor)
{
  return gtk_widget_get_parent (editor);
}

static void
test_edit_cells (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *w;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *v3 = NULL;
  g_autofree char *v4 = NULL;

  g_assert_cmpstr (visible_page (f), ==, "matrix");

  /* A number: the spin button. */
  w = cell (f, "order_discount", "B");
  g_assert_true (GTK_IS_SPIN_BUTTON (w));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (w)), ==, 10);
  gui_test_spin_set (w, 12);
  gui_test_wait (stored_is (f, "order_discount", "B", "12"));
  v1 = stored (f, "order_discount", "B");
  g_assert_cmpstr (v1, ==, "12");

  /* Included: the switch. */
  w = cell (f, "account_manager", "C");
  g_assert_true (GTK_IS_SWITCH (w));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (w)));
  gtk_switch_set_active (GTK_SWITCH (w), TRUE);
  gui_test_wait (stored_is (f, "account_manager", "C", "1"));
  v2 = stored (f, "account_manager", "C");
  g_assert_cmpstr (v2, ==, "1");

  /* A level: the drop-down (item 0 is "no value"). */
  w = cell (f, "sla_level", "D");
  g_assert_true (GTK_IS_DROP_DOWN (w));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (w)), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (w), 2);
  gui_test_wait (stored_is (f, "sla_level", "D", "Silver"));
  v3 = stored (f, "sla_level", "D");
  g_assert_cmpstr (v3, ==, "Silver");

  /* Text: the entry, committed on activate. */
  w = cell (f, "legacy_migration", "E");
  g_assert_true (GTK_IS_ENTRY (w));
  gtk_editable_set_text (GTK_EDITABLE (w), "Free after two years");
  g_signal_emit_by_name (w, "activate");
  gui_test_wait (stored_is (f, "legacy_migration", "E", "Free after two years"));
  v4 = stored (f, "legacy_migration", "E");
  g_assert_cmpstr (v4, ==, "Free after two years");
}

static void
test_refused_input (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *w = cell (f, "order_discount", "A");
  g_autofree char *v = NULL;

  gui_test_spin_type (w, "abc");
  gui_test_wait (gtk_widget_has_css_class (cell_box (w), "error"));
  v = stored (f, "order_discount", "A");
  g_assert_cmpstr (v, ==, "15");
  g_assert_true (gtk_widget_has_css_class (cell_box (w), "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell_box (w)), ==,
                   "“abc” is not a number for “Order discount”");

  /* A good value clears it. */
  gui_test_spin_set (w, 16);
  gui_test_wait (!gtk_widget_has_css_class (cell_box (w), "error"));
  g_assert_false (gtk_widget_has_css_class (cell_box (w), "error"));
  g_assert_null (gtk_widget_get_tooltip_text (cell_box (w)));
}

static void
test_consistency_flagged (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *a = cell (f, "sla_response", "A");
  GtkWidget *b = cell (f, "sla_response", "B");
  g_autofree char *v = NULL;

  g_assert_false (gtk_widget_has_css_class (cell_box (a), "error"));
  gui_test_spin_set (a, 8);
  gui_test_wait (gtk_widget_has_css_class (cell_box (a), "error"));
  v = stored (f, "sla_response", "A");
  g_assert_cmpstr (v, ==, "8");
  /* The same widget is still there (no rebuild for a value), now flagged. */
  g_assert_true (cell (f, "sla_response", "A") == a);
  g_assert_true (gtk_widget_has_css_class (cell_box (a), "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell_box (a)), ==,
                   "A gets 8 h, worse than B (2 h): lower is better here");
  g_assert_false (gtk_widget_has_css_class (cell_box (b), "error"));

  /* Undo (Ctrl+Z's action) takes it back and the flag goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL));
  gui_test_wait (!gtk_widget_has_css_class (cell_box (a), "error"));
  g_clear_pointer (&v, g_free);
  v = stored (f, "sla_response", "A");
  g_assert_cmpstr (v, ==, "1");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (a)), ==, 1);
  g_assert_false (gtk_widget_has_css_class (cell_box (a), "error"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.redo", NULL));
  gui_test_wait (gtk_widget_has_css_class (cell_box (a), "error"));
  g_assert_true (gtk_widget_has_css_class (cell_box (a), "error"));
}

static void
test_structure (Fixture       *f,
                gconstpointer  data)
{
  gint64 onsite = id_of (f, "onsite_service");
  g_autofree char *v = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.remove-entitlement", "x",
                                             onsite));
  gui_test_wait (strata_entitlements_page_get_cell (f->page, onsite, "A") == NULL);
  g_assert_null (strata_entitlements_page_get_cell (f->page, onsite, "A"));
  v = stored (f, "onsite_service", "A");
  g_assert_null (v);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL));
  gui_test_wait (strata_entitlements_page_get_cell (f->page, onsite, "A") != NULL);
  g_assert_true (GTK_IS_SWITCH (strata_entitlements_page_get_cell (f->page, onsite, "A")));
  v = stored (f, "onsite_service", "A");
  g_assert_cmpstr (v, ==, "1");

  /* Moving the first row of a stage up takes it to the stage before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.move-entitlement-up", "x",
                                             id_of (f, "order_discount")));
  gui_test_wait_idle ();   /* the page rebuilds when idle */
  g_assert_cmpstr (strata_entitlements_lookup_stage (strata_entitlements_page_get_model (f->page),
                     strata_entitlements_lookup_key (strata_entitlements_page_get_model (f->page),
                                                     "order_discount")->stage_id)->key, ==, "demand");
  g_assert_nonnull (strata_entitlements_page_get_cell (f->page, id_of (f, "order_discount"), "A"));
}

static void
test_empty_states (Fixture       *f,
                   gconstpointer  data)
{
  StrataEntitlements *m = strata_entitlements_page_get_model (f->page);
  GPtrArray *stages = strata_entitlements_get_stages (m);

  while (stages->len > 0)
    {
      g_assert_true (strata_entitlements_remove_stage (m, ((StrataEntitlementStage *) g_ptr_array_index (stages, 0))->id, NULL));
      stages = strata_entitlements_get_stages (m);
    }
  gui_test_wait (g_strcmp0 (visible_page (f), "no-matrix") == 0);
  g_assert_cmpstr (visible_page (f), ==, "no-matrix");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.add-defaults", NULL));
  gui_test_wait (g_strcmp0 (visible_page (f), "matrix") == 0);
  g_assert_cmpstr (visible_page (f), ==, "matrix");
  g_assert_true (GTK_IS_SPIN_BUTTON (cell (f, "order_discount", "A")));

  g_object_set (f->page, "context", NULL, NULL);
  gui_test_wait (g_strcmp0 (visible_page (f), "empty") == 0);
  g_assert_cmpstr (visible_page (f), ==, "empty");
  g_assert_null (strata_entitlements_page_get_model (f->page));
}

/* The dialogs: add an entitlement with its definition, rename a stage,
 * copy a tier column; each lands in the workspace and can be undone. */
static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  StrataEntitlements *m = strata_entitlements_page_get_model (f->page);
  StrataEntitlementStage *renewal = g_ptr_array_index (strata_entitlements_get_stages (m), 4);
  gint64 renewal_id = renewal->id;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) drops = g_ptr_array_new ();
  const StrataEntitlement *e;
  AdwMessageDialog *dialog;
  g_autofree char *v = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.add-entitlement", "x",
                                             renewal_id));
  gui_test_wait (gui_test_find_message_dialog ("Add Entitlement") != NULL);
  dialog = gui_test_find_message_dialog ("Add Entitlement");
  g_assert_nonnull (dialog);
  gui_test_collect (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, entries);
  gui_test_collect (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_DROP_DOWN, drops);
  g_assert_cmpuint (entries->len, ==, 4);  /* name, unit, levels, cost */
  g_assert_cmpuint (drops->len, ==, 2);    /* kind, direction */
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "Renewal account review");
  gtk_drop_down_set_selected (g_ptr_array_index (drops, 0), STRATA_ENTITLEMENT_LEVEL);
  gtk_editable_set_text (g_ptr_array_index (entries, 2), "None, Yearly, Quarterly");
  gtk_editable_set_text (g_ptr_array_index (entries, 3), "1500");
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  /* In the model, then in the rebuilt matrix. */
  gui_test_wait (strata_entitlements_lookup_key (m, "entitlement-1") != NULL &&
                 strata_entitlements_page_get_cell (f->page, strata_entitlements_lookup_key (m, "entitlement-1")->id,
                                                    "A") != NULL);

  e = strata_entitlements_lookup_key (m, "entitlement-1");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->label, ==, "Renewal account review");
  g_assert_cmpint (e->kind, ==, STRATA_ENTITLEMENT_LEVEL);
  g_assert_cmpuint (g_strv_length (e->levels), ==, 3);
  g_assert_cmpstr (e->levels[2], ==, "Quarterly");
  g_assert_cmpfloat (e->cost, ==, 1500);
  g_assert_cmpint (e->stage_id, ==, renewal_id);
  g_assert_true (GTK_IS_DROP_DOWN (strata_entitlements_page_get_cell (f->page, e->id, "A")));

  /* A bad cost is refused with a message; nothing changes. */
  g_ptr_array_set_size (entries, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.edit-entitlement", "x", e->id));
  gui_test_wait (gui_test_find_message_dialog ("Edit Entitlement") != NULL);
  dialog = gui_test_find_message_dialog ("Edit Entitlement");
  gui_test_collect (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, entries);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (entries, 0)), ==, "Renewal account review");
  gtk_editable_set_text (g_ptr_array_index (entries, 3), "lots");
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog ("Edit Entitlement") == NULL);
  gui_test_wait_idle ();
  g_assert_cmpfloat (strata_entitlements_lookup_key (m, "entitlement-1")->cost, ==, 1500);

  /* Rename the stage through its dialog. */
  g_ptr_array_set_size (entries, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.rename-stage", "x", renewal_id));
  gui_test_wait (gui_test_find_message_dialog ("Rename Stage") != NULL);
  dialog = gui_test_find_message_dialog ("Rename Stage");
  gui_test_collect (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, entries);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "Renewal and churn");
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (g_strcmp0 (strata_entitlements_lookup_stage (m, renewal_id)->label, "Renewal and churn") == 0);
  g_assert_cmpstr (strata_entitlements_lookup_stage (m, renewal_id)->label, ==, "Renewal and churn");

  /* Copy tier A's column onto B. */
  g_ptr_array_set_size (drops, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.copy-tier", NULL));
  gui_test_wait (gui_test_find_message_dialog ("Copy Tier Column") != NULL);
  dialog = gui_test_find_message_dialog ("Copy Tier Column");
  gui_test_collect (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_DROP_DOWN, drops);
  g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (drops, 1)), ==, 1);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait (stored_is (f, "order_discount", "B", "15"));
  v = stored (f, "order_discount", "B");
  g_assert_cmpstr (v, ==, "15");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.undo", NULL));
  gui_test_wait (stored_is (f, "order_discount", "B", "10"));
  g_clear_pointer (&v, g_free);
  v = stored (f, "order_discount", "B");
  g_assert_cmpstr (v, ==, "10");
}

/* The cost card on a workspace with a scored period: customers per tier
 * and what their entitlements cost, updated when an edit changes a cost. */
static void
test_cost_card (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-ent-page-demo");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  StrataEntitlementsPage *page;
  StrataEntitlements *m;
  GtkWindow *window;
  guint customers[5];
  double revenue[5];
  gboolean known;

  context = gui_test_demo_context (path, 120, 3, 1, &ws);
  g_assert_cmpint (strata_context_get_period_id (context), >, 0);
  page = STRATA_ENTITLEMENTS_PAGE (strata_entitlements_page_new ());
  strata_page_set_context (STRATA_PAGE (page), context);
  window = gui_test_show (GTK_WIDGET (page), -1, -1);   /* its natural size */
  gui_test_wait (strata_entitlements_page_get_model (page) != NULL);
  /* The figures are read on the page's worker. */
  strata_page_finish_load (STRATA_PAGE (page));

  m = strata_entitlements_page_get_model (page);
  g_assert_true (strata_entitlements_tier_figures (m, strata_context_get_period_id (context),
                                                   customers, revenue, &known, &error));
  g_assert_true (known);
  for (guint t = 0; t < 5; t++)
    {
      g_autofree char *n = strata_format_integer (NULL, customers[t]);
      g_assert_cmpstr (strata_entitlements_page_get_cost_text (page, 0, t), ==, n);
    }
  /* Amounts in one style, compact: 33,800 reads "33.8K" beside "2.54M". */
  g_assert_cmpstr (strata_entitlements_page_get_cost_text (page, 1, 0), ==, "33.8K");
  /* The cost per tier is seen without scrolling: above the first stage. */
  {
    GtkWidget *cost_title = gui_test_find_label (GTK_WIDGET (page), GTK_TYPE_LABEL, "Cost per Tier");
    GtkWidget *stage = gui_test_find_css (GTK_WIDGET (page), GTK_TYPE_WIDGET, "entitlement-stage");
    graphene_point_t a, b;

    g_assert_nonnull (cost_title);
    g_assert_nonnull (stage);
    g_assert_true (gtk_widget_compute_point (cost_title, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &a));
    g_assert_true (gtk_widget_compute_point (stage, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &b));
    g_assert_cmpfloat (a.y, <, b.y);
  }
  g_assert_cmpstr (strata_entitlements_page_get_cost_text (page, 1, 4), ==, "0");

  /* Giving E the account manager costs 12,000 per E customer. */
  gtk_switch_set_active (GTK_SWITCH (strata_entitlements_page_get_cell (page,
                           strata_entitlements_lookup_key (m, "account_manager")->id, "E")), TRUE);
  gui_test_wait (g_strcmp0 (strata_entitlements_page_get_cost_text (page, 1, 4), "12K") == 0);
  g_assert_cmpstr (strata_entitlements_page_get_cost_text (page, 1, 4), ==, "12K");
  totals = strata_entitlements_cost_totals (m, customers, revenue);
  {
    g_autofree char *cost = strata_format_compact (NULL, ((StrataEntitlementCost *) g_ptr_array_index (totals, 4))->cost);
    g_assert_cmpstr (strata_entitlements_page_get_cost_text (page, 2, 4), ==, cost);
  }
  gui_test_destroy (window);
  g_clear_object (&context);
  g_clear_object (&ws);
  test_remove_dir (dir);
}

/* The cost card's figures are counted over the window's data of the
 * period: the page's worker reads no period of its own (a hundred
 * megabytes at a million customers), and counts what a load of the period
 * gives. */
static void
test_shares_period (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-ent-page-shared");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataWorkspace) other = NULL;
  g_autoptr(StrataContext) context = NULL;
  const StrataPeriodData *shown;
  StrataEntitlementsPage *page;
  GtkWindow *window;
  guint customers[5], total = 0, reads;
  double revenue[5];
  gboolean known;

  context = gui_test_demo_context (path, 150, 5, 2, &ws);
  shown = strata_scoring_get_data (strata_context_get_scoring (context));
  g_assert_nonnull (shown);

  reads = strata_period_data_get_reads ();
  page = STRATA_ENTITLEMENTS_PAGE (strata_entitlements_page_new ());
  strata_page_set_context (STRATA_PAGE (page), context);
  window = gui_test_show (GTK_WIDGET (page), 1200, 800);
  gui_test_wait (strata_entitlements_page_get_model (page) != NULL);
  strata_page_finish_load (STRATA_PAGE (page));
  g_assert_cmpuint (strata_period_data_get_reads (), ==, reads);
  g_assert_true (strata_scoring_get_data (strata_context_get_scoring (context)) == shown);

  /* The figures of the period read afresh, through another connection
   * (which does read it: the count above is a real one). */
  other = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(StrataEntitlements) m = strata_entitlements_new (other, &error);

    g_assert_no_error (error);
    g_assert_true (strata_entitlements_tier_figures (m, strata_context_get_period_id (context),
                                                     customers, revenue, &known, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (strata_period_data_get_reads (), ==, reads + 1);
  g_assert_true (known);
  for (guint t = 0; t < 5; t++)
    {
      g_autofree char *n = strata_format_integer (NULL, customers[t]);
      g_assert_cmpstr (strata_entitlements_page_get_cost_text (page, 0, t), ==, n);
      total += customers[t];
    }
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (total, <=, shown->n);
  gui_test_destroy (window);
  g_clear_object (&context);
  g_clear_object (&ws);
  g_clear_object (&other);
  test_remove_dir (dir);
}
/* A workspace created in English, the page read in Chinese: the seeded
 * names show translated, a text cell left as shown stores nothing and a
 * level picked as shown is stored as the seed stored it. */
static void
test_chinese_reader (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      Fixture fixture = { 0 };
      Fixture *f = &fixture;
      GtkWidget *w;

      /* Created in the C locale: stored in English. */
      test_workspace_setup (&f->t, "strata-ent-page-zh", "page.strata");
      g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, po);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      if (setlocale (LC_ALL, "") == NULL ||
          g_str_equal (g_dgettext (GETTEXT_PACKAGE, "Demand"), "Demand"))
        {
          test_workspace_teardown (&f->t);
          g_test_skip ("the zh_CN locale or catalogue is missing");
          return;
        }
      show_page (f);

      g_assert_nonnull (gui_test_find_label (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "需求"));
      g_assert_nonnull (gui_test_find_label (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "SLA 等级"));
      g_assert_null (gui_test_find_label (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Demand"));
      w = cell (f, "presales_design", "A");
      g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (w))),
                       ==, "专属");

      w = cell (f, "legacy_migration", "B");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w)), ==, "免费");
      g_signal_emit_by_name (w, "activate");
      gui_test_wait_idle ();
      g_assert_true (stored_is (f, "legacy_migration", "B", "Free"));
      g_assert_false (strata_entitlements_can_undo (strata_entitlements_page_get_model (f->page)));

      w = cell (f, "sla_level", "D");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (w), 2);
      gui_test_wait (stored_is (f, "sla_level", "D", "Silver"));
      w = cell (f, "sla_level", "D");
      g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (w))),
                       ==, "银牌");
      fixture_teardown (f, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/entitlements-page/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("edit-cells", test_edit_cells);
  ADD ("refused-input", test_refused_input);
  ADD ("consistency-flagged", test_consistency_flagged);
  ADD ("structure", test_structure);
  ADD ("empty-states", test_empty_states);
  ADD ("dialogs", test_dialogs);
  g_test_add_func ("/entitlements-page/cost-card", test_cost_card);
  g_test_add_func ("/entitlements-page/shares-period", test_shares_period);
  g_test_add_func ("/entitlements-page/chinese-reader", test_chinese_reader);
  return g_test_run ();
}
