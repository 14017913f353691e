/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data on a period (see the header): each part is fitted where the
 * data has its metric, the others keep the draft's values with a note. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strata-calibrate.h"
#include "strata-period.h"
#include "strata-retention.h"
#include "strata-ruleset-store.h"

static const double default_five[] = { 5, 15, 25, 25, 30 };

double *
strata_calibrate_default_shares (guint n_tiers)
{
  double *shares = g_new (double, MAX (n_tiers, 1));

  for (guint t = 0; t < n_tiers; t++)
    shares[t] = n_tiers == G_N_ELEMENTS (default_five) ? default_five[t] : 100.0 / n_tiers;
  return shares;
}

double *
strata_calibrate_parse_shares (const char         *text,
                               const StrataRules  *rules,
                               GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autofree double *shares = g_new (double, MAX (rules->tiers->len, 1));
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (rules->tiers->len, 1));
  double total = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (g_strstrip (parts[i]), "=", 2);
      char *end = NULL;
      double value;
      int t;

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                       _("“%s” is not a tier share: write TIER=PERCENT, e.g. A=5"), parts[i]);
          return NULL;
        }
      t = strata_rules_find_tier (rules, g_strstrip (kv[0]));
      value = g_ascii_strtod (g_strstrip (kv[1]), &end);
      if (t < 0)
        {
          g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                       _("The rules have no tier “%s”"), kv[0]);
          return NULL;
        }
      if (end == kv[1] || *end != '\0' || !isfinite (value) || value < 0)
        {
          g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                       _("The share of tier %s must be a number of 0 or more, not “%s”"),
                       kv[0], kv[1]);
          return NULL;
        }
      if (seen[t])
        {
          g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                       _("Tier %s is given two shares"), kv[0]);
          return NULL;
        }
      seen[t] = TRUE;
      shares[t] = value;
      total += value;
    }
  for (guint t = 0; t < rules->tiers->len; t++)
    if (!seen[t])
      {
        g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                     _("No share for tier %s: give one for every tier"),
                     ((StrataTier *) rules->tiers->pdata[t])->id);
        return NULL;
      }
  if (total <= 0)
    {
      g_set_error_literal (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                           _("The tier shares add up to nothing"));
      return NULL;
    }
  return g_steal_pointer (&shares);
}

static void
evidence_free (gpointer data)
{
  StrataCalibrateEvidence *e = data;

  g_free (e->id);
  g_free (e->label);
  g_free (e);
}

void
strata_calibration_free (StrataCalibration *c)
{
  if (c == NULL)
    return;
  g_clear_pointer (&c->rules, strata_rules_free);
  g_free (c->period);
  g_free (c->metric);
  g_free (c->shares);
  g_free (c->bands_note);
  g_free (c->tiers_note);
  g_free (c->quadrant_note);
  g_free (c->before);
  g_free (c->after);
  g_free (c->outcome_from);
  g_free (c->outcome_to);
  g_clear_pointer (&c->result_steps, g_array_unref);
  g_clear_pointer (&c->process_steps, g_array_unref);
  g_clear_pointer (&c->evidence, g_ptr_array_unref);
  g_free (c);
}

gboolean
strata_calibration_fitted_anything (const StrataCalibration *c)
{
  return c->bands_fitted || c->tiers_fitted || c->quadrant_fitted;
}

