/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant under Xvfb: preview of a fixture with its detected
 * encoding and delimiter, changing a column's role, importing into the
 * workspace, the summary with the rejected rows, strict mode, Cancel that
 * leaves the workspace as it was; and its view logic without widgets. */
#include "config.h"

#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "import-test-util.h"
#include "strata-context.h"
#include "strata-import-dialog.h"
#include "strata-import-view.h"
#include "strata-metric-list.h"
#include "strata-seed.h"

typedef struct
{
  TestWorkspace       t;
  StrataContext      *context;
  GtkWindow          *parent;
  StrataImportDialog *dialog;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup (&f->t, "strata-import-dialog", "test.strata");
  f->context = strata_context_new (f->t.ws);
  strata_context_finish_scoring (f->context);
  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
  f->dialog = g_object_ref_sink (strata_import_dialog_new (f->parent, f->context));
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_object_unref (f->dialog);
  gtk_window_destroy (f->parent);
  g_clear_object (&f->context);
  test_workspace_teardown (&f->t);
}

/* Runs the main loop until the assistant is at step (an import may take a
 * while under the sanitizers). */
static void
wait_for_step (StrataImportDialog *dialog,
               const char         *step)
{
  gui_test_wait_until (g_str_equal (strata_import_dialog_get_step (dialog), step), 60000);
  g_assert_cmpstr (strata_import_dialog_get_step (dialog), ==, step);
}

static void
set_fixture (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  strata_import_dialog_set_file (f->dialog, file);
}

/* The title of column i of the preview table. */
static char *
table_title (Fixture *f,
             guint    i)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gui_test_find_widget (GTK_WIDGET (f->dialog), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

  return g_strdup (gtk_column_view_column_get_title (column));
}

static void
collect_combo_rows (GtkWidget *root,
                    GPtrArray *out)
{
  if (ADW_IS_COMBO_ROW (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_combo_rows (child, out);
}

/* The dropdown of column col on the preview page (after the file page's
 * five: sheet, kind, split, encoding, delimiter). */
static AdwComboRow *
mapping_row (Fixture *f,
             guint    col)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_combo_rows (GTK_WIDGET (f->dialog), rows);
  g_assert_cmpuint (rows->len, >, 5 + col);
  return ADW_COMBO_ROW (rows->pdata[5 + col]);
}

static guint
table_rows (Fixture *f)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gui_test_find_widget (GTK_WIDGET (f->dialog), GTK_TYPE_COLUMN_VIEW));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

/* The text of the first label under root that starts with prefix, or NULL. */
static const char *
label_starting (GtkWidget  *root,
                const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The note under the period says what an import into it replaces, for
 * the kind of file chosen. */
static void
test_period_note (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", "formats.csv", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q3");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *note;

  /* 2026-Q3 has data. */
  r = strata_import_run (f->t.ws, path, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* As the assistant does after an import: the period list reloads. */
  strata_workspace_emit_changed (f->t.ws, "periods");
  strata_import_dialog_set_kind (f->dialog, STRATA_IMPORT_KIND_CUSTOMERS);
  strata_import_dialog_set_period (f->dialog, "2026-Q3");
  note = label_starting (GTK_WIDGET (f->dialog), "2026-Q3 exists:");
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "the customers in this file get the file’s values"));
  g_assert_nonnull (strstr (note, "other customers keep all their values"));

  strata_import_dialog_set_kind (f->dialog, STRATA_IMPORT_KIND_ORDERS);
  note = label_starting (GTK_WIDGET (f->dialog), "2026-Q3 exists:");
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "all of its order lines"));
  g_assert_nonnull (strstr (note, "recalculated for all customers"));

  strata_import_dialog_set_period (f->dialog, "2099-Q1");
  g_assert_nonnull (label_starting (GTK_WIDGET (f->dialog), "2099-Q1 is new"));
}

