/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Numbers in editable fields: shown grouped and exact, read back as typed. */
#include "strata-number-input.h"

static const StrataNumberFormat english = { ",", ".", FALSE, FALSE };
static const StrataNumberFormat simplified = { ",", ".", TRUE, FALSE };
static const StrataNumberFormat traditional = { ",", ".", TRUE, TRUE };
static const StrataNumberFormat german = { ".", ",", FALSE, FALSE };

static void
check (char       *got,
       const char *want)
{
  g_assert_cmpstr (got, ==, want);
  g_free (got);
}

static void
test_format (void)
{
  check (strata_format_editable (&english, 10000000, 0), "10,000,000");
  check (strata_format_editable (&english, 500000, 0), "500,000");
  check (strata_format_editable (&english, 0, 0), "0");
  check (strata_format_editable (&english, -10, 1), "-10.0");
  check (strata_format_editable (&english, 1234.5, 2), "1,234.50");
  check (strata_format_editable (&simplified, 10000000, 0), "1,000万");
  check (strata_format_editable (&simplified, 500000, 0), "50万");
  check (strata_format_editable (&simplified, 300000000, 0), "3亿");
  check (strata_format_editable (&traditional, 10000000, 0), "1,000萬");
  check (strata_format_editable (&traditional, 200000000, 0), "2億");
  /* Never rounded into a unit: the field shows what the rules hold. */
  check (strata_format_editable (&simplified, 12345678, 0), "12,345,678");
  check (strata_format_editable (&simplified, 9000, 0), "9,000");
  check (strata_format_editable (&simplified, 15.5, 1), "15.5");
  check (strata_format_editable (&german, 1234567.25, 2), "1.234.567,25");
}

static void
assert_parses (const StrataNumberFormat *fmt,
               const char               *text,
               double                    want)
{
  double got = -1;

  g_assert_true (strata_parse_number (fmt, text, &got));
  g_assert_cmpfloat (got, ==, want);
}

static void
assert_refused (const StrataNumberFormat *fmt,
                const char               *text)
{
  double got = 42;

  g_assert_false (strata_parse_number (fmt, text, &got));
  g_assert_cmpfloat (got, ==, 42);
}

static void
test_parse (void)
{
  assert_parses (&english, "10,000,000", 1e7);
  assert_parses (&english, " 500000 ", 5e5);
  assert_parses (&english, "1.5", 1.5);
  assert_parses (&english, "-10", -10);
  assert_parses (&english, "1.2M", 1.2e6);
  assert_parses (&english, "250k", 2.5e5);
  assert_parses (&simplified, "1,000万", 1e7);
  assert_parses (&simplified, "50万", 5e5);
  assert_parses (&simplified, "1.2亿", 1.2e8);
  assert_parses (&simplified, "3 亿", 3e8);
  assert_parses (&simplified, "1，000万", 1e7);
  assert_parses (&traditional, "1,000萬", 1e7);
  assert_parses (&traditional, "2億", 2e8);
  /* Units work whatever the language: people paste figures. */
  assert_parses (&english, "50万", 5e5);
  assert_parses (&german, "1.234.567,25", 1234567.25);
  assert_parses (&german, "0,5", 0.5);

  assert_refused (&english, "");
  assert_refused (&english, "   ");
  assert_refused (&english, "12abc");
  assert_refused (&english, "万");
  assert_refused (&english, "1.2.3");
  assert_refused (&english, "inf");
  assert_refused (&english, NULL);
}

/* What is shown reads back as the same number. */
static void
test_round_trip (void)
{
  const StrataNumberFormat *formats[] = { &english, &simplified, &traditional, &german };
  const double values[] = { 0, 1, 999, 10000, 12345, 500000, 1e7, 12345678, 3e8, 2.5e8, 1234.5, -40 };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autofree char *shown = strata_format_editable (formats[f], values[v], 1);
        double back = 0;

        g_assert_true (strata_parse_number (formats[f], shown, &back));
        g_assert_cmpfloat (back, ==, values[v]);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number-input/format", test_format);
  g_test_add_func ("/number-input/parse", test_parse);
  g_test_add_func ("/number-input/round-trip", test_round_trip);
  return g_test_run ();
}
