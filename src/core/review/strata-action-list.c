/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The action lists after a review: the movement's movers (tier moves with
 * their reasons) and the customers who only changed quadrant, split by an
 * owner attribute, with the entitlement matrix compared between the two
 * tiers and the quadrant's action from the later period's rules. */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-i18n.h"
#include "strata-action-costly.h"
#include "strata-action-list.h"
#include "strata-entitlements.h"
#include "strata-error.h"

struct _StrataActionList
{
  GObject     parent_instance;

  char       *attribute;
  char       *from_name;
  char       *to_name;
  GPtrArray  *owners;    /* StrataActionOwner* */
  guint       n_items;
  GHashTable *tier_colours;  /* tier id -> "#rrggbb" */
};

G_DEFINE_FINAL_TYPE (StrataActionList, strata_action_list, G_TYPE_OBJECT)

static void
change_free (StrataActionChange *change)
{
  g_free (change->stage);
  g_free (change->label);
  g_free (change->from_value);
  g_free (change->to_value);
  g_free (change);
}

static void
item_free (StrataActionItem *item)
{
  g_free (item->ext_id);
  g_free (item->name);
  g_free (item->owner);
  g_free (item->from_tier);
  g_free (item->to_tier);
  g_ptr_array_unref (item->reasons);
  g_ptr_array_unref (item->reasons_full);
  g_ptr_array_unref (item->gains);
  g_ptr_array_unref (item->losses);
  g_free (item->action);
  g_free (item);
}

static void
costly_free (StrataActionCostly *costly)
{
  g_free (costly->ext_id);
  g_free (costly->name);
  g_free (costly->product);
  g_free (costly);
}

static void
owner_free (StrataActionOwner *owner)
{
  g_free (owner->owner);
  g_free (owner->label);
  g_ptr_array_unref (owner->items);
  g_ptr_array_unref (owner->costly);
  g_free (owner);
}

static void
strata_action_list_finalize (GObject *object)
{
  StrataActionList *self = STRATA_ACTION_LIST (object);

  g_free (self->attribute);
  g_free (self->from_name);
  g_free (self->to_name);
  g_ptr_array_unref (self->owners);
  g_hash_table_unref (self->tier_colours);
  G_OBJECT_CLASS (strata_action_list_parent_class)->finalize (object);
}

static void
strata_action_list_class_init (StrataActionListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_action_list_finalize;
}

static void
strata_action_list_init (StrataActionList *self)
{
  self->owners = g_ptr_array_new_with_free_func ((GDestroyNotify) owner_free);
  self->tier_colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Attributes -------------------------------------------------------------- */

GPtrArray *
strata_action_list_list_attributes (StrataWorkspace  *workspace,
                                    GError          **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT DISTINCT key FROM attributes ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "attributes");
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/* customer id -> owner value (non-empty values only). */
static GHashTable *
load_owners (StrataWorkspace  *workspace,
             const char       *attribute,
             GError          **error)
{
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT customer_id, value FROM attributes WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, attribute, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

      if (stripped[0] != '\0')
        g_hash_table_insert (owners, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                sizeof (gint64)),
                             g_steal_pointer (&stripped));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "attributes");
      return NULL;
    }
  return g_steal_pointer (&owners);
}

static gboolean
check_attribute (StrataWorkspace  *workspace,
                 const char       *attribute,
                 GError          **error)
{
  g_autoptr(GPtrArray) keys = strata_action_list_list_attributes (workspace, error);
  g_autofree char *known = NULL;

  if (keys == NULL)
    return FALSE;
  if (g_ptr_array_find_with_equal_func (keys, attribute, g_str_equal, NULL))
    return TRUE;
  if (keys->len == 0)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   /* Translators: the owner attribute of the action lists is unknown */
                   _("No customer has the attribute “%s”, and %s has no attributes"),
                   attribute, strata_workspace_get_path (workspace));
      return FALSE;
    }
  g_ptr_array_add (keys, NULL);
  known = g_strjoinv (", ", (char **) keys->pdata);
  g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
               /* Translators: "No customer has the attribute “owner”; the attributes are: industry, region" */
               _("No customer has the attribute “%s”; the attributes are: %s"),
               attribute, known);
  return FALSE;
}