gboolean
strata_calibrate_threshold (const double   *x,
                            const guint8   *outcome,
                            guint           n,
                            double          target,
                            double         *threshold,
                            GArray        **steps_out,
                            GError        **error)
{
  g_autoptr(GArray) steps = NULL;
  const StrataIsotonicStep *s;
  guint with = 0;
  int i;

  *steps_out = NULL;
  for (guint r = 0; r < n; r++)
    with += !isnan (x[r]);
  if (with < STRATA_CALIBRATE_MIN_OUTCOMES)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   strata_ngettext ("Only %u customer has both a value and an outcome: too few to trust a fit (at least %u are needed)",
                                    "Only %u customers have both a value and an outcome: too few to trust a fit (at least %u are needed)",
                                    with),
                   with, STRATA_CALIBRATE_MIN_OUTCOMES);
      return FALSE;
    }
  steps = strata_isotonic_fit (x, outcome, n);
  *steps_out = g_array_ref (steps);
  i = strata_isotonic_first_at (steps, target);
  if (i < 0)
    {
      const StrataIsotonicStep *top = &g_array_index (steps, StrataIsotonicStep, steps->len - 1);
      g_autofree char *best = g_strdup_printf ("%.0f%%", top->rate * 100);

      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The rate never reaches %.0f%% (at most %s, %u customers)"),
                   target * 100, best, top->count);
      return FALSE;
    }
  s = &g_array_index (steps, StrataIsotonicStep, i);
  if (s->count < STRATA_CALIBRATE_MIN_STEP)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   strata_ngettext ("The rate reaches %.0f%% only in a step of %u customer: too few to trust (at least %u are needed)",
                                    "The rate reaches %.0f%% only in a step of %u customers: too few to trust (at least %u are needed)",
                                    s->count),
                   target * 100, s->count, STRATA_CALIBRATE_MIN_STEP);
      return FALSE;
    }
  /* Any value above the step below and up to this step's first splits
   * the customers alike: take the one people write. */
  *threshold = i == 0 ? s->from
                      : strata_nice_number_between (g_array_index (steps, StrataIsotonicStep, i - 1).to,
                                                    s->from, s->from);
  return TRUE;
}

static gboolean
column_has_values (const StrataPeriodData *data,
                   const double           *column)
{
  if (column == NULL)
    return FALSE;
  for (guint i = 0; i < data->n; i++)
    if (!isnan (column[i]))
      return TRUE;
  return FALSE;
}

static gboolean
condition_holds (const StrataAdjustment *adj,
                 double                  v)
{
  if (isnan (v))
    return FALSE;
  switch (adj->condition)
    {
    case STRATA_CONDITION_GE: return v >= adj->a;
    case STRATA_CONDITION_LE: return v <= adj->a;
    case STRATA_CONDITION_GT: return v > adj->a;
    case STRATA_CONDITION_LT: return v < adj->a;
    case STRATA_CONDITION_EQ: return v == adj->a;
    case STRATA_CONDITION_BETWEEN: return v >= adj->a && v <= adj->b;
    case STRATA_CONDITION_IS_TRUE: return v != 0;
    default: return FALSE;
    }
}

static void
count_tiers (const StrataResult *result,
             guint              *counts,
             guint               n_tiers)
{
  memset (counts, 0, sizeof (guint) * n_tiers);
  for (guint i = 0; i < result->n; i++)
    if (result->tier[i] < n_tiers)
      counts[result->tier[i]]++;
}

/* The base indicator's bands: one per tier, placed by the method. */
static void
fit_bands (StrataCalibration      *c,
           const StrataPeriodData *data,
           const double           *shares)
{
  StrataRules *rules = c->rules;
  StrataIndicator *ind = NULL;
  const double *column;
  g_autofree double *v = NULL;
  g_autofree double *edges = NULL;
  guint k = rules->tiers->len, m = 0;
  double weight, bottom = 0, from0 = 0;

  for (guint i = 0; i < rules->indicators->len && ind == NULL; i++)
    if (g_strcmp0 (((StrataIndicator *) rules->indicators->pdata[i])->metric, c->metric) == 0)
      ind = rules->indicators->pdata[i];
  if (ind == NULL)
    {
      c->bands_note = g_strdup_printf (_("the draft has no base indicator on %s"), c->metric);
      return;
    }
  column = strata_period_data_get_column (data, c->metric);
  if (!column_has_values (data, column))
    {
      c->bands_note = g_strdup_printf (_("period %s has no values of %s"), c->period, c->metric);
      return;
    }
  weight = ind->weight;
  if (!(weight > 0))
    {
      c->bands_note = g_strdup_printf (_("the indicator on %s has no positive weight"), c->metric);
      return;
    }

  v = g_new (double, data->n);
  for (guint i = 0; i < data->n; i++)
    if (!isnan (column[i]))
      v[m++] = column[i];
  strata_calibrate_sort (v, m);
  edges = g_new (double, k);
  if (!strata_calibrate_edges (v, m, c->method, shares, k, 0.005, edges))
    {
      c->bands_note = g_strdup_printf (_("period %s has no values of %s"), c->period, c->metric);
      return;
    }

  /* The lowest band starts where the draft's did, or below the smallest
   * value; its points stay when they keep it in the bottom tier. */
  if (ind->bands->len > 0)
    {
      const StrataBand *first = &g_array_index (ind->bands, StrataBand, 0);
      double next_min = ((StrataTier *) rules->tiers->pdata[k - 2])->min_score / weight;

      from0 = first->from;
      if (first->points < next_min)
        bottom = first->points;
    }
  if (v[0] < from0)
    from0 = v[0] >= 0 ? 0 : -strata_nice_number_between (-v[0], -2 * v[0], -2 * v[0]);
  if (from0 >= edges[0])
    from0 = MIN (0, v[0]);

  g_array_set_size (ind->bands, 0);
  for (guint j = 0; j < k; j++)
    {
      double from = j == 0 ? from0 : edges[j - 1];
      double to = j + 1 < k ? edges[j] : INFINITY;
      double points = j == 0 ? bottom
                             : ((StrataTier *) rules->tiers->pdata[k - 1 - j])->min_score / weight;

      strata_indicator_add_band (ind, from, to, points);
    }
  c->bands_fitted = TRUE;
}

