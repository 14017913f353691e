/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edits of the entitlement matrix. Each one only works out which rows
 * change and how (a command); strata_entitlements_run() writes it and keeps
 * it for undo. Positions are renumbered 0..n-1 on every edit that touches an
 * order, so the stored order is always dense. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-entitlements-private.h"

static gboolean
check_label (const char  *label,
             char       **out,
             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (label ? label : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                           _("A name is needed"));
      return FALSE;
    }
  *out = g_steal_pointer (&stripped);
  return TRUE;
}

static const StrataEntitlementStage *
need_stage (StrataEntitlements  *self,
            gint64               id,
            GError             **error)
{
  const StrataEntitlementStage *s = strata_entitlements_lookup_stage (self, id);
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, id);
  if (s == NULL)
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("There is no stage %s in the entitlement matrix"), number);
  return s;
}

static const StrataEntitlement *
need_entitlement (StrataEntitlements  *self,
                  gint64               id,
                  GError             **error)
{
  const StrataEntitlement *e = strata_entitlements_lookup (self, id);
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, id);
  if (e == NULL)
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("There is no entitlement %s in the matrix"), number);
  return e;
}

static const StrataEntitlementTier *
need_tier (StrataEntitlements  *self,
           const char          *tier,
           GError             **error)
{
  const StrataEntitlementTier *t = strata_entitlements_lookup_tier (self, tier);

  if (t == NULL)
    g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("There is no tier “%s” in the current rule set"), tier ? tier : "");
  return t;
}

static guint
clamp_position (int   position,
                guint len)
{
  return (position < 0 || (guint) position > len) ? len : (guint) position;
}

/* An unused key: prefix-1, prefix-2... Keys are stable identifiers for the
 * CSV and the JSON; labels are what people rename. */
static char *
unused_key (StrataEntitlements *self,
            const char         *prefix,
            gboolean            stage)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *key = g_strdup_printf ("%s-%u", prefix, n);
      gboolean used = FALSE;

      if (stage)
        {
          for (guint i = 0; i < self->stages->len && !used; i++)
            used = g_str_equal (((StrataEntitlementStage *) g_ptr_array_index (self->stages, i))->key, key);
        }
      else
        used = strata_entitlements_lookup_key (self, key) != NULL;
      if (!used)
        return g_steal_pointer (&key);
    }
}

static gint64
next_id (GPtrArray *rows,
         gboolean   stage)
{
  gint64 max = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = stage ? ((StrataEntitlementStage *) g_ptr_array_index (rows, i))->id
                        : ((StrataEntitlement *) g_ptr_array_index (rows, i))->id;
      max = MAX (max, id);
    }
  return max + 1;
}

/* new_order holds copies in their new order; records every stage whose
 * position (or anything else) differs from what is loaded. */
static void
record_stage_order (StrataEntitlements *self,
                    gpointer            cmd,
                    GPtrArray          *new_order)
{
  for (guint i = 0; i < new_order->len; i++)
    {
      StrataEntitlementStage *s = g_ptr_array_index (new_order, i);
      const StrataEntitlementStage *old = strata_entitlements_lookup_stage (self, s->id);

      s->position = (int) i;
      if (old == NULL || old->position != s->position ||
          g_strcmp0 (old->label, s->label) != 0 || g_strcmp0 (old->key, s->key) != 0)
        strata_entitlements_command_stage (cmd, old, s);
    }
}

static void
record_entitlement_order (StrataEntitlements *self,
                          gpointer            cmd,
                          GPtrArray          *new_order,
                          gint64              stage_id)
{
  for (guint i = 0; i < new_order->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (new_order, i);
      const StrataEntitlement *old = strata_entitlements_lookup (self, e->id);

      e->stage_id = stage_id;
      e->position = (int) i;
      if (old == NULL || !strata_entitlement_equal (old, e))
        strata_entitlements_command_entitlement (cmd, old, e);
    }
}

static GPtrArray *
copy_stages (StrataEntitlements *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_stage_free);

  for (guint i = 0; i < self->stages->len; i++)
    g_ptr_array_add (copy, strata_entitlement_stage_copy (g_ptr_array_index (self->stages, i)));
  return copy;
}