/* Entitlements ------------------------------------------------------------- */

static StrataActionChange *
new_change (StrataEntitlements      *matrix,
            const StrataEntitlement *e,
            const char              *from,
            const char              *to)
{
  const StrataEntitlementStage *stage = strata_entitlements_lookup_stage (matrix, e->stage_id);
  StrataActionChange *change = g_new0 (StrataActionChange, 1);

  change->stage = g_strdup (stage ? strata_entitlement_stage_get_display_label (stage) : "");
  change->label = g_strdup (strata_entitlement_get_display_label (e));
  change->from_value = from ? strata_entitlement_format_value (e, from) : NULL;
  change->to_value = to ? strata_entitlement_format_value (e, to) : NULL;
  return change;
}

/* Compares the two tiers' cells of every entitlement: a better rank (or a
 * cell that now grants what it did not) is a gain, a worse one a loss; an
 * unordered value that changed counts with the direction of the move. */
static void
compare_entitlements (StrataEntitlements *matrix,
                      const char         *from_tier,
                      const char         *to_tier,
                      gboolean            upward,
                      GPtrArray          *gains,
                      GPtrArray          *losses)
{
  GPtrArray *all;

  if (matrix == NULL)
    return;
  all = strata_entitlements_get_all (matrix);
  for (guint i = 0; i < all->len; i++)
    {
      const StrataEntitlement *e = all->pdata[i];
      const char *a = from_tier ? strata_entitlements_get_value (matrix, e->id, from_tier) : NULL;
      const char *b = to_tier ? strata_entitlements_get_value (matrix, e->id, to_tier) : NULL;
      gboolean ga = a != NULL && strata_entitlement_grants (e, a);
      gboolean gb = b != NULL && strata_entitlement_grants (e, b);
      double ra = 0, rb = 0;
      int direction;

      if (g_strcmp0 (a, b) == 0)
        continue;
      if (a != NULL && b != NULL && strata_entitlement_rank (e, a, &ra) &&
          strata_entitlement_rank (e, b, &rb))
        direction = rb > ra ? 1 : rb < ra ? -1 : 0;
      else if (gb != ga)
        direction = gb ? 1 : -1;
      else if (!ga && !gb)
        direction = 0;  /* granted in neither tier: nothing to act on */
      else
        direction = upward ? 1 : -1;

      if (direction > 0)
        g_ptr_array_add (gains, new_change (matrix, e, a, b));
      else if (direction < 0)
        g_ptr_array_add (losses, new_change (matrix, e, a, b));
    }
}

char *
strata_action_describe_changes (GPtrArray  *changes,
                                const char *separator)
{
  GString *s = g_string_new (NULL);
  const char *stage = NULL;

  g_return_val_if_fail (changes != NULL, NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      const StrataActionChange *c = changes->pdata[i];

      if (stage == NULL || g_strcmp0 (stage, c->stage) != 0)
        {
          if (stage != NULL)
            g_string_append (s, separator);
          /* Translators: a funnel stage before its entitlements: "After-sales: …" */
          g_string_append_printf (s, _("%s: "), c->stage);
          stage = c->stage;
        }
      else
        /* Translators: between two entitlements of one stage */
        g_string_append (s, _(", "));
      /* Translators: an entitlement that changes: "Response time 8 h → 4 h"; – is an empty cell */
      g_string_append_printf (s, _("%s %s → %s"), c->label,
                              c->from_value ? c->from_value : "–",
                              c->to_value ? c->to_value : "–");
    }
  return g_string_free (s, FALSE);
}

/* Computation -------------------------------------------------------------- */

const char *
strata_action_quadrant_letter (StrataQuadrant quadrant)
{
  static const char *letters[] = { "", "A", "B", "C", "D" };

  return (guint) quadrant < G_N_ELEMENTS (letters) ? letters[quadrant] : "";
}

