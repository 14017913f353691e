/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-chart-private.h"

#include <math.h>

static void
tier_info_clear (gpointer data)
{
  StrataTierInfo *t = data;
  g_free (t->label);
}

GArray *
strata_tier_info_copy (const StrataChartTier *tiers,
                       guint                  n_tiers)
{
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (StrataTierInfo), n_tiers);

  g_array_set_clear_func (out, tier_info_clear);
  for (guint i = 0; i < n_tiers; i++)
    {
      StrataTierInfo t = { tiers[i].id, g_strdup (tiers[i].label ? tiers[i].label : ""),
                           strata_rgba_parse (tiers[i].colour) };
      g_array_append_val (out, t);
    }
  return out;
}

GPtrArray *
strata_table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
strata_table_add_row (GPtrArray *table,
                      ...)
{
  GStrvBuilder *b = g_strv_builder_new ();
  va_list ap;
  char *cell;

  /* Cells are taken over (transfer full) so callers can pass g_strdup_printf. */
  va_start (ap, table);
  while ((cell = va_arg (ap, char *)) != NULL)
    {
      g_strv_builder_add (b, cell);
      g_free (cell);
    }
  va_end (ap);
  g_ptr_array_add (table, g_strv_builder_end (b));
  g_strv_builder_unref (b);
}

void
strata_draw_round_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   w,
                        double   h,
                        double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
strata_draw_empty (cairo_t                *cr,
                   const StrataChartStyle *style,
                   double                  width,
                   double                  height,
                   const char             *message)
{
  strata_chart_style_draw_text (style, cr, STRATA_TEXT_HEADING, message, width / 2, height / 2,
                                0.5, 0.5, &style->text_secondary);
}

/* Crisp one-device-pixel lines on raster surfaces: put the line's centre on
 * a half pixel when its width is odd. Harmless on vector surfaces. */
double
strata_snap (double v,
             double line_width)
{
  double w = round (line_width);

  if ((int) w % 2 == 1)
    return floor (v) + 0.5;
  return round (v);
}

int
strata_compare_guint (gconstpointer a,
                      gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}
