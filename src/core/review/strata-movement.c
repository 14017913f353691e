/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tier movement between two periods. Both periods' rows are ordered by
 * customer id, so one merge pass finds stayers, new and lost customers; only
 * the movers are explained (two receipts each), which keeps a million-row
 * comparison cheap when few customers move. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strata-format.h"
#include "strata-metric.h"
#include "strata-movement.h"
#include "strata-movement-private.h"

struct _StrataMovement
{
  GObject     parent_instance;

  char       *from_name;
  char       *to_name;
  int         from_version;
  int         to_version;
  gboolean    restated;
  GPtrArray  *tiers;          /* of StrataMovementTier* */
  guint      *counts;         /* (n+1) x (n+1) */
  double     *revenue;
  guint      *from_totals;
  guint      *to_totals;
  guint       n_from;
  guint       n_to;
  double      to_revenue_total;
  /* Every mover in one block, in ascending customer id (the merge pass's
   * order, so a look-up is a binary search), and per kind the pointers
   * into it in the lists' order: no allocation or hash entry per mover. */
  StrataMover *all_movers;
  gsize        n_all_movers;
  gsize        all_movers_size;
  GPtrArray  *movers[STRATA_N_MOVE_KINDS];
  gboolean    has_restatement;
  gboolean    rules_differ;
  guint       moves_customers;
  guint       moves_rules;
  guint       moves_total;
  StrataMoveSplit split;
  guint       quadrants[5][5];
  GArray     *positions;      /* of StrataMovementPosition */
  GStringChunk *strings;      /* the movers' ext ids and names */
  StrataReasonBook book;      /* the movers' reasons */
};

G_DEFINE_FINAL_TYPE (StrataMovement, strata_movement, G_TYPE_OBJECT)

static void
tier_free (StrataMovementTier *tier)
{
  g_free (tier->id);
  g_free (tier->label);
  g_free (tier->colour);
  g_free (tier);
}


static void
strata_movement_finalize (GObject *object)
{
  StrataMovement *self = STRATA_MOVEMENT (object);

  g_free (self->from_name);
  g_free (self->to_name);
  g_clear_pointer (&self->tiers, g_ptr_array_unref);
  g_free (self->counts);
  g_free (self->revenue);
  g_free (self->from_totals);
  g_free (self->to_totals);
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    g_clear_pointer (&self->movers[k], g_ptr_array_unref);
  g_free (self->all_movers);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  strata_reason_book_clear (&self->book);

  G_OBJECT_CLASS (strata_movement_parent_class)->finalize (object);
}

static void
strata_movement_class_init (StrataMovementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_movement_finalize;
}

static void
strata_movement_init (StrataMovement *self)
{
  self->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) tier_free);
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    self->movers[k] = g_ptr_array_new ();
  self->positions = g_array_new (FALSE, TRUE, sizeof (StrataMovementPosition));
  self->strings = g_string_chunk_new (4096);
}

/* Computation ------------------------------------------------------------ */

/* Maps the tier indexes of rules to the movement's tiers, adding any tier
 * id the movement does not have yet. */
static int *
map_tiers (StrataMovement    *self,
           const StrataRules *rules)
{
  int *map = g_new (int, rules->tiers->len + 1);

  for (guint i = 0; i < rules->tiers->len; i++)
    {
      const StrataTier *tier = g_ptr_array_index (rules->tiers, i);
      int found = -1;

      for (guint j = 0; j < self->tiers->len; j++)
        if (g_strcmp0 (((StrataMovementTier *) self->tiers->pdata[j])->id, tier->id) == 0)
          found = j;
      if (found < 0)
        {
          StrataMovementTier *mt = g_new0 (StrataMovementTier, 1);
          mt->id = g_strdup (tier->id);
          mt->label = g_strdup (strata_tier_get_display_label (tier));
          mt->colour = g_strdup (tier->colour);
          found = self->tiers->len;
          g_ptr_array_add (self->tiers, mt);
        }
      map[i] = found;
    }
  map[rules->tiers->len] = -1;
  return map;
}

static int
tier_of (const StrataPeriodResults *results,
         const int                 *map,
         guint                      row)
{
  guint8 t = results->result->final_tier[row];

  return t < results->rules->tiers->len ? map[t] : -1;
}

