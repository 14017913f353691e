/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataUndoStack: steps, labels, redo dropped by a new edit, merging of
 * consecutive edits of one cell (a held spin button) and its limits. */
#include <gio/gio.h>

#include "strata-undo-stack.h"
#include "strata-undo-stack-private.h"

static gpointer
copy_int (gpointer p)
{
  return g_memdup2 (p, sizeof (int));
}

static StrataUndoStack *
new_stack (int start)
{
  StrataUndoStack *stack = strata_undo_stack_new (copy_int, g_free);

  strata_undo_stack_reset (stack, &start);
  return stack;
}

#define CURRENT(s) (*(const int *) strata_undo_stack_get_current (s))

static void
test_undo_redo (void)
{
  g_autoptr(StrataUndoStack) stack = new_stack (10);
  int v;

  g_assert_false (strata_undo_stack_can_undo (stack));
  g_assert_false (strata_undo_stack_can_redo (stack));
  g_assert_null (strata_undo_stack_undo (stack));
  g_assert_null (strata_undo_stack_get_undo_label (stack));

  v = 20;
  g_assert_false (strata_undo_stack_push (stack, "Change weight", NULL, 0, &v));
  v = 30;
  strata_undo_stack_push (stack, "Add band", NULL, 0, &v);
  g_assert_cmpuint (strata_undo_stack_get_length (stack), ==, 2);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (stack), ==, "Add band");
  g_assert_cmpint (CURRENT (stack), ==, 30);

  g_assert_cmpint (*(const int *) strata_undo_stack_undo (stack), ==, 20);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (stack), ==, "Change weight");
  g_assert_cmpstr (strata_undo_stack_get_redo_label (stack), ==, "Add band");
  g_assert_cmpint (*(const int *) strata_undo_stack_undo (stack), ==, 10);
  g_assert_false (strata_undo_stack_can_undo (stack));
  g_assert_null (strata_undo_stack_undo (stack));
  g_assert_cmpint (*(const int *) strata_undo_stack_redo (stack), ==, 20);
  g_assert_cmpuint (strata_undo_stack_get_position (stack), ==, 1);

  /* A new edit after an undo drops what could be redone. */
  v = 40;
  strata_undo_stack_push (stack, "Remove tier", NULL, 0, &v);
  g_assert_false (strata_undo_stack_can_redo (stack));
  g_assert_cmpuint (strata_undo_stack_get_length (stack), ==, 2);
  g_assert_cmpint (*(const int *) strata_undo_stack_undo (stack), ==, 20);
  g_assert_cmpint (*(const int *) strata_undo_stack_undo (stack), ==, 10);
}

static void
test_snapshots_are_copies (void)
{
  g_autoptr(StrataUndoStack) stack = new_stack (1);
  int v = 2;

  strata_undo_stack_push (stack, "Edit", NULL, 0, &v);
  v = 99;  /* the caller keeps editing its own copy */
  g_assert_cmpint (CURRENT (stack), ==, 2);
}

static void
test_merge_same_cell (void)
{
  g_autoptr(StrataUndoStack) stack = new_stack (5);
  int v;

  /* A spin button held down: 6, 7, 8 within the window, one step. */
  for (v = 6; v <= 8; v++)
    g_assert_cmpint (strata_undo_stack_push (stack, "Change weight", "indicator/0/weight",
                                             (v - 6) * 100 * G_TIME_SPAN_MILLISECOND, &v),
                     ==, v > 6);
  g_assert_cmpuint (strata_undo_stack_get_length (stack), ==, 1);
  g_assert_cmpint (CURRENT (stack), ==, 8);
  g_assert_cmpint (*(const int *) strata_undo_stack_undo (stack), ==, 5);
  g_assert_cmpint (*(const int *) strata_undo_stack_redo (stack), ==, 8);
}

static void
test_merge_limits (void)
{
  g_autoptr(StrataUndoStack) stack = new_stack (0);
  gint64 t = 0;
  int v = 1;

  strata_undo_stack_push (stack, "Change points", "band/0/points", t, &v);
  /* Another cell: a new step. */
  v = 2;
  g_assert_false (strata_undo_stack_push (stack, "Change points", "band/1/points", t, &v));
  /* Back to the first cell: not consecutive, a new step. */
  v = 3;
  g_assert_false (strata_undo_stack_push (stack, "Change points", "band/0/points", t, &v));
  /* Same cell after the window: a new step. */
  v = 4;
  t += STRATA_UNDO_MERGE_WINDOW_USEC + 1;
  g_assert_false (strata_undo_stack_push (stack, "Change points", "band/0/points", t, &v));
  /* Same cell after a break (focus left): a new step. */
  strata_undo_stack_break_merge (stack);
  v = 5;
  g_assert_false (strata_undo_stack_push (stack, "Change points", "band/0/points", t, &v));
  /* Same cell after an undo and redo: a new step. */
  strata_undo_stack_undo (stack);
  strata_undo_stack_redo (stack);
  v = 6;
  g_assert_false (strata_undo_stack_push (stack, "Change points", "band/0/points", t, &v));
  /* No key never merges. */
  v = 7;
  g_assert_false (strata_undo_stack_push (stack, "Add band", NULL, t, &v));
  v = 8;
  g_assert_false (strata_undo_stack_push (stack, "Add band", NULL, t, &v));
  g_assert_cmpuint (strata_undo_stack_get_length (stack), ==, 8);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(int *) data)++;
}

