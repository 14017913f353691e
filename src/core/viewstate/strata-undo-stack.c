/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-undo-stack.h"
#include "strata-undo-stack-private.h"

typedef struct
{
  char                      *label;
  char                      *merge_key;
  gint64                     time_usec;
  const StrataUndoStepFuncs *funcs;
  gpointer                   data;
} Step;

struct _StrataUndoStack
{
  GObject          parent_instance;

  GPtrArray       *steps;     /* Step, oldest first */
  guint            position;  /* steps[0..position-1] are done */
  guint            limit;     /* 0: none */
  gint64           merge_window;
  gboolean         merge_open;

  /* Snapshots: the starting state, and the one shown now (base or a
   * snapshot step's before/after). */
  GBoxedCopyFunc   copy_func;
  GDestroyNotify   free_func;
  gpointer         base;
  gconstpointer    current;
};

G_DEFINE_FINAL_TYPE (StrataUndoStack, strata_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_free (step->merge_key);
  step->funcs->free (step->data);
  g_free (step);
}

static void
notify_both (StrataUndoStack *self,
             gboolean         could_undo,
             gboolean         could_redo)
{
  if (could_undo != strata_undo_stack_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != strata_undo_stack_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
strata_undo_stack_finalize (GObject *object)
{
  StrataUndoStack *self = STRATA_UNDO_STACK (object);

  g_ptr_array_unref (self->steps);
  if (self->base != NULL)
    self->free_func (self->base);
  G_OBJECT_CLASS (strata_undo_stack_parent_class)->finalize (object);
}

static void
strata_undo_stack_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StrataUndoStack *self = STRATA_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, strata_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, strata_undo_stack_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_undo_stack_class_init (StrataUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = strata_undo_stack_finalize;
  object_class->get_property = strata_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_undo_stack_init (StrataUndoStack *self)
{
  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->merge_window = STRATA_UNDO_MERGE_WINDOW_USEC;
}

StrataUndoStack *
strata_undo_stack_new (GBoxedCopyFunc copy_func,
                       GDestroyNotify free_func)
{
  StrataUndoStack *self;

  g_return_val_if_fail ((copy_func == NULL) == (free_func == NULL), NULL);

  self = g_object_new (STRATA_TYPE_UNDO_STACK, NULL);
  self->copy_func = copy_func;
  self->free_func = free_func;
  return self;
}

gboolean
strata_undo_stack_push_step (StrataUndoStack           *self,
                             const char                *label,
                             const char                *merge_key,
                             gint64                     now_usec,
                             const StrataUndoStepFuncs *funcs,
                             gpointer                   data)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (funcs != NULL && funcs->apply != NULL && funcs->free != NULL, FALSE);

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  g_ptr_array_set_size (self->steps, self->position);

  if (self->merge_open && self->position > 0 && merge_key != NULL)
    {
      Step *top = g_ptr_array_index (self->steps, self->position - 1);

      /* Same cell, still being edited: the step keeps the state before it
       * and takes the newer result and label. */
      if (top->funcs == funcs && funcs->merge != NULL &&
          g_strcmp0 (top->merge_key, merge_key) == 0 &&
          now_usec - top->time_usec <= self->merge_window &&
          funcs->merge (top->data, data))
        {
          g_free (top->label);
          top->label = g_strdup (label);
          top->time_usec = now_usec;
          funcs->free (data);
          notify_both (self, could_undo, could_redo);
          return TRUE;
        }
    }

  step = g_new0 (Step, 1);
  step->label = g_strdup (label);
  step->merge_key = g_strdup (merge_key);
  step->time_usec = now_usec;
  step->funcs = funcs;
  step->data = data;
  g_ptr_array_add (self->steps, step);
  if (self->limit > 0 && self->steps->len > self->limit)
    g_ptr_array_remove_index (self->steps, 0);
  self->position = self->steps->len;
  self->merge_open = merge_key != NULL;
  notify_both (self, could_undo, could_redo);
  return FALSE;
}

static gboolean
move (StrataUndoStack  *self,
      gboolean          forward,
      GError          **error)
{
  gboolean could_undo = strata_undo_stack_can_undo (self);
  gboolean could_redo = strata_undo_stack_can_redo (self);
  Step *step;

  if (!(forward ? could_redo : could_undo))
    return FALSE;
  step = g_ptr_array_index (self->steps, forward ? self->position : self->position - 1);
  if (!step->funcs->apply (step->data, forward, error))
    return FALSE;
  self->position += forward ? 1 : -1;
  self->merge_open = FALSE;
  notify_both (self, could_undo, could_redo);
  return TRUE;
}

gboolean
strata_undo_stack_undo_step (StrataUndoStack  *self,
                             GError          **error)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  return move (self, FALSE, error);
}

gboolean
strata_undo_stack_redo_step (StrataUndoStack  *self,
                             GError          **error)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  return move (self, TRUE, error);
}

