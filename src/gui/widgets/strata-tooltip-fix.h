/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GTK 4.8 sizes a tooltip's label by its character count, which gives
 * Chinese text half the width it needs: "主菜单" wraps one character per line.
 * This corrects every tooltip of the application at one place. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widest a tooltip's line may be, in average character widths. */
#define STRATA_TOOLTIP_MAX_WIDTH_CHARS 50

/* Installs the correction for every tooltip in the process (once; later
 * calls do nothing). */
void strata_tooltip_fix_install (void);

G_END_DECLS
