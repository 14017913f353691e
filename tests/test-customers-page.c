/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page under Xvfb, on a seeded demo workspace: filtering by
 * tier, quadrant and search gives the rows the engine says; sorting by
 * score; selection follows the context both ways; an override set through
 * the detail pane wins, is audited, is marked in the list's Tier cell and
 * can be removed; the CSV and Excel exports are the list as shown; a
 * spinner while the scores load; a draft edited on the Scoring page is the
 * draft the list shows, at once and scored once. Sorting, filtering and
 * searching against rows computed independently, at 20,000 customers too,
 * are in test-customers-sort.c. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "customers-page-test-util.h"
#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-customers-page.h"
#include "strata-customers-page-private.h"
#include "strata-demo.h"
#include "strata-period-data-subset.h"
#include "strata-period-results.h"
#include "strata-prev-tiers.h"
#include "strata-ruleset-store.h"
#include "strata-scoring.h"
#include "strata-scoring-page-private.h"
#include "workspace-test-util.h"
#include "xlsx-test-util.h"
#include "strata-engine-private.h"
#include "strata-scoring-private.h"

typedef CustomersTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  customers_test_setup (f, "strata-customers-page", 500, 3);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  guint n = strata_scoring_get_n_rows (f->scoring);
  guint per_tier[5] = { 0 };
  guint in_quadrant_c = 0;
  g_autofree char *count_text = NULL;

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      guint8 tier = strata_scoring_get_final_tier (f->scoring, i);

      g_assert_cmpuint (tier, <, 5);
      per_tier[tier]++;
      in_quadrant_c += strata_scoring_get_quadrant (f->scoring, i) == STRATA_QUADRANT_C;
    }
  g_assert_cmpuint (customers_test_n_shown (f), ==, n);

  /* Each tier in the tier filter (0 is "All tiers"). */
  for (guint t = 0; t < 5; t++)
    {
      customers_test_filter_tier (f, t + 1);
      gui_test_wait (customers_test_n_shown (f) == per_tier[t]);
      g_assert_cmpuint (customers_test_n_shown (f), ==, per_tier[t]);
    }
  count_text = g_strdup_printf ("%u of %u customers", per_tier[4], n);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "customer-count"))), ==, count_text);
  customers_test_filter_tier (f, 0);

  /* Quadrant C (list index 3: all, A, B, C, D). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (customers_test_find (f, "quadrant-filter")), 3);
  gui_test_wait (customers_test_n_shown (f) == in_quadrant_c);
  g_assert_cmpuint (customers_test_n_shown (f), ==, in_quadrant_c);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (customers_test_find (f, "quadrant-filter")), 0);

  /* Search by id, any case. */
  customers_test_search (f, strata_scoring_get_ext_id (f->scoring, 7));
  gui_test_wait (customers_test_n_shown (f) == 1);
  g_assert_cmpuint (customers_test_n_shown (f), ==, 1);
  customers_test_search (f, "");
  gui_test_wait (customers_test_n_shown (f) == n);
  g_assert_cmpuint (customers_test_n_shown (f), ==, n);
}

/* A search and a filter are the workspace's: another one opens without them. */
static void
test_filters_reset (Fixture       *f,
                    gconstpointer  data)
{
  guint n = strata_scoring_get_n_rows (f->scoring);
  g_autoptr(StrataContext) other = NULL;

  customers_test_search (f, strata_scoring_get_ext_id (f->scoring, 7));
  customers_test_filter_tier (f, 1);
  gui_test_wait (customers_test_n_shown (f) <= 1);
  g_assert_cmpuint (customers_test_n_shown (f), <=, 1);

  /* The same file as a newly opened workspace, its own context. */
  other = strata_context_new (f->t.ws);
  strata_context_finish_scoring (other);
  g_object_set (f->page, "context", other, NULL);
  gui_test_wait (customers_test_n_shown (f) == n);
  g_assert_cmpuint (customers_test_n_shown (f), ==, n);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (customers_test_find (f, "search"))), ==, "");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (customers_test_find (f, "tier-filter"))), ==, 0);
  g_object_set (f->page, "context", f->context, NULL);
}

