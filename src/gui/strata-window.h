/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "strata-context.h"

G_BEGIN_DECLS

#define STRATA_TYPE_WINDOW (strata_window_get_type ())
G_DECLARE_FINAL_TYPE (StrataWindow, strata_window, STRATA, WINDOW, AdwApplicationWindow)

StrataWindow  *strata_window_new            (AdwApplication *application);

/* Shows the page called name (customers, scoring, quadrant, tiers,
 * entitlements, review); FALSE for an unknown name. */
gboolean       strata_window_show_page      (StrataWindow   *self,
                                             const char     *name);
/* The name of the page on screen, NULL while the welcome page shows. */
const char    *strata_window_get_page_name  (StrataWindow   *self);
/* The widget of the page called name (an empty state until the page's own
 * widget exists), NULL for an unknown name. */
GtkWidget     *strata_window_get_page       (StrataWindow   *self,
                                             const char     *name);

/* The context of the open workspace, NULL when none is open. */
StrataContext *strata_window_get_context    (StrataWindow   *self);
/* TRUE while a file left by an unclean shutdown is checked before it opens:
 * the workspace the window still holds is not the one it names. */
gboolean       strata_window_get_checking   (StrataWindow   *self);

/* Opens path in this window. On failure, sets error and keeps what was
 * open. strata_window_open() shows the error in a dialog instead. A file
 * left by an unclean shutdown is checked on a worker first while the
 * window shows the check: TRUE then means the open started, and if the
 * check fails the error is shown in a dialog (what was open stays). */
gboolean       strata_window_open_path      (StrataWindow   *self,
                                             const char     *path,
                                             GError        **error);
gboolean       strata_window_open           (StrataWindow   *self,
                                             GFile          *file);
/* Opens the demo workspace, writing it first (in a thread, then opening
 * it) when it does not exist or has no customers. */
void           strata_window_open_demo      (StrataWindow   *self);
/* Where the demo workspace lives: $XDG_DATA_HOME/strata/demo.strata. */
char          *strata_window_get_demo_path  (void);

/* File choosers (portal aware) for New Workspace… and Open…. */
void           strata_window_choose_new     (StrataWindow   *self);
void           strata_window_choose_open    (StrataWindow   *self);

/* Feedback for the pages: "Rule set published", "Customer removed". */
void           strata_window_add_toast      (StrataWindow   *self,
                                             AdwToast       *toast);
/* The same from a page's widget; dropped when it is not in a window (tests). */
void           strata_window_toast_from     (GtkWidget      *widget,
                                             AdwToast       *toast);

G_END_DECLS
