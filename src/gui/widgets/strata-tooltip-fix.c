/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GTK 4.8's tooltip window sets its label's max-width-chars to the text's
 * character count (at most 50) before every tooltip. A character there is an
 * average Latin glyph, but a Chinese one is about twice as wide, so the
 * label's natural width is half the text's and it wraps between every
 * character. Short text needs no cap (the natural width of a wrapping label
 * is the text's own width when that is narrower), so we keep the cap at 50
 * for every text: short tooltips stay on one line, long ones still wrap at
 * the width GTK chose for them.
 *
 * The label is private to GTK: an emission hook on GtkWidget::query-tooltip
 * finds the tooltip window (a child of the hovered widget's native) before
 * GTK fills it, and a notify handler on its label puts the cap back each time
 * GTK lowers it, so the label is never laid out with the wrong one. */

#include "strata-tooltip-fix.h"

#define FIXED_KEY "strata-tooltip-fix"

static void
on_max_width_chars (GtkLabel   *label,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  int chars = gtk_label_get_max_width_chars (label);

  if (chars >= 0 && chars < STRATA_TOOLTIP_MAX_WIDTH_CHARS)
    gtk_label_set_max_width_chars (label, STRATA_TOOLTIP_MAX_WIDTH_CHARS);
}

static void
fix_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          if (g_object_get_data (G_OBJECT (child), FIXED_KEY) == NULL)
            {
              g_object_set_data (G_OBJECT (child), FIXED_KEY, GINT_TO_POINTER (1));
              g_signal_connect (child, "notify::max-width-chars",
                                G_CALLBACK (on_max_width_chars), NULL);
              on_max_width_chars (GTK_LABEL (child), NULL, NULL);
            }
        }
      else
        fix_labels (child);
    }
}

static gboolean
on_query_tooltip (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               user_data)
{
  static GType tooltip_window_type;
  GtkWidget *widget = g_value_get_object (&params[0]);
  GtkNative *native;

  if (tooltip_window_type == G_TYPE_INVALID)
    tooltip_window_type = g_type_from_name ("GtkTooltipWindow");
  native = widget != NULL ? gtk_widget_get_native (widget) : NULL;
  if (native == NULL || tooltip_window_type == G_TYPE_INVALID)
    return TRUE;

  /* One tooltip window per display, moved to the native under the pointer. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (native));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, tooltip_window_type))
      fix_labels (child);

  return TRUE; /* stay connected */
}

void
strata_tooltip_fix_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      gpointer klass = g_type_class_ref (GTK_TYPE_WIDGET); /* creates the signal */
      guint signal_id = g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (signal_id, 0, on_query_tooltip, NULL, NULL);
      g_type_class_unref (klass);
      g_once_init_leave (&installed, 1);
    }
}
