/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "strata-engine-private.h"
#include "strata-task.h"
#include "strata-override.h"
#include "strata-rules-private.h"
#include "strata-scoring.h"
#include "strata-scoring-private.h"
#include "strata-worker-rows.h"

struct _StrataScoring
{
  GObject           parent_instance;

  StrataWorkspace  *workspace;
  gulong            changed_id;
  gboolean          deferred;       /* the caller reloads the data */
  gint64            period_id;      /* 0: none */
  StrataPeriodData *data;
  StrataRules      *draft;
  StrataRules      *published;
  guint             published_version;
  GPtrArray        *problems;
  StrataCompiledRules *compiled;    /* of the draft, reused while only data stays */
  StrataResult     *draft_result;
  StrataResult     *published_result;
  StrataWhatIf     *whatif;
  guint            *draft_counts;   /* customers per tier of draft_result */
  guint             generation;     /* bumped when the rules or overrides change */

  /* A draft edit on a period of draft_async_rows customers or more is
   * scored on a worker (strata_scoring_set_draft): latest is that draft
   * until its result is installed; draft, the results, the what-if and the
   * counts stay those of the last scored draft meanwhile, so every reader
   * sees one consistent state. One job at a time: edits made while it
   * runs only replace latest, and a job whose serial is no longer
   * draft_serial is dropped when it ends (the newest edit is scored next). */
  guint             draft_async_rows;
  StrataRules      *latest;
  guint             draft_serial;
  gboolean          job_running;
  GCancellable     *job_cancel;
};

G_DEFINE_FINAL_TYPE (StrataScoring, strata_scoring, G_TYPE_OBJECT)

