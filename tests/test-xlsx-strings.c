/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A workbook's shared strings in bounded memory (strata-xlsx-strings.c):
 * the table alone with a small cap, then a generated .xlsx of many unique
 * strings read through the reader with its cap lowered: every value back
 * exactly, in increasing and in random order, and the memory it held
 * under the cap plus its fixed read cache. */
#include <string.h>

#include "workspace-test-util.h"
#include "xlsx-test-util.h"
#include "strata-xlsx-private.h"
#include "strata-xlsx-strings.h"

/* The test's strings: ids, CJK, empty ones, one of 20,000 bytes (more
 * than a block), spaces at both ends. */
static char *
expected (guint i)
{
  switch (i % 6)
    {
    case 0: return g_strdup_printf ("C%07u", i);
    case 1: return g_strdup_printf ("客户 %u 有限公司", i);
    case 2: return g_strdup ("");
    case 3: return g_strdup_printf ("Acme  %u & Söhne ", i);
    case 4: return g_strdup_printf ("  lead %u  ", i);
    default:
      if (i % 5000 == 5)
        return g_strnfill (20000, 'x');
      return g_strdup_printf ("%u-%s", i, "abcdefghijklmnopqrstuvwxyz");
    }
}

/* Every string of the table equals expected (order's indexes). */
static void
check_all (StrataXlsxStrings *t,
           const guint       *order,
           guint              n)
{
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *want = expected (order[k]);

      g_assert_cmpstr (strata_xlsx_strings_get (t, order[k]), ==, want);
    }
}

static guint *
shuffled (guint n)
{
  guint *order = g_new (guint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1), t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  return order;
}

/* 50,000 strings (some 900 KB) with a cap of 64 KiB: the first blocks in
 * memory, the rest in the file, all read back in order, at random and
 * across the cap (the last string in memory, the first in the file). */
static void
test_table (void)
{
  const guint n = 50000;
  const gsize cap = 64 * 1024;
  g_autoptr(StrataXlsxStrings) t = strata_xlsx_strings_new (cap);
  g_autofree guint *in_order = g_new (guint, n);
  g_autofree guint *at_random = shuffled (n);
  gsize total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = expected (i);

      strata_xlsx_strings_add (t, s, strlen (s));
      total += strlen (s) + 1;
      in_order[i] = i;
    }
  /* The block being filled answers too. */
  g_assert_cmpstr (strata_xlsx_strings_get (t, n - 1), ==, "客户 49999 有限公司");
  strata_xlsx_strings_finish (t);
  g_assert_cmpuint (strata_xlsx_strings_get_count (t), ==, n);
  g_assert_null (strata_xlsx_strings_get (t, n));
  g_assert_null (strata_xlsx_strings_get (t, G_MAXUINT));
  g_assert_cmpuint (total, >, 900 * 1000);
  /* Past the cap every block is in the file. */
  g_assert_cmpuint (strata_xlsx_strings_get_file_bytes (t), >, total - cap);
  check_all (t, in_order, n);
  check_all (t, at_random, n);
  {
    guint down[] = { n - 1, 1, n / 2, 0, n / 2 - 1, 5005, 5 };

    check_all (t, down, G_N_ELEMENTS (down));
  }
  /* The cap, a cache of 32 blocks (one of them the 20,000-byte string)
   * and the block index; far below the strings' megabyte. */
  g_test_message ("%zu bytes of strings, peak %zu", total,
                  strata_xlsx_strings_get_peak_bytes (t));
  g_assert_cmpuint (strata_xlsx_strings_get_peak_bytes (t), <, cap + 400 * 1024);

  strata_xlsx_strings_clear (t);
  g_assert_cmpuint (strata_xlsx_strings_get_count (t), ==, 0);
  g_assert_null (strata_xlsx_strings_get (t, 0));
  strata_xlsx_strings_add (t, "again", 5);
  strata_xlsx_strings_finish (t);
  g_assert_cmpstr (strata_xlsx_strings_get (t, 0), ==, "again");
}

/* Under the cap nothing goes to a file. */
static void
test_small (void)
{
  g_autoptr(StrataXlsxStrings) t = strata_xlsx_strings_new (STRATA_XLSX_STRINGS_CAP);
  guint order[] = { 0, 1, 2, 3, 4, 5, 6 };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *s = expected (i);

      strata_xlsx_strings_add (t, s, strlen (s));
    }
  strata_xlsx_strings_finish (t);
  check_all (t, order, G_N_ELEMENTS (order));
  g_assert_cmpuint (strata_xlsx_strings_get_file_bytes (t), ==, 0);
}

