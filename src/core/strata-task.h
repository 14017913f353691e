/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Work the window hands to a worker thread runs at a lower priority than
 * the thread that draws. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The nice value a worker thread runs at, above the process's. */
#define STRATA_TASK_NICE 5

void strata_task_run_in_background (GTask           *task,
                                    GTaskThreadFunc  func);
/* As strata_task_run_in_background (), on a thread of its own, for work
 * nobody waits on, such as the window's whole-file check (8 s at a
 * million customers), which took half of two cores from the work the
 * user waits for: its func calls strata_task_idle_from_now () once it
 * holds no lock another thread could wait on. */
void strata_task_run_when_idle     (GTask           *task,
                                    GTaskThreadFunc  func);
/* From now on the calling thread, one of strata_task_run_when_idle ()'s,
 * runs only when no other thread of the machine wants a core (Linux's
 * SCHED_IDLE; elsewhere nothing changes). It cannot come back: an idle
 * thread holding a lock (SQLite's, while a connection checkpoints as it
 * closes) would keep every other thread waiting on it. */
void strata_task_idle_from_now     (void);
/* A pass over many rows in two halves: func (high) on a thread of its own
 * (named name, at the calling thread's priority: a niced worker's upper
 * half does not take a core from the main thread) while func (low) runs
 * here; high NULL: only low. TRUE when each func run returned non-NULL. */
gboolean strata_task_run_halves    (const char      *name,
                                    GThreadFunc      func,
                                    gpointer         low,
                                    gpointer         high);

G_END_DECLS
