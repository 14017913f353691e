/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-chart-private.h"
#include "strata-movement-chart.h"

#include "strata-i18n.h"
#include "strata-movement-chart-private.h"
#include <math.h>

struct _StrataMovementChart
{
  GObject           parent_instance;

  GArray           *tiers;       /* StrataTierInfo */
  guint             n_rows;      /* tiers, + 1 for "New" */
  guint             n_cols;      /* tiers, + 1 for "Lost" */
  guint            *cells;       /* n_rows x n_cols */
  double           *revenue;     /* n_rows x n_cols, or NULL */
  char             *from_title;
  char             *to_title;

  /* Geometry of the last draw. */
  cairo_rectangle_t grid;
};

static void strata_movement_chart_iface_init (StrataChartInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataMovementChart, strata_movement_chart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STRATA_TYPE_CHART,
                                                      strata_movement_chart_iface_init))

static void
clear (StrataMovementChart *self)
{
  g_clear_pointer (&self->tiers, g_array_unref);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->revenue, g_free);
  g_clear_pointer (&self->from_title, g_free);
  g_clear_pointer (&self->to_title, g_free);
  self->n_rows = self->n_cols = 0;
}

static void
strata_movement_chart_finalize (GObject *object)
{
  clear (STRATA_MOVEMENT_CHART (object));
  G_OBJECT_CLASS (strata_movement_chart_parent_class)->finalize (object);
}

static void
strata_movement_chart_class_init (StrataMovementChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_movement_chart_finalize;
}

static void
strata_movement_chart_init (StrataMovementChart *self)
{
  self->tiers = g_array_new (FALSE, TRUE, sizeof (StrataTierInfo));
}

StrataMovementChart *
strata_movement_chart_new (void)
{
  return g_object_new (STRATA_TYPE_MOVEMENT_CHART, NULL);
}

void
strata_movement_chart_set_data (StrataMovementChart      *self,
                                const StrataMovementData *data)
{
  guint n;

  g_return_if_fail (STRATA_IS_MOVEMENT_CHART (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_tiers == 0 || data->counts != NULL);

  clear (self);
  n = data->n_tiers;
  self->tiers = strata_tier_info_copy (data->tiers, n);
  self->n_rows = n + (data->new_counts != NULL);
  self->n_cols = n + (data->lost_counts != NULL);
  self->cells = g_new0 (guint, MAX (self->n_rows * self->n_cols, 1));
  if (data->revenue != NULL)
    self->revenue = g_new0 (double, MAX (self->n_rows * self->n_cols, 1));
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        self->cells[r * self->n_cols + c] = data->counts[r * n + c];
        if (data->revenue != NULL)
          self->revenue[r * self->n_cols + c] = data->revenue[r * n + c];
      }
  if (data->new_counts != NULL)
    for (guint c = 0; c < n; c++)
      self->cells[n * self->n_cols + c] = data->new_counts[c];
  if (data->lost_counts != NULL)
    for (guint r = 0; r < n; r++)
      self->cells[r * self->n_cols + n] = data->lost_counts[r];
  self->from_title = g_strdup (data->from_title);
  self->to_title = g_strdup (data->to_title);
}

void
strata_movement_chart_get_summary (StrataMovementChart *self,
                                   guint               *up,
                                   guint               *down,
                                   guint               *same)
{
  guint n, u = 0, d = 0, s = 0;

  g_return_if_fail (STRATA_IS_MOVEMENT_CHART (self));
  n = self->tiers->len;
  /* Tiers are best first: a smaller column index is a better tier. */
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        guint v = self->cells[r * self->n_cols + c];
        if (c < r)
          u += v;
        else if (c > r)
          d += v;
        else
          s += v;
      }
  if (up != NULL)
    *up = u;
  if (down != NULL)
    *down = d;
  if (same != NULL)
    *same = s;
}

gboolean
strata_movement_chart_get_cell_rect (StrataMovementChart *self,
                                     guint                row,
                                     guint                column,
                                     cairo_rectangle_t   *rect)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT_CHART (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);
  if (row >= self->n_rows || column >= self->n_cols || self->grid.width <= 0)
    return FALSE;
  rect->width = self->grid.width / self->n_cols;
  rect->height = self->grid.height / self->n_rows;
  rect->x = self->grid.x + column * rect->width;
  rect->y = self->grid.y + row * rect->height;
  return TRUE;
}

