/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The live impact panel on the right of the Scoring page: tier bars before
 * and after, "14 customers move up, 6 down", the transition counts, the
 * movers, and the receipt of the selected mover. A view of a
 * StrataWhatifView: it computes nothing itself. */
#pragma once

#include <gtk/gtk.h>

#include "strata-receipt-view.h"
#include "strata-whatif-view.h"

G_BEGIN_DECLS

#define STRATA_TYPE_IMPACT_PANEL (strata_impact_panel_get_type ())
G_DECLARE_FINAL_TYPE (StrataImpactPanel, strata_impact_panel, STRATA, IMPACT_PANEL, GtkBox)

/* Movers listed at most; the rest are counted ("and 1,200 more"). */
#define STRATA_IMPACT_PANEL_MAX_MOVERS 500

GtkWidget         *strata_impact_panel_new              (void);
/* colours: per tier; customers: the period whose rows the view's movers
 * are, for their ext ids and names (read during the call only, may be
 * NULL). view may be NULL (no period). */
void               strata_impact_panel_set_view         (StrataImpactPanel  *self,
                                                         StrataWhatifView   *view,
                                                         const char * const *colours,
                                                         const StrataPeriodData *customers);
/* When the draft has problems, the panel keeps the last valid result and
 * says so with message. */
void               strata_impact_panel_set_stale        (StrataImpactPanel  *self,
                                                         const char         *message);
/* While newer figures are counted (on a worker, at a million customers),
 * the panel shows the last ones dimmed. */
void               strata_impact_panel_set_updating     (StrataImpactPanel  *self,
                                                         gboolean            updating);
gboolean           strata_impact_panel_get_updating     (StrataImpactPanel  *self);
StrataReceiptView *strata_impact_panel_get_receipt_view (StrataImpactPanel  *self);
/* The customer row of the selected mover, or -1. */
int                strata_impact_panel_get_selected_row (StrataImpactPanel  *self);
const char        *strata_impact_panel_get_summary      (StrataImpactPanel  *self);
/* The transition texts shown ("D → C: 14"), in order; free with g_strfreev. */
char             **strata_impact_panel_get_transitions  (StrataImpactPanel  *self);

G_END_DECLS
