/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-import-writer.h"

typedef struct
{
  StrataImportJob job;
  gpointer        data;
  GDestroyNotify  free;
} Item;

struct _StrataImportWriter
{
  GThread     *thread;
  GAsyncQueue *queue;   /* Item*; an Item with no job ends the thread */
  GError      *error;   /* set by the thread before failed */
  gint         failed;  /* atomic */
  /* Jobs queued or running, under lock: push waits while max_jobs are. */
  GMutex       lock;
  GCond        done;
  guint        jobs;
  guint        max_jobs;
  guint        peak_jobs;
};

static void
item_free (Item *item)
{
  if (item->free != NULL)
    item->free (item->data);
  g_free (item);
}

static gpointer
run (gpointer data)
{
  StrataImportWriter *self = data;
  Item *item;

  while ((item = g_async_queue_pop (self->queue))->job != NULL)
    {
      if (!g_atomic_int_get (&self->failed) && !item->job (item->data, &self->error))
        g_atomic_int_set (&self->failed, TRUE);
      item_free (item);
      g_mutex_lock (&self->lock);
      self->jobs--;
      g_cond_signal (&self->done);
      g_mutex_unlock (&self->lock);
    }
  item_free (item);
  return NULL;
}

StrataImportWriter *
strata_import_writer_start (guint max_jobs)
{
  StrataImportWriter *self = g_new0 (StrataImportWriter, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
  self->max_jobs = max_jobs != 0 ? max_jobs : G_MAXUINT;
  self->queue = g_async_queue_new ();
  self->thread = g_thread_new ("strata-import-writer", run, self);
  return self;
}

void
strata_import_writer_push (StrataImportWriter *self,
                           StrataImportJob     job,
                           gpointer            data,
                           GDestroyNotify      free)
{
  Item *item = g_new (Item, 1);

  g_return_if_fail (job != NULL);
  item->job = job;
  item->data = data;
  item->free = free;
  g_mutex_lock (&self->lock);
  while (self->jobs >= self->max_jobs)
    g_cond_wait (&self->done, &self->lock);
  self->jobs++;
  self->peak_jobs = MAX (self->peak_jobs, self->jobs);
  g_mutex_unlock (&self->lock);
  g_async_queue_push (self->queue, item);
}

guint
strata_import_writer_get_peak_jobs (StrataImportWriter *self)
{
  guint peak;

  g_mutex_lock (&self->lock);
  peak = self->peak_jobs;
  g_mutex_unlock (&self->lock);
  return peak;
}

gboolean
strata_import_writer_failed (StrataImportWriter *self)
{
  return g_atomic_int_get (&self->failed);
}

gboolean
strata_import_writer_finish (StrataImportWriter  *self,
                             GError             **error)
{
  gboolean ok;

  g_async_queue_push (self->queue, g_new0 (Item, 1));
  g_thread_join (self->thread);
  g_async_queue_unref (self->queue);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);
  ok = !self->failed;
  if (!ok)
    {
      /* A failing job must say why. */
      g_assert (self->error != NULL);
      g_propagate_error (error, self->error);
    }
  g_free (self);
  return ok;
}
