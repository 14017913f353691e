/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "strata-format.h"

/* Whether the C library has the locale's data (build-aux/dev.sh makes
 * es_ES, es_MX, de_CH and de_DE). */
static gboolean
have_locale (const char *name)
{
  locale_t loc = newlocale (LC_NUMERIC_MASK, name, (locale_t) 0);

  if (loc == (locale_t) 0)
    return FALSE;
  freelocale (loc);
  return TRUE;
}

static void
check (char       *got,
       const char *want)
{
  g_assert_cmpstr (got, ==, want);
  g_free (got);
}

static void
test_english (void)
{
  StrataNumberFormat f;

  strata_number_format_init_for_language (&f, "en_US.UTF-8");
  check (strata_format_integer (&f, 1234567), "1,234,567");
  check (strata_format_integer (&f, -1234.4), "-1,234");
  check (strata_format_integer (&f, 999), "999");
  check (strata_format_integer (&f, -0.2), "0");
  check (strata_format_decimal (&f, 1234.5, 2), "1,234.50");
  check (strata_format_compact (&f, 0), "0");
  check (strata_format_compact (&f, 2.5), "2.5");
  check (strata_format_compact (&f, 9500), "9,500");
  check (strata_format_compact (&f, 12345), "12.3K");
  check (strata_format_compact (&f, 1200000), "1.2M");
  check (strata_format_compact (&f, 999999), "1M");
  check (strata_format_compact (&f, 3.5e9), "3.5B");
  check (strata_format_money (&f, 1.25e6, "$"), "$1.25M");
  check (strata_format_money (&f, -45000, "$"), "-$45K");
  check (strata_format_percent (&f, 0.425, 1), "42.5%");
  check (strata_format_percent (&f, 1, 0), "100%");
}

static void
test_chinese (void)
{
  StrataNumberFormat cn, tw;

  strata_number_format_init_for_language (&cn, "zh_CN.UTF-8");
  strata_number_format_init_for_language (&tw, "zh_TW");
  g_assert_true (cn.myriad && !cn.traditional);
  g_assert_true (tw.myriad && tw.traditional);
  check (strata_format_integer (&cn, 1234567), "1,234,567");
  check (strata_format_compact (&cn, 8500), "8,500");
  check (strata_format_compact (&cn, 35000), "3.5万");
  check (strata_format_compact (&cn, 12000000), "1,200万");
  check (strata_format_compact (&cn, 350000000), "3.5亿");
  check (strata_format_compact (&cn, 99999999), "1亿");
  check (strata_format_compact (&tw, 12000000), "1,200萬");
  check (strata_format_compact (&tw, 350000000), "3.5億");
  check (strata_format_money (&cn, 12000000, "¥"), "¥1,200万");
  check (strata_format_percent (&cn, 0.8, 0), "80%");
}

static void
test_other_separators (void)
{
  StrataNumberFormat de;

  if (!have_locale ("de_DE.UTF-8"))
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  strata_number_format_init_for_language (&de, "de_DE.UTF-8");
  check (strata_format_integer (&de, 1234567), "1.234.567");
  check (strata_format_decimal (&de, 1234.5, 1), "1.234,5");
  check (strata_format_integer (NULL, 1000), "1,000"); /* tests run in C.UTF-8 */
}

/* The separators are the C library's for the locale, not the language's:
 * Mexico writes 1,234.5 and Switzerland 1’234.5 (or 1'234.5), unlike
 * Spain and Germany. */
static void
test_locale_separators (void)
{
  static const struct
  {
    const char *locale;
    const char *decimal;
  } cases[] = {
    { "es_ES.UTF-8", "," },
    { "es_MX.UTF-8", "." },
    { "de_CH.UTF-8", "." },
    { "de_DE.UTF-8", "," },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      StrataNumberFormat f;
      locale_t loc;
      g_autofree char *want = NULL;

      if (!have_locale (cases[i].locale))
        {
          g_test_skip ("a locale is not installed (see build-aux/dev.sh)");
          return;
        }
      loc = newlocale (LC_NUMERIC_MASK, cases[i].locale, (locale_t) 0);
      strata_number_format_init_for_language (&f, cases[i].locale);
      g_assert_cmpstr (f.decimal, ==, cases[i].decimal);
      g_assert_cmpstr (f.group, ==, nl_langinfo_l (THOUSEP, loc));
      g_assert_false (f.myriad);
      want = g_strdup_printf ("1%s234%s5", f.group, f.decimal);
      check (strata_format_decimal (&f, 1234.5, 1), want);
      /* The name without its codeset names the same locale. */
      {
        g_autofree char *bare = g_strndup (cases[i].locale, strlen ("xx_XX"));
        StrataNumberFormat g;

        strata_number_format_init_for_language (&g, bare);
        g_assert_cmpstr (g.decimal, ==, f.decimal);
        g_assert_cmpstr (g.group, ==, f.group);
      }
      freelocale (loc);
    }
  /* Chinese keeps 万 / 亿 whatever its locale data. */
  {
    StrataNumberFormat cn;

    strata_number_format_init_for_language (&cn, "zh_CN.UTF-8");
    check (strata_format_compact (&cn, 12000000), "1,200万");
  }
}

/* NULL means the language the program (or the report) runs in. */
static void
test_default_follows_language (void)
{
  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  check (strata_format_compact (NULL, 12000000), "1,200萬");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  check (strata_format_compact (NULL, 12000000), "1,200万");
  if (have_locale ("de_DE.UTF-8"))
    {
      g_setenv ("LANGUAGE", "de", TRUE);
      check (strata_format_decimal (NULL, 1234.5, 1), "1.234,5");
    }
  g_unsetenv ("LANGUAGE");
}

/* Dates in the reader's format, never "2026-12-06T15:31:13Z". */
static void
test_dates (void)
{
  StrataNumberFormat en, zh;
  g_autoptr(GDateTime) d = g_date_time_new_utc (2026, 12, 6, 15, 31, 13);
  g_autofree char *en_date = NULL, *en_time = NULL, *zh_date = NULL, *zh_time = NULL;
  g_autofree char *stamp = NULL, *bad = NULL, *none = NULL;

  strata_number_format_init_for_language (&en, "en_US");
  strata_number_format_init_for_language (&zh, "zh_CN");
  en_date = strata_format_date (&en, d);
  en_time = strata_format_date_time (&en, d);
  zh_date = strata_format_date (&zh, d);
  zh_time = strata_format_date_time (&zh, d);
  g_assert_cmpstr (en_date, ==, "6 Dec 2026");
  g_assert_cmpstr (en_time, ==, "6 Dec 2026, 15:31");
  g_assert_cmpstr (zh_date, ==, "2026年12月6日");
  g_assert_cmpstr (zh_time, ==, "2026年12月6日 15:31");
  stamp = strata_format_timestamp (&zh, "2026-07-01T09:00:00Z");
  g_assert_cmpstr (stamp, ==, "2026年7月1日 09:00");
  bad = strata_format_timestamp (&en, "last Tuesday");
  g_assert_cmpstr (bad, ==, "last Tuesday");
  none = strata_format_timestamp (&en, NULL);
  g_assert_cmpstr (none, ==, "");
}

int
main (int argc, char **argv)
{
  /* The dates are shown in local time: make it UTC here. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/english", test_english);
  g_test_add_func ("/format/chinese", test_chinese);
  g_test_add_func ("/format/other-separators", test_other_separators);
  g_test_add_func ("/format/locale-separators", test_locale_separators);
  g_test_add_func ("/format/default-follows-language", test_default_follows_language);
  return g_test_run ();
}