enum {
  SCORES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_draft_scores (StrataScoring *self)
{
  g_clear_pointer (&self->compiled, strata_compiled_rules_free);
  g_clear_pointer (&self->draft_result, strata_result_unref);
  g_clear_pointer (&self->whatif, strata_whatif_free);
  g_clear_pointer (&self->draft_counts, g_free);
}

static void
clear_scores (StrataScoring *self)
{
  clear_draft_scores (self);
  g_clear_pointer (&self->published_result, strata_result_unref);
}

/* A draft scored on a worker gives way: to the draft set or read now
 * (keep FALSE), or it becomes the draft scored now (keep TRUE, for a
 * re-score of new data or overrides). Its job's result will be dropped. */
static void
stop_draft_job (StrataScoring *self,
                gboolean       keep)
{
  if (self->job_cancel != NULL)
    g_cancellable_cancel (self->job_cancel);
  self->draft_serial++;
  if (self->latest != NULL && keep)
    {
      g_clear_pointer (&self->draft, strata_rules_free);
      self->draft = g_steal_pointer (&self->latest);
    }
  g_clear_pointer (&self->latest, strata_rules_free);
}

static void
strata_scoring_finalize (GObject *object)
{
  StrataScoring *self = STRATA_SCORING (object);

  if (self->workspace && self->changed_id)
    g_signal_handler_disconnect (self->workspace, self->changed_id);
  clear_scores (self);
  /* A job holds the scoring until it ends: none runs any more. */
  g_clear_object (&self->job_cancel);
  g_clear_pointer (&self->latest, strata_rules_free);
  g_clear_pointer (&self->data, strata_period_data_unref);
  g_clear_pointer (&self->draft, strata_rules_free);
  g_clear_pointer (&self->published, strata_rules_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (strata_scoring_parent_class)->finalize (object);
}

static void
strata_scoring_class_init (StrataScoringClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_scoring_finalize;

  /* Emitted after the data, the rules or the results changed. */
  signals[SCORES_CHANGED] =
    g_signal_new ("scores-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
strata_scoring_init (StrataScoring *self)
{
  self->period_id = 0;
  self->draft_async_rows = STRATA_WORKER_ROWS;
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_rules_problem_free);
}

/* The window's period may hold only the metrics its rules read (the
 * context's subset load): a rule on another one reads that column first,
 * tens of milliseconds at a million customers; nothing when all are there. */
static void
ensure_metrics (StrataScoring     *self,
                const StrataRules *rules)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;

  if (rules == NULL || self->data->left_out == NULL)
    return;
  metrics = strata_rules_get_metrics (rules);
  g_ptr_array_add (metrics, NULL);
  if (!strata_period_data_ensure_metrics (self->data, self->workspace,
                                          (const char * const *) metrics->pdata, &error))
    g_warning ("%s", error->message);
}

/* Scores the draft only: what a keystroke in the rules editor costs. */
static void
score_draft (StrataScoring *self)
{
  ensure_metrics (self, self->draft);
  g_clear_pointer (&self->compiled, strata_compiled_rules_free);
  g_clear_pointer (&self->whatif, strata_whatif_free);
  g_clear_pointer (&self->draft_counts, g_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  self->problems = strata_rules_validate (self->draft, (const char * const *) self->data->metric_keys);
  if (self->problems->len == 0)
    self->compiled = strata_engine_compile (self->draft, self->data, NULL);
  if (self->compiled == NULL)
    {
      g_clear_pointer (&self->draft_result, strata_result_unref);
      return;
    }
  /* A draft equal to the published rules scores the same: one result for
   * both (about 30 MB at a million customers); the first edit makes its own. */
  if (self->published_result != NULL && self->published != NULL &&
      strata_rules_equal (self->draft, self->published))
    {
      g_clear_pointer (&self->draft_result, strata_result_unref);
      self->draft_result = strata_result_ref (self->published_result);
    }
  /* Reuse the columns when no one else holds them. */
  else if (self->draft_result == NULL || strata_result_is_shared (self->draft_result) ||
      self->draft_result->n != self->data->n)
    {
      g_clear_pointer (&self->draft_result, strata_result_unref);
      self->draft_result = strata_result_new (self->data->n);
    }
  if (self->draft_result != self->published_result)
    strata_engine_run (self->compiled, self->draft_result);
  self->draft_counts = strata_result_count_tiers (self->draft_result);
  g_debug ("Scored period %" G_GINT64_FORMAT " under the draft (%u rows)",
           self->period_id, self->data->n);
  if (self->published_result != NULL)
    self->whatif = strata_whatif_compute (self->published, self->published_result,
                                          self->draft, self->draft_result);
}

static void
score_all (StrataScoring *self)
{
  stop_draft_job (self, TRUE);
  clear_scores (self);
  ensure_metrics (self, self->published);
  if (self->published != NULL)
    {
      self->published_result = strata_engine_score (self->published, self->data, NULL);
      g_debug ("Scored period %" G_GINT64_FORMAT " under the published rules (%u rows)",
               self->period_id, self->data->n);
    }
  score_draft (self);
}

static StrataPeriodData *
empty_data (StrataWorkspace  *workspace,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace,
                                                           "SELECT key FROM metrics ORDER BY position, id",
                                                           error);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (keys, NULL);
  return strata_period_data_new ((const char * const *) keys->pdata, 0);
}

static gboolean
load_data (StrataScoring  *self,
           gint64          period_id,
           GError        **error)
{
  StrataPeriodData *data;

  data = period_id > 0 ? strata_period_data_load (self->workspace, period_id, error)
                        : empty_data (self->workspace, error);
  if (data == NULL)
    return FALSE;
  g_clear_pointer (&self->data, strata_period_data_unref);
  self->data = data;
  self->period_id = period_id;
  return TRUE;
}

static gboolean
load_rules (StrataScoring  *self,
            GError        **error)
{
  g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (self->workspace, error);
  guint version;

  if (draft == NULL)
    return FALSE;
  /* The file's draft replaces one being scored. */
  stop_draft_job (self, FALSE);
  version = strata_ruleset_store_get_latest_version (self->workspace);
  g_clear_pointer (&self->published, strata_rules_free);
  self->published_version = version;
  if (version > 0)
    {
      self->published = strata_ruleset_store_load_version (self->workspace, version, error);
      if (self->published == NULL)
        return FALSE;
    }
  g_clear_pointer (&self->draft, strata_rules_free);
  self->draft = g_steal_pointer (&draft);
  return TRUE;
}

gboolean
strata_scoring_reload (StrataScoring  *self,
                       GError        **error)
{
  gint64 period_id = self->period_id;

  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);

  /* Keep the period when it still exists, else take the latest. */
  if (period_id > 0)
    {
      g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (self->workspace,
                                                               "SELECT 1 FROM periods WHERE id = ?1", NULL);

      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, period_id);
      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
        period_id = 0;
    }
  if (period_id <= 0 && !strata_period_find (self->workspace, NULL, &period_id, NULL, NULL))
    period_id = 0;
  if (!load_data (self, period_id, error) || !load_rules (self, error))
    return FALSE;
  score_all (self);
  g_signal_emit (self, signals[SCORES_CHANGED], 0);
  return TRUE;
}

