/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A customer's metric values in a period, as stored in
 * period_customers.values_json: a flat JSON object {"metric id": number}. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 metric_id;
  double value;
} StrataMetricValue;

/* Appends the object's values to out (StrataMetricValue). FALSE, with a
 * short translated reason in *problem, when json is not such an object. */
gboolean strata_period_values_parse  (const char  *json,
                                      GArray      *out,
                                      const char **problem);

/* Appends the object for values (in the order given) to out, each number
 * with the fewest digits that read back as the same double. */
void     strata_period_values_format (GString                 *out,
                                      const StrataMetricValue *values,
                                      guint                    n);

G_END_DECLS
