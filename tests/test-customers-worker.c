/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's filters and sorts on a worker (forced here on 3,000
 * generated customers; the page does so from 50,000): sorting by several
 * columns, filtering by tier and searching (Chinese, any case) give
 * exactly the rows computed here from an independent scoring, in order,
 * with the count; typing quickly runs only the last query. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "customers-page-test-util.h"
#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-customer-cell.h"
#include "strata-customers-page.h"
#include "strata-customers-page-private.h"
#include "strata-customers-query.h"
#include "strata-customer-order.h"
#include "strata-period-data-private.h"
#include "strata-demo.h"
#include "strata-format.h"
#include "strata-scoring.h"
#include "strata-scoring-private.h"
#include "workspace-test-util.h"

typedef CustomersTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  customers_test_setup (f, "strata-customers-worker", 3000, 2);
}

typedef struct
{
  Fixture           *f;
  StrataCustomerSort column;
  const double      *amount;
} Ref;

static int
ref_number (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);   /* missing last */
  return (a > b) - (a < b);
}

/* Ascending by column, ties by id: written here from the independent
 * scoring, not with the page's functions. */
static int
ref_compare (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  Ref *r = data;
  StrataScoring *s = r->f->scoring;
  guint ra = *(const guint *) a, rb = *(const guint *) b;
  int c = 0;

  switch (r->column)
    {
    case STRATA_CUSTOMER_SORT_SCORE:
      c = ref_number (strata_scoring_get_score (s, ra), strata_scoring_get_score (s, rb));
      break;
    case STRATA_CUSTOMER_SORT_NAME:
      c = g_utf8_collate (strata_scoring_get_name (s, ra), strata_scoring_get_name (s, rb));
      break;
    case STRATA_CUSTOMER_SORT_TIER:
      c = (int) strata_scoring_get_final_tier (s, ra) - (int) strata_scoring_get_final_tier (s, rb);
      break;
    case STRATA_CUSTOMER_SORT_ORDER_AMOUNT:
      c = ref_number (r->amount ? r->amount[ra] : NAN, r->amount ? r->amount[rb] : NAN);
      break;
    default:
      break;
    }
  if (c != 0)
    return c;
  return strcmp (strata_scoring_get_ext_id (s, ra), strata_scoring_get_ext_id (s, rb));
}

static gboolean
ref_contains (const char *text,
              const char *folded_needle)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, folded_needle) != NULL;
}

/* The rows of tier (-1: all) whose name or id holds needle in any case,
 * sorted by column (descending: the exact reverse). */
static GArray *
reference_rows (Fixture            *f,
                int                 tier,
                const char         *needle,
                StrataCustomerSort  column,
                gboolean            descending)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *folded = needle ? g_utf8_casefold (needle, -1) : NULL;
  Ref ref = { f, column,
              strata_period_data_get_column (strata_scoring_get_data (f->scoring), "order_amount") };

  for (guint i = 0; i < strata_scoring_get_n_rows (f->scoring); i++)
    {
      if (tier >= 0 && strata_scoring_get_final_tier (f->scoring, i) != tier)
        continue;
      if (folded != NULL && !ref_contains (strata_scoring_get_name (f->scoring, i), folded) &&
          !ref_contains (strata_scoring_get_ext_id (f->scoring, i), folded))
        continue;
      g_array_append_val (rows, i);
    }
  g_array_sort_with_data (rows, ref_compare, &ref);
  for (guint i = 0, j = rows->len; descending && i + 1 < j; i++, j--)
    {
      guint t = g_array_index (rows, guint, i);

      g_array_index (rows, guint, i) = g_array_index (rows, guint, j - 1);
      g_array_index (rows, guint, j - 1) = t;
    }
  return rows;
}

/* Waits for the worker's answer, then the page shows exactly want, in
 * order, and counts it. */
static void
assert_rows (Fixture *f,
             GArray  *want)
{
  g_autoptr(GArray) owned = want;
  const guint *rows;
  guint n, all = strata_scoring_get_n_rows (f->scoring);
  g_autofree char *count = NULL;

  gui_test_wait (!strata_customers_page_get_query_busy (f->page) &&
                 !strata_customers_page_get_sort_waiting (f->page));
  strata_customers_page_get_columns (f->page, &rows, &n);
  g_assert_cmpuint (n, ==, want->len);
  for (guint i = 0; i < n; i++)
    if (rows[i] != g_array_index (want, guint, i))
      g_error ("row %u of %u: %u shown, %u expected", i, n, rows[i], g_array_index (want, guint, i));
  /* Grouped as people write it (the latest period has 2,000 to 3,000). */
  g_assert_cmpuint (all, >=, 2000);
  g_assert_cmpuint (all, <=, 3000);
  if (n == all)
    count = g_strdup_printf ("%u,%03u customers", all / 1000, all % 1000);
  else if (n >= 1000)
    count = g_strdup_printf ("%u,%03u of %u,%03u customers", n / 1000, n % 1000, all / 1000, all % 1000);
  else
    count = g_strdup_printf ("%u of %u,%03u customers", n, all / 1000, all % 1000);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (customers_test_find (f, "customer-count"))), ==, count);
}

/* The rows listed at each change of the list (without the blank
 * positions a list that shrank keeps a few frames). */
static void
note_length (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             GArray     *lengths)
{
  guint n = 0;

  strata_row_list_get_rows (STRATA_ROW_LIST (model), &n);
  g_array_append_val (lengths, n);
}

typedef struct
{
  double      y;
  const char *id;
} Shown;

