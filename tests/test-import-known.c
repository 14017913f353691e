/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer import's table of ids: one claim per row says whether the
 * id is new (added with the id offered), a workspace customer seen for the
 * first time, or a repeat (which keeps the first line), the same in memory
 * and past its cap in the temporary table, in a table and in a whole
 * import. And the import's connection after it: its writer turns foreign
 * keys and triggers off while it fills a period, and on again. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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

/* Prefetching an id (as the import does before parsing its row's values)
 * changes no answer: on an empty table, for an id there and one not. */
static void
test_prefetch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportKnown) known = strata_import_known_new (&error);
  StrataKnownCustomer k = { 0 };

  strata_import_known_prefetch (known, "A");
  g_assert_cmpint (strata_import_known_claim (known, "A", 1, 2, &k, &error), ==, STRATA_KNOWN_ADDED);
  strata_import_known_prefetch (known, "A");
  strata_import_known_prefetch (known, "B");
  g_assert_cmpint (strata_import_known_claim (known, "A", 2, 3, &k, &error), ==, STRATA_KNOWN_REPEATED);
  g_assert_cmpint (k.id, ==, 1);
  g_assert_cmpint (strata_import_known_claim (known, "B", 2, 4, &k, &error), ==, STRATA_KNOWN_ADDED);
  g_assert_cmpint (k.id, ==, 2);
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

/* Room reserved after some ids are in (they are rehashed into the larger
 * table) and beyond the cap (the ids past it still spill): every id is
 * found with its own customer. */
static void
test_reserve (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataImportKnown) known = strata_import_known_new (&error);
  guint in_memory = 0, spilled = 0;
  gsize bytes = 0;

  g_assert_no_error (error);
  strata_import_known_set_spill_after (known, 20000);
  for (guint i = 0; i < 30000; i++)
    {
      char id[32];
      StrataKnownCustomer k = { 1000 + i, 0, i % 3 == 0 };

      if (i == 5000)
        strata_import_known_reserve (known, 1000000);
      g_snprintf (id, sizeof id, "K%06u", (guint) ((guint64) i * 7919 % 30000));
      g_assert_true (strata_import_known_add (known, id, &k, &error));
      g_assert_no_error (error);
    }
  strata_import_known_get_stats (known, &in_memory, &spilled, &bytes);
  g_assert_cmpuint (in_memory, ==, 20000);
  g_assert_cmpuint (spilled, ==, 10000);
  for (guint i = 0; i < 30000; i++)
    {
      char id[32];
      StrataKnownCustomer k;

      g_snprintf (id, sizeof id, "K%06u", (guint) ((guint64) i * 7919 % 30000));
      g_assert_cmpint (strata_import_known_lookup (known, id, &k, &error), ==, 1);
      g_assert_cmpint (k.id, ==, 1000 + i);
      g_assert_cmpint (k.in_period, ==, i % 3 == 0);
    }
  g_assert_cmpint (strata_import_known_lookup (known, "K999999", NULL, &error), ==, 0);
}

/* The same claims and look-ups against a table all in memory, one with
 * 100 ids in memory and the rest spilled, and one all spilled (as before
 * the hash): every answer the same. With and without customers of the
 * workspace added first (past the cap they make the spilled part look up
 * before it inserts). */
