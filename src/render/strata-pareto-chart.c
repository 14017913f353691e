/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-axis.h"
#include "strata-chart-private.h"
#include "strata-pareto.h"
#include "strata-pareto-chart.h"

#include "strata-i18n.h"
#include "strata-pareto-chart-private.h"
#include <math.h>

/* The curve is kept at this many evenly spaced customer shares: enough
 * for any screen or page, whatever the number of customers. */
#define CURVE_POINTS 1024
/* Borrowed values: the top k's revenue is a checkpoint plus at most this
 * many values. */
#define CHECKPOINT 64

struct _StrataParetoChart
{
  GObject           parent_instance;

  gsize             n;
  double           *cumulative;  /* n + 1 values, cumulative[k] = share of top k;
                                  * NULL when the values are borrowed: */
  const double     *values;      /* borrowed from owner */
  gpointer          owner;
  GDestroyNotify    owner_free;
  guint32          *order;       /* n: values' indexes, largest first */
  double           *checkpoints; /* the revenue of the top k, k a multiple of CHECKPOINT */
  double            total;
  double            curve[CURVE_POINTS + 1];
  double            top_share;
  double            top_value;    /* revenue share of the top customers */
  gsize             top_n;        /* how many customers that is */
  char             *title;
  cairo_rectangle_t plot;
};

static void strata_pareto_chart_iface_init (StrataChartInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataParetoChart, strata_pareto_chart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STRATA_TYPE_CHART,
                                                      strata_pareto_chart_iface_init))

static void
clear_data (StrataParetoChart *self)
{
  g_clear_pointer (&self->cumulative, g_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->checkpoints, g_free);
  self->values = NULL;
  if (self->owner != NULL)
    self->owner_free (self->owner);
  self->owner = NULL;
}

static void
strata_pareto_chart_finalize (GObject *object)
{
  StrataParetoChart *self = STRATA_PARETO_CHART (object);

  clear_data (self);
  g_free (self->title);
  G_OBJECT_CLASS (strata_pareto_chart_parent_class)->finalize (object);
}

static void
strata_pareto_chart_class_init (StrataParetoChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_pareto_chart_finalize;
}

static void
strata_pareto_chart_init (StrataParetoChart *self)
{
  self->top_share = 0.2;
}

StrataParetoChart *
strata_pareto_chart_new (void)
{
  return g_object_new (STRATA_TYPE_PARETO_CHART, NULL);
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? 1 : x > y ? -1 : 0;
}

/* Refunds and missing values bring no revenue: they count as customers
 * with zero, so the shares stay between 0 and 1. */
static inline double
revenue (double v)
{
  return isfinite (v) && v > 0 ? v : 0;
}

typedef struct
{
  double  v;
  guint32 i;
} Ranked;

static int
compare_ranked_desc (gconstpointer a,
                     gconstpointer b)
{
  double x = ((const Ranked *) a)->v, y = ((const Ranked *) b)->v;
  return x < y ? 1 : x > y ? -1 : 0;
}

/* The share of revenue of the top k customers: cumulative[k], or with
 * borrowed values the same sums (the same additions in the same order,
 * so the same doubles) from the checkpoint below k. */
static double
share_of_top (StrataParetoChart *self,
              gsize              k)
{
  double sum;

  if (self->cumulative != NULL)
    return self->cumulative[k];
  sum = self->checkpoints[k / CHECKPOINT];
  for (gsize j = k / CHECKPOINT * CHECKPOINT; j < k; j++)
    sum += revenue (self->values[self->order[j]]);
  return self->total > 0 ? sum / self->total : 0;
}