void
strata_undo_stack_clear (StrataUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (STRATA_IS_UNDO_STACK (self));

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  self->current = self->base;
  g_ptr_array_set_size (self->steps, 0);
  self->position = 0;
  self->merge_open = FALSE;
  notify_both (self, could_undo, could_redo);
}

void
strata_undo_stack_set_limit (StrataUndoStack *self,
                             guint            limit)
{
  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  self->limit = limit;
}

void
strata_undo_stack_set_merge_window (StrataUndoStack *self,
                                    gint64           usec)
{
  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  g_return_if_fail (usec >= 0);

  self->merge_window = usec;
}

guint
strata_undo_stack_get_limit (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), 0);
  return self->limit;
}

void
strata_undo_stack_break_merge (StrataUndoStack *self)
{
  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  self->merge_open = FALSE;
}

gboolean
strata_undo_stack_can_undo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  return self->position > 0;
}

gboolean
strata_undo_stack_can_redo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  return self->position < self->steps->len;
}

const char *
strata_undo_stack_get_undo_label (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (!strata_undo_stack_can_undo (self))
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->position - 1))->label;
}

const char *
strata_undo_stack_get_redo_label (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (!strata_undo_stack_can_redo (self))
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->position))->label;
}

guint
strata_undo_stack_get_position (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), 0);
  return self->position;
}

guint
strata_undo_stack_get_length (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), 0);
  return self->steps->len;
}

/* ---- Snapshots: steps that restore a copy of the state before or after ---- */

typedef struct
{
  StrataUndoStack *stack;
  gpointer         before;
  gpointer         after;
} Snapshot;

static gboolean
snapshot_apply (gpointer   data,
                gboolean   forward,
                GError   **error)
{
  Snapshot *snap = data;

  snap->stack->current = forward ? snap->after : snap->before;
  return TRUE;
}

static gboolean
snapshot_merge (gpointer data,
                gpointer newer)
{
  Snapshot *snap = data;
  Snapshot *from = newer;
  gpointer after = snap->after;

  snap->after = from->after;
  from->after = after;
  snap->stack->current = snap->after;
  return TRUE;
}

static void
snapshot_free (gpointer data)
{
  Snapshot *snap = data;

  snap->stack->free_func (snap->before);
  snap->stack->free_func (snap->after);
  g_free (snap);
}

static const StrataUndoStepFuncs snapshot_funcs = {
  snapshot_apply, snapshot_merge, snapshot_free
};

void
strata_undo_stack_reset (StrataUndoStack *self,
                         gconstpointer    state)
{
  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  g_return_if_fail (self->copy_func != NULL);
  g_return_if_fail (state != NULL);

  /* Drop the steps first: they may point into the old base. */
  strata_undo_stack_clear (self);
  if (self->base != NULL)
    self->free_func (self->base);
  self->base = self->copy_func ((gpointer) state);
  self->current = self->base;
}

gboolean
strata_undo_stack_push (StrataUndoStack *self,
                        const char      *label,
                        const char      *merge_key,
                        gint64           now_usec,
                        gconstpointer    state)
{
  Snapshot *snap;

  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (self->current != NULL, FALSE);

  snap = g_new0 (Snapshot, 1);
  snap->stack = self;
  snap->before = self->copy_func ((gpointer) self->current);
  snap->after = self->copy_func ((gpointer) state);
  /* Shown before the stack notifies; a merge moves it into the top step. */
  self->current = snap->after;
  return strata_undo_stack_push_step (self, label, merge_key, now_usec, &snapshot_funcs, snap);
}

gconstpointer
strata_undo_stack_undo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  return strata_undo_stack_undo_step (self, NULL) ? self->current : NULL;
}

gconstpointer
strata_undo_stack_redo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  return strata_undo_stack_redo_step (self, NULL) ? self->current : NULL;
}

gconstpointer
strata_undo_stack_get_current (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  return self->current;
}
