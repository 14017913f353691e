/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The traffic funnel chart (see the header). */
#include "config.h"

#include "strata-chart-private.h"
#include "strata-funnel-chart.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#define N_STEPS STRATA_FUNNEL_N_STEPS

typedef struct
{
  char       *title;
  char       *subtitle;
  StrataRgba  colour;
  gboolean    has_colour;
  double      values[N_STEPS];
  double      rates[N_STEPS];
  int         weakest;
  /* Geometry of the last draw. */
  cairo_rectangle_t bars[N_STEPS];
  cairo_rectangle_t rate_boxes[N_STEPS];
  gboolean          drawn;
} Group;

struct _StrataFunnelChart
{
  GObject  parent_instance;

  GArray  *groups;  /* Group */
};

static void strata_funnel_chart_iface_init (StrataChartInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataFunnelChart, strata_funnel_chart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STRATA_TYPE_CHART,
                                                      strata_funnel_chart_iface_init))

static void
group_clear (gpointer data)
{
  Group *g = data;

  g_free (g->title);
  g_free (g->subtitle);
}

static void
strata_funnel_chart_finalize (GObject *object)
{
  StrataFunnelChart *self = STRATA_FUNNEL_CHART (object);

  g_array_unref (self->groups);
  G_OBJECT_CLASS (strata_funnel_chart_parent_class)->finalize (object);
}

static void
strata_funnel_chart_class_init (StrataFunnelChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_funnel_chart_finalize;
}

static void
strata_funnel_chart_init (StrataFunnelChart *self)
{
  self->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (self->groups, group_clear);
}

StrataFunnelChart *
strata_funnel_chart_new (void)
{
  return g_object_new (STRATA_TYPE_FUNNEL_CHART, NULL);
}

void
strata_funnel_chart_set_groups (StrataFunnelChart            *self,
                                const StrataFunnelChartGroup *groups,
                                guint                         n_groups)
{
  g_return_if_fail (STRATA_IS_FUNNEL_CHART (self));
  g_return_if_fail (n_groups == 0 || groups != NULL);

  g_array_set_size (self->groups, 0);
  for (guint i = 0; i < n_groups; i++)
    {
      Group g = { 0 };

      g.title = g_strdup (groups[i].title != NULL ? groups[i].title : "");
      g.subtitle = g_strdup (groups[i].subtitle);
      g.has_colour = groups[i].colour != NULL;
      if (g.has_colour)
        g.colour = strata_rgba_parse (groups[i].colour);
      memcpy (g.values, groups[i].values, sizeof g.values);
      memcpy (g.rates, groups[i].rates, sizeof g.rates);
      g.weakest = groups[i].weakest;
      g_array_append_val (self->groups, g);
    }
}

void
strata_funnel_chart_set_funnel (StrataFunnelChart        *self,
                                const StrataFunnel       *funnel,
                                const StrataNumberFormat *fmt)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (StrataFunnelChartGroup));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (STRATA_IS_FUNNEL_CHART (self));
  g_return_if_fail (funnel != NULL);

  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *fg = funnel->groups->pdata[k];
      StrataFunnelChartGroup g = { 0 };
      g_autofree char *n = NULL;

      if (fg->customers == 0 || g_str_equal (fg->group, "none"))
        continue;
      n = strata_format_integer (fmt != NULL ? fmt : strata_number_format_get_default (), fg->customers);
      g.title = g_strdup_printf ("%s · %s", fg->group, fg->label);
      g.subtitle = g_strdup_printf (strata_ngettext ("%s customer", "%s customers", fg->customers), n);
      g_ptr_array_add (strings, (char *) g.title);
      g_ptr_array_add (strings, (char *) g.subtitle);
      memcpy (g.values, fg->totals, sizeof g.values);
      memcpy (g.rates, fg->rates, sizeof g.rates);
      g.weakest = fg->weakest;
      g_array_append_val (groups, g);
    }
  strata_funnel_chart_set_groups (self, (StrataFunnelChartGroup *) (void *) groups->data, groups->len);
}

