/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A renewal curve on screen (src/render/strata-renewal-curve.h), in the
 * window's theme. */
#pragma once

#include <adwaita.h>

#include "strata-renewal-curve.h"

G_BEGIN_DECLS

#define STRATA_TYPE_RENEWAL_VIEW (strata_renewal_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataRenewalView, strata_renewal_view, STRATA, RENEWAL_VIEW, GtkWidget)

GtkWidget *strata_renewal_view_new       (void);
/* steps (StrataIsotonicStep, referenced) may be NULL: note alone. */
void       strata_renewal_view_set_curve (StrataRenewalView *self,
                                          const char        *title,
                                          GArray            *steps,
                                          double             target,
                                          double             threshold,
                                          const char        *note);
void       strata_renewal_view_set_log   (StrataRenewalView *self,
                                          gboolean           log_x);
/* Whether the curve spans more than two decades (a log axis is offered). */
gboolean   strata_renewal_view_wants_log (StrataRenewalView *self);
/* The threshold marker's x in the last drawing, NaN when none. */
double     strata_renewal_view_get_marker_x (StrataRenewalView *self);

G_END_DECLS