static char *
escaped (guint i)
{
  g_autofree char *s = expected (i);

  return g_markup_escape_text (s, -1);
}

/* The <si> of string i, as Excel and others write them: plain, <t/>,
 * <si/>, rich runs, xml:space="preserve" with a phonetic run left out. */
static void
append_si (GString *xml,
           guint    i)
{
  g_autofree char *s = escaped (i);

  switch (i % 6)
    {
    case 2:
      g_string_append (xml, i % 12 == 2 ? "<si/>" : "<si><t/></si>");
      break;
    case 3:
      g_string_append_printf (xml, "<si><r><t>Acme</t></r><r><rPr><b/></rPr>"
                                   "<t xml:space=\"preserve\">  %u &amp; </t></r>"
                                   "<r><t xml:space=\"preserve\">Söhne </t></r></si>", i);
      break;
    case 4:
      g_string_append_printf (xml, "<si><t xml:space=\"preserve\">%s</t>"
                                   "<rPh sb=\"0\" eb=\"1\"><t>リード</t></rPh></si>", s);
      break;
    default:
      g_string_append_printf (xml, "<si><t>%s</t></si>", s);
    }
}

/* 80,000 unique strings (some 1.5 MB) in a generated workbook read with
 * a cap of 128 KiB: the first 80,000 rows refer to them in order, the
 * next 80,000 at random; every value comes back, and the table held the
 * cap and its cache, not the strings. */
static void
test_workbook (TestWorkspace *w,
               gconstpointer  data)
{
  const guint n = 80000;
  const gsize cap = 128 * 1024;
  g_autofree char *path = g_build_filename (w->dir, "strings.xlsx", NULL);
  g_autofree guint *at_random = shuffled (n);
  g_autoptr(GString) sst = g_string_new ("<sst xmlns=\"http://schemas.openxmlformats.org/"
                                         "spreadsheetml/2006/main\">");
  g_autoptr(GString) rows = g_string_new ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>key</t>"
                                          "</is></c><c r=\"B1\" t=\"inlineStr\"><is><t>value"
                                          "</t></is></c></row>");
  g_autoptr(StrataXlsxReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gsize saved = strata_xlsx_strings_cap, total = 0;
  guint64 records = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = expected (i);

      append_si (sst, i);
      total += strlen (s) + 1;
    }
  g_string_append (sst, "</sst>");
  for (guint k = 0; k < 2 * n; k++)
    {
      guint i = k < n ? k : at_random[k - n];

      g_string_append_printf (rows, "<row r=\"%u\"><c r=\"A%u\"><v>%u</v></c>"
                                    "<c r=\"B%u\" t=\"s\"><v>%u</v></c></row>",
                              k + 2, k + 2, i, k + 2, i);
    }
  xlsx_test_write (path, sst->str, rows->str);

  strata_xlsx_strings_cap = cap;
  reader = strata_xlsx_reader_open (path, NULL, &error);
  strata_xlsx_strings_cap = saved;
  g_assert_no_error (error);
  /* The header comes first. */
  g_assert_true (strata_xlsx_reader_next (reader, &error));
  g_assert_cmpstr (strata_xlsx_reader_get_field (reader, 1), ==, "value");
  while (strata_xlsx_reader_next (reader, &error))
    {
      guint i = (guint) g_ascii_strtoull (strata_xlsx_reader_get_field (reader, 0), NULL, 10);
      g_autofree char *want = expected (i);
      guint k = records++;

      g_assert_cmpuint (i, ==, k < n ? k : at_random[k - n]);
      g_assert_cmpstr (strata_xlsx_reader_get_field (reader, 1), ==, want);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 2 * n);
  g_assert_cmpuint (total, >, 1500 * 1000);
  g_assert_cmpuint (strata_xlsx_strings_get_file_bytes (reader->strings), >, total - cap);
  g_test_message ("%zu bytes of strings, peak %zu", total,
                  strata_xlsx_strings_get_peak_bytes (reader->strings));
  g_assert_cmpuint (strata_xlsx_strings_get_peak_bytes (reader->strings), <, cap + 400 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx-strings/table", test_table);
  g_test_add_func ("/xlsx-strings/small", test_small);
  g_test_add ("/xlsx-strings/workbook", TestWorkspace, "strata-xlsx-strings",
              test_workspace_fixture_setup_dir, test_workbook, test_workspace_fixture_teardown);
  return g_test_run ();
}
