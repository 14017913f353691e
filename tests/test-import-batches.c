/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer import's writer thread, over several of its batches: a
 * file of customers in random order (new ones, the workspace's own under
 * new names, an id repeated across a batch boundary, a bad value) lands
 * row for row, with every reject on its line, and without SQLite opening
 * a temporary file (its statement journal: a multi-row INSERT that may
 * abort copies each page it changes there). A row the writer's INSERT OR
 * IGNORE skips anyway fails the import and changes nothing. The writer
 * keeps at most its limit of batches queued. Known customers' attributes
 * are replaced without a statement journal either. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "import-test-util.h"
#include "strata-import.h"
#include "strata-import-customers-private.h"
#include "strata-period-columns.h"

/* The private directory SQLite makes its temporary files in
 * ($SQLITE_TMPDIR, read when SQLite starts: set in main ()). */
static char *sqlite_tmp;

/* The first customers of the file's batches; the file spans several. */
#define BATCH BATCH_ROWS
#define N_NEW (2 * BATCH + 1000)
#define N_OLD 1000

typedef struct
{
  char   *name;
  double  amount;
  char   *region;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->name);
  g_free (e->region);
  g_free (e);
}

/* Counts the SQLite temporary files created in sqlite_tmp since the
 * watch was set. */
static guint
temporary_files_created (int watch_fd)
{
  char buffer[64 * 1024] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  guint n = 0;
  ssize_t len;

  while ((len = read (watch_fd, buffer, sizeof buffer)) > 0)
    for (char *p = buffer; p < buffer + len;)
      {
        struct inotify_event *event = (struct inotify_event *) p;

        if ((event->mask & IN_CREATE) && event->len > 0 && g_str_has_prefix (event->name, "etilqs_"))
          n++;
        p += sizeof (struct inotify_event) + event->len;
      }
  g_assert_true (len < 0 && errno == EAGAIN);
  return n;
}

/* A workspace with N_OLD customers in 2026-Q2 ("E0000".., "Old n"). */
static StrataWorkspace *
workspace_with_customers (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "test.strata", NULL);
  g_autofree char *csv = g_build_filename (dir, "old.csv", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q2");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("customer_id,name,order_amount\n");
  StrataWorkspace *ws = strata_import_open_workspace (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < N_OLD; i++)
    g_string_append_printf (text, "E%04u,Old %u,%u\n", i, i, i);
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, N_OLD);
  return ws;
}

