/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_TYPE_PERIOD (strata_period_get_type ())
G_DECLARE_FINAL_TYPE (StrataPeriod, strata_period, STRATA, PERIOD, GObject)

/* A reporting period (2026-Q3, 2026-07, 2026, or a custom name with dates).
 * A snapshot of a row: StrataPeriodList replaces changed items. */
StrataPeriod      *strata_period_new                (gint64              id,
                                                     const char         *name,
                                                     const char         *start_date,
                                                     const char         *end_date,
                                                     int                 position,
                                                     StrataPeriodState   state,
                                                     gint64              ruleset_id,
                                                     int                 ruleset_version);

gint64             strata_period_get_id             (StrataPeriod       *self);
const char        *strata_period_get_name           (StrataPeriod       *self);
/* ISO dates, "YYYY-MM-DD"; the end date is inclusive. */
const char        *strata_period_get_start_date     (StrataPeriod       *self);
const char        *strata_period_get_end_date       (StrataPeriod       *self);
/* The chronological rank among the workspace's periods (0 = oldest). The
 * only mutable field: StrataPeriodList updates it when periods are added
 * or removed before this one (notify::position). */
int                strata_period_get_position       (StrataPeriod       *self);
void               strata_period_set_position       (StrataPeriod       *self,
                                                     int                 position);
StrataPeriodState  strata_period_get_state          (StrataPeriod       *self);
/* The published rule set frozen when the period was closed: its row id
 * and version number, or 0 while the period is open. */
gint64             strata_period_get_ruleset_id     (StrataPeriod       *self);
int                strata_period_get_ruleset_version (StrataPeriod      *self);

/* Derives the dates of a standard period name: "2026-Q3" (a quarter),
 * "2026-07" (a month) or "2026" (a year). FALSE for any other name. */
gboolean           strata_period_parse_name         (const char         *name,
                                                     GDate              *start,
                                                     GDate              *end);

/* Adds a period. start_date and end_date ("YYYY-MM-DD") may be NULL when
 * the name is a standard one; a custom name needs both. One transaction,
 * audited; emits changed::periods. */
StrataPeriod      *strata_period_create             (StrataWorkspace    *workspace,
                                                     const char         *name,
                                                     const char         *start_date,
                                                     const char         *end_date,
                                                     GError            **error);
gboolean           strata_period_rename             (StrataWorkspace    *workspace,
                                                     gint64              period_id,
                                                     const char         *name,
                                                     GError            **error);

StrataPeriod      *strata_period_load               (StrataWorkspace    *workspace,
                                                     gint64              period_id,
                                                     GError            **error);

/* The SELECT list StrataPeriodList and the loaders share; use with
 * strata_period_new_from_row(). */
#define STRATA_PERIOD_COLUMNS \
  "p.id, p.name, p.start_date, p.end_date, p.position, p.state, p.ruleset_id, r.version"
#define STRATA_PERIOD_FROM \
  " FROM periods p LEFT JOIN rulesets r ON r.id = p.ruleset_id"
#define STRATA_PERIOD_ORDER \
  " ORDER BY p.start_date, p.end_date, p.id"
StrataPeriod      *strata_period_new_from_row       (sqlite3_stmt       *stmt);

G_END_DECLS