static double
revenue_of (const StrataPeriodResults *results,
            guint                      row)
{
  return strata_period_data_get_value (results->data, row, "order_amount");
}

/* The next mover of the block: valid until the next one is added (the
 * block grows by doubling; the kinds' lists point into it only once it is
 * complete). */
static StrataMover *
new_mover (StrataMovement      *self,
           StrataMoveKind       kind,
           StrataPeriodResults *any,
           guint                row)
{
  StrataMover *mover;
  const char *ext_id = strata_period_data_get_ext_id (any->data, row);
  const char *name = strata_period_data_get_name (any->data, row);

  if (self->n_all_movers == self->all_movers_size)
    {
      self->all_movers_size = MAX (self->all_movers_size * 2, 64);
      self->all_movers = g_renew (StrataMover, self->all_movers, self->all_movers_size);
    }
  mover = &self->all_movers[self->n_all_movers++];
  memset (mover, 0, sizeof *mover);
  mover->kind = kind;
  mover->customer_id = any->data->ids[row];
  mover->ext_id = ext_id ? g_string_chunk_insert (self->strings, ext_id) : NULL;
  mover->name = name ? g_string_chunk_insert (self->strings, name) : NULL;
  mover->from_tier = mover->to_tier = -1;
  mover->from_score = mover->to_score = NAN;
  mover->from_revenue = mover->to_revenue = NAN;
  return mover;
}

static double
sort_revenue (const StrataMover *m)
{
  double r = m->kind == STRATA_MOVE_LOST ? m->from_revenue : m->to_revenue;

  return isnan (r) ? -1 : r;
}

static int
compare_movers (gconstpointer pa,
                gconstpointer pb)
{
  const StrataMover *a = *(StrataMover **) pa;
  const StrataMover *b = *(StrataMover **) pb;
  int steps_a = (a->from_tier >= 0 && a->to_tier >= 0) ? ABS (a->to_tier - a->from_tier) : 0;
  int steps_b = (b->from_tier >= 0 && b->to_tier >= 0) ? ABS (b->to_tier - b->from_tier) : 0;
  double ra, rb;

  if (steps_a != steps_b)
    return steps_b - steps_a;
  ra = sort_revenue (a);
  rb = sort_revenue (b);
  if (ra != rb)
    return ra < rb ? 1 : -1;
  return a->customer_id < b->customer_id ? -1 : (a->customer_id > b->customer_id);
}

static int
compare_mover_ids (const void *pa,
                   const void *pb)
{
  const StrataMover *a = pa, *b = pb;

  return a->customer_id < b->customer_id ? -1 : (a->customer_id > b->customer_id);
}

static guint
cell (StrataMovement *self,
      guint           from,
      guint           to)
{
  return from * (self->tiers->len + 1) + to;
}

