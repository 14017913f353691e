/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Quadrant page: the current period's customers placed by the
 * quadrant metrics of the published rules, with hover, click and rubber-band
 * selection (the selected customer follows on the other pages), a log-scale
 * switch, a table one click away and export. */
#pragma once

#include "strata-page.h"

#include "strata-quadrant-view.h"

G_BEGIN_DECLS

#define STRATA_TYPE_QUADRANT_PAGE (strata_quadrant_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataQuadrantPage, strata_quadrant_page, STRATA, QUADRANT_PAGE, StrataPage)

StrataQuadrantView *strata_quadrant_page_get_view  (StrataQuadrantPage *self);
const char         *strata_quadrant_page_get_state (StrataQuadrantPage *self);

/* Writes the chart to path (.png, .svg, .pdf) at size ("shown" or "WxH"). */
gboolean            strata_quadrant_page_export    (StrataQuadrantPage *self,
                                                    const char         *size,
                                                    const char         *path,
                                                    GError            **error);

/* The customers of the last rubber-band selection ("ID  name" strings), and
 * what clicking row position of that list does: select it everywhere. */
GListModel         *strata_quadrant_page_get_selection_list     (StrataQuadrantPage *self);
void                strata_quadrant_page_activate_selection_row (StrataQuadrantPage *self,
                                                                 guint               position);

G_END_DECLS
