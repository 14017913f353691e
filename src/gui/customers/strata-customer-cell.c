/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-customer-cell.h"
#include "strata-format.h"
#include "strata-rules.h"

/* A text column's cell is one widget that lays out and draws its text
 * itself: a GtkLabel child per cell cost a second widget, its own
 * PangoLayout kept for good and its CSS node, times 9 cells of each of the
 * 200 rows GTK 4.8 makes. The Tier column's chip and mark stay a label and
 * an image in a box. */
struct _StrataCustomerCell
{
  GtkWidget           parent_instance;

  char               *text;           /* a text column's, drawn by the cell */
  int                 text_width;     /* its natural size, -1: not measured */
  int                 text_height;
  int                 text_baseline;
  GtkLabel           *label;          /* Tier column: the chip */
  GtkWidget          *override_mark;  /* Tier column: shown for a tier set by hand */
  StrataCustomerField field;
  int                 tier_class;   /* the tier-N class the label has, -1 none */
  int                 change;       /* Change column: the arrow shown (-1, 0, 1),
                                     * 2 before the first */
};

G_DEFINE_FINAL_TYPE (StrataCustomerCell, strata_customer_cell, GTK_TYPE_WIDGET)

static const char *quadrant_letters[] = { "", "A", "B", "C", "D" };

static gboolean
field_is_numeric (StrataCustomerField field)
{
  return field == STRATA_CUSTOMER_FIELD_ORDER_AMOUNT || field == STRATA_CUSTOMER_FIELD_REFERRALS ||
         field == STRATA_CUSTOMER_FIELD_INQUIRIES || field == STRATA_CUSTOMER_FIELD_SCORE;
}

/* The Tier column's chip, and beside it the mark of a tier set by hand. */
static void
add_tier_chip (StrataCustomerCell *self)
{
  GtkLayoutManager *box = gtk_box_layout_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (box), 4);
  gtk_widget_set_layout_manager (GTK_WIDGET (self), box);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  gtk_label_set_xalign (self->label, 0);
  /* The chip keeps its width so that the mark can sit right beside it. */
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "tier-chip");
  gtk_widget_set_halign (GTK_WIDGET (self->label), GTK_ALIGN_START);
  /* Beside the tier, so an override is seen where the tier is read. */
  self->override_mark = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_add_css_class (self->override_mark, "dim-label");
  gtk_widget_add_css_class (self->override_mark, "override-mark");
  gtk_widget_set_valign (self->override_mark, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->override_mark, FALSE);
  gtk_widget_set_parent (self->override_mark, GTK_WIDGET (self));
}

/* The text laid out in the cell's font, as a GtkLabel of the same classes
 * would (numbers with tabular figures, from .numeric); width: for the
 * Name column's ellipsis, -1 for none. */
static PangoLayout *
text_layout (StrataCustomerCell *self,
             int                 width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);

  if (field_is_numeric (self->field))
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (width >= 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, width * PANGO_SCALE);
    }
  return layout;
}

static void
forget_size (StrataCustomerCell *self)
{
  self->text_width = -1;
}

static void
measure_text (StrataCustomerCell *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (self->text_width >= 0)
    return;
  layout = text_layout (self, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  self->text_width = PANGO_PIXELS_CEIL (logical.width);
  self->text_height = PANGO_PIXELS_CEIL (logical.height);
  self->text_baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (layout));
}

/* As GtkLabel measures a line that does not wrap: the Name column's
 * ellipsized text may shrink to its ellipsis. */
static void
strata_customer_cell_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  StrataCustomerCell *self = STRATA_CUSTOMER_CELL (widget);

  measure_text (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *natural = self->text_width;
      *minimum = self->text_width;
      if (self->field == STRATA_CUSTOMER_FIELD_NAME)
        {
          g_autoptr(PangoLayout) layout = text_layout (self, 0);
          PangoRectangle logical;

          pango_layout_get_extents (layout, NULL, &logical);
          *minimum = MIN (PANGO_PIXELS_CEIL (logical.width), self->text_width);
        }
    }
  else
    {
      *minimum = *natural = self->text_height;
      *minimum_baseline = *natural_baseline = self->text_baseline;
    }
}

/* Where GtkLabel puts its text: xalign (flipped right to left), centred
 * in the height or on the allocated baseline. */
