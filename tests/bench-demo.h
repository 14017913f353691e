/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Demo workspaces for the benchmarks (bench-explain, bench-open), and the
 * command line of those that run on demo workspaces of a given number of
 * customers (bench-scoring, bench-calibrate):
 *   NAME [--dir DIR] [--runs K] [--file FILE] [N_CUSTOMERS...]
 * DIR (default $STRATA_BENCH_DIR or /tmp/strata-bench) keeps the demo
 * workspaces, so a second run does not write them again; the sizes come
 * from the arguments, else $STRATA_BENCH_CUSTOMERS, else default_sizes.
 * --file times one existing workspace instead (e.g. /tmp/big.strata). */
#pragma once

#include <stdio.h>

#include "bench-util.h"
#include "strata-demo.h"

/* DIR/PREFIX-N.strata, a demo workspace of n customers (seed 2026, four
 * quarters), written when it is not there yet. */
static inline char *
bench_demo_ensure (const char *dir,
                   const char *prefix,
                   guint       n)
{
  char *path = g_strdup_printf ("%s/%s-%u.strata", dir, prefix, n);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      double t0 = bench_now_ms ();

      if (!strata_demo_write (path, n, 2026, 4, STRATA_DEMO_NONE, NULL, NULL, &error))
        g_error ("%s", error->message);
      printf ("wrote %s in %.1f s\n", path, (bench_now_ms () - t0) / 1e3);
    }
  return path;
}

/* Benchmarks one workspace; FALSE when a check failed. */
typedef gboolean (*BenchDemoFunc) (const char *path,
                                   const char *cli,
                                   guint       runs);

/* The benchmark's main(): parses the options, writes the missing demo
 * workspaces and runs func on each, after printing header. */
static inline int
bench_demo_main (int            argc,
                 char          *argv[],
                 const char    *name,
                 const char    *runs_help,
                 const char    *default_sizes,
                 const char    *header,
                 BenchDemoFunc  func)
{
  g_autofree char *dir = NULL;
  g_autofree char *one = NULL;
  g_autofree char *cli = bench_build_path (argv[0], "STRATA_CLI", "src/cli/strata-cli");
  g_auto(GStrv) sizes = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("[N_CUSTOMERS...]");
  g_autoptr(GError) error = NULL;
  int runs = 0;
  const GOptionEntry entries[] = {
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Where the demo workspaces are kept", "DIR" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, runs_help, "K" },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &one, "A workspace to time instead (e.g. /tmp/big.strata)", "FILE" },
    { NULL }
  };
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s: %s\n", name, error->message);
      return 2;
    }
  runs = bench_size (runs, "STRATA_BENCH_RUNS", 3);
  if (dir == NULL)
    dir = g_strdup (g_getenv ("STRATA_BENCH_DIR") ? g_getenv ("STRATA_BENCH_DIR") : "/tmp/strata-bench");
  if (argc > 1)
    sizes = g_strdupv (argv + 1);
  else
    sizes = g_strsplit (g_getenv ("STRATA_BENCH_CUSTOMERS") ? g_getenv ("STRATA_BENCH_CUSTOMERS")
                                                            : default_sizes, " ", -1);
  printf ("%s\n\n", header);
  if (one != NULL)
    return func (one, cli, (guint) runs) ? 0 : 1;
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);
      g_autofree char *file = g_strdup_printf ("demo-%u.strata", n);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      if (n == 0)
        continue;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          double t = bench_now_ms ();

          if (!strata_demo_write (path, n, STRATA_DEMO_DEFAULT_SEED, STRATA_DEMO_DEFAULT_PERIODS,
                                  STRATA_DEMO_NONE, NULL, NULL, &error))
            g_error ("%s", error->message);
          printf ("wrote %s (%u customers, %u quarters) in %.0f ms\n", path, n,
                  STRATA_DEMO_DEFAULT_PERIODS, bench_now_ms () - t);
        }
      ok &= func (path, cli, (guint) runs);
    }
  return ok ? 0 : 1;
}

/* The workspace of a window benchmark: file when given (it takes file,
 * which stays on disk), else a demo of n customers and two quarters
 * written at *path. */
static inline void
bench_demo_or_file (char **path,
                    char  *file,
                    int    n)
{
  g_autoptr(GError) error = NULL;
  double t0 = bench_now_ms ();

  if (file != NULL)
    {
      g_free (*path);
      *path = file;
      printf ("workspace %s\n", *path);
    }
  else if (!strata_demo_write (*path, n, 1, 2, STRATA_DEMO_NONE, NULL, NULL, &error))
    g_error ("%s", error->message);
  else
    printf ("demo workspace with %d customers, 2 quarters, written in %.0f ms\n", n,
            bench_now_ms () - t0);
}
