/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-undo-stack.h"

/* history[0] is the starting state (no label); history[i] for i > 0 is the
 * state after edit i. position is the index of the state shown now. */
typedef struct
{
  char     *label;
  char     *merge_key;
  gint64    time_usec;
  gpointer  state;
} Step;

struct _StrataUndoStack
{
  GObject          parent_instance;

  GBoxedCopyFunc   copy_func;
  GDestroyNotify   free_func;
  GPtrArray       *history;
  guint            position;
  gint64           merge_window;
  gboolean         merge_open;
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
step_free (gpointer data,
           gpointer user_data)
{
  StrataUndoStack *self = user_data;
  Step *step = data;

  if (step == NULL)
    return;
  g_free (step->label);
  g_free (step->merge_key);
  if (step->state != NULL)
    self->free_func (step->state);
  g_free (step);
}

static void
truncate_history (StrataUndoStack *self,
                  guint            length)
{
  while (self->history->len > length)
    {
      step_free (g_ptr_array_index (self->history, self->history->len - 1), self);
      g_ptr_array_remove_index (self->history, self->history->len - 1);
    }
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

  truncate_history (self, 0);
  g_ptr_array_unref (self->history);
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
  self->history = g_ptr_array_new ();
  self->merge_window = STRATA_UNDO_MERGE_WINDOW_USEC;
}

StrataUndoStack *
strata_undo_stack_new (GBoxedCopyFunc copy_func,
                       GDestroyNotify free_func)
{
  StrataUndoStack *self;

  g_return_val_if_fail (copy_func != NULL, NULL);
  g_return_val_if_fail (free_func != NULL, NULL);

  self = g_object_new (STRATA_TYPE_UNDO_STACK, NULL);
  self->copy_func = copy_func;
  self->free_func = free_func;
  return self;
}

void
strata_undo_stack_reset (StrataUndoStack *self,
                         gconstpointer    state)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  g_return_if_fail (state != NULL);

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  truncate_history (self, 0);
  step = g_new0 (Step, 1);
  step->state = self->copy_func ((gpointer) state);
  g_ptr_array_add (self->history, step);
  self->position = 0;
  self->merge_open = FALSE;
  notify_both (self, could_undo, could_redo);
}

gboolean
strata_undo_stack_push (StrataUndoStack *self,
                        const char      *label,
                        const char      *merge_key,
                        gint64           now_usec,
                        gconstpointer    state)
{
  gboolean could_undo, could_redo;
  Step *top;
  Step *step;

  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (self->history->len > 0, FALSE);

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  truncate_history (self, self->position + 1);

  top = g_ptr_array_index (self->history, self->position);
  if (self->merge_open && self->position > 0 && merge_key != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 &&
      now_usec - top->time_usec <= self->merge_window)
    {
      /* Same cell, still being edited: replace the step's result and keep
       * its label and the state before it. */
      self->free_func (top->state);
      top->state = self->copy_func ((gpointer) state);
      top->time_usec = now_usec;
      notify_both (self, could_undo, could_redo);
      return TRUE;
    }

  step = g_new0 (Step, 1);
  step->label = g_strdup (label);
  step->merge_key = g_strdup (merge_key);
  step->time_usec = now_usec;
  step->state = self->copy_func ((gpointer) state);
  g_ptr_array_add (self->history, step);
  self->position = self->history->len - 1;
  self->merge_open = merge_key != NULL;
  notify_both (self, could_undo, could_redo);
  return FALSE;
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
  return self->history->len > 0 && self->position + 1 < self->history->len;
}

const char *
strata_undo_stack_get_undo_label (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (!strata_undo_stack_can_undo (self))
    return NULL;
  return ((Step *) g_ptr_array_index (self->history, self->position))->label;
}

const char *
strata_undo_stack_get_redo_label (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (!strata_undo_stack_can_redo (self))
    return NULL;
  return ((Step *) g_ptr_array_index (self->history, self->position + 1))->label;
}

gconstpointer
strata_undo_stack_undo (StrataUndoStack *self)
{
  gboolean could_redo;

  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (!strata_undo_stack_can_undo (self))
    return NULL;
  could_redo = strata_undo_stack_can_redo (self);
  self->position--;
  self->merge_open = FALSE;
  notify_both (self, TRUE, could_redo);
  return strata_undo_stack_get_current (self);
}

gconstpointer
strata_undo_stack_redo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (!strata_undo_stack_can_redo (self))
    return NULL;
  {
    gboolean could_undo = strata_undo_stack_can_undo (self);

    self->position++;
    self->merge_open = FALSE;
    notify_both (self, could_undo, TRUE);
  }
  return strata_undo_stack_get_current (self);
}

gconstpointer
strata_undo_stack_get_current (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (self->history->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->history, self->position))->state;
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
  return self->history->len > 0 ? self->history->len - 1 : 0;
}