static GPtrArray *
copy_in_stage (StrataEntitlements *self,
               gint64              stage_id)
{
  g_autoptr(GPtrArray) in_stage = strata_entitlements_get_in_stage (self, stage_id);
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_free);

  for (guint i = 0; i < in_stage->len; i++)
    g_ptr_array_add (copy, strata_entitlement_copy (g_ptr_array_index (in_stage, i)));
  return copy;
}

static guint
index_of_stage (GPtrArray *stages,
                gint64     id)
{
  for (guint i = 0; i < stages->len; i++)
    if (((StrataEntitlementStage *) g_ptr_array_index (stages, i))->id == id)
      return i;
  g_assert_not_reached ();
}

static guint
index_of_entitlement (GPtrArray *rows,
                      gint64     id)
{
  for (guint i = 0; i < rows->len; i++)
    if (((StrataEntitlement *) g_ptr_array_index (rows, i))->id == id)
      return i;
  g_assert_not_reached ();
}

/* Records the removal of e with every stored value, including values of
 * tiers that are not columns today (an older rule set's), so undo brings
 * all of them back. */
static void
record_removal (StrataEntitlements      *self,
                gpointer                 cmd,
                const StrataEntitlement *e)
{
  g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f", e->id);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, prefix))
      strata_entitlements_command_value (cmd, e->id, (const char *) key + strlen (prefix),
                                         value, NULL);
  strata_entitlements_command_entitlement (cmd, e, NULL);
}

gint64
strata_entitlements_add_stage (StrataEntitlements  *self,
                               const char          *label,
                               int                  position,
                               GError             **error)
{
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *clean = NULL;
  StrataEntitlementStage *s;
  gpointer cmd;
  gint64 id;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), 0);

  if (!check_label (label, &clean, error))
    return 0;
  order = copy_stages (self);
  s = g_new0 (StrataEntitlementStage, 1);
  s->id = id = next_id (self->stages, TRUE);
  s->key = unused_key (self, "stage", TRUE);
  s->label = g_strdup (clean);
  g_ptr_array_insert (order, (int) clamp_position (position, order->len), s);

  cmd = strata_entitlements_command_new ("entitlements.add-stage", s->key,
                                         g_strdup_printf (_("Add stage “%s”"), clean));
  record_stage_order (self, cmd, order);
  return strata_entitlements_run (self, cmd, error) ? id : 0;
}

gboolean
strata_entitlements_remove_stage (StrataEntitlements  *self,
                                  gint64               stage_id,
                                  GError             **error)
{
  const StrataEntitlementStage *s;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) in_stage = NULL;
  gpointer cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((s = need_stage (self, stage_id, error)) == NULL)
    return FALSE;
  order = copy_stages (self);
  g_ptr_array_remove_index (order, index_of_stage (order, stage_id));

  cmd = strata_entitlements_command_new ("entitlements.remove-stage", s->key,
                                         g_strdup_printf (_("Remove stage “%s”"),
                                                          strata_entitlement_stage_get_display_label (s)));
  in_stage = strata_entitlements_get_in_stage (self, stage_id);
  for (guint i = 0; i < in_stage->len; i++)
    record_removal (self, cmd, g_ptr_array_index (in_stage, i));
  strata_entitlements_command_stage (cmd, s, NULL);
  record_stage_order (self, cmd, order);
  return strata_entitlements_run (self, cmd, error);
}

gboolean
strata_entitlements_rename_stage (StrataEntitlements  *self,
                                  gint64               stage_id,
                                  const char          *label,
                                  GError             **error)
{
  const StrataEntitlementStage *s;
  g_autoptr(StrataEntitlementStage) renamed = NULL;
  g_autofree char *clean = NULL;
  gpointer cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((s = need_stage (self, stage_id, error)) == NULL || !check_label (label, &clean, error))
    return FALSE;
  /* The name as shown is no rename: a seeded name stays seeded. */
  if (g_str_equal (s->label, clean) ||
      g_str_equal (strata_entitlement_stage_get_display_label (s), clean))
    return TRUE;
  renamed = strata_entitlement_stage_copy (s);
  g_free (renamed->label);
  renamed->label = g_strdup (clean);
  cmd = strata_entitlements_command_new ("entitlements.rename-stage", s->key,
                                         g_strdup_printf (_("Rename stage “%s” to “%s”"),
                                                          strata_entitlement_stage_get_display_label (s),
                                                          clean));
  strata_entitlements_command_stage (cmd, s, renamed);
  return strata_entitlements_run (self, cmd, error);
}

