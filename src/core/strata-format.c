/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-format.h"
#include "strata-catalog.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <string.h>

/* The separators of a locale, from the C library's LC_NUMERIC data. */
static gboolean
query_locale (const char *name,
              char       *group,
              gsize       group_size,
              char       *decimal,
              gsize       decimal_size)
{
  locale_t loc = newlocale (LC_NUMERIC_MASK, name, (locale_t) 0);
  const char *radix, *thousands;

  if (loc == (locale_t) 0)
    return FALSE;
  radix = nl_langinfo_l (RADIXCHAR, loc);
  thousands = nl_langinfo_l (THOUSEP, loc);
  g_strlcpy (decimal, radix != NULL && radix[0] != '\0' ? radix : ".", decimal_size);
  /* C and POSIX group nothing; people still read 1,234,567 better. */
  if (thousands != NULL && thousands[0] != '\0')
    g_strlcpy (group, thousands, group_size);
  else
    g_strlcpy (group, g_str_equal (decimal, ",") ? "." : ",", group_size);
  freelocale (loc);
  return TRUE;
}

/* language is a locale name ("es_MX.UTF-8", "de_CH") or a bare language
 * ("de"), which stands for its home country ("de_DE"). */
static gboolean
query_language (const char *language,
                char       *group,
                gsize       group_size,
                char       *decimal,
                gsize       decimal_size)
{
  g_autofree char *base = g_strndup (language, strcspn (language, ".@"));
  g_autofree char *country = g_ascii_strup (base, -1);
  g_autofree char *utf8 = NULL;

  if (strchr (language, '.') != NULL &&
      query_locale (language, group, group_size, decimal, decimal_size))
    return TRUE;
  utf8 = strchr (base, '_') != NULL ? g_strconcat (base, ".UTF-8", NULL)
                                    : g_strdup_printf ("%s_%s.UTF-8", base, country);
  return query_locale (utf8, group, group_size, decimal, decimal_size) ||
         query_locale (base, group, group_size, decimal, decimal_size);
}

void
strata_number_format_init_for_language (StrataNumberFormat *fmt,
                                        const char         *language)
{
  g_return_if_fail (fmt != NULL);

  memset (fmt, 0, sizeof *fmt);
  g_strlcpy (fmt->group, ",", sizeof fmt->group);
  g_strlcpy (fmt->decimal, ".", sizeof fmt->decimal);
  if (language == NULL || language[0] == '\0')
    return;

  /* Chinese groups large numbers by 10^4, whatever its locale data says. */
  if (g_str_has_prefix (language, "zh"))
    {
      fmt->myriad = TRUE;
      /* Taiwan, Hong Kong, Macau and explicit Hant write 萬 / 億. */
      fmt->traditional = (strstr (language, "TW") != NULL || strstr (language, "HK") != NULL
                          || strstr (language, "MO") != NULL
                          || strstr (language, "Hant") != NULL);
      return;
    }
  /* A locale that is not installed keeps the English separators. */
  query_language (language, fmt->group, sizeof fmt->group, fmt->decimal, sizeof fmt->decimal);
}

/* One format per language met, made once and never changed after (nor
 * freed), so that the report can format numbers from a worker thread. */
const StrataNumberFormat *
strata_number_format_get_default (void)
{
  static GMutex lock;
  static GHashTable *formats;
  /* A report in another language pushes its catalogue on its thread. */
  const char *thread_language = strata_catalog_get_thread_language ();
  const char *language = thread_language ? thread_language : g_get_language_names ()[0];
  StrataNumberFormat *fmt;

  g_mutex_lock (&lock);
  if (formats == NULL)
    formats = g_hash_table_new (g_str_hash, g_str_equal);
  fmt = g_hash_table_lookup (formats, language);
  if (fmt == NULL)
    {
      fmt = g_new (StrataNumberFormat, 1);
      strata_number_format_init_for_language (fmt, language);
      g_hash_table_insert (formats, g_strdup (language), fmt);
    }
  g_mutex_unlock (&lock);
  return fmt;
}

static const StrataNumberFormat *
resolve (const StrataNumberFormat *fmt)
{
  return fmt != NULL ? fmt : strata_number_format_get_default ();
}

/* Formats |value| with @decimals, drops trailing zeros when @trim, then
 * inserts the group separator and the locale's decimal mark. */
static void
append_number (GString                  *out,
               const StrataNumberFormat *fmt,
               double                    value,
               int                       decimals,
               gboolean                  trim)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char spec[16];
  char *dot;
  gsize int_len;

  if (value < 0)
    {
      value = -value;
      g_string_append_c (out, '-');
    }
  g_snprintf (spec, sizeof spec, "%%.%df", CLAMP (decimals, 0, 9));
  g_ascii_formatd (buf, sizeof buf, spec, value);
  dot = strchr (buf, '.');
  if (dot != NULL && trim)
    {
      char *end = buf + strlen (buf) - 1;
      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *dot = '\0';
      dot = strchr (buf, '.');
    }
  int_len = dot != NULL ? (gsize) (dot - buf) : strlen (buf);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, fmt->group);
      g_string_append_c (out, buf[i]);
    }
  if (dot != NULL)
    {
      g_string_append (out, fmt->decimal);
      g_string_append (out, dot + 1);
    }
}

char *
strata_format_integer (const StrataNumberFormat *fmt,
                       double                    value)
{
  GString *out = g_string_new (NULL);

  fmt = resolve (fmt);
  if (!isfinite (value))
    return g_string_free (out, FALSE);
  value = round (value);
  if (value == 0)
    value = 0; /* no "-0" */
  append_number (out, fmt, value, 0, FALSE);
  return g_string_free (out, FALSE);
}

