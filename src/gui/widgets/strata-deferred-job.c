/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The deferred job of the Quadrant page's view and of the Review page's
 * charts (StrataQuadrantView, StrataReviewChart). */
#include "config.h"

#include "strata-deferred-job.h"
#include "strata-task.h"
#include "strata-quadrant-chart-private.h"

typedef struct
{
  StrataDeferredJob       *job;
  StrataDeferredChartFunc  chart_func;
  StrataQuadrantJob       *quadrant_job;
} Task;

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Task *t = task_data;

  strata_quadrant_job_run (t->quadrant_job);
  g_task_return_boolean (task, TRUE);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GtkWidget *widget = GTK_WIDGET (source);
  Task *t = g_task_get_task_data (G_TASK (result));

  t->job->running = FALSE;
  /* Installed unless its chart changed meanwhile (or was replaced); the
   * next frame shows what is there and asks for whatever is still missing. */
  strata_quadrant_job_finish (g_steal_pointer (&t->quadrant_job));
  gtk_widget_queue_draw (widget);
  if (t->job->again && t->chart_func (widget) != NULL)
    {
      t->job->again = FALSE;
      strata_deferred_job_start (t->job, widget, t->chart_func);
    }
}

void
strata_deferred_job_start (StrataDeferredJob       *job,
                           GtkWidget               *widget,
                           StrataDeferredChartFunc  chart_func)
{
  g_autoptr(GTask) task = NULL;
  StrataQuadrantChart *chart;
  Task *t;

  g_return_if_fail (job != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (job->running)
    {
      job->again = TRUE;
      return;
    }
  chart = chart_func (widget);
  g_return_if_fail (chart != NULL);
  job->running = TRUE;
  t = g_new0 (Task, 1);
  t->job = job;
  t->chart_func = chart_func;
  /* Finished (and freed) in job_done, on the main thread. */
  t->quadrant_job = strata_quadrant_chart_job_new (chart);
  task = g_task_new (widget, NULL, job_done, NULL);
  g_task_set_task_data (task, t, g_free);
  strata_task_run_in_background (task, job_thread);
}
