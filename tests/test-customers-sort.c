/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's list under Xvfb, on a seeded demo workspace of 500
 * and of 20,000 customers: sorting by score and by name, filtering by tier
 * and searching in Chinese show the rows computed here from an independent
 * scoring, and the cells on screen show them; a sort by name asked for
 * before the workers' orders came waits for them (a spinner; never sorted
 * on the main thread); the names' order computed is kept in the file and
 * read back by the next opening, unless a name changed. */
#include "config.h"

#include <string.h>

#include "customers-page-test-util.h"
#include "strata-customer-cell.h"
#include "strata-customer-order.h"
#include "strata-customers-page-private.h"
#include "strata-scoring-private.h"

typedef CustomersTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  /* data: the customers of the demo, 500 unless a test asks for more. */
  customers_test_setup (f, "strata-customers-sort", data ? GPOINTER_TO_UINT (data) : 500, 3);
}

/* The ID shown in the topmost row of the list on screen. */
static const char *
top_id_on_screen (Fixture *f)
{
  GtkWidget *list = customers_test_find (f, "customer-list");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  const char *top = NULL;
  double top_y = G_MAXDOUBLE;

  for (guint i = 0; i < strata_scoring_get_n_rows (f->scoring); i++)
    g_hash_table_add (ids, (gpointer) strata_scoring_get_ext_id (f->scoring, i));
  gui_test_collect (list, STRATA_TYPE_CUSTOMER_CELL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = strata_customer_cell_get_text (labels->pdata[i]);
      graphene_rect_t b;

      if (!gtk_widget_get_mapped (labels->pdata[i]) || !g_hash_table_contains (ids, text) ||
          !gtk_widget_compute_bounds (labels->pdata[i], list, &b) || b.origin.y < 0)
        continue;
      if (b.origin.y < top_y)
        {
          top_y = b.origin.y;
          top = text;
        }
    }
  return top;
}

static guint
first_row (Fixture *f)
{
  const guint *rows;
  guint n;

  strata_customers_page_get_columns (f->page, &rows, &n);
  g_assert_cmpuint (n, >, 0);
  return rows[0];
}

/* Sorting, filtering by tier and searching give the rows computed here
 * from an independent scoring, and the cells on screen show them (the
 * list's items stand for positions: the page rebinds them). */
static void
test_sort_filter_search_rows (Fixture       *f,
                              gconstpointer  data)
{
  guint n = strata_scoring_get_n_rows (f->scoring);
  guint best = 0, first_name = G_MAXUINT, first_c = G_MAXUINT, in_c = 0, c_with = 0;
  const char *needle = "有限";

  for (guint i = 1; i < n; i++)
    {
      double a = strata_scoring_get_score (f->scoring, i), b = strata_scoring_get_score (f->scoring, best);

      /* Descending: the exact reverse of ascending, ties by id. */
      if (a > b || (a == b && strcmp (strata_scoring_get_ext_id (f->scoring, i),
                                       strata_scoring_get_ext_id (f->scoring, best)) > 0))
        best = i;
    }
  for (guint i = 0; i < n; i++)
    {
      int c = first_name == G_MAXUINT ? -1
              : g_utf8_collate (strata_scoring_get_name (f->scoring, i),
                                strata_scoring_get_name (f->scoring, first_name));

      if (c < 0 || (c == 0 && strcmp (strata_scoring_get_ext_id (f->scoring, i),
                                      strata_scoring_get_ext_id (f->scoring, first_name)) < 0))
        first_name = i;
    }

  customers_test_sort_by (f, "Score", GTK_SORT_DESCENDING);
  gui_test_wait (first_row (f) == best);
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (customers_test_n_shown (f), ==, n);
  g_assert_cmpstr (top_id_on_screen (f), ==, strata_scoring_get_ext_id (f->scoring, best));

  customers_test_sort_by (f, "Name", GTK_SORT_ASCENDING);
  gui_test_wait (first_row (f) == first_name);
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (top_id_on_screen (f), ==, strata_scoring_get_ext_id (f->scoring, first_name));

  /* Tier C (the third in the list after "All tiers"), still by name. */
  for (guint i = 0; i < n; i++)
    if (strata_scoring_get_final_tier (f->scoring, i) == 2)
      {
        in_c++;
        if (strstr (strata_scoring_get_name (f->scoring, i), needle) != NULL)
          c_with++;
        if (first_c == G_MAXUINT ||
            g_utf8_collate (strata_scoring_get_name (f->scoring, i), strata_scoring_get_name (f->scoring, first_c)) < 0 ||
            (g_utf8_collate (strata_scoring_get_name (f->scoring, i), strata_scoring_get_name (f->scoring, first_c)) == 0 &&
             strcmp (strata_scoring_get_ext_id (f->scoring, i), strata_scoring_get_ext_id (f->scoring, first_c)) < 0))
          first_c = i;
      }
  g_assert_cmpuint (in_c, >, 0);
  g_assert_cmpuint (in_c, <, n);
  customers_test_filter_tier (f, 3);
  gui_test_wait (customers_test_n_shown (f) == in_c);
  g_assert_cmpuint (first_row (f), ==, first_c);
  gui_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (top_id_on_screen (f), ==, strata_scoring_get_ext_id (f->scoring, first_c));

  /* A search in Chinese within the tier. */
  g_assert_cmpuint (c_with, >, 0);
  customers_test_search (f, needle);
  gui_test_wait (customers_test_n_shown (f) == c_with);
  {
    const guint *rows;
    guint k;

    strata_customers_page_get_columns (f->page, &rows, &k);
    for (guint i = 0; i < k; i++)
      {
        g_assert_cmpuint (strata_scoring_get_final_tier (f->scoring, rows[i]), ==, 2);
        g_assert_nonnull (strstr (strata_scoring_get_name (f->scoring, rows[i]), needle));
      }
  }

  customers_test_search (f, "");
  customers_test_filter_tier (f, 0);
  gui_test_wait (customers_test_n_shown (f) == n);
  g_assert_cmpuint (first_row (f), ==, first_name);
}