static void
test_preview_map_import (Fixture       *f,
                         gconstpointer  data)
{
  const StrataImportPreview *p;
  g_autofree char *title = NULL;
  g_autofree char *value = NULL;
  g_autofree char *n = NULL;
  GStrv row;

  strata_import_dialog_set_period (f->dialog, "2026-Q3");
  set_fixture (f, "customers-gb18030.csv");
  g_assert_null (strata_import_dialog_get_error (f->dialog));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->result->encoding, ==, "GB18030");
  g_assert_cmpint (p->result->delimiter, ==, ',');
  g_assert_cmpuint (p->header->len, ==, 9);
  g_assert_cmpstr (p->header->pdata[0], ==, "客户编号");
  g_assert_cmpuint (p->rows->len, ==, 10);
  row = p->rows->pdata[0];
  g_assert_cmpstr (row[0], ==, "C001");
  g_assert_cmpstr (row[1], ==, "上海华东机电设备有限公司");
  g_assert_cmpuint (g_array_index (p->lines, guint64, 0), ==, 2);
  /* The table shows every previewed row: a line column, then the file's. */
  g_assert_cmpuint (table_rows (f), ==, 10);
  title = table_title (f, 1);
  g_assert_cmpstr (title, ==, "客户编号 → Customer ID");
  g_clear_pointer (&title, g_free);

  /* 员工人数 would be a new metric; the user ignores it instead. */
  g_assert_cmpstr (strata_import_view_column_role (p->result, 8), ==, "new");
  g_assert_cmpuint (p->result->new_metrics->len, ==, 1);
  title = table_title (f, 9);
  g_assert_cmpstr (title, ==, "员工人数 → New metric");
  g_clear_pointer (&title, g_free);
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 8, "ignored"));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_cmpstr (p->result->columns->pdata[8], ==, "ignored");
  g_assert_cmpuint (p->result->new_metrics->len, ==, 0);
  title = table_title (f, 9);
  g_assert_cmpstr (title, ==, "员工人数 → Ignore");
  g_clear_pointer (&title, g_free);
  /* The column's dropdown shows it too, and choosing there changes it. */
  {
    AdwComboRow *combo = mapping_row (f, 8);

    g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (combo)), ==, "Ignore");
    combo = mapping_row (f, 7);
    g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (combo)), ==,
                     "Attribute (text)");
    adw_combo_row_set_selected (combo, 0);   /* Ignore */
    gui_test_wait_idle ();
    g_assert_true (combo == mapping_row (f, 7));   /* the same row, kept */
    g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
    p = strata_import_dialog_get_preview (f->dialog);
    g_assert_cmpstr (p->result->columns->pdata[7], ==, "ignored");
    g_assert_true (strata_import_dialog_set_column_role (f->dialog, 7, "attribute"));
    p = strata_import_dialog_get_preview (f->dialog);
  }
  /* 行业 (an attribute) becomes a new metric... of text: every row rejected. */
  g_assert_cmpstr (p->result->columns->pdata[6], ==, "attribute");
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 6, "new"));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_cmpstr (strata_import_view_column_role (p->result, 6), ==, "new");
  g_assert_cmpuint (p->result->rows_rejected, ==, 10);
  g_assert_cmpstr (((StrataImportReject *) p->result->rejects->pdata[0])->column, ==, "行业");
  /* ...so back to an attribute. */
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 6, "attribute"));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_cmpuint (p->result->rows_rejected, ==, 0);
  g_assert_false (strata_import_dialog_set_column_role (f->dialog, 42, "ignored"));
  g_assert_false (strata_import_dialog_set_column_role (f->dialog, 0, "no such role"));
  /* The preview wrote nothing. */
  n = query_text (f->t.path, "SELECT count(*) FROM customers");
  g_assert_cmpstr (n, ==, "0");
  g_clear_pointer (&n, g_free);

  strata_import_dialog_next (f->dialog);
  g_assert_cmpstr (strata_import_dialog_get_step (f->dialog), ==, "preview");
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  g_assert_nonnull (strata_import_dialog_get_result (f->dialog));
  g_assert_cmpuint (strata_import_dialog_get_result (f->dialog)->rows_imported, ==, 10);
  g_assert_cmpuint (strata_import_dialog_get_result (f->dialog)->rows_rejected, ==, 0);
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog),
                                    "10 customers created, 0 updated"));

  n = query_text (f->t.path, "SELECT count(*) FROM customers");
  g_assert_cmpstr (n, ==, "10");
  g_clear_pointer (&n, g_free);
  value = metric_value (f->t.path, "2026-Q3", "C001", "order_amount");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (value, NULL), 1250000.50, 1e-6);
  g_clear_pointer (&value, g_free);
  value = metric_value (f->t.path, "2026-Q3", "C002", "order_amount");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (value, NULL), 500000, 1e-6);
  g_clear_pointer (&value, g_free);
  n = query_text (f->t.path, "SELECT count(*) FROM metrics WHERE label = '员工人数'");
  g_assert_cmpstr (n, ==, "0");
  g_clear_pointer (&n, g_free);
  n = query_text (f->t.path, "SELECT value FROM attributes a JOIN customers c ON c.id = a.customer_id"
                           " WHERE c.ext_id = 'C001' AND a.key = '行业'");
  g_assert_cmpstr (n, ==, "制造业");
  g_clear_pointer (&n, g_free);
  /* The window follows the imported period. */
  g_assert_cmpstr (strata_context_get_period (f->context), ==, "2026-Q3");

  /* Importing the period again updates it: nobody new. */
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_object_unref (f->dialog);
  f->dialog = g_object_ref_sink (strata_import_dialog_new (f->parent, f->context));
  set_fixture (f, "customers-gb18030.csv");
  strata_import_dialog_next (f->dialog);
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog),
                                    "0 customers created, 10 updated"));
  n = query_text (f->t.path, "SELECT count(*) FROM periods");
  g_assert_cmpstr (n, ==, "1");
}

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  static const guint64 lines[] = { 3, 4, 5, 8, 9, 11 };
  const StrataImportPreview *p;
  const StrataImportResult *r;
  g_autofree char *csv_path = g_build_filename (f->t.dir, "rejected.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *n = NULL;
  g_autoptr(GError) error = NULL;

  strata_import_dialog_set_period (f->dialog, "2026-Q4");
  set_fixture (f, "bad-rows.csv");
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_nonnull (p);
  /* The preview shows the same problems the import will have. */
  g_assert_cmpuint (p->result->rows_rejected, ==, 6);
  strata_import_dialog_next (f->dialog);
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  r = strata_import_dialog_get_result (f->dialog);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->rows_imported, ==, 3);
  g_assert_cmpuint (r->rows_rejected, ==, 6);
  g_assert_cmpuint (r->rejects->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_cmpuint (((StrataImportReject *) r->rejects->pdata[i])->line, ==, lines[i]);
  g_assert_cmpstr (((StrataImportReject *) r->rejects->pdata[0])->column, ==, "order_amount");
  g_assert_cmpstr (((StrataImportReject *) r->rejects->pdata[0])->value, ==, "12abc");
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog),
                                    "3 imported, 6 rejected"));
  n = query_text (f->t.path, "SELECT count(*) FROM customers");
  g_assert_cmpstr (n, ==, "3");

  /* Save Rejected Rows… writes them all, with their lines. */
  g_assert_true (strata_import_dialog_save_rejects (f->dialog, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "3,order_amount,12abc,not a number"));
  g_assert_nonnull (strstr (csv, "8,referrals,many,not a number"));
}

