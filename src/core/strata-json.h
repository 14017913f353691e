/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small json-glib helpers the exports share. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Member name with value, or null when value is NaN (no rate, no data). */
void strata_json_add_number_member (JsonBuilder *builder,
                                    const char  *name,
                                    double       value);

/* Member name with a string or a whole number. */
void  strata_json_add_string_member (JsonBuilder *builder,
                                     const char  *name,
                                     const char  *value);
void  strata_json_add_int_member    (JsonBuilder *builder,
                                     const char  *name,
                                     gint64       value);
/* The builder's document as indented JSON text. */
char *strata_json_to_pretty_data    (JsonBuilder *builder);

G_END_DECLS
