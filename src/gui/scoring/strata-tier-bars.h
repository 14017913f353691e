/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Before/after bars of the tier distribution for the impact panel: one row
 * per tier, a grey bar for the published rules and a bar in the tier's
 * colour for the draft, each with its count. Reads a StrataWhatifView. */
#pragma once

#include <gtk/gtk.h>

#include "strata-whatif-view.h"

G_BEGIN_DECLS

#define STRATA_TYPE_TIER_BARS (strata_tier_bars_get_type ())
G_DECLARE_FINAL_TYPE (StrataTierBars, strata_tier_bars, STRATA, TIER_BARS, GtkWidget)

GtkWidget *strata_tier_bars_new      (void);
/* colours: n_tiers "#rrggbb" strings, best tier first. */
void       strata_tier_bars_set_view (StrataTierBars     *self,
                                      StrataWhatifView   *view,
                                      const char * const *colours);
/* The count drawn right of a tier's bars ("4,372 → 4,384") and where the
 * count column starts, in widget coordinates. */
char      *strata_tier_bars_get_count_text (StrataTierBars *self,
                                            guint           tier);
double     strata_tier_bars_get_count_x    (StrataTierBars *self);

G_END_DECLS
