/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page's impact: the published and the valid draft's tiers
 * compared customer by customer (two passes over every customer and a sort
 * of those who move: tens to hundreds of milliseconds at a million, on a
 * loaded machine more). Small periods are counted at once, as every edit
 * always was; above impact_async_rows customers on a worker, while the
 * panel shows the last figures dimmed as updating, so that a held spin
 * button never freezes the window. A newer edit cancels the count under
 * way; the figures shown are always those of the last valid draft. */
#include "config.h"

#include <gio/gio.h>

#include "strata-scoring-page-private.h"
#include "strata-task.h"
#include "strata-worker-rows.h"

typedef struct
{
  StrataRules      *base;         /* the published rules, or the draft */
  StrataResult     *base_result;
  StrataRules      *rules;        /* the valid draft */
  StrataResult     *result;
  StrataPeriodData *data;         /* for the movers' ids and names */
} ImpactJob;

static void
impact_job_free (gpointer p)
{
  ImpactJob *job = p;

  g_clear_pointer (&job->base, strata_rules_free);
  g_clear_pointer (&job->base_result, strata_result_unref);
  g_clear_pointer (&job->rules, strata_rules_free);
  g_clear_pointer (&job->result, strata_result_unref);
  g_clear_pointer (&job->data, strata_period_data_unref);
  g_free (job);
}

/* Any thread: reads only what the job holds. */
static StrataWhatifView *
count_view (const ImpactJob *job)
{
  g_autofree int *before = strata_scoring_page_tier_map (job->base, job->rules);
  g_autofree int *after = strata_scoring_page_tier_map (job->rules, job->rules);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint t = 0; t < job->rules->tiers->len; t++)
    g_ptr_array_add (ids, ((StrataTier *) job->rules->tiers->pdata[t])->id);
  return strata_whatif_view_new_mapped (job->rules->tiers->len, (const char * const *) ids->pdata,
                                        job->data->n,
                                        job->base_result->final_tier, before, job->base->tiers->len,
                                        job->result->final_tier, after, job->rules->tiers->len,
                                        job->base_result->score, job->result->score);
}

static void
show_view (StrataScoringPage *self,
           const ImpactJob   *job,
           StrataWhatifView  *view)
{
  g_autoptr(GPtrArray) colours = g_ptr_array_new ();

  for (guint t = 0; t < job->rules->tiers->len; t++)
    g_ptr_array_add (colours, ((StrataTier *) job->rules->tiers->pdata[t])->colour);
  strata_impact_panel_set_view (self->impact, view, (const char * const *) colours->pdata,
                                job->data);
}

static void
count_func (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, count_view (task_data), (GDestroyNotify) strata_whatif_view_unref);
}

static void
counted (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (source);
  g_autoptr(GCancellable) cancel = user_data;
  g_autoptr(StrataWhatifView) view = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A newer edit (or none: the page went) replaced this count. */
  if (g_cancellable_is_cancelled (cancel) || self->impact_cancel != cancel || view == NULL)
    return;
  g_clear_object (&self->impact_cancel);
  show_view (self, g_task_get_task_data (G_TASK (result)), view);
  strata_impact_panel_set_updating (self->impact, FALSE);
  strata_scoring_page_evidence_after_impact (self);
}

void
strata_scoring_page_cancel_impact (StrataScoringPage *self)
{
  if (self->impact_cancel != NULL)
    g_cancellable_cancel (self->impact_cancel);
  g_clear_object (&self->impact_cancel);
  if (self->impact != NULL)
    strata_impact_panel_set_updating (self->impact, FALSE);
}

void
strata_scoring_page_update_impact (StrataScoringPage *self)
{
  const StrataPeriodData *data = self->scoring ? strata_scoring_get_data (self->scoring) : NULL;
  const StrataRules *rules = self->valid_draft;
  const StrataRules *base;
  const StrataResult *base_result;
  ImpactJob *job;
  g_autoptr(GTask) task = NULL;

  if (self->impact_cancel != NULL)
    g_cancellable_cancel (self->impact_cancel);
  g_clear_object (&self->impact_cancel);
  if (data == NULL || data->n == 0 || rules == NULL || self->valid_result == NULL ||
      self->valid_result->n != data->n)
    {
      strata_impact_panel_set_updating (self->impact, FALSE);
      gtk_stack_set_visible_child_name (self->impact_stack, "no-customers");
      strata_impact_panel_set_view (self->impact, NULL, NULL, NULL);
      return;
    }
  gtk_stack_set_visible_child_name (self->impact_stack, "impact");

  /* Without a published version, the draft is compared with itself. */
  base = strata_scoring_get_published (self->scoring);
  base_result = strata_scoring_get_published_result (self->scoring);
  if (base == NULL || base_result == NULL)
    {
      base = rules;
      base_result = self->valid_result;
    }
  job = g_new0 (ImpactJob, 1);
  job->base = strata_rules_copy (base);
  job->base_result = strata_result_ref ((StrataResult *) base_result);
  job->rules = strata_rules_copy (rules);
  job->result = strata_result_ref (self->valid_result);
  job->data = strata_period_data_ref ((StrataPeriodData *) data);

  if (data->n < self->impact_async_rows)
    {
      g_autoptr(StrataWhatifView) view = count_view (job);

      strata_impact_panel_set_updating (self->impact, FALSE);
      show_view (self, job, view);
      impact_job_free (job);
      return;
    }
  self->impact_cancel = g_cancellable_new ();
  strata_impact_panel_set_updating (self->impact, TRUE);
  task = g_task_new (self, self->impact_cancel, counted, g_object_ref (self->impact_cancel));
  g_task_set_source_tag (task, strata_scoring_page_update_impact);
  g_task_set_task_data (task, job, impact_job_free);
  strata_task_run_in_background (task, count_func);
}

void
strata_scoring_page_set_impact_async_rows (StrataScoringPage *self,
                                           guint              rows)
{
  self->impact_async_rows = rows;
}

guint
strata_scoring_page_default_impact_async_rows (void)
{
  return STRATA_WORKER_ROWS;
}