static void
test_spill_same_answers (void)
{
  const guint caps[] = { 0 /* the default */, 100, 0 };
  const gboolean forced[] = { FALSE, TRUE, TRUE };

  for (guint preload = 0; preload <= 300; preload += 300)
    {
      StrataImportKnown *known[3];
      gint64 next_id[3];
      GRand *rand = g_rand_new_with_seed (18);
      guint counts[4] = { 0 };

      for (guint t = 0; t < 3; t++)
        {
          g_autoptr(GError) error = NULL;

          known[t] = strata_import_known_new (&error);
          g_assert_no_error (error);
          if (forced[t])
            strata_import_known_set_spill_after (known[t], caps[t]);
          next_id[t] = preload + 1;
          for (guint i = 0; i < preload; i++)
            {
              g_autofree char *id = g_strdup_printf ("W%03u", i);
              StrataKnownCustomer w = { 1 + i, 0, i % 3 == 0 };

              g_assert_true (strata_import_known_add (known[t], id, &w, &error));
              g_assert_no_error (error);
            }
        }

      for (guint op = 0; op < 3000; op++)
        {
          /* Workspace ids, new ids (a third of them repeated later), an
           * empty one and a long one. */
          guint pick = (guint) g_rand_int_range (rand, 0, 10);
          g_autofree char *id =
            pick < 3 ? g_strdup_printf ("W%03u", g_rand_int_range (rand, 0, 400))
            : pick < 9 ? g_strdup_printf ("N%u", g_rand_int_range (rand, 0, 1500))
            : g_rand_boolean (rand) ? g_strdup ("")
            : g_strdup_printf ("%0200d", g_rand_int_range (rand, 0, 5));
          StrataKnownCustomer k[3];
          int r[3];

          for (guint t = 0; t < 3; t++)
            {
              g_autoptr(GError) error = NULL;

              r[t] = strata_import_known_claim (known[t], id, next_id[t], 2 + op, &k[t], &error);
              g_assert_no_error (error);
              g_assert_cmpint (r[t], >, 0);
              if (r[t] == STRATA_KNOWN_ADDED)
                next_id[t]++;
            }
          counts[r[0]]++;
          for (guint t = 1; t < 3; t++)
            {
              g_assert_cmpint (r[t], ==, r[0]);
              g_assert_cmpint (k[t].id, ==, k[0].id);
              g_assert_cmpuint (k[t].line, ==, k[0].line);
              g_assert_cmpint (k[t].in_period, ==, k[0].in_period);
            }
        }
      /* Each kind of answer was given. */
      g_assert_cmpuint (counts[STRATA_KNOWN_ADDED], >, 1000);
      g_assert_cmpuint (counts[STRATA_KNOWN_REPEATED], >, 500);
      if (preload > 0)
        g_assert_cmpuint (counts[STRATA_KNOWN_FOUND], >, 100);

      for (guint i = 0; i < 2000; i++)
        {
          g_autofree char *id = g_strdup_printf (i < 1000 ? "N%u" : "W%03u", i % 1000);
          StrataKnownCustomer k[3];
          int r[3];

          for (guint t = 0; t < 3; t++)
            {
              g_autoptr(GError) error = NULL;

              r[t] = strata_import_known_lookup (known[t], id, &k[t], &error);
              g_assert_no_error (error);
            }
          for (guint t = 1; t < 3; t++)
            {
              g_assert_cmpint (r[t], ==, r[0]);
              if (r[0] == 1)
                {
                  g_assert_cmpint (k[t].id, ==, k[0].id);
                  g_assert_cmpuint (k[t].line, ==, k[0].line);
                  g_assert_cmpint (k[t].in_period, ==, k[0].in_period);
                }
            }
        }

      /* Where they were: all in memory, 100 in memory, none. */
      {
        guint in_memory[3], spilled[3];
        gsize bytes;

        for (guint t = 0; t < 3; t++)
          strata_import_known_get_stats (known[t], &in_memory[t], &spilled[t], &bytes);
        g_assert_cmpuint (spilled[0], ==, 0);
        g_assert_cmpuint (in_memory[0], ==, next_id[0] - 1);
        g_assert_cmpuint (in_memory[1], ==, 100);
        g_assert_cmpuint (spilled[1], ==, next_id[1] - 1 - 100);
        g_assert_cmpuint (in_memory[2], ==, 0);
        g_assert_cmpuint (spilled[2], ==, next_id[2] - 1);
      }
      for (guint t = 0; t < 3; t++)
        strata_import_known_free (known[t]);
      g_rand_free (rand);
    }
}