gboolean
strata_entitlements_move_stage (StrataEntitlements  *self,
                                gint64               stage_id,
                                int                  position,
                                GError             **error)
{
  const StrataEntitlementStage *s;
  g_autoptr(GPtrArray) order = NULL;
  gpointer moved, cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((s = need_stage (self, stage_id, error)) == NULL)
    return FALSE;
  order = copy_stages (self);
  moved = g_ptr_array_steal_index (order, index_of_stage (order, stage_id));
  g_ptr_array_insert (order, (int) clamp_position (position, order->len), moved);
  cmd = strata_entitlements_command_new ("entitlements.move-stage", s->key,
                                         g_strdup_printf (_("Move stage “%s”"),
                                                          strata_entitlement_stage_get_display_label (s)));
  record_stage_order (self, cmd, order);
  return strata_entitlements_run (self, cmd, error);
}

static gboolean
check_definition (const StrataEntitlement  *e,
                  GError                  **error)
{
  const char *name = strata_entitlement_get_display_label (e);

  if (e->kind == STRATA_ENTITLEMENT_LEVEL)
    {
      guint n = e->levels ? g_strv_length (e->levels) : 0;

      if (n == 0)
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                       _("“%s” needs at least one level"), name);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *level = g_strstrip (g_strdup (e->levels[i]));

          if (*level == '\0')
            {
              g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                           _("Level %u of “%s” has no name"), i + 1, name);
              return FALSE;
            }
          for (guint j = 0; j < i; j++)
            if (g_utf8_collate (e->levels[j], e->levels[i]) == 0)
              {
                g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                             _("The level “%s” appears twice in “%s”"), e->levels[i], name);
                return FALSE;
              }
        }
    }
  if (!isnan (e->cost) && (!isfinite (e->cost) || e->cost < 0))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The cost per customer of “%s” must be 0 or more"), name);
      return FALSE;
    }
  return TRUE;
}

gint64
strata_entitlements_add (StrataEntitlements       *self,
                         gint64                    stage_id,
                         const StrataEntitlement  *templ,
                         int                       position,
                         GError                  **error)
{
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *clean = NULL;
  StrataEntitlement *e;
  gpointer cmd;
  gint64 id;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), 0);
  g_return_val_if_fail (templ != NULL, 0);

  if (need_stage (self, stage_id, error) == NULL || !check_label (templ->label, &clean, error))
    return 0;
  e = strata_entitlement_copy (templ);
  g_free (e->label);
  e->label = g_strdup (clean);
  if (!check_definition (e, error))
    {
      strata_entitlement_free (e);
      return 0;
    }
  e->id = id = next_id (self->all, FALSE);
  g_free (e->key);
  e->key = (templ->key && *templ->key && !strata_entitlements_lookup_key (self, templ->key))
           ? g_strdup (templ->key) : unused_key (self, "entitlement", FALSE);

  order = copy_in_stage (self, stage_id);
  g_ptr_array_insert (order, (int) clamp_position (position, order->len), e);
  cmd = strata_entitlements_command_new ("entitlements.add", e->key,
                                         g_strdup_printf (_("Add “%s”"), clean));
  record_entitlement_order (self, cmd, order, stage_id);
  return strata_entitlements_run (self, cmd, error) ? id : 0;
}

