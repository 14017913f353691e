/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entitlement matrix in memory, and its edits.
 *
 * Every edit is described as a command: the list of rows it changes, each
 * with its state before and after (NULL = the row does not exist). Doing the
 * edit writes the "after" states, undoing it writes the "before" states, both
 * through the same function, so an inverse can never drift from its edit.
 * After each write the matrix is read back from the workspace, which stays
 * the single source of truth. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-entitlements-private.h"

#define MAX_UNDO 200

typedef enum { ROW_STAGE, ROW_ENTITLEMENT, ROW_VALUE } RowKind;

typedef struct
{
  RowKind   kind;
  gint64    id;     /* stage or entitlement id */
  char     *tier;   /* ROW_VALUE */
  gpointer  before; /* StrataEntitlementStage*, StrataEntitlement* or char* */
  gpointer  after;
} Change;

typedef struct
{
  char      *label;   /* for people: "Remove “On-site service”" */
  char      *action;  /* audit action */
  char      *subject; /* audit subject */
  GPtrArray *changes;
  char      *merge_key; /* edits of one cell in a row merge into one step */
  gint64     time;      /* monotonic, µs */
  StrataEntitlements *owner; /* set when run */
} Command;

G_DEFINE_FINAL_TYPE (StrataEntitlements, strata_entitlements, G_TYPE_OBJECT)

enum { PROP_0, PROP_WORKSPACE, PROP_CAN_UNDO, PROP_CAN_REDO, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
row_state_free (RowKind  kind,
                gpointer state)
{
  if (state == NULL)
    return;
  if (kind == ROW_STAGE)
    strata_entitlement_stage_free (state);
  else if (kind == ROW_ENTITLEMENT)
    strata_entitlement_free (state);
  else
    g_free (state);
}

static void
change_free (Change *c)
{
  row_state_free (c->kind, c->before);
  row_state_free (c->kind, c->after);
  g_free (c->tier);
  g_free (c);
}

static void
command_free (Command *cmd)
{
  g_free (cmd->label);
  g_free (cmd->action);
  g_free (cmd->subject);
  g_free (cmd->merge_key);
  g_ptr_array_unref (cmd->changes);
  g_free (cmd);
}

static Command *
command_new (const char *action,
             const char *subject,
             char       *label)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->action = g_strdup (action);
  cmd->subject = g_strdup (subject);
  cmd->label = label;
  cmd->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  cmd->time = g_get_monotonic_time ();
  return cmd;
}

/* The command takes copies of before and after. */
static void
command_stage (Command                      *cmd,
               const StrataEntitlementStage *before,
               const StrataEntitlementStage *after)
{
  Change *c = g_new0 (Change, 1);

  c->kind = ROW_STAGE;
  c->id = before ? before->id : after->id;
  c->before = before ? strata_entitlement_stage_copy (before) : NULL;
  c->after = after ? strata_entitlement_stage_copy (after) : NULL;
  g_ptr_array_add (cmd->changes, c);
}

static void
command_entitlement (Command                 *cmd,
                     const StrataEntitlement *before,
                     const StrataEntitlement *after)
{
  Change *c = g_new0 (Change, 1);

  c->kind = ROW_ENTITLEMENT;
  c->id = before ? before->id : after->id;
  c->before = before ? strata_entitlement_copy (before) : NULL;
  c->after = after ? strata_entitlement_copy (after) : NULL;
  g_ptr_array_add (cmd->changes, c);
}

static void
command_value (Command    *cmd,
               gint64      entitlement_id,
               const char *tier,
               const char *before,
               const char *after)
{
  Change *c;

  if (g_strcmp0 (before, after) == 0)
    return;
  c = g_new0 (Change, 1);
  c->kind = ROW_VALUE;
  c->id = entitlement_id;
  c->tier = g_strdup (tier);
  c->before = g_strdup (before);
  c->after = g_strdup (after);
  g_ptr_array_add (cmd->changes, c);
}

static char *
value_key (gint64      entitlement_id,
           const char *tier)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", entitlement_id, tier);
}

/* ---- Loading ---- */

