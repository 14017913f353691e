/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Parses "#rrggbb" into cairo's 0..1 components; FALSE (and grey) if bad. */
gboolean strata_render_parse_colour (const char *spec,
                                     double     *r,
                                     double     *g,
                                     double     *b);

G_END_DECLS
