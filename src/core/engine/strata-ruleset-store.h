/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rulesets table: one draft, and published versions 1, 2, ... with a
 * note, an author and a date. Every write is one transaction with an
 * audit-log row, followed by ::changed ("rules"). */
#pragma once

#include "strata-engine.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;            /* rulesets.id */
  guint   version;
  char   *note;
  char   *author;
  char   *published_at;  /* ISO 8601 UTC */
} StrataRulesetVersion;

void          strata_ruleset_version_free        (StrataRulesetVersion *version);

/* The draft; when the workspace has none, a copy of the latest published
 * version, or the default rules when nothing was ever published. */
StrataRules  *strata_ruleset_store_get_draft      (StrataWorkspace  *workspace,
                                                   GError          **error);
/* Saves rules as the draft (they need not be valid: a draft is work in
 * progress; strata_rules_validate() tells the user what to fix). Emits
 * ::changed "draft", not "rules": what shows the published rules stays. */
gboolean      strata_ruleset_store_save_draft     (StrataWorkspace    *workspace,
                                                   const StrataRules  *rules,
                                                   GError            **error);
/* Saves rules as the draft and publishes them as version N+1 with note;
 * refuses invalid rules (STRATA_RULES_ERROR_INVALID). */
gboolean      strata_ruleset_store_publish        (StrataWorkspace    *workspace,
                                                   const StrataRules  *rules,
                                                   const char         *note,
                                                   guint              *version,
                                                   GError            **error);
/* Published versions, newest first (StrataRulesetVersion*). */
GPtrArray    *strata_ruleset_store_list_versions  (StrataWorkspace  *workspace,
                                                   GError          **error);
/* A published version's rules; version 0 means the latest. Fails with
 * STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM when there is none. */
StrataRules  *strata_ruleset_store_load_version   (StrataWorkspace  *workspace,
                                                   guint             version,
                                                   GError          **error);
/* The latest published version number, 0 when none. */
guint         strata_ruleset_store_get_latest_version (StrataWorkspace *workspace);

/* Freezes a scored period: replaces its period_results with result (tier
 * ids of rules, the version's rules) and records the version in
 * periods.ruleset_id. One transaction; the caller (closing a period) may
 * wrap it in its own. */
gboolean      strata_ruleset_store_freeze_results (StrataWorkspace        *workspace,
                                                   const StrataPeriodData *data,
                                                   guint                   version,
                                                   const StrataRules      *rules,
                                                   const StrataResult     *result,
                                                   GError                **error);

/* Seeds a new workspace: the default rules as published version 1 and as
 * the draft. Called by strata_seed_workspace() inside its transaction. */
gboolean      strata_ruleset_store_seed           (StrataWorkspace  *workspace,
                                                   GError          **error);

G_END_DECLS
