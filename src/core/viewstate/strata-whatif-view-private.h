/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counts behind strata_whatif_view_format_summary (), for tests. */
#pragma once

#include "strata-whatif-view.h"

G_BEGIN_DECLS

guint strata_whatif_view_get_moved_up   (StrataWhatifView *self);
guint strata_whatif_view_get_moved_down (StrataWhatifView *self);

G_END_DECLS
