/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scoring as column passes. Compiling resolves every metric to its column
 * once and drops disabled items; running is then one pass per indicator
 * and per adjustment (each a tight loop the compiler can vectorise), and
 * one pass for tiers and quadrants. Nothing is allocated per customer.
 * strata-receipt.c explains single rows with the same rules, written
 * plainly; the tests check that both agree on every row. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-engine.h"
#include "strata-engine-private.h"
#include "strata-task.h"

typedef struct
{
  const double *column;
  double        weight;
  guint         n_bands;
  const StrataBand *bands;
} CompiledIndicator;

typedef struct
{
  const double    *column;
  StrataCondition  condition;
  double           a, b, points, cap;
  gboolean         per_unit;
} CompiledAdjustment;

typedef struct
{
  guint  row;
  guint8 tier;
} CompiledOverride;

struct _StrataCompiledRules
{
  guint               n;
  StrataRules        *rules;          /* a copy: bands point into it */
  guint               n_indicators;
  CompiledIndicator  *indicators;
  guint               n_adjustments;
  CompiledAdjustment *adjustments;
  guint               n_tiers;
  double             *min_score;      /* last one -INFINITY */
  const double       *qx, *qy;
  double              qx_threshold, qy_threshold;
  guint               n_overrides;
  CompiledOverride   *overrides;
};

G_DEFINE_BOXED_TYPE (StrataResult, strata_result, strata_result_ref, strata_result_unref)

/* The columns of the last large result let go, kept for the next result
 * of its size: every draft edit at a million customers makes a new result
 * (the pages still show the last one), and its 29 MB of fresh pages cost
 * 8-10 ms of page faults on a slow machine; clearing them again costs 3.
 * Kept while edits follow one another: unused for SPARE_SECONDS, the main
 * loop lets them go, so that a window at rest keeps its size. */
#define SPARE_FROM 100000
#define SPARE_SECONDS 30

static GMutex spare_lock;
static StrataResult *spare;
static guint spare_generation;
static guint spare_seconds = SPARE_SECONDS;
static gboolean spare_clean;   /* made ready, never used: all zero */
static guint spare_held;       /* strata_result_hold_spare () */

/* The sizes of the large results alive, each with its count. A result let
 * go is kept only while another of its size lives: a draft replaced beside
 * the saved scoring's result, not the previous period's, scored once for
 * its tiers at open (28 MB at 1M that no later result of the shown period
 * could take). Under spare_lock. */
#define LIVE_SIZES 8
static struct { guint n, count; } live[LIVE_SIZES];

static void
live_add (guint n)
{
  guint free_slot = LIVE_SIZES;

  for (guint i = 0; i < LIVE_SIZES; i++)
    {
      if (live[i].count > 0 && live[i].n == n)
        {
          live[i].count++;
          return;
        }
      if (live[i].count == 0 && free_slot == LIVE_SIZES)
        free_slot = i;
    }
  /* More sizes than slots: that one is not counted, so never kept. */
  if (free_slot < LIVE_SIZES)
    {
      live[free_slot].n = n;
      live[free_slot].count = 1;
    }
}

/* How many of size N still live once one is let go. */
static guint
live_remove (guint n)
{
  for (guint i = 0; i < LIVE_SIZES; i++)
    if (live[i].count > 0 && live[i].n == n)
      return --live[i].count;
  return 0;
}

static void
result_free (StrataResult *result)
{
  g_free (result->base_points);
  g_free (result->adjustment_points);
  g_free (result->score);
  g_free (result->base_tier);
  g_free (result->tier);
  g_free (result->override_tier);
  g_free (result->final_tier);
  g_free (result->quadrant);
  g_free (result);
}

static StrataResult *
result_alloc (guint n)
{
  StrataResult *result = g_new0 (StrataResult, 1);
  gsize m = MAX (n, 1);

  result->n = n;
  result->base_points = g_new0 (double, m);
  result->adjustment_points = g_new0 (double, m);
  result->score = g_new0 (double, m);
  result->base_tier = g_new0 (guint8, m);
  result->tier = g_new0 (guint8, m);
  result->override_tier = g_new0 (guint8, m);
  result->final_tier = g_new0 (guint8, m);
  result->quadrant = g_new0 (guint8, m);
  return result;
}

static void
result_clear (StrataResult *result)
{
  guint n = result->n;

  memset (result->base_points, 0, n * sizeof (double));
  memset (result->adjustment_points, 0, n * sizeof (double));
  memset (result->score, 0, n * sizeof (double));
  memset (result->base_tier, 0, n);
  memset (result->tier, 0, n);
  memset (result->override_tier, 0, n);
  memset (result->final_tier, 0, n);
  memset (result->quadrant, 0, n);
  result->n_tiers = 0;
}

