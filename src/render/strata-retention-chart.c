/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The retention chart (see the header). */
#include "config.h"

#include "strata-chart-private.h"
#include "strata-quadrant-chart-private.h"
#include "strata-retention-chart.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#define MAX_PANELS 2

typedef struct
{
  char       *id;
  char       *label;
  StrataRgba  colour;
} Group;

typedef struct
{
  guint  customers;
  guint  retained;
  double rate;       /* NaN: no customers */
} Cell;

typedef struct
{
  char              *title;
  GArray            *groups;  /* Group */
  GArray            *cells;   /* Cell, pair-major: pair * n_groups + group */
  GArray            *bars;    /* cairo_rectangle_t, as cells */
  cairo_rectangle_t  plot;
  gboolean           drawn;
} Panel;

struct _StrataRetentionChart
{
  GObject    parent_instance;

  GPtrArray *pairs;  /* char*: "Q1 → Q2" */
  GPtrArray *from;   /* char*: the pairs' first periods */
  GPtrArray *to;
  Panel      panels[MAX_PANELS];
  guint      n_panels;
};

static void strata_retention_chart_iface_init (StrataChartInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataRetentionChart, strata_retention_chart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STRATA_TYPE_CHART,
                                                      strata_retention_chart_iface_init))

static void
group_clear (gpointer data)
{
  Group *g = data;

  g_free (g->id);
  g_free (g->label);
}

static void
panel_clear (Panel *p)
{
  g_clear_pointer (&p->title, g_free);
  g_clear_pointer (&p->groups, g_array_unref);
  g_clear_pointer (&p->cells, g_array_unref);
  g_clear_pointer (&p->bars, g_array_unref);
  p->drawn = FALSE;
}

static void
clear (StrataRetentionChart *self)
{
  for (guint i = 0; i < self->n_panels; i++)
    panel_clear (&self->panels[i]);
  self->n_panels = 0;
  g_ptr_array_set_size (self->pairs, 0);
  g_ptr_array_set_size (self->from, 0);
  g_ptr_array_set_size (self->to, 0);
}

static void
strata_retention_chart_finalize (GObject *object)
{
  StrataRetentionChart *self = STRATA_RETENTION_CHART (object);

  clear (self);
  g_ptr_array_unref (self->pairs);
  g_ptr_array_unref (self->from);
  g_ptr_array_unref (self->to);
  G_OBJECT_CLASS (strata_retention_chart_parent_class)->finalize (object);
}

static void
strata_retention_chart_class_init (StrataRetentionChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_retention_chart_finalize;
}

static void
strata_retention_chart_init (StrataRetentionChart *self)
{
  self->pairs = g_ptr_array_new_with_free_func (g_free);
  self->from = g_ptr_array_new_with_free_func (g_free);
  self->to = g_ptr_array_new_with_free_func (g_free);
}

StrataRetentionChart *
strata_retention_chart_new (void)
{
  return g_object_new (STRATA_TYPE_RETENTION_CHART, NULL);
}

char *
strata_retention_pair_label (const char *from,
                             const char *to)
{
  return g_strdup_printf ("%s → %s", from, to);
}

static void
describe_group (StrataRetentionGroupBy  by,
                const char             *id,
                const StrataRules      *rules,
                Group                  *g)
{
  static const char *const fallback[] = { "#3584e4", "#2ec27e", "#f6d32d", "#e66100", "#9141ac",
                                          "#865e3c", "#77767b" };

  g->id = g_strdup (id);
  if (by == STRATA_RETENTION_BY_QUADRANT)
    {
      const char *label = NULL;
      guint q = id[0] >= 'A' && id[0] <= 'D' && id[1] == '\0' ? (guint) (id[0] - 'A') + 1 : 0;

      if (rules != NULL && q > 0)
        label = strata_rules_get_quadrant_label (rules, q - 1);
      g->label = label != NULL && label[0] != '\0' ? g_strdup_printf ("%s · %s", id, label)
                                                   : g_strdup (id);
      g->colour = strata_quadrant_colour (q);
      return;
    }
  if (rules != NULL)
    for (guint t = 0; t < rules->tiers->len; t++)
      {
        const StrataTier *tier = g_ptr_array_index (rules->tiers, t);
        const char *label = strata_tier_get_display_label (tier);

        if (g_strcmp0 (tier->id, id) != 0)
          continue;
        g->label = label != NULL && label[0] != '\0' && g_strcmp0 (label, id) != 0
                   ? g_strdup_printf ("%s · %s", id, label) : g_strdup (id);
        g->colour = strata_rgba_parse (tier->colour != NULL ? tier->colour : fallback[t % G_N_ELEMENTS (fallback)]);
        return;
      }
  g->label = g_str_equal (id, "none") ? g_strdup (_("No tier")) : g_strdup (id);
  g->colour = strata_rgba_parse ("#9a9996");
}

