/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit to Data: the draft rules fitted to a period's customers.
 *
 * - Bands of a base indicator (one band per tier, its points the tier's
 *   minimum score) placed by a method (strata-calibrate-math.h), edges
 *   rounded to numbers people write.
 * - Tier thresholds fitted on the final score (base points plus the
 *   current adjustment items) to hit the target shares.
 * - With a target renewal rate: quadrant thresholds from outcomes (a
 *   customer of period t renewed when retained in t+1, strata-retention.h):
 *   the result metric's smallest value where the isotonic renewal rate
 *   reaches the target; the process metric's smallest value from which at
 *   least half of the customers reach that result threshold.
 * - Evidence for adjustment items: retention with and without each.
 *
 * A part without data stays as in the draft and its note says why. */
#pragma once

#include "strata-calibrate-math.h"
#include "strata-engine.h"
#include "strata-format.h"

G_BEGIN_DECLS

/* Fewer customers with an outcome than this, or fewer than
 * STRATA_CALIBRATE_MIN_STEP in the step that sets a threshold, is too
 * little to trust a fit. */
#define STRATA_CALIBRATE_MIN_OUTCOMES 30
#define STRATA_CALIBRATE_MIN_STEP      5

typedef struct
{
  StrataCalibrateMethod  method;
  char                  *metric;   /* base indicator's metric; NULL: the draft's first */
  double                *shares;   /* one per draft tier, best first; NULL: default */
  double                 renewal;  /* target renewal rate; NaN: no quadrant fit */
} StrataCalibrateOptions;

typedef struct
{
  char  *id;
  char  *label;
  guint  with;           /* customers the item applies to */
  guint  with_retained;
  guint  without;
  guint  without_retained;
} StrataCalibrateEvidence;

typedef struct
{
  StrataRules *rules;          /* the draft with the fitted parts */
  char        *period;         /* bands and tiers fitted on it */
  guint        n_customers;
  char        *metric;         /* the base indicator's metric */
  StrataCalibrateMethod method;
  double      *shares;         /* the targets used, one per tier */
  gboolean     bands_fitted;
  gboolean     tiers_fitted;
  gboolean     quadrant_fitted;
  char        *bands_note;     /* why a part was not fitted (translated) */
  char        *tiers_note;
  char        *quadrant_note;
  guint       *before;         /* customers per tier: the draft, the fit */
  guint       *after;
  guint        n_tiers;
  guint        n_changed;      /* customers whose tier changes */
  char        *outcome_from;   /* the pair outcomes come from, or NULL */
  char        *outcome_to;
  double       renewal;
  GArray      *result_steps;   /* StrataIsotonicStep: renewal on y, or NULL */
  GArray      *process_steps;  /* reaching the y threshold on x, or NULL */
  GPtrArray   *evidence;       /* StrataCalibrateEvidence* (maybe empty) */
} StrataCalibration;

/* Default shares for n tiers: 5/15/25/25/30 for five, else equal. */
double            *strata_calibrate_default_shares (guint n_tiers);
/* "A=5,B=15,C=25,D=25,E=30" for the draft's tiers (each named once, all
 * of them, none negative, some positive) into one share per tier. */
double            *strata_calibrate_parse_shares   (const char         *text,
                                                    const StrataRules  *rules,
                                                    GError            **error);

/* The fit on loaded data. outcome_data and outcomes (one per row of it)
 * may be NULL: no quadrant fit, no evidence. Fails only on bad options. */
StrataCalibration *strata_calibrate_data       (const StrataRules            *draft,
                                                const StrataPeriodData       *data,
                                                const StrataPeriodData       *outcome_data,
                                                const guint8                 *outcomes,
                                                const StrataCalibrateOptions *options,
                                                GError                      **error);
/* The workspace's draft fitted on period (NULL: the latest); outcomes
 * from that period and the next, or the one before and it when it is the
 * last. */
StrataCalibration *strata_calibrate_workspace  (StrataWorkspace              *workspace,
                                                const char                   *period,
                                                const StrataCalibrateOptions *options,
                                                GError                      **error);
/* The outcomes a fit on period_id uses: that period's data and, per row,
 * whether the customer was retained in the next (the pair before when
 * it is the last); outcome_to names the next. All NULL (and TRUE) when
 * the workspace has no two consecutive periods; FALSE on a read error. */
gboolean           strata_calibrate_load_outcomes (StrataWorkspace    *workspace,
                                                   gint64              period_id,
                                                   StrataPeriodData  **outcome_data,
                                                   guint8            **outcomes,
                                                   char              **outcome_to,
                                                   GError            **error);
/* The same with only the columns of metrics (NULL-terminated; NULL: all)
 * in outcome_data: enough for strata_calibrate_evidence() of rules whose
 * adjustments read only those. */
gboolean           strata_calibrate_load_outcomes_of (StrataWorkspace    *workspace,
                                                      gint64              period_id,
                                                      const char * const *metrics,
                                                      StrataPeriodData  **outcome_data,
                                                      guint8            **outcomes,
                                                      char              **outcome_to,
                                                      GError            **error);
/* Retention with and without each adjustment item of rules on data
 * (outcomes one per row): StrataCalibrateEvidence*, items whose metric has
 * no values in data left out. */
GPtrArray         *strata_calibrate_evidence      (const StrataRules      *rules,
                                                   const StrataPeriodData *data,
                                                   const guint8           *outcomes);
/* The item with that id, or NULL. */
const StrataCalibrateEvidence *
                   strata_calibrate_evidence_find (const GPtrArray        *evidence,
                                                   const char             *id);
/* "with: 82% of 1,204 · without: 61% of 3,168" (translated, numbers by fmt). */
char              *strata_calibrate_evidence_text (const StrataCalibrateEvidence *evidence,
                                                   const StrataNumberFormat      *fmt);
/* "with 82% · without 61%": the rates alone, for a narrow table column. */
char              *strata_calibrate_evidence_short_text (const StrataCalibrateEvidence *evidence,
                                                         const StrataNumberFormat      *fmt);
gboolean           strata_calibration_fitted_anything (const StrataCalibration *calibration);
/* The evidence as people read it (translated, numbers by fmt). */
char              *strata_calibration_to_text  (const StrataCalibration     *calibration,
                                                const StrataNumberFormat    *fmt);
/* The quadrant part alone (thresholds and renewal steps; empty without
 * renewals), for the Quadrant page's dialog. */
char              *strata_calibration_quadrant_to_text (const StrataCalibration  *calibration,
                                                        const StrataNumberFormat *fmt);
void               strata_calibration_free     (StrataCalibration           *calibration);

/* The quadrant thresholds' fit alone: the smallest x where the isotonic
 * rate of outcome reaches target. FALSE with a message people read on
 * thin data or when the rate never gets there; steps is set either way
 * (NULL when nothing could be fitted). */
gboolean           strata_calibrate_threshold  (const double   *x,
                                                const guint8   *outcome,
                                                guint           n,
                                                double          target,
                                                double         *threshold,
                                                GArray        **steps,
                                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataCalibration, strata_calibration_free)

G_END_DECLS