static StrataResult *
take_spare (guint n)
{
  StrataResult *result = NULL;
  gboolean clean = FALSE;

  if (n < SPARE_FROM)
    return NULL;
  g_mutex_lock (&spare_lock);
  if (spare != NULL && spare->n == n)
    {
      result = g_steal_pointer (&spare);
      clean = spare_clean;
    }
  g_mutex_unlock (&spare_lock);
  if (result != NULL && !clean)
    result_clear (result);
  return result;
}

/* The spare of generation GPOINTER_TO_UINT (data), if still unused. */
static gboolean
drop_spare (gpointer data)
{
  StrataResult *old = NULL;

  g_mutex_lock (&spare_lock);
  if (spare != NULL && spare_generation == GPOINTER_TO_UINT (data) && spare->n != spare_held)
    old = g_steal_pointer (&spare);
  g_mutex_unlock (&spare_lock);
  if (old != NULL)
    result_free (old);
  return G_SOURCE_REMOVE;
}

/* Holding ---------------------------------------------------------------- */

/* Made ready on a worker (niced: the page being shown comes first): the
 * columns' pages written once, so that the draft that takes it takes no
 * page fault. */
static void
prepare_spare (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  guint n = GPOINTER_TO_UINT (task_data);
  StrataResult *result, *old = NULL;

  /* Nobody waits for it; returned so that the task ends as tasks do. */
  g_task_return_boolean (task, TRUE);
  g_mutex_lock (&spare_lock);
  if (spare_held != n || (spare != NULL && spare->n == n))
    {
      g_mutex_unlock (&spare_lock);
      return;
    }
  g_mutex_unlock (&spare_lock);
  result = result_alloc (n);
  result_clear (result);
  g_mutex_lock (&spare_lock);
  if (spare_held == n && (spare == NULL || spare->n != n))
    {
      old = spare;
      spare = g_steal_pointer (&result);
      spare_clean = TRUE;
      spare_generation++;
    }
  g_mutex_unlock (&spare_lock);
  if (old != NULL)
    result_free (old);
  if (result != NULL)
    result_free (result);
}

void
strata_result_hold_spare (guint n)
{
  gboolean prepare;
  guint generation;

  g_mutex_lock (&spare_lock);
  spare_held = n >= SPARE_FROM ? n : 0;
  prepare = spare_held != 0 && (spare == NULL || spare->n != n);
  generation = spare_generation;
  g_mutex_unlock (&spare_lock);
  if (prepare)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_task_data (task, GUINT_TO_POINTER (n), NULL);
      strata_task_run_in_background (task, prepare_spare);
    }
  else if (spare_held == 0)
    g_timeout_add_seconds_full (G_PRIORITY_LOW, spare_seconds, drop_spare, GUINT_TO_POINTER (generation), NULL);
}

void
strata_result_drop_spare (void)
{
  StrataResult *old;

  g_mutex_lock (&spare_lock);
  old = g_steal_pointer (&spare);
  g_mutex_unlock (&spare_lock);
  if (old != NULL)
    result_free (old);
}

gboolean
strata_result_has_spare (void)
{
  gboolean has;

  g_mutex_lock (&spare_lock);
  has = spare != NULL;
  g_mutex_unlock (&spare_lock);
  return has;
}

void
strata_result_set_spare_seconds (guint seconds)
{
  spare_seconds = seconds;
}

StrataResult *
strata_result_new (guint n)
{
  StrataResult *result = take_spare (n);

  if (n >= SPARE_FROM)
    {
      g_mutex_lock (&spare_lock);
      live_add (n);
      g_mutex_unlock (&spare_lock);
    }
  if (result == NULL)
    result = result_alloc (n);
  g_atomic_ref_count_init (&result->ref_count);
  return result;
}