static void
fit_quadrant (StrataCalibration      *c,
              const StrataPeriodData *data,
              const guint8           *outcomes)
{
  StrataQuadrantRules *q = &c->rules->quadrant;
  const double *y = strata_period_data_get_column (data, q->y_metric);
  const double *x = strata_period_data_get_column (data, q->x_metric);
  g_autoptr(GError) error = NULL;
  g_autofree double *xr = NULL;
  g_autofree guint8 *reach = NULL;
  double ythr, xthr;

  if (!column_has_values (data, y))
    {
      c->quadrant_note = g_strdup_printf (_("period %s has no values of %s"),
                                          data->period_name, q->y_metric ? q->y_metric : "-");
      return;
    }
  if (!strata_calibrate_threshold (y, outcomes, data->n, c->renewal, &ythr,
                                   &c->result_steps, &error))
    {
      c->quadrant_note = g_strdup_printf ("%s: %s", q->y_metric, error->message);
      return;
    }
  q->y_threshold = ythr;
  c->quadrant_fitted = TRUE;

  if (!column_has_values (data, x))
    {
      c->quadrant_note = g_strdup_printf (_("period %s has no values of %s"),
                                          data->period_name, q->x_metric ? q->x_metric : "-");
      return;
    }
  /* Who reaches the result threshold, on the process metric. */
  xr = g_new (double, MAX (data->n, 1));
  reach = g_new0 (guint8, MAX (data->n, 1));
  for (guint i = 0; i < data->n; i++)
    {
      xr[i] = isnan (y[i]) ? NAN : x[i];
      reach[i] = !isnan (y[i]) && y[i] >= ythr;
    }
  if (!strata_calibrate_threshold (xr, reach, data->n, 0.5, &xthr, &c->process_steps, &error))
    {
      c->quadrant_note = g_strdup_printf ("%s: %s", q->x_metric, error->message);
      return;
    }
  q->x_threshold = xthr;
}

static void
add_evidence_to (GPtrArray              *evidence,
                 const StrataRules      *rules,
                 const StrataPeriodData *data,
                 const guint8           *outcomes)
{
  for (guint a = 0; a < rules->adjustments->len; a++)
    {
      const StrataAdjustment *adj = rules->adjustments->pdata[a];
      const double *column = strata_period_data_get_column (data, adj->metric);
      StrataCalibrateEvidence *e;

      if (!column_has_values (data, column))
        continue;
      e = g_new0 (StrataCalibrateEvidence, 1);
      e->id = g_strdup (adj->id);
      e->label = g_strdup (strata_adjustment_get_display_label (adj));
      for (guint i = 0; i < data->n; i++)
        if (condition_holds (adj, column[i]))
          {
            e->with++;
            e->with_retained += outcomes[i];
          }
        else
          {
            e->without++;
            e->without_retained += outcomes[i];
          }
      g_ptr_array_add (evidence, e);
    }
}

static void
add_evidence (StrataCalibration      *c,
              const StrataPeriodData *data,
              const guint8           *outcomes)
{
  add_evidence_to (c->evidence, c->rules, data, outcomes);
}

GPtrArray *
strata_calibrate_evidence (const StrataRules      *rules,
                           const StrataPeriodData *data,
                           const guint8           *outcomes)
{
  GPtrArray *evidence = g_ptr_array_new_with_free_func (evidence_free);

  g_return_val_if_fail (rules != NULL && data != NULL && outcomes != NULL, evidence);

  add_evidence_to (evidence, rules, data, outcomes);
  return evidence;
}

