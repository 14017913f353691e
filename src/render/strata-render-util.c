/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-render-util.h"

gboolean
strata_render_parse_colour (const char *spec,
                            double     *r,
                            double     *g,
                            double     *b)
{
  guint v = 0;

  *r = *g = *b = 0.5;
  if (spec == NULL || spec[0] != '#' || strlen (spec) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      int d = g_ascii_xdigit_value (spec[i]);
      if (d < 0)
        return FALSE;
      v = (v << 4) | (guint) d;
    }
  *r = ((v >> 16) & 0xff) / 255.0;
  *g = ((v >> 8) & 0xff) / 255.0;
  *b = (v & 0xff) / 255.0;
  return TRUE;
}
