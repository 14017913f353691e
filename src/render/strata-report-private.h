/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's content as blocks that the layout flows onto pages
 * (strata-report.c); strata-report-content.c builds them. */
#pragma once

#include "strata-chart.h"
#include "strata-product-mix.h"
#include "strata-report.h"

G_BEGIN_DECLS

typedef enum
{
  REPORT_BLOCK_TITLE,       /* the title page */
  REPORT_BLOCK_TOC,         /* the table of contents */
  REPORT_BLOCK_HEADING,     /* a section: new page, TOC entry, bookmark */
  REPORT_BLOCK_SUBHEADING,  /* kept with what follows */
  REPORT_BLOCK_TEXT,        /* a wrapped paragraph */
  REPORT_BLOCK_TABLE,       /* rows split across pages, header repeated */
  REPORT_BLOCK_CHART,       /* a vector chart, share of the page's content height */
} ReportBlockKind;

typedef struct
{
  char   *title;
  double  width;   /* share of the content width */
  double  align;   /* 0 left, 1 right */
} ReportColumn;

typedef struct
{
  ReportBlockKind  kind;
  char            *text;      /* heading, subheading, paragraph */
  int              section;   /* HEADING: index into the sections */
  StrataChart     *chart;
  double           share;     /* CHART: share of the content height */
  GPtrArray       *columns;   /* TABLE: ReportColumn* */
  GPtrArray       *rows;      /* TABLE: char ** of columns->len cells */
  guint            lines;     /* TABLE: lines per row (1 or 2) */
  guint            max_lines; /* TABLE: a row grows up to this to show its text whole (0: lines) */
  GArray          *row_lines; /* TABLE: guint lines of each row, set by the pagination */
  guint            n_bold;    /* TABLE: the last n_bold rows are totals */
  GArray          *swatches;  /* TABLE: optional StrataRgba per row (first column) */
} ReportBlock;

typedef struct
{
  char  *title;
  guint  page;     /* 0-based, set by the pagination */
  int    level;    /* 0 section, 1 sub-section */
} ReportSection;

typedef struct
{
  char *company;
  char *period;
  char *compare;
  char *title;
  char *subtitle;      /* title page lines */
  char *date;
  char *version;
  char *language;      /* pango language, "zh-cn" */
  char *header;        /* running header */
  char *contents;      /* "Contents" */
  char *prepared;      /* "Prepared on 2026-12-02" */
  char *subject;       /* the PDF's subject */
} ReportInfo;

/* Builds the blocks of the report. */
gboolean strata_report_build (StrataWorkspace           *workspace,
                              const StrataReportOptions *options,
                              ReportInfo                *info,
                              GPtrArray                 *blocks,
                              GPtrArray                 *sections,
                              GError                   **error);

/* Fills the info, blocks and sections of a report. */
typedef gboolean (*StrataReportBuildFunc) (gpointer     user_data,
                                           ReportInfo  *info,
                                           GPtrArray   *blocks,
                                           GPtrArray   *sections,
                                           GError     **error);

/* A report of other content in the same page style (the action lists):
 * build runs in language (NULL: the process's) and fills info->language. */
StrataReport *strata_report_new_built (const char             *language,
                                       StrataReportPaper       paper,
                                       StrataReportBuildFunc   build,
                                       gpointer                user_data,
                                       GError                **error);

/* strata-report-blocks.c: the blocks, sections and columns freed, and
 * built for every file that fills a report: a block of kind with a copy
 * of text (or NULL) appended to blocks; a heading that opens a section of
 * level (0: a chapter, 1: under one) in sections; an empty table whose
 * rows take lines lines each; and a column of a table, width its share of
 * the page's width, align 0 (start) to 1 (end). */
void report_block_free   (ReportBlock   *block);
void report_section_free (ReportSection *section);
void report_column_free  (ReportColumn  *column);

ReportBlock *report_append_block   (GPtrArray       *blocks,
                                    ReportBlockKind  kind,
                                    const char      *text);
ReportBlock *report_append_heading (GPtrArray       *blocks,
                                    GPtrArray       *sections,
                                    const char      *title,
                                    int              level);
ReportBlock *report_append_table   (GPtrArray       *blocks,
                                    guint            lines);
void         report_table_add_column (ReportBlock   *table,
                                      const char    *title,
                                      double         width,
                                      double         align);

/* The "Products by tier" section (strata-report-products.c), when the
 * period has product lines; appends nothing otherwise. */
void     strata_report_build_products (const StrataProductMix   *mix,
                                       const StrataNumberFormat *fmt,
                                       guint                     top_n,
                                       GPtrArray                *blocks,
                                       GPtrArray                *sections);

guint         strata_report_get_n_pages (StrataReport              *self);

G_END_DECLS