static void
add_panel (StrataRetentionChart  *self,
           const StrataRetention *retention,
           const StrataRules     *rules,
           const char            *title)
{
  Panel *p = &self->panels[self->n_panels++];
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint n_pairs = self->pairs->len;

  p->title = g_strdup (title);
  p->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (p->groups, group_clear);

  /* The groups with customers in some pair, in the order the rows give
   * (each pair lists every group of the rules, in their order). */
  for (guint i = 0; i < retention->rows->len; i++)
    {
      const StrataRetentionRow *r = retention->rows->pdata[i];

      if (!g_ptr_array_find_with_equal_func (ids, r->group, g_str_equal, NULL))
        g_ptr_array_add (ids, r->group);
    }
  for (guint k = ids->len; k-- > 0;)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < retention->rows->len && !any; i++)
        {
          const StrataRetentionRow *r = retention->rows->pdata[i];
          any = r->customers > 0 && g_str_equal (r->group, ids->pdata[k]);
        }
      if (!any)
        g_ptr_array_remove_index (ids, k);
    }
  for (guint k = 0; k < ids->len; k++)
    {
      Group g = { 0 };

      describe_group (retention->by, ids->pdata[k], rules, &g);
      g_array_append_val (p->groups, g);
    }

  p->cells = g_array_sized_new (FALSE, TRUE, sizeof (Cell), MAX (1, n_pairs * ids->len));
  g_array_set_size (p->cells, n_pairs * ids->len);
  for (guint c = 0; c < p->cells->len; c++)
    g_array_index (p->cells, Cell, c).rate = NAN;
  p->bars = g_array_new (FALSE, TRUE, sizeof (cairo_rectangle_t));
  g_array_set_size (p->bars, p->cells->len);

  for (guint i = 0; i < retention->rows->len; i++)
    {
      const StrataRetentionRow *r = retention->rows->pdata[i];
      guint pair, group;

      if (r->customers == 0 || !g_ptr_array_find_with_equal_func (ids, r->group, g_str_equal, &group))
        continue;
      for (pair = 0; pair < n_pairs; pair++)
        if (g_str_equal (self->from->pdata[pair], r->from) && g_str_equal (self->to->pdata[pair], r->to))
          break;
      if (pair == n_pairs)
        continue;
      g_array_index (p->cells, Cell, pair * ids->len + group) =
        (Cell) { r->customers, r->retained, r->rate };
    }
}

void
strata_retention_chart_set_retention (StrataRetentionChart  *self,
                                      const StrataRetention *by_tier,
                                      const StrataRetention *by_quadrant,
                                      const StrataRules     *rules)
{
  const StrataRetention *any = by_tier != NULL ? by_tier : by_quadrant;

  g_return_if_fail (STRATA_IS_RETENTION_CHART (self));

  clear (self);
  if (any == NULL)
    return;
  for (guint i = 0; i + 1 < any->periods->len; i++)
    {
      g_ptr_array_add (self->from, g_strdup (any->periods->pdata[i]));
      g_ptr_array_add (self->to, g_strdup (any->periods->pdata[i + 1]));
      g_ptr_array_add (self->pairs, strata_retention_pair_label (any->periods->pdata[i],
                                                                 any->periods->pdata[i + 1]));
    }
  if (by_tier != NULL)
    add_panel (self, by_tier, rules, _("By tier"));
  if (by_quadrant != NULL)
    add_panel (self, by_quadrant, rules, _("By quadrant"));
}

guint
strata_retention_chart_get_n_panels (StrataRetentionChart *self)
{
  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), 0);
  return self->n_panels;
}

guint
strata_retention_chart_get_n_groups (StrataRetentionChart *self,
                                     guint                 panel)
{
  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), 0);
  return panel < self->n_panels ? self->panels[panel].groups->len : 0;
}

