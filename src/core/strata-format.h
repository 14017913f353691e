/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Number formatting used by every view, export and report: locale grouping
 * ("1,234,567"), compact figures ("1.2M"; in Chinese "1,200万", "3.5亿"),
 * money and percentages. The format is a plain value so that a report can
 * be written in another language than the one the program runs in. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     group[8];     /* thousands separator, "" for none */
  char     decimal[8];   /* decimal mark */
  gboolean myriad;       /* group large numbers by 10^4: 万 / 亿 */
  gboolean traditional;  /* 萬 / 億 instead of 万 / 亿 */
} StrataNumberFormat;

void                      strata_number_format_init_for_language (StrataNumberFormat *fmt,
                                                                  const char         *language);
const StrataNumberFormat *strata_number_format_get_default       (void);

char *strata_format_integer (const StrataNumberFormat *fmt,
                             double                    value);
char *strata_format_decimal (const StrataNumberFormat *fmt,
                             double                    value,
                             int                       decimals);
char *strata_format_compact (const StrataNumberFormat *fmt,
                             double                    value);
/* strata_format_compact() with @extra more decimals where it writes any,
 * trailing zeros still dropped: to tell apart two figures that compact
 * alike ("280.5万 → 280.6万" where both are "281万"). 0 is compact itself. */
char *strata_format_compact_digits (const StrataNumberFormat *fmt,
                                    double                    value,
                                    int                       extra);
char *strata_format_money   (const StrataNumberFormat *fmt,
                             double                    value,
                             const char               *symbol);
char *strata_format_percent (const StrataNumberFormat *fmt,
                             double                    fraction,
                             int                       decimals);

/* Dates people read, in the local time zone: "6 Dec 2026" and
 * "6 Dec 2026, 15:31"; in Chinese "2026年12月6日" and "2026年12月6日 15:31".
 * strata_format_timestamp() reads a stored ISO 8601 time ("2026-12-06T15:31:13Z");
 * text it cannot read comes back as it is. */
char *strata_format_date      (const StrataNumberFormat *fmt,
                               GDateTime                *date);
char *strata_format_date_time (const StrataNumberFormat *fmt,
                               GDateTime                *date);
char *strata_format_timestamp (const StrataNumberFormat *fmt,
                               const char               *iso8601);
G_END_DECLS