static void
test_sort_and_select (Fixture       *f,
                      gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (customers_test_find (f, "customer-list"));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) score_column = NULL;
  GListModel *model = strata_customers_page_get_model (f->page);
  guint n = strata_scoring_get_n_rows (f->scoring);
  double max = -G_MAXDOUBLE;
  gint64 id;
  GtkSelectionModel *selection;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Score") == 0)
        score_column = g_object_ref (column);
    }
  g_assert_nonnull (score_column);
  for (guint i = 0; i < n; i++)
    max = MAX (max, strata_scoring_get_score (f->scoring, i));

  gtk_column_view_sort_by_column (view, score_column, GTK_SORT_DESCENDING);
  gui_test_wait_idle ();
  selection = gtk_column_view_get_model (view);
  gtk_selection_model_select_item (selection, 0, TRUE);
  gui_test_wait (strata_context_get_selected_customer (f->context) > 0);
  id = strata_context_get_selected_customer (f->context);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpfloat (strata_scoring_get_score (f->scoring, strata_period_data_find_id (strata_scoring_get_data (f->scoring), id)), ==, max);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* Another page selects a customer: the list and the detail follow. */
  strata_context_set_selected_customer (f->context, strata_scoring_get_customer_id (f->scoring, 42));
  gui_test_wait (g_strcmp0 (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "detail-name"))),
                            strata_scoring_get_name (f->scoring, 42)) == 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "detail-name"))), ==,
                   strata_scoring_get_name (f->scoring, 42));

  /* The detail lists what the customer's tier gets: stage, entitlement,
   * value, one line each, from the workspace's default matrix. */
  {
    GtkWidget *grid = customers_test_find (f, "detail-entitlements");
    guint cells = 0;
    gboolean has_discount = FALSE;

    g_assert_nonnull (grid);
    for (GtkWidget *c = gtk_widget_get_first_child (grid); c; c = gtk_widget_get_next_sibling (c))
      {
        cells++;
        if (GTK_IS_LABEL (c) && g_str_equal (gtk_label_get_text (GTK_LABEL (c)), "Order discount"))
          has_discount = TRUE;
      }
    g_assert_cmpuint (cells, >=, 3 * 5);
    g_assert_cmpuint (cells % 3, ==, 0);
    g_assert_true (has_discount);
  }
}

static gint64
count_audit (Fixture    *f,
             const char *action)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (f->t.ws, "SELECT count(*) FROM audit_log WHERE action = ?1", NULL);

  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Every label of the detail's grids lies inside its grid: wrapping labels
 * measured for one width and drawn at another run into what follows. */
