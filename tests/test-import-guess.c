/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports that guess right: a file of invoice lines is read as order
 * lines without --orders (--customers forces a customer table), and its
 * period comes from its dates: one quarter, or one period per quarter. */
#include <string.h>

#include "cli-test-util.h"
#include "strata-import-guess.h"
#include "workspace-test-util.h"

typedef TestWorkspace Fixture;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static void
test_guess_kind (void)
{
  static const struct { const char *name; StrataImportKind kind; guint quarters; const char *first; } cases[] = {
    { "online-retail-200.csv", STRATA_IMPORT_KIND_ORDERS, 1, "2010-Q4" },
    { "olist-items-200.csv", STRATA_IMPORT_KIND_ORDERS, 7, "2017-Q1" },
    { "wholesale-100.csv", STRATA_IMPORT_KIND_CUSTOMERS, 0, NULL },
    { "customers-utf8.csv", STRATA_IMPORT_KIND_CUSTOMERS, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture (cases[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataImportGuess) guess = strata_import_guess (path, NULL, NULL, 0, TRUE, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (guess->kind, ==, cases[i].kind);
      g_assert_cmpuint (guess->quarters->len, ==, cases[i].quarters);
      if (cases[i].first != NULL)
        g_assert_cmpstr (guess->quarters->pdata[0], ==, cases[i].first);
    }

  /* Header only: the names of online_retail, in another order and case. */
  {
    g_autoptr(GPtrArray) header = g_ptr_array_new ();
    const char *names[] = { "customer_id", "unit price", "QUANTITY", "invoice_date" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_ptr_array_add (header, (char *) names[i]);
    g_assert_cmpint (strata_import_guess_kind (header), ==, STRATA_IMPORT_KIND_ORDERS);
    /* A date alone does not make order lines. */
    g_ptr_array_set_size (header, 0);
    g_ptr_array_add (header, (char *) "customer_id");
    g_ptr_array_add (header, (char *) "date");
    g_ptr_array_add (header, (char *) "order_amount");
    g_assert_cmpint (strata_import_guess_kind (header), ==, STRATA_IMPORT_KIND_CUSTOMERS);
  }
}

static void
test_cli_orders_guessed (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *file = fixture ("online-retail-200.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;

  /* No --orders, no --period: order lines, into the quarter of their dates. */
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Read as order lines"));
  g_assert_nonnull (strstr (out, "The lines' dates are all in 2010-Q4: imported into that period.\n"));
  g_assert_nonnull (strstr (out, "rows imported:         199\n"));
  g_assert_nonnull (strstr (out, "rows rejected:         0\n"));
  g_assert_nonnull (strstr (out, "rows without customer: 1\n"));
  g_assert_nonnull (strstr (out, "total order amount:    4,296.80\n"));

  ws = strata_workspace_open (f->path, NULL, NULL);
  g_assert_nonnull (ws);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers"), ==, 13);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM periods WHERE name = '2010-Q4'"), ==, 1);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM imports WHERE kind = 'orders'"), ==, 1);
}

static void
test_cli_split_guessed (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = fixture ("olist-items-200.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "The lines' dates span 7 quarters: imported into one period per quarter.\n"));
  g_assert_nonnull (strstr (out, "7 periods: 2017-Q1, 2017-Q2, 2017-Q3, 2017-Q4, 2018-Q1, 2018-Q2, 2018-Q3"));
  ws = strata_workspace_open (f->path, NULL, NULL);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM periods WHERE name LIKE '201_-Q_'"), ==, 7);
}

static void
test_cli_customers_forced (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *file = fixture ("online-retail-200.csv");
  g_autofree char *out = NULL, *err = NULL;

  /* A customer table has no dates to take a period from. */
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--customers", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "import needs --period"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--orders", "--customers", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "either --orders or --customers"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Read as one row per customer: the invoice's customers repeat. */
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--customers", "--period", "2010-Q4", NULL), ==, 0);
  g_assert_null (strstr (out, "Read as order lines"));
  g_assert_nonnull (strstr (out, "period “2010-Q4”"));
  g_assert_nonnull (strstr (out, "rows imported:         13\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-guess/kind", test_guess_kind);
#define ADD(name, fn) g_test_add (name, Fixture, "strata-import-guess", test_workspace_fixture_setup_dir, fn, \
                                  test_workspace_fixture_teardown)
  ADD ("/import-guess/cli-orders", test_cli_orders_guessed);
  ADD ("/import-guess/cli-split", test_cli_split_guessed);
  ADD ("/import-guess/cli-customers", test_cli_customers_forced);
  return g_test_run ();
}
