/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A workbook's shared strings: the reader's time and peak memory on an
 * .xlsx whose every row has two unique shared strings (an id and a name),
 * as an ERP export has.
 *
 *   bench-xlsx-strings [--rows N] [--runs K] [--order seq|random] [--keep FILE]
 *   bench-xlsx-strings --read FILE [--runs K]
 *
 * N rows (default 1,000,000, or $STRATA_BENCH_ROWS) are written with
 * minizip: the strings' part in row order, the sheet referring to them in
 * that order (seq: as generated files do) or in a random one (random: the
 * worst case of a real workbook's, whose common strings Excel writes
 * first). Each run is a child process that opens the workbook and reads
 * every record, nothing imported: its wall clock, CPU time (user + system)
 * and peak resident memory. --read times a workbook already written, so
 * that this program built against another version of the reader can be
 * run on the same file, alternating (the figures are medians of K runs,
 * default 3, $STRATA_BENCH_RUNS). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "bench-util.h"
#include "strata-xlsx.h"

static void
put (zipFile     zip,
     GString    *buf,
     gboolean    flush)
{
  if (buf->len < (1u << 20) && !flush)
    return;
  if (zipWriteInFileInZip (zip, buf->str, (unsigned) buf->len) != ZIP_OK)
    g_error ("bench-xlsx-strings: cannot write the workbook");
  g_string_truncate (buf, 0);
}

static void
part (zipFile     zip,
      const char *name)
{
  if (zipOpenNewFileInZip64 (zip, name, NULL, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 1, 1) != ZIP_OK)
    g_error ("bench-xlsx-strings: cannot write %s", name);
}

