/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-cell-format.h"

#include <string.h>

gboolean
strata_cell_format_is_date (const char *code)
{
  for (const char *p = code; *p != '\0'; p++)
    switch (*p)
      {
      case '"':
        p = strchr (p + 1, '"');
        if (p == NULL)
          return FALSE;
        break;
      case '\\':
      case '_':
      case '*':
        if (p[1] == '\0')
          return FALSE;
        p++;
        break;
      case '[':
        p = strchr (p + 1, ']');
        if (p == NULL)
          return FALSE;
        break;
      case 'd': case 'D': case 'y': case 'Y':
        return TRUE;
      default:
        break;
      }
  return FALSE;
}

gboolean
strata_cell_format_builtin_is_date (guint id)
{
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
         (id >= 34 && id <= 36) || (id >= 50 && id <= 58);
}
