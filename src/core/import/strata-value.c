/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsing spreadsheet cells. Everything is first folded to half-width
 * ASCII (full-width digits and punctuation are common in Chinese sheets),
 * then decorations (sign, parentheses, currency, multipliers, percent) are
 * peeled off both ends, and what is left must be a plain number whose
 * separators can be told apart without guessing. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-value.h"

/* g_date_get_julian () of 1970-01-01. */
#define EPOCH_JULIAN 719163

char *
strata_value_normalize (const char *text)
{
  GString *s;
  const char *p = text;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  /* Fast path: plain ASCII (most cells) needs only trimming. */
  for (p = text; *p && (guchar) *p < 0x80 && *p != '\t'; p++)
    ;
  if (*p == '\0')
    return g_strstrip (g_strdup (text));
  p = text;

  end = text + strlen (text);
  s = g_string_sized_new (end - text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (s, *p++);
          continue;
        }
      p = g_utf8_next_char (p);
      if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (s, (char) (c - 0xFEE0));
      else if (c == 0x3000 || c == 0x00A0 || c == 0x202F || c == 0x2007 || c == '\t')
        g_string_append_c (s, ' ');
      else if (c == 0x2212)
        g_string_append_c (s, '-');
      else
        g_string_append_unichar (s, c);
    }
  g_strstrip (s->str);
  s->len = strlen (s->str);
  return g_string_free (s, FALSE);
}

gboolean
strata_value_is_code (const char *text)
{
  g_autofree char *t = NULL;
  const char *p;

  if (text == NULL)
    return FALSE;
  t = strata_value_normalize (text);
  p = t;
  if (p[0] == '0' && g_ascii_isdigit (p[1]))
    return TRUE;
  if (p[0] == '+' && g_ascii_isdigit (p[1]))
    {
      gboolean separated = FALSE;

      for (p++; *p != '\0'; p++)
        if (*p == ' ' || *p == '-' || *p == '(' || *p == ')')
          separated = TRUE;
        else if (!g_ascii_isdigit (*p))
          return FALSE;
      return separated;
    }
  return FALSE;
}

gboolean
strata_value_header_is_code (const char *header)
{
  static const char *const words[] = {
    "postal", "postcode", "zip", "phone", "tel", "telephone", "fax", "mobile", "cell",
    "code", "id", "ids", "iban", "sku", "ean", "gtin", "vat", NULL
  };
  static const char *const cjk[] = {
    "邮编", "郵編", "邮政编码", "郵政編碼", "郵遞區號", "电话", "電話", "手机", "手機",
    "传真", "傳真", "编号", "編號", "编码", "編碼", "代码", "代碼", "号码", "號碼", NULL
  };
  g_autofree char *lower = NULL;
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return FALSE;
  for (guint i = 0; cjk[i] != NULL; i++)
    if (strstr (header, cjk[i]) != NULL)
      return TRUE;
  /* Whole words, so "Fault tickets" or "Identity" are not codes; "CustomerID"
   * and "seller_id" split at the case change or the underscore. */
  {
    GString *split = g_string_new (NULL);

    for (const char *p = header; *p != '\0'; p++)
      {
        if (p > header && g_ascii_isupper (*p) && g_ascii_islower (p[-1]))
          g_string_append_c (split, ' ');
        g_string_append_c (split, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : ' ');
      }
    lower = g_string_free (split, FALSE);
  }
  parts = g_strsplit (lower, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strv_contains (words, parts[i]))
      return TRUE;
  return FALSE;
}

gboolean
strata_value_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  /* What strata_value_normalize () would trim to nothing, without its
   * copy: ASCII spaces and the characters it turns into a space. Any
   * other character (or an invalid byte, which it keeps) is visible. */
  for (const char *p = text; *p; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c != 0x3000 && c != 0x00A0 && c != 0x202F && c != 0x2007)
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

static gboolean
strip_prefix (char       **s,
              const char  *prefix)
{
  gsize n = strlen (prefix);

  if (g_ascii_strncasecmp (*s, prefix, n) != 0)
    return FALSE;
  *s += n;
  while (**s == ' ')
    (*s)++;
  return TRUE;
}

static gboolean
strip_suffix (char       *s,
              const char *suffix)
{
  gsize n = strlen (suffix);
  gsize len = strlen (s);

  if (len < n || g_ascii_strcasecmp (s + len - n, suffix) != 0)
    return FALSE;
  s[len - n] = '\0';
  g_strchomp (s);
  return TRUE;
}