static guint
assert_grids_hold_children (GtkWidget *widget)
{
  guint grids = 0;

  if (GTK_IS_GRID (widget) && gtk_widget_get_first_child (widget) != NULL)
    {
      double height = gtk_widget_get_height (widget);

      grids++;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
        {
          graphene_rect_t b;
          g_assert_true (gtk_widget_compute_bounds (c, widget, &b));
          g_assert_cmpfloat (b.origin.y + b.size.height, <=, height + 0.5);
          if (GTK_IS_LABEL (c))
            {
              int min = 0;
              gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, (int) b.size.width, &min, NULL, NULL, NULL);
              min -= gtk_widget_get_margin_top (c) + gtk_widget_get_margin_bottom (c);  /* bounds leave them out */
              if (min > b.size.height + 0.5)
                g_test_message ("label “%s” needs %d px, has %.0f", gtk_label_get_text (GTK_LABEL (c)), min, b.size.height);
              g_assert_cmpfloat (min, <=, b.size.height + 0.5);
            }
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    grids += assert_grids_hold_children (c);
  return grids;
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  guint row = 0;
  GtkWidget *reason, *set, *remove;

  /* A customer of the last tier (E), set to A through the pane. */
  while (strata_scoring_get_final_tier (f->scoring, row) != 4)
    row++;
  strata_context_set_selected_customer (f->context, strata_scoring_get_customer_id (f->scoring, row));
  gui_test_wait (g_strcmp0 (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "detail-name"))),
                            strata_scoring_get_name (f->scoring, row)) == 0);
  reason = customers_test_find (f, "override-reason");
  set = customers_test_find (f, "override-set");
  g_assert_false (gtk_widget_get_sensitive (set));   /* the reason is required */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (customers_test_find (f, "override-tier")), 0);
  gtk_editable_set_text (GTK_EDITABLE (reason), "Strategic partner in the north");
  g_assert_true (gtk_widget_get_sensitive (set));
  g_signal_emit_by_name (set, "clicked");
  gui_test_wait (strata_scoring_get_final_tier (f->scoring, row) == 0);

  /* The independent scoring sees it too (through the workspace). */
  g_assert_cmpuint (strata_scoring_get_final_tier (f->scoring, row), ==, 0);
  g_assert_cmpint (count_audit (f, "override.set"), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "detail-tier"))), ==,
                   ((StrataTier *) strata_scoring_get_draft (f->scoring)->tiers->pdata[0])->label);
  gui_test_save_screenshot (GTK_WIDGET (f->window), "customers-page.png");
  /* tier A's entitlements, history and receipt, laid out: no row overlaps
   * the next */
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (assert_grids_hold_children (customers_test_find (f, "customer-detail")), >=, 3);

  /* The receipt reads as a sentence with the value grouped: "87,800 is in
   * the band under 500K: 5 points", the value the workspace holds. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    g_autofree char *sql = g_strdup_printf ("SELECT CAST (value AS INTEGER) FROM metric_values"
                                            " JOIN metrics m ON m.id = metric_id"
                                            " WHERE m.key = 'order_amount' AND customer_id = %" G_GINT64_FORMAT
                                            " AND period_id = (SELECT max (id) FROM periods)",
                                            strata_scoring_get_customer_id (f->scoring, row));
    gint64 amount = test_query_int (f->t.ws, sql);
    const char *sentence = NULL;

    gui_test_collect (customers_test_find (f, "customer-detail"), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len && sentence == NULL; i++)
      if (strstr (gtk_label_get_text (labels->pdata[i]), " is in the band ") != NULL)
        sentence = gtk_label_get_text (labels->pdata[i]);
    g_assert_nonnull (sentence);
    {
      g_autofree char *digits = g_strndup (sentence, strstr (sentence, " is in") - sentence);
      g_autofree char *plain = NULL;
      g_auto(GStrv) groups = g_strsplit (digits, ",", -1);

      for (guint i = 1; groups[i] != NULL; i++)
        g_assert_cmpuint (strlen (groups[i]), ==, 3);
      plain = g_strjoinv ("", groups);
      g_assert_cmpint (g_ascii_strtoll (plain, NULL, 10), ==, amount);
      g_assert_true (amount < 1000 || strchr (digits, ',') != NULL);
    }
    g_assert_true (g_str_has_suffix (sentence, " points") || g_str_has_suffix (sentence, " point"));
  }

  remove = customers_test_find (f, "override-remove");
  g_assert_true (gtk_widget_get_visible (remove));
  g_signal_emit_by_name (remove, "clicked");
  gui_test_wait (strata_scoring_get_final_tier (f->scoring, row) == 4);
  g_assert_cmpuint (strata_scoring_get_final_tier (f->scoring, row), ==, 4);
  g_assert_cmpint (count_audit (f, "override.remove"), ==, 1);
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t.dir, "list.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint shown, in_d = 0;

  for (guint i = 0; i < strata_scoring_get_n_rows (f->scoring); i++)
    in_d += strata_scoring_get_final_tier (f->scoring, i) == 3;
  customers_test_filter_tier (f, 4);   /* D */
  gui_test_wait (customers_test_n_shown (f) == in_d);
  shown = customers_test_n_shown (f);
  g_assert_true (strata_customers_page_export_csv (f->page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "ID,Name,Annual order amount,"));
  lines = g_strsplit (contents, "\r\n", -1);
  /* Header, one line per row shown, and the empty string after the last. */
  g_assert_cmpuint (g_strv_length (lines), ==, shown + 2);
  for (guint i = 1; i <= shown; i++)
    g_assert_true (strstr (lines[i], ",D,") != NULL);
}

/* The Excel export holds the rows of the CSV export, in the same order:
 * ids as text, amounts and scores as numbers, tiers on their colours, and
 * an About sheet. */