const StrataCalibrateEvidence *
strata_calibrate_evidence_find (const GPtrArray *evidence,
                                const char      *id)
{
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    if (g_strcmp0 (((StrataCalibrateEvidence *) evidence->pdata[i])->id, id) == 0)
      return evidence->pdata[i];
  return NULL;
}

static char *
retention_of (const StrataNumberFormat *fmt,
              guint                     retained,
              guint                     count)
{
  g_autofree char *n = strata_format_integer (fmt, count);
  g_autofree char *rate = NULL;

  if (count == 0)
    return g_strdup ("—");
  rate = strata_format_percent (fmt, (double) retained / count, 0);
  /* TRANSLATORS: retention of a group: "82% of 1,204" (customers). */
  return g_strdup_printf (_("%s of %s"), rate, n);
}

char *
strata_calibrate_evidence_text (const StrataCalibrateEvidence *e,
                                const StrataNumberFormat      *fmt)
{
  g_autofree char *with = retention_of (fmt, e->with_retained, e->with);
  g_autofree char *without = retention_of (fmt, e->without_retained, e->without);

  /* TRANSLATORS: retention of customers with and without a bonus or
   * penalty item, e.g. "with: 82% of 1,204 · without: 61% of 3,168". */
  return g_strdup_printf (_("with: %s · without: %s"), with, without);
}

static char *
rate_of (const StrataNumberFormat *fmt,
         guint                     retained,
         guint                     count)
{
  return count == 0 ? g_strdup ("—") : strata_format_percent (fmt, (double) retained / count, 0);
}

char *
strata_calibrate_evidence_short_text (const StrataCalibrateEvidence *e,
                                      const StrataNumberFormat      *fmt)
{
  g_autofree char *with = rate_of (fmt, e->with_retained, e->with);
  g_autofree char *without = rate_of (fmt, e->without_retained, e->without);

  /* TRANSLATORS: retention of customers with and without a bonus or
   * penalty item, short form for a table column: "with 82% · without 61%". */
  return g_strdup_printf (_("with %s · without %s"), with, without);
}

StrataCalibration *
strata_calibrate_data (const StrataRules            *draft,
                       const StrataPeriodData       *data,
                       const StrataPeriodData       *outcome_data,
                       const guint8                 *outcomes,
                       const StrataCalibrateOptions *options,
                       GError                      **error)
{
  g_autoptr(StrataCalibration) c = NULL;
  g_autoptr(StrataResult) before = NULL;
  g_autoptr(StrataResult) banded = NULL;
  g_autoptr(StrataResult) after = NULL;
  g_autoptr(GError) local = NULL;
  guint k;

  g_return_val_if_fail (draft != NULL && data != NULL && options != NULL, NULL);

  k = draft->tiers->len;
  if (k < 2)
    {
      g_set_error_literal (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_INVALID,
                           _("The rules need at least two tiers to fit"));
      return NULL;
    }
  c = g_new0 (StrataCalibration, 1);
  c->rules = strata_rules_copy (draft);
  c->period = g_strdup (data->period_name);
  c->n_customers = data->n;
  c->method = options->method;
  c->n_tiers = k;
  c->renewal = options->renewal;
  c->before = g_new0 (guint, k);
  c->after = g_new0 (guint, k);
  c->evidence = g_ptr_array_new_with_free_func (evidence_free);
  if (outcome_data != NULL)
    c->outcome_from = g_strdup (outcome_data->period_name);
  c->shares = options->shares != NULL ? g_memdup2 (options->shares, sizeof (double) * k)
                                      : strata_calibrate_default_shares (k);
  if (options->metric != NULL)
    c->metric = g_strdup (options->metric);
  else if (draft->indicators->len > 0)
    c->metric = g_strdup (((StrataIndicator *) draft->indicators->pdata[0])->metric);
  else
    c->metric = g_strdup ("order_amount");

  before = strata_engine_score (draft, data, &local);
  if (before == NULL)
    {
      /* An invalid draft cannot be scored: nothing below can be fitted. */
      c->bands_note = g_strdup (local->message);
      c->tiers_note = g_strdup (local->message);
    }
  else
    {
      count_tiers (before, c->before, k);
      fit_bands (c, data, c->shares);
      banded = strata_engine_score (c->rules, data, &local);
      /* Quantiles, pareto and breaks set the shares themselves: the tier
       * thresholds then keep the base tiers' shares they gave. */
      if (banded != NULL && c->bands_fitted && c->method != STRATA_CALIBRATE_SHARES && data->n > 0)
        {
          guint *counts = g_new0 (guint, k);

          for (guint i = 0; i < banded->n; i++)
            if (banded->base_tier[i] < k)
              counts[banded->base_tier[i]]++;
          for (guint t = 0; t < k; t++)
            c->shares[t] = 100.0 * counts[t] / data->n;
          g_free (counts);
        }
      if (banded == NULL)
        c->tiers_note = g_strdup (local->message);
      else if (data->n == 0)
        c->tiers_note = g_strdup_printf (_("period %s has no customers"), c->period);
      else
        {
          g_autofree double *mins = g_new (double, k);

          strata_calibrate_thresholds (banded->score, banded->n, c->shares, k, mins);
          for (guint t = 0; t + 1 < k; t++)
            ((StrataTier *) c->rules->tiers->pdata[t])->min_score = mins[t];
          c->tiers_fitted = TRUE;
        }
    }

  if (!isnan (options->renewal))
    {
      if (outcome_data == NULL || outcomes == NULL)
        c->quadrant_note = g_strdup (_("the workspace has no two consecutive periods to see who renewed"));
      else
        fit_quadrant (c, outcome_data, outcomes);
    }
  if (outcome_data != NULL && outcomes != NULL)
    add_evidence (c, outcome_data, outcomes);

  if (before != NULL && (after = strata_engine_score (c->rules, data, NULL)) != NULL)
    {
      g_autoptr(StrataWhatIf) w = strata_whatif_compute (draft, before, c->rules, after);

      count_tiers (after, c->after, k);
      c->n_changed = w->changed_rows->len;
    }
  return g_steal_pointer (&c);
}