/* A sort by name asked for before the names' order came from its worker
 * (at a million customers, a second or two) waits for it with a spinner:
 * the list stays as it is, a filter changed meanwhile shows at once, and
 * the rows come in name order once the order is there; none is computed
 * on the main thread. */
static void
test_sort_waits_for_order (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StrataContext) other = strata_context_new (f->t.ws);
  guint n = strata_scoring_get_n_rows (f->scoring);
  guint in_c = 0;
  GtkWidget *spinner = customers_test_find (f, "sort-waiting");
  const guint *rows;
  guint k;
  const StrataCustomerColumns *cols;

  for (guint i = 0; i < n; i++)
    in_c += strata_scoring_get_final_tier (f->scoring, i) == 2;
  g_assert_cmpuint (in_c, >, 0);
  g_assert_cmpuint (in_c, <, n);
  g_assert_false (gtk_widget_get_visible (spinner));

  /* The workers' results reach the page through the main loop, which does
   * not run between these lines: the orders cannot be there yet. */
  strata_context_finish_scoring (other);
  g_object_set (f->page, "context", other, NULL);
  g_assert_cmpuint (customers_test_n_shown (f), ==, n);
  /* The previous period's tiers are read once the orders are in: its
   * scoring would take the cores the names' order wants. */
  g_assert_true (strata_customers_page_get_previous (f->page)->waits);
  g_assert_null (strata_customers_page_get_previous (f->page)->load);
  customers_test_sort_by (f, "Name", GTK_SORT_ASCENDING);
  g_assert_true (strata_customers_page_get_sort_waiting (f->page));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_cmpuint (customers_test_n_shown (f), ==, n);

  /* A filter meanwhile: its rows at once, still waiting for the order. */
  customers_test_filter_tier (f, 3);
  g_assert_cmpuint (customers_test_n_shown (f), ==, in_c);
  g_assert_true (strata_customers_page_get_sort_waiting (f->page));

  gui_test_wait (!strata_customers_page_get_sort_waiting (f->page));
  g_assert_false (gtk_widget_get_visible (spinner));
  cols = strata_customers_page_get_columns (f->page, &rows, &k);
  g_assert_cmpuint (k, ==, in_c);
  for (guint i = 0; i < k; i++)
    {
      g_assert_cmpuint (strata_scoring_get_final_tier (f->scoring, rows[i]), ==, 2);
      if (i > 0)
        {
          int c = g_utf8_collate (strata_scoring_get_name (f->scoring, rows[i - 1]),
                                  strata_scoring_get_name (f->scoring, rows[i]));

          g_assert_cmpint (c, <=, 0);
          if (c == 0)
            g_assert_cmpint (strcmp (strata_period_data_get_ext_id (cols->strings, rows[i - 1]), strata_period_data_get_ext_id (cols->strings, rows[i])), <, 0);
        }
    }
  g_assert_cmpuint (strata_customers_page_get_orders (f->page)->main_thread_orders, ==, 0);
  gui_test_wait (strata_customers_page_get_previous (f->page)->valid);
  g_assert_false (strata_customers_page_get_previous (f->page)->waits);
  g_assert_nonnull (strata_customers_page_get_columns (f->page, &rows, &k)->prev_tier);

  /* By name with every tier: the order is there, no waiting. */
  customers_test_filter_tier (f, 0);
  g_assert_false (strata_customers_page_get_sort_waiting (f->page));
  g_assert_cmpuint (customers_test_n_shown (f), ==, n);
  g_assert_cmpuint (strata_customers_page_get_orders (f->page)->main_thread_orders, ==, 0);
  g_object_set (f->page, "context", f->context, NULL);
}