static int
by_y (gconstpointer a,
      gconstpointer b)
{
  const Shown *sa = a, *sb = b;

  return (sa->y > sb->y) - (sa->y < sb->y);
}

/* The ids in the cells on screen, top to bottom, are consecutive rows of
 * want: rows bound off screen before the sort show their new rows once
 * scrolled into view. Returns how many rows were checked. */
static guint
assert_screen_in_order (Fixture *f,
                        GArray  *want)
{
  GtkWidget *list = customers_test_find (f, "customer-list");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (Shown));
  g_autoptr(GHashTable) position = g_hash_table_new (g_str_hash, g_str_equal);
  int first = -1;

  for (guint i = 0; i < want->len; i++)
    g_hash_table_insert (position, (gpointer) strata_scoring_get_ext_id (f->scoring, g_array_index (want, guint, i)),
                         GUINT_TO_POINTER (i + 1));
  gui_test_collect (list, STRATA_TYPE_CUSTOMER_CELL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = strata_customer_cell_get_text (labels->pdata[i]);
      graphene_rect_t b;
      Shown one;

      if (!gtk_widget_get_mapped (labels->pdata[i]) || text[0] != 'C' || strlen (text) != 7 ||
          !gtk_widget_compute_bounds (labels->pdata[i], list, &b) || b.origin.y < 0 ||
          b.origin.y + b.size.height > gtk_widget_get_height (list))
        continue;
      one.y = b.origin.y;
      one.id = text;
      g_array_append_val (shown, one);
    }
  g_array_sort (shown, by_y);
  for (guint i = 0; i < shown->len; i++)
    {
      int at = GPOINTER_TO_UINT (g_hash_table_lookup (position, g_array_index (shown, Shown, i).id)) - 1;

      g_assert_cmpint (at, >=, 0);
      if (first < 0)
        first = at;
      g_assert_cmpint (at, ==, first + (int) i);
    }
  return shown->len;
}

/* Sorting, filtering by tier and searching on a worker give exactly the
 * rows computed here (in order), and the count; typing quickly runs only
 * the last query: one runs, the newest waits for it, none in between is
 * started, and the list ends with the last one's rows, never an older's. */
static void
test_worker_rows (Fixture       *f,
                  gconstpointer  data)
{
  guint n = strata_scoring_get_n_rows (f->scoring);
  const char *english = NULL;
  g_autofree char *fragment = NULL, *upper = NULL;
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint started;

  g_assert_cmpuint (n, >, 2000);
  strata_customers_page_set_query_async_rows (f->page, 0);

  customers_test_sort_by (f, "Score", GTK_SORT_DESCENDING);
  g_assert_true (strata_customers_page_get_query_busy (f->page));
  assert_rows (f, reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_SCORE, TRUE));
  /* Scrolled three pages down: rows bound off screen before the sort
   * show their new rows too. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (customers_test_find (f, "customer-list"), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    g_autoptr(GArray) want = reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_SCORE, TRUE);

    gui_test_wait_frame (GTK_WIDGET (f->window));
    g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);
    gtk_adjustment_set_value (adj, gtk_adjustment_get_page_size (adj) * 3);
    gui_test_wait_frame (GTK_WIDGET (f->window));
    gui_test_wait_frame (GTK_WIDGET (f->window));
    g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);
    /* Sorted again while scrolled there, and back to the top. */
    customers_test_sort_by (f, "Name", GTK_SORT_ASCENDING);
    g_clear_pointer (&want, g_array_unref);
    want = reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_NAME, FALSE);
    gui_test_wait (!strata_customers_page_get_query_busy (f->page));
    gui_test_wait_frame (GTK_WIDGET (f->window));
    g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);
    gtk_adjustment_set_value (adj, 0);
    gui_test_wait_frame (GTK_WIDGET (f->window));
    gui_test_wait_frame (GTK_WIDGET (f->window));
    g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);
  }
  customers_test_sort_by (f, "Order amount", GTK_SORT_DESCENDING);
  assert_rows (f, reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_ORDER_AMOUNT, TRUE));
  customers_test_sort_by (f, "Tier", GTK_SORT_ASCENDING);
  assert_rows (f, reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_TIER, FALSE));
  customers_test_sort_by (f, "Name", GTK_SORT_ASCENDING);
  assert_rows (f, reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_NAME, FALSE));

  /* Tier C, by name; then Chinese within it. */
  customers_test_filter_tier (f, 3);
  g_assert_true (strata_customers_page_get_query_busy (f->page));
  assert_rows (f, reference_rows (f, 2, NULL, STRATA_CUSTOMER_SORT_NAME, FALSE));
  customers_test_search (f, "有限");
  assert_rows (f, reference_rows (f, 2, "有限", STRATA_CUSTOMER_SORT_NAME, FALSE));
  g_assert_cmpuint (customers_test_n_shown (f), >, 0);

  /* Every tier, by score, an English name's fragment in the other case. */
  customers_test_filter_tier (f, 0);
  customers_test_sort_by (f, "Score", GTK_SORT_DESCENDING);
  for (guint i = 0; i < n && english == NULL; i++)
    {
      const char *name = strata_scoring_get_name (f->scoring, i);

      if (g_str_is_ascii (name) && strlen (name) > 6)
        english = name;
    }
  g_assert_nonnull (english);
  fragment = g_strndup (english + 1, 4);
  upper = g_ascii_strup (fragment, -1);
  g_assert_cmpstr (upper, !=, fragment);
  customers_test_search (f, upper);
  assert_rows (f, reference_rows (f, -1, upper, STRATA_CUSTOMER_SORT_SCORE, TRUE));
  g_assert_cmpuint (customers_test_n_shown (f), >, 0);

  /* Typing an id: "c000", "c0001", "c00012" before any answer comes
   * (nearly all, about 100 and about 10 rows). */
  customers_test_search (f, "");
  assert_rows (f, reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_SCORE, TRUE));
  g_signal_connect (strata_customers_page_get_model (f->page), "items-changed", G_CALLBACK (note_length),
                    lengths);
  started = strata_customers_page_get_queries_run (f->page);
  customers_test_search (f, "c000");
  customers_test_search (f, "c0001");
  customers_test_search (f, "c00012");
  /* The first runs; the last waits for it; the middle one never starts. */
  g_assert_cmpuint (strata_customers_page_get_queries_run (f->page), ==, started + 1);
  g_assert_true (strata_customers_page_get_query_busy (f->page));
  assert_rows (f, reference_rows (f, -1, "c00012", STRATA_CUSTOMER_SORT_SCORE, TRUE));
  g_assert_cmpuint (customers_test_n_shown (f), >, 0);
  g_assert_cmpuint (customers_test_n_shown (f), <=, 10);   /* of C000120 … C000129 */
  g_assert_cmpuint (strata_customers_page_get_queries_run (f->page), <=, started + 3);
  /* Never the rows of an older query. */
  g_assert_cmpuint (lengths->len, >, 0);
  for (guint i = 0; i < lengths->len; i++)
    g_assert_cmpuint (g_array_index (lengths, guint, i), ==, customers_test_n_shown (f));
  g_signal_handlers_disconnect_by_func (strata_customers_page_get_model (f->page), note_length, lengths);
}