static void
test_notify (void)
{
  g_autoptr(StrataUndoStack) stack = new_stack (0);
  int can_undo_changes = 0;
  int v = 1;

  g_signal_connect (stack, "notify::can-undo", G_CALLBACK (count_notify), &can_undo_changes);
  strata_undo_stack_push (stack, "A", NULL, 0, &v);
  strata_undo_stack_push (stack, "B", NULL, 0, &v);
  g_assert_cmpint (can_undo_changes, ==, 1);
  strata_undo_stack_undo (stack);
  strata_undo_stack_undo (stack);
  g_assert_cmpint (can_undo_changes, ==, 2);
  strata_undo_stack_reset (stack, &v);
  g_assert_cmpint (can_undo_changes, ==, 2);
  g_assert_false (strata_undo_stack_can_redo (stack));
}

/* Command steps: the stack calls the owner's apply, does not move when it
 * fails, merges through the owner and keeps at most the limit. */
typedef struct
{
  int *target;
  int  before;
  int  after;
  gboolean fail;
} Set;

static gboolean
set_apply (gpointer   data,
           gboolean   forward,
           GError   **error)
{
  Set *set = data;

  if (set->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot");
      return FALSE;
    }
  *set->target = forward ? set->after : set->before;
  return TRUE;
}

static gboolean
set_merge (gpointer data,
           gpointer newer)
{
  ((Set *) data)->after = ((Set *) newer)->after;
  return TRUE;
}

static const StrataUndoStepFuncs set_funcs = { set_apply, set_merge, g_free };

static Set *
do_set (int *target,
        int  value)
{
  Set *set = g_new0 (Set, 1);

  set->target = target;
  set->before = *target;
  set->after = *target = value;
  return set;
}

static void
test_steps (void)
{
  g_autoptr(StrataUndoStack) stack = strata_undo_stack_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  int x = 0;
  Set *last;

  strata_undo_stack_set_limit (stack, 2);
  g_assert_false (strata_undo_stack_push_step (stack, "One", NULL, 0, &set_funcs, do_set (&x, 1)));
  g_assert_false (strata_undo_stack_push_step (stack, "Two", "x", 0, &set_funcs, do_set (&x, 2)));
  g_assert_true (strata_undo_stack_push_step (stack, "Three", "x", 10, &set_funcs, do_set (&x, 3)));
  last = do_set (&x, 4);
  g_assert_false (strata_undo_stack_push_step (stack, "Four", NULL, 20, &set_funcs, last));
  /* "One" fell off the limit; "Two" took "Three" and its label. */
  g_assert_cmpuint (strata_undo_stack_get_length (stack), ==, 2);

  last->fail = TRUE;
  g_assert_false (strata_undo_stack_undo_step (stack, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (x, ==, 4);
  g_assert_cmpuint (strata_undo_stack_get_position (stack), ==, 2);
  last->fail = FALSE;

  g_assert_true (strata_undo_stack_undo_step (stack, NULL));
  g_assert_cmpint (x, ==, 3);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (stack), ==, "Three");
  g_assert_true (strata_undo_stack_undo_step (stack, NULL));
  g_assert_cmpint (x, ==, 1);
  g_assert_false (strata_undo_stack_undo_step (stack, NULL));
  g_assert_true (strata_undo_stack_redo_step (stack, NULL));
  g_assert_cmpint (x, ==, 3);
  g_assert_cmpstr (strata_undo_stack_get_redo_label (stack), ==, "Four");
  strata_undo_stack_clear (stack);
  g_assert_false (strata_undo_stack_can_undo (stack));
  g_assert_false (strata_undo_stack_can_redo (stack));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/undo-stack/undo-redo", test_undo_redo);
  g_test_add_func ("/undo-stack/copies", test_snapshots_are_copies);
  g_test_add_func ("/undo-stack/merge-same-cell", test_merge_same_cell);
  g_test_add_func ("/undo-stack/merge-limits", test_merge_limits);
  g_test_add_func ("/undo-stack/notify", test_notify);
  g_test_add_func ("/undo-stack/steps", test_steps);
  return g_test_run ();
}