static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before = dump_database (f->t.path);
  g_autofree char *after = NULL;

  strata_import_dialog_set_period (f->dialog, "2026-Q4");
  strata_import_dialog_set_strict (f->dialog, TRUE);
  set_fixture (f, "bad-rows.csv");
  strata_import_dialog_next (f->dialog);
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  g_assert_null (strata_import_dialog_get_result (f->dialog));
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog),
                            "Nothing was imported"));
  after = dump_database (f->t.path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_orders_semicolon (Fixture       *f,
                       gconstpointer  data)
{
  const StrataImportPreview *p;
  g_autofree char *value = NULL;

  strata_import_dialog_set_period (f->dialog, "2024-Q1");
  strata_import_dialog_set_kind (f->dialog, STRATA_IMPORT_KIND_ORDERS);
  set_fixture (f, "orders-semicolon.csv");
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_nonnull (p);
  g_assert_cmpint (p->result->delimiter, ==, ';');
  g_assert_cmpstr (p->result->encoding, ==, "UTF-8");
  /* German headers are not guessed: the records show as read, with the
   * reason, and the user names the columns. */
  g_assert_nonnull (p->problem);
  g_assert_nonnull (strstr (p->problem->message, "customer id"));
  g_assert_cmpuint (p->header->len, ==, 6);
  g_assert_cmpuint (p->rows->len, ==, 6);
  g_assert_cmpstr (((GStrv) p->rows->pdata[0])[5], ==, "1,50");
  strata_import_dialog_next (f->dialog);
  g_assert_cmpstr (strata_import_dialog_get_step (f->dialog), ==, "preview");
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 0, "customer"));
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 1, "date"));
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 2, "invoice"));
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 3, "product"));
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 4, "quantity"));
  g_assert_true (strata_import_dialog_set_column_role (f->dialog, 5, "unit_price"));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_nonnull (p);
  g_assert_null (p->problem);
  g_assert_cmpstr (p->result->columns->pdata[4], ==, "quantity");
  g_assert_cmpstr (p->result->columns->pdata[5], ==, "unit_price");
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  g_assert_nonnull (strata_import_dialog_get_result (f->dialog));
  /* K1: 2 x 1.50 + 1 x 10 on R1, and whatever else the fixture has. */
  value = metric_value (f->t.path, "2024-Q1", "K1", "order_amount");
  g_assert_cmpfloat (g_ascii_strtod (value, NULL), >=, 13.0);
}