gboolean
strata_calibrate_load_outcomes (StrataWorkspace   *workspace,
                                gint64             period_id,
                                StrataPeriodData **outcome_data,
                                guint8           **outcomes,
                                char             **outcome_to,
                                GError           **error)
{
  return strata_calibrate_load_outcomes_of (workspace, period_id, NULL, outcome_data, outcomes,
                                            outcome_to, error);
}

gboolean
strata_calibrate_load_outcomes_of (StrataWorkspace    *workspace,
                                   gint64              period_id,
                                   const char * const *metrics,
                                   StrataPeriodData  **outcome_data,
                                   guint8            **outcomes,
                                   char              **outcome_to,
                                   GError            **error)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(StrataPeriodData) odata = NULL;
  g_autoptr(StrataPeriodData) next = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  static const char * const next_metrics[] = { "order_count", NULL };
  int at = -1, rc;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  *outcome_data = NULL;
  *outcomes = NULL;
  *outcome_to = NULL;
  stmt = strata_workspace_prepare (workspace, "SELECT p.id, p.name" STRATA_PERIOD_FROM
                                   STRATA_PERIOD_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id == period_id)
        at = (int) ids->len;
      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("reading the periods"));
      return FALSE;
    }
  /* This period and the next, or the last pair before it. */
  if (at >= 0 && at + 1 >= (int) ids->len)
    at--;
  if (at < 0 || at + 1 >= (int) ids->len)
    return TRUE;
  /* Counting needs no names, and of the next period only whether each
   * customer has orders: a fraction of two periods' memory at a million. */
  if (metrics != NULL)
    {
      wanted = g_ptr_array_new ();
      for (guint i = 0; metrics[i] != NULL; i++)
        g_ptr_array_add (wanted, (gpointer) metrics[i]);
      g_ptr_array_add (wanted, (gpointer) "renewed");  /* the outcome itself */
      g_ptr_array_add (wanted, NULL);
    }
  if ((odata = strata_period_data_load_for_scoring (workspace, g_array_index (ids, gint64, at),
                                                    wanted ? (const char * const *) wanted->pdata : NULL,
                                                    error)) == NULL ||
      (next = strata_period_data_load_for_scoring (workspace, g_array_index (ids, gint64, at + 1),
                                                   next_metrics, error)) == NULL)
    return FALSE;
  *outcomes = strata_retention_outcomes (odata, next);
  *outcome_data = g_steal_pointer (&odata);
  *outcome_to = g_strdup (names->pdata[at + 1]);
  return TRUE;
}

