/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A row of the Review page's lists of movers: a name, up to three lines of
 * reasons and the tier change, drawn with three Pango layouts. It reads as
 * an AdwActionRow with three subtitle lines, but an action row is a dozen
 * widgets whose wrapped labels GTK 4.8 measures at several widths each:
 * the lists' 132 rows took 0.9 s of main-thread CPU (bench-review prints
 * both). This row asks for a fixed height (a title line and three
 * subtitle lines, from the font's line height) and lays its text out only
 * when drawn. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-mover-row.h"

#define PAD_X 12
#define PAD_Y 8
#define SUBTITLE_LINES 3
#define SUBTITLE_SCALE PANGO_SCALE_SMALL
#define GAP 12

struct _StrataMoverRow
{
  GtkWidget    parent_instance;

  char        *title;
  char        *subtitle;
  char        *suffix;
  gint64       customer_id;
  guint        subtitle_lines;   /* the height asked for: 1 to SUBTITLE_LINES */
  PangoLayout *title_layout;     /* made when drawn */
  PangoLayout *subtitle_layout;
  PangoLayout *suffix_layout;
};

G_DEFINE_FINAL_TYPE (StrataMoverRow, strata_mover_row, GTK_TYPE_WIDGET)

static guint n_alive;

static void
clear_layouts (StrataMoverRow *self)
{
  g_clear_object (&self->title_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->suffix_layout);
}

static PangoAttrList *
subtitle_attributes (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (SUBTITLE_SCALE));
  return attrs;
}

/* The height of a line of the title and of the subtitle in the row's
 * font, measured once per font (every row has the same). */
static void
line_heights (StrataMoverRow *self,
              int            *title,
              int            *subtitle)
{
  static PangoFontDescription *font;
  static int title_height, subtitle_height;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *now = pango_context_get_font_description (context);

  if (font == NULL || now == NULL || !pango_font_description_equal (font, now))
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      PangoAttrList *attrs = subtitle_attributes ();
      PangoRectangle logical;

      pango_layout_set_text (layout, "Ag", -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      title_height = logical.height;
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      subtitle_height = logical.height;
      g_clear_pointer (&font, pango_font_description_free);
      if (now != NULL)
        font = pango_font_description_copy (now);
    }
  *title = title_height;
  *subtitle = subtitle_height;
}

static void
strata_mover_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  StrataMoverRow *self = STRATA_MOVER_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The text wraps and ellipsizes to the list's width. */
      *minimum = 2 * PAD_X + 120;
      *natural = 2 * PAD_X + 360;
    }
  else
    {
      int title, subtitle;

      line_heights (self, &title, &subtitle);
      *minimum = *natural = 2 * PAD_Y + title + 2 + self->subtitle_lines * subtitle;
    }
}

static GdkRGBA
color_of (GtkWidget *widget,
          double     alpha)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  color.alpha *= alpha;
  return color;
}

static void
strata_mover_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  StrataMoverRow *self = STRATA_MOVER_ROW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GdkRGBA fg = color_of (widget, 1.0), dim = color_of (widget, 0.55);
  int title_height, subtitle_height, text_width, suffix_width = 0, title_y;
  PangoRectangle logical;

  if (width <= 2 * PAD_X)
    return;
  line_heights (self, &title_height, &subtitle_height);
  if (self->suffix_layout == NULL && self->suffix != NULL && *self->suffix != '\0')
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      self->suffix_layout = gtk_widget_create_pango_layout (widget, self->suffix);
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (self->suffix_layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (self->suffix_layout != NULL)
    {
      pango_layout_get_pixel_extents (self->suffix_layout, NULL, &logical);
      suffix_width = logical.width;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? PAD_X : width - PAD_X - suffix_width,
                                                              (height - logical.height) / 2));
      gtk_snapshot_append_layout (snapshot, self->suffix_layout, &fg);
      gtk_snapshot_restore (snapshot);
    }
  text_width = MAX (width - 2 * PAD_X - (suffix_width > 0 ? suffix_width + GAP : 0), 1);

  if (self->title_layout == NULL)
    {
      self->title_layout = gtk_widget_create_pango_layout (widget, self->title ? self->title : "");
      pango_layout_set_ellipsize (self->title_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->title_layout, TRUE);
    }
  pango_layout_set_width (self->title_layout, text_width * PANGO_SCALE);
  if (self->subtitle_layout == NULL && self->subtitle != NULL && *self->subtitle != '\0')
    {
      PangoAttrList *attrs = subtitle_attributes ();

      self->subtitle_layout = gtk_widget_create_pango_layout (widget, self->subtitle);
      pango_layout_set_attributes (self->subtitle_layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_wrap (self->subtitle_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (self->subtitle_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (self->subtitle_layout, -(int) self->subtitle_lines);
    }
  if (self->subtitle_layout != NULL)
    pango_layout_set_width (self->subtitle_layout, text_width * PANGO_SCALE);

  /* The text block centred as an action row's title and subtitle are. */
  pango_layout_get_pixel_extents (self->title_layout, NULL, &logical);
  title_y = (height - logical.height -
             (self->subtitle_layout != NULL ? 2 + MIN (pango_layout_get_line_count (self->subtitle_layout),
                                                       (int) self->subtitle_lines) * subtitle_height
                                            : 0)) / 2;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? width - PAD_X - text_width : PAD_X,
                                                          MAX (title_y, 0)));
  pango_layout_set_alignment (self->title_layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  gtk_snapshot_append_layout (snapshot, self->title_layout, &fg);
  if (self->subtitle_layout != NULL)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, logical.height + 2));
      pango_layout_set_alignment (self->subtitle_layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      gtk_snapshot_append_layout (snapshot, self->subtitle_layout, &dim);
    }
  gtk_snapshot_restore (snapshot);
}

