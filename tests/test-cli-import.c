/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli import, export and import-log, run as a user would (the
 * binary in STRATA_CLI): output, exit codes, one-line messages naming the
 * file, and an import killed with SIGKILL halfway that leaves the
 * workspace exactly as it was. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "cli-test-util.h"
#include "import-test-util.h"

typedef TestWorkspace Fixture;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static void
test_import_customers (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *file = fixture ("customers-gb18030.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *v = NULL;

  /* The workspace does not exist yet: import creates it. */
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2026-Q3", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "encoding GB18030"));
  g_assert_nonnull (strstr (out, "rows read:             10\n"));
  g_assert_nonnull (strstr (out, "rows imported:         10\n"));
  g_assert_nonnull (strstr (out, "rows rejected:         0\n"));
  g_assert_nonnull (strstr (out, "attributes:            行业, 地区\n"));
  v = metric_value (f->path, "2026-Q3", "C003", "order_amount");
  g_assert_cmpfloat (g_ascii_strtod (v, NULL), ==, 250000000);

  /* Importing into the period again updates the file's customers only. */
  {
    g_autofree char *update = g_build_filename (f->dir, "update.csv", NULL);

    g_assert_true (g_file_set_contents (update, "customer_id,order_amount\nC001,7\nC002,\n", -1, NULL));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&out, &err, "import", f->path, update, "--period", "2026-Q3", NULL), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_clear_pointer (&v, g_free);
    v = metric_value (f->path, "2026-Q3", "C001", "order_amount");
    g_assert_cmpfloat (g_ascii_strtod (v, NULL), ==, 7);
    g_clear_pointer (&v, g_free);
    v = metric_value (f->path, "2026-Q3", "C002", "order_amount");
    g_assert_cmpstr (v, ==, "");
    g_clear_pointer (&v, g_free);
    v = metric_value (f->path, "2026-Q3", "C003", "order_amount");
    g_assert_cmpfloat (g_ascii_strtod (v, NULL), ==, 250000000);
  }
}

static void
test_import_bad_rows (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *file = fixture ("bad-rows.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *log = g_build_filename (f->dir, "log.csv", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "Q", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rows rejected:         6\n"));
  g_assert_nonnull (strstr (out, "rows without customer: 1\n"));
  g_assert_nonnull (strstr (out, "  line 3, column “order_amount”, value “12abc”: not a number\n"));
  g_assert_nonnull (strstr (out, "  line 8, column “referrals”, value “many”: not a number\n"));
  g_assert_nonnull (strstr (out, "  line 9, column “customer id”, value “B01”: customer id “B01” already appears on line 2\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import-log", f->path, "-o", log, NULL), ==, 0);
  g_assert_true (g_file_get_contents (log, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "File,Line,Column,Value,Reason\r\n"
                                         "bad-rows.csv,3,order_amount,12abc,not a number\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import-log", f->path, "--import", "7", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "has no import 7"));
}

