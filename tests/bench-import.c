/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import benchmark: Strata's import against sqlite3's own `.import` of the
 * same file into a plain table, in the same run.
 *
 *   bench-import [ORDER_LINES.csv]
 *
 * Always: a generated 1,000,000-row customer table (7 columns). With an
 * argument (e.g. ../shared/data/online_retail/online_retail.csv), also that
 * order-line file. Prints CPU seconds (user + system; for sqlite3 those
 * of the child process) and wall-clock seconds: on a shared machine the
 * wall clock mostly measures the other processes. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "strata-import.h"

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static char *
generate (const char *dir,
          guint       n)
{
  char *path = g_build_filename (dir, "customers-1m.csv", NULL);
  FILE *fp = g_fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (42);
  static const char *regions[] = { "华东", "华北", "华南", "西南", "Europe", "North America" };

  g_assert_nonnull (fp);
  fprintf (fp, "customer_id,name,order_amount,referrals,business_lines,listed_company,region\n");
  for (guint i = 0; i < n; i++)
    fprintf (fp, "C%07u,Customer %u Ltd.,%u.%02u,%u,%u,%s,%s\n", i, i,
             g_rand_int_range (rand, 0, 5000000), g_rand_int_range (rand, 0, 100),
             g_rand_int_range (rand, 0, 12), g_rand_int_range (rand, 1, 6),
             g_rand_boolean (rand) ? "yes" : "no", regions[i % G_N_ELEMENTS (regions)]);
  fclose (fp);
  g_rand_free (rand);
  return path;
}

typedef struct
{
  double cpu;
  double wall;
} Timing;

static double
cpu_seconds (int who)
{
  struct rusage ru;

  getrusage (who, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static Timing
time_strata (const char       *dir,
             const char       *csv,
             StrataImportKind  kind,
             guint64          *rows)
{
  g_autofree char *ws_path = g_build_filename (dir, "bench.strata", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (kind, "bench");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double cpu;
  Timing t;

  g_unlink (ws_path);
  ws = strata_import_open_workspace (ws_path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds (RUSAGE_SELF);
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *rows = r->rows_read;
  /* Closing checkpoints the WAL into the file: part of the cost. */
  g_clear_object (&ws);
  t.cpu = cpu_seconds (RUSAGE_SELF) - cpu;
  t.wall = (g_get_monotonic_time () - start) / 1e6;
  g_unlink (ws_path);
  return t;
}

static Timing
time_sqlite3 (const char *dir,
              const char *csv)
{
  g_autofree char *db = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *cmd = g_strdup_printf (".import --csv '%s' t", csv);
  const char *argv[] = { "sqlite3", db, cmd, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;
  double cpu;
  Timing t;

  g_unlink (db);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds (RUSAGE_CHILDREN);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 .import: %s", error->message);
  t.cpu = cpu_seconds (RUSAGE_CHILDREN) - cpu;
  t.wall = (g_get_monotonic_time () - start) / 1e6;
  g_unlink (db);
  return t;
}

static void
compare (const char       *label,
         const char       *dir,
         const char       *csv,
         StrataImportKind  kind)
{
  guint64 rows = 0;
  Timing strata = time_strata (dir, csv, kind, &rows);
  Timing sqlite = time_sqlite3 (dir, csv);

  printf ("%s: %llu rows\n", label, (unsigned long long) rows);
  printf ("  strata import    CPU %6.2f s (%9.0f rows/s)  wall %6.2f s\n",
          strata.cpu, rows / strata.cpu, strata.wall);
  printf ("  sqlite3 .import  CPU %6.2f s (%9.0f rows/s)  wall %6.2f s\n",
          sqlite.cpu, rows / sqlite.cpu, sqlite.wall);
  printf ("  strata / sqlite3: CPU %.2f, wall %.2f\n", strata.cpu / sqlite.cpu, strata.wall / sqlite.wall);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", NULL);
  g_autofree char *customers = NULL;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 1000000;

  customers = generate (dir, n);
  compare ("customer table (generated)", dir, customers, STRATA_IMPORT_KIND_CUSTOMERS);
  if (argc > 1 && *argv[1] != '\0')
    compare ("order lines", dir, argv[1], STRATA_IMPORT_KIND_ORDERS);
  remove_tree (dir);
  return 0;
}