StrataMovement *
strata_movement_new_from_results (StrataPeriodResults *from,
                                  StrataPeriodResults *to,
                                  StrataPeriodResults *restated,
                                  gboolean             restate,
                                  GHashTable          *metrics)
{
  g_autoptr(StrataMovement) self = NULL;
  StrataPeriodResults *used;
  g_autofree int *map_to = NULL;
  g_autofree int *map_from = NULL;
  g_autofree int *map_used = NULL;
  g_autofree int *map_restated = NULL;
  const StrataPeriodData *fd, *td;
  guint i = 0, j = 0, n;

  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (!restate || restated != NULL, NULL);

  self = g_object_new (STRATA_TYPE_MOVEMENT, NULL);
  used = restate ? restated : from;
  self->restated = restate;
  self->from_name = g_strdup (from->data->period_name);
  self->to_name = g_strdup (to->data->period_name);
  self->from_version = used->version;
  self->to_version = to->version;

  strata_reason_book_init (&self->book, used->rules, to->rules, metrics,
                           self->to_name, self->tiers);
  map_to = map_tiers (self, to->rules);
  map_from = map_tiers (self, from->rules);
  map_used = map_tiers (self, used->rules);
  if (restated != NULL)
    map_restated = map_tiers (self, restated->rules);

  n = self->tiers->len;
  self->counts = g_new0 (guint, (n + 1) * (n + 1));
  self->revenue = g_new0 (double, (n + 1) * (n + 1));
  self->from_totals = g_new0 (guint, n + 1);
  self->to_totals = g_new0 (guint, n + 1);

  fd = used->data;
  td = to->data;
  /* Rows of both sides are in ascending customer id: one merge pass. */
  while (i < fd->n || j < td->n)
    {
      gboolean in_from = i < fd->n && (j >= td->n || fd->ids[i] <= td->ids[j]);
      gboolean in_to = j < td->n && (i >= fd->n || td->ids[j] <= fd->ids[i]);
      int ft = in_from ? tier_of (used, map_used, i) : -1;
      int tt = in_to ? tier_of (to, map_to, j) : -1;
      guint fi = ft >= 0 ? (guint) ft : n;
      guint ti = tt >= 0 ? (guint) tt : n;
      double rev = tt >= 0 ? revenue_of (to, j) : (ft >= 0 ? revenue_of (used, i) : NAN);
      StrataMover *mover = NULL;

      if (ft >= 0 || tt >= 0)
        {
          self->counts[cell (self, fi, ti)]++;
          if (!isnan (rev))
            self->revenue[cell (self, fi, ti)] += rev;
        }
      if (ft >= 0)
        {
          self->from_totals[ft]++;
          self->n_from++;
        }
      if (tt >= 0)
        {
          double r = revenue_of (to, j);
          self->to_totals[tt]++;
          self->n_to++;
          if (!isnan (r))
            self->to_revenue_total += r;
        }

      if (ft >= 0 && tt >= 0)
        {
          StrataMovementPosition pos = { 0, };
          const double *fx = strata_period_data_get_column (fd, to->rules->quadrant.x_metric);
          const double *fy = strata_period_data_get_column (fd, to->rules->quadrant.y_metric);
          const double *tx = strata_period_data_get_column (td, to->rules->quadrant.x_metric);
          const double *ty = strata_period_data_get_column (td, to->rules->quadrant.y_metric);
          StrataQuadrant fq = used->result->quadrant[i];
          StrataQuadrant tq = to->result->quadrant[j];

          self->quadrants[MIN (fq, 4)][MIN (tq, 4)]++;
          pos.customer_id = td->ids[j];
          pos.tier = tt;
          pos.from_x = fx ? fx[i] : NAN;
          pos.from_y = fy ? fy[i] : NAN;
          pos.to_x = tx ? tx[j] : NAN;
          pos.to_y = ty ? ty[j] : NAN;
          pos.from_quadrant = fq;
          pos.to_quadrant = tq;
          pos.tier_changed = ft != tt;
          g_array_append_val (self->positions, pos);

          if (ft != tt)
            {
              self->moves_total++;
              mover = new_mover (self, tt < ft ? STRATA_MOVE_UP : STRATA_MOVE_DOWN, to, j);
              strata_reason_book_explain_move (&self->book, mover, used, i, to, j);
            }
        }
      else if (tt >= 0)
        {
          mover = new_mover (self, STRATA_MOVE_NEW, to, j);
          strata_reason_book_add_presence (&self->book, mover, 0, NAN, to->result->score[j]);
        }
      else if (ft >= 0)
        {
          mover = new_mover (self, STRATA_MOVE_LOST, used, i);
          strata_reason_book_add_presence (&self->book, mover, ft, used->result->score[i], NAN);
        }

      if (mover != NULL)
        {
          mover->from_tier = ft;
          mover->to_tier = tt;
          if (ft >= 0)
            {
              mover->from_score = used->result->score[i];
              mover->from_revenue = revenue_of (used, i);
            }
          if (tt >= 0)
            {
              mover->to_score = to->result->score[j];
              mover->to_revenue = revenue_of (to, j);
            }
        }

      if (in_from)
        i++;
      if (in_to)
        j++;
    }

  /* Restatement: over customers present in all three, the frozen earlier
   * tier F, the restated earlier tier R and the later tier C. R != C is
   * the customers' doing, F != R the rules'. */
  if (restated != NULL)
    {
      const StrataPeriodData *rd = restated->data;
      guint a = 0, b = 0;

      self->has_restatement = TRUE;
      self->rules_differ = restated != from && !strata_rules_equal (from->rules, restated->rules);
      g_assert (rd->n == from->data->n);
      while (a < rd->n && b < td->n)
        {
          if (rd->ids[a] < td->ids[b])
            a++;
          else if (rd->ids[a] > td->ids[b])
            b++;
          else
            {
              int f = tier_of (from, map_from, a);
              int r = tier_of (restated, map_restated, a);
              int c = tier_of (to, map_to, b);

              if (f >= 0 && r >= 0 && c >= 0)
                {
                  if (r != c)
                    self->moves_customers++;
                  if (f != r)
                    self->moves_rules++;
                }
              /* The split counts the customers the headline counts
               * (present in the earlier tiers used and the later ones), so
               * that its parts add up to it; no tier is a tier of its own. */
              if ((restate ? r : f) >= 0 && c >= 0)
                {
                  if (f == r && r != c)
                    self->split.customers_only++;
                  else if (f != r && r == c)
                    self->split.rules_only++;
                  else if (f != r && r != c && f != c)
                    self->split.both++;
                  else if (f != r && r != c)
                    self->split.cancelled++;
                }
              a++;
              b++;
            }
        }
    }

  /* The block grew by doubling: keep only what it holds, then list it. */
  if (self->n_all_movers > 0)
    {
      guint per_kind[STRATA_N_MOVE_KINDS] = { 0, };

      self->all_movers = g_renew (StrataMover, self->all_movers, self->n_all_movers);
      self->all_movers_size = self->n_all_movers;
      /* Ids in ascending order make the look-up a binary search; rows that
       * came in another order (never from a workspace) are sorted here. */
      for (gsize m = 1; m < self->n_all_movers; m++)
        if (self->all_movers[m - 1].customer_id >= self->all_movers[m].customer_id)
          {
            qsort (self->all_movers, self->n_all_movers, sizeof (StrataMover), compare_mover_ids);
            break;
          }
      for (gsize m = 0; m < self->n_all_movers; m++)
        per_kind[self->all_movers[m].kind]++;
      for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
        {
          g_ptr_array_unref (self->movers[k]);
          self->movers[k] = g_ptr_array_sized_new (per_kind[k]);
        }
      for (gsize m = 0; m < self->n_all_movers; m++)
        g_ptr_array_add (self->movers[self->all_movers[m].kind], &self->all_movers[m]);
    }
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    g_ptr_array_sort (self->movers[k], compare_movers);
  /* The facts grew by doubling: keep only what they hold. */
  if (self->book.facts->len > 0)
    {
      GArray *facts = g_array_sized_new (FALSE, FALSE, sizeof (StrataReason), self->book.facts->len);

      g_array_append_vals (facts, self->book.facts->data, self->book.facts->len);
      g_array_unref (self->book.facts);
      self->book.facts = facts;
    }

  return g_steal_pointer (&self);
}

