/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cell values as they come out of Chinese and international spreadsheets.
 * Each parser returns FALSE with a translated reason for the reject log. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when text is empty or only white space (a missing value). */
gboolean strata_value_is_blank      (const char   *text);

/* Numbers: thousands separators (, . space ' and their full-width forms),
 * currency signs (¥ ￥ $ € £ NT$ US$ HK$ RMB CNY 元...), the 千 万 亿 (萬 億)
 * multipliers, full-width digits, percentages, accounting negatives (1,234),
 * a decimal comma where it cannot be a thousands separator (1,5 or
 * 1.234,56), and exponents (1.5E+06). */
gboolean strata_value_parse_number  (const char   *text,
                                     double       *out,
                                     const char  **reason);

/* yes/no, true/false, y/n, t/f, 1/0, 是/否, 有/无 (無), 对/错 (對/錯). */
gboolean strata_value_parse_boolean (const char   *text,
                                     gboolean     *out,
                                     const char  **reason);

/* Year first: 2024-10-23, 2024/10/23, 2024.10.23, 2024年10月23日, each
 * optionally followed by a time (2024-10-23 14:05:00, 2024-10-23T14:05).
 * out is the day as days since 1970-01-01; the time is checked, then
 * dropped. */
gboolean strata_value_parse_date    (const char   *text,
                                     gint64       *out,
                                     const char  **reason);

/* Text a person typed as a code, which a number would change: leading
 * zeros (postal code 08123, id 007) or an international phone number
 * (+86 138 0013 8000, +49-30-1234). */
gboolean strata_value_is_code       (const char   *text);

/* A header naming codes, phone numbers or ids (Postal code, ZIP, Phone,
 * Tel, Fax, Mobile, Code, ... ID, 邮编, 电话, 手机, 编号, 代码...): such a
 * column is text even when every value is digits. */
gboolean strata_value_header_is_code (const char  *header);

/* The day (days since 1970-01-01) as YYYY-MM-DD; NULL when out of range. */
char    *strata_value_format_date   (gint64        days);

/* The year and month of a day, as year * 12 + month - 1. */
int      strata_value_month_index   (gint64        days);

/* Copies text with full-width ASCII (U+FF01..U+FF5E) folded to ASCII and
 * ideographic and no-break spaces folded to a space, trimmed. */
char    *strata_value_normalize     (const char   *text);

G_END_DECLS
