/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STRATA_TYPE_WINDOW (strata_window_get_type ())
G_DECLARE_FINAL_TYPE (StrataWindow, strata_window, STRATA, WINDOW, AdwApplicationWindow)

StrataWindow *strata_window_new       (AdwApplication *application);
/* Shows the page called name (customers, scoring, quadrant, tiers,
 * entitlements, review); FALSE for an unknown name. */
gboolean      strata_window_show_page (StrataWindow   *self,
                                       const char     *name);

G_END_DECLS
