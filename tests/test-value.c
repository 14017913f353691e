/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spreadsheet values: numbers, booleans and dates in the forms Chinese
 * and international sheets write them, and the reasons for rejects. */
#include <math.h>

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

static void
test_booleans (void)
{
  const char *yes[] = { "yes", "YES", "y", "Y", "true", "True", "1", "是", "有", "对", "√", "ｙｅｓ", " t " };
  const char *no[] = { "no", "N", "false", "FALSE", "0", "否", "无", "無", "錯", "×", "f" };
  const char *bad[] = { "", "maybe", "2", "是的吗" };

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
  g_test_add_func ("/value/booleans", test_booleans);
  g_test_add_func ("/value/dates", test_dates);
  g_test_add_func ("/value/normalize", test_normalize);
  return g_test_run ();
}
