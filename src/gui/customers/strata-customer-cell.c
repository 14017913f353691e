/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-customer-cell.h"
#include "strata-format.h"
#include "strata-rules.h"

struct _StrataCustomerCell
{
  GtkWidget           parent_instance;

  GtkLabel           *label;
  GtkWidget          *override_mark;  /* Tier column: shown for a tier set by hand */
  StrataCustomerField field;
  int                 tier_class;   /* the tier-N class the label has, -1 none */
};

G_DEFINE_FINAL_TYPE (StrataCustomerCell, strata_customer_cell, GTK_TYPE_WIDGET)

static const char *quadrant_letters[] = { "", "A", "B", "C", "D" };

static gboolean
field_is_numeric (StrataCustomerField field)
{
  return field == STRATA_CUSTOMER_FIELD_ORDER_AMOUNT || field == STRATA_CUSTOMER_FIELD_REFERRALS ||
         field == STRATA_CUSTOMER_FIELD_INQUIRIES || field == STRATA_CUSTOMER_FIELD_SCORE;
}

/* The label's look for its column. */
static void
style_label (StrataCustomerCell *self)
{
  GtkWidget *label = GTK_WIDGET (self->label);
  gboolean numeric = field_is_numeric (self->field);

  gtk_label_set_xalign (self->label, numeric ? 1 : 0);
  /* The tier's chip keeps its width so that a mark can sit right beside it. */
  gtk_widget_set_hexpand (label, self->field != STRATA_CUSTOMER_FIELD_TIER);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (self->field == STRATA_CUSTOMER_FIELD_NAME)
    gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  if (self->field == STRATA_CUSTOMER_FIELD_TIER)
    {
      gtk_widget_add_css_class (label, "tier-chip");
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      /* Beside the tier, so an override is seen where the tier is read. */
      self->override_mark = gtk_image_new_from_icon_name ("document-edit-symbolic");
      gtk_widget_add_css_class (self->override_mark, "dim-label");
      gtk_widget_add_css_class (self->override_mark, "override-mark");
      gtk_widget_set_valign (self->override_mark, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (self->override_mark, FALSE);
      gtk_widget_set_parent (self->override_mark, GTK_WIDGET (self));
    }
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
strata_customer_cell_class_init (StrataCustomerCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_customer_cell_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customer-cell");
}

static void
strata_customer_cell_init (StrataCustomerCell *self)
{
  self->tier_class = -1;
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
}

GtkWidget *
strata_customer_cell_new (StrataCustomerField field)
{
  StrataCustomerCell *self;

  g_return_val_if_fail (field <= STRATA_CUSTOMER_FIELD_CHANGE, NULL);

  self = g_object_new (STRATA_TYPE_CUSTOMER_CELL, NULL);
  self->field = field;
  style_label (self);
  return GTK_WIDGET (self);
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
  GtkWidget *label = GTK_WIDGET (self->label);
  int change = strata_customer_view_change (c, row);

  gtk_label_set_text (self->label, change > 0 ? "↑" : change < 0 ? "↓" : "");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  if (change != 0)
    gtk_widget_add_css_class (label, change > 0 ? "success" : "error");
  gtk_widget_set_tooltip_text (label,
                               change > 0 ? _("Up since the previous period")
                               : change < 0 ? _("Down since the previous period") : NULL);
}

void
strata_customer_cell_bind (StrataCustomerCell          *self,
                           const StrataCustomerColumns *c,
                           guint                        row)
{
  g_autofree char *text = NULL;

  g_return_if_fail (STRATA_IS_CUSTOMER_CELL (self));
  g_return_if_fail (c != NULL);

  if (row >= c->n)
    return;
  switch (self->field)
    {
    case STRATA_CUSTOMER_FIELD_ID:
      gtk_label_set_text (self->label, strata_period_data_get_ext_id (c->strings, row));
      break;
    case STRATA_CUSTOMER_FIELD_NAME:
      gtk_label_set_text (self->label, strata_period_data_get_name (c->strings, row));
      break;
    case STRATA_CUSTOMER_FIELD_ORDER_AMOUNT:
      {
        const StrataNumberFormat *fmt = strata_number_format_get_default ();
        double v = c->order_amount ? c->order_amount[row] : NAN;

        /* 万 / 亿 where the language counts that way, grouping elsewhere. */
        text = isnan (v) ? g_strdup ("") : fmt->myriad ? strata_format_compact (fmt, v)
                                                       : strata_format_integer (fmt, v);
        gtk_label_set_text (self->label, text);
        break;
      }
    case STRATA_CUSTOMER_FIELD_REFERRALS:
      text = format_count (c->referrals ? c->referrals[row] : NAN);
      gtk_label_set_text (self->label, text);
      break;
    case STRATA_CUSTOMER_FIELD_INQUIRIES:
      text = format_count (c->inquiries ? c->inquiries[row] : NAN);
      gtk_label_set_text (self->label, text);
      break;
    case STRATA_CUSTOMER_FIELD_SCORE:
      text = isnan (c->score[row]) ? g_strdup ("") : strata_format_number (c->score[row]);
      gtk_label_set_text (self->label, text);
      break;
    case STRATA_CUSTOMER_FIELD_TIER:
      set_tier (self, c, row);
      break;
    case STRATA_CUSTOMER_FIELD_QUADRANT:
      gtk_label_set_text (self->label, c->quadrant && c->quadrant[row] < G_N_ELEMENTS (quadrant_letters)
                                         ? quadrant_letters[c->quadrant[row]] : "");
      break;
    case STRATA_CUSTOMER_FIELD_CHANGE:
      set_change (self, c, row);
      break;
    default:
      g_assert_not_reached ();
    }
}
