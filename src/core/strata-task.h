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
/* As g_task_run_in_thread (), on a thread of its own that runs only when
 * no other thread of the machine wants a core (Linux's SCHED_IDLE;
 * elsewhere as strata_task_run_in_background): for work nobody waits on,
 * such as the window's whole-file check (8 s at a million customers),
 * which took half of two cores from the work the user waits for. */
void strata_task_run_when_idle     (GTask           *task,
                                    GTaskThreadFunc  func);

G_END_DECLS