guint
strata_retention_chart_get_n_pairs (StrataRetentionChart *self)
{
  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), 0);
  return self->pairs->len;
}

const char *
strata_retention_chart_get_group_id (StrataRetentionChart *self,
                                     guint                 panel,
                                     guint                 group)
{
  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), NULL);
  if (panel >= self->n_panels || group >= self->panels[panel].groups->len)
    return NULL;
  return g_array_index (self->panels[panel].groups, Group, group).id;
}

static char *
rate_text (const StrataNumberFormat *fmt,
           double                    rate)
{
  return isnan (rate) ? g_strdup ("–") : strata_format_percent (fmt, rate, 0);
}

/* The legend from x, y: wraps onto as many lines as it needs. Returns its
 * height; draws only when draw. */
static double
draw_legend (Panel                  *p,
             cairo_t                *cr,
             const StrataChartStyle *style,
             double                  x,
             double                  y,
             double                  w,
             gboolean                draw)
{
  double pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.6;
  double small_h, sw, lx = x, ly = y;

  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "Ag曝", NULL, &small_h);
  sw = small_h * 0.8;
  for (guint g = 0; g < p->groups->len; g++)
    {
      const Group *grp = &g_array_index (p->groups, Group, g);
      double tw;

      strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, grp->label, &tw, NULL);
      if (lx > x && lx + sw + pad * 0.4 + tw > x + w)
        {
          lx = x;
          ly += small_h + pad * 0.3;
        }
      if (draw)
        {
          strata_rgba_set_source (cr, &grp->colour);
          strata_draw_round_rect (cr, lx, ly + (small_h - sw) / 2, sw, sw, sw * 0.2);
          cairo_fill (cr);
          strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, grp->label, lx + sw + pad * 0.4,
                                        ly, 0, 0, &style->text_secondary);
        }
      lx += sw + pad * 0.4 + tw + pad * 1.2;
    }
  return ly + small_h - y;
}

/* One panel in the box x, y, w, h: title, legend, the 0–100% axis with its
 * grid, a cluster of bars per pair and the pairs' names under them. */