void
strata_funnel_chart_set_customer (StrataFunnelChart          *self,
                                  const StrataFunnelCustomer *customer)
{
  StrataFunnelChartGroup groups[2] = { { 0 } };
  g_autofree char *median = NULL;
  g_autofree char *n = NULL;
  g_autofree char *sub = NULL;

  g_return_if_fail (STRATA_IS_FUNNEL_CHART (self));
  g_return_if_fail (customer != NULL);

  n = strata_format_integer (strata_number_format_get_default (), customer->group_customers);
  /* Translators: the panel of the median customer of a quadrant, e.g. "Median of C". */
  median = g_strdup_printf (_("Median of %s"), customer->group);
  sub = g_strdup_printf (strata_ngettext ("%s customer", "%s customers", customer->group_customers), n);
  groups[0].title = customer->name;
  groups[0].subtitle = customer->ext_id;
  memcpy (groups[0].values, customer->values, sizeof groups[0].values);
  memcpy (groups[0].rates, customer->rates, sizeof groups[0].rates);
  groups[0].weakest = customer->weakest;
  groups[1].title = median;
  groups[1].subtitle = sub;
  groups[1].colour = "#8a8f98";
  memcpy (groups[1].values, customer->median_values, sizeof groups[1].values);
  memcpy (groups[1].rates, customer->median_rates, sizeof groups[1].rates);
  groups[1].weakest = STRATA_FUNNEL_NO_STEP;
  strata_funnel_chart_set_groups (self, groups, 2);
}

guint
strata_funnel_chart_get_n_groups (StrataFunnelChart *self)
{
  g_return_val_if_fail (STRATA_IS_FUNNEL_CHART (self), 0);
  return self->groups->len;
}

StrataRgba
strata_funnel_chart_weak_colour (const StrataChartStyle *style)
{
  /* An orange red that reads on light, dark and projector backgrounds. */
  return strata_rgba_parse (style->theme == STRATA_CHART_THEME_DARK ? "#ff7b63" : "#c53a1a");
}

static char *
rate_text (const StrataNumberFormat *fmt,
           double                    rate)
{
  g_autofree char *p = NULL;

  if (isnan (rate))
    /* Translators: a conversion rate that cannot be computed (nothing at the step before). */
    return g_strdup (_("no rate"));
  p = strata_format_percent (fmt, rate, rate < 0.1 ? 1 : 0);
  return g_strdup_printf ("↓ %s", p);
}

static char *
value_text (const StrataNumberFormat *fmt,
            double                    value)
{
  return isnan (value) ? g_strdup ("–") : strata_format_integer (fmt, round (value));
}

/* On a bar: short for large numbers (598.8万, 6.0M), exact below. */
static char *
bar_text (const StrataNumberFormat *fmt,
          double                    value)
{
  if (!isnan (value) && fabs (value) >= 100000)
    return strata_format_compact (fmt, value);
  return value_text (fmt, value);
}

