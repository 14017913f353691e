/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer import's table of ids: one claim per row says whether the
 * id is new (added with the id offered), a workspace customer seen for the
 * first time, or a repeat (which keeps the first line). And the import's
 * connection after it: its writer turns foreign keys and triggers off
 * while it fills a period, and on again. */
#include "config.h"

#include "import-test-util.h"
#include "strata-import.h"
#include "strata-import-known.h"

static void
test_claim (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportKnown) known = strata_import_known_new (&error);
  StrataKnownCustomer workspace = { 7, 0, TRUE };
  StrataKnownCustomer k = { 0 };

  g_assert_no_error (error);
  /* A customer of the workspace, in the period, not yet in the file. */
  g_assert_true (strata_import_known_add (known, "W1", &workspace, &error));
  g_assert_no_error (error);

  /* New: added with the id offered, on its line. */
  g_assert_cmpint (strata_import_known_claim (known, "N1", 100, 2, &k, &error), ==, STRATA_KNOWN_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (k.id, ==, 100);
  g_assert_cmpuint (k.line, ==, 2);
  g_assert_false (k.in_period);

  /* The workspace's: its own id and membership, the file's line. */
  g_assert_cmpint (strata_import_known_claim (known, "W1", 101, 3, &k, &error), ==, STRATA_KNOWN_FOUND);
  g_assert_cmpint (k.id, ==, 7);
  g_assert_cmpuint (k.line, ==, 3);
  g_assert_true (k.in_period);

  /* Repeats: the first line is kept and told, nothing is added. */
  g_assert_cmpint (strata_import_known_claim (known, "N1", 101, 4, &k, &error), ==, STRATA_KNOWN_REPEATED);
  g_assert_cmpint (k.id, ==, 100);
  g_assert_cmpuint (k.line, ==, 2);
  g_assert_cmpint (strata_import_known_claim (known, "W1", 101, 5, &k, &error), ==, STRATA_KNOWN_REPEATED);
  g_assert_cmpint (k.id, ==, 7);
  g_assert_cmpuint (k.line, ==, 3);
  g_assert_cmpint (strata_import_known_lookup (known, "N1", &k, &error), ==, 1);
  g_assert_cmpuint (k.line, ==, 2);
  g_assert_no_error (error);

  /* Not there: 0. */
  g_assert_cmpint (strata_import_known_lookup (known, "N2", &k, &error), ==, 0);
  g_assert_no_error (error);
}

/* Many ids, past the table's page cache (it spills to its file), each
 * claimed twice: every first claim adds, every second repeats. */
static void
test_claim_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportKnown) known = strata_import_known_new (&error);
  const guint n = 200000;
  guint added = 0, repeated = 0;

  g_assert_no_error (error);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        char id[32];
        StrataKnownCustomer k;
        /* Not in key order, as a real file's ids often are. */
        guint x = (guint) ((guint64) i * 35761 % n);   /* 35761 is prime to n: each once */
        int r;

        g_snprintf (id, sizeof id, "C%07u", x);
        r = strata_import_known_claim (known, id, 1 + i, 2 + pass * n + i, &k, &error);
        g_assert_no_error (error);
        if (r == STRATA_KNOWN_ADDED)
          {
            g_assert_cmpint (k.id, ==, 1 + i);
            added++;
          }
        else
          {
            g_assert_cmpint (r, ==, STRATA_KNOWN_REPEATED);
            g_assert_cmpint (pass, ==, 1);
            repeated++;
          }
      }
  g_assert_cmpuint (added, ==, n);
  g_assert_cmpuint (repeated, ==, n);
}

static void
test_import_restores_connection (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-import-known-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.strata", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q3");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  StrataWorkspace *ws = strata_import_open_workspace (path, &error);
  g_autofree char *sql = NULL;
  gint64 period;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv, "customer_id,name,order_amount\nA,Alpha,1.5\nB,Beta,2\nA,Again,3\n",
                                      -1, NULL));
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, 2);
  g_assert_cmpuint (r->rows_rejected, ==, 1);
  period = r->period_id;

  /* The rows are whole, their parents there, the columns written. */
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM period_customers WHERE period_id = %" G_GINT64_FORMAT, period);
  g_assert_cmpint (test_query_int (ws, sql), ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM period_columns WHERE period_id = %" G_GINT64_FORMAT, period);
  g_assert_cmpint (test_query_int (ws, sql), ==, 2);   /* the ids and order_amount */

  /* Foreign keys on again: a row for no customer is refused. */
  g_assert_cmpint (test_query_int (ws, "PRAGMA foreign_keys"), ==, 1);
  {
    g_autofree char *orphan =
      g_strdup_printf ("INSERT INTO period_customers (period_id, customer_id) VALUES (%" G_GINT64_FORMAT ", 999)",
                       period);

    g_assert_cmpint (sqlite3_exec (strata_workspace_get_db (ws), orphan, NULL, NULL, NULL), ==,
                     SQLITE_CONSTRAINT);
  }
  /* Triggers on again: changing a row drops the period's columns. */
  test_workspace_exec (ws, "UPDATE period_customers SET values_json = '{}' WHERE customer_id = "
                           "(SELECT id FROM customers WHERE ext_id = 'B')");
  g_assert_cmpint (test_query_int (ws, sql), ==, 0);

  g_object_unref (ws);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-known/claim", test_claim);
  g_test_add_func ("/import-known/claim-many", test_claim_many);
  g_test_add_func ("/import-known/import-restores-connection", test_import_restores_connection);
  return g_test_run ();
}
