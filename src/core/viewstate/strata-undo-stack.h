/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one linear undo history of the app. A step is a label, an owner's
 * data and the functions that put back the state before or after it; the
 * stack knows nothing of what they touch. Consecutive edits of the same cell
 * (same merge key, within the merge window, with no undo or break in between)
 * become one step, so that holding a spin button down is undone with one
 * Ctrl+Z. Pure logic: no GTK, no clock of its own.
 *
 * Snapshot owners (the rules editor) use reset/push/undo/redo below, which
 * push "restore this snapshot" steps; command owners (the entitlements) push
 * their own steps with strata_undo_stack_push_step. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STRATA_TYPE_UNDO_STACK (strata_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (StrataUndoStack, strata_undo_stack, STRATA, UNDO_STACK, GObject)

/* Edits of the same key closer than this (in µs) merge by default. */
#define STRATA_UNDO_MERGE_WINDOW_USEC (1500 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  /* Puts back the state after the step (forward) or before it. On failure
   * the stack does not move. */
  gboolean (*apply) (gpointer   data,
                     gboolean   forward,
                     GError   **error);
  /* Optional: folds newer (a later edit with the same merge key) into data,
   * keeping data's "before"; FALSE when it cannot (a new step is made).
   * newer is freed afterwards either way. */
  gboolean (*merge) (gpointer   data,
                     gpointer   newer);
  GDestroyNotify free;
} StrataUndoStepFuncs;

/* copy_func and free_func are for the snapshot API; both may be NULL for a
 * stack that only holds steps. */
StrataUndoStack *strata_undo_stack_new          (GBoxedCopyFunc   copy_func,
                                                 GDestroyNotify   free_func);

/* Records a done edit named label, taking data. merge_key may be NULL (never
 * merges); now_usec (a monotonic clock) is for the merge window. Drops any
 * redo steps, and the oldest step beyond the limit. Returns TRUE when the
 * edit merged into the previous step (which then takes label). */
gboolean         strata_undo_stack_push_step    (StrataUndoStack           *self,
                                                 const char                *label,
                                                 const char                *merge_key,
                                                 gint64                     now_usec,
                                                 const StrataUndoStepFuncs *funcs,
                                                 gpointer                   data);
/* Apply the step before / after the position and move over it. FALSE (and
 * error, if the step's apply set one) when it failed or there is none. */
gboolean         strata_undo_stack_undo_step    (StrataUndoStack *self,
                                                 GError         **error);
gboolean         strata_undo_stack_redo_step    (StrataUndoStack *self,
                                                 GError         **error);
/* Forgets all steps. */
void             strata_undo_stack_clear        (StrataUndoStack *self);
/* Keeps at most limit steps (0, the default: no limit). */
void             strata_undo_stack_set_limit    (StrataUndoStack *self,
                                                 guint            limit);

gboolean         strata_undo_stack_can_undo     (StrataUndoStack *self);
gboolean         strata_undo_stack_can_redo     (StrataUndoStack *self);

/* The step undo/redo would revert/replay, or NULL. */
const char      *strata_undo_stack_get_undo_label (StrataUndoStack *self);
const char      *strata_undo_stack_get_redo_label (StrataUndoStack *self);

/* ---- Snapshots ---- */

/* Forgets all history and takes a copy of state as the starting point. */
void             strata_undo_stack_reset        (StrataUndoStack *self,
                                                 gconstpointer    state);

/* Records state (copied) as the result of an edit, as a step that restores
 * the state before or after it; see push_step. */
gboolean         strata_undo_stack_push         (StrataUndoStack *self,
                                                 const char      *label,
                                                 const char      *merge_key,
                                                 gint64           now_usec,
                                                 gconstpointer    state);

/* Move through history; return the state to show now (owned by the stack,
 * valid until the next call that changes it), or NULL when not possible. */
gconstpointer    strata_undo_stack_undo         (StrataUndoStack *self);
gconstpointer    strata_undo_stack_redo         (StrataUndoStack *self);

G_END_DECLS