/* The labels of the cells in view, top to bottom, as rows: each row's
 * texts in one array. */
static GPtrArray *
rows_in_view (Fixture *f)
{
  GtkWidget *list = customers_test_find (f, "customer-list");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (Shown));
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  double y = -1;

  gui_test_collect (list, STRATA_TYPE_CUSTOMER_CELL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      graphene_rect_t b;
      Shown one;

      if (!gtk_widget_get_mapped (labels->pdata[i]) || gtk_widget_get_ancestor (labels->pdata[i], STRATA_TYPE_CUSTOMER_CELL) == NULL ||
          !gtk_widget_compute_bounds (labels->pdata[i], list, &b) || b.origin.y < 0 ||
          b.origin.y + b.size.height > gtk_widget_get_height (list))
        continue;
      one.y = b.origin.y + b.size.height / 2;
      one.id = strata_customer_cell_get_text (labels->pdata[i]);
      g_array_append_val (shown, one);
    }
  g_array_sort (shown, by_y);
  for (guint i = 0; i < shown->len; i++)
    {
      Shown *one = &g_array_index (shown, Shown, i);

      /* Cells of one row are centred within a few pixels of each other. */
      if (rows->len == 0 || one->y - y > 8)
        {
          g_ptr_array_add (rows, g_ptr_array_new ());
          y = one->y;
        }
      g_ptr_array_add (rows->pdata[rows->len - 1], (gpointer) one->id);
    }
  return rows;
}

static gboolean
row_has (GPtrArray  *texts,
         const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (texts->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_cells (Fixture *f)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  gui_test_collect (customers_test_find (f, "customer-list"), STRATA_TYPE_CUSTOMER_CELL, cells);
  return cells->len;
}

/* A filter's answer rebinds only the cells in view, in its own turn, and
 * they show the new rows; the cells of the other rows GTK keeps bound
 * follow frame by frame, and show theirs once scrolled into view. */
static void
test_visible_binds (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (customers_test_find (f, "customer-list"), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr(GArray) want = NULL;
  g_autoptr(GPtrArray) view = NULL;
  guint binds, cells;

  strata_customers_page_set_query_async_rows (f->page, 0);
  customers_test_sort_by (f, "Score", GTK_SORT_DESCENDING);
  assert_rows (f, reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_SCORE, TRUE));
  gui_test_wait (strata_customers_page_get_stale_cells (f->page) == 0 &&
                 !strata_customers_page_get_growing (f->page));
  gui_test_wait_frame (GTK_WIDGET (f->window));
  cells = count_cells (f);

  /* Tier C: from a worker; checked in the turn that showed it, before
   * any frame. */
  customers_test_filter_tier (f, 3);
  want = reference_rows (f, 2, NULL, STRATA_CUSTOMER_SORT_SCORE, TRUE);
  assert_rows (f, g_array_ref (want));
  g_assert_cmpuint (want->len, >, 100);
  binds = strata_customers_page_get_answer_binds (f->page);
  view = rows_in_view (f);
  g_test_message ("%u cells bound by the answer, %u rows in view, %u cells kept by GTK, %u stale",
                  binds, view->len, cells, strata_customers_page_get_stale_cells (f->page));
  g_assert_cmpuint (view->len, >, 5);
  /* The rows in view, those cut by its edges or under the headers and two
   * more on each side, 9 cells each. */
  g_assert_cmpuint (binds, >=, view->len * 9);
  g_assert_cmpuint (binds, <=, (view->len + 8) * 9);
  g_assert_cmpuint (binds, <, cells / 2);
  g_assert_cmpuint (strata_customers_page_get_stale_cells (f->page), >, 0);
  for (guint i = 0; i < view->len; i++)
    {
      guint row = g_array_index (want, guint, i);

      if (!row_has (view->pdata[i], strata_scoring_get_ext_id (f->scoring, row)) ||
          !row_has (view->pdata[i], strata_scoring_get_name (f->scoring, row)))
        g_error ("row %u in view does not show %s %s", i, strata_scoring_get_ext_id (f->scoring, row),
                 strata_scoring_get_name (f->scoring, row));
    }

  /* The others follow within frames; then three pages down. */
  gui_test_wait (strata_customers_page_get_stale_cells (f->page) == 0);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_page_size (adj) * 3);
  gui_test_wait_frame (GTK_WIDGET (f->window));
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);

  /* Scrolled there, all tiers again: the rows that come into view at the
   * top show their rows too. */
  customers_test_filter_tier (f, 0);
  g_clear_pointer (&want, g_array_unref);
  want = reference_rows (f, -1, NULL, STRATA_CUSTOMER_SORT_SCORE, TRUE);
  assert_rows (f, g_array_ref (want));
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);
  gtk_adjustment_set_value (adj, 0);
  gui_test_wait_frame (GTK_WIDGET (f->window));
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);
}