StrataCalibration *
strata_calibrate_workspace (StrataWorkspace              *workspace,
                            const char                   *period,
                            const StrataCalibrateOptions *options,
                            GError                      **error)
{
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataPeriodData) odata = NULL;
  g_autofree char *name = NULL;
  g_autofree char *to = NULL;
  g_autofree guint8 *outcomes = NULL;
  StrataCalibration *c;
  gint64 period_id;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  if ((draft = strata_ruleset_store_get_draft (workspace, error)) == NULL ||
      !strata_period_find (workspace, period, &period_id, &name, error) ||
      (data = strata_period_data_load (workspace, period_id, error)) == NULL ||
      !strata_calibrate_load_outcomes (workspace, period_id, &odata, &outcomes, &to, error))
    return NULL;

  c = strata_calibrate_data (draft, data, odata, outcomes, options, error);
  if (c != NULL && odata != NULL)
    c->outcome_to = g_steal_pointer (&to);
  return c;
}

static char *
number (const StrataNumberFormat *fmt,
        double                    v)
{
  if (isinf (v))
    return g_strdup (v > 0 ? "∞" : "−∞");
  if (v == round (v))
    return strata_format_integer (fmt, v);
  return strata_format_decimal (fmt, v, fabs (v) < 10 ? 2 : 1);
}

static void
append_steps (GString                  *out,
              const GArray             *steps,
              const StrataNumberFormat *fmt)
{
  /* TRANSLATORS: column heads of a table of steps of a fitted rate. */
  g_string_append_printf (out, "    %-22s %10s %10s %8s  %s\n", _("values"), _("customers"),
                          _("reached"), _("rate"), _("95% band"));
  for (guint i = 0; i < steps->len; i++)
    {
      const StrataIsotonicStep *s = &g_array_index (steps, StrataIsotonicStep, i);
      g_autofree char *from = number (fmt, s->from);
      g_autofree char *to = number (fmt, s->to);
      g_autofree char *range = g_strdup_printf ("%s – %s", from, to);
      g_autofree char *count = strata_format_integer (fmt, s->count);
      g_autofree char *pos = strata_format_integer (fmt, s->positives);
      g_autofree char *rate = strata_format_percent (fmt, s->rate, 0);
      g_autofree char *lo = strata_format_percent (fmt, s->low, 0);
      g_autofree char *hi = strata_format_percent (fmt, s->high, 0);

      g_string_append_printf (out, "    %-22s %10s %10s %8s  %s – %s\n", range, count, pos, rate, lo, hi);
    }
}

/* The quadrant part of the fit: thresholds and their renewal steps. */
static void
append_quadrant (GString                  *out,
                 const StrataCalibration  *c,
                 const StrataNumberFormat *fmt)
{
  const StrataRules *rules = c->rules;

  if (!isnan (c->renewal))
    {
      const StrataQuadrantRules *q = &rules->quadrant;
      g_autofree char *rate = strata_format_percent (fmt, c->renewal, 0);

      if (c->outcome_from != NULL)
        g_string_append_printf (out, _("Quadrant thresholds for a renewal rate of %s (outcomes %s → %s):\n"),
                                rate, c->outcome_from, c->outcome_to);
      else
        g_string_append_printf (out, _("Quadrant thresholds for a renewal rate of %s:\n"), rate);
      if (c->result_steps != NULL)
        {
          g_autofree char *thr = number (fmt, q->y_threshold);

          if (c->quadrant_fitted)
            g_string_append_printf (out, _("  %s ≥ %s: renewal by step\n"), q->y_metric, thr);
          else
            g_string_append_printf (out, _("  %s: renewal by step\n"), q->y_metric);
          append_steps (out, c->result_steps, fmt);
        }
      if (c->process_steps != NULL)
        {
          g_autofree char *thr = number (fmt, q->x_threshold);
          g_autofree char *ythr = number (fmt, q->y_threshold);

          g_string_append_printf (out, _("  %s ≥ %s: customers reaching %s ≥ %s by step\n"),
                                  q->x_metric, thr, q->y_metric, ythr);
          append_steps (out, c->process_steps, fmt);
        }
      if (c->quadrant_note != NULL)
        g_string_append_printf (out, _("  Kept as in the draft: %s.\n"), c->quadrant_note);
    }
}

char *
strata_calibration_quadrant_to_text (const StrataCalibration  *c,
                                     const StrataNumberFormat *fmt)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (c != NULL, NULL);

  append_quadrant (out, c, fmt);
  return g_string_free (out, FALSE);
}