static const char *
metric_label (GHashTable *metrics,
              const char *key)
{
  const StrataReviewMetric *metric = g_hash_table_lookup (metrics, key);

  return metric && metric->label[0] ? metric->label : key;
}

/* A reason as shown and, where its figures read shorter than in full (an
 * amount in Chinese), in full for the CSV. Takes both. */
static void
add_reason (StrataActionItem *item,
            char             *line,
            char             *full)
{
  g_ptr_array_add (item->reasons, line);
  if (full != NULL && g_str_equal (full, line))
    g_clear_pointer (&full, g_free);
  g_ptr_array_add (item->reasons_full, full);
}

/* Why a customer changed quadrant: its axis metrics that changed (the
 * movement's wording), else the thresholds. Skips metrics already given. */
static void
explain_quadrant (StrataActionItem        *item,
                  GHashTable              *metrics,
                  const StrataRules       *rules,
                  const StrataPeriodData  *from,
                  const StrataPeriodData  *to,
                  gint64                   customer_id,
                  GPtrArray               *skip_keys)
{
  const char *axes[] = { rules->quadrant.x_metric, rules->quadrant.y_metric };
  int i = strata_period_data_find_id (from, customer_id);
  int j = strata_period_data_find_id (to, customer_id);
  gboolean any = FALSE;

  if (i < 0 || j < 0)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (axes); k++)
    {
      double a, b;
      g_autofree char *ta = NULL;
      g_autofree char *tb = NULL;
      g_autofree char *fa = NULL;
      g_autofree char *fb = NULL;
      const StrataReviewMetric *metric;

      if (axes[k] == NULL)
        continue;
      a = strata_period_data_get_value (from, i, axes[k]);
      b = strata_period_data_get_value (to, j, axes[k]);
      if ((isnan (a) && isnan (b)) || a == b)
        continue;
      any = TRUE;
      if (skip_keys && g_ptr_array_find_with_equal_func (skip_keys, axes[k], g_str_equal, NULL))
        continue;
      metric = g_hash_table_lookup (metrics, axes[k]);
      strata_movement_format_change (metric, a, b, &ta, &tb);
      fa = strata_movement_format_value_full (metric, a);
      fb = strata_movement_format_value_full (metric, b);
      add_reason (item,
                  g_strdup_printf (_("%s: %s → %s"), metric_label (metrics, axes[k]), ta, tb),
                  g_strdup_printf (_("%s: %s → %s"), metric_label (metrics, axes[k]), fa, fb));
    }
  if (!any)
    add_reason (item, g_strdup (_("The quadrant thresholds changed")), NULL);
}

static char *
quadrant_action (const StrataRules *rules,
                 StrataQuadrant     quadrant,
                 gboolean           lost)
{
  if (quadrant >= STRATA_QUADRANT_A && quadrant <= STRATA_QUADRANT_D)
    {
      const char *action = strata_rules_get_quadrant_action (rules, quadrant - STRATA_QUADRANT_A);
      return g_strdup (action ? action : "");
    }
  if (lost)
    /* Translators: the action for a customer no longer in the later period */
    return g_strdup (_("Lost: find out why and whether to win them back"));
  return g_strdup ("");
}

static StrataActionOwner *
owner_for (GHashTable *by_name,
           GPtrArray  *owners,
           const char *name)
{
  StrataActionOwner *owner = g_hash_table_lookup (by_name, name ? name : "");

  if (owner == NULL)
    {
      owner = g_new0 (StrataActionOwner, 1);
      owner->owner = g_strdup (name);
      /* Translators: the owner of customers that have no owner attribute */
      owner->label = g_strdup (name ? name : _("(unassigned)"));
      owner->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
      owner->costly = g_ptr_array_new_with_free_func ((GDestroyNotify) costly_free);
      g_hash_table_insert (by_name, g_strdup (name ? name : ""), owner);
      g_ptr_array_add (owners, owner);
    }
  return owner;
}