/* Row i of the period (the list's order before any sort) in a row of
 * texts in view: its id, name and score as the cells write them. */
static void
assert_row_shows (Fixture   *f,
                  GPtrArray *texts,
                  guint      row)
{
  g_autofree char *score = strata_format_number (strata_scoring_get_score (f->scoring, row));

  if (!row_has (texts, strata_scoring_get_ext_id (f->scoring, row)) ||
      !row_has (texts, strata_scoring_get_name (f->scoring, row)) || !row_has (texts, score))
    g_error ("row %u in view does not show %s %s %s", row, strata_scoring_get_ext_id (f->scoring, row),
             strata_scoring_get_name (f->scoring, row), score);
}

/* Opening a file: the list goes from no rows to 3,000. GTK 4.8 makes the
 * widgets of 200 rows at once, 9 cells each; the page gives it a
 * screenful first and the rest over the next frames. The frame that
 * paints the first rows made cells for about the rows in view, which
 * show the right rows; the others come, and a customer further down can
 * be selected before they have. */
static void
test_first_rows (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *list = customers_test_find (f, "customer-list");
  GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  guint n = strata_scoring_get_n_rows (f->scoring);
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) view = NULL;
  guint base, made, fit;

  for (guint i = 0; i < n; i++)
    g_array_append_val (want, i);
  for (int pass = 0; pass < 2; pass++)
    {
      g_object_set (f->page, "context", NULL, NULL);
      gui_test_wait (customers_test_n_shown (f) == 0);
      gui_test_wait_frame (GTK_WIDGET (f->window));
      base = strata_customers_page_get_cells_made (f->page);
      g_object_set (f->page, "context", f->context, NULL);
      assert_rows (f, g_array_ref (want));
      if (pass == 1)
        break;
      gui_test_wait_frame (GTK_WIDGET (f->window));
      made = strata_customers_page_get_cells_made (f->page) - base;
      view = rows_in_view (f);
      /* The page takes a row for at least 20 px high: those that fit, and
       * GTK's two more. */
      fit = gtk_widget_get_height (list) / 20 + 1 + 2;
      g_test_message ("first frame: %u cells made, %u rows in view, at most %u rows fit", made, view->len, fit);
      g_assert_cmpuint (view->len, >, 5);
      g_assert_cmpuint (made, >=, view->len * 9);
      g_assert_cmpuint (made, <=, fit * 9);
      g_assert_true (strata_customers_page_get_growing (f->page));
      for (guint i = 0; i < view->len; i++)
        assert_row_shows (f, view->pdata[i], i);

      /* The rest within frames: GTK's 200 rows (and 2 below) in all, the
       * same rows in view, and further down in order. */
      gui_test_wait (!strata_customers_page_get_growing (f->page));
      gui_test_wait_frame (GTK_WIDGET (f->window));
      made = strata_customers_page_get_cells_made (f->page) - base;
      g_test_message ("grown: %u cells made", made);
      g_assert_cmpuint (made, >=, 200 * 9);
      g_assert_cmpuint (made, <=, 206 * 9);
      /* Each row: its widget, GTK's 9 cells and ours, the Tier's chip and
       * mark; a text cell has no label of its own. */
      {
        GtkWidget *rows = gtk_widget_get_last_child (list);
        g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
        guint n_rows = 0;

        for (GtkWidget *r = gtk_widget_get_first_child (rows); r; r = gtk_widget_get_next_sibling (r))
          n_rows++;
        gui_test_collect (rows, GTK_TYPE_WIDGET, widgets);
        g_test_message ("%u widgets in %u rows", widgets->len, n_rows);
        g_assert_cmpuint (n_rows, >=, 200);
        g_assert_cmpuint (widgets->len, <=, 1 + n_rows * 21);
      }
      g_clear_pointer (&view, g_ptr_array_unref);
      view = rows_in_view (f);
      for (guint i = 0; i < view->len; i++)
        assert_row_shows (f, view->pdata[i], i);
      gtk_adjustment_set_value (adj, gtk_adjustment_get_page_size (adj) * 3);
      gui_test_wait_frame (GTK_WIDGET (f->window));
      gui_test_wait_frame (GTK_WIDGET (f->window));
      g_assert_cmpuint (assert_screen_in_order (f, want), >, 5);
    }

  /* Opened again: searches while the rows grow show their rows. */
  g_assert_true (strata_customers_page_get_growing (f->page));
  {
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint i = 0; i < n; i++)
      if (strstr (strata_scoring_get_ext_id (f->scoring, i), "C0001") != NULL)
        g_array_append_val (some, i);
    g_assert_cmpuint (some->len, >, 50);
    customers_test_search (f, "c0001");
    assert_rows (f, g_array_ref (some));
    customers_test_search (f, "");
    assert_rows (f, g_array_ref (want));
  }
  /* A customer near the end is selected before the rows have grown: it
   * is selected and brought into view. */
  g_assert_true (strata_customers_page_get_growing (f->page));
  strata_context_set_selected_customer (f->context, strata_scoring_get_customer_id (f->scoring, n - 2));
  gui_test_wait (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)))) == n - 2);
  gui_test_wait_frame (GTK_WIDGET (f->window));
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_clear_pointer (&view, g_ptr_array_unref);
  view = rows_in_view (f);
  {
    gboolean seen = FALSE;

    for (guint i = 0; i < view->len; i++)
      seen |= row_has (view->pdata[i], strata_scoring_get_ext_id (f->scoring, n - 2));
    g_assert_true (seen);
  }
  g_assert_false (strata_customers_page_get_growing (f->page));
}