static void
on_workspace_changed (StrataWorkspace *workspace,
                      const char      *what,
                      StrataScoring   *self)
{
  g_autoptr(GError) error = NULL;
  gboolean rules = g_strcmp0 (what, "rules") == 0 || g_strcmp0 (what, "draft") == 0;

  if (g_strcmp0 (what, "overrides") == 0 || rules)
    self->generation++;
  if (g_strcmp0 (what, "overrides") == 0 && self->data->n > 0)
    {
      StrataPeriodData *data = strata_period_data_reload_overrides (self->data, workspace, &error);

      /* Our own view with the new overrides: the shared data stays as it
       * is for whoever else holds it. */
      if (data == NULL)
        g_warning ("%s", error->message);
      else
        {
          clear_scores (self);
          strata_period_data_unref (self->data);
          self->data = data;
        }
      score_all (self);
      g_signal_emit (self, signals[SCORES_CHANGED], 0);
    }
  else if (rules)
    {
      g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (workspace, &error);
      guint version = strata_ruleset_store_get_latest_version (workspace);

      /* Our own save_draft writes what we hold: nothing to redo. */
      if (draft != NULL && strata_rules_equal (draft, strata_scoring_get_latest_draft (self)) &&
          version == self->published_version)
        return;
      if (!load_rules (self, &error))
        {
          g_warning ("%s", error->message);
          return;
        }
      score_all (self);
      g_signal_emit (self, signals[SCORES_CHANGED], 0);
    }
  else if (g_strcmp0 (what, "entitlements") != 0 && g_strcmp0 (what, "draft") != 0 &&
           !self->deferred)
    {
      if (!strata_scoring_reload (self, &error))
        g_warning ("%s", error->message);
    }
}

StrataScoring *
strata_scoring_new (StrataWorkspace  *workspace,
                    GError          **error)
{
  g_autoptr(StrataScoring) self = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (STRATA_TYPE_SCORING, NULL);
  self->workspace = g_object_ref (workspace);
  if (!strata_scoring_reload (self, error))
    return NULL;
  self->changed_id = g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed), self);
  return g_steal_pointer (&self);
}

StrataScoring *
strata_scoring_new_deferred (StrataWorkspace  *workspace,
                             GError          **error)
{
  g_autoptr(StrataScoring) self = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (STRATA_TYPE_SCORING, NULL);
  self->workspace = g_object_ref (workspace);
  self->deferred = TRUE;
  if (!load_data (self, 0, error) || !load_rules (self, error))
    return NULL;
  score_all (self);
  self->changed_id = g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed), self);
  return g_steal_pointer (&self);
}