/* Centred at x, cut with an ellipsis to the panel's width. */
static void
draw_in_width (const StrataChartStyle *style,
               cairo_t                *cr,
               StrataTextRole          role,
               const char             *text,
               double                  x,
               double                  y,
               double                  width,
               const StrataRgba       *colour)
{
  g_autoptr(PangoLayout) layout = strata_chart_style_layout (style, cr, role, text);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_save (cr);
  strata_rgba_set_source (cr, colour);
  cairo_move_to (cr, x - width / 2, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  cairo_restore (cr);
}

/* Share of the widest bar, on a log scale; at least a sliver. */
static double
bar_share (double value,
           double max_log)
{
  if (isnan (value) || value <= 0 || max_log <= 0)
    return 0.02;
  return MAX (0.06, log10 (1 + value) / max_log);
}

void
strata_funnel_chart_draw (StrataFunnelChart      *self,
                          cairo_t                *cr,
                          const StrataChartStyle *style,
                          double                  width,
                          double                  height)
{
  const StrataNumberFormat *fmt = &style->numbers;
  double pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.75;
  double label_w = 0, title_h, sub_h, rate_h, value_h, bar_h, gap, panel_w, max_log = 0, top, offset;
  StrataRgba weak = strata_funnel_chart_weak_colour (style);
  guint n = self->groups->len;

  g_return_if_fail (STRATA_IS_FUNNEL_CHART (self));

  for (guint i = 0; i < n; i++)
    g_array_index (self->groups, Group, i).drawn = FALSE;
  cairo_save (cr);
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);
  if (n == 0)
    {
      strata_draw_empty (cr, style, width, height, _("No funnel to show"));
      cairo_restore (cr);
      return;
    }

  for (guint s = 0; s < N_STEPS; s++)
    {
      double w;

      strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, strata_funnel_step_label (s), &w, NULL);
      label_w = MAX (label_w, w);
    }
  for (guint i = 0; i < n; i++)
    for (guint s = 0; s < N_STEPS; s++)
      {
        double v = g_array_index (self->groups, Group, i).values[s];

        if (!isnan (v) && v > 0)
          max_log = MAX (max_log, log10 (1 + v));
      }
  strata_chart_style_text_size (style, cr, STRATA_TEXT_HEADING, "Ag曝", NULL, &title_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "Ag曝", NULL, &sub_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "Ag曝", NULL, &rate_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, "Ag曝", NULL, &value_h);

  gap = pad;
  panel_w = (width - 2 * pad - label_w - pad - (n - 1) * gap) / n;
  top = pad + title_h + sub_h + pad;
  /* Four bars and three rates between them fill what is left, up to a
   * height; a taller area centres the funnel. */
  bar_h = (height - top - pad - 3 * (rate_h + pad * 0.5)) / N_STEPS;
  bar_h = CLAMP (bar_h, value_h * 1.1, value_h * 2.6);
  if (panel_w < 20 || bar_h <= 0)
    {
      cairo_restore (cr);
      return;
    }
  offset = MAX (0, (height - (top + N_STEPS * bar_h + 3 * (rate_h + pad * 0.5) + pad)) / 2);
  top += offset;

  /* Step names on the left, once for every panel. */
  for (guint s = 0; s < N_STEPS; s++)
    {
      double y = top + s * (bar_h + rate_h + pad * 0.5);

      strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, strata_funnel_step_label (s),
                                    pad, y + bar_h / 2, 0, 0.5, &style->text_secondary);
    }

  for (guint i = 0; i < n; i++)
    {
      Group *g = &g_array_index (self->groups, Group, i);
      double x0 = pad + label_w + pad + i * (panel_w + gap);
      double cx = x0 + panel_w / 2;
      StrataRgba colour = g->has_colour ? g->colour : style->accent;
      StrataRgba on_bar = strata_rgba_text_on (&colour);

      draw_in_width (style, cr, STRATA_TEXT_HEADING, g->title, cx, pad + offset, panel_w, &style->text);
      if (g->subtitle != NULL)
        draw_in_width (style, cr, STRATA_TEXT_SMALL, g->subtitle, cx, pad + offset + title_h, panel_w,
                       &style->text_secondary);

      for (guint s = 0; s < N_STEPS; s++)
        {
          double y = top + s * (bar_h + rate_h + pad * 0.5);
          double w = panel_w * bar_share (g->values[s], max_log);
          g_autofree char *v = bar_text (fmt, g->values[s]);
          double tw;
          cairo_rectangle_t *bar = &g->bars[s];

          bar->x = cx - w / 2;
          bar->y = y;
          bar->width = w;
          bar->height = bar_h;
          strata_rgba_set_source (cr, &colour);
          strata_draw_round_rect (cr, bar->x, bar->y, bar->width, bar->height,
                                  MIN (bar_h * 0.15, w / 2));
          cairo_fill (cr);

          /* The value inside its bar when it fits, else beside it. */
          strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, v, &tw, NULL);
          if (tw + pad <= w)
            strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, v, cx, y + bar_h / 2,
                                          0.5, 0.5, &on_bar);
          else
            strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, v, bar->x + w + pad * 0.4,
                                          y + bar_h / 2, 0, 0.5, NULL);

          if (s > 0)
            {
              g_autofree char *r = rate_text (fmt, g->rates[s]);
              gboolean weakest = (int) s == g->weakest;
              double rw, ry = y - rate_h - pad * 0.25;
              cairo_rectangle_t *box = &g->rate_boxes[s];

              strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, r, &rw, NULL);
              box->x = cx - rw / 2;
              box->y = ry;
              box->width = rw;
              box->height = rate_h;
              if (weakest)
                {
                  /* A tinted pill behind the weakest step's rate. */
                  StrataRgba tint = strata_rgba_mix (&style->background, &weak, 0.18);

                  strata_rgba_set_source (cr, &tint);
                  strata_draw_round_rect (cr, box->x - pad * 0.4, box->y, box->width + pad * 0.8,
                                          box->height, box->height / 2);
                  cairo_fill (cr);
                }
              strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, r, cx, ry, 0.5, 0,
                                            weakest ? &weak : &style->text_secondary);
            }
        }
      g->drawn = TRUE;
    }
  cairo_restore (cr);
}

gboolean
strata_funnel_chart_get_bar (StrataFunnelChart *self,
                             guint              group,
                             guint              step,
                             cairo_rectangle_t *bar)
{
  const Group *g;

  g_return_val_if_fail (STRATA_IS_FUNNEL_CHART (self), FALSE);
  if (group >= self->groups->len || step >= N_STEPS)
    return FALSE;
  g = &g_array_index (self->groups, Group, group);
  if (!g->drawn)
    return FALSE;
  *bar = g->bars[step];
  return TRUE;
}