static void
review_metric_free (StrataReviewMetric *metric)
{
  g_free (metric->key);
  g_free (metric->label);
  g_free (metric);
}

/* The column of the label to read from metrics (label, label_zh_cn,
 * label_zh_tw), in the language metric labels follow everywhere. */
static int
label_column (void)
{
  switch (strata_label_language ())
    {
    case STRATA_LABEL_ZH_TW: return 4;
    case STRATA_LABEL_ZH_CN: return 3;
    case STRATA_LABEL_ENGLISH:
    default: return 2;
    }
}

GHashTable *
strata_movement_load_metrics (StrataWorkspace  *workspace,
                              GError          **error)
{
  static const char *kinds[] = { "number", "money", "count", "boolean", "date" };
  g_autoptr(GHashTable) metrics = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) review_metric_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int column = label_column ();
  int rc;

  stmt = strata_workspace_prepare (workspace,
                                   "SELECT key, kind, label, label_zh_cn, label_zh_tw "
                                   "FROM metrics", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StrataReviewMetric *metric = g_new0 (StrataReviewMetric, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *label = (const char *) sqlite3_column_text (stmt, column);

      if (label == NULL || label[0] == '\0')
        label = (const char *) sqlite3_column_text (stmt, 2);
      metric->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      metric->label = g_strdup (label ? label : "");
      metric->kind = STRATA_METRIC_NUMBER;
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_strcmp0 (kind, kinds[k]) == 0)
          metric->kind = k;
      g_hash_table_insert (metrics, metric->key, metric);
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, "metrics");
      return NULL;
    }
  return g_steal_pointer (&metrics);
}