/* The widget's pixels as its window's renderer draws them. */
static GBytes *
widget_pixels (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guchar *data = g_malloc (width * height * 4);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* Nothing drawn (no text): transparent. */
  if (node == NULL)
    {
      memset (data, 0, width * height * 4);
      return g_bytes_new_take (data, width * height * 4);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, width * 4);
  return g_bytes_new_take (data, width * height * 4);
}

/* A text column's cell draws its text itself: pixel for pixel what the
 * GtkLabel it held before drew (its column's alignment, tabular figures,
 * the Name's ellipsis, the Change's colours), in rows of every kind, and
 * is read as that label (role and name). */
static void
test_cell_pixels (Fixture       *f,
                  gconstpointer  data)
{
  const StrataCustomerField fields[] = {
    STRATA_CUSTOMER_FIELD_ID, STRATA_CUSTOMER_FIELD_NAME, STRATA_CUSTOMER_FIELD_ORDER_AMOUNT,
    STRATA_CUSTOMER_FIELD_REFERRALS, STRATA_CUSTOMER_FIELD_INQUIRIES, STRATA_CUSTOMER_FIELD_SCORE,
    STRATA_CUSTOMER_FIELD_QUADRANT, STRATA_CUSTOMER_FIELD_CHANGE,
  };
  const guint *rows;
  guint n, compared = 0, changes = 0;
  const StrataCustomerColumns *cols = strata_customers_page_get_columns (f->page, &rows, &n);

  gui_test_wait (cols->prev_tier != NULL);
  /* 160 px wide, and the Name in 60 px: ellipsized. */
  for (int width = 160; width >= 60; width -= 100)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWindow *window = gui_test_show (box, width, 300);

      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        for (guint row = 0; row < 40 && (width > 60 || fields[k] == STRATA_CUSTOMER_FIELD_NAME); row++)
          {
            GtkWidget *cell = strata_customer_cell_new (fields[k]);
            GtkWidget *label;
            g_autoptr(GBytes) want = NULL;
            g_autoptr(GBytes) got = NULL;

            strata_customer_cell_bind (STRATA_CUSTOMER_CELL (cell), cols, row);
            label = gtk_label_new (strata_customer_cell_get_text (STRATA_CUSTOMER_CELL (cell)));
            /* The label as strata-customer-cell.c styled it before. */
            if (fields[k] != STRATA_CUSTOMER_FIELD_ID && fields[k] != STRATA_CUSTOMER_FIELD_NAME &&
                fields[k] != STRATA_CUSTOMER_FIELD_QUADRANT && fields[k] != STRATA_CUSTOMER_FIELD_CHANGE)
              {
                gtk_label_set_xalign (GTK_LABEL (label), 1);
                gtk_widget_add_css_class (label, "numeric");
              }
            else
              gtk_label_set_xalign (GTK_LABEL (label), 0);
            if (fields[k] == STRATA_CUSTOMER_FIELD_NAME)
              gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            for (const char *const *c = (const char *const[]) { "success", "error", NULL }; *c; c++)
              if (gtk_widget_has_css_class (cell, *c))
                {
                  gtk_widget_add_css_class (label, *c);
                  changes++;
                }
            gtk_widget_set_size_request (cell, -1, 30);
            gtk_widget_set_size_request (label, -1, 30);
            gtk_box_append (GTK_BOX (box), cell);
            gtk_box_append (GTK_BOX (box), label);
            gui_test_wait_frame (GTK_WIDGET (window));
            g_assert_cmpint (gtk_widget_get_width (cell), ==, width);
            g_assert_cmpint (gtk_widget_get_width (label), ==, width);
            want = widget_pixels (label);
            got = widget_pixels (cell);
            /* Read as the label was: its role, its text as its name. */
            g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_ROLE_LABEL));
            if (*gtk_label_get_text (GTK_LABEL (label)) != '\0')
              {
                g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell),
                                                                             GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                             gtk_label_get_text (GTK_LABEL (label)));

                g_assert_null (wrong);
              }
            if (!g_bytes_equal (want, got))
              g_error ("column %u, row %u, %d px: the cell \"%s\" does not draw as a label", fields[k], row,
                       width, strata_customer_cell_get_text (STRATA_CUSTOMER_CELL (cell)));
            compared++;
            gtk_box_remove (GTK_BOX (box), cell);
            gtk_box_remove (GTK_BOX (box), label);
          }
      gui_test_destroy (window);
    }
  g_test_message ("%u cells drawn as labels, %u of them with a change's colour", compared, changes);
  g_assert_cmpuint (changes, >, 0);
}

