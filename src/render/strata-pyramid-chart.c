/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-chart-private.h"
#include "strata-pyramid-chart.h"

#include "strata-i18n.h"
#include "strata-pyramid-chart-private.h"
#include <math.h>

#define MAX_PANELS 2

struct _StrataPyramidChart
{
  GObject            parent_instance;

  GArray            *tiers;                  /* StrataTierInfo */
  guint             *counts[MAX_PANELS];     /* [0] base (or NULL), [1] final */
  double            *revenue[MAX_PANELS];
  char              *titles[MAX_PANELS];

  /* Geometry of the last draw: one rectangle per panel and tier, and the
   * widths of the tier names' and the figures' columns. */
  cairo_rectangle_t *layers[MAX_PANELS];
  double             label_w;
  double             stats_w;
  guint              n_ellipsized;   /* texts that ended in "…" */
};

static void strata_pyramid_chart_iface_init (StrataChartInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataPyramidChart, strata_pyramid_chart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STRATA_TYPE_CHART,
                                                      strata_pyramid_chart_iface_init))

static void
clear (StrataPyramidChart *self)
{
  for (guint p = 0; p < MAX_PANELS; p++)
    {
      g_clear_pointer (&self->counts[p], g_free);
      g_clear_pointer (&self->revenue[p], g_free);
      g_clear_pointer (&self->titles[p], g_free);
      g_clear_pointer (&self->layers[p], g_free);
    }
  g_clear_pointer (&self->tiers, g_array_unref);
}

static void
strata_pyramid_chart_finalize (GObject *object)
{
  clear (STRATA_PYRAMID_CHART (object));
  G_OBJECT_CLASS (strata_pyramid_chart_parent_class)->finalize (object);
}

static void
strata_pyramid_chart_class_init (StrataPyramidChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_pyramid_chart_finalize;
}

static void
strata_pyramid_chart_init (StrataPyramidChart *self)
{
  self->tiers = g_array_new (FALSE, TRUE, sizeof (StrataTierInfo));
}

StrataPyramidChart *
strata_pyramid_chart_new (void)
{
  return g_object_new (STRATA_TYPE_PYRAMID_CHART, NULL);
}

