/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer export as an Excel workbook, written with libxlsxwriter:
 * a frozen header row with an autofilter, numbers as numbers with
 * thousands separators, dates as dates, tier cells in the tier colours,
 * and a sheet of metadata. Used by strata-export.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StrataXlsxSink StrataXlsxSink;

/* kinds[i] says how column i is written: "text", a metric kind (number,
 * money, count, boolean, date), "score" or "tier". Rows stream to a
 * temporary file beside path, which replaces path on success only. */
StrataXlsxSink *strata_xlsx_sink_open    (const char      *path,
                                          const char      *sheet_name,
                                          GPtrArray       *header,
                                          GPtrArray       *kinds,
                                          GError         **error);
void            strata_xlsx_sink_text    (StrataXlsxSink  *self,
                                          guint            col,
                                          const char      *text);
/* A value of column col's kind (a date as days since 1970-01-01). */
void            strata_xlsx_sink_value   (StrataXlsxSink  *self,
                                          guint            col,
                                          double           value);
/* A tier's label on its colour ("#rrggbb"). */
void            strata_xlsx_sink_tier    (StrataXlsxSink  *self,
                                          guint            col,
                                          const char      *label,
                                          const char      *colour);
void            strata_xlsx_sink_end_row (StrataXlsxSink  *self);
/* Goes on to a new sheet of another table, with its own header row
 * (frozen, with an autofilter) and column kinds. */
void            strata_xlsx_sink_add_sheet (StrataXlsxSink *self,
                                            const char     *sheet_name,
                                            GPtrArray      *header,
                                            GPtrArray      *kinds);
/* Adds the metadata sheet (pairs of name and value, NULL-terminated) and
 * writes the file; with ok FALSE, abandons it. */
gboolean        strata_xlsx_sink_close   (StrataXlsxSink  *self,
                                          const char      *meta_title,
                                          const char *const *meta,
                                          gboolean         ok,
                                          GError         **error);

G_END_DECLS
