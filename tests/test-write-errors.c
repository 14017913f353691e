/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Edits that the workspace cannot take because the disk is full (a file
 * size limit, RLIMIT_FSIZE with SIGXFSZ ignored; see HACKING "Full disk"):
 * publishing, an entitlement value and an override. Each ends in a dialog
 * with the full-disk message that offers Try Again and Save a Copy As…;
 * nothing is written, the edit stays on screen, the copy holds it, and
 * trying again once there is room writes it. */
#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-customers-page.h"
#include "strata-demo.h"
#include "strata-entitlements-page-private.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page-private.h"
#include "strata-scoring-private.h"
#include "strata-write-error.h"
#include "workspace-test-util.h"

typedef struct
{
  TestWorkspace  t;
  StrataContext *context;
  GtkWindow     *window;
  char          *copy_path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_workspace_setup_dir (&f->t, "strata-write-errors", "full.strata");
  g_assert_true (strata_demo_write (f->t.path, 120, 3, 1, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->t.ws = strata_workspace_open (f->t.path, NULL, &error);
  g_assert_no_error (error);
  f->context = strata_context_new (f->t.ws);
  strata_context_finish_scoring (f->context);
  f->copy_path = g_build_filename (f->t.dir, "full (copy).strata", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gui_test_destroy (f->window);
  g_clear_object (&f->context);
  g_free (f->copy_path);
  test_workspace_teardown (&f->t);
}

/* The disk fills up: nothing more than a few pages can be written. */
static void
disk_full (gboolean full)
{
  struct rlimit limit = { full ? 8192 : RLIM_INFINITY, RLIM_INFINITY };

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

/* The dialog of a write that failed on the full disk, with both ways out. */
static AdwMessageDialog *
wait_write_error (const char *heading)
{
  AdwMessageDialog *dialog = NULL;

  gui_test_wait ((dialog = gui_test_find_message_dialog (heading)) != NULL);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "the disk is full"));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  return dialog;
}

static void
close_dialog (AdwMessageDialog *dialog,
              const char       *heading)
{
  /* (A click closes the dialog; _response() alone does not.) No new one
   * came after the retry. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog (heading) == NULL);
}

static StrataWorkspace *
open_copy (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  StrataWorkspace *copy = strata_workspace_open (f->copy_path, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (strata_workspace_check (copy, &error));
  g_assert_no_error (error);
  return copy;
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  const char *heading = "The rule set could not be published";
  g_autoptr(GError) error = NULL;
  StrataScoringPage *page = STRATA_SCORING_PAGE (strata_scoring_page_new ());
  AdwMessageDialog *dialog;
  guint version;

  g_object_set (page, "context", f->context, NULL);
  f->window = gui_test_show (GTK_WIDGET (page), 1400, 900);
  gui_test_wait (page->draft != NULL);
  version = strata_ruleset_store_get_latest_version (f->t.ws);
  g_assert_cmpuint (version, >=, 1);
  /* An edit of the draft, saved, then the disk fills up. */
  ((StrataIndicator *) page->draft->indicators->pdata[0])->weight = 1.25;
  strata_scoring_page_replace_draft (page, page->draft, "Weight");
  g_assert_true (strata_scoring_page_flush_draft (page, &error));
  g_assert_no_error (error);

  disk_full (TRUE);
  g_assert_false (strata_scoring_page_publish_note (page, "Referrals count more"));
  dialog = wait_write_error (heading);
  /* Nothing was published; the draft is still on screen. */
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (f->t.ws), ==, version);
  g_assert_cmpfloat (((StrataIndicator *) page->draft->indicators->pdata[0])->weight, ==, 1.25);

  /* Save a Copy As…: the copy has the version with its note. */
  disk_full (FALSE);
  gui_test_save_screenshot (GTK_WIDGET (dialog), "write-errors-publish.png");
  g_assert_true (strata_write_error_save_copy (STRATA_PAGE (page), f->copy_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(StrataWorkspace) copy = open_copy (f);
    g_autoptr(StrataRules) published = NULL;

    g_assert_cmpuint (strata_ruleset_store_get_latest_version (copy), ==, version + 1);
    g_assert_cmpint (test_query_int (copy, "SELECT count(*) FROM rulesets WHERE state = 'published'"
                                           " AND note = 'Referrals count more'"), ==, 1);
    published = strata_ruleset_store_load_version (copy, version + 1, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (((StrataIndicator *) published->indicators->pdata[0])->weight, ==, 1.25);
  }
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (f->t.ws), ==, version);

  /* Try Again, with room: published in the workspace itself. */
  adw_message_dialog_response (dialog, "retry");
  g_assert_cmpuint (strata_ruleset_store_get_latest_version (f->t.ws), ==, version + 1);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM audit_log"
                                            " WHERE action = 'rules.publish'"), ==, version + 1);
  close_dialog (dialog, heading);
}

