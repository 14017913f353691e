/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (built, not run by meson test):
 *   bench-report [WORKSPACE] [N_CUSTOMERS]
 * Writes a demo workspace of N customers (default 100,000, four quarters)
 * unless WORKSPACE exists, then times the PDF report as the window and the
 * CLI make it: reading the workspace (strata_report_new: two periods'
 * results, the movement, the matrix), then laying out, drawing and writing
 * the pages (strata_report_save_pdf) with the largest tiers summarised as
 * their best 100 customers by score. The alternative in the same run lists
 * every customer of every tier (--top 0 in the CLI). Wall-clock times. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "strata-demo.h"
#include "strata-report.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static void
run (StrataWorkspace *ws,
     guint            top_n,
     const char      *path,
     const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataReport) report = NULL;
  StrataReportOptions options = { .language = "en", .top_n = top_n };
  double t0, t1, t2;
  GStatBuf st = { 0, };

  t0 = now_ms ();
  report = strata_report_new (ws, &options, &error);
  t1 = now_ms ();
  if (report == NULL || !strata_report_save_pdf (report, path, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      exit (1);
    }
  t2 = now_ms ();
  g_stat (path, &st);
  printf ("%-28s read %7.0f ms   pages+write %7.0f ms   total %7.0f ms   %5u pages  %6.1f MB\n",
          name, t1 - t0, t2 - t1, t2 - t0, strata_report_get_n_pages (report),
          st.st_size / 1e6);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 100000;

  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "bench.strata", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      double t0 = now_ms ();
      if (!strata_demo_write (path, n, 2026, 4, STRATA_DEMO_NONE, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-report: %s\n", error->message);
          return 1;
        }
      printf ("demo workspace: %u customers, 4 quarters, %.0f ms\n", n, now_ms () - t0);
    }
  ws = strata_workspace_open (path, NULL, &error);
  if (ws == NULL)
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      return 1;
    }
  pdf = g_strconcat (path, ".pdf", NULL);
  run (ws, 0, pdf, "top 100 per tier (default)");
  run (ws, G_MAXUINT, pdf, "every customer listed");
  g_unlink (pdf);
  if (dir != NULL)
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  return 0;
}