/* A file large enough to cancel in the middle. */
static char *
write_big_orders (const char *dir)
{
  char *path = g_build_filename (dir, "big-orders.csv", NULL);
  GString *s = g_string_new ("CustomerID,InvoiceDate,InvoiceNo,StockCode,Quantity,UnitPrice\n");

  for (guint i = 0; i < 400000; i++)
    g_string_append_printf (s, "C%05u,2026-07-%02u,I%u,P%u,%u,%u.25\n", i % 20000, i % 28 + 1,
                            i / 3, i % 97, i % 7 + 1, i % 50);
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  g_string_free (s, TRUE);
  return path;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *big = write_big_orders (f->t.dir);
  g_autoptr(GFile) file = g_file_new_for_path (big);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  strata_import_dialog_set_period (f->dialog, "2026-Q3");
  strata_import_dialog_set_kind (f->dialog, STRATA_IMPORT_KIND_ORDERS);
  strata_import_dialog_set_file (f->dialog, file);
  g_assert_nonnull (strata_import_dialog_get_preview (f->dialog));
  before = dump_database (f->t.path);
  strata_import_dialog_next (f->dialog);
  strata_import_dialog_next (f->dialog);
  g_assert_cmpstr (strata_import_dialog_get_step (f->dialog), ==, "progress");

  /* The window keeps running while the worker reads: progress arrives. */
  gui_test_wait_until (strata_import_dialog_get_fraction (f->dialog) > 0.0 ||
                       !g_str_equal (strata_import_dialog_get_step (f->dialog), "progress"), 60000);
  g_assert_cmpstr (strata_import_dialog_get_step (f->dialog), ==, "progress");
  g_assert_cmpfloat (strata_import_dialog_get_fraction (f->dialog), >, 0.0);
  g_assert_cmpfloat (strata_import_dialog_get_fraction (f->dialog), <, 0.95);
  strata_import_dialog_cancel (f->dialog);
  wait_for_step (f->dialog, "summary");
  g_assert_null (strata_import_dialog_get_result (f->dialog));
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog), "Nothing was imported"));
  after = dump_database (f->t.path);
  g_assert_cmpstr (before, ==, after);
}

