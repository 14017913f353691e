/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scoring engine: a pure function from (rules, period data) to result
 * columns. Rules are compiled once into a flat form with every metric
 * column resolved; scoring then walks columns without allocating. */
#pragma once

#include "strata-period-data.h"
#include "strata-rules.h"

G_BEGIN_DECLS

#define STRATA_TIER_NONE 255

/* One row per customer of the data it was scored from. Tier columns hold
 * indexes into the rules' tiers (STRATA_TIER_NONE when none); quadrant
 * holds a StrataQuadrant (STRATA_QUADRANT_NONE when x or y is missing). */
typedef struct
{
  guint    n;
  double  *base_points;
  double  *adjustment_points;
  double  *score;
  guint8  *base_tier;       /* from base_points */
  guint8  *tier;            /* from score */
  guint8  *override_tier;   /* the active override, or STRATA_TIER_NONE */
  guint8  *final_tier;      /* override_tier when set, else tier */
  guint8  *quadrant;        /* StrataQuadrant */
  guint    n_tiers;         /* of the rules it was scored with */
  /* GLib's atomic count rather than an rc box: the scoring reuses the
   * columns when it holds the only reference (strata_result_is_shared). */
  gatomicrefcount ref_count;
} StrataResult;

#define STRATA_TYPE_RESULT (strata_result_get_type ())
GType         strata_result_get_type (void) G_GNUC_CONST;
/* Columns of n zeros (a large result let go last is cleared and reused:
 * see strata-engine.c). */
StrataResult *strata_result_new      (guint         n);
StrataResult *strata_result_ref      (StrataResult *result);
void          strata_result_unref    (StrataResult *result);
/* TRUE when someone besides the caller holds the result. */
gboolean      strata_result_is_shared (const StrataResult *result);

/* Rules compiled against one StrataPeriodData (column pointers resolved). */
typedef struct _StrataCompiledRules StrataCompiledRules;

/* Validates the rules against the data's metrics and compiles them; fails
 * with STRATA_RULES_ERROR_INVALID naming the first problem. The compiled
 * form borrows the data: keep it alive while scoring. */
StrataCompiledRules *strata_engine_compile     (const StrataRules      *rules,
                                                const StrataPeriodData *data,
                                                GError                **error);
void                 strata_compiled_rules_free (StrataCompiledRules   *compiled);

/* Writes every column of result (result->n == data->n). No allocation. */
void                 strata_engine_run         (const StrataCompiledRules *compiled,
                                                StrataResult              *result);

/* compile + run: a new result, or NULL with error when the rules are invalid. */
StrataResult        *strata_engine_score       (const StrataRules      *rules,
                                                const StrataPeriodData *data,
                                                GError                **error);

/* The receipt of one customer's score: every number, where it came from. */
typedef struct
{
  const StrataIndicator *indicator;
  const char *metric_label; /* in the user's language */
  double    value;      /* NaN when missing */
  gboolean  missing;
  int       band;       /* index into indicator->bands, -1 when none */
  double    band_points;
  double    points;     /* weight x band points */
} StrataReceiptIndicator;

typedef struct
{
  const StrataAdjustment *adjustment;
  const char *metric_label;
  double    value;      /* NaN when missing */
  gboolean  missing;
  gboolean  applied;    /* enabled, present and the condition holds */
  gboolean  capped;     /* the cap limited the total */
  double    points;     /* 0 when not applied */
} StrataReceiptAdjustment;

typedef struct
{
  guint      row;
  char      *ext_id;
  char      *name;
  GArray    *indicators;   /* of StrataReceiptIndicator */
  GArray    *adjustments;  /* of StrataReceiptAdjustment */
  double     base_points;
  double     adjustment_points;
  double     score;
  int        base_tier;
  int        tier;         /* from the score */
  int        final_tier;   /* override or tier */
  int        tier_above;   /* the next better tier, -1 when at the top */
  double     points_to_next; /* min score of tier_above - score */
  StrataQuadrant quadrant;
  double     x, y, z;      /* NaN when missing or not configured */
  gboolean   has_override;
  int        override_tier; /* index, -1 when the override's tier is unknown */
  char      *override_tier_id;
  char      *override_reason;
  char      *override_author;
  char      *override_date;
  StrataRules *rules;      /* a copy, which the pointers above point into */
  GStringChunk *strings;   /* the metric labels */
} StrataReceipt;

/* Explains one row; the rules must be valid for the data. */
StrataReceipt *strata_engine_explain   (const StrataRules      *rules,
                                        const StrataPeriodData *data,
                                        guint                   row,
                                        GError                **error);
void           strata_receipt_free     (StrataReceipt          *receipt);
/* The receipt as readable text (translated), as `strata-cli explain` shows it. */
char          *strata_receipt_to_text  (const StrataReceipt    *receipt);
/* The receipt's lines as a person reads them, numbers grouped and localised:
 * an indicator "14,121,900 is in the band 10M and above: 50 points" (with
 * the weight when it is not 1); an adjustment's value ("2", "yes", "no
 * value") and what it gave: "+10 (+5 each, at most 15)", "not applied (-10
 * when ≥ 1)"; an adjustment's rule alone: "+5 each, at most 15". */
char          *strata_receipt_describe_indicator  (const StrataReceipt *receipt,
                                                   guint                i);
char          *strata_receipt_adjustment_value    (const StrataReceipt *receipt,
                                                   guint                i);
char          *strata_receipt_describe_adjustment (const StrataReceipt *receipt,
                                                   guint                i);
char          *strata_adjustment_describe_rule    (const StrataAdjustment *adjustment);

/* What-if: how final tiers move from result a (scored with rules a) to
 * result b (rules b) over the same data. The tier counts may differ. */
typedef struct
{
  guint   n_from;
  guint   n_to;
  guint  *matrix;        /* n_from x n_to: matrix[from * n_to + to] */
  GArray *changed_rows;  /* of guint: rows whose tier id differs */
  guint   n_up;          /* moved to a better tier (lower index in b) */
  guint   n_down;
} StrataWhatIf;

StrataWhatIf  *strata_whatif_compute   (const StrataRules      *rules_a,
                                        const StrataResult     *a,
                                        const StrataRules      *rules_b,
                                        const StrataResult     *b);
void           strata_whatif_free      (StrataWhatIf           *whatif);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataResult, strata_result_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataCompiledRules, strata_compiled_rules_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataReceipt, strata_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataWhatIf, strata_whatif_free)

G_END_DECLS
