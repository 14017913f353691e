/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "strata-csv.h"
#include "strata-csv-write.h"

void
strata_csv_write_field (GString    *out,
                        const char *text)
{
  strata_csv_append_field (out, text ? text : "", ',');
}

void
strata_csv_write_number (GString    *out,
                         double      value,
                         const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}