gboolean
strata_scoring_set_period_data (StrataScoring     *self,
                                gint64             period_id,
                                StrataPeriodData  *data,
                                GError           **error)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);
  g_return_val_if_fail (data != NULL || period_id == 0, FALSE);

  if (!load_rules (self, error))
    return FALSE;
  clear_scores (self);
  if (data == NULL)
    {
      if (!load_data (self, 0, error))
        return FALSE;
    }
  else
    {
      g_clear_pointer (&self->data, strata_period_data_unref);
      self->data = strata_period_data_ref (data);
      self->period_id = period_id;
    }
  score_all (self);
  g_signal_emit (self, signals[SCORES_CHANGED], 0);
  return TRUE;
}

StrataWorkspace *
strata_scoring_get_workspace (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->workspace;
}

gboolean
strata_scoring_set_period (StrataScoring  *self,
                           gint64          period_id,
                           GError        **error)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);

  if (!load_data (self, period_id, error))
    return FALSE;
  score_all (self);
  g_signal_emit (self, signals[SCORES_CHANGED], 0);
  return TRUE;
}

gint64
strata_scoring_get_period_id (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), 0);
  return self->period_id;
}

const char *
strata_scoring_get_period_name (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->data->period_name;
}

const StrataPeriodData *
strata_scoring_get_data (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->data;
}

const StrataRules *
strata_scoring_get_draft (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->draft;
}

const StrataRules *
strata_scoring_get_published (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->published;
}

guint
strata_scoring_get_published_version (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), 0);
  return self->published_version;
}

static void start_draft_job (StrataScoring *self);

void
strata_scoring_set_draft (StrataScoring     *self,
                          const StrataRules *rules)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_if_fail (STRATA_IS_SCORING (self));
  g_return_if_fail (rules != NULL);

  /* An invalid draft has no result to wait for: at once, as a small
   * period's every edit. */
  if (self->data->n >= self->draft_async_rows)
    {
      ensure_metrics (self, rules);
      problems = strata_rules_validate (rules, (const char * const *) self->data->metric_keys);
    }
  if (problems == NULL || problems->len > 0)
    {
      stop_draft_job (self, FALSE);
      g_clear_pointer (&self->draft, strata_rules_free);
      self->draft = strata_rules_copy (rules);
      score_draft (self);
      g_signal_emit (self, signals[SCORES_CHANGED], 0);
      return;
    }
  g_clear_pointer (&self->latest, strata_rules_free);
  self->latest = strata_rules_copy (rules);
  self->draft_serial++;
  if (!self->job_running)
    start_draft_job (self);
}

const StrataRules *
strata_scoring_get_latest_draft (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->latest != NULL ? self->latest : self->draft;
}

gboolean
strata_scoring_get_draft_pending (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);
  return self->latest != NULL;
}

const guint *
strata_scoring_get_draft_tier_counts (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->draft_result != NULL ? self->draft_counts : NULL;
}

void
strata_scoring_set_draft_async_rows (StrataScoring *self,
                                     guint          rows)
{
  g_return_if_fail (STRATA_IS_SCORING (self));
  self->draft_async_rows = rows;
}

gboolean
strata_scoring_save_draft (StrataScoring  *self,
                           GError        **error)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);
  return strata_ruleset_store_save_draft (self->workspace, strata_scoring_get_latest_draft (self), error);
}

gboolean
strata_scoring_publish (StrataScoring  *self,
                        const char     *note,
                        guint          *version,
                        GError        **error)
{
  g_autoptr(StrataRules) draft = NULL;

  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);

  /* The ::changed handler reloads the new version and re-scores. */
  draft = strata_rules_copy (strata_scoring_get_latest_draft (self));
  return strata_ruleset_store_publish (self->workspace, draft, note, version, error);
}

GPtrArray *
strata_scoring_get_problems (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->problems;
}

StrataResult *
strata_scoring_get_draft_result (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->draft_result;
}

StrataResult *
strata_scoring_get_published_result (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->published_result;
}