static void
generate (const char *path,
          guint       n,
          gboolean    random_order)
{
  zipFile zip = zipOpen64 (path, APPEND_STATUS_CREATE);
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autofree guint *order = g_new (guint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  if (zip == NULL)
    g_error ("bench-xlsx-strings: cannot create %s", path);
  part (zip, "xl/workbook.xml");
  g_string_append (buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
                        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        "<sheets><sheet name=\"Customers\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  put (zip, buf, TRUE);
  zipCloseFileInZip (zip);
  part (zip, "xl/_rels/workbook.xml.rels");
  g_string_append (buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
  put (zip, buf, TRUE);
  zipCloseFileInZip (zip);

  part (zip, "xl/sharedStrings.xml");
  g_string_append_printf (buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst "
                               "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                               "count=\"%u\" uniqueCount=\"%u\">", 2 * n, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (buf, "<si><t>C%07u</t></si><si><t>Customer %u 有限公司</t></si>", i, i);
      put (zip, buf, FALSE);
    }
  g_string_append (buf, "</sst>");
  put (zip, buf, TRUE);
  zipCloseFileInZip (zip);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; random_order && i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1), t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  part (zip, "xl/worksheets/sheet1.xml");
  g_string_append (buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
                        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>customer_id</t></is></c>"
                        "<c r=\"B1\" t=\"inlineStr\"><is><t>name</t></is></c>"
                        "<c r=\"C1\" t=\"inlineStr\"><is><t>order_amount</t></is></c></row>");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (buf, "<row r=\"%u\"><c r=\"A%u\" t=\"s\"><v>%u</v></c>"
                                   "<c r=\"B%u\" t=\"s\"><v>%u</v></c><c r=\"C%u\"><v>%u</v></c></row>",
                              i + 2, i + 2, 2 * order[i], i + 2, 2 * order[i] + 1, i + 2,
                              g_rand_int_range (rand, 0, 5000000));
      put (zip, buf, FALSE);
    }
  g_string_append (buf, "</sheetData></worksheet>");
  put (zip, buf, TRUE);
  zipCloseFileInZip (zip);
  if (zipClose (zip, NULL) != ZIP_OK)
    g_error ("bench-xlsx-strings: cannot write %s", path);
}

/* One run in a child: every record read and checked (the id's number and
 * the name's agree). Wall and CPU ms, peak MB. */
static void
read_run (const char *path,
          double     *wall,
          double     *cpu,
          double     *peak,
          guint64    *records)
{
  struct rusage ru = { 0 };
  int status = 0, fds[2];
  double t0 = bench_now_ms ();
  pid_t pid;

  if (pipe (fds) != 0 || (pid = fork ()) < 0)
    g_error ("bench-xlsx-strings: cannot start a child");
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      StrataXlsxReader *r = strata_xlsx_reader_open (path, NULL, &error);
      guint64 n = 0;

      while (r != NULL && strata_xlsx_reader_next (r, &error))
        {
          const char *id = strata_xlsx_reader_get_field (r, 0);
          const char *name = strata_xlsx_reader_get_field (r, 1);

          if (n > 0 && (id[0] != 'C' || strtoul (id + 1, NULL, 10) != strtoul (name + 9, NULL, 10)))
            _exit (3);
          n++;
        }
      if (write (fds[1], &n, sizeof n) != sizeof n)
        _exit (1);
      _exit (error != NULL || r == NULL ? 2 : 0);
    }
  close (fds[1]);
  if (read (fds[0], records, sizeof *records) != sizeof *records)
    *records = 0;
  close (fds[0]);
  if (wait4 (pid, &status, 0, &ru) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("bench-xlsx-strings: the reader failed (%d)", WEXITSTATUS (status));
  *wall = bench_now_ms () - t0;
  *cpu = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
         ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
  *peak = ru.ru_maxrss / 1024.0;
}

static void
time_reads (const char *path,
            const char *label,
            guint       runs)
{
  g_autofree double *wall = g_new0 (double, runs);
  g_autofree double *cpu = g_new0 (double, runs);
  g_autofree double *peak = g_new0 (double, runs);
  g_autofree char *what = NULL;
  guint64 records = 0;

  for (guint k = 0; k < runs; k++)
    read_run (path, &wall[k], &cpu[k], &peak[k], &records);
  what = g_strdup_printf ("read %s, %llu records", label, (unsigned long long) records);
  printf ("  %-52s %9.0f ms wall %9.0f ms CPU %7.1f MB peak\n", what, bench_median (wall, runs),
          bench_median (cpu, runs), bench_median (peak, runs));
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autofree char *dir = NULL;
  int n = 0, runs = 0;
  char *order = NULL, *keep = NULL, *only = NULL;
  const GOptionEntry entries[] = {
    { "rows", 'n', 0, G_OPTION_ARG_INT, &n, "Rows of the workbook (default 1000000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each figure (default 3)", "K" },
    { "order", 'o', 0, G_OPTION_ARG_STRING, &order, "seq, random or both (default both)", "ORDER" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the workbooks as FILE-seq.xlsx, FILE-random.xlsx and keep them", "FILE" },
    { "read", 0, 0, G_OPTION_ARG_FILENAME, &only, "Only time reading this workbook", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-xlsx-strings: %s\n", error->message);
      return 2;
    }
  n = bench_size (n, "STRATA_BENCH_ROWS", 1000000);
  runs = bench_size (runs, "STRATA_BENCH_RUNS", 3);
  if (only != NULL)
    {
      time_reads (only, only, runs);
      return 0;
    }
  dir = g_dir_make_tmp ("strata-bench-xlsx-strings-XXXXXX", NULL);
  for (guint o = 0; o < 2; o++)
    {
      const char *name = o == 0 ? "seq" : "random";
      g_autofree char *path = keep != NULL ? g_strdup_printf ("%s-%s.xlsx", keep, name)
                                           : g_strdup_printf ("%s/%s.xlsx", dir, name);
      double t0 = bench_now_ms ();
      g_autofree char *label = NULL;

      if (order != NULL && !g_str_equal (order, "both") && !g_str_equal (order, name))
        continue;
      generate (path, (guint) n, o == 1);
      printf ("%s: %d rows, %d unique shared strings, referred to in %s order, written in %.0f ms\n",
              path, n, 2 * n, o == 0 ? "increasing" : "random", bench_now_ms () - t0);
      label = g_strdup_printf ("%s order", name);
      time_reads (path, label, runs);
      if (keep == NULL)
        g_unlink (path);
    }
  bench_remove_dir (dir);
  return 0;
}
