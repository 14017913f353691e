/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An Office Open XML workbook (.xlsx) read as records, like a CSV file:
 * one sheet is streamed row by row (minizip inflates it, libxml2's
 * xmlTextReader parses it), so memory does not grow with the sheet. Cells
 * come out as text a CSV file would hold: numbers as numbers (%.15g),
 * cells with a date format as YYYY-MM-DD (1900 and 1904 date systems),
 * shared and inline strings as they are, formulas as their cached values.
 * Title rows above the header are skipped and merged header cells fill the
 * columns they span. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _StrataXlsxReader StrataXlsxReader;

/* Whether path looks like a workbook: a .xlsx/.xlsm name or a zip header. */
gboolean          strata_xlsx_is_workbook      (const char        *path);

/* Opens sheet (a name, a 1-based number, or NULL: the first sheet with
 * data) of the workbook at path. Errors name the file. */
StrataXlsxReader *strata_xlsx_reader_open      (const char        *path,
                                                const char        *sheet,
                                                GError           **error);
void              strata_xlsx_reader_free      (StrataXlsxReader  *self);

/* The header first, then each row with data. FALSE at the end (error
 * unset) or on an error naming the file and the sheet. */
gboolean          strata_xlsx_reader_next      (StrataXlsxReader  *self,
                                                GError           **error);
guint             strata_xlsx_reader_get_n_fields (StrataXlsxReader *self);
const char       *strata_xlsx_reader_get_field (StrataXlsxReader  *self,
                                                guint              index);
/* The sheet's 1-based row number of the current record. */
guint64           strata_xlsx_reader_get_row   (StrataXlsxReader  *self);
const char       *strata_xlsx_reader_get_sheet (StrataXlsxReader  *self);
/* The names of all the workbook's sheets, in the workbook's order. */
GStrv             strata_xlsx_reader_dup_sheet_names (StrataXlsxReader *self);
/* The cell of field index in row: "Sheet1!C7" (quoted when it must be). */
char             *strata_xlsx_reader_cell_name (StrataXlsxReader  *self,
                                                guint              index,
                                                guint64            row);
/* Uncompressed bytes of the sheet read so far, and its size. */
guint64           strata_xlsx_reader_get_bytes_read (StrataXlsxReader *self);
guint64           strata_xlsx_reader_get_size  (StrataXlsxReader  *self);

/* Days since 1970-01-01 of an Excel serial day number. */
gint64            strata_xlsx_serial_to_days   (double             serial,
                                                gboolean           date1904);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataXlsxReader, strata_xlsx_reader_free)

G_END_DECLS
