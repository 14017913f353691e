/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests and the scoring ask of strata-engine.h. */
#pragma once

#include "strata-engine.h"

G_BEGIN_DECLS

/* Customers per final tier: n_tiers counts (caller frees; the fit
 * banner's counts). */
guint        *strata_result_count_tiers (const StrataResult *result);
/* The kept columns of the last large result let go: dropped now, and how
 * long they are kept unused (for the tests; strata-engine.c). */
void          strata_result_drop_spare        (void);
gboolean      strata_result_has_spare         (void);
void          strata_result_set_spare_seconds (guint seconds);
/* While the page where drafts are edited is shown: a spare of n rows is
 * made ready on a niced worker (its pages written once) and kept
 * past its time, so that even the first edit after a pause takes no
 * fresh pages (29 MB at a million customers, 8-10 ms of page faults).
 * 0: none held; the spare goes after its time. */
void          strata_result_hold_spare        (guint n);

G_END_DECLS
