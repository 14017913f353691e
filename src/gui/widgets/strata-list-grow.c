/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-list-grow.h"

/* Rows added each frame while the rows shown grow. */
#define ROWS_PER_FRAME 16
/* The lowest a row can be, in pixels (a line of text): the first rows
 * shown at once are those this high that fill the view. */
#define MIN_ROW_HEIGHT 20

void
strata_list_grow_init (StrataListGrow    *grow,
                       GtkSliceListModel *shown,
                       GtkWidget         *view)
{
  *grow = (StrataListGrow) { view, shown, 0, 0, FALSE };
}

void
strata_list_grow_clear (StrataListGrow *grow)
{
  if (grow->grow_id != 0 && grow->view != NULL)
    gtk_widget_remove_tick_callback (grow->view, grow->grow_id);
  grow->grow_id = 0;
}

void
strata_list_grow_show_all (StrataListGrow *grow)
{
  strata_list_grow_clear (grow);
  gtk_slice_list_model_set_size (grow->shown, G_MAXUINT);
}

gboolean
strata_list_grow_growing (StrataListGrow *grow)
{
  return grow->grow_id != 0;
}

static gboolean
grow_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       data)
{
  StrataListGrow *grow = data;
  guint size = gtk_slice_list_model_get_size (grow->shown);
  GListModel *list = gtk_slice_list_model_get_model (grow->shown);

  /* The next frame lays out the first rows: more from the one after. */
  if (gdk_frame_clock_get_frame_counter (clock) <= grow->grow_from + 1)
    return G_SOURCE_CONTINUE;
  if (size >= STRATA_LIST_GROW_ROWS - ROWS_PER_FRAME || size + ROWS_PER_FRAME >= g_list_model_get_n_items (list))
    {
      grow->grow_id = 0;
      gtk_slice_list_model_set_size (grow->shown, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (grow->shown, size + ROWS_PER_FRAME);
  return G_SOURCE_CONTINUE;
}

void
strata_list_grow_start (StrataListGrow *grow,
                        guint           n_before,
                        guint           n_after)
{
  guint first;

  /* Fewer rows, or GTK already has its widgets: nothing to make. */
  if (grow->at_once || n_after <= n_before || n_before >= STRATA_LIST_GROW_ROWS)
    return;
  /* A screenful now: rows of MIN_ROW_HEIGHT in the view's height (at
   * least 600 px, for a view not laid out yet). */
  first = MAX (gtk_widget_get_height (grow->view), 600) / MIN_ROW_HEIGHT + 1;
  first = MAX (first, n_before);
  /* All of them fit, and nothing is held back: they come at once. */
  if (first >= n_after && grow->grow_id == 0)
    return;
  /* Before the rows change, so that GTK never sees all of them; while
   * growing, the next frame's tick shows the rest. */
  gtk_slice_list_model_set_size (grow->shown, first);
  if (grow->grow_id == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (grow->view);

      grow->grow_from = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : G_MININT64;
      grow->grow_id = gtk_widget_add_tick_callback (grow->view, grow_tick, grow, NULL);
    }
}