StrataMovement *
strata_movement_compute (StrataWorkspace  *workspace,
                         gint64            from_id,
                         gint64            to_id,
                         gboolean          restate,
                         GError          **error)
{
  g_autoptr(StrataPeriodResults) from = NULL;
  g_autoptr(StrataPeriodResults) to = NULL;
  g_autoptr(StrataPeriodResults) restated = NULL;
  g_autoptr(GHashTable) metrics = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  if (!(from = strata_period_results_load (workspace, from_id, error)) ||
      !(to = strata_period_results_load (workspace, to_id, error)) ||
      !(metrics = strata_movement_load_metrics (workspace, error)))
    return NULL;

  /* Restating under the very rules the earlier period already used changes
   * nothing: share it instead of scoring twice. */
  if (strata_rules_equal (from->rules, to->rules))
    restated = strata_period_results_ref (from);
  else if (!(restated = strata_period_results_score (workspace, from->data, to->rules,
                                                     to->ruleset_id, to->version, error)))
    return NULL;

  return strata_movement_new_from_results (from, to, restated, restate, metrics);
}

/* Getters ---------------------------------------------------------------- */

const char *
strata_movement_get_from_name (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), NULL);
  return self->from_name;
}

const char *
strata_movement_get_to_name (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), NULL);
  return self->to_name;
}

gboolean
strata_movement_get_restated (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), FALSE);
  return self->restated;
}

guint
strata_movement_get_n_tiers (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->tiers->len;
}

const StrataMovementTier *
strata_movement_get_tier (StrataMovement *self,
                          guint           index)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), NULL);
  g_return_val_if_fail (index < self->tiers->len, NULL);
  return self->tiers->pdata[index];
}

guint
strata_movement_get_count (StrataMovement *self,
                           guint           from,
                           guint           to)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  g_return_val_if_fail (from <= self->tiers->len && to <= self->tiers->len, 0);
  return self->counts[cell (self, from, to)];
}

double
strata_movement_get_revenue (StrataMovement *self,
                             guint           from,
                             guint           to)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  g_return_val_if_fail (from <= self->tiers->len && to <= self->tiers->len, 0);
  return self->revenue[cell (self, from, to)];
}

guint
strata_movement_get_from_total (StrataMovement *self,
                                guint           tier)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  g_return_val_if_fail (tier < self->tiers->len, 0);
  return self->from_totals[tier];
}

guint
strata_movement_get_to_total (StrataMovement *self,
                              guint           tier)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  g_return_val_if_fail (tier < self->tiers->len, 0);
  return self->to_totals[tier];
}

guint
strata_movement_get_n_from (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->n_from;
}

guint
strata_movement_get_n_to (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->n_to;
}

double
strata_movement_get_to_revenue_total (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->to_revenue_total;
}

GPtrArray *
strata_movement_get_movers (StrataMovement *self,
                            StrataMoveKind  kind)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), NULL);
  g_return_val_if_fail (kind < STRATA_N_MOVE_KINDS, NULL);
  return self->movers[kind];
}

const StrataMover *
strata_movement_find_mover (StrataMovement *self,
                            gint64          customer_id)
{
  gsize lo = 0, hi;

  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), NULL);

  hi = self->n_all_movers;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      gint64 id = self->all_movers[mid].customer_id;

      if (id == customer_id)
        return &self->all_movers[mid];
      if (id < customer_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

gboolean
strata_movement_has_restatement (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), FALSE);
  return self->has_restatement;
}

gboolean
strata_movement_get_rules_differ (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), FALSE);
  return self->rules_differ;
}

guint
strata_movement_get_moves_from_customers (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->moves_customers;
}

guint
strata_movement_get_moves_from_rules (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->moves_rules;
}

void
strata_movement_get_split (StrataMovement  *self,
                           StrataMoveSplit *split)
{
  g_return_if_fail (STRATA_IS_MOVEMENT (self));
  g_return_if_fail (split != NULL);
  *split = self->split;
}

