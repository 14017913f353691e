/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-tier-bars.h"

#define ROW_HEIGHT 40
#define BAR_HEIGHT 14
#define LABEL_WIDTH 36
#define COUNT_WIDTH 64   /* at least; wider when the counts need it */
#define COUNT_GAP 6

struct _StrataTierBars
{
  GtkWidget          parent_instance;
  StrataWhatifView  *view;
  GdkRGBA           *colours;
};

G_DEFINE_FINAL_TYPE (StrataTierBars, strata_tier_bars, GTK_TYPE_WIDGET)

char *
strata_tier_bars_get_count_text (StrataTierBars *self,
                                 guint           tier)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (STRATA_IS_TIER_BARS (self), NULL);
  g_return_val_if_fail (self->view != NULL && tier < strata_whatif_view_get_n_tiers (self->view), NULL);
  before = strata_format_integer (fmt, strata_whatif_view_get_count_before (self->view, tier));
  after = strata_format_integer (fmt, strata_whatif_view_get_count_after (self->view, tier));
  /* Translators: customers in a tier before → after the draft rules: "4,372 → 4,384". */
  return g_strdup_printf (_("%s → %s"), before, after);
}

/* The count column is as wide as its widest text, so that a count is
 * never cut at the edge ("4,372 → 437"). */
static int
count_width (StrataTierBars *self)
{
  int widest = COUNT_WIDTH - COUNT_GAP;

  for (guint t = 0; self->view && t < strata_whatif_view_get_n_tiers (self->view); t++)
    {
      g_autofree char *text = strata_tier_bars_get_count_text (self, t);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      widest = MAX (widest, w);
    }
  return widest + COUNT_GAP;
}

double
strata_tier_bars_get_count_x (StrataTierBars *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int counts = count_width (self);

  g_return_val_if_fail (STRATA_IS_TIER_BARS (self), 0);
  return LABEL_WIDTH + MAX (width - LABEL_WIDTH - counts, 10) + COUNT_GAP;
}

static void
strata_tier_bars_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  StrataTierBars *self = STRATA_TIER_BARS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int counts = count_width (self);

      *minimum = LABEL_WIDTH + counts + 80;
      *natural = LABEL_WIDTH + counts + 240;
    }
  else
    *minimum = *natural = ROW_HEIGHT * (self->view ? strata_whatif_view_get_n_tiers (self->view) : 0);
}

static void
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           double       x,
           double       y,
           const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y - h / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
strata_tier_bars_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  StrataTierBars *self = STRATA_TIER_BARS (widget);
  int width = gtk_widget_get_width (widget);
  double bar_space = MAX (width - LABEL_WIDTH - count_width (self), 10);
  GdkRGBA fg, grey;
  guint max;

  if (self->view == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grey = fg;
  grey.alpha = 0.25;
  max = MAX (strata_whatif_view_get_max_count (self->view), 1);

  for (guint t = 0; t < strata_whatif_view_get_n_tiers (self->view); t++)
    {
      guint before = strata_whatif_view_get_count_before (self->view, t);
      guint after = strata_whatif_view_get_count_after (self->view, t);
      double y = t * ROW_HEIGHT + 4;
      g_autofree char *counts = NULL;

      draw_text (widget, snapshot, strata_whatif_view_get_tier_id (self->view, t),
                 0, y + BAR_HEIGHT, &fg);
      gtk_snapshot_append_color (snapshot, &grey,
                                 &GRAPHENE_RECT_INIT (LABEL_WIDTH, y, bar_space * before / max,
                                                      BAR_HEIGHT - 2));
      gtk_snapshot_append_color (snapshot, &self->colours[t],
                                 &GRAPHENE_RECT_INIT (LABEL_WIDTH, y + BAR_HEIGHT,
                                                      bar_space * after / max, BAR_HEIGHT));
      counts = strata_tier_bars_get_count_text (self, t);
      draw_text (widget, snapshot, counts, LABEL_WIDTH + bar_space + COUNT_GAP, y + BAR_HEIGHT, &fg);
    }
}

static void
strata_tier_bars_finalize (GObject *object)
{
  StrataTierBars *self = STRATA_TIER_BARS (object);

  g_clear_pointer (&self->view, strata_whatif_view_unref);
  g_free (self->colours);
  G_OBJECT_CLASS (strata_tier_bars_parent_class)->finalize (object);
}

static void
strata_tier_bars_class_init (StrataTierBarsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = strata_tier_bars_finalize;
  widget_class->measure = strata_tier_bars_measure;
  widget_class->snapshot = strata_tier_bars_snapshot;
  gtk_widget_class_set_css_name (widget_class, "tier-bars");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
strata_tier_bars_init (StrataTierBars *self)
{
}

GtkWidget *
strata_tier_bars_new (void)
{
  return g_object_new (STRATA_TYPE_TIER_BARS, NULL);
}

void
strata_tier_bars_set_view (StrataTierBars     *self,
                           StrataWhatifView   *view,
                           const char * const *colours)
{
  guint n;
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (STRATA_IS_TIER_BARS (self));

  g_clear_pointer (&self->view, strata_whatif_view_unref);
  g_clear_pointer (&self->colours, g_free);
  if (view != NULL)
    {
      self->view = strata_whatif_view_ref (view);
      n = strata_whatif_view_get_n_tiers (view);
      self->colours = g_new0 (GdkRGBA, MAX (n, 1));
      for (guint t = 0; t < n; t++)
        {
          if (colours == NULL || !gdk_rgba_parse (&self->colours[t], colours[t]))
            gdk_rgba_parse (&self->colours[t], "#8a8f98");
          g_string_append_printf (description, "%s %u → %u; ",
                                  strata_whatif_view_get_tier_id (view, t),
                                  strata_whatif_view_get_count_before (view, t),
                                  strata_whatif_view_get_count_after (view, t));
        }
    }
  /* Screen readers (and tests) get the numbers the bars show. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