/* Everything an import wrote that the table of ids decides: customers,
 * the period's rows and columns, attributes and the rejects. */
static char *
import_dump (StrataWorkspace *ws)
{
  return test_query_text (ws,
    "SELECT group_concat (r, char (10)) FROM ("
    " SELECT * FROM (SELECT 'c|' || id || '|' || ext_id || '|' || name AS r FROM customers ORDER BY id)"
    " UNION ALL SELECT * FROM (SELECT 'p|' || period_id || '|' || customer_id || '|' || values_json"
    "  FROM period_customers ORDER BY period_id, customer_id)"
    " UNION ALL SELECT * FROM (SELECT 'k|' || period_id || '|' || metric_id || '|' || hex (data)"
    "  FROM period_columns ORDER BY period_id, metric_id)"
    " UNION ALL SELECT * FROM (SELECT 'a|' || customer_id || '|' || key || '|' || value"
    "  FROM attributes ORDER BY customer_id, key)"
    " UNION ALL SELECT * FROM (SELECT 'r|' || import_id || '|' || line || '|' || column_name || '|'"
    "  || value || '|' || reason FROM import_rejects ORDER BY import_id, line))");
}

static StrataImportResult *
import_file (StrataWorkspace *ws,
             const char      *csv,
             const char      *text,
             const char      *period,
             gboolean         strict,
             GError         **error)
{
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, period);

  o->strict = strict;
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  return strata_import_run (ws, csv, o, NULL, NULL, NULL, error);
}

/* One workspace: 300 customers in 2026-Q2 (E0..E299), 200 of them and 100
 * new ones in 2026-Q3; then a file of 1,000 rows into 2026-Q3 with customers
 * of the period, of the workspace only, new ones and repeats of each. Its
 * dump, the result's rejects and the strict import's error message (csv
 * is the same file for both, as the message names it). */
static char *
import_scenario (const char  *dir,
                 const char  *csv,
                 char       **strict_message)
{
  g_autofree char *path = g_build_filename (dir, "test.strata", NULL);
  g_autoptr(GString) q2 = g_string_new ("customer_id,name,order_amount,region\n");
  g_autoptr(GString) q3 = g_string_new ("customer_id,name,order_amount,referrals\n");
  g_autoptr(GString) file = g_string_new ("customer_id,name,order_amount,referrals,login_days,region\n");
  g_autoptr(GError) error = NULL;
  StrataWorkspace *ws = strata_import_open_workspace (path, &error);
  GString *out = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (21);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_new = 0, n_joining = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (q2, "E%u,Early %u,%u.5,north\n", i, i, i);
  for (guint i = 100; i < 400; i++)
    g_string_append_printf (q3, "E%u,Early %u,%u,%u\n", i, i, 2 * i, i % 7);
  {
    g_autoptr(StrataImportResult) r = import_file (ws, csv, q2->str, "2026-Q2", FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (r->rows_imported, ==, 300);
  }
  {
    g_autoptr(StrataImportResult) r = import_file (ws, csv, q3->str, "2026-Q3", FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (r->rows_imported, ==, 300);
  }

  /* E0..E99: the workspace's only; E100..E399: the period's; N*: new
   * (a few hundred ids for 700 rows, so many repeat). Some names empty
   * (a known customer keeps its name), some values empty (cleared). */
  for (guint line = 2; line < 1002; line++)
    {
      guint pick = (guint) g_rand_int_range (rand, 0, 10);
      g_autofree char *id = pick < 3 ? g_strdup_printf ("E%d", g_rand_int_range (rand, 0, 400))
                                     : g_strdup_printf ("N%05d", g_rand_int_range (rand, 0, 450));

      if (g_hash_table_add (seen, g_strdup (id)))
        {
          n_new += id[0] == 'N';
          n_joining += id[0] == 'N' || atoi (id + 1) < 100;
        }
      g_string_append_printf (file, "%s,%s,%d,%s,%d,%s\n", id,
                              pick == 5 ? "" : id, g_rand_int_range (rand, 0, 100000),
                              pick == 6 ? "" : "3", (int) line % 90, line % 2 ? "south" : "");
    }
  {
    g_autoptr(StrataImportResult) r = import_file (ws, csv, file->str, "2026-Q3", FALSE, &error);

    g_assert_no_error (error);
    /* Each id once, its repeats rejected; the new ones added, they and the
     * workspace-only ones joining the period's 300. */
    g_assert_cmpuint (r->rows_imported, ==, g_hash_table_size (seen));
    g_assert_cmpuint (r->rows_rejected, ==, 1000 - g_hash_table_size (seen));
    g_assert_cmpuint (r->rows_rejected, >, 200);
    g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers"), ==, 400 + n_new);
    g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM period_customers p JOIN periods d"
                                         " ON d.id = p.period_id WHERE d.name = '2026-Q3'"), ==, 300 + n_joining);
    g_string_append_printf (out, "imported %llu, rejected %llu, customers %llu\n",
                            (unsigned long long) r->rows_imported, (unsigned long long) r->rows_rejected,
                            (unsigned long long) r->customers);
    for (guint i = 0; i < r->rejects->len; i++)
      {
        StrataImportReject *j = r->rejects->pdata[i];

        g_assert_nonnull (strstr (j->reason, "already appears on line"));
        g_string_append_printf (out, "reject %llu|%s|%s|%s\n", (unsigned long long) j->line,
                                j->column, j->value, j->reason);
      }
  }
  {
    g_autofree char *dump = import_dump (ws);

    g_string_append (out, dump);
  }
  /* Strict: refused, with the first repeat in the message. */
  {
    g_autoptr(StrataImportResult) r = import_file (ws, csv, file->str, "2026-Q4", TRUE, &error);

    g_assert_null (r);
    g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_BAD_ROWS);
    *strict_message = g_strdup (error->message);
  }
  g_rand_free (rand);
  g_object_unref (ws);
  return g_string_free (out, FALSE);
}

