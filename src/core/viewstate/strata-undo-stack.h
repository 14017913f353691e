/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A linear undo history of snapshots (a rule set after each edit). It knows
 * nothing of rules: the owner gives a copy and a free function. Consecutive
 * edits of the same cell (same merge key, within the merge window, with no
 * undo or break in between) become one step, so that holding a spin button
 * down is undone with one Ctrl+Z. Pure logic: no GTK, no clock of its own. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STRATA_TYPE_UNDO_STACK (strata_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (StrataUndoStack, strata_undo_stack, STRATA, UNDO_STACK, GObject)

/* Edits of the same key closer than this (in µs) merge by default. */
#define STRATA_UNDO_MERGE_WINDOW_USEC (1500 * G_TIME_SPAN_MILLISECOND)

StrataUndoStack *strata_undo_stack_new          (GBoxedCopyFunc   copy_func,
                                                 GDestroyNotify   free_func);

/* Forgets all history and takes a copy of state as the starting point. */
void             strata_undo_stack_reset        (StrataUndoStack *self,
                                                 gconstpointer    state);

/* Records state (copied) as the result of an edit named label. merge_key may
 * be NULL (never merges). now_usec is the time of the edit (a monotonic
 * clock), used for the merge window. Returns TRUE when the edit merged into
 * the previous step. Drops any redo steps. */
gboolean         strata_undo_stack_push         (StrataUndoStack *self,
                                                 const char      *label,
                                                 const char      *merge_key,
                                                 gint64           now_usec,
                                                 gconstpointer    state);

/* Ends merging: the next edit starts a new step even with the same key
 * (call it when a cell loses focus or editing is committed). */
void             strata_undo_stack_break_merge  (StrataUndoStack *self);

gboolean         strata_undo_stack_can_undo     (StrataUndoStack *self);
gboolean         strata_undo_stack_can_redo     (StrataUndoStack *self);

/* The step undo/redo would revert/replay, or NULL. */
const char      *strata_undo_stack_get_undo_label (StrataUndoStack *self);
const char      *strata_undo_stack_get_redo_label (StrataUndoStack *self);

/* Move through history; return the state to show now (owned by the stack,
 * valid until the next call that changes it), or NULL when not possible. */
gconstpointer    strata_undo_stack_undo         (StrataUndoStack *self);
gconstpointer    strata_undo_stack_redo         (StrataUndoStack *self);

/* The state at the current position (NULL before reset). */
gconstpointer    strata_undo_stack_get_current  (StrataUndoStack *self);

/* Number of steps that can be undone (edits since reset, minus undone ones). */
guint            strata_undo_stack_get_position (StrataUndoStack *self);
guint            strata_undo_stack_get_length   (StrataUndoStack *self);

G_END_DECLS