static void
test_export_xlsx (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->t.dir, "list.csv", NULL);
  g_autofree char *path = g_build_filename (f->t.dir, "list.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *cell = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) about = NULL;
  g_autoptr(GError) error = NULL;
  guint shown;

  customers_test_filter_tier (f, 2);   /* B */
  gui_test_wait_idle ();
  shown = customers_test_n_shown (f);
  g_assert_cmpuint (shown, >, 0);
  g_assert_true (strata_customers_page_export_csv (f->page, csv_path, &error));
  g_assert_true (strata_customers_page_export_xlsx (f->page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  lines = g_strsplit (contents + 3, "\r\n", -1);

  rows = xlsx_test_read (path, NULL);
  g_assert_cmpuint (rows->len, ==, shown + 1);
  g_assert_cmpstr (((GStrv) rows->pdata[0])[0], ==, "ID");
  g_assert_cmpstr (((GStrv) rows->pdata[0])[2], ==, "Annual order amount");
  g_assert_cmpstr (((GStrv) rows->pdata[0])[6], ==, "Tier");
  for (guint i = 1; i <= shown; i++)
    {
      GStrv row = rows->pdata[i];
      g_auto(GStrv) csv = g_strsplit (lines[i], ",", -1);

      g_assert_cmpstr (row[0], ==, csv[0]);
      g_assert_cmpstr (row[6], ==, "B");
      /* The CSV's figures, as numbers (its names may hold commas: from the end). */
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[5], NULL),
                                      g_ascii_strtod (csv[g_strv_length (csv) - 4], NULL), 1e-9);
    }
  /* Typed cells: the id is a string, the amount and score are numbers
   * with a format, the tier is a string on its colour's format. */
  cell = xlsx_test_cell_xml (path, "xl/worksheets/sheet1.xml", "A2");
  g_assert_nonnull (strstr (cell, "t=\"inlineStr\"") ? cell : strstr (cell, "t=\"s\""));
  g_clear_pointer (&cell, g_free);
  cell = xlsx_test_cell_xml (path, "xl/worksheets/sheet1.xml", "F2");
  g_assert_null (strstr (cell, " t=\""));
  g_assert_nonnull (strstr (cell, " s=\""));
  g_assert_nonnull (strstr (cell, "<v>"));
  g_clear_pointer (&cell, g_free);
  cell = xlsx_test_cell_xml (path, "xl/worksheets/sheet1.xml", "G2");
  g_assert_nonnull (strstr (cell, " s=\""));

  /* The About sheet names the workspace and the number of customers. */
  about = xlsx_test_read (path, "About");
  {
    g_autofree char *n = g_strdup_printf ("%u", shown);
    gboolean has_name = FALSE, has_count = FALSE;

    for (guint i = 0; i < about->len; i++)
      for (GStrv r = about->pdata[i]; *r != NULL; r++)
        {
          has_name |= g_str_equal (*r, "demo.strata");
          has_count |= g_str_equal (*r, n);
        }
    g_assert_true (has_name);
    g_assert_true (has_count);
  }
}

static guint
count_in_csv (Fixture    *f,
              const char *mark)
{
  g_autofree char *path = g_build_filename (f->t.dir, "changes.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (strata_customers_page_export_csv (f->page, path, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    n += g_str_has_suffix (lines[i], mark);
  return n;
}

/* The previous period's tiers come from a worker; the Change column then
 * agrees with the review's movement between the two periods. */
static void
test_previous_period (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodResults) prev = NULL;
  const StrataPeriodData *now = strata_scoring_get_data (f->scoring);
  guint up = 0, down = 0;
  gint64 prev_id = 0;
  GListModel *periods = strata_context_get_periods (f->context);

  g_assert_cmpuint (g_list_model_get_n_items (periods), ==, 3);
  {
    g_autoptr(StrataPeriod) second = g_list_model_get_item (periods, 1);
    prev_id = strata_period_get_id (second);
  }
  prev = strata_period_results_load (f->t.ws, prev_id, &error);
  g_assert_no_error (error);
  /* Tiers compared by id, customers by id (both sorted). */
  for (guint i = 0, j = 0; i < now->n; i++)
    {
      guint8 t = strata_scoring_get_final_tier (f->scoring, i);
      guint8 p;

      while (j < prev->data->n && prev->data->ids[j] < now->ids[i])
        j++;
      if (j >= prev->data->n || prev->data->ids[j] != now->ids[i] || t == STRATA_TIER_NONE)
        continue;
      p = prev->result->final_tier[j];
      if (p >= prev->rules->tiers->len)
        continue;
      p = strata_rules_find_tier (strata_scoring_get_draft (f->scoring),
                                  ((StrataTier *) prev->rules->tiers->pdata[p])->id);
      up += t < p;
      down += t > p;
    }
  g_assert_cmpuint (up + down, >, 0);
  gui_test_wait (count_in_csv (f, ",↑") + count_in_csv (f, ",↓") > 0);
  g_assert_cmpuint (count_in_csv (f, ",↑"), ==, up);
  g_assert_cmpuint (count_in_csv (f, ",↓"), ==, down);
}