static int
compare_stage (gconstpointer a,
               gconstpointer b)
{
  const StrataEntitlementStage *sa = *(StrataEntitlementStage **) a;
  const StrataEntitlementStage *sb = *(StrataEntitlementStage **) b;

  if (sa->position != sb->position)
    return sa->position < sb->position ? -1 : 1;
  return sa->id < sb->id ? -1 : (sa->id > sb->id);
}

static gboolean
load (StrataEntitlements  *self,
      GError             **error)
{
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_stage_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_free);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(sqlite3_stmt) et = NULL;
  g_autoptr(sqlite3_stmt) vt = NULL;
  int rc;

  st = strata_workspace_prepare (self->workspace,
                                 "SELECT id, key, label, position FROM entitlement_stages"
                                 " ORDER BY position, id", error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      StrataEntitlementStage *s = g_new0 (StrataEntitlementStage, 1);

      s->id = sqlite3_column_int64 (st, 0);
      s->key = g_strdup ((const char *) sqlite3_column_text (st, 1));
      s->label = g_strdup ((const char *) sqlite3_column_text (st, 2));
      s->position = sqlite3_column_int (st, 3);
      g_ptr_array_add (stages, s);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "entitlement_stages");
      return FALSE;
    }

  /* Entitlements in stage order, so that the flat list reads like the page. */
  et = strata_workspace_prepare (self->workspace,
                                 "SELECT e.id, e.stage_id, e.key, e.label, e.kind, e.unit,"
                                 " e.levels, e.higher_is_better, e.cost_per_customer, e.position"
                                 " FROM entitlements e JOIN entitlement_stages s ON s.id = e.stage_id"
                                 " ORDER BY s.position, s.id, e.position, e.id", error);
  if (et == NULL)
    return FALSE;
  while ((rc = sqlite3_step (et)) == SQLITE_ROW)
    {
      StrataEntitlement *e = strata_entitlement_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *levels = (const char *) sqlite3_column_text (et, 6);

      e->id = sqlite3_column_int64 (et, 0);
      e->stage_id = sqlite3_column_int64 (et, 1);
      e->key = g_strdup ((const char *) sqlite3_column_text (et, 2));
      e->label = g_strdup ((const char *) sqlite3_column_text (et, 3));
      if (!strata_entitlement_kind_from_string ((const char *) sqlite3_column_text (et, 4), &e->kind))
        e->kind = STRATA_ENTITLEMENT_TEXT;
      g_free (e->unit);
      e->unit = g_strdup ((const char *) sqlite3_column_text (et, 5));
      /* levels is a JSON array of strings; anything else reads as no levels
       * rather than refusing the whole workspace. */
      if (levels && json_parser_load_from_data (parser, levels, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        {
          JsonArray *array = json_node_get_array (json_parser_get_root (parser));
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *n = json_array_get_element (array, i);
              if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
                g_strv_builder_add (builder, json_node_get_string (n));
            }
          g_strfreev (e->levels);
          e->levels = g_strv_builder_end (builder);
        }
      e->higher_is_better = sqlite3_column_int (et, 7) != 0;
      e->cost = sqlite3_column_type (et, 8) == SQLITE_NULL ? NAN : sqlite3_column_double (et, 8);
      e->position = sqlite3_column_int (et, 9);
      g_ptr_array_add (all, e);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "entitlements");
      return FALSE;
    }

  vt = strata_workspace_prepare (self->workspace,
                                 "SELECT entitlement_id, tier, value FROM entitlement_values", error);
  if (vt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (vt)) == SQLITE_ROW)
    g_hash_table_insert (values,
                         value_key (sqlite3_column_int64 (vt, 0),
                                    (const char *) sqlite3_column_text (vt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (vt, 2)));
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "entitlement_values");
      return FALSE;
    }

  g_ptr_array_sort (stages, compare_stage);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  self->stages = g_steal_pointer (&stages);
  self->all = g_steal_pointer (&all);
  self->values = g_steal_pointer (&values);
  strata_entitlements_update_problems (self);
  return TRUE;
}