/* The same imports with the ids in memory and with all but 100 of them
 * spilled to the temporary table: the same rows, values, columns,
 * rejects and message. */
static void
test_import_spilled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-import-known-XXXXXX", NULL);
  g_autofree char *hash_dir = g_build_filename (dir, "hash", NULL);
  g_autofree char *spill_dir = g_build_filename (dir, "spill", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *hash_message = NULL;
  g_autofree char *spill_message = NULL;
  g_autofree char *hash_dump = NULL;
  g_autofree char *spill_dump = NULL;
  guint spilled;

  g_assert_cmpint (g_mkdir (hash_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (spill_dir, 0700), ==, 0);
  spilled = strata_import_known_get_spilled_total ();
  hash_dump = import_scenario (hash_dir, csv, &hash_message);
  g_assert_cmpuint (strata_import_known_get_spilled_total (), ==, spilled);

  strata_import_known_set_default_spill_after (100);
  spill_dump = import_scenario (spill_dir, csv, &spill_message);
  strata_import_known_set_default_spill_after (0);
  /* 300 + 300 workspace customers preloaded, 400-odd new ones. */
  g_assert_cmpuint (strata_import_known_get_spilled_total () - spilled, >, 800);

  g_assert_cmpstr (spill_dump, ==, hash_dump);
  g_assert_cmpstr (spill_message, ==, hash_message);
  g_assert_nonnull (strstr (hash_message, "already appears on line"));
  test_remove_dir (dir);
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
  g_test_add_func ("/import-known/reserve", test_reserve);
  g_test_add_func ("/import-known/prefetch", test_prefetch);
  g_test_add_func ("/import-known/spill-same-answers", test_spill_same_answers);
  g_test_add_func ("/import-known/import-spilled", test_import_spilled);
  g_test_add_func ("/import-known/import-restores-connection", test_import_restores_connection);
  return g_test_run ();
}