const StrataWhatIf *
strata_scoring_get_whatif (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return self->whatif;
}

StrataReceipt *
strata_scoring_explain (StrataScoring  *self,
                        guint           row,
                        gboolean        draft,
                        GError        **error)
{
  const StrataRules *rules;

  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  g_return_val_if_fail (row < self->data->n, NULL);

  rules = draft ? self->draft : self->published;
  if (rules == NULL)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                   _("%s: no rules have been published yet"),
                   strata_workspace_get_path (self->workspace));
      return NULL;
    }
  return strata_engine_explain (rules, self->data, row, error);
}

guint
strata_scoring_get_n_rows (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), 0);
  return self->data->n;
}

gint64
strata_scoring_get_customer_id (StrataScoring *self,
                                guint          row)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self) && row < self->data->n, -1);
  return self->data->ids[row];
}

const char *
strata_scoring_get_ext_id (StrataScoring *self,
                           guint          row)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self) && row < self->data->n, NULL);
  return strata_period_data_get_ext_id (self->data, row);
}

const char *
strata_scoring_get_name (StrataScoring *self,
                         guint          row)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self) && row < self->data->n, NULL);
  return strata_period_data_get_name (self->data, row);
}

double
strata_scoring_get_value (StrataScoring *self,
                          guint          row,
                          const char    *metric)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self) && row < self->data->n, NAN);
  return strata_period_data_get_value (self->data, row, metric);
}

double
strata_scoring_get_score (StrataScoring *self,
                          guint          row)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self) && row < self->data->n, NAN);
  return self->draft_result ? self->draft_result->score[row] : NAN;
}

guint8
strata_scoring_get_final_tier (StrataScoring *self,
                               guint          row)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self) && row < self->data->n, STRATA_TIER_NONE);
  return self->draft_result ? self->draft_result->final_tier[row] : STRATA_TIER_NONE;
}

StrataQuadrant
strata_scoring_get_quadrant (StrataScoring *self,
                             guint          row)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self) && row < self->data->n, STRATA_QUADRANT_NONE);
  return self->draft_result ? self->draft_result->quadrant[row] : STRATA_QUADRANT_NONE;
}

const StrataTier *
strata_scoring_get_tier (StrataScoring *self,
                         guint8         tier)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), NULL);
  return tier < self->draft->tiers->len ? self->draft->tiers->pdata[tier] : NULL;
}

gboolean
strata_scoring_set_override (StrataScoring  *self,
                             guint           row,
                             const char     *tier,
                             const char     *reason,
                             GError        **error)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);
  g_return_val_if_fail (row < self->data->n, FALSE);
  return strata_override_set (self->workspace, self->period_id, self->data->ids[row],
                              tier, reason, error);
}

gboolean
strata_scoring_remove_override (StrataScoring  *self,
                                guint           row,
                                GError        **error)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);
  g_return_val_if_fail (row < self->data->n, FALSE);
  return strata_override_remove (self->workspace, self->period_id, self->data->ids[row], error);
}

/* Scoring prepared on a worker ------------------------------------------- */

struct _StrataScoringPrepared
{
  gint64               period_id;
  guint                generation;
  StrataPeriodData    *data;
  StrataRules         *draft;
  StrataRules         *published;
  guint                published_version;
  GPtrArray           *problems;
  StrataCompiledRules *compiled;
  StrataResult        *draft_result;
  StrataResult        *published_result;
  StrataWhatIf        *whatif;
  guint               *draft_counts;
};

void
strata_scoring_prepared_free (StrataScoringPrepared *p)
{
  if (p == NULL)
    return;
  g_clear_pointer (&p->compiled, strata_compiled_rules_free);
  g_clear_pointer (&p->draft_result, strata_result_unref);
  g_clear_pointer (&p->published_result, strata_result_unref);
  g_clear_pointer (&p->whatif, strata_whatif_free);
  g_clear_pointer (&p->draft_counts, g_free);
  g_clear_pointer (&p->problems, g_ptr_array_unref);
  g_clear_pointer (&p->draft, strata_rules_free);
  g_clear_pointer (&p->published, strata_rules_free);
  g_clear_pointer (&p->data, strata_period_data_unref);
  g_free (p);
}