void
strata_pyramid_chart_set_data (StrataPyramidChart      *self,
                               const StrataPyramidData *data)
{
  guint n;

  g_return_if_fail (STRATA_IS_PYRAMID_CHART (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_tiers == 0 || data->counts != NULL);

  clear (self);
  n = data->n_tiers;
  self->tiers = strata_tier_info_copy (data->tiers, n);
  self->counts[1] = g_memdup2 (data->counts, sizeof (guint) * n);
  if (data->revenue != NULL)
    self->revenue[1] = g_memdup2 (data->revenue, sizeof (double) * n);
  self->titles[1] = g_strdup (data->title);
  if (data->base_counts != NULL)
    {
      self->counts[0] = g_memdup2 (data->base_counts, sizeof (guint) * n);
      if (data->base_revenue != NULL)
        self->revenue[0] = g_memdup2 (data->base_revenue, sizeof (double) * n);
      self->titles[0] = g_strdup (data->base_title);
    }
  for (guint p = 0; p < MAX_PANELS; p++)
    self->layers[p] = g_new0 (cairo_rectangle_t, MAX (n, 1));
}

static double
total_count (StrataPyramidChart *self,
             guint               panel)
{
  double t = 0;
  for (guint i = 0; i < self->tiers->len; i++)
    t += self->counts[panel][i];
  return t;
}

static double
total_revenue (StrataPyramidChart *self,
               guint               panel)
{
  double t = 0;
  if (self->revenue[panel] == NULL)
    return 0;
  for (guint i = 0; i < self->tiers->len; i++)
    if (isfinite (self->revenue[panel][i]))
      t += self->revenue[panel][i];
  return t;
}

gboolean
strata_pyramid_chart_get_layer_rect (StrataPyramidChart *self,
                                     guint               panel,
                                     guint               tier,
                                     cairo_rectangle_t  *rect)
{
  g_return_val_if_fail (STRATA_IS_PYRAMID_CHART (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  /* Panel 0 is the base pyramid when there is one, else the final one. */
  if (self->counts[0] == NULL)
    panel = panel == 0 ? 1 : MAX_PANELS;
  if (panel >= MAX_PANELS || tier >= self->tiers->len || self->counts[panel] == NULL)
    return FALSE;
  *rect = self->layers[panel][tier];
  return TRUE;
}

void
strata_pyramid_chart_get_text_widths (StrataPyramidChart *self,
                                      double             *label_w,
                                      double             *stats_w)
{
  g_return_if_fail (STRATA_IS_PYRAMID_CHART (self));

  if (label_w != NULL)
    *label_w = self->label_w;
  if (stats_w != NULL)
    *stats_w = self->stats_w;
}

guint
strata_pyramid_chart_get_n_ellipsized (StrataPyramidChart *self)
{
  g_return_val_if_fail (STRATA_IS_PYRAMID_CHART (self), 0);

  return self->n_ellipsized;
}

gboolean
strata_pyramid_chart_hit_test (StrataPyramidChart *self,
                               double              x,
                               double              y,
                               guint              *panel,
                               guint              *tier)
{
  g_return_val_if_fail (STRATA_IS_PYRAMID_CHART (self), FALSE);

  for (guint p = 0; p < MAX_PANELS; p++)
    {
      if (self->counts[p] == NULL)
        continue;
      for (guint t = 0; t < self->tiers->len; t++)
        {
          const cairo_rectangle_t *r = &self->layers[p][t];
          if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
            {
              if (panel != NULL)
                *panel = self->counts[0] != NULL ? p : 0;
              if (tier != NULL)
                *tier = t;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static char *
stats_line (StrataPyramidChart     *self,
            const StrataChartStyle *style,
            guint                   panel,
            guint                   tier)
{
  double total = total_count (self, panel);
  g_autofree char *n = strata_format_integer (&style->numbers, self->counts[panel][tier]);
  g_autofree char *pc = strata_format_percent (&style->numbers,
                                               total > 0 ? self->counts[panel][tier] / total : 0, 1);
  return g_strdup_printf ("%s · %s", n, pc);
}

static char *
revenue_line (StrataPyramidChart     *self,
              const StrataChartStyle *style,
              guint                   panel,
              guint                   tier)
{
  double total = total_revenue (self, panel);
  g_autofree char *pr = NULL;

  if (self->revenue[panel] == NULL)
    return NULL;
  pr = strata_format_percent (&style->numbers,
                              total > 0 ? self->revenue[panel][tier] / total : 0, 1);
  return g_strdup_printf (_("%s of revenue"), pr);
}

typedef struct
{
  double title_h;   /* panel title and the gap under it */
  double row_h;
  double line_h;
  double label_w;   /* widest tier name, any panel */
  double stats_w;   /* widest figures, any panel */
  gboolean two_lines;
} PyramidRows;

/* Text widths over every panel, so that both pyramids get bars of the same
 * scale (equal widths mean equal counts). */
static void
measure_text (StrataPyramidChart     *self,
              cairo_t                *cr,
              const StrataChartStyle *style,
              PyramidRows            *rows)
{
  rows->label_w = rows->stats_w = 0;
  for (guint panel = 0; panel < MAX_PANELS; panel++)
    {
      if (self->counts[panel] == NULL)
        continue;
      for (guint t = 0; t < self->tiers->len; t++)
        {
          const StrataTierInfo *ti = &g_array_index (self->tiers, StrataTierInfo, t);
          g_autofree char *s = stats_line (self, style, panel, t);
          g_autofree char *r = revenue_line (self, style, panel, t);
          double w;
          strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, ti->label, &w, NULL);
          rows->label_w = MAX (rows->label_w, w);
          strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, s, &w, NULL);
          rows->stats_w = MAX (rows->stats_w, w);
          if (r != NULL)
            {
              strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, r, &w, NULL);
              rows->stats_w = MAX (rows->stats_w, w);
            }
        }
    }
}

static void
draw_panel (StrataPyramidChart      *self,
            cairo_t                 *cr,
            const StrataChartStyle  *style,
            guint                    panel,
            const cairo_rectangle_t *area,
            const PyramidRows       *rows,
            double                   max_count)
{
  guint n = self->tiers->len;
  double pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.6;
  double label_w = rows->label_w, stats_w = rows->stats_w, y0, bar_h, bar_x, bar_w;

  if (self->titles[panel] != NULL)
    strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, self->titles[panel],
                                  area->x + area->width / 2, area->y, 0.5, 0, &style->text);

  /* The names and the figures get what the longest needs, so that
   * "战略客户", "Potential" or "46.1% of revenue" stay whole on a narrow
   * panel: the bars shrink instead, to a fifth of the panel. Only a long
   * typed name ellipsizes, past 14 ems or 35% of the panel (never below
   * 20%), and figures that would leave the bars less than a fifth. */
  label_w = MIN (label_w, MAX (area->width * 0.2,
                               MIN (area->width * 0.35,
                                    strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 14)));
  stats_w = MIN (stats_w, MAX (area->width * 0.4, area->width * 0.8 - label_w - 2 * pad));
  self->label_w = label_w;
  self->stats_w = stats_w;

  y0 = area->y + rows->title_h;
  bar_h = MAX (rows->row_h - strata_chart_style_px (style, 4), 1);
  bar_x = area->x + label_w + pad;
  bar_w = MAX (area->width - label_w - stats_w - 2 * pad, 1);

  for (guint t = 0; t < n; t++)
    {
      const StrataTierInfo *ti = &g_array_index (self->tiers, StrataTierInfo, t);
      double w = max_count > 0 ? bar_w * self->counts[panel][t] / max_count : 0;
      double y = y0 + t * rows->row_h;
      double cy = y + rows->row_h / 2;
      cairo_rectangle_t *r = &self->layers[panel][t];
      g_autofree char *s = stats_line (self, style, panel, t);
      g_autofree char *rv = revenue_line (self, style, panel, t);
      const char *texts[3] = { ti->label, s, rv };

      /* Centred layers make the stepped pyramid; the width is the count. */
      r->x = bar_x + (bar_w - w) / 2;
      r->y = cy - bar_h / 2;
      r->width = w;
      r->height = bar_h;
      if (w > 0)
        {
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
          strata_rgba_set_source (cr, &ti->colour);
          cairo_fill (cr);
        }
      else
        {
          /* An empty tier still shows where it would be. */
          cairo_move_to (cr, bar_x + bar_w / 2, r->y);
          cairo_line_to (cr, bar_x + bar_w / 2, r->y + r->height);
          strata_rgba_set_source (cr, &style->grid);
          cairo_set_line_width (cr, strata_chart_style_px (style, 2));
          cairo_stroke (cr);
        }

      {
        PangoLayout *l[3] = { NULL, };
        double h[3] = { 0, }, ty;

        for (guint k = 0; k < 3; k++)
          {
            PangoRectangle lr;
            if (texts[k] == NULL)
              continue;
            l[k] = strata_chart_style_layout (style, cr,
                                              k == 0 ? STRATA_TEXT_LABEL : STRATA_TEXT_SMALL, texts[k]);
            pango_layout_set_width (l[k], (int) ((k == 0 ? label_w : stats_w) * PANGO_SCALE));
            pango_layout_set_ellipsize (l[k], PANGO_ELLIPSIZE_END);
            if (k == 0)
              pango_layout_set_alignment (l[k], PANGO_ALIGN_RIGHT);
            /* "46.1% of revenue" may take two lines rather than end in "…". */
            if (k == 2)
              {
                pango_layout_set_wrap (l[k], PANGO_WRAP_WORD_CHAR);
                pango_layout_set_height (l[k], -2);
              }
            pango_layout_get_extents (l[k], NULL, &lr);
            h[k] = lr.height / (double) PANGO_SCALE;
            self->n_ellipsized += pango_layout_is_ellipsized (l[k]);
          }
        /* The name centred on the layer, the figures' block too. */
        ty = cy - (h[1] + h[2]) / 2;
        for (guint k = 0; k < 3; k++)
          {
            if (l[k] == NULL)
              continue;
            strata_rgba_set_source (cr, k == 2 ? &style->text_secondary : &style->text);
            if (k == 0)
              cairo_move_to (cr, area->x, cy - h[0] / 2);
            else
              cairo_move_to (cr, area->x + area->width - stats_w, k == 1 ? ty : ty + h[1]);
            pango_cairo_show_layout (cr, l[k]);
            cairo_new_path (cr);  /* the layout leaves a current point: the next arc would join it */
            g_object_unref (l[k]);
          }
      }
    }
}

void
strata_pyramid_chart_draw (StrataPyramidChart     *self,
                           cairo_t                *cr,
                           const StrataChartStyle *style,
                           double                  width,
                           double                  height)
{
  double pad, max_count = 0, gap, top;
  guint first = 0, n_panels;
  PyramidRows rows;

  g_return_if_fail (STRATA_IS_PYRAMID_CHART (self));
  g_return_if_fail (cr != NULL && style != NULL);

  cairo_save (cr);
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);
  pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.75;

  for (guint p = 0; p < MAX_PANELS; p++)
    if (self->counts[p] != NULL)
      for (guint t = 0; t < self->tiers->len; t++)
        max_count = MAX (max_count, self->counts[p][t]);
  if (self->tiers->len == 0 || max_count <= 0)
    {
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, _("No customers to show"),
                                    width / 2, height / 2, 0.5, 0.5, &style->text_secondary);
      cairo_restore (cr);
      return;
    }

  first = self->counts[0] != NULL ? 0 : 1;
  n_panels = MAX_PANELS - first;
  self->n_ellipsized = 0;
  gap = pad * 2;

  /* Both panels share rows, so tier A sits level with tier A. */
  rows.two_lines = self->revenue[0] != NULL || self->revenue[1] != NULL;
  measure_text (self, cr, style, &rows);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "0", NULL, &rows.line_h);
  rows.title_h = 0;
  for (guint p = first; p < MAX_PANELS; p++)
    if (self->titles[p] != NULL)
      {
        double h;
        strata_chart_style_text_size (style, cr, STRATA_TEXT_HEADING, self->titles[p], NULL, &h);
        rows.title_h = MAX (rows.title_h, h + pad);
      }
  rows.row_h = (height - 2 * pad - rows.title_h) / self->tiers->len;
  rows.row_h = MIN (rows.row_h, rows.line_h * (rows.two_lines ? 4.5 : 3.5));
  rows.row_h = MAX (rows.row_h, 1);
  /* The whole block (titles and layers) centred vertically. */
  top = MAX (pad, (height - rows.title_h - rows.row_h * self->tiers->len) / 2);

  for (guint p = first; p < MAX_PANELS; p++)
    {
      double pw = (width - 2 * pad - gap * (n_panels - 1)) / n_panels;
      cairo_rectangle_t area = { pad + (p - first) * (pw + gap), top, pw,
                                 rows.title_h + rows.row_h * self->tiers->len };
      /* One scale for both pyramids, so equal widths mean equal counts. */
      draw_panel (self, cr, style, p, &area, &rows, max_count);
      if (p > first)
        {
          double x = area.x - gap / 2;
          cairo_move_to (cr, strata_snap (x, 1), area.y);
          cairo_line_to (cr, strata_snap (x, 1), area.y + area.height);
          strata_rgba_set_source (cr, &style->grid);
          cairo_set_line_width (cr, strata_chart_style_px (style, 1));
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

char *
strata_pyramid_chart_get_description (StrataPyramidChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GString *s = g_string_new (NULL);
  double total, rev;

  g_return_val_if_fail (STRATA_IS_PYRAMID_CHART (self), NULL);

  total = total_count (self, 1);
  rev = total_revenue (self, 1);
  {
    g_autofree char *n = strata_format_integer (fmt, total);
    g_string_append_printf (s, strata_ngettext ("Tier pyramid of %s customer.",
                                                "Tier pyramid of %s customers.", (gulong) total), n);
  }
  for (guint t = 0; t < self->tiers->len; t++)
    {
      const StrataTierInfo *ti = &g_array_index (self->tiers, StrataTierInfo, t);
      g_autofree char *n = strata_format_integer (fmt, self->counts[1][t]);
      g_autofree char *pc = strata_format_percent (fmt, total > 0 ? self->counts[1][t] / total : 0, 1);
      g_string_append_c (s, ' ');
      /* Translators: tier name, count, share of customers. */
      g_string_append_printf (s, _("%s: %s customers (%s)"), ti->label, n, pc);
      if (self->revenue[1] != NULL)
        {
          g_autofree char *pr = strata_format_percent (fmt, rev > 0 ? self->revenue[1][t] / rev : 0, 1);
          g_string_append_printf (s, _(", %s of revenue"), pr);
        }
      if (self->counts[0] != NULL)
        {
          g_autofree char *b = strata_format_integer (fmt, self->counts[0][t]);
          g_string_append_printf (s, _(", %s by base points alone"), b);
        }
      g_string_append_c (s, '.');
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
strata_pyramid_chart_get_table (StrataPyramidChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GPtrArray *table = strata_table_new ();
  double total, rev;
  gboolean base;

  g_return_val_if_fail (STRATA_IS_PYRAMID_CHART (self), table);

  base = self->counts[0] != NULL;
  total = total_count (self, 1);
  rev = total_revenue (self, 1);
  strata_table_add_row (table, g_strdup (_("Tier")), g_strdup (_("Customers")),
                        g_strdup (_("Share of customers")), g_strdup (_("Revenue")),
                        g_strdup (_("Share of revenue")),
                        g_strdup (base ? _("Base tier customers") : NULL), NULL);
  for (guint t = 0; t < self->tiers->len; t++)
    {
      const StrataTierInfo *ti = &g_array_index (self->tiers, StrataTierInfo, t);
      gboolean has_rev = self->revenue[1] != NULL;
      strata_table_add_row (table, g_strdup (ti->label),
                            strata_format_integer (fmt, self->counts[1][t]),
                            strata_format_percent (fmt, total > 0 ? self->counts[1][t] / total : 0, 1),
                            has_rev ? strata_format_decimal (fmt, self->revenue[1][t], 0) : g_strdup (""),
                            has_rev ? strata_format_percent (fmt, rev > 0 ? self->revenue[1][t] / rev : 0, 1)
                                    : g_strdup (""),
                            base ? strata_format_integer (fmt, self->counts[0][t]) : NULL, NULL);
    }
  return table;
}

static void
draw_iface (StrataChart *chart, cairo_t *cr, const StrataChartStyle *style, double w, double h)
{
  strata_pyramid_chart_draw (STRATA_PYRAMID_CHART (chart), cr, style, w, h);
}

static char *
description_iface (StrataChart *chart)
{
  return strata_pyramid_chart_get_description (STRATA_PYRAMID_CHART (chart));
}

static GPtrArray *
table_iface (StrataChart *chart)
{
  return strata_pyramid_chart_get_table (STRATA_PYRAMID_CHART (chart));
}

static void
strata_pyramid_chart_iface_init (StrataChartInterface *iface)
{
  iface->draw = draw_iface;
  iface->get_description = description_iface;
  iface->get_table = table_iface;
}
