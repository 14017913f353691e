/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import benchmark: Strata's import against sqlite3's own `.import` of the
 * same file into a plain table, in the same run.
 *
 *   bench-import [--rows N] [--runs K] [--commands | --wide | --existing] [--baseline CLI]
 *                [ORDER_LINES.csv]
 *
 * Always: generated customer tables of N rows (default 1,000,000, or
 * $STRATA_BENCH_ROWS), as wide as a real one (12 columns: id, name and the
 * ten metrics the default rules and the quadrant use) and a narrow one
 * (7 columns: id, name, five metrics), and the 12-column one with its rows
 * in random order (whole commands only): a real table is rarely sorted by
 * its ids, and each new id then lands at a random place in the ext_id
 * index and in the import's table of known customers. With an argument (e.g.
 * ../shared/data/online_retail/online_retail.csv), also that order-line
 * file. Each import goes into a new workspace. Timed:
 * - in this process: strata_import_run, cold (the CSV dropped from the OS
 *   page cache) and warm, and warm with a second connection open beside it
 *   (as the window's is);
 * - the whole commands, as processes from start to exit, in alternating
 *   rounds (one of each per round, so that both see the same machine):
 *   `strata-cli import WS FILE -p 2026-Q3` and
 *   `sqlite3 DB ".import --csv FILE t"`, cold and warm: wall-clock time,
 *   CPU time (user + system) and peak resident memory of each, best and
 *   median of K rounds; with --baseline, another build's strata-cli too,
 *   in the same rounds (so that a change is measured on the same machine).
 * Wall-clock medians of K runs each (default 3, $STRATA_BENCH_RUNS), and
 * the CPU time (user + system) of the in-process import.
 * Last, the peak resident memory of both commands at N/10 and N rows of
 * the 12-column table side by side: Strata's should not grow with the
 * rows (its period columns spill to a file, SQLite's cache is capped).
 * And the peak resident memory of `strata-cli import` of N/10 customers
 * into a demo workspace's period of N/100 customers and of N/2 side by
 * side: the merge reads the period's rows a window at a time, so it
 * should not grow with the period either. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "strata-import.h"

/* wide: the 12 columns of a real customer table; else 7. shuffled: the
 * same rows (the same ids and values) in random order. */
static char *
generate (const char *dir,
          guint       n,
          gboolean    wide,
          gboolean    shuffled)
{
  char *path = g_build_filename (dir, shuffled ? "customers-12-shuffled.csv"
                                 : wide ? "customers-12.csv" : "customers-7.csv", NULL);
  FILE *fp = g_fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (42);
  g_autofree guint *order = g_new (guint, MAX (n, 1));

  /* The ids in the order the rows are written (values follow the row). */
  for (guint i = 0; i < n; i++)
    order[i] = i;
  if (shuffled)
    {
      GRand *mix = g_rand_new_with_seed (7);

      for (guint i = n; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (mix, 0, (gint32) i), t = order[i - 1];

          order[i - 1] = order[j];
          order[j] = t;
        }
      g_rand_free (mix);
    }

  g_assert_nonnull (fp);
  if (wide)
    fprintf (fp, "customer_id,name,order_amount,referrals,business_lines,high_growth,listed_company,"
             "overdue_invoices,fault_tickets,listed_products,monthly_inquiries,login_days\n");
  else
    fprintf (fp, "customer_id,name,order_amount,referrals,business_lines,overdue_invoices,login_days\n");
  for (guint i = 0; i < n; i++)
    {
      guint amount = g_rand_int_range (rand, 0, 5000000), cents = g_rand_int_range (rand, 0, 100);
      guint referrals = g_rand_int_range (rand, 0, 12), lines = g_rand_int_range (rand, 1, 6);

      if (wide)
        fprintf (fp, "C%07u,Customer %u Ltd.,%u.%02u,%u,%u,%s,%s,%u,%u,%u,%u,%u\n", order[i], order[i],
                 amount, cents, referrals, lines,
                 g_rand_int_range (rand, 0, 5) == 0 ? "yes" : "no",
                 g_rand_boolean (rand) ? "yes" : "no",
                 g_rand_int_range (rand, 0, 4), g_rand_int_range (rand, 0, 8),
                 g_rand_int_range (rand, 0, 200), g_rand_int_range (rand, 0, 40),
                 g_rand_int_range (rand, 0, 92));
      else
        fprintf (fp, "C%07u,Customer %u Ltd.,%u.%02u,%u,%u,%u,%u\n", order[i], order[i], amount, cents,
                 referrals, lines, g_rand_int_range (rand, 0, 4), g_rand_int_range (rand, 0, 92));
    }
  /* On disk before the clocks start: the kernel writing the file back
   * while the first import runs would slow whichever goes first. */
  fflush (fp);
  fsync (fileno (fp));
  fclose (fp);
  g_rand_free (rand);
  return path;
}

/* n order lines, ten per customer, in invoices of three lines whose
 * numbers repeat across customers, with cancellations and lines without
 * a product, over two years. */
static char *
generate_orders (const char *dir,
                 guint       n)
{
  char *path = g_build_filename (dir, "order-lines.csv", NULL);
  FILE *fp = g_fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (42);
  guint customers = MAX (n / 10, 1), customer = 0, day = 0;

  g_assert_nonnull (fp);
  fprintf (fp, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
  for (guint i = 0; i < n; i++)
    {
      gboolean cancel = g_rand_int_range (rand, 0, 50) == 0;
      guint product = g_rand_int_range (rand, 0, 4000);
      int quantity = g_rand_int_range (rand, 1, 24);

      if (i % 3 == 0)
        {
          customer = g_rand_int_range (rand, 0, customers);
          day = g_rand_int_range (rand, 0, 730);
        }
      if (g_rand_int_range (rand, 0, 33) == 0)
        fprintf (fp, "%s%u,,,", cancel ? "C" : "", 100000 + (i / 3) % 200000);
      else
        fprintf (fp, "%s%u,P%05u,Item %u,", cancel ? "C" : "", 100000 + (i / 3) % 200000,
                 product, product);
      fprintf (fp, "%d,%04u-%02u-%02u,%u.%02u,U%07u\n", cancel ? -quantity : quantity,
               2010 + day / 365, (day % 365) / 31 % 12 + 1, day % 28 + 1,
               g_rand_int_range (rand, 0, 50), g_rand_int_range (rand, 0, 100), customer);
    }
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

typedef struct
{
  double wall;   /* ms */
  double cpu;    /* ms, user + system */
  double rss;    /* MB, peak resident */
} Process;

/* Runs argv (stdout and stderr to /dev/null) and measures it from fork to
 * exit; wait4 gives its own CPU time and peak memory. Aborts when it fails. */
static Process
run_process (const char * const *argv)
{
  Process p;
  struct rusage ru;
  double start = bench_now_ms ();
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, 1);
      dup2 (null, 2);
      execvp (argv[0], (char **) argv);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &ru), ==, pid);
  p.wall = bench_now_ms () - start;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *cmd = g_strjoinv (" ", (char **) argv);

      fprintf (stderr, "%s: failed (status %d)\n", cmd, status);
      exit (1);
    }
  p.cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
          (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
  p.rss = ru.ru_maxrss / 1024.0;
  return p;
}

static double
best (const double *v,
      guint         n)
{
  double b = v[0];

  for (guint i = 1; i < n; i++)
    b = MIN (b, v[i]);
  return b;
}

/* The best (lowest) wall-clock and CPU time of n runs. */
static double
best_wall (const Process *p,
           guint          n)
{
  double b = p[0].wall;

  for (guint i = 1; i < n; i++)
    b = MIN (b, p[i].wall);
  return b;
}

static double
best_cpu (const Process *p,
          guint          n)
{
  double b = p[0].cpu;

  for (guint i = 1; i < n; i++)
    b = MIN (b, p[i].cpu);
  return b;
}

/* One line: "what (how): median, best; CPU median, best; peak MB". */
static void
print_process (const char    *what,
               const char    *how,
               const Process *p,
               guint          n)
{
  g_autofree double *wall = g_new (double, n);
  g_autofree double *cpu = g_new (double, n);
  g_autofree char *label = g_strdup_printf ("%s, %s:", what, how);
  double rss = 0;

  for (guint i = 0; i < n; i++)
    {
      wall[i] = p[i].wall;
      cpu[i] = p[i].cpu;
      rss = MAX (rss, p[i].rss);
    }
  printf ("  %-44s %9.0f ms (median of %u), best %7.0f ms; CPU %7.0f ms, best %7.0f ms; peak %4.0f MB\n",
          label, bench_median (wall, n), n, best (wall, n), bench_median (cpu, n), best (cpu, n), rss);
}

/* --baseline CLI: another build's strata-cli (e.g. main's), run in the same
 * rounds as this one's. */
static char *baseline_cli;

/* The two commands in alternating rounds: cold (the CSV dropped from the
 * OS cache before each), then warm. */
static void
compare_commands (const char       *csv,
                  const char       *cli,
                  const char       *dir,
                  StrataImportKind  kind,
                  guint             runs)
{
  g_autofree char *ws = g_build_filename (dir, "cli.strata", NULL);
  g_autofree char *ws_journal = g_strconcat (ws, "-journal", NULL);
  g_autofree char *ws_wal = g_strconcat (ws, "-wal", NULL);
  g_autofree char *ws_shm = g_strconcat (ws, "-shm", NULL);
  g_autofree char *db = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *import_cmd = g_strdup_printf (".import --csv '%s' t", csv);
  const char *cli_argv[] = { cli, "import", ws, csv, "-p", "2026-Q3", NULL, NULL };
  const char *sqlite_argv[] = { "sqlite3", db, import_cmd, NULL };
  g_autofree Process *s_cold = g_new0 (Process, runs);
  g_autofree Process *s_warm = g_new0 (Process, runs);
  g_autofree Process *q_cold = g_new0 (Process, runs);
  g_autofree Process *q_warm = g_new0 (Process, runs);
  g_autofree Process *b_cold = g_new0 (Process, runs);
  g_autofree Process *b_warm = g_new0 (Process, runs);
  const char *baseline_argv[G_N_ELEMENTS (cli_argv)];
  const char *how = "cold";
  double s_best_cold, s_best_warm, q_best_cold, q_best_warm;

  if (kind == STRATA_IMPORT_KIND_ORDERS)
    cli_argv[6] = "--orders";
  memcpy (baseline_argv, cli_argv, sizeof cli_argv);
  baseline_argv[0] = baseline_cli;
  for (guint warm = 0; warm < 2; warm++)
    for (guint k = 0; k < runs; k++)
      {
        /* Each into a new file. */
        g_unlink (ws);
        g_unlink (ws_journal);
        g_unlink (ws_wal);
        g_unlink (ws_shm);
        g_unlink (db);
        if (!warm)
          {
            const char *state = bench_drop_cache (csv);

            if (g_strcmp0 (state, "cold") != 0)
              how = state;
          }
        (warm ? s_warm : s_cold)[k] = run_process (cli_argv);
        if (baseline_cli != NULL)
          {
            g_unlink (ws);
            g_unlink (ws_journal);
            g_unlink (ws_wal);
            g_unlink (ws_shm);
            if (!warm)
              bench_drop_cache (csv);
            (warm ? b_warm : b_cold)[k] = run_process (baseline_argv);
          }
        if (!warm)
          bench_drop_cache (csv);
        (warm ? q_warm : q_cold)[k] = run_process (sqlite_argv);
      }
  g_unlink (ws);
  g_unlink (db);

  print_process ("strata-cli import", how, s_cold, runs);
  print_process ("sqlite3 DB \".import --csv FILE t\"", how, q_cold, runs);
  print_process ("strata-cli import", "warm", s_warm, runs);
  print_process ("sqlite3 DB \".import --csv FILE t\"", "warm", q_warm, runs);
  if (baseline_cli != NULL)
    {
      double s_cpu, b_cpu, q_cpu, s_wall, b_wall;

      print_process ("strata-cli import of --baseline", how, b_cold, runs);
      print_process ("strata-cli import of --baseline", "warm", b_warm, runs);
      s_cpu = best_cpu (s_warm, runs);
      b_cpu = best_cpu (b_warm, runs);
      q_cpu = best_cpu (q_warm, runs);
      printf ("  CPU, warm (best): this build %.0f ms, --baseline %.0f ms, sqlite3 %.0f ms:"
              " %.2fx and %.2fx sqlite3's\n", s_cpu, b_cpu, q_cpu, s_cpu / q_cpu, b_cpu / q_cpu);
      s_wall = best_wall (s_warm, runs);
      b_wall = best_wall (b_warm, runs);
      bench_print_ratio ("ratio this build / --baseline, CPU warm (best)", s_cpu / b_cpu);
      bench_print_ratio ("ratio this build / --baseline, wall warm (best)", s_wall / b_wall);
    }
  s_best_cold = best_wall (s_cold, runs);
  s_best_warm = best_wall (s_warm, runs);
  q_best_cold = best_wall (q_cold, runs);
  q_best_warm = best_wall (q_warm, runs);
  bench_print_ratio ("ratio strata-cli import / sqlite3 .import, cold (best)", s_best_cold / q_best_cold);
  bench_print_ratio ("ratio strata-cli import / sqlite3 .import, warm (best)", s_best_warm / q_best_warm);
  s_best_warm = best_cpu (s_warm, runs);
  q_best_warm = best_cpu (q_warm, runs);
  bench_print_ratio ("ratio of their CPU time, warm (best)", s_best_warm / q_best_warm);
}

/* --commands: only the whole commands (the in-process figures take as
 * long again at a million rows). */
static gboolean commands_only;
static gboolean existing_only;
/* --wide: only the whole commands on the 12-column table, sorted and
 * shuffled (the comparison issue #18 states). */
static gboolean wide_only;

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
  const char *how = "cold";
  guint64 rows = 0;
  double c, unused;

  printf ("%s (%s):\n", label, csv);
  if (commands_only)
    goto commands;
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

commands:
  printf (" whole commands (processes, start to exit; each into a new file; alternating rounds):\n");
  compare_commands (csv, cli, dir, kind, runs);
  printf ("\n");
  fflush (stdout);
}