static void
draw_panel (StrataRetentionChart   *self,
            Panel                  *p,
            cairo_t                *cr,
            const StrataChartStyle *style,
            double                  x,
            double                  y,
            double                  w,
            double                  h,
            double                  legend_h)
{
  const StrataNumberFormat *fmt = &style->numbers;
  double pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.6;
  double title_h, small_h, label_h, tick_w = 0, plot_x, plot_y, plot_w, plot_h;
  double cluster_w, bar_w, label_w = 0, label2_w = 0;
  gboolean one_line;
  guint stride;
  guint n_groups = p->groups->len, n_pairs = self->pairs->len;

  strata_chart_style_text_size (style, cr, STRATA_TEXT_HEADING, "Ag曝", NULL, &title_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "Ag曝", NULL, &small_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, "Ag曝", NULL, &label_h);
  {
    g_autofree char *hundred = strata_format_percent (fmt, 1.0, 0);
    strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, hundred, &tick_w, NULL);
  }

  strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, p->title, x, y, 0, 0, &style->text);

  draw_legend (p, cr, style, x, y + title_h + pad * 0.5, w, TRUE);
  legend_h = MAX (legend_h, draw_legend (p, cr, style, x, 0, w, FALSE));

  /* Room above the bars for their rates, below for the pairs' names. */
  plot_x = x + tick_w + pad * 0.6;
  plot_y = y + title_h + pad * 0.5 + legend_h + pad + small_h;
  plot_w = x + w - plot_x;
  plot_h = y + h - plot_y - 2 * label_h - pad * 0.6;
  p->plot = (cairo_rectangle_t) { plot_x, plot_y, plot_w, plot_h };
  if (plot_w < 20 || plot_h < 20)
    return;

  cairo_set_line_width (cr, style->line_width);
  for (guint k = 0; k <= 4; k++)
    {
      double gy = strata_snap (plot_y + plot_h * (1 - k / 4.0), style->line_width);
      g_autofree char *tick = strata_format_percent (fmt, k / 4.0, 0);

      strata_rgba_set_source (cr, k == 0 ? &style->axis : &style->grid);
      cairo_move_to (cr, plot_x, gy);
      cairo_line_to (cr, plot_x + plot_w, gy);
      cairo_stroke (cr);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, tick, plot_x - pad * 0.4, gy,
                                    1, 0.5, &style->text_secondary);
    }

  if (n_pairs == 0 || n_groups == 0)
    return;
  cluster_w = plot_w / n_pairs;
  bar_w = MIN (cluster_w * 0.8 / n_groups, strata_chart_style_px (style, 56));
  for (guint pair = 0; pair < n_pairs; pair++)
    {
      double one_w, two_w;
      g_autofree char *last = g_strdup_printf ("%s →", (char *) self->from->pdata[pair]);

      strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, self->pairs->pdata[pair], &one_w, NULL);
      strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, last, &two_w, NULL);
      label_w = MAX (label_w, one_w);
      label2_w = MAX (label2_w, two_w);
    }
  one_line = label_w <= cluster_w - pad;
  stride = one_line ? 1 : MAX (1, (guint) ceil ((label2_w + pad) / cluster_w));
  for (guint pair = 0; pair < n_pairs; pair++)
    {
      double cx = plot_x + cluster_w * (pair + 0.5);
      double x0 = cx - bar_w * n_groups / 2;
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *two = NULL;

      for (guint g = 0; g < n_groups; g++)
        {
          const Cell *c = &g_array_index (p->cells, Cell, pair * n_groups + g);
          const Group *grp = &g_array_index (p->groups, Group, g);
          cairo_rectangle_t *bar = &g_array_index (p->bars, cairo_rectangle_t, pair * n_groups + g);
          double bh, tw;
          g_autofree char *r = NULL;

          if (isnan (c->rate))
            {
              *bar = (cairo_rectangle_t) { 0, 0, 0, 0 };
              continue;
            }
          bh = plot_h * CLAMP (c->rate, 0, 1);
          *bar = (cairo_rectangle_t) { x0 + g * bar_w + bar_w * 0.08, plot_y + plot_h - bh,
                                       bar_w * 0.84, bh };
          strata_rgba_set_source (cr, &grp->colour);
          cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
          cairo_fill (cr);
          /* The rate over its bar when it fits the bar's width. */
          r = rate_text (fmt, c->rate);
          strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, r, &tw, NULL);
          if (tw <= bar_w * 1.05)
            strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, r, bar->x + bar->width / 2,
                                          bar->y - small_h * 0.05, 0.5, 1, &style->text);
        }

      /* "2026-Q1 → 2026-Q2" on one line, else broken after the arrow;
       * with many pairs, only every stride-th pair is named. */
      if (pair % stride != 0)
        continue;
      two = g_strdup_printf ("%s →\n%s", (char *) self->from->pdata[pair], (char *) self->to->pdata[pair]);
      layout = strata_chart_style_layout (style, cr, STRATA_TEXT_LABEL,
                                          one_line ? self->pairs->pdata[pair] : two);
      pango_layout_set_width (layout, (int) ((stride * cluster_w - pad) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      cairo_save (cr);
      strata_rgba_set_source (cr, &style->text_secondary);
      cairo_move_to (cr, cx - pango_layout_get_width (layout) / (2.0 * PANGO_SCALE), plot_y + plot_h + pad * 0.4);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
      cairo_restore (cr);
    }
  p->drawn = TRUE;
}

void
strata_retention_chart_draw (StrataRetentionChart   *self,
                             cairo_t                *cr,
                             const StrataChartStyle *style,
                             double                  width,
                             double                  height)
{
  double pad, pw, ph, legend_h = 0;
  gboolean across;

  g_return_if_fail (STRATA_IS_RETENTION_CHART (self));

  pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.75;
  for (guint i = 0; i < self->n_panels; i++)
    self->panels[i].drawn = FALSE;
  cairo_save (cr);
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);
  if (self->n_panels == 0 || self->pairs->len == 0)
    {
      strata_draw_empty (cr, style, width, height,
                         _("Retention needs two periods or more"));
      cairo_restore (cr);
      return;
    }
  /* Side by side when wide, else stacked; side by side, the plots share
   * their top whatever each legend needs. */
  across = width >= height * 1.3;
  pw = across ? (width - pad * (self->n_panels + 1)) / self->n_panels : width - 2 * pad;
  ph = across ? height - 2 * pad : (height - pad * (self->n_panels + 1)) / self->n_panels;
  for (guint i = 0; i < self->n_panels && across; i++)
    legend_h = MAX (legend_h, draw_legend (&self->panels[i], cr, style, 0, 0, pw, FALSE));
  for (guint i = 0; i < self->n_panels; i++)
    {
      double px = across ? pad + i * (pw + pad) : pad;
      double py = across ? pad : pad + i * (ph + pad);

      draw_panel (self, &self->panels[i], cr, style, px, py, pw, ph, legend_h);
    }
  cairo_restore (cr);
}

