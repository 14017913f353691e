/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The merged cells of an .xls sheet, which FreeXL does not report: read
 * from the workbook's BIFF8 records by the helper strata-xls-reader. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many ranges of a sheet travel from the helper to the
 * importer ('G' record); the importer refuses a record with more. */
#define STRATA_XLS_MAX_MERGES 65536

typedef struct
{
  guint16 r1, r2;      /* rows, 0-based as in the file */
  guint16 c1, c2;      /* columns, 0-based */
} StrataXlsRange;

/* The merged ranges (StrataXlsRange) of the worksheet called name, else
 * the index-th one when the workbook has n_sheets of them, at most
 * max_ranges, each with first <= last. Damage is never an error here:
 * a MERGEDCELLS record whose count does not fit it is skipped, a damaged
 * stream ends the list where it stops making sense, and a file without a
 * BIFF8 workbook stream has no ranges. */
GArray *strata_xls_read_merges (const char *path,
                                const char *name,
                                guint       index,
                                guint       n_sheets,
                                guint       max_ranges);
/* The same from a compound file already open, a GsfInput (fuzz-xls-merges;
 * declared so, the importer's side needs no libgsf headers). */
struct _GsfInput;
GArray *strata_xls_read_merges_from (struct _GsfInput *file,
                                     const char       *name,
                                     guint             index,
                                     guint             n_sheets,
                                     guint             max_ranges);

/* What the walk found in a sheet: its merged ranges and the values
 * FreeXL 1.0.6 gives no text for, as the helper writes cells (numbers
 * %.15g, dates YYYY-MM-DD, booleans TRUE/FALSE, errors #N/A...):
 * formulas' cached results and rich strings in RSTRING records (FreeXL
 * reads rich shared strings). Damage drops values, never reads out of
 * bounds. */
typedef struct
{
  GArray     *ranges;   /* StrataXlsRange */
  GHashTable *values;   /* (row << 16 | col) → UTF-8, 0-based */
} StrataXlsSheet;

StrataXlsSheet *strata_xls_read_sheet      (const char       *path,
                                            const char       *name,
                                            guint             index,
                                            guint             n_sheets,
                                            guint             max_ranges);
StrataXlsSheet *strata_xls_read_sheet_from (struct _GsfInput *file,
                                            const char       *name,
                                            guint             index,
                                            guint             n_sheets,
                                            guint             max_ranges);
void            strata_xls_sheet_free      (StrataXlsSheet   *sheet);
/* The value at row, col (0-based), or NULL. */
const char     *strata_xls_sheet_lookup    (const StrataXlsSheet *sheet,
                                            guint             row,
                                            guint             col);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataXlsSheet, strata_xls_sheet_free)

G_END_DECLS
