/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's quadrant chart: the later period with the arrows the
 * toggle asks for (the movers', the selected customer's or none), drawn up
 * on a worker on a large deck, the counts of quadrant moves under it, and
 * following a customer picked on it or in a list of movers. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-task.h"
#include "strata-quadrant-chart-private.h"
#include "strata-review-arrows.h"
#include "strata-review-page-private.h"

/* Picking a mover follows it: the context's selected customer (which the
 * other pages show too) and its arrow alone on the quadrant chart. */
void
strata_review_page_follow_customer (StrataReviewPage *self,
                                    gint64            customer_id)
{
  if (strata_page_get_context (STRATA_PAGE (self)) == NULL)
    return;
  strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (self)), customer_id);
  if (gtk_toggle_button_get_active (self->arrows_selected))
    strata_review_page_show_chart (self);
  else
    gtk_toggle_button_set_active (self->arrows_selected, TRUE);
}

void
strata_review_clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

void
strata_review_page_fill_quadrants (StrataReviewPage *self)
{
  static const char *names[] = { "–", "A", "B", "C", "D" };
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  int row = 0;

  strata_review_clear_grid (self->quadrant_grid);
  for (guint f = STRATA_QUADRANT_NONE; f <= STRATA_QUADRANT_D; f++)
    for (guint t = STRATA_QUADRANT_NONE; t <= STRATA_QUADRANT_D; t++)
      {
        guint n = strata_movement_get_quadrant_count (movement, f, t);
        g_autofree char *move = NULL;
        g_autofree char *count = NULL;
        g_autofree char *number = NULL;
        GtkWidget *a, *b;

        if (f == t || n == 0)
          continue;
        move = g_strdup_printf ("%s → %s", names[f], names[t]);
        number = strata_format_integer (NULL, n);
        count = g_strdup_printf (g_dngettext (NULL, "%s customer", "%s customers", n), number);
        a = gtk_label_new (move);
        /* The bare number keeps the card narrow enough for a 1024-pixel
         * window; the tooltip and the screen reader say what it counts. */
        b = gtk_label_new (number);
        gtk_widget_set_tooltip_text (b, count);
        gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, count, -1);
        gtk_label_set_xalign (GTK_LABEL (a), 0);
        gtk_label_set_xalign (GTK_LABEL (b), 1);
        gtk_widget_set_hexpand (b, TRUE);
        gtk_widget_add_css_class (b, "numeric");
        /* Two moves a line, to sit under the chart. */
        gtk_grid_attach (self->quadrant_grid, a, (row % 2) * 2, row / 2, 1, 1);
        gtk_grid_attach (self->quadrant_grid, b, (row % 2) * 2 + 1, row / 2, 1, 1);
        row++;
      }
  if (row == 0)
    {
      GtkWidget *none = gtk_label_new (_("No customer changed quadrant."));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_grid_attach (self->quadrant_grid, none, 0, 0, 4, 1);
    }
}

StrataReviewArrows
strata_review_page_arrows_mode (StrataReviewPage *self)
{
  if (gtk_toggle_button_get_active (self->arrows_selected))
    return STRATA_REVIEW_ARROWS_SELECTED;
  if (gtk_toggle_button_get_active (self->arrows_none))
    return STRATA_REVIEW_ARROWS_NONE;
  return STRATA_REVIEW_ARROWS_MOVERS;
}

/* The later period's quadrant chart with the arrows the toggle asks for,
 * drawn by the same render object as the presentation's slide. */
StrataQuadrantChart *
strata_review_build_quadrant_chart (StrataReviewDeck   *deck,
                      StrataReviewArrows  mode,
                      gint64              customer,
                      guint              *n_arrows,
                      guint              *n_drawn)
{
  StrataQuadrantChart *chart = strata_review_arrows_chart (deck, mode, customer, n_arrows, n_drawn);

  /* The Quadrant page names the quadrants; here the arrows need the room. */
  strata_quadrant_chart_set_show_captions (chart, FALSE);
  strata_quadrant_chart_set_corner_names (chart, TRUE);
  /* Its counts now, on the worker that builds it: the description the page
   * sets and the first frame then pass over no point. */
  strata_quadrant_chart_prepare (chart);
  return chart;
}