static void
test_across_batches (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-import-batches-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q3");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("customer_id,name,order_amount,region\n");
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) rejects = NULL;
  g_autofree char *repeat_reason = NULL;
  StrataWorkspace *ws = workspace_with_customers (dir);
  GRand *rand = g_rand_new_with_seed (18);
  guint64 line = 1, repeat_line = 0, first_line = 0, bad_line = 0;
  guint n_rows = 0;
  int watch_fd, seen = 0;

  /* The new customers and half the old ones (renamed), in random order. */
  for (guint i = 0; i < N_NEW + N_OLD / 2; i++)
    g_array_append_val (order, i);
  for (guint i = order->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i), t = g_array_index (order, guint, i - 1);

      g_array_index (order, guint, i - 1) = g_array_index (order, guint, j);
      g_array_index (order, guint, j) = t;
    }
  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      Expected *e = g_new0 (Expected, 1);
      char *ext_id = i < N_NEW ? g_strdup_printf ("C%06u", i) : g_strdup_printf ("E%04u", (i - N_NEW) * 2);

      e->name = i < N_NEW ? g_strdup_printf ("New %u", i) : g_strdup_printf ("Renamed %u", (i - N_NEW) * 2);
      e->amount = g_rand_int_range (rand, 0, 1000000) / 100.0;
      e->region = g_strdup_printf ("R%u", i % 7);
      /* A bad value just before the first batch is full: the row is
       * rejected whole, its customer not added. */
      if (k == BATCH - 2)
        {
          g_string_append_printf (text, "%s,%s,lots,%s\n", ext_id, e->name, e->region);
          bad_line = ++line;
          expected_free (e);
          g_free (ext_id);
          continue;
        }
      g_string_append_printf (text, "%s,%s,%.2f,%s\n", ext_id, e->name, e->amount, e->region);
      line++;
      n_rows++;
      if (k == 3)
        first_line = line;
      /* Row 3's id again, in the second batch: a reject naming line 3's. */
      if (k == BATCH + 5)
        {
          guint first = g_array_index (order, guint, 3);

          g_assert_cmpuint (first, <, N_NEW);
          g_string_append_printf (text, "C%06u,Twice,1,R\n", first);
          repeat_line = ++line;
        }
      g_hash_table_insert (expected, ext_id, e);
    }
  g_rand_free (rand);
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));

  watch_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (watch_fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (watch_fd, sqlite_tmp, IN_CREATE), >=, 0);
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_read, ==, n_rows + 2);
  g_assert_cmpuint (r->rows_imported, ==, n_rows);
  g_assert_cmpuint (r->rows_rejected, ==, 2);
  /* No statement journal (nor any other temporary file of SQLite's). */
  g_assert_cmpuint (temporary_files_created (watch_fd), ==, 0);
  close (watch_fd);

  /* Every customer of the file: its name, value and attribute; the old
   * ones the file left out keep theirs and are not in the period. */
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers"), ==, N_NEW - 1 + N_OLD);
  rows = strata_workspace_prepare (ws,
                                   "SELECT c.ext_id, c.name, v.value, a.value FROM customers c"
                                   " LEFT JOIN metric_values v ON v.customer_id = c.id"
                                   "  AND v.period_id = (SELECT id FROM periods WHERE name = '2026-Q3')"
                                   "  AND v.metric_id = (SELECT id FROM metrics WHERE key = 'order_amount')"
                                   " LEFT JOIN attributes a ON a.customer_id = c.id AND a.key = 'region'"
                                   " ORDER BY c.id", &error);
  g_assert_no_error (error);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      const char *ext_id = (const char *) sqlite3_column_text (rows, 0);
      Expected *e = g_hash_table_lookup (expected, ext_id);

      if (e == NULL)
        {
          /* An old customer the file does not list, or the bad row's. */
          g_assert_true (ext_id[0] == 'E' || ext_id[0] == 'C');
          if (ext_id[0] == 'E')
            g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (rows, 1), "Old "));
          g_assert_cmpint (sqlite3_column_type (rows, 2), ==, SQLITE_NULL);
          continue;
        }
      g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 1), ==, e->name);
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (rows, 2), e->amount, 1e-9);
      g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 3), ==, e->region);
      seen++;
    }
  g_assert_cmpint (seen, ==, (int) n_rows);
  g_assert_cmpint (seen, ==, (int) g_hash_table_size (expected));
  /* The new customers' ids come after the old ones', in ext id order
   * within each batch (so that their ext ids go into the UNIQUE index
   * as ordered runs): a next id with a smaller ext id only where a
   * batch starts (two), not at random (half the rows). */
  g_assert_cmpint (test_query_int (ws, "SELECT min(id) FROM customers WHERE ext_id LIKE 'C%'"), ==, N_OLD + 1);
  g_assert_cmpint (test_query_int (ws, "SELECT max(id) FROM customers"), ==, N_OLD + N_NEW - 1);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers a JOIN customers b ON b.id = a.id + 1"
                                       " WHERE a.ext_id LIKE 'C%' AND b.ext_id < a.ext_id"), ==, N_NEW / BATCH);
  /* The period has the file's customers, and columns equal to its rows. */
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM period_customers WHERE period_id ="
                                       " (SELECT id FROM periods WHERE name = '2026-Q3')"), ==, n_rows);
  g_assert_cmpint (test_query_int (ws, "SELECT length(data) / 8 FROM period_columns WHERE metric_id = -1"
                                       " AND period_id = (SELECT id FROM periods WHERE name = '2026-Q3')"),
                   ==, n_rows);
  /* Written under the customers' final ids: byte for byte what the
   * rebuild from the rows writes. */
  test_workspace_exec (ws, "CREATE TEMP TABLE written AS SELECT metric_id, data FROM period_columns"
                           " WHERE period_id = (SELECT id FROM periods WHERE name = '2026-Q3')");
  test_workspace_exec (ws, "SAVEPOINT rebuild");
  g_assert_true (strata_period_columns_rebuild (ws, test_query_int (ws, "SELECT id FROM periods"
                                                                        " WHERE name = '2026-Q3'"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM temp.written"), ==, 2);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM temp.written w JOIN period_columns p"
                                       " USING (metric_id) WHERE p.data = w.data AND p.period_id ="
                                       " (SELECT id FROM periods WHERE name = '2026-Q3')"), ==, 2);
  test_workspace_exec (ws, "ROLLBACK TO rebuild; RELEASE rebuild; DROP TABLE temp.written");

  /* The two rejects, on their lines. */
  rejects = strata_workspace_prepare (ws, "SELECT line, column_name, value, reason FROM import_rejects"
                                          " WHERE import_id = (SELECT max(id) FROM imports) ORDER BY line",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (rejects), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (rejects, 0), ==, bad_line);
  g_assert_cmpstr ((const char *) sqlite3_column_text (rejects, 1), ==, "order_amount");
  g_assert_cmpstr ((const char *) sqlite3_column_text (rejects, 2), ==, "lots");
  g_assert_cmpint (sqlite3_step (rejects), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (rejects, 0), ==, repeat_line);
  g_assert_cmpstr ((const char *) sqlite3_column_text (rejects, 1), ==, "customer_id");
  repeat_reason = g_strdup_printf ("customer id “C%06u” already appears on line %llu",
                                   g_array_index (order, guint, 3), (unsigned long long) first_line);
  g_assert_cmpstr ((const char *) sqlite3_column_text (rejects, 3), ==, repeat_reason);
  g_assert_cmpint (sqlite3_step (rejects), ==, SQLITE_DONE);

  /* CHECK constraints on again: an empty customer id is refused. */
  g_assert_cmpint (test_query_int (ws, "PRAGMA ignore_check_constraints"), ==, 0);
  g_assert_cmpint (sqlite3_exec (strata_workspace_get_db (ws), "INSERT INTO customers (ext_id) VALUES ('')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);

  g_clear_pointer (&rows, sqlite3_finalize);
  g_clear_pointer (&rejects, sqlite3_finalize);
  g_object_unref (ws);
  test_remove_dir (dir);
}

/* Imports text into 2026-Q2 of a workspace with N_OLD customers and the
 * trigger: the import fails, leaves no transaction open and the file as it
 * was. Returns the error. */
static GError *
import_refused (const char *trigger,
                GString    *text)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-import-batches-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.strata", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q2");
  g_autoptr(StrataImportResult) r = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GError *error = NULL;
  StrataWorkspace *ws = workspace_with_customers (dir);

  test_workspace_exec (ws, trigger);
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  g_object_unref (ws);
  before = dump_database (path);

  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_false (strata_workspace_in_transaction (ws));
  g_object_unref (ws);
  after = dump_database (path);
  g_assert_cmpstr (after, ==, before);
  test_remove_dir (dir);
  return error;
}

