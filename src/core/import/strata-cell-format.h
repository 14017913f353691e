/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which spreadsheet number formats show dates: shared by the .xlsx reader
 * and the .xls helper process (which links only this of the importer). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a number format code shows a date (a day or a year), once
 * quoted text, escapes and [colour]/[$-locale] sections are left out. */
gboolean strata_cell_format_is_date         (const char *code);
/* Whether a built-in format id (both .xls and .xlsx number them the same)
 * is a date format. */
gboolean strata_cell_format_builtin_is_date (guint       id);

G_END_DECLS
