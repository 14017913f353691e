/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Numbers in fields people edit: shown grouped and exact ("10,000,000"; in
 * Chinese "1,000万" when that is exact, never rounded), and read back as
 * people type them: with or without group separators, the locale's decimal
 * mark, and the units 万/萬, 亿/億, k and M. */
#pragma once

#include "strata-format.h"

G_BEGIN_DECLS

/* value with @decimals decimals (0 for whole numbers), grouped; in a myriad
 * format a whole multiple of 10,000 is written with 万 or 亿. */
char     *strata_format_editable (const StrataNumberFormat *fmt,
                                  double                    value,
                                  int                       decimals);
/* TRUE and the number when the whole of text (white space aside) is one;
 * FALSE for anything else ("12abc", "", "1,2,3.4.5"). */
gboolean  strata_parse_number    (const StrataNumberFormat *fmt,
                                  const char               *text,
                                  double                   *value);

G_END_DECLS