gboolean
strata_retention_chart_get_bar (StrataRetentionChart *self,
                                guint                 panel,
                                guint                 pair,
                                guint                 group,
                                cairo_rectangle_t    *bar)
{
  const Panel *p;
  const Cell *c;

  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), FALSE);
  if (panel >= self->n_panels)
    return FALSE;
  p = &self->panels[panel];
  if (!p->drawn || pair >= self->pairs->len || group >= p->groups->len)
    return FALSE;
  c = &g_array_index (p->cells, Cell, pair * p->groups->len + group);
  if (isnan (c->rate))
    return FALSE;
  *bar = g_array_index (p->bars, cairo_rectangle_t, pair * p->groups->len + group);
  return TRUE;
}

gboolean
strata_retention_chart_get_plot (StrataRetentionChart *self,
                                 guint                 panel,
                                 cairo_rectangle_t    *plot)
{
  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), FALSE);
  if (panel >= self->n_panels || !self->panels[panel].drawn)
    return FALSE;
  *plot = self->panels[panel].plot;
  return TRUE;
}

char *
strata_retention_chart_get_description (StrataRetentionChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GString *s;

  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), NULL);

  s = g_string_new (_("Retention: the share of each group's customers still customers in the next period."));
  for (guint i = 0; i < self->n_panels; i++)
    {
      const Panel *p = &self->panels[i];

      g_string_append_printf (s, " %s:", p->title);
      for (guint pair = 0; pair < self->pairs->len; pair++)
        for (guint g = 0; g < p->groups->len; g++)
          {
            const Cell *c = &g_array_index (p->cells, Cell, pair * p->groups->len + g);
            g_autofree char *r = rate_text (fmt, c->rate);

            if (c->customers == 0)
              continue;
            g_string_append_printf (s, " %s %s %s;", (char *) self->pairs->pdata[pair],
                                    g_array_index (p->groups, Group, g).label, r);
          }
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
strata_retention_chart_get_table (StrataRetentionChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GPtrArray *table = strata_table_new ();

  g_return_val_if_fail (STRATA_IS_RETENTION_CHART (self), table);

  strata_table_add_row (table, g_strdup (_("From")), g_strdup (_("To")), g_strdup (_("Group")),
                        g_strdup (_("Customers")), g_strdup (_("Retained")), g_strdup (_("Rate")), NULL);
  for (guint i = 0; i < self->n_panels; i++)
    {
      const Panel *p = &self->panels[i];

      for (guint pair = 0; pair < self->pairs->len; pair++)
        for (guint g = 0; g < p->groups->len; g++)
          {
            const Cell *c = &g_array_index (p->cells, Cell, pair * p->groups->len + g);

            if (c->customers == 0)
              continue;
            strata_table_add_row (table, g_strdup (self->from->pdata[pair]),
                                  g_strdup (self->to->pdata[pair]),
                                  g_strdup (g_array_index (p->groups, Group, g).label),
                                  strata_format_integer (fmt, c->customers),
                                  strata_format_integer (fmt, c->retained),
                                  rate_text (fmt, c->rate), NULL);
          }
    }
  return table;
}

static void
draw_iface (StrataChart *chart, cairo_t *cr, const StrataChartStyle *style, double w, double h)
{
  strata_retention_chart_draw (STRATA_RETENTION_CHART (chart), cr, style, w, h);
}

static char *
description_iface (StrataChart *chart)
{
  return strata_retention_chart_get_description (STRATA_RETENTION_CHART (chart));
}

static GPtrArray *
table_iface (StrataChart *chart)
{
  return strata_retention_chart_get_table (STRATA_RETENTION_CHART (chart));
}

static void
strata_retention_chart_iface_init (StrataChartInterface *iface)
{
  iface->draw = draw_iface;
  iface->get_description = description_iface;
  iface->get_table = table_iface;
}
