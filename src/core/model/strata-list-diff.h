/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Precise items-changed for list models that reload from the workspace. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns TRUE when item old_index of the old list equals item new_index of
 * the new one (same row, nothing visible changed). */
typedef gboolean (*StrataListEqualFunc) (gpointer user_data,
                                         guint    old_index,
                                         guint    new_index);

/* Compares the old and new lists from both ends and gives the one range
 * that changed: items [position, position + removed) of the old list
 * became items [position, position + added) of the new one. Returns FALSE
 * when nothing changed. A single insertion, deletion or edit is reported
 * exactly as that one item. */
gboolean strata_list_diff (guint                n_old,
                           guint                n_new,
                           StrataListEqualFunc  equal,
                           gpointer             user_data,
                           guint               *position,
                           guint               *removed,
                           guint               *added);

G_END_DECLS
