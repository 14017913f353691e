/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-undo-stack.h. */
#pragma once

#include "strata-undo-stack.h"

G_BEGIN_DECLS

guint            strata_undo_stack_get_limit    (StrataUndoStack *self);

/* How long after an edit the next one with its key still merges into its
 * step: tests of merging widen it, so that a loaded machine's slow turns
 * do not split a burst. */
void             strata_undo_stack_set_merge_window (StrataUndoStack *self,
                                                     gint64           usec);

/* Ends merging: the next edit starts a new step even with the same key
 * (call it when a cell loses focus or editing is committed). */
void             strata_undo_stack_break_merge  (StrataUndoStack *self);

/* Number of steps that can be undone, and of all steps. */
guint            strata_undo_stack_get_position (StrataUndoStack *self);
guint            strata_undo_stack_get_length   (StrataUndoStack *self);

/* The state at the current position (NULL before reset). */
gconstpointer    strata_undo_stack_get_current  (StrataUndoStack *self);

G_END_DECLS