guint
strata_scoring_get_generation (StrataScoring *self)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), 0);
  return self->generation;
}

/* Runs the same steps as load_rules() and score_all() on a scratch
 * StrataScoring that is never seen by another thread: the worker's own
 * connection, its own rules, results over the immutable data. */
StrataScoringPrepared *
strata_scoring_prepare (StrataWorkspace   *workspace,
                        gint64             period_id,
                        StrataPeriodData  *data,
                        guint              generation,
                        GError           **error)
{
  g_autoptr(StrataScoring) scratch = NULL;
  StrataScoringPrepared *p;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (data != NULL && period_id > 0, NULL);

  scratch = g_object_new (STRATA_TYPE_SCORING, NULL);
  scratch->workspace = g_object_ref (workspace);
  if (!load_rules (scratch, error))
    return NULL;
  scratch->data = strata_period_data_ref (data);
  scratch->period_id = period_id;
  score_all (scratch);

  p = g_new0 (StrataScoringPrepared, 1);
  p->period_id = period_id;
  p->generation = generation;
  p->data = g_steal_pointer (&scratch->data);
  p->draft = g_steal_pointer (&scratch->draft);
  p->published = g_steal_pointer (&scratch->published);
  p->published_version = scratch->published_version;
  p->problems = g_steal_pointer (&scratch->problems);
  p->compiled = g_steal_pointer (&scratch->compiled);
  p->draft_result = g_steal_pointer (&scratch->draft_result);
  p->published_result = g_steal_pointer (&scratch->published_result);
  p->whatif = g_steal_pointer (&scratch->whatif);
  p->draft_counts = g_steal_pointer (&scratch->draft_counts);
  return p;
}