gboolean
strata_movement_chart_hit_test (StrataMovementChart *self,
                                double               x,
                                double               y,
                                guint               *row,
                                guint               *column)
{
  const cairo_rectangle_t *g;
  guint r, c;

  g_return_val_if_fail (STRATA_IS_MOVEMENT_CHART (self), FALSE);
  g = &self->grid;
  if (self->n_rows == 0 || x < g->x || y < g->y || x >= g->x + g->width || y >= g->y + g->height)
    return FALSE;
  c = MIN ((guint) ((x - g->x) / g->width * self->n_cols), self->n_cols - 1);
  r = MIN ((guint) ((y - g->y) / g->height * self->n_rows), self->n_rows - 1);
  if (row != NULL)
    *row = r;
  if (column != NULL)
    *column = c;
  return TRUE;
}

static const char *
row_label (StrataMovementChart *self,
           guint                r)
{
  if (r < self->tiers->len)
    return g_array_index (self->tiers, StrataTierInfo, r).label;
  /* Translators: row of the movement matrix for customers not there before. */
  return _("New");
}

static const char *
col_label (StrataMovementChart *self,
           guint                c)
{
  if (c < self->tiers->len)
    return g_array_index (self->tiers, StrataTierInfo, c).label;
  /* Translators: column of the movement matrix for customers gone now. */
  return _("Lost");
}

/* Upgrades blue, downgrades orange, no move grey: readable for the common
 * colour blindnesses, and the same meaning everywhere in Strata. */
static StrataRgba
cell_hue (StrataMovementChart *self,
          guint                r,
          guint                c)
{
  guint n = self->tiers->len;

  if (r >= n)
    return strata_rgba_parse ("#26a269");  /* new: green */
  if (c >= n)
    return strata_rgba_parse ("#a51d2d");  /* lost: red */
  if (c < r)
    return strata_rgba_parse ("#1c71d8");
  if (c > r)
    return strata_rgba_parse ("#e66100");
  return strata_rgba_parse ("#77767b");
}