/* Without a workspace, Import asks to create or open one. */
static void
test_no_workspace (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  strata_import_dialog_run_for_window (f->parent, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "No Workspace Is Open");
  g_assert_true (adw_message_dialog_has_response (dialog, "new"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The view logic alone: roles, options from the user's choices, texts. */
static void
test_view (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(StrataMetricList) metrics = strata_metric_list_new (f->t.ws);
  g_autoptr(GPtrArray) roles = strata_import_view_roles (STRATA_IMPORT_KIND_CUSTOMERS,
                                                         G_LIST_MODEL (metrics));
  g_autoptr(GPtrArray) orders = strata_import_view_roles (STRATA_IMPORT_KIND_ORDERS, NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "P");
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) overrides = g_ptr_array_new ();
  StrataImportResult r = { 0 };
  StrataImportReject reject = { 4, (char *) "amount", (char *) "12abc", (char *) "not a number" };
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;

  g_assert_cmpuint (roles->len, ==, 5 + g_list_model_get_n_items (G_LIST_MODEL (metrics)));
  g_assert_cmpint (strata_import_view_find_role (roles, "ignored"), ==, 0);
  g_assert_cmpint (strata_import_view_find_role (roles, "metric:order_amount"), >, 2);
  g_assert_cmpint (strata_import_view_find_role (roles, "attribute"), ==, (int) roles->len - 1);
  g_assert_cmpuint (orders->len, ==, 8);
  g_assert_cmpint (strata_import_view_find_role (orders, "unit_price"), ==, 5);
  g_assert_cmpint (strata_import_view_find_role (orders, "id"), ==, -1);

  g_ptr_array_add (header, (char *) "Kunde");
  g_ptr_array_add (header, (char *) "Umsatz");
  g_ptr_array_add (header, (char *) "Region");
  g_ptr_array_add (header, (char *) "Notiz");
  g_ptr_array_add (overrides, (char *) "id");
  g_ptr_array_add (overrides, (char *) "metric:order_amount");
  g_ptr_array_add (overrides, (char *) "attribute");
  g_ptr_array_add (overrides, (char *) "ignored");
  strata_import_view_apply_roles (o, header, overrides);
  g_assert_cmpstr (o->id_column, ==, "Kunde");
  g_assert_cmpuint (o->map_metrics->len, ==, 1);
  g_assert_cmpstr (o->map_metrics->pdata[0], ==, "order_amount");
  g_assert_cmpstr (o->map_columns->pdata[0], ==, "Umsatz");
  g_assert_cmpstr (o->attribute_columns->pdata[0], ==, "Region");
  g_assert_cmpstr (o->ignore_columns->pdata[0], ==, "Notiz");

  r.rows_read = 9;
  r.rows_imported = 3;
  r.rows_rejected = 6;
  r.customers = 3;
  r.rows_without_customer = 1;
  summary = strata_import_view_summary (&r, "2026-Q3", 2);
  g_assert_cmpstr (summary, ==, "9 rows read into 2026-Q3.\n3 imported, 6 rejected.\n"
                                "2 customers created, 1 updated.\n"
                                "1 line without a customer ID was skipped.");
  /* Lines without a customer are not "rejected": no "0 rejected" above them. */
  g_clear_pointer (&summary, g_free);
  r.rows_read = 1235;
  r.rows_imported = 1;
  r.rows_rejected = 0;
  r.rows_without_customer = 1234;
  summary = strata_import_view_summary (&r, "2010-Q4", 1);
  g_assert_cmpstr (summary, ==, "1,235 rows read into 2010-Q4.\n1 imported.\n"
                                "1 customer created, 2 updated.\n"
                                "1,234 lines without a customer ID were skipped.");
  /* Large counts are grouped, as in the tables. */
  g_clear_pointer (&summary, g_free);
  r.rows_read = 1234567;
  r.rows_imported = 1234560;
  r.rows_rejected = 7;
  r.customers = 1234560;
  r.rows_without_customer = 0;
  summary = strata_import_view_summary (&r, "2026-Q3", 1000000);
  g_assert_cmpstr (summary, ==, "1,234,567 rows read into 2026-Q3.\n1,234,560 imported, 7 rejected.\n"
                                "1,000,000 customers created, 234,560 updated.");
  title = strata_import_view_reject_title (&reject);
  g_assert_cmpstr (title, ==, "Line 4, column “amount”: “12abc”");
  g_assert_cmpstr (strata_import_view_delimiter_name ('\t'), ==, "tab");
}

/* The file page's "Split By", shown for order lines: with Quarter, the
 * period is not needed (its entry is off), and one import makes a period
 * per quarter of the lines' dates; the latest becomes current. */
static void
test_split (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t.dir, "lines.csv", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const StrataImportResult *r;
  AdwComboRow *split = NULL;
  GtkWidget *period_row;
  g_autofree char *v = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                                      "1,1,2010-12-31 23:59:59,10,A\n"
                                      "2,2,2011-01-01 00:00:00,10,A\n"
                                      "3,1,2011-02-01,4,B\n", -1, NULL));
  file = g_file_new_for_path (path);
  collect_combo_rows (GTK_WIDGET (f->dialog), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), "Split By") == 0)
      split = rows->pdata[i];
  g_assert_nonnull (split);
  period_row = gtk_widget_get_prev_sibling (GTK_WIDGET (split));
  g_assert_true (ADW_IS_ENTRY_ROW (period_row));

  strata_import_dialog_set_kind (f->dialog, STRATA_IMPORT_KIND_CUSTOMERS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (split)));
  strata_import_dialog_set_file (f->dialog, file);
  strata_import_dialog_set_kind (f->dialog, STRATA_IMPORT_KIND_ORDERS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (split)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (split)), ==, 4);
  strata_import_dialog_set_period (f->dialog, "");
  g_assert_true (gtk_widget_get_sensitive (period_row));

  adw_combo_row_set_selected (split, 1);   /* Quarter */
  g_assert_false (gtk_widget_get_sensitive (period_row));
  g_assert_nonnull (label_starting (GTK_WIDGET (f->dialog), "Each line goes to the period of its date"));
  g_assert_null (strata_import_dialog_get_error (f->dialog));

  strata_import_dialog_next (f->dialog);
  g_assert_cmpstr (strata_import_dialog_get_step (f->dialog), ==, "preview");
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  r = strata_import_dialog_get_result (f->dialog);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->periods->len, ==, 2);
  g_assert_cmpstr (r->periods->pdata[0], ==, "2010-Q4");
  g_assert_cmpstr (r->periods->pdata[1], ==, "2011-Q1");
  g_assert_nonnull (strstr (strata_import_dialog_get_summary (f->dialog),
                            "3 rows read into 2010-Q4, 2011-Q1."));
  g_assert_cmpstr (strata_context_get_period (f->context), ==, "2011-Q1");
  v = metric_value (f->t.path, "2011-Q1", "A", "order_amount");
  g_assert_cmpstr (v, ==, "20");
  g_clear_pointer (&v, g_free);
  v = metric_value (f->t.path, "2010-Q4", "A", "order_amount");
  g_assert_cmpstr (v, ==, "10");

  /* Back to customers: no split, whatever was chosen. */
  strata_import_dialog_set_kind (f->dialog, STRATA_IMPORT_KIND_CUSTOMERS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (split)));
}