gboolean
strata_entitlements_reload (StrataEntitlements  *self,
                            GError             **error)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if (!load (self, error))
    return FALSE;
  strata_undo_stack_clear (self->history);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Somebody else wrote the matrix (another window, an import): read it again.
 * Our own writes are recognised by self->writing. */
static void
on_workspace_changed (StrataEntitlements *self,
                      const char         *what,
                      StrataWorkspace    *workspace)
{
  g_autoptr(GError) error = NULL;

  if (self->writing)
    return;
  /* The draft's tiers are the current ones until a version is published. */
  if (g_strcmp0 (what, "rules") == 0 || g_strcmp0 (what, "draft") == 0 ||
      g_strcmp0 (what, "all") == 0)
    {
      if (!strata_entitlements_sync_tiers (self, &error))
        g_warning ("Cannot read the tiers of the rule set: %s", error->message);
      g_clear_error (&error);
    }
  if (g_strcmp0 (what, "entitlements") != 0 && g_strcmp0 (what, "all") != 0)
    return;
  if (!strata_entitlements_reload (self, &error))
    g_warning ("Cannot reload the entitlements: %s", error->message);
}

/* ---- Writing ---- */

static gboolean
write_stage (StrataEntitlements            *self,
             gint64                         id,
             const StrataEntitlementStage  *s,
             GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (s == NULL)
    stmt = strata_workspace_prepare (self->workspace,
                                     "DELETE FROM entitlement_stages WHERE id = ?1", error);
  else
    stmt = strata_workspace_prepare (self->workspace,
                                     "INSERT INTO entitlement_stages (id, key, label, position)"
                                     " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET"
                                     " key = excluded.key, label = excluded.label,"
                                     " position = excluded.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (s != NULL)
    {
      sqlite3_bind_text (stmt, 2, s->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, s->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, s->position);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "entitlement_stages");
      return FALSE;
    }
  return TRUE;
}