static int
compare_owners (gconstpointer pa,
                gconstpointer pb)
{
  const StrataActionOwner *a = *(StrataActionOwner **) pa;
  const StrataActionOwner *b = *(StrataActionOwner **) pb;

  if ((a->owner == NULL) != (b->owner == NULL))
    return a->owner == NULL ? 1 : -1;
  return g_utf8_collate (a->label, b->label);
}

static StrataActionItem *
new_item (gint64      customer_id,
          const char *ext_id,
          const char *name,
          GHashTable *owner_of)
{
  StrataActionItem *item = g_new0 (StrataActionItem, 1);

  item->customer_id = customer_id;
  item->ext_id = g_strdup (ext_id);
  item->name = g_strdup (name);
  item->owner = g_strdup (g_hash_table_lookup (owner_of, &customer_id));
  item->reasons = g_ptr_array_new_with_free_func (g_free);
  item->reasons_full = g_ptr_array_new_with_free_func (g_free);
  item->gains = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  item->losses = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  return item;
}

StrataActionList *
strata_action_list_compute (StrataWorkspace  *workspace,
                            gint64            from_id,
                            gint64            to_id,
                            const char       *owner_attribute,
                            gboolean          restate,
                            GError          **error)
{
  g_autoptr(StrataActionList) self = NULL;
  g_autoptr(StrataPeriodResults) from = NULL;
  g_autoptr(StrataPeriodResults) to = NULL;
  g_autoptr(StrataPeriodResults) restated = NULL;
  g_autoptr(GHashTable) metrics = NULL;
  g_autoptr(GHashTable) owner_of = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(StrataMovement) movement = NULL;
  g_autoptr(StrataEntitlements) matrix = NULL;
  g_autoptr(GPtrArray) costly = NULL;
  g_autoptr(GError) local = NULL;
  const StrataPeriodData *used_data;
  GArray *pos;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  if (owner_attribute == NULL || owner_attribute[0] == '\0')
    owner_attribute = STRATA_ACTION_DEFAULT_OWNER;
  if (!check_attribute (workspace, owner_attribute, error) ||
      !(owner_of = load_owners (workspace, owner_attribute, error)) ||
      !(from = strata_period_results_load (workspace, from_id, error)) ||
      !(to = strata_period_results_load (workspace, to_id, error)) ||
      !(metrics = strata_movement_load_metrics (workspace, error)))
    return NULL;
  if (strata_rules_equal (from->rules, to->rules))
    restated = strata_period_results_ref (from);
  else if (!(restated = strata_period_results_score (workspace, from->data, to->rules,
                                                     to->ruleset_id, to->version, error)))
    return NULL;
  movement = strata_movement_new_from_results (from, to, restated, restate, metrics);
  used_data = (restate ? restated : from)->data;
  /* Without a matrix the lists still name the moves and actions. */
  matrix = strata_entitlements_new (workspace, &local);
  if (matrix == NULL)
    g_warning ("%s", local->message);
  if (!(costly = strata_action_costly_customers (workspace, to_id, error)))
    return NULL;

  self = g_object_new (STRATA_TYPE_ACTION_LIST, NULL);
  self->attribute = g_strdup (owner_attribute);
  self->from_name = g_strdup (strata_movement_get_from_name (movement));
  self->to_name = g_strdup (strata_movement_get_to_name (movement));
  for (guint t = 0; t < strata_movement_get_n_tiers (movement); t++)
    {
      const StrataMovementTier *tier = strata_movement_get_tier (movement, t);

      if (tier->id != NULL && tier->colour != NULL)
        g_hash_table_replace (self->tier_colours, g_strdup (tier->id), g_strdup (tier->colour));
    }

  pos = strata_movement_get_positions (movement);
  for (guint i = 0; i < pos->len; i++)
    {
      StrataMovementPosition *p = &g_array_index (pos, StrataMovementPosition, i);
      g_hash_table_insert (positions, &p->customer_id, p);
    }

  /* Tier moves, in the movement's order. */
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (movement, k);

      for (guint i = 0; i < movers->len; i++)
        {
          const StrataMover *m = movers->pdata[i];
          const StrataMovementPosition *p = g_hash_table_lookup (positions, &m->customer_id);
          StrataActionItem *item = new_item (m->customer_id, m->ext_id, m->name, owner_of);
          g_autoptr(GPtrArray) keys = g_ptr_array_new ();

          item->tier_changed = TRUE;
          item->kind = k;
          item->from_tier = m->from_tier >= 0
            ? g_strdup (strata_movement_get_tier (movement, m->from_tier)->id) : NULL;
          item->to_tier = m->to_tier >= 0
            ? g_strdup (strata_movement_get_tier (movement, m->to_tier)->id) : NULL;
          if (p != NULL)
            {
              item->from_quadrant = p->from_quadrant;
              item->to_quadrant = p->to_quadrant;
            }
          else if (k == STRATA_MOVE_NEW)
            {
              int j = strata_period_data_find_id (to->data, m->customer_id);
              item->to_quadrant = j >= 0 ? to->result->quadrant[j] : STRATA_QUADRANT_NONE;
            }
          else if (k == STRATA_MOVE_LOST)
            {
              const StrataPeriodResults *u = restate ? restated : from;
              int j = strata_period_data_find_id (u->data, m->customer_id);
              item->from_quadrant = j >= 0 ? u->result->quadrant[j] : STRATA_QUADRANT_NONE;
            }
          for (guint r = 0; r < strata_mover_get_n_reasons (m); r++)
            {
              const StrataReason *reason = strata_mover_get_reason (m, r);
              add_reason (item, strata_mover_format_reason (m, r),
                          strata_mover_format_reason_full (m, r));
              if (reason->key != NULL)
                g_ptr_array_add (keys, (gpointer) reason->key);
            }
          if (p != NULL && p->from_quadrant != p->to_quadrant)
            explain_quadrant (item, metrics, to->rules, used_data, to->data,
                              m->customer_id, keys);
          compare_entitlements (matrix, item->from_tier, item->to_tier,
                                k == STRATA_MOVE_UP || k == STRATA_MOVE_NEW,
                                item->gains, item->losses);
          item->action = quadrant_action (to->rules, item->to_quadrant, k == STRATA_MOVE_LOST);
          g_ptr_array_add (owner_for (by_name, self->owners, item->owner)->items, item);
          self->n_items++;
        }
    }

  /* Then whoever changed quadrant only: same tier, so same entitlements. */
  for (guint i = 0; i < pos->len; i++)
    {
      const StrataMovementPosition *p = &g_array_index (pos, StrataMovementPosition, i);
      int j;
      StrataActionItem *item;

      if (p->tier_changed || p->from_quadrant == p->to_quadrant)
        continue;
      j = strata_period_data_find_id (to->data, p->customer_id);
      item = new_item (p->customer_id, j >= 0 ? strata_period_data_get_ext_id (to->data, j) : "",
                       j >= 0 ? strata_period_data_get_name (to->data, j) : "", owner_of);
      item->from_tier = g_strdup (strata_movement_get_tier (movement, p->tier)->id);
      item->to_tier = g_strdup (item->from_tier);
      item->from_quadrant = p->from_quadrant;
      item->to_quadrant = p->to_quadrant;
      explain_quadrant (item, metrics, to->rules, used_data, to->data,
                        p->customer_id, NULL);
      item->action = quadrant_action (to->rules, item->to_quadrant, FALSE);
      g_ptr_array_add (owner_for (by_name, self->owners, item->owner)->items, item);
      self->n_items++;
    }

  /* The hook's customers on costly-to-run products, by owner. */
  for (guint i = 0; i < costly->len; i++)
    {
      const StrataCostlyUse *use = costly->pdata[i];
      StrataActionCostly *c = g_new0 (StrataActionCostly, 1);
      int j = strata_period_data_find_id (to->data, use->customer_id);

      c->customer_id = use->customer_id;
      c->ext_id = g_strdup (j >= 0 ? strata_period_data_get_ext_id (to->data, j) : "");
      c->name = g_strdup (j >= 0 ? strata_period_data_get_name (to->data, j) : "");
      c->product = g_strdup (use->product);
      c->revenue = use->revenue;
      g_ptr_array_add (owner_for (by_name, self->owners,
                                  g_hash_table_lookup (owner_of, &use->customer_id))->costly, c);
    }

  g_ptr_array_sort (self->owners, compare_owners);
  return g_steal_pointer (&self);
}

