/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataReport: the PDF report for sales leadership. It is made in three
 * steps so that printing can reuse the drawing: strata_report_new() reads
 * the workspace (main thread: it touches sqlite) and prepares every text;
 * strata_report_paginate() lays the content out on pages of a size;
 * strata_report_draw_page() draws one page into any cairo context. The last
 * two touch no workspace and may run in a worker thread. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_REPORT_PAPER_A4,
  STRATA_REPORT_PAPER_LETTER,
} StrataReportPaper;

/* Customers listed per tier when no top_n is given; larger tiers show the
 * best top_n by score, then the rest as one line of totals. */
#define STRATA_REPORT_DEFAULT_TOP_N 100

typedef struct
{
  const char        *period;    /* NULL: the latest period */
  const char        *compare;   /* NULL: the period before it */
  const char        *language;  /* texts and numbers: "en", "zh_CN", "zh_TW"; NULL: the process's */
  StrataReportPaper  paper;
  guint              top_n;     /* 0: the default; G_MAXUINT: every customer */
} StrataReportOptions;

/* fraction of the pages written so far, 0 to 1. */
typedef void (*StrataReportProgress) (double   fraction,
                                      gpointer user_data);

#define STRATA_TYPE_REPORT (strata_report_get_type ())
G_DECLARE_FINAL_TYPE (StrataReport, strata_report, STRATA, REPORT, GObject)

/* Paper size in points (A4 595 x 842, Letter 612 x 792). */
void          strata_report_paper_size  (StrataReportPaper          paper,
                                         double                    *width_pt,
                                         double                    *height_pt);
/* "a4" / "letter" (case-insensitive); FALSE for anything else. */
gboolean      strata_report_paper_from_string (const char          *text,
                                               StrataReportPaper   *paper);

/* Reads everything the report shows; fails with a message naming the
 * workspace or the period. Translated texts are formatted here. */
StrataReport *strata_report_new         (StrataWorkspace           *workspace,
                                         const StrataReportOptions *options,
                                         GError                   **error);
/* Lays the content out on pages of that size; returns the number of pages. */
guint         strata_report_paginate    (StrataReport              *self,
                                         double                     width_pt,
                                         double                     height_pt);
/* Draws page (0-based) of the last pagination; the page is width_pt x
 * height_pt user units from the origin of cr. */
void          strata_report_draw_page   (StrataReport              *self,
                                         cairo_t                   *cr,
                                         guint                      page,
                                         double                     width_pt,
                                         double                     height_pt);
/* The document's title ("Customer tiers 2026-Q3 — Company"). */
const char   *strata_report_get_title   (StrataReport              *self);

/* Paginates for the options' paper and writes the PDF to path (through a
 * temporary file in the same folder, renamed when complete). */
gboolean      strata_report_save_pdf    (StrataReport              *self,
                                         const char                *path,
                                         StrataReportProgress       progress,
                                         gpointer                   user_data,
                                         GCancellable              *cancellable,
                                         GError                   **error);

/* strata_report_new() + strata_report_save_pdf(). */
gboolean      strata_report_write_pdf   (StrataWorkspace           *workspace,
                                         const StrataReportOptions *options,
                                         const char                *path,
                                         StrataReportProgress       progress,
                                         gpointer                   user_data,
                                         GCancellable              *cancellable,
                                         GError                   **error);

G_END_DECLS