static void
set_data (StrataParetoChart      *self,
          const StrataParetoData *data,
          gpointer                owner,
          GDestroyNotify          owner_free)
{
  double total = 0;

  clear_data (self);
  self->n = data->n_values;
  for (gsize i = 0; i < data->n_values; i++)
    total += revenue (data->values[i]);
  self->total = total;
  if (owner == NULL)
    {
      g_autofree double *sorted = g_new (double, MAX (data->n_values, 1));

      for (gsize i = 0; i < data->n_values; i++)
        sorted[i] = revenue (data->values[i]);
      qsort (sorted, data->n_values, sizeof (double), compare_desc);
      self->cumulative = g_new (double, self->n + 1);
      self->cumulative[0] = 0;
      for (gsize k = 0; k < self->n; k++)
        self->cumulative[k + 1] = self->cumulative[k] + sorted[k];
      for (gsize k = 0; k <= self->n; k++)
        self->cumulative[k] = total > 0 ? self->cumulative[k] / total : 0;
    }
  else
    {
      /* 4 bytes a customer (and a checkpoint per 64) instead of the 8 of
       * a share each: the values stay owner's. */
      g_autofree Ranked *ranked = g_new (Ranked, MAX (data->n_values, 1));
      double sum = 0;

      self->values = data->values;
      self->owner = owner;
      self->owner_free = owner_free;
      for (gsize i = 0; i < data->n_values; i++)
        ranked[i] = (Ranked) { revenue (data->values[i]), (guint32) i };
      qsort (ranked, data->n_values, sizeof (Ranked), compare_ranked_desc);
      self->order = g_new (guint32, MAX (data->n_values, 1));
      self->checkpoints = g_new (double, self->n / CHECKPOINT + 1);
      for (gsize k = 0; k <= self->n; k++)
        {
          if (k % CHECKPOINT == 0)
            self->checkpoints[k / CHECKPOINT] = sum;
          if (k < self->n)
            {
              self->order[k] = ranked[k].i;
              sum += ranked[k].v;
            }
        }
    }

  self->top_share = data->top_share > 0 && data->top_share < 1 ? data->top_share : 0.2;
  /* The marked figure is the one the report prints: the same function. */
  self->top_value = strata_pareto_top_share (data->values, data->n_values, self->top_share,
                                             &self->top_n);
  g_free (self->title);
  self->title = g_strdup (data->title);
  for (guint i = 0; i <= CURVE_POINTS; i++)
    self->curve[i] = strata_pareto_chart_share_at (self, (double) i / CURVE_POINTS);
}

