/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and writing values_json. Every period load parses one object per
 * customer (a million at a time) and every import writes as many, so this
 * is a scanner for the one shape Strata writes (and SQLite's json_set()
 * writes through the metric_values view), not a general JSON parser: a
 * json-glib parser per row would cost more than the rest of the load. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strata-period-values.h"

static inline const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* A plain decimal ("-123.45", at most 15 digits, no exponent) without
 * strtod: the digits as an exact integer divided by an exact power of ten
 * is the correctly rounded value, as strtod gives it (Clinger's fast
 * path). NULL for anything else. Ten million numbers in a period of a
 * million customers: strtod was most of rebuilding its columns. */
static const char *
parse_plain_decimal (const char *p,
                     double     *value)
{
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                   1e11, 1e12, 1e13, 1e14, 1e15 };
  gboolean negative = *p == '-';
  guint64 mantissa = 0;
  guint digits = 0, fraction = 0;

  if (negative)
    p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  for (; g_ascii_isdigit (*p); p++, digits++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return NULL;
      for (; g_ascii_isdigit (*p); p++, digits++, fraction++)
        mantissa = mantissa * 10 + (guint64) (*p - '0');
    }
  if (digits > 15 || *p == 'e' || *p == 'E')
    return NULL;
  *value = (double) mantissa / powers[fraction];
  if (negative)
    *value = -*value;
  return p;
}

gboolean
strata_period_values_parse (const char  *json,
                            GArray      *out,
                            const char **problem)
{
  const char *p = skip_space (json ? json : "");

  *problem = NULL;
  if (*p != '{')
    {
      *problem = _("not a JSON object");
      return FALSE;
    }
  p = skip_space (p + 1);
  if (*p == '}')
    return *skip_space (p + 1) == '\0' || (*problem = _("text after the object"), FALSE);

  for (;;)
    {
      StrataMetricValue v;
      char *end;

      if (*p != '"' || !g_ascii_isdigit (p[1]))
        {
          *problem = _("a key is not a metric id");
          return FALSE;
        }
      v.metric_id = g_ascii_strtoll (p + 1, &end, 10);
      if (*end != '"')
        {
          *problem = _("a key is not a metric id");
          return FALSE;
        }
      p = skip_space (end + 1);
      if (*p != ':')
        {
          *problem = _("a colon is missing");
          return FALSE;
        }
      p = skip_space (p + 1);
      /* JSON numbers only: g_ascii_strtod would also take "nan" or hex. */
      if (*p != '-' && !g_ascii_isdigit (*p))
        {
          *problem = _("a value is not a number");
          return FALSE;
        }
      end = (char *) parse_plain_decimal (p, &v.value);
      if (end == NULL)
        v.value = g_ascii_strtod (p, &end);
      if (end == p || !isfinite (v.value))
        {
          *problem = _("a value is not a number");
          return FALSE;
        }
      g_array_append_val (out, v);
      p = skip_space (end);
      if (*p == '}')
        break;
      if (*p != ',')
        {
          *problem = _("a comma is missing");
          return FALSE;
        }
      p = skip_space (p + 1);
    }
  if (*skip_space (p + 1) != '\0')
    {
      *problem = _("text after the object");
      return FALSE;
    }
  return TRUE;
}

/* Writes at p, returns the end. printf (and GString appends byte by byte)
 * were most of an import's time spent writing values. */
static inline char *
put_int (char   *p,
         gint64  v)
{
  char buf[24], *q = buf + sizeof buf;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;

  do
    *--q = '0' + u % 10;
  while ((u /= 10) != 0);
  if (v < 0)
    *--q = '-';
  memcpy (p, q, buf + sizeof buf - q);
  return p + (buf + sizeof buf - q);
}

/* At most NUMBER_MAX bytes. */
#define NUMBER_MAX G_ASCII_DTOSTR_BUF_SIZE

static char *
put_number (char   *p,
            double  v)
{
  gint64 cents;

  /* Counts, flags, days and money: whole numbers or cents, written without
   * printf. r / 100 is the double nearest to the decimal "r/100", which is
   * what reading the text back gives; the test makes it exact. */
  if (fabs (v) < 1e13)
    {
      cents = llround (v * 100.0);
      if ((double) cents / 100.0 == v)
        {
          gint64 whole = cents / 100, part = llabs (cents % 100);

          if (cents < 0 && whole == 0)
            *p++ = '-';
          p = put_int (p, whole);
          if (part != 0)
            {
              *p++ = '.';
              *p++ = '0' + part / 10;
              if (part % 10 != 0)
                *p++ = '0' + part % 10;
            }
          return p;
        }
    }
  /* A decimal of at most 15 digits (0.125, 12.345, 1e14 + 0.5): m / 10^k
   * is then the double nearest to the decimal, so the text reads back, and
   * it is what "%.15g" below prints, without printf and the strtod that
   * checks it. Only where %g writes no exponent (1e-4 <= |v| < 1e15), so
   * that the text stays the same. */
  if (fabs (v) >= 1e-4 && fabs (v) < 1e15)
    {
      static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                       1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };

      for (guint k = 0; k < G_N_ELEMENTS (powers); k++)
        {
          double scaled = v * powers[k];
          gint64 m, whole, part;

          if (fabs (scaled) >= 1e15)
            break;   /* more than 15 digits */
          m = llround (scaled);
          if ((double) m / powers[k] != v)
            continue;
          /* The smallest k: the fraction ends in no zero. */
          whole = m / (gint64) powers[k];
          part = llabs (m % (gint64) powers[k]);
          if (m < 0 && whole == 0)
            *p++ = '-';
          p = put_int (p, whole);
          if (k > 0)
            {
              *p++ = '.';
              for (guint d = k; d-- > 0; )
                {
                  p[d] = '0' + part % 10;
                  part /= 10;
                }
              p += k;
            }
          return p;
        }
    }
  /* Otherwise the shortest of 15, 16 or 17 digits that reads back. */
  for (int digits = 15; digits <= 17; digits++)
    {
      static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

      g_ascii_formatd (p, NUMBER_MAX, formats[digits - 15], v);
      if (digits == 17 || g_ascii_strtod (p, NULL) == v)
        break;
    }
  return p + strlen (p);
}

void
strata_period_values_format (GString                 *out,
                             const StrataMetricValue *values,
                             guint                    n)
{
  gsize start = out->len;
  char *p;

  /* Room for the longest object, then cut to what was written. */
  g_string_set_size (out, start + 2 + (gsize) n * (24 + 4 + NUMBER_MAX));
  p = out->str + start;
  *p++ = '{';
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        *p++ = ',';
      *p++ = '"';
      p = put_int (p, values[i].metric_id);
      *p++ = '"';
      *p++ = ':';
      p = put_number (p, values[i].value);
    }
  *p++ = '}';
  g_string_truncate (out, p - out->str);
}
