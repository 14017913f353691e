/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-number-input.h"

char *
strata_format_editable (const StrataNumberFormat *fmt,
                        double                    value,
                        int                       decimals)
{
  if (fmt == NULL)
    fmt = strata_number_format_get_default ();

  /* 万 and 亿 only where they lose nothing: a band edge of 12,345,678 is
   * shown whole, not as "1,234.6万". */
  if (fmt->myriad && isfinite (value) && value == floor (value) && fabs (value) >= 1e4)
    {
      gboolean yi = fabs (value) >= 1e8 && fmod (value, 1e8) == 0;

      if (yi || fmod (value, 1e4) == 0)
        {
          g_autofree char *number = strata_format_decimal (fmt, value / (yi ? 1e8 : 1e4), 0);
          const char *unit = yi ? (fmt->traditional ? "億" : "亿")
                                : (fmt->traditional ? "萬" : "万");

          return g_strconcat (number, unit, NULL);
        }
    }
  return strata_format_decimal (fmt, value, decimals);
}

/* Removes every occurrence of sep (a UTF-8 string) from s, in place. */
static void
remove_all (char       *s,
            const char *sep)
{
  gsize len = strlen (sep);
  char *hit;

  if (len == 0)
    return;
  while ((hit = strstr (s, sep)) != NULL)
    memmove (hit, hit + len, strlen (hit + len) + 1);
}

gboolean
strata_parse_number (const StrataNumberFormat *fmt,
                     const char               *text,
                     double                   *value)
{
  static const struct { const char *suffix; double factor; } units[] = {
    { "万", 1e4 }, { "萬", 1e4 }, { "亿", 1e8 }, { "億", 1e8 }, { "k", 1e3 }, { "K", 1e3 },
    { "M", 1e6 },
  };
  g_autofree char *s = NULL;
  double factor = 1, parsed;
  char *end;
  gsize len;

  g_return_val_if_fail (value != NULL, FALSE);

  if (fmt == NULL)
    fmt = strata_number_format_get_default ();
  if (text == NULL)
    return FALSE;
  s = g_strstrip (g_strdup (text));
  len = strlen (s);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (s, units[i].suffix))
      {
        factor = units[i].factor;
        len -= strlen (units[i].suffix);
        s[len] = '\0';
        g_strchomp (s);
        break;
      }
  /* Group separators as the locale writes them, and the ones people type
   * anyway (a comma where the decimal mark is a point, narrow and full-width
   * spaces, the full-width comma). */
  remove_all (s, fmt->group);
  remove_all (s, "\u202f");
  remove_all (s, "\u00a0");
  remove_all (s, "，");
  remove_all (s, " ");
  remove_all (s, "'");
  if (g_strcmp0 (fmt->decimal, ",") != 0)
    remove_all (s, ",");
  else
    g_strdelimit (s, ",", '.');
  if (*s == '\0')
    return FALSE;
  parsed = g_ascii_strtod (s, &end);
  if (*end != '\0' || !isfinite (parsed))
    return FALSE;
  *value = parsed * factor;
  return TRUE;
}