void
strata_pareto_chart_set_data (StrataParetoChart      *self,
                              const StrataParetoData *data)
{
  g_return_if_fail (STRATA_IS_PARETO_CHART (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_values == 0 || data->values != NULL);

  set_data (self, data, NULL, NULL);
}

void
strata_pareto_chart_set_data_borrowed (StrataParetoChart      *self,
                                       const StrataParetoData *data,
                                       gpointer                owner,
                                       GDestroyNotify          owner_free)
{
  g_return_if_fail (STRATA_IS_PARETO_CHART (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_values == 0 || data->values != NULL);
  g_return_if_fail (data->n_values <= G_MAXUINT32);
  g_return_if_fail (owner != NULL && owner_free != NULL);

  set_data (self, data, owner, owner_free);
}

/* Revenue share of the top @customer_share of customers, interpolated
 * between whole customers. */
double
strata_pareto_chart_share_at (StrataParetoChart *self,
                              double             customer_share)
{
  double pos, frac;
  gsize k;

  g_return_val_if_fail (STRATA_IS_PARETO_CHART (self), 0);
  if (self->n == 0)
    return 0;
  pos = CLAMP (customer_share, 0, 1) * self->n;
  k = (gsize) floor (pos);
  if (k >= self->n)
    return share_of_top (self, self->n);
  frac = pos - k;
  return share_of_top (self, k) + frac * (share_of_top (self, k + 1) - share_of_top (self, k));
}

gsize
strata_pareto_chart_get_held_bytes (StrataParetoChart *self)
{
  g_return_val_if_fail (STRATA_IS_PARETO_CHART (self), 0);
  if (self->cumulative != NULL)
    return (self->n + 1) * sizeof (double);
  if (self->order != NULL)
    return self->n * sizeof (guint32) + (self->n / CHECKPOINT + 1) * sizeof (double);
  return 0;
}

/* The smallest share of customers that brings @revenue_share. */
double
strata_pareto_chart_customers_for (StrataParetoChart *self,
                                   double             revenue_share)
{
  gsize lo = 0, hi;

  g_return_val_if_fail (STRATA_IS_PARETO_CHART (self), 0);
  if (self->n == 0)
    return 0;
  hi = self->n;
  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      if (share_of_top (self, mid) + 1e-12 >= revenue_share)
        hi = mid;
      else
        lo = mid + 1;
    }
  return (double) lo / self->n;
}

double
strata_pareto_chart_get_top (StrataParetoChart *self,
                             gsize             *n_top)
{
  g_return_val_if_fail (STRATA_IS_PARETO_CHART (self), 0);
  if (n_top != NULL)
    *n_top = self->top_n;
  return self->top_value;
}

void
strata_pareto_chart_get_plot_area (StrataParetoChart *self,
                                   cairo_rectangle_t *area)
{
  g_return_if_fail (STRATA_IS_PARETO_CHART (self));
  *area = self->plot;
}

static char *
top_text (StrataParetoChart      *self,
          const StrataNumberFormat *fmt)
{
  g_autofree char *c = strata_format_percent (fmt, self->top_share, 0);
  g_autofree char *r = strata_format_percent (fmt, self->top_value, 1);
  /* Translators: the mark on the Pareto curve: "Top 20% of customers: 78.5% of revenue". */
  return g_strdup_printf (_("Top %s of customers: %s of revenue"), c, r);
}

void
strata_pareto_chart_draw (StrataParetoChart      *self,
                          cairo_t                *cr,
                          const StrataChartStyle *style,
                          double                  width,
                          double                  height)
{
  StrataAxis axis = { STRATA_AXIS_LINEAR, 0, 1, STRATA_METRIC_NUMBER };
  double pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.75;
  double small_h, label_h, title_h = 0, tick_w, lw = style->line_width * style->scale;
  const char *x_title = _("Share of customers, largest revenue first");
  const char *y_title = _("Cumulative share of revenue");
  cairo_rectangle_t *p = &self->plot;
  g_autoptr(GArray) ticks = NULL;
  double top_x, top_y, share;

  g_return_if_fail (STRATA_IS_PARETO_CHART (self));
  g_return_if_fail (cr != NULL && style != NULL);

  cairo_save (cr);
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);

  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "100%", &tick_w, &small_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, "0", NULL, &label_h);
  if (self->title != NULL)
    {
      strata_chart_style_text_size (style, cr, STRATA_TEXT_TITLE, self->title, NULL, &title_h);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_TITLE, self->title, pad, pad, 0, 0,
                                    &style->text);
      title_h += pad * 0.5;
    }
  p->x = pad + label_h + pad * 0.5 + tick_w + strata_chart_style_px (style, 8);
  p->y = pad + title_h + small_h / 2;
  p->width = MAX (width - p->x - pad - tick_w / 2, 1);
  p->height = MAX (height - p->y - pad - label_h - small_h - strata_chart_style_px (style, 12), 1);

  /* Grid and tick labels: 0..100% in steps of 20%, or 10% when tall. */
  ticks = strata_axis_ticks (&axis, p->height > 30 * small_h ? 10 : 5);
  cairo_set_line_width (cr, lw);
  strata_rgba_set_source (cr, &style->grid);
  for (guint i = 0; i < ticks->len; i++)
    {
      double t = g_array_index (ticks, double, i);
      cairo_move_to (cr, strata_snap (p->x + t * p->width, lw), p->y);
      cairo_line_to (cr, strata_snap (p->x + t * p->width, lw), p->y + p->height);
      cairo_move_to (cr, p->x, strata_snap (p->y + (1 - t) * p->height, lw));
      cairo_line_to (cr, p->x + p->width, strata_snap (p->y + (1 - t) * p->height, lw));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < ticks->len; i++)
    {
      double t = g_array_index (ticks, double, i);
      g_autofree char *s = strata_format_percent (&style->numbers, t, 0);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, s, p->x + t * p->width,
                                    p->y + p->height + strata_chart_style_px (style, 4), 0.5, 0,
                                    &style->text_secondary);
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, s,
                                    p->x - strata_chart_style_px (style, 6),
                                    p->y + (1 - t) * p->height, 1, 0.5, &style->text_secondary);
    }
  strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, x_title, p->x + p->width / 2,
                                height - pad, 0.5, 1, &style->text);
  cairo_save (cr);
  cairo_translate (cr, pad, p->y + p->height / 2);
  cairo_rotate (cr, -G_PI / 2);
  strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, y_title, 0, 0, 0.5, 0, &style->text);
  cairo_restore (cr);

  if (self->n == 0)
    {
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, _("No customers to show"),
                                    p->x + p->width / 2, p->y + p->height / 2, 0.5, 0.5,
                                    &style->text_secondary);
      cairo_restore (cr);
      return;
    }

  /* Equal distribution: the diagonal, dashed, for comparison. */
  {
    double dash = strata_chart_style_px (style, 5);
    cairo_set_dash (cr, &dash, 1, 0);
    strata_rgba_set_source (cr, &style->axis);
    cairo_move_to (cr, p->x, p->y + p->height);
    cairo_line_to (cr, p->x + p->width, p->y);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }

  /* The curve, with the area under it tinted. */
  cairo_move_to (cr, p->x, p->y + p->height);
  for (guint i = 0; i <= CURVE_POINTS; i++)
    cairo_line_to (cr, p->x + p->width * i / CURVE_POINTS, p->y + (1 - self->curve[i]) * p->height);
  cairo_line_to (cr, p->x + p->width, p->y + p->height);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, style->accent.r, style->accent.g, style->accent.b, 0.15);
  cairo_fill (cr);
  cairo_move_to (cr, p->x, p->y + p->height);
  for (guint i = 0; i <= CURVE_POINTS; i++)
    cairo_line_to (cr, p->x + p->width * i / CURVE_POINTS, p->y + (1 - self->curve[i]) * p->height);
  strata_rgba_set_source (cr, &style->accent);
  cairo_set_line_width (cr, strata_chart_style_px (style, 2.5) * MAX (style->line_width, 1));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  /* The top-20% mark: lines to both axes, a dot and the sentence. */
  /* At the top customers counted whole, so that the dot sits on the curve. */
  share = self->top_value;
  top_x = p->x + (self->n > 0 ? (double) self->top_n / self->n : self->top_share) * p->width;
  top_y = p->y + (1 - share) * p->height;
  cairo_set_line_width (cr, strata_chart_style_px (style, 1.5) * MAX (style->line_width, 1));
  strata_rgba_set_source (cr, &style->threshold);
  cairo_move_to (cr, top_x, p->y + p->height);
  cairo_line_to (cr, top_x, top_y);
  cairo_line_to (cr, p->x, top_y);
  cairo_stroke (cr);
  cairo_arc (cr, top_x, top_y, strata_chart_style_px (style, 5), 0, 2 * G_PI);
  cairo_fill (cr);
  {
    g_autofree char *text = top_text (self, &style->numbers);
    double tw, th, tx, ty;
    strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, text, &tw, &th);
    /* Right of and below the dot, inside the plot where the curve has
     * already climbed: that corner is empty. */
    tx = MIN (top_x + strata_chart_style_px (style, 10), p->x + p->width - tw - pad * 0.5);
    ty = MIN (top_y + strata_chart_style_px (style, 8), p->y + p->height - th - pad * 0.5);
    strata_draw_round_rect (cr, tx - pad * 0.4, ty - pad * 0.2, tw + pad * 0.8, th + pad * 0.4,
                            strata_chart_style_px (style, 4));
    strata_rgba_set_source (cr, &style->surface);
    cairo_fill (cr);
    strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, text, tx, ty, 0, 0, &style->text);
  }
  cairo_restore (cr);
}