/* An Excel workbook is chosen and dropped like a CSV file and previews
 * through the same reader: the first sheet with data, its header below
 * the title row, the merged header joined, sheet rows as lines. */
static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", "customers.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const StrataImportPreview *p;
  GStrv row;

  g_assert_true (strata_import_is_table_file (file));
  strata_import_dialog_set_period (f->dialog, "2026-Q3");
  set_fixture (f, "customers.xlsx");
  g_assert_null (strata_import_dialog_get_error (f->dialog));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->result->sheet, ==, "客户");
  g_assert_cmpuint (p->header->len, ==, 8);
  g_assert_cmpstr (p->header->pdata[3], ==, "Logins Web");
  g_assert_cmpuint (p->rows->len, ==, 3);
  row = p->rows->pdata[0];
  g_assert_cmpstr (row[0], ==, "C001");
  g_assert_cmpstr (row[5], ==, "08123");
  g_assert_cmpuint (g_array_index (p->lines, guint64, 0), ==, 5);
  g_assert_cmpuint (table_rows (f), ==, 3);
  /* The postal codes stay text. */
  g_assert_cmpstr (p->result->columns->pdata[5], ==, "attribute");
}

/* A legacy .xls with the same merged header (read by the helper
 * strata-xls-reader): the same joined column names in the preview. */
static void
test_xls_merged_header (Fixture       *f,
                        gconstpointer  data)
{
  const StrataImportPreview *p;
  g_autofree char *web = NULL, *app = NULL;
  GtkStack *stack;

  strata_import_dialog_set_period (f->dialog, "2026-Q3");
  set_fixture (f, "merged-header.xls");
  g_assert_null (strata_import_dialog_get_error (f->dialog));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->result->sheet, ==, "客户");
  g_assert_cmpuint (p->header->len, ==, 8);
  g_assert_cmpstr (p->header->pdata[3], ==, "Logins Web");
  g_assert_cmpstr (p->header->pdata[4], ==, "Logins App");
  g_assert_cmpuint (p->rows->len, ==, 3);
  g_assert_cmpuint (g_array_index (p->lines, guint64, 0), ==, 5);
  /* Column 0 holds the line numbers; each title names the mapping too. */
  web = table_title (f, 4);
  app = table_title (f, 5);
  g_assert_true (g_str_has_prefix (web, "Logins Web → "));
  g_assert_true (g_str_has_prefix (app, "Logins App → "));
  /* The preview page, where the columns show, once it has slid in. */
  strata_import_dialog_next (f->dialog);
  stack = GTK_STACK (gui_test_find_widget (GTK_WIDGET (f->dialog), GTK_TYPE_STACK));
  gui_test_wait (!gtk_stack_get_transition_running (stack));
  gui_test_save_screenshot (GTK_WIDGET (f->dialog), "import-xls-merged-header.png");
}

