/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (built, not run by meson test):
 *   bench-open [N_CUSTOMERS] [DIR]
 * Writes two demo workspaces into DIR (default: a temporary folder), of 600
 * and of N_CUSTOMERS customers (default 1,000,000), unless they are there
 * already, and times what a user waits for when opening one:
 *   - opening the workspace (a fresh StrataWorkspace each time), cold: the
 *     OS page cache of the file dropped first (posix_fadvise DONTNEED, which
 *     needs nothing but an fsync'd file), and warm;
 *   - the alternative, the open as it was: the same open followed by
 *     PRAGMA quick_check, which reads every page;
 *   - the whole command `strata-cli periods FILE`, as a process, start to exit
 *     (STRATA_CLI names the binary; default: next to this build).
 * Each figure is the median of 5 wall-clock runs. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-demo.h"
#include "bench-util.h"

#include "strata-demo.h"
#include "strata-workspace.h"

#define RUNS 5

static double
time_open (const char *path,
           gboolean    cold,
           gboolean    full_scan)
{
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  double t0;

  if (cold)
    bench_drop_cache (path);
  t0 = bench_now_ms ();
  ws = strata_workspace_open (path, NULL, &error);
  if (ws == NULL)
    g_error ("%s", error->message);
  if (full_scan)
    {
      g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, "PRAGMA quick_check(1)", NULL);

      if (sqlite3_step (stmt) != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        g_error ("quick_check failed on %s", path);
    }
  return bench_now_ms () - t0;
}

static double
time_command (const char *cli,
              const char *path)
{
  const char *argv[] = { cli, "periods", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  double t0;

  bench_drop_cache (path);
  t0 = bench_now_ms ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, NULL))
    g_error ("strata-cli periods %s failed", path);
  return bench_now_ms () - t0;
}

static void
measure (const char *label,
         const char *path,
         const char *cli)
{
  double v[RUNS];
  GStatBuf st;

  g_stat (path, &st);
  printf ("%s (%s, %.0f MB):\n", label, path, st.st_size / 1e6);
  for (guint i = 0; i < RUNS; i++) v[i] = time_open (path, TRUE, FALSE);
  printf ("  open, cold:                          %9.1f ms\n", bench_median (v, RUNS));
  for (guint i = 0; i < RUNS; i++) v[i] = time_open (path, FALSE, FALSE);
  printf ("  open, warm OS cache:                 %9.1f ms\n", bench_median (v, RUNS));
  for (guint i = 0; i < RUNS; i++) v[i] = time_open (path, TRUE, TRUE);
  printf ("  alternative, open + quick_check, cold: %7.1f ms\n", bench_median (v, RUNS));
  for (guint i = 0; i < RUNS; i++) v[i] = time_command (cli, path);
  printf ("  strata-cli periods (process), cold:  %9.1f ms\n", bench_median (v, RUNS));
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("bench-open-XXXXXX", NULL);
  g_autofree char *own_dir = g_path_get_dirname (argv[0]);
  g_autofree char *cli = g_strdup (g_getenv ("STRATA_CLI"));
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;

  g_mkdir_with_parents (dir, 0755);
  if (cli == NULL)
    cli = g_build_filename (own_dir, "..", "src", "cli", "strata-cli", NULL);
  small = bench_demo_ensure (dir, "open", 600);
  big = bench_demo_ensure (dir, "open", n);
  printf ("medians of %d runs, wall clock\n", RUNS);
  measure ("600 customers", small, cli);
  measure (n == 1000000 ? "1,000,000 customers" : "large workspace", big, cli);
  return 0;
}
