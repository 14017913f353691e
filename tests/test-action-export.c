/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Action Lists… of the Review page under Xvfb: the menu's four exports on
 * the demo (2026-Q2 → 2026-Q3): the CSV's rows, one PDF per owner into a
 * folder, one PDF with a section per owner, an Excel workbook read back,
 * and the first toast's text;
 * the movement's movers as CSV and as an Excel workbook. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "gui-test-util.h"
#include "strata-action-list.h"
#include "strata-application.h"
#include "strata-demo.h"
#include "strata-period-data.h"
#include "strata-review-page.h"
#include "strata-window.h"
#include "strata-movement.h"
#include "strata-review-deck.h"
#include "window-test-util.h"
#include "workspace-test-util.h"
#include "xlsx-test-util.h"

static char *tmpdir;
static GApplication *app;
static StrataWindow *window;

typedef struct
{
  gboolean done;
  gboolean ok;
  guint    n_files;
} Result;

static void
exported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;
  g_autoptr(GError) error = NULL;

  r->ok = strata_action_export_finish (result, &r->n_files, &error);
  g_assert_no_error (error);
  r->done = TRUE;
}

static void
export (StrataReviewPage       *page,
        StrataActionExportKind  kind,
        const char             *path,
        Result                 *r)
{
  *r = (Result) { 0, };
  strata_review_page_export_actions (page, kind, NULL, path, exported, r);
  gui_test_wait (r->done);
  g_assert_true (r->ok);
}

static gboolean
is_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &data, &len, NULL) && len > 1000 &&
         g_str_has_prefix (data, "%PDF-");
}

