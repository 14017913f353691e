/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data…: choose the base indicator, the method and the tier
 * shares, see the pyramid they give, and apply the fitted rules to the
 * draft (src/core/fit/strata-calibrate.h). "apply" is emitted with the
 * dialog's rules; the Scoring page makes them the draft as one undo step. */
#pragma once

#include <adwaita.h>

#include "strata-calibrate.h"

G_BEGIN_DECLS

#define STRATA_TYPE_FIT_DIALOG (strata_fit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StrataFitDialog, strata_fit_dialog, STRATA, FIT_DIALOG, AdwWindow)

/* draft and data are copied or referenced; parent may be NULL. The
 * dialog opens at once with a spinner while a worker reads, from the
 * workspace file at path, the columns of data the window left out (every
 * metric is offered) and the renewals (strata_calibrate_load_outcomes),
 * with which the quadrant can be fitted too; then it fits. */
StrataFitDialog   *strata_fit_dialog_new       (GtkWindow              *parent,
                                                const StrataRules      *draft,
                                                StrataPeriodData       *data,
                                                const char             *path);
/* TRUE until the worker is done (the spinner turns, nothing is fitted). */
gboolean           strata_fit_dialog_get_loading (StrataFitDialog      *self);
/* The fitted rules of the current choices, or NULL when nothing fits or
 * their fit is still running. */
const StrataRules *strata_fit_dialog_get_rules (StrataFitDialog        *self);

/* From this many customers (STRATA_WORKER_ROWS) the fit runs on a worker
 * at each change (the last change wins; Apply is greyed meanwhile); below,
 * at once. */
void               strata_fit_dialog_set_async_rows (StrataFitDialog   *self,
                                                     guint              rows);
/* TRUE while loading or while the fit of the options shown runs. */
gboolean           strata_fit_dialog_get_fitting (StrataFitDialog      *self);

/* Shows only the quadrant part, renewals on (the Quadrant page's Fit to
 * Data…): apply is offered when the quadrant thresholds were fitted. */
void               strata_fit_dialog_set_quadrant_only (StrataFitDialog *self);

G_END_DECLS