void
strata_movement_chart_draw (StrataMovementChart    *self,
                            cairo_t                *cr,
                            const StrataChartStyle *style,
                            double                  width,
                            double                  height)
{
  double pad = strata_chart_style_font_px (style, STRATA_TEXT_LABEL) * 0.75;
  double head_w = 0, head_h, label_h, small_h, legend_h, top, left, max_off = 0, max_diag = 0;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint up, down, same;

  g_return_if_fail (STRATA_IS_MOVEMENT_CHART (self));
  g_return_if_fail (cr != NULL && style != NULL);

  cairo_save (cr);
  strata_rgba_set_source (cr, &style->background);
  cairo_paint (cr);
  if (self->n_rows == 0)
    {
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, _("No customers to show"),
                                    width / 2, height / 2, 0.5, 0.5, &style->text_secondary);
      cairo_restore (cr);
      return;
    }

  strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, "0", NULL, &label_h);
  strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, "0", NULL, &small_h);
  for (guint r = 0; r < self->n_rows; r++)
    {
      double w;
      strata_chart_style_text_size (style, cr, STRATA_TEXT_LABEL, row_label (self, r), &w, NULL);
      head_w = MAX (head_w, w);
    }
  head_w = MIN (head_w, width / 5);
  head_h = label_h * 1.3;

  /* Translators: heading over the rows of the movement matrix; %s is a period. */
  from = g_strdup_printf (_("From %s"), self->from_title ? self->from_title : "");
  /* Translators: heading over the columns of the movement matrix; %s is a period. */
  to = g_strdup_printf (_("To %s"), self->to_title ? self->to_title : "");

  legend_h = small_h * 1.6;
  top = pad + label_h * 1.2 + head_h;
  left = pad + head_w + pad * 0.5;
  self->grid.x = left;
  self->grid.y = top;
  self->grid.width = MAX (width - left - pad, 1);
  self->grid.height = MAX (height - top - pad - legend_h, 1);

  strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, to,
                                self->grid.x + self->grid.width / 2, pad, 0.5, 0, &style->text);
  strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, from, pad, pad, 0, 0,
                                &style->text_secondary);

  for (guint r = 0; r < self->n_rows; r++)
    for (guint c = 0; c < self->n_cols; c++)
      {
        double v = self->cells[r * self->n_cols + c];
        if (r == c && r < self->tiers->len)
          max_diag = MAX (max_diag, v);
        else
          max_off = MAX (max_off, v);
      }

  for (guint c = 0; c < self->n_cols; c++)
    {
      cairo_rectangle_t cell;
      strata_movement_chart_get_cell_rect (self, 0, c, &cell);
      if (c < self->tiers->len)
        {
          const StrataTierInfo *ti = &g_array_index (self->tiers, StrataTierInfo, c);
          cairo_rectangle (cr, cell.x + 2, top - strata_chart_style_px (style, 5), cell.width - 4,
                           strata_chart_style_px (style, 3));
          strata_rgba_set_source (cr, &ti->colour);
          cairo_fill (cr);
        }
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, col_label (self, c),
                                    cell.x + cell.width / 2, top - strata_chart_style_px (style, 7),
                                    0.5, 1, &style->text);
    }

  for (guint r = 0; r < self->n_rows; r++)
    {
      cairo_rectangle_t cell;
      strata_movement_chart_get_cell_rect (self, r, 0, &cell);
      if (r < self->tiers->len)
        {
          const StrataTierInfo *ti = &g_array_index (self->tiers, StrataTierInfo, r);
          cairo_rectangle (cr, left - strata_chart_style_px (style, 5), cell.y + 2,
                           strata_chart_style_px (style, 3), cell.height - 4);
          strata_rgba_set_source (cr, &ti->colour);
          cairo_fill (cr);
        }
      strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, row_label (self, r),
                                    left - strata_chart_style_px (style, 9),
                                    cell.y + cell.height / 2, 1, 0.5, &style->text);

      for (guint c = 0; c < self->n_cols; c++)
        {
          guint v = self->cells[r * self->n_cols + c];
          gboolean diag = r == c && r < self->tiers->len;
          double max = diag ? max_diag : max_off;
          /* Log intensity: one mover in a sea of stayers stays visible. */
          double t = v == 0 || max <= 0 ? 0 : 0.18 + 0.82 * log1p (v) / log1p (max);
          StrataRgba hue = cell_hue (self, r, c);
          StrataRgba fill = strata_rgba_mix (&style->background, &hue, t * (diag ? 0.6 : 0.9));
          StrataRgba ink = v == 0 ? style->text_secondary : strata_rgba_text_on (&fill);
          g_autofree char *count = strata_format_integer (&style->numbers, v);
          double inset = strata_chart_style_px (style, 1.5);

          strata_movement_chart_get_cell_rect (self, r, c, &cell);
          /* New customers cannot be lost in the same step: no cell. */
          if (r >= self->tiers->len && c >= self->tiers->len)
            continue;
          cairo_rectangle (cr, cell.x + inset, cell.y + inset, cell.width - 2 * inset,
                           cell.height - 2 * inset);
          fill.a = 1;
          strata_rgba_set_source (cr, &fill);
          cairo_fill (cr);
          if (diag)
            {
              /* The diagonal: no move. An outline marks it in any theme. */
              double lw = strata_chart_style_px (style, 2);
              cairo_rectangle (cr, cell.x + inset + lw / 2, cell.y + inset + lw / 2,
                               cell.width - 2 * inset - lw, cell.height - 2 * inset - lw);
              strata_rgba_set_source (cr, &style->text_secondary);
              cairo_set_line_width (cr, lw);
              cairo_stroke (cr);
            }

          if (self->revenue != NULL && v > 0 && self->revenue[r * self->n_cols + c] != 0
              && cell.height > label_h + small_h * 1.2)
            {
              g_autofree char *money = strata_format_money (&style->numbers,
                                                            self->revenue[r * self->n_cols + c],
                                                            style->currency);
              strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, count,
                                            cell.x + cell.width / 2, cell.y + cell.height / 2,
                                            0.5, 0.9, &ink);
              strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, money,
                                            cell.x + cell.width / 2, cell.y + cell.height / 2,
                                            0.5, -0.05, &ink);
            }
          else
            strata_chart_style_draw_text (style, cr, STRATA_TEXT_LABEL, count,
                                          cell.x + cell.width / 2, cell.y + cell.height / 2,
                                          0.5, 0.5, &ink);
        }
    }

  /* Legend: what the hues mean, with the totals. */
  strata_movement_chart_get_summary (self, &up, &down, &same);
  {
    g_autofree char *nu = strata_format_integer (&style->numbers, up);
    g_autofree char *nd = strata_format_integer (&style->numbers, down);
    g_autofree char *ns = strata_format_integer (&style->numbers, same);
    /* Translators: legend of the movement matrix, with counts. */
    g_autofree char *u = g_strdup_printf (_("Up: %s"), nu);
    g_autofree char *d = g_strdup_printf (_("Down: %s"), nd);
    g_autofree char *s = g_strdup_printf (_("Same tier: %s"), ns);
    const char *texts[] = { u, d, s };
    StrataRgba hues[] = { strata_rgba_parse ("#1c71d8"), strata_rgba_parse ("#e66100"),
                          strata_rgba_parse ("#77767b") };
    double x = left, y = height - pad - legend_h / 2, sw = small_h * 0.8;
    for (guint i = 0; i < 3; i++)
      {
        double tw;
        cairo_rectangle (cr, x, y - sw / 2, sw, sw);
        strata_rgba_set_source (cr, &hues[i]);
        cairo_fill (cr);
        strata_chart_style_draw_text (style, cr, STRATA_TEXT_SMALL, texts[i], x + sw * 1.5, y, 0,
                                      0.5, &style->text);
        strata_chart_style_text_size (style, cr, STRATA_TEXT_SMALL, texts[i], &tw, NULL);
        x += sw * 1.5 + tw + pad * 1.5;
      }
  }
  cairo_restore (cr);
}