static void
test_action_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "demo.strata", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "actions.csv", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "actions.pdf", NULL);
  g_autofree char *folder = g_build_filename (tmpdir, "owners", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected_toast = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataActionList) list = NULL;
  g_autoptr(GDir) dir = NULL;
  StrataReviewPage *page;
  GtkWidget *button;
  GMenuModel *menu;
  gint64 from_id = 0, to_id = 0;
  guint n_pdfs = 0;
  Result r;

  g_assert_true (strata_demo_write (path, 600, STRATA_DEMO_DEFAULT_SEED, 4, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  g_assert_no_error (error);

  /* What the lists hold, from a connection of the test's own. */
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_period_find (ws, "2026-Q2", &from_id, NULL, &error));
  g_assert_true (strata_period_find (ws, "2026-Q3", &to_id, NULL, &error));
  list = strata_action_list_compute (ws, from_id, to_id, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_action_list_get_n_items (list), >, 100);
  g_assert_cmpuint (strata_action_list_get_n_owners (list), >, 10);

  g_assert_true (strata_window_open_path (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (strata_window_show_page (window, "review"));
  page = STRATA_REVIEW_PAGE (strata_window_get_page (window, "review"));
  gui_test_wait (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (strata_review_page_set_periods (page, "2026-Q2", "2026-Q3"));
  gui_test_wait (strata_review_page_get_deck (page) != NULL);

  /* The toolbar's menu: three exports, each the page's action. */
  button = gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, "actions_button", 0);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 4);
  g_object_unref (menu);

  /* CSV: the columns, a row per mover. */
  export (page, STRATA_ACTION_EXPORT_CSV, csv, &r);
  g_assert_cmpuint (r.n_files, ==, 1);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "owner,id,name,from_tier,to_tier,from_quadrant,to_quadrant,"
                                 "reason,gains,losses,action");
  g_assert_cmpuint (g_strv_length (lines), ==, strata_action_list_get_n_items (list) + 2);
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
  expected_toast = g_strdup_printf ("Action lists saved as “%s”", csv);
  /* The toast says where it went. */
  gui_test_wait (gui_test_find_label (GTK_WIDGET (window), GTK_TYPE_LABEL, expected_toast) != NULL);

  /* The workbook: the CSV's rows under translated headers, tier cells in
   * colour, a frozen header with a filter, costly products and About. */
  {
    g_autofree char *xlsx = g_build_filename (tmpdir, "actions.xlsx", NULL);
    g_autofree char *cell = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GPtrArray) about = NULL;
    const StrataActionOwner *first_owner = strata_action_list_get_owner (list, 0);
    const StrataActionItem *first_item = first_owner->items->pdata[0];
    GStrv head, first;
    gboolean has_version = FALSE;

    export (page, STRATA_ACTION_EXPORT_XLSX, xlsx, &r);
    g_assert_cmpuint (r.n_files, ==, 1);
    rows = xlsx_test_read (xlsx, "Action lists");
    g_assert_cmpuint (rows->len, ==, strata_action_list_get_n_items (list) + 1);
    head = rows->pdata[0];
    g_assert_cmpuint (g_strv_length (head), ==, 11);
    g_assert_cmpstr (head[0], ==, "Owner");
    g_assert_cmpstr (head[3], ==, "Tier before");
    g_assert_cmpstr (head[10], ==, "Action");
    first = rows->pdata[1];
    g_assert_cmpstr (first[0], ==, first_owner->label);
    g_assert_cmpstr (first[1], ==, first_item->ext_id);
    g_assert_cmpstr (first[2], ==, first_item->name);
    g_assert_cmpstr (first[4], ==, first_item->to_tier != NULL ? first_item->to_tier : "");
    /* A tier cell has a style of its own (its colour). */
    cell = xlsx_test_cell_xml (xlsx, "xl/worksheets/sheet1.xml", "E2");
    g_assert_nonnull (cell);
    g_assert_nonnull (strstr (cell, " s=\""));
    g_clear_pointer (&cell, g_free);
    cell = xlsx_test_part (xlsx, "xl/worksheets/sheet1.xml");
    g_assert_nonnull (strstr (cell, "<autoFilter ref=\"A1:K1\""));
    g_assert_nonnull (strstr (cell, "ySplit=\"1\""));
    about = xlsx_test_read (xlsx, "About");
    for (guint i = 0; i < about->len; i++)
      if (g_strcmp0 (((GStrv) about->pdata[i])[0], "Rule-set version") == 0)
        has_version = TRUE;
    g_assert_true (has_version);
    g_assert_cmpstr (((GStrv) about->pdata[0])[1], ==, "demo.strata");
  }

  /* One PDF per owner into a folder. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  export (page, STRATA_ACTION_EXPORT_PDF_PER_OWNER, folder, &r);
  g_assert_cmpuint (r.n_files, ==, strata_action_list_get_n_owners (list));
  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; )
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_assert_true (g_str_has_prefix (name, "actions-2026-Q3-"));
      g_assert_true (is_pdf (file));
      n_pdfs++;
    }
  g_assert_cmpuint (n_pdfs, ==, strata_action_list_get_n_owners (list));
  {
    g_autofree char *one = g_strdup_printf ("actions-2026-Q3-%s.pdf",
                                            strata_action_list_get_owner (list, 0)->label);
    g_autofree char *file = g_build_filename (folder, one, NULL);
    g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  }

  /* One PDF, a section per owner. */
  export (page, STRATA_ACTION_EXPORT_PDF, pdf, &r);
  g_assert_cmpuint (r.n_files, ==, 1);
  g_assert_true (is_pdf (pdf));

  /* The movers, as CSV and as a workbook: a row each, in the same order,
   * the workbook's scores and amounts numbers. */
  {
    g_autofree char *mcsv = g_build_filename (tmpdir, "movement.csv", NULL);
    g_autofree char *mxlsx = g_build_filename (tmpdir, "movement.xlsx", NULL);
    g_autofree char *mtext = NULL;
    g_autofree char *cell = NULL;
    g_auto(GStrv) mlines = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    StrataMovement *movement = strata_review_deck_get_movement (strata_review_page_get_deck (page));
    guint movers = 0;
    GStrv first;

    for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
      movers += strata_movement_get_movers (movement, k)->len;
    g_assert_cmpuint (movers, >, 10);
    g_assert_true (strata_review_page_export_movement (page, mcsv, &error));
    g_assert_true (strata_review_page_export_movement (page, mxlsx, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (mcsv, &mtext, NULL, NULL));
    mlines = g_strsplit (mtext, "\r\n", -1);
    g_assert_true (g_str_has_prefix (mlines[0], "\xEF\xBB\xBF" "Movement,ID,Name,Tier before,Tier after,"));
    g_assert_cmpuint (g_strv_length (mlines), ==, movers + 2);
    rows = xlsx_test_read (mxlsx, NULL);
    g_assert_cmpuint (rows->len, ==, movers + 1);
    g_assert_cmpstr (((GStrv) rows->pdata[0])[7], ==, "Annual order amount");
    first = rows->pdata[1];
    g_assert_cmpstr (first[0], ==, "up");
    g_assert_true (g_str_has_prefix (mlines[1], "up,"));
    g_assert_nonnull (strstr (mlines[1], first[1]));
    cell = xlsx_test_cell_xml (mxlsx, "xl/worksheets/sheet1.xml", "G2");
    g_assert_null (strstr (cell, " t=\""));
    g_assert_nonnull (strstr (cell, "<v>"));
    g_clear_pointer (&cell, g_free);
    cell = xlsx_test_cell_xml (mxlsx, "xl/worksheets/sheet1.xml", "E2");
    g_assert_nonnull (strstr (cell, " s=\""));

    /* The menu offers both, after the action lists. */
    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    menu = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
    g_object_unref (menu);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = window_test_init (&argc, &argv, "strata-action-export");
  window_test_bind_translations ();

  app = window_test_app_new (".ActionExportTest");
  window = window_test_activate (app);

  g_test_add_func ("/review/action-lists", test_action_lists);
  status = g_test_run ();

  window_test_finish (GTK_WINDOW (window), &app, &tmpdir);
  return status;
}
