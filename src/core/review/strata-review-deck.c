/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-review-deck.h"
#include "strata-review-deck-private.h"
#include "strata-rules-private.h"
#include "strata-funnel.h"

struct _StrataReviewDeck
{
  GObject              parent_instance;

  char                *company;
  StrataMovement      *movement;
  StrataPeriodResults *from;         /* only while the deck is built */
  gboolean             from_frozen;
  StrataPeriodResults *to;
  GPtrArray           *rule_changes;
  GHashTable          *metrics;
  GPtrArray           *entitlement_changes;
  char                *since;
  guint               *tier_counts;
  guint               *base_counts;
  double              *tier_revenue;
  double               revenue;
  StrataProductMix    *product_mix;
  guint                n_migration;   /* the mix's migration list, also when not kept */
  StrataRetention     *retention[2];  /* by tier, by quadrant */
};

G_DEFINE_FINAL_TYPE (StrataReviewDeck, strata_review_deck, G_TYPE_OBJECT)

static void
entitlement_change_free (StrataEntitlementChange *change)
{
  g_free (change->at);
  g_free (change->author);
  g_free (change->text);
  g_free (change);
}

static void
strata_review_deck_finalize (GObject *object)
{
  StrataReviewDeck *self = STRATA_REVIEW_DECK (object);

  g_free (self->company);
  g_clear_object (&self->movement);
  g_clear_pointer (&self->from, strata_period_results_unref);
  g_clear_pointer (&self->to, strata_period_results_unref);
  g_clear_pointer (&self->product_mix, strata_product_mix_free);
  g_clear_pointer (&self->rule_changes, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, g_hash_table_unref);
  g_clear_pointer (&self->entitlement_changes, g_ptr_array_unref);
  g_free (self->since);
  g_free (self->tier_counts);
  g_free (self->base_counts);
  g_free (self->tier_revenue);
  g_clear_pointer (&self->retention[0], strata_retention_free);
  g_clear_pointer (&self->retention[1], strata_retention_free);

  G_OBJECT_CLASS (strata_review_deck_parent_class)->finalize (object);
}

static void
strata_review_deck_class_init (StrataReviewDeckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_review_deck_finalize;
}

static void
strata_review_deck_init (StrataReviewDeck *self)
{
  self->entitlement_changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) entitlement_change_free);
}

static char *
closed_at (StrataWorkspace *workspace,
           gint64           period_id)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace,
    "SELECT closed_at FROM periods WHERE id = ? AND state = 'closed'", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The entitlement matrix keeps no versions; its edits are in the audit log
 * (one row per edit, undo and redo included), which is what we can show.
 * "Since the earlier period was closed" is by audit row, not by time: an
 * edit in the same second as the closing is still told apart. */