static char *
levels_to_json (GStrv levels)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; levels && levels[i]; i++)
    json_builder_add_string_value (b, levels[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
write_entitlement (StrataEntitlements       *self,
                   gint64                    id,
                   const StrataEntitlement  *e,
                   GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *levels = NULL;

  if (e == NULL)
    stmt = strata_workspace_prepare (self->workspace,
                                     "DELETE FROM entitlements WHERE id = ?1", error);
  else
    stmt = strata_workspace_prepare (self->workspace,
                                     "INSERT INTO entitlements (id, stage_id, key, label, kind,"
                                     " unit, levels, higher_is_better, cost_per_customer, position)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                                     " ON CONFLICT (id) DO UPDATE SET stage_id = excluded.stage_id,"
                                     " key = excluded.key, label = excluded.label,"
                                     " kind = excluded.kind, unit = excluded.unit,"
                                     " levels = excluded.levels,"
                                     " higher_is_better = excluded.higher_is_better,"
                                     " cost_per_customer = excluded.cost_per_customer,"
                                     " position = excluded.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (e != NULL)
    {
      levels = levels_to_json (e->levels);
      sqlite3_bind_int64 (stmt, 2, e->stage_id);
      sqlite3_bind_text (stmt, 3, e->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, e->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, strata_entitlement_kind_to_string (e->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, e->unit ? e->unit : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, levels, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 8, e->higher_is_better ? 1 : 0);
      if (isnan (e->cost))
        sqlite3_bind_null (stmt, 9);
      else
        sqlite3_bind_double (stmt, 9, e->cost);
      sqlite3_bind_int (stmt, 10, e->position);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "entitlements");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_value (StrataEntitlements  *self,
             gint64               id,
             const char          *tier,
             const char          *value,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL)
    stmt = strata_workspace_prepare (self->workspace,
                                     "DELETE FROM entitlement_values"
                                     " WHERE entitlement_id = ?1 AND tier = ?2", error);
  else
    stmt = strata_workspace_prepare (self->workspace,
                                     "INSERT INTO entitlement_values (entitlement_id, tier, value)"
                                     " VALUES (?1, ?2, ?3) ON CONFLICT (entitlement_id, tier)"
                                     " DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, tier, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (self->workspace, error, "entitlement_values");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_change (StrataEntitlements  *self,
              const Change        *c,
              gpointer             state,
              GError             **error)
{
  switch (c->kind)
    {
    case ROW_STAGE:
      return write_stage (self, c->id, state, error);
    case ROW_ENTITLEMENT:
      return write_entitlement (self, c->id, state, error);
    case ROW_VALUE:
    default:
      return write_value (self, c->id, c->tier, state, error);
    }
}

/* Writes one side of a command in one transaction: removals first, children
 * before parents (so no cascade surprises), then inserts and updates, parents
 * before children (so foreign keys hold). */
static gboolean
apply (StrataEntitlements  *self,
       Command             *cmd,
       gboolean             forward,
       const char          *action,
       GError             **error)
{
  static const RowKind delete_order[] = { ROW_VALUE, ROW_ENTITLEMENT, ROW_STAGE };
  static const RowKind write_order[] = { ROW_STAGE, ROW_ENTITLEMENT, ROW_VALUE };
  g_autoptr(GError) local_error = NULL;

  if (!strata_workspace_begin (self->workspace, error))
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (delete_order); k++)
    for (guint i = 0; i < cmd->changes->len; i++)
      {
        Change *c = g_ptr_array_index (cmd->changes, i);
        gpointer target = forward ? c->after : c->before;

        if (c->kind == delete_order[k] && target == NULL &&
            !write_change (self, c, NULL, &local_error))
          goto failed;
      }
  for (guint k = 0; k < G_N_ELEMENTS (write_order); k++)
    for (guint i = 0; i < cmd->changes->len; i++)
      {
        Change *c = g_ptr_array_index (cmd->changes, i);
        gpointer target = forward ? c->after : c->before;

        if (c->kind == write_order[k] && target != NULL &&
            !write_change (self, c, target, &local_error))
          goto failed;
      }

  if (!strata_workspace_audit (self->workspace, action, cmd->subject, cmd->label, &local_error) ||
      !strata_workspace_commit (self->workspace, &local_error))
    goto failed;

  /* The write is done: a failure to read back is reported, but the edit
   * stands, and the history must record it. */
  if (!load (self, &local_error))
    g_warning ("Cannot read the entitlements back: %s", local_error->message);

  self->writing = TRUE;
  strata_workspace_emit_changed (self->workspace, "entitlements");
  self->writing = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;

failed:
  strata_workspace_rollback (self->workspace);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A command as an undo step: doing or undoing it is one apply (). */
static gboolean
command_step_apply (gpointer   data,
                    gboolean   forward,
                    GError   **error)
{
  Command *cmd = data;

  return apply (cmd->owner, cmd, forward,
                forward ? "entitlements.redo" : "entitlements.undo", error);
}

/* Holding a spin button's arrow sets one cell many times a second: one
 * undo step should take it back to where it started. */
static gboolean
command_step_merge (gpointer data,
                    gpointer newer)
{
  Command *last = data;
  Command *cmd = newer;
  Change *into, *from;

  if (last->changes->len != 1 || cmd->changes->len != 1)
    return FALSE;
  into = g_ptr_array_index (last->changes, 0);
  from = g_ptr_array_index (cmd->changes, 0);
  g_free (into->after);
  into->after = g_steal_pointer (&from->after);
  g_free (last->label);
  last->label = g_steal_pointer (&cmd->label);
  return TRUE;
}

static const StrataUndoStepFuncs command_step_funcs = {
  command_step_apply, command_step_merge, (GDestroyNotify) command_free
};

/* Does cmd and pushes it on the undo stack (taking it), or frees it. */
gboolean
strata_entitlements_run (StrataEntitlements  *self,
                         gpointer             command,
                         GError             **error)
{
  Command *cmd = command;

  if (cmd->changes->len == 0)
    {
      command_free (cmd);
      return TRUE;
    }
  if (!apply (self, cmd, TRUE, cmd->action, error))
    {
      command_free (cmd);
      return FALSE;
    }
  cmd->owner = self;
  strata_undo_stack_push_step (self->history, cmd->label, cmd->merge_key, cmd->time,
                               &command_step_funcs, cmd);
  return TRUE;
}

gpointer
strata_entitlements_command_new (const char *action,
                                 const char *subject,
                                 char       *label)
{
  return command_new (action, subject, label);
}

void
strata_entitlements_command_stage (gpointer                      command,
                                   const StrataEntitlementStage *before,
                                   const StrataEntitlementStage *after)
{
  command_stage (command, before, after);
}

void
strata_entitlements_command_entitlement (gpointer                 command,
                                         const StrataEntitlement *before,
                                         const StrataEntitlement *after)
{
  command_entitlement (command, before, after);
}

void
strata_entitlements_command_value (gpointer    command,
                                   gint64      entitlement_id,
                                   const char *tier,
                                   const char *before,
                                   const char *after)
{
  command_value (command, entitlement_id, tier, before, after);
}

void
strata_entitlements_command_set_merge_key (gpointer    command,
                                           const char *key)
{
  Command *cmd = command;

  g_free (cmd->merge_key);
  cmd->merge_key = g_strdup (key);
}

void
strata_entitlements_command_free (gpointer command)
{
  command_free (command);
}

/* ---- Undo / redo ---- */

gboolean
strata_entitlements_can_undo (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  return strata_undo_stack_can_undo (self->history);
}

gboolean
strata_entitlements_can_redo (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  return strata_undo_stack_can_redo (self->history);
}

const char *
strata_entitlements_get_undo_label (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  return strata_undo_stack_get_undo_label (self->history);
}

const char *
strata_entitlements_get_redo_label (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  return strata_undo_stack_get_redo_label (self->history);
}

StrataUndoStack *
strata_entitlements_get_history (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  return self->history;
}

gboolean
strata_entitlements_undo (StrataEntitlements  *self,
                          GError             **error)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  if (!strata_undo_stack_can_undo (self->history))
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                           _("Nothing to undo"));
      return FALSE;
    }
  return strata_undo_stack_undo_step (self->history, error);
}

gboolean
strata_entitlements_redo (StrataEntitlements  *self,
                          GError             **error)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  if (!strata_undo_stack_can_redo (self->history))
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                           _("Nothing to redo"));
      return FALSE;
    }
  return strata_undo_stack_redo_step (self->history, error);
}