/* Getters ------------------------------------------------------------------ */

const char *
strata_action_list_get_owner_attribute (StrataActionList *self)
{
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), NULL);
  return self->attribute;
}

const char *
strata_action_list_get_tier_colour (StrataActionList *self,
                                    const char       *tier_id)
{
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), NULL);
  return tier_id != NULL ? g_hash_table_lookup (self->tier_colours, tier_id) : NULL;
}

const char *
strata_action_list_get_from_name (StrataActionList *self)
{
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), NULL);
  return self->from_name;
}

const char *
strata_action_list_get_to_name (StrataActionList *self)
{
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), NULL);
  return self->to_name;
}

guint
strata_action_list_get_n_owners (StrataActionList *self)
{
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), 0);
  return self->owners->len;
}

const StrataActionOwner *
strata_action_list_get_owner (StrataActionList *self,
                              guint             index)
{
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), NULL);
  g_return_val_if_fail (index < self->owners->len, NULL);
  return self->owners->pdata[index];
}

guint
strata_action_list_get_n_items (StrataActionList *self)
{
  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), 0);
  return self->n_items;
}

/* CSV ---------------------------------------------------------------------- */

/* A field as CSV (quoted when it must be: strata-csv), then its separator. */
static void
csv_field (GString    *out,
           const char *field,
           gboolean    last)
{
  strata_csv_append_field (out, field ? field : "", ',');
  g_string_append (out, last ? "\r\n" : ",");
}

