/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An RFC 4180 reader: quoted fields with delimiters, doubled quotes and
 * line breaks inside; CR LF, LF or CR line ends; a missing final line end;
 * a UTF-8 BOM. It reads a file of any size through StrataDecoder and
 * remembers the physical line on which each record starts. Any input is
 * accepted: a malformed record is returned with a problem, never a crash. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _StrataCsvReader StrataCsvReader;

/* Reads UTF-8 text held in memory (copied). */
StrataCsvReader *strata_csv_reader_new_for_data   (const char       *data,
                                                   gsize             len,
                                                   char              delimiter);

/* Opens a file. encoding NULL detects it; delimiter 0 detects it (comma,
 * semicolon, tab or bar, whichever splits the first lines consistently).
 * Errors name the file. */
StrataCsvReader *strata_csv_reader_open           (const char       *path,
                                                   const char       *encoding,
                                                   char              delimiter,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

/* The same, reading sheet (a name or a 1-based number; NULL: the first
 * with data) when path is an Excel workbook (.xlsx or .xls): its cells come as
 * fields, a number per sheet row as the line. */
StrataCsvReader *strata_csv_reader_open_sheet     (const char       *path,
                                                   const char       *sheet,
                                                   const char       *encoding,
                                                   char              delimiter,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
/* The sheet read, NULL for text. */
const char      *strata_csv_reader_get_sheet      (StrataCsvReader  *self);
/* For a sheet, the cell of field index in line ("Sheet1!C7"); else NULL. */
char            *strata_csv_reader_cell_name      (StrataCsvReader  *self,
                                                   guint             index,
                                                   guint64           line);

void             strata_csv_reader_free           (StrataCsvReader  *self);

/* Moves to the next record. FALSE at the end (error unset) or on a read,
 * decoding or cancellation error. Blank lines are skipped. */
gboolean         strata_csv_reader_next           (StrataCsvReader  *self,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

guint            strata_csv_reader_get_n_fields   (StrataCsvReader  *self);
/* The field's text (NUL-terminated; "" past the last field), valid until
 * the next call to _next(). */
const char      *strata_csv_reader_get_field      (StrataCsvReader  *self,
                                                   guint             index);
/* 1-based physical line on which the current record starts. */
guint64          strata_csv_reader_get_line       (StrataCsvReader  *self);
/* NULL, or why the current record is malformed (translated). */
const char      *strata_csv_reader_get_problem    (StrataCsvReader  *self);

/* Bytes of the file read so far, and its size (0 for data), for progress. */
guint64          strata_csv_reader_get_bytes_read (StrataCsvReader  *self);
guint64          strata_csv_reader_get_size       (StrataCsvReader  *self);
const char      *strata_csv_reader_get_encoding   (StrataCsvReader  *self);
char             strata_csv_reader_get_delimiter  (StrataCsvReader  *self);

/* The delimiter that splits the first lines of text into the same number
 * of fields most consistently; ',' when nothing fits better. */
char             strata_csv_detect_delimiter      (const char       *text,
                                                   gsize             len,
                                                   gboolean          at_eof);

/* Appends one field to out, quoted when it must be (RFC 4180). */
void             strata_csv_append_field          (GString          *out,
                                                   const char       *text,
                                                   char              delimiter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataCsvReader, strata_csv_reader_free)

G_END_DECLS
