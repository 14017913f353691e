/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evidence beside the bonus and penalty items: who of the current period
 * was kept in the next (or, on the last period, the latest pair of
 * consecutive periods), with and without each item of the draft. The
 * outcomes are read on a worker with a connection of its own when the
 * scoring's data changes (another period, an import); each draft edit
 * then counts again on a worker thread from the outcomes kept here. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-calibrate.h"
#include "strata-task.h"
#include "strata-context.h"
#include "strata-scoring-page-private.h"
#include "strata-workspace-task.h"

/* The outcomes of one pair of periods, shared by the page and workers. */
struct _StrataScoringOutcomes
{
  gatomicrefcount   ref;
  StrataPeriodData *data;      /* the earlier period, or NULL: no pair */
  guint8           *outcomes;  /* one per row of data */
  char             *to;
  /* The metrics data holds values of: the adjustments' when read (the
   * period's other columns would be a hundred megabytes at a million). */
  GStrv             metrics;
};
typedef StrataScoringOutcomes Outcomes;

static Outcomes *
outcomes_ref (Outcomes *o)
{
  g_atomic_ref_count_inc (&o->ref);
  return o;
}

static void
outcomes_unref (gpointer data)
{
  Outcomes *o = data;

  if (o == NULL || !g_atomic_ref_count_dec (&o->ref))
    return;
  g_clear_pointer (&o->data, strata_period_data_unref);
  g_free (o->outcomes);
  g_free (o->to);
  g_strfreev (o->metrics);
  g_free (o);
}

/* The metrics the evidence of rules reads: their adjustments'. */
static GStrv
adjustment_metrics (const StrataRules *rules)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint a = 0; a < rules->adjustments->len; a++)
    {
      const char *metric = ((StrataAdjustment *) rules->adjustments->pdata[a])->metric;

      if (metric != NULL)
        g_strv_builder_add (b, metric);
    }
  return g_strv_builder_end (b);
}

/* Whether outcomes read for other rules hold every column rules need. */
static gboolean
outcomes_cover (const Outcomes    *o,
                const StrataRules *rules)
{
  for (guint a = 0; a < rules->adjustments->len; a++)
    {
      const char *metric = ((StrataAdjustment *) rules->adjustments->pdata[a])->metric;

      if (metric != NULL && !g_strv_contains ((const char * const *) o->metrics, metric))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64       period_id;
  StrataRules *rules;
  Outcomes    *outcomes;   /* NULL: read them first */
} Job;

typedef struct
{
  Outcomes  *outcomes;
  GPtrArray *evidence;     /* NULL when there is no pair */
} Answer;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->rules, strata_rules_free);
  g_clear_pointer (&job->outcomes, outcomes_unref);
  g_free (job);
}

static void
answer_free (gpointer data)
{
  Answer *a = data;

  g_clear_pointer (&a->outcomes, outcomes_unref);
  g_clear_pointer (&a->evidence, g_ptr_array_unref);
  g_free (a);
}

static Answer *
count (Job *job)
{
  Answer *a = g_new0 (Answer, 1);

  a->outcomes = outcomes_ref (job->outcomes);
  if (a->outcomes->data != NULL)
    a->evidence = strata_calibrate_evidence (job->rules, a->outcomes->data, a->outcomes->outcomes);
  return a;
}

/* Worker: read the outcomes, then count. */
static gpointer
load_func (StrataWorkspace  *workspace,
           gpointer          task_data,
           GCancellable     *cancellable,
           GError          **error)
{
  Job *job = task_data;
  Outcomes *o;

  /* Leaving the page cancels the load: a task that starts after that
   * (behind other workers) would read two periods for nothing. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  o = g_new0 (Outcomes, 1);
  g_atomic_ref_count_init (&o->ref);
  o->metrics = adjustment_metrics (job->rules);
  if (!strata_calibrate_load_outcomes_of (workspace, job->period_id,
                                          (const char * const *) o->metrics, &o->data,
                                          &o->outcomes, &o->to, error))
    {
      outcomes_unref (o);
      return NULL;
    }
  job->outcomes = o;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return count (job);
}

/* Worker thread: count again with outcomes already read. */
static void
count_func (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_task_return_pointer (task, count (task_data), answer_free);
}

static void
show (StrataScoringPage *self,
      Answer            *a)
{
  if (a->outcomes != self->outcomes)
    {
      g_clear_pointer (&self->outcomes, outcomes_unref);
      self->outcomes = outcomes_ref (a->outcomes);
    }
  if (a->outcomes->data == NULL)
    strata_rules_editor_set_evidence (self->editor, NULL, NULL, NULL,
                                      _("No next period to see who was kept: retention needs two consecutive periods"));
  else
    strata_rules_editor_set_evidence (self->editor, a->evidence, a->outcomes->data->period_name,
                                      a->outcomes->to, NULL);
}

static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Answer *a;

  if (G_IS_TASK (result) && g_task_get_source_tag (G_TASK (result)) == count_func)
    a = g_task_propagate_pointer (G_TASK (result), &error);
  else
    a = strata_workspace_task_finish (result, &error);
  if (a == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          StrataScoringPage *self = STRATA_SCORING_PAGE (source);

          g_clear_object (&self->evidence_cancel);
          strata_rules_editor_set_evidence (self->editor, NULL, NULL, NULL, error->message);
        }
      return;
    }
  {
    StrataScoringPage *self = STRATA_SCORING_PAGE (source);

    g_clear_object (&self->evidence_cancel);
    show (self, a);
    answer_free (a);
  }
}

