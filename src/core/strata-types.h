/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Forward declarations and enums shared across libstrata-core. Enums here are
 * registered as GTypes by gnome.mkenums_simple (strata-enums.h). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _StrataWorkspace StrataWorkspace;

/* No period is 0: period ids are SQLite row ids, which start at 1, so
 * every API that takes or returns a period id (StrataContext's
 * "period-id", strata_scoring_get_period_id (), ...) uses 0 for none,
 * never -1. */

/* Application id stored in PRAGMA application_id: 'STRA'. */
#define STRATA_WORKSPACE_APPLICATION_ID 0x53545241

typedef enum
{
  STRATA_PERIOD_OPEN,
  STRATA_PERIOD_CLOSED,
} StrataPeriodState;

typedef enum
{
  STRATA_METRIC_NUMBER,
  STRATA_METRIC_MONEY,
  STRATA_METRIC_COUNT,
  STRATA_METRIC_BOOLEAN,
  STRATA_METRIC_DATE,
} StrataMetricKind;

typedef enum
{
  STRATA_QUADRANT_NONE,
  STRATA_QUADRANT_A,
  STRATA_QUADRANT_B,
  STRATA_QUADRANT_C,
  STRATA_QUADRANT_D,
} StrataQuadrant;

/* area: engine. How an adjustment tests its metric's value v against the
 * rule's a (and b): v >= a, v <= a, v > a, v < a, v == a, a <= v <= b, v != 0. */
typedef enum
{
  STRATA_CONDITION_GE,
  STRATA_CONDITION_LE,
  STRATA_CONDITION_GT,
  STRATA_CONDITION_LT,
  STRATA_CONDITION_EQ,
  STRATA_CONDITION_BETWEEN,
  STRATA_CONDITION_IS_TRUE,
} StrataCondition;

/* area: engine. Where a validation problem sits in a rule set. */
typedef enum
{
  STRATA_RULES_SECTION_RULES,
  STRATA_RULES_SECTION_INDICATOR,
  STRATA_RULES_SECTION_BAND,
  STRATA_RULES_SECTION_ADJUSTMENT,
  STRATA_RULES_SECTION_TIER,
  STRATA_RULES_SECTION_QUADRANT,
} StrataRulesSection;

G_END_DECLS