static void
strata_customer_cell_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  StrataCustomerCell *self = STRATA_CUSTOMER_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_allocated_baseline (widget);
  float xalign = field_is_numeric (self->field) ? 1 : 0;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  GdkRGBA color;
  float x, y;

  if (self->label != NULL)
    {
      GTK_WIDGET_CLASS (strata_customer_cell_parent_class)->snapshot (widget, snapshot);
      return;
    }
  if (self->text == NULL || *self->text == '\0')
    return;
  layout = text_layout (self, self->field == STRATA_CUSTOMER_FIELD_NAME ? width : -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1 - xalign;
  x = floor (xalign * (width - logical.width) - logical.x);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (layout) / PANGO_SCALE;
  else
    y = floor ((height - logical.height) * 0.5);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A new font (the system's, a class) measures the text again. */
static void
strata_customer_cell_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  forget_size (STRATA_CUSTOMER_CELL (widget));
  GTK_WIDGET_CLASS (strata_customer_cell_parent_class)->css_changed (widget, change);
}

static void
strata_customer_cell_system_setting_changed (GtkWidget        *widget,
                                             GtkSystemSetting  setting)
{
  forget_size (STRATA_CUSTOMER_CELL (widget));
  gtk_widget_queue_resize (widget);
  GTK_WIDGET_CLASS (strata_customer_cell_parent_class)->system_setting_changed (widget, setting);
}

static void
strata_customer_cell_dispose (GObject *object)
{
  StrataCustomerCell *self = STRATA_CUSTOMER_CELL (object);

  if (self->label != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->label));
  self->label = NULL;
  g_clear_pointer (&self->override_mark, gtk_widget_unparent);
  G_OBJECT_CLASS (strata_customer_cell_parent_class)->dispose (object);
}

static void
strata_customer_cell_finalize (GObject *object)
{
  g_free (STRATA_CUSTOMER_CELL (object)->text);
  G_OBJECT_CLASS (strata_customer_cell_parent_class)->finalize (object);
}

static void
strata_customer_cell_class_init (StrataCustomerCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_customer_cell_dispose;
  object_class->finalize = strata_customer_cell_finalize;
  widget_class->measure = strata_customer_cell_measure;
  widget_class->snapshot = strata_customer_cell_snapshot;
  widget_class->css_changed = strata_customer_cell_css_changed;
  widget_class->system_setting_changed = strata_customer_cell_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "customer-cell");
}

static void
strata_customer_cell_init (StrataCustomerCell *self)
{
  self->tier_class = -1;
  self->change = 2;
  self->text_width = -1;
}

GtkWidget *
strata_customer_cell_new (StrataCustomerField field)
{
  StrataCustomerCell *self;

  g_return_val_if_fail (field <= STRATA_CUSTOMER_FIELD_CHANGE, NULL);

  /* A text cell is read as the label it draws (its text is its name). */
  self = field == STRATA_CUSTOMER_FIELD_TIER
           ? g_object_new (STRATA_TYPE_CUSTOMER_CELL, NULL)
           : g_object_new (STRATA_TYPE_CUSTOMER_CELL, "accessible-role", GTK_ACCESSIBLE_ROLE_LABEL, NULL);
  self->field = field;
  if (field_is_numeric (field))
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  if (field == STRATA_CUSTOMER_FIELD_TIER)
    add_tier_chip (self);
  else
    /* As a label with the text column's room: the Tier's chip keeps its width. */
    gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  return GTK_WIDGET (self);
}

const char *
strata_customer_cell_get_text (StrataCustomerCell *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_CELL (self), NULL);
  return self->label != NULL ? gtk_label_get_text (self->label) : self->text ? self->text : "";
}