/* The 12-column table at a tenth of the rows and at all of them, one
 * import of each by both commands, in a directory of its own; then order
 * lines (ten per customer) by strata-cli import --orders: what grows is
 * the customers (about 150 bytes each), not the lines (their state spills
 * to a temporary table beyond 16 MiB). */
static void
memory_by_rows (const char *dir,
                const char *cli,
                guint       rows)
{
  double orders_mb[2];
  g_autofree char *sub = g_build_filename (dir, "memory", NULL);
  g_autofree char *ws = g_build_filename (sub, "cli.strata", NULL);
  g_autofree char *db = g_build_filename (sub, "plain.db", NULL);
  const guint sizes[] = { MAX (rows / 10, 1), rows };
  double strata_mb[2], sqlite_mb[2];

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  printf ("peak resident memory by rows (12 columns, whole commands, one run each):\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *csv = generate (sub, sizes[i], TRUE, FALSE);
      g_autofree char *import_cmd = g_strdup_printf (".import --csv '%s' t", csv);
      const char *cli_argv[] = { cli, "import", ws, csv, "-p", "2026-Q3", NULL };
      const char *sqlite_argv[] = { "sqlite3", db, import_cmd, NULL };
      Process s, q;

      g_unlink (ws);
      g_unlink (db);
      s = run_process (cli_argv);
      q = run_process (sqlite_argv);
      strata_mb[i] = s.rss;
      sqlite_mb[i] = q.rss;
      printf ("  %9u rows: strata-cli import peak %4.0f MB (CPU %6.0f ms, wall %6.0f ms);"
              " sqlite3 .import peak %4.0f MB (CPU %6.0f ms, wall %6.0f ms)\n",
              sizes[i], s.rss, s.cpu, s.wall, q.rss, q.cpu, q.wall);
      g_unlink (ws);
      g_unlink (db);
      g_unlink (csv);
    }
  printf ("  growth from %u to %u rows: strata-cli import %+.0f MB, sqlite3 .import %+.0f MB\n",
          sizes[0], sizes[1], strata_mb[1] - strata_mb[0], sqlite_mb[1] - sqlite_mb[0]);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *csv = generate_orders (sub, sizes[i]);
      const char *cli_argv[] = { cli, "import", ws, csv, "-p", "2026-Q3", "--orders", NULL };
      Process s;

      g_unlink (ws);
      s = run_process (cli_argv);
      orders_mb[i] = s.rss;
      printf ("  %9u order lines (%u customers): strata-cli import --orders peak %4.0f MB"
              " (CPU %6.0f ms, wall %6.0f ms)\n", sizes[i], MAX (sizes[i] / 10, 1), s.rss, s.cpu, s.wall);
      g_unlink (ws);
      g_unlink (csv);
    }
  printf ("  growth from %u to %u order lines: strata-cli import --orders %+.0f MB\n\n",
          sizes[0], sizes[1], orders_mb[1] - orders_mb[0]);
  fflush (stdout);
}