StrataResult *
strata_result_ref (StrataResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
strata_result_unref (StrataResult *result)
{
  StrataResult *old = NULL;
  guint generation;

  if (result == NULL || !g_atomic_ref_count_dec (&result->ref_count))
    return;
  if (result->n < SPARE_FROM)
    {
      result_free (result);
      return;
    }
  g_mutex_lock (&spare_lock);
  if (live_remove (result->n) == 0)
    {
      g_mutex_unlock (&spare_lock);
      result_free (result);
      return;
    }
  /* The latest one is kept: its size is that of the period shown now. */
  old = spare;
  spare = result;
  spare_clean = FALSE;
  generation = ++spare_generation;
  g_mutex_unlock (&spare_lock);
  if (old != NULL)
    result_free (old);
  /* From any thread: the default main context runs it (the window's; a
   * command without a main loop exits first). */
  g_timeout_add_seconds_full (G_PRIORITY_LOW, spare_seconds, drop_spare, GUINT_TO_POINTER (generation), NULL);
}

gboolean
strata_result_is_shared (const StrataResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return !g_atomic_ref_count_compare ((gatomicrefcount *) &result->ref_count, 1);
}

guint *
strata_result_count_tiers (const StrataResult *result)
{
  guint *counts;

  g_return_val_if_fail (result != NULL, NULL);
  counts = g_new0 (guint, MAX (result->n_tiers, 1));
  for (guint i = 0; i < result->n; i++)
    if (result->final_tier[i] < result->n_tiers)
      counts[result->final_tier[i]]++;
  return counts;
}

void
strata_compiled_rules_free (StrataCompiledRules *compiled)
{
  if (compiled == NULL)
    return;
  strata_rules_free (compiled->rules);
  g_free (compiled->indicators);
  g_free (compiled->adjustments);
  g_free (compiled->min_score);
  g_free (compiled->overrides);
  g_free (compiled);
}

StrataCompiledRules *
strata_engine_compile (const StrataRules      *rules,
                       const StrataPeriodData *data,
                       GError                **error)
{
  StrataCompiledRules *c;
  const StrataRules *r;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!strata_rules_check (rules, (const char * const *) data->metric_keys, error))
    return NULL;
  if (rules->tiers->len >= STRATA_TIER_NONE)
    {
      g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                   _("Too many tiers (%u)"), rules->tiers->len);
      return NULL;
    }

  c = g_new0 (StrataCompiledRules, 1);
  c->n = data->n;
  c->rules = strata_rules_copy (rules);
  r = c->rules;

  c->indicators = g_new0 (CompiledIndicator, MAX (r->indicators->len, 1));
  for (guint i = 0; i < r->indicators->len; i++)
    {
      const StrataIndicator *ind = r->indicators->pdata[i];
      CompiledIndicator *ci = &c->indicators[c->n_indicators++];

      ci->column = strata_period_data_get_column (data, ind->metric);
      ci->weight = ind->weight;
      ci->n_bands = ind->bands->len;
      ci->bands = (const StrataBand *) ind->bands->data;
    }

  c->adjustments = g_new0 (CompiledAdjustment, MAX (r->adjustments->len, 1));
  for (guint i = 0; i < r->adjustments->len; i++)
    {
      const StrataAdjustment *adj = r->adjustments->pdata[i];
      CompiledAdjustment *ca;

      if (!adj->enabled)
        continue;
      ca = &c->adjustments[c->n_adjustments++];
      ca->column = strata_period_data_get_column (data, adj->metric);
      ca->condition = adj->condition;
      ca->a = adj->a;
      ca->b = adj->b;
      ca->points = adj->points;
      ca->per_unit = adj->per_unit;
      ca->cap = isnan (adj->cap) ? INFINITY : adj->cap;
    }

  c->n_tiers = r->tiers->len;
  c->min_score = g_new0 (double, c->n_tiers);
  for (guint t = 0; t < c->n_tiers; t++)
    c->min_score[t] = t + 1 == c->n_tiers ? -INFINITY
                                          : ((StrataTier *) r->tiers->pdata[t])->min_score;

  c->qx = strata_period_data_get_column (data, r->quadrant.x_metric);
  c->qy = strata_period_data_get_column (data, r->quadrant.y_metric);
  c->qx_threshold = r->quadrant.x_threshold;
  c->qy_threshold = r->quadrant.y_threshold;

  c->overrides = g_new0 (CompiledOverride, MAX (data->overrides->len, 1));
  for (guint i = 0; i < data->overrides->len; i++)
    {
      const StrataPeriodOverride *o = &g_array_index (data->overrides, StrataPeriodOverride, i);
      int t = strata_rules_find_tier (r, o->tier);

      /* An override naming a tier these rules do not have cannot apply;
       * the receipt still shows it. */
      if (t >= 0 && o->row < data->n)
        {
          c->overrides[c->n_overrides].row = o->row;
          c->overrides[c->n_overrides].tier = (guint8) t;
          c->n_overrides++;
        }
    }
  return c;
}

/* Rows are scored in blocks small enough that a block's columns stay in
 * the L1/L2 cache while every indicator and adjustment passes over it:
 * each column is then read from memory once per scoring. */
#define BLOCK 2048

/* One pass per condition kind; NaN (missing) fails every comparison, and
 * is tested explicitly for "is true". The cap limits |total|. The loops
 * are branch-free selects, which the compiler turns into vector code. */
