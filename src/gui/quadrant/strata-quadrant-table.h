/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataQuadrantTable: the Quadrant page's Table view. One row per
 * customer of the chart (ID, name, tier, quadrant and the chart's three
 * metrics), sortable by every column; numbers grouped as people read them. */
#pragma once

#include <gtk/gtk.h>

#include "strata-period-results.h"
#include "strata-quadrant-chart.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_QUADRANT_TABLE_ID,
  STRATA_QUADRANT_TABLE_NAME,
  STRATA_QUADRANT_TABLE_TIER,
  STRATA_QUADRANT_TABLE_QUADRANT,
  STRATA_QUADRANT_TABLE_RESULT,     /* the y metric */
  STRATA_QUADRANT_TABLE_PROCESS,    /* the x metric */
  STRATA_QUADRANT_TABLE_STICKINESS, /* the z metric (bubble size), if any */
  STRATA_QUADRANT_TABLE_N_COLUMNS
} StrataQuadrantTableColumn;

#define STRATA_TYPE_QUADRANT_TABLE (strata_quadrant_table_get_type ())
G_DECLARE_FINAL_TYPE (StrataQuadrantTable, strata_quadrant_table, STRATA, QUADRANT_TABLE, GtkWidget)

GtkWidget     *strata_quadrant_table_new          (void);
/* The customers of results placed as chart places them (its thresholds);
 * titles: the y, x and z metrics' labels (z NULL: no such column). NULL
 * results empties the table. */
void           strata_quadrant_table_set_data     (StrataQuadrantTable *self,
                                                   StrataPeriodResults *results,
                                                   StrataQuadrantChart *chart,
                                                   const char          *y_title,
                                                   const char          *x_title,
                                                   const char          *z_title);
GtkColumnView *strata_quadrant_table_get_view     (StrataQuadrantTable *self);
GtkColumnViewColumn *strata_quadrant_table_get_column (StrataQuadrantTable      *self,
                                                       StrataQuadrantTableColumn column);
/* In the order shown: the n-th row's index into the results' data. */
guint          strata_quadrant_table_get_n_rows   (StrataQuadrantTable *self);
guint          strata_quadrant_table_get_row      (StrataQuadrantTable *self,
                                                   guint                position);
/* The chart's thresholds moved (a line is being dragged): the quadrant
 * column follows on the next frame, or when the table is shown again. */
void           strata_quadrant_table_queue_refresh (StrataQuadrantTable *self);
/* Above this many rows (STRATA_WORKER_POINTS) the table sorts on a
 * worker, showing the last order meanwhile; TRUE while such a sort is
 * under way (the order of get_row is then not final). */
void           strata_quadrant_table_set_incremental_rows (StrataQuadrantTable *self,
                                                           guint                rows);
gboolean       strata_quadrant_table_get_sorting  (StrataQuadrantTable *self);
/* The text a cell shows for a row of the results' data. */
char          *strata_quadrant_table_cell_text    (StrataQuadrantTable      *self,
                                                   guint                     row,
                                                   StrataQuadrantTableColumn column);

G_END_DECLS