/* The item's reasons with every digit, "; " between them: the CSV is data. */
static char *
describe_reasons_full (const StrataActionItem *item)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < item->reasons->len; r++)
    {
      const char *full = item->reasons_full->pdata[r];

      g_string_append_printf (out, "%s%s", r ? "; " : "",
                              full != NULL ? full : (const char *) item->reasons->pdata[r]);
    }
  return g_string_free (out, FALSE);
}

char *
strata_action_list_to_csv (StrataActionList *self,
                           const char       *owner)
{
  GString *out = g_string_new ("owner,id,name,from_tier,to_tier,from_quadrant,to_quadrant,"
                               "reason,gains,losses,action\r\n");

  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), NULL);

  for (guint o = 0; o < self->owners->len; o++)
    {
      const StrataActionOwner *ow = self->owners->pdata[o];

      if (owner != NULL && g_strcmp0 (owner, ow->label) != 0)
        continue;
      for (guint i = 0; i < ow->items->len; i++)
        {
          const StrataActionItem *item = ow->items->pdata[i];
          g_autofree char *reasons = NULL;
          g_autofree char *gains = strata_action_describe_changes (item->gains, "; ");
          g_autofree char *losses = strata_action_describe_changes (item->losses, "; ");

          reasons = describe_reasons_full (item);

          csv_field (out, ow->label, FALSE);
          csv_field (out, item->ext_id, FALSE);
          csv_field (out, item->name, FALSE);
          csv_field (out, item->from_tier, FALSE);
          csv_field (out, item->to_tier, FALSE);
          csv_field (out, strata_action_quadrant_letter (item->from_quadrant), FALSE);
          csv_field (out, strata_action_quadrant_letter (item->to_quadrant), FALSE);
          csv_field (out, reasons, FALSE);
          csv_field (out, gains, FALSE);
          csv_field (out, losses, FALSE);
          csv_field (out, item->action, TRUE);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
strata_action_list_write_csv (StrataActionList *self,
                              const char       *owner,
                              const char       *path,
                              GError          **error)
{
  g_autofree char *csv = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (STRATA_IS_ACTION_LIST (self), FALSE);

  csv = strata_action_list_to_csv (self, owner);
  if (!g_file_set_contents (path, csv, -1, &local))
    {
      g_set_error (error, G_FILE_ERROR, local->code, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
