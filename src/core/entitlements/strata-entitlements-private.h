/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files of StrataEntitlements: the instance struct and the
 * command builder the edits use. */
#pragma once

#include "strata-entitlements.h"

G_BEGIN_DECLS

struct _StrataEntitlements
{
  GObject          parent_instance;

  StrataWorkspace *workspace;
  GPtrArray       *tiers;     /* StrataEntitlementTier, best first */
  GPtrArray       *stages;    /* StrataEntitlementStage, in order */
  GPtrArray       *all;       /* StrataEntitlement, stage order then position */
  GHashTable      *values;    /* "id\x1ftier" -> stored value */
  GPtrArray       *problems;  /* StrataEntitlementProblem, from the last load */
  StrataUndoStack *history;   /* steps are commands */
  gboolean         writing;   /* our own ::changed on the workspace */
};

/* A command: rows with their state before and after. The label is taken. */
gpointer strata_entitlements_command_new         (const char                   *action,
                                                   const char                   *subject,
                                                   char                         *label);
void     strata_entitlements_command_stage       (gpointer                      command,
                                                   const StrataEntitlementStage *before,
                                                   const StrataEntitlementStage *after);
void     strata_entitlements_command_entitlement (gpointer                      command,
                                                   const StrataEntitlement      *before,
                                                   const StrataEntitlement      *after);
/* Nothing is recorded when before equals after. NULL = no row. */
void     strata_entitlements_command_value       (gpointer                      command,
                                                   gint64                        entitlement_id,
                                                   const char                   *tier,
                                                   const char                   *before,
                                                   const char                   *after);
/* Consecutive commands with the same key, less than 1.5 s apart and of one
 * row each, become one undo step. */
void     strata_entitlements_command_set_merge_key (gpointer                  command,
                                                     const char               *key);
void     strata_entitlements_command_free        (gpointer                      command);
/* Writes the command (one transaction, audit entry, ::changed) and pushes it
 * on the undo stack; takes the command in every case. An empty command
 * succeeds without writing. */
gboolean strata_entitlements_run                 (StrataEntitlements           *self,
                                                   gpointer                      command,
                                                   GError                      **error);

/* Recomputes self->problems (strata-entitlements-report.c). */
void     strata_entitlements_update_problems     (StrataEntitlements           *self);

/* What undo / redo would do ("Remove “On-site service”"), or NULL. */
const char *strata_entitlements_get_undo_label  (StrataEntitlements  *self);
const char *strata_entitlements_get_redo_label  (StrataEntitlements  *self);
/* The history behind undo / redo: the app's one StrataUndoStack. */
StrataUndoStack *strata_entitlements_get_history (StrataEntitlements *self);

G_END_DECLS
