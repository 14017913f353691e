/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The crash trials' hook (strata-edit-script.c): inert unless the
 * environment variable STRATA_TEST_EDIT_SCRIPT is set. */
#pragma once

#include "strata-window.h"

G_BEGIN_DECLS

/* Starts the edits STRATA_TEST_EDIT_SCRIPT asks for once window has a
 * workspace open; FALSE (nothing done) without the variable. */
gboolean strata_edit_script_start (StrataWindow *window);

G_END_DECLS
