/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Forward declarations and enums shared across libstrata-core. Enums here are
 * registered as GTypes by gnome.mkenums_simple (strata-enums.h). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _StrataWorkspace StrataWorkspace;

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

G_END_DECLS
