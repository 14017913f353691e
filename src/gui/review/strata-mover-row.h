/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STRATA_TYPE_MOVER_ROW (strata_mover_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataMoverRow, strata_mover_row, STRATA, MOVER_ROW, GtkWidget)

GtkWidget  *strata_mover_row_new             (void);
/* What the row shows: a title, up to three lines of subtitle and a suffix
 * at the end; customer_id 0 for a row that is no customer. */
void        strata_mover_row_set             (StrataMoverRow *self,
                                              const char     *title,
                                              const char     *subtitle,
                                              const char     *suffix,
                                              gint64          customer_id);
/* The subtitle's lines the row's height holds: 1 to 3 (3 by default). */
void        strata_mover_row_set_subtitle_lines (StrataMoverRow *self,
                                                 guint           lines);
const char *strata_mover_row_get_title       (StrataMoverRow *self);
const char *strata_mover_row_get_subtitle    (StrataMoverRow *self);
const char *strata_mover_row_get_suffix      (StrataMoverRow *self);
gint64      strata_mover_row_get_customer_id (StrataMoverRow *self);
/* Rows that exist now, in the whole process (for tests and benchmarks). */
guint       strata_mover_row_get_n_alive     (void);

G_END_DECLS