char *
strata_format_decimal (const StrataNumberFormat *fmt,
                       double                    value,
                       int                       decimals)
{
  GString *out = g_string_new (NULL);

  fmt = resolve (fmt);
  if (isfinite (value))
    append_number (out, fmt, value, decimals, FALSE);
  return g_string_free (out, FALSE);
}

/* Three significant digits, but never fewer than the integer part has:
 * 1234.5 -> 1,235, 12.345 -> 12.3, 1.2 -> 1.2. */
static int
significant_decimals (double value)
{
  double a = fabs (value);

  if (a >= 100)
    return 0;
  if (a >= 10)
    return 1;
  return 2;
}

/* @extra decimals beyond the three significant digits (trailing zeros
 * are dropped either way): 0 for strata_format_compact(). */
static void
append_compact (GString                  *out,
                const StrataNumberFormat *fmt,
                double                    value,
                int                       extra)
{
  double a = fabs (value);

  if (fmt->myriad)
    {
      /* 万 = 10^4, 亿 = 10^8, 万亿 (兆 in Taiwan) = 10^12. */
      static const struct { double div; const char *s, *t; } units[] = {
        { 1e12, "万亿", "兆" },
        { 1e8, "亿", "億" },
        { 1e4, "万", "萬" },
      };
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        {
          /* Rounding may carry into the next unit: 9999.9万 -> 1亿. */
          double v = value / units[i].div;
          if (a >= units[i].div * 0.99995 || (i == 2 && a >= 1e4))
            {
              int dec = significant_decimals (v) + extra;
              double p = pow (10, dec);
              if (i > 0 && fabs (round (v * p) / p) >= 1e4)
                continue;
              append_number (out, fmt, v, dec, TRUE);
              g_string_append (out, fmt->traditional ? units[i].t : units[i].s);
              return;
            }
        }
      append_number (out, fmt, value, significant_decimals (value) + extra, TRUE);
      return;
    }
  else
    {
      static const struct { double div; const char *s; } units[] = {
        { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" },
      };
      /* Below 10,000 the full figure reads better than "9.5K". */
      if (a >= 1e4)
        for (guint i = 0; i < G_N_ELEMENTS (units); i++)
          {
            double v = value / units[i].div;
            int dec;
            double p;
            if (a < units[i].div)
              continue;
            dec = significant_decimals (v) + extra;
            p = pow (10, dec);
            if (i > 0 && fabs (round (v * p) / p) >= 1000)
              {
                v = value / units[i - 1].div;
                append_number (out, fmt, v, significant_decimals (v) + extra, TRUE);
                g_string_append (out, units[i - 1].s);
                return;
              }
            append_number (out, fmt, v, dec, TRUE);
            g_string_append (out, units[i].s);
            return;
          }
      append_number (out, fmt, value, (a >= 1000 ? 0 : significant_decimals (value)) + extra, TRUE);
    }
}

char *
strata_format_compact (const StrataNumberFormat *fmt,
                       double                    value)
{
  return strata_format_compact_digits (fmt, value, 0);
}

char *
strata_format_compact_digits (const StrataNumberFormat *fmt,
                              double                    value,
                              int                       extra)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (extra >= 0, NULL);

  fmt = resolve (fmt);
  if (isfinite (value))
    append_compact (out, fmt, value == 0 ? 0 : value, extra);
  return g_string_free (out, FALSE);
}

char *
strata_format_money (const StrataNumberFormat *fmt,
                     double                    value,
                     const char               *symbol)
{
  GString *out = g_string_new (NULL);

  fmt = resolve (fmt);
  if (!isfinite (value))
    return g_string_free (out, FALSE);
  if (value < 0)
    {
      g_string_append_c (out, '-');
      value = -value;
    }
  if (symbol != NULL)
    g_string_append (out, symbol);
  append_compact (out, fmt, value, 0);
  return g_string_free (out, FALSE);
}

char *
strata_format_percent (const StrataNumberFormat *fmt,
                       double                    fraction,
                       int                       decimals)
{
  GString *out = g_string_new (NULL);

  fmt = resolve (fmt);
  if (!isfinite (fraction))
    return g_string_free (out, FALSE);
  append_number (out, fmt, fraction * 100.0, decimals, FALSE);
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* Chinese formats spell the date out in full (the myriad flag marks them);
 * elsewhere "6 Dec 2026" is unambiguous where 12/06 is not. The month's
 * name comes from the C library's LC_TIME. */
char *
strata_format_date (const StrataNumberFormat *fmt,
                    GDateTime                *date)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  fmt = resolve (fmt);
  local = g_date_time_to_local (date);
  return g_date_time_format (local, fmt->myriad ? "%Y年%-m月%-d日" : "%-d %b %Y");
}

char *
strata_format_date_time (const StrataNumberFormat *fmt,
                         GDateTime                *date)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  fmt = resolve (fmt);
  local = g_date_time_to_local (date);
  return g_date_time_format (local, fmt->myriad ? "%Y年%-m月%-d日 %H:%M" : "%-d %b %Y, %H:%M");
}

char *
strata_format_timestamp (const StrataNumberFormat *fmt,
                         const char               *iso8601)
{
  g_autoptr(GDateTime) date = NULL;

  if (iso8601 == NULL)
    return g_strdup ("");
  date = g_date_time_new_from_iso8601 (iso8601, NULL);
  return date != NULL ? strata_format_date_time (fmt, date) : g_strdup (iso8601);
}