/* What the page keeps of the previous period: one byte per row shown,
 * the final tier the full results give, and nothing for other rows. */
static void
test_previous_kept (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodResults) prev = NULL;
  g_autoptr(StrataPrevTiers) kept = NULL;
  g_autoptr(StrataPeriodData) first = NULL;
  g_autofree guint8 *mapped = NULL;
  g_autofree guint8 *other = NULL;
  const StrataPeriodData *now = strata_scoring_get_data (f->scoring);
  const StrataRules *rules = strata_scoring_get_draft (f->scoring);
  GListModel *periods = strata_context_get_periods (f->context);
  guint matched = 0, none = 0;
  gint64 prev_id;

  {
    g_autoptr(StrataPeriod) second = g_list_model_get_item (periods, 1);

    prev_id = strata_period_get_id (second);
  }
  /* The same period without its last customer. */
  first = strata_period_data_load_customer_ids (f->t.ws, now->period_id, now->ids, now->n - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n, ==, now->n - 1);
  prev = strata_period_results_load (f->t.ws, prev_id, &error);
  g_assert_no_error (error);
  kept = strata_prev_tiers_read (f->t.ws, prev_id, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpuint (strata_prev_tiers_get_size (kept), <=, 64 + now->n);
  g_assert_true (strata_prev_tiers_fits (kept, now));
  mapped = strata_prev_tiers_map (kept, rules, now);
  g_assert_nonnull (mapped);
  for (guint i = 0; i < now->n; i++)
    {
      int j = strata_period_data_find_id (prev->data, now->ids[i]);
      int want = STRATA_CUSTOMER_NO_TIER;

      if (j >= 0 && prev->result->final_tier[j] < prev->rules->tiers->len)
        {
          int t = strata_rules_find_tier (rules, ((StrataTier *) prev->rules->tiers->pdata[prev->result->final_tier[j]])->id);

          want = t >= 0 ? t : STRATA_CUSTOMER_NO_TIER;
        }
      g_assert_cmpint (mapped[i], ==, want);
      matched += want != STRATA_CUSTOMER_NO_TIER;
      none += want == STRATA_CUSTOMER_NO_TIER;
    }
  g_assert_cmpuint (matched, >, 0);
  g_assert_cmpuint (matched + none, ==, now->n);
  /* Other rows: not these tiers. */
  g_assert_false (strata_prev_tiers_fits (kept, first));
  other = strata_prev_tiers_map (kept, rules, first);
  g_assert_null (other);
}

/* A draft edited while the page is hidden frees the scoring's previous draft
 * before the page reloads (on its next map): what the page still shows, its
 * tiers' ids and labels, must not point into the freed rules (ASan in CI
 * reads them through the page's rules and cells). */
static void
test_draft_while_hidden (Fixture       *f,
                         gconstpointer  data)
{
  StrataScoring *scoring = strata_context_get_scoring (f->context);
  g_autoptr(StrataRules) draft = strata_rules_copy (strata_scoring_get_draft (scoring));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const StrataRules *shown;
  StrataTier *a, *b;

  for (guint t = 0; t < draft->tiers->len; t++)
    g_ptr_array_add (ids, g_strdup (((StrataTier *) draft->tiers->pdata[t])->id));
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  gui_test_wait (!gtk_widget_get_mapped (GTK_WIDGET (f->page)));

  a = draft->tiers->pdata[0];
  b = draft->tiers->pdata[1];
  a->min_score = (a->min_score + b->min_score) / 2;
  strata_scoring_set_draft (scoring, draft);
  strata_context_finish_scoring (f->context);
  gui_test_wait_idle ();

  /* Not reloaded yet: still the rules of the rows it shows. */
  shown = strata_customers_page_get_rules (f->page);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->tiers->len, ==, ids->len);
  for (guint t = 0; t < ids->len; t++)
    g_assert_cmpstr (((StrataTier *) shown->tiers->pdata[t])->id, ==, ids->pdata[t]);

  /* Shown again, it reloads and lists the new draft's tiers. */
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  gui_test_wait (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  gui_test_wait_idle ();
  shown = strata_customers_page_get_rules (f->page);
  g_assert_true (strata_rules_equal (shown, draft));
}