static gboolean
load_entitlement_changes (StrataReviewDeck  *self,
                          StrataWorkspace   *workspace,
                          const char        *from_name,
                          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace,
    "SELECT at, author, detail, subject FROM audit_log "
    "WHERE action LIKE 'entitlements.%' AND action <> 'entitlements.seed' "
    "  AND id > coalesce ((SELECT max (id) FROM audit_log"
    "                      WHERE ?1 AND action = 'period.close' AND subject = ?2), 0) "
    "ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, self->since != NULL);
  sqlite3_bind_text (stmt, 2, from_name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataEntitlementChange *change = g_new0 (StrataEntitlementChange, 1);
      const char *detail = (const char *) sqlite3_column_text (stmt, 2);

      change->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->author = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      change->text = g_strdup (detail && *detail ? detail
                                                 : (const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (self->entitlement_changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "audit_log");
      return FALSE;
    }
  return TRUE;
}

static const StrataPeriodData *
to_data_of (const StrataPeriodResults *to)
{
  return to != NULL ? to->data : NULL;
}

static void
count_tiers (StrataReviewDeck *self)
{
  const StrataPeriodResults *to = self->to;
  guint n = to->rules->tiers->len;

  self->tier_counts = g_new0 (guint, n);
  self->base_counts = g_new0 (guint, n);
  self->tier_revenue = g_new0 (double, n);
  for (guint i = 0; i < to->data->n; i++)
    {
      guint8 t = to->result->final_tier[i];
      guint8 b = to->result->base_tier[i];
      double r = strata_period_data_get_value (to->data, i, "order_amount");

      if (t < n)
        {
          self->tier_counts[t]++;
          if (!isnan (r))
            self->tier_revenue[t] += r;
        }
      if (b < n)
        self->base_counts[b]++;
      if (!isnan (r))
        self->revenue += r;
    }
}

/* The columns one side reads beyond its own rules': the other side's
 * rules (restating, the reasons of a move), the revenue and the funnel. */
static gboolean
ensure_columns (StrataPeriodResults *results,
                const StrataRules   *other,
                StrataWorkspace     *workspace,
                GError             **error)
{
  g_autoptr(GPtrArray) wanted = strata_rules_get_metrics (other);
  const char *funnel[STRATA_FUNNEL_N_STEPS];

  g_ptr_array_add (wanted, g_strdup ("order_amount"));
  /* The report's traffic funnel reads the later period's funnel metrics. */
  strata_funnel_resolve_keys (results->data, funnel);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    if (funnel[s] != NULL)
      g_ptr_array_add (wanted, g_strdup (funnel[s]));
  g_ptr_array_add (wanted, NULL);
  return strata_period_data_ensure_metrics (results->data, workspace,
                                            (const char * const *) wanted->pdata, error);
}

/* Each period with only the columns the deck reads (its names kept for the
 * movers), not every metric: at a million customers the whole periods were
 * most of the page's memory. */
static StrataPeriodResults *
load_side (StrataWorkspace  *workspace,
           gint64            period_id,
           GError          **error)
{
  static const char *const revenue[] = { "order_amount", NULL };

  return strata_period_results_load_metrics (workspace, period_id, revenue, error);
}

/* keep_migration: the product mix keeps its migration list (the report
 * lists it), else only its count. */
static StrataReviewDeck *
load_deck (StrataWorkspace     *workspace,
           gint64               from_id,
           gint64               to_id,
           gboolean             restate,
           StrataPeriodResults *to,
           gboolean             keep_migration,
           GError             **error)
{
  g_autoptr(StrataReviewDeck) self = NULL;
  g_autoptr(StrataPeriodResults) restated = NULL;
  g_autoptr(GHashTable) metrics = NULL;
  GHashTable *labels;
  g_autofree char *company = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (STRATA_TYPE_REVIEW_DECK, NULL);
  if (to != NULL && to->period_id == to_id)
    {
      g_autoptr(GError) local_error = NULL;

      /* The window's data of the period: only what it lacks is read. */
      self->to = strata_period_results_ref (to);
      if (!(self->from = load_side (workspace, from_id, error)))
        return NULL;
      if (!ensure_columns (self->to, self->from->rules, workspace, &local_error))
        {
          g_debug ("%s", local_error->message);
          g_clear_pointer (&self->to, strata_period_results_unref);
        }
    }
  else if (!(self->from = load_side (workspace, from_id, error)))
    return NULL;
  if ((self->to == NULL && !(self->to = load_side (workspace, to_id, error))) ||
      (self->to->data != to_data_of (to) &&
       !ensure_columns (self->to, self->from->rules, workspace, error)) ||
      !ensure_columns (self->from, self->to->rules, workspace, error) ||
      !(metrics = strata_movement_load_metrics (workspace, error)))
    return NULL;

  if (strata_rules_equal (self->from->rules, self->to->rules))
    restated = strata_period_results_ref (self->from);
  else if (!(restated = strata_period_results_score (workspace, self->from->data,
                                                     self->to->rules, self->to->ruleset_id,
                                                     self->to->version, error)))
    return NULL;
  self->movement = strata_movement_new_from_results (self->from, self->to, restated, restate,
                                                     metrics);

  /* The rule diff names metrics by label. */
  labels = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GHashTableIter iter;
    gpointer key, value;
    g_hash_table_iter_init (&iter, metrics);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (labels, key, ((StrataReviewMetric *) value)->label);
  }
  self->rule_changes = strata_rules_diff (self->from->rules, self->to->rules, labels);
  g_hash_table_unref (labels);
  self->metrics = g_steal_pointer (&metrics);

  self->since = closed_at (workspace, from_id);
  if (!load_entitlement_changes (self, workspace, self->from->period_name, error))
    return NULL;
  /* Nothing reads the earlier period once the movement is made (the movers
   * copied their names): freed here, on the worker, not held with the deck. */
  self->from_frozen = self->from->frozen;
  g_clear_pointer (&self->from, strata_period_results_unref);
  g_clear_pointer (&restated, strata_period_results_unref);

  company = strata_workspace_get_meta (workspace, "company");
  if (company == NULL || company[0] == '\0')
    {
      g_autofree char *base = g_path_get_basename (strata_workspace_get_path (workspace));
      char *dot = strrchr (base, '.');
      if (dot != NULL && dot != base)
        *dot = '\0';
      g_free (company);
      company = g_steal_pointer (&base);
    }
  self->company = g_steal_pointer (&company);
  count_tiers (self);
  /* Without product lines it is an empty mix; an error only loses the slide's chart. */
  /* The page and its slides show only the migration list's count: a
   * customer each, hundreds of thousands at a million, is not even built
   * for that (kept: none; migration_total counts them all). */
  if (keep_migration)
    self->product_mix = strata_product_mix_compute_for_results (workspace, self->to, NULL);
  else
    self->product_mix = strata_product_mix_compute_shown (workspace, self->to, 0, NULL, NULL);
  self->n_migration = self->product_mix != NULL ? self->product_mix->migration_total : 0;
  /* Over every period, once for the page, the slide and the report. */
  if (!strata_retention_compute_both (workspace, &self->retention[0], &self->retention[1], error))
    return NULL;
  return g_steal_pointer (&self);
}

StrataReviewDeck *
strata_review_deck_load (StrataWorkspace  *workspace,
                         gint64            from_id,
                         gint64            to_id,
                         gboolean          restate,
                         GError          **error)
{
  return load_deck (workspace, from_id, to_id, restate, NULL, TRUE, error);
}

StrataReviewDeck *
strata_review_deck_load_sharing (StrataWorkspace     *workspace,
                                 gint64               from_id,
                                 gint64               to_id,
                                 gboolean             restate,
                                 StrataPeriodResults *to,
                                 GError             **error)
{
  return load_deck (workspace, from_id, to_id, restate, to, FALSE, error);
}

const char *
strata_review_deck_get_company (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->company;
}

StrataMovement *
strata_review_deck_get_movement (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->movement;
}

StrataPeriodResults *
strata_review_deck_get_results (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->to;
}

gboolean
strata_review_deck_get_to_closed (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), FALSE);
  return self->to->frozen;
}