/* The file page's combo row titled title. */
static AdwComboRow *
combo_row_titled (Fixture    *f,
                  const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_combo_rows (GTK_WIDGET (f->dialog), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  g_assert_not_reached ();
}

/* A workbook of several sheets: the file page offers them all, starting on
 * the first with data; the preview and the import follow the choice. A
 * CSV file or a workbook of one sheet offers none. */
static void
test_sheet_picker (Fixture       *f,
                   gconstpointer  data)
{
  AdwComboRow *sheet = combo_row_titled (f, "Sheet");
  GListModel *names;
  const StrataImportPreview *p;
  g_autofree char *n = NULL;
  g_autofree char *value = NULL;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sheet)));
  strata_import_dialog_set_period (f->dialog, "2026-Q4");
  set_fixture (f, "two-sheets.xlsx");
  g_assert_null (strata_import_dialog_get_error (f->dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sheet)));
  names = adw_combo_row_get_model (sheet);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Notes");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==, "Q3");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==, "Q4");
  g_assert_cmpuint (adw_combo_row_get_selected (sheet), ==, 1);
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_cmpstr (p->result->sheet, ==, "Q3");
  g_assert_cmpuint (p->rows->len, ==, 2);
  g_assert_cmpstr (((GStrv) p->rows->pdata[0])[0], ==, "C001");
  g_assert_cmpuint (table_rows (f), ==, 2);

  /* Picking Q4 reads it: three other customers. */
  adw_combo_row_set_selected (sheet, 2);
  g_assert_null (strata_import_dialog_get_error (f->dialog));
  p = strata_import_dialog_get_preview (f->dialog);
  g_assert_cmpstr (p->result->sheet, ==, "Q4");
  g_assert_cmpuint (p->rows->len, ==, 3);
  g_assert_cmpstr (((GStrv) p->rows->pdata[0])[0], ==, "C101");
  g_assert_cmpstr (((GStrv) p->rows->pdata[0])[1], ==, "甲公司");
  g_assert_cmpuint (table_rows (f), ==, 3);
  gui_test_save_screenshot (GTK_WIDGET (f->dialog), "import-sheet-picker.png");

  /* The empty sheet reads as nothing to import, and says so. */
  adw_combo_row_set_selected (sheet, 0);
  g_assert_true (strata_import_dialog_get_error (f->dialog) != NULL
                 || strata_import_dialog_get_preview (f->dialog)->problem != NULL);
  adw_combo_row_set_selected (sheet, 2);

  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "preview");
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  g_assert_cmpuint (strata_import_dialog_get_result (f->dialog)->rows_imported, ==, 3);
  g_assert_cmpstr (strata_import_dialog_get_result (f->dialog)->sheet, ==, "Q4");
  n = query_text (f->t.path, "SELECT group_concat(ext_id) FROM (SELECT ext_id FROM customers"
                             " WHERE ext_id IN ('C001', 'C101', 'C102', 'C103') ORDER BY ext_id)");
  g_assert_cmpstr (n, ==, "C101,C102,C103");
  value = metric_value (f->t.path, "2026-Q4", "C101", "order_amount");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (value, NULL), 5000, 1e-6);

  /* A workbook of one sheet with data offers no choice. */
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_object_unref (f->dialog);
  f->dialog = g_object_ref_sink (strata_import_dialog_new (f->parent, f->context));
  sheet = combo_row_titled (f, "Sheet");
  set_fixture (f, "dates-1904.xlsx");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sheet)));
  set_fixture (f, "two-sheets.xlsx");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sheet)));
  set_fixture (f, "customers-utf8.csv");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sheet)));
  g_assert_null (strata_import_dialog_get_preview (f->dialog)->result->sheet);

  /* An OpenDocument spreadsheet opens the assistant, which says why it
   * cannot be read and what to do. */
  {
    g_autofree char *ods = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                  "spreadsheet.ods", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (ods);
    g_autoptr(GFile) xls = g_file_new_for_path ("/tmp/old.XLS");

    g_assert_true (strata_import_is_table_file (file));
    g_assert_true (strata_import_is_table_file (xls));
    set_fixture (f, "spreadsheet.ods");
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sheet)));
    g_assert_null (strata_import_dialog_get_preview (f->dialog));
    g_assert_nonnull (strstr (strata_import_dialog_get_error (f->dialog)->message, ods));
    g_assert_nonnull (strstr (strata_import_dialog_get_error (f->dialog)->message,
                              "save it as .xlsx or CSV"));
    g_autofree char *shown = g_strdup_printf ("“%s” is an OpenDocument spreadsheet", ods);

    g_assert_nonnull (label_starting (GTK_WIDGET (f->dialog), shown));
  }
}