static void
test_shared_draft (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) period = NULL;
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autofree guint *counts = NULL;
  StrataScoringPage *scoring_page = STRATA_SCORING_PAGE (strata_scoring_page_new ());
  GtkWindow *window;
  StrataTier *a, *b;
  guint before;

  g_object_set (scoring_page, "context", f->context, NULL);
  window = gui_test_show (GTK_WIDGET (scoring_page), -1, -1);
  gui_test_wait (scoring_page->draft != NULL);

  customers_test_filter_tier (f, 1);  /* tier A */
  gui_test_wait_idle ();
  before = customers_test_n_shown (f);

  /* Tier A from halfway down to B: more customers in A. */
  draft = strata_rules_copy (scoring_page->draft);
  a = draft->tiers->pdata[0];
  b = draft->tiers->pdata[1];
  a->min_score = (a->min_score + b->min_score) / 2;
  period = strata_period_data_load (f->t.ws, strata_context_get_period_id (f->context), &error);
  g_assert_no_error (error);
  result = strata_engine_score (draft, period, &error);
  g_assert_no_error (error);
  counts = strata_result_count_tiers (result);
  g_assert_cmpuint (counts[0], >, before);

  /* G_MESSAGES_DEBUG=all shows how often the period is scored after this. */
  g_debug ("Draft edited");
  strata_scoring_page_replace_draft (scoring_page, draft, "Tier A lower");
  /* One draft, the context's: the list shows it at once, and it is saved
   * (an edit is on disk once its undo entry is there). */
  g_assert_nonnull (strata_context_get_scoring (f->context));
  g_assert_true (strata_rules_equal (strata_scoring_get_draft (strata_context_get_scoring (f->context)),
                                     draft));
  g_assert_false (scoring_page->save_pending);
  {
    g_autoptr(StrataRules) saved = strata_ruleset_store_get_draft (f->t.ws, &error);

    g_assert_no_error (error);
    g_assert_true (strata_rules_equal (saved, draft));
  }
  g_assert_cmpuint (customers_test_n_shown (f), ==, counts[0]);

  /* Saving it changed nothing more. */
  gui_test_wait_idle ();
  g_assert_cmpuint (customers_test_n_shown (f), ==, counts[0]);
  g_debug ("Draft saved");

  gui_test_destroy (window);
}

/* The attribute filter's choices come from a worker: every pair, and
 * choosing one shows exactly the period's customers that have it. */
static void
test_attribute_filter (Fixture       *f,
                       gconstpointer  data)
{
  GtkDropDown *filter = GTK_DROP_DOWN (customers_test_find (f, "attribute-filter"));
  gint64 pairs = test_query_int (f->t.ws, "SELECT COUNT (*) FROM (SELECT DISTINCT key, value FROM attributes)");
  g_autofree char *sql = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) pair = NULL;
  gint64 expected;

  g_assert_cmpint (pairs, >, 1);
  gui_test_wait (g_list_model_get_n_items (gtk_drop_down_get_model (filter)) == (guint) MIN (pairs, 500) + 1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (filter)), ==, MIN (pairs, 500) + 1);
  /* Every pair once, ordered by key and then value. */
  {
    g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (
      f->t.ws, "SELECT key || ': ' || value FROM attributes GROUP BY key, value ORDER BY key, value LIMIT 500", NULL);
    guint i = 1;

    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (filter)), i++), ==,
                       (const char *) sqlite3_column_text (stmt, 0));
    g_assert_cmpuint (i, ==, MIN (pairs, 500) + 1);
  }
  label = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (filter)), 1));
  pair = g_strsplit (label, ": ", 2);
  sql = g_strdup_printf ("SELECT COUNT (*) FROM attributes a JOIN period_customers pc"
                         " ON pc.customer_id = a.customer_id"
                         " WHERE pc.period_id = (SELECT max (id) FROM periods)"
                         " AND a.key = '%s' AND a.value = '%s'", pair[0], pair[1]);
  expected = test_query_int (f->t.ws, sql);
  g_assert_cmpint (expected, >, 0);
  gtk_drop_down_set_selected (filter, 1);
  gui_test_wait (customers_test_n_shown (f) == (guint) expected);
  g_assert_cmpuint (customers_test_n_shown (f), ==, expected);
}

