/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stacked bars of category revenue share per tier (see the header). The
 * chart keeps its own copy of the numbers, so a mix can be freed (or
 * computed on a worker thread) once it is set. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-chart-private.h"
#include "strata-product-mix-chart.h"

typedef struct
{
  char   *label;
  double  revenue;
  double  adoption;     /* NaN without customers */
  double *shares;       /* per category, NaN-free */
} Bar;

struct _StrataProductMixChart
{
  GObject    parent_instance;

  GPtrArray *categories;  /* char* labels */
  GPtrArray *colours;     /* char* "#rrggbb" */
  GArray    *bars;        /* Bar */
  gboolean   has_products;
};

static void strata_product_mix_chart_iface_init (StrataChartInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataProductMixChart, strata_product_mix_chart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STRATA_TYPE_CHART,
                                                      strata_product_mix_chart_iface_init))

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->shares);
}

static void
strata_product_mix_chart_finalize (GObject *object)
{
  StrataProductMixChart *self = STRATA_PRODUCT_MIX_CHART (object);

  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->colours);
  g_array_unref (self->bars);
  G_OBJECT_CLASS (strata_product_mix_chart_parent_class)->finalize (object);
}

static void
strata_product_mix_chart_class_init (StrataProductMixChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_product_mix_chart_finalize;
}

static void
strata_product_mix_chart_init (StrataProductMixChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->colours = g_ptr_array_new_with_free_func (g_free);
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
}

StrataProductMixChart *
strata_product_mix_chart_new (void)
{
  return g_object_new (STRATA_TYPE_PRODUCT_MIX_CHART, NULL);
}

const char *
strata_product_mix_chart_category_colour (const char *key,
                                          guint       position)
{
  /* The built-in categories keep their colour; the user's take turns. */
  static const char *const builtin[][2] = {
    { "cash_flow", "#2a6fdb" }, { "value_added", "#8e44ad" }, { "new", "#26a269" },
    { "costly", "#e66100" }, { "other", "#9a9996" },
  };
  static const char *const extra[] = { "#c64600", "#1c71d8", "#986a44", "#f5c211", "#613583" };

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (g_strcmp0 (key, builtin[i][0]) == 0)
      return builtin[i][1];
  return extra[position % G_N_ELEMENTS (extra)];
}

void
strata_product_mix_chart_set_mix (StrataProductMixChart  *self,
                                  const StrataProductMix *mix)
{
  guint n_categories;

  g_return_if_fail (STRATA_IS_PRODUCT_MIX_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  g_ptr_array_set_size (self->colours, 0);
  g_array_set_size (self->bars, 0);
  self->has_products = mix != NULL && mix->has_products;
  if (mix == NULL)
    return;
  n_categories = mix->categories->len;
  for (guint c = 0; c < n_categories; c++)
    {
      const StrataProductCategory *category = mix->categories->pdata[c];

      g_ptr_array_add (self->categories, g_strdup (category->label));
      g_ptr_array_add (self->colours, g_strdup (strata_product_mix_chart_category_colour (category->key, c)));
    }
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *tier = mix->tiers->pdata[t];
      Bar bar = { 0 };

      /* A tier without customers (no bar) says nothing here. */
      if (tier->customers == 0)
        continue;
      bar.label = g_strdup (tier->label);
      bar.revenue = tier->revenue;
      bar.adoption = tier->adoption;
      bar.shares = g_new0 (double, MAX (n_categories, 1));
      for (guint c = 0; c < n_categories; c++)
        {
          const StrataProductMixRow *r = mix->rows->pdata[(gsize) t * n_categories + c];

          bar.shares[c] = isnan (r->share) ? 0 : MAX (r->share, 0);
        }
      g_array_append_val (self->bars, bar);
    }
}