gboolean
strata_entitlements_remove (StrataEntitlements  *self,
                            gint64               entitlement_id,
                            GError             **error)
{
  const StrataEntitlement *e;
  g_autoptr(GPtrArray) order = NULL;
  gpointer cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((e = need_entitlement (self, entitlement_id, error)) == NULL)
    return FALSE;
  order = copy_in_stage (self, e->stage_id);
  g_ptr_array_remove_index (order, index_of_entitlement (order, entitlement_id));
  cmd = strata_entitlements_command_new ("entitlements.remove", e->key,
                                         g_strdup_printf (_("Remove “%s”"),
                                                          strata_entitlement_get_display_label (e)));
  record_removal (self, cmd, e);
  record_entitlement_order (self, cmd, order, e->stage_id);
  return strata_entitlements_run (self, cmd, error);
}

gboolean
strata_entitlements_rename (StrataEntitlements  *self,
                            gint64               entitlement_id,
                            const char          *label,
                            GError             **error)
{
  const StrataEntitlement *e;
  g_autoptr(StrataEntitlement) renamed = NULL;
  g_autofree char *clean = NULL;
  gpointer cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((e = need_entitlement (self, entitlement_id, error)) == NULL ||
      !check_label (label, &clean, error))
    return FALSE;
  /* The name as shown is no rename: a seeded name stays seeded. */
  if (g_str_equal (e->label, clean) ||
      g_str_equal (strata_entitlement_get_display_label (e), clean))
    return TRUE;
  renamed = strata_entitlement_copy (e);
  g_free (renamed->label);
  renamed->label = g_strdup (clean);
  cmd = strata_entitlements_command_new ("entitlements.rename", e->key,
                                         g_strdup_printf (_("Rename “%s” to “%s”"),
                                                          strata_entitlement_get_display_label (e),
                                                          clean));
  strata_entitlements_command_entitlement (cmd, e, renamed);
  return strata_entitlements_run (self, cmd, error);
}

gboolean
strata_entitlements_move (StrataEntitlements  *self,
                          gint64               entitlement_id,
                          gint64               stage_id,
                          int                  position,
                          GError             **error)
{
  const StrataEntitlement *e;
  g_autoptr(GPtrArray) from = NULL;
  g_autoptr(GPtrArray) to = NULL;
  gpointer moved, cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((e = need_entitlement (self, entitlement_id, error)) == NULL ||
      need_stage (self, stage_id, error) == NULL)
    return FALSE;
  cmd = strata_entitlements_command_new ("entitlements.move", e->key,
                                         g_strdup_printf (_("Move “%s”"),
                                                          strata_entitlement_get_display_label (e)));
  from = copy_in_stage (self, e->stage_id);
  moved = g_ptr_array_steal_index (from, index_of_entitlement (from, entitlement_id));
  if (stage_id == e->stage_id)
    {
      g_ptr_array_insert (from, (int) clamp_position (position, from->len), moved);
      record_entitlement_order (self, cmd, from, stage_id);
    }
  else
    {
      to = copy_in_stage (self, stage_id);
      g_ptr_array_insert (to, (int) clamp_position (position, to->len), moved);
      record_entitlement_order (self, cmd, from, e->stage_id);
      record_entitlement_order (self, cmd, to, stage_id);
    }
  return strata_entitlements_run (self, cmd, error);
}