static const char *currencies[] = {
  "NT$", "US$", "HK$", "RMB", "CNY", "USD", "EUR", "GBP", "TWD", "HKD", "JPY",
  "$", "¥", "￥", "€", "£", "￡", "元", "圆", "圓", "块", "塊",
};

/* Checks that the digits of an integer part are grouped by sep as
 * 1-3 digits then groups of exactly 3, and copies the digits to out. */
static gboolean
ungroup (const char *start,
         const char *end,
         char        sep,
         GString    *out)
{
  int group = 0;
  gboolean first = TRUE;

  for (const char *p = start; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p);
          group++;
          continue;
        }
      if (*p != sep || sep == 0)
        return FALSE;
      if (group == 0 || group > 3 || (!first && group != 3))
        return FALSE;
      first = FALSE;
      group = 0;
    }
  return sep == 0 || first || group == 3;
}

/* Powers of ten that a double holds exactly. */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Digits with at most one '.' (p to end, at least one digit) as a double,
 * without strtod: with at most 15 significant digits the digits make an
 * exact integer and 10^decimals is exact up to 10^22, so one IEEE
 * division rounds correctly, giving the same double as g_ascii_strtod ().
 * FALSE for anything else; the caller then uses strtod. */
static gboolean
exact_decimal (const char *p,
               const char *end,
               double     *out)
{
  guint64 mantissa = 0;
  int significant = 0, decimals = 0;
  gboolean dot = FALSE, digit = FALSE;

  for (; p < end; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          digit = TRUE;
          if (mantissa != 0 || *p != '0')
            {
              if (++significant > 15)
                return FALSE;
            }
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          if (dot)
            decimals++;
        }
      else if (*p == '.' && !dot)
        dot = TRUE;
      else
        return FALSE;
    }
  if (!digit || decimals >= (int) G_N_ELEMENTS (exact_powers))
    return FALSE;
  *out = (double) mantissa / exact_powers[decimals];
  return TRUE;
}

static gboolean
parse_plain (const char  *t,
             double      *out,
             const char **reason)
{
  const char *exp = NULL;
  const char *end = t + strlen (t);
  const char *dec = NULL;
  char group = 0;
  int n_comma = 0, n_dot = 0, n_space = 0, n_apos = 0;
  const char *last_comma = NULL, *last_dot = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);
  char *endptr = NULL;
  double v;

  if (*t == '\0')
    goto not_a_number;

  for (const char *p = t; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        continue;
      switch (*p)
        {
        case ',': n_comma++; last_comma = p; break;
        case '.': n_dot++; last_dot = p; break;
        case ' ': n_space++; break;
        case '\'': n_apos++; break;
        case 'e':
        case 'E':
          if (exp == NULL && p > t)
            {
              exp = p;
              end = p;
              break;
            }
          goto not_a_number;
        default:
          goto not_a_number;
        }
    }

  if (exp != NULL)
    {
      /* 1.5E+06: Excel's scientific form has no grouping. */
      const char *q = exp + 1;

      if (*q == '+' || *q == '-')
        q++;
      if (*q == '\0' || n_comma + n_space + n_apos > 0 || n_dot > 1)
        goto not_a_number;
      for (; *q; q++)
        if (!g_ascii_isdigit (*q))
          goto not_a_number;
    }

  if (n_comma > 0 && n_dot > 0)
    {
      /* 1,234.56 or 1.234,56: the last one is the decimal point. */
      if (last_comma > last_dot)
        {
          dec = last_comma;
          group = '.';
          if (n_comma > 1)
            goto ambiguous;
        }
      else
        {
          dec = last_dot;
          group = ',';
          if (n_dot > 1)
            goto ambiguous;
        }
    }
  else if (n_comma > 0)
    {
      gsize after = end - last_comma - 1;

      /* One comma not followed by exactly three digits, or after a lone
       * zero, can only be a decimal comma: 1,5 12,75 0,125. */
      if (n_comma == 1 && (after != 3 || (last_comma - t == 1 && *t == '0')))
        dec = last_comma;
      else
        group = ',';
    }
  else if (n_dot > 1)
    group = '.';
  else if (n_dot == 1)
    dec = last_dot;

  if (n_space > 0 || n_apos > 0)
    {
      char other = n_space > 0 ? ' ' : '\'';

      if ((n_space > 0 && n_apos > 0) || (group != 0 && group != other))
        goto ambiguous;
      group = other;
    }

  if (!ungroup (t, dec ? dec : end, group, clean))
    {
      *reason = _("not a number: thousands separators in the wrong place");
      return FALSE;
    }
  if (dec != NULL)
    {
      g_string_append_c (clean, '.');
      for (const char *p = dec + 1; p < end; p++)
        {
          if (!g_ascii_isdigit (*p))
            goto ambiguous;
          g_string_append_c (clean, *p);
        }
    }
  if (clean->len == 0 || g_str_equal (clean->str, "."))
    goto not_a_number;
  if (exp != NULL)
    g_string_append (clean, exp);

  if (exp != NULL || !exact_decimal (clean->str, clean->str + clean->len, &v))
    {
      v = g_ascii_strtod (clean->str, &endptr);
      if (endptr == NULL || *endptr != '\0')
        goto not_a_number;
    }
  if (!isfinite (v))
    {
      *reason = _("number out of range");
      return FALSE;
    }
  *out = v;
  return TRUE;

