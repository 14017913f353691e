/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-chart-style.h. */
#pragma once

#include "strata-chart-style.h"

G_BEGIN_DECLS

void              strata_chart_style_set_currency (StrataChartStyle       *style,
                                                   const char             *symbol);

G_END_DECLS
