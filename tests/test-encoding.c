/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encodings: each fixture (made with iconv from one UTF-8 source) is
 * detected and decodes to the same text; a bad byte is found where it is. */
#include <string.h>

#include "strata-csv.h"
#include "strata-encoding.h"
#include "strata-error.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

/* All records of a file, joined with | and newlines. */
static char *
read_all (const char  *name,
          const char  *encoding,
          char       **detected)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = strata_csv_reader_open (path, encoding, 0, NULL, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  while (strata_csv_reader_next (r, NULL, &error))
    {
      for (guint i = 0; i < strata_csv_reader_get_n_fields (r); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", strata_csv_reader_get_field (r, i));
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  if (detected)
    *detected = g_strdup (strata_csv_reader_get_encoding (r));
  return g_string_free (out, FALSE);
}

static void
test_fixtures (void)
{
  struct { const char *file, *encoding, *reference; } cases[] = {
    { "customers-utf8.csv", "UTF-8", "customers-utf8.csv" },
    { "customers-utf8-bom.csv", "UTF-8", "customers-utf8.csv" },
    { "customers-utf16le.csv", "UTF-16LE", "customers-utf8.csv" },
    { "customers-gb18030.csv", "GB18030", "customers-utf8.csv" },
    { "customers-big5.csv", "CP950", "customers-zh_TW.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *detected = NULL;
      g_autofree char *text = read_all (cases[i].file, NULL, &detected);
      g_autofree char *reference = read_all (cases[i].reference, "UTF-8", NULL);

      g_assert_cmpstr (detected, ==, cases[i].encoding);
      g_assert_cmpstr (text, ==, reference);
      g_assert_true (g_str_has_prefix (text, cases[i].reference[10] == 'z' ? "客戶編號|" : "客户编号|"));
    }
}

static void
test_override (void)
{
  g_autofree char *detected = NULL;
  g_autofree char *text = read_all ("customers-gb18030.csv", "gbk", &detected);
  g_autofree char *reference = read_all ("customers-utf8.csv", NULL, NULL);
  g_autofree char *path = fixture ("customers-gb18030.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCsvReader) r = NULL;

  g_assert_cmpstr (detected, ==, "GB18030");
  g_assert_cmpstr (text, ==, reference);

  /* Read as UTF-8, GB18030 bytes are invalid: the error says where. */
  r = strata_csv_reader_open (path, "utf-8", 0, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "customers-gb18030.csv"));
  g_assert_nonnull (strstr (error->message, "byte 0"));
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_clear_error (&error);

  g_assert_null (strata_csv_reader_open (path, "no-such-encoding", 0, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "no-such-encoding"));
}

/* The decoder gets bytes in pieces that cut sequences, and reports the
 * file offset and line of a bad byte. */
static void
test_decoder (void)
{
  const char *utf8 = "a,b\n中文,x\n第三行,é\n";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GString) bad = g_string_new (utf8);
  const char *encodings[] = { "UTF-8", "GB18030" };
  const char *inputs[] = { utf8, gb };

  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    for (gsize piece = 1; piece <= 5; piece++)
      {
        g_autoptr(StrataDecoder) d = strata_decoder_new (encodings[e], NULL);
        g_autoptr(GString) out = g_string_new (NULL);
        gsize len = strlen (inputs[e]);
        g_autoptr(GError) error = NULL;

        for (gsize at = 0; at < len; at += piece)
          g_assert_true (strata_decoder_feed (d, (const guint8 *) inputs[e] + at, MIN (piece, len - at),
                                              at + piece >= len, out, &error));
        g_assert_no_error (error);
        g_assert_cmpstr (out->str, ==, utf8);
      }

  /* A lone 0xFF at the start of line 3, byte 13. */
  g_string_insert_c (bad, 13, '\xFF');
  {
    g_autoptr(StrataDecoder) d = strata_decoder_new ("UTF-8", NULL);
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (strata_decoder_feed (d, (const guint8 *) bad->str, 10, FALSE, out, &error));
    g_assert_false (strata_decoder_feed (d, (const guint8 *) bad->str + 10, bad->len - 10, TRUE, out, &error));
    g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "byte 13 "));
    g_assert_nonnull (strstr (error->message, "line 3"));
  }
}

/* The line of a bad byte, with line ends of every kind (and a CR LF cut
 * between two feeds) before it: feeds without a CR are counted by a
 * faster path than those with one. */
static void
test_decoder_lines (void)
{
  struct { const char *pieces[4]; const char *line; } cases[] = {
    { { "a\nb\n", "c\n", "\xFF", NULL }, "line 4" },
    { { "a\r", "\nb\n", "\xFF", NULL }, "line 3" },
    { { "a\r", "\n", "\n\xFF", NULL }, "line 3" },
    { { "a\r", "\r", "\n\xFF", NULL }, "line 3" },
    { { "a\r\n\r\n", "b\n\n", "\xFF", NULL }, "line 5" },
    { { "a\rb\r", "c", "\n\xFF", NULL }, "line 4" },
    { { "\n", "\n", "\xFF", NULL }, "line 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StrataDecoder) d = strata_decoder_new ("UTF-8", NULL);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      guint j;

      for (j = 0; cases[i].pieces[j + 1] != NULL; j++)
        g_assert_true (strata_decoder_feed (d, (const guint8 *) cases[i].pieces[j],
                                            strlen (cases[i].pieces[j]), FALSE, out, &error));
      g_assert_false (strata_decoder_feed (d, (const guint8 *) cases[i].pieces[j],
                                           strlen (cases[i].pieces[j]), TRUE, out, &error));
      g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING);
      if (strstr (error->message, cases[i].line) == NULL)
        g_error ("case %u: “%s” should name %s", i, error->message, cases[i].line);
    }
}

static void
test_detect (void)
{
  const guint8 utf16be[] = { 0, 'a', 0, ',', 0, 'b', 0, '\n', 0, '1', 0, ',', 0, '2', 0, '\n' };
  const guint8 utf16le[] = { 'a', 0, ',', 0, 'b', 0, '\n', 0, '1', 0, ',', 0, '2', 0, '\n', 0 };
  const char *ascii = "id,name\n1,x\n";
  g_autofree char *a = strata_encoding_detect (utf16be, sizeof utf16be, TRUE);
  g_autofree char *b = strata_encoding_detect (utf16le, sizeof utf16le, TRUE);
  g_autofree char *c = strata_encoding_detect ((const guint8 *) ascii, strlen (ascii), TRUE);
  g_autofree char *d = strata_encoding_detect ((const guint8 *) "", 0, TRUE);
  /* A sample cut in the middle of a UTF-8 sequence is still UTF-8. */
  g_autofree char *e = strata_encoding_detect ((const guint8 *) "ab中", 4, FALSE);

  g_assert_cmpstr (a, ==, "UTF-16BE");
  g_assert_cmpstr (b, ==, "UTF-16LE");
  g_assert_cmpstr (c, ==, "UTF-8");
  g_assert_cmpstr (d, ==, "UTF-8");
  g_assert_cmpstr (e, ==, "UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/encoding/fixtures", test_fixtures);
  g_test_add_func ("/encoding/override", test_override);
  g_test_add_func ("/encoding/decoder", test_decoder);
  g_test_add_func ("/encoding/decoder-lines", test_decoder_lines);
  g_test_add_func ("/encoding/detect", test_detect);
  return g_test_run ();
}
