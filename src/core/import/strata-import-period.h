/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What tests and benchmarks see of strata-import-period.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most bytes of a period's rows (their values_json and ids) any
 * import's merge has held at once in this process: a window of them,
 * whatever the period's size. reset: start again. */
gsize strata_import_period_peak_bytes (gboolean reset);

G_END_DECLS
