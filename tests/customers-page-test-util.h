/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's tests' set-up: a demo workspace, its context and an
 * independent scoring of the same data, and the page shown in a window at
 * the window's default size; with the look-ups every such test makes. */
#pragma once

#include <adwaita.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-customers-page.h"
#include "strata-demo.h"
#include "strata-row-list.h"
#include "strata-scoring.h"
#include "workspace-test-util.h"

typedef struct
{
  TestWorkspace        t;
  StrataContext       *context;
  StrataScoring       *scoring;   /* an independent view of the same data */
  GtkWindow           *window;
  StrataCustomersPage *page;
} CustomersTestFixture;

/* Waits until the page lists its rows. */
static inline void
customers_test_setup (CustomersTestFixture *f,
                      const char           *dir_prefix,
                      guint                 customers,
                      guint                 periods)
{
  g_autoptr(GError) error = NULL;

  test_workspace_setup_dir (&f->t, dir_prefix, "demo.strata");
  g_assert_true (strata_demo_write (f->t.path, customers, 11, periods, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->t.ws = strata_workspace_open (f->t.path, NULL, &error);
  g_assert_no_error (error);
  f->context = strata_context_new (f->t.ws);
  strata_context_finish_scoring (f->context);
  f->scoring = strata_scoring_new (f->t.ws, &error);
  g_assert_no_error (error);
  f->page = STRATA_CUSTOMERS_PAGE (strata_customers_page_new ());
  g_object_set (f->page, "context", f->context, NULL);
  f->window = gui_test_show (GTK_WIDGET (f->page), 1176, 784);  /* the window's default */
  gui_test_wait (g_list_model_get_n_items (strata_customers_page_get_model (f->page)) > 0);
}

static inline void
customers_test_teardown (CustomersTestFixture *f,
                         gconstpointer         data)
{
  gui_test_destroy (f->window);
  g_clear_object (&f->scoring);
  g_clear_object (&f->context);
  test_workspace_teardown (&f->t);
}

/* The page's widget with that buildable id; fails the test without one. */
static inline GtkWidget *
customers_test_find (CustomersTestFixture *f,
                     const char           *name)
{
  GtkWidget *w = gui_test_find_id (GTK_WIDGET (f->page), GTK_TYPE_WIDGET, name, 0);

  g_assert_nonnull (w);
  return w;
}

/* The rows listed (a list that shrank keeps blank positions a few frames:
 * not counted). */
static inline guint
customers_test_n_shown (CustomersTestFixture *f)
{
  guint n = 0;

  strata_row_list_get_rows (STRATA_ROW_LIST (strata_customers_page_get_model (f->page)), &n);
  return n;
}

/* Sorts the list by the column with that title, as a click on its header. */
static inline void
customers_test_sort_by (CustomersTestFixture *f,
                        const char           *title,
                        GtkSortType           direction)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (customers_test_find (f, "customer-list"));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        {
          gtk_column_view_sort_by_column (view, column, direction);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Types text into the search entry, as a user would (the entry's delay
 * left out). */
static inline void
customers_test_search (CustomersTestFixture *f,
                       const char           *text)
{
  GtkWidget *search = customers_test_find (f, "search");

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "search-changed");
}

/* Chooses the tier filter's item at position (0: every tier, then A, B, ...). */
static inline void
customers_test_filter_tier (CustomersTestFixture *f,
                            guint                 position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (customers_test_find (f, "tier-filter")), position);
}
