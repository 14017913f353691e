/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import benchmark: Strata's import against sqlite3's own `.import` of the
 * same file into a plain table, in the same run.
 *
 *   bench-import [ORDER_LINES.csv]
 *
 * Always: a generated 1,000,000-row customer table (7 columns). With an
 * argument (e.g. ../shared/data/online_retail/online_retail.csv), also that
 * order-line file. Prints wall-clock seconds (what the user waits; the
 * import reads and writes on two threads) and CPU seconds (user + system;
 * for sqlite3 those of the child process), best and median of a few
 * rounds. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

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
  /* On disk before the clocks start: the kernel writing the file back
   * while the first import runs would slow whichever goes first. */
  fflush (fp);
  fsync (fileno (fp));
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

/* beside: with a second connection open on the file, as the window's is
 * when it imports (the import then keeps WAL mode). */
static Timing
time_strata (const char       *dir,
             const char       *csv,
             StrataImportKind  kind,
             gboolean          beside,
             guint64          *rows)
{
  g_autofree char *ws_path = g_build_filename (dir, "bench.strata", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (kind, "bench");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataWorkspace) window = NULL;
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double cpu;
  Timing t;

  g_unlink (ws_path);
  ws = strata_import_open_workspace (ws_path, &error);
  g_assert_no_error (error);
  if (beside)
    {
      window = strata_workspace_open (ws_path, NULL, &error);
      g_assert_no_error (error);
    }
  start = g_get_monotonic_time ();
  cpu = cpu_seconds (RUSAGE_SELF);
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *rows = r->rows_read;
  /* Closing checkpoints the WAL into the file: part of the cost. */
  g_clear_object (&ws);
  t.cpu = cpu_seconds (RUSAGE_SELF) - cpu;
  g_clear_object (&window);
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

#define ROUNDS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
print_line (const char *who,
            Timing     *t,
            guint64     rows)
{
  double cpu[ROUNDS], wall[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      cpu[r] = t[r].cpu;
      wall[r] = t[r].wall;
    }
  qsort (cpu, ROUNDS, sizeof (double), compare_doubles);
  qsort (wall, ROUNDS, sizeof (double), compare_doubles);
  printf ("  %-16s wall best %5.2f s median %5.2f s (%8.0f rows/s)   CPU best %5.2f s median %5.2f s\n",
          who, wall[0], wall[ROUNDS / 2], rows / wall[0], cpu[0], cpu[ROUNDS / 2]);
}

/* Rounds alternate which goes first, so that neither always meets a cold
 * page cache or a busy disk; best and median of each are printed. */
static void
compare (const char       *label,
         const char       *dir,
         const char       *csv,
         StrataImportKind  kind)
{
  guint64 rows = 0;
  Timing strata[ROUNDS], beside[ROUNDS], sqlite[ROUNDS];
  double strata_best = G_MAXDOUBLE, sqlite_best = G_MAXDOUBLE;
  double strata_cpu = G_MAXDOUBLE, sqlite_cpu = G_MAXDOUBLE;

  for (guint r = 0; r < ROUNDS; r++)
    {
      if (r % 2 == 0)
        {
          strata[r] = time_strata (dir, csv, kind, FALSE, &rows);
          sqlite[r] = time_sqlite3 (dir, csv);
        }
      else
        {
          sqlite[r] = time_sqlite3 (dir, csv);
          strata[r] = time_strata (dir, csv, kind, FALSE, &rows);
        }
      beside[r] = time_strata (dir, csv, kind, TRUE, &rows);
      strata_best = MIN (strata_best, strata[r].wall);
      sqlite_best = MIN (sqlite_best, sqlite[r].wall);
      strata_cpu = MIN (strata_cpu, strata[r].cpu);
      sqlite_cpu = MIN (sqlite_cpu, sqlite[r].cpu);
    }

  printf ("%s: %llu rows, %d rounds\n", label, (unsigned long long) rows, ROUNDS);
  print_line ("strata import", strata, rows);
  print_line ("  beside window", beside, rows);
  print_line ("sqlite3 .import", sqlite, rows);
  printf ("  strata / sqlite3, best of each: wall %.2f, CPU %.2f\n",
          strata_best / sqlite_best, strata_cpu / sqlite_cpu);
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
