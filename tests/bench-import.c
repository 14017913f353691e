/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import benchmark: Strata's import against sqlite3's own `.import` of the
 * same file into a plain table, in the same run.
 *
 *   bench-import [--rows N] [--runs K] [ORDER_LINES.csv]
 *
 * Always: a generated customer table of N rows (default 1,000,000, or
 * $STRATA_BENCH_ROWS) as wide as a real one: id, name, the ten metrics the
 * default rules and the quadrant use, and a region. With an argument (e.g.
 * ../shared/data/online_retail/online_retail.csv), also that order-line
 * file. Each import goes into a new workspace. Timed:
 * - in this process: strata_import_run, cold (the CSV dropped from the OS
 *   page cache) and warm, and warm with a second connection open beside it
 *   (as the window's is);
 * - the whole commands, as processes from start to exit:
 *   `strata-cli import WS FILE -p 2026-Q3` and
 *   `sqlite3 DB ".import --csv FILE t"`, cold and warm.
 * Wall-clock medians of K runs each (default 3, $STRATA_BENCH_RUNS), and
 * the CPU time (user + system) of the in-process import. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench-util.h"
#include "strata-import.h"

static char *
generate (const char *dir,
          guint       n)
{
  char *path = g_build_filename (dir, "customers.csv", NULL);
  FILE *fp = g_fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (42);
  static const char *regions[] = { "华东", "华北", "华南", "西南", "Europe", "North America" };

  g_assert_nonnull (fp);
  fprintf (fp, "customer_id,name,order_amount,referrals,business_lines,high_growth,listed_company,"
           "overdue_invoices,fault_tickets,listed_products,monthly_inquiries,login_days,region\n");
  for (guint i = 0; i < n; i++)
    fprintf (fp, "C%07u,Customer %u Ltd.,%u.%02u,%u,%u,%s,%s,%u,%u,%u,%u,%u,%s\n", i, i,
             g_rand_int_range (rand, 0, 5000000), g_rand_int_range (rand, 0, 100),
             g_rand_int_range (rand, 0, 12), g_rand_int_range (rand, 1, 6),
             g_rand_int_range (rand, 0, 5) == 0 ? "yes" : "no",
             g_rand_boolean (rand) ? "yes" : "no",
             g_rand_int_range (rand, 0, 4), g_rand_int_range (rand, 0, 8),
             g_rand_int_range (rand, 0, 200), g_rand_int_range (rand, 0, 40),
             g_rand_int_range (rand, 0, 92), regions[i % G_N_ELEMENTS (regions)]);
  /* On disk before the clocks start: the kernel writing the file back
   * while the first import runs would slow whichever goes first. */
  fflush (fp);
  fsync (fileno (fp));
  fclose (fp);
  g_rand_free (rand);
  return path;
}

static double
cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* beside: with a second connection open on the file, as the window's is
 * when it imports (the import then keeps WAL mode). */
static double
time_strata (const char       *dir,
             const char       *csv,
             StrataImportKind  kind,
             gboolean          beside,
             guint64          *rows,
             double           *cpu)
{
  g_autofree char *ws_path = g_build_filename (dir, "bench.strata", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (kind, "2026-Q3");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataWorkspace) window = NULL;
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  double start, cpu0;

  g_unlink (ws_path);
  start = bench_now_ms ();
  cpu0 = cpu_ms ();
  ws = strata_import_open_workspace (ws_path, &error);
  g_assert_no_error (error);
  if (beside)
    {
      window = strata_workspace_open (ws_path, NULL, &error);
      g_assert_no_error (error);
    }
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *rows = r->rows_read;
  /* Closing checkpoints the WAL into the file: part of the cost. */
  g_clear_object (&ws);
  *cpu = cpu_ms () - cpu0;
  g_clear_object (&window);
  start = bench_now_ms () - start;
  g_unlink (ws_path);
  return start;
}

static void
compare (const char       *label,
         const char       *dir,
         const char       *csv,
         const char       *cli,
         StrataImportKind  kind,
         guint             runs)
{
  g_autofree double *cold = g_new0 (double, runs);
  g_autofree double *warm = g_new0 (double, runs);
  g_autofree double *beside = g_new0 (double, runs);
  g_autofree double *cpu = g_new0 (double, runs);
  g_autofree char *ws = g_build_filename (dir, "cli.strata", NULL);
  g_autofree char *db = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *import_cmd = g_strdup_printf (".import --csv '%s' t", csv);
  g_autofree char *rm_ws = g_strdup_printf ("rm -f '%s' '%s-wal' '%s-shm'; ", ws, ws, ws);
  g_autofree char *cli_cmd = NULL;
  g_autofree char *sqlite_cmd = NULL;
  const char *how = "cold";
  guint64 rows = 0;
  double c, s_cold, s_warm, q_cold, q_warm, unused;

  printf ("%s (%s):\n", label, csv);
  printf (" in this process (each into a new workspace):\n");
  for (guint k = 0; k < runs; k++)
    {
      const char *state = bench_drop_cache (csv);

      if (g_strcmp0 (state, "cold") != 0)
        how = state;
      cold[k] = time_strata (dir, csv, kind, FALSE, &rows, &unused);
    }
  for (guint k = 0; k < runs; k++)
    warm[k] = time_strata (dir, csv, kind, FALSE, &rows, &cpu[k]);
  for (guint k = 0; k < runs; k++)
    beside[k] = time_strata (dir, csv, kind, TRUE, &rows, &unused);
  printf ("  %llu rows read\n", (unsigned long long) rows);
  bench_print ("strata_import_run", how, cold, runs);
  c = bench_median (cold, runs);
  printf ("    (%.0f rows/s)\n", rows / c * 1e3);
  bench_print ("strata_import_run", "warm", warm, runs);
  printf ("    (%.0f rows/s)\n", rows / bench_median (warm, runs) * 1e3);
  bench_print ("strata_import_run, CPU time (user + system)", "warm", cpu, runs);
  bench_print ("strata_import_run beside a second connection", "warm", beside, runs);

  /* The command removes the workspace first, so that each run imports
   * into a new one (sh's start is in both figures, and is small). */
  printf (" whole commands (processes, start to exit; each into a new file):\n");
  cli_cmd = g_strdup_printf ("%s'%s' import '%s' '%s' -p 2026-Q3%s", rm_ws, cli, ws, csv,
                             kind == STRATA_IMPORT_KIND_ORDERS ? " --orders" : "");
  sqlite_cmd = g_strdup_printf ("rm -f '%s'; sqlite3 '%s' \"%s\"", db, db, import_cmd);
  {
    const char *cli_argv[] = { "sh", "-c", cli_cmd, NULL };
    const char *sqlite_argv[] = { "sh", "-c", sqlite_cmd, NULL };

    bench_command ("strata-cli import", csv, cli_argv, NULL, runs, &s_cold, &s_warm);
    bench_command ("sqlite3 DB \".import --csv FILE t\"", csv, sqlite_argv, NULL, runs,
                   &q_cold, &q_warm);
  }
  bench_print_ratio ("ratio strata-cli import / sqlite3 .import, cold", s_cold / q_cold);
  bench_print_ratio ("ratio strata-cli import / sqlite3 .import, warm", s_warm / q_warm);
  printf ("\n");
  fflush (stdout);
  g_unlink (db);
  g_unlink (ws);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", NULL);
  g_autofree char *customers = NULL;
  g_autofree char *cli = bench_build_path (argv[0], "STRATA_CLI", "src/cli/strata-cli");
  g_autoptr(GOptionContext) context = g_option_context_new ("[ORDER_LINES.csv]");
  g_autoptr(GError) error = NULL;
  int rows = 0, runs = 0;
  const GOptionEntry entries[] = {
    { "rows", 'n', 0, G_OPTION_ARG_INT, &rows, "Rows of the generated customer table (default 1000000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each cold and warm figure (default 3)", "K" },
    { NULL }
  };
  double t;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-import: %s\n", error->message);
      return 2;
    }
  rows = bench_size (rows, "STRATA_BENCH_ROWS", 1000000);
  runs = bench_size (runs, "STRATA_BENCH_RUNS", 3);
  printf ("wall-clock times; cold = the CSV dropped from the OS page cache, a new workspace\n\n");
  t = bench_now_ms ();
  customers = generate (dir, rows);
  printf ("generated %s: %d rows, 13 columns, in %.0f ms\n", customers, rows, bench_now_ms () - t);
  compare ("customer table (generated)", dir, customers, cli, STRATA_IMPORT_KIND_CUSTOMERS, runs);
  if (argc > 1 && *argv[1] != '\0')
    compare ("order lines", dir, argv[1], cli, STRATA_IMPORT_KIND_ORDERS, runs);
  bench_remove_dir (dir);
  return 0;
}
