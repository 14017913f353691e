/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPeriodDialog: asks for a new period (a name, and the first and
 * last day of a custom one) or for the new name of an existing period. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STRATA_TYPE_PERIOD_DIALOG (strata_period_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StrataPeriodDialog, strata_period_dialog, STRATA, PERIOD_DIALOG, AdwMessageDialog)

/* period: the name of the period to rename, NULL for a new period. The
 * dialog answers "add" or "rename", or "cancel". */
GtkWidget  *strata_period_dialog_new        (GtkWindow          *parent,
                                             const char         *period);
const char *strata_period_dialog_get_period (StrataPeriodDialog *self);
/* What was typed: NULL when a field is empty (or not shown). */
const char *strata_period_dialog_get_name   (StrataPeriodDialog *self);
const char *strata_period_dialog_get_start  (StrataPeriodDialog *self);
const char *strata_period_dialog_get_end    (StrataPeriodDialog *self);

G_END_DECLS
