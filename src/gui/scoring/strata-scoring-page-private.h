/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by strata-scoring-page.c (state, editing, rescoring, undo) and
 * strata-scoring-page-actions.c (publish, history, import and export). */
#pragma once

#include "strata-engine.h"
#include "strata-scoring.h"
#include "strata-impact-panel.h"
#include "strata-metric-list.h"
#include "strata-rules-editor.h"
#include "strata-rules-problems.h"
#include "strata-scoring-page.h"
#include "strata-undo-stack.h"

G_BEGIN_DECLS

typedef struct _StrataScoringOutcomes StrataScoringOutcomes;

struct _StrataScoringPage
{
  StrataPage            parent_instance;

  StrataScoring        *scoring;         /* the context's, whose draft we edit */
  StrataMetricList     *metrics;
  StrataRules          *draft;           /* edited in place by the editor */
  StrataRules          *valid_draft;     /* the last draft that was valid */
  StrataResult         *valid_result;    /* its result */
  guint                *valid_counts;    /* its customers per tier */
  gboolean              awaiting_scores; /* our draft is scored on a worker */
  gboolean              evidence_waits;  /* its evidence is counted after its impact */
  guint                 evidence_tick;   /* ... is painted (a tick callback) */
  guint                 evidence_ticks;
  StrataRulesProblems  *problems;
  StrataUndoStack      *undo;
  guint                 save_source;     /* a burst of merged edits lasts */
  char                 *burst_key;       /* its merge key */
  gboolean              save_pending;    /* edits of the burst wait to be saved */
  gboolean              save_failed;     /* the last save failed: its dialog is up */
  gboolean              pushing;         /* our own set_draft is running */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkLabel             *draft_label;
  StrataRulesEditor    *editor;
  AdwFlap              *impact_flap;    /* folds below 600 + 340 pixels */
  GtkWidget            *impact_toggle;  /* shown while it is folded */
  guint                 toggle_source;
  GtkStack             *impact_stack;
  StrataImpactPanel    *impact;
  GtkRevealer          *fit_banner;     /* the rules do not fit: offer Fit to Data */
  GtkLabel             *fit_banner_label;

  /* strata-scoring-impact.c */
  GCancellable          *impact_cancel;    /* the impact counted on a worker */
  guint                  impact_async_rows;

  /* strata-scoring-evidence.c */
  GCancellable          *evidence_cancel;
  StrataScoringOutcomes *outcomes;       /* read for evidence_data */
  StrataPeriodData      *evidence_data;  /* the scoring's data they were read for */
};

/* strata-scoring-page.c */
void     strata_scoring_page_toast         (StrataScoringPage *self,
                                            AdwToast          *toast);
/* Replaces the draft with rules (copied) as one undoable step. */
void     strata_scoring_page_replace_draft (StrataScoringPage *self,
                                            const StrataRules *rules,
                                            const char        *undo_label);
/* Writes the draft now if a burst of edits waits to be saved. */
gboolean strata_scoring_page_flush_draft   (StrataScoringPage *self,
                                            GError           **error);
void     strata_scoring_page_show_error    (StrataScoringPage *self,
                                            const char        *heading,
                                            const GError      *error);
/* Maps the final tiers of result (scored with rules) onto the tiers of
 * target by id, for a what-if: -1 where the tier is not in target. */
int     *strata_scoring_page_map_tiers     (const StrataRules  *rules,
                                            const StrataResult *result,
                                            const StrataRules  *target);
/* The map itself: each tier of rules (by index) to target's, or -1. */
int     *strata_scoring_page_tier_map      (const StrataRules  *rules,
                                            const StrataRules  *target);

/* strata-scoring-impact.c */
/* Shows the impact of the valid draft against the published rules: at
 * once for a small period, else counted on a worker (the panel marked as
 * updating meanwhile). */
void     strata_scoring_page_update_impact   (StrataScoringPage *self);
void     strata_scoring_page_cancel_impact   (StrataScoringPage *self);
/* From how many customers the impact is counted on a worker (tests). */
void     strata_scoring_page_set_impact_async_rows (StrataScoringPage *self,
                                                    guint              rows);
guint    strata_scoring_page_default_impact_async_rows (void);

/* strata-scoring-evidence.c */
/* Retention with and without each adjustment item of the draft, counted
 * on a worker and shown in the rules editor. */
void     strata_scoring_page_update_evidence (StrataScoringPage *self);
void     strata_scoring_page_clear_evidence  (StrataScoringPage *self);
/* The evidence of a draft scored on a worker, once its impact is shown. */
void     strata_scoring_page_evidence_after_impact (StrataScoringPage *self);

/* strata-scoring-page-actions.c */
void     strata_scoring_page_publish       (StrataScoringPage *self);
/* Publishes the draft on screen with note: a toast, or the error dialog. */
gboolean strata_scoring_page_publish_note  (StrataScoringPage *self,
                                            const char        *note);
void     strata_scoring_page_history       (StrataScoringPage *self);
void     strata_scoring_page_import_rules  (StrataScoringPage *self);
void     strata_scoring_page_export_rules  (StrataScoringPage *self);
/* Opens Fit to Data…; its result becomes the draft as one undo step. */
void     strata_scoring_page_fit_to_data   (StrataScoringPage *self);
/* When the workspace cannot take the draft (full disk, another writer):
 * writes a copy of the workspace with the draft on screen to path. */
gboolean strata_scoring_page_save_copy     (StrataScoringPage *self,
                                            const char        *path,
                                            GError           **error);
/* Asks where, then saves the copy (a toast says where it went). */
void     strata_scoring_page_choose_copy   (StrataScoringPage *self);

G_END_DECLS