/* ---- Reading ---- */

GPtrArray *
strata_entitlements_default_tiers (void)
{
  GPtrArray *tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_tier_free);

  /* The default palette of the rule set: readable by colour-blind people. */
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("A", C_("tier", "Strategic"), "#1c4e9d"));
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("B", C_("tier", "Key"), "#16867a"));
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("C", C_("tier", "Value"), "#d99a00"));
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("D", C_("tier", "Potential"), "#d2691e"));
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("E", C_("tier", "Ordinary"), "#7a7a7a"));
  return tiers;
}

void
strata_entitlements_set_tiers (StrataEntitlements *self,
                               GPtrArray          *tiers)
{
  g_autoptr(GPtrArray) copy = NULL;

  g_return_if_fail (STRATA_IS_ENTITLEMENTS (self));
  g_return_if_fail (tiers != NULL && tiers->len > 0);

  if (self->tiers != NULL && self->tiers->len == tiers->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < tiers->len && same; i++)
        {
          StrataEntitlementTier *a = g_ptr_array_index (self->tiers, i);
          StrataEntitlementTier *b = g_ptr_array_index (tiers, i);

          same = g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->label, b->label) == 0 &&
                 g_strcmp0 (a->color, b->color) == 0;
        }
      if (same)
        return;
    }
  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_tier_free);
  for (guint i = 0; i < tiers->len; i++)
    g_ptr_array_add (copy, strata_entitlement_tier_copy (g_ptr_array_index (tiers, i)));
  g_clear_pointer (&self->tiers, g_ptr_array_unref);
  self->tiers = g_steal_pointer (&copy);
  strata_entitlements_update_problems (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GPtrArray *
strata_entitlements_get_tiers (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  return self->tiers;
}

const StrataEntitlementTier *
strata_entitlements_lookup_tier (StrataEntitlements *self,
                                 const char         *tier)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  for (guint i = 0; i < self->tiers->len; i++)
    {
      StrataEntitlementTier *t = g_ptr_array_index (self->tiers, i);
      if (g_strcmp0 (t->id, tier) == 0)
        return t;
    }
  return NULL;
}

