/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (built, not run by meson test):
 *   bench-explain [--runs R] [--big FILE] [N_CUSTOMERS] [DIR]
 * One customer's receipt on a 600-customer demo and on a large one (DIR/
 * explain-N.strata, written unless there, N default 1,000,000; or FILE, which
 * is only read), the customer in the middle of the latest period:
 *   - the whole command `strata-cli explain FILE ID`, as a process, start
 *     to exit, with the OS page cache of the file dropped first (cold) and
 *     warm (STRATA_CLI names the binary; default: next to this build);
 *   - in process, open + that customer's rows through the keys + receipt,
 *     beside the alternative, the way it was: open + the whole period
 *     (strata_period_data_load) + find the row + receipt; cold.
 * Each figure is the median of R (default 5) wall-clock runs. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-demo.h"
#include "bench-util.h"

#include "strata-demo.h"
#include "strata-engine.h"
#include "strata-period-data-subset.h"
#include "strata-ruleset-store.h"
#include "strata-workspace.h"

static guint runs = 5;

/* The ext id of the customer in the middle of the latest period. */
static char *
middle_customer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 period_id;

  if (ws == NULL || !strata_period_find (ws, NULL, &period_id, NULL, &error))
    g_error ("%s", error->message);
  stmt = strata_workspace_prepare (ws,
                                   "SELECT c.ext_id FROM period_customers pc JOIN customers c ON c.id = pc.customer_id "
                                   "WHERE pc.period_id = ?1 ORDER BY pc.customer_id LIMIT 1 OFFSET "
                                   "(SELECT count(*) / 2 FROM period_customers WHERE period_id = ?1)", &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: no customers", path);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static double
time_command (const char *cli,
              const char *path,
              const char *ext_id,
              gboolean    cold,
              gsize      *out_length)
{
  const char *argv[] = { cli, "explain", path, ext_id, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  double t0;

  if (cold)
    bench_drop_cache (path);
  t0 = bench_now_ms ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, NULL))
    g_error ("strata-cli explain %s %s failed", path, ext_id);
  *out_length = strlen (out);
  return bench_now_ms () - t0;
}

/* Open, load (the customer's rows, or the whole period) and explain. */
static double
time_in_process (const char *path,
                 const char *ext_id,
                 gboolean    whole_period,
                 char      **text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataReceipt) receipt = NULL;
  const char *ext_ids[] = { ext_id, NULL };
  gint64 period_id;
  double t0, t;
  int row;

  bench_drop_cache (path);
  t0 = bench_now_ms ();
  ws = strata_workspace_open (path, NULL, &error);
  if (ws == NULL || !strata_period_find (ws, NULL, &period_id, NULL, &error))
    g_error ("%s", error->message);
  data = whole_period ? strata_period_data_load (ws, period_id, &error)
                      : strata_period_data_load_customers (ws, period_id, ext_ids, &error);
  if (data == NULL || (row = strata_period_data_find_ext_id (data, ext_id)) < 0)
    g_error ("%s: cannot load %s", path, ext_id);
  rules = strata_ruleset_store_load_version (ws, strata_ruleset_store_get_latest_version (ws), &error);
  if (rules == NULL || (receipt = strata_engine_explain (rules, data, row, &error)) == NULL)
    g_error ("%s", error->message);
  g_free (*text);
  *text = strata_receipt_to_text (receipt);
  t = bench_now_ms () - t0;
  return t;
}

typedef struct
{
  double command_cold;
  double command_warm;
} Figures;

static Figures
measure (const char *label,
         const char *path,
         const char *cli)
{
  g_autofree char *ext_id = middle_customer (path);
  g_autofree char *keys_text = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree double *v = g_new (double, runs);
  Figures f;
  gsize length = 0;
  GStatBuf st;

  g_stat (path, &st);
  printf ("%s (%s, %.0f MB), customer %s:\n", label, path, st.st_size / 1e6, ext_id);
  for (guint i = 0; i < runs; i++) v[i] = time_command (cli, path, ext_id, TRUE, &length);
  printf ("  strata-cli explain (process), cold:            %9.1f ms\n", f.command_cold = bench_median (v, runs));
  for (guint i = 0; i < runs; i++) v[i] = time_command (cli, path, ext_id, FALSE, &length);
  printf ("  strata-cli explain (process), warm:            %9.1f ms\n", f.command_warm = bench_median (v, runs));
  for (guint i = 0; i < runs; i++) v[i] = time_in_process (path, ext_id, FALSE, &keys_text);
  printf ("  open + the customer's rows + receipt, cold:    %9.1f ms\n", bench_median (v, runs));
  for (guint i = 0; i < runs; i++) v[i] = time_in_process (path, ext_id, TRUE, &whole_text);
  printf ("  alternative, open + whole period + receipt, cold: %6.1f ms\n", bench_median (v, runs));
  printf ("  receipts %s (%zu bytes of output)\n",
          g_strcmp0 (keys_text, whole_text) == 0 ? "identical" : "DIFFER", length);
  return f;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *big_file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *own_dir = g_path_get_dirname (argv[0]);
  g_autofree char *cli = g_strdup (g_getenv ("STRATA_CLI"));
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("[N_CUSTOMERS] [DIR]");
  g_autoptr(GError) error = NULL;
  int n_runs = 5;
  guint n;
  Figures a, b;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs per figure (median)", "R" },
    { "big", 0, 0, G_OPTION_ARG_FILENAME, &big_file, "Use this large workspace (read only)", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  runs = (guint) MAX (n_runs, 1);
  n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  dir = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("bench-explain-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0755);
  if (cli == NULL)
    cli = g_build_filename (own_dir, "..", "src", "cli", "strata-cli", NULL);
  small = bench_demo_ensure (dir, "explain", 600);
  big = big_file != NULL ? g_strdup (big_file) : bench_demo_ensure (dir, "explain", n);
  printf ("medians of %u runs, wall clock\n", runs);
  a = measure ("600 customers", small, cli);
  b = measure ("large workspace", big, cli);
  printf ("ratio large / 600, strata-cli explain: cold %.2f, warm %.2f\n",
          b.command_cold / a.command_cold, b.command_warm / a.command_warm);
  return 0;
}
