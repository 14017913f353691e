/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Report benchmark:
 *   bench-report [--customers N] [--runs K] [WORKSPACE]
 * Writes a demo workspace of N customers (default 100,000, or
 * $STRATA_BENCH_CUSTOMERS; four quarters) unless WORKSPACE exists, then
 * times the PDF report as the window and the CLI make it, with the largest
 * tiers summarised as their best 100 customers by score; the alternative
 * in the same run lists every customer of every tier (--top 0):
 * - in this process: reading the workspace (strata_report_new: two
 *   periods' results, the movement, the matrix), then laying out, drawing
 *   and writing the pages (strata_report_save_pdf), on a new workspace,
 *   cold (the file dropped from the OS page cache) and warm;
 * - the whole command, as a process from start to exit:
 *   `strata-cli report WORKSPACE -o FILE.pdf` (and with --top 0), cold and
 *   warm.
 * Wall-clock medians of K runs each (default 3, $STRATA_BENCH_RUNS). */
#include "config.h"

#include "bench-util.h"
#include "strata-demo.h"
#include "strata-report.h"
#include "strata-report-private.h"

static double
run (const char *path,
     guint       top_n,
     const char *pdf,
     double     *read_ms,
     guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataReport) report = NULL;
  StrataReportOptions options = { .language = "en", .top_n = top_n };
  double t0 = bench_now_ms ();

  ws = strata_workspace_open (path, NULL, &error);
  if (ws != NULL)
    report = strata_report_new (ws, &options, &error);
  *read_ms = bench_now_ms () - t0;
  if (report == NULL || !strata_report_save_pdf (report, pdf, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      exit (1);
    }
  *n_pages = strata_report_get_n_pages (report);
  return bench_now_ms () - t0;
}

static void
measure (const char *path,
         const char *cli,
         const char *pdf,
         guint       top_n,
         const char *name,
         guint       runs)
{
  g_autofree double *read_cold = g_new0 (double, runs);
  g_autofree double *total_cold = g_new0 (double, runs);
  g_autofree double *read_warm = g_new0 (double, runs);
  g_autofree double *total_warm = g_new0 (double, runs);
  g_autofree char *top = g_strdup_printf ("--top=%u", top_n == G_MAXUINT ? 0 : 100);
  const char *argv[] = { cli, "report", path, "-o", pdf, top, NULL };
  const char *how = "cold";
  guint n_pages = 0;
  double c, w;
  GStatBuf st = { 0, };

  for (guint k = 0; k < runs; k++)
    {
      const char *state = bench_drop_cache (path);

      if (g_strcmp0 (state, "cold") != 0)
        how = state;
      total_cold[k] = run (path, top_n, pdf, &read_cold[k], &n_pages);
    }
  for (guint k = 0; k < runs; k++)
    total_warm[k] = run (path, top_n, pdf, &read_warm[k], &n_pages);
  g_stat (pdf, &st);
  printf ("%s: %u pages, %.1f MB\n", name, n_pages, st.st_size / 1e6);
  printf (" in this process (a new workspace each time):\n");
  bench_print ("read (strata_report_new)", how, read_cold, runs);
  bench_print ("read + pages + write", how, total_cold, runs);
  bench_print ("read (strata_report_new)", "warm", read_warm, runs);
  bench_print ("read + pages + write", "warm", total_warm, runs);
  printf (" whole command (process, start to exit):\n");
  {
    g_autofree char *what = g_strdup_printf ("strata-cli report %s", top);

    bench_command (what, path, argv, NULL, runs, &c, &w);
  }
  printf ("\n");
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("[WORKSPACE]");
  g_autofree char *cli = bench_build_path (argv[0], "STRATA_CLI", "src/cli/strata-cli");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  int n = 0, runs = 0;
  const GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_INT, &n, "Customers of the demo workspace (default 100000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each cold and warm figure (default 3)", "K" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      return 2;
    }
  n = bench_size (n, "STRATA_BENCH_CUSTOMERS", 100000);
  runs = bench_size (runs, "STRATA_BENCH_RUNS", 3);
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "bench.strata", NULL);
    }
  printf ("wall-clock times; cold = a new StrataWorkspace and the file dropped from the OS page cache\n\n");
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      double t0 = bench_now_ms ();

      if (!strata_demo_write (path, n, 2026, 4, STRATA_DEMO_NONE, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-report: %s\n", error->message);
          return 1;
        }
      printf ("demo workspace: %d customers, 4 quarters, written in %.0f ms\n\n", n, bench_now_ms () - t0);
    }
  pdf = g_strconcat (path, ".pdf", NULL);
  measure (path, cli, pdf, 0, "top 100 per tier (default)", runs);
  measure (path, cli, pdf, G_MAXUINT, "every customer listed (the alternative)", runs);
  g_unlink (pdf);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