ambiguous:
  *reason = _("not a number: the decimal separator is unclear");
  return FALSE;
not_a_number:
  *reason = _("not a number");
  return FALSE;
}

gboolean
strata_value_parse_number (const char   *text,
                           double       *out,
                           const char  **reason)
{
  g_autofree char *norm = NULL;
  const char *dummy;
  char *s;
  gboolean neg = FALSE, sign = FALSE, percent = FALSE, changed;
  double mult = 1.0;
  double v;

  g_return_val_if_fail (out != NULL, FALSE);
  if (reason == NULL)
    reason = &dummy;
  if (text == NULL)
    text = "";

  /* Fastest path, before any copy: [+-]digits[.digits] with nothing to
   * trim or fold, which the plain-number path below would read the same. */
  {
    const char *t = text + (*text == '-' || *text == '+');
    const char *e = t + strspn (t, "0123456789.");

    if (*e == '\0' && e > t && g_ascii_isdigit (e[-1]) && exact_decimal (t, e, &v))
      {
        *out = *text == '-' ? -v : v;
        return TRUE;
      }
  }

  norm = strata_value_normalize (text);
  s = norm;
  if (*s == '\0')
    {
      *reason = _("empty value");
      return FALSE;
    }

  /* Fast path: a plain number such as -1234.5 has nothing to peel off. */
  if (strspn (s, "0123456789.,eE+-") == strlen (s) && g_ascii_isdigit (s[strlen (s) - 1]) &&
      (g_ascii_isdigit (*s) || *s == '.' ||
      ((*s == '-' || *s == '+') && (g_ascii_isdigit (s[1]) || s[1] == '.'))))
    {
      neg = *s == '-';
      if (*s == '-' || *s == '+')
        s++;
      if (!parse_plain (s, &v, reason))
        return FALSE;
      *out = neg ? -v : v;
      return TRUE;
    }

  /* Accounting negative: (1,234) */
  {
    gsize len = strlen (s);
    if (len >= 2 && s[0] == '(' && s[len - 1] == ')')
      {
        neg = TRUE;
        sign = TRUE;
        s[len - 1] = '\0';
        s++;
        g_strstrip (s);
      }
  }

  /* Prefixes, in any order: -$5, $-5, NT$ 1,200. */
  do
    {
      changed = FALSE;
      if (!sign && (*s == '-' || *s == '+'))
        {
          neg = *s == '-';
          sign = TRUE;
          s++;
          while (*s == ' ')
            s++;
          changed = TRUE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
        if (strip_prefix (&s, currencies[i]))
          changed = TRUE;
    }
  while (changed && *s != '\0');

  /* Suffixes: 50万元, 12.5%, 1,234- (trailing minus), 12,50 €. */
  do
    {
      changed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
        if (strip_suffix (s, currencies[i]))
          changed = TRUE;
      if (!percent && strip_suffix (s, "%"))
        percent = changed = TRUE;
      if (strip_suffix (s, "千"))
        mult *= 1e3, changed = TRUE;
      if (strip_suffix (s, "万") || strip_suffix (s, "萬"))
        mult *= 1e4, changed = TRUE;
      if (strip_suffix (s, "亿") || strip_suffix (s, "億"))
        mult *= 1e8, changed = TRUE;
      if (!sign && strip_suffix (s, "-"))
        neg = sign = changed = TRUE;
    }
  while (changed && *s != '\0');

  if (!parse_plain (s, &v, reason))
    return FALSE;

  v *= mult;
  if (percent)
    v /= 100.0;
  if (!isfinite (v))
    {
      *reason = _("number out of range");
      return FALSE;
    }
  *out = neg ? -v : v;
  return TRUE;
}

gboolean
strata_value_parse_boolean (const char   *text,
                            gboolean     *out,
                            const char  **reason)
{
  static const char *yes[] = { "yes", "y", "true", "t", "1", "是", "有", "对", "對", "√", "✓" };
  static const char *no[] = { "no", "n", "false", "f", "0", "否", "无", "無", "错", "錯", "×", "✗" };
  g_autofree char *norm = NULL;
  const char *dummy;

  g_return_val_if_fail (out != NULL, FALSE);
  if (reason == NULL)
    reason = &dummy;

  if (text == NULL)
    text = "";
  /* A short ASCII cell is trimmed in place of normalizing (the same for
   * ASCII without tabs), saving a copy per cell. */
  {
    char buf[16];
    gsize len = 0;

    while (len < sizeof buf && text[len] != '\0' && (guchar) text[len] < 0x80 && text[len] != '\t')
      len++;
    if (text[len] == '\0' && len < sizeof buf)
      {
        memcpy (buf, text, len + 1);
        g_strstrip (buf);
        for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
          if (g_ascii_strcasecmp (buf, yes[i]) == 0)
            {
              *out = TRUE;
              return TRUE;
            }
        for (guint i = 0; i < G_N_ELEMENTS (no); i++)
          if (g_ascii_strcasecmp (buf, no[i]) == 0)
            {
              *out = FALSE;
              return TRUE;
            }
        *reason = *buf == '\0' ? _("empty value") : _("not a yes/no value");
        return FALSE;
      }
  }

  norm = strata_value_normalize (text);
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (norm, yes[i]) == 0)
      {
        *out = TRUE;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (norm, no[i]) == 0)
      {
        *out = FALSE;
        return TRUE;
      }
  *reason = *norm == '\0' ? _("empty value") : _("not a yes/no value");
  return FALSE;
}