void
strata_product_mix_chart_draw (StrataProductMixChart  *self,
                               cairo_t                *cr,
                               const StrataChartStyle *style,
                               double                  width,
                               double                  height)
{
  double pad, label_w = 0, end_w = 0, legend_h, x0, x1, y, row_h, bar_h, lx, ly;
  const StrataNumberFormat *fmt = &style->numbers;
  guint n = self->bars->len;

  g_return_if_fail (STRATA_IS_PRODUCT_MIX_CHART (self));

  if (!self->has_products || n == 0)
    {
      strata_draw_empty (cr, style, width, height, _("No product revenue in this period"));
      return;
    }

  cairo_save (cr);
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);
  pad = strata_chart_style_px (style, 12);

  /* The legend: a swatch and a label per category, wrapping. */
  lx = pad;
  ly = pad;
  {
    double sw = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.8, th = 0;

    for (guint c = 0; c < self->categories->len; c++)
      {
        double tw;
        StrataRgba colour = strata_rgba_parse (self->colours->pdata[c]);

        strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, self->categories->pdata[c], &tw, &th);
        if (lx > pad && lx + sw + tw + pad > width)
          {
            lx = pad;
            ly += th * 1.3;
          }
        strata_rgba_set_source (cr, &colour);
        cairo_rectangle (cr, lx, ly + (th - sw) / 2, sw, sw);
        cairo_fill (cr);
        strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, self->categories->pdata[c],
                                      lx + sw * 1.4, ly, 0, 0, &style->text);
        lx += sw * 1.4 + tw + pad * 1.5;
      }
    legend_h = ly + th * 1.3 + pad * 0.5;
  }

  /* The tiers' labels on the left, the adoption of new products on the right. */
  for (guint i = 0; i < n; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *pct = strata_format_percent (fmt, isnan (bar->adoption) ? 0 : bar->adoption, 0);
      /* Translators: a tier's adoption of new products, at its bar's end. */
      g_autofree char *end = g_strdup_printf (_("new %s"), pct);
      double tw, th;

      strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, bar->label, &tw, &th);
      label_w = MAX (label_w, tw);
      strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, end, &tw, &th);
      end_w = MAX (end_w, tw);
    }
  x0 = pad + label_w + pad;
  x1 = width - pad - end_w - pad;
  row_h = (height - legend_h - pad) / n;
  bar_h = MIN (row_h * 0.7, strata_chart_style_px (style, 48));

  for (guint i = 0; i < n; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *pct = strata_format_percent (fmt, isnan (bar->adoption) ? 0 : bar->adoption, 0);
      g_autofree char *end = g_strdup_printf (_("new %s"), pct);
      double x = x0, cy;

      y = legend_h + i * row_h + (row_h - bar_h) / 2;
      cy = y + bar_h / 2;
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, bar->label, x0 - pad, cy, 1, 0.5,
                                    &style->text);
      for (guint c = 0; c < self->categories->len; c++)
        {
          double w = (x1 - x0) * bar->shares[c];
          StrataRgba colour = strata_rgba_parse (self->colours->pdata[c]);

          if (w <= 0)
            continue;
          strata_rgba_set_source (cr, &colour);
          cairo_rectangle (cr, x, y, w, bar_h);
          cairo_fill (cr);
          /* The share inside its segment when it fits. */
          {
            g_autofree char *share = strata_format_percent (fmt, bar->shares[c], 0);
            double tw, th;

            strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, share, &tw, &th);
            if (tw + strata_chart_style_px (style, 6) < w && th < bar_h)
              {
                StrataRgba on = strata_rgba_text_on (&colour);

                strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, share, x + w / 2, cy,
                                              0.5, 0.5, &on);
              }
          }
          x += w;
        }
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, end, x1 + pad, cy, 0, 0.5,
                                    &style->text_secondary);
    }
  cairo_restore (cr);
}

static char *
get_description (StrataProductMixChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GString *out = g_string_new (NULL);

  if (!self->has_products || self->bars->len == 0)
    {
      g_string_append (out, _("No product revenue in this period"));
      return g_string_free (out, FALSE);
    }
  g_string_append (out, _("Revenue share of each product category per tier."));
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);

      g_string_append_printf (out, " %s:", bar->label);
      for (guint c = 0; c < self->categories->len; c++)
        {
          g_autofree char *share = strata_format_percent (fmt, bar->shares[c], 0);

          g_string_append_printf (out, "%s %s %s", c > 0 ? "," : "",
                                  (const char *) self->categories->pdata[c], share);
        }
      g_string_append_c (out, '.');
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
get_table (StrataProductMixChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GPtrArray *table = strata_table_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  g_ptr_array_add (header, g_strdup (_("Tier")));
  for (guint c = 0; c < self->categories->len; c++)
    g_ptr_array_add (header, g_strdup (self->categories->pdata[c]));
  g_ptr_array_add (header, NULL);
  g_ptr_array_add (table, g_ptr_array_steal (header, NULL));
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(GPtrArray) row = g_ptr_array_new ();

      g_ptr_array_add (row, g_strdup (bar->label));
      for (guint c = 0; c < self->categories->len; c++)
        g_ptr_array_add (row, strata_format_percent (fmt, bar->shares[c], 1));
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (table, g_ptr_array_steal (row, NULL));
    }
  return table;
}

static void
draw_iface (StrataChart *chart, cairo_t *cr, const StrataChartStyle *style, double w, double h)
{
  strata_product_mix_chart_draw (STRATA_PRODUCT_MIX_CHART (chart), cr, style, w, h);
}

static char *
description_iface (StrataChart *chart)
{
  return get_description (STRATA_PRODUCT_MIX_CHART (chart));
}

static GPtrArray *
table_iface (StrataChart *chart)
{
  return get_table (STRATA_PRODUCT_MIX_CHART (chart));
}

static void
strata_product_mix_chart_iface_init (StrataChartInterface *iface)
{
  iface->draw = draw_iface;
  iface->get_description = description_iface;
  iface->get_table = table_iface;
}