char *
strata_calibration_to_text (const StrataCalibration  *c,
                            const StrataNumberFormat *fmt)
{
  GString *out = g_string_new (NULL);
  const StrataRules *rules = c->rules;
  g_autofree char *n = strata_format_integer (fmt, c->n_customers);
  double total = 0;

  g_string_append_printf (out, _("Fitted on %s: %s customers, %s by %s.\n"), c->period, n,
                          c->metric, strata_calibrate_method_to_string (c->method));

  if (c->bands_fitted)
    {
      for (guint i = 0; i < rules->indicators->len; i++)
        {
          const StrataIndicator *ind = rules->indicators->pdata[i];

          if (g_strcmp0 (ind->metric, c->metric) != 0)
            continue;
          g_string_append_printf (out, _("Bands of %s:"), c->metric);
          for (guint j = 0; j < ind->bands->len; j++)
            {
              const StrataBand *b = &g_array_index (ind->bands, StrataBand, j);
              g_autofree char *from = number (fmt, b->from);
              g_autofree char *pts = number (fmt, b->points);

              /* TRANSLATORS: a band: "from 500,000: 60 points"; the bands
               * of an indicator follow each other on one line. */
              g_string_append_printf (out, _("  from %s: %s points"), from, pts);
            }
          g_string_append_c (out, '\n');
          break;
        }
    }
  else
    g_string_append_printf (out, _("Bands: kept as in the draft (%s).\n"), c->bands_note);

  if (c->tiers_fitted)
    g_string_append (out, _("Tier thresholds (final score):"));
  else
    g_string_append_printf (out, _("Tier thresholds: kept as in the draft (%s):"), c->tiers_note);
  for (guint t = 0; t + 1 < rules->tiers->len; t++)
    {
      const StrataTier *tier = rules->tiers->pdata[t];
      g_autofree char *min = number (fmt, tier->min_score);

      g_string_append_printf (out, " %s ≥ %s%s", tier->id, min, t + 2 < rules->tiers->len ? "," : "");
    }
  g_string_append_c (out, '\n');

  for (guint t = 0; t < c->n_tiers; t++)
    total += c->shares[t];
  /* TRANSLATORS: column heads of the pyramid before and after the fit. */
  g_string_append_printf (out, "  %-6s %12s %12s %8s %8s\n", _("tier"), _("draft"), _("fitted"),
                          _("share"), _("target"));
  for (guint t = 0; t < c->n_tiers; t++)
    {
      const StrataTier *tier = rules->tiers->pdata[t];
      g_autofree char *b = strata_format_integer (fmt, c->before[t]);
      g_autofree char *a = strata_format_integer (fmt, c->after[t]);
      g_autofree char *share = strata_format_percent (fmt, c->n_customers > 0 ? (double) c->after[t] / c->n_customers : 0, 1);
      g_autofree char *target = strata_format_percent (fmt, total > 0 ? c->shares[t] / total : 0, 1);

      g_string_append_printf (out, "  %-6s %12s %12s %8s %8s\n", tier->id, b, a, share, target);
    }
  {
    g_autofree char *changed = strata_format_integer (fmt, c->n_changed);
    g_string_append_printf (out, _("Customers changing tier: %s\n"), changed);
  }

  append_quadrant (out, c, fmt);

  if (c->evidence->len > 0)
    {
      g_string_append_printf (out, _("Retention with and without each adjustment item (%s → %s):\n"),
                              c->outcome_from ? c->outcome_from : "", c->outcome_to ? c->outcome_to : "");
      for (guint i = 0; i < c->evidence->len; i++)
        {
          const StrataCalibrateEvidence *e = c->evidence->pdata[i];
          g_autofree char *w = strata_format_integer (fmt, e->with);
          g_autofree char *wo = strata_format_integer (fmt, e->without);
          g_autofree char *wr = e->with > 0 ? strata_format_percent (fmt, (double) e->with_retained / e->with, 0) : g_strdup ("–");
          g_autofree char *wor = e->without > 0 ? strata_format_percent (fmt, (double) e->without_retained / e->without, 0) : g_strdup ("–");

          g_string_append_printf (out, _("  %s: with %s customers, %s retained; without %s, %s retained\n"),
                                  e->label, w, wr, wo, wor);
        }
    }
  else if (c->outcome_from == NULL)
    g_string_append (out, _("No evidence for the adjustment items: the workspace has no two consecutive periods.\n"));
  return g_string_free (out, FALSE);
}