/* A trigger of another program's skips some new customers (RAISE
 * (IGNORE)): the writer's INSERT OR IGNORE would pass over them without a
 * word, leaving the period with rows for customers that are not there. The
 * import fails instead, and the workspace is as it was. (Into a period
 * with rows, where the import leaves the connection's triggers on.) */
static void
test_skipped_row_fails (void)
{
  g_autoptr(GString) text = g_string_new ("customer_id,name,order_amount\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < BATCH + 100; i++)
    g_string_append_printf (text, "%c%05u,N %u,%u\n", i == BATCH + 50 ? 'S' : 'N', i, i, i);
  error = import_refused ("CREATE TRIGGER skip_some BEFORE INSERT ON customers"
                          " WHEN NEW.ext_id LIKE 'S%' BEGIN SELECT RAISE (IGNORE); END", text);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "customers: 1 of 100 rows were not written"));
}

/* Ids that share a long beginning, differ in length, and hold bytes
 * above 0x7f (é, 客): within a batch the new customers' ids follow their
 * ext ids as SQLite orders them (memcmp, a shorter text first). */
static void
test_numbered_by_ext_id (void)
{
  static const char *const pieces[] = { "0", "1", "9", "A", "a", "z", "-", "é", "客", "户", "00", "Zz" };
  g_autofree char *dir = g_dir_make_tmp ("strata-import-batches-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.strata", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autoptr(StrataImportOptions) o = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q3");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("customer_id,name,order_amount\n");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  GRand *rand = g_rand_new_with_seed (23);
  guint n = 0;

  while (n < 3000)
    {
      g_autoptr(GString) id = g_string_new ("ACME-CUSTOMER-");
      guint len = g_rand_int_range (rand, 0, 12);

      for (guint k = 0; k < len; k++)
        g_string_append (id, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      if (!g_hash_table_add (seen, g_strdup (id->str)))
        continue;
      g_string_append_printf (text, "%s,Customer %u,%u\n", id->str, n, n);
      n++;
    }
  g_rand_free (rand);
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  ws = strata_import_open_workspace (path, &error);
  g_assert_no_error (error);
  r = strata_import_run (ws, csv, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, n);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers"), ==, n);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers a JOIN customers b ON b.id = a.id + 1"
                                       " WHERE b.ext_id < a.ext_id"), ==, 0);
  /* Each name and value stayed with its id. */
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM customers c JOIN metric_values v"
                                       " ON v.customer_id = c.id WHERE c.name = 'Customer ' || CAST (v.value AS INTEGER)"),
                   ==, n);
  g_clear_object (&ws);
  test_remove_dir (dir);
}

