/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV reader: RFC 4180 edge cases, physical line numbers, delimiter
 * detection, records that straddle the reader's 256 KiB chunks. */
#include <glib/gstdio.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-csv-private.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static void
expect (StrataCsvReader    *r,
        guint64             line,
        const char *const  *fields)
{
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length ((char **) fields);

  g_assert_true (strata_csv_reader_next (r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strata_csv_reader_get_line (r), ==, line);
  g_assert_cmpuint (strata_csv_reader_get_n_fields (r), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (strata_csv_reader_get_field (r, i), ==, fields[i]);
      g_assert_cmpuint (strata_csv_reader_get_field_length (r, i), ==, strlen (fields[i]));
    }
  g_assert_null (strata_csv_reader_get_problem (r));
}

static void
test_rfc4180_file (void)
{
  g_autofree char *path = fixture ("rfc4180.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = strata_csv_reader_open (path, NULL, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (strata_csv_reader_get_encoding (r), ==, "UTF-8");
  g_assert_cmpint (strata_csv_reader_get_delimiter (r), ==, ',');
  expect (r, 1, (const char *[]) { "id", "name", "note", NULL });
  expect (r, 2, (const char *[]) { "1", "Smith, John", "He said \"hi\"", NULL });
  expect (r, 3, (const char *[]) { "2", "multi\r\nline\nfield", "plain", NULL });
  expect (r, 6, (const char *[]) { "3", "", "", NULL });
  /* A CR alone ends line 7; the blank line 8 is skipped but counted. */
  expect (r, 7, (const char *[]) { "4", "a\"b", "x", NULL });
  expect (r, 9, (const char *[]) { "5", "last", "no newline at end", NULL });
  g_assert_false (strata_csv_reader_next (r, NULL, &error));
  g_assert_no_error (error);
}

static void
test_edge_cases (void)
{
  struct { const char *text; guint64 line; const char *fields[5]; } cases[] = {
    { "a,b", 1, { "a", "b" } },
    { "\xEF\xBB\xBF" "a,b\n", 1, { "a", "b" } },
    { ",,", 1, { "", "", "" } },
    { "\"\"", 1, { "" } },
    { "\"a\"\"\"", 1, { "a\"" } },
    { "a\"b,c", 1, { "a\"b", "c" } },          /* a quote inside an unquoted field */
    { "\"ab\"cd,e", 1, { "abcd", "e" } },        /* text after the closing quote */
    { "\n\r\n\rx", 4, { "x" } },                 /* LF, CRLF and CR lines, all blank */
    { "\"x\ny\"\n", 1, { "x\ny" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StrataCsvReader) r = strata_csv_reader_new_for_data (cases[i].text, strlen (cases[i].text), ',');
      expect (r, cases[i].line, cases[i].fields);
      g_assert_false (strata_csv_reader_next (r, NULL, NULL));
    }
}

static void
test_unterminated (void)
{
  const char *text = "a,b\n1,\"open\n2,3\n";
  g_autoptr(StrataCsvReader) r = strata_csv_reader_new_for_data (text, strlen (text), ',');

  expect (r, 1, (const char *[]) { "a", "b", NULL });
  g_assert_true (strata_csv_reader_next (r, NULL, NULL));
  g_assert_cmpuint (strata_csv_reader_get_line (r), ==, 2);
  g_assert_nonnull (strata_csv_reader_get_problem (r));
  g_assert_cmpstr (strata_csv_reader_get_field (r, 1), ==, "open\n2,3\n");
  g_assert_false (strata_csv_reader_next (r, NULL, NULL));
}

static void
test_detect_delimiter (void)
{
  const char *semi = "a;b;c\n1;\"2,5\";3\n4;5,5;6\n";
  const char *tab = "a\tb\n1,5\t2\n3\t4,1\n";
  const char *comma = "name,amount\n\"Smith; J\",3\nLee,4\n";
  const char *bar = "a|b|c\n1|2|3\n";

  g_assert_cmpint (strata_csv_detect_delimiter (semi, strlen (semi), TRUE), ==, ';');
  g_assert_cmpint (strata_csv_detect_delimiter (tab, strlen (tab), TRUE), ==, '\t');
  g_assert_cmpint (strata_csv_detect_delimiter (comma, strlen (comma), TRUE), ==, ',');
  g_assert_cmpint (strata_csv_detect_delimiter (bar, strlen (bar), TRUE), ==, '|');
  g_assert_cmpint (strata_csv_detect_delimiter ("", 0, TRUE), ==, ',');
}

/* Records, CR LF pairs and quoted line breaks cut by the 256 KiB chunk
 * boundaries must come out whole, with the right line numbers. */
static void
test_chunk_boundaries (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("id,text\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = NULL;
  guint n = 0;
  guint64 line = 2;

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (text, "%u,\"line one\r\nline two, \"\"%u\"\"\"\r\n", i, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  r = strata_csv_reader_open (path, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_csv_reader_next (r, NULL, &error));
  while (strata_csv_reader_next (r, NULL, &error))
    {
      g_autofree char *id = g_strdup_printf ("%u", n);
      g_autofree char *body = g_strdup_printf ("line one\r\nline two, \"%u\"", n);

      g_assert_cmpuint (strata_csv_reader_get_line (r), ==, line);
      g_assert_cmpstr (strata_csv_reader_get_field (r, 0), ==, id);
      g_assert_cmpstr (strata_csv_reader_get_field (r, 1), ==, body);
      n++;
      line += 2;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 40000);
  g_assert_cmpuint (strata_csv_reader_get_bytes_read (r), ==, text->len);

  g_unlink (path);
  g_rmdir (dir);
}

/* Unquoted fields of every length, one longer than a chunk, and records
 * with many fields, cut by the chunk boundaries at every offset: the
 * fast scan for plain bytes must resume where a refill left it. */
static void
test_plain_fields_across_chunks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plain.csv", NULL);
  g_autoptr(GString) text = g_string_new ("id,a,b\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = NULL;
  g_autofree char *huge = g_strnfill (300 * 1024, 'x');
  guint n = 0;
  guint64 line = 2;
  const guint rows = 6000;

  for (guint i = 0; i < rows; i++)
    {
      if (i == rows / 2)
        g_string_append_printf (text, "%u,%s,中\r\n", i, huge);
      else if (i % 1000 == 7)
        {
          /* 100 fields: more than the reader's first field array. */
          g_string_append_printf (text, "%u", i);
          for (guint f = 1; f < 100; f++)
            g_string_append_printf (text, ",f%u", f);
          g_string_append (text, i % 2 ? "\r\n" : "\n");
        }
      else
        {
          g_autofree char *a = g_strnfill (i % 97, 'a' + i % 26);
          g_string_append_printf (text, "%u,%s,b\"%u\n", i, a, i);
        }
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  r = strata_csv_reader_open (path, NULL, ',', NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_csv_reader_next (r, NULL, &error));
  while (strata_csv_reader_next (r, NULL, &error))
    {
      g_autofree char *id = g_strdup_printf ("%u", n);

      g_assert_cmpuint (strata_csv_reader_get_line (r), ==, line);
      g_assert_cmpstr (strata_csv_reader_get_field (r, 0), ==, id);
      g_assert_null (strata_csv_reader_get_problem (r));
      if (n == rows / 2)
        {
          g_assert_cmpuint (strata_csv_reader_get_n_fields (r), ==, 3);
          g_assert_cmpstr (strata_csv_reader_get_field (r, 1), ==, huge);
          g_assert_cmpuint (strata_csv_reader_get_field_length (r, 1), ==, 300 * 1024);
          g_assert_cmpstr (strata_csv_reader_get_field (r, 2), ==, "中");
        }
      else if (n % 1000 == 7)
        {
          g_assert_cmpuint (strata_csv_reader_get_n_fields (r), ==, 100);
          for (guint f = 1; f < 100; f++)
            {
              g_autofree char *want = g_strdup_printf ("f%u", f);
              g_assert_cmpstr (strata_csv_reader_get_field (r, f), ==, want);
              g_assert_cmpuint (strata_csv_reader_get_field_length (r, f), ==, strlen (want));
            }
        }
      else
        {
          g_autofree char *a = g_strnfill (n % 97, 'a' + n % 26);
          g_autofree char *b = g_strdup_printf ("b\"%u", n);

          g_assert_cmpuint (strata_csv_reader_get_n_fields (r), ==, 3);
          g_assert_cmpstr (strata_csv_reader_get_field (r, 1), ==, a);
          g_assert_cmpuint (strata_csv_reader_get_field_length (r, 1), ==, n % 97);
          g_assert_cmpstr (strata_csv_reader_get_field (r, 2), ==, b);
          g_assert_cmpuint (strata_csv_reader_get_field_length (r, 2), ==, strlen (b));
        }
      n++;
      line++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, rows);
  g_assert_cmpuint (strata_csv_reader_get_bytes_read (r), ==, text->len);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_quoting_roundtrip (void)
{
  const char *values[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " padded ", "", "中文" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(StrataCsvReader) r = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      strata_csv_append_field (out, values[i], ',');
    }
  g_assert_cmpstr (out->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",,中文");
  r = strata_csv_reader_new_for_data (out->str, out->len, ',');
  g_assert_true (strata_csv_reader_next (r, NULL, NULL));
  g_assert_cmpuint (strata_csv_reader_get_n_fields (r), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpstr (strata_csv_reader_get_field (r, i), ==, values[i]);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = strata_csv_reader_open ("/nonexistent/x.csv", NULL, 0, NULL, &error);

  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "/nonexistent/x.csv"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/rfc4180-file", test_rfc4180_file);
  g_test_add_func ("/csv/edge-cases", test_edge_cases);
  g_test_add_func ("/csv/unterminated", test_unterminated);
  g_test_add_func ("/csv/detect-delimiter", test_detect_delimiter);
  g_test_add_func ("/csv/chunk-boundaries", test_chunk_boundaries);
  g_test_add_func ("/csv/plain-fields-across-chunks", test_plain_fields_across_chunks);
  g_test_add_func ("/csv/quoting-roundtrip", test_quoting_roundtrip);
  g_test_add_func ("/csv/missing-file", test_missing_file);
  return g_test_run ();
}