char *
strata_movement_chart_get_description (StrataMovementChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GString *s = g_string_new (NULL);
  guint up, down, same;
  g_autofree char *u = NULL;
  g_autofree char *d = NULL;
  g_autofree char *k = NULL;

  g_return_val_if_fail (STRATA_IS_MOVEMENT_CHART (self), NULL);
  strata_movement_chart_get_summary (self, &up, &down, &same);
  u = strata_format_integer (fmt, up);
  d = strata_format_integer (fmt, down);
  k = strata_format_integer (fmt, same);
  /* Translators: movement summary; periods, then counts. */
  g_string_append_printf (s, _("Tier movement from %s to %s: %s customers moved up, %s moved down, "
                               "%s stayed in their tier."),
                          self->from_title ? self->from_title : "",
                          self->to_title ? self->to_title : "", u, d, k);
  for (guint r = 0; r < self->n_rows; r++)
    for (guint c = 0; c < self->n_cols; c++)
      {
        guint v = self->cells[r * self->n_cols + c];
        g_autofree char *n = NULL;
        if (v == 0 || r == c)
          continue;
        n = strata_format_integer (fmt, v);
        g_string_append_c (s, ' ');
        /* Translators: one cell of the movement matrix: "B to A: 12." */
        g_string_append_printf (s, _("%s to %s: %s."), row_label (self, r), col_label (self, c), n);
      }
  return g_string_free (s, FALSE);
}

GPtrArray *
strata_movement_chart_get_table (StrataMovementChart *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  GPtrArray *table = strata_table_new ();
  GStrvBuilder *b;

  g_return_val_if_fail (STRATA_IS_MOVEMENT_CHART (self), table);

  /* Rows as in the chart: header with the "to" tiers, then one row per
   * "from" tier; revenue in parentheses when known. */
  b = g_strv_builder_new ();
  g_strv_builder_add (b, _("From → To"));
  for (guint c = 0; c < self->n_cols; c++)
    g_strv_builder_add (b, col_label (self, c));
  g_ptr_array_add (table, g_strv_builder_end (b));
  g_strv_builder_unref (b);
  for (guint r = 0; r < self->n_rows; r++)
    {
      b = g_strv_builder_new ();
      g_strv_builder_add (b, row_label (self, r));
      for (guint c = 0; c < self->n_cols; c++)
        {
          g_autofree char *n = strata_format_integer (fmt, self->cells[r * self->n_cols + c]);
          if (r >= self->tiers->len && c >= self->tiers->len)
            {
              g_strv_builder_add (b, "");
              continue;
            }
          if (self->revenue != NULL && self->revenue[r * self->n_cols + c] != 0)
            {
              g_autofree char *m = strata_format_decimal (fmt, self->revenue[r * self->n_cols + c], 0);
              g_autofree char *cell = g_strdup_printf ("%s (%s)", n, m);
              g_strv_builder_add (b, cell);
            }
          else
            g_strv_builder_add (b, n);
        }
      g_ptr_array_add (table, g_strv_builder_end (b));
      g_strv_builder_unref (b);
    }
  return table;
}

static void
draw_iface (StrataChart *chart, cairo_t *cr, const StrataChartStyle *style, double w, double h)
{
  strata_movement_chart_draw (STRATA_MOVEMENT_CHART (chart), cr, style, w, h);
}

static char *
description_iface (StrataChart *chart)
{
  return strata_movement_chart_get_description (STRATA_MOVEMENT_CHART (chart));
}

static GPtrArray *
table_iface (StrataChart *chart)
{
  return strata_movement_chart_get_table (STRATA_MOVEMENT_CHART (chart));
}

static void
strata_movement_chart_iface_init (StrataChartInterface *iface)
{
  iface->draw = draw_iface;
  iface->get_description = description_iface;
  iface->get_table = table_iface;
}