#define ADJUSTMENT_PASS(test)                                            \
  for (guint i = start; i < end; i++)                                    \
    {                                                                    \
      const double v = col[i];                                           \
      double total = per_unit ? points * v : points;                     \
      total = total > cap ? cap : (total < -cap ? -cap : total);         \
      out[i] += (test) ? total : 0.0;                                    \
    }

static void
run_adjustment (const CompiledAdjustment *ca,
                guint                     start,
                guint                     end,
                double                   *out)
{
  const double *col = ca->column;
  const double a = ca->a, b = ca->b, points = ca->points, cap = ca->cap;
  const gboolean per_unit = ca->per_unit;

  if (col == NULL)
    return;
  switch (ca->condition)
    {
    case STRATA_CONDITION_GE:
      ADJUSTMENT_PASS (v >= a);
      break;
    case STRATA_CONDITION_LE:
      ADJUSTMENT_PASS (v <= a);
      break;
    case STRATA_CONDITION_GT:
      ADJUSTMENT_PASS (v > a);
      break;
    case STRATA_CONDITION_LT:
      ADJUSTMENT_PASS (v < a);
      break;
    case STRATA_CONDITION_EQ:
      ADJUSTMENT_PASS (v == a);
      break;
    case STRATA_CONDITION_BETWEEN:
      ADJUSTMENT_PASS ((v >= a) & (v <= b));
      break;
    case STRATA_CONDITION_IS_TRUE:
      ADJUSTMENT_PASS ((v == v) & (v != 0));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* One pass per band: a value lies in at most one band, so adding
 * weight x points where from <= v < to gives the band's points, and a
 * missing value (NaN) fails both comparisons. */
static void
run_indicator (const CompiledIndicator *ci,
               guint                    start,
               guint                    end,
               double                  *out)
{
  const double *col = ci->column;

  if (col == NULL)
    return;
  for (guint j = 0; j < ci->n_bands; j++)
    {
      const double from = ci->bands[j].from, to = ci->bands[j].to;
      const double pts = ci->weight * ci->bands[j].points;

      for (guint i = start; i < end; i++)
        {
          const double v = col[i];

          out[i] += ((v >= from) & (v < to)) ? pts : 0.0;
        }
    }
}

/* Rows from..to, a block at a time (BLOCK rows stay in the cache while
 * every rule passes over them). */
static void
run_rows (const StrataCompiledRules *c,
          StrataResult              *result,
          guint                      from,
          guint                      to)
{
  const guint n_thresholds = c->n_tiers - 1;
  double *base = result->base_points;
  double *adj = result->adjustment_points;
  double *score = result->score;

  for (guint start = from; start < to; start += BLOCK)
    {
      const guint end = MIN (start + BLOCK, to);

      memset (base + start, 0, sizeof (double) * (end - start));
      memset (adj + start, 0, sizeof (double) * (end - start));
      for (guint k = 0; k < c->n_indicators; k++)
        run_indicator (&c->indicators[k], start, end, base);
      for (guint k = 0; k < c->n_adjustments; k++)
        run_adjustment (&c->adjustments[k], start, end, adj);

      /* Thresholds strictly decrease, so a tier's index is the number of
       * thresholds above the score. */
      for (guint i = start; i < end; i++)
        {
          guint8 bt = 0, t = 0;

          score[i] = base[i] + adj[i];
          for (guint k = 0; k < n_thresholds; k++)
            {
              bt += base[i] < c->min_score[k];
              t += score[i] < c->min_score[k];
            }
          result->base_tier[i] = bt;
          result->tier[i] = t;
        }

      if (c->qx != NULL && c->qy != NULL)
        {
          const double *x = c->qx, *y = c->qy;
          const double xt = c->qx_threshold, yt = c->qy_threshold;

          /* A = 1 (both high), B = 2 (x low), C = 3 (y low), D = 4 (both low). */
          for (guint i = start; i < end; i++)
            result->quadrant[i] = (x[i] != x[i] || y[i] != y[i])
                                  ? STRATA_QUADRANT_NONE
                                  : (guint8) (STRATA_QUADRANT_A + (x[i] < xt) + 2 * (y[i] < yt));
        }
    }
}

typedef struct
{
  const StrataCompiledRules *c;
  StrataResult              *result;
  guint                      from, to;
} RowsPart;

static gpointer
run_part (gpointer data)
{
  RowsPart *part = data;

  run_rows (part->c, part->result, part->from, part->to);
  return NULL;
}

/* From here the upper half of the rows is scored on a thread of its own:
 * a weight edit at a million customers waits half as long on two cores. */
#define SPLIT_FROM 200000

void
strata_engine_run (const StrataCompiledRules *c,
                   StrataResult              *result)
{
  guint n;

  g_return_if_fail (c != NULL && result != NULL);
  g_return_if_fail (result->n == c->n);

  n = c->n;
  if (n >= SPLIT_FROM && g_get_num_processors () > 1)
    {
      /* Halves on a block's edge: the same blocks as one pass. */
      RowsPart upper = { c, result, (n / 2 / BLOCK) * BLOCK, n };
      RowsPart lower = { c, result, 0, upper.from };

      strata_task_run_halves ("strata-score", run_part, &lower, &upper);
    }
  else
    run_rows (c, result, 0, n);
  if (c->qx == NULL || c->qy == NULL)
    memset (result->quadrant, STRATA_QUADRANT_NONE, n);

  memcpy (result->final_tier, result->tier, n);
  memset (result->override_tier, STRATA_TIER_NONE, n);
  for (guint k = 0; k < c->n_overrides; k++)
    {
      result->override_tier[c->overrides[k].row] = c->overrides[k].tier;
      result->final_tier[c->overrides[k].row] = c->overrides[k].tier;
    }
  result->n_tiers = c->n_tiers;
}

StrataResult *
strata_engine_score (const StrataRules      *rules,
                     const StrataPeriodData *data,
                     GError                **error)
{
  g_autoptr(StrataCompiledRules) compiled = strata_engine_compile (rules, data, error);
  StrataResult *result;

  if (compiled == NULL)
    return NULL;
  result = strata_result_new (data->n);
  strata_engine_run (compiled, result);
  return result;
}

/* The last tier takes every lower score, whatever its minimum says. */
static double
tier_minimum (const StrataRules *rules,
              guint              t)
{
  if (t + 1 >= rules->tiers->len)
    return -INFINITY;
  return ((StrataTier *) rules->tiers->pdata[t])->min_score;
}

StrataWhatIf *
strata_whatif_compute (const StrataRules  *rules_a,
                       const StrataResult *a,
                       const StrataRules  *rules_b,
                       const StrataResult *b)
{
  StrataWhatIf *w;
  guint8 map[256];
  int rank[256];

  g_return_val_if_fail (rules_a != NULL && rules_b != NULL, NULL);
  g_return_val_if_fail (a != NULL && b != NULL && a->n == b->n, NULL);

  w = g_new0 (StrataWhatIf, 1);
  w->n_from = a->n_tiers;
  w->n_to = b->n_tiers;
  w->matrix = g_new0 (guint, MAX (w->n_from * w->n_to, 1));
  w->changed_rows = g_array_new (FALSE, FALSE, sizeof (guint));

  /* A tier "stays" when the new rules have a tier with the same id;
   * a tier the new rules lack maps to none, so all its rows change. */
  memset (map, STRATA_TIER_NONE, sizeof map);
  for (guint t = 0; t < w->n_from && t < rules_a->tiers->len; t++)
    {
      int u = strata_rules_find_tier (rules_b, ((StrataTier *) rules_a->tiers->pdata[t])->id);

      if (u >= 0)
        map[t] = (guint8) u;
    }
  /* Up and down compare ranks among the new rules' tiers, doubled: a tier
   * that stays ranks 2u; a removed one ranks just below the new tiers with
   * at least its minimum score (2g - 1), so it never ties. Comparing its
   * index in the old rules with one in the new would count C -> B as a
   * move down once C is removed and a tier is added on top. */
  for (guint t = 0; t < w->n_from && t < rules_a->tiers->len; t++)
    {
      double m = tier_minimum (rules_a, t);
      guint g = 0;

      if (map[t] != STRATA_TIER_NONE)
        {
          rank[t] = 2 * map[t];
          continue;
        }
      for (guint u = 0; u < rules_b->tiers->len; u++)
        g += tier_minimum (rules_b, u) >= m;
      rank[t] = 2 * (int) g - 1;
    }

  for (guint i = 0; i < a->n; i++)
    {
      guint8 from = a->final_tier[i], to = b->final_tier[i];

      if (from >= w->n_from || to >= w->n_to)
        continue;
      w->matrix[from * w->n_to + to]++;
      if (map[from] != to)
        {
          g_array_append_val (w->changed_rows, i);
          if (2 * (int) to < rank[from])
            w->n_up++;
          else
            w->n_down++;
        }
    }
  return w;
}

void
strata_whatif_free (StrataWhatIf *whatif)
{
  if (whatif == NULL)
    return;
  g_free (whatif->matrix);
  g_array_unref (whatif->changed_rows);
  g_free (whatif);
}