char *
strata_pareto_chart_get_description (StrataParetoChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  g_autofree char *top = NULL;
  g_autofree char *n = NULL;
  g_autofree char *c80 = NULL;

  g_return_val_if_fail (STRATA_IS_PARETO_CHART (self), NULL);
  top = top_text (self, fmt);
  n = strata_format_integer (fmt, self->n);
  c80 = strata_format_percent (fmt, strata_pareto_chart_customers_for (self, 0.8), 1);
  /* Translators: Pareto summary; the second %s is "Top 20% of customers: ...". */
  return g_strdup_printf (strata_ngettext ("Pareto curve of %s customer. %s. 80%% of revenue comes from %s of customers.",
                                           "Pareto curve of %s customers. %s. 80%% of revenue comes from %s of customers.",
                                           self->n),
                          n, top, c80);
}

GPtrArray *
strata_pareto_chart_get_table (StrataParetoChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GPtrArray *table = strata_table_new ();

  g_return_val_if_fail (STRATA_IS_PARETO_CHART (self), table);
  strata_table_add_row (table, g_strdup (_("Share of customers")),
                        g_strdup (_("Cumulative share of revenue")), NULL);
  for (guint i = 1; i <= 10; i++)
    strata_table_add_row (table, strata_format_percent (fmt, i / 10.0, 0),
                          strata_format_percent (fmt, strata_pareto_chart_share_at (self, i / 10.0), 1),
                          NULL);
  return table;
}

static void
draw_iface (StrataChart *chart, cairo_t *cr, const StrataChartStyle *style, double w, double h)
{
  strata_pareto_chart_draw (STRATA_PARETO_CHART (chart), cr, style, w, h);
}

static char *
description_iface (StrataChart *chart)
{
  return strata_pareto_chart_get_description (STRATA_PARETO_CHART (chart));
}

static GPtrArray *
table_iface (StrataChart *chart)
{
  return strata_pareto_chart_get_table (STRATA_PARETO_CHART (chart));
}

static void
strata_pareto_chart_iface_init (StrataChartInterface *iface)
{
  iface->draw = draw_iface;
  iface->get_description = description_iface;
  iface->get_table = table_iface;
}