/* The rows in name order (ext ids), once the order is there. */
static GPtrArray *
ids_by_name (Fixture *f)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const StrataCustomerColumns *cols;
  const guint *rows;
  guint k;

  customers_test_sort_by (f, "Name", GTK_SORT_ASCENDING);
  gui_test_wait (!strata_customers_page_get_sort_waiting (f->page));
  cols = strata_customers_page_get_columns (f->page, &rows, &k);
  for (guint i = 0; i < k; i++)
    g_ptr_array_add (ids, g_strdup (strata_period_data_get_ext_id (cols->strings, rows[i])));
  return ids;
}

/* The page shown on a connection of its own (a new opening of the file). */
static StrataContext *
open_again (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->t.path, NULL, &error);
  StrataContext *context;

  g_assert_no_error (error);
  context = strata_context_new (ws);
  strata_context_finish_scoring (context);
  customers_test_sort_by (f, "Score", GTK_SORT_DESCENDING);
  g_object_set (f->page, "context", context, NULL);
  gui_test_wait (!strata_page_get_loading (STRATA_PAGE (f->page)) &&
                 g_list_model_get_n_items (strata_customers_page_get_model (f->page)) > 0);
  return context;
}

/* The names' order the first opening computed is kept in the file
 * (that this is no change to the period's data: test-name-ranks), and the next
 * opening reads it instead of collating: the same rows in the same
 * order. A name changed since makes it stale: computed again. */
static void
test_names_order_kept (Fixture       *f,
                       gconstpointer  data)
{
  const StrataCustomersPageOrders *orders = strata_customers_page_get_orders (f->page);
  g_autofree char *collation = strata_customer_order_collation ();
  g_autoptr(GPtrArray) first = ids_by_name (f);
  g_autoptr(GPtrArray) again = NULL, renamed = NULL;
  g_autoptr(StrataContext) second = NULL, third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const StrataCustomerColumns *cols;
  const guint *rows;
  gint64 period_id;
  guint k;

  gui_test_wait (orders->name_ranks_kept == 1);
  g_assert_cmpuint (orders->name_ranks_read, ==, 0);
  cols = strata_customers_page_get_columns (f->page, &rows, &k);
  period_id = cols->strings->period_id;
  sql = g_strdup_printf ("SELECT count(*) FROM name_ranks WHERE period_id = %" G_GINT64_FORMAT
                         " AND collation = '%s' AND length (ranks) = %u", period_id, collation,
                         4 * cols->n);
  g_assert_cmpint (test_query_int (f->t.ws, sql), ==, 1);

  second = open_again (f);
  again = ids_by_name (f);
  g_assert_cmpuint (orders->name_ranks_read, ==, 1);
  g_assert_cmpuint (orders->name_ranks_kept, ==, 1);
  g_assert_cmpuint (orders->main_thread_orders, ==, 0);
  g_assert_cmpuint (again->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (again->pdata[i], ==, first->pdata[i]);

  /* The first customer in name order renamed to come last. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE customers SET name = '\xe9\xbd\x90\xe9\xbd\x90 zz' WHERE ext_id = '%s'",
                         (const char *) first->pdata[0]);
  g_assert_true (strata_workspace_exec (f->t.ws, sql, &error));
  g_assert_no_error (error);
  third = open_again (f);
  renamed = ids_by_name (f);
  gui_test_wait (orders->name_ranks_kept == 2);
  g_assert_cmpuint (orders->name_ranks_read, ==, 1);
  g_assert_cmpstr (renamed->pdata[renamed->len - 1], ==, first->pdata[0]);
  g_assert_cmpstr (renamed->pdata[0], ==, first->pdata[1]);
  g_object_set (f->page, "context", f->context, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/customers-sort/sort-filter-search-rows", Fixture, NULL, fixture_setup,
              test_sort_filter_search_rows, customers_test_teardown);
  g_test_add ("/customers-sort/sort-waits-for-order", Fixture, NULL, fixture_setup,
              test_sort_waits_for_order, customers_test_teardown);
  g_test_add ("/customers-sort/names-order-kept", Fixture, NULL, fixture_setup,
              test_names_order_kept, customers_test_teardown);
  /* The same at a size where a slip in the radix sort or the filter's
   * mask would show (the demo's names repeat, so ties count). */
  g_test_add ("/customers-sort/sort-filter-search-rows-20000", Fixture, GUINT_TO_POINTER (20000), fixture_setup,
              test_sort_filter_search_rows, customers_test_teardown);
  g_test_add ("/customers-sort/sort-waits-for-order-20000", Fixture, GUINT_TO_POINTER (20000), fixture_setup,
              test_sort_waits_for_order, customers_test_teardown);
  return g_test_run ();
}
