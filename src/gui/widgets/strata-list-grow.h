/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A list view's rows shown a screenful at once, then more each frame.
 * GTK 4.8's list keeps the widgets of 200 rows (and 2 more each side)
 * around its anchor, the top here, whatever the height of the view: a
 * list that goes from few rows to many made 200 rows' widgets in one turn
 * (130 ms of a frozen window on a slow machine). The view is given a
 * GtkSliceListModel of the list; while it grows, its size rises from a
 * screenful by a few rows each frame. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Past this many rows, more cost no widget (GTK 4.8's 200 and 2 a side). */
#define STRATA_LIST_GROW_ROWS 204

typedef struct
{
  GtkWidget         *view;       /* whose frame clock ticks the growth */
  GtkSliceListModel *shown;      /* the slice the view is given */
  guint              grow_id;    /* the tick callback growing shown */
  gint64             grow_from;  /* the frame before the first rows' */
  gboolean           at_once;    /* as before: all rows in one turn */
} StrataListGrow;

void     strata_list_grow_init     (StrataListGrow    *grow,
                                    GtkSliceListModel *shown,
                                    GtkWidget         *view);
/* Stops growing (before the view goes). */
void     strata_list_grow_clear    (StrataListGrow    *grow);
/* Before the list's rows change from n_before shown to n_after: a list
 * growing from fewer rows than GTK makes widgets for shows a screenful
 * now and the rest over the next frames. */
void     strata_list_grow_start    (StrataListGrow    *grow,
                                    guint              n_before,
                                    guint              n_after);
/* Every row shown now (to select or scroll to a row not there yet). */
void     strata_list_grow_show_all (StrataListGrow    *grow);
gboolean strata_list_grow_growing  (StrataListGrow    *grow);

G_END_DECLS