static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *good = fixture ("formats.csv");
  g_autofree char *bad = fixture ("bad-rows.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "import", f->path, good, "--period", "Q", NULL), ==, 0);
  before = dump_database (f->path);
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, bad, "--period", "Q", "--strict", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "strata-cli: "));
  g_assert_nonnull (strstr (err, "bad-rows.csv"));
  g_assert_nonnull (strstr (err, "6 rows were rejected, so nothing was imported"));
  g_assert_nonnull (strstr (err, "line 3, column “order_amount”, value “12abc”"));
  /* One line only. */
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  after = dump_database (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_orders_and_export (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = fixture ("online-retail-200.csv");
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2010-12", "--orders", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rows read:             200\n"));
  g_assert_nonnull (strstr (out, "rows without customer: 1\n"));
  g_assert_nonnull (strstr (out, "cancellation lines:    1\n"));
  g_assert_nonnull (strstr (out, "total order amount:    4,296.80\n"));
  g_assert_nonnull (strstr (out, "  line 174, column “CustomerID”, value “”: no customer id\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "export", f->path, "--period", "2010-12", "-o", csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Customer ID,Name,Annual order amount,Orders,"
                                         "Distinct products,Active months,Last order date,Score,Tier,Quadrant\r\n"));
  /* Scored with the published default rules, as `strata-cli score` does. */
  g_assert_nonnull (strstr (text, "\r\n12583,,855.86,1,20,1,2010-12-01,5.00,Ordinary,\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "export", f->path, "--period", "nope", "-o", csv, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "has no period “nope”"));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *file = fixture ("formats.csv");
  g_autofree char *bin = g_build_filename (f->dir, "binary.csv", NULL);
  struct { int code; const char *needle; const char *args[8]; } cases[] = {
    { 1, "--period", { "import", "ws.strata", "x.csv", NULL } },
    { 1, "workspace and a file", { "import", "ws.strata", "--period", "Q", NULL } },
    { 1, "unknown delimiter “:”", { "import", "ws.strata", "x.csv", "--period", "Q", "--delimiter", ":", NULL } },
    { 1, "METRIC=COLUMN", { "import", "ws.strata", "x.csv", "--period", "Q", "--map", "oops", NULL } },
    { 1, "together", { "import", "ws.strata", "x.csv", "--period", "Q", "--quantity", "q", NULL } },
    { 2, "no such file", { "import", f->path, "/nonexistent/x.csv", "--period", "Q", NULL } },
    { 2, "Unknown encoding “klingon”", { "import", f->path, file, "--period", "Q", "--encoding", "klingon", NULL } },
    { 2, "has no column “Kunde”", { "import", f->path, file, "--period", "Q", "--id", "Kunde", NULL } },
    { 2, "invalid UTF-8 byte sequence at byte 4 (line 2)", { "import", f->path, bin, "--period", "Q", "--encoding", "utf-8", NULL } },
  };

  g_assert_true (g_file_set_contents (bin, "a,b\n\xff\xfe\xfd,1\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int code = run_cli_v (&out, &err, cases[i].args);

      if (code != cases[i].code || strstr (err, cases[i].needle) == NULL)
        g_error ("case %u: exit %d, stderr “%s”", i, code, err);
      g_assert_true (g_str_has_prefix (err, "strata-cli: "));
    }
}

/* The size of the file at path, 0 while there is none. */
static goffset
journal_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

/* SIGKILL in the middle of a large import: the file is as it was. */
static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *small = fixture ("customers-utf8.csv");
  g_autofree char *big = g_build_filename (f->dir, "big.csv", NULL);
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autoptr(GString) s = g_string_new ("id,name,order_amount,referrals,region\n");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("STRATA_CLI"), "import", f->path, big, "--period", "2026-Q3", NULL };
  GPid pid;
  int status = 0;

  for (guint i = 0; i < 600000; i++)
    g_string_append_printf (s, "K%07u,Customer %u,%u.5,%u,R%u\n", i, i, i, i % 10, i % 7);
  g_assert_true (g_file_set_contents (big, s->str, s->len, NULL));

  g_assert_cmpint (run_cli (NULL, NULL, "import", f->path, small, "--period", "2026-Q3", NULL), ==, 0);
  before = dump_database (f->path);

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  /* Killed while writing: once its rollback journal (an import alone with
   * the file uses one) holds more than its header, that is once pages of
   * the file are being changed, long before 600,000 rows are done. Polled
   * every millisecond for at most 20 s. */
  for (guint i = 0; i < 20000 && journal_size (journal) <= 512; i++)
    g_usleep (G_USEC_PER_SEC / 1000);
  g_assert_cmpint (journal_size (journal), >, 512);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));

  after = dump_database (f->path);
  g_assert_cmpstr (before, ==, after);
  /* And the workspace still opens and imports. */
  g_assert_cmpint (run_cli (NULL, NULL, "import", f->path, small, "--period", "2026-Q4", NULL), ==, 0);
}

/* --split: one period per quarter; with --period as well it is refused
 * (exit 1). Then retention on the periods made: presence in the next
 * quarter is having at least one line there. Every customer is in tier E
 * of the default rules (amounts far below its bands). */