/* On a 1024-pixel screen the list takes the whole width and the detail
 * slides over it when asked for (as at 800): beside a 340-pixel detail, its
 * nine columns would leave the Name column a few characters. At the
 * window's default size (1176) both stay side by side. */
static void
test_narrow_fold (Fixture       *f,
                  gconstpointer  data)
{
  AdwFlap *flap = ADW_FLAP (customers_test_find (f, "flap"));
  StrataCustomersPage *page = STRATA_CUSTOMERS_PAGE (strata_customers_page_new ());
  GtkWindow *window;
  AdwFlap *narrow;

  g_assert_false (adw_flap_get_folded (flap));
  g_object_set (page, "context", f->context, NULL);
  window = gui_test_show (GTK_WIDGET (page), 1024, 700);
  gui_test_wait (g_list_model_get_n_items (strata_customers_page_get_model (page)) > 0);
  narrow = ADW_FLAP (gui_test_find_id (GTK_WIDGET (page), GTK_TYPE_WIDGET, "flap", 0));
  g_assert_true (adw_flap_get_folded (narrow));
  g_assert_false (adw_flap_get_reveal_flap (narrow));
  /* Once the fold's transition has ended. */
  gui_test_wait (gtk_widget_get_width (adw_flap_get_content (narrow)) >= 1000);
  gui_test_destroy (window);
}

/* A search that leaves one row of thousands: the answer is listed at once
 * in the first row, the rows GTK had made stay a few frames, blank, and
 * then go (GTK 4.8 destroyed 200 rows' widgets in the answer's turn). */
static void
test_shrink (Fixture       *f,
             gconstpointer  data)
{
  guint n = strata_scoring_get_n_rows (f->scoring);
  GListModel *model = strata_customers_page_get_model (f->page);
  GtkLabel *count = GTK_LABEL (customers_test_find (f, "count_label"));
  const guint *rows;
  guint n_rows, blank;
  const StrataCustomerColumns *cols = strata_customers_page_get_columns (f->page, &rows, &n_rows);
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) in_view = NULL;
  g_autofree char *n_text = strata_format_integer (NULL, n);
  g_autofree char *expected_count = g_strdup_printf ("1 of %s customers", n_text);

  g_assert_cmpuint (n, >, 2 * STRATA_LIST_GROW_ROWS);
  strata_customers_page_set_query_async_rows (f->page, 0);
  gui_test_wait (customers_test_n_shown (f) == n && !strata_customers_page_get_growing (f->page));
  gui_test_wait_frame (GTK_WIDGET (f->window));
  id = g_strdup (strata_period_data_get_ext_id (cols->strings, n / 2));

  customers_test_search (f, id);
  gui_test_wait (customers_test_n_shown (f) == 1);
  blank = strata_row_list_get_blank (STRATA_ROW_LIST (model));
  g_test_message ("blank positions kept: %u", blank);
  g_assert_cmpuint (blank, >=, STRATA_LIST_GROW_ROWS / 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1 + blank);
  g_assert_cmpstr (gtk_label_get_text (count), ==, expected_count);

  /* On screen: the customer, and nothing in the rows below. */
  gui_test_wait_frame (GTK_WIDGET (f->window));
  in_view = rows_in_view (f);
  g_assert_cmpuint (in_view->len, >, 0);
  g_assert_true (row_has (in_view->pdata[0], id));
  for (guint r = 1; r < in_view->len; r++)
    {
      GPtrArray *texts = in_view->pdata[r];

      for (guint c = 0; c < texts->len; c++)
        g_assert_cmpstr (texts->pdata[c] != NULL ? texts->pdata[c] : "", ==, "");
    }
  /* Gone over the next frames. */
  gui_test_wait (strata_row_list_get_blank (STRATA_ROW_LIST (model)) == 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (customers_test_n_shown (f), ==, 1);
}

/* A Change cell rebound to other rows (a sort) shows each row's arrow,
 * colour and tooltip, however the row before it moved, and nothing for a
 * blank position. */
static void
test_change_cell (void)
{
  const guint8 tier[] = { 1, 3, 2, 2 };
  const guint8 prev[] = { 2, 2, 2, 2 };   /* up, down, same, same */
  g_autoptr(StrataPeriodData) strings = strata_period_data_new_customers ((const char *[]) { "a", "b", "c", "d" },
                                                                         (const char *[]) { "A", "B", "C", "D" }, 4);
  StrataCustomerColumns cols = { .n = 4, .strings = strings, .tier = tier, .prev_tier = prev, .n_tiers = 5 };
  GtkWidget *cell = g_object_ref_sink (strata_customer_cell_new (STRATA_CUSTOMER_FIELD_CHANGE));
  const struct { guint row; const char *text, *tooltip, *class; } steps[] = {
    { 0, "↑", "Up since the previous period", "success" },
    { 0, "↑", "Up since the previous period", "success" },
    { 2, "", NULL, NULL },
    { 3, "", NULL, NULL },
    { 1, "↓", "Down since the previous period", "error" },
    { 0, "↑", "Up since the previous period", "success" },
    { G_MAXUINT, "", NULL, NULL },
    { 1, "↓", "Down since the previous period", "error" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      strata_customer_cell_bind (STRATA_CUSTOMER_CELL (cell), &cols, steps[i].row);
      g_assert_cmpstr (strata_customer_cell_get_text (STRATA_CUSTOMER_CELL (cell)), ==, steps[i].text);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==, steps[i].tooltip);
      g_assert_cmpint (gtk_widget_has_css_class (cell, "success"), ==, g_strcmp0 (steps[i].class, "success") == 0);
      g_assert_cmpint (gtk_widget_has_css_class (cell, "error"), ==, g_strcmp0 (steps[i].class, "error") == 0);
    }
  g_object_unref (cell);
}

