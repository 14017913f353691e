/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer import's table of ids: one claim per row says whether the
 * id is new (added with the id offered), a workspace customer seen for the
 * first time, or a repeat (which keeps the first line). */
#include <glib.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-known/claim", test_claim);
  g_test_add_func ("/import-known/claim-many", test_claim_many);
  return g_test_run ();
}
