/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Excel import benchmark: Strata's import of a workbook against Gnumeric's
 * `ssconvert` converting the same workbook to CSV, in the same run.
 *
 *   bench-xlsx [--rows N] [--runs K]
 *
 * A workbook of N rows (default 1,000,000, or $STRATA_BENCH_ROWS) is
 * written with libxlsxwriter: the 13 columns of bench-import's customer
 * table (ids, names and regions as text, figures as numbers). Timed:
 * - in this process: strata_import_run, cold (the workbook dropped from
 *   the OS page cache) and warm, each into a new workspace;
 * - the whole commands, as processes from start to exit:
 *   `strata-cli import WS FILE.xlsx -p 2026-Q3` and
 *   `ssconvert FILE.xlsx OUT.csv` (skipped with a message when ssconvert
 *   is not installed), cold and warm; and the peak resident memory of
 *   each command, and of the workbook reader alone (every record read in
 *   a child process, nothing imported): the sheet is streamed, so what
 *   grows with the rows in strata-cli's figure is the import's own state
 *   per customer and SQLite's page cache (capped at 16 MiB).
 * Wall-clock medians of K runs each (default 3, $STRATA_BENCH_RUNS). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "bench-util.h"
#include "strata-import.h"
#include "strata-xlsx.h"

/* Constant-memory mode writes strings inline (not shared): the reader
 * handles both, and ssconvert reads the same file. */
static char *
generate (const char *dir,
          guint       n)
{
  static const char *head[] = {
    "customer_id", "name", "order_amount", "referrals", "business_lines", "high_growth",
    "listed_company", "overdue_invoices", "fault_tickets", "listed_products",
    "monthly_inquiries", "login_days", "region",
  };
  static const char *regions[] = { "华东", "华北", "华南", "西南", "Europe", "North America" };
  char *path = g_build_filename (dir, "customers.xlsx", NULL);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) dir,
                                   .use_zip64 = LXW_TRUE };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Customers");
  GRand *rand = g_rand_new_with_seed (42);
  char text[64];

  for (guint c = 0; c < G_N_ELEMENTS (head); c++)
    worksheet_write_string (ws, 0, c, head[c], NULL);
  for (guint i = 0; i < n; i++)
    {
      lxw_row_t r = i + 1;

      g_snprintf (text, sizeof text, "C%07u", i);
      worksheet_write_string (ws, r, 0, text, NULL);
      g_snprintf (text, sizeof text, "Customer %u Ltd.", i);
      worksheet_write_string (ws, r, 1, text, NULL);
      /* The values of bench-import's table, drawn in the same order. */
      worksheet_write_number (ws, r, 2, g_rand_int_range (rand, 0, 5000000)
                                        + g_rand_int_range (rand, 0, 100) / 100.0, NULL);
      worksheet_write_number (ws, r, 3, g_rand_int_range (rand, 0, 12), NULL);
      worksheet_write_number (ws, r, 4, g_rand_int_range (rand, 1, 6), NULL);
      worksheet_write_string (ws, r, 5, g_rand_int_range (rand, 0, 5) == 0 ? "yes" : "no", NULL);
      worksheet_write_string (ws, r, 6, g_rand_boolean (rand) ? "yes" : "no", NULL);
      worksheet_write_number (ws, r, 7, g_rand_int_range (rand, 0, 4), NULL);
      worksheet_write_number (ws, r, 8, g_rand_int_range (rand, 0, 8), NULL);
      worksheet_write_number (ws, r, 9, g_rand_int_range (rand, 0, 200), NULL);
      worksheet_write_number (ws, r, 10, g_rand_int_range (rand, 0, 40), NULL);
      worksheet_write_number (ws, r, 11, g_rand_int_range (rand, 0, 92), NULL);
      worksheet_write_string (ws, r, 12, regions[i % G_N_ELEMENTS (regions)], NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  g_rand_free (rand);
  /* On disk before the clocks start. */
  {
    int fd = g_open (path, O_RDONLY, 0);

    g_assert_cmpint (fd, >=, 0);
    fsync (fd);
    close (fd);
  }
  return path;
}

/* Peak resident memory (MB) of sh -c cmd, from its own rusage. */
static double
command_peak_mb (const char *cmd)
{
  struct rusage ru = { 0 };
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      execl ("/bin/sh", "sh", "-c", cmd, (char *) NULL);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &ru), ==, pid);
  return ru.ru_maxrss / 1024.0;
}

/* Peak resident memory (MB) of a child that reads every record of the
 * workbook and imports nothing. */
static double
reader_peak_mb (const char *xlsx,
                guint64    *records)
{
  struct rusage ru = { 0 };
  int status = 0, fds[2];
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      StrataXlsxReader *r = strata_xlsx_reader_open (xlsx, NULL, &error);
      guint64 n = 0;

      while (r != NULL && strata_xlsx_reader_next (r, &error))
        n++;
      if (write (fds[1], &n, sizeof n) != sizeof n)
        _exit (1);
      _exit (error != NULL);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], records, sizeof *records), ==, sizeof *records);
  close (fds[0]);
  g_assert_cmpint (wait4 (pid, &status, 0, &ru), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return ru.ru_maxrss / 1024.0;
}

