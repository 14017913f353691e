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

void
strata_report_build_products (const StrataProductMix   *mix,
                              const StrataNumberFormat *fmt,
                              guint                     top_n,
                              GPtrArray                *blocks,
                              GPtrArray                *sections)
{
  StrataProductMixChart *chart;
  ReportBlock *table;
  guint n_categories, shown;
  double width;

  if (mix == NULL || !mix->has_products)
    return;
  n_categories = mix->categories->len;

  report_append_heading (blocks, sections, _("Products by tier"), 0);
  report_append_block (blocks, REPORT_BLOCK_TEXT,
             _("The revenue share of each product category per tier. Revenue that no product "
               "accounts for counts as Other, so each bar adds up to the tier's order amount."));
  chart = strata_product_mix_chart_new ();
  strata_product_mix_chart_set_mix (chart, mix);
  {
    ReportBlock *block = report_append_block (blocks, REPORT_BLOCK_CHART, NULL);

    block->chart = STRATA_CHART (chart);
    block->share = 0.42;
  }

  report_append_block (blocks, REPORT_BLOCK_SUBHEADING, _("Customers per category and new-product adoption"));
  table = report_append_table (blocks, 1);
  width = 0.62 / MAX (n_categories, 1);
  report_table_add_column (table, _("Tier"), 0.14, 0);
  report_table_add_column (table, _("Customers"), 0.10, 1);
  for (guint c = 0; c < n_categories; c++)
    report_table_add_column (table, ((StrataProductCategory *) mix->categories->pdata[c])->label, width, 1);
  report_table_add_column (table, _("New-product adoption"), 0.14, 1);
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

  report_append_block (blocks, REPORT_BLOCK_SUBHEADING, _("Migration list"));
  {
    g_autofree char *count = strata_format_integer (fmt, mix->migration->len);
    g_autofree char *text = NULL;

    /* Translators: %s is a number of customers. */
    text = g_strdup_printf (strata_ngettext ("%s customer buys products that cost more to run than they bring; "
                                             "move them to current products. The largest by revenue on those products:",
                                             "%s customers buy products that cost more to run than they bring; "
                                             "move them to current products. The largest by revenue on those products:",
                                             mix->migration->len), count);
    report_append_block (blocks, REPORT_BLOCK_TEXT, text);
  }
  shown = MIN (mix->migration->len, top_n);
  if (shown == 0)
    return;
  table = report_append_table (blocks, 1);
  report_table_add_column (table, _("ID"), 0.13, 0);
  report_table_add_column (table, _("Customer"), 0.32, 0);
  report_table_add_column (table, _("Tier"), 0.11, 0);
  report_table_add_column (table, _("On costly products"), 0.14, 1);
  report_table_add_column (table, _("Order amount"), 0.12, 1);
  report_table_add_column (table, _("Products"), 0.18, 0);
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