/* A write that fails on the writer thread (here another program's
 * trigger refuses a row of the second batch) fails the import with its
 * message, and leaves the workspace as it was. */
static void
test_writer_failure (void)
{
  g_autoptr(GString) text = g_string_new ("customer_id,name,order_amount\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < BATCH + 10000; i++)
    g_string_append_printf (text, "K%07u,Customer %u,%u\n", i, i, i);
  error = import_refused ("CREATE TRIGGER refuse BEFORE INSERT ON customers WHEN NEW.ext_id = 'K0040123'"
                          " BEGIN SELECT RAISE (ABORT, 'refused by a trigger'); END", text);
  g_assert_nonnull (strstr (error->message, "refused by a trigger"));
}

static gboolean
slow_job (gpointer   data,
          GError   **error)
{
  GArray *done = data;
  guint n = done->len;

  g_usleep (2000);
  g_array_append_val (done, n);
  return TRUE;
}

/* The reader waits while the writer has its limit of jobs; they run in
 * the order queued. */
static void
test_writer_bounded (void)
{
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  StrataImportWriter *writer = strata_import_writer_start (3);

  for (guint i = 0; i < 20; i++)
    strata_import_writer_push (writer, slow_job, done, NULL);
  g_assert_cmpuint (strata_import_writer_get_peak_jobs (writer), ==, 3);
  g_assert_true (strata_import_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done->len, ==, 20);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (g_array_index (done, guint, i), ==, i);
}

/* Known customers' attributes replaced, in a workspace whose attributes
 * fill many pages, and a header naming an attribute twice (the later
 * column wins): still no statement journal, which INSERT OR REPLACE kept
 * (it may abort) and spilled to a file past 4 pages of 16 KiB. Customers
 * the file leaves out, and attributes a row leaves blank, keep theirs. */
static void
test_attributes_replaced (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-import-batches-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.strata", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autoptr(StrataImportOptions) q2 = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q2");
  g_autoptr(StrataImportOptions) q3 = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, "2026-Q3");
  g_autoptr(StrataImportResult) r = NULL;
  g_autoptr(StrataImportResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("customer_id,name,region,segment\n");
  g_autoptr(sqlite3_stmt) rows = NULL;
  StrataWorkspace *ws = strata_import_open_workspace (path, &error);
  guint seen = 0;
  int watch_fd;

  g_assert_no_error (error);
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "K%04u,Known %u,North %u,Segment %u\n", i, i, i, i);
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  r = strata_import_run (ws, csv, q2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM attributes"), ==, 6000);

  /* The even ones again, then 100 new ones; every third row leaves its
   * segment blank. */
  g_string_assign (text, "customer_id,name,region,segment,region\n");
  for (guint i = 0; i < 3100; i += 2)
    {
      g_autofree char *segment = i % 3 == 0 ? g_strdup ("") : g_strdup_printf ("Tier %u", i);

      g_string_append_printf (text, "%s%04u,Name %u,Ignored %u,%s,South %u\n", i < 3000 ? "K" : "N", i, i, i,
                              segment, i);
    }
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  watch_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (watch_fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (watch_fd, sqlite_tmp, IN_CREATE), >=, 0);
  r2 = strata_import_run (ws, csv, q3, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->rows_imported, ==, 1550);
  g_assert_cmpuint (temporary_files_created (watch_fd), ==, 0);
  close (watch_fd);

  rows = strata_workspace_prepare (ws,
                                   "SELECT c.ext_id, r.value, s.value FROM customers c"
                                   " LEFT JOIN attributes r ON r.customer_id = c.id AND r.key = 'region'"
                                   " LEFT JOIN attributes s ON s.customer_id = c.id AND s.key = 'segment'"
                                   " ORDER BY c.ext_id", &error);
  g_assert_no_error (error);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      const char *ext_id = (const char *) sqlite3_column_text (rows, 0);
      guint i = (guint) g_ascii_strtoull (ext_id + 1, NULL, 10);
      g_autofree char *region = NULL;
      g_autofree char *segment = NULL;

      if (i % 2 == 1)
        {
          region = g_strdup_printf ("North %u", i);
          segment = g_strdup_printf ("Segment %u", i);
        }
      else
        {
          region = g_strdup_printf ("South %u", i);
          segment = i % 3 != 0 ? g_strdup_printf ("Tier %u", i)
                    : i < 3000 ? g_strdup_printf ("Segment %u", i) : NULL;
        }
      g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 1), ==, region);
      g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 2), ==, segment);
      seen++;
    }
  g_assert_cmpuint (seen, ==, 3050);
  g_clear_pointer (&rows, sqlite3_finalize);
  g_object_unref (ws);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before SQLite starts, which reads it once. */
  sqlite_tmp = g_dir_make_tmp ("strata-sqlite-tmp-XXXXXX", NULL);
  g_setenv ("SQLITE_TMPDIR", sqlite_tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-batches/across-batches", test_across_batches);
  g_test_add_func ("/import-batches/numbered-by-ext-id", test_numbered_by_ext_id);
  g_test_add_func ("/import-batches/skipped-row-fails", test_skipped_row_fails);
  g_test_add_func ("/import-batches/writer-failure", test_writer_failure);
  g_test_add_func ("/import-batches/writer-bounded", test_writer_bounded);
  g_test_add_func ("/import-batches/attributes-replaced", test_attributes_replaced);
  status = g_test_run ();
  test_remove_dir (sqlite_tmp);
  g_free (sqlite_tmp);
  return status;
}
