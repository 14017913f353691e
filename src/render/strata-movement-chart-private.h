/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-movement-chart.h. */
#pragma once

#include "strata-movement-chart.h"

G_BEGIN_DECLS

gboolean   strata_movement_chart_hit_test       (StrataMovementChart      *self,
                                                 double                    x,
                                                 double                    y,
                                                 guint                    *row,
                                                 guint                    *column);

G_END_DECLS
