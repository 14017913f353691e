/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's "Products by tier" section: the product mix chart, the
 * customers per category with new-product adoption, and the migration
 * list. Only for a period with product lines: other reports are as they
 * were. Its own file, so that other sections can be added next to it. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-product-mix.h"
#include "strata-product-mix-chart.h"
#include "strata-report-private.h"

static ReportBlock *
block_new (GPtrArray       *blocks,
           ReportBlockKind  kind,
           const char      *text)
{
  ReportBlock *block = g_new0 (ReportBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (blocks, block);
  return block;
}

static ReportBlock *
table_new (GPtrArray *blocks)
{
  ReportBlock *table = block_new (blocks, REPORT_BLOCK_TABLE, NULL);

  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) report_column_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->lines = 1;
  return table;
}

static void
add_column (ReportBlock *table,
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

void
strata_report_build_products (const StrataProductMix   *mix,
                              const StrataNumberFormat *fmt,
                              guint                     top_n,
                              GPtrArray                *blocks,
                              GPtrArray                *sections)
{
  StrataProductMixChart *chart;
  ReportSection *section;
  ReportBlock *heading, *table;
  guint n_categories, shown;
  double width;

  if (mix == NULL || !mix->has_products)
    return;
  n_categories = mix->categories->len;

  section = g_new0 (ReportSection, 1);
  section->title = g_strdup (_("Products by tier"));
  heading = block_new (blocks, REPORT_BLOCK_HEADING, section->title);
  heading->section = sections->len;
  g_ptr_array_add (sections, section);
  block_new (blocks, REPORT_BLOCK_TEXT,
             _("The revenue share of each product category per tier. Revenue that no product "
               "accounts for counts as Other, so each bar adds up to the tier's order amount."));
  chart = strata_product_mix_chart_new ();
  strata_product_mix_chart_set_mix (chart, mix);
  {
    ReportBlock *block = block_new (blocks, REPORT_BLOCK_CHART, NULL);

    block->chart = STRATA_CHART (chart);
    block->share = 0.42;
  }

  block_new (blocks, REPORT_BLOCK_SUBHEADING, _("Customers per category and new-product adoption"));
  table = table_new (blocks);
  width = 0.62 / MAX (n_categories, 1);
  add_column (table, _("Tier"), 0.14, 0);
  add_column (table, _("Customers"), 0.10, 1);
  for (guint c = 0; c < n_categories; c++)
    add_column (table, ((StrataProductCategory *) mix->categories->pdata[c])->label, width, 1);
  add_column (table, _("New-product adoption"), 0.14, 1);
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *tier = mix->tiers->pdata[t];
      char **cells = g_new0 (char *, n_categories + 4);

      cells[0] = g_strdup (tier->label);
      cells[1] = strata_format_integer (fmt, tier->customers);
      for (guint c = 0; c < n_categories; c++)
        cells[2 + c] = strata_format_integer (fmt, ((StrataProductMixRow *) mix->rows->pdata[(gsize) t * n_categories + c])->customers);
      cells[2 + n_categories] = isnan (tier->adoption) ? g_strdup ("—")
                                : strata_format_percent (fmt, tier->adoption, 0);
      g_ptr_array_add (table->rows, cells);
    }

  block_new (blocks, REPORT_BLOCK_SUBHEADING, _("Migration list"));
  {
    g_autofree char *count = strata_format_integer (fmt, mix->migration->len);
    g_autofree char *text = NULL;

    /* Translators: %s is a number of customers. */
    text = g_strdup_printf (strata_ngettext ("%s customer buys products that cost more to run than they bring; "
                                             "move them to current products. The largest by revenue on those products:",
                                             "%s customers buy products that cost more to run than they bring; "
                                             "move them to current products. The largest by revenue on those products:",
                                             mix->migration->len), count);
    block_new (blocks, REPORT_BLOCK_TEXT, text);
  }
  shown = MIN (mix->migration->len, top_n);
  if (shown == 0)
    return;
  table = table_new (blocks);
  add_column (table, _("ID"), 0.13, 0);
  add_column (table, _("Customer"), 0.32, 0);
  add_column (table, _("Tier"), 0.11, 0);
  add_column (table, _("On costly products"), 0.14, 1);
  add_column (table, _("Order amount"), 0.12, 1);
  add_column (table, _("Products"), 0.18, 0);
  for (guint i = 0; i < shown; i++)
    {
      const StrataProductMigration *m = mix->migration->pdata[i];
      char **cells = g_new0 (char *, 7);
      const char *tier = m->tier;

      for (guint t = 0; t < mix->tiers->len; t++)
        if (g_str_equal (((StrataProductMixTier *) mix->tiers->pdata[t])->tier, m->tier))
          tier = ((StrataProductMixTier *) mix->tiers->pdata[t])->label;
      cells[0] = g_strdup (m->ext_id);
      cells[1] = g_strdup (m->name);
      cells[2] = g_strdup (tier);
      cells[3] = strata_format_compact (fmt, m->revenue);
      cells[4] = strata_format_compact (fmt, m->total);
      cells[5] = g_strdup (m->products);
      g_ptr_array_add (table->rows, cells);
    }
}
