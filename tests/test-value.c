/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spreadsheet values: numbers, booleans and dates in the forms Chinese
 * and international sheets write them, and the reasons for rejects. */
#include <math.h>
#include <string.h>

#include "strata-value.h"

static void
test_numbers (void)
{
  struct { const char *text; double value; } ok[] = {
    { "1234", 1234 }, { "1,234", 1234 }, { "1,234,567.89", 1234567.89 },
    { "-5", -5 }, { "+5", 5 }, { "  42  ", 42 }, { ".5", 0.5 },
    { "¥1,234.50", 1234.5 }, { "￥800", 800 }, { "$3,400", 3400 }, { "€12", 12 },
    { "£1,234.56", 1234.56 }, { "NT$1200", 1200 }, { "US$ -2,000", -2000 },
    { "RMB 100", 100 }, { "100元", 100 }, { "-$5", -5 }, { "$-5", -5 },
    { "50万", 500000 }, { "3万元", 30000 }, { "1.2亿", 120000000 }, { "2.5億", 250000000 },
    { "5萬", 50000 }, { "3千", 3000 },
    { "８８，０００", 88000 }, { "１２．５", 12.5 }, { "－３", -3 },
    { "12.5%", 0.125 }, { "-12.5%", -0.125 }, { "１００％", 1 },
    { "(1,234)", -1234 }, { "(５００)", -500 }, { "1,234-", -1234 },
    { "1,5", 1.5 }, { "12,75", 12.75 }, { "0,125", 0.125 },
    { "1.234,56", 1234.56 }, { "€1.234,56", 1234.56 }, { "1.234.567", 1234567 },
    { "1 234 567", 1234567 }, { "1'234'567.5", 1234567.5 }, { "1\xC2\xA0" "234", 1234 },
    { "1.5E+06", 1500000 }, { "2e3", 2000 }, { "0", 0 },
  };
  const char *bad[] = {
    "", "  ", "abc", "12abc", "1,23,4", "1.2.3,4,5", "--5", "1e", "$", "%", "1,2345,678",
    "12,34.56.7", "万", "N/A", "1 2", "0x10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      const char *reason = NULL;
      double v = NAN;

      if (!strata_value_parse_number (ok[i].text, &v, &reason))
        g_error ("“%s” should be %g: %s", ok[i].text, ok[i].value, reason);
      g_assert_cmpfloat_with_epsilon (v, ok[i].value, 1e-9 * MAX (1, fabs (ok[i].value)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *reason = NULL;
      double v = 0;

      if (strata_value_parse_number (bad[i], &v, &reason))
        g_error ("“%s” should be rejected, got %g", bad[i], v);
      g_assert_nonnull (reason);
      g_assert_cmpstr (reason, !=, "");
    }
}

static guint64
bits_of (double d)
{
  guint64 b;

  memcpy (&b, &d, sizeof b);
  return b;
}

/* text must give exactly (bit for bit) the double g_ascii_strtod gives
 * for plain. */
static void
expect_exact (const char *text,
              const char *plain)
{
  const char *reason = NULL;
  double v = NAN, want = g_ascii_strtod (plain, NULL);

  if (!strata_value_parse_number (text, &v, &reason))
    g_error ("“%s” should be %.17g: %s", text, want, reason);
  if (bits_of (v) != bits_of (want))
    g_error ("“%s” gave %.17g (%" G_GINT64_MODIFIER "x), strtod %.17g (%" G_GINT64_MODIFIER "x)",
             text, v, bits_of (v), want, bits_of (want));
}

/* The fast decimal path must agree with g_ascii_strtod on every input,
 * including those next to its limits (15 significant digits, 22
 * decimals), where it hands over to strtod. */
static void
test_exact_numbers (void)
{
  static const char *fixed[] = {
    "0.1", "0.2", "0.3", "1.1", "2.675", "1.005", "0.000001", "123456.789",
    "999999999999999", "999999999999999.9", "100000000000000", "1000000000000000",
    "1234567890123456", "12345678901234567", "0.12345678901234567", "9007199254740993",
    "0.0000000000000000000001", "0.00000000000000000000001", "1.0000000000000000000001",
    "000000000000000000001.5", "0", "0.0", "00", "-0.1", "-999999999999999",
    "+0.5", ".5", "-.25", "933912.03", "1170528.94", "4.35", "1e15", "1E-5",
  };
  GRand *rand = g_rand_new_with_seed (20261202);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    expect_exact (fixed[i], fixed[i]);
  /* "1,234.50" is read as 1234.50, the same double. */
  expect_exact ("1,234.50", "1234.50");
  expect_exact ("-1,234,567.891", "-1234567.891");
  expect_exact ("(1,234.50)", "-1234.50");
  expect_exact ("  12.34  ", "12.34");
  expect_exact ("１２．３４", "12.34");

  for (guint i = 0; i < 200000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) grouped = g_string_new (NULL);
      int int_digits = g_rand_int_range (rand, 0, 19);
      int frac_digits = g_rand_int_range (rand, 0, 25);
      gboolean neg = g_rand_boolean (rand);

      if (int_digits == 0 && frac_digits == 0)
        int_digits = 1;
      if (neg)
        g_string_append_c (text, '-');
      for (int d = 0; d < int_digits; d++)
        g_string_append_c (text, '0' + g_rand_int_range (rand, d == 0 && int_digits > 1 ? 1 : 0, 10));
      if (frac_digits > 0)
        {
          g_string_append_c (text, '.');
          for (int d = 0; d < frac_digits; d++)
            g_string_append_c (text, '0' + g_rand_int_range (rand, 0, 10));
        }
      expect_exact (text->str, text->str);

      /* The same number with thousands separators takes the slow path
       * up to the conversion. */
      if (int_digits > 3)
        {
          const char *p = text->str + neg;

          if (neg)
            g_string_append_c (grouped, '-');
          for (int d = 0; d < int_digits; d++)
            {
              if (d > 0 && (int_digits - d) % 3 == 0)
                g_string_append_c (grouped, ',');
              g_string_append_c (grouped, p[d]);
            }
          g_string_append (grouped, p + int_digits);
          expect_exact (grouped->str, text->str);
        }
    }
  g_rand_free (rand);

  {
    double v = 1;

    g_assert_true (strata_value_parse_number ("-0", &v, NULL));
    g_assert_true (v == 0 && signbit (v));
  }
}

static void
test_blank (void)
{
  g_assert_true (strata_value_is_blank (NULL));
  g_assert_true (strata_value_is_blank (""));
  g_assert_true (strata_value_is_blank (" \t\r\n"));
  g_assert_true (strata_value_is_blank ("\xE3\x80\x80 \xC2\xA0\xE2\x80\xAF\xE2\x80\x87"));
  g_assert_false (strata_value_is_blank ("\xE3\x80\x80x"));
  g_assert_false (strata_value_is_blank ("\xEF\xBC\xA1"));   /* full-width A */
  g_assert_false (strata_value_is_blank (" \xFF "));         /* an invalid byte */
  g_assert_false (strata_value_is_blank ("\xE3\x80"));       /* a cut sequence */
  g_assert_false (strata_value_is_blank ("华东"));
  g_assert_false (strata_value_is_blank (" 0 "));
}

static void
test_booleans (void)
{
  /* Short ASCII cells take a copy-free path; tabs, longer and other
   * cells are normalized first. */
  const char *yes[] = { "yes", "YES", "y", "Y", "true", "True", "1", "是", "有", "对", "√", "ｙｅｓ", " t ",
                        "\tyes\t", "      yes       ", "             yes              ", " 是 " };
  const char *no[] = { "no", "N", "false", "FALSE", "0", "否", "无", "無", "錯", "×", "f", "no\r\n" };
  const char *bad[] = { "", "maybe", "2", "是的吗", "   ", "yes yes", "ye\ts", "yesyesyesyesyesyes" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      gboolean b = FALSE;
      g_assert_true (strata_value_parse_boolean (yes[i], &b, NULL));
      g_assert_true (b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      gboolean b = TRUE;
      g_assert_true (strata_value_parse_boolean (no[i], &b, NULL));
      g_assert_false (b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gboolean b;
      const char *reason = NULL;
      g_assert_false (strata_value_parse_boolean (bad[i], &b, &reason));
      g_assert_nonnull (reason);
    }
}

static void
test_dates (void)
{
  struct { const char *text; const char *iso; } ok[] = {
    { "2024-10-23", "2024-10-23" }, { "2024/10/23", "2024-10-23" }, { "2024.10.23", "2024-10-23" },
    { "2024年10月23日", "2024-10-23" }, { "2024年1月5日", "2024-01-05" }, { "2024-1-5", "2024-01-05" },
    { "2010-12-01 08:26:00", "2010-12-01" }, { "2024-10-23T14:05", "2024-10-23" },
    { "2024-10-23T14:05:00Z", "2024-10-23" }, { "2024-10-23 14:05:00.123", "2024-10-23" },
    { "２０２４－０５－０６", "2024-05-06" }, { "2024-02-29", "2024-02-29" },
    { "1970-01-01", "1970-01-01" }, { "1969-12-31", "1969-12-31" },
  };
  const char *bad[] = {
    "", "23/10/2024", "10/23/2024", "2024-13-01", "2023-02-29", "2024-10", "2024-10-23 25:00",
    "2024-10-23x", "24-10-23", "2024/10-23", "yesterday",
  };
  gint64 day = -1;

  g_assert_true (strata_value_parse_date ("1970-01-01", &day, NULL));
  g_assert_cmpint (day, ==, 0);
  g_assert_true (strata_value_parse_date ("2024-10-23", &day, NULL));
  g_assert_cmpint (day, ==, 20019);

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *iso = NULL;
      const char *reason = NULL;

      if (!strata_value_parse_date (ok[i].text, &day, &reason))
        g_error ("“%s” should be a date: %s", ok[i].text, reason);
      iso = strata_value_format_date (day);
      g_assert_cmpstr (iso, ==, ok[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *reason = NULL;

      if (strata_value_parse_date (bad[i], &day, &reason))
        g_error ("“%s” should be rejected", bad[i]);
      g_assert_nonnull (reason);
    }
  g_assert_true (strata_value_parse_date ("2011-12-09", &day, NULL));
  g_assert_cmpint (strata_value_month_index (day), ==, 2011 * 12 + 11);
}

static void
test_normalize (void)
{
  g_autofree char *a = strata_value_normalize ("\xE3\x80\x80ＡＢＣ　１２３\xC2\xA0");
  g_assert_cmpstr (a, ==, "ABC 123");
  g_assert_true (strata_value_is_blank ("\xE3\x80\x80 \t"));
  g_assert_false (strata_value_is_blank (" x "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/value/numbers", test_numbers);
  g_test_add_func ("/value/exact-numbers", test_exact_numbers);
  g_test_add_func ("/value/blank", test_blank);
  g_test_add_func ("/value/booleans", test_booleans);
  g_test_add_func ("/value/dates", test_dates);
  g_test_add_func ("/value/normalize", test_normalize);
  return g_test_run ();
}