/* Invoice lines are recognised: the kind, and the period from their
 * dates (one quarter, or one period per quarter), unless chosen. */
static void
test_guessed (Fixture       *f,
              gconstpointer  data)
{
  const StrataImportResult *r;
  const char *note;

  set_fixture (f, "online-retail-200.csv");
  g_assert_null (strata_import_dialog_get_error (f->dialog));
  g_assert_nonnull (label_starting (GTK_WIDGET (f->dialog), "One invoice line"));
  note = label_starting (GTK_WIDGET (f->dialog), "The lines’ dates are all in 2010-Q4.");
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "2010-Q4 is new"));

  strata_import_dialog_next (f->dialog);
  g_assert_cmpstr (strata_import_dialog_get_step (f->dialog), ==, "preview");
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  r = strata_import_dialog_get_result (f->dialog);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->rows_imported, ==, 199);
  g_assert_cmpuint (r->rows_without_customer, ==, 1);
  g_assert_cmpstr (strata_import_dialog_get_summary (f->dialog), ==,
                   "200 rows read into 2010-Q4.\n199 imported.\n"
                   "13 customers created, 0 updated.\n"
                   "1 line without a customer ID was skipped.");
  g_assert_cmpstr (strata_context_get_period (f->context), ==, "2010-Q4");
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM imports WHERE kind = 'orders'"), ==, 1);
}

static void
test_guessed_split (Fixture       *f,
                    gconstpointer  data)
{
  const StrataImportResult *r;

  set_fixture (f, "olist-items-200.csv");
  g_assert_nonnull (label_starting (GTK_WIDGET (f->dialog),
                                    "The lines’ dates span 7 quarters: one period per quarter. "
                                    "Each line goes to the period of its date"));
  strata_import_dialog_next (f->dialog);
  strata_import_dialog_next (f->dialog);
  wait_for_step (f->dialog, "summary");
  r = strata_import_dialog_get_result (f->dialog);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->periods->len, ==, 7);
  g_assert_cmpstr (r->periods->pdata[0], ==, "2017-Q1");
  g_assert_cmpstr (r->periods->pdata[6], ==, "2018-Q3");

  /* A customer table after it: read as customers, the note gone. */
  set_fixture (f, "wholesale-100.csv");
  g_assert_nonnull (label_starting (GTK_WIDGET (f->dialog), "One customer with its figures"));
  g_assert_null (label_starting (GTK_WIDGET (f->dialog), "The lines’ dates"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/import-dialog/period-note", Fixture, NULL, fixture_setup, test_period_note,
              fixture_teardown);
  g_test_add ("/import-dialog/preview-map-import", Fixture, NULL, fixture_setup,
              test_preview_map_import, fixture_teardown);
  g_test_add ("/import-dialog/bad-rows", Fixture, NULL, fixture_setup, test_bad_rows,
              fixture_teardown);
  g_test_add ("/import-dialog/strict", Fixture, NULL, fixture_setup, test_strict,
              fixture_teardown);
  g_test_add ("/import-dialog/orders-semicolon", Fixture, NULL, fixture_setup,
              test_orders_semicolon, fixture_teardown);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/import-dialog/no-workspace", Fixture, NULL, fixture_setup, test_no_workspace,
              fixture_teardown);
  g_test_add ("/import-dialog/split", Fixture, NULL, fixture_setup, test_split, fixture_teardown);
  g_test_add ("/import-dialog/view", Fixture, NULL, fixture_setup, test_view, fixture_teardown);
  g_test_add ("/import-dialog/guessed", Fixture, NULL, fixture_setup, test_guessed, fixture_teardown);
  g_test_add ("/import-dialog/guessed-split", Fixture, NULL, fixture_setup, test_guessed_split,
              fixture_teardown);
  g_test_add ("/import-dialog/xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/import-dialog/sheet-picker", Fixture, NULL, fixture_setup, test_sheet_picker,
              fixture_teardown);
  g_test_add ("/import-dialog/xls-merged-header", Fixture, NULL, fixture_setup,
              test_xls_merged_header, fixture_teardown);
  return g_test_run ();
}