static guint
count_tier_cells (Fixture    *f,
                  const char *tier_id)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  gui_test_collect (customers_test_find (f, "customer-list"), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "tier-chip") &&
        g_strcmp0 (gtk_label_get_text (labels->pdata[i]), tier_id) == 0)
      n++;
  return n;
}

static void
count_changes (guint *n)
{
  (*n)++;
}

/* New scores with the same rows: the cells on screen show them without
 * the list's 100,000 items being replaced. */
static void
test_cells_refresh (Fixture       *f,
                    gconstpointer  data)
{
  const char *best = ((StrataTier *) strata_scoring_get_draft (f->scoring)->tiers->pdata[0])->id;
  guint row = 0, before, changes = 0;

  /* A customer of the last tier near the top of the (unsorted) list. */
  while (strata_scoring_get_final_tier (f->scoring, row) != 4)
    row++;
  g_assert_cmpuint (row, <, 10);
  gui_test_wait_frame (GTK_WIDGET (f->window));
  before = count_tier_cells (f, best);
  g_signal_connect_swapped (strata_customers_page_get_model (f->page), "items-changed",
                            G_CALLBACK (count_changes), &changes);
  strata_context_set_selected_customer (f->context, strata_scoring_get_customer_id (f->scoring, row));
  gui_test_wait (g_strcmp0 (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "detail-name"))),
                            strata_scoring_get_name (f->scoring, row)) == 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (customers_test_find (f, "override-tier")), 0);
  gtk_editable_set_text (GTK_EDITABLE (customers_test_find (f, "override-reason")), "Strategic partner");
  g_signal_emit_by_name (customers_test_find (f, "override-set"), "clicked");
  gui_test_wait (strata_scoring_get_final_tier (f->scoring, row) == 0 && count_tier_cells (f, best) == before + 1);
  g_assert_cmpuint (count_tier_cells (f, best), ==, before + 1);
  g_assert_cmpuint (changes, ==, 0);
  g_signal_handlers_disconnect_by_func (strata_customers_page_get_model (f->page), count_changes, &changes);
}

/* The override marks on screen (mapped: recycled cells off screen do not
 * count); the first in *mark. */
static guint
override_marks (Fixture    *f,
                GtkWidget **mark)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  guint n = 0;

  gui_test_collect (customers_test_find (f, "customer-list"), GTK_TYPE_IMAGE, images);
  for (guint i = 0; i < images->len; i++)
    if (gtk_widget_has_css_class (images->pdata[i], "override-mark") && gtk_widget_get_mapped (images->pdata[i]))
      {
        if (n++ == 0 && mark != NULL)
          *mark = images->pdata[i];
      }
  return n;
}

/* The list's row (css name "row") a cell's widget is in. */
static GtkWidget *
row_widget (GtkWidget *widget)
{
  while (widget != NULL && g_strcmp0 (gtk_widget_get_css_name (widget), "row") != 0)
    widget = gtk_widget_get_parent (widget);
  return widget;
}

/* The Tier cell marks a tier set by hand, with its reason, in the row of
 * that customer only; removing the override clears it. */
