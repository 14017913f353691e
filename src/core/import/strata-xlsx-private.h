/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the workbook reader (strata-xlsx.c) and its header finding
 * (strata-xlsx-header.c). */
#pragma once

#include <libxml/xmlreader.h>
#include <unzip.h>

#include "strata-xlsx.h"
#include "strata-xlsx-strings.h"

G_BEGIN_DECLS

typedef struct
{
  guint64    number;   /* 1-based sheet row */
  GPtrArray *cells;    /* char* per column from A, NULL for empty */
  guint      n_values;
} Row;

typedef struct
{
  guint r1, r2;        /* rows, 1-based */
  guint c1, c2;        /* columns, 0-based */
} Merge;

typedef struct
{
  char *name;
  char *entry;         /* .xlsx: the sheet's part in the zip */
  guint index;         /* .xls: the sheet's index in the workbook */
} Sheet;

struct _StrataXlsxReader
{
  char             *path;
  unzFile           zip;
  gboolean          date1904;
  GPtrArray        *sheets;       /* Sheet* */
  Sheet            *sheet;
  StrataXlsxStrings *strings;     /* shared strings */
  GArray           *date_xf;      /* guint8 per cell format: a date */
  GArray           *merges;       /* Merge, of the sheet */
  GArray           *col_styles;   /* guint per column: its style, for cells without one */

  xmlTextReaderPtr  xml;
  char             *xml_error;
  gboolean          zip_error;
  guint64           bytes_read;
  guint64           size;
  gboolean          xml_done;

  GQueue            pending;      /* Row*: read ahead, not yet returned */
  Row              *current;
  gboolean          header_done;
  guint             col_offset;
  guint             width;
  GPtrArray        *fields;       /* const char*: the current record */

  gboolean          is_xls;       /* an .xls workbook, read by strata-xls-reader */
  GSubprocess      *xls_proc;     /* the reader of the sheet list or of one sheet */
  GInputStream     *xls_in;       /* its output, buffered */
  char             *xls_record;   /* its last record's payload, NUL-terminated */
  gsize             xls_record_len;
};

/* The shared strings' memory cap of the readers opened after it is set
 * (STRATA_XLSX_STRINGS_CAP; tests set a small one). */
extern gsize strata_xlsx_strings_cap;

void     strata_xlsx_row_free      (Row              *row);
/* The text of column col of row, "" when empty. */
const char *strata_xlsx_cell_at    (Row              *row,
                                    guint             col);
gboolean strata_xlsx_open_entry    (StrataXlsxReader *self,
                                    const char       *entry,
                                    guint64          *size);
int      strata_xlsx_column_of_ref (const char       *ref);
guint    strata_xlsx_row_of_ref    (const char       *ref);
/* The next row with a value; NULL at the end or on error. */
Row     *strata_xlsx_read_row      (StrataXlsxReader *self,
                                    GError          **error);
/* Adds a merged range (rows 1-based, columns 0-based) of either source,
 * the .xlsx sheet's <mergeCells> or the .xls reader's 'G' record, for
 * strata_xlsx_find_header; FALSE, adding nothing, when a last is before
 * its first. */
gboolean strata_xlsx_add_merge     (StrataXlsxReader *self,
                                    guint             r1,
                                    guint             r2,
                                    guint             c1,
                                    guint             c2);
/* Reads the .xlsx sheet's merged ranges into self->merges. */
void     strata_xlsx_read_merges   (StrataXlsxReader *self);
/* Drops the title rows above the header, fills and joins its merged
 * cells, and sets the columns records have. */
gboolean strata_xlsx_find_header   (StrataXlsxReader *self,
                                    GError          **error);

/* .xls through FreeXL in the helper strata-xls-reader (strata-xls.c). */
gboolean strata_xls_is_compound_file (const char      *path);
gboolean strata_xls_open           (StrataXlsxReader *self,
                                    GError          **error);
gboolean strata_xls_begin_sheet    (StrataXlsxReader *self,
                                    Sheet            *sheet,
                                    GError          **error);
Row     *strata_xls_read_row       (StrataXlsxReader *self,
                                    GError          **error);
void     strata_xls_close          (StrataXlsxReader *self);

G_END_DECLS
