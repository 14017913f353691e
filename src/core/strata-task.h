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

G_END_DECLS