gboolean
strata_review_deck_get_from_closed (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), FALSE);
  return self->from_frozen;
}

GPtrArray *
strata_review_deck_get_rule_changes (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->rule_changes;
}

GPtrArray *
strata_review_deck_get_entitlement_changes (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->entitlement_changes;
}

const char *
strata_review_deck_get_since (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->since;
}

const guint *
strata_review_deck_get_tier_counts (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->tier_counts;
}

const guint *
strata_review_deck_get_base_counts (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->base_counts;
}

const double *
strata_review_deck_get_tier_revenue (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->tier_revenue;
}

double
strata_review_deck_get_revenue (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), 0);
  return self->revenue;
}

const StrataReviewMetric *
strata_review_deck_get_metric (StrataReviewDeck *self,
                               const char       *key)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return key ? g_hash_table_lookup (self->metrics, key) : NULL;
}

const char *
strata_review_deck_get_metric_label (StrataReviewDeck *self,
                                     const char       *key)
{
  const StrataReviewMetric *metric = strata_review_deck_get_metric (self, key);

  return metric && metric->label[0] ? metric->label : key;
}

const char *
strata_slide_kind_get_title (StrataSlideKind kind)
{
  switch (kind)
    {
    case STRATA_SLIDE_TITLE: return _("Title");
    case STRATA_SLIDE_PYRAMID: return _("Tier pyramid");
    case STRATA_SLIDE_MOVEMENT: return _("Tier movement");
    case STRATA_SLIDE_MOVERS: return _("Top upgrades and downgrades");
    case STRATA_SLIDE_QUADRANT: return _("Quadrant");
    case STRATA_SLIDE_RETENTION: return _("Retention");
    case STRATA_SLIDE_ENTITLEMENTS: return _("Entitlement changes");
    case STRATA_SLIDE_RULES: return _("Rule changes since the last review");
    case STRATA_SLIDE_PRODUCTS: return _("Products by tier");
    case STRATA_N_SLIDES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

char *
strata_review_deck_describe_split (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return strata_movement_describe_split (self->movement);
}

const StrataProductMix *
strata_review_deck_get_product_mix (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->product_mix;
}

guint
strata_review_deck_get_n_migration (StrataReviewDeck *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), 0);
  return self->n_migration;
}

const StrataRetention *
strata_review_deck_get_retention (StrataReviewDeck       *self,
                                  StrataRetentionGroupBy  by)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (self), NULL);
  return self->retention[by == STRATA_RETENTION_BY_QUADRANT];
}