/* Above 100,000 rows a search reads the upper half on a thread of its
 * own: the rows kept are those of one pass, in the same order. */
static void
test_split_search (void)
{
  const guint n = 150001;
  g_autofree char **ids = g_new0 (char *, n);
  g_autofree char **names = g_new0 (char *, n);
  g_autofree guint8 *tiers = g_new0 (guint8, n);
  g_autoptr(StrataPeriodData) strings = NULL;
  const char *searches[] = { "acme 7", "c07", "星辰", "north", "c150000", "no one" };

  for (guint i = 0; i < n; i++)
    {
      ids[i] = g_strdup_printf ("C%06u", i);
      names[i] = i % 3 == 0 ? g_strdup_printf ("北京星辰 %u", i)
                 : i % 3 == 1 ? g_strdup_printf ("ACME %u North", i)
                 : g_strdup_printf ("acme %u", i);
      tiers[i] = i % 5;
    }
  strings = strata_period_data_new_customers ((const char **) ids, (const char **) names, n);
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    for (int tier = -1; tier < 2; tier++)
      {
        StrataCustomerColumns cols = { .n = n, .strings = strings, .tier = tiers };
        g_autofree char *folded = strata_customer_view_fold (searches[s]);
        StrataCustomerFilter filter = { folded, tier, -1, NULL };
        g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
        StrataCustomersQuery *query = strata_customers_query_new (&cols, NULL, NULL, &filter);
        StrataCustomersAnswer *answer = strata_customers_query_run (query, NULL);

        for (guint i = 0; i < n; i++)
          if (strata_customer_view_matches (&cols, &filter, i))
            g_array_append_val (expected, i);
        g_assert_nonnull (answer);
        g_test_message ("%s, tier %d: %u rows", searches[s], tier, expected->len);
        g_assert_cmpmem (answer->rows->data, answer->rows->len * sizeof (guint),
                         expected->data, expected->len * sizeof (guint));
        strata_customers_answer_free (answer);
        strata_customers_query_free (query);
      }
  /* What each search finds, counted by hand. */
  {
    StrataCustomerColumns cols = { .n = n, .strings = strings, .tier = tiers };
    StrataCustomerFilter filter = { (char *) "c150000", -1, -1, NULL };
    StrataCustomersQuery *query = strata_customers_query_new (&cols, NULL, NULL, &filter);
    StrataCustomersAnswer *answer = strata_customers_query_run (query, NULL);

    g_assert_cmpuint (answer->rows->len, ==, 1);
    g_assert_cmpuint (g_array_index (answer->rows, guint, 0), ==, 150000);
    strata_customers_answer_free (answer);
    strata_customers_query_free (query);
  }
  for (guint i = 0; i < n; i++)
    {
      g_free (ids[i]);
      g_free (names[i]);
    }
}

/* One query's answer, run with the kept orders or without. */
static GArray *
run_rows (const StrataCustomerColumns *cols,
          StrataPeriodData            *data,
          GBytes                      *by_id,
          StrataSortedRows            *sorted,
          StrataCustomerSort           column,
          gboolean                     descending,
          int                          tier)
{
  StrataCustomerFilter filter = { NULL, tier, -1, NULL };
  g_autoptr(StrataCustomersQuery) query = strata_customers_query_new (cols, data, NULL, &filter);
  g_autoptr(StrataCustomersAnswer) answer = NULL;

  query->by_id = g_bytes_ref (by_id);
  query->column = column;
  query->descending = descending;
  query->sorted = sorted != NULL ? strata_sorted_rows_ref (sorted) : NULL;
  answer = strata_customers_query_run (query, NULL);
  g_assert_nonnull (answer);
  return g_steal_pointer (&answer->rows);
}

static void
assert_same_rows (GArray *a,
                  GArray *b)
{
  g_assert_cmpmem (a->data, a->len * sizeof (guint), b->data, b->len * sizeof (guint));
}

/* The whole period's order of a column is kept for the next queries:
 * answers read from it (the same column again, the other direction, a
 * tier filter, going back to the column before) equal those sorted
 * afresh, and other data finds none of it. */
