/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataSlide: one slide of the presentation, a vertical box with the
 * slide's margins and its title (none when the title is NULL). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STRATA_TYPE_SLIDE (strata_slide_get_type ())
G_DECLARE_FINAL_TYPE (StrataSlide, strata_slide, STRATA, SLIDE, GtkBox)

GtkWidget  *strata_slide_new       (const char  *title);
const char *strata_slide_get_title (StrataSlide *self);
void        strata_slide_set_title (StrataSlide *self,
                                    const char  *title);

G_END_DECLS
