/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A worker of GLib's thread pool lowers its own priority the first time
 * it runs one of these tasks, and keeps it: the pool's threads run only
 * tasks, and every task of the window is work the user waits on less than
 * on the frame being drawn. On two cores, a period's load held both while
 * the main thread waited for one (144 ms of a 1M workspace's open); with
 * the workers niced, the scheduler runs the main thread first when it
 * wakes. Linux gives each thread its own nice value (setpriority with the
 * thread's id); elsewhere this is the process's and is left alone. */
#define _GNU_SOURCE   /* SCHED_IDLE */
#include "config.h"

#include "strata-task.h"

#include <errno.h>

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

static GQuark
func_quark (void)
{
  return g_quark_from_static_string ("strata-task-func");
}

static void
lower_priority (void)
{
#ifdef __linux__
  static GPrivate lowered = G_PRIVATE_INIT (NULL);

  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (1));
  /* Relative to the process (a user may have niced Strata itself); a
   * failure (not allowed) leaves the thread as it was. */
  errno = 0;
  {
    int nice = getpriority (PRIO_PROCESS, (id_t) getpid ());

    if (errno == 0)
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), MIN (nice + STRATA_TASK_NICE, 19));
  }
#endif
}

static void
run (GTask        *task,
     gpointer      source,
     gpointer      task_data,
     GCancellable *cancellable)
{
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_qdata (G_OBJECT (task), func_quark ());

  lower_priority ();
  func (task, source, task_data, cancellable);
}

/* g_task_run_in_thread (), on a worker at STRATA_TASK_NICE. */
void
strata_task_run_in_background (GTask           *task,
                               GTaskThreadFunc  func)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  g_object_set_qdata (G_OBJECT (task), func_quark (), (gpointer) func);
  g_task_run_in_thread (task, run);
}

static gpointer
idle_thread (gpointer data)
{
  GTask *task = data;
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_qdata (G_OBJECT (task), func_quark ());

  lower_priority ();
  func (task, g_task_get_source_object (task), g_task_get_task_data (task),
        g_task_get_cancellable (task));
  g_object_unref (task);
  return NULL;
}

void
strata_task_run_when_idle (GTask           *task,
                           GTaskThreadFunc  func)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  g_object_set_qdata (G_OBJECT (task), func_quark (), (gpointer) func);
  g_thread_unref (g_thread_new ("strata-idle", idle_thread, g_object_ref (task)));
}

void
strata_task_idle_from_now (void)
{
#if defined(__linux__) && defined(SCHED_IDLE)
  struct sched_param param = { 0 };

  /* A failure leaves the thread niced, as the pool's are. */
  pthread_setschedparam (pthread_self (), SCHED_IDLE, &param);
#endif
}

/* Halves -------------------------------------------------------------------- */

typedef struct
{
  GThreadFunc func;
  gpointer    data;
  int         nice;
  gboolean    has_nice;
} Half;

static gpointer
half_thread (gpointer data)
{
  Half *half = data;

#ifdef __linux__
  if (half->has_nice)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), half->nice);
#endif
  return half->func (half->data);
}

gboolean
strata_task_run_halves (const char  *name,
                        GThreadFunc  func,
                        gpointer     low,
                        gpointer     high)
{
  Half half = { func, high, 0, FALSE };
  GThread *thread = NULL;
  gboolean done;

  g_return_val_if_fail (func != NULL, FALSE);

#ifdef __linux__
  errno = 0;
  half.nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  half.has_nice = errno == 0;
#endif
  if (high != NULL)
    thread = g_thread_new (name, half_thread, &half);
  done = func (low) != NULL;
  if (thread != NULL)
    done = g_thread_join (thread) != NULL && done;
  return done;
}
