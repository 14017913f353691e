/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small json-glib helpers the exports share. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Member name with value, or null when value is NaN (no rate, no data). */
void strata_json_add_number_member (JsonBuilder *builder,
                                    const char  *name,
                                    double       value);

G_END_DECLS