static gboolean
evidence_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (widget);

  /* The first tick is of the frame that paints the impact. */
  if (self->evidence_ticks++ == 0)
    return G_SOURCE_CONTINUE;
  self->evidence_tick = 0;
  if (self->problems != NULL)
    strata_scoring_page_update_evidence (self);
  return G_SOURCE_REMOVE;
}

/* Once the impact's frame is painted: on two cores the count took the
 * core GTK and the display server wanted for it. */
void
strata_scoring_page_evidence_after_impact (StrataScoringPage *self)
{
  if (!self->evidence_waits)
    return;
  self->evidence_waits = FALSE;
  if (self->evidence_tick == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->evidence_ticks = 0;
      self->evidence_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), evidence_tick, NULL, NULL);
    }
  else if (self->evidence_tick == 0 && self->problems != NULL)
    strata_scoring_page_update_evidence (self);
}

void
strata_scoring_page_update_evidence (StrataScoringPage *self)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));
  const StrataPeriodData *data = self->scoring ? strata_scoring_get_data (self->scoring) : NULL;
  Job *job;

  if (self->evidence_cancel != NULL)
    g_cancellable_cancel (self->evidence_cancel);
  g_clear_object (&self->evidence_cancel);
  if (self->evidence_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->evidence_tick);
  self->evidence_tick = 0;
  /* Read while the page is shown (the map handler asks again). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      strata_scoring_page_clear_evidence (self);
      return;
    }
  if (context == NULL || data == NULL || self->draft == NULL)
    {
      strata_scoring_page_clear_evidence (self);
      strata_rules_editor_set_evidence (self->editor, NULL, NULL, NULL, NULL);
      return;
    }

  self->evidence_cancel = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->rules = strata_rules_copy (self->draft);
  job->period_id = strata_context_get_period_id (context);
  /* New data (another period, an import) or an adjustment on a metric
   * not read: read the outcomes again. */
  if (self->outcomes != NULL && data == self->evidence_data &&
      outcomes_cover (self->outcomes, job->rules))
    {
      g_autoptr(GTask) task = g_task_new (self, self->evidence_cancel, done, NULL);

      job->outcomes = outcomes_ref (self->outcomes);
      g_task_set_source_tag (task, count_func);
      g_task_set_task_data (task, job, job_free);
      g_task_set_return_on_cancel (task, TRUE);
      strata_task_run_in_background (task, count_func);
      return;
    }
  g_clear_pointer (&self->evidence_data, strata_period_data_unref);
  self->evidence_data = strata_period_data_ref ((StrataPeriodData *) data);
  g_clear_pointer (&self->outcomes, outcomes_unref);
  strata_rules_editor_set_evidence (self->editor, NULL, NULL, NULL, NULL);
  strata_workspace_task_run (self, strata_workspace_get_path (strata_context_get_workspace (context)),
                             load_func, job, job_free, answer_free, self->evidence_cancel, done, NULL);
}

void
strata_scoring_page_clear_evidence (StrataScoringPage *self)
{
  if (self->evidence_cancel != NULL)
    g_cancellable_cancel (self->evidence_cancel);
  g_clear_object (&self->evidence_cancel);
  g_clear_pointer (&self->outcomes, outcomes_unref);
  g_clear_pointer (&self->evidence_data, strata_period_data_unref);
}