static void
strata_mover_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (strata_mover_row_parent_class)->css_changed (widget, change);
  /* The font may have changed: lay out again. */
  clear_layouts (STRATA_MOVER_ROW (widget));
}

static void
strata_mover_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  clear_layouts (STRATA_MOVER_ROW (widget));
  gtk_widget_queue_draw (widget);
}

/* Asked for when the pointer rests on the row: setting a tooltip's text on
 * every row bound cost more than binding it. */
static gboolean
strata_mover_row_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  if (STRATA_MOVER_ROW (widget)->customer_id == 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, _("Show this customer's arrow on the quadrant chart"));
  return TRUE;
}

static void
strata_mover_row_finalize (GObject *object)
{
  StrataMoverRow *self = STRATA_MOVER_ROW (object);

  clear_layouts (self);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->suffix);
  n_alive--;

  G_OBJECT_CLASS (strata_mover_row_parent_class)->finalize (object);
}

static void
strata_mover_row_class_init (StrataMoverRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = strata_mover_row_finalize;
  widget_class->measure = strata_mover_row_measure;
  widget_class->snapshot = strata_mover_row_snapshot;
  widget_class->css_changed = strata_mover_row_css_changed;
  widget_class->direction_changed = strata_mover_row_direction_changed;
  widget_class->query_tooltip = strata_mover_row_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "mover-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
strata_mover_row_init (StrataMoverRow *self)
{
  n_alive++;
  self->subtitle_lines = SUBTITLE_LINES;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
strata_mover_row_new (void)
{
  return g_object_new (STRATA_TYPE_MOVER_ROW, NULL);
}

/* A list whose subtitles are one short sentence (new and lost customers)
 * asks for one line, not three: its rows are not mostly empty. */
void
strata_mover_row_set_subtitle_lines (StrataMoverRow *self,
                                     guint           lines)
{
  g_return_if_fail (STRATA_IS_MOVER_ROW (self));
  g_return_if_fail (lines >= 1 && lines <= SUBTITLE_LINES);

  if (self->subtitle_lines == lines)
    return;
  self->subtitle_lines = lines;
  g_clear_object (&self->subtitle_layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
strata_mover_row_set (StrataMoverRow *self,
                      const char     *title,
                      const char     *subtitle,
                      const char     *suffix,
                      gint64          customer_id)
{
  g_autofree char *label = NULL;

  g_return_if_fail (STRATA_IS_MOVER_ROW (self));

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->suffix);
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->suffix = g_strdup (suffix);
  self->customer_id = customer_id;
  clear_layouts (self);
  /* Read as an action row is: the name and the change, then the reasons. */
  label = suffix != NULL && *suffix != '\0' ? g_strdup_printf ("%s, %s", title ? title : "", suffix)
                                            : g_strdup (title ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
strata_mover_row_get_title (StrataMoverRow *self)
{
  g_return_val_if_fail (STRATA_IS_MOVER_ROW (self), NULL);
  return self->title;
}

const char *
strata_mover_row_get_subtitle (StrataMoverRow *self)
{
  g_return_val_if_fail (STRATA_IS_MOVER_ROW (self), NULL);
  return self->subtitle;
}

const char *
strata_mover_row_get_suffix (StrataMoverRow *self)
{
  g_return_val_if_fail (STRATA_IS_MOVER_ROW (self), NULL);
  return self->suffix;
}

gint64
strata_mover_row_get_customer_id (StrataMoverRow *self)
{
  g_return_val_if_fail (STRATA_IS_MOVER_ROW (self), 0);
  return self->customer_id;
}

guint
strata_mover_row_get_n_alive (void)
{
  return n_alive;
}