gboolean
strata_scoring_take_prepared (StrataScoring         *self,
                              StrataScoringPrepared *prepared,
                              GError               **error)
{
  g_return_val_if_fail (STRATA_IS_SCORING (self), FALSE);
  g_return_val_if_fail (prepared != NULL, FALSE);

  /* Rules or overrides changed while the worker scored: what it read may
   * be stale, so the rules are read and scored again here. */
  if (prepared->generation != self->generation)
    {
      gboolean ok = strata_scoring_set_period_data (self, prepared->period_id, prepared->data, error);

      strata_scoring_prepared_free (prepared);
      return ok;
    }
  stop_draft_job (self, FALSE);
  clear_scores (self);
  g_clear_pointer (&self->data, strata_period_data_unref);
  g_clear_pointer (&self->draft, strata_rules_free);
  g_clear_pointer (&self->published, strata_rules_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->period_id = prepared->period_id;
  self->data = g_steal_pointer (&prepared->data);
  self->draft = g_steal_pointer (&prepared->draft);
  self->published = g_steal_pointer (&prepared->published);
  self->published_version = prepared->published_version;
  self->problems = g_steal_pointer (&prepared->problems);
  self->compiled = g_steal_pointer (&prepared->compiled);
  self->draft_result = g_steal_pointer (&prepared->draft_result);
  self->published_result = g_steal_pointer (&prepared->published_result);
  self->whatif = g_steal_pointer (&prepared->whatif);
  self->draft_counts = g_steal_pointer (&prepared->draft_counts);
  strata_scoring_prepared_free (prepared);
  g_signal_emit (self, signals[SCORES_CHANGED], 0);
  return TRUE;
}

/* The draft scored on a worker -------------------------------------------- */

typedef struct
{
  guint                serial;
  StrataPeriodData    *data;
  StrataRules         *draft;             /* valid */
  StrataRules         *published;         /* NULL: none published */
  StrataResult        *published_result;
  /* What the worker made */
  StrataCompiledRules *compiled;
  StrataResult        *result;
  StrataWhatIf        *whatif;
  guint               *counts;
} DraftJob;

static void
draft_job_free (gpointer p)
{
  DraftJob *job = p;

  g_clear_pointer (&job->compiled, strata_compiled_rules_free);
  g_clear_pointer (&job->result, strata_result_unref);
  g_clear_pointer (&job->whatif, strata_whatif_free);
  g_clear_pointer (&job->counts, g_free);
  g_clear_pointer (&job->draft, strata_rules_free);
  g_clear_pointer (&job->published, strata_rules_free);
  g_clear_pointer (&job->published_result, strata_result_unref);
  g_clear_pointer (&job->data, strata_period_data_unref);
  g_free (job);
}

/* Worker thread: score_draft()'s steps on what the job holds (copies of
 * the rules, the immutable data and published result). A newer edit
 * cancels it between steps. */
static void
score_draft_func (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DraftJob *job = task_data;
  g_autoptr(GError) error = NULL;

  job->compiled = strata_engine_compile (job->draft, job->data, &error);
  if (job->compiled == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  /* As score_draft(): the published rules' result when they are equal. */
  if (job->published != NULL && strata_rules_equal (job->draft, job->published))
    job->result = strata_result_ref (job->published_result);
  else
    {
      job->result = strata_result_new (job->data->n);
      strata_engine_run (job->compiled, job->result);
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->published != NULL)
    job->whatif = strata_whatif_compute (job->published, job->published_result,
                                         job->draft, job->result);
  job->counts = strata_result_count_tiers (job->result);
  g_task_return_boolean (task, TRUE);
}

static void
draft_scored (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  StrataScoring *self = STRATA_SCORING (source);
  DraftJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean scored = g_task_propagate_boolean (G_TASK (result), &error);

  self->job_running = FALSE;
  g_clear_object (&self->job_cancel);
  if (!scored && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot score the draft: %s", error->message);
  /* An edit since, new data or rules: score the newest draft, if any. */
  if (!scored || job->serial != self->draft_serial || job->data != self->data)
    {
      if (self->latest != NULL)
        start_draft_job (self);
      return;
    }
  g_clear_pointer (&self->latest, strata_rules_free);
  clear_draft_scores (self);
  g_clear_pointer (&self->draft, strata_rules_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->draft = g_steal_pointer (&job->draft);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_rules_problem_free);
  self->compiled = g_steal_pointer (&job->compiled);
  self->draft_result = g_steal_pointer (&job->result);
  self->whatif = g_steal_pointer (&job->whatif);
  self->draft_counts = g_steal_pointer (&job->counts);
  g_debug ("Scored period %" G_GINT64_FORMAT " under the draft on a worker (%u rows)",
           self->period_id, self->data->n);
  g_signal_emit (self, signals[SCORES_CHANGED], 0);
}

/* Scores latest on a worker. */
static void
start_draft_job (StrataScoring *self)
{
  g_autoptr(GTask) task = NULL;
  DraftJob *job = g_new0 (DraftJob, 1);

  job->serial = self->draft_serial;
  job->data = strata_period_data_ref (self->data);
  job->draft = strata_rules_copy (self->latest);
  if (self->published != NULL && self->published_result != NULL)
    {
      job->published = strata_rules_copy (self->published);
      job->published_result = strata_result_ref (self->published_result);
    }
  self->job_running = TRUE;
  g_clear_object (&self->job_cancel);
  self->job_cancel = g_cancellable_new ();
  task = g_task_new (self, self->job_cancel, draft_scored, NULL);
  g_task_set_source_tag (task, start_draft_job);
  g_task_set_task_data (task, job, draft_job_free);
  strata_task_run_in_background (task, score_draft_func);
}
