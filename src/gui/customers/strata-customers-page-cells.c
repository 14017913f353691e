/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers list's cells: one label each, set from the period's
 * columns when a row comes on screen (and again when its values change). */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-customers-page-private.h"
#include "strata-format.h"
#include "strata-row-list.h"

static const char *quadrant_letters[] = { "", "A", "B", "C", "D" };

void
strata_customers_page_cell_setup (GtkListItem        *item,
                                  StrataCustomerCell  column)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = column == CELL_ORDER_AMOUNT || column == CELL_REFERRALS ||
                     column == CELL_INQUIRIES || column == CELL_SCORE;

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (column == CELL_NAME)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == CELL_TIER)
    {
      gtk_widget_add_css_class (label, "tier-chip");
      gtk_widget_set_halign (label, GTK_ALIGN_START);
    }
  gtk_list_item_set_child (item, label);
}

static char *
format_count (double value)
{
  return isnan (value) ? g_strdup ("") : strata_format_integer (strata_number_format_get_default (), value);
}

void
strata_customers_page_cell_bind (const StrataCustomerColumns *c,
                                 GtkListItem                 *item,
                                 StrataCustomerCell           column)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  guint row = strata_customer_row_get_row (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;

  if (row >= c->n)
    return;
  switch (column)
    {
    case CELL_ID:
      gtk_label_set_text (label, c->ext_ids[row]);
      break;
    case CELL_NAME:
      gtk_label_set_text (label, c->names[row]);
      break;
    case CELL_ORDER_AMOUNT:
      {
        const StrataNumberFormat *fmt = strata_number_format_get_default ();
        double v = c->order_amount ? c->order_amount[row] : NAN;

        /* 万 / 亿 where the language counts that way, grouping elsewhere. */
        text = isnan (v) ? g_strdup ("") : fmt->myriad ? strata_format_compact (fmt, v)
                                                       : strata_format_integer (fmt, v);
        gtk_label_set_text (label, text);
        break;
      }
    case CELL_REFERRALS:
      text = format_count (c->referrals ? c->referrals[row] : NAN);
      gtk_label_set_text (label, text);
      break;
    case CELL_INQUIRIES:
      text = format_count (c->inquiries ? c->inquiries[row] : NAN);
      gtk_label_set_text (label, text);
      break;
    case CELL_SCORE:
      text = isnan (c->score[row]) ? g_strdup ("") : strata_format_number (c->score[row]);
      gtk_label_set_text (label, text);
      break;
    case CELL_TIER:
      {
        guint8 tier = c->tier[row];

        for (guint t = 0; t < 32; t++)
          {
            g_autofree char *name = g_strdup_printf ("tier-%u", t);

            gtk_widget_remove_css_class (GTK_WIDGET (label), name);
          }
        if (tier < c->n_tiers)
          {
            g_autofree char *name = g_strdup_printf ("tier-%u", tier);

            gtk_widget_add_css_class (GTK_WIDGET (label), name);
            gtk_label_set_text (label, c->tier_ids[tier]);
          }
        else
          gtk_label_set_text (label, "");
        break;
      }
    case CELL_QUADRANT:
      gtk_label_set_text (label, c->quadrant && c->quadrant[row] < G_N_ELEMENTS (quadrant_letters)
                                   ? quadrant_letters[c->quadrant[row]] : "");
      break;
    case CELL_CHANGE:
      {
        int change = strata_customer_view_change (c, row);

        gtk_label_set_text (label, change > 0 ? "↑" : change < 0 ? "↓" : "");
        gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
        gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
        if (change != 0)
          gtk_widget_add_css_class (GTK_WIDGET (label), change > 0 ? "success" : "error");
        gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                                     change > 0 ? _("Up since the previous period")
                                     : change < 0 ? _("Down since the previous period") : NULL);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}