GPtrArray *
strata_entitlements_get_stages (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  return self->stages;
}

const StrataEntitlementStage *
strata_entitlements_lookup_stage (StrataEntitlements *self,
                                  gint64              stage_id)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  for (guint i = 0; i < self->stages->len; i++)
    {
      StrataEntitlementStage *s = g_ptr_array_index (self->stages, i);
      if (s->id == stage_id)
        return s;
    }
  return NULL;
}

GPtrArray *
strata_entitlements_get_all (StrataEntitlements *self)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  return self->all;
}

GPtrArray *
strata_entitlements_get_in_stage (StrataEntitlements *self,
                                  gint64              stage_id)
{
  GPtrArray *in_stage;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  in_stage = g_ptr_array_new ();
  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);
      if (e->stage_id == stage_id)
        g_ptr_array_add (in_stage, e);
    }
  return in_stage;
}

const StrataEntitlement *
strata_entitlements_lookup (StrataEntitlements *self,
                            gint64              entitlement_id)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);
      if (e->id == entitlement_id)
        return e;
    }
  return NULL;
}

const StrataEntitlement *
strata_entitlements_lookup_key (StrataEntitlements *self,
                                const char         *key)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);
      if (g_strcmp0 (e->key, key) == 0)
        return e;
    }
  return NULL;
}

const char *
strata_entitlements_get_value (StrataEntitlements *self,
                               gint64              entitlement_id,
                               const char         *tier)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  key = value_key (entitlement_id, tier);
  return g_hash_table_lookup (self->values, key);
}

/* ---- GObject ---- */

static void
strata_entitlements_finalize (GObject *object)
{
  StrataEntitlements *self = STRATA_ENTITLEMENTS (object);

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->tiers, g_ptr_array_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (strata_entitlements_parent_class)->finalize (object);
}

static void
strata_entitlements_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StrataEntitlements *self = STRATA_ENTITLEMENTS (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, strata_entitlements_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, strata_entitlements_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_entitlements_class_init (StrataEntitlementsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = strata_entitlements_finalize;
  object_class->get_property = strata_entitlements_get_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STRATA_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The matrix (or the tier columns) changed: views redraw. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
forward_notify (StrataEntitlements *self,
                GParamSpec         *pspec)
{
  g_object_notify (G_OBJECT (self), g_param_spec_get_name (pspec));
}

static void
strata_entitlements_init (StrataEntitlements *self)
{
  self->tiers = strata_entitlements_default_tiers ();
  self->history = strata_undo_stack_new (NULL, NULL);
  strata_undo_stack_set_limit (self->history, MAX_UNDO);
  /* The page watches our can-undo / can-redo; they are the stack's. */
  g_signal_connect_object (self->history, "notify::can-undo",
                           G_CALLBACK (forward_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo",
                           G_CALLBACK (forward_notify), self, G_CONNECT_SWAPPED);
}

StrataEntitlements *
strata_entitlements_new (StrataWorkspace  *workspace,
                         GError          **error)
{
  g_autoptr(StrataEntitlements) self = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (STRATA_TYPE_ENTITLEMENTS, NULL);
  self->workspace = g_object_ref (workspace);
  if (!load (self, error))
    return NULL;
  {
    g_autoptr(GError) local_error = NULL;

    /* The default tiers stay when the rule set cannot be read; the scoring
     * page is where that gets said and fixed. */
    if (!strata_entitlements_sync_tiers (self, &local_error))
      g_warning ("Cannot read the tiers of the rule set: %s", local_error->message);
  }
  g_signal_connect_object (workspace, "changed", G_CALLBACK (on_workspace_changed),
                           self, G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}
