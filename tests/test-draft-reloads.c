/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A draft save (a weight edit on the Scoring page) reloads none of the
 * pages that show the published rules (Tiers, Quadrant, Products,
 * Entitlements) and does not read the period again; moving the draft's
 * quadrant thresholds reloads the Quadrant page alone (its lines follow
 * the draft); publishing reloads each of them once. */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-entitlements-page.h"
#include "strata-page.h"
#include "strata-products-page.h"
#include "strata-quadrant-page.h"
#include "strata-rules-private.h"
#include "strata-ruleset-store.h"
#include "strata-tiers-page.h"
#include "workspace-test-util.h"

enum { TIERS, QUADRANT, PRODUCTS, ENTITLEMENTS, N_PAGES };

static StrataPage *pages[N_PAGES];

static gboolean
any_loading (void)
{
  for (guint p = 0; p < N_PAGES; p++)
    if (strata_page_get_loading (pages[p]))
      return TRUE;
  return FALSE;
}

/* Runs what the change queued (idles, workers' callbacks) until the pages
 * are quiet again. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gui_test_wait (!any_loading ());
}

static void
assert_reloads (const guint *before,
                guint        tiers,
                guint        quadrant,
                guint        products,
                guint        entitlements)
{
  guint want[N_PAGES] = { tiers, quadrant, products, entitlements };

  for (guint p = 0; p < N_PAGES; p++)
    {
      g_test_message ("page %u: %u reloads", p, strata_page_get_reloads (pages[p]) - before[p]);
      g_assert_cmpuint (strata_page_get_reloads (pages[p]) - before[p], ==, want[p]);
    }
}

static void
count (guint *reloads)
{
  for (guint p = 0; p < N_PAGES; p++)
    reloads[p] = strata_page_get_reloads (pages[p]);
}

static void
test_draft_reloads (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-draft-reloads");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataContext) context = NULL;
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataRules) saved = NULL;
  StrataScoring *scoring;
  const StrataPeriodData *data;
  StrataIndicator *indicator;
  GtkWidget *window, *box;
  guint before[N_PAGES];
  guint version = 0;

  context = gui_test_demo_context (path, 300, 5, 2, &ws);
  scoring = strata_context_get_scoring (context);

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  pages[TIERS] = g_object_new (STRATA_TYPE_TIERS_PAGE, NULL);
  pages[QUADRANT] = g_object_new (STRATA_TYPE_QUADRANT_PAGE, NULL);
  pages[PRODUCTS] = g_object_new (STRATA_TYPE_PRODUCTS_PAGE, NULL);
  pages[ENTITLEMENTS] = g_object_new (STRATA_TYPE_ENTITLEMENTS_PAGE, NULL);
  for (guint p = 0; p < N_PAGES; p++)
    {
      gtk_widget_set_hexpand (GTK_WIDGET (pages[p]), TRUE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (pages[p]));
      g_object_set (pages[p], "context", context, NULL);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 700);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait (gtk_widget_get_mapped (GTK_WIDGET (pages[ENTITLEMENTS])));
  settle ();
  for (guint p = 0; p < N_PAGES; p++)
    g_assert_cmpuint (strata_page_get_reloads (pages[p]), >=, 1);

  /* A weight edit, as the Scoring page makes it: rescored at once, then
   * saved. No page of the published rules reloads, the period is not read
   * again, and the draft is on disk. */
  data = strata_scoring_get_data (scoring);
  count (before);
  draft = strata_rules_copy (strata_scoring_get_draft (scoring));
  indicator = draft->indicators->pdata[0];
  g_array_index (indicator->bands, StrataBand, 1).points += 1;
  strata_scoring_set_draft (scoring, draft);
  g_assert_true (strata_scoring_save_draft (scoring, &error));
  g_assert_no_error (error);
  g_assert_false (strata_context_get_scoring_loading (context));
  g_assert_false (any_loading ());
  settle ();
  assert_reloads (before, 0, 0, 0, 0);
  g_assert_true (strata_scoring_get_data (scoring) == data);
  saved = strata_ruleset_store_get_draft (ws, &error);
  g_assert_no_error (error);
  g_assert_true (strata_rules_equal (saved, draft));
  g_clear_pointer (&saved, strata_rules_free);

  /* The quadrant's lines follow the draft: moving them reloads that page
   * alone. */
  count (before);
  draft->quadrant.x_threshold += 1;
  strata_scoring_set_draft (scoring, draft);
  g_assert_true (strata_scoring_save_draft (scoring, &error));
  g_assert_no_error (error);
  settle ();
  assert_reloads (before, 0, 1, 0, 0);
  g_assert_true (strata_scoring_get_data (scoring) == data);

  /* Publishing changes what they show: each reloads once. */
  count (before);
  g_assert_true (strata_scoring_publish (scoring, "first", &version, &error));
  g_assert_no_error (error);
  assert_reloads (before, 1, 1, 1, 1);
  settle ();
  assert_reloads (before, 1, 1, 1, 1);
  g_assert_cmpuint (strata_scoring_get_published_version (scoring), ==, version);
  g_assert_true (strata_rules_equal (strata_scoring_get_published (scoring), draft));

  gui_test_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&ws);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/draft-reloads/pages", test_draft_reloads);
  return g_test_run ();
}