gboolean
strata_funnel_chart_get_rate_box (StrataFunnelChart *self,
                                  guint              group,
                                  guint              step,
                                  cairo_rectangle_t *box)
{
  const Group *g;

  g_return_val_if_fail (STRATA_IS_FUNNEL_CHART (self), FALSE);
  if (group >= self->groups->len || step == 0 || step >= N_STEPS)
    return FALSE;
  g = &g_array_index (self->groups, Group, group);
  if (!g->drawn)
    return FALSE;
  *box = g->rate_boxes[step];
  return TRUE;
}

char *
strata_funnel_chart_get_description (StrataFunnelChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GString *s = g_string_new (_("Traffic funnel: impressions, clicks, inquiries and orders."));

  g_return_val_if_fail (STRATA_IS_FUNNEL_CHART (self), NULL);

  for (guint i = 0; i < self->groups->len; i++)
    {
      const Group *g = &g_array_index (self->groups, Group, i);

      g_string_append_printf (s, " %s:", g->title);
      for (guint st = 0; st < N_STEPS; st++)
        {
          g_autofree char *v = value_text (fmt, g->values[st]);

          g_string_append_printf (s, "%s %s %s", st > 0 ? "," : "", strata_funnel_step_label (st), v);
          if (st > 0 && !isnan (g->rates[st]))
            {
              g_autofree char *p = strata_format_percent (fmt, g->rates[st], 1);
              g_string_append_printf (s, " (%s)", p);
            }
        }
      if (g->weakest != STRATA_FUNNEL_NO_STEP)
        /* Translators: %s is a funnel step, e.g. "Inquiries". */
        g_string_append_printf (s, _("; weakest step: %s"), strata_funnel_step_label (g->weakest));
      g_string_append_c (s, '.');
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
strata_funnel_chart_get_table (StrataFunnelChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GPtrArray *table = strata_table_new ();

  g_return_val_if_fail (STRATA_IS_FUNNEL_CHART (self), table);

  strata_table_add_row (table, g_strdup (_("Group")),
                        g_strdup (strata_funnel_step_label (STRATA_FUNNEL_IMPRESSIONS)),
                        g_strdup (strata_funnel_step_label (STRATA_FUNNEL_CLICKS)),
                        g_strdup (strata_funnel_step_label (STRATA_FUNNEL_INQUIRIES)),
                        g_strdup (strata_funnel_step_label (STRATA_FUNNEL_ORDERS)),
                        g_strdup (_("Click rate")), g_strdup (_("Inquiry rate")),
                        g_strdup (_("Order rate")), g_strdup (_("Weakest step")), NULL);
  for (guint i = 0; i < self->groups->len; i++)
    {
      const Group *g = &g_array_index (self->groups, Group, i);

      strata_table_add_row (table, g_strdup (g->title),
                            value_text (fmt, g->values[0]), value_text (fmt, g->values[1]),
                            value_text (fmt, g->values[2]), value_text (fmt, g->values[3]),
                            isnan (g->rates[1]) ? g_strdup ("") : strata_format_percent (fmt, g->rates[1], 1),
                            isnan (g->rates[2]) ? g_strdup ("") : strata_format_percent (fmt, g->rates[2], 1),
                            isnan (g->rates[3]) ? g_strdup ("") : strata_format_percent (fmt, g->rates[3], 1),
                            g_strdup (g->weakest != STRATA_FUNNEL_NO_STEP
                                      ? strata_funnel_step_label (g->weakest) : ""),
                            NULL);
    }
  return table;
}

static void
draw_iface (StrataChart *chart, cairo_t *cr, const StrataChartStyle *style, double w, double h)
{
  strata_funnel_chart_draw (STRATA_FUNNEL_CHART (chart), cr, style, w, h);
}

static char *
description_iface (StrataChart *chart)
{
  return strata_funnel_chart_get_description (STRATA_FUNNEL_CHART (chart));
}

static GPtrArray *
table_iface (StrataChart *chart)
{
  return strata_funnel_chart_get_table (STRATA_FUNNEL_CHART (chart));
}

static void
strata_funnel_chart_iface_init (StrataChartInterface *iface)
{
  iface->draw = draw_iface;
  iface->get_description = description_iface;
  iface->get_table = table_iface;
}