static double
time_strata (const char *dir,
             const char *xlsx,
             guint64    *rows)
{
  g_autofree char *ws_path = g_build_filename (dir, "bench.strata", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS,
                                                                "2026-Q3");
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  double start;

  g_unlink (ws_path);
  start = bench_now_ms ();
  ws = strata_import_open_workspace (ws_path, &error);
  g_assert_no_error (error);
  r = strata_import_run (ws, xlsx, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* A benchmark of rows that were refused measures nothing. */
  if (r->rejects->len > 0)
    {
      StrataImportReject *j = r->rejects->pdata[0];

      fprintf (stderr, "bench-xlsx: %llu rows rejected, the first %s (%s): %s\n",
               (unsigned long long) r->rows_rejected, j->cell ? j->cell : "", j->value, j->reason);
      exit (1);
    }
  *rows = r->rows_imported;
  /* Closing checkpoints the WAL into the file: part of the cost. */
  g_clear_object (&ws);
  start = bench_now_ms () - start;
  g_unlink (ws_path);
  return start;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", NULL);
  g_autofree char *xlsx = NULL;
  g_autofree char *cli = bench_build_path (argv[0], "STRATA_CLI", "src/cli/strata-cli");
  g_autofree char *ssconvert = g_find_program_in_path ("ssconvert");
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree double *cold = NULL;
  g_autofree double *warm = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *cli_cmd = NULL;
  g_autofree char *ss_cmd = NULL;
  const char *how = "cold";
  int rows = 0, runs = 0;
  guint64 imported = 0;
  double t, s_cold, s_warm, g_cold, g_warm;
  struct rusage ru;
  GStatBuf st;
  const GOptionEntry entries[] = {
    { "rows", 'n', 0, G_OPTION_ARG_INT, &rows, "Rows of the generated workbook (default 1000000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each cold and warm figure (default 3)", "K" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-xlsx: %s\n", error->message);
      return 2;
    }
  rows = bench_size (rows, "STRATA_BENCH_ROWS", 1000000);
  runs = bench_size (runs, "STRATA_BENCH_RUNS", 3);
  cold = g_new0 (double, runs);
  warm = g_new0 (double, runs);
  printf ("wall-clock times; cold = the workbook dropped from the OS page cache, a new workspace\n\n");

  t = bench_now_ms ();
  xlsx = generate (dir, rows);
  g_assert_cmpint (g_stat (xlsx, &st), ==, 0);
  printf ("generated %s: %d rows, 13 columns, %.1f MB, in %.0f ms\n", xlsx, rows,
          st.st_size / 1e6, bench_now_ms () - t);

  printf (" in this process (each into a new workspace):\n");
  for (int k = 0; k < runs; k++)
    {
      const char *state = bench_drop_cache (xlsx);

      if (g_strcmp0 (state, "cold") != 0)
        how = state;
      cold[k] = time_strata (dir, xlsx, &imported);
    }
  for (int k = 0; k < runs; k++)
    warm[k] = time_strata (dir, xlsx, &imported);
  printf ("  %llu rows imported\n", (unsigned long long) imported);
  g_assert_cmpuint (imported, ==, (guint64) rows);
  bench_print ("strata_import_run", how, cold, runs);
  bench_print ("strata_import_run", "warm", warm, runs);
  printf ("    (%.0f rows/s)\n", rows / bench_median (warm, runs) * 1e3);

  printf (" whole commands (processes, start to exit; each into a new file):\n");
  ws = g_build_filename (dir, "cli.strata", NULL);
  csv = g_build_filename (dir, "converted.csv", NULL);
  cli_cmd = g_strdup_printf ("rm -f '%s' '%s-wal' '%s-shm'; '%s' import '%s' '%s' -p 2026-Q3",
                             ws, ws, ws, cli, ws, xlsx);
  {
    const char *cli_argv[] = { "sh", "-c", cli_cmd, NULL };

    bench_command ("strata-cli import FILE.xlsx", xlsx, cli_argv, NULL, runs, &s_cold, &s_warm);
  }
  /* Every child so far was strata-cli (and sh): its peak memory. */
  getrusage (RUSAGE_CHILDREN, &ru);
  printf ("  %-60s %9.1f MB\n", "strata-cli import FILE.xlsx, peak resident memory:",
          ru.ru_maxrss / 1024.0);
  {
    guint64 records = 0;
    double mb = reader_peak_mb (xlsx, &records);

    g_assert_cmpuint (records, ==, (guint64) rows + 1);
    printf ("  %-60s %9.1f MB\n", "the workbook reader alone, peak resident memory:", mb);
  }

  if (ssconvert == NULL)
    printf ("  ssconvert FILE.xlsx OUT.csv: skipped, ssconvert (Gnumeric) is not installed\n");
  else
    {
      const char *ss_argv[] = { "sh", "-c", NULL, NULL };

      ss_cmd = g_strdup_printf ("rm -f '%s'; '%s' '%s' '%s' 2>/dev/null", csv, ssconvert, xlsx, csv);
      ss_argv[2] = ss_cmd;
      bench_command ("ssconvert FILE.xlsx OUT.csv", xlsx, ss_argv, NULL, runs, &g_cold, &g_warm);
      /* The conversion wrote every row (and the header). */
      g_assert_cmpint (g_stat (csv, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, rows * 20);
      printf ("  %-60s %9.1f MB\n", "ssconvert FILE.xlsx OUT.csv, peak resident memory:",
              command_peak_mb (ss_cmd));
      bench_print_ratio ("ratio strata-cli import / ssconvert to CSV, cold", s_cold / g_cold);
      bench_print_ratio ("ratio strata-cli import / ssconvert to CSV, warm", s_warm / g_warm);
    }
  fflush (stdout);
  bench_remove_dir (dir);
  return 0;
}