static void
test_override_mark (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *list = customers_test_find (f, "customer-list"), *mark = NULL, *id_label = NULL;
  guint row = 0;

  while (strata_scoring_get_final_tier (f->scoring, row) != 4)
    row++;
  g_assert_cmpuint (row, <, 10);   /* on screen in the unsorted list */
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (override_marks (f, NULL), ==, 0);

  strata_context_set_selected_customer (f->context, strata_scoring_get_customer_id (f->scoring, row));
  gui_test_wait (g_strcmp0 (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "detail-name"))),
                            strata_scoring_get_name (f->scoring, row)) == 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (customers_test_find (f, "override-tier")), 0);
  gtk_editable_set_text (GTK_EDITABLE (customers_test_find (f, "override-reason")), "Strategic partner");
  g_signal_emit_by_name (customers_test_find (f, "override-set"), "clicked");
  gui_test_wait (override_marks (f, NULL) == 1);
  g_assert_cmpuint (override_marks (f, &mark), ==, 1);
  g_assert_true (gtk_widget_get_visible (mark));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mark), ==, "Tier set by hand: Strategic partner");

  /* In the row of that customer (the list's row widget holding its ID). */
  gui_test_collect (list, STRATA_TYPE_CUSTOMER_CELL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i]) &&
        g_strcmp0 (strata_customer_cell_get_text (labels->pdata[i]), strata_scoring_get_ext_id (f->scoring, row)) == 0)
      id_label = labels->pdata[i];
  g_assert_nonnull (id_label);
  g_assert_nonnull (row_widget (mark));
  g_assert_true (row_widget (mark) == row_widget (id_label));
  gui_test_save_screenshot (GTK_WIDGET (f->window), "customers-override-mark.png");

  g_signal_emit_by_name (customers_test_find (f, "override-remove"), "clicked");
  gui_test_wait (override_marks (f, NULL) == 0);
  g_assert_cmpuint (override_marks (f, NULL), ==, 0);
  g_assert_cmpuint (strata_scoring_get_final_tier (f->scoring, row), ==, 4);
}

/* A workspace whose scores are still being read shows a spinner over the
 * page, and the rows once they come. */
static void
test_spinner_while_loading (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StrataContext) context = strata_context_new (f->t.ws);
  GtkWidget *spinner;

  /* Nothing ran yet on the main loop: the scoring is still on its worker. */
  g_assert_true (strata_context_get_scoring_loading (context));
  g_object_set (f->page, "context", context, NULL);
  spinner = gui_test_find_id (GTK_WIDGET (f->page), GTK_TYPE_SPINNER, "page-loading", 0);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_true (strata_page_get_loading (STRATA_PAGE (f->page)));
  /* Under it the list's headers, not a page saying nothing is open. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (customers_test_find (f, "stack"))), ==, "list");

  gui_test_wait (!strata_context_get_scoring_loading (context) &&
                 customers_test_n_shown (f) == strata_scoring_get_n_rows (f->scoring));
  g_assert_null (gui_test_find_id (GTK_WIDGET (f->page), GTK_TYPE_SPINNER, "page-loading", 0));
  g_assert_false (strata_page_get_loading (STRATA_PAGE (f->page)));
  g_object_set (f->page, "context", f->context, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/customers-page/filters", Fixture, NULL, fixture_setup, test_filters, customers_test_teardown);
  g_test_add ("/customers-page/filters-reset", Fixture, NULL, fixture_setup, test_filters_reset,
              customers_test_teardown);
  g_test_add ("/customers-page/sort-and-select", Fixture, NULL, fixture_setup, test_sort_and_select, customers_test_teardown);
  g_test_add ("/customers-page/spinner-while-loading", Fixture, NULL, fixture_setup,
              test_spinner_while_loading, customers_test_teardown);
  g_test_add ("/customers-page/override", Fixture, NULL, fixture_setup, test_override, customers_test_teardown);
  g_test_add ("/customers-page/override-mark", Fixture, NULL, fixture_setup, test_override_mark, customers_test_teardown);
  g_test_add ("/customers-page/attribute-filter", Fixture, NULL, fixture_setup, test_attribute_filter,
              customers_test_teardown);
  g_test_add ("/customers-page/cells-refresh", Fixture, NULL, fixture_setup, test_cells_refresh,
              customers_test_teardown);
  g_test_add ("/customers-page/shared-draft", Fixture, NULL, fixture_setup, test_shared_draft, customers_test_teardown);
  g_test_add ("/customers-page/draft-while-hidden", Fixture, NULL, fixture_setup, test_draft_while_hidden,
              customers_test_teardown);
  g_test_add ("/customers-page/export-csv", Fixture, NULL, fixture_setup, test_export_csv, customers_test_teardown);
  g_test_add ("/customers-page/export-xlsx", Fixture, NULL, fixture_setup, test_export_xlsx,
              customers_test_teardown);
  g_test_add ("/customers-page/previous-kept", Fixture, NULL, fixture_setup, test_previous_kept, customers_test_teardown);
  g_test_add ("/customers-page/previous-period", Fixture, NULL, fixture_setup, test_previous_period,
              customers_test_teardown);
  return g_test_run ();
}