gboolean
strata_entitlements_update (StrataEntitlements       *self,
                            const StrataEntitlement  *changed,
                            GError                  **error)
{
  const StrataEntitlement *e;
  g_autoptr(StrataEntitlement) updated = NULL;
  g_autofree char *clean = NULL;
  gpointer cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);

  if ((e = need_entitlement (self, changed->id, error)) == NULL ||
      !check_label (changed->label, &clean, error))
    return FALSE;
  updated = strata_entitlement_copy (e);
  /* What the dialog shows of a seeded name, unit or level and the user left
   * as it was keeps its stored text (and so stays seeded). */
  if (!g_str_equal (strata_entitlement_get_display_label (e), clean))
    {
      g_free (updated->label);
      updated->label = g_strdup (clean);
    }
  updated->kind = changed->kind;
  g_free (updated->unit);
  updated->unit = g_strstrip (g_strdup (changed->unit ? changed->unit : ""));
  if (g_str_equal (updated->unit, strata_entitlement_display_text (e, e->unit)))
    {
      g_free (updated->unit);
      updated->unit = g_strdup (e->unit);
    }
  g_strfreev (updated->levels);
  updated->levels = changed->levels ? g_strdupv (changed->levels) : g_new0 (char *, 1);
  for (guint i = 0; updated->levels[i] != NULL; i++)
    for (guint j = 0; e->levels[j] != NULL; j++)
      if (g_str_equal (updated->levels[i], strata_entitlement_display_text (e, e->levels[j])))
        {
          g_free (updated->levels[i]);
          updated->levels[i] = g_strdup (e->levels[j]);
          break;
        }
  updated->higher_is_better = changed->higher_is_better;
  updated->cost = changed->cost;
  if (!check_definition (updated, error))
    return FALSE;
  if (strata_entitlement_equal (e, updated))
    return TRUE;

  cmd = strata_entitlements_command_new ("entitlements.update", e->key,
                                         g_strdup_printf (_("Change “%s”"),
                                                          strata_entitlement_get_display_label (e)));
  strata_entitlements_command_entitlement (cmd, e, updated);

  /* Keep what still reads under the new definition, in its new stored
   * form; drop the rest (undo brings it back). */
  {
    g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f", e->id);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->values);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (g_str_has_prefix (key, prefix))
        {
          g_autofree char *now = strata_entitlement_parse_value (updated, value, NULL);

          strata_entitlements_command_value (cmd, e->id, (const char *) key + strlen (prefix),
                                             value, (now && *now) ? now : NULL);
        }
  }
  return strata_entitlements_run (self, cmd, error);
}

gboolean
strata_entitlements_set_value (StrataEntitlements  *self,
                               gint64               entitlement_id,
                               const char          *tier,
                               const char          *input,
                               GError             **error)
{
  const StrataEntitlement *e;
  const StrataEntitlementTier *t;
  g_autofree char *value = NULL;
  g_autofree char *shown = NULL;
  gpointer cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((e = need_entitlement (self, entitlement_id, error)) == NULL ||
      (t = need_tier (self, tier, error)) == NULL)
    return FALSE;
  if ((value = strata_entitlement_parse_value (e, input, error)) == NULL)
    return FALSE;
  /* A seeded text given as the reader reads it is the value stored. */
  {
    const char *was = strata_entitlements_get_value (self, e->id, t->id);

    if (was != NULL && *value && g_str_equal (value, strata_entitlement_display_text (e, was)))
      {
        g_free (value);
        value = g_strdup (was);
      }
  }
  shown = strata_entitlement_format_value (e, value);
  cmd = strata_entitlements_command_new ("entitlements.set", e->key,
                                         /* Translators: Set “Order discount” for A to 12% */
                                         g_strdup_printf (_("Set “%s” for %s to %s"),
                                                          strata_entitlement_get_display_label (e),
                                                          t->id, shown));
  strata_entitlements_command_value (cmd, e->id, t->id,
                                     strata_entitlements_get_value (self, e->id, t->id),
                                     *value ? value : NULL);
  {
    g_autofree char *merge = g_strdup_printf ("set %" G_GINT64_FORMAT " %s", e->id, t->id);
    strata_entitlements_command_set_merge_key (cmd, merge);
  }
  return strata_entitlements_run (self, cmd, error);
}

gboolean
strata_entitlements_copy_tier (StrataEntitlements  *self,
                               const char          *from,
                               const char          *to,
                               GError             **error)
{
  const StrataEntitlementTier *f, *t;
  gpointer cmd;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);

  if ((f = need_tier (self, from, error)) == NULL || (t = need_tier (self, to, error)) == NULL)
    return FALSE;
  cmd = strata_entitlements_command_new ("entitlements.copy-tier", t->id,
                                         g_strdup_printf (_("Copy tier %s to tier %s"),
                                                          f->id, t->id));
  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);

      strata_entitlements_command_value (cmd, e->id, t->id,
                                         strata_entitlements_get_value (self, e->id, t->id),
                                         strata_entitlements_get_value (self, e->id, f->id));
    }
  return strata_entitlements_run (self, cmd, error);
}
