/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers the CSV exports share (the reader and the quoting rules
 * are import/strata-csv). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* text (NULL: empty) as one comma-separated field, quoted when it must be. */
void strata_csv_write_field  (GString    *out,
                              const char *text);
/* value in a printf format, with locale-independent digits (the file is
 * data, not display); NaN leaves the field empty. */
void strata_csv_write_number (GString    *out,
                              double      value,
                              const char *format);

G_END_DECLS
