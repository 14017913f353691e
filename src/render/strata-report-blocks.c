/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's blocks, sections and table columns: made and freed here
 * for every file that fills a report (strata-report-content.c,
 * strata-report-products.c, strata-action-report.c). */
#include "config.h"

#include "strata-report-private.h"

void
report_block_free (ReportBlock *block)
{
  g_free (block->text);
  g_clear_object (&block->chart);
  g_clear_pointer (&block->columns, g_ptr_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->swatches, g_array_unref);
  g_clear_pointer (&block->row_lines, g_array_unref);
  g_free (block);
}

void
report_section_free (ReportSection *section)
{
  g_free (section->title);
  g_free (section);
}

void
report_column_free (ReportColumn *column)
{
  g_free (column->title);
  g_free (column);
}

ReportBlock *
report_append_block (GPtrArray       *blocks,
                     ReportBlockKind  kind,
                     const char      *text)
{
  ReportBlock *block = g_new0 (ReportBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (blocks, block);
  return block;
}

ReportBlock *
report_append_heading (GPtrArray  *blocks,
                       GPtrArray  *sections,
                       const char *title,
                       int         level)
{
  ReportSection *section = g_new0 (ReportSection, 1);
  ReportBlock *block = report_append_block (blocks, REPORT_BLOCK_HEADING, title);

  section->title = g_strdup (title);
  section->level = level;
  block->section = sections->len;
  g_ptr_array_add (sections, section);
  return block;
}

ReportBlock *
report_append_table (GPtrArray *blocks,
                     guint      lines)
{
  ReportBlock *block = report_append_block (blocks, REPORT_BLOCK_TABLE, NULL);

  block->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) report_column_free);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  block->lines = lines;
  return block;
}

void
report_table_add_column (ReportBlock *table,
                         const char  *title,
                         double       width,
                         double       align)
{
  ReportColumn *column = g_new0 (ReportColumn, 1);

  column->title = g_strdup (title);
  column->width = width;
  column->align = align;
  g_ptr_array_add (table->columns, column);
}