static void
test_split_and_retention (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "lines.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *v = NULL;

  /* Q4 2010: A 10, B 20, C 5; Q1 2011: A 30 and C only a cancellation
   * (-5: still a line, so C is retained); B is gone. */
  g_assert_true (g_file_set_contents (file,
                                      "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                                      "1,1,2010-12-31 23:59:59,10,A\n"
                                      "2,2,2010-11-15 10:00:00,10,B\n"
                                      "3,1,2010-10-01 00:00:00,5,C\n"
                                      "4,3,2011-01-01 00:00:00,10,A\n"
                                      "C5,-1,2011-02-01 09:00:00,5,C\n", -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--orders", "--split", "quarter",
                        "--period", "2011-Q1", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--period"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--orders", "--split", "week", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--orders", "--split", "quarter", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "2 periods: 2010-Q4, 2011-Q1"));
  v = metric_value (f->path, "2011-Q1", "A", "order_amount");
  g_assert_cmpstr (v, ==, "30");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "retention", f->path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "from,to,group,customers,retained,rate,revenue,revenue_next,revenue_rate\n"
                   "2010-Q4,2011-Q1,A,0,0,,0.00,0.00,\n"
                   "2010-Q4,2011-Q1,B,0,0,,0.00,0.00,\n"
                   "2010-Q4,2011-Q1,C,0,0,,0.00,0.00,\n"
                   "2010-Q4,2011-Q1,D,0,0,,0.00,0.00,\n"
                   "2010-Q4,2011-Q1,E,3,2,0.6667,35.00,25.00,0.7143\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "retention", f->path, "--format", "json", "--by", "quadrant", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"by\" : \"quadrant\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "retention", f->path, "--by", "size", NULL), ==, 1);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *file = fixture ("customers.xlsx");
  g_autofree char *corrupt = fixture ("corrupt.xlsx");
  g_autofree char *xlsx = g_build_filename (f->dir, "customers.xlsx", NULL);
  g_autofree char *back = g_build_filename (f->dir, "back.strata", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2026-Q1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "(sheet “客户”)\n"));
  g_assert_nonnull (strstr (out, "rows imported:         2\n"));
  g_assert_nonnull (strstr (out, "  cell 客户!C7, column “Annual order amount”, value “n/a”: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --strict names the cell too. */
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2026-Q2", "--strict", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "cell 客户!C7"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2026-Q2", "--sheet", "Cover", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "it has no header line"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, corrupt, "--period", "2026-Q2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, corrupt));
  g_assert_nonnull (strstr (err, "not an Excel workbook"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Chosen by the extension; the workbook imports back. */
  g_assert_cmpint (run_cli (&out, &err, "export", f->path, "--period", "2026-Q1", "-o", xlsx, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "import", back, xlsx, "--period", "2026-Q1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "(sheet “Customers”)\n"));
  g_assert_nonnull (strstr (out, "rows imported:         2\n"));
  g_assert_nonnull (strstr (out, "rows rejected:         0\n"));
}

/* A legacy .xls takes the same options: --sheet by name or number. */
static void
test_xls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *file = fixture ("customers.xls");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2026-Q1",
                            "--sheet", "客户", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "(sheet “客户”)\n"));
  g_assert_nonnull (strstr (out, "rows imported:         3\n"));
  g_assert_nonnull (strstr (out, "rows rejected:         0\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The second sheet holds notes, not customers. */
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, file, "--period", "2026-Q2",
                            "--sheet", "2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, file));
}

/* Counts read as people write them: grouped ("1,234"), in English and in
 * Chinese (where counts stay whole numbers; 万 is for amounts). */
static void
test_counts_grouped (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "many.csv", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.strata", NULL);
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (po, "zh_CN", "LC_MESSAGES", "strata.mo", NULL);
  g_autoptr(GString) rows = g_string_new ("customer_id,name,order_amount\n");
  g_autofree char *out = NULL, *err = NULL;

  for (guint i = 1; i <= 1234; i++)
    g_string_append_printf (rows, "C%05u,Customer %u,%u\n", i, i, i * 10);
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "import", f->path, csv, "--period", "2026-Q3", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rows read:             1,234\n"));
  g_assert_nonnull (strstr (out, "rows imported:         1,234\n"));
  g_assert_nonnull (strstr (out, "customers:             1,234\n"));

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_setenv ("STRATA_LOCALEDIR", po, TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  g_assert_cmpint (run_cli (&out, &err, "import", other, csv, "--period", "2026-Q3", NULL), ==, 0);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("STRATA_LOCALEDIR");
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "已读取行数：            1,234\n"));
  g_assert_nonnull (strstr (out, "客户数：                1,234\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, "strata-cli-import", test_workspace_fixture_setup_dir, fn, \
                                  test_workspace_fixture_teardown)
  ADD ("/cli-import/customers", test_import_customers);
  ADD ("/cli-import/bad-rows", test_import_bad_rows);
  ADD ("/cli-import/strict", test_strict);
  ADD ("/cli-import/orders-and-export", test_orders_and_export);
  ADD ("/cli-import/usage-errors", test_usage_errors);
  ADD ("/cli-import/killed", test_killed);
  ADD ("/cli-import/split-and-retention", test_split_and_retention);
  ADD ("/cli-import/xlsx", test_xlsx);
  ADD ("/cli-import/xls", test_xls);
  ADD ("/cli-import/counts-grouped", test_counts_grouped);
  return g_test_run ();
}