/* A text column's new text: measured again only when it is another. */
static void
set_text (StrataCustomerCell *self,
          const char         *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  forget_size (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static char *
format_count (double value)
{
  return isnan (value) ? g_strdup ("") : strata_format_integer (strata_number_format_get_default (), value);
}

/* The mark of a tier set by hand, with its reason in the tooltip. */
static void
set_override_mark (StrataCustomerCell          *self,
                   const StrataCustomerColumns *c,
                   guint                        row)
{
  const StrataPeriodOverride *o = c->overrides ? strata_period_data_get_override (c->overrides, row) : NULL;
  g_autofree char *tip = NULL;

  /* Hidden already, without a tooltip: the tooltip set again cost an X
   * round trip for every row of a sort. */
  if (o == NULL && !gtk_widget_get_visible (self->override_mark))
    return;
  gtk_widget_set_visible (self->override_mark, o != NULL);
  if (o != NULL)
    tip = o->reason && *o->reason ? g_strdup_printf (_("Tier set by hand: %s"), o->reason)
                                  : g_strdup (_("Tier set by hand"));
  gtk_widget_set_tooltip_text (self->override_mark, tip);
  /* A screen reader reads the name, not the tooltip. */
  if (tip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->override_mark), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->override_mark), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
set_tier (StrataCustomerCell          *self,
          const StrataCustomerColumns *c,
          guint                        row)
{
  guint8 tier = c->tier[row];
  int want = tier < c->n_tiers ? tier : -1;

  /* The tier's colour is a class of its own (tier-N, from the page's CSS). */
  if (self->tier_class != want)
    {
      if (self->tier_class >= 0)
        {
          g_autofree char *name = g_strdup_printf ("tier-%d", self->tier_class);

          gtk_widget_remove_css_class (GTK_WIDGET (self->label), name);
        }
      if (want >= 0)
        {
          g_autofree char *name = g_strdup_printf ("tier-%d", want);

          gtk_widget_add_css_class (GTK_WIDGET (self->label), name);
        }
      self->tier_class = want;
    }
  if (want >= 0)
    gtk_label_set_text (self->label, c->tier_ids[tier]);
  else
    gtk_label_set_text (self->label, "");
  set_override_mark (self, c, row);
}

static void
set_change (StrataCustomerCell          *self,
            const StrataCustomerColumns *c,
            guint                        row)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int change = strata_customer_view_change (c, row);

  /* Most rows keep their arrow at a sort: setting the tooltip again asked
   * the X server where the pointer is, for every row. */
  if (change == self->change)
    return;
  self->change = change;
  set_text (self, change > 0 ? "↑" : change < 0 ? "↓" : "");
  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "error");
  if (change != 0)
    gtk_widget_add_css_class (widget, change > 0 ? "success" : "error");
  gtk_widget_set_tooltip_text (widget,
                               change > 0 ? _("Up since the previous period")
                               : change < 0 ? _("Down since the previous period") : NULL);
}

static void
clear (StrataCustomerCell *self)
{
  if (self->label != NULL)
    {
      if (self->tier_class >= 0)
        {
          g_autofree char *name = g_strdup_printf ("tier-%d", self->tier_class);

          gtk_widget_remove_css_class (GTK_WIDGET (self->label), name);
          self->tier_class = -1;
        }
      gtk_label_set_text (self->label, "");
      gtk_widget_set_visible (self->override_mark, FALSE);
      return;
    }
  set_text (self, "");
  if (self->field == STRATA_CUSTOMER_FIELD_CHANGE && self->change != 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      self->change = 0;
    }
}

void
strata_customer_cell_bind (StrataCustomerCell          *self,
                           const StrataCustomerColumns *c,
                           guint                        row)
{
  g_autofree char *text = NULL;

  g_return_if_fail (STRATA_IS_CUSTOMER_CELL (self));
  g_return_if_fail (c != NULL);

  /* A blank position (a list that shrank lets its widgets go over a few
   * frames): nothing shown. */
  if (row >= c->n)
    {
      clear (self);
      return;
    }
  switch (self->field)
    {
    case STRATA_CUSTOMER_FIELD_ID:
      set_text (self, strata_period_data_get_ext_id (c->strings, row));
      break;
    case STRATA_CUSTOMER_FIELD_NAME:
      set_text (self, strata_period_data_get_name (c->strings, row));
      break;
    case STRATA_CUSTOMER_FIELD_ORDER_AMOUNT:
      {
        const StrataNumberFormat *fmt = strata_number_format_get_default ();
        double v = c->order_amount ? c->order_amount[row] : NAN;

        /* 万 / 亿 where the language counts that way, grouping elsewhere. */
        text = isnan (v) ? g_strdup ("") : fmt->myriad ? strata_format_compact (fmt, v)
                                                       : strata_format_integer (fmt, v);
        set_text (self, text);
        break;
      }
    case STRATA_CUSTOMER_FIELD_REFERRALS:
      text = format_count (c->referrals ? c->referrals[row] : NAN);
      set_text (self, text);
      break;
    case STRATA_CUSTOMER_FIELD_INQUIRIES:
      text = format_count (c->inquiries ? c->inquiries[row] : NAN);
      set_text (self, text);
      break;
    case STRATA_CUSTOMER_FIELD_SCORE:
      text = isnan (c->score[row]) ? g_strdup ("") : strata_format_number (c->score[row]);
      set_text (self, text);
      break;
    case STRATA_CUSTOMER_FIELD_TIER:
      set_tier (self, c, row);
      break;
    case STRATA_CUSTOMER_FIELD_QUADRANT:
      set_text (self, c->quadrant && c->quadrant[row] < G_N_ELEMENTS (quadrant_letters)
                        ? quadrant_letters[c->quadrant[row]] : "");
      break;
    case STRATA_CUSTOMER_FIELD_CHANGE:
      set_change (self, c, row);
      break;
    default:
      g_assert_not_reached ();
    }
}