static gboolean
read_int (const char **p,
          int          min_digits,
          int          max_digits,
          int         *out)
{
  int n = 0, v = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *out = v;
  return n >= min_digits && !g_ascii_isdigit (**p);
}

gboolean
strata_value_parse_date (const char   *text,
                         gint64       *out,
                         const char  **reason)
{
  g_autofree char *norm = NULL;
  const char *dummy;
  const char *p;
  int y, m, d;
  gboolean cjk = FALSE;
  char sep = 0;
  GDate date;

  g_return_val_if_fail (out != NULL, FALSE);
  if (reason == NULL)
    reason = &dummy;

  norm = strata_value_normalize (text ? text : "");
  p = norm;
  if (*p == '\0')
    {
      *reason = _("empty value");
      return FALSE;
    }

  if (!read_int (&p, 4, 4, &y))
    goto bad;
  if (g_str_has_prefix (p, "年"))
    {
      cjk = TRUE;
      p += strlen ("年");
    }
  else if (*p == '-' || *p == '/' || *p == '.')
    sep = *p++;
  else
    goto bad;
  if (!read_int (&p, 1, 2, &m))
    goto bad;
  if (cjk)
    {
      if (!g_str_has_prefix (p, "月"))
        goto bad;
      p += strlen ("月");
    }
  else if (*p++ != sep)
    goto bad;
  if (!read_int (&p, 1, 2, &d))
    goto bad;
  if (cjk && (g_str_has_prefix (p, "日") || g_str_has_prefix (p, "号")))
    p += strlen ("日");

  /* An optional time of day: checked, then dropped. */
  while (*p == ' ')
    p++;
  if (*p == 'T' && !cjk)
    p++;
  if (*p != '\0')
    {
      int hh, mm, ss = 0;

      if (!read_int (&p, 1, 2, &hh) || *p++ != ':' || !read_int (&p, 2, 2, &mm))
        goto bad;
      if (*p == ':')
        {
          p++;
          if (!read_int (&p, 2, 2, &ss))
            goto bad;
          if (*p == '.')
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      if (*p == 'Z')
        p++;
      if (*p != '\0' || hh > 23 || mm > 59 || ss > 60)
        goto bad;
    }

  if (y < 1 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
    {
      *reason = _("no such day");
      return FALSE;
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  *out = (gint64) g_date_get_julian (&date) - EPOCH_JULIAN;
  return TRUE;

bad:
  *reason = _("not a date (expected year-month-day, e.g. 2024-10-23)");
  return FALSE;
}

char *
strata_value_format_date (gint64 days)
{
  GDate date;
  gint64 julian = days + EPOCH_JULIAN;

  if (julian < 1 || julian > G_MAXUINT32 || !g_date_valid_julian ((guint32) julian))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

int
strata_value_month_index (gint64 days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) CLAMP (days + EPOCH_JULIAN, 1, G_MAXINT32));
  return g_date_get_year (&date) * 12 + g_date_get_month (&date) - 1;
}