/* The demo's customer ids of m customers as `strata-cli demo` numbers
 * them; n of them, every (m / n)th, or the first n (those beyond m new). */
static void
write_metrics_csv (const char *csv,
                   guint       m,
                   guint       n)
{
  int width = MAX (6, (int) ceil (log10 ((double) m + 1)));
  guint stride = MAX (m / n, 1);
  GRand *rand = g_rand_new_with_seed (7);
  FILE *fp = g_fopen (csv, "w");

  g_assert_nonnull (fp);
  fprintf (fp, "customer_id,order_amount,referrals,login_days\n");
  for (guint k = 0; k < n; k++)
    fprintf (fp, "C%0*u,%u.%02u,%u,%u\n", width, 1 + k * stride, g_rand_int_range (rand, 0, 5000000),
             g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 12), g_rand_int_range (rand, 0, 90));
  g_assert_cmpint (fclose (fp), ==, 0);
  g_rand_free (rand);
}

/* A demo workspace (`strata-cli demo`) of N/100 customers and one of N/2,
 * then N/10 customers' metrics imported into its 2026-Q3. */
static void
existing_period (const char *dir,
                 const char *cli,
                 guint       rows)
{
  g_autofree char *sub = g_build_filename (dir, "existing", NULL);
  g_autofree char *ws = g_build_filename (sub, "demo.strata", NULL);
  g_autofree char *csv = g_build_filename (sub, "metrics.csv", NULL);
  guint n = MAX (rows / 10, 1);
  const guint sizes[] = { MAX (rows / 100, 1), MAX (rows / 2, 1) };
  double mb[2];

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  printf ("peak resident memory importing %u customers into a period that has some (whole commands, one run each):\n", n);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *customers = g_strdup_printf ("%u", sizes[i]);
      const char *demo_argv[] = { cli, "demo", ws, "--customers", customers, NULL };
      const char *cli_argv[] = { cli, "import", ws, csv, "-p", "2026-Q3", NULL };
      Process d, s;

      g_unlink (ws);
      write_metrics_csv (csv, sizes[i], n);
      d = run_process (demo_argv);
      s = run_process (cli_argv);
      mb[i] = s.rss;
      printf ("  into %9u demo customers%s: strata-cli import peak %4.0f MB (CPU %6.0f ms, wall %6.0f ms);"
              " the demo written in %6.0f ms\n", sizes[i], sizes[i] < n ? " (the rest new)" : "",
              s.rss, s.cpu, s.wall, d.wall);
      g_unlink (ws);
    }
  printf ("  growth from %u to %u customers in the workspace: strata-cli import %+.0f MB\n\n",
          sizes[0], sizes[1], mb[1] - mb[0]);
  g_unlink (csv);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", NULL);
  g_autofree char *customers = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *shuffled = NULL;
  g_autofree char *cli = bench_build_path (argv[0], "STRATA_CLI", "src/cli/strata-cli");
  g_autoptr(GOptionContext) context = g_option_context_new ("[ORDER_LINES.csv]");
  g_autoptr(GError) error = NULL;
  int rows = 0, runs = 0;
  const GOptionEntry entries[] = {
    { "rows", 'n', 0, G_OPTION_ARG_INT, &rows, "Rows of the generated customer table (default 1000000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each cold and warm figure (default 3)", "K" },
    { "commands", 'c', 0, G_OPTION_ARG_NONE, &commands_only, "Only the whole commands, not the in-process figures", NULL },
    { "existing", 'e', 0, G_OPTION_ARG_NONE, &existing_only, "Only the import into a period that has customers", NULL },
    { "wide", 'w', 0, G_OPTION_ARG_NONE, &wide_only, "Only the whole commands on the 12-column table, sorted and shuffled", NULL },
    { "baseline", 'b', 0, G_OPTION_ARG_FILENAME, &baseline_cli, "Also time this strata-cli (another build) in the same rounds", "CLI" },
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
  if (existing_only)
    {
      existing_period (dir, cli, rows);
      bench_remove_dir (dir);
      return 0;
    }
  printf ("wall-clock times; cold = the CSV dropped from the OS page cache, a new workspace\n\n");
  t = bench_now_ms ();
  customers = generate (dir, rows, TRUE, FALSE);
  printf ("generated %s: %d rows, 12 columns, in %.0f ms\n", customers, rows, bench_now_ms () - t);
  shuffled = generate (dir, rows, TRUE, TRUE);
  if (wide_only)
    commands_only = TRUE;
  compare ("customer table (generated, 12 columns)", dir, customers, cli, STRATA_IMPORT_KIND_CUSTOMERS, runs);
  if (!wide_only)
    {
      narrow = generate (dir, rows, FALSE, FALSE);
      compare ("customer table (generated, 7 columns)", dir, narrow, cli, STRATA_IMPORT_KIND_CUSTOMERS, runs);
    }
  printf ("customer table (generated, 12 columns, rows in random order) (%s):\n", shuffled);
  printf (" whole commands (processes, start to exit; each into a new file; alternating rounds):\n");
  compare_commands (shuffled, cli, dir, STRATA_IMPORT_KIND_CUSTOMERS, runs);
  printf ("\n");
  if (wide_only)
    {
      bench_remove_dir (dir);
      return 0;
    }
  if (argc > 1 && *argv[1] != '\0')
    compare ("order lines", dir, argv[1], cli, STRATA_IMPORT_KIND_ORDERS, runs);
  memory_by_rows (dir, cli, rows);
  existing_period (dir, cli, rows);
  bench_remove_dir (dir);
  return 0;
}