gint64
strata_review_page_selected_customer (StrataReviewPage *self)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));

  return context ? strata_context_get_selected_customer (context) : 0;
}

/* The chart: built here, or already by the worker (built, for mode). */
void
strata_review_page_show_chart_built (StrataReviewPage    *self,
                           StrataQuadrantChart *built,
                           guint                built_arrows,
                           guint                built_drawn)
{
  StrataReviewArrows mode = strata_review_page_arrows_mode (self);
  g_autoptr(StrataQuadrantChart) chart = NULL;
  g_autofree char *text = NULL;
  guint n_drawn = 0;

  if (self->deck == NULL)
    {
      strata_review_chart_set_chart (self->quadrant_chart, NULL);
      self->n_arrows = 0;
      return;
    }
  if (built != NULL)
    {
      chart = g_object_ref (built);
      self->n_arrows = built_arrows;
      n_drawn = built_drawn;
    }
  else
    chart = strata_review_build_quadrant_chart (self->deck, mode, strata_review_page_selected_customer (self), &self->n_arrows, &n_drawn);
  strata_review_chart_set_chart (self->quadrant_chart, STRATA_CHART (chart));
  switch (mode)
    {
    case STRATA_REVIEW_ARROWS_MOVERS:
      {
        g_autofree char *n = strata_format_integer (NULL, self->n_arrows);
        g_autofree char *drawn = strata_format_integer (NULL, n_drawn);

        if (n_drawn < self->n_arrows)
          /* Translators: "…positions of 1,000 of the 512,345 customers whose…" */
          text = g_strdup_printf (g_dngettext (NULL,
                                               "Arrows from the earlier positions of %s of the %s customer whose tier or quadrant changed, evenly spread over them",
                                               "Arrows from the earlier positions of %s of the %s customers whose tier or quadrant changed, evenly spread over them",
                                               self->n_arrows), drawn, n);
        else
          text = g_strdup_printf (g_dngettext (NULL,
                                               "An arrow from the earlier position of %s customer whose tier or quadrant changed",
                                               "Arrows from the earlier positions of %s customers whose tier or quadrant changed",
                                               self->n_arrows), n);
      }
      break;
    case STRATA_REVIEW_ARROWS_SELECTED:
      text = self->n_arrows > 0
             ? g_strdup (_("The selected customer's move from the earlier period; pick another in a list below"))
             : g_strdup (_("Click a customer on the chart or pick one in a list below to see where it came from"));
      break;
    case STRATA_REVIEW_ARROWS_NONE:
    default:
      text = g_strdup (_("The later period's positions, without arrows"));
      break;
    }
  gtk_label_set_label (self->arrows_label, text);
}

/* Other arrows asked for on a deck of this many customers are drawn up on
 * a worker: a chart places every customer (about 0.2 s at a million). */
#define SYNC_CHART_MAX 20000

typedef struct
{
  StrataReviewDeck    *deck;
  StrataReviewArrows   mode;
  gint64               customer;
  StrataQuadrantChart *chart;
  guint                n_arrows;
  guint                n_drawn;
} ChartJob;

static void
chart_job_free (gpointer data)
{
  ChartJob *j = data;

  strata_review_release_deck (j->deck);
  g_clear_object (&j->chart);
  g_free (j);
}

static void
chart_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  ChartJob *j = data;

  j->chart = strata_review_build_quadrant_chart (j->deck, j->mode, j->customer, &j->n_arrows, &j->n_drawn);
  g_task_return_boolean (task, TRUE);
}