/* Each part reads "<count> <why>", the count grouped, in its plural form. */
char *
strata_movement_describe_split (StrataMovement *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  const StrataMoveSplit *s;
  g_autofree char *n_customers = NULL;
  g_autofree char *n_rules = NULL;
  g_autofree char *n_both = NULL;
  g_autofree char *n_cancelled = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *both = NULL;
  g_autofree char *cancelled = NULL;

  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), NULL);

  if (!self->has_restatement)
    return NULL;
  s = &self->split;
  n_customers = strata_format_integer (fmt, s->customers_only);
  n_rules = strata_format_integer (fmt, s->rules_only);
  n_both = strata_format_integer (fmt, s->both);
  n_cancelled = strata_format_integer (fmt, s->cancelled);
  customers = g_strdup_printf (strata_ngettext ("%s only from the customer's figures",
                                            "%s only from the customers' figures",
                                            s->customers_only), n_customers);
  both = g_strdup_printf (strata_ngettext ("%s from both", "%s from both", s->both),
                          n_both);
  if (!self->restated)
    {
      rules = g_strdup_printf (strata_ngettext ("%s only from the rule change",
                                            "%s only from the rule change", s->rules_only),
                               n_rules);
      cancelled = g_strdup_printf (strata_ngettext (
                                                "%s more customer moved for both reasons and ended in the tier it started in.",
                                                "%s more customers moved for both reasons and ended in the tier they started in.",
                                                s->cancelled), n_cancelled);
      if (s->cancelled == 0)
        /* Translators: the parts of the customers who changed tier, e.g. "Of these:
         * 100 only from the customers' figures, 24 only from the rule change,
         * 24 from both." */
        return g_strdup_printf (_("Of these: %s, %s, %s."), customers, rules, both);
      /* Translators: the parts of the customers who changed tier, e.g. "Of these:
       * 100 only from the customers' figures, 24 only from the rule change,
       * 24 from both." followed by the customers whose two moves cancelled out. */
      return g_strdup_printf (_("Of these: %s, %s, %s. %s"), customers, rules, both, cancelled);
    }
  cancelled = g_strdup_printf (strata_ngettext (
                                            "%s from both, back in the tier it had under the earlier rules",
                                            "%s from both, back in the tier they had under the earlier rules",
                                            s->cancelled), n_cancelled);
  rules = g_strdup_printf (strata_ngettext (
                                        "The rule change alone moved %s more customer, not counted under the later rules.",
                                        "The rule change alone moved %s more customers, not counted under the later rules.",
                                        s->rules_only), n_rules);
  if (s->rules_only == 0)
    return g_strdup_printf (_("Of these: %s, %s, %s."), customers, both, cancelled);
  /* Translators: the parts of the customers who changed tier under the later
   * rules: "Of these: 100 only from the customers' figures, 24 from both,
   * 3 from both, back in the tier they had under the earlier rules."
   * followed by the customers only the rule change moved. */
  return g_strdup_printf (_("Of these: %s, %s, %s. %s"), customers, both, cancelled, rules);
}

guint
strata_movement_get_moves_total (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->moves_total;
}

guint
strata_movement_get_quadrant_count (StrataMovement *self,
                                    StrataQuadrant  from,
                                    StrataQuadrant  to)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  g_return_val_if_fail (from <= STRATA_QUADRANT_D && to <= STRATA_QUADRANT_D, 0);
  return self->quadrants[from][to];
}

GArray *
strata_movement_get_positions (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), NULL);
  return self->positions;
}

int
strata_movement_get_from_version (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->from_version;
}

int
strata_movement_get_to_version (StrataMovement *self)
{
  g_return_val_if_fail (STRATA_IS_MOVEMENT (self), 0);
  return self->to_version;
}

const char *
strata_move_kind_to_string (StrataMoveKind kind)
{
  switch (kind)
    {
    case STRATA_MOVE_UP: return "up";
    case STRATA_MOVE_DOWN: return "down";
    case STRATA_MOVE_NEW: return "new";
    case STRATA_MOVE_LOST: return "lost";
    case STRATA_N_MOVE_KINDS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}
