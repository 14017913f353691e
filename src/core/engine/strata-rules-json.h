/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules file: "format": "strata-rules/1" (README, "Rules file format").
 * Writing is deterministic (fixed member order, two-space indent, shortest
 * exact numbers), so write -> parse -> write is byte-identical. */
#pragma once

#include "strata-rules.h"

G_BEGIN_DECLS

#define STRATA_RULES_FORMAT "strata-rules/1"

char        *strata_rules_to_json     (const StrataRules  *rules);
/* source names the file in messages ("rules.json: $.tiers[2].colour: ...").
 * Only the format is checked here; strata_rules_validate() checks meaning. */
StrataRules *strata_rules_from_json   (const char         *json,
                                       gssize              length,
                                       const char         *source,
                                       GError            **error);
StrataRules *strata_rules_load_file   (const char         *path,
                                       GError            **error);
/* Writes atomically (a temporary file renamed over path). */
gboolean     strata_rules_save_file   (const StrataRules  *rules,
                                       const char         *path,
                                       GError            **error);

G_END_DECLS
