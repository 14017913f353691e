/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A task run in the background runs on a worker STRATA_TASK_NICE below the
 * process, once: a worker that runs a second task does not sink further;
 * the thread that ran it (here the test's main thread) keeps its own. A
 * task run when idle runs on a thread of its own at SCHED_IDLE, and the
 * pool's workers are not touched by it. */
#define _GNU_SOURCE   /* SCHED_IDLE */
#include "config.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "strata-task.h"

static int
thread_nice (void)
{
  return getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
}

static void
record_nice (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  int *seen = task_data;   /* 4 */

  seen[0] = thread_nice ();
  seen[1] = (int) syscall (SYS_gettid);
  seen[2] = sched_getscheduler (0);
  if (seen[3] == 1)
    {
      strata_task_idle_from_now ();
      seen[3] = sched_getscheduler (0);
    }
  g_task_return_boolean (task, TRUE);
}

static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  gboolean *finished = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  *finished = TRUE;
}

/* Runs one task and returns the nice value, thread id and scheduling
 * policy it ran with (and, asked with seen[3] = 1, the policy after
 * strata_task_idle_from_now ()). */
static void
run_one (int      seen[4],
         gboolean when_idle)
{
  g_autoptr(GTask) task = NULL;
  gboolean finished = FALSE;

  task = g_task_new (NULL, NULL, done, &finished);
  g_task_set_task_data (task, seen, NULL);
  if (when_idle)
    strata_task_run_when_idle (task, record_nice);
  else
    strata_task_run_in_background (task, record_nice);
  g_clear_object (&task);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_lower_priority (void)
{
  int main_nice = thread_nice ();
  int expected = MIN (main_nice + STRATA_TASK_NICE, 19);
  GHashTable *threads = g_hash_table_new (NULL, NULL);
  guint repeated = 0;

  /* Enough tasks one after the other that the pool reuses its threads. */
  for (guint i = 0; i < 40; i++)
    {
      int seen[4] = { -100, 0, -1, 0 };

      run_one (seen, FALSE);
      g_assert_cmpint (seen[0], ==, expected);
      g_assert_cmpint (seen[1], !=, (int) syscall (SYS_gettid));
      g_assert_cmpint (seen[2], ==, SCHED_OTHER);
      if (!g_hash_table_add (threads, GINT_TO_POINTER (seen[1])))
        repeated++;
    }
  g_assert_cmpuint (repeated, >, 0);
  g_assert_cmpint (thread_nice (), ==, main_nice);
  g_hash_table_unref (threads);
}

static void
test_when_idle (void)
{
  int seen[4] = { -100, 0, -1, 1 };
  int expected = MIN (thread_nice () + STRATA_TASK_NICE, 19);

  run_one (seen, TRUE);
  g_assert_cmpint (seen[1], !=, (int) syscall (SYS_gettid));
  /* Niced as the workers until it says it holds no lock, then idle. */
  g_assert_cmpint (seen[0], ==, expected);
  g_assert_cmpint (seen[2], ==, SCHED_OTHER);
#ifdef __linux__
  g_assert_cmpint (seen[3], ==, SCHED_IDLE);
#endif
  /* The pool's workers run as before. */
  for (guint i = 0; i < 8; i++)
    {
      seen[3] = 0;
      run_one (seen, FALSE);
      g_assert_cmpint (seen[2], ==, SCHED_OTHER);
    }
  g_assert_cmpint (sched_getscheduler (0), ==, SCHED_OTHER);
}

typedef struct
{
  int   nice;
  int   tid;
  gboolean fail;
} HalfSeen;

static gpointer
record_half (gpointer data)
{
  HalfSeen *seen = data;

  seen->nice = thread_nice ();
  seen->tid = (int) syscall (SYS_gettid);
  return seen->fail ? NULL : seen;
}

typedef struct
{
  HalfSeen seen[2];
  gboolean done[3];
} Halves;

static gpointer
halves_on_worker (gpointer data)
{
  Halves *r = data;
  HalfSeen *seen = r->seen;
  gboolean *done = r->done;

  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), thread_nice () + STRATA_TASK_NICE);
  done[0] = strata_task_run_halves ("test-half", record_half, &seen[0], &seen[1]);
  seen[1].fail = TRUE;
  done[1] = strata_task_run_halves ("test-half", record_half, &seen[0], &seen[1]);
  seen[1].fail = FALSE;
  seen[0].fail = TRUE;
  done[2] = strata_task_run_halves ("test-half", record_half, &seen[0], NULL);
  return NULL;
}

/* The upper half runs on a thread of its own at the caller's priority
 * (a niced worker's half does not compete with the main thread); the
 * answer is whether both halves returned non-NULL. */
static void
test_halves (void)
{
  Halves r = { 0 };
  int base = thread_nice ();

  g_thread_join (g_thread_new ("test-worker", halves_on_worker, &r));
  g_assert_true (r.done[0]);
  g_assert_false (r.done[1]);
  g_assert_false (r.done[2]);
  g_assert_cmpint (r.seen[0].nice, ==, MIN (base + STRATA_TASK_NICE, 19));
  g_assert_cmpint (r.seen[1].nice, ==, r.seen[0].nice);
  g_assert_cmpint (r.seen[1].tid, !=, r.seen[0].tid);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/task/lower-priority", test_lower_priority);
  g_test_add_func ("/task/when-idle", test_when_idle);
  g_test_add_func ("/task/halves", test_halves);
  return g_test_run ();
}
