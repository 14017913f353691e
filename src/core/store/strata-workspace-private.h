/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask a StrataWorkspace. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

/* TRUE when this object created the file. */
gboolean strata_workspace_get_is_new (StrataWorkspace *self);

/* TRUE when this open found what a crash leaves (a -wal or hot journal
 * with no other Strata connection open) and so checked the whole file. */
gboolean         strata_workspace_get_was_unclean (StrataWorkspace  *self);

/* TRUE: the whole-file check of every open after an unclean shutdown waits
 * before it starts until this is set FALSE again (or the open is
 * cancelled), so that a test sees the window while a large file is checked. */
void             strata_workspace_hold_checks     (gboolean          hold);

G_END_DECLS