static void
chart_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (source);
  ChartJob *j = g_task_get_task_data (G_TASK (result));

  /* Shown only while it is still what the page asks for. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || j->deck != self->deck ||
      j->mode != strata_review_page_arrows_mode (self) ||
      (j->mode == STRATA_REVIEW_ARROWS_SELECTED && j->customer != strata_review_page_selected_customer (self)))
    return;
  strata_review_page_show_chart_built (self, j->chart, j->n_arrows, j->n_drawn);
}

void
strata_review_page_show_chart (StrataReviewPage *self)
{
  if (self->deck != NULL && strata_review_deck_get_results (self->deck)->data->n > SYNC_CHART_MAX)
    {
      ChartJob *j = g_new0 (ChartJob, 1);
      g_autoptr(GTask) task = NULL;

      g_cancellable_cancel (self->chart_cancellable);
      g_clear_object (&self->chart_cancellable);
      self->chart_cancellable = g_cancellable_new ();
      j->deck = g_object_ref (self->deck);
      j->mode = strata_review_page_arrows_mode (self);
      j->customer = strata_review_page_selected_customer (self);
      task = g_task_new (self, self->chart_cancellable, chart_done, NULL);
      g_task_set_task_data (task, j, chart_job_free);
      strata_task_run_in_background (task, chart_thread);
      return;
    }
  strata_review_page_show_chart_built (self, NULL, 0, 0);
}

gboolean
strata_review_page_pick_at (StrataReviewPage *self,
                            double            x,
                            double            y)
{
  StrataChart *chart;
  g_autoptr(StrataChartStyle) style = NULL;
  const StrataPeriodData *pd;
  gssize row;

  g_return_val_if_fail (STRATA_IS_REVIEW_PAGE (self), FALSE);

  chart = strata_review_chart_get_chart (self->quadrant_chart);
  if (self->deck == NULL || strata_page_get_context (STRATA_PAGE (self)) == NULL || !STRATA_IS_QUADRANT_CHART (chart))
    return FALSE;
  /* The geometry of the size on screen (light and dark lay out alike). */
  style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  strata_quadrant_chart_layout (STRATA_QUADRANT_CHART (chart), style,
                                gtk_widget_get_width (GTK_WIDGET (self->quadrant_chart)),
                                gtk_widget_get_height (GTK_WIDGET (self->quadrant_chart)));
  row = strata_quadrant_chart_hit_test (STRATA_QUADRANT_CHART (chart), x, y);
  pd = strata_review_deck_get_results (self->deck)->data;
  if (row < 0 || (gsize) row >= pd->n)
    return FALSE;
  strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (self)), pd->ids[row]);
  if (gtk_toggle_button_get_active (self->arrows_selected))
    strata_review_page_show_chart (self);
  else
    gtk_toggle_button_set_active (self->arrows_selected, TRUE);
  return TRUE;
}

static void
chart_pressed (GtkGestureClick  *gesture,
               int               n_press,
               double            x,
               double            y,
               StrataReviewPage *self)
{
  strata_review_page_pick_at (self, x, y);
}

static void
arrows_toggled (GtkToggleButton  *button,
                StrataReviewPage *self)
{
  if (gtk_toggle_button_get_active (button))
    strata_review_page_show_chart (self);
}

void
strata_review_page_selected_customer_changed (StrataReviewPage *self)
{
  if (gtk_toggle_button_get_active (self->arrows_selected))
    strata_review_page_show_chart (self);
}

void
strata_review_page_set_arrows (StrataReviewPage   *self,
                               StrataReviewArrows  arrows)
{
  g_return_if_fail (STRATA_IS_REVIEW_PAGE (self));

  gtk_toggle_button_set_active (arrows == STRATA_REVIEW_ARROWS_SELECTED ? self->arrows_selected
                                : arrows == STRATA_REVIEW_ARROWS_NONE ? self->arrows_none
                                : self->arrows_movers, TRUE);
}

guint
strata_review_page_get_n_arrows (StrataReviewPage *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_PAGE (self), 0);
  return self->deck ? self->n_arrows : 0;
}

StrataChart *
strata_review_page_get_quadrant_chart (StrataReviewPage *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_PAGE (self), NULL);
  return strata_review_chart_get_chart (self->quadrant_chart);
}

/* The arrow toggles and a click on the chart. */
void
strata_review_page_init_chart (StrataReviewPage *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (self->arrows_movers, "toggled", G_CALLBACK (arrows_toggled), self);
  g_signal_connect (self->arrows_selected, "toggled", G_CALLBACK (arrows_toggled), self);
  g_signal_connect (self->arrows_none, "toggled", G_CALLBACK (arrows_toggled), self);
  /* Clicking a point follows that customer, as picking it in a list does. */
  g_signal_connect (click, "pressed", G_CALLBACK (chart_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->quadrant_chart), GTK_EVENT_CONTROLLER (click));
}