static char *
cell_value (StrataWorkspace *ws,
            gint64           id,
            const char      *tier)
{
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM entitlement_values WHERE entitlement_id = %"
                                          G_GINT64_FORMAT " AND tier = '%s'", id, tier);
  sqlite3_stmt *stmt = strata_workspace_prepare (ws, sql, NULL);
  char *value = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_entitlement (Fixture       *f,
                  gconstpointer  data)
{
  const char *heading = "The entitlement could not be saved";
  g_autoptr(GError) error = NULL;
  StrataEntitlementsPage *page = STRATA_ENTITLEMENTS_PAGE (strata_entitlements_page_new ());
  AdwMessageDialog *dialog;
  GPtrArray *all;
  gint64 id = 0;
  g_autofree char *before = NULL;
  g_autofree char *key = NULL;
  StrataEntitlementsCell *cell;

  strata_page_set_context (STRATA_PAGE (page), f->context);
  f->window = gui_test_show (GTK_WIDGET (page), 1400, 900);
  gui_test_wait (strata_entitlements_page_get_model (page) != NULL);
  /* The matrix is built a stage's card a turn. */
  strata_page_finish_load (STRATA_PAGE (page));
  all = strata_entitlements_get_all (page->model);
  for (guint i = 0; i < all->len && id == 0; i++)
    if (((StrataEntitlement *) all->pdata[i])->kind == STRATA_ENTITLEMENT_TEXT)
      id = ((StrataEntitlement *) all->pdata[i])->id;
  g_assert_cmpint (id, >, 0);
  before = cell_value (f->t.ws, id, "A");

  disk_full (TRUE);
  g_assert_false (strata_entitlements_page_set_value (page, id, "A", "A named engineer"));
  dialog = wait_write_error (heading);
  /* Nothing was written; the cell shows the error. */
  {
    g_autofree char *value = cell_value (f->t.ws, id, "A");

    g_assert_cmpstr (value, ==, before);
  }
  key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", id, "A");
  cell = g_hash_table_lookup (page->cells, key);
  g_assert_nonnull (cell);
  g_assert_nonnull (cell->input_error);
  g_assert_true (gtk_widget_has_css_class (cell->box, "error"));

  disk_full (FALSE);
  g_assert_true (strata_write_error_save_copy (STRATA_PAGE (page), f->copy_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(StrataWorkspace) copy = open_copy (f);
    g_autofree char *value = cell_value (copy, id, "A");

    g_assert_cmpstr (value, ==, "A named engineer");
  }
  {
    g_autofree char *value = cell_value (f->t.ws, id, "A");

    g_assert_cmpstr (value, ==, before);
  }

  adw_message_dialog_response (dialog, "retry");
  {
    g_autofree char *value = cell_value (f->t.ws, id, "A");

    g_assert_cmpstr (value, ==, "A named engineer");
  }
  /* The cell is clear again and the edit can be undone. */
  cell = g_hash_table_lookup (page->cells, key);
  g_assert_nonnull (cell);
  g_assert_null (cell->input_error);
  g_assert_true (strata_entitlements_can_undo (page->model));
  close_dialog (dialog, heading);
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *w = gui_test_find_id (root, GTK_TYPE_WIDGET, name, 0);

  g_assert_nonnull (w);
  return w;
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  const char *heading = "The override could not be saved";
  const char *reason_text = "Strategic partner in the north";
  g_autoptr(GError) error = NULL;
  StrataCustomersPage *page = STRATA_CUSTOMERS_PAGE (strata_customers_page_new ());
  StrataScoring *scoring = strata_context_get_scoring (f->context);
  AdwMessageDialog *dialog;
  GtkWidget *reason, *error_label;
  gint64 customer;
  g_autofree char *count_sql = NULL;

  g_object_set (page, "context", f->context, NULL);
  f->window = gui_test_show (GTK_WIDGET (page), 1176, 784);
  gui_test_wait (g_list_model_get_n_items (strata_customers_page_get_model (page)) > 0);
  customer = strata_scoring_get_customer_id (scoring, 0);
  count_sql = g_strdup_printf ("SELECT count(*) FROM overrides WHERE customer_id = %" G_GINT64_FORMAT
                               " AND removed_at IS NULL AND reason = '%s'", customer, reason_text);
  strata_context_set_selected_customer (f->context, customer);
  gui_test_wait (g_strcmp0 (gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (page), "detail-name"))),
                            strata_scoring_get_name (scoring, 0)) == 0);
  reason = find (GTK_WIDGET (page), "override-reason");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (GTK_WIDGET (page), "override-tier")), 0);
  gtk_editable_set_text (GTK_EDITABLE (reason), reason_text);

  disk_full (TRUE);
  g_signal_emit_by_name (find (GTK_WIDGET (page), "override-set"), "clicked");
  dialog = wait_write_error (heading);
  /* Nothing was written; the pane says why and keeps the reason. */
  g_assert_cmpint (test_query_int (f->t.ws, count_sql), ==, 0);
  error_label = find (GTK_WIDGET (page), "override_error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "the disk is full"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, reason_text);

  disk_full (FALSE);
  g_assert_true (strata_write_error_save_copy (STRATA_PAGE (page), f->copy_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(StrataWorkspace) copy = open_copy (f);

    g_assert_cmpint (test_query_int (copy, count_sql), ==, 1);
    g_assert_cmpint (test_query_int (copy, "SELECT count(*) FROM audit_log WHERE action = 'override.set'"), ==, 1);
  }
  g_assert_cmpint (test_query_int (f->t.ws, count_sql), ==, 0);

  adw_message_dialog_response (dialog, "retry");
  g_assert_cmpint (test_query_int (f->t.ws, count_sql), ==, 1);
  /* The window follows: the customer's tier is the override's. */
  gui_test_wait (strata_scoring_get_final_tier (scoring, 0) == 0);
  close_dialog (dialog, heading);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/write-errors/publish", Fixture, NULL, fixture_setup, test_publish, fixture_teardown);
  g_test_add ("/write-errors/entitlement", Fixture, NULL, fixture_setup, test_entitlement,
              fixture_teardown);
  g_test_add ("/write-errors/override", Fixture, NULL, fixture_setup, test_override,
              fixture_teardown);
  return g_test_run ();
}
