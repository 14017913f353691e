/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "strata-json.h"

void
strata_json_add_number_member (JsonBuilder *builder,
                               const char  *name,
                               double       value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

void
strata_json_add_string_member (JsonBuilder *builder,
                               const char  *name,
                               const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
strata_json_add_int_member (JsonBuilder *builder,
                            const char  *name,
                            gint64       value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

char *
strata_json_to_pretty_data (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (JSON_IS_BUILDER (builder), NULL);

  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