static void
test_kept_orders (void)
{
  const guint n = 5000;
  g_autofree char **ids = g_new0 (char *, n + 1);
  g_autofree char **names = g_new0 (char *, n + 1);
  g_autofree double *scores = g_new0 (double, n);
  g_autofree double *amounts = g_new0 (double, n);
  g_autofree guint8 *tiers = g_new0 (guint8, n);
  g_autoptr(StrataPeriodData) data = NULL, other = NULL;
  g_autoptr(StrataSortedRows) sorted = strata_sorted_rows_new ();
  g_autoptr(GBytes) by_id = NULL;
  StrataCustomerColumns cols = { .n = n, .score = scores, .order_amount = amounts, .tier = tiers };
  const StrataCustomerSort columns[] = { STRATA_CUSTOMER_SORT_SCORE, STRATA_CUSTOMER_SORT_TIER,
                                         STRATA_CUSTOMER_SORT_ORDER_AMOUNT };
  guint hits;

  for (guint i = 0; i < n; i++)
    {
      /* Ids out of row order, scores with ties, some missing. */
      ids[i] = g_strdup_printf ("C%05u", (i * 7919) % n);
      names[i] = g_strdup_printf ("Customer %u", i);
      scores[i] = i % 17 == 0 ? NAN : (double) ((i * 31) % 97);
      amounts[i] = (double) ((i * 13) % 1000) * 1000.5;
      tiers[i] = (guint8) ((i * 3) % 5);
    }
  data = strata_period_data_new_customers ((const char **) ids, (const char **) names, n);
  other = strata_period_data_new_customers ((const char **) ids, (const char **) names, n);
  cols.strings = data;
  by_id = g_bytes_new_take (strata_customer_order_by_id (data, n), n * sizeof (guint32));

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GArray) fresh = run_rows (&cols, data, by_id, NULL, columns[c], descending, -1);
        g_autoptr(GArray) first = run_rows (&cols, data, by_id, sorted, columns[c], descending, -1);
        g_autoptr(GArray) again = NULL, other_way = NULL, other_fresh = NULL;
        g_autoptr(GArray) tier_fresh = NULL, tier_kept = NULL;

        hits = strata_sorted_rows_get_hits (sorted);
        again = run_rows (&cols, data, by_id, sorted, columns[c], descending, -1);
        g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits + 1);
        assert_same_rows (first, fresh);
        assert_same_rows (again, fresh);
        /* The other direction: the kept order reversed, as a sort makes it. */
        other_way = run_rows (&cols, data, by_id, sorted, columns[c], !descending, -1);
        other_fresh = run_rows (&cols, data, by_id, NULL, columns[c], !descending, -1);
        g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits + 2);
        assert_same_rows (other_way, other_fresh);
        /* A tier's rows, read out of the kept order. */
        tier_fresh = run_rows (&cols, data, by_id, NULL, columns[c], descending, 2);
        tier_kept = run_rows (&cols, data, by_id, sorted, columns[c], descending, 2);
        g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits + 3);
        g_assert_cmpuint (tier_kept->len, ==, n / 5);
        assert_same_rows (tier_kept, tier_fresh);
      }

  /* The last three columns are kept (amount, tier, score, latest first);
   * a fourth (the ids) pushes out the one used longest ago. */
  g_assert_cmpuint (STRATA_SORTED_ROWS_KEPT, ==, 3);
  hits = strata_sorted_rows_get_hits (sorted);
  {
    g_autoptr(GArray) a = run_rows (&cols, data, by_id, sorted, STRATA_CUSTOMER_SORT_SCORE, FALSE, -1);
    g_autoptr(GArray) b = NULL, c = NULL, d = NULL;

    g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits + 1);
    /* Now score, amount, tier: the ids push out the tier. */
    b = run_rows (&cols, data, by_id, sorted, STRATA_CUSTOMER_SORT_ID, FALSE, -1);
    g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits + 1);
    c = run_rows (&cols, data, by_id, sorted, STRATA_CUSTOMER_SORT_ORDER_AMOUNT, FALSE, -1);
    g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits + 2);
    d = run_rows (&cols, data, by_id, sorted, STRATA_CUSTOMER_SORT_TIER, FALSE, -1);
    g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits + 2);
  }

  /* Another period's data (the same rows) finds nothing kept. */
  hits = strata_sorted_rows_get_hits (sorted);
  {
    StrataCustomerColumns other_cols = cols;
    g_autoptr(GArray) a = NULL, b = NULL;

    other_cols.strings = other;
    a = run_rows (&other_cols, other, by_id, sorted, STRATA_CUSTOMER_SORT_TIER, FALSE, -1);
    g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits);
    /* And the first data's orders went with it. */
    b = run_rows (&cols, data, by_id, sorted, STRATA_CUSTOMER_SORT_TIER, FALSE, -1);
    g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits);
  }
  /* Cleared (the page's next period): nothing kept. */
  strata_sorted_rows_clear (sorted);
  {
    g_autoptr(GArray) a = run_rows (&cols, data, by_id, sorted, STRATA_CUSTOMER_SORT_SCORE, FALSE, -1);

    g_assert_cmpuint (strata_sorted_rows_get_hits (sorted), ==, hits);
  }
  for (guint i = 0; i < n; i++)
    {
      g_free (ids[i]);
      g_free (names[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/customers-worker/split-search", test_split_search);
  g_test_add_func ("/customers-worker/kept-orders", test_kept_orders);
  g_test_add_func ("/customers-worker/change-cell", test_change_cell);
  g_test_add ("/customers-worker/rows-3000", Fixture, NULL, fixture_setup, test_worker_rows, customers_test_teardown);
  g_test_add ("/customers-worker/shrink", Fixture, NULL, fixture_setup, test_shrink, customers_test_teardown);
  g_test_add ("/customers-worker/visible-binds", Fixture, NULL, fixture_setup, test_visible_binds,
              customers_test_teardown);
  g_test_add ("/customers-worker/first-rows", Fixture, NULL, fixture_setup, test_first_rows,
              customers_test_teardown);
  g_test_add ("/customers-worker/cell-pixels", Fixture, NULL, fixture_setup, test_cell_pixels,
              customers_test_teardown);
  g_test_add ("/customers-worker/narrow-fold", Fixture, NULL, fixture_setup, test_narrow_fold,
              customers_test_teardown);
  return g_test_run ();
}
